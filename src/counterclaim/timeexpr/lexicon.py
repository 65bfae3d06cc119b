"""Words the normaliser reads: month and weekday names, number words, units.

Source: English usage (Oxford style guide abbreviations for months, AP style
"Sept."), TimeML 1.2.1 guidelines for unit letters (E = decade, C = century,
L = millennium, Q = quarter) and part-of-day codes (MO, AF, EV, NI).
"""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]):
    WEEKDAYS[_name] = _i
    WEEKDAYS[_name[:3]] = _i
WEEKDAYS.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})

# Part of the day -> TimeML code.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF",
    "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI",
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5,
}
# Quantities that say "some number of" without giving it (TimeML writes X).
VAGUE_QUANTITIES = ("a few", "few", "several", "some", "many", "a number of", "recent", "the", "coming",
                    "the coming", "the past few", "past few", "the recent", "in recent")

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}

# Unit word -> (TimeML unit letter, is it a time-of-day unit (PT...)).
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False), "millennium": ("L", False),
}
UNIT_PLURALS = {"centuries": "century", "millennia": "millennium"}

# ISO 8601 has no decade/century/quarter designator: expand them for DateMention.duration.
ISO_EXPANSION: dict[str, tuple[int, str]] = {"E": (10, "Y"), "C": (100, "Y"), "L": (1000, "Y"), "Q": (3, "M")}

# Words that make a figure approximate, and the TimeML mod they map to.
APPROXIMATORS: dict[str, str] = {
    "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS", "about": "APPROX", "around": "APPROX",
    "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX", "close to": "EQUAL_OR_LESS",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN",
    "under": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "within": "EQUAL_OR_LESS", "well over": "MORE_THAN",
    "only": "APPROX", "barely": "EQUAL_OR_LESS", "just": "APPROX",
}
# Edge modifiers: "early next year" keeps the value of "next year" and records where in it.
EDGE_MODIFIERS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START", "beginning of": "START",
    "the middle of": "MID", "mid": "MID", "mid-": "MID", "middle of": "MID",
    "late": "END", "the end of": "END", "end of": "END", "the close of": "END",
}

# TimeML reference values for words that point at a time without a date.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "present": "PRESENT_REF", "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "already": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the moment": "PRESENT_REF", "today's": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "earlier": "PAST_REF", "in the past": "PAST_REF", "lately": "PAST_REF",
    "once": "PAST_REF", "the recent past": "PAST_REF", "former": "PAST_REF", "past years": "PAST_REF",
    "the future": "FUTURE_REF", "the distant future": "FUTURE_REF", "future quarters": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "in the future": "FUTURE_REF",
    "later": "FUTURE_REF", "the near future": "FUTURE_REF", "shortly": "FUTURE_REF",
    "in the coming days": "FUTURE_REF", "the coming days": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "coming weeks": "FUTURE_REF", "coming days": "FUTURE_REF", "the coming months": "FUTURE_REF",
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
