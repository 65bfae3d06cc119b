"""``counterclaim eval acled --data FILE.csv``: the events stage against ACLED rows.

Each row's ``notes`` is an article (dated by ``event_date``); the first
ACLED-typed event the pipeline finds is compared with the row. Prints
event_type accuracy and macro-F1, sub_event_type accuracy and weighted F1,
location accuracy within 25 km and 161 km, fatalities exact match and mean
absolute error, and the actor1 match rate -- for all rows and for two parts
split by a hash of the event id (``tune`` ~80 %, ``heldout`` ~20 %), so that
rules tuned on one part can be checked on the other.

\b
Example:
  counterclaim eval acled --data ../shared/data/events/acled/acled_global_2020-04-27_to_05-09_RPanlilio.csv
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from ..errors import EventEvalColumns, EventEvalDataMissing
from ..geo.distance import haversine_km
from ..model import Article, ArticleResult, Event

NONE = "none"  # the class "no conflict event"
REQUIRED = ("notes", "event_type", "sub_event_type", "event_date")


# --- shared by the three events evaluations ----------------------------------


def event_pipeline(stages: Sequence[str] = ("mentions", "places", "dates", "events")):
    """A pipeline of the named stages that exist in this checkout (others may still be in progress)."""
    import importlib

    from ..extract.registry import _BUILTIN_MODULES
    from ..pipeline import Pipeline

    present = []
    for name in stages:
        try:
            importlib.import_module(_BUILTIN_MODULES[name])
        except ModuleNotFoundError:
            click.echo(f"note: stage {name!r} is not in this checkout; evaluating without it", err=True)
            continue
        present.append(name)
    return Pipeline(present)


def primary_event(result: ArticleResult) -> Event | None:
    """The event a one-event record describes: the first ACLED-typed one, else the first at all."""
    typed = [e for e in result.events if e.event_type]
    return typed[0] if typed else (result.events[0] if result.events else None)


def require_file(path: Path) -> None:
    if not path.exists():
        raise EventEvalDataMissing(
            "evaluation data not found (it lives outside the repository, e.g. ../shared/data/events/)",
            where=str(path),
        )


def f1_scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over gold classes, and support-weighted F1."""
    labels = sorted(set(gold))
    support = Counter(gold)
    per_class: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = support[label] - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per_class[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = len(gold)
    return {
        "n": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / n, 4) if n else 0.0,
        "macro_f1": round(sum(per_class.values()) / len(labels), 4) if labels else 0.0,
        "weighted_f1": round(sum(per_class[label] * support[label] for label in labels) / n, 4) if n else 0.0,
        "per_class_f1": {label: round(score, 3) for label, score in per_class.items()},
    }


def split_of(key: str) -> str:
    """A stable ~80/20 split by the hash of a record id."""
    return "heldout" if int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "tune"


# --- ACLED -----------------------------------------------------------------


@dataclass(frozen=True)
class AcledRow:
    id: str
    notes: str
    date: str | None
    event_type: str
    sub_event_type: str
    lat: float | None
    lon: float | None
    fatalities: int | None
    actor1: str


def _iso_date(raw: str) -> str | None:
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%B %d, %Y", "%d-%b-%y", "%d-%B-%Y", "%d %b %Y"):
        try:
            return datetime.strptime(raw.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _float(raw: str | None) -> float | None:
    try:
        return float(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def read_acled(path: Path) -> list[AcledRow]:
    require_file(path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise EventEvalColumns(f"not an ACLED export: missing column(s) {', '.join(missing)}", where=str(path))
        rows = []
        for n, raw in enumerate(reader):
            fat = _float(raw.get("fatalities"))
            rows.append(
                AcledRow(
                    id=raw.get("event_id_cnty") or raw.get("data_id") or str(n),
                    notes=raw["notes"] or "",
                    date=_iso_date(raw["event_date"] or ""),
                    event_type=raw["event_type"],
                    sub_event_type=raw["sub_event_type"],
                    lat=_float(raw.get("latitude")),
                    lon=_float(raw.get("longitude")),
                    fatalities=int(fat) if fat is not None else None,
                    actor1=raw.get("actor1") or "",
                )
            )
    return rows


def _actor_key(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)  # "(2016-)", "(Israel)"
    name = re.sub(r"[^\w\s]", " ", name.lower())
    return " ".join(name.split())


def actor_match(gold: str, pred: str | None) -> bool:
    """Same actor up to ACLED's date/country suffixes and sub-unit words."""
    if not pred or not gold:
        return False
    g, p = _actor_key(gold), _actor_key(pred)
    if not g or not p:
        return False
    if g == p or g.startswith(p + " ") or p.startswith(g + " "):
        return True
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(g, p) >= 90


@dataclass
class Scored:
    row: AcledRow
    event: Event | None
    lat: float | None
    lon: float | None
    # every resolved, non-actor place of the note: the best of them bounds what choosing can reach
    candidates: tuple[tuple[float, float], ...] = ()


def _location(result: ArticleResult, event: Event | None) -> tuple[float | None, float | None]:
    places = result.places
    if event is not None and event.place is not None and places[event.place].lat is not None:
        return places[event.place].lat, places[event.place].lon
    for place in places:  # the record's location is usually the first place named
        if place.lat is not None and place.role == "place":
            return place.lat, place.lon
    return None, None


def _best_km(s: Scored) -> float:
    """Distance from the gold point to the nearest place the places stage found in the note."""
    assert s.row.lat is not None and s.row.lon is not None
    return min((haversine_km(s.row.lat, s.row.lon, lat, lon) for lat, lon in s.candidates), default=math.inf)


def metrics(scored: list[Scored]) -> dict[str, object]:
    if not scored:
        return {"n": 0}
    gold_type = [s.row.event_type for s in scored]
    pred_type = [s.event.event_type or NONE if s.event else NONE for s in scored]
    gold_sub = [s.row.sub_event_type for s in scored]
    pred_sub = [s.event.sub_event_type or NONE if s.event else NONE for s in scored]
    located = [s for s in scored if s.row.lat is not None]
    dists = [
        haversine_km(s.row.lat, s.row.lon, s.lat, s.lon) if s.lat is not None else math.inf  # type: ignore[arg-type]
        for s in located
    ]
    with_fat = [s for s in scored if s.row.fatalities is not None]
    pred_fat = [
        (s.event.fatalities.min or 0) if s.event and s.event.fatalities else 0 for s in with_fat
    ]
    types = f1_scores(gold_type, pred_type)
    subs = f1_scores(gold_sub, pred_sub)
    return {
        "n": len(scored),
        "event_type": {"accuracy": types["accuracy"], "macro_f1": types["macro_f1"]},
        "sub_event_type": {"accuracy": subs["accuracy"], "weighted_f1": subs["weighted_f1"],
                           "macro_f1": subs["macro_f1"], "per_class_f1": subs["per_class_f1"]},
        "location": {
            "n": len(located),
            "within_25km": round(sum(d <= 25 for d in dists) / len(dists), 4) if dists else 0.0,
            "within_161km": round(sum(d <= 161 for d in dists) / len(dists), 4) if dists else 0.0,
            "resolved": round(sum(d != math.inf for d in dists) / len(dists), 4) if dists else 0.0,
            "ceiling_25km": round(sum(_best_km(s) <= 25 for s in located) / len(located), 4) if located else 0.0,
        },
        "fatalities": {
            "n": len(with_fat),
            "exact": round(sum(p == s.row.fatalities for p, s in zip(pred_fat, with_fat)) / len(with_fat), 4)
            if with_fat else 0.0,
            "mae": round(sum(abs(p - (s.row.fatalities or 0)) for p, s in zip(pred_fat, with_fat)) / len(with_fat), 3)
            if with_fat else 0.0,
        },
        "actor1_match": round(sum(actor_match(s.row.actor1, s.event.actor1 if s.event else None)
                                  for s in scored) / len(scored), 4),
    }


def run(rows: Iterable[AcledRow], pipeline) -> list[Scored]:
    articles = [
        Article(id=f"acled-{row.id}", text=row.notes, date=row.date, date_origin="metadata", external_id=row.id)
        for row in rows
    ]
    by_id = {f"acled-{row.id}": row for row in rows}  # type: ignore[union-attr]
    scored: list[Scored] = []
    for result in pipeline.run_many(articles, batch_size=64):
        event = primary_event(result)
        lat, lon = _location(result, event)
        candidates = tuple((p.lat, p.lon) for p in result.places if p.lat is not None and p.lon is not None)
        scored.append(Scored(by_id[result.article.id], event, lat, lon, candidates))
    return scored


def _print_table(report: dict[str, dict]) -> None:
    for part, m in report.items():
        if part == "seconds" or not isinstance(m, dict) or not m.get("n"):
            continue
        click.echo(f"[{part}] n={m['n']}")
        click.echo(f"  event_type      acc {m['event_type']['accuracy']:.3f}  macro-F1 {m['event_type']['macro_f1']:.3f}")
        click.echo(f"  sub_event_type  acc {m['sub_event_type']['accuracy']:.3f}  weighted-F1 "
                   f"{m['sub_event_type']['weighted_f1']:.3f}")
        loc = m["location"]
        click.echo(f"  location        <=25km {loc['within_25km']:.3f}  <=161km {loc['within_161km']:.3f}  "
                   f"(ceiling: some place found <=25km {loc['ceiling_25km']:.3f})")
        fat = m["fatalities"]
        click.echo(f"  fatalities      exact {fat['exact']:.3f}  MAE {fat['mae']:.2f}")
        click.echo(f"  actor1          match {m['actor1_match']:.3f}")


@click.command("acled")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path), help="ACLED CSV export with notes.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--limit", type=int, default=None, help="Score only the first N rows.")
@click.option("--split", type=click.Choice(["all", "tune", "heldout"]), default="all",
              help="Which hash-split part to run (the report always breaks 'all' down by part).")
def command(data: Path, as_json: bool, limit: int | None, split: str) -> None:
    """Score the events stage against ACLED rows (notes -> type, sub-type, place, fatalities, actor1).

    \b
    Example:
      counterclaim eval acled --data ../shared/data/events/acled/acled_global_2020-04-27_to_05-09_RPanlilio.csv --json
    """
    try:
        rows = read_acled(data)
    except (EventEvalDataMissing, EventEvalColumns) as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    if split != "all":
        rows = [r for r in rows if split_of(r.id) == split]
    if limit:
        rows = rows[:limit]
    started = time.perf_counter()
    scored = run(rows, event_pipeline())
    report: dict[str, object] = {"all": metrics(scored)}
    for part in ("tune", "heldout"):
        report[part] = metrics([s for s in scored if split_of(s.row.id) == part])
    report["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        _print_table(report)  # type: ignore[arg-type]
        click.echo(f"({report['seconds']} s)")
