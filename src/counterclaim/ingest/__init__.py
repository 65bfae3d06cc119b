"""Ingest: files, folders, stdin, URLs and feeds in; Articles (or Rejections saying why not) out.

Public surface::

    read_sources(["news/", "-", "https://..."])  -> Iterator[Article | Rejection]
    poll_feed(url, state)                         -> (articles, new_state, rejections)
    fetch.fetch(url, FetchPolicy(...))            -> Fetched  (SSRF-guarded GET)

Modules: ``text`` / ``html`` / ``tabular`` read formats, ``guards`` and
``language`` refuse bad input early, ``dating`` finds publication dates,
``assemble`` turns drafts into Articles, ``addresses`` + ``fetch`` fetch
safely, ``feeds`` polls RSS/Atom, ``sources`` dispatches.
"""

from __future__ import annotations

from typing import Any

from .records import ColumnMap, Rejection
from .sources import read_sources

__all__ = ["ColumnMap", "FetchPolicy", "Rejection", "poll_feed", "read_sources"]


def __getattr__(name: str) -> Any:
    """httpx and feedparser load only when URLs or feeds are used."""
    if name == "poll_feed":
        from .feeds import poll_feed

        return poll_feed
    if name == "FetchPolicy":
        from .fetch import FetchPolicy

        return FetchPolicy
    raise AttributeError(name)
