"""Article results as one JSON array, or as NDJSON (one article-result object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def write_ndjson(results: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for result in results:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(results: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array written item by item, so a large store never sits in memory."""
    n = 0
    out.write("[")
    for result in results:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(result, ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n
