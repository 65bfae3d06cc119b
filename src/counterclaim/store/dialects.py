"""Everything that differs between SQLite and PostgreSQL, in one place.

The schema, the migrations and every query are dialect-neutral SQLAlchemy Core;
only these few things are not:

- engine set-up (SQLite: WAL, foreign keys, busy timeout, explicit BEGIN);
- full-text search (SQLite: an FTS5 external-content table kept in sync by
  triggers; PostgreSQL: a generated ``tsvector`` column with a GIN index);
- the great-circle distance used by ``near=`` (``distance_to``: SQLite's
  built-in math functions when the library has them, else the Python function
  ``cc_distance_km`` registered per connection; PostgreSQL: an SQL function
  created by a migration);
- serialising writers (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a
  transaction-scoped advisory lock, so concurrent ingest workers cannot fork a
  revision chain or race on a content hash);
- "insert, or do nothing if the unique key exists".

All SQL here is constant text with bound parameters; user input never becomes SQL.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
from typing import Any

from sqlalchemy import Engine, Integer, Table, column, event, false, func, text
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

HIGHLIGHT_START = "[["
HIGHLIGHT_END = "]]"
_WRITE_LOCK_KEY = 0x636C61696D  # arbitrary constant: "claim" in hex, the advisory lock all writers share
_EARTH_RADIUS_KM = 6371.0088


def distance_km(
    lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None
) -> float | None:
    """Haversine great-circle distance; None when a coordinate is missing."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)  # type: ignore[arg-type]
    dp, dl = p2 - p1, math.radians(lon2 - lon1)  # type: ignore[operator]
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def fts_terms(query: str) -> list[str]:
    """Words of a user query; punctuation and FTS operators are dropped so any input is safe."""
    return re.findall(r"\w+", query)


@functools.lru_cache(maxsize=1)
def _sqlite_has_math() -> bool:
    """Whether this SQLite library was built with its math functions (SQLITE_ENABLE_MATH_FUNCTIONS)."""
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as conn:
            conn.execute("SELECT asin(sqrt(pow(sin(radians(1.0)), 2)))").fetchone()
        return True
    except sqlite3.OperationalError:
        return False


class Dialect:
    name = "base"

    def configure(self, engine: Engine) -> None:  # pragma: no cover - overridden
        pass

    def lock_for_write(self, conn: Connection) -> None:
        pass

    def insert(self, table: Table) -> Any:
        """The dialect's INSERT construct (it has ``on_conflict_do_nothing/do_update``)."""
        raise NotImplementedError

    def insert_ignore(self, table: Table) -> Any:
        return self.insert(table).on_conflict_do_nothing()

    def upsert(
        self,
        table: Table,
        key: str,
        *,
        add: tuple[str, ...] = (),
        keep: tuple[str, ...] = (),
    ) -> Any:
        """Insert rows (execute with one dict or a list), or update the row with the same ``key``:
        columns in ``add`` are summed, columns in ``keep`` keep their stored value unless the new
        one is set, the others are replaced."""
        stmt = self.insert(table)
        updates: dict[str, Any] = {}
        for col in table.columns:
            if col.name == key:
                continue
            if col.name in add:
                updates[col.name] = col + stmt.excluded[col.name]
            elif col.name in keep:
                updates[col.name] = func.coalesce(stmt.excluded[col.name], col)
            else:
                updates[col.name] = stmt.excluded[col.name]
        return stmt.on_conflict_do_update(index_elements=[key], set_=updates)

    def install_search(self, conn: Connection) -> None:
        raise NotImplementedError

    def match_articles(self, query: str) -> ColumnElement[bool]:
        """A WHERE clause on ``articles`` true for articles matching the full-text query."""
        raise NotImplementedError

    def search(self, conn: Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def distance_to(self, lat_col: Any, lon_col: Any, lat: float, lon: float) -> ColumnElement[float]:
        """Great-circle km from each row's (lat, lon) to the point."""
        return func.cc_distance_km(lat_col, lon_col, lat, lon)


class SqliteDialect(Dialect):
    name = "sqlite"

    def configure(self, engine: Engine) -> None:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # the driver must not open transactions; we BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: committed data survives a killed process
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
            dbapi_conn.create_function("cc_distance_km", 4, distance_km, deterministic=True)

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # writers take the write lock up front (no deadlock on lock upgrade); readers a plain BEGIN
            immediate = conn.get_execution_options().get("cc_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    def insert(self, table: Table) -> Any:
        return sqlite_dialect.insert(table)

    def distance_to(self, lat_col: Any, lon_col: Any, lat: float, lon: float) -> ColumnElement[float]:
        if not _sqlite_has_math():
            return super().distance_to(lat_col, lon_col, lat, lon)
        # haversine in SQL: ~10x cheaper per row than calling back into Python
        half_dlat = func.radians(lat_col - lat) / 2
        half_dlon = func.radians(lon_col - lon) / 2
        a = func.pow(func.sin(half_dlat), 2) + math.cos(math.radians(lat)) * func.cos(
            func.radians(lat_col)
        ) * func.pow(func.sin(half_dlon), 2)
        return 2 * _EARTH_RADIUS_KM * func.asin(func.sqrt(func.min(1.0, a)))

    def install_search(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "title, text, content='articles', content_rowid='seq', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) "
            "VALUES (new.seq, coalesce(new.title, ''), new.text); "
            "END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, coalesce(old.title, ''), old.text); "
            "END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, coalesce(old.title, ''), old.text); "
            "INSERT INTO articles_fts(rowid, title, text) "
            "VALUES (new.seq, coalesce(new.title, ''), new.text); "
            "END"
        )
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")

    @staticmethod
    def _fts_query(query: str) -> str:
        # every word quoted: FTS5 syntax in user input ("NEAR(", "-", '"') is taken literally
        return " ".join(f'"{w}"' for w in fts_terms(query))

    def match_articles(self, query: str) -> ColumnElement[bool]:
        from .schema import articles

        if not fts_terms(query):  # nothing searchable ("*", quotes only): matches nothing, not an FTS5 error
            return false()
        sub = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts_q").bindparams(
            fts_q=self._fts_query(query)
        )
        return articles.c.seq.in_(sub.columns(column("rowid", Integer)))

    # Rank every match, but build snippets only for the page (snippets are the costly part).
    # CROSS JOIN keeps the page the outer loop: with a plain JOIN SQLite ran the MATCH a second
    # time over every hit and probed the page for each (2-3x the ranking's own cost).
    SEARCH_SQL = (
        "WITH page AS (SELECT rowid AS seq, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts "
        "WHERE articles_fts MATCH :q ORDER BY rank, rowid LIMIT :limit OFFSET :offset) "
        "SELECT a.id, a.date, a.date_origin, a.title, a.outlet, a.url, a.source, a.revision_of, "
        "snippet(articles_fts, -1, :hs, :he, '…', 16) AS snippet, page.rank AS rank "
        "FROM page CROSS JOIN articles_fts CROSS JOIN articles a "
        "WHERE articles_fts MATCH :q AND articles_fts.rowid = page.seq AND a.seq = page.seq "
        "ORDER BY page.rank, page.seq"
    )

    def search(self, conn: Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
        if not fts_terms(query):
            return []
        rows = conn.execute(
            text(self.SEARCH_SQL),
            {
                "q": self._fts_query(query),
                "hs": HIGHLIGHT_START,
                "he": HIGHLIGHT_END,
                "limit": limit,
                "offset": offset,
            },
        ).mappings()
        return [dict(r) for r in rows]


class PostgresDialect(Dialect):
    name = "postgresql"

    def configure(self, engine: Engine) -> None:
        pass

    def lock_for_write(self, conn: Connection) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK_KEY})

    def insert(self, table: Table) -> Any:
        return pg_dialect.insert(table)

    def install_search(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', text), 'B')) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING GIN (tsv)")
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION cc_distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8) "
            "RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ "
            "SELECT 2 * 6371.0088 * asin(least(1.0, sqrt("
            "power(sin(radians(lat2 - lat1) / 2), 2) + "
            "cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))) $$"
        )

    @staticmethod
    def _ts_query(query: str) -> str:
        return " ".join(fts_terms(query))

    def match_articles(self, query: str) -> ColumnElement[bool]:
        return text("articles.tsv @@ plainto_tsquery('english', :fts_q)").bindparams(  # type: ignore[return-value]
            fts_q=self._ts_query(query)
        )

    def search(self, conn: Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
        if not fts_terms(query):
            return []
        rows = conn.execute(
            text(
                # rank every match, but build headlines only for the page (ts_headline is the costly part)
                "WITH q AS (SELECT plainto_tsquery('english', :q) AS q), "
                "page AS (SELECT a.seq, ts_rank(a.tsv, q.q) AS rank FROM articles a, q WHERE a.tsv @@ q.q "
                "ORDER BY rank DESC, a.seq LIMIT :limit OFFSET :offset) "
                "SELECT a.id, a.date, a.date_origin, a.title, a.outlet, a.url, a.source, a.revision_of, "
                "ts_headline('english', a.text, q.q, :opts) AS snippet, page.rank AS rank "
                "FROM page JOIN articles a ON a.seq = page.seq, q ORDER BY page.rank DESC, page.seq"
            ),
            {
                "q": self._ts_query(query),
                "limit": limit,
                "offset": offset,
                "opts": f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=30, MinWords=12, "
                "MaxFragments=1",
            },
        ).mappings()
        return [dict(r) for r in rows]


def dialect_for(engine: Engine) -> Dialect:
    if engine.dialect.name == "sqlite":
        return SqliteDialect()
    if engine.dialect.name == "postgresql":
        return PostgresDialect()
    from ..errors import UnsupportedDatabase

    raise UnsupportedDatabase(f"no support for the {engine.dialect.name!r} database dialect")
