"""Name keys for gazetteer look-ups: 'Şuşa', 'SHUSHA' and 'Shusha' share one key."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose into ASCII + a combining mark.
_FOLD = str.maketrans({"ı": "i", "ə": "e", "Ə": "e", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d",
                       "ß": "ss", "æ": "ae", "œ": "oe", "ʻ": "", "ʼ": "", "’": "", "'": "", "`": ""})
_NON_WORD = re.compile(r"[^\w]+")
# A word character outside the Latin blocks (and outside digits/underscore).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F\u02B0-\u02FF]")
_NON_CYRILLIC_LETTER = re.compile(r"[^\W\d_\u0400-\u052F\u0300-\u036F]")
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=200_000)  # resolution compares the same few names many times
def normalise_name(name: str) -> str:
    """Lower-case, diacritics and apostrophes dropped, punctuation to spaces, spaces folded."""
    if name.isascii():
        text = name.translate(_FOLD).lower()
    else:
        text = unicodedata.normalize("NFKD", name.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_FOLD).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (alternate names in other scripts are skipped)."""
    return bool(_LETTER.search(name)) and not _NON_LATIN_LETTER.search(name)


def is_cyrillic(name: str) -> bool:
    return bool(_LETTER.search(name)) and not _NON_CYRILLIC_LETTER.search(name)
