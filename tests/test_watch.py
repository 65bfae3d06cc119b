"""``counterclaim watch``: polls feeds, stores new items, revisions for updates, survives feed errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.cli.watch_cmd import parse_interval, poll_once, read_feeds_file
from test_fetch_server import LocalServer

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
CAPTURE = (
    "The president said in a televised address that the army had captured the town after heavy fighting."
)
UPDATE = CAPTURE + " The other side later admitted that its forces had withdrawn from the town."
DENIAL = "The defence ministry of the other side denied that the town had fallen and said fighting continued."


def rss(*items: tuple[str, str]) -> bytes:
    body = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{guid}</title>'
        f"<link>https://wire.example/news/{guid}</link><pubDate>Sun, 08 Nov 2020 10:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>"
        for guid, text in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>{body}</channel></rss>'
    ).encode()


@pytest.fixture(scope="module")
def pipeline():
    """Only the mentions stage: these tests are about polling and storing, not about the extractors."""
    from counterclaim.pipeline import Pipeline

    return Pipeline(["mentions"])


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("1h", 3600), ("90", 90), ("0.5m", 30)]
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "15 minutes", "m"])
def test_parse_interval_refuses_nonsense(text: str) -> None:
    with pytest.raises(click.BadParameter):
        parse_interval(text)


def test_feeds_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# war feeds\nhttps://a.example/rss\n\n  https://b.example/feed#atom  \n", encoding="utf-8"
    )
    assert read_feeds_file(path) == ["https://a.example/rss", "https://b.example/feed#atom"]


class MemoryStore:
    """The slice of the store contract that watch uses."""

    def __init__(self) -> None:
        self.states: dict[str, dict] = {}
        self.results: list = []

    def get_feed_state(self, url: str) -> dict | None:
        return self.states.get(url)

    def put_feed_state(self, url: str, state: dict) -> None:
        self.states[url] = state

    def has_hash(self, content_hash: str) -> bool:
        return any(r.article.hash == content_hash for r in self.results)

    def add_results(self, results):
        from types import SimpleNamespace

        self.results.extend(results)
        return SimpleNamespace(added=len(results), duplicates=0, revisions=[], added_ids=[r.article.id for r in results])


def test_poll_once_runs_the_pipeline_and_survives_a_broken_feed(server: LocalServer, pipeline) -> None:
    server.routes["/good.xml"] = lambda h: (200, RSS, rss(("a", CAPTURE)))
    server.routes["/down.xml"] = lambda h: (503, {}, b"")
    store, lines = MemoryStore(), []
    feeds = [server.url("/down.xml"), "not a url", server.url("/good.xml")]
    report = poll_once(feeds, store, lambda: pipeline, allow_private=True, echo=lines.append)
    assert report.added == 1 and report.failed_feeds == 2
    assert [r.article.external_id for r in store.results] == ["a"]
    assert "mentions" in store.results[0].stages, "the pipeline ran on the new item"
    assert set(store.states) == {server.url("/good.xml")}  # a failed feed keeps its old state
    assert any("E406" in line for line in lines)


def test_crash_between_store_and_state_does_not_double(server: LocalServer, pipeline) -> None:
    server.routes["/feed.xml"] = lambda h: (200, RSS, rss(("a", CAPTURE), ("b", DENIAL)))
    store = MemoryStore()
    store.put_feed_state = lambda url, state: None  # the state write is "lost"
    poll_once([server.url("/feed.xml")], store, lambda: pipeline, allow_private=True, echo=lambda s: None)
    report = poll_once(
        [server.url("/feed.xml")], store, lambda: pipeline, allow_private=True, echo=lambda s: None
    )
    assert len(store.results) == 2 and report.added == 0 and report.duplicates == 2


def test_watch_once_stores_items_then_a_revision(
    server: LocalServer, pipeline, tmp_path: Path, monkeypatch
) -> None:
    from counterclaim.store import open_store

    monkeypatch.setattr("counterclaim.pipeline.default_pipeline", lambda: pipeline)
    feed = {"body": rss(("a", CAPTURE), ("b", DENIAL))}
    server.routes["/feed.xml"] = lambda h: (200, RSS, feed["body"])
    server.routes["/broken.xml"] = lambda h: (200, {"Content-Type": "text/xml"}, b"<nope")
    db = str(tmp_path / "ledger.db")
    feeds_file = tmp_path / "feeds.txt"
    feeds_file.write_text(server.url("/broken.xml") + "\n", encoding="utf-8")
    args = [
        "watch",
        server.url("/feed.xml"),
        "--feeds-file",
        str(feeds_file),
        "--once",
        "--db",
        db,
        "--allow-private",
    ]
    runner = CliRunner()

    first = runner.invoke(main, args)
    assert first.exit_code == 3, first.output  # the broken feed is reported ...
    assert "E407" in first.output
    with open_store(db) as store:  # ... and the good one stored
        assert store.stats()["articles"] == 2
        assert store.get_feed_state(server.url("/feed.xml"))["seen"].keys() == {"a", "b"}

    feeds_file.write_text("", encoding="utf-8")
    feed["body"] = rss(("a", UPDATE), ("b", DENIAL))
    second = runner.invoke(main, args)
    assert second.exit_code == 0, second.output
    assert "stored 1 (revisions 1)" in second.output
    third = runner.invoke(main, args)
    assert "stored 0 (revisions 0)" in third.output
    with open_store(db) as store:
        assert store.stats()["articles"] == 3


def test_watch_needs_a_feed() -> None:
    result = CliRunner().invoke(main, ["watch", "--once"])
    assert result.exit_code == 2 and "at least one FEED" in result.output


def test_watch_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["watch", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--every" in result.output
