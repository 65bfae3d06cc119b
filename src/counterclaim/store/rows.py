"""Article-result JSON -> rows of the articles table and the query tables.

Works from the ``ArticleResult.to_dict()`` shape and reads every list with a
default, so it does not matter which extraction stages ran: an article with
only mentions stores only mention rows.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import NOT_LOCATIONS, content_hash


def result_dict(result: Any) -> dict[str, Any]:
    """An ``ArticleResult`` or an already serialised article-result dict."""
    data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    if not data.get("hash"):
        data["hash"] = content_hash(data.get("text") or "")
    return data


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_row(
    data: dict[str, Any], *, revision_of: str | None, lineage: str, ingested_at: str
) -> dict[str, Any]:
    # the text lives once, in articles.text (FTS indexes it there); readers put it back
    stored = {k: v for k, v in data.items() if k not in ("revision_of", "revisions", "text")}
    return {
        "id": data["id"],
        "hash": data["hash"],
        "url": data.get("url"),
        "external_id": data.get("external_id"),
        "date": data.get("date"),
        "sort_date": data.get("date") or "",
        "date_origin": data.get("date_origin") or "ingest-time",
        "outlet": data.get("outlet"),
        "title": data.get("title"),
        "text": data.get("text") or "",
        "source": data.get("source"),
        "language": data.get("language"),
        "revision_of": revision_of,
        "lineage": lineage,
        "ingested_at": ingested_at,
        "result": dumps(stored),
        "stages": dumps(data.get("stages") or {}),
    }


def _span(obj: dict[str, Any] | None) -> tuple[str, int, int]:
    obj = obj or {}
    return obj.get("text") or "", int(obj.get("start") or 0), int(obj.get("end") or 0)


def mention_rows(article_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for idx, m in enumerate(data.get("mentions") or []):
        text, start, end = _span(m.get("span"))
        rows.append(
            {
                "article_id": article_id,
                "idx": idx,
                "label": m.get("label") or "",
                "origin": m.get("origin"),
                "text": text,
                "span_start": start,
                "span_end": end,
            }
        )
    return rows


def place_rows(article_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for idx, p in enumerate(data.get("places") or []):
        text, start, end = _span(p.get("span"))
        aliases = [a for a in (p.get("aliases") or []) if a]
        rows.append(
            {
                "article_id": article_id,
                "idx": idx,
                "name": p.get("name") or text,
                "aliases": "|" + "|".join(aliases) + "|" if aliases else "",
                "kind": p.get("kind"),
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "geonameid": p.get("geonameid"),
                "country_code": p.get("country_code"),
                "precision": p.get("precision"),
                "role": p.get("role"),
                "text": text,
                "span_start": start,
                "span_end": end,
            }
        )
    return rows


def date_rows(article_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for idx, d in enumerate(data.get("dates") or []):
        text, start, end = _span(d.get("span"))
        rows.append(
            {
                "article_id": article_id,
                "idx": idx,
                "value": d.get("value"),
                "end_value": d.get("end"),
                "precision": d.get("precision"),
                "text": text,
                "span_start": start,
                "span_end": end,
            }
        )
    return rows


def claim_rows(article_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for idx, c in enumerate(data.get("claims") or []):
        content, c_start, c_end = _span(c.get("content"))
        context = c.get("sentence") or c.get("content") or {}
        _, ctx_start, ctx_end = _span(context)
        date = c.get("date") or data.get("date")
        rows.append(
            {
                "article_id": article_id,
                "claim_id": str(c.get("id") or f"c{idx}"),
                "date": date,
                "sort_date": date or "",
                "actor": c.get("actor"),
                "side": c.get("side"),
                "stance": c.get("stance"),
                "kind": c.get("kind"),
                "channel": c.get("channel"),
                "speaker_text": (c.get("speaker") or {}).get("text"),
                "content_text": content,
                "ctx_start": min(ctx_start, c_start),
                "ctx_end": max(ctx_end, c_end),
                "data": dumps(c),
            }
        )
    return rows


def event_rows(article_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    places = data.get("places") or []
    rows = []
    for idx, e in enumerate(data.get("events") or []):
        place_idx = e.get("place")
        place = places[place_idx] if isinstance(place_idx, int) and 0 <= place_idx < len(places) else None
        fat = e.get("fatalities") or {}
        date = e.get("date") or data.get("date")
        rows.append(
            {
                "article_id": article_id,
                "event_id": str(e.get("id") or f"e{idx}"),
                "date": date,
                "sort_date": date or "",
                "event_type": e.get("event_type"),
                "sub_event_type": e.get("sub_event_type"),
                "plover": e.get("plover"),
                "actor1": e.get("actor1"),
                "actor2": e.get("actor2"),
                "side1": e.get("side1"),
                "side2": e.get("side2"),
                "place_idx": place_idx if place else None,
                "place_name": place.get("name") if place else None,
                "lat": place.get("lat") if place else None,
                "lon": place.get("lon") if place else None,
                "fatalities_min": fat.get("min"),
                "fatalities_max": fat.get("max"),
                "asserted_by": e.get("asserted_by"),
                "data": dumps(e),
            }
        )
    return rows


# how place_stats rows merge on upsert: counts add up; ids and aliases stay unless the new row has them
ADDED_COUNTS = ("n_mentions", "n_articles")
KEPT_IF_UNSET = ("geonameid", "aliases")


def place_key(row: dict[str, Any]) -> str:
    return "|".join(
        "" if row.get(k) is None else str(row[k]) for k in ("name", "kind", "lat", "lon", "country_code")
    )


def place_stat_rows(place_rows_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article's contribution to ``place_stats``: per distinct place, its mentions and 1 article."""
    stats: dict[str, dict[str, Any]] = {}
    for row in place_rows_:
        if row.get("role") in NOT_LOCATIONS:  # "Baku said", "Moscow time": no place on the map
            continue
        key = place_key(row)
        entry = stats.get(key)
        if entry is None:
            entry = stats[key] = {
                "key": key,
                "name": row["name"],
                "kind": row.get("kind"),
                "lat": row.get("lat"),
                "lon": row.get("lon"),
                "geonameid": row.get("geonameid"),
                "country_code": row.get("country_code"),
                "aliases": row.get("aliases") or None,
                "n_mentions": 0,
                "n_articles": 1,
            }
        entry["n_mentions"] += 1
        entry["geonameid"] = entry["geonameid"] or row.get("geonameid")
        if len(row.get("aliases") or "") > len(entry["aliases"] or ""):
            entry["aliases"] = row["aliases"]
    return list(stats.values())
