"""Cheap checks on raw input: size, binary content, character encoding, emptiness.

They run before anything expensive so that a PNG renamed ``.txt`` or a 50 MB
dump is refused from its first bytes (or its size on disk) rather than parsed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import BinaryInput, EmptyInput, EncodingProblem, TooLarge

# Mirrors counterclaim.nlp.loader.MAX_CHARS; importing the loader would import spaCy,
# which a reader must not pay for. tests/test_ingest.py checks the two stay equal.
MAX_CHARS = 2_000_000
# A UTF-8 character takes at most 4 bytes, so a file above this many bytes cannot fit.
MAX_TEXT_BYTES = 4 * MAX_CHARS
# Raw HTML carries markup around the text; allow more bytes than the text cap.
MAX_MARKUP_BYTES = 8 * MAX_CHARS
SNIFF_BYTES = 8192

# Magic numbers of formats that are never article text.
MAGIC_NUMBERS: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"SQLite format 3\x00": "an SQLite database",
    b"RIFF": "a RIFF media file",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_size(path: Path, limit: int = MAX_TEXT_BYTES) -> None:
    """Refuse a file from its size on disk, before reading a byte of it."""
    size = path.stat().st_size
    if size > limit:
        raise TooLarge(f"file is {size:,} bytes; the limit is {limit:,} bytes ({MAX_CHARS:,} characters)")


def sniff_binary(head: bytes) -> None:
    """Raise BinaryInput when the first bytes show a non-text file."""
    if head.startswith(UTF16_BOMS):
        return  # UTF-16 text has NUL bytes but is text; decode_bytes handles it
    for magic, kind in MAGIC_NUMBERS.items():
        if head.startswith(magic) and (magic != b"MZ" or b"\x00" in head[:64]):
            raise BinaryInput(f"this is {kind}, not text")
    nul = head.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(f"binary content (NUL byte at offset {nul})")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise BinaryInput(f"binary content ({controls} control bytes in the first {len(head)})")


def looks_like_text(text: str) -> bool:
    """True when nearly every character is a letter, digit, space or ordinary punctuation."""
    if not text:
        return False
    sample = text[:20000]
    odd = sum(1 for ch in sample if unicodedata.category(ch)[0] in "CS" and ch not in "\n\r\t\f")
    return odd / len(sample) < 0.02


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode as UTF-8 (BOM allowed), UTF-16 with a BOM, or — only if clearly text — cp1252.

    Returns the text and any warnings. Raises EncodingProblem when no decoding gives text.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise EncodingProblem(
                f"starts with a UTF-16 mark but is not valid UTF-16 ({exc.reason})"
            ) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise EncodingProblem(f"not valid UTF-8 ({utf8_error}) and not cp1252/Latin-1 text either") from None
    if not looks_like_text(text):
        raise EncodingProblem(f"not valid UTF-8 ({utf8_error}); a cp1252 reading does not look like text")
    return text, [f"[{EncodingProblem.code}] not valid UTF-8 ({utf8_error}); decoded as cp1252"]


def check_text(text: str) -> None:
    """Checks every article text passes, whatever format it came from."""
    if not text:
        raise EmptyInput("empty: there is no text")
    if not text.strip():
        raise EmptyInput("whitespace only: there is no text")
    if len(text) > MAX_CHARS:
        raise TooLarge(f"text has {len(text):,} characters; the limit is {MAX_CHARS:,}")
    if "\x00" in text:
        raise BinaryInput("text contains NUL characters")
