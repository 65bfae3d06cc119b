"""Quantities in duration phrases: "six", "twenty four", "2 1/2", "a couple of", "several"."""

from __future__ import annotations

import re

from .lexicon import NUMBER_WORDS, VAGUE_QUANTITIES

VAGUE = "X"  # TimeML's placeholder for "some number of"
_FRACTION = re.compile(r"^(\d+)?\s*(\d)/(\d)$")


def parse_quantity(words: str) -> float | str | None:
    """A number, ``VAGUE`` for "several"/"a few", or None when ``words`` is not a quantity."""
    q = words.strip().replace(",", "")
    if not q:
        return None
    if q in VAGUE_QUANTITIES:
        return VAGUE
    if re.fullmatch(r"\d+(\.\d+)?", q):
        return float(q)
    frac = _FRACTION.match(q)
    if frac:
        whole = float(frac.group(1) or 0)
        return whole + int(frac.group(2)) / int(frac.group(3))
    half = 0.0
    for suffix in (" and a half", "-and-a-half", " and one half"):
        if q.endswith(suffix):
            q, half = q[: -len(suffix)].strip(), 0.5
    if q in NUMBER_WORDS:
        return NUMBER_WORDS[q] + half
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", q):
        if word in ("and", "of"):
            continue
        if word.isdigit():
            current += float(word)
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in NUMBER_WORDS and word not in ("a", "an"):
            current += NUMBER_WORDS[word]
        else:
            return None
    value = total + current + half
    return value if value > 0 else None
