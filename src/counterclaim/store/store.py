"""The ``Store``: one interface over SQLite (default) and PostgreSQL.

See ``__init__`` for the contract. Writes go through ``add_results``: one
transaction per batch, writers serialised (SQLite ``BEGIN IMMEDIATE``,
PostgreSQL advisory lock), articles inserted with "on conflict do nothing" on
the content hash, so a crash mid-batch leaves nothing half-written and a re-run
adds exactly what is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, and_, exists, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ColumnElement, Select

from ..errors import BadFilter, StoreError
from . import cursor as cursors
from . import rows as rowmaps
from .dialects import Dialect
from .migrations import LATEST, applied_versions
from .rows import ADDED_COUNTS, KEPT_IF_UNSET
from .schema import articles, claims, dates, events, feeds, mentions, place_stats, places

_DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MAX_LIMIT = 1000
_SUMMARY_COLUMNS = (
    articles.c.id,
    articles.c.date,
    articles.c.date_origin,
    articles.c.title,
    articles.c.outlet,
    articles.c.url,
    articles.c.external_id,
    articles.c.source,
    articles.c.revision_of,
    articles.c.ingested_at,
)


@dataclass
class AddReport:
    added: int = 0
    duplicates: int = 0
    revisions: list[str] = field(default_factory=list)  # ids of added articles that revise an earlier one
    added_ids: list[str] = field(default_factory=list)


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _limit(limit: int | None, default: int) -> int:
    if limit is None:
        return default
    if not isinstance(limit, int) or limit < 1:
        raise BadFilter(f"limit must be a positive whole number, not {limit!r}")
    return min(limit, _MAX_LIMIT)


def _date_bounds(column: Any, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """``since``/``until`` are inclusive ISO dates or prefixes ("2020-11" = all of November)."""
    clauses = []
    for name, value in (("since", since), ("until", until)):
        if value is None or value == "":
            continue
        if not isinstance(value, str) or not _DATE_FILTER.match(value):
            raise BadFilter(f"{name} must be a date like 2020-11-08 (or 2020-11, 2020), not {value!r}")
        if name == "since":
            clauses.append(column >= value)
        elif len(value) == 10:
            clauses.append(column <= value)
        else:
            clauses.append(column < _next_period(value))  # "until 2020-11" includes all of November
    return clauses


def _next_period(prefix: str) -> str:
    """The first year or month after a ``YYYY`` or ``YYYY-MM`` prefix."""
    if len(prefix) == 4:
        return f"{int(prefix) + 1:04d}"
    year, month = int(prefix[:4]), int(prefix[5:7])
    return f"{year + 1:04d}-01" if month >= 12 else f"{year:04d}-{month + 1:02d}"


def _ieq(column: Any, value: str) -> ColumnElement[bool]:
    return func.lower(column) == value.lower()


def _place_matches(value: str) -> ColumnElement[bool]:
    return or_(_ieq(places.c.name, value), places.c.aliases.icontains(f"|{value}|", autoescape=True))


class Store:
    def __init__(self, engine: Engine, dialect: Dialect, url: str) -> None:
        self.engine = engine
        self.dialect = dialect
        self.url = url

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
        if data.get("url"):
            where = articles.c.url == data["url"]
        elif data.get("external_id"):
            # an id column is only unique within its outlet: "17" from two spreadsheets is two articles
            outlet = data.get("outlet")
            where = and_(
                articles.c.url.is_(None),
                articles.c.external_id == str(data["external_id"]),
                articles.c.outlet.is_(None) if outlet is None else articles.c.outlet == outlet,
            )
        else:
            return None
        row = conn.execute(
            select(articles.c.id, articles.c.lineage).where(where).order_by(articles.c.seq.desc()).limit(1)
        ).first()
        return (row.id, row.lineage) if row else None

    def _add_one(self, conn: Connection, data: dict[str, Any], report: AddReport) -> None:
        if conn.execute(select(articles.c.seq).where(articles.c.hash == data["hash"])).first():
            report.duplicates += 1
            return
        previous = self._previous_revision(conn, data)
        row = rowmaps.article_row(
            data,
            revision_of=previous[0] if previous else None,
            lineage=previous[1] if previous else data["id"],
            ingested_at=_now(),
        )
        inserted = conn.execute(
            self.dialect.insert_ignore(articles).values(**row).returning(articles.c.seq)
        ).first()
        if inserted is None:  # another writer stored the same text a moment ago
            report.duplicates += 1
            return
        article_id = data["id"]
        for table, make_rows in (
            (mentions, rowmaps.mention_rows),
            (dates, rowmaps.date_rows),
            (claims, rowmaps.claim_rows),
            (events, rowmaps.event_rows),
        ):
            table_rows = make_rows(article_id, data)
            if table_rows:
                conn.execute(self.dialect.insert_ignore(table), table_rows)
        place_rows = rowmaps.place_rows(article_id, data)
        if place_rows:
            conn.execute(self.dialect.insert_ignore(places), place_rows)
        stats = rowmaps.place_stat_rows(place_rows)
        if stats:
            conn.execute(self.dialect.upsert(place_stats, "key", add=ADDED_COUNTS, keep=KEPT_IF_UNSET), stats)
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

    def _keyset_page(
        self,
        conn: Connection,
        stmt: Select[Any],
        sort_col: Any,
        seq_col: Any,
        listing: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[Any], str | None]:
        """Newest first by (sort_date, seq); the cursor holds the last row's key."""
        position = cursors.keyset(cursor, listing)
        if position is not None:
            date, seq = position
            stmt = stmt.where(or_(sort_col < date, and_(sort_col == date, seq_col < seq)))
        stmt = stmt.order_by(sort_col.desc(), seq_col.desc()).limit(limit + 1)
        rows = conn.execute(stmt).all()
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            next_cursor = cursors.encode(listing, d=last._mapping["_sort"], s=last._mapping["_seq"])
        return rows, next_cursor

    def list_articles(
        self,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        query: str | None = None,
        limit: int | None = 50,
        cursor: str | None = None,
    ) -> Page:
        stmt = select(*_SUMMARY_COLUMNS, articles.c.sort_date.label("_sort"), articles.c.seq.label("_seq"))
        for clause in _date_bounds(articles.c.date, since, until):
            stmt = stmt.where(clause)
        if outlet:
            stmt = stmt.where(_ieq(articles.c.outlet, outlet))
        if query:
            stmt = stmt.where(self.dialect.match_articles(query))
        with self._read() as conn:
            rows, nxt = self._keyset_page(
                conn, stmt, articles.c.sort_date, articles.c.seq, "articles", _limit(limit, 50), cursor
            )
        return Page([_summary(r) for r in rows], nxt)

    def search(self, query: str, limit: int | None = 20, cursor: str | None = None) -> Page:
        size = _limit(limit, 20)
        start = cursors.offset(cursor, "search")
        with self._read() as conn:
            found = self.dialect.search(conn, query or "", size + 1, start)
        nxt = cursors.encode("search", o=start + size) if len(found) > size else None
        items = []
        for r in found[:size]:
            r = dict(r)
            r["rank"] = float(r["rank"]) if r.get("rank") is not None else None
            items.append(r)
        return Page(items, nxt)

    # --- claims and events ---------------------------------------------------------

    def list_claims(
        self,
        since: str | None = None,
        until: str | None = None,
        side: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        stance: str | None = None,
        query: str | None = None,
        article_id: str | None = None,
        limit: int | None = 50,
        cursor: str | None = None,
    ) -> Page:
        stmt = select(
            claims.c.data,
            claims.c.article_id,
            articles.c.date.label("article_date"),
            articles.c.title,
            articles.c.outlet,
            claims.c.sort_date.label("_sort"),
            claims.c.seq.label("_seq"),
        ).join(articles, articles.c.id == claims.c.article_id)
        for clause in _date_bounds(claims.c.date, since, until):
            stmt = stmt.where(clause)
        if side:
            stmt = stmt.where(_ieq(claims.c.side, side))
        if actor:
            stmt = stmt.where(
                or_(_ieq(claims.c.actor, actor), claims.c.speaker_text.icontains(actor, autoescape=True))
            )
        if stance:
            stmt = stmt.where(claims.c.stance == stance)
        if query:
            stmt = stmt.where(
                or_(
                    claims.c.content_text.icontains(query, autoescape=True),
                    claims.c.speaker_text.icontains(query, autoescape=True),
                )
            )
        if article_id:
            stmt = stmt.where(claims.c.article_id == article_id)
        if place:
            # a claim is "about" a place named inside its sentence (or content)
            stmt = stmt.where(
                exists().where(
                    places.c.article_id == claims.c.article_id,
                    places.c.span_start >= claims.c.ctx_start,
                    places.c.span_end <= claims.c.ctx_end,
                    _place_matches(place),
                )
            )
        with self._read() as conn:
            rows, nxt = self._keyset_page(
                conn, stmt, claims.c.sort_date, claims.c.seq, "claims", _limit(limit, 50), cursor
            )
        items = []
        for r in rows:
            item = json.loads(r.data)
            item.update(article_id=r.article_id, article_date=r.article_date, title=r.title, outlet=r.outlet)
            items.append(item)
        return Page(items, nxt)

    def list_events(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        side: str | None = None,
        place: str | None = None,
        near: tuple[float, float, float] | None = None,
        limit: int | None = 50,
        cursor: str | None = None,
    ) -> Page:
        stmt = select(
            events.c.data,
            events.c.article_id,
            events.c.lat,
            events.c.lon,
            events.c.place_name,
            articles.c.date.label("article_date"),
            articles.c.title,
            articles.c.outlet,
            events.c.sort_date.label("_sort"),
            events.c.seq.label("_seq"),
        ).join(articles, articles.c.id == events.c.article_id)
        for clause in _date_bounds(events.c.date, since, until):
            stmt = stmt.where(clause)
        if event_type:
            stmt = stmt.where(_ieq(events.c.event_type, event_type))
        if side:
            stmt = stmt.where(or_(_ieq(events.c.side1, side), _ieq(events.c.side2, side)))
        if place:
            stmt = stmt.where(
                or_(
                    _ieq(events.c.place_name, place),
                    exists().where(
                        places.c.article_id == events.c.article_id,
                        places.c.idx == events.c.place_idx,
                        _place_matches(place),
                    ),
                )
            )
        if near is not None:
            stmt = stmt.where(*_near_clauses(events.c.lat, events.c.lon, near))
        with self._read() as conn:
            rows, nxt = self._keyset_page(
                conn, stmt, events.c.sort_date, events.c.seq, "events", _limit(limit, 50), cursor
            )
        items = []
        for r in rows:
            item = json.loads(r.data)
            item.update(
                article_id=r.article_id,
                lat=r.lat,
                lon=r.lon,
                place_name=r.place_name,
                article_date=r.article_date,
                title=r.title,
                outlet=r.outlet,
            )
            items.append(item)
        return Page(items, nxt)

    # --- places, actors, stats --------------------------------------------------------

    def list_places(
        self, query: str | None = None, limit: int | None = 50, cursor: str | None = None
    ) -> Page:
        """Distinct resolved places, most mentioned first, with mention and article counts."""
        size = _limit(limit, 50)
        start = cursors.offset(cursor, "places")
        stmt = select(
            place_stats.c.name,
            place_stats.c.kind,
            place_stats.c.lat,
            place_stats.c.lon,
            place_stats.c.geonameid,
            place_stats.c.country_code,
            place_stats.c.n_mentions,
            place_stats.c.n_articles,
            place_stats.c.aliases,
        )
        if query:
            stmt = stmt.where(
                or_(
                    place_stats.c.name.icontains(query, autoescape=True),
                    place_stats.c.aliases.icontains(query, autoescape=True),
                )
            )
        stmt = (
            stmt.order_by(place_stats.c.n_mentions.desc(), place_stats.c.key.desc())
            .limit(size + 1)
            .offset(start)
        )
        with self._read() as conn:
            rows = conn.execute(stmt).mappings().all()
        items = []
        for r in rows[:size]:
            item = dict(r)
            item["aliases"] = [a for a in (item["aliases"] or "").split("|") if a]
            items.append(item)
        return Page(items, cursors.encode("places", o=start + size) if len(rows) > size else None)

    def list_actors(self) -> list[dict[str, Any]]:
        """Every actor named by a claim or an event, with its side and how often it appears."""
        table: dict[tuple[str, str | None], dict[str, Any]] = {}

        def bump(actor: str | None, side: str | None, key: str, n: int) -> None:
            if not actor:
                return
            entry = table.setdefault(
                (actor, side), {"actor": actor, "side": side, "n_claims": 0, "n_events": 0}
            )
            entry[key] += n

        with self._read() as conn:
            for r in conn.execute(
                select(claims.c.actor, claims.c.side, func.count()).group_by(claims.c.actor, claims.c.side)
            ):
                bump(r[0], r[1], "n_claims", r[2])
            for actor_col, side_col in ((events.c.actor1, events.c.side1), (events.c.actor2, events.c.side2)):
                for r in conn.execute(
                    select(actor_col, side_col, func.count()).group_by(actor_col, side_col)
                ):
                    bump(r[0], r[1], "n_events", r[2])
        return sorted(table.values(), key=lambda e: (-(e["n_claims"] + e["n_events"]), e["actor"]))

    def stats(self) -> dict[str, Any]:
        with self._read() as conn:

            def count(stmt: Any) -> int:
                return int(conn.execute(stmt).scalar() or 0)

            out: dict[str, Any] = {
                "articles": count(select(func.count()).select_from(articles)),
                "revisions": count(
                    select(func.count()).select_from(articles).where(articles.c.revision_of.isnot(None))
                ),
                "outlets": count(select(func.count(articles.c.outlet.distinct()))),
            }
            for table in (mentions, places, dates, claims, events):
                out[table.name] = count(select(func.count()).select_from(table))
            out["denials"] = count(
                select(func.count()).select_from(claims).where(claims.c.stance == "denies")
            )
            # sort_date is indexed: min/max are index look-ups, not a scan of every article
            first = conn.execute(
                select(func.min(articles.c.sort_date)).where(articles.c.sort_date > "")
            ).scalar()
            last = conn.execute(select(func.max(articles.c.sort_date))).scalar() or None
            versions = applied_versions(conn)
        out.update(
            first_date=first,
            last_date=last,
            schema_version=max(versions) if versions else 0,
            schema_latest=LATEST,
            database=self.dialect.name,
        )
        return out

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


def _summary(row: Any) -> dict[str, Any]:
    return {c.name: row._mapping[c.name] for c in _SUMMARY_COLUMNS}


def _near_clauses(lat_col: Any, lon_col: Any, near: tuple[float, float, float]) -> list[ColumnElement[bool]]:
    """A bounding box (index-friendly) then the exact great-circle distance."""
    import math

    try:
        lat, lon, km = (float(v) for v in near)
    except (TypeError, ValueError) as exc:
        raise BadFilter(f"near must be (lat, lon, km), not {near!r}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise BadFilter(f"near must be a valid latitude, longitude and a positive distance, not {near!r}")
    dlat = km / 110.574
    clauses: list[ColumnElement[bool]] = [lat_col.between(lat - dlat, lat + dlat)]
    cos_lat = math.cos(math.radians(lat))
    if cos_lat > 1e-6:
        dlon = km / (111.320 * cos_lat)
        if dlon < 180 and -180 <= lon - dlon and lon + dlon <= 180:  # no antimeridian wrap: box is exact
            clauses.append(lon_col.between(lon - dlon, lon + dlon))
    clauses.append(func.cc_distance_km(lat_col, lon_col, lat, lon) <= km)
    return clauses
