"""The ``dates`` stage: every date and time expression, normalised against the article date.

Recognition and normalisation live in ``counterclaim.timeexpr`` (shared with the
claims and events stages and ``counterclaim eval time``); this module turns
what it finds into ``DateMention``s and offers ``date_for_span`` to date a
sentence or clause. Without an article date, relative expressions ("on
Sunday") are kept with ``value=None`` rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from ..model import ArticleResult, DateMention, Span
from ..timeexpr import DateValue
from ..timeexpr.recognise import find_dates
from .registry import stage

# Prepositions that change what the expression means ("since 1994" is an open range, "during
# the night" a night span): the mention's span includes them, as the golden annotations do.
_MEANINGFUL_PREPOSITIONS = re.compile(r"(?:\b(?:[Ss]ince|[Dd]uring|SINCE|DURING))\s+$")

# Which readings date a clause best: a day beats a part of a day's range, which beats a month...
_PRECISION_RANK = {"time": 0, "day": 1, "range": 2, "month": 3, "year": 4}


def article_anchor(result: ArticleResult) -> date | None:
    """The article date as a ``date``; an unreadable one is reported once and treated as absent."""
    raw = result.article.date
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        result.warnings.append(f"[E105] article date {raw!r} is not YYYY-MM-DD; relative dates left unresolved")
        return None


@stage("dates", version="1", requires=("mentions",))
def dates(doc: Doc, result: ArticleResult) -> None:
    """Date/time expressions with value, precision, range end, ISO duration and approximation."""
    text = result.article.text
    for found in find_dates(doc, article_anchor(result)):
        if found.error:
            result.warnings.append(f"[E600] stage dates: could not normalise {found.text!r}: {found.error}")
        if found.value is None:  # a DATE entity that is not a time expression ("52 years old", "80486")
            continue
        start = found.start
        before = _MEANINGFUL_PREPOSITIONS.search(text, max(0, start - 12), start)
        if before:
            start = before.start()
        result.dates.append(found.value.to_mention(Span.of(text, start, found.end)))


def date_for_span(
    result: ArticleResult, start: int, end: int, *, fallback_to_article: bool = True
) -> DateValue | None:
    """The best date for the text between ``start`` and ``end`` (a sentence or clause).

    The most precise resolved date mention inside the span wins (the first one on
    ties); durations and unresolved mentions never date anything. With nothing
    inside, the article date stands in (news is about the day it is published)
    unless ``fallback_to_article`` is False.
    """
    inside: list[DateMention] = [
        d for d in result.dates
        if start <= d.span.start and d.span.end <= end and d.value is not None and d.precision in _PRECISION_RANK
    ]
    if inside:
        best = min(inside, key=lambda d: (_PRECISION_RANK[d.precision], d.span.start))
        return DateValue(best.value, best.precision, end=best.end, approximate=best.approximate)
    if fallback_to_article and result.article.date and article_anchor(result) is not None:
        return DateValue(result.article.date[:10], "day", timex=result.article.date[:10])
    return None
