"""An offline SVG map: country outlines projected server-side, markers on top.

The basemap is Natural Earth 1:110m country outlines shipped with the package
(``data/geo/countries_110m.geojson``, public domain; source note inside the file). Coordinates use Web Mercator in a 256-unit world
square, the same frame as slippy-map tiles, so an optional ``tile_url``
(``https://.../{z}/{x}/{y}.png``) can be laid under the outlines with plain
``<image>`` elements — no JavaScript and no network needed without it.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

WORLD = 256.0
MAX_LAT = 85.0511


def project(lat: float, lon: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * WORLD
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * WORLD
    return x, y


def _basemap_text() -> str:
    return resources.files("counterclaim.data").joinpath("geo", "countries_110m.geojson").read_text(
        encoding="utf-8"
    )


def _ring_path(ring: list[list[float]]) -> str:
    pts = [project(lat, lon) for lon, lat, *_ in ring]
    return "M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in pts) + "Z"


@functools.lru_cache(maxsize=1)
def country_labels() -> tuple[tuple[str, float, float], ...]:
    """(name, x, y): the centre of each country's largest polygon's bounding box, projected."""
    out: list[tuple[str, float, float]] = []
    for feat in json.loads(_basemap_text())["features"]:
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        elif geom.get("type") != "MultiPolygon":
            continue
        outer = max((poly[0] for poly in polys if poly), key=len, default=None)
        if not outer:
            continue
        pts = [project(lat, lon) for lon, lat, *_ in outer]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        name = (feat.get("properties") or {}).get("name", "")
        out.append((name, (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str], ...]:
    """(name, SVG path data) for every country, projected once per process."""
    out: list[tuple[str, str]] = []
    for feat in json.loads(_basemap_text())["features"]:
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        elif geom.get("type") != "MultiPolygon":
            continue
        d = "".join(_ring_path(ring) for poly in polys for ring in poly)
        out.append(((feat.get("properties") or {}).get("name", ""), d))
    return tuple(out)


@dataclass
class Marker:
    x: float
    y: float
    r: float
    label: str
    kind: str  # "event" or "place"
    side_class: str
    count: int
    href: str


@dataclass
class Tile:
    href: str
    x: float
    y: float
    size: float


@dataclass
class Label:
    text: str
    x: float
    y: float


@dataclass
class MapView:
    view_box: str
    markers: list[Marker]
    countries: tuple[tuple[str, str], ...]
    tiles: list[Tile]
    labels: list[Label]
    font_size: float


def view_box(points: list[tuple[float, float]], min_span: float = 8.0) -> tuple[float, float, float, float]:
    """A 3:2 box around the projected points, padded, at least ``min_span`` units (~11 degrees) wide."""
    if not points:
        return 0.0, 20.0, WORLD, WORLD * 2 / 3
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(max(xs) - min(xs), (max(ys) - min(ys)) * 1.5, min_span) * 1.4
    w = min(w, WORLD)
    h = w * 2 / 3
    return cx - w / 2, cy - h / 2, w, h


def tiles_for(box: tuple[float, float, float, float], tile_url: str) -> list[Tile]:
    x0, y0, w, _h = box
    z = max(0, min(18, round(math.log2(WORLD * 4 / w))))
    size = WORLD / 2**z
    n = 2**z
    out = []
    for tx in range(int(x0 // size), int((x0 + w) // size) + 1):
        for ty in range(int(max(y0, 0) // size), int(min(y0 + box[3], WORLD) // size) + 1):
            if 0 <= ty < n:
                href = tile_url.replace("{z}", str(z)).replace("{x}", str(tx % n)).replace("{y}", str(ty))
                out.append(Tile(href, tx * size, ty * size, size))
    return out[:64]


def build_view(points: list[dict[str, Any]], tile_url: str | None = None) -> MapView:
    """``points``: dicts with lat, lon, label, kind, side_class, count, href."""
    projected = [(project(p["lat"], p["lon"]), p) for p in points]
    box = view_box([xy for xy, _ in projected])
    base_r = box[2] / 140
    markers = [
        Marker(x, y, base_r * (1 + math.log10(max(1, p["count"]))), p["label"], p["kind"],
               p["side_class"], p["count"], p["href"])
        for (x, y), p in projected
    ]
    tiles = tiles_for(box, tile_url) if tile_url else []
    x0, y0, w, h = box
    labels = [Label(name, x, y) for name, x, y in country_labels()
              if x0 + w * 0.05 < x < x0 + w * 0.95 and y0 + h * 0.05 < y < y0 + h * 0.95]
    return MapView(" ".join(f"{v:.3f}" for v in box), markers, country_paths(), tiles, labels, w / 70)
