"""Quality floor of the places stage on the hand-annotated sample corpus (tests/golden/).

Like trafilatura's eval baseline: a regression in recognition, resolution or role
fails here like a crash does. Floors sit a little under the figures measured when
they were pinned; raise them when the stage improves.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from counterclaim.extract.places import places
from counterclaim.geo import haversine_km
from counterclaim.model import Article, ArticleResult
from counterclaim.nlp import load_nlp

GOLDEN = Path(__file__).resolve().parent / "golden"
# How far a resolved point may be from the annotated one, by kind (annotators' country
# and region points are their own choice of centre).
TOLERANCE_KM = {"town": 30, "region": 100, "area": 300, "country": 500}
# Measured 2026-11-25 (second pass): recognition P 0.973 R 0.962, resolution 1.000, role 0.916.
FLOOR = {"precision": 0.94, "recall": 0.93, "resolution": 0.95, "role": 0.88}


def _articles(seed_raw: str) -> list[tuple[str, str, list[dict]]]:
    records = {}
    corpus = resources.files("counterclaim.data").joinpath("samples", "articles.jsonl")
    if corpus.is_file():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record["text"]
    records["seed_article"] = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", seed_raw).strip()
    out = []
    for path in sorted(GOLDEN.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(gold, dict) and "places" in gold and gold.get("id") in records:
            out.append((gold["id"], records[gold["id"]], gold["places"]))
    return out


@pytest.fixture(scope="module")
def scores(seed_raw: str) -> dict[str, float]:
    articles = _articles(seed_raw)
    if len(articles) < 5:
        pytest.skip("the golden corpus is not in this checkout")
    nlp = load_nlp()
    n_pred = n_gold = true_pred = matched = located = resolved = roles = 0
    for article_id, text, gold in articles:
        result = ArticleResult(article=Article(id=article_id, text=text, date=None, date_origin="ingest-time"))
        places(nlp(text), result)
        n_pred += len(result.places)
        n_gold += len(gold)
        true_pred += sum(any(p.span.start < g["end"] and g["start"] < p.span.end for g in gold) for p in result.places)
        for g in gold:
            match = next((p for p in result.places if p.span.start < g["end"] and g["start"] < p.span.end), None)
            if match is None:
                continue
            matched += 1
            roles += match.role == g["role"]
            if g["lat"] is not None:
                located += 1
                resolved += match.lat is not None and (
                    haversine_km(match.lat, match.lon, g["lat"], g["lon"]) <= TOLERANCE_KM[g["kind"]]
                )
    return {
        "precision": true_pred / n_pred,
        "recall": matched / n_gold,
        "resolution": resolved / located,
        "role": roles / matched,
    }


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_places_quality_floor(scores, metric):
    print(f"{metric} {scores[metric]:.3f}")
    assert scores[metric] >= FLOOR[metric], f"{metric} {scores[metric]:.3f} fell below the floor {FLOOR[metric]}"
