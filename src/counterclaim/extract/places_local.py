"""Names the model called a person or an organisation that are towns close to the article's other places.

Local news names small towns the model does not know ("Residents of Grovetown", "the
Lombard Historical Society", "Watertown-ML", "First Bank of Princeton"). The gazetteer
knows them, but a bare name is also a surname or a firm. What settles it is geography:
a town of that name lies within a short drive of a place the article already names.
One reading of the recognised places (the resolver on copies) gives those anchor points.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..geo import normalise_name
from ..geo.distance import nearest_km, point_terms
from .places_resolve import Toponym, lookup, resolve

# A town this close to a place the article names is the one meant.
LOCAL_KM = 40.0
MAX_PART_WORDS = 3
# A town this large anywhere in the state of a place the article names is also local.
STATE_TOWN = 10_000
# After a town's name inside a person's name tag, these make it a body or a post, not a surname:
# "Avondale Mayor Ed Rieker", "Rock Hill City Manager", "Hounslow Labour councillors".
PERSON_POST_WORDS = frozenset({"mayor", "manager", "chief", "fire", "police", "city", "town", "county", "high",
                               "school", "council", "councillor", "councillors", "labour", "harbour", "harbor",
                               "parks", "central", "selectman", "sheriff", "board", "department"})
# Words of a body's name that are also names of towns ("University", "Metro", "Delta").
GENERIC_WORDS = PERSON_POST_WORDS | {"university", "college", "metro", "delta", "federation", "human", "eagle", "officer",
                                       "information", "public"}
ADMIN_HEADS = frozenset({"County", "Parish", "Township", "Borough", "Province", "District", "Region"})
POSSESSIVE = re.compile(r"['’]s?$")
NEWSPAPER_HINTS = frozenset({"post", "times", "herald", "tribune", "journal", "gazette", "news", "chronicle",
                             "examiner", "observer", "telegraph", "courier", "star", "globe", "inquirer", "dispatch"})


def local_towns(doc: Doc, gazetteer, found: list[Toponym], people: set[str], common_words: frozenset[str],
                trim, guarded: list[SpacySpan] = ()) -> list[Toponym]:
    """Towns inside ORG / PERSON entities or left untagged, each within ``LOCAL_KM`` of a place already
    recognised, or the state such a place is in; ``guarded``: gazetteer matches a guard dropped as
    part of a name ("Georgia Environmental Protection Division"), which the same test brings back."""
    anchors = _anchor_points(found)
    if not anchors:
        return []
    out: list[Toponym] = []
    # A guarded match after a capitalised word is the end of a longer name ("New London", "St. Paris").
    guarded = [g for g in guarded if g.start == 0 or not (doc[g.start - 1].is_title or doc[g.start - 1].is_upper)]
    for part in [*guarded, *_untagged_names(doc)]:
        if any(t.start < part.end_char and part.start_char < t.end for t in found):
            continue
        toponym = _near(part, gazetteer, anchors, people, common_words)
        if toponym is not None:
            out.append(toponym)
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON"):
            continue
        if any(t.start < ent.end_char and ent.start_char < t.end for t in [*found, *out]):
            continue
        span = trim(ent)
        if span is None or any(tok.lower_ in NEWSPAPER_HINTS for tok in span):
            continue
        for part in _parts(span, person=ent.label_ == "PERSON"):
            toponym = _near(part, gazetteer, anchors, people, common_words)
            if toponym is not None:
                out.append(toponym)
                break
    return out


def _near(part: SpacySpan, gazetteer, anchors, people: set[str], common_words: frozenset[str]) -> Toponym | None:
    """``part`` as a toponym when the gazetteer has a town or county of that name near an anchor."""
    doc = part.doc
    if part.text in people or any(tok.lower_ in GENERIC_WORDS for tok in part) \
            or part.text.lower() in common_words or not part.text[:1].isupper():
        return None
    if part.end < len(doc) and doc[part.end].text in ADMIN_HEADS:
        return None  # "Tipperary County Council": the county's name goes on
    candidates = tuple(c for c in lookup(gazetteer, part.text)
                       if c.exact and not c.feature and c.kind in ("town", "region"))
    if not candidates:
        return None
    key = normalise_name(part.text)
    points = [terms for name, terms, _ in anchors if name != key]
    states = {admin1 for name, _, admin1 in anchors if name != key}
    if not any(c.id.startswith("admin1:") and c.admin1 in states
               or c.kind == "town" and c.population >= STATE_TOWN and c.admin1 in states
               or (d := nearest_km(c.lat, c.lon, points)) is not None and d <= LOCAL_KM for c in candidates):
        return None
    name = POSSESSIVE.sub("", part.text)  # "Middletown’s" as one token
    return Toponym(part.start_char, part.start_char + len(name), name, candidates, mislabelled=True)


def _untagged_names(doc: Doc) -> Iterator[SpacySpan]:
    """Runs of capitalised proper nouns no entity covers ("early Lombard settler", "now Oakdale")."""
    i = 0
    while i < len(doc):
        if not _untagged_name_word(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and _untagged_name_word(doc[j]):
            j += 1
        if j - i <= MAX_PART_WORDS:
            yield doc[i:j]
        i = j


def _untagged_name_word(tok) -> bool:
    return tok.ent_type_ == "" and tok.pos_ == "PROPN" and tok.is_title


def _anchor_points(found: list[Toponym]) -> list[tuple[str, tuple[float, float, float], str | None]]:
    """(normalised name, point terms) of each recognised town or county, read once by the resolver."""
    copies = [dataclasses.replace(t, chosen=None, scores={}) for t in found if not t.mislabelled]
    resolve(copies)
    return [(normalise_name(t.text), point_terms(t.chosen.lat, t.chosen.lon), t.chosen.admin1) for t in copies
            if t.chosen is not None and t.chosen.kind in ("town", "region") and not t.chosen.feature
            and not t.chosen.id.startswith("admin1:")]


def _parts(span: SpacySpan, person: bool) -> Iterator[SpacySpan]:
    """The whole name, then the parts a town's name may be inside it: a leading part before
    a body's or post's word, the part after its last "of" / "in", and each side of a hyphen."""
    doc = span.doc
    if len(span) <= MAX_PART_WORDS and all(tok.is_title or not tok.is_alpha for tok in span) \
            and not any(tok.text in ("-", "–") for tok in span):
        yield span
    for end in range(min(span.end - 1, span.start + MAX_PART_WORDS), span.start, -1):
        if person and not any(tok.lower_ in PERSON_POST_WORDS for tok in doc[end:span.end]):
            continue  # "Jackson Smith": a given name, not a town
        if doc[end].text in ("-", "–", "'s", "’s"):
            continue
        yield doc[span.start:end]
    for i in range(span.end - 2, span.start - 1, -1):
        if doc[i].lower_ in ("of", "in") and span.end - i - 1 <= MAX_PART_WORDS:
            yield doc[i + 1:span.end]
            break
    pieces, start = [], span.start
    for tok in span:
        if tok.text in ("-", "–"):
            pieces.append(doc[start:tok.i])
            start = tok.i + 1
    if pieces:
        pieces.append(doc[start:span.end])
        for piece in pieces:
            if 0 < len(piece) <= MAX_PART_WORDS and piece[0].is_title:
                yield piece
