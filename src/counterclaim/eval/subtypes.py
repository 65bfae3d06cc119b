"""``counterclaim eval subtypes --data FILE.tsv``: sub-event type of short event snippets.

The TSV has columns ``id``, ``EventSnippet`` and ``SubType``; SubType is one of
the 25 ACLED sub-event codes (ARMED_CLASH ... OTHER, see
``data/events/acled_types.json``) or a non-event code (MAN_MADE_DISASTER,
NATURAL_DISASTER, DIPLO, ORG_CRIME, ATTRIB) for which the right answer is *no
conflict event*. Prints accuracy, macro-F1 and weighted F1 (all rows, and the
hash split of ``eval acled``).

\b
Example:
  python scripts/make_subtype_tsv.py ../shared/data/events/acled/acled_global_2020-04-27_to_05-09_RPanlilio.csv /tmp/subtypes.tsv
  counterclaim eval subtypes --data /tmp/subtypes.tsv
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import click

from ..errors import EventEvalColumns, EventEvalDataMissing
from ..extract.events.lexicon import acled_types, non_event_codes
from ..model import Article
from .acled import NONE, event_pipeline, f1_scores, primary_event, require_file, split_of

COLUMNS = ("id", "EventSnippet", "SubType")


def code_of_sub() -> dict[str, str]:
    return {t.sub_event_type: t.code for t in acled_types()}


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, gold code or NONE) rows; unknown codes are an error, not a silent miss."""
    require_file(path)
    known = {t.code for t in acled_types()}
    non_events = non_event_codes()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise EventEvalColumns(f"snippet TSV lacks column(s) {', '.join(missing)}", where=str(path))
        rows = []
        for n, raw in enumerate(reader, start=2):
            code = (raw["SubType"] or "").strip()
            if code in non_events:
                code = NONE
            elif code not in known:
                raise EventEvalColumns(f"line {n}: unknown SubType code {code!r}", where=str(path))
            rows.append((raw["id"], raw["EventSnippet"] or "", code))
    return rows


@click.command("subtypes")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path), help="TSV: id, EventSnippet, SubType.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--limit", type=int, default=None, help="Score only the first N rows.")
def command(data: Path, as_json: bool, limit: int | None) -> None:
    """Score the sub-event type of event snippets (non-event codes must predict none).

    \b
    Example:
      counterclaim eval subtypes --data /tmp/subtypes.tsv --json
    """
    try:
        rows = read_snippets(data)
    except (EventEvalDataMissing, EventEvalColumns) as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    if limit:
        rows = rows[:limit]
    started = time.perf_counter()
    pipeline = event_pipeline(("mentions", "events"))
    codes = code_of_sub()
    articles = [Article(id=f"s{i}", text=text, date=None, date_origin="ingest-time") for i, (_, text, _) in enumerate(rows)]
    pred: list[str] = []
    for result in pipeline.run_many(articles, batch_size=64):
        event = primary_event(result)
        pred.append(codes.get(event.sub_event_type or "", NONE) if event and event.sub_event_type else NONE)
    gold = [code for _, _, code in rows]
    report: dict[str, object] = {"all": f1_scores(gold, pred)}
    for part in ("tune", "heldout"):
        idx = [i for i, (rid, _, _) in enumerate(rows) if split_of(rid) == part]
        report[part] = f1_scores([gold[i] for i in idx], [pred[i] for i in idx])
    report["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    for part in ("all", "tune", "heldout"):
        m = report[part]
        assert isinstance(m, dict)
        click.echo(f"[{part}] n={m['n']}  accuracy {m['accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  "
                   f"weighted-F1 {m['weighted_f1']:.3f}")
