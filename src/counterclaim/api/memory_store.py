"""An in-memory store with the read side of the ``counterclaim.store`` contract.

The API is built against the store interface, not one database. This small
implementation holds article-result dicts in a list so the dashboard can be
developed and tested without a database; ``serve`` always uses the real store.
Filtering mirrors the contract's keyword filters; cursors are decimal offsets.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import ArticleResult


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


@dataclass
class AddReport:
    added: int
    duplicates: int
    revisions: list[str]


def _page(items: list[dict[str, Any]], limit: int, cursor: str | None) -> Page:
    start = int(cursor) if cursor and cursor.isdigit() else 0
    chunk = items[start : start + limit]
    more = start + limit < len(items)
    return Page(chunk, str(start + limit) if more else None)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    if since and (not date or date < since):
        return False
    if until and (not date or date > until):
        return False
    return True


class MemoryStore:
    def __init__(self) -> None:
        self._results: dict[str, dict[str, Any]] = {}

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        pass

    def add_results(self, results: Sequence[ArticleResult]) -> AddReport:
        added = dups = 0
        for r in results:
            if r.article.id in self._results:
                dups += 1
                continue
            self._results[r.article.id] = r.to_dict()
            added += 1
        return AddReport(added, dups, [])

    def has_hash(self, content_hash: str) -> bool:
        return any(r["hash"] == content_hash for r in self._results.values())

    def get_result(self, article_id: str) -> dict[str, Any] | None:
        r = self._results.get(article_id)
        return dict(r, revision_of=None, revisions=[]) if r else None

    def iter_results(self) -> Iterator[dict[str, Any]]:
        yield from self._results.values()

    def _summaries(self) -> list[dict[str, Any]]:
        keys = ("id", "date", "date_origin", "outlet", "url", "title", "hash")
        out = [{k: r.get(k) for k in keys} for r in self._results.values()]
        return sorted(out, key=lambda a: (a["date"] or "", a["id"]), reverse=True)

    def list_articles(self, since=None, until=None, outlet=None, query=None, limit=50, cursor=None) -> Page:
        items = []
        for a in self._summaries():
            text = self._results[a["id"]]["text"]
            if not _in_range(a["date"], since, until) or (outlet and a["outlet"] != outlet):
                continue
            if query and query.lower() not in (text + " " + (a["title"] or "")).lower():
                continue
            items.append(a)
        return _page(items, limit, cursor)

    def search(self, query: str, limit: int = 20, cursor: str | None = None) -> Page:
        items = []
        for a in self._summaries():
            text = self._results[a["id"]]["text"]
            pos = text.lower().find(query.lower())
            if pos >= 0:
                items.append(dict(a, snippet=text[max(0, pos - 60) : pos + len(query) + 60]))
        return _page(items, limit, cursor)

    def list_claims(self, since=None, until=None, side=None, actor=None, place=None, stance=None,
                    query=None, article_id=None, limit=50, cursor=None) -> Page:
        items = []
        for r in self._results.values():
            if article_id and r["id"] != article_id:
                continue
            for c in r["claims"]:
                date = c.get("date") or r["date"]
                if not _in_range(date, since, until):
                    continue
                if (side and c.get("side") != side) or (actor and c.get("actor") != actor):
                    continue
                if stance and c.get("stance") != stance:
                    continue
                content = c["content"]["text"]
                if query and query.lower() not in content.lower():
                    continue
                if place and place.lower() not in content.lower():
                    continue
                items.append(dict(c, article_id=r["id"], article_date=r["date"], title=r["title"],
                                  outlet=r["outlet"]))
        items.sort(key=lambda c: (c.get("date") or c["article_date"] or "", c["id"]))
        return _page(items, limit, cursor)

    def list_events(self, since=None, until=None, event_type=None, side=None, place=None, near=None,
                    limit=50, cursor=None) -> Page:
        items = []
        for r in self._results.values():
            for e in r["events"]:
                pl = r["places"][e["place"]] if e.get("place") is not None else None
                lat, lon = (pl["lat"], pl["lon"]) if pl else (None, None)
                if not _in_range(e.get("date") or r["date"], since, until):
                    continue
                if event_type and e.get("event_type") != event_type:
                    continue
                if side and side not in (e.get("side1"), e.get("side2")):
                    continue
                if place and (not pl or place.lower() != pl["name"].lower()):
                    continue
                if near and (lat is None or _km(near[0], near[1], lat, lon) > near[2]):
                    continue
                items.append(dict(e, lat=lat, lon=lon, place_name=pl["name"] if pl else None,
                                  article_id=r["id"]))
        items.sort(key=lambda e: (e.get("date") or "", e["id"]))
        return _page(items, limit, cursor)

    def list_places(self, query=None, limit=50, cursor=None) -> Page:
        seen: dict[str, dict[str, Any]] = {}
        for r in self._results.values():
            for p in r["places"]:
                if query and query.lower() not in p["name"].lower():
                    continue
                entry = seen.setdefault(p["name"], dict(
                    name=p["name"], lat=p["lat"], lon=p["lon"], kind=p["kind"],
                    geonameid=p.get("geonameid"), n_mentions=0))
                entry["n_mentions"] += 1
        return _page(sorted(seen.values(), key=lambda p: p["name"]), limit, cursor)

    def list_actors(self) -> list[dict[str, Any]]:
        actors: dict[str, dict[str, Any]] = {}
        for r in self._results.values():
            for c in r["claims"]:
                if c.get("actor"):
                    a = actors.setdefault(c["actor"], dict(actor=c["actor"], side=c.get("side"),
                                                           n_claims=0, n_events=0))
                    a["n_claims"] += 1
            for e in r["events"]:
                for name in (e.get("actor1"), e.get("actor2")):
                    if name:
                        a = actors.setdefault(name, dict(actor=name, side=None, n_claims=0, n_events=0))
                        a["n_events"] += 1
        return sorted(actors.values(), key=lambda a: a["actor"])

    def stats(self) -> dict[str, int]:
        rs = list(self._results.values())
        return {"articles": len(rs), "revisions": 0,
                **{k: sum(len(r[k]) for r in rs) for k in ("mentions", "places", "dates", "claims", "events")}}
