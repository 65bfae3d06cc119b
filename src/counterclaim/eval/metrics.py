"""Scores shared by the evaluation tasks."""

from __future__ import annotations


def prf(tp: float, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from a true-positive count and the predicted / gold totals."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
