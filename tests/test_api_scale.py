"""The dashboard stays quick with 1,000 articles in the real SQLite store."""

from __future__ import annotations

import dataclasses
import random
import time

import pytest
from fastapi.testclient import TestClient

from counterclaim.api import create_app
from counterclaim.model import ArticleResult
from counterclaim.store import open_store
from test_api import _article, ledger_result

N_ARTICLES = 1000
BUDGET_S = 2.0  # per page, generous for a loaded 2-core CI machine


@pytest.fixture(scope="module")
def big_client(tmp_path_factory):
    rng = random.Random(7)
    base = ledger_result()
    results = []
    for i in range(N_ARTICLES):
        art = _article(base.article.text + f"\n\nDispatch {i} from sector {i % 37}.",
                       date=f"2031-{1 + i % 12:02d}-{1 + i % 28:02d}", title=f"Dispatch {i}",
                       outlet=f"Outlet {i % 9}", url=f"https://news.example/{i}")
        r = ArticleResult(art)
        r.claims = [dataclasses.replace(c, id=f"{art.id}:{c.id}", side=rng.choice(["Eastland", "Northland"]))
                    for c in base.claims]
        r.places = [dataclasses.replace(p, lat=p.lat + rng.uniform(-3, 3), lon=p.lon + rng.uniform(-3, 3))
                    for p in base.places]
        r.dates = list(base.dates)
        r.events = [dataclasses.replace(e, id=f"{art.id}:{e.id}") for e in base.events]
        results.append(r)
    db = tmp_path_factory.mktemp("scale") / "big.db"
    with open_store(db) as store:
        store.add_results(results)
    with TestClient(create_app(db)) as client:
        yield client


@pytest.mark.slow
@pytest.mark.parametrize("url", ["/", "/claims", "/claims?side=Northland", "/timeline", "/map", "/articles",
                                 "/search?q=sector", "/api/claims?limit=500", "/api/events?format=geojson"])
def test_pages_are_fast_at_1000_articles(big_client, url):
    big_client.get(url)  # warm caches (basemap projection, templates)
    started = time.perf_counter()
    response = big_client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert elapsed < BUDGET_S, f"{url} took {elapsed:.2f} s"


def test_map_caps_and_aggregates_markers(big_client):
    html = big_client.get("/map").text
    assert html.count('class="marker marker-event') <= 2000
    assert html.count("<text ") <= 40 + 200  # marker labels are capped (country labels aside)
