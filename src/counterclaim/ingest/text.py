"""Plain text articles (files and stdin), with an optional first line ``date YYYY-MM-DD``.

The rest of the header line may already be article text, as in the seed article
(`` date 2020-11-08 But Armenian officials ...``): only the date token is taken.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TextIO

from ..errors import TooLarge
from .guards import MAX_CHARS, SNIFF_BYTES, check_size, decode_bytes, sniff_binary
from .records import Draft

# "date 2020-11-08", "Date: 2020-11-08", leading blanks allowed; the token must look like a date
# (digits with - / .) so that a first line such as "date night in Kyiv" stays text.
HEADER = re.compile(r"\A[ \t]*date[ \t]*:?[ \t]+(?P<value>\d[\d./-]*\d)(?=[ \t\r\n]|\Z)", re.I)


def draft_from_text(raw: str, where: str, *, url: str | None = None) -> Draft:
    """Split off the date header if there is one; the text is everything after the date token."""
    header = HEADER.match(raw)
    if header is None:
        return Draft(text=raw, where=where, url=url)
    return Draft(
        text=raw[header.end() :], where=where, date_value=header["value"], date_origin="header", url=url
    )


def decode_text_bytes(data: bytes, where: str) -> Draft:
    sniff_binary(data[:SNIFF_BYTES])
    text, warnings = decode_bytes(data)
    draft = draft_from_text(text, where)
    draft.warnings.extend(warnings)
    return draft


def read_text_file(path: Path, where: str) -> Draft:
    check_size(path)
    return decode_text_bytes(path.read_bytes(), where)


def read_text_stream(stream: TextIO, where: str = "stdin") -> Draft:
    """Read at most the character cap (plus one, to notice a longer input) from a text stream."""
    binary = getattr(stream, "buffer", None)
    if binary is not None:  # a real stdin: decode ourselves, with the same checks as files
        data = binary.read(4 * MAX_CHARS + 1)
        if len(data) > 4 * MAX_CHARS:
            raise TooLarge(f"input is longer than {4 * MAX_CHARS:,} bytes")
        return decode_text_bytes(data, where)
    raw = stream.read(MAX_CHARS + 1)
    return draft_from_text(raw, where)
