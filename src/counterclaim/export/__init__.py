"""Exports of the stored ledger: JSON, NDJSON, ACLED-compatible CSV and GeoJSON.

Writers take an iterable of article-result dicts (``Store.iter_results()``)
and a text stream, so they stream with flat memory. The GeoJSON builders take
the item dicts ``Store.list_events`` / ``Store.list_places`` return (the API
reuses them for its map). ``safe_output_path`` is the guard against writing
outside the chosen folder.
"""

from __future__ import annotations

from .acled_csv import ACLED_COLUMNS, acled_rows, write_acled_csv
from .geojson import events_geojson, places_geojson, write_geojson
from .json_formats import write_json, write_ndjson
from .paths import atomic_output, safe_output_path

WRITERS = {"json": write_json, "ndjson": write_ndjson, "csv": write_acled_csv, "geojson": write_geojson}
FORMATS = tuple(WRITERS)

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "WRITERS",
    "acled_rows",
    "atomic_output",
    "events_geojson",
    "places_geojson",
    "safe_output_path",
    "write_acled_csv",
    "write_geojson",
    "write_json",
    "write_ndjson",
]
