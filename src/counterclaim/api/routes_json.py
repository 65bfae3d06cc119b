"""The JSON API under ``/api``: list endpoints with filters and cursor pagination.

Every list answers ``{"items": [...], "next_cursor": str | null, "next": url | null}``;
``format=csv`` (and ``geojson`` for events and places, ``jsonld`` for
propositions) gives the other representations of the same page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from ..errors import NotFound
from . import formats, params
from .store_access import LockedStore

router = APIRouter(prefix="/api")

ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,100}$"
ID_RE = re.compile(ID_PATTERN)

Since = Query(None, description="earliest date, YYYY-MM-DD")
Until = Query(None, description="latest date, YYYY-MM-DD")
Limit = Query(None, ge=1, le=params.MAX_LIMIT, description="page size (default 50)")
Cursor = Query(None, description="opaque cursor from the previous page's next_cursor")
Q = Query(None, description="full-text query")


@dataclass(frozen=True)
class EmptyPage:
    items: tuple[dict[str, Any], ...] = ()
    next_cursor: str | None = None


EMPTY = EmptyPage()


def store_of(request: Request) -> LockedStore:
    return request.app.state.store


def page_response(request: Request, page: Any, fmt: str, columns: tuple[str, ...],
                  name: str) -> Response:
    items = list(page.items)
    nxt = getattr(page, "next_cursor", None)
    if fmt == "csv":
        headers = {"content-disposition": f'attachment; filename="{name}.csv"'}
        if nxt:
            headers["x-next-cursor"] = nxt
        return Response(formats.to_csv(items, columns), media_type="text/csv; charset=utf-8",
                        headers=headers)
    if fmt == "geojson":
        return JSONResponse(formats.to_geojson(items, nxt), media_type="application/geo+json")
    next_url = None
    if nxt:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
        next_url = f"{request.url.path}?{urlencode([*query, ('cursor', nxt)])}"
    return JSONResponse({"items": items, "next_cursor": nxt, "next": next_url})


@router.get("/stats", summary="Counts of articles, claims, events, places ...")
def stats(request: Request) -> dict[str, Any]:
    return store_of(request).call("stats")


@router.get("/articles", summary="Articles, newest first")
def list_articles(
    request: Request, since: str | None = Since, until: str | None = Until,
    outlet: str | None = Query(None), q: str | None = Q, limit: int | None = Limit,
    cursor: str | None = Cursor, format: Literal["json", "csv"] = "json",
) -> Response:
    q = params.text(q, "q")
    if q and not params.searchable(q):
        return page_response(request, EMPTY, format, formats.ARTICLE_COLUMNS, "articles")
    page = store_of(request).call(
        "list_articles", since=params.iso_date(since, "since"), until=params.iso_date(until, "until"),
        outlet=params.text(outlet, "outlet"), query=q, limit=params.limit(limit),
        cursor=params.cursor(cursor),
    )
    return page_response(request, page, format, formats.ARTICLE_COLUMNS, "articles")


@router.get("/articles/{article_id}", summary="One article-result JSON (text, places, dates, claims, events)")
def get_article(request: Request, article_id: str = Path(..., pattern=ID_PATTERN)) -> dict[str, Any]:
    result = store_of(request).call("get_result", article_id)
    if result is None:
        raise NotFound(f"no article {article_id!r}")
    return result


@router.get("/search", summary="Full-text search over articles, with highlighted snippets")
def search(request: Request, q: str = Query(..., min_length=1), limit: int | None = Limit,
           cursor: str | None = Cursor) -> Response:
    q = params.text(q, "q")
    if not params.searchable(q):
        return page_response(request, EMPTY, "json", formats.ARTICLE_COLUMNS, "search")
    page = store_of(request).call("search", q, limit=params.limit(limit, 20), cursor=params.cursor(cursor))
    return page_response(request, page, "json", formats.ARTICLE_COLUMNS, "search")


@router.get("/claims", summary="Attributed claims with speaker, side, cue, stance")
def list_claims(
    request: Request, since: str | None = Since, until: str | None = Until,
    side: str | None = Query(None), actor: str | None = Query(None), place: str | None = Query(None),
    stance: str | None = Query(None, description="asserts | denies | hedges"), q: str | None = Q,
    article_id: str | None = Query(None, pattern=ID_PATTERN), limit: int | None = Limit,
    cursor: str | None = Cursor, format: Literal["json", "csv"] = "json",
) -> Response:
    page = store_of(request).call(
        "list_claims", since=params.iso_date(since, "since"), until=params.iso_date(until, "until"),
        side=params.text(side, "side"), actor=params.text(actor, "actor"),
        place=params.text(place, "place"), stance=params.stance(stance), query=params.text(q, "q"),
        article_id=article_id, limit=params.limit(limit), cursor=params.cursor(cursor),
    )
    return page_response(request, page, format, formats.CLAIM_COLUMNS, "claims")


@router.get("/events", summary="Events (ACLED / PLOVER types) with place coordinates")
def list_events(
    request: Request, since: str | None = Since, until: str | None = Until,
    event_type: str | None = Query(None), side: str | None = Query(None),
    place: str | None = Query(None),
    near: str | None = Query(None, description="lat,lon,km: events within km of a point"),
    limit: int | None = Limit, cursor: str | None = Cursor,
    format: Literal["json", "csv", "geojson"] = "json",
) -> Response:
    page = store_of(request).call(
        "list_events", since=params.iso_date(since, "since"), until=params.iso_date(until, "until"),
        event_type=params.text(event_type, "event_type"), side=params.text(side, "side"),
        place=params.text(place, "place"), near=params.near(near), limit=params.limit(limit),
        cursor=params.cursor(cursor),
    )
    return page_response(request, page, format, formats.EVENT_COLUMNS, "events")


@router.get("/places", summary="Resolved places with coordinates")
def list_places(request: Request, q: str | None = Q, limit: int | None = Limit,
                cursor: str | None = Cursor, format: Literal["json", "csv", "geojson"] = "json") -> Response:
    page = store_of(request).call("list_places", query=params.text(q, "q"), limit=params.limit(limit),
                                  cursor=params.cursor(cursor))
    return page_response(request, page, format, formats.PLACE_COLUMNS, "places")


@router.get("/actors", summary="Actors with their side and counts of claims and events")
def list_actors(request: Request, format: Literal["json", "csv"] = "json") -> Response:
    actors = store_of(request).call("list_actors")
    if format == "csv":
        return Response(formats.to_csv(actors, formats.ACTOR_COLUMNS), media_type="text/csv; charset=utf-8")
    return JSONResponse({"items": actors, "next_cursor": None, "next": None})


@router.get("/propositions", summary="Propositions (grouped claims) with their current status")
def list_propositions(
    request: Request, status: str | None = Query(None, description="claimed | contested | confirmed | refuted | unresolved"),
    side: str | None = Query(None), place: str | None = Query(None), since: str | None = Since,
    limit: int | None = Limit, cursor: str | None = Cursor,
    format: Literal["json", "csv", "jsonld"] = "json",
) -> Response:
    page = store_of(request).call(
        "list_propositions", status=params.status(status), side=params.text(side, "side"),
        place=params.text(place, "place"), since=params.iso_date(since, "since"),
        limit=params.limit(limit), cursor=params.cursor(cursor),
    )
    if format == "jsonld":
        base = str(request.base_url).rstrip("/")
        return JSONResponse([formats.claim_review(p, base) for p in page.items],
                            media_type="application/ld+json")
    return page_response(request, page, format, formats.PROPOSITION_COLUMNS, "propositions")


@router.get("/propositions/{proposition_id}", summary="One proposition with its status history and claims")
def get_proposition(request: Request, proposition_id: str = Path(..., pattern=ID_PATTERN),
                    format: Literal["json", "jsonld"] = "json") -> Response:
    prop = store_of(request).call("get_proposition", proposition_id)
    if prop is None:
        raise NotFound(f"no proposition {proposition_id!r}")
    if format == "jsonld":
        base = str(request.base_url).rstrip("/")
        return JSONResponse(formats.claim_review(prop, base), media_type="application/ld+json")
    return JSONResponse(prop)
