"""GeoJSON FeatureCollections of events and places (RFC 7946: coordinates are [lon, lat]).

``events_geojson`` takes the items of ``Store.list_events`` (event dict plus
``lat``, ``lon``, ``place_name``, ``article_id``) or anything shaped like them;
``places_geojson`` the items of ``Store.list_places``. Items without
coordinates are left out: a map cannot place them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

_EVENT_PROPERTIES = (
    "id",
    "article_id",
    "event_type",
    "sub_event_type",
    "plover",
    "actor1",
    "actor2",
    "side1",
    "side2",
    "date",
    "place_name",
    "asserted_by",
    "article_date",
    "title",
    "outlet",
)
_PLACE_PROPERTIES = ("name", "kind", "geonameid", "country_code", "aliases", "n_mentions", "n_articles")


def _point(lat: Any, lon: Any) -> dict[str, Any] | None:
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def events_geojson(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for item in items:
        geometry = _point(item.get("lat"), item.get("lon"))
        if geometry is None:
            continue
        props = {k: item.get(k) for k in _EVENT_PROPERTIES if k in item}
        props["fatalities"] = (item.get("fatalities") or {}).get("min")
        props["text"] = (item.get("span") or {}).get("text")
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def places_geojson(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for item in items:
        geometry = _point(item.get("lat"), item.get("lon"))
        if geometry is None:
            continue
        props = {k: item.get(k) for k in _PLACE_PROPERTIES if k in item}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def result_events(results: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Event items (as ``list_events`` shapes them) from stored article results."""
    for result in results:
        places = result.get("places") or []
        for event in result.get("events") or []:
            idx = event.get("place")
            place = places[idx] if isinstance(idx, int) and 0 <= idx < len(places) else {}
            yield {
                **event,
                "article_id": result.get("id"),
                "lat": place.get("lat"),
                "lon": place.get("lon"),
                "place_name": place.get("name"),
                "article_date": result.get("date"),
                "title": result.get("title"),
                "outlet": result.get("outlet"),
            }


def write_geojson(results: Iterable[dict[str, Any]], out: TextIO) -> int:
    """The events of ``results`` as one FeatureCollection; returns the number of features."""
    collection = events_geojson(result_events(results))
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
