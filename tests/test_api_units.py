"""Pure helpers behind the dashboard: highlighting, map projection, labels, colours, parameters."""

from __future__ import annotations

import math

import pytest

from counterclaim.api import basemap, params
from counterclaim.api.highlight import segments
from counterclaim.api.pages import safe_url, snippet_parts
from counterclaim.api.sides import side_class
from counterclaim.errors import BadParameter

TEXT = "Kim said the port fell on Monday. Lee denied it."


def _result(**extra):
    base = {"text": TEXT, "claims": [], "events": [], "places": [], "dates": []}
    base.update(extra)
    return base


def _sp(needle: str) -> dict:
    start = TEXT.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle)}


def test_segments_cover_the_text_exactly_once():
    claim = {"id": "c1", "speaker": _sp("Kim"), "cue": _sp("said"), "content": _sp("the port fell on Monday"),
             "sentence": _sp("Kim said the port fell on Monday."), "stance": "asserts", "side": "A"}
    segs = segments(_result(claims=[claim], places=[{"span": _sp("port"), "name": "Port", "kind": "town"}],
                            dates=[{"span": _sp("on Monday"), "value": "2031-01-06"}]), focus_claim="c1")
    assert "".join(s.text for s in segs) == TEXT
    by_text = {s.text: s.classes for s in segs}
    assert {"claim", "place", "focus"} <= set(by_text["port"])
    assert "speaker" in by_text["Kim"] and "cue" in by_text["said"]
    assert "focus" not in by_text[" Lee denied it."]
    assert segs[0].anchors == ["claim-c1"]


@pytest.mark.parametrize("bad", [
    {"start": 5, "end": 500}, {"start": -3, "end": 2}, {"start": 9, "end": 4}, {"start": None, "end": 3}, None,
])
def test_out_of_range_spans_are_ignored_not_fatal(bad):
    segs = segments(_result(places=[{"span": bad, "name": "x", "kind": "town"}]))
    assert "".join(s.text for s in segs) == TEXT and all(not s.classes for s in segs)


def test_empty_text_has_no_segments():
    assert segments({"text": "", "claims": []}) == []


@pytest.mark.parametrize("lat,lon,x,y", [
    (0, 0, 128, 128), (0, -180, 0, 128), (0, 180, 256, 128), (85.0511, 0, 128, 0), (-85.0511, 0, 128, 256),
])
def test_web_mercator(lat, lon, x, y):
    px, py = basemap.project(lat, lon)
    assert math.isclose(px, x, abs_tol=0.01) and math.isclose(py, y, abs_tol=0.01)


def test_view_box_contains_points_and_keeps_minimum_size():
    pts = [basemap.project(39.76, 46.75), basemap.project(40.4, 49.9)]
    x0, y0, w, h = basemap.view_box(pts)
    assert all(x0 <= x <= x0 + w and y0 <= y <= y0 + h for x, y in pts)
    assert w >= 8.0 and math.isclose(h, w * 2 / 3)


def test_tiles_follow_the_template():
    tiles = basemap.tiles_for((100.0, 80.0, 8.0, 5.33), "https://t.example/{z}/{x}/{y}.png")
    assert tiles and all(t.href.startswith("https://t.example/7/") for t in tiles)
    assert len(tiles) <= 64


def test_labels_do_not_overlap():
    markers = [basemap.Marker(10, 10 + i * 0.01, 0.1, f"Place {i}: 1 event", "event", "side-0", 10 - i, "/")
               for i in range(5)]
    basemap.place_labels(markers, font=1.0)
    assert [m.show_label for m in markers] == [True, False, False, False, False]


def test_basemap_has_the_caucasus_and_no_antimeridian_streaks():
    names = {name for name, _ in basemap.country_paths()}
    assert {"Armenia", "Azerbaijan", "Georgia"} <= names
    for name, d in basemap.country_paths():
        xs = [float(p.split(",")[0]) for p in d.replace("M", "L").replace("Z", "").split("L") if p]
        assert max(xs) - min(xs) < 200, name  # no ring spans the whole map


@pytest.mark.parametrize("url,expected", [
    ("https://news.example/a", "https://news.example/a"), ("http://x.example", "http://x.example"),
    ("javascript:alert(1)", None), (" JavaScript:alert(1)", None), ("data:text/html,<script>", None),
    ("//evil.example", None), ("vbscript:x", None), (None, None), ("", None),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize("snippet,expected", [
    ("a [[hit]] b", [("a ", False), ("hit", True), (" b", False)]),
    ("[[x]][[y]]", [("x", True), ("y", True)]),
    ("<b>x</b> [[unclosed", [("<b>x</b> ", False), ("unclosed", True)]),
    (None, []),
])
def test_snippet_parts(snippet, expected):
    assert snippet_parts(snippet) == expected


def test_side_colours_are_stable_and_distinct_for_opponents():
    assert side_class("Armenia") == side_class(" armenia ") != side_class("Azerbaijan")
    assert side_class(None) == side_class("") == "side-none"
    assert side_class("Some New Side") == side_class("Some New Side")


@pytest.mark.parametrize("func,value", [
    (lambda v: params.iso_date(v, "since"), "2020-1-1"),
    (lambda v: params.iso_date(v, "since"), "2020-02-30"),
    (params.near, "1,2"), (params.near, "a,b,c"), (params.near, "0,0,0"), (params.near, "0,200,5"),
    (params.stance, "yells"), (params.status, "maybe"), (params.cursor, "x" * 600),
    (lambda v: params.text(v, "q"), "a\x00b"), (lambda v: params.text(v, "q"), "x" * 301),
])
def test_bad_parameters_raise_E702(func, value):
    with pytest.raises(BadParameter) as info:
        func(value)
    assert str(info.value).startswith("[E702]")


@pytest.mark.parametrize("q,expected", [("Shusha", True), ("*", False), ("'; --", False), ("", False),
                                        (None, False), ("1,000", True)])
def test_searchable(q, expected):
    assert params.searchable(q) is expected
