"""``timeexpr.normalise``: one expression, an article date and a tense in; a value out.

No spaCy here: these rows exercise the rules alone, so they are fast and say exactly
which reading a rule gives. Article date for most rows: Sunday 8 November 2020.
"""

from __future__ import annotations

from datetime import date

import pytest

from counterclaim.timeexpr import DateValue, normalise

SUN = date(2020, 11, 8)  # a Sunday
WED = date(2020, 11, 11)  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "value", "precision"),
    [
        # weekdays: past -> on or before the article date, future -> the next one
        ("on Sunday", SUN, "past", "2020-11-08", "day"),
        ("Sunday", SUN, "future", "2020-11-15", "day"),
        ("on Monday", SUN, "past", "2020-11-02", "day"),
        ("Monday", WED, "past", "2020-11-09", "day"),
        ("Monday", WED, "future", "2020-11-16", "day"),
        ("Friday", WED, "present", "2020-11-06", "day"),
        ("last Friday", date(2020, 11, 13), "past", "2020-11-06", "day"),
        ("next Tuesday", WED, "past", "2020-11-17", "day"),
        ("Saturday, April 25", date(1998, 4, 24), "past", "1998-04-25", "day"),  # the weekday picks the year
        # month and day, year inferred from the tense
        ("November 8", SUN, "future", "2020-11-08", "day"),
        ("September 27", SUN, "past", "2020-09-27", "day"),
        ("Sept. 30", SUN, "past", "2020-09-30", "day"),
        ("December 1", SUN, "future", "2020-12-01", "day"),
        ("December 1", SUN, "past", "2020-12-01", "day"),  # a year back is too far: the nearer wins
        ("27 September 2019", SUN, "past", "2019-09-27", "day"),
        ("the 3rd of March", date(2021, 3, 20), "past", "2021-03-03", "day"),
        ("Jan. 5", date(2021, 1, 10), "past", "2021-01-05", "day"),
        ("November 30", date(2021, 1, 10), "past", "2020-11-30", "day"),
        # months, years, decades
        ("in October", SUN, "past", "2020-10", "month"),
        ("October", date(2021, 1, 10), "past", "2020-10", "month"),
        ("last June", SUN, "past", "2020-06", "month"),
        ("May 1992", SUN, "past", "1992-05", "month"),
        ("March of next year", SUN, "future", "2021-03", "month"),
        ("mid-November", SUN, "past", "2020-11", "month"),
        ("1994", SUN, "past", "1994", "year"),
        ("in 2014", SUN, "past", "2014", "year"),
        ("fiscal 1989", SUN, "past", "1989", "year"),
        ("nineteen ninety-six", SUN, "past", "1996", "year"),
        ("the 1990s", SUN, "past", "1990", "range"),
        ("the early 1990s", SUN, "past", "1990", "range"),
        # relative to the article date
        ("yesterday", SUN, "past", "2020-11-07", "day"),
        ("today", SUN, "present", "2020-11-08", "day"),
        ("tomorrow", SUN, "future", "2020-11-09", "day"),
        ("two days ago", SUN, "past", "2020-11-06", "day"),
        ("last week", SUN, "past", "2020-10-26", "range"),
        ("this week", WED, "past", "2020-11-09", "range"),
        ("earlier this week", WED, "past", "2020-11-09", "range"),
        ("next week", SUN, "future", "2020-11-09", "range"),
        ("last month", SUN, "past", "2020-10", "month"),
        ("last year", SUN, "past", "2019", "year"),
        ("early next year", SUN, "future", "2021", "year"),
        ("last weekend", WED, "past", "2020-11-07", "range"),
        ("the third quarter", SUN, "past", "2020-07-01", "range"),
        ("third-quarter", SUN, "past", "2020-07-01", "range"),
        ("the fourth quarter of 2019", SUN, "past", "2019-10-01", "range"),
        # parts of the day and clock times
        ("this morning", SUN, "past", "2020-11-08", "time"),
        ("Sunday afternoon", date(2020, 11, 12), "past", "2020-11-08", "time"),
        ("the night", SUN, "past", None, "time"),  # "the night" alone: which one?
        ("last night", SUN, "past", "2020-11-07", "range"),
        ("10 a.m.", SUN, "past", "2020-11-08", "time"),
        ("noon on Saturday", date(2020, 10, 10), "past", "2020-10-10", "time"),
        ("5 p.m. EST, Nov. 6", SUN, "past", "2020-11-06", "time"),
        # ranges
        ("between 1 and 3 March", SUN, "past", "2020-03-01", "range"),
        ("1-3 March 2019", SUN, "past", "2019-03-01", "range"),
        ("2014-2020", SUN, "past", "2014", "range"),
        ("from 2014 to 2020", SUN, "past", "2014", "range"),
        ("since 1994", SUN, "past", "1994", "range"),
        ("since September 27", SUN, "past", "2020-09-27", "range"),
        # absolute numeric dates
        ("2020-11-08", SUN, "past", "2020-11-08", "day"),
        ("11/08/2020", SUN, "past", "2020-11-08", "day"),
        # vague: recognised, deliberately left unresolved
        ("the day", SUN, "past", None, "day"),
        ("that day", SUN, "past", None, "day"),
        ("the year", SUN, "past", None, "year"),
    ],
)
def test_value_and_precision(expression: str, anchor: date, tense: str, value: str | None, precision: str) -> None:
    found = normalise(expression, anchor, tense=tense)
    assert found is not None, expression
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize(
    ("expression", "duration", "approximate"),
    [
        ("six weeks", "P6W", False),
        ("nearly six weeks", "P6W", True),
        ("about three days", "P3D", True),
        ("more than ten hours", "PT10H", True),
        ("24 hours", "PT24H", False),
        ("a couple of years", "P2Y", False),
        ("two-year", "P2Y", False),
        ("a minute and a half", "PT1M30S", False),
        ("2 1/2 years", "P2Y6M", False),
        ("the past three months", "P3M", False),
        ("the past week", "P1W", False),
        ("two decades", "P20Y", False),
        ("the next three quarters", "P9M", False),
        ("every day", "P1D", False),
    ],
)
def test_durations(expression: str, duration: str, approximate: bool) -> None:
    found = normalise(expression, SUN)
    assert found is not None
    assert (found.value, found.precision, found.duration, found.approximate) == (None, "duration", duration, approximate)


@pytest.mark.parametrize("expression", ["several years", "recent days", "for days", "within days"])
def test_vague_durations_have_no_length(expression: str) -> None:
    found = normalise(expression, SUN)
    assert found is not None and found.precision == "duration" and found.duration is None


@pytest.mark.parametrize(
    ("expression", "end"),
    [("between 1 and 3 March", "2020-03-03"), ("2014-2020", "2020"), ("since 1994", None),
     ("last week", "2020-11-01"), ("the 1990s", "1999"), ("last night", "2020-11-08")],
)
def test_range_ends(expression: str, end: str | None) -> None:
    found = normalise(expression, SUN)
    assert found is not None and found.precision == "range" and found.end == end


@pytest.mark.parametrize(
    ("expression", "timex"),
    [("last week", "2020-W44"), ("the third quarter", "2020-Q3"), ("now", "PRESENT_REF"), ("recently", "PAST_REF"),
     ("the future", "FUTURE_REF"), ("this morning", "2020-11-08TMO"), ("7:15 p.m.", "2020-11-08T19:15"),
     ("the 1990s", "199"), ("this summer", "2020-SU"), ("several years", "PXY"), ("about a decade", "P1E")],
)
def test_timeml_values(expression: str, timex: str) -> None:
    found = normalise(expression, SUN)
    assert found is not None and found.timex == timex


def test_during_the_night_is_the_night_before_the_article_date() -> None:
    found = normalise("the night", SUN, tense="past", prep="during")
    assert found == DateValue("2020-11-07", "range", end="2020-11-08", timex="2020-11-07TNI", timex_type="TIME")


def test_a_year_earlier_follows_the_quarter_being_reported() -> None:
    quarter = normalise("the third quarter", date(1989, 10, 26))
    assert quarter is not None
    earlier = normalise("a year earlier", date(1989, 10, 26), reference=quarter)
    assert earlier is not None and earlier.timex == "1988-Q3"
    assert normalise("a year earlier", date(1989, 10, 26)).timex == "1988"  # type: ignore[union-attr]


def test_days_later_counts_from_the_last_date_mentioned() -> None:
    monday = normalise("November 9", SUN)
    found = normalise("four days later", date(2020, 11, 20), reference=monday)
    assert found is not None and found.value == "2020-11-13"
    assert normalise("the next day", date(2020, 11, 20), reference=monday).value == "2020-11-10"  # type: ignore[union-attr]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("expression", ["on Sunday", "yesterday", "last week", "in October", "two days ago",
                                        "September 27", "this morning", "the third quarter"])
def test_without_an_article_date_relative_expressions_stay_unresolved(expression: str) -> None:
    found = normalise(expression, None)
    assert found is not None, "still recognised as a date expression"
    assert found.value is None


@pytest.mark.parametrize(("expression", "value"), [("27 September 2019", "2019-09-27"), ("1994", "1994"),
                                                   ("since 1994", "1994"), ("2020-11-08", "2020-11-08")])
def test_without_an_article_date_absolute_dates_still_resolve(expression: str, value: str) -> None:
    found = normalise(expression, None)
    assert found is not None and found.value == value


@pytest.mark.parametrize("expression", ["", "   ", "banana", "the claim", "Shusha", "42", "80486",
                                        "x" * 500, "\x00\x01", "on", "the"])
def test_nonsense_is_not_a_date(expression: str) -> None:
    assert normalise(expression, SUN) is None


@pytest.mark.parametrize("expression", ["in 9999", "since 3021", "0999", "November 8, 2999", "the 2990s"])
def test_far_years_are_numbers_not_dates(expression: str) -> None:
    assert normalise(expression, SUN) is None


@pytest.mark.parametrize("expression", ["February 30", "31 April 2020", "13/45/2020"])
def test_impossible_calendar_dates(expression: str) -> None:
    found = normalise(expression, SUN)
    assert found is None or found.value is None


def test_unknown_tense_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="tense"):
        normalise("Sunday", SUN, tense="pluperfect")
