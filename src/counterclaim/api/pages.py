"""Server-rendered dashboard pages (Jinja2, autoescaped, no inline scripts).

Filters live in the query string so every view is shareable; each page
reads at most a few store pages, which keeps it fast at thousands of articles.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..errors import NotFound
from ..model import STATUSES
from . import basemap, params
from .highlight import claim_sentence, segments
from .routes_json import ID_PATTERN
from .sides import side_class
from .store_access import LockedStore

router = APIRouter(include_in_schema=False)

# Board order: what needs a reader's attention first.
BOARD_STATUSES = ("contested", "claimed", "confirmed", "refuted", "unresolved")
assert set(BOARD_STATUSES) == set(STATUSES)
MAP_MAX_EVENTS = 2000
MAP_MAX_PLACES = 1000


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are ever rendered as links; ``javascript:`` and friends stay text."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def claim_href(claim: dict[str, Any]) -> str:
    aid, cid = claim.get("article_id"), claim.get("id")
    return f"/articles/{aid}?{urlencode({'claim': cid})}#claim-{cid}"


def event_href(event: dict[str, Any]) -> str:
    aid, eid = event.get("article_id"), event.get("id")
    return f"/articles/{aid}?{urlencode({'event': eid})}#event-{eid}"


def claim_quote(claim: dict[str, Any], text: str | None = None) -> str:
    """The quoted sentence of a claim (from the article text when we have it)."""
    sent = claim.get("sentence") or claim.get("content") or {}
    if text is not None:
        span = claim_sentence(claim)
        if span:
            return text[span[0]:span[1]]
    return sent.get("text") or ""


SNIPPET_START, SNIPPET_END = "[[", "]]"  # the store's FTS highlight markers


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """Split a search snippet into (text, is_hit) parts, so hits become <mark> without trusting HTML."""
    parts: list[tuple[str, bool]] = []
    rest = snippet or ""
    while SNIPPET_START in rest:
        before, _, after = rest.partition(SNIPPET_START)
        hit, found, rest = after.partition(SNIPPET_END)
        parts.extend([(before, False), (hit, True)])
        if not found:
            break
    parts.append((rest, False))
    return [p for p in parts if p[0]]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("counterclaim.api", "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.ChainableUndefined,
    )
    env.filters["side_class"] = side_class
    env.filters["safe_url"] = safe_url
    env.filters["snippet_parts"] = snippet_parts
    env.filters["span_text"] = lambda s: (s or {}).get("text") if isinstance(s, dict) else (s or "")
    env.globals.update(claim_href=claim_href, event_href=event_href, claim_quote=claim_quote, statuses=BOARD_STATUSES)
    return env


ENV = _environment()


def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    def url_with(**changes: Any) -> str:
        query = dict(request.query_params)
        for key, value in changes.items():
            if value in (None, ""):
                query.pop(key, None)
            else:
                query[key] = str(value)
        return f"{request.url.path}?{urlencode(query)}" if query else request.url.path

    html = ENV.get_template(template).render(
        request=request, query=request.query_params, url_with=url_with,
        tile_url=request.app.state.tile_url, **ctx,
    )
    return HTMLResponse(html, status_code=status_code)


def store_of(request: Request) -> LockedStore:
    return request.app.state.store


def _stats(store: LockedStore) -> dict[str, Any]:
    try:
        return store.call("stats") or {}
    except Exception:  # noqa: BLE001  (the counts are decoration; never lose the page over them)
        return {}


@router.get("/", response_class=HTMLResponse)
def board(request: Request, status: str | None = None, side: str | None = None,
          place: str | None = None, since: str | None = None, cursor: str | None = None) -> HTMLResponse:
    store = store_of(request)
    status, since = params.status(status), params.iso_date(since, "since")
    side, place = params.text(side, "side"), params.text(place, "place")
    groups: list[tuple[str, list[dict[str, Any]], str | None]] | None = None
    recent: list[dict[str, Any]] = []
    if store.supports("list_propositions") and store.call("list_propositions", limit=1).items:  # else not linked yet
        groups = []
        for st in (status,) if status else BOARD_STATUSES:
            page = store.call("list_propositions", status=st, side=side, place=place, since=since,
                              limit=100 if status else 12, cursor=params.cursor(cursor) if status else None)
            groups.append((st, list(page.items), page.next_cursor))
    else:
        recent = list(store.call("list_claims", side=side, place=place, since=since, limit=25).items)
    return render(request, "board.html", groups=groups, recent=recent, stats=_stats(store),
                  filters={"status": status, "side": side, "place": place, "since": since})


@router.get("/propositions/{proposition_id}", response_class=HTMLResponse)
def proposition(request: Request, proposition_id: str = Path(..., pattern=ID_PATTERN)) -> HTMLResponse:
    store = store_of(request)
    prop = store.call("get_proposition", proposition_id) if store.supports("get_proposition") else None
    if prop is None:
        raise NotFound(f"no proposition {proposition_id!r}")
    return render(request, "proposition.html", prop=prop)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, q: str | None = None, since: str | None = None, until: str | None = None,
             outlet: str | None = None, cursor: str | None = None) -> HTMLResponse:
    q = params.text(q, "q")
    if q and not params.searchable(q):
        return render(request, "articles.html", items=[], next_cursor=None)
    page = store_of(request).call(
        "list_articles", since=params.iso_date(since, "since"), until=params.iso_date(until, "until"),
        outlet=params.text(outlet, "outlet"), query=q, limit=50, cursor=params.cursor(cursor))
    return render(request, "articles.html", items=page.items, next_cursor=page.next_cursor)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str = Path(..., pattern=ID_PATTERN),
            claim: str | None = Query(None, max_length=200),
            event: str | None = Query(None, max_length=200)) -> HTMLResponse:
    result = store_of(request).call("get_result", article_id)
    if result is None:
        raise NotFound(f"no article {article_id!r}")
    return render(request, "article.html", result=result, segments=segments(result, claim, event),
                  focus=claim, focus_event=event, text=result.get("text") or "")


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, q: str | None = None, side: str | None = None, actor: str | None = None,
           stance: str | None = None, place: str | None = None, since: str | None = None,
           until: str | None = None, cursor: str | None = None) -> HTMLResponse:
    store = store_of(request)
    page = store.call(
        "list_claims", since=params.iso_date(since, "since"), until=params.iso_date(until, "until"),
        side=params.text(side, "side"), actor=params.text(actor, "actor"), place=params.text(place, "place"),
        stance=params.stance(stance), query=params.text(q, "q"), limit=100, cursor=params.cursor(cursor))
    return render(request, "claims.html", items=page.items, next_cursor=page.next_cursor,
                  actors=store.call("list_actors"))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, since: str | None = None, until: str | None = None,
             side: str | None = None, event_type: str | None = None, place: str | None = None,
             near: str | None = None, show: str | None = None, q: str | None = None) -> HTMLResponse:
    store = store_of(request)
    since, until = params.iso_date(since, "since"), params.iso_date(until, "until")
    side, place = params.text(side, "side"), params.text(place, "place")
    show = params.choice(show, "show", ("all", "events", "claims")) or "all"
    days: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"events": [], "claims": []})
    if show in ("all", "events"):
        for e in store.call("list_events", since=since, until=until, side=side, place=place,
                            near=params.near(near), event_type=params.text(event_type, "event_type"),
                            limit=300).items:
            days[e.get("date") or "undated"]["events"].append(e)
    if show in ("all", "claims") and not near:  # claims have no coordinates of their own
        for c in store.call("list_claims", since=since, until=until, side=side, place=place,
                            query=params.text(q, "q"), limit=300).items:
            days[c.get("date") or c.get("article_date") or "undated"]["claims"].append(c)
    ordered = sorted(days.items(), key=lambda kv: kv[0])
    return render(request, "timeline.html", days=ordered, show=show)


def _map_points(store: LockedStore, since: str | None, until: str | None, side: str | None,
                event_type: str | None, near: tuple[float, float, float] | None = None) -> list[dict[str, Any]]:
    groups: dict[tuple[str, float, float], dict[str, Any]] = {}
    sides: dict[tuple[str, float, float], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cursor, seen = None, 0
    while seen < MAP_MAX_EVENTS:
        page = store.call("list_events", since=since, until=until, side=side, event_type=event_type,
                          near=near, limit=500, cursor=cursor)
        for e in page.items:
            if e.get("lat") is None or e.get("lon") is None:
                continue
            key = ("event", round(e["lat"], 3), round(e["lon"], 3))
            g = groups.setdefault(key, {"lat": e["lat"], "lon": e["lon"], "kind": "event", "count": 0,
                                        "name": e.get("place_name") or "unnamed place"})
            g["count"] += 1
            sides[key][e.get("side1") or ""] += 1
        seen += len(page.items)
        cursor = page.next_cursor
        if not cursor:
            break
    if not (side or event_type or near):  # places carry no side or type: show them only unfiltered
        for p in store.call("list_places", limit=MAP_MAX_PLACES).items:
            if p.get("lat") is None or p.get("lon") is None:
                continue
            key = ("place", round(p["lat"], 3), round(p["lon"], 3))
            g = groups.setdefault(key, {"lat": p["lat"], "lon": p["lon"], "kind": "place", "count": 0,
                                        "name": p.get("name") or ""})
            g["count"] += int(p.get("n_mentions") or 1)
    points = []
    for key, g in groups.items():
        top_side = max(sides[key].items(), key=lambda kv: kv[1])[0] if sides.get(key) else None
        where = urlencode({"place": g["name"]})
        points.append({
            "lat": g["lat"], "lon": g["lon"], "kind": g["kind"], "count": g["count"],
            "side_class": side_class(top_side), "name": g["name"],
            "label": f"{g['name']}: {g['count']} {'event' if g['kind'] == 'event' else 'mention'}"
                     f"{'s' if g['count'] != 1 else ''}",
            "href": f"/timeline?{where}" if g["kind"] == "event" else f"/articles?{urlencode({'q': g['name']})}",
        })
    return points


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, since: str | None = None, until: str | None = None,
             side: str | None = None, event_type: str | None = None, near: str | None = None,
             fit: str | None = None) -> HTMLResponse:
    points = _map_points(store_of(request), params.iso_date(since, "since"), params.iso_date(until, "until"),
                         params.text(side, "side"), params.text(event_type, "event_type"), params.near(near))
    fit = params.choice(fit, "fit", ("core", "all")) or "core"
    view = basemap.build_view(points, request.app.state.tile_url, fit_all=fit == "all")
    return render(request, "map.html", view=view, points=points, fit=fit)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str | None = None) -> HTMLResponse:
    q = params.text(q, "q")
    hits: list[dict[str, Any]] = []
    claim_hits: list[dict[str, Any]] = []
    if params.searchable(q):
        store = store_of(request)
        hits = list(store.call("search", q, limit=30).items)
        claim_hits = list(store.call("list_claims", query=q, limit=30).items)
    return render(request, "search.html", q=q or "", hits=hits, claim_hits=claim_hits)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI document as a plain page (Swagger UI would need a CDN and inline scripts)."""
    spec = request.app.openapi()
    endpoints = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params_ = [(p["name"], p.get("in"), (p.get("description") or ""), p.get("required", False))
                       for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params_})
    return render(request, "docs.html", endpoints=endpoints, writable=request.app.state.writable)
