"""One page of a listing, and the opaque cursor to the next one (None on the last page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None = None
