"""Export formats (JSON, NDJSON, ACLED-style CSV, GeoJSON) and the output-path guard."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from counterclaim.errors import UnsafeOutputPath
from counterclaim.export import (
    ACLED_COLUMNS,
    acled_rows,
    atomic_output,
    events_geojson,
    places_geojson,
    safe_output_path,
    write_acled_csv,
    write_geojson,
    write_json,
    write_ndjson,
)
from test_store_support import capture_result, make_result


def _results():
    return [capture_result().to_dict(), make_result("Only mentions in this one.").to_dict()]


@pytest.mark.parametrize(
    "writer, parse",
    [
        (write_json, json.loads),
        (write_ndjson, lambda out: [json.loads(line) for line in out.splitlines()]),
    ],
)
def test_json_formats_round_trip(writer, parse):
    out = io.StringIO()
    assert writer(_results(), out) == 2
    assert parse(out.getvalue()) == _results()


def test_json_of_nothing_is_an_empty_array():
    out = io.StringIO()
    write_json([], out)
    assert json.loads(out.getvalue()) == []


def test_acled_csv_has_one_row_per_event_in_acled_columns():
    out = io.StringIO()
    assert write_acled_csv(_results(), out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    row = rows[0]
    assert row["event_date"] == "2020-11-08" and row["event_type"] == "Battles"
    assert row["sub_event_type"] == "Government regains territory"
    assert (row["location"], row["country"], row["geo_precision"]) == ("Shusha", "Azerbaijan", "1")
    assert (float(row["latitude"]), float(row["longitude"])) == (39.7594, 46.7481)
    assert row["fatalities"] == "3" and row["notes"] == "captured Shusha" and row["source"] == "Test Wire"
    assert row["event_id_cnty"] == f"{capture_result().article.id}-e1"


def test_acled_csv_neutralises_spreadsheet_formulas_but_not_numbers():
    result = capture_result().to_dict()
    result["events"][0]["actor1"] = '=HYPERLINK("http://evil.example")'
    result["places"][0]["lon"] = -3.5
    out = io.StringIO()
    write_acled_csv([result], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor1"].startswith("'=") and row["longitude"] == "-3.5"


def test_events_geojson_uses_lon_lat_order_and_skips_unplaced_events():
    items = [
        {"id": "e1", "lat": 39.76, "lon": 46.75, "event_type": "Battles", "fatalities": {"min": 2}},
        {"id": "e2", "lat": None, "lon": None, "event_type": "Riots"},
    ]
    collection = events_geojson(items)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [46.75, 39.76]}
    assert feature["properties"]["fatalities"] == 2


def test_places_geojson_and_geojson_export():
    places = places_geojson(
        [
            {"name": "Shusha", "lat": 39.76, "lon": 46.75, "n_mentions": 3},
            {"name": "Nowhere", "lat": None, "lon": None},
        ]
    )
    assert [f["properties"]["name"] for f in places["features"]] == ["Shusha"]
    out = io.StringIO()
    assert write_geojson(_results(), out) == 1
    assert json.loads(out.getvalue())["features"][0]["properties"]["place_name"] == "Shusha"


# --- the output-path guard --------------------------------------------------------------------


@pytest.mark.parametrize(
    "out",
    [
        "../outside.csv",
        "sub/../../outside.csv",
        "/tmp/../etc/ledger.csv",
        "/",
        ".",
        "sub/..",
        "link_out/x.csv",
        "nul\x00byte.csv",
        "missing_dir/x.csv",
    ],
)
def test_paths_escaping_the_folder_are_refused(tmp_path, out):
    base = tmp_path / "exports"
    (base / "sub").mkdir(parents=True)
    os.symlink(tmp_path, base / "link_out")  # a symlink that leads out of the folder
    with pytest.raises(UnsafeOutputPath, match=r"\[E210\]"):
        safe_output_path(out, base)


@pytest.mark.parametrize("out", ["ledger.csv", "sub/ledger.csv", "./sub/../ledger.csv"])
def test_paths_inside_the_folder_are_allowed(tmp_path, out):
    (tmp_path / "sub").mkdir()
    target = safe_output_path(out, tmp_path)
    assert target.parent in (tmp_path.resolve(), (tmp_path / "sub").resolve())


def test_absolute_path_inside_the_folder_is_allowed(tmp_path):
    assert safe_output_path(str(tmp_path / "x.csv"), tmp_path) == (tmp_path / "x.csv").resolve()


def test_a_failed_export_leaves_no_file(tmp_path):
    target = safe_output_path("half.json", tmp_path)
    with pytest.raises(RuntimeError):
        with atomic_output(target) as fh:
            fh.write("[{")
            raise RuntimeError("disk gone")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "event_id, expected_suffix",
    [("e1", "-e1"), ("{article}-e7", "-e7")],
)
def test_event_keys_are_globally_unique_without_repeating_the_article_id(event_id, expected_suffix):
    result = capture_result().to_dict()
    article = result["id"]
    result["events"][0]["id"] = event_id.format(article=article)
    result["events"][0]["span"]["text"] = "captured\n\n  Shusha  "
    row = next(acled_rows(result))
    assert row["event_id_cnty"] == article + expected_suffix
    assert row["notes"] == "captured Shusha"
