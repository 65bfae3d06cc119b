"""The read side of the store: filtered, paginated listings, search, places, actors, stats.

Listings are newest first with keyset cursors over (sort_date, seq): filters and
ordering run over narrow keys (served by the ordered indexes of migration 4),
then the page's wide columns are read for that page alone. Search and places
are ranked, so their cursors are offsets.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from ..errors import BadFilter
from . import cursor as cursors
from .dialects import Dialect
from .migrations import LATEST, applied_versions
from .page import Page
from .schema import articles, claims, dates, events, mentions, place_stats, places

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


def _sorted_date_bounds(table: Any, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Date bounds on ``date`` repeated on ``sort_date`` (the same value, "" for no date), so that the
    (filter, sort_date, seq) indexes serve a range instead of walking every row of a side or type."""
    return _date_bounds(table.c.date, since, until) + _date_bounds(table.c.sort_date, since, until)


def _place_matches(value: str) -> ColumnElement[bool]:
    return or_(_ieq(places.c.name, value), places.c.aliases.icontains(f"|{value}|", autoescape=True))


class StoreQueries:
    """Mixed into ``Store``: needs ``self.dialect`` and ``self._read()``."""

    dialect: Dialect

    def _read(self) -> Any:  # pragma: no cover - provided by Store
        raise NotImplementedError

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
        stmt = select(claims.c.sort_date.label("_sort"), claims.c.seq.label("_seq"))
        for clause in _sorted_date_bounds(claims, since, until):
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
        detail = select(
            claims.c.seq.label("_seq"),
            claims.c.data,
            claims.c.article_id,
            articles.c.date.label("article_date"),
            articles.c.title,
            articles.c.outlet,
        ).join(articles, articles.c.id == claims.c.article_id)
        with self._read() as conn:
            keys, nxt = self._keyset_page(
                conn, stmt, claims.c.sort_date, claims.c.seq, "claims", _limit(limit, 50), cursor
            )
            rows = _details(conn, detail, claims.c.seq, keys)
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
        stmt = select(events.c.sort_date.label("_sort"), events.c.seq.label("_seq"))
        for clause in _sorted_date_bounds(events, since, until):
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
            stmt = stmt.where(*_near_clauses(self.dialect, events.c.lat, events.c.lon, near))
        detail = select(
            events.c.seq.label("_seq"),
            events.c.data,
            events.c.article_id,
            events.c.lat,
            events.c.lon,
            events.c.place_name,
            articles.c.date.label("article_date"),
            articles.c.title,
            articles.c.outlet,
        ).join(articles, articles.c.id == events.c.article_id)
        with self._read() as conn:
            keys, nxt = self._keyset_page(
                conn, stmt, events.c.sort_date, events.c.seq, "events", _limit(limit, 50), cursor
            )
            rows = _details(conn, detail, events.c.seq, keys)
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
        """Counts for the whole ledger, cached until an article is added (the store only appends)."""
        with self._read() as conn:
            newest = conn.execute(select(func.max(articles.c.seq))).scalar()
        cached = getattr(self, "_stats_cache", None)
        if cached is not None and cached[0] == newest:
            return dict(cached[1])
        out = self._count_everything()
        self._stats_cache = (newest, out)
        return dict(out)

    def _count_everything(self) -> dict[str, Any]:
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


def _details(conn: Connection, detail: Select[Any], seq_col: Any, keys: list[Any]) -> list[Any]:
    """The wide columns for one page of keys, in the page's order.

    Filtering and sorting run over narrow (sort_date, seq) keys only; the JSON and the
    article columns are read for the page alone, not for every matching row.
    """
    if not keys:
        return []
    seqs = [k._mapping["_seq"] for k in keys]
    by_seq = {r._mapping["_seq"]: r for r in conn.execute(detail.where(seq_col.in_(seqs)))}
    return [by_seq[seq] for seq in seqs if seq in by_seq]


def _summary(row: Any) -> dict[str, Any]:
    return {c.name: row._mapping[c.name] for c in _SUMMARY_COLUMNS}


def _near_clauses(
    dialect: Dialect, lat_col: Any, lon_col: Any, near: tuple[float, float, float]
) -> list[ColumnElement[bool]]:
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
    clauses.append(dialect.distance_to(lat_col, lon_col, lat, lon) <= km)
    return clauses
