"""CSV, TSV and JSONL exports: one article per row or line, columns chosen by a ColumnMap.

Files are streamed (a spreadsheet export can be large); each bad row or line
becomes its own Rejection and the rest of the file goes on. A missing text
column rejects the whole file, listing the columns it does have.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, EncodingProblem, MalformedRecord, MissingColumn, TooLarge
from .guards import MAX_CHARS, MAX_TEXT_BYTES, SNIFF_BYTES, UTF16_BOMS, sniff_binary
from .records import ColumnMap, Draft, Rejection

FIELDS = ("text", "date", "title", "url", "outlet", "id")


def sniff_head(head: bytes) -> None:
    """Binary files out; UTF-16 (Excel's "Unicode text") out with a fix, since lines are read as UTF-8."""
    if head.startswith(UTF16_BOMS):
        raise EncodingProblem("the file is UTF-16 (as Excel's 'Unicode text' export); save it as UTF-8 CSV")
    sniff_binary(head)


def decode_line(raw: bytes, first: bool) -> tuple[str, bool]:
    """(line, fell back to cp1252). Lines are decoded one by one so one bad byte costs one line."""
    try:
        return raw.decode("utf-8-sig" if first else "utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def bounded_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line over the size cap, which is skipped unread."""
    number = 0
    while True:
        line = stream.readline(MAX_TEXT_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_TEXT_BYTES and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversized line in chunks
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def resolve_columns(
    available: list[str], columns: ColumnMap, where: str, *, strict_optional: bool = True
) -> dict[str, str]:
    """field -> actual column name; exact match first, then ignoring case and surrounding blanks.

    With ``strict_optional``, an optional column the user renamed must exist (a CSV header);
    JSONL records may simply omit keys they have no value for.
    """
    folded = {name.strip().lower(): name for name in available}
    chosen: dict[str, str] = {}
    for field_name in FIELDS:
        wanted = getattr(columns, field_name)
        if wanted in available:
            chosen[field_name] = wanted
        elif wanted.strip().lower() in folded:
            chosen[field_name] = folded[wanted.strip().lower()]
    missing = [columns.text] if "text" not in chosen else []
    if strict_optional:
        missing += [name for name in columns.explicit_optional() if name.strip().lower() not in folded]
    if missing:
        has = ", ".join(repr(name) for name in available) or "none"
        raise MissingColumn(
            f"no column {', '.join(repr(m) for m in missing)}; the columns are: {has}", where=where
        )
    return chosen


def draft_from_record(record: dict, chosen: dict[str, str], where: str) -> Draft:
    def cell(field_name: str) -> str | None:
        value = record.get(chosen[field_name]) if field_name in chosen else None
        if value is None or isinstance(value, (dict, list)):
            return None
        return str(value)

    text = record.get(chosen["text"])
    if text is not None and not isinstance(text, str):
        raise MalformedRecord(f"the {chosen['text']!r} value is a {type(text).__name__}, not text")
    if text is not None and len(text) > MAX_CHARS:
        raise TooLarge(f"text has {len(text):,} characters; the limit is {MAX_CHARS:,}")
    return Draft(
        text=text or "",
        where=where,
        date_value=cell("date"),
        date_origin="metadata",
        title=cell("title"),
        outlet=cell("outlet"),
        url=cell("url"),
        external_id=cell("id"),
    )


def fallback_warning(line_numbers: list[int]) -> str:
    lines = ", ".join(str(n) for n in line_numbers[:5])
    return f"[{EncodingProblem.code}] not valid UTF-8 on line {lines}; decoded as cp1252"


def read_delimited(path: Path, where: str, columns: ColumnMap, delimiter: str) -> Iterator[Draft | Rejection]:
    """CSV/TSV rows. ``row N`` counts the header as row 1, as a spreadsheet does."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CHARS + 1))
    with path.open("rb") as stream:
        sniff_head(stream.read(SNIFF_BYTES))
        stream.seek(0)
        fallback_lines: list[int] = []

        def text_lines() -> Iterator[str]:
            for number, raw in bounded_lines(stream):
                if raw is None:
                    raise TooLarge(f"line {number} is longer than {MAX_TEXT_BYTES:,} bytes")
                line, fell_back = decode_line(raw, number == 1)
                if fell_back:
                    fallback_lines.append(number)
                yield line

        reader = csv.reader(text_lines(), delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise MalformedRecord(f"cannot read the header row ({exc})") from None
        if header is None or not any(name.strip() for name in header):
            raise EmptyInput("empty: no header row and no records")
        chosen = resolve_columns(header, columns, where)
        row_number = 1
        seen_rows = False
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Rejection(
                    f"{where}:row {row_number + 1}",
                    MalformedRecord.code,
                    f"unreadable CSV from here on ({exc}); the rows before it were kept",
                )
                return
            row_number += 1
            if not any(v.strip() for v in values):
                continue  # blank line between records
            seen_rows = True
            row_where = f"{where}:row {row_number}"
            record = dict(zip(header, values, strict=False))  # short rows: missing cells
            try:
                draft = draft_from_record(record, chosen, row_where)
            except (MalformedRecord, TooLarge) as exc:
                yield Rejection.from_error(exc, row_where)
                continue
            if fallback_lines:
                draft.warnings.append(fallback_warning(fallback_lines))
                fallback_lines.clear()
            yield draft
        if not seen_rows:
            raise EmptyInput("has a header row but no records")


def read_jsonl(path: Path, where: str, columns: ColumnMap) -> Iterator[Draft | Rejection]:
    """One JSON object per line; a broken line is rejected alone."""
    with path.open("rb") as stream:
        sniff_head(stream.read(SNIFF_BYTES))
        stream.seek(0)
        seen_records = False
        for number, raw in bounded_lines(stream):
            line_where = f"{where}:line {number}"
            if raw is None:
                yield Rejection(line_where, TooLarge.code, f"line is longer than {MAX_TEXT_BYTES:,} bytes")
                continue
            line, fell_back = decode_line(raw, number == 1)
            if not line.strip():
                continue
            seen_records = True
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejection(
                    line_where, MalformedRecord.code, f"invalid JSON: {exc.msg} at column {exc.colno}"
                )
                continue
            if not isinstance(record, dict):
                yield Rejection(
                    line_where,
                    MalformedRecord.code,
                    f"expected a JSON object, found a {type(record).__name__}",
                )
                continue
            try:
                chosen = resolve_columns(list(record), columns, line_where, strict_optional=False)
                draft = draft_from_record(record, chosen, line_where)
            except (MissingColumn, MalformedRecord, TooLarge) as exc:
                yield Rejection.from_error(exc, line_where)
                continue
            if fell_back:
                draft.warnings.append(fallback_warning([number]))
            yield draft
        if not seen_records:
            raise EmptyInput("empty: no records")
