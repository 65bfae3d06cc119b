"""Quality floor of the events stage on the hand-annotated sample corpus (tests/golden/).

A predicted ACLED-typed event matches a golden one when the sub-event type and
the cumulative flag agree and the places agree (either side may lack a place).
Floors sit under the figures measured when they were pinned; raise them when
the stage improves.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from counterclaim.errors import ConfigError
from counterclaim.model import Article

GOLDEN = Path(__file__).resolve().parent / "golden"
# Measured 2026-11-25 (second pass): precision 0.328, recall 0.400, negatives clean 3/3;
# 2026-12-02 (session 3): precision 0.338, recall 0.400, negatives clean 3/3; pinned a little below.
FLOOR = {"precision": 0.32, "recall": 0.37, "negatives_clean": 0.95}


def _corpus(seed_raw: str) -> list[tuple[dict, str, str | None]]:
    records: dict[str, tuple[str, str | None]] = {}
    corpus = resources.files("counterclaim.data").joinpath("samples", "articles.jsonl")
    if corpus.is_file():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = (record["text"], record.get("date"))
    records["seed_article"] = (re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", seed_raw).strip(), "2020-11-08")
    out = []
    for path in sorted(GOLDEN.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(gold, dict) and "events" in gold and gold.get("id") in records:
            text, date = records[gold["id"]]
            out.append((gold, text, date or gold.get("date")))
    return out


@pytest.fixture(scope="module")
def scores(request, seed_raw: str) -> dict[str, float]:
    articles = _corpus(seed_raw)
    if len(articles) < 5:
        pytest.skip("the golden corpus is not in this checkout")
    try:
        pipe = request.getfixturevalue("pipeline")
    except ConfigError:  # a stage module still being written elsewhere
        from counterclaim.eval.acled import event_pipeline
        from counterclaim.extract.registry import DEFAULT_STAGES

        pipe = event_pipeline(DEFAULT_STAGES)
    n_pred = n_gold = matched = negatives = clean = 0
    for gold, text, date in articles:
        result = pipe.run(Article(id=gold["id"], text=text, date=date, date_origin="header"))
        predicted = [e for e in result.events if e.event_type]
        if gold.get("story") is None and not gold["events"]:
            negatives += 1
            clean += not predicted
        n_pred += len(predicted)
        n_gold += len(gold["events"])
        used: set[int] = set()
        for g in gold["events"]:
            for i, e in enumerate(predicted):
                place = result.places[e.place].name if e.place is not None else None
                if i in used or e.sub_event_type != g["sub_event_type"] or e.cumulative != g["cumulative"]:
                    continue
                if g["place"] is not None and place is not None and place != g["place"]:
                    continue
                used.add(i)
                matched += 1
                break
    return {
        "precision": matched / n_pred if n_pred else 0.0,
        "recall": matched / n_gold if n_gold else 0.0,
        "negatives_clean": clean / negatives if negatives else 1.0,
    }


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_events_golden_floor(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= FLOOR[metric], f"{metric} {scores[metric]:.3f} fell below {FLOOR[metric]}"
