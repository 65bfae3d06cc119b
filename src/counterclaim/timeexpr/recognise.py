"""Find every date/time expression in a parsed text and normalise it.

Candidates are spaCy's DATE/TIME entities plus our own patterns for what the
small English model misses or cuts short (weekdays it takes for names,
"during the night", "today", ISO dates). Each is normalised in its clause's
tense, after the preposition in front of it, and with the last date mentioned
before it as reference (for "a year earlier").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..nlp.cached import doc_text

from .calendar_math import PAST
from .normalise import clean, normalise
from .rules import is_year_earlier
from .tense import clause_tense
from .value import DateValue

ENTITY_LABELS = ("DATE", "TIME")
# The ingest header of plain-text articles ("date 2020-11-08 ...") is metadata, not narration.
HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)

_WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_NAMES = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
                r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Patterns are case-sensitive where a capital is what tells a name of a day or month from a word ("may").
PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_WEEKDAY_NAMES}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    re.compile(rf"\b{_MONTH_NAMES}\s+{_DAY}(?:,?\s+\d{{4}})?(?![\w-])"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_NAMES}(?:,?\s+\d{{4}})?(?![\w-])"),
    re.compile(r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Oo]vernight)\b(?:\s+(?:morning|afternoon|evening|night))?"),
    re.compile(r"\b(?:[Tt]his|[Ll]ast)\s+(?:morning|afternoon|evening|night)\b"),
    re.compile(r"(?<=[Dd]uring )the night\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b(?:[Nn]ow|[Cc]urrently|[Rr]ecently)\b"),
    re.compile(r"\b(?:[Hh]ours|[Mm]inutes|[Dd]ays|[Ww]eeks)\s+(?:later|earlier)\b"),
)
# Words after an entity that belong to it: NER stops at "two days" in "two days ago".
# ("after"/"before" are left out: "a day after the capture" is relative to an event we cannot date.)
_TRAILING = re.compile(r"\s+(?:ago|later|earlier|from now)\b")
_PREPOSITIONS = frozenset({"since", "during", "on", "in", "at", "by", "until", "till", "from", "after", "before",
                           "through", "throughout", "for", "as", "of", "over", "within"})


@dataclass(frozen=True)
class FoundDate:
    start: int  # character offsets into the text
    end: int
    text: str
    value: DateValue | None  # None when the expression could not be read at all
    origin: str  # "ner" or "rule"
    error: str | None = None  # set when normalising raised (a bug); the stage reports it


# NER often runs two expressions together: "the quarter ended Sept. 30", "today through Nov. 17".
_JOINERS = re.compile(r"\s+(?:ended|ending|that ended|which ended|through)\s+")


def _split(start: int, end: int, text: str) -> list[tuple[int, int]]:
    m = _JOINERS.search(text, start, end)
    if not m:
        return [(start, end)]
    return [(start, m.start()), (m.end(), end)]


# A clock time and the day it is on: "noon Thursday", "5 p.m. EST, Nov. 6".
_CLOCK_DAY = re.compile(rf"(?:\s+[ECMP][SD]T)?,?\s+(?:on\s+)?(?:{_WEEKDAY_NAMES}|{_MONTH_NAMES}\s+{_DAY})(?![\w-])")


def _extend(text: str, end: int, label: str = "DATE") -> int:
    m = _TRAILING.match(text, end) or (_CLOCK_DAY.match(text, end) if label == "TIME" else None)
    return m.end() if m else end


def _candidates(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    header = HEADER.match(text)
    floor = header.end() if header else 0
    spans: list[tuple[int, int, str]] = [(a, b, "ner") for e in doc.ents
                                         if e.label_ in ENTITY_LABELS and e.start_char >= floor
                                         for a, b in _split(e.start_char, _extend(text, e.end_char, e.label_), text)]
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if m.start() < floor:
                continue
            overlapping = [s for s in spans if s[0] < m.end() and m.start() < s[1]]
            if not overlapping:
                spans.append((m.start(), m.end(), "rule"))
            elif all(m.start() <= s[0] and s[1] <= m.end() for s in overlapping) and \
                    any((s[1] - s[0]) < (m.end() - m.start()) for s in overlapping):
                for s in overlapping:  # the pattern sees more of the expression than NER did
                    spans.remove(s)
                spans.append((m.start(), m.end(), "rule"))
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and span[0] < kept[-1][1]:  # overlaps the (longer) one before it
            continue
        kept.append(span)
    return kept


def _preposition(doc: Doc, start_char: int) -> str | None:
    span = doc.char_span(start_char, start_char, alignment_mode="expand")
    index = span.start if span is not None else None
    if index is None or index == 0:
        return None
    before = doc[index - 1]
    return before.lower_ if before.lower_ in _PREPOSITIONS else None


def find_dates(doc: Doc, anchor: date | None) -> list[FoundDate]:
    """Every date/time expression in ``doc``, in text order, normalised against ``anchor``."""
    found: list[FoundDate] = []
    reference: DateValue | None = None
    full_text = doc_text(doc)
    for start, end, origin in _candidates(doc, full_text):
        span = doc.char_span(start, end, alignment_mode="expand")
        tense = clause_tense(span) if span is not None else PAST
        text = full_text[start:end]
        try:
            value = normalise(text, anchor, tense=tense, prep=_preposition(doc, start), reference=reference)
        except Exception as exc:  # noqa: BLE001 - a rule bug must not lose the article's other dates
            found.append(FoundDate(start, end, text, None, origin, error=f"{type(exc).__name__}: {exc}"))
            continue
        if value is not None and value.value is not None and value.timex and value.timex[0].isdigit() \
                and value.timex_type in ("DATE", "TIME") and not is_year_earlier(clean(text)):
            reference = value
        found.append(FoundDate(start, end, text, value, origin))
    return found
