"""Named streets, roads and natural features: "Royal Street", "Hot Springs Drive", "Flat Creek", "Lake Lanier".

The small model tags few of them and no gazetteer lists them, yet they locate
events ("a shell hit Azatamartikner Street") and the geoparsing gold standards
count them. A feature is a run of capitalised words closed by a head word that
names a kind of way or water ("... Street", "... Creek"), or opened by one
("Lake ...", "Mount ..."). One pass over the tokens, no look-up.

Heads left out on purpose: "Hill" and "Park" end many surnames and firms
("Ms. Hill", "Jurassic Park"); "Highway" mostly follows a state ("Florida
Highway 19"), which the gold standards mark as the state; "County" has its own
gazetteer entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

# Heads closing the name: "<name> Street", "<name> Creek".
WAY_HEADS = frozenset({"Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Drive", "Boulevard", "Blvd.", "Lane",
                       "Parkway", "Freeway"})
TRAILING_HEADS = WAY_HEADS | {"Lake", "Lakes", "Creek", "River", "Reservoir", "Pond", "Township", "Valley",
                              "Mountains", "Heights"}
# After a street's name: its quarter ("Seventh Street Northwest").
QUARTERS = frozenset({"Northwest", "Northeast", "Southwest", "Southeast", "N.W.", "N.E.", "S.W.", "S.E.", "NW", "NE",
                      "SW", "SE", "North", "South", "East", "West"})
# Heads opening the name: "Lake Lanier", "Mount Ararat".
LEADING_HEADS = frozenset({"Lake", "Mount", "Mt."})
# Compass abbreviations inside a street's name: "S. Locust St.", "SW 75th St.".
COMPASS = frozenset({"N.", "S.", "E.", "W.", "N", "S", "E", "W", "NE", "NW", "SE", "SW", "N.E.", "N.W.", "S.E.", "S.W."})
MAX_NAME_WORDS = 4
# A plural head after a list of names makes each a place of that kind: "Barrow and Jackson counties",
# "Bourbon and Dauphine streets". A county's or parish's name is looked up with its head word.
PLURAL_HEADS = {"counties": "County", "parishes": "Parish", "streets": None, "avenues": None, "roads": None,
                "townships": "Township", "rivers": None, "lakes": None, "provinces": None, "districts": None,
                "oblasts": None, "regions": None}
_LIST_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
PLURAL_HEAD = re.compile(r"\b(" + "|".join(PLURAL_HEADS) + r")\b")
# A list ending right before the head: "Clarke, Madison, Oconee and Oglethorpe ".
LIST_BEFORE_HEAD = re.compile(r"(?<![\w'’.-])(?:" + _LIST_NAME + r"(?:,\s*|,?\s+(?:and|or|&)\s+))+" + _LIST_NAME + r"\s+$")
LIST_WINDOW = 200
LIST_ITEM = re.compile(_LIST_NAME)
# Capitalised words that begin a sentence or name a direction, not a place: "The North and South counties".
NOT_LIST_NAMES = frozenset({"The", "A", "An", "In", "And", "Both", "North", "South", "East", "West", "Northern",
                            "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Other", "Neighboring",
                            "Neighbouring", "Surrounding", "Several", "Many", "Some", "All", "Two", "Three", "Four"})
MAX_LEADING_NAME_WORDS = 2


@dataclass(frozen=True)
class Feature:
    start: int  # character offsets
    end: int
    closed: bool  # named by a closing head ("Lebanon Street"): it outranks a town's name inside it


def named_features(doc: Doc) -> list[Feature]:
    """Named features in text order; of two that overlap, the longer ("Indian Lake Road", not "Indian Lake")."""
    spans: list[tuple[int, int, bool]] = []
    for tok in doc:
        if tok.text in TRAILING_HEADS and not _names_something_else(doc, tok.i):
            start = _name_start(doc, tok.i)
            if start is not None and (doc[tok.i - 1].text != "County" or start == tok.i - 1):
                end = tok.i + 1
                if doc[start].text == "County" and end < len(doc) and doc[end].like_num:
                    end += 1  # "County Road 43"; "Otter Tail County Road 80" is the county's
                elif tok.text in WAY_HEADS and end < len(doc) and doc[end].text in QUARTERS:
                    end += 1
                spans.append((start, end, True))
        if tok.text in LEADING_HEADS:
            end = _name_end(doc, tok.i)
            if end is not None:
                spans.append((tok.i, end, False))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, bool]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            if span[1] - span[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = span
            continue
        kept.append(span)
    return [Feature(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), closed) for s, e, closed in kept]


def _name_word(tok: Token) -> bool:
    """A word of a feature's name: capitalised, an ordinal ("22nd", "Fourth") or a compass abbreviation."""
    if tok.text in COMPASS:
        return True
    if tok.like_num and tok.text[:1].isdigit():
        return tok.text[-2:].lower() in ("st", "nd", "rd", "th")
    return tok.text[:1].isupper() and not tok.is_stop and tok.text not in ("The",)


def _names_something_else(doc: Doc, head: int) -> bool:
    """A capitalised word after a street makes it part of another name ("Pleasant Lane School", "Upper King
    Street Neighborhood Association"); a water's or a township's name inside one still counts as a place."""
    after = doc[head + 1] if head + 1 < len(doc) else None
    return (doc[head].text in WAY_HEADS and after is not None and after.text[:1].isupper() and not after.is_sent_start
            and after.text not in TRAILING_HEADS and after.text not in QUARTERS)


def _name_start(doc: Doc, head: int) -> int | None:
    """First token of the name closed by ``head``; None when no name word precedes it."""
    i = head
    while i > 0 and head - i < MAX_NAME_WORDS and not doc[i].is_sent_start:
        if _name_word(doc[i - 1]):
            i -= 1
        elif i > 1 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ \
                and _name_word(doc[i - 2]):
            i -= 2  # "Hyland-Croy Road"
        else:
            break
    # A sentence's first word is capitalised anyway: keep it only when the model calls it a name.
    while i < head and doc[i].is_sent_start and doc[i].pos_ != "PROPN":
        i += 1
    return i if i < head else None


def _name_end(doc: Doc, head: int) -> int | None:
    """One past the last token of the name opened by ``head``; None when no name word follows."""
    i = head + 1
    while i < len(doc) and i - head <= MAX_LEADING_NAME_WORDS and _name_word(doc[i]) and doc[i].text not in TRAILING_HEADS \
            and not doc[i].is_sent_start:
        i += 1
    return i if i > head + 1 else None


def listed_before_plural_head(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, head word to look the name up with) for each name of a list before a plural head."""
    out = []
    for head in PLURAL_HEAD.finditer(text):
        window_start = max(0, head.start() - LIST_WINDOW)
        m = LIST_BEFORE_HEAD.search(text, window_start, head.start())
        if m is None:
            continue
        for item in LIST_ITEM.finditer(text, m.start(), m.end()):
            if item.group().split()[0] not in NOT_LIST_NAMES:
                out.append((item.start(), item.end(), PLURAL_HEADS[head.group(1)]))
    return out
