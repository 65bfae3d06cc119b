"""``counterclaim eval stance --data emergent.csv``: our stance of each article headline toward its claim.

Emergent (Ferreira & Vlachos 2016) rows give claimHeadline, articleHeadline and
articleHeadlineStance in {for, against, observing}; our stances map
asserts -> for, denies -> against, hedges -> observing. Prints accuracy,
per-class P/R/F1 and a majority-class baseline row (the most frequent gold
label, predicted for every row).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

import click

from ..errors import ClaimsEvalData

LABELS = ("for", "against", "observing")
TO_EMERGENT = {"asserts": "for", "denies": "against", "hedges": "observing"}
COLUMNS = ("claimHeadline", "articleHeadline", "articleHeadlineStance")


def read_emergent(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ClaimsEvalData(f"no Emergent CSV at {path} "
                             "(e.g. --data ../shared/data/claims/emergent/emergent.csv)")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ClaimsEvalData(f"missing column(s) {', '.join(missing)}", where=str(path))
        rows = [r for r in reader if r["articleHeadlineStance"] in LABELS]
    if not rows:
        raise ClaimsEvalData("no rows with a for/against/observing stance", where=str(path))
    return rows


def scores(gold: list[str], pred: list[str]) -> dict[str, object]:
    per_class: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        n_pred, n_gold = pred.count(label), gold.count(label)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        per_class[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                            "gold": n_gold}
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    macro = sum(c["f1"] for c in per_class.values()) / len(LABELS)
    return {"accuracy": round(accuracy, 4), "macro_f1": round(macro, 4), "per_class": per_class}


@click.command("stance")
@click.option("--data", type=click.Path(path_type=Path), required=True,
              help="Emergent CSV (e.g. ../shared/data/claims/emergent/emergent.csv).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(data: Path, as_json: bool) -> None:
    """Accuracy and per-class F1 of our stance (for / against / observing) on Emergent headlines.

    \b
    Example:
      counterclaim eval stance --data ../shared/data/claims/emergent/emergent.csv
    """
    from ..extract.claims.stance import report_stance

    try:
        rows = read_emergent(data)
    except ClaimsEvalData as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    gold = [r["articleHeadlineStance"] for r in rows]
    ours = [TO_EMERGENT[report_stance(r["articleHeadline"], r["claimHeadline"])] for r in rows]
    majority = Counter(gold).most_common(1)[0][0]
    systems = {"counterclaim": scores(gold, ours), f"majority ({majority})": scores(gold, [majority] * len(gold))}
    if as_json:
        click.echo(json.dumps({"data": str(data), "rows": len(rows), "systems": systems}, indent=2))
        return
    click.echo(f"data={data} rows={len(rows)}")
    click.echo(f"{'system':20} {'acc':>6} {'macroF1':>8} " + " ".join(f"{'F1 ' + lab:>12}" for lab in LABELS))
    for name, s in systems.items():
        cells = " ".join(f"{s['per_class'][lab]['f1']:>12.3f}" for lab in LABELS)
        click.echo(f"{name:20} {s['accuracy']:>6.3f} {s['macro_f1']:>8.3f} {cells}")
