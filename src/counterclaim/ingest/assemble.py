"""Draft -> Article: the checks every article passes and the date-origin chain.

Date origins, first that applies: a ``date`` header line or metadata/date column
(``header`` / ``metadata``; impossible or future dates reject the article), a
date in the URL (``url``), an explicit full date in the article's opening
(``text``), and as a last resort the ingest date (``ingest-time``, flagged with
an E110 warning).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ..errors import BadDate, CounterclaimError, InputError, NoDate
from ..model import Article, article_id, content_hash
from .dating import check_not_future, date_from_text, date_from_url, parse_date_value
from .guards import check_text
from .language import check_english
from .records import Draft, Rejection

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def resolve_date(draft: Draft, text: str, now: datetime) -> tuple[str, str, list[str]]:
    """(ISO date, origin, warnings). Raises BadDate for a given date that is impossible or future."""
    warnings: list[str] = []
    if draft.date_value is not None and draft.date_value.strip():
        value, warnings = parse_date_value(draft.date_value)
        check_not_future(value, now, draft.date_value.strip())
        return value.isoformat(), draft.date_origin or "metadata", warnings
    if draft.url:
        value = date_from_url(draft.url)
        if value is not None:
            try:
                check_not_future(value, now, value.isoformat())
                return value.isoformat(), "url", warnings
            except BadDate as exc:
                warnings.append(f"[{exc.code}] URL date ignored: {exc.message}")
    value = date_from_text(text)
    if value is not None:
        try:
            check_not_future(value, now, value.isoformat())
            return value.isoformat(), "text", warnings
        except BadDate as exc:
            warnings.append(f"[{exc.code}] text date ignored: {exc.message}")
    today = now.date().isoformat()
    warnings.append(
        f"[{NoDate.code}] no publication date found (header, metadata, URL or text); "
        f"using the ingest date {today}"
    )
    return today, "ingest-time", warnings


def assemble(draft: Draft, now: datetime | None = None) -> Article | Rejection:
    """Check a draft and give it an id and a dated origin; problems become a Rejection."""
    now = now or utc_now()
    text = draft.text.strip()
    try:
        check_text(draft.text)
        check_english(text)
        date, origin, date_warnings = resolve_date(draft, text, now)
    except CounterclaimError as exc:
        return Rejection.from_error(exc, draft.where)
    except Exception as exc:  # a bug here must cost one article, not the batch
        log.exception("cannot assemble %s", draft.where)
        return Rejection(draft.where, InputError.code, f"unexpected error: {type(exc).__name__}: {exc}")
    hash_ = content_hash(text)
    return Article(
        id=article_id(hash_),
        text=text,
        date=date,
        date_origin=origin,
        title=(draft.title or "").strip() or None,
        outlet=(draft.outlet or "").strip() or None,
        url=(draft.url or "").strip() or None,
        source=draft.where,
        language="en",
        external_id=(draft.external_id or "").strip() or None,
        ingest_warnings=tuple(draft.warnings + date_warnings),
        hash=hash_,
    )
