"""The store contract, on SQLite and (when $COUNTERCLAIM_TEST_PG is set) PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counterclaim.errors import (
    BadCursor,
    BadFilter,
    CannotOpenStore,
    SchemaTooNew,
    StoreError,
    UnsupportedDatabase,
)
from counterclaim.store import HIGHLIGHT_END, HIGHLIGHT_START, open_store
from counterclaim.store.dialects import SqliteDialect
from counterclaim.store.migrations import LATEST, migrate
from counterclaim.store.schema import articles, schema_migrations
from test_store_support import CAPTURE, capture_result, make_result, pg_database, store, store_url  # noqa: F401

# --- migrations and opening ---------------------------------------------------------------


def test_migrations_are_recorded_and_idempotent(store_url):
    with open_store(store_url) as first:
        assert first.schema_version() == LATEST
        first.add_results([make_result("Kept across reopening the store.")])
    with open_store(store_url) as again:  # reopening runs migrate() again: nothing to do, nothing lost
        assert migrate(again.engine, again.dialect) == []
        with again.engine.connect() as conn:
            versions = conn.execute(select(schema_migrations.c.version)).scalars().all()
        assert sorted(versions) == list(range(1, LATEST + 1))
        assert again.stats()["articles"] == 1


def test_a_database_from_a_newer_version_is_refused(store):
    with store.engine.connect() as conn, conn.begin():
        conn.execute(schema_migrations.insert().values(version=LATEST + 1, name="future", applied_at="x"))
    with pytest.raises(SchemaTooNew, match=r"\[E303\]"):
        migrate(store.engine, store.dialect)


@pytest.mark.parametrize(
    "db, error",
    [
        ("/no/such/folder/ledger.db", CannotOpenStore),
        ("mysql://user@host/db", UnsupportedDatabase),
    ],
)
def test_bad_database_locations_give_numbered_errors(db, error):
    with pytest.raises(error, match=r"\[E30\d\]"):
        open_store(db)


def test_sqlite_url_and_plain_path_open_the_same_file(tmp_path):
    path = tmp_path / "same.db"
    with open_store(path) as by_path:
        by_path.add_results([make_result("One article in one file.")])
    with open_store(f"sqlite:///{path}") as by_url:
        assert by_url.stats()["articles"] == 1


def test_default_database_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTERCLAIM_DB", str(tmp_path / "env.db"))
    with open_store() as opened:
        opened.add_results([make_result("Where the environment says.")])
    assert (tmp_path / "env.db").exists()


# --- writing: dedupe, revisions, transactions ----------------------------------------------


def test_the_same_text_twice_is_one_article(store):
    first = store.add_results(
        [make_result("Shelling hit the town overnight."), make_result("Shelling hit the town overnight.")]
    )
    assert (first.added, first.duplicates) == (1, 1)
    # whitespace-folded hash: a re-wrapped copy is the same article
    again = store.add_results([make_result("Shelling  hit the town\novernight.")])
    assert (again.added, again.duplicates) == (0, 1)
    assert store.stats()["articles"] == 1
    assert store.has_hash(make_result("Shelling hit the town overnight.").article.hash)
    assert not store.has_hash("0" * 64)


def test_known_hashes_returns_only_stored_ones(store):
    stored = make_result("A stored text about the front line.")
    store.add_results([stored])
    assert store.known_hashes([stored.article.hash, "f" * 64]) == {stored.article.hash}


def test_changed_text_at_same_url_is_a_linked_revision(store):
    url = "https://wire.example/2020/11/08/shusha"
    v1 = make_result("Fighting continues for Shusha, officials said.", url=url)
    v2 = make_result("Fighting continues for Shusha, officials said. Updated with casualty figures.", url=url)
    v3 = make_result("Shusha has fallen, officials now say.", url=url)
    assert store.add_results([v1]).revisions == []
    assert store.add_results([v2, v3]).revisions == [v2.article.id, v3.article.id]
    latest = store.get_result(v3.article.id)
    assert latest["revision_of"] == v2.article.id
    assert latest["revisions"] == [v1.article.id, v2.article.id, v3.article.id]
    assert store.get_result(v1.article.id)["revision_of"] is None
    stats = store.stats()
    assert (stats["articles"], stats["revisions"]) == (3, 2)


@pytest.mark.parametrize("second_outlet, is_revision", [("Sheet Wire", True), ("Other Sheet", False)])
def test_external_id_links_revisions_within_one_outlet(store, second_outlet, is_revision):
    store.add_results([make_result("Row seventeen, first version.", external_id="17", outlet="Sheet Wire")])
    report = store.add_results(
        [make_result("Row seventeen, corrected version.", external_id="17", outlet=second_outlet)]
    )
    assert bool(report.revisions) is is_revision


def test_get_result_round_trips_the_article_result_json(store):
    result = capture_result()
    store.add_results([result])
    stored = store.get_result(result.article.id)
    expected = result.to_dict()
    assert {k: v for k, v in stored.items() if k not in ("revision_of", "revisions")} == expected
    assert store.get_result("a-missing-id") is None


def test_a_failing_batch_leaves_nothing_half_written(store):
    good = capture_result()
    broken = {"text": "A record with no id cannot be stored."}  # KeyError inside the transaction
    with pytest.raises((KeyError, StoreError)):
        store.add_results([good, broken])
    stats = store.stats()
    assert (stats["articles"], stats["claims"], stats["mentions"]) == (0, 0, 0)
    assert store.add_results([good]).added == 1  # and the batch can simply be re-run


def test_results_with_only_mentions_store_fine(store):
    store.add_results([make_result("Only mentions ran on this article.")])
    stats = store.stats()
    assert (stats["mentions"], stats["claims"], stats["events"], stats["places"]) == (1, 0, 0, 0)


# --- listing and pagination ------------------------------------------------------------------


def _dated_corpus(store, n: int = 7) -> list[str]:
    results = [
        make_result(
            f"Report number {i} on the fighting near the river.",
            date=f"2020-11-{i + 1:02d}",
            outlet="Wire A" if i % 2 else "Wire B",
        )
        for i in range(n)
    ]
    store.add_results(results)
    return [r.article.id for r in results]


def _all_pages(fetch, limit: int) -> list[dict]:
    items, cursor, pages = [], None, 0
    while True:
        page = fetch(limit=limit, cursor=cursor)
        assert len(page.items) <= limit
        items += page.items
        pages += 1
        if not page.next_cursor:
            return items
        cursor = page.next_cursor
        assert pages < 100


def test_articles_cursor_pagination_visits_each_article_once_newest_first(store):
    ids = _dated_corpus(store)
    items = _all_pages(store.list_articles, limit=3)
    assert [i["id"] for i in items] == list(reversed(ids))


def test_articles_without_a_date_come_last_and_still_paginate(store):
    ids = _dated_corpus(store, 3)
    undated = make_result("An undated note about the river crossing.", date=None)
    store.add_results([undated])
    items = _all_pages(store.list_articles, limit=2)
    assert [i["id"] for i in items] == list(reversed(ids)) + [undated.article.id]


@pytest.mark.parametrize(
    "filters, expected_days",
    [
        ({"since": "2020-11-05"}, [7, 6, 5]),
        ({"until": "2020-11-02"}, [2, 1]),
        ({"since": "2020-11-03", "until": "2020-11-04"}, [4, 3]),
        ({"until": "2020-11"}, [7, 6, 5, 4, 3, 2, 1]),
        ({"until": "2020-10"}, []),
        ({"outlet": "wire a"}, [6, 4, 2]),
    ],
)
def test_article_filters(store, filters, expected_days):
    _dated_corpus(store)
    days = [int(i["date"][-2:]) for i in store.list_articles(**filters).items]
    assert days == expected_days


def test_article_full_text_filter(store):
    store.add_results(
        [
            make_result("Drones struck an airfield.", date="2020-10-01"),
            make_result("Talks resumed in Moscow.", date="2020-10-02"),
        ]
    )
    assert [i["title"] for i in store.list_articles(query="drone").items] == ["Drones struck an airfield."]


@pytest.mark.parametrize("cursor", ["not-a-cursor!", "eyJsIjoiY2xhaW1zIiwiZCI6IiIsInMiOjF9"])
def test_bad_or_foreign_cursors_are_refused(store, cursor):
    with pytest.raises(BadCursor, match=r"\[E304\]"):
        store.list_articles(cursor=cursor)


@pytest.mark.parametrize(
    "filters", [{"since": "08/11/2020"}, {"until": "2020-11-08'; DROP TABLE articles;--"}, {"limit": 0}]
)
def test_bad_filters_are_refused(store, filters):
    with pytest.raises(BadFilter, match=r"\[E305\]"):
        store.list_articles(**filters)


# --- full-text search ---------------------------------------------------------------------------


def test_search_ranks_matches_and_highlights_them(store):
    store.add_results(
        [
            make_result("Heavy fighting was reported around the fortress city overnight."),
            make_result("The ministry published a statement about grain exports."),
        ]
    )
    page = store.search("fighting fortress")
    assert len(page.items) == 1
    snippet = page.items[0]["snippet"]
    assert f"{HIGHLIGHT_START}fighting{HIGHLIGHT_END}" in snippet
    assert f"{HIGHLIGHT_START}fortress{HIGHLIGHT_END}" in snippet
    assert store.search("fight").items  # stemmed on both databases


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "NEAR(fighting",
        "fighting OR",
        "'; DROP TABLE articles; --",
        "*",
        "",
        "   ",
        "-fighting",
        "fighting AND NOT",
    ],
)
def test_search_takes_any_user_input_safely(store, query):
    store.add_results([make_result("Fighting was reported near the river.")])
    store.search(query)  # no exception, whatever the syntax
    assert store.stats()["articles"] == 1


def test_search_paginates(store):
    store.add_results([make_result(f"Artillery fire number {i} hit the outskirts.") for i in range(5)])
    items = _all_pages(lambda **kw: store.search("artillery", **kw), limit=2)
    assert len({i["id"] for i in items}) == 5



def test_sqlite_search_runs_the_full_text_match_once(tmp_path):
    """Snippets for the page look each hit up by rowid; a second MATCH over every hit doubled search time."""
    with open_store(tmp_path / "plan.db") as sqlite_store:
        sqlite_store.add_results([make_result(f"Artillery fire number {i} hit the outskirts.") for i in range(3)])
        params = {"q": '"artillery"', "hs": HIGHLIGHT_START, "he": HIGHLIGHT_END, "limit": 2, "offset": 0}
        with sqlite_store.engine.connect() as conn:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + SqliteDialect.SEARCH_SQL, params)]
        fts = [step for step in plan if "articles_fts VIRTUAL TABLE" in step]
        assert len(fts) == 2, plan
        assert [step for step in fts if "=" in step.rsplit(":", 1)[1]], plan  # the snippet lookup is by rowid
        assert len(sqlite_store.search("artillery", limit=2).items) == 2

def test_sqlite_claims_by_side_and_stance_walk_one_ordered_index(tmp_path):
    """Side + stance used to walk the stance index and filter side (116 ms at 100k articles)."""
    with open_store(tmp_path / "plan.db") as sqlite_store:
        sqlite_store.add_results([capture_result()])
        sql = (
            "EXPLAIN QUERY PLAN SELECT seq FROM claims WHERE lower(side) = 'azerbaijan' AND stance = 'asserts' "
            "ORDER BY sort_date DESC, seq DESC LIMIT 51"
        )
        with sqlite_store.engine.connect() as conn:
            plan = " ".join(row[3] for row in conn.exec_driver_sql(sql))
        assert "ix_claims_side_stance_sort" in plan and "TEMP B-TREE" not in plan, plan
        assert sqlite_store.list_claims(side="Azerbaijan", stance="asserts").items

# --- claims, events, places, actors -------------------------------------------------------------


def _claim_corpus(store) -> None:
    store.add_results(
        [
            capture_result(date="2020-11-08", outlet="Wire A"),
            capture_result(date="2020-11-09", outlet="Wire B", text=CAPTURE.replace("continued", "went on")),
        ]
    )


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, 4),
        ({"side": "armenia"}, 2),
        ({"stance": "denies"}, 2),
        ({"actor": "Azerbaijani officials"}, 2),
        ({"actor": "yerevan"}, 2),  # speaker text
        ({"place": "Shushi"}, 4),  # an alias; both claims' sentences name the town
        ({"place": "Stepanakert"}, 0),
        ({"query": "their forces"}, 2),
        ({"since": "2020-11-09"}, 2),
        ({"until": "2020-11-08", "side": "Azerbaijan"}, 1),
    ],
)
def test_claim_filters(store, filters, expected):
    _claim_corpus(store)
    assert len(store.list_claims(**filters).items) == expected


def test_claim_items_carry_their_article(store):
    _claim_corpus(store)
    item = store.list_claims(stance="denies", since="2020-11-09").items[0]
    assert item["refers_to"] == "c1" and item["side"] == "Armenia"
    assert (item["article_date"], item["outlet"], item["title"]) == ("2020-11-09", "Wire B", "Shusha claim")
    assert store.list_claims(article_id=item["article_id"]).items[0]["article_id"] == item["article_id"]


def test_claim_pagination(store):
    _claim_corpus(store)
    items = _all_pages(store.list_claims, limit=1)
    assert len(items) == 4
    assert len({(i["article_id"], i["id"]) for i in items}) == 4


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, 2),
        ({"event_type": "battles"}, 2),
        ({"event_type": "Riots"}, 0),
        ({"side": "Armenia"}, 2),
        ({"place": "Şuşa"}, 2),
        ({"near": (39.80, 46.70, 10)}, 2),  # ~6 km from Shusha
        ({"near": (40.38, 49.89, 50)}, 0),  # Baku is ~270 km away
        ({"since": "2020-11-09"}, 1),
    ],
)
def test_event_filters(store, filters, expected):
    _claim_corpus(store)
    assert len(store.list_events(**filters).items) == expected


def test_event_items_carry_coordinates_and_paginate(store):
    _claim_corpus(store)
    items = _all_pages(store.list_events, limit=1)
    assert len(items) == 2
    assert items[0]["place_name"] == "Shusha" and items[0]["lat"] == pytest.approx(39.7594)
    assert items[0]["fatalities"]["min"] == 3


def test_places_actors_and_stats(store):
    _claim_corpus(store)
    places = store.list_places().items
    assert [p["name"] for p in places] == ["Shusha"]  # Baku is used as an actor here, not a place
    assert places[0]["n_mentions"] == 4 and places[0]["n_articles"] == 2 and "Shushi" in places[0]["aliases"]
    assert store.list_places(query="shushi").items and not store.list_places(query="Kyiv").items
    actors = {(a["actor"], a["side"]): a for a in store.list_actors()}
    assert actors[("Armenian government", "Armenia")]["n_claims"] == 2
    assert actors[("Military Forces of Armenia", "Armenia")]["n_events"] == 2
    stats = store.stats()
    assert {k: stats[k] for k in ("articles", "claims", "events", "places", "dates", "outlets")} == {
        "articles": 2,
        "claims": 4,
        "events": 2,
        "places": 6,
        "dates": 2,
        "outlets": 2,
    }


# --- exports and feeds --------------------------------------------------------------------------


def test_iter_results_streams_every_article_in_ingest_order(store):
    results = [make_result(f"Article {i} of a longer export run.") for i in range(7)]
    store.add_results(results)
    assert [r["id"] for r in store.iter_results(chunk=3)] == [r.article.id for r in results]


def test_feed_state_round_trips_and_updates(store):
    assert store.get_feed_state("https://wire.example/feed") is None
    store.put_feed_state("https://wire.example/feed", {"etag": "v1", "seen": ["a"]})
    store.put_feed_state("https://wire.example/feed", {"etag": "v2", "seen": ["a", "b"]})
    assert store.get_feed_state("https://wire.example/feed") == {"etag": "v2", "seen": ["a", "b"]}


def test_hostile_text_is_stored_verbatim(store):
    text = "Robert'); DROP TABLE articles;-- said <script>alert(1)</script> nothing."
    store.add_results([make_result(text)])
    with store.engine.connect() as conn:
        assert conn.execute(select(articles.c.text)).scalar() == text


def test_migration_4_backfills_place_stats_from_stored_places(store):
    from sqlalchemy import delete

    from counterclaim.store.schema import place_stats

    _claim_corpus(store)
    before = store.list_places().items
    with store.engine.connect() as conn, conn.begin():  # back to a version-3 database with places in it
        place_stats.drop(conn)
        conn.execute(delete(schema_migrations).where(schema_migrations.c.version == 4))
    assert migrate(store.engine, store.dialect) == [4]
    assert store.list_places().items == before and before[0]["n_mentions"] == 4


@pytest.mark.parametrize("query", ["*", '"', '""', "-", "()"])
def test_a_query_with_no_words_matches_nothing_rather_than_failing(tmp_path, query: str) -> None:
    with open_store(tmp_path / "q.db") as store:
        assert store.list_articles(query=query).items == []
        assert store.search(query).items == []


def test_stats_are_cached_but_follow_every_new_article(store) -> None:
    store.add_results([make_result("Kherson was quiet on Monday.")])
    first = store.stats()
    assert store.stats() == first  # served from the cache
    store.add_results([make_result("Mariupol was shelled on Tuesday.")])
    assert (first["articles"], store.stats()["articles"]) == (1, 2)
    assert store.stats()["mentions"] == first["mentions"] + 1
