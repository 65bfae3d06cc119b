"""The normalisation rules, one function per kind of expression.

Each rule takes the cleaned, lower-cased core of an expression (prepositions,
approximators and edge modifiers already stripped by ``normalise``) and a
``Context``; it returns a ``DateValue`` or None when it does not apply. A rule
that recognises its expression but cannot place it (no article date, a vague
"the day") returns a ``DateValue`` whose ``value`` is None rather than a guess.
"""

from __future__ import annotations

from .base import Context, plausible_year, vague
from .days import clock_time, month_day, part_of_day, reference_word, relative_day, story_shift, weekday
from .durations import duration, recurring
from .periods import (
    century,
    decade,
    is_year_earlier,
    month,
    quarter,
    relative_unit,
    season,
    word_year,
    year,
    year_earlier,
    year_end,
)
from .ranges import date_range, numeric_date

# Order matters: the most specific patterns first; ``duration`` before ``vague`` so that
# "the nine months" is a duration while "the day" stays unresolved.
RULES = (
    reference_word, numeric_date, date_range, relative_day, clock_time, part_of_day, weekday, month_day,
    month, year, word_year, century, decade, quarter, season, relative_unit, year_end, year_earlier, story_shift,
    recurring, duration, vague,
)

__all__ = ["RULES", "Context", "is_year_earlier", "plausible_year"]
