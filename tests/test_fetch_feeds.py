"""poll_feed against a local server: new and updated items, conditional GET, errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from counterclaim.ingest.feeds import poll_feed
from counterclaim.model import Article
from test_fetch_server import LocalServer

NOW = datetime(2024, 6, 1, tzinfo=UTC)
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def item(guid: str, title: str, body: str, day: str = "08") -> str:
    return (
        f'<item><guid isPermaLink="false">{guid}</guid>'
        f"<title>{title}</title><link>https://wire.example/{guid}</link>"
        f"<pubDate>Sun, {day} Nov 2020 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{body}</p><script>evil()</script>]]></description></item>"
    )


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>'
        "<link>https://wire.example/</link><description>news</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


CAPTURE = (
    "The president said in a televised address that the army had captured the town after heavy fighting."
)
DENIAL = "The other side's defence ministry denied that the town had fallen and said fighting was continuing."
UPDATE = CAPTURE + " The claim was later confirmed by the other side, which said it had withdrawn."
NEW = (
    "A ceasefire agreement signed overnight ended the fighting, according to a statement from the mediators."
)


class Feed:
    """A feed whose content and ETag can change; honours If-None-Match."""

    def __init__(self, body: bytes, etag: str) -> None:
        self.body, self.etag = body, etag

    def __call__(self, headers: dict[str, str]):
        if headers.get("if-none-match") == self.etag:
            return 304, {"ETag": self.etag}, b""
        return 200, {**RSS, "ETag": self.etag, "Last-Modified": "Sun, 08 Nov 2020 12:00:00 GMT"}, self.body


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def poll(url: str, state: dict | None):
    return poll_feed(url, state, allow_private=True, now=NOW)


def test_feed_changes_between_polls(server: LocalServer) -> None:
    feed = Feed(rss(item("a", "Town captured", CAPTURE), item("b", "Denial", DENIAL, "09")), '"v1"')
    server.routes["/feed.xml"] = feed
    url = server.url("/feed.xml")

    first, state, rejected = poll(url, None)
    assert rejected == []
    assert [(a.external_id, a.url, a.date, a.date_origin, a.outlet) for a in first] == [
        ("a", "https://wire.example/a", "2020-11-08", "metadata", "Local Wire"),
        ("b", "https://wire.example/b", "2020-11-09", "metadata", "Local Wire"),
    ]
    assert first[0].text == CAPTURE and "evil" not in first[0].text
    assert first[0].title == "Town captured"
    assert state["etag"] == '"v1"'

    # unchanged feed: conditional GET, 304, nothing new, state kept
    again, state2, rejected = poll(url, state)
    assert (again, rejected) == ([], [])
    assert server.requests[-1][1].get("if-none-match") == '"v1"'
    assert state2["seen"] == state["seen"]

    # item a updated, b unchanged, c new
    feed.body, feed.etag = (
        rss(
            item("a", "Town captured", UPDATE),
            item("b", "Denial", DENIAL, "09"),
            item("c", "Ceasefire", NEW, "10"),
        ),
        '"v2"',
    )
    changed, state3, rejected = poll(url, state2)
    assert rejected == []
    assert [(a.external_id, a.text) for a in changed] == [("a", UPDATE), ("c", NEW)]
    updated = changed[0]
    assert updated.url == first[0].url and updated.hash != first[0].hash  # a revision for the store
    assert state3["etag"] == '"v2"' and set(state3["seen"]) == {"a", "b", "c"}


def test_last_modified_is_sent_back(server: LocalServer) -> None:
    server.routes["/lm.xml"] = lambda h: (
        200,
        {**RSS, "Last-Modified": "Mon, 09 Nov 2020 08:00:00 GMT"},
        rss(item("a", "t", CAPTURE)),
    )
    _, state, _ = poll(server.url("/lm.xml"), None)
    poll(server.url("/lm.xml"), state)
    assert server.requests[-1][1].get("if-modified-since") == "Mon, 09 Nov 2020 08:00:00 GMT"


@pytest.mark.parametrize(
    ("route", "code"),
    [
        (lambda h: (500, {}, b"oops"), "E406"),
        (
            lambda h: (200, {"Content-Type": "text/html"}, b"<html><body><p>not a feed</p></body></html>"),
            "E407",
        ),
        (lambda h: (200, {"Content-Type": "image/png"}, b"\x89PNG"), "E404"),
    ],
)
def test_feed_errors_are_rejections_and_keep_the_old_state(server: LocalServer, route, code: str) -> None:
    server.routes["/broken.xml"] = route
    old = {"etag": '"x"', "seen": {"a": "h"}}
    articles, state, rejected = poll(server.url("/broken.xml"), old)
    assert articles == [] and state == old
    assert [(r.code, r.where) for r in rejected] == [(code, server.url("/broken.xml"))]


def test_private_feed_is_refused_without_allow_private(server: LocalServer) -> None:
    server.routes["/feed.xml"] = Feed(rss(item("a", "t", CAPTURE)), '"v1"')
    articles, state, rejected = poll_feed(server.url("/feed.xml"), None, now=NOW)
    assert articles == [] and [r.code for r in rejected] == ["E401"]


def test_bad_items_are_rejected_once_and_good_ones_kept(server: LocalServer) -> None:
    french = (
        "Le ministère de la Défense a déclaré mardi que ses forces avaient pris le contrôle de la ville "
        "après deux jours de combats, selon les commandants de la région."
    )
    server.routes["/mixed.xml"] = Feed(
        rss(item("fr", "fr", french), item("ok", "ok", CAPTURE), item("empty", "empty", "")), '"m1"'
    )
    url = server.url("/mixed.xml")
    articles, state, rejected = poll(url, None)
    assert [a.external_id for a in articles] == ["ok"]
    assert sorted(r.code for r in rejected) == ["E101", "E109"]
    assert all(r.where.startswith(url) for r in rejected)
    # a changed ETag with the same items: nothing new, and no repeated rejections
    server.routes["/mixed.xml"].etag = '"m2"'
    assert poll(url, state)[0::2] == ([], [])


def test_atom_feed_with_full_content(server: LocalServer) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Wire</title>"
        "<id>urn:wire</id><updated>2020-11-10T00:00:00Z</updated>"
        '<entry><id>urn:1</id><title>Ceasefire</title><link href="https://wire.example/2020/11/10/c"/>'
        "<updated>2020-11-10T02:00:00Z</updated><summary>short</summary>"
        f'<content type="html">&lt;p&gt;{NEW}&lt;/p&gt;</content></entry></feed>'
    ).encode()
    server.routes["/atom"] = lambda h: (200, {"Content-Type": "application/atom+xml"}, atom)
    (article,), _, rejected = poll(server.url("/atom"), None)
    assert (article.text, article.external_id, article.outlet, article.date) == (
        NEW,
        "urn:1",
        "Atom Wire",
        "2020-11-10",
    )
    assert isinstance(article, Article)


def test_fetch_links_reads_the_linked_page(server: LocalServer) -> None:
    page = (
        f"<html><head><title>Full story</title></head><body><article><p>{CAPTURE}</p><p>{DENIAL}</p>"
        f"<p>{NEW}</p></article></body></html>"
    ).encode()
    server.routes["/story"] = lambda h: (200, {"Content-Type": "text/html"}, page)
    link_item = item("s", "Story", "teaser only").replace("https://wire.example/s", server.url("/story"))
    server.routes["/linked.xml"] = lambda h: (200, RSS, rss(link_item))
    (article,), _, _ = poll_feed(
        server.url("/linked.xml"), None, allow_private=True, fetch_links=True, now=NOW
    )
    assert DENIAL in article.text and "teaser" not in article.text
    (summary_only,), _, _ = poll(server.url("/linked.xml"), None)
    assert summary_only.text == "teaser only"
