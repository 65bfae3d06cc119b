"""Builders and the database fixture shared by the store, batch, CLI and export tests.

``store_url`` is parametrised over SQLite (a temp file) and PostgreSQL (a fresh
database per test on the server named by ``$COUNTERCLAIM_TEST_PG``; skipped
with a reason when unset — ``scripts/start_test_postgres.sh`` starts one).
Results are built by hand from short texts written for these tests, so the
store tests never load spaCy.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from counterclaim.model import (
    Article,
    ArticleResult,
    Claim,
    DateMention,
    Event,
    Fatalities,
    Mention,
    Place,
    Span,
    article_id,
    content_hash,
)

PG_ENV = "COUNTERCLAIM_TEST_PG"


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """One throwaway database per test session on the server named by $COUNTERCLAIM_TEST_PG."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(
            f"PostgreSQL leg: set {PG_ENV} to a server URL (scripts/start_test_postgres.sh prints one)"
        )
    import psycopg
    from psycopg import sql

    name = f"cc_test_{uuid.uuid4().hex[:12]}"
    admin = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    head, _, _ = admin.rpartition("/")
    try:
        yield f"{head}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _empty_pg(url: str) -> str:
    """Each test starts from an empty database: dropping the schema is much faster than a new database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
        conn.execute("DROP FUNCTION IF EXISTS cc_distance_km")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
    else:
        yield _empty_pg(request.getfixturevalue("pg_database"))


@pytest.fixture
def store(store_url):
    from counterclaim.store import open_store

    with open_store(store_url) as opened:
        yield opened


def make_article(
    text: str,
    *,
    date: str | None = "2020-11-08",
    url: str | None = None,
    outlet: str | None = "Test Wire",
    title: str | None = None,
    external_id: str | None = None,
) -> Article:
    return Article(
        id=article_id(content_hash(text)),
        text=text,
        date=date,
        date_origin="header",
        title=title or text[:30],
        outlet=outlet,
        url=url,
        external_id=external_id,
    )


def find(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def make_result(text: str, **article_kw) -> ArticleResult:
    """A result with only mentions: what the store gets before the other stages exist."""
    result = ArticleResult(article=make_article(text, **article_kw))
    first = text.split()[0]
    result.mentions.append(Mention(find(text, first), "GPE"))
    result.stages["mentions"] = "1"
    return result


CAPTURE = (
    "Officials in Baku said on Sunday that their forces had captured Shusha. "
    "Yerevan denied that Shusha had fallen and said fighting continued near Shushi."
)


def capture_result(
    *, date: str = "2020-11-08", outlet: str = "Test Wire", url: str | None = None, text: str = CAPTURE
) -> ArticleResult:
    """A fully extracted result (places, dates, claims, events) over a text written for the tests."""
    result = ArticleResult(
        article=make_article(text, date=date, outlet=outlet, url=url, title="Shusha claim")
    )
    first_sentence = Span.of(text, 0, text.index(".") + 1)
    second_sentence = Span.of(text, text.index("Yerevan"), len(text))
    result.mentions += [Mention(find(text, "Baku"), "GPE"), Mention(find(text, "Shusha"), "GPE", "rule")]
    result.places += [
        Place(
            find(text, "Shusha"),
            "Shusha",
            "town",
            39.7594,
            46.7481,
            geonameid=1,
            country_code="AZ",
            aliases=("Shushi", "Şuşa"),
            precision=1,
        ),
        Place(
            find(text, "Shusha", 1),
            "Shusha",
            "town",
            39.7594,
            46.7481,
            country_code="AZ",
            aliases=("Shushi", "Şuşa"),
            precision=1,
        ),
        Place(
            find(text, "Baku"), "Baku", "town", 40.3777, 49.892, country_code="AZ", precision=1, role="actor"
        ),
    ]
    result.dates.append(DateMention(find(text, "Sunday"), date, "day"))
    result.claims += [
        Claim(
            "c1",
            find(text, "Officials in Baku"),
            find(text, "said"),
            Span.of(text, text.index("their forces"), text.index(".")),
            "indirect",
            "asserts",
            actor="Azerbaijani officials",
            side="Azerbaijan",
            date=date,
            sentence=first_sentence,
        ),
        Claim(
            "c2",
            find(text, "Yerevan"),
            find(text, "denied"),
            Span.of(text, text.index("Shusha had"), text.index(" and said")),
            "indirect",
            "denies",
            actor="Armenian government",
            side="Armenia",
            date=date,
            refers_to="c1",
            sentence=second_sentence,
        ),
    ]
    result.events.append(
        Event(
            "e1",
            find(text, "captured Shusha"),
            "Battles",
            "Government regains territory",
            actor1="Military Forces of Azerbaijan",
            actor2="Military Forces of Armenia",
            side1="Azerbaijan",
            side2="Armenia",
            place=0,
            date=date,
            fatalities=Fatalities(min=3, exact=True),
            asserted_by="c1",
        )
    )
    for name in ("mentions", "places", "dates", "claims", "events"):
        result.stages[name] = "1"
    return result


def test_capture_result_spans_point_into_the_text():
    result = capture_result()
    text = result.article.text
    for claim in result.claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text
    assert text[result.events[0].span.start : result.events[0].span.end] == "captured Shusha"
