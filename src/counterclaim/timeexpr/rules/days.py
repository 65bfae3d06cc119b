"""Days and times of day: today/yesterday, weekdays, month days, parts of the day, clock
times, and shifts from the story's current day ("four days later")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..calendar_math import (
    PAST,
    infer_year,
    weekday_near,
)
from ..lexicon import PARTS_OF_DAY, REFERENCE_WORDS, WEEKDAYS
from ..numbers import VAGUE, parse_quantity
from ..value import DateValue
from .base import (
    DAY_RE,
    MONTH_RE,
    WEEKDAY_RE,
    YEAR_RE,
    Context,
    day_value,
    month_number,
    plausible_year,
    unresolved,
)

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



# --- "four days later", "the next day": relative to the day the story is at -----------------------

_STORY_SHIFT = re.compile(r"^(?:(?P<q>[\w ]+?)\s+)?(?P<unit>day|week|hour|minute)s?\s+(?P<dir>later|earlier|afterwards|before|after)$")
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
