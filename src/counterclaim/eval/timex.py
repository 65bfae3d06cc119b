"""``counterclaim eval time --data PATH``: timex recognition and normalisation on TimeML.

Reads every ``*.tml`` file under PATH (TimeBank 1.2 / TempEval-3 layout): the
``<DCT>`` TIMEX3 is the article date, the ``<TIMEX3>`` elements inside
``<TEXT>`` are the gold expressions with their ``value``. Prints:

- recognition P/R/F1, strict (same span) and relaxed (overlapping span);
- value accuracy on the relaxed matches, and end-to-end value P/R/F1
  (a prediction counts when it overlaps a gold timex *and* has its value);
- the same by gold type (DATE, TIME, DURATION, SET);
- a dateparser-alone baseline (``search_dates`` anchored on the DCT) in the same run.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click

from ..errors import TimeEvalData
from .metrics import prf

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str | None
    type: str = "DATE"


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: date | None
    gold: list[Timex] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDoc:
    """Plain text of ``<TEXT>`` with the character offsets of its TIMEX3 elements."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise TimeEvalData(f"not well-formed TimeML: {exc}", where=str(path)) from exc
    dct: date | None = None
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is not None:
        try:
            dct = date.fromisoformat((dct_timex.get("value") or "")[:10])
        except ValueError:
            dct = None
    text_el = root.find("TEXT")
    if text_el is None:
        raise TimeEvalData("no <TEXT> element", where=str(path))
    parts: list[str] = []
    gold: list[Timex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3" and length > start:
            gold.append(Timex(start, length, el.get("value"), el.get("type", "DATE")))

    walk(text_el)
    return TimeMLDoc(path.stem, "".join(parts), dct, sorted(gold, key=lambda t: t.start))


def load(data: Path, *, skipped: list[str] | None = None) -> list[TimeMLDoc]:
    """Every readable TimeML file under ``data``; unreadable ones go to ``skipped`` (as messages)."""
    if not data.exists():
        raise TimeEvalData(f"no TimeML data at {data} (expected a folder of *.tml files, e.g. "
                           "../shared/data/time/timebank)")
    files = sorted(data.rglob("*.tml")) if data.is_dir() else [data]
    docs: list[TimeMLDoc] = []
    for f in files:
        try:
            docs.append(read_timeml(f))
        except TimeEvalData as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
    if not docs:
        raise TimeEvalData(f"no readable *.tml files under {data}")
    return docs


# --- systems ------------------------------------------------------------------------------


def run_counterclaim(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    from ..nlp import load_nlp
    from ..timeexpr.recognise import find_dates

    nlp = load_nlp()
    out: list[list[Timex]] = []
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
        # As the dates stage does: an entity that does not read as a time expression is dropped.
        out.append([Timex(f.start, f.end, f.value.timex, f.value.timex_type)
                    for f in find_dates(parsed, doc.dct) if f.value is not None])
    return out


def run_dateparser(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    """dateparser alone: ``search_dates`` for spans, its period for the value's precision."""
    from datetime import datetime

    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out: list[list[Timex]] = []
    for doc in docs:
        settings = {"RELATIVE_BASE": datetime(doc.dct.year, doc.dct.month, doc.dct.day)} if doc.dct else {}
        parser = DateDataParser(languages=["en"], settings=settings)
        found: list[Timex] = []
        cursor = 0
        for phrase, _ in search_dates(doc.text, languages=["en"], settings=settings) or []:
            start = doc.text.find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            data = parser.get_date_data(phrase)
            value = None
            if data.date_obj is not None:
                d = data.date_obj
                value = {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(
                    data.period or "day", d.date().isoformat())
            found.append(Timex(start, cursor, value))
        out.append(found)
    return out


# --- scoring ------------------------------------------------------------------------------


def score(docs: list[TimeMLDoc], predictions: list[list[Timex]]) -> dict[str, object]:
    counts: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for doc, pred in zip(docs, predictions):
        counts["gold"] += len(doc.gold)
        counts["pred"] += len(pred)
        used: set[int] = set()
        for g in doc.gold:
            kind = by_type.setdefault(g.type, Counter())
            kind["gold"] += 1
            match = next((i for i, p in enumerate(pred) if i not in used and p.start < g.end and g.start < p.end), None)
            if match is None:
                continue
            used.add(match)
            p = pred[match]
            strict = p.start == g.start and p.end == g.end
            correct = p.value is not None and p.value == g.value
            for c in (counts, kind):
                c["relaxed"] += 1
                c["strict"] += strict
                c["value"] += correct
    result: dict[str, object] = {
        "documents": len(docs),
        "gold": counts["gold"],
        "predicted": counts["pred"],
        "strict": prf(counts["strict"], counts["pred"], counts["gold"]),
        "relaxed": prf(counts["relaxed"], counts["pred"], counts["gold"]),
        "value_accuracy_on_matched": round(counts["value"] / counts["relaxed"], 4) if counts["relaxed"] else 0.0,
        "value": prf(counts["value"], counts["pred"], counts["gold"]),
        "by_type": {
            t: {"gold": c["gold"], "relaxed_recall": round(c["relaxed"] / c["gold"], 4) if c["gold"] else 0.0,
                "value_accuracy_on_matched": round(c["value"] / c["relaxed"], 4) if c["relaxed"] else 0.0,
                "value_recall": round(c["value"] / c["gold"], 4) if c["gold"] else 0.0}
            for t, c in by_type.items()
        },
    }
    return result


def _print_table(report: dict[str, dict]) -> None:
    click.echo(f"{'system':<14}{'strict P/R/F1':>24}{'relaxed P/R/F1':>24}{'value acc (matched)':>22}{'value P/R/F1':>24}")
    def trio(x: dict) -> str:
        return f"{x['precision']:.3f}/{x['recall']:.3f}/{x['f1']:.3f}"

    for name, r in report.items():
        click.echo(f"{name:<14}{trio(r['strict']):>24}{trio(r['relaxed']):>24}{r['value_accuracy_on_matched']:>22.3f}"
                   f"{trio(r['value']):>24}")
    for name, r in report.items():
        click.echo(f"\n{name} by gold type (relaxed recall / value accuracy on matched / value recall):")
        for t, x in r["by_type"].items():
            click.echo(f"  {t:<9} n={x['gold']:<5} {x['relaxed_recall']:.3f} / {x['value_accuracy_on_matched']:.3f}"
                       f" / {x['value_recall']:.3f}")


@click.command("time")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path),
              help="A folder of TimeML *.tml files (or one file).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--no-baseline", is_flag=True, help="Skip the dateparser-alone baseline row.")
def command(data: Path, as_json: bool, no_baseline: bool) -> None:
    """Timex recognition P/R/F1 and value accuracy on TimeML gold, with a dateparser baseline.

    \b
    Example:
      counterclaim eval time --data ../shared/data/time/timebank --json
    """
    skipped: list[str] = []
    try:
        docs = load(data, skipped=skipped)
    except TimeEvalData as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    for message in skipped:
        click.echo(f"skipped: {message}", err=True)
    report = {"counterclaim": score(docs, run_counterclaim(docs))}
    if not no_baseline:
        report["dateparser"] = score(docs, run_dateparser(docs))
    if as_json:
        click.echo(json.dumps({"data": str(data), "skipped": skipped, **report}, indent=2))
    else:
        click.echo(f"{len(docs)} documents, {report['counterclaim']['gold']} gold timexes ({data})")
        _print_table(report)
