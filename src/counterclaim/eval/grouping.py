"""``counterclaim eval grouping --data emergent.csv``: group report headlines by the claim they are about.

Emergent (Ferreira & Vlachos 2016) gives each article headline the claim it
reports (``claimId``). We cluster the headlines alone, unsupervised, with the
linker's similarity machinery (``counterclaim.link.similarity``), and score the
clusters against the claimId grouping with B-cubed precision / recall / F1
(Bagga & Baldwin 1998). Baseline rows: every headline alone (singletons) and
all headlines in one cluster. ``--split dev`` scores the claims whose id
hashes into the dev half (the half used to pick the threshold), ``--split
rest`` the other half, ``all`` (default) every row.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ClaimsEvalData

COLUMNS = ("articleHeadline", "claimId")


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ClaimsEvalData(f"no Emergent CSV at {path} (e.g. --data ../shared/data/claims/emergent/emergent.csv)")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ClaimsEvalData(f"missing column(s) {', '.join(missing)}", where=str(path))
        rows = [r for r in reader if r.get("articleHeadline") and r.get("claimId")]
    if not rows:
        raise ClaimsEvalData("no rows with an articleHeadline and a claimId", where=str(path))
    return rows


def in_dev(claim_id: str) -> bool:
    return int(hashlib.sha1(claim_id.encode()).hexdigest(), 16) % 2 == 0


def bcubed(gold: Sequence[str], pred: Sequence[object]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` against ``gold`` labels."""
    by_gold: dict[str, set[int]] = defaultdict(set)
    by_pred: dict[object, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    n = len(gold)
    if not n:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    precision = recall = 0.0
    for i in range(n):
        g, p = by_gold[gold[i]], by_pred[pred[i]]
        overlap = len(g & p)
        precision += overlap / len(p)
        recall += overlap / len(g)
    p_, r_ = precision / n, recall / n
    return {"p": round(p_, 4), "r": round(r_, 4), "f1": round(2 * p_ * r_ / (p_ + r_), 4) if p_ + r_ else 0.0}


def evaluate(rows: list[dict[str, str]], threshold: float) -> dict[str, object]:
    from ..link.similarity import group_texts

    gold = [r["claimId"] for r in rows]
    labels = group_texts([r["articleHeadline"] for r in rows], threshold=threshold)
    return {
        "headlines": len(rows),
        "claims": len(set(gold)),
        "clusters": len(set(labels)),
        "threshold": threshold,
        "rows": {
            "counterclaim": bcubed(gold, labels),
            "baseline: singletons": bcubed(gold, list(range(len(rows)))),
            "baseline: one cluster": bcubed(gold, [0] * len(rows)),
        },
    }


@click.command()
@click.option("--data", required=True, help="Emergent CSV (columns articleHeadline, claimId).")
@click.option("--split", type=click.Choice(["all", "dev", "rest"]), default="all", show_default=True,
              help="Which claims to score: the dev half (threshold tuned there), the rest, or all.")
@click.option("--threshold", type=float, default=None, help="Similarity threshold (default: the tuned one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(data: str, split: str, threshold: float | None, as_json: bool) -> None:
    """Cluster report headlines by claim and score against Emergent's claimId with B-cubed P/R/F1.

    \b
    Example:
      counterclaim eval grouping --data ../shared/data/claims/emergent/emergent.csv
    """
    from ..link.similarity import DEFAULT_THRESHOLD

    try:
        rows = read_rows(Path(data))
    except ClaimsEvalData as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if split != "all":
        rows = [r for r in rows if in_dev(r["claimId"]) == (split == "dev")]
    result = evaluate(rows, DEFAULT_THRESHOLD if threshold is None else threshold)
    result["split"] = split
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{result['headlines']} headlines, {result['claims']} claims, {result['clusters']} clusters "
               f"(split {split}, threshold {result['threshold']})")
    click.echo(f"{'system':<24}{'P':>8}{'R':>8}{'F1':>8}")
    for name, s in result["rows"].items():  # type: ignore[union-attr]
        click.echo(f"{name:<24}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}")
