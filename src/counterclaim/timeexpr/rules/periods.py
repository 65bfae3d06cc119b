"""Months, years, decades, centuries, quarters, seasons, "last week", "a year earlier"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..calendar_math import (
    FUTURE,
    PAST,
    infer_year,
    iso_week,
    quarter_bounds,
    quarter_of,
    shift_months,
)
from ..lexicon import ORDINALS, SEASONS
from ..numbers import VAGUE, parse_quantity
from ..value import DateValue
from .base import (
    MONTH_RE,
    YEAR_RE,
    Context,
    day_value,
    month_number,
    month_value,
    plausible_year,
    quarter_value,
    unresolved,
    week_value,
    year_value,
)

_MONTH = re.compile(rf"^(?:(?P<rel>last|next|this|this past|this coming|past|coming)\s+)?(?P<m>{MONTH_RE})"
                    rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR_RE}|this year|last year|next year))?$")


def month(s: str, ctx: Context) -> DateValue | None:
    """"October", "in October", "last June", "October 1997", "March of next year"."""
    m = _MONTH.match(s)
    if not m:
        return None
    number = month_number(m.group("m"))
    if number is None:
        return None
    year_words, rel = m.group("y"), m.group("rel")
    if year_words and year_words[0].isdigit():
        year = int(year_words)
        if not plausible_year(year, ctx.anchor):
            return None
        return month_value(year, number)
    if ctx.anchor is None:
        return DateValue(None, "month", timex=f"XXXX-{number:02d}")
    if year_words:
        year = ctx.anchor.year + {"this year": 0, "last year": -1, "next year": 1}[year_words]
    elif rel in ("last", "past", "this past"):
        year = ctx.anchor.year if number < ctx.anchor.month else ctx.anchor.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = ctx.anchor.year if number > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == "this":
        year = ctx.anchor.year
    else:
        year = infer_year(ctx.anchor, number, None, ctx.tense)
    return month_value(year, number)


# --- years, decades, quarters, seasons -------------------------------------------------------

_YEAR = re.compile(rf"^(?:the\s+)?(?:(?:fiscal|calendar|financial|year|the year|fiscal year|model year)\s+)?"
                   rf"(?P<y>{YEAR_RE}|'\d\d)(?:\s+(?:fiscal year|financial year|season))?$")


def year(s: str, ctx: Context) -> DateValue | None:
    m = _YEAR.match(s)
    if not m:
        return None
    text = m.group("y")
    if text.startswith("'"):
        if ctx.anchor is None:
            return None
        two = int(text[1:])
        century = ctx.anchor.year // 100 * 100
        value = century + two if century + two <= ctx.anchor.year + 10 else century - 100 + two
    else:
        value = int(text)
    if not plausible_year(value, ctx.anchor):
        return None
    return year_value(value)


_WORD_YEAR = re.compile(r"^(?:the\s+year\s+)?(?P<century>nineteen|eighteen|two thousand(?: and)?)(?:[\s-]+(?P<rest>[a-z -]+))?$")


def word_year(s: str, ctx: Context) -> DateValue | None:
    """"nineteen ninety-six", "the year two thousand", "two thousand and eight" (broadcast transcripts)."""
    m = _WORD_YEAR.match(s)
    if not m:
        return None
    base = {"nineteen": 1900, "eighteen": 1800}.get(m.group("century"), 2000)
    rest = m.group("rest")
    if rest:
        amount = parse_quantity(rest)
        if amount is None or amount == VAGUE or not float(amount).is_integer() or not 0 < amount < 100:
            return None
        value = base + int(amount)
    elif base == 2000:
        value = 2000
    else:
        return None
    return year_value(value) if plausible_year(value, ctx.anchor) else None


_CENTURY = re.compile(r"^(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century$")


def century(s: str, ctx: Context) -> DateValue | None:
    m = _CENTURY.match(s)
    if not m or not 1 <= int(m.group("n")) <= 21:
        return None
    first = (int(m.group("n")) - 1) * 100
    return DateValue(f"{first:04d}", "range", end=f"{first + 99:04d}", timex=f"{first // 100:02d}")


_DECADE = re.compile(r"^(?:the\s+)?(?:(?P<edge>early|mid|late)[- ]?)?(?P<d>\d{3})0'?s$")


def decade(s: str, ctx: Context) -> DateValue | None:
    m = _DECADE.match(s)
    if not m:
        return None
    start = int(m.group("d") + "0")
    if not plausible_year(start, ctx.anchor):
        return None
    return DateValue(str(start), "range", end=str(start + 9), timex=m.group("d"))


_QUARTER_WORDS = "first|second|third|fourth|1st|2nd|3rd|4th|final|last"
_QUARTER = re.compile(
    rf"^(?:the\s+)?(?:(?P<yr>this|last|next)\s+year'?s\s+|(?P<ago>year-ago|year-earlier|comparable year-ago)\s+|"
    rf"(?P<y1>{YEAR_RE})\s+)?(?:fiscal\s+|calendar\s+)?"
    rf"(?P<q>{_QUARTER_WORDS})[\s-]+(?:fiscal\s+|calendar\s+)?quarter"
    rf"(?:\s+of\s+(?:fiscal\s+|the\s+)?(?P<y2>{YEAR_RE}|this year|last year|next year))?$"
)
_YEAR_QUARTER = re.compile(rf"^(?:the\s+)?(?P<y>{YEAR_RE})\s+(?:fiscal\s+)?(?:quarter|period)$")
_Q_SHORT = re.compile(rf"^q(?P<q>[1-4])(?:\s+(?P<y>{YEAR_RE}))?$")
_RELATIVE_QUARTER = re.compile(r"^(?:the\s+)?(?P<rel>latest|most recent|recent|past|previous|prior|last|current|"
                               r"this|next|coming|same|just-ended|just ended|year-earlier|year-ago|)\s*quarter$")


def quarter(s: str, ctx: Context) -> DateValue | None:
    """"the third quarter", "third-quarter", "Q3 2020", "the latest quarter", "the year-ago quarter"."""
    m = _QUARTER.match(s)
    if m:
        number = ORDINALS[m.group("q")]
        year_words = m.group("y1") or m.group("y2")
        if year_words and year_words[0].isdigit():
            return quarter_value(int(year_words), number)
        if ctx.anchor is None:
            return DateValue(None, "range", timex=f"XXXX-Q{number}")
        if m.group("ago"):
            year_words = "last"
        if year_words or m.group("yr"):
            offset = {"this": 0, "last": -1, "next": 1}[(year_words or m.group("yr")).split()[0]]
            return quarter_value(ctx.anchor.year + offset, number)
        start, _ = quarter_bounds(ctx.anchor.year, number)
        this_year = start <= ctx.anchor or ctx.tense != PAST
        return quarter_value(ctx.anchor.year if this_year else ctx.anchor.year - 1, number)
    m = _YEAR_QUARTER.match(s)
    if m and ctx.anchor is not None:  # "the 1988 quarter": the quarter being reported, in that year
        year_, q = quarter_of(ctx.anchor)
        index = year_ * 4 + q - 2
        return quarter_value(int(m.group("y")), index % 4 + 1)
    m = _Q_SHORT.match(s)
    if m:
        if m.group("y"):
            return quarter_value(int(m.group("y")), int(m.group("q")))
        if ctx.anchor is None:
            return DateValue(None, "range", timex=f"XXXX-Q{m.group('q')}")
        return quarter_value(ctx.anchor.year, int(m.group("q")))
    m = _RELATIVE_QUARTER.match(s)
    if not m:
        return None
    if ctx.anchor is None:
        return DateValue(None, "range", timex="XXXX-QX")
    year_, q = quarter_of(ctx.anchor)
    rel = m.group("rel")
    if rel in ("current", "this") or (rel in ("", "same") and ctx.tense == FUTURE):
        step = 0
    elif rel in ("next", "coming"):
        step = 1
    else:  # a quarter talked about in the past is the last one completed
        step = -1
    if rel in ("year-earlier", "year-ago"):
        step = -5
    index = year_ * 4 + (q - 1) + step
    return quarter_value(index // 4, index % 4 + 1)


_SEASON = re.compile(r"^(?:(?P<rel>this|last|next|this past|this coming|the)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
                     rf"(?:\s+(?:of\s+)?(?P<y>{YEAR_RE}))?$")


def season(s: str, ctx: Context) -> DateValue | None:
    m = _SEASON.match(s)
    if not m:
        return None
    code = SEASONS[m.group("s")]
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    rel = m.group("rel")
    if m.group("y"):
        year_ = int(m.group("y"))
    elif ctx.anchor is None:
        return DateValue(None, "range", timex=f"XXXX-{code}")
    elif rel in ("last", "next"):
        year_ = ctx.anchor.year + (1 if rel == "next" else -1)
    elif rel == "this past" or (rel in (None, "the") and ctx.tense == PAST):
        year_ = ctx.anchor.year if start_month <= ctx.anchor.month else ctx.anchor.year - 1
    elif rel == "this coming" or (rel in (None, "the") and ctx.tense == FUTURE):
        year_ = ctx.anchor.year if start_month > ctx.anchor.month else ctx.anchor.year + 1
    else:
        year_ = ctx.anchor.year
    return DateValue(str(year_), "range", end=str(year_), approximate=True, timex=f"{year_}-{code}")


# --- "last week", "this year", "next month" ------------------------------------------------------

_RELATIVE_UNIT = re.compile(
    r"^(?P<rel>last|this|next|the current|current|the coming|coming|the following|the previous|previous|"
    r"the prior|prior|the same|this past|the latest|latest|the present|the past|the last)\s+"
    r"(?P<unit>week|weekend|month|year|decade|century|fiscal year|calendar year)$"
)

_THE_WEEKEND = re.compile(r"^(?P<rel>the|that)\s+(?P<unit>weekend)$")


def relative_unit(s: str, ctx: Context) -> DateValue | None:
    m = _RELATIVE_UNIT.match(s) or _THE_WEEKEND.match(s)
    if not m:
        return None
    rel = m.group("rel").removeprefix("the ")
    if m.group("rel") in ("the past", "the last") and m.group("unit") in ("week", "month"):
        return None  # "the past week" is a stretch of time (P1W), left to ``duration``
    if rel == "that" or (rel == "the" and ctx.anchor is None):
        return unresolved("range")
    unit = m.group("unit").split()[-1]
    if ctx.anchor is None:
        return unresolved("range" if unit in ("week", "weekend", "decade", "century") else unit)
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "this past": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    a = ctx.anchor
    if unit == "week":
        return week_value(a + timedelta(weeks=step))
    if unit == "weekend":
        saturday = a - timedelta(days=(a.weekday() - 5) % 7)  # the Saturday on or before
        if step == 1 or (step == 0 and ctx.tense == FUTURE and saturday < a - timedelta(days=1)):
            saturday += timedelta(weeks=1)
        elif step == -1 and a.weekday() >= 5:
            saturday -= timedelta(weeks=1)
        return DateValue(saturday.isoformat(), "range", end=(saturday + timedelta(days=1)).isoformat(),
                         timex=f"{iso_week(saturday)}-WE")
    if unit == "month":
        d = shift_months(a.replace(day=1), step)
        return month_value(d.year, d.month)
    if unit == "year":
        return year_value(a.year + step)
    if unit == "decade":
        start = (a.year // 10 + step) * 10
        return DateValue(str(start), "range", end=str(start + 9), timex=str(start // 10))
    start = (a.year // 100 + step) * 100
    return DateValue(str(start), "range", end=str(start + 99), timex=str(start // 100))


_YEAR_END = re.compile(r"^(?:the\s+)?(?P<which>this|last|next)?\s*(?:year[- ]end|year's end|end of the year)$")


def year_end(s: str, ctx: Context) -> DateValue | None:
    m = _YEAR_END.match(s)
    if not m:
        return None
    if ctx.anchor is None:
        return unresolved("year")
    found = year_value(ctx.anchor.year + {"last": -1, "next": 1}.get(m.group("which") or "", 0))
    return found.with_(mod="END")



# --- "a year earlier", "year-ago" ------------------------------------------------------------------

_YEAR_EARLIER = re.compile(r"^(?:the\s+)?(?:a|one)?\s*year[\s-]+(?:earlier|ago|before|previous|prior)"
                           r"(?:\s+(?P<what>quarter|period|level|months|month))?$|^(?:the\s+)?same\s+(?:period|quarter)\s+(?:a|last)\s+year(?:\s+(?:earlier|ago))?$")


def is_year_earlier(s: str) -> bool:
    return _YEAR_EARLIER.match(s) is not None


def year_earlier(s: str, ctx: Context) -> DateValue | None:
    """Comparisons with a year before the period being talked about (TimeML: shift the reference)."""
    m = _YEAR_EARLIER.match(s)
    if not m:
        return None
    ref = ctx.reference
    if ref is not None and ref.timex and re.fullmatch(r"\d{4}-Q[1-4]", ref.timex):
        return _shift_timex_year(ref.timex, -1)  # comparisons with the quarter being reported
    if ctx.anchor is None:
        return unresolved("year")
    if m.group("what") in ("quarter",):
        year_, q = quarter_of(ctx.anchor)
        index = year_ * 4 + (q - 1) - 5
        return quarter_value(index // 4, index % 4 + 1)
    return year_value(ctx.anchor.year - 1)


def _shift_timex_year(timex: str, years: int) -> DateValue:
    year_ = int(timex[:4]) + years
    rest = timex[4:]
    if rest.startswith("-Q"):
        return quarter_value(year_, int(rest[2]))
    if rest.startswith("-W"):
        return DateValue(None, "range", timex=f"{year_}{rest}")
    if len(rest) == 3:
        return month_value(year_, int(rest[1:]))
    if len(rest) == 6:
        try:
            return day_value(date(year_, int(rest[1:3]), int(rest[4:6])))
        except ValueError:
            return month_value(year_, int(rest[1:3]))
    return year_value(year_)
