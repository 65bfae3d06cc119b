"""Which place a claim is about, and a place's identity across articles.

A claim is about the places named in its sentence (or content); when it names
none ("the town", "the island") it inherits the place of the claim it refers
to, else the article's topic place: its most mentioned territory that is not
a dateline. Identity is the GeoNames id when the gazetteer gave one, else the
canonical name (the places stage already folds Shushi into Shusha).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import NOT_LOCATIONS
from ..store.dialects import distance_km

_KIND_RANK = {"town": 0, "area": 0, "region": 1, "country": 2}
SAME_PLACE_KM = 25.0  # two reports of one event: places this close are one place


def place_key(place: dict[str, Any]) -> str:
    if place.get("geonameid"):
        return f"g{place['geonameid']}"
    return "n" + (place.get("name") or "").strip().lower()


def same_place(a: dict[str, Any], b: dict[str, Any], km: float = SAME_PLACE_KM) -> bool:
    """Same GeoNames id or name, or coordinates within ``km`` of each other."""
    if place_key(a) == place_key(b):
        return True
    d = distance_km(a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon"))
    return d is not None and d <= km


def _is_territory(place: dict[str, Any]) -> bool:
    return place.get("role") not in NOT_LOCATIONS and place.get("kind") in _KIND_RANK


def _is_dateline(place: dict[str, Any], text: str) -> bool:
    end = (place.get("span") or {}).get("end") or 0
    return text[end : end + 3].strip().startswith(("—", "-", "–"))


def places_in(data: dict[str, Any], start: int, end: int) -> list[dict[str, Any]]:
    """Territories named inside [start, end) (datelines aside), most specific kind first, then in reading order."""
    text = data.get("text") or ""
    found = [
        p
        for p in data.get("places") or []
        if _is_territory(p)
        and start <= (p.get("span") or {}).get("start", -1) < end
        and not _is_dateline(p, text)
    ]
    return sorted(found, key=lambda p: (_KIND_RANK[p["kind"]], p["span"]["start"]))


def topic_place(data: dict[str, Any]) -> dict[str, Any] | None:
    """The article's most mentioned territory, towns before regions before countries; no datelines."""
    text = data.get("text") or ""
    candidates = [p for p in data.get("places") or [] if _is_territory(p) and not _is_dateline(p, text)]
    if not candidates:
        return None
    counts = Counter(place_key(p) for p in candidates)
    best = min(candidates, key=lambda p: (_KIND_RANK[p["kind"]], -counts[place_key(p)], p["span"]["start"]))
    return best
