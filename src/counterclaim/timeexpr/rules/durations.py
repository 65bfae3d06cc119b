"""Durations ("nearly six weeks", "two-year"), "N units ago", and recurring sets ("every day")."""

from __future__ import annotations

import re
from datetime import timedelta

from ..calendar_math import (
    quarter_of,
    shift_months,
)
from ..lexicon import ISO_EXPANSION, UNITS
from ..numbers import VAGUE, parse_quantity
from ..value import DateValue
from .base import (
    Context,
    day_value,
    month_value,
    quarter_value,
    unresolved,
    vague,
    week_value,
    year_value,
)

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
