"""Great-circle distance and compass offsets (spherical Earth; plenty for geoparsing)."""

from __future__ import annotations

import math
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088
# Compass points in clockwise order; each covers 360/16 degrees.
COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
BEARING_DEGREES = {name: i * 22.5 for i, name in enumerate(COMPASS)}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def point_terms(lat: float, lon: float) -> tuple[float, float, float]:
    """(latitude in radians, its cosine, longitude in degrees): a point's share of ``haversine_km``, for ``nearest_km``."""
    p = math.radians(lat)
    return p, math.cos(p), lon


def nearest_km(lat: float, lon: float, points: Iterable[tuple[float, float, float]]) -> float | None:
    """The smallest ``haversine_km`` from (lat, lon) to ``points`` (``point_terms`` of each), or None if there are none.

    The same arithmetic in the same order as ``haversine_km``, so the same floats, with each
    point's trigonometry done once instead of once per pair.
    """
    p1 = math.radians(lat)
    cos_p1 = math.cos(p1)
    best: float | None = None
    beyond = math.inf  # latitude gap (radians) past which a point cannot come closer than ``best``
    for p2, cos_p2, lon2 in points:
        dp = p2 - p1
        if abs(dp) > beyond:
            continue  # a great circle is never shorter than its latitude difference
        dl = math.radians(lon2 - lon)
        a = math.sin(dp / 2) ** 2 + cos_p1 * cos_p2 * math.sin(dl / 2) ** 2
        d = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
        if best is None or d < best:
            best = d
            # with a margin far above float rounding, so a skipped point could never have won
            beyond = best / EARTH_RADIUS_KM * (1 + 1e-9) + 1e-12
    return best


def offset(lat: float, lon: float, distance_km: float, bearing: str) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) towards compass ``bearing`` ("S", "NE", ...)."""
    theta = math.radians(BEARING_DEGREES[bearing])
    delta = distance_km / EARTH_RADIUS_KM
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(delta) + math.cos(p1) * math.sin(delta) * math.cos(theta))
    l2 = l1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(p1), math.cos(delta) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def bearing_between(lat1: float, lon1: float, lat2: float, lon2: float) -> str:
    """The 16-point compass bearing from the first point to the second."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    degrees = (math.degrees(math.atan2(x, y)) + 360) % 360
    return COMPASS[int((degrees + 11.25) // 22.5) % 16]
