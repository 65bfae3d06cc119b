"""The ``Store``: one interface over SQLite (default) and PostgreSQL.

See ``__init__`` for the contract; the listings live in ``queries``. Writes go
through ``add_results``: one transaction per batch, writers serialised (SQLite
``BEGIN IMMEDIATE``, PostgreSQL advisory lock), articles inserted with "on
conflict do nothing" on the content hash, so a crash mid-batch leaves nothing
half-written and a re-run adds exactly what is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, and_, bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import rows as rowmaps
from .dialects import Dialect
from .link_queries import LinkQueries
from .migrations import applied_versions
from .queries import StoreQueries
from .rows import ADDED_COUNTS, KEPT_IF_UNSET
from .schema import articles, claims, dates, events, feeds, mentions, place_stats, places


@dataclass
class AddReport:
    added: int = 0
    duplicates: int = 0
    revisions: list[str] = field(default_factory=list)  # ids of added articles that revise an earlier one
    added_ids: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _WriteStatements:
    """The write path's statements, built once: compiling one per article costs more than running it."""

    def __init__(self, dialect: Dialect) -> None:
        newest = articles.c.seq.desc()
        by_external_id = and_(articles.c.url.is_(None), articles.c.external_id == bindparam("external_id"))
        self.seq_by_hash = select(articles.c.seq).where(articles.c.hash == bindparam("hash"))
        self.previous_by_url = (
            select(articles.c.id, articles.c.lineage)
            .where(articles.c.url == bindparam("url"))
            .order_by(newest)
            .limit(1)
        )
        self.previous_by_external_id = (
            select(articles.c.id, articles.c.lineage)
            .where(by_external_id, articles.c.outlet == bindparam("outlet"))
            .order_by(newest)
            .limit(1)
        )
        self.previous_by_external_id_no_outlet = (
            select(articles.c.id, articles.c.lineage)
            .where(by_external_id, articles.c.outlet.is_(None))
            .order_by(newest)
            .limit(1)
        )
        self.insert_article = dialect.insert_ignore(articles).returning(articles.c.seq)
        self.insert_rows = {
            t.name: dialect.insert_ignore(t) for t in (mentions, places, dates, claims, events)
        }
        self.upsert_place_stats = dialect.upsert(place_stats, "key", add=ADDED_COUNTS, keep=KEPT_IF_UNSET)


class Store(LinkQueries, StoreQueries):
    def __init__(self, engine: Engine, dialect: Dialect, url: str) -> None:
        self.engine = engine
        self.dialect = dialect
        self.url = url
        self._writes = _WriteStatements(dialect)

    # --- lifecycle -----------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def _read(self) -> Any:
        return self.engine.connect()

    def schema_version(self) -> int:
        with self._read() as conn:
            versions = applied_versions(conn)
        return max(versions) if versions else 0

    # --- writing ---------------------------------------------------------------

    def add_results(self, results: Sequence[Any]) -> AddReport:
        """Store a batch in one transaction; duplicates (same content hash) are skipped."""
        report = AddReport()
        if not results:
            return report
        datas = [rowmaps.result_dict(r) for r in results]
        try:
            with self.engine.connect().execution_options(cc_write=True) as conn, conn.begin():
                self.dialect.lock_for_write(conn)
                for data in datas:
                    self._add_one(conn, data, report)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not write a batch of {len(datas)} articles: {exc.__class__.__name__}: "
                f"{str(exc).splitlines()[0]}",
                where=self.url,
            ) from exc
        return report

    def _previous_revision(self, conn: Connection, data: dict[str, Any]) -> tuple[str, str] | None:
        """(id, lineage) of the latest stored revision of the same article, by url or external id."""
        w = self._writes
        if data.get("url"):
            row = conn.execute(w.previous_by_url, {"url": data["url"]}).first()
        elif data.get("external_id"):
            # an id column is only unique within its outlet: "17" from two spreadsheets is two articles
            params = {"external_id": str(data["external_id"]), "outlet": data.get("outlet")}
            stmt = (
                w.previous_by_external_id
                if params["outlet"] is not None
                else w.previous_by_external_id_no_outlet
            )
            row = conn.execute(stmt, params).first()
        else:
            return None
        return (row.id, row.lineage) if row else None

    def _add_one(self, conn: Connection, data: dict[str, Any], report: AddReport) -> None:
        w = self._writes
        if conn.execute(w.seq_by_hash, {"hash": data["hash"]}).first():
            report.duplicates += 1
            return
        previous = self._previous_revision(conn, data)
        row = rowmaps.article_row(
            data,
            revision_of=previous[0] if previous else None,
            lineage=previous[1] if previous else data["id"],
            ingested_at=_now(),
        )
        if conn.execute(w.insert_article, row).first() is None:  # another writer stored this text just now
            report.duplicates += 1
            return
        article_id = data["id"]
        place_rows = rowmaps.place_rows(article_id, data)
        for table, table_rows in (
            (mentions, rowmaps.mention_rows(article_id, data)),
            (places, place_rows),
            (dates, rowmaps.date_rows(article_id, data)),
            (claims, rowmaps.claim_rows(article_id, data)),
            (events, rowmaps.event_rows(article_id, data)),
        ):
            if table_rows:
                conn.execute(w.insert_rows[table.name], table_rows)
        stats = rowmaps.place_stat_rows(place_rows)
        if stats:
            conn.execute(w.upsert_place_stats, stats)
        report.added += 1
        report.added_ids.append(article_id)
        if previous:
            report.revisions.append(article_id)

    def has_hash(self, content_hash: str) -> bool:
        with self._read() as conn:
            return (
                conn.execute(select(articles.c.seq).where(articles.c.hash == content_hash)).first()
                is not None
            )

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """The subset of ``hashes`` already stored (one query per 500)."""
        found: set[str] = set()
        unique = list(dict.fromkeys(hashes))
        with self._read() as conn:
            for i in range(0, len(unique), 500):
                chunk = unique[i : i + 500]
                found.update(
                    conn.execute(select(articles.c.hash).where(articles.c.hash.in_(chunk))).scalars()
                )
        return found

    # --- articles ----------------------------------------------------------------

    def get_result(self, article_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute(
                select(articles.c.result, articles.c.text, articles.c.revision_of, articles.c.lineage).where(
                    articles.c.id == article_id
                )
            ).first()
            if row is None:
                return None
            chain = (
                conn.execute(
                    select(articles.c.id).where(articles.c.lineage == row.lineage).order_by(articles.c.seq)
                )
                .scalars()
                .all()
            )
        data = json.loads(row.result)
        data["text"] = row.text
        data["revision_of"] = row.revision_of
        data["revisions"] = list(chain)  # every revision of this article, oldest first (this one included)
        return data

    # --- export and feeds ------------------------------------------------------------

    def iter_results(self, chunk: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored article result, in ingestion order, read in small chunks (memory stays flat)."""
        last = 0
        while True:
            with self._read() as conn:
                rows = conn.execute(
                    select(articles.c.seq, articles.c.result, articles.c.text, articles.c.revision_of)
                    .where(articles.c.seq > last)
                    .order_by(articles.c.seq)
                    .limit(chunk)
                ).all()
            if not rows:
                return
            for r in rows:
                data = json.loads(r.result)
                data["text"] = r.text
                data["revision_of"] = r.revision_of
                yield data
            last = rows[-1].seq

    def get_feed_state(self, url: str) -> dict[str, Any] | None:
        with self._read() as conn:
            raw = conn.execute(select(feeds.c.state).where(feeds.c.url == url)).scalar()
        return json.loads(raw) if raw is not None else None

    def put_feed_state(self, url: str, state: dict[str, Any]) -> None:
        values = {"url": url, "state": rowmaps.dumps(state), "updated_at": _now()}
        with self.engine.connect().execution_options(cc_write=True) as conn, conn.begin():
            conn.execute(self.dialect.upsert(feeds, "url"), values)
