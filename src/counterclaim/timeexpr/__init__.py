"""Time expressions: find them in a parsed text and normalise them against the article date.

Public surface::

    normalise("on Sunday", date(2020, 11, 8), tense="past")  # DateValue('2020-11-08', 'day')
    from counterclaim.timeexpr.recognise import find_dates  # imports spaCy
    find_dates(doc, anchor)  # every date/time expression of a spaCy Doc, normalised

The ``dates`` stage, the claims and events stages and ``counterclaim eval time``
all go through these two functions.
"""

from __future__ import annotations

from .calendar_math import FUTURE, PAST, PRESENT
from .normalise import TENSES, normalise
from .value import DateValue

__all__ = ["FUTURE", "PAST", "PRESENT", "TENSES", "DateValue", "normalise"]
