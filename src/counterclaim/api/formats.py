"""Non-JSON representations: CSV rows, GeoJSON features, ClaimReview JSON-LD.

CSV cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@`` first) are prefixed with a quote: article text is untrusted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ARTICLE_COLUMNS = ("id", "date", "date_origin", "outlet", "title", "url")
CLAIM_COLUMNS = (
    "id", "article_id", "article_date", "date", "actor", "side", "organisation", "speaker", "cue",
    "channel", "stance", "kind", "content", "outlet", "title",
)
EVENT_COLUMNS = (
    "id", "article_id", "date", "event_type", "sub_event_type", "plover", "actor1", "side1", "actor2",
    "side2", "place_name", "lat", "lon", "fatalities_min", "fatalities_max", "asserted_by", "text",
)
PLACE_COLUMNS = ("name", "kind", "lat", "lon", "geonameid", "country_code", "n_mentions")
ACTOR_COLUMNS = ("actor", "side", "n_claims", "n_events")
PROPOSITION_COLUMNS = (
    "id", "statement", "status", "sides_asserting", "sides_denying", "first_report", "latest_report",
    "n_sources",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "text" in value:  # a span
        value = value["text"]
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def flatten(item: dict[str, Any]) -> dict[str, Any]:
    """Lift nested fields CSV users want as columns (fatalities, event text)."""
    flat = dict(item)
    fat = item.get("fatalities") or {}
    if isinstance(fat, dict):
        flat["fatalities_min"], flat["fatalities_max"] = fat.get("min"), fat.get("max")
    if "span" in item and "text" not in item:
        flat["text"] = item["span"]
    return flat


def to_csv(items: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for item in items:
        flat = flatten(item)
        writer.writerow([_cell(flat.get(c)) for c in columns])
    return buf.getvalue()


def to_geojson(items: Iterable[dict[str, Any]], next_cursor: str | None = None) -> dict[str, Any]:
    """Point features for every item with coordinates; the rest are counted, not dropped silently."""
    features, skipped = [], 0
    for item in items:
        lat, lon = item.get("lat"), item.get("lon")
        if lat is None or lon is None:
            skipped += 1
            continue
        props = {k: v for k, v in item.items() if k not in ("lat", "lon")}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features, "without_coordinates": skipped,
            "next_cursor": next_cursor}


RATING = {"confirmed": 5, "claimed": 3, "unresolved": 3, "contested": 2, "refuted": 1}


def claim_review(prop: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A schema.org ClaimReview: the proposition as the claim, its current status as the rating."""
    history = prop.get("history") or []
    claims = prop.get("claims") or []
    appearances = [
        {
            "@type": "CreativeWork",
            "url": f"{base_url}/articles/{c.get('article_id')}#claim-{c.get('id')}",
            "datePublished": c.get("date") or c.get("article_date"),
            "author": {"@type": "Person" if c.get("actor") else "Organization",
                       "name": c.get("actor") or c.get("outlet") or "unknown"},
        }
        for c in claims
        if c.get("article_id")
    ]
    status = prop.get("status")
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url}/propositions/{prop.get('id')}",
        "claimReviewed": prop.get("statement"),
        "datePublished": (history[-1].get("date") if history else None) or prop.get("latest_report"),
        "author": {"@type": "Organization", "name": "counterclaim"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": status,
            "ratingValue": RATING.get(str(status), 3),
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": history[-1].get("reason") if history else None,
        },
        "itemReviewed": {
            "@type": "Claim",
            "firstAppearance": appearances[0] if appearances else None,
            "appearance": appearances,
            "datePublished": prop.get("first_report"),
        },
    }
