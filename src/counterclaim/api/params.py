"""Validation of query parameters shared by the JSON endpoints and the pages.

Every rejection is a ``BadParameter`` ([E702]) naming the parameter, so a
client learns what to fix; values only ever reach the store as bound
parameters, never as SQL text.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import BadParameter
from ..model import STANCES, STATUSES

MAX_LIMIT = 500
MAX_CURSOR = 512
MAX_TEXT = 300
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not DATE_RE.match(value):
        raise BadParameter(f"{name} must be a date YYYY-MM-DD, got {value[:40]!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{name} is not a calendar date: {value!r}") from None
    return value


def text(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise BadParameter(f"{name} is longer than {MAX_TEXT} characters")
    if any(ord(ch) < 32 for ch in value):
        raise BadParameter(f"{name} contains control characters")
    return value or None


def limit(value: int | None, default: int = 50) -> int:
    if value is None:
        return default
    if not 1 <= value <= MAX_LIMIT:
        raise BadParameter(f"limit must be between 1 and {MAX_LIMIT}")
    return value


def cursor(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if len(value) > MAX_CURSOR or any(ord(ch) < 32 for ch in value):
        raise BadParameter("cursor is not one this server issued")
    return value


def choice(value: str | None, name: str, allowed: tuple[str, ...]) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise BadParameter(f"{name} must be one of {', '.join(allowed)}; got {value[:40]!r}")
    return value


def stance(value: str | None) -> str | None:
    return choice(value, "stance", STANCES)


def status(value: str | None) -> str | None:
    return choice(value, "status", STATUSES)


def near(value: str | None) -> tuple[float, float, float] | None:
    """``lat,lon,km`` -> a (lat, lon, radius km) tuple."""
    if value in (None, ""):
        return None
    parts = value.split(",")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise BadParameter("near must be 'lat,lon,km', e.g. near=39.76,46.75,25") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20000):
        raise BadParameter("near is out of range: lat -90..90, lon -180..180, 0 < km <= 20000")
    return lat, lon, km


def searchable(query: str | None) -> bool:
    """A full-text query with no letters or digits cannot match; it is answered empty, not sent."""
    return bool(query) and any(ch.isalnum() for ch in query)
