"""The dialect-neutral schema (SQLAlchemy Core), as of the latest migration.

``articles`` keeps every revision of every article with its full article-result
JSON (``result``), so ``get_result`` and exports never re-run extraction. The
other tables are normalised *query* tables: one row per mention, place, date,
claim and event, each with its article id and the id the model gave it, and the
indexes the list filters use. Query-table rows are derived from ``result``:
they can always be rebuilt from it.

Column names avoid SQL keywords (``span_start`` not ``start``/``end``).
Dates are ISO strings (``YYYY-MM-DD``), which sort and compare correctly as text
in every dialect. ``sort_date`` is the date or ``''`` so keyset pagination never
meets a NULL.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    # integer surrogate key: FTS5 (external content) needs a stable integer rowid
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("external_id", Text),
    Column("date", String(10)),
    Column("sort_date", String(10), nullable=False, default=""),
    Column("date_origin", String(20), nullable=False),
    Column("outlet", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("source", Text),
    Column("language", String(16)),
    Column("revision_of", String(40)),  # id of the revision this one replaces
    Column("lineage", String(40), nullable=False),  # id of the first revision: groups all revisions
    Column("ingested_at", String(40), nullable=False),
    Column("result", Text, nullable=False),  # the article-result JSON
    Column("stages", Text, nullable=False),  # JSON {stage: version} of what ran
    Index("ix_articles_sort", "sort_date", "seq"),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_url", "url"),
    Index("ix_articles_external_id", "external_id"),
    Index("ix_articles_lineage", "lineage"),
)


def _article_fk() -> Column:
    return Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


mentions = Table(
    "mentions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("idx", Integer, nullable=False),
    Column("label", String(20), nullable=False),
    Column("origin", String(10)),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    UniqueConstraint("article_id", "idx", name="uq_mentions_article_idx"),
    Index("ix_mentions_label_text", "label", "text"),
)

places = Table(
    "places",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("idx", Integer, nullable=False),  # index into the article's places (events point here)
    Column("name", Text, nullable=False),
    Column("aliases", Text, nullable=False, default=""),  # "|Shushi|Şuşa|" for LIKE matching
    Column("kind", String(20)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("country_code", String(4)),
    Column("precision", Integer),
    Column("role", String(20)),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    UniqueConstraint("article_id", "idx", name="uq_places_article_idx"),
    Index("ix_places_lat_lon", "lat", "lon"),
    Index("ix_places_name", "name"),
)

dates = Table(
    "dates",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("idx", Integer, nullable=False),
    Column("value", String(10)),
    Column("end_value", String(10)),
    Column("precision", String(20)),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    UniqueConstraint("article_id", "idx", name="uq_dates_article_idx"),
    Index("ix_dates_value", "value"),
)

claims = Table(
    "claims",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("claim_id", String(80), nullable=False),
    Column("date", String(10)),  # the claim's date, else the article's
    Column("sort_date", String(10), nullable=False, default=""),
    Column("actor", Text),
    Column("side", Text),
    Column("stance", String(20)),
    Column("kind", String(20)),
    Column("channel", Text),
    Column("speaker_text", Text),
    Column("content_text", Text, nullable=False),
    # the claim's context (sentence, else content) span: places inside it are the claim's places
    Column("ctx_start", Integer, nullable=False),
    Column("ctx_end", Integer, nullable=False),
    Column("data", Text, nullable=False),  # the claim dict (JSON)
    UniqueConstraint("article_id", "claim_id", name="uq_claims_article_claim"),
    Index("ix_claims_sort", "sort_date", "seq"),
    Index("ix_claims_side", "side"),
    Index("ix_claims_actor", "actor"),
    Index("ix_claims_stance", "stance"),
)

events = Table(
    "events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("event_id", String(80), nullable=False),
    Column("date", String(10)),  # the event's date, else the article's
    Column("sort_date", String(10), nullable=False, default=""),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("plover", String(40)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("side1", Text),
    Column("side2", Text),
    Column("place_idx", Integer),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("asserted_by", String(80)),
    Column("data", Text, nullable=False),  # the event dict (JSON)
    UniqueConstraint("article_id", "event_id", name="uq_events_article_event"),
    Index("ix_events_sort", "sort_date", "seq"),
    Index("ix_events_type", "event_type"),
    Index("ix_events_side1", "side1"),
    Index("ix_events_side2", "side2"),
    Index("ix_events_lat_lon", "lat", "lon"),
)

feeds = Table(
    "feeds",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("state", Text, nullable=False),  # JSON: etag, last_modified, seen guids, errors ...
    Column("updated_at", String(40), nullable=False),
)

# Distinct places with running counts, kept up to date by add_results (migration 4): the map and
# the places list read this instead of grouping every place row.
place_stats = Table(
    "place_stats",
    metadata,
    Column("key", Text, primary_key=True),  # name|kind|lat|lon|country_code
    Column("name", Text, nullable=False),
    Column("kind", String(20)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("country_code", String(4)),
    Column("aliases", Text),  # "|Shushi|Şuşa|", the latest list seen
    Column("n_mentions", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
)

QUERY_TABLES = (mentions, places, dates, claims, events)
V1_TABLES = (articles, *QUERY_TABLES, feeds)
