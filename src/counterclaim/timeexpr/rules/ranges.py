"""Ranges ("between 1 and 3 March", "2014-2020") and numeric dates ("2020-11-08", "11/08/2020")."""

from __future__ import annotations

import re
from datetime import date

from ..value import DateValue
from .base import (
    DAY_RE,
    MONTH_RE,
    YEAR_RE,
    Context,
    day_value,
    month_number,
    month_value,
    plausible_year,
)
from .days import month_day, relative_day, weekday
from .periods import month, year

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
