"""The date a claim was made: a date phrase attached to the cue, normalised against the article date.

Uses the dates stage's mentions when it ran (``result.dates``); otherwise a
small fallback that covers weekday names ("on Sunday" = the latest such day on
or before the article date, the news convention), "today" and "yesterday".
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ...model import ArticleResult

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _fallback(phrase: str, article_date: dt.date) -> str | None:
    words = phrase.lower().split()
    for i, day in enumerate(WEEKDAYS):
        if day in words:
            back = (article_date.weekday() - i) % 7
            return (article_date - dt.timedelta(days=back)).isoformat()
    if "yesterday" in words:
        return (article_date - dt.timedelta(days=1)).isoformat()
    if "today" in words or "tonight" in words:
        return article_date.isoformat()
    return None


def _date_tokens(cue: Token, content: tuple[int, int]) -> list[Token]:
    """Date-like tokens among the cue's own modifiers (not inside the content)."""
    found: list[Token] = []
    for child in cue.children:
        if child.dep_ not in ("prep", "npadvmod", "advmod", "tmod"):
            continue
        for t in child.subtree:
            if content[0] <= t.idx < content[1]:
                break
            if t.ent_type_ in ("DATE", "TIME") or t.lower_ in WEEKDAYS or t.lower_ in ("yesterday", "today"):
                found.append(t)
    return found


def claim_date(cue: Token | None, content: tuple[int, int], result: ArticleResult) -> str | None:
    article_date = result.article.date
    if cue is None:
        return article_date
    toks = _date_tokens(cue, content)
    if not toks:
        return article_date
    start, end = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
    for mention in result.dates:
        if mention.value and mention.precision == "day" and mention.span.start < end and start < mention.span.end:
            return mention.value
    if article_date:
        try:
            parsed = dt.date.fromisoformat(article_date)
        except ValueError:
            return article_date
        return _fallback(" ".join(t.text for t in toks), parsed) or article_date
    return None
