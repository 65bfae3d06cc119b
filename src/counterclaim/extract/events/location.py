"""Which of a sentence's places an event happened at.

The places stage resolves every name; here one is chosen for the event: the most
specific place that fits the others named with it (a town over its district, a
town near its region), then one a locative preposition introduces, then the
nearest to the cue.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from ...geo.distance import haversine_km
from ...model import ArticleResult, Place

KIND_RANK = {"town": 0, "area": 1, "region": 2, "country": 3}
NEARBY_TOWN_KM = 50  # two towns named together in one sentence ("Vesele, Donetsk")
WITHIN_REGION_KM = 300  # a town and the region it is said to lie in
LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around|into)\s+(?:the\s+)?$", re.IGNORECASE)
BRACKETED_AFTER_NAME = re.compile(r"\w\s?\($")  # "Ayn Zara (Tripoli)": the town's surroundings


def _locative(result: ArticleResult, place: Place) -> bool:
    """'in X', 'near X': the name stands for a place even where the places stage read it as a side."""
    return bool(LOCATIVE_BEFORE.search(result.article.text[max(0, place.span.start - 12):place.span.start]))


def _names_a_place(result: ArticleResult, place: Place) -> bool:
    """A name the places stage read as a side but the text uses as a location."""
    before = result.article.text[max(0, place.span.start - 12):place.span.start]
    return bool(LOCATIVE_BEFORE.search(before) or BRACKETED_AFTER_NAME.search(before))


def place_for(result: ArticleResult, sent: SpacySpan, anchor: int) -> int | None:
    """The most specific place of the sentence (a town over its district), then one that 'in'/'near'
    introduces ("soldiers from X clashed ... in Y": Y), then the nearest to the cue.

    A place the places stage took for a side still counts when a locative
    preposition introduces it ("in Carabobo state") or it is bracketed after a name.
    """
    in_sentence = [i for i, p in enumerate(result.places) if sent.start_char <= p.span.start < sent.end_char]
    eligible = [i for i in in_sentence if result.places[i].role == "place"
                or (result.places[i].role == "actor" and _names_a_place(result, result.places[i]))]
    if not eligible:
        return None
    # A name that fits none of the sentence's other places is likely a far namesake
    # ("in Celaya, Guanajuato ... in Camargo community" read as a Camargo 900 km away).
    fitting = [i for i in eligible if any(_coherent(result.places[i], result.places[j]) for j in in_sentence if j != i)]

    def rank(i: int) -> tuple[int, bool, int]:
        place = result.places[i]
        return KIND_RANK.get(place.kind, 2), not _locative(result, place), abs(place.span.start - anchor)

    if fitting:
        return min(fitting, key=rank)
    # Nothing fits together: some name was read as a far namesake, and the scene is more
    # often the first place named ("in Tijuana, ... found dead in Colonia Lomas") -- after
    # the dateline, which says where the reporter files from.
    scenes = [i for i in eligible if not _dateline(result, result.places[i])] or eligible
    return min(scenes, key=lambda i: rank(i)[:2] + (result.places[i].span.start,))


DATELINE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?[—–-]")


def _dateline(result: ArticleResult, place: Place) -> bool:
    """'TBILISI — ...', 'KYIV (Reuters) - ...': a capitalised place that opens a paragraph before a dash."""
    text = result.article.text
    opens = place.span.start == 0 or text[:place.span.start].endswith("\n")
    return opens and place.span.text.isupper() and bool(DATELINE_AFTER.match(text, place.span.end))


def _coherent(a: Place, b: Place) -> bool:
    """Whether two resolved places can be named together: same country, and the smaller lies
    within reach of the larger (a town near a town, a town inside a region's span)."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    broader = max(a, b, key=lambda p: KIND_RANK.get(p.kind, 2))
    if broader.kind == "country":
        return True
    reach = NEARBY_TOWN_KM if broader.kind in ("town", "area") else WITHIN_REGION_KM
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= reach


