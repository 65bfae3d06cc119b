"""What every rule shares: the ``Context``, value builders, name patterns, vague words.

Each rule takes the cleaned, lower-cased core of an expression (prepositions,
approximators and edge modifiers already stripped by ``normalise``) and a
``Context``; it returns a ``DateValue`` or None when it does not apply. A rule
that recognises its expression but cannot place it (no article date, a vague
"the day") returns a ``DateValue`` whose ``value`` is None rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..calendar_math import PAST, iso_week, quarter_bounds, week_bounds
from ..lexicon import MONTHS
from ..value import DateValue

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
