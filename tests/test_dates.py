"""The ``dates`` stage: the seed golden test, tense from the parse, the sample-corpus floor, bad input.

One spaCy model for the whole session (the ``nlp`` fixture); only the ``mentions`` and
``dates`` stages run here, so these tests do not depend on the other extractors.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from counterclaim.extract.dates import date_for_span
from counterclaim.extract.registry import get_stage
from counterclaim.model import Article, ArticleResult, DateMention

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def run_dates(nlp):
    mentions, dates = get_stage("mentions"), get_stage("dates")

    def run(text: str, date: str | None = "2020-11-08") -> ArticleResult:
        result = ArticleResult(article=Article(id="t", text=text, date=date, date_origin="header"))
        doc = nlp(text)
        mentions(doc, result)
        dates(doc, result)
        return result

    return run


def find(result: ArticleResult, text: str) -> DateMention:
    hits = [d for d in result.dates if d.span.text == text]
    assert hits, f"no date {text!r} in {[d.span.text for d in result.dates]}"
    return hits[0]


# --- the seed article -------------------------------------------------------------------------

SEED_DATES = [
    # (span text, value, precision, end, duration, approximate)
    ("Sunday", "2020-11-08", "day", None, None, False),
    ("November 8", "2020-11-08", "day", None, None, False),
    ("six weeks", None, "duration", None, "P6W", False),
    ("nearly six weeks", None, "duration", None, "P6W", True),
    ("During the night", "2020-11-07", "range", "2020-11-08", None, False),
    ("since 1994", "1994", "range", None, None, False),
    ("September 27", "2020-09-27", "day", None, None, False),
]


@pytest.fixture(scope="module")
def seed_result(run_dates, seed_raw):
    return run_dates(seed_raw, "2020-11-08")


@pytest.mark.parametrize(("text", "value", "precision", "end", "duration", "approximate"), SEED_DATES)
def test_seed_dates(seed_result, text, value, precision, end, duration, approximate):
    d = find(seed_result, text)
    assert (d.value, d.precision, d.end, d.duration, d.approximate) == (value, precision, end, duration, approximate)


def test_seed_the_day_is_left_unresolved(seed_result):
    assert find(seed_result, "the day").value is None


def test_seed_header_is_not_a_date_mention(seed_result, seed_raw):
    header_end = seed_raw.index("But")
    assert all(d.span.start >= header_end for d in seed_result.dates)


def test_seed_spans_point_into_the_text(seed_result, seed_raw):
    for d in seed_result.dates:
        assert seed_raw[d.span.start:d.span.end] == d.span.text
    assert seed_result.stages["dates"]


# --- tense, read from the parse ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The minister said on Friday that the talks had failed.", "Friday", "2020-11-06"),
        ("The ministers will meet on Friday in Moscow.", "Friday", "2020-11-13"),
        ("The pope is due to travel to Najaf on Saturday.", "Saturday", "2020-11-14"),
        ("He will visit Erbil before returning to Rome on Monday.", "Monday", "2020-11-09"),
        ("Rebels have held the town since Tuesday.", "since Tuesday", "2020-11-03"),
        ("The ceasefire took effect on Saturday.", "Saturday", "2020-11-07"),
    ],
)
def test_weekday_follows_the_tense_of_its_clause(run_dates, text, expression, value):
    assert find(run_dates(text), expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "value", "precision"),
    [
        ("Shelling resumed overnight, the ministry said.", "overnight", "2020-11-07", "range"),
        ("The offensive began in October.", "October", "2020-10", "month"),
        ("Protests broke out last week in Yerevan.", "last week", "2020-10-26", "range"),
        ("Fighting began on 27 September and intensified between 1 and 3 October.", "between 1 and 3 October",
         "2020-10-01", "range"),
        ("The war of 2014-2020 left the region in ruins.", "2014-2020", "2014", "range"),
        ("Two days ago the town was shelled.", "Two days ago", "2020-11-06", "day"),
        ("Yesterday the army said it had advanced.", "Yesterday", "2020-11-07", "day"),
        ("Residents fled this morning.", "this morning", "2020-11-08", "time"),
    ],
)
def test_expressions_in_running_text(run_dates, text, expression, value, precision):
    d = find(run_dates(text), expression)
    assert (d.value, d.precision) == (value, precision)


def test_modal_may_is_not_a_month(run_dates):
    result = run_dates("Officials may announce a truce, but fighting may continue.")
    assert result.dates == []


# --- date_for_span: what claims and events are dated with --------------------------------------


def test_date_for_span_prefers_a_day_inside_the_clause(run_dates):
    text = "Fighting has raged for nearly six weeks. Aliyev said on Sunday that Shusha had fallen."
    result = run_dates(text)
    second = text.index("Aliyev")
    found = date_for_span(result, second, len(text))
    assert found is not None and (found.value, found.precision) == ("2020-11-08", "day")
    first = date_for_span(result, 0, second, fallback_to_article=False)
    assert first is None  # a duration dates nothing


def test_date_for_span_falls_back_to_the_article_date(run_dates):
    result = run_dates("The ministry said that the talks had failed.", "2022-03-01")
    found = date_for_span(result, 0, 20)
    assert found is not None and (found.value, found.precision) == ("2022-03-01", "day")
    assert date_for_span(run_dates("The talks failed.", None), 0, 17) is None


# --- bad input ----------------------------------------------------------------------------------


def test_no_article_date_leaves_relative_dates_unresolved(run_dates):
    result = run_dates("Aliyev said on Sunday that the war began on 27 September 2020.", None)
    assert find(result, "Sunday").value is None
    assert find(result, "27 September 2020").value == "2020-09-27"
    assert result.warnings == []


def test_unreadable_article_date_warns_with_a_code_and_does_not_crash(run_dates):
    result = run_dates("Aliyev said on Sunday that Shusha had fallen.", "8th of Brumaire")
    assert find(result, "Sunday").value is None
    assert any(w.startswith("[E105]") for w in result.warnings)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "In 9999 the year 3021 was 80486 days away.", "Shusha Shushi Şuşa",
                                  "“Since” — during — on — 12/45/2020 — February 30"])
def test_odd_text_does_not_crash(run_dates, text):
    result = run_dates(text)
    assert all(d.value is None or d.value[:4] < "2200" for d in result.dates)


# --- quality floor on the project's own sample corpus (tests/golden) --------------------------

# Measured 2026-11-25: overlap P 0.91, R 0.95, value+precision accuracy 0.89 on 130 gold dates.
FLOOR = {"precision": 0.85, "recall": 0.90, "value_accuracy": 0.85}


def _sample_records() -> list[dict]:
    path = resources.files("counterclaim.data").joinpath("samples", "articles.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sample_corpus_quality_floor(run_dates):
    tp = fp = fn = correct = 0
    for record in _sample_records():
        gold = json.loads((GOLDEN / f"{record['id']}.json").read_text(encoding="utf-8"))["dates"]
        found = run_dates(record["text"], record["date"]).dates
        used: set[int] = set()
        for g in gold:
            match = next((i for i, d in enumerate(found)
                          if i not in used and d.span.start < g["end"] and g["start"] < d.span.end), None)
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            correct += (found[match].value, found[match].precision) == (g["value"], g["precision"])
        fp += len(found) - len(used)
    assert tp + fn > 100, "the golden corpus shrank: re-pin the floor"
    scores = {"precision": tp / (tp + fp), "recall": tp / (tp + fn), "value_accuracy": correct / tp}
    for name, floor in FLOOR.items():
        assert scores[name] >= floor, f"{name} {scores[name]:.3f} fell below {floor} ({scores})"
