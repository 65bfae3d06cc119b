"""RSS/Atom feeds: conditional GET, new and updated items as Articles.

``poll_feed`` keeps its memory in a small JSON-able state dict (ETag,
Last-Modified, and a content hash per item key) that the caller persists *after*
storing the articles: a crash in between only re-emits items, which the store
recognises by their content hash. An item whose text changed comes out again as
a new Article with the same ``url`` / ``external_id``; the store makes it a
revision.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from ..errors import CounterclaimError, FetchError, NotAFeed
from ..model import Article, content_hash
from .assemble import assemble, utc_now
from .fetch import FEED_TYPES, FetchPolicy, fetch, fetch_draft
from .html import fragment_to_text
from .records import Draft, Rejection

log = logging.getLogger(__name__)

FeedState = dict[str, Any]


def conditional_headers(state: FeedState) -> dict[str, str]:
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("modified"):
        headers["If-Modified-Since"] = state["modified"]
    return headers


def entry_text(entry: Any) -> str:
    """The fullest text the item carries: its content, else its summary (HTML turned into text)."""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            return fragment_to_text(value) if "html" in (part.get("type") or "html") else value
    summary = entry.get("summary") or ""
    return fragment_to_text(summary)


def entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def entry_key(entry: Any) -> str | None:
    return entry.get("id") or entry.get("link") or entry.get("title")


def entry_draft(
    entry: Any, feed_url: str, outlet: str | None, fetch_links: bool, policy: FetchPolicy
) -> Draft:
    key = entry_key(entry)
    where = f"{feed_url} [item {key}]"
    link = entry.get("link")
    draft = Draft(
        text=entry_text(entry),
        where=where,
        date_value=entry_date(entry),
        date_origin="metadata",
        title=entry.get("title"),
        outlet=outlet,
        url=link,
        external_id=entry.get("id") or link,
    )
    if fetch_links and link:
        try:
            page = fetch_draft(link, policy=policy)
        except CounterclaimError as exc:
            draft.warnings.append(f"[{exc.code}] linked page not used ({exc.message}); the feed's text was")
        else:
            draft.text = page.text
            draft.title = draft.title or page.title
            if not draft.date_value:
                draft.date_value = page.date_value
    return draft


def poll_feed(
    url: str,
    state: FeedState | None,
    *,
    allow_private: bool = False,
    fetch_links: bool = False,
    policy: FetchPolicy | None = None,
    now: datetime | None = None,
) -> tuple[list[Article], FeedState, list[Rejection]]:
    """New or changed items since ``state`` -> (articles, new state, rejections). Never raises.

    On a feed error the old state is returned unchanged with one Rejection, so the
    next poll retries.
    """
    state = dict(state or {})
    policy = policy or FetchPolicy(allow_private=allow_private, accepted_types=FEED_TYPES)
    page_policy = FetchPolicy(
        allow_private=policy.allow_private,
        trusted_hosts=policy.trusted_hosts,
        resolver=policy.resolver,
        connect_timeout=policy.connect_timeout,
        read_timeout=policy.read_timeout,
        total_timeout=policy.total_timeout,
        max_bytes=policy.max_bytes,
    )
    now = now or utc_now()
    try:
        fetched = fetch(url, policy, headers=conditional_headers(state))
        if fetched.status == 304:
            return [], state, []
        import feedparser  # only when a feed is polled

        parsed = feedparser.parse(
            fetched.content,
            response_headers={
                "content-type": fetched.headers.get("content-type", ""),
                "content-location": fetched.url,
            },
        )
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            problem = getattr(parsed, "bozo_exception", None) or "no RSS/Atom items"
            raise NotAFeed(f"not a readable RSS/Atom feed ({problem})")
    except CounterclaimError as exc:
        return [], state, [Rejection.from_error(exc, url)]
    except Exception as exc:  # a feed must never stop the others
        log.exception("polling %s failed", url)
        return [], state, [Rejection(url, FetchError.code, f"unexpected error: {type(exc).__name__}: {exc}")]

    outlet = parsed.feed.get("title")
    seen: dict[str, str] = state.get("seen") or {}
    new_seen: dict[str, str] = {}
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for entry in parsed.entries:
        key = entry_key(entry)
        if not key:
            rejections.append(Rejection(url, NotAFeed.code, "an item has no id, link or title; skipped"))
            continue
        summary_hash = content_hash(entry_text(entry))
        new_seen[key] = summary_hash
        if seen.get(key) == summary_hash:
            continue  # unchanged since the last poll (accepted or rejected then)
        result = assemble(entry_draft(entry, url, outlet, fetch_links, page_policy), now)
        (articles if isinstance(result, Article) else rejections).append(result)
    new_state = {
        "etag": fetched.headers.get("etag") or state.get("etag"),
        "modified": fetched.headers.get("last-modified") or state.get("modified"),
        "seen": new_seen,
        "polled": now.isoformat(timespec="seconds"),
    }
    return articles, new_state, rejections
