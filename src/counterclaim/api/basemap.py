"""An offline SVG map: country outlines projected server-side, markers on top.

The basemap is Natural Earth 1:110m country outlines shipped with the package
(``data/geo/countries_110m.geojson``, public domain; source note inside the file). Coordinates use Web Mercator in a 256-unit world
square, the same frame as slippy-map tiles, so an optional ``tile_url``
(``https://.../{z}/{x}/{y}.png``) can be laid under the outlines with plain
``<image>`` elements — no JavaScript and no network needed without it.
"""

from __future__ import annotations

import functools
import itertools
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


SKIPPED_COUNTRIES = {"Antarctica"}  # wraps the whole antimeridian; no conflict reporting there


def _projected_ring(ring: list[list[float]]) -> list[tuple[float, float]]:
    lons = [pt[0] for pt in ring]
    # a ring crossing the antimeridian (Russia, Fiji) is drawn continuous past 180 degrees
    crosses = any(abs(a - b) > 180 for a, b in itertools.pairwise(lons))
    return [project(lat, lon + 360 if crosses and lon < 0 else lon) for lon, lat, *_ in ring]


def _ring_path(pts: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in pts) + "Z"


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, str, tuple[float, float, float, float]], ...]:
    """(name, SVG path data, bbox of the largest ring) for every country, projected once per process."""
    out = []
    for feat in json.loads(_basemap_text())["features"]:
        geom = feat.get("geometry") or {}
        name = (feat.get("properties") or {}).get("name", "")
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        elif geom.get("type") != "MultiPolygon" or name in SKIPPED_COUNTRIES:
            continue
        rings = [_projected_ring(ring) for poly in polys for ring in poly if ring]
        if not rings:
            continue
        outer = max(rings, key=len)
        xs, ys = [p[0] for p in outer], [p[1] for p in outer]
        out.append((name, "".join(_ring_path(r) for r in rings), (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def country_paths() -> tuple[tuple[str, str], ...]:
    return tuple((name, d) for name, d, _ in _countries())


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
    show_label: bool = False


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


def _trimmed(values: list[float], weights: list[float], share: float) -> tuple[float, float]:
    """The range holding the central ``share`` of the total weight."""
    order = sorted(zip(values, weights))
    total = sum(weights)
    cut = total * (1 - share) / 2
    acc, lo, hi = 0.0, order[0][0], order[-1][0]
    for v, w in order:
        acc += w
        if acc > cut:
            lo = v
            break
    acc = 0.0
    for v, w in reversed(order):
        acc += w
        if acc > cut:
            hi = v
            break
    return lo, hi


def view_box(points: list[tuple[float, float]], min_span: float = 8.0, weights: list[float] | None = None,
             core: float = 1.0) -> tuple[float, float, float, float]:
    """A 3:2 box around the projected points, padded, at least ``min_span`` units (~11 degrees) wide.

    ``core < 1`` fits the central share of the (weighted) points, so a few far-off
    mentions (a capital abroad) do not shrink the conflict zone to a dot.
    """
    if not points:
        return 0.0, 20.0, WORLD, WORLD * 2 / 3
    weights = weights or [1.0] * len(points)
    if core < 1 and len(points) >= 10:
        (x_lo, x_hi), (y_lo, y_hi) = (_trimmed([p[i] for p in points], weights, core) for i in (0, 1))
        points = [(x_lo, y_lo), (x_hi, y_hi)]
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


Box = tuple[float, float, float, float]


def _overlaps(box: Box, placed: list[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed)


def country_labels(view: Box, font: float, placed: list[Box], max_labels: int = 40) -> list[Label]:
    """Names of countries big enough in this view, biggest first, never over another label."""
    x0, y0, w, h = view
    out: list[Label] = []
    for name, _, (bx0, by0, bx1, by1) in sorted(_countries(), key=lambda c: -(c[2][2] - c[2][0])):
        x, y = (bx0 + bx1) / 2, (by0 + by1) / 2
        if len(out) >= max_labels or bx1 - bx0 < w / 12:
            continue
        if not (x0 + w * 0.05 < x < x0 + w * 0.95 and y0 + h * 0.05 < y < y0 + h * 0.95):
            continue
        half = len(name) * font * 0.3
        box = (x - half, y - font, x + half, y + font * 0.2)
        if _overlaps(box, placed):
            continue
        placed.append(box)
        out.append(Label(name, x, y))
    return out


def place_labels(markers: list[Marker], font: float, max_labels: int = 40) -> list[Box]:
    """Label the busiest markers first, skipping any label that would overlap one already placed."""
    placed: list[Box] = []
    for m in sorted(markers, key=lambda m: -m.count):
        if len(placed) >= max_labels:
            break
        name = m.label.split(":")[0]
        x0, y1 = m.x + m.r * 1.3, m.y + m.r * 0.5
        box = (x0, y1 - font, x0 + len(name) * font * 0.6, y1 + font * 0.2)
        if _overlaps(box, placed):
            continue
        placed.append(box)
        m.show_label = True
    return placed


def build_view(points: list[dict[str, Any]], tile_url: str | None = None, fit_all: bool = False) -> MapView:
    """``points``: dicts with lat, lon, label, kind, side_class, count, href."""
    projected = [(project(p["lat"], p["lon"]), p) for p in points]
    box = view_box([xy for xy, _ in projected], weights=[float(p["count"]) for _, p in projected],
                   core=1.0 if fit_all else 0.8)
    base_r = box[2] / 140
    markers = [
        Marker(x, y, base_r * (1 + math.log10(max(1, p["count"]))), p["label"], p["kind"],
               p["side_class"], p["count"], p["href"])
        for (x, y), p in projected
    ]
    tiles = tiles_for(box, tile_url) if tile_url else []
    w = box[2]
    placed = place_labels(markers, font=w / 70 * 0.8)
    labels = country_labels(box, w / 70, placed)
    return MapView(" ".join(f"{v:.3f}" for v in box), markers, country_paths(), tiles, labels, w / 70)
