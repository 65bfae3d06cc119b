"""A town's name before a word for its people or its services: "Roselle police", "Avondale Mayor", "a Gainesville man".

The small model tags these names as part of an organisation or not at all, and
the organisation rule in ``places.py`` only takes towns of 50,000 people. Before
a civic word, a name the gazetteer knows as a town or region is the place those
people or services belong to, whatever its size. One pass over the tokens.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .places_resolve import Toponym, lookup

# Words after a town's name that make it the town of a people or a service.
CIVIC_WORDS = frozenset({
    "police", "officers", "officials", "residents", "resident", "native", "natives", "man", "woman", "men", "women",
    "couple", "family", "teen", "teenager", "boy", "girl", "firefighters", "mayor", "council", "voters",
    "Police", "Mayor", "Fire", "Volunteer", "Town", "Sheriff", "Public", "Council",
})
# Not civic words, though they follow town names: "X City" is a name of its own ("Iowa City", "Birmingham
# City"), and schools are mostly named after people ("Polk School", "Graham Middle School").
# Capitalised words before a civic word that name no town: ranks, days, directions ("Vice Mayor", "Thursday police").
NOT_NAMES = frozenset({
    "Vice", "Deputy", "Assistant", "Acting", "Former", "Metro", "Area", "Federal", "State", "National", "Central",
    "Local", "Early", "Young", "North", "South", "East", "West", "Eastern", "Western", "Northern", "Southern",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
})
MAX_NAME_WORDS = 3
# A legislator's party and home district or state, as US papers write them: "Sen. Tom Bakk, DFL-Cook,",
# "Rep. James Clyburn, D-S.C.,", "(R-Marshall)".
PARTY_DISTRICT = re.compile(r"(?<![\w-])(?:D|R|I|DFL)-([A-Z][\w.]+(?: [A-Z][a-z]+)?)(?=[,;)]|\s[-—–]|\s*$)", re.MULTILINE)


def civic_names(doc: Doc, gazetteer, found: list[Toponym], people: set[str]) -> list[Toponym]:
    """Towns and regions named before a civic word and not yet recognised."""
    taken = {i for t in found for i in range(t.start, t.end)}
    out: list[Toponym] = []
    for tok in doc:
        if tok.text not in CIVIC_WORDS or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and tok.i - start < MAX_NAME_WORDS and _name_word(doc[start - 1]) \
                and not doc[start].is_sent_start:
            start -= 1
        before = doc[start - 1] if start > 0 and not doc[start].is_sent_start else None
        if start == tok.i or before is not None and before.is_title and before.pos_ == "PROPN" and not before.is_stop:
            continue  # no name, or one that goes on ("East Hampton" is not "Hampton")
        toponym = _longest_known(doc, start, tok.i, gazetteer)
        if toponym is None or toponym.start in taken or toponym.end - 1 in taken or toponym.text in people:
            continue
        out.append(toponym)
        taken.update(range(toponym.start, toponym.end))
    return out


def _name_word(tok) -> bool:
    """A word of a proper name: "Police officers" at a sentence's start and "PA officials" are not."""
    return (tok.is_title or tok.is_upper and len(tok) > 2) and tok.pos_ == "PROPN" and not tok.is_stop \
        and tok.text not in NOT_NAMES


def _longest_known(doc: Doc, start: int, end: int, gazetteer) -> Toponym | None:
    """The longest tail of the capitalised run the gazetteer knows as a town or region, spelt as written.

    A one-word tail after another name is left alone: "Bill Clinton family" is no town's family.
    """
    for i in range(start, end):
        span = doc[i:end]
        candidates = tuple(c for c in lookup(gazetteer, span.text) if c.exact and not c.feature)
        if not candidates or candidates[0].kind not in ("town", "region"):
            continue
        if i > start and len(span) == 1:
            return None
        return Toponym(span.start_char, span.end_char, span.text, candidates)
    return None


def party_districts(text: str, gazetteer, found: list[Toponym]) -> list[Toponym]:
    """The district or state after a legislator's party letter, resolved as a region where one matches."""
    out = []
    for m in PARTY_DISTRICT.finditer(text):
        start, end = m.span(1)
        name = m.group(1)
        if name.endswith(".") and name.count(".") == 1 and any(c.exact for c in lookup(gazetteer, name[:-1])):
            name, end = name[:-1], end - 1  # "DFL-Cook." ends a sentence; "R-Neb." is an abbreviation
        if any(t.start < end and start < t.end for t in found):
            continue
        candidates = tuple(c for c in lookup(gazetteer, f"{name} County") if c.exact) \
            or tuple(c for c in lookup(gazetteer, name) if c.kind in ("region", "town"))
        out.append(Toponym(start, end, name, candidates))
    return out
