"""``read_sources``: files, folders, stdin and URLs in; Articles and Rejections out.

Nothing raises out of ``read_sources``: every problem with one source, record
or line becomes a ``Rejection`` naming where it happened, and the rest of the
batch goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

from ..errors import CounterclaimError, InputError, MissingSource, UnsupportedFormat
from ..model import Article
from .assemble import assemble, utc_now
from .guards import MAX_MARKUP_BYTES, check_size
from .html import draft_from_html
from .records import ColumnMap, Draft, Rejection
from .tabular import read_delimited, read_jsonl
from .text import read_text_file, read_text_stream

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + (".csv", ".tsv")


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def files_under(folder: Path) -> Iterator[Path]:
    """Every file below a folder, recursively, in sorted order, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_file(path: Path, columns: ColumnMap) -> Iterator[Draft | Rejection]:
    """Drafts from one file, chosen by its extension."""
    where = str(path)
    if not path.is_file():  # devices and pipes (a link to /dev/zero) would never end
        raise InputError("not a regular file")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield read_text_file(path, where)
    elif suffix in HTML_SUFFIXES:
        check_size(path, MAX_MARKUP_BYTES)
        yield draft_from_html(path.read_bytes(), where)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, where, columns)
    elif suffix in (".csv", ".tsv"):
        yield from read_delimited(path, where, columns, "\t" if suffix == ".tsv" else ",")
    else:
        raise UnsupportedFormat(
            f"unknown file type {suffix or '(no extension)'!r}; supported: {', '.join(SUPPORTED)}"
        )


def guarded(where: str, items: Iterator[Draft | Rejection]) -> Iterator[Draft | Rejection]:
    """Turn any failure while reading one source into a Rejection for that source."""
    try:
        yield from items
    except CounterclaimError as exc:
        yield Rejection.from_error(exc, where)
    except OSError as exc:
        yield Rejection(where, InputError.code, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug must not lose the rest of the batch
        log.exception("unexpected failure reading %s", where)
        yield Rejection(
            where, InputError.code, f"unexpected error while reading: {type(exc).__name__}: {exc}"
        )


def lazily(read, *args, **kwargs) -> Iterator[Draft]:
    """A one-item generator, so that ``guarded`` also catches failures of single-article readers."""
    yield read(*args, **kwargs)


def drafts_from(
    source: str, columns: ColumnMap, stdin: TextIO | None, allow_private: bool
) -> Iterator[Draft | Rejection]:
    if source == "-":
        yield from guarded("stdin", lazily(read_text_stream, stdin))
        return
    if is_url(source):
        from .fetch import fetch_draft  # httpx only when there are URLs

        yield from guarded(source, lazily(fetch_draft, source, allow_private=allow_private))
        return
    path = Path(source)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:
        yield Rejection(source, InputError.code, f"cannot read: {exc.strerror or exc}")
        return
    if is_dir:
        for file in files_under(path):
            yield from guarded(str(file), read_file(file, columns))
    elif exists:
        yield from guarded(source, read_file(path, columns))
    else:
        yield Rejection(source, MissingSource.code, "no such file or folder")


def read_sources(
    sources: Iterable[str],
    *,
    columns: ColumnMap = ColumnMap(),
    stdin: TextIO | None = None,
    now: datetime | None = None,
    allow_private: bool = False,
) -> Iterator[Article | Rejection]:
    """Articles from files, folders (recursive), ``-`` (stdin) and http(s) URLs, in order.

    Each bad file, row, line or page is yielded as a ``Rejection``; nothing raises.
    ``now`` is the ingest clock (future-date check, ingest-time dates).
    """
    now = now or utc_now()
    for source in sources:
        if source == "-" and stdin is None:
            import sys

            stdin = sys.stdin
        for item in drafts_from(source, columns, stdin, allow_private):
            yield item if isinstance(item, Rejection) else assemble(item, now)
