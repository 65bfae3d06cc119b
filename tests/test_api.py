"""The HTTP API and dashboard against the real SQLite store.

Articles here are written for these tests (one plain ledger article, hostile
ones full of markup and SQL-looking text) with hand-made extractions, so the
checks do not depend on what the extractors find; ``test_api_seed.py`` covers
the real pipeline on the seed article.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from counterclaim.api import create_app
from counterclaim.model import (
    Article,
    ArticleResult,
    Claim,
    DateMention,
    Event,
    Fatalities,
    Place,
    Span,
    article_id,
    content_hash,
)
from counterclaim.store import open_store

LEDGER_TEXT = (
    "Officials in Eastland said on Monday that their troops had taken the village of Westford.\n\n"
    "The Northland defence ministry denied that Westford had fallen, saying fighting continued.\n\n"
    "At least 12 people were killed in clashes near Westford, a local doctor said."
)
HOSTILE_BITS = (
    '<script>alert("title")</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(document.cookie)',
    "'; DROP TABLE articles; --",
    '" onmouseover="alert(2)',
    "<svg onload=alert(3)>",
    "</textarea><iframe src=//evil.example>",
    "=HYPERLINK(\"http://evil.example\")",
)
HOSTILE_TEXT = (
    "Eastland spokesman <b onclick=alert(9)>Bob</b> said <script>alert('body')</script> "
    "the bridge at <img src=x onerror=alert(1)> was held.\n\n"
    "Visit javascript:alert(document.cookie) or '; DROP TABLE claims; -- for \" OR 1=1 -- details.\n\n"
    "<svg onload=alert(3)></svg> <a href=\"javascript:alert(4)\">click</a> and =SUM(A1:A9) too."
)


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def _article(text: str, **meta) -> Article:
    digest = content_hash(text)
    return Article(id=article_id(digest), text=text, date_origin="metadata", hash=digest, **meta)


def ledger_result() -> ArticleResult:
    text = LEDGER_TEXT
    r = ArticleResult(_article(text, date="2031-05-05", title="Westford changes hands", outlet="Test Wire",
                               url="https://news.example/westford"))
    r.claims.append(Claim(
        "lc1", _span(text, "Officials in Eastland"), _span(text, "said"),
        _span(text, "their troops had taken the village of Westford"), "indirect", "asserts",
        actor="Eastland officials", side="Eastland", date="2031-05-05",
        sentence=_span(text, text.split("\n\n")[0]),
    ))
    r.claims.append(Claim(
        "lc2", _span(text, "The Northland defence ministry"), _span(text, "denied"),
        _span(text, "that Westford had fallen"), "indirect", "denies", actor="Northland defence ministry",
        side="Northland", date="2031-05-05", refers_to="lc1", sentence=_span(text, text.split("\n\n")[1]),
    ))
    r.places.append(Place(_span(text, "Westford"), "Westford", "town", lat=45.0, lon=30.0))
    r.places.append(Place(_span(text, "Westford", 2), "Westford", "town", lat=45.0, lon=30.0))
    r.dates.append(DateMention(_span(text, "on Monday"), "2031-05-05", "day"))
    r.events.append(Event(
        "le1", _span(text, "killed in clashes near Westford"), "Battles", "Armed clash",
        actor1="Eastland forces", side1="Eastland", actor2="Northland forces", side2="Northland", place=1,
        date="2031-05-04", fatalities=Fatalities(min=12, exact=False),
    ))
    return r


def hostile_result() -> ArticleResult:
    text = HOSTILE_TEXT
    r = ArticleResult(_article(
        text, date="2031-05-06", title=" ".join(HOSTILE_BITS[:3]), outlet=HOSTILE_BITS[4],
        url="javascript:alert('url')",
    ))
    r.claims.append(Claim(
        "hc1", _span(text, "Eastland spokesman <b onclick=alert(9)>Bob</b>"), _span(text, "said"),
        _span(text, "<script>alert('body')</script> the bridge at <img src=x onerror=alert(1)> was held"),
        "indirect", "asserts", actor='<img src=x onerror=alert("actor")>', side='"><script>alert(5)</script>',
        channel="javascript:alert(6)", date="2031-05-06", sentence=_span(text, text.split("\n\n")[0]),
    ))
    r.places.append(Place(_span(text, "<svg onload=alert(3)>"), "<svg onload=alert(3)>", "town", lat=45.1, lon=30.1))
    r.events.append(Event(
        "he1", _span(text, "'; DROP TABLE claims; --"), "Battles", "<script>alert(7)</script>",
        actor1="javascript:alert(8)", side1="</style><script>x()</script>", place=0, date="2031-05-06",
    ))
    return r


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.db"
    with open_store(path) as store:
        store.add_results([ledger_result(), hostile_result()])
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


LEDGER_ID = ledger_result().article.id
HOSTILE_ID = hostile_result().article.id


class InertChecker(HTMLParser):
    """Collects anything in rendered HTML that a browser could execute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            linked = name in ("href", "src", "action", "formaction", "xlink:href") and value
            if linked and value.strip().lower().startswith(("javascript:", "data:", "vbscript:", "//")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and dict(attrs).get("src") != "/static/app.js":
            self.problems.append(f"<script {attrs}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}>")
        if tag == "style":
            self.problems.append("<style>")


def inert_problems(html: str) -> list[str]:
    checker = InertChecker()
    checker.feed(html)
    return checker.problems


# --- pages ---------------------------------------------------------------------------


PAGES = [
    "/", "/claims", "/timeline", "/map", "/articles", f"/articles/{LEDGER_ID}", f"/articles/{HOSTILE_ID}",
    f"/articles/{HOSTILE_ID}?claim=hc1", "/search?q=bridge", "/search?q=alert", "/claims?q=script",
    "/timeline?show=events", "/map?side=Eastland", "/articles?q=DROP",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_with_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert inert_problems(response.text) == []


@pytest.mark.parametrize("url", [f"/articles/{HOSTILE_ID}", f"/articles/{HOSTILE_ID}?claim=hc1", "/claims",
                                 "/timeline", "/", "/search?q=bridge"])
def test_hostile_article_renders_as_text(client, url):
    html = client.get(url).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<svg onload" not in html
    assert "&lt;" in html  # the markup is there, shown as text


def test_hostile_url_is_not_a_link(client):
    html = client.get(f"/articles/{HOSTILE_ID}").text
    assert 'href="javascript:' not in html.lower()
    assert "javascript:alert(&#39;url&#39;)" in html  # shown, not linked


def test_hostile_text_shown_exactly_once_escaped(client):
    html = client.get(f"/articles/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html


def test_article_page_highlights_focused_claim_sentence(client):
    html = client.get(f"/articles/{LEDGER_ID}", params={"claim": "lc2"}).text
    focus = [seg for seg in _segments_with_class(html, "focus")]
    assert "".join(focus) == LEDGER_TEXT.split("\n\n")[1]
    assert 'id="claim-lc2"' in html and 'id="claim-lc1"' in html


def test_article_page_marks_every_kind(client):
    html = client.get(f"/articles/{LEDGER_ID}").text
    for kind, text in [("place", "Westford"), ("date", "on Monday"), ("event", "killed in clashes near "),
                       ("speaker", "Officials in Eastland"), ("cue", "denied")]:
        assert text in "".join(_segments_with_class(html, kind)), kind


def _segments_with_class(html: str, cls: str) -> list[str]:
    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.out: list[str] = []

        def handle_starttag(self, tag, attrs):
            classes = (dict(attrs).get("class") or "").split()
            if tag == "span" and "hl" in classes and cls in classes:
                self.depth += 1
                self.out.append("")
            elif self.depth:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.out[-1] += data

    c = Collect()
    c.feed(html.split('id="article-text"', 1)[1].split("</div>", 1)[0])
    return c.out


def test_side_colour_is_the_same_everywhere(client):
    from counterclaim.api.sides import side_class

    cls = side_class("Eastland")
    for url in ("/claims", "/timeline", f"/articles/{LEDGER_ID}"):
        assert cls in client.get(url).text, url
    assert side_class("Eastland") != side_class(None)


def test_board_without_linking_shows_empty_state_and_claims(client):
    html = client.get("/").text
    if 'id="board-empty"' not in html:
        pytest.skip("the linking stage is installed: the board shows propositions")
    assert "No propositions yet" in html and "Westford" in html


def test_map_draws_offline_basemap_and_markers(client):
    html = client.get("/map").text
    assert html.count("<path ") > 100  # country outlines from the bundled basemap
    assert 'class="marker marker-event' in html and 'class="marker marker-place' in html
    assert "http://" not in html.split('<svg id="map"', 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_map_with_tile_url_lays_tiles_and_allows_their_origin(db_path):
    with TestClient(create_app(db_path, tile_url="https://tiles.example/{z}/{x}/{y}.png")) as c:
        response = c.get("/map")
    assert "https://tiles.example/" in response.text and "<image " in response.text
    assert "img-src 'self' data: https://tiles.example" in response.headers["content-security-policy"]


def test_bad_tile_url_is_refused(db_path):
    from counterclaim.errors import BadParameter

    with pytest.raises(BadParameter):
        create_app(db_path, tile_url="javascript:alert(1)/{z}/{x}/{y}")


def test_filters_are_in_the_url_and_applied(client):
    html = client.get("/claims", params={"side": "Northland"}).text
    assert 'data-claim-id="lc2"' in html and 'data-claim-id="lc1"' not in html
    assert 'name="side" value="Northland"' in html


def test_search_box_finds_articles_and_claims(client):
    html = client.get("/search", params={"q": "Westford"}).text
    assert f"/articles/{LEDGER_ID}" in html and "<mark>" in html
    assert "their troops had taken the village of Westford" in html


def test_unknown_page_is_an_html_error_without_trace(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404 and "E701" in response.text and "Traceback" not in response.text


# --- JSON API ------------------------------------------------------------------------


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/claims", "/api/events", "/api/places", "/api/actors",
                 "/api/propositions", "/api/propositions/{proposition_id}", "/api/search"):
        assert path in spec["paths"], path
    assert "post" not in spec["paths"]["/api/articles"]  # read-only without a token


def test_article_json_is_the_article_result_shape(client):
    data = client.get(f"/api/articles/{LEDGER_ID}").json()
    assert data["text"] == LEDGER_TEXT
    assert [c["id"] for c in data["claims"]] == ["lc1", "lc2"]
    assert data["events"][0]["fatalities"]["min"] == 12


@pytest.mark.parametrize("params,expected", [
    ({}, {"lc1", "lc2", "hc1"}),
    ({"side": "Eastland"}, {"lc1"}),
    ({"stance": "denies"}, {"lc2"}),
    ({"article_id": HOSTILE_ID}, {"hc1"}),
    ({"since": "2031-05-06"}, {"hc1"}),
    ({"until": "2031-05-05"}, {"lc1", "lc2"}),
])
def test_claim_filters(client, params, expected):
    items = client.get("/api/claims", params=params).json()["items"]
    assert {c["id"] for c in items} == expected


def test_cursor_pagination_walks_every_claim_once(client):
    seen, url = [], "/api/claims?limit=1"
    for _ in range(10):
        body = client.get(url).json()
        seen.extend(c["id"] for c in body["items"])
        if not body["next"]:
            break
        url = body["next"]
    assert sorted(seen) == ["hc1", "lc1", "lc2"]


@pytest.mark.parametrize("params,expected", [
    ({"near": "45.0,30.0,5"}, {"le1"}),
    ({"near": "45.0,30.0,50"}, {"le1", "he1"}),
    ({"near": "10,10,5"}, set()),
    ({"side": "Northland"}, {"le1"}),
    ({"event_type": "Battles"}, {"le1", "he1"}),
])
def test_event_filters(client, params, expected):
    items = client.get("/api/events", params=params).json()["items"]
    assert {e["id"] for e in items} == expected


def test_events_geojson(client):
    response = client.get("/api/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    point = next(f for f in features if f["properties"]["id"] == "le1")
    assert point["geometry"] == {"type": "Point", "coordinates": [30.0, 45.0]}


def test_places_geojson_and_csv(client):
    geo = client.get("/api/places", params={"format": "geojson"}).json()
    assert any(f["properties"]["name"] == "Westford" for f in geo["features"])
    rows = list(csv.DictReader(io.StringIO(client.get("/api/places", params={"format": "csv"}).text)))
    assert any(r["name"] == "Westford" and float(r["lat"]) == 45.0 for r in rows)


def test_claims_csv_neutralises_formulas(client):
    text = client.get("/api/claims", params={"format": "csv"}).text
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["lc2"]["stance"] == "denies" and rows["lc2"]["actor"] == "Northland defence ministry"
    for row in rows.values():
        assert not any(v.startswith(("=", "+", "@")) for v in row.values())


def test_actors(client):
    actors = {a["actor"]: a for a in client.get("/api/actors").json()["items"]}
    assert actors["Eastland officials"]["side"] == "Eastland"


@pytest.mark.parametrize("url,code,status", [
    ("/api/claims?since=yesterday", "E702", 400),
    ("/api/claims?since=2031-02-30", "E702", 400),
    ("/api/claims?stance=shouts", "E702", 400),
    ("/api/claims?limit=0", "E702", 400),
    ("/api/claims?limit=100000", "E702", 400),
    ("/api/events?near=1,2", "E702", 400),
    ("/api/events?near=95,0,10", "E702", 400),
    ("/api/events?format=xml", "E702", 400),
    ("/api/articles/does-not-exist", "E701", 404),
    ("/api/articles/..%2F..%2Fetc%2Fpasswd", "E70", 40),
    ("/api/no-such-endpoint", "E701", 404),
    ("/api/claims?cursor=%00%01", "E702", 400),
])
def test_errors_are_json_with_codes(client, url, code, status):
    response = client.get(url)
    assert str(response.status_code).startswith(str(status))
    error = response.json()["error"]
    assert error["code"].startswith(code) and error["message"].startswith("[E7")
    assert "Traceback" not in response.text


@pytest.mark.parametrize("q", ["'; DROP TABLE articles; --", '" OR 1=1 --', "claims) UNION SELECT *", "NEAR(", "*"])
def test_sql_looking_queries_are_just_text(client, q):
    before = client.get("/api/stats").json()["articles"]
    for url in ("/api/search", "/api/claims", "/api/articles", "/search", "/claims"):
        response = client.get(url, params={"q": q})
        assert response.status_code == 200, (url, response.text[:200])
    assert client.get("/api/stats").json()["articles"] == before == 2


def test_unexpected_errors_hide_the_trace(db_path):
    class Broken:
        def stats(self):
            raise RuntimeError("secret internal detail")

    with TestClient(create_app(Broken()), raise_server_exceptions=False) as c:
        response = c.get("/api/stats")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "E700" and "secret" not in response.text


def test_a_feature_the_store_lacks_is_a_clear_501(db_path):
    from counterclaim.store import open_store

    class WithoutLinking:  # a store from before the link migration: no proposition queries
        def __init__(self, store):
            self.stats = store.stats

    with open_store(db_path) as store, TestClient(create_app(WithoutLinking(store))) as c:
        response = c.get("/api/propositions")
    assert response.status_code == 501 and response.json()["error"]["code"] == "E705"


# --- the write endpoint ---------------------------------------------------------------

TOKEN = "t0ken-for-tests-0123456789"


def test_no_write_endpoint_without_token(client):
    response = client.post("/api/articles", json={"articles": [{"text": "x"}]})
    assert response.status_code == 405


@pytest.fixture(scope="module")
def writable(db_path):
    with TestClient(create_app(db_path, token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer ", f"Bearer {TOKEN}x"])
def test_write_endpoint_refuses_bad_tokens(writable, header):
    headers = {"authorization": header} if header else {}
    response = writable.post("/api/articles", json={"articles": [{"text": "hello"}]}, headers=headers)
    assert response.status_code == 401 and response.json()["error"]["code"] == "E704"


def test_token_is_checked_before_the_body(writable):
    response = writable.post("/api/articles", content=b"not json", headers={"content-type": "application/json"})
    assert response.status_code == 401


@pytest.mark.parametrize("body", [
    {"articles": []},
    {"articles": [{"text": ""}]},
    {"articles": [{"text": "ok", "date": "2031-13-01"}]},
    {"articles": [{"text": "ok", "url": "javascript:alert(1)"}]},
    {"text": "not wrapped"},
])
def test_write_endpoint_validates(writable, body):
    response = writable.post("/api/articles", json=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "E702"


def test_request_size_limit(writable):
    from counterclaim.api.security import MAX_BODY_BYTES

    big = json.dumps({"articles": [{"text": "a" * (MAX_BODY_BYTES + 10)}]})
    response = writable.post("/api/articles", content=big, headers={
        "authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "E703"


def test_overlong_url_refused(client):
    response = client.get("/api/claims", params={"q": "x" * 5000})
    assert response.status_code == 414 and response.json()["error"]["code"] == "E703"


# --- propositions (the linking stage's shape, served by a store that has them) --------

PROPOSITIONS = [
    {"id": "p1", "statement": "Eastland forces captured Westford", "status": "contested",
     "history": [{"status": "claimed", "date": "2031-05-05", "reason": "Eastland officials said so",
                  "evidence": ["lc1"]},
                 {"status": "contested", "date": "2031-05-05", "reason": "Northland denied it",
                  "evidence": ["lc2"]}],
     "sides_asserting": ["Eastland"], "sides_denying": ["Northland"], "first_report": "2031-05-05",
     "latest_report": "2031-05-05", "n_sources": 2},
    {"id": "p2", "statement": '<img src=x onerror=alert("prop")> was held', "status": "confirmed",
     "history": [{"status": "confirmed", "date": "2031-05-07", "reason": "<script>alert(1)</script>",
                  "evidence": []}],
     "sides_asserting": ['"><script>alert(5)</script>'], "sides_denying": [], "first_report": "2031-05-06",
     "latest_report": "2031-05-07", "n_sources": 1},
]


class WithPropositions:
    """The real store plus the two proposition methods of the linking contract."""

    def __init__(self, store, claims_by_prop):
        self._store, self._claims = store, claims_by_prop

    def __getattr__(self, name):
        return getattr(self._store, name)

    def list_propositions(self, status=None, side=None, place=None, since=None, limit=50, cursor=None):
        from counterclaim.store import Page

        items = [p for p in PROPOSITIONS if (not status or p["status"] == status)
                 and (not side or side in p["sides_asserting"] + p["sides_denying"])]
        return Page(items[:limit], None)

    def get_proposition(self, proposition_id):
        for p in PROPOSITIONS:
            if p["id"] == proposition_id:
                return dict(p, claims=self._claims.get(proposition_id, []))
        return None


@pytest.fixture(scope="module")
def linked(db_path):
    store = open_store(db_path)
    claims = {c["id"]: c for c in store.list_claims(limit=50).items}
    with TestClient(create_app(WithPropositions(store, {"p1": [claims["lc1"], claims["lc2"]],
                                                        "p2": [claims["hc1"]]}))) as c:
        yield c
    store.close()


def test_board_groups_propositions_by_status(linked):
    html = linked.get("/").text
    assert inert_problems(html) == [] and "<img src=x" not in html
    contested = html.split('data-status="contested"', 1)[1].split("</section>", 1)[0]
    assert "Eastland forces captured Westford" in contested and 'href="/propositions/p1"' in contested
    assert "2031-05-05 → 2031-05-05" in contested and '<b class="n-sources">2</b>' in contested
    confirmed = html.split('data-status="confirmed"', 1)[1].split("</section>", 1)[0]
    assert "&lt;img src=x" in confirmed


def test_board_status_filter(linked):
    html = linked.get("/", params={"status": "confirmed"}).text
    assert 'data-status="confirmed"' in html and 'data-status="contested"' not in html


def test_proposition_page_history_and_claims(linked):
    html = linked.get("/propositions/p1").text
    history = html.split('<ol class="history">', 1)[1].split("</ol>", 1)[0]
    assert history.index("claimed") < history.index("contested")
    assert "Northland denied it" in history
    for cid in ("lc1", "lc2"):
        assert f"/articles/{LEDGER_ID}?claim={cid}#claim-{cid}" in html
    assert "The Northland defence ministry denied that Westford had fallen" in html  # the quoted sentence


def test_hostile_proposition_is_inert(linked):
    html = linked.get("/propositions/p2").text
    assert inert_problems(html) == [] and "<script>alert" not in html and "&lt;script&gt;" in html


def test_claimreview_jsonld(linked):
    response = linked.get("/api/propositions/p1", params={"format": "jsonld"})
    assert response.headers["content-type"].startswith("application/ld+json")
    review = response.json()
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "Eastland forces captured Westford"
    assert review["reviewRating"]["alternateName"] == "contested"
    assert len(review["itemReviewed"]["appearance"]) == 2
    listing = linked.get("/api/propositions", params={"format": "jsonld", "status": "confirmed"}).json()
    assert [r["reviewRating"]["alternateName"] for r in listing] == ["confirmed"]


def test_propositions_json_and_404(linked):
    assert [p["id"] for p in linked.get("/api/propositions", params={"side": "Northland"}).json()["items"]] == ["p1"]
    response = linked.get("/api/propositions/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "E701"


def test_docs_page_lists_endpoints(client):
    html = client.get("/docs").text
    assert "/api/claims" in html and "near" in html and "read-only" in html


@pytest.mark.parametrize("url", ["/static/../api/app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                 "/static/../../../../etc/passwd"])
def test_static_files_cannot_escape_their_folder(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "import" not in response.text and "root:" not in response.text


def test_event_link_highlights_the_event(client):
    html = client.get(f"/articles/{LEDGER_ID}", params={"event": "le1"}).text
    assert "".join(_segments_with_class(html, "focus")) == "killed in clashes near Westford"
    assert 'id="event-le1"' in html
    timeline = client.get("/timeline").text
    assert f"/articles/{LEDGER_ID}?event=le1#event-le1" in timeline


@pytest.mark.parametrize("url,present,absent", [
    ("/map?near=45.0,30.0,5", 'data-kind="event"', "&lt;svg onload"),
    ("/timeline?near=45.0,30.0,5", "killed in clashes near Westford", "DROP TABLE claims"),
    ("/timeline?near=45.0,30.0,50", "DROP TABLE claims", "no-such-text"),
])
def test_place_radius_filter_on_pages(client, url, present, absent):
    html = client.get(url).text
    assert present in html and absent not in html
    assert 'name="near" value="' + url.split("near=")[1] + '"' in html


def test_bad_radius_on_a_page_is_an_html_error(client):
    response = client.get("/map?near=oops")
    assert response.status_code == 400 and "E702" in response.text and "<html" in response.text
