"""Opaque pagination cursors.

A cursor is URL-safe base64 of a small JSON object naming the listing it
belongs to and where the next page starts: a keyset position (``sort_date``,
``seq``) for date-ordered listings, or an offset for rank-ordered ones. Clients
must treat it as opaque; a tampered or foreign cursor is a clear E304.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ..errors import BadCursor


def encode(listing: str, **position: Any) -> str:
    raw = json.dumps({"l": listing, **position}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(cursor: str | None, listing: str) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise BadCursor(f"this pagination cursor is not valid ({cursor[:40]!r})") from exc
    if not isinstance(data, dict) or data.get("l") != listing:
        raise BadCursor(f"this pagination cursor does not belong to the {listing} listing")
    return data


def keyset(cursor: str | None, listing: str) -> tuple[str, int] | None:
    data = decode(cursor, listing)
    if data is None:
        return None
    date, seq = data.get("d"), data.get("s")
    if not isinstance(date, str) or not isinstance(seq, int):
        raise BadCursor(f"this pagination cursor is not valid for the {listing} listing")
    return date, seq


def offset(cursor: str | None, listing: str) -> int:
    data = decode(cursor, listing)
    if data is None:
        return 0
    value = data.get("o")
    if not isinstance(value, int) or value < 0:
        raise BadCursor(f"this pagination cursor is not valid for the {listing} listing")
    return value
