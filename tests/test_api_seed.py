"""The API and dashboard over the seed article as the real pipeline extracts it, in the real store."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from counterclaim.api import create_app
from counterclaim.errors import CounterclaimError
from counterclaim.store import open_store
from test_api import _segments_with_class, inert_problems

TOKEN = "another-test-token-0123456789"
OWN_TEXT = (
    "Officials in Northland said on Tuesday that the dam near Riverton had been destroyed. "
    "The Eastland army denied the report."
)


@pytest.fixture(scope="module")
def seeded(request, tmp_path_factory, seed_path):
    try:
        pipeline = request.getfixturevalue("pipeline")
    except (ModuleNotFoundError, CounterclaimError) as exc:  # while extraction stages are still landing
        pytest.skip(f"the default pipeline cannot load yet: {exc}")
    from counterclaim.batch import run_ingest

    db = tmp_path_factory.mktemp("seed") / "seed.db"
    with open_store(db) as store:
        summary = run_ingest([str(seed_path)], store, pipeline=pipeline, progress=False)
        assert summary.ingested == 1, summary
        article_id = store.list_articles().items[0]["id"]
    with TestClient(create_app(db, token=TOKEN)) as client:
        yield client, article_id


def test_seed_article_page_shows_the_text_and_every_claim(seeded):
    client, aid = seeded
    result = client.get(f"/api/articles/{aid}").json()
    html = client.get(f"/articles/{aid}").text
    assert inert_problems(html) == []
    assert "Shusha" in html
    for claim in result["claims"]:
        assert f'id="claim-{claim["id"]}"' in html
    assert html.count('<li class="claim ') == len(result["claims"])


def test_every_seed_claim_opens_on_its_sentence(seeded):
    client, aid = seeded
    result = client.get(f"/api/articles/{aid}").json()
    if not result["claims"]:
        pytest.skip("the claims stage found nothing in the seed")
    for claim in result["claims"]:
        span = claim.get("sentence") or claim["content"]
        html = client.get(f"/articles/{aid}", params={"claim": claim["id"]}).text
        assert "".join(_segments_with_class(html, "focus")) == result["text"][span["start"]:span["end"]].strip()


def test_seed_claims_listed_with_article_link(seeded):
    client, aid = seeded
    claims = client.get("/api/claims", params={"article_id": aid}).json()["items"]
    html = client.get("/claims").text
    for claim in claims:
        assert f"/articles/{aid}?{urlencode({'claim': claim['id']})}#claim-{claim['id']}" in html


def test_seed_places_reach_the_map(seeded):
    client, _ = seeded
    located = [p for p in client.get("/api/places").json()["items"] if p.get("lat") is not None]
    html = client.get("/map").text
    if not located:
        pytest.skip("no place in the seed was resolved to coordinates")
    assert html.count('class="marker ') >= 1


def test_post_articles_with_token_ingests_through_the_pipeline(seeded):
    client, _ = seeded
    auth = {"authorization": f"Bearer {TOKEN}"}
    body = {"articles": [{"text": OWN_TEXT, "date": "2031-06-03", "title": "Dam", "outlet": "Test Wire"}]}
    first = client.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 200, first.text
    assert first.json()["added"] == 1
    new_id = first.json()["ids"][0]
    stored = client.get(f"/api/articles/{new_id}").json()
    assert stored["text"] == OWN_TEXT and stored["date"] == "2031-06-03"
    assert "mentions" in stored["stages"]
    again = client.post("/api/articles", json=body, headers=auth).json()
    assert again["added"] == 0 and again["duplicates"] == 1
