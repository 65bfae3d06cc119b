"""Publication dates: reading date strings, and finding a date in a URL or an article's opening.

The date-origin chain (header/metadata -> URL -> text -> ingest time) is applied
in ``assemble.py``; this module only reads dates and refuses impossible or
future ones with ``BadDate`` (E105).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from ..errors import BadDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
DAY_MONTH_YEAR = re.compile(
    WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>\d{4})\b", re.I
)
MONTH_DAY_YEAR = re.compile(
    WEEKDAY + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I
)
ISO_DATE = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d])")
SLASHED = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})$")
YEAR_FIRST_SLASHED = re.compile(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})$")
URL_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})[/_-](?P<month>\d{2}|[a-z]{3,9})[/_-](?P<day>\d{1,2})(?!\d)", re.I
)
URL_COMPACT_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})/")
# Only the opening of an article: a dateline or a "Published 8 November 2020" line.
TEXT_WINDOW = 400
EARLIEST_YEAR = 1900


def make_date(year: str | int, month: str | int, day: str | int, written: str) -> date:
    """A real calendar date, or BadDate naming what was written."""
    if isinstance(month, str) and not month.isdigit():
        month = MONTHS.get(month.lower().rstrip("."), 0)
    try:
        value = date(int(year), int(month), int(day))
    except ValueError as exc:
        raise BadDate(f"impossible date {written!r} ({exc})") from None
    if value.year < EARLIEST_YEAR:
        raise BadDate(f"implausible date {written!r} (before {EARLIEST_YEAR})")
    return value


def latest_allowed(now: datetime) -> date:
    """Dates after tomorrow (in the ingest clock) are refused: time zones explain one day, not more."""
    return (now + timedelta(days=1)).date()


def check_not_future(value: date, now: datetime, written: str) -> None:
    if value > latest_allowed(now):
        raise BadDate(f"date {written!r} is in the future (after {latest_allowed(now).isoformat()})")


def parse_date_value(value: str) -> tuple[date, list[str]]:
    """Read a date from a header, metadata field or date column. Raises BadDate when unreadable.

    Accepts ISO dates and datetimes, RFC 2822 (feeds, HTTP), "Wednesday, 23 February 2022",
    "February 23, 2022", YYYY/MM/DD and D/M/YYYY or M/D/YYYY (ambiguous ones are read
    month-first, as US exports write them, with a warning).
    """
    written = value.strip()
    if not written:
        raise BadDate("empty date")
    iso = ISO_DATE.match(written)
    if iso and (iso.end() == len(written) or written[iso.end()] in "T "):
        return make_date(iso["year"], iso["month"], iso["day"], written), []
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, YEAR_FIRST_SLASHED):
        found = pattern.match(written)
        if found:
            return make_date(found["year"], found["month"], found["day"], written), []
    slashed = SLASHED.match(written)
    if slashed:
        a, b = int(slashed["a"]), int(slashed["b"])
        if a > 12:  # only day-first makes sense
            return make_date(slashed["year"], b, a, written), []
        warnings = []
        if b <= 12 and a != b:
            warnings.append(f"[{BadDate.code}] ambiguous date {written!r} read as month/day/year")
        return make_date(slashed["year"], a, b, written), warnings
    try:
        return parsedate_to_datetime(written).date(), []
    except (TypeError, ValueError, IndexError):
        pass
    raise BadDate(f"cannot read the date {written!r} (expected e.g. 2020-11-08 or 8 November 2020)")


def date_from_url(url: str) -> date | None:
    """A date in the URL path (/2020/11/08/, /2022/mar/01/, /20201108/), if it is a real date."""
    path = urlsplit(url).path
    for pattern in (URL_DATE, URL_COMPACT_DATE):
        for found in pattern.finditer(path):
            try:
                return make_date(found["year"], found["month"], found["day"], found.group(0))
            except BadDate:
                continue
    return None


def date_from_text(text: str) -> date | None:
    """The first explicit full date (day, month and year) in the article's opening."""
    window = text[:TEXT_WINDOW]
    candidates = []
    for pattern in (ISO_DATE, DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        found = pattern.search(window)
        if found:
            candidates.append(found)
    for found in sorted(candidates, key=lambda m: m.start()):
        try:
            return make_date(found["year"], found["month"], found["day"], found.group(0))
        except BadDate:
            continue
    return None
