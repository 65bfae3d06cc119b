"""``normalise(expression, anchor, tense=...)``: one date/time expression to a ``DateValue``.

Our rules first (they know about tense, weeks, quarters, durations and vague
words), dateparser as a fallback for absolute dates in formats the rules do not
list. dateparser alone gets the relative cases wrong for news: "Sunday" in a
past-tense sentence written on a Sunday is that same day, not a week earlier,
and "since 1994" or "nearly six weeks" are not dates at all.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .calendar_math import FUTURE, PAST, PRESENT
from .lexicon import APPROXIMATORS, EDGE_MODIFIERS, MONTHS
from .rules import RULES, Context, plausible_year
from .value import DateValue

TENSES = (PAST, PRESENT, FUTURE)
# Prepositions that change the meaning ("since 1994" is a range) or that tell tense-free
# expressions apart ("during the night"); others are only stripped.
_PREPOSITIONS = ("since", "during", "on", "in", "at", "by", "until", "till", "from", "after", "before", "of",
                 "for", "through", "throughout", "as of", "starting", "beginning", "as early as", "as late as",
                 "earlier", "later", "ever since")
_PREP_RE = re.compile(r"^(?P<p>" + "|".join(sorted((re.escape(p) for p in _PREPOSITIONS), key=len, reverse=True))
                      + r")\s+(?=\S)")
_APPROX_RE = re.compile(r"^(?P<a>" + "|".join(sorted((re.escape(a) for a in APPROXIMATORS), key=len, reverse=True))
                        + r")\s+(?=\S)")
_EDGE_RE = re.compile(r"^(?P<e>the end of|the beginning of|the start of|the middle of|the close of|end of|"
                      r"beginning of|middle of|early|late|mid-(?!night)|mid\s+(?!afternoon))\s*(?=\S)")
_LATER_EARLIER = re.compile(r"^(?:earlier|later)\s+(?=(?:this|last|next|that|in)\b)")

_DETERMINER = re.compile(r"^(?:its|their|his|her|our|a|an)\s+(?=(?:\w+[- ])?(?:fiscal|quarter|first|second|third|fourth|"
                         r"year|month|week|\d))")
_ANY_DETERMINER = re.compile(r"^(?:its|their|his|her|our|a|an|the)\s+")
_THIS_UNIT = {"the day": "today", "the year": "this year", "the month": "this month", "the week": "this week", "year": "this year"}
_QUALIFIER = re.compile(r"^(?P<head>.+?)\s+(?:ended|ending|ends|that ended|of|in|through|to|until)\s+.+$")


def clean(expression: str) -> str:
    """Lower case, one space, plain quotes and hyphens, no trailing punctuation or possessive."""
    s = expression.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u2010", "-").replace("\u2011", "-").replace("\u2012", "-")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(?<=[a-z0-9])'s$", "", s)
    s = re.sub(r"'$", "", s)
    return s.strip(" ,;:!?\"()[]")


def normalise(
    expression: str,
    anchor: date | None,
    *,
    tense: str = PAST,
    prep: str | None = None,
    reference: DateValue | None = None,
) -> DateValue | None:
    """The value of ``expression`` read on the article date ``anchor``.

    ``tense`` is that of the clause the expression sits in ("past", "present",
    "future"); ``prep`` the preposition before it when it is not part of the
    expression; ``reference`` the last date the text mentioned (for "a year
    earlier"). Returns None when the text is not a date expression; a value
    whose ``value`` is None when it is one but cannot be placed (no anchor for
    a relative expression, or a vague "the day").
    """
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
    s = clean(expression)
    if not s or len(s) > 120:
        return None
    approximate, mod = False, None
    seen_preps: set[str] = set()
    for _ in range(3):  # "since early 1994", "for nearly six weeks"
        m = _PREP_RE.match(s)
        if m and not _is_reference(s):
            prep = m.group("p")
            seen_preps.add(prep)
            s = s[m.end():]
        m = _APPROX_RE.match(s)
        if m and not _is_reference(s):
            approximate, mod = True, APPROXIMATORS[m.group("a")]
            s = s[m.end():]
        m = _EDGE_RE.match(s) or _LATER_EARLIER.match(s)
        if m and s[m.end():]:
            edge = m.group(0).strip().rstrip("-").strip()
            mod = EDGE_MODIFIERS.get(edge, EDGE_MODIFIERS.get(edge + "-", mod))
            s = s[m.end():]
    s = _DETERMINER.sub("", s)
    if (mod or seen_preps & {"earlier", "later"}) and s in _THIS_UNIT:  # "the end of the year", "earlier in the year"
        s = _THIS_UNIT[s]
    context = Context(anchor=anchor, tense=tense, prep=prep, reference=reference)
    found = _apply_rules(s, context) or _dateparser_fallback(s, context)
    if found is None:
        head = _QUALIFIER.match(s)  # "the fourth quarter ended Aug. 26", "the first nine months of 1997"
        if head:
            found = _apply_rules(head.group("head"), context)
        elif _ANY_DETERMINER.match(s):  # "an Aug. 10, 1988 filing"
            found = _apply_rules(_ANY_DETERMINER.sub("", s), context)
    if found is None:
        return None
    if approximate:
        found = found.with_(approximate=True, mod=mod)
    elif mod:
        found = found.with_(mod=mod)
    if prep in ("since", "ever since", "as of", "starting", "beginning") and found.precision in ("day", "month", "year") \
            and found.value is not None and prep != "as of":
        found = found.with_(precision="range", end=None)  # "since 1994": open-ended
    return found


def _is_reference(s: str) -> bool:
    from .lexicon import REFERENCE_WORDS

    return s in REFERENCE_WORDS


def _apply_rules(s: str, context: Context) -> DateValue | None:
    for rule in RULES:
        found = rule(s, context)
        if found is not None:
            return found
    return None


_DATEPARSER_PERIODS = {"day": "day", "week": "day", "month": "month", "year": "year", "time": "time"}
# dateparser only sees text with a month name or a numeric date in it: on anything else
# ("the 2990s", "80486") it invents a date.
_WORDS_WITH_DATES = re.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}|\b(?:" + "|".join(MONTHS) + r")\b")


def _dateparser_fallback(s: str, context: Context) -> DateValue | None:
    """Absolute dates in formats the rules do not list; never for bare words (dateparser reads
    "the day" or "may" as dates)."""
    if context.anchor is None or not _WORDS_WITH_DATES.search(s) or re.fullmatch(r"[\d.,\s]+", s):
        return None
    parser = _parser(context.tense, context.anchor)
    try:
        data = parser.get_date_data(s, date_formats=None)
    except Exception:  # noqa: BLE001 - dateparser raises on odd inputs (overflows); treat as "not a date"
        return None
    if data.date_obj is None:
        return None
    found = data.date_obj
    if not plausible_year(found.year, context.anchor):
        return None
    period = _DATEPARSER_PERIODS.get(data.period or "day", "day")
    if period == "year":
        iso = f"{found.year:04d}"
    elif period == "month":
        iso = f"{found.year:04d}-{found.month:02d}"
    else:
        iso = found.date().isoformat()
    return DateValue(iso, "day" if period == "time" else period, timex=iso)


@lru_cache(maxsize=64)
def _parser(tense: str, anchor: date):  # type: ignore[no-untyped-def]
    """dateparser parsers are costly to build: one per (tense, article date), kept for reuse."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future" if tense == FUTURE else "past",
            "RETURN_TIME_AS_PERIOD": True,
            "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        },
    )
