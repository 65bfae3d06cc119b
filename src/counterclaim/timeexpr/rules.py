"""The normalisation rules, one function per kind of expression.

Each rule takes the cleaned, lower-cased core of an expression (prepositions,
approximators and edge modifiers already stripped by ``normalise``) and a
``Context``; it returns a ``DateValue`` or None when it does not apply. A rule
that recognises its expression but cannot place it (no article date, a vague
"the day") returns a ``DateValue`` whose ``value`` is None rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar_math import (
    FUTURE,
    PAST,
    infer_year,
    iso_week,
    month_end,
    quarter_bounds,
    quarter_of,
    shift_months,
    week_bounds,
    weekday_near,
)
from .lexicon import ISO_EXPANSION, MONTHS, ORDINALS, PARTS_OF_DAY, REFERENCE_WORDS, SEASONS, UNITS, WEEKDAYS
from .numbers import VAGUE, parse_quantity
from .value import DateValue

MIN_YEAR = 1000
MAX_YEARS_AHEAD = 100  # a year further than this past the article date is a number, not a date


@dataclass(frozen=True)
class Context:
    anchor: date | None
    tense: str = PAST
    prep: str | None = None  # the preposition before the expression ("on", "during", "since")
    reference: DateValue | None = None  # the last date mentioned before, for "a year earlier"


# --- small builders -----------------------------------------------------------


def day_value(d: date, **kw: object) -> DateValue:
    iso = d.isoformat()
    return DateValue(iso, "day", timex=iso, **kw)  # type: ignore[arg-type]


def month_value(year: int, month: int) -> DateValue:
    return DateValue(f"{year:04d}-{month:02d}", "month", timex=f"{year:04d}-{month:02d}")


def year_value(year: int) -> DateValue:
    return DateValue(f"{year:04d}", "year", timex=f"{year:04d}")


def week_value(d: date) -> DateValue:
    start, end = week_bounds(d)
    return DateValue(start.isoformat(), "range", end=end.isoformat(), timex=iso_week(d))


def quarter_value(year: int, quarter: int) -> DateValue:
    start, end = quarter_bounds(year, quarter)
    return DateValue(start.isoformat(), "range", end=end.isoformat(), timex=f"{year}-Q{quarter}")


def unresolved(precision: str, timex_type: str = "DATE") -> DateValue:
    return DateValue(None, precision, timex_type=timex_type)


def plausible_year(year: int, anchor: date | None) -> bool:
    ceiling = (anchor.year if anchor else date.today().year) + MAX_YEARS_AHEAD
    return MIN_YEAR <= year <= ceiling


def month_number(word: str) -> int | None:
    return MONTHS.get(word.rstrip(".").lower())


MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
            r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun)\.?"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1\d{3}|2\d{3})"


# --- references and relative days -----------------------------------------------


def reference_word(s: str, ctx: Context) -> DateValue | None:
    ref = REFERENCE_WORDS.get(s)
    if ref is None:
        return None
    anchor = ctx.anchor.isoformat() if ctx.anchor else None
    if ref == "PRESENT_REF":
        return DateValue(anchor, "day", approximate=True, timex=ref)
    if ref == "PAST_REF":  # an open range that ends at the article date
        return DateValue(None, "range", end=anchor, timex=ref)
    return DateValue(anchor, "range", timex=ref)


_DAY_WORDS = {"today": 0, "this day": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def relative_day(s: str, ctx: Context) -> DateValue | None:
    if s not in _DAY_WORDS:
        return None
    if ctx.anchor is None:
        return unresolved("day")
    d = ctx.anchor + timedelta(days=_DAY_WORDS[s])
    if s == "tonight":
        return DateValue(d.isoformat(), "range", end=(d + timedelta(days=1)).isoformat(),
                         timex=f"{d.isoformat()}TNI", timex_type="TIME")
    return day_value(d)


_PART_OF_DAY = re.compile(r"^(?P<day>.*?)\s*\b(?P<part>mid[- ]?afternoon|morning|afternoon|evening|night|overnight|tonight)$")
_PART_FIRST = re.compile(r"^(?:the\s+)?(?P<part>morning|afternoon|evening|night)\s+of\s+(?P<day>.+)$")


def part_of_day(s: str, ctx: Context) -> DateValue | None:
    """"this morning", "Sunday night", "last night", "during the night", "overnight"."""
    m = _PART_FIRST.match(s) or _PART_OF_DAY.match(s)
    if not m:
        return None
    part, day_words = m.group("part").replace(" ", "-"), m.group("day").strip()
    code = PARTS_OF_DAY.get(part) or PARTS_OF_DAY.get(part.replace("-", " ")) or "NI"
    if part in ("overnight", "tonight") and not day_words:
        day_words = "last" if part == "overnight" else "this"
    if day_words in ("", "the", "that", "this", "last", "the previous", "the same"):
        if ctx.anchor is None:
            return unresolved("time", "TIME")
        if day_words == "last" or (code == "NI" and day_words in ("the", "") and ctx.prep in ("during", "overnight")
                                   and ctx.tense == PAST):
            day = ctx.anchor - timedelta(days=1)  # "last night", "during the night": the night before the article date
        elif day_words == "this" or (day_words in ("the", "") and ctx.prep in ("in", "during")):
            day = ctx.anchor
        else:  # "that night", "the same morning": refers to some other day in the story
            return unresolved("time", "TIME")
    else:
        base = day_of(day_words, ctx)
        if base is None:
            return None
        if base.precision != "day" or base.value is None:
            return unresolved("time", "TIME") if base.value is None else None
        day = date.fromisoformat(base.value)
    iso = day.isoformat()
    if code == "NI":  # a night runs into the next day: "during the night" of 7-8 November
        return DateValue(iso, "range", end=(day + timedelta(days=1)).isoformat(), timex=f"{iso}TNI", timex_type="TIME")
    return DateValue(iso, "time", timex=f"{iso}T{code}", timex_type="TIME")


def day_of(words: str, ctx: Context) -> DateValue | None:
    """A day-level reading of ``words`` ("yesterday", "Thursday", "Nov. 9") for times and parts of day."""
    for rule in (relative_day, weekday, month_day):
        found = rule(words, ctx)
        if found is not None:
            return found
    return None


# --- clock times ---------------------------------------------------------------------

_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)"
    r"|(?<!\d)(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d)"
    r"|(?P<word>noon|midnight|midday)"
)
_ZONE = re.compile(r"\b(?:[ecmp][sd]t|gmt|utc|local time|msk|cet|cest)\b")


def clock_time(s: str, ctx: Context) -> DateValue | None:
    """"10 a.m.", "7:15 p.m. EST", "noon Thursday", "10 p.m. Wednesday", "5 p.m. EST, Nov. 6"."""
    m = _CLOCK.search(s)
    if not m:
        return None
    rest = (s[: m.start()] + " " + s[m.end():])
    rest = _ZONE.sub(" ", rest)
    rest = re.sub(r"^[\s,]*(?:on|at|of)?\s*|[\s,]+$", "", re.sub(r"\s+", " ", rest)).strip(" ,")
    rest = re.sub(r"^(?:on|at)\s+", "", rest)
    if m.group("word"):
        hour, minute = (0, 0) if m.group("word") == "midnight" else (12, 0)
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("m24"))
    else:
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if hour > 12 or minute > 59:
            return None
        pm = m.group("ampm").startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    if rest:
        base = day_of(rest, ctx)
        if base is None or base.value is None or base.precision != "day":
            return None if base is None else unresolved("time", "TIME")
        day = base.value
    elif ctx.anchor is not None:
        day = ctx.anchor.isoformat()
    else:
        return unresolved("time", "TIME")
    clock = f"{hour:02d}:{minute:02d}"
    # ``value`` stays a date (what dates claims and events); the clock is kept in the TimeML value.
    return DateValue(day, "time", timex=f"{day}T{clock}", timex_type="TIME")


# --- weekdays, month days, months --------------------------------------------------------

_WEEKDAY = re.compile(rf"^(?:(?P<rel>last|next|this|coming|past|previous|this coming|the previous|the following)\s+)?(?P<wd>{WEEKDAY_RE})"
                      rf"(?:,?\s+(?P<rest>{MONTH_RE}\s+{DAY_RE}(?:,?\s+{YEAR_RE})?|{DAY_RE}\s+{MONTH_RE}(?:,?\s+{YEAR_RE})?))?$")


def weekday(s: str, ctx: Context) -> DateValue | None:
    """"Sunday", "on Monday", "last Friday", "next Tuesday", "Sunday, Nov. 8"."""
    m = _WEEKDAY.match(s)
    if not m:
        return None
    if m.group("rest"):  # "Sunday, November 8": the explicit date wins; the weekday picks its year
        found = month_day(m.group("rest"), ctx)
        if found is None or found.value is None or ctx.anchor is None or re.search(YEAR_RE, m.group("rest")):
            return found
        wd = WEEKDAYS[m.group("wd").rstrip(".")]
        day = date.fromisoformat(found.value)
        fits = []
        for offset in (-1, 0, 1):
            try:
                candidate = day.replace(year=day.year + offset)
            except ValueError:
                continue
            if candidate.weekday() == wd:
                fits.append(candidate)
        if fits:
            return day_value(min(fits, key=lambda c: abs((c - ctx.anchor).days)))
        return found
    wd = WEEKDAYS[m.group("wd").rstrip(".")]
    if ctx.anchor is None:
        return DateValue(None, "day", timex=f"XXXX-WXX-{wd + 1}")
    rel = m.group("rel")
    if rel in ("the previous", "the following"):  # relative to a day in the story, not to the article date
        return DateValue(None, "day", timex=f"XXXX-WXX-{wd + 1}")
    relation = {"last": "last", "past": "last", "previous": "last", "next": "next",
                "coming": "next", "this coming": "next"}.get(rel or "")
    return day_value(weekday_near(ctx.anchor, wd, ctx.tense, relation))


_MONTH_DAY = [
    re.compile(rf"^(?P<m>{MONTH_RE})\s+(?P<d>{DAY_RE})(?:,?\s+(?P<y>{YEAR_RE}))?$"),
    re.compile(rf"^(?:the\s+)?(?P<d>{DAY_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE}),?(?:\s+(?P<y>{YEAR_RE}))?$"),
]


def month_day(s: str, ctx: Context) -> DateValue | None:
    """"November 8", "8 November 2020", "Sept. 30", "the 27th of September"."""
    for pattern in _MONTH_DAY:
        m = pattern.match(s)
        if m:
            break
    else:
        return None
    month = month_number(m.group("m"))
    day = int(re.sub(r"\D", "", m.group("d")))
    if month is None:
        return None
    if m.group("y"):
        year = int(m.group("y"))
        if not plausible_year(year, ctx.anchor):
            return None
    elif ctx.anchor is None:
        return DateValue(None, "day", timex=f"XXXX-{month:02d}-{day:02d}")
    else:
        year = infer_year(ctx.anchor, month, day, ctx.tense)
    try:
        return day_value(date(year, month, day))
    except ValueError:  # "February 30"
        return None


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


# --- durations and "N units ago" -------------------------------------------------------------------

_UNIT_WORDS = "second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|centuries|millennium|millennia"
_DURATION = re.compile(
    rf"^(?P<pre>.*?)[\s-]*\b(?P<unit>{_UNIT_WORDS})(?P<plural>s)?"
    r"(?P<post>(?:[\s-]+(?:old|long|or so|ahead|more|earlier|later|ago|before|after|from now|period|term|running|"
    r"in a row|straight|since|to come|or more))*)$"
)
_DURATION_LEAD = re.compile(r"^(?:the|a period of|each of the|all|for)\s+|^(?:(?:past|last|next|first|coming|previous|following|"
                            r"latest|final|remaining|additional|further|other|initial|preceding|ensuing|subsequent)\s+)+")


def _iso_duration(amount: float, letter: str, is_time: bool) -> tuple[str, str] | None:
    """(TimeML value, ISO 8601 duration) for ``amount`` units; halves move to the smaller unit."""
    if letter in ISO_EXPANSION:
        factor, iso_letter = ISO_EXPANSION[letter]
        timex = f"P{_fmt(amount)}{letter}" if float(amount).is_integer() else None
        amount, letter = amount * factor, iso_letter
    else:
        timex = None
    if not float(amount).is_integer():  # "2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S
        whole = int(amount)
        if is_time:
            smaller = {"H": (60, "M"), "M": (60, "S")}.get(letter)
            if smaller is None:
                return None
            rest = round((amount - whole) * smaller[0])
            iso = f"PT{f'{whole}{letter}' if whole else ''}{rest}{smaller[1]}"
        elif letter == "D":
            rest = round((amount - whole) * 24)
            iso = f"P{f'{whole}D' if whole else ''}T{rest}H"
        else:
            smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D")}.get(letter)
            if smaller is None:
                return None
            rest = round((amount - whole) * smaller[0])
            iso = f"P{f'{whole}{letter}' if whole else ''}{rest}{smaller[1]}"
        return timex or iso, iso
    iso = f"PT{_fmt(amount)}{letter}" if is_time else f"P{_fmt(amount)}{letter}"
    return timex or iso, iso


def _fmt(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else str(amount)


def duration(s: str, ctx: Context) -> DateValue | None:
    """"six weeks", "nearly six weeks" (approximator stripped earlier), "two-year", "24 hours",
    "several years", "the past three months", "two days ago", "three years from now"."""
    half = re.match(rf"^(?P<q>\w+)\s+(?P<u>{_UNIT_WORDS})s?\s+and a half$", s)
    if half:  # "a minute and a half" -> "a and a half minutes"
        s = f"{half.group('q')} and a half {half.group('u')}s"
    m = _DURATION.match(s)
    if not m:
        return None
    unit = m.group("unit")
    unit = {"centuries": "century", "millennia": "millennium"}.get(unit, unit)
    plural = bool(m.group("plural")) or m.group("unit") in ("centuries", "millennia")
    post = m.group("post").strip(" -")
    pre = m.group("pre").strip(" -")
    had_the = pre.startswith("the ") or pre == "the"
    before_lead = pre
    pre = _DURATION_LEAD.sub("", pre + " ").strip()
    pre = _DURATION_LEAD.sub("", pre + " ").strip()
    has_lead = bool(re.sub(r"^the\b", "", before_lead).strip()) and not pre  # "the past week"
    letter, is_time = UNITS[unit]
    if letter == "WE":
        return None
    if re.fullmatch(r"\d{4}", pre):  # "the 1988 quarter" is a date, not 1988 quarters
        return None
    if unit == "year" and "old" in post:  # ages are not time expressions
        return None
    if pre:
        amount = parse_quantity(pre)
        if amount is None:
            return None
    elif plural:
        amount = VAGUE
    elif had_the and not post and not has_lead:
        return vague(s, ctx) or unresolved("duration")  # "the day": vague, don't guess
    else:
        amount = 1.0
    if "ago" in post or "from now" in post:
        return _shifted(amount, unit, -1 if "ago" in post else 1, ctx)
    if amount == VAGUE:
        prefix = "PT" if is_time else "P"
        return DateValue(None, "duration", timex=f"{prefix}X{letter}", timex_type="DURATION", approximate=True)
    if letter in ("Q", "E") and float(amount).is_integer() and amount > 1:  # TimeML: "three quarters" = P9M
        amount, letter = amount * (3 if letter == "Q" else 10), ("M" if letter == "Q" else "Y")
    values = _iso_duration(float(amount), letter, is_time)
    if values is None:
        return None
    timex, iso = values
    return DateValue(None, "duration", duration=iso, timex=timex, timex_type="DURATION")


def _shifted(amount: float | str, unit: str, sign: int, ctx: Context) -> DateValue:
    """"two days ago" -> a date; the result's precision follows the unit."""
    if ctx.anchor is None or amount == VAGUE or not float(amount).is_integer():
        return DateValue(None, "range", end=ctx.anchor.isoformat() if ctx.anchor and sign < 0 else None,
                         timex="PAST_REF" if sign < 0 else "FUTURE_REF")
    n = int(amount) * sign
    a = ctx.anchor
    if unit in ("day", "night"):
        return day_value(a + timedelta(days=n))
    if unit == "week":
        return week_value(a + timedelta(weeks=n))
    if unit == "month":
        d = shift_months(a, n)
        return month_value(d.year, d.month)
    if unit == "quarter":
        d = shift_months(a, 3 * n)
        return quarter_value(*quarter_of(d))
    if unit in ("year", "decade", "century"):
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        return year_value(a.year + years)
    if ctx.anchor is not None and unit in ("hour", "minute", "second"):
        return day_value(a)
    return unresolved("day")


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


# --- "four days later", "the next day": relative to the day the story is at -----------------------

_STORY_SHIFT = re.compile(rf"^(?:(?P<q>[\w ]+?)\s+)?(?P<unit>day|week|hour|minute)s?\s+(?P<dir>later|earlier|afterwards|before|after)$")
_NEXT_DAY = {"the next day": 1, "the following day": 1, "the day after": 1, "the next morning": 1,
             "the previous day": -1, "the day before": -1, "the night before": -1}


def story_shift(s: str, ctx: Context) -> DateValue | None:
    """A shift from the last date the text mentioned (the story's "now"), not from the article date."""
    if s in _NEXT_DAY:
        step, unit = _NEXT_DAY[s], "day"
    else:
        m = _STORY_SHIFT.match(s)
        if not m:
            return None
        amount = parse_quantity(m.group("q")) if m.group("q") else VAGUE
        if amount is None:
            return None
        unit = m.group("unit")
        sign = 1 if m.group("dir") in ("later", "afterwards", "after") else -1
        if unit in ("hour", "minute"):
            step = 0  # hours later is still (about) the same day
        elif amount == VAGUE or not float(amount).is_integer():
            return unresolved("day")
        else:
            step = sign * int(amount) * (7 if unit == "week" else 1)
    base = _reference_day(ctx)
    if base is None:
        return unresolved("day")
    day = base + timedelta(days=step)
    return day_value(day, approximate=unit in ("hour", "minute")) if unit not in ("hour", "minute") else \
        DateValue(day.isoformat(), "time", approximate=True, timex=day.isoformat(), timex_type="TIME")


def _reference_day(ctx: Context) -> date | None:
    ref = ctx.reference
    if ref is not None and ref.value and ref.precision in ("day", "time") and len(ref.value) >= 10:
        return date.fromisoformat(ref.value[:10])
    return ctx.anchor


# --- ranges ------------------------------------------------------------------------------------

_DAY_RANGE = [
    re.compile(rf"^(?:between\s+|from\s+)?(?P<d1>{DAY_RE})\s*(?:-|–|to|and|until|through|till)\s*(?P<d2>{DAY_RE})\s+"
               rf"(?:of\s+)?(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?$"),
    re.compile(rf"^(?:between\s+|from\s+)?(?P<m>{MONTH_RE})\s+(?P<d1>{DAY_RE})\s*(?:-|–|to|and|until|through|till)\s*"
               rf"(?P<d2>{DAY_RE})(?:,?\s+(?P<y>{YEAR_RE}))?$"),
]
_RANGE_SPLIT = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|till|through)\s+(?P<b>.+)$"
                          r"|^(?P<a2>.+?)\s*(?:\s-\s|–|—|\s+to\s+|\s+through\s+|\s+until\s+)\s*(?P<b2>.+)$"
                          rf"|^(?P<a3>{YEAR_RE})-(?P<b3>{YEAR_RE}|\d\d)$")


def date_range(s: str, ctx: Context) -> DateValue | None:
    """"between 1 and 3 March", "March 1-3", "2014-2020", "from May to July 2019"."""
    for pattern in _DAY_RANGE:
        m = pattern.match(s)
        if m:
            end = month_day(f"{m.group('d2')} {m.group('m')}" + (f" {m.group('y')}" if m.group("y") else ""), ctx)
            if end is None or end.value is None:
                return end and DateValue(None, "range")
            end_day = date.fromisoformat(end.value)
            first = int(re.sub(r"\D", "", m.group("d1")))
            try:
                start_day = end_day.replace(day=first)
            except ValueError:
                return None
            if start_day > end_day:
                return None
            return DateValue(start_day.isoformat(), "range", end=end_day.isoformat(), timex=start_day.isoformat())
    m = _RANGE_SPLIT.match(s)
    if not m:
        return None
    a = m.group("a") or m.group("a2") or m.group("a3")
    b = m.group("b") or m.group("b2") or m.group("b3")
    if m.group("a3") and len(b) == 2:  # "2014-20"
        b = a[:2] + b
    if m.group("a2") and re.fullmatch(r"[a-z]+", a) and month_number(a) and re.search(YEAR_RE, b):
        a = f"{a} {re.search(YEAR_RE, b).group(0)}"  # "May to July 2019": the year applies to both ends
    first, last = _simple(a, ctx), _simple(b, ctx)
    if first is None or last is None or first.precision == "duration" or last.precision == "duration":
        return None
    if first.value is None or last.value is None:
        return DateValue(None, "range")
    if last.value < first.value:
        return None
    end = last.end if last.precision == "range" and last.end else last.value
    return DateValue(first.value, "range", end=end, timex=first.timex)


def _simple(s: str, ctx: Context) -> DateValue | None:
    for rule in (month_day, month, year, weekday, relative_day):
        found = rule(s.strip(), ctx)
        if found is not None:
            return found
    return None


# --- sets ---------------------------------------------------------------------------------------

# Adverbs only: "quarterly results", "annual report" are not time expressions.
_SET_ADVERBS = {"hourly": "PT1H", "nightly": "P1D"}
_SET = re.compile(rf"^(?:every|each|per|a)\s+(?:(?P<n>\w+)\s+)?(?P<unit>{_UNIT_WORDS})s?$")


def recurring(s: str, ctx: Context) -> DateValue | None:
    if s in _SET_ADVERBS:
        return DateValue(None, "duration", duration=_SET_ADVERBS[s], timex=_SET_ADVERBS[s], timex_type="SET")
    m = _SET.match(s)
    if not m:
        return None
    amount = parse_quantity(m.group("n")) if m.group("n") else 1.0
    unit = {"centuries": "century", "millennia": "millennium"}.get(m.group("unit"), m.group("unit"))
    letter, is_time = UNITS[unit]
    if amount is None or amount == VAGUE or letter == "WE":
        return None
    values = _iso_duration(float(amount), letter, is_time)
    if values is None:
        return None
    return DateValue(None, "duration", duration=values[1], timex=values[0], timex_type="SET")


# --- ISO and numeric dates ------------------------------------------------------------------------

_ISO = re.compile(rf"^(?P<y>{YEAR_RE})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?$")
_NUMERIC = re.compile(rf"^(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>{YEAR_RE}|\d\d)$")


def numeric_date(s: str, ctx: Context) -> DateValue | None:
    """"2020-11-08", "2020-11", "11/08/2020" (US order, as in English-language wire copy), "8.11.2020" (day first)."""
    m = _ISO.match(s)
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        if not plausible_year(y, ctx.anchor) or not 1 <= mo <= 12:
            return None
        if not m.group("d"):
            return month_value(y, mo)
        try:
            return day_value(date(y, mo, int(m.group("d"))))
        except ValueError:
            return None
    m = _NUMERIC.match(s)
    if not m:
        return None
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 1900 if y > 50 else 2000
    month_, day_ = (a, b) if "/" in s else (b, a)
    if month_ > 12 and day_ <= 12:
        month_, day_ = day_, month_
    try:
        return day_value(date(y, month_, day_)) if plausible_year(y, ctx.anchor) else None
    except ValueError:
        return None


# --- vague words --------------------------------------------------------------------------------

_VAGUE = {
    "the day": "day", "that day": "day", "the same day": "day", "this time": "day", "that time": "day",
    "the time": "day", "the night": "time", "that night": "time", "the week": "range", "that week": "range",
    "the month": "month", "that month": "month", "the year": "year", "that year": "year",
    "the period": "range", "the season": "range", "a while": "duration", "some time": "duration",
    "the era": "range", "the moment": "day", "one day": "day", "some day": "day", "someday": "day",
    "the full year": "year", "the fiscal year": "year", "the latest period": "range", "that quarter": "range",
    "the near term": "range", "the short term": "range", "the long term": "range", "the early years": "range",
    "the second day": "day", "the first day": "day", "the next day": "day", "the following day": "day",
    "the previous day": "day", "the day before": "day", "the day after": "day",
}


def vague(s: str, ctx: Context) -> DateValue | None:
    precision = _VAGUE.get(s)
    return None if precision is None else unresolved(precision, "TIME" if precision == "time" else "DATE")


# Order matters: the most specific patterns first; ``duration`` before ``vague`` so that
# "the nine months" is a duration while "the day" stays unresolved.
RULES = (
    reference_word, numeric_date, date_range, relative_day, clock_time, part_of_day, weekday, month_day,
    month, year, word_year, century, decade, quarter, season, relative_unit, year_end, year_earlier, story_shift, recurring, duration, vague,
)
