"""Synthetic load for benchmarks: endless re-dated copies of the bundled sample corpus.

Copies are made lazily (a generator), so a 10,000- or 100,000-article run holds
one batch at a time like a real backfill. Each copy gets its own date and a
short unique tail, so its content hash is new and nothing is deduplicated away.
A real corpus (e.g. a CSV given on the command line) can be mixed in by the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from importlib import resources
from typing import Any

from ..model import Article, article_id, content_hash


def sample_records() -> list[dict[str, Any]]:
    """The bundled sample corpus (articles the project wrote or may redistribute; see its SOURCES.md)."""
    text = resources.files("counterclaim.data").joinpath("samples/articles.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def redated(day: str | None, shift_days: int) -> str:
    base = date.fromisoformat(day) if day else date(2022, 3, 1)
    return (base + timedelta(days=shift_days)).isoformat()


def copies(records: Sequence[dict[str, Any]], count: int, start: int = 0) -> Iterator[Article]:
    """``count`` articles cycling through ``records`` (dicts with text, date, title, outlet, url)."""
    for i in range(start, start + count):
        rec = records[i % len(records)]
        round_ = i // len(records)
        text = f"{rec['text']}\n\n(archive copy {round_})"
        h = content_hash(text)
        url = f"{rec['url']}#copy-{round_}" if rec.get("url") else None
        yield Article(
            article_id(h),
            text,
            redated(rec.get("date"), round_ % 1500),
            "metadata",
            title=rec.get("title"),
            outlet=rec.get("outlet"),
            url=url,
            source=f"synthetic:{i}",
            hash=h,
        )
