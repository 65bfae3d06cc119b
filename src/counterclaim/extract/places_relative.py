"""Relative locations: "15 km (9 miles) south of Stepanakert", "near Donetsk", "north of Kyiv"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spelled-out and hyphenated bearings -> 16-point compass codes.
BEARINGS = {
    "north": "N", "south": "S", "east": "E", "west": "W",
    "northeast": "NE", "northwest": "NW", "southeast": "SE", "southwest": "SW",
    "north-east": "NE", "north-west": "NW", "south-east": "SE", "south-west": "SW",
    "northeastern": "NE", "northwestern": "NW", "southeastern": "SE", "southwestern": "SW",
    "north-eastern": "NE", "north-western": "NW", "south-eastern": "SE", "south-western": "SW",
    "northern": "N", "southern": "S", "eastern": "E", "western": "W",
}
UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometers": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometre": 1.0,
           "mi": 1.609344, "mile": 1.609344, "miles": 1.609344}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50}

_BEARING_WORDS = "|".join(sorted(map(re.escape, BEARINGS), key=len, reverse=True))
# "<distance> <unit> (<converted>)? <bearing> of" or "<bearing> of" or "near/outside".
RELATIVE = re.compile(
    r"(?:(?P<num>\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")[\s\-]*(?P<unit>km|kms|kilomet(?:er|re)s?|miles?|mi)\b"
    r"\.?\s*(?:\([^)]{0,30}\)\s*)?)?"
    r"(?:(?P<bearing>" + _BEARING_WORDS + r")\s+of|(?P<near>near|outside|close\s+to|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of))\b",
    re.IGNORECASE,
)
# How far before the anchor a relative phrase may end ("south of the enclave's largest city, Stepanakert").
MAX_GAP_CHARS = 45
_GAP = re.compile(r"^[\s\w’'\-,]*$")


@dataclass(frozen=True)
class RelativePhrase:
    start: int  # character offsets of the whole phrase, anchor excluded
    end: int
    anchor_start: int  # where the place it is relative to begins
    distance_km: float | None
    bearing: str | None


def find_relative(text: str, anchor_start: int, sentence_start: int) -> RelativePhrase | None:
    """The relative phrase that ends just before the place starting at ``anchor_start``."""
    window_start = max(sentence_start, anchor_start - 160)
    window = text[window_start:anchor_start]
    best = None
    for m in RELATIVE.finditer(window):
        gap = window[m.end():]
        if len(gap) <= MAX_GAP_CHARS and _GAP.match(gap) and gap.count(",") <= 1:
            best = m
    if best is None:
        return None
    distance = None
    if best.group("num"):
        raw = best.group("num").lower()
        value = float(_NUMBER_WORDS.get(raw, 0) or raw.replace(",", ""))
        distance = round(value * UNIT_KM[best.group("unit").lower().rstrip(".")], 1)
    bearing = BEARINGS[best.group("bearing").lower()] if best.group("bearing") else None
    return RelativePhrase(window_start + best.start(), window_start + best.end(), anchor_start, distance, bearing)
