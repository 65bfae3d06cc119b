"""The bundled sample corpus and its golden annotations stay consistent.

The corpus (``counterclaim/data/samples/articles.jsonl``) is what ``counterclaim demo``
ingests and what the stage quality floors are pinned on; ``tests/golden/`` holds the
hand-written annotations (format in ``tests/golden/README.md``). These tests check the
data itself, not any extractor: every annotated string must really be in its article at
the stated offsets, so that a floor test can never pass or fail on a typo.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from counterclaim.model import CLAIM_KINDS, DATE_PRECISIONS, PLACE_KINDS, STANCES, STATUSES

GOLDEN = Path(__file__).resolve().parent / "golden"
REQUIRED_KEYS = ("id", "date", "title", "outlet", "url", "text")
SEED_ID = "seed_article"
# the 25 ACLED sub-event types (ACLED codebook) and their event types
ACLED = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
}
CHANNELS = {"televised address", "video address", "Facebook", "Twitter", "Telegram", "statement",
            "press conference", "interview", "speech", "social media", None}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SEED_HEADER = re.compile(r"\A[ \t]*date[ \t]*:?[ \t]+\d[\d./-]*\d(?=[ \t\r\n]|\Z)", re.I)


@lru_cache(maxsize=1)
def corpus_lines() -> tuple[str, ...]:
    path = resources.files("counterclaim.data").joinpath("samples", "articles.jsonl")
    return tuple(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def articles() -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in map(json.loads, corpus_lines())}


def golden(article_id: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{article_id}.json").read_text(encoding="utf-8"))


def seed_text(raw: str) -> str:
    """The seed as ingest stores it: date header removed, surrounding whitespace stripped."""
    return SEED_HEADER.sub("", raw, count=1).strip()


def is_iso_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


ARTICLE_IDS = sorted(articles())


# -- the corpus ---------------------------------------------------------------------------

def test_corpus_size_and_unique_ids() -> None:
    ids = [json.loads(line)["id"] for line in corpus_lines()]
    assert 24 <= len(ids) <= 32
    assert len(ids) == len(set(ids)), "duplicate article ids"


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_record_is_complete_and_well_formed(article_id: str) -> None:
    record = articles()[article_id]
    for key in REQUIRED_KEYS:
        assert isinstance(record.get(key), str) and record[key].strip(), f"{article_id}: missing {key}"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*-\d{2}", article_id), article_id
    date = dt.date.fromisoformat(record["date"])
    assert dt.date(2020, 1, 1) <= date <= dt.date.today()
    # fictional outlets only: every URL lives under a reserved .example domain
    assert re.match(r"^https://[a-z0-9-]+\.example/", record["url"]), record["url"]
    assert f"/{record['date'].replace('-', '/')}/" in record["url"]
    words = len(record["text"].split())
    assert 150 <= words <= 450, f"{article_id}: {words} words"
    assert "\n\n" in record["text"], "paragraphs are separated by blank lines"
    assert record["text"] == record["text"].strip()


def test_a_few_outlets_and_several_stories() -> None:
    outlets = {record["outlet"] for record in articles().values()}
    assert 3 <= len(outlets) <= 4
    stories = {golden(article_id)["story"] for article_id in ARTICLE_IDS}
    assert {"shusha", "hadrut", "snake-island", "karabakh-casualties"} <= stories
    negatives = [article_id for article_id in ARTICLE_IDS if golden(article_id)["story"] is None]
    assert 2 <= len(negatives) <= 3


def test_seed_copy_is_byte_identical(shared_seed_path: Path) -> None:
    bundled = resources.files("counterclaim.data").joinpath("samples", "seed_article.txt")
    assert bundled.read_bytes() == shared_seed_path.read_bytes()


def test_sources_note_covers_every_story() -> None:
    note = resources.files("counterclaim.data").joinpath("samples", "SOURCES.md").read_text(encoding="utf-8")
    assert "original" in note.lower()
    for article_id in ARTICLE_IDS:
        assert article_id in note or article_id.rsplit("-", 1)[0] in note, article_id


# -- golden files ------------------------------------------------------------------------

def test_every_article_has_a_golden_file_and_no_strays() -> None:
    files = {p.stem for p in GOLDEN.glob("*.json")} - {"stories"}
    assert files == set(ARTICLE_IDS) | {SEED_ID}


def text_of(article_id: str, seed_raw: str | None) -> str:
    if article_id == SEED_ID:
        assert seed_raw is not None
        return seed_text(seed_raw)
    return articles()[article_id]["text"]


def assert_span(text: str, string: str | None, span: list[int] | None, what: str) -> None:
    if string is None:
        assert span is None, what
        return
    assert span is not None and text[span[0]:span[1]] == string, f"{what}: {string!r} not at {span}"


@pytest.fixture(scope="module")
def seed_raw_or_none(request: pytest.FixtureRequest) -> str | None:
    try:
        return request.getfixturevalue("seed_raw")
    except pytest.skip.Exception:
        return None


@pytest.mark.parametrize("article_id", ARTICLE_IDS + [SEED_ID])
def test_golden_claims_point_at_their_text(article_id: str, seed_raw_or_none: str | None) -> None:
    if article_id == SEED_ID and seed_raw_or_none is None:
        pytest.skip("seed article not available")
    text = text_of(article_id, seed_raw_or_none)
    claims = golden(article_id)["claims"]
    for i, claim in enumerate(claims):
        where = f"{article_id} claim {i}"
        assert_span(text, claim["speaker"], claim["spans"]["speaker"], where + " speaker")
        assert_span(text, claim["cue"], claim["spans"]["cue"], where + " cue")
        assert_span(text, claim["content"], claim["spans"]["content"], where + " content")
        for part in claim.get("content_parts", []):
            assert part in text, f"{where}: content part {part!r}"
        assert claim["kind"] in CLAIM_KINDS and claim["stance"] in STANCES, where
        assert claim["channel"] in CHANNELS, where
        assert claim["date"] is None or (DATE_VALUE.match(claim["date"]) and is_iso_date(claim["date"])), where
        assert claim["refers_to"] is None or 0 <= claim["refers_to"] < len(claims), where
        assert claim["refers_to"] != i, where
        if claim["speaker"] is None and claim["cue"] is not None:
            assert claim["actor"] == "narrator" and claim["stance"] == "hedges", where


@pytest.mark.parametrize("article_id", ARTICLE_IDS + [SEED_ID])
def test_golden_places_and_dates_point_at_their_text(article_id: str, seed_raw_or_none: str | None) -> None:
    if article_id == SEED_ID and seed_raw_or_none is None:
        pytest.skip("seed article not available")
    text = text_of(article_id, seed_raw_or_none)
    gold = golden(article_id)
    for place in gold["places"]:
        assert text[place["start"]:place["end"]] == place["text"], place
        assert place["kind"] in PLACE_KINDS and place["role"] in ("place", "actor"), place
        if place["lat"] is not None:
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, place
    for date in gold["dates"]:
        assert text[date["start"]:date["end"]] == date["text"], date
        assert date["precision"] in DATE_PRECISIONS, date
        if date["value"] is not None:
            assert DATE_VALUE.match(date["value"]) and is_iso_date(date["value"]), date
        else:
            assert date["precision"] == "duration", date


@pytest.mark.parametrize("article_id", ARTICLE_IDS + [SEED_ID])
def test_golden_events_are_acled_and_anchored(article_id: str, seed_raw_or_none: str | None) -> None:
    if article_id == SEED_ID and seed_raw_or_none is None:
        pytest.skip("seed article not available")
    text = text_of(article_id, seed_raw_or_none)
    gold = golden(article_id)
    n_claims = len(gold["claims"])
    for event in gold["events"]:
        assert ACLED[event["sub_event_type"]] == event["event_type"], event
        sources = [event["asserted_by"], *event.get("also_asserted_by", [])]
        for source in sources:
            assert source == "narrator" or (isinstance(source, int) and 0 <= source < n_claims), event
        assert_span(text, event["evidence"], event["evidence_span"], f"{article_id} event evidence")
        low, high = event["fatalities_min"], event["fatalities_max"]
        assert low is None or high is None or low <= high, event
        assert event["date"] is None or is_iso_date(event["date"]), event
    if gold["story"] is None:
        assert gold["events"] == [], "negative articles describe no conflict event"


def test_stories_reference_real_claims_with_fitting_stances() -> None:
    stories = json.loads((GOLDEN / "stories.json").read_text(encoding="utf-8"))
    fitting = {"asserted_by": {"asserts"}, "denied_by": {"denies"}, "hedged_by": {"hedges"}}
    seen_statuses = set()
    for story in stories["stories"]:
        for article_id in story["articles"]:
            assert article_id == SEED_ID or article_id in articles(), article_id
        for prop in story["propositions"]:
            for key, stances in fitting.items():
                for ref in prop.get(key, []):
                    claims = golden(ref["article"])["claims"]
                    for index in ref["claims"]:
                        assert claims[index]["stance"] in stances, (prop["id"], key, ref, index)
            history = prop["status_history"]
            assert [h["date"] for h in history] == sorted(h["date"] for h in history), prop["id"]
            assert all(h["status"] in STATUSES for h in history), prop["id"]
            assert prop["final_status"] in STATUSES
            seen_statuses.add(prop["final_status"])
        for conflict in story.get("figure_conflicts", []):
            for figure in conflict["figures"]:
                golden(figure["article"])["claims"][figure["claim"]]  # raises if the claim is missing
    assert {"confirmed", "refuted"} <= seen_statuses
