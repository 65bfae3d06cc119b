"""The gazetteer: name keys, distance maths, the package data layer and look-ups."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from counterclaim.geo import bearing_between, get_gazetteer, haversine_km, normalise_name, offset
from counterclaim.geo.names import is_cyrillic, is_latin


def geo_data(name: str) -> dict:
    return json.loads(resources.files("counterclaim.data").joinpath("geo", name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Shusha", "shusha"),
        ("Şuşa", "susa"),
        ("SHUSHA", "shusha"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("K’arvachar", "karvachar"),
        ("São Paulo", "sao paulo"),
        ("Xankəndi", "xankendi"),
        ("Шуша", "шуша"),
        ("  New   York ", "new york"),
    ],
)
def test_name_keys(name, key):
    assert normalise_name(name) == key


@pytest.mark.parametrize(("name", "latin", "cyrillic"), [("Şuşa", True, False), ("Шуша", False, True), ("Շուշի", False, False)])
def test_scripts(name, latin, cyrillic):
    assert is_latin(name) is latin
    assert is_cyrillic(name) is cyrillic


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((39.76, 46.75), (39.82, 46.75), 6.7),  # Shusha - Stepanakert
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.5),  # London - Paris
        ((0.0, 0.0), (0.0, 180.0), 20015.1),  # half the equator
    ],
)
def test_haversine(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=1.0)


def test_nearest_km_is_exactly_the_smallest_haversine():
    import random

    from counterclaim.geo.distance import nearest_km, point_terms

    rng = random.Random(8)
    for _ in range(200):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(rng.randint(1, 12))]
        points.append((lat, lon + 1e-9))  # near-identical points too
        expected = min(haversine_km(lat, lon, a, b) for a, b in points)
        assert nearest_km(lat, lon, [point_terms(a, b) for a, b in points]) == expected  # the same float
    for _ in range(200):  # clustered points: most are skipped by their latitude gap alone
        lat, lon = rng.uniform(-60, 60), rng.uniform(-170, 170)
        points = [(lat + rng.uniform(-1, 1), lon + rng.uniform(-1, 1)) for _ in range(30)]
        points += [(lat + rng.choice((-1, 1)) * d, lon) for d in (0.5, 0.25, 0.25)]  # gap = distance
        expected = min(haversine_km(lat, lon, a, b) for a, b in points)
        assert nearest_km(lat, lon, [point_terms(a, b) for a, b in points]) == expected
    assert nearest_km(0.0, 0.0, []) is None


@pytest.mark.parametrize("bearing", ["N", "NE", "E", "SE", "S", "SW", "W", "NW", "SSW"])
def test_offset_goes_the_stated_distance_and_direction(bearing):
    lat, lon = offset(39.82, 46.75, 15, bearing)
    assert haversine_km(39.82, 46.75, lat, lon) == pytest.approx(15, abs=0.01)
    assert bearing_between(39.82, 46.75, lat, lon) == bearing


def test_offset_south_lowers_latitude():
    lat, lon = offset(39.82, 46.75, 15, "S")
    assert lat == pytest.approx(39.82 - 15 / 111.2, abs=0.005)
    assert lon == pytest.approx(46.75, abs=1e-6)


def test_every_country_has_a_point_a_box_and_a_source():
    entries = geo_data("countries.json")["entries"]
    assert len(entries) >= 240
    for c in entries:
        assert -90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180, c["code"]
        assert c["source"]
    boxed = [c for c in entries if c["bbox"]]
    assert len(boxed) >= 230
    for c in boxed:
        # Factbook points of small islands and archipelagos sit off their 1:50m outline (up to 150 km).
        _west, south, _east, north = c["bbox"]
        assert south - 1.5 <= c["lat"] <= north + 1.5, c["code"]


@pytest.mark.parametrize(("code", "lat", "lon"), [("AM", 40.2, 45.0), ("AZ", 40.3, 47.7), ("UA", 49.0, 31.4), ("US", 39.5, -99.0),
                                                 ("AU", -25.0, 134.0)])
def test_country_points_are_inside_the_country(code, lat, lon):
    # Australia once took the point of Ashmore and Cartier Is., which shares its numeric id.
    entry = next(c for c in geo_data("countries.json")["entries"] if c["code"] == code)
    assert haversine_km(entry["lat"], entry["lon"], lat, lon) < 250


def test_basemap_is_a_geojson_feature_collection():
    doc = geo_data("countries_110m.geojson")
    assert doc["type"] == "FeatureCollection" and "Natural Earth" in doc["source"]
    assert len(doc["features"]) >= 170
    for f in doc["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert f["properties"]["name"]


def test_data_layer_entries_carry_a_source_note():
    areas = geo_data("areas.json")
    for section in ("entries", "overrides", "aliases"):
        for entry in areas[section]:
            assert entry.get("source"), entry
    for name in ("admin1.json", "us_counties.json"):
        assert geo_data(name)["source"]


def test_ruler_patterns_are_labelled_places_with_ids():
    text = resources.files("counterclaim.data").joinpath("ruler", "places.jsonl").read_text(encoding="utf-8")
    patterns = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert 1000 < len(patterns) < 5000  # each pattern costs load time
    for p in patterns:
        assert p["label"] in ("GPE", "LOC") and p["id"] and p["pattern"][0].isupper()
    names = {p["pattern"] for p in patterns}
    assert {"Shusha", "Stepanakert", "Nagorno-Karabakh", "Artsakh", "Donbas", "Gaza Strip"} <= names
    # demonyms and common words are not place rules
    assert not names & {"Armenian", "Azeri", "Reading", "Mobile", "Of"}


@pytest.mark.parametrize(
    ("name", "canonical", "kind"),
    [
        ("Shushi", "Shusha", "town"),
        ("Şuşa", "Shusha", "town"),
        ("Шуша", "Shusha", "town"),
        ("Khankendi", "Stepanakert", "town"),
        ("Artsakh", "Nagorno-Karabakh", "region"),
        ("Donbass", "Donbas", "region"),
        ("Crimea", "Crimea", "region"),
        ("Golan Heights", "Golan Heights", "region"),
        ("Kashmir", "Kashmir", "region"),
        ("the West Bank", "West Bank", "region"),
        ("U.S.", "United States", "country"),
        ("Calif.", "California", "region"),
        ("Tarrant County", "Tarrant County", "region"),
    ],
)
def test_lookup_finds_aliases(gazetteer, name, canonical, kind):
    found = [c for c in gazetteer.lookup(name) if c.name == canonical and c.kind == kind]
    assert found, [c.name for c in gazetteer.lookup(name)]


def test_shusha_spellings_are_one_place(gazetteer):
    ids = {next(c for c in gazetteer.lookup(n) if c.kind == "town").geonameid for n in ("Shusha", "Shushi", "Şuşa", "Шуша")}
    assert ids == {147105}


def test_unknown_names_have_no_candidates(gazetteer):
    assert gazetteer.lookup("Qwxzyplace") == ()
    assert gazetteer.lookup("") == ()


def test_country_lookup(gazetteer):
    am = gazetteer.country("AM")
    assert am.kind == "country" and am.precision == 4 and am.geonameid == 174982
    assert math.isclose(am.lat, 40.2, abs_tol=0.5)


@pytest.mark.parametrize(("code", "lat", "lon"), [("RU", 60.0, 100.0), ("CN", 35.0, 105.0), ("BR", -10.0, -55.0)])
def test_country_points_are_the_conventional_points_geonames_uses(code, lat, lon):
    """Gold standards place a country at GeoNames' point, not at its landmass centroid (Russia's is 190 km off)."""
    entry = next(c for c in geo_data("countries.json")["entries"] if c["code"] == code)
    assert haversine_km(entry["lat"], entry["lon"], lat, lon) < 20
