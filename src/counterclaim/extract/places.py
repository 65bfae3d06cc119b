"""The ``places`` stage: every toponym, resolved to a place on the map.

Recognition reads the shared parse: GPE / LOC / FAC entities (the project's
gazetteer ruler runs before NER, see ``data/ruler/places.jsonl``), plus names
the statistical model mislabelled as PERSON / ORG that the gazetteer knows and
that follow a locative preposition ("fighting near Stepanakert"). Demonyms
("Azeri", "Armenian") are NORP and stay out. Guards drop a gazetteer match that
is part of a person's or organisation's name ("Georgia Smith", "Washington
Post") and extend one followed by a geographic head noun ("Gaza City").

Each toponym is one ``Place``, in text order (the events stage refers to places
by index). A name standing for a government or side is kept with
``role="actor"`` ("Armenia denied", "supported by Armenia"); a name used for
the territory has ``role="place"`` ("fighting in Armenia"). A name that only
sets a clock ("at midnight Moscow time", "10:00 Kyiv time", "Pacific Standard
Time") has ``role="time"``: it locates nothing; nor does the town in a newspaper's
title ("The Washington Post", ``role="title"``), which gold standards count as a toponym.

A name the gazetteer does not know (a street, a park, a river, a base) is kept with
the point of the article's main town (or region) and precision 3, no GeoNames id.
A building, office or numbered highway the model tagged as a facility is not kept
("City Hall", "Interstate 64"): the gold standards do not count them, and one named
after its town gives that town ("Hanover Town Hall" -> Hanover).

Precision codes (ACLED geo-precision, extended to coarser levels):

====  =====================================================================
1     a town or point named directly
2     near a town / a stated distance and bearing from it ("15 km south of")
3     a first-level region, district or contested area (Nagorno-Karabakh)
4     a country
5     a continent, sea or world region (Middle East, Caucasus)
====  =====================================================================
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..geo import Candidate, get_gazetteer, normalise_name, offset
from ..model import ArticleResult, Place, Relative, Span
from ..nlp.cached import doc_text
from .places_civic import civic_names, party_districts
from .places_local import local_towns
from .places_features import TRAILING_HEADS, listed_before_plural_head, named_features
from .places_relative import RelativePhrase, find_relative
from .places_resolve import Toponym, dominant_area, lookup, resolve
from .registry import stage

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels the small model sometimes gives a toponym it does not know.
MISLABELS = ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART")
# Prepositions after which a capitalised name the model called a person is a place:
# "fighting near Stepanakert" ("to", "from", "at", "with" also take people).
# Verbs of movement: a name after their "to" / "from" is a destination or an origin.
MOTION_VERBS = frozenset({"move", "go", "come", "return", "travel", "head", "drive", "fly", "relocate", "switch",
                          "walk", "sail", "flee", "evacuate", "transfer", "commute", "migrate", "emigrate", "arrive",
                          "trip", "journey", "route", "flight", "road", "honeymoon", "visit", "tour", "deport"})
LOCATIVE = frozenset({"in", "near", "into", "outside", "around", "towards", "toward", "across", "through",
                      "via", "inside", "within", "nearby"})
# A geographic head noun right after a gazetteer match belongs to the name.
GEO_HEADS = frozenset({"City", "Province", "Region", "Oblast", "Governorate", "State", "District", "County",
                       "Strip", "Valley", "Mountains", "River", "Sea", "Island", "Islands", "Bay", "Gulf", "Lake",
                       "Peninsula", "Heights", "Airport", "Port", "Rayon", "Krai", "Republic", "Territory"})
REGION_WORDS = frozenset({"region", "province", "oblast", "governorate", "state", "district", "county", "rayon",
                          "regions", "provinces", "governorates", "territory", "enclave"})
TOWN_WORDS = frozenset({"city", "town", "village", "capital", "port", "settlement"})
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "st", "saint", "mr.", "mrs.", "ms.", "dr."})
# Words before a person's surname, whatever the surname's other senses: "coach Ripley", "Sen. Bell".
PERSON_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "coach", "judge", "sen", "senator", "rep",
                           "gov", "governor", "sgt", "sergeant", "officer", "deputy", "capt", "captain", "lt",
                           "gen", "general", "col", "colonel", "rev", "reverend", "pastor", "father", "prof",
                           "professor", "detective", "trooper", "councilman", "councilwoman", "commissioner",
                           "president", "chairman", "chairwoman", "mayor", "principal", "superintendent",
                           "sheriff", "attorney", "spokesman", "spokeswoman", "director", "actor", "singer"})
# Bodies and buildings that stand for a government or a charity; as names of towns they are rare in news.
INSTITUTION_NAMES = frozenset({"White House", "Congress", "Kremlin", "Pentagon", "United Way", "Capitol"})
# Verbs whose subject (or by-agent) is a government or side when it is a place name.
ACTOR_VERBS = frozenset(["say", "tell", "claim", "deny", "announce", "declare", "accuse", "blame", "warn", "threaten", "vow", "pledge", "promise", "insist", "reject", "refuse", "condemn", "urge", "demand", "call", "ask", "agree", "sign", "support", "back", "arm", "fund", "supply", "send", "deploy", "launch", "attack", "strike", "shell", "bomb", "invade", "occupy", "withdraw", "retreat", "recognise", "recognize", "sanction", "respond", "retaliate", "negotiate", "propose", "offer", "report", "confirm", "admit", "acknowledge", "allege", "dismiss", "protest", "veto", "vote", "recall", "expel", "summon", "order", "plan", "seek", "want"])
# Heads that make a polity name an actor: "Azerbaijan's Defence Ministry", "the Karabakh authorities".
INSTITUTIONS = frozenset(["ministry", "minister", "ministers", "government", "president", "presidency", "leader", "leaders", "leadership", "authorities", "authority", "officials", "official", "army", "military", "forces", "force", "troops", "navy", "fleet", "guard", "guards", "service", "services", "spokesman", "spokeswoman", "spokesperson", "administration", "parliament", "cabinet", "embassy", "envoy", "ambassador", "delegation", "side", "regime", "prime", "premier", "foreign", "defence", "defense", "state", "capitulation", "announcement", "statement", "control", "demand", "demands"])
PRESSURE_VERBS = frozenset(["accuse", "blame", "press", "urge", "warn", "condemn", "sanction", "call", "ask", "invite", "pressure", "thank", "criticise", "criticize"])
# A mislabelled name is taken as a place anywhere when it names a town at least this large.
WELL_KNOWN_TOWN = 1_000_000
# A name the model called an organisation is a place when it is exactly a polity's name
# ("California", "U.S.": metonymy) or a town at least this large ("Allendale" officials).
ORG_AS_TOWN = 50_000
MAJOR_COUNTRY = 50_000_000
# Region names that are also everyday words; as an organisation's name they are not places.
COMMON_REGION_WORDS = frozenset({"centre", "center", "central", "north", "south", "east", "west", "federal", "capital",
                                 "coast", "western", "eastern", "northern", "southern", "midlands", "national",
                                 "commerce", "media", "alliance", "time", "union", "independence", "liberty"})
# Last words of an organisation's name: a place before them is a place named inside it
# ("Jamaica Cancer Society", "Henderson County Sheriff's Office"); gold standards count it.
# A newspaper's title is not ("Washington Post", "New York Times").
NEWSPAPER_WORDS = frozenset({"post", "times", "herald", "tribune", "journal", "gazette", "daily", "news", "chronicle",
                             "star", "globe", "examiner", "observer", "telegraph", "courier", "sun", "record",
                             "register", "press", "review", "mirror", "inquirer", "dispatch", "bee", "standard"})
ORG_HEADS = frozenset({"society", "authority", "council", "university", "college", "school", "bank", "office",
                       "department", "ministry", "association", "party", "company", "hospital", "police", "commission",
                       "agency", "board", "church", "institute", "center", "centre", "club", "court", "district", "corporation", "airlines",
                       "airways", "federation", "union", "foundation", "museum", "library", "zoo", "county", "city",
                       "state", "government", "assembly", "senate", "legislature", "fire", "sheriff", "service",
                       "services", "committee", "network", "group", "league", "team", "fc", "united", "cathedral",
                       "chamber", "academy", "station", "port", "airport", "reserve", "bureau", "prison", "jail"})
# Words naming an occasion, an operation or a law: a facility or location the model saw in
# "the Easter Vigil Mass", "St. Patrick's Day", "Operation Desert Storm", "the Heimlich Maneuver".
OCCASION_WORDS = frozenset({"easter", "christmas", "passover", "ramadan", "eid", "hanukkah", "thanksgiving", "mass",
                            "vigil", "day", "operation", "maneuver", "manoeuvre", "inquisition", "olympics",
                            "festival", "competition", "tournament", "championship", "crash", "act", "lottery",
                            "breakfast", "celebration", "parade", "ceremony"})
# After a place name: the name sets a clock, not a location ("midnight Moscow time", "Kyiv time zone").
TIME_ZONE_AFTER = re.compile(r"[ -](?:(?:standard|summer|daylight|local|mean) )?time(?: zone)?\b(?!s)", re.IGNORECASE)
DEMONYM = re.compile(r"(?:ian|ean|ese|ish|i|an|ic)s?$")


@stage("places", version="1")
def places(doc: Doc, result: ArticleResult) -> None:
    """Toponyms with coordinates, GeoNames id, kind, precision, aliases, relative location and role."""
    toponyms = recognise(doc)
    result.places.extend(resolve_toponyms(doc, toponyms))


# --- recognition ----------------------------------------------------------------


def recognise(doc: Doc) -> list[Toponym]:
    gazetteer = get_gazetteer()
    found: list[Toponym] = []
    guarded: list[SpacySpan] = []  # gazetteer matches the guards took for a person's or body's name
    for ent in doc.ents:
        span = _trim(ent)
        if span is None or not span.text[:1].isupper():  # "west", "the north": directions, not names
            continue
        if ent.label_ in PLACE_LABELS:
            span = _with_first_word(doc, span, gazetteer)
            if ent.ent_id_:  # a gazetteer rule, not the model: guard against names of people and bodies
                kept = _guard_rule_match(doc, span, gazetteer)
                if kept is None:
                    guarded.append(span)
                    continue
                span = kept
            candidates = lookup(gazetteer, span.text)
            if len(span) > 1 and not any(c.exact for c in candidates):
                known = _known_part(doc, span, gazetteer)
                if known is not None:
                    span, candidates = known
            if not candidates and ent.label_ in ("FAC", "LOC") and len(span) > 1:
                inner = _leading_place(doc, span, gazetteer)
                if inner is not None:
                    span, candidates = inner
            if not candidates and (ent.label_ == "GPE" and not _unknown_town_in_place(doc, span, gazetteer)
                                   or _looks_like_demonym(span)):
                continue  # a "GPE" no gazetteer knows is mostly a person, product or firm
            if not candidates and any(tok.lower_ in OCCASION_WORDS for tok in span):
                continue  # "the Easter Vigil", "Operation Desert Storm": a time or an action, not a place
            if not candidates and ent.label_ == "FAC" and not _place_like_facility(span):
                continue  # "City Hall", "Interstate 64", "the Ronald Reagan Building"; named streets come back below
            found.append(Toponym(span.start_char, span.end_char, span.text, candidates))
        elif ent.label_ in MISLABELS:
            candidates = _mislabelled_candidates(lookup(gazetteer, span.text), span)
            if candidates and (_after_locative(doc, span) or _well_known(candidates[0], span)
                               or ent.label_ == "ORG" and _org_is_place(candidates, span.text)):
                found.append(Toponym(span.start_char, span.end_char, span.text, candidates,
                                     mislabelled=not _well_known(candidates[0], span)))
            elif ent.label_ == "ORG":
                inner = _place_inside_organisation(doc, span, gazetteer)
                if inner is not None:
                    found.append(inner)
    people = _names_of_people(doc)
    found = [t for t in found if not _is_a_persons_name(t, people)]
    found.extend(_same_name_again(doc, found, people))
    found.extend(civic_names(doc, gazetteer, found, people))
    text = doc_text(doc)
    found.extend(_list_neighbours(doc, text, gazetteer, found, people))
    found.extend(_untagged_after_preposition(doc, gazetteer, found, people))
    found.extend(_datelines(text, gazetteer, found))
    found.extend(local_towns(doc, gazetteer, found, people, COMMON_REGION_WORDS, _trim, guarded))
    found = [t for t in found if not _names_a_person_or_body(doc, t) and not _bare_ocean_name(t)]
    found = _with_features(doc, text, gazetteer, found)
    found.extend(_listed_before_plural_head(text, gazetteer, found))
    found.extend(party_districts(text, gazetteer, found))
    found.sort(key=lambda t: t.start)
    _add_syntax_hints(doc, found, text)
    return found


# What stands between two items of a list of places: "Žilina, Nitra, Prešov and Košice".
LIST_GLUE = re.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+|\s*/\s*|\s*&\s*)$")
MAX_GLUE = 8


def _list_neighbours(doc: Doc, text: str, gazetteer, found: list[Toponym], people: set[str]) -> list[Toponym]:
    """A name the model mislabelled is a place when it is listed next to a recognised one.

    Spreads along the list both ways ("Hilversum and Almelo", "Tamil Nadu, Karnataka
    and Puducherry"); only names the gazetteer knows spelt as written.
    """
    pending = [ent for ent in doc.ents if ent.label_ in ("PERSON", "ORG") and ent.text not in people
               and not any(t.start < ent.end_char and ent.start_char < t.end for t in found)]
    out: list[Toponym] = []
    grew = True
    while grew and pending:
        grew = False
        for ent in list(pending):
            span = _trim(ent)
            if span is None or not span.text[:1].isupper():
                pending.remove(ent)
                continue
            neighbours = [t for t in found + out if t.candidates and t.candidates[0].kind in ("town", "region") and (
                span.start_char - MAX_GLUE <= t.end <= span.start_char and LIST_GLUE.match(text[t.end:span.start_char])
                or span.end_char <= t.start <= span.end_char + MAX_GLUE and LIST_GLUE.match(text[span.end_char:t.start]))]
            if not neighbours:
                continue
            # A town of the neighbour's country: "Israel and Hamas", "the Union ... Lincoln" stay out.
            countries = {c.country_code for t in neighbours for c in t.candidates[:3]}
            candidates = tuple(c for c in lookup(gazetteer, span.text)
                               if c.exact and not c.feature and c.country_code in countries)
            pending.remove(ent)
            if candidates:
                out.append(Toponym(span.start_char, span.end_char, span.text, candidates))
                grew = True
    return out


# Prepositions before a name the model left untagged that make it a place when the gazetteer knows it
# as a sizeable town or a region: "of Grand Prairie", "in Euclid", "the town of Pervouralsk".
UNTAGGED_PREPOSITIONS = frozenset({"in", "of", "near", "from", "outside", "at"})
UNTAGGED_MIN_POPULATION = 10_000
MAX_UNTAGGED_WORDS = 3
DIRECTION_WORDS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                             "Central", "Northeast", "Northwest", "Southeast", "Southwest"})


def _untagged_after_preposition(doc: Doc, gazetteer, found: list[Toponym], people: set[str]) -> list[Toponym]:
    """A capitalised name no entity covers, right after a preposition, that the gazetteer knows as spelt."""
    taken = {i for t in found for i in range(t.start, t.end)}
    out = []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.lower_ not in UNTAGGED_PREPOSITIONS or tok.is_sent_start or tok.idx in taken:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < MAX_UNTAGGED_WORDS and _untagged_name_word(doc[end]):
            end += 1
        if end == tok.i or end < len(doc) and _untagged_name_word(doc[end]):
            continue  # no name, or one longer than we read
        span = doc[tok.i:end]
        if span[0].text in DIRECTION_WORDS or span.text.lower() in COMMON_REGION_WORDS or span.text in people:
            continue
        candidates = tuple(c for c in lookup(gazetteer, span.text) if c.exact and not c.feature)
        if candidates and (candidates[0].kind == "region" or candidates[0].kind == "town"
                           and candidates[0].population >= UNTAGGED_MIN_POPULATION):
            out.append(Toponym(span.start_char, span.end_char, span.text, candidates))
    return out


def _untagged_name_word(tok) -> bool:
    return tok.ent_type_ == "" and tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper and len(tok) > 2)


def _with_features(doc: Doc, text: str, gazetteer, found: list[Toponym]) -> list[Toponym]:
    """Add named streets and waters; one closed by its head replaces a town's name inside it ("Lebanon Street")."""
    for feature in named_features(doc):
        inside = [t for t in found if t.start < feature.end and feature.start < t.end]
        if inside and not (feature.closed and all(feature.start <= t.start and t.end <= feature.end for t in inside)):
            continue  # the recogniser's boundary stands ("Mount Pleasant" before "High School")
        name = text[feature.start:feature.end]
        candidates = tuple(c for c in lookup(gazetteer, name) if c.exact)
        found = [t for t in found if t not in inside]
        found.append(Toponym(feature.start, feature.end, name, candidates))
    return found


def _names_a_person_or_body(doc: Doc, t: Toponym) -> bool:
    """A surname after a title ("coach Ripley"), an institution ("the White House"), an everyday word
    the model tagged ("the Centre" for India's government, "the West")."""
    if t.text in INSTITUTION_NAMES:
        return True
    if t.dateline:
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in PERSON_TITLES:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return len(span) == 1 and t.text.lower() in COMMON_REGION_WORDS and not (
        after is not None and (after.text in GEO_HEADS or after.lower_ in REGION_WORDS))


def _bare_ocean_name(t: Toponym) -> bool:
    """"the Atlantic", "Asia-Pacific": an ocean named by its adjective alone. Neither gold standard
    marks these (they mostly qualify a season, a trade or a region); "the Pacific Ocean" stays."""
    return " " not in t.text and any(c.feature and c.name.endswith(" Ocean") and c.name.startswith(t.text)
                                     for c in t.candidates)


def _listed_before_plural_head(text: str, gazetteer, found: list[Toponym]) -> list[Toponym]:
    """Each name of "Barrow and Jackson counties", resolved as a county where the gazetteer has one."""
    out = []
    for start, end, head in listed_before_plural_head(text):
        name = text[start:end]
        candidates = tuple(c for c in lookup(gazetteer, f"{name} {head}") if c.exact) if head else ()
        same = next((t for t in found if (t.start, t.end) == (start, end)), None)
        if same is not None and candidates:
            same.candidates = candidates  # "Jackson counties": the county, not the town
        if any(t.start < end and start < t.end for t in found):
            continue
        if not candidates:
            candidates = tuple(c for c in lookup(gazetteer, name) if c.exact and c.kind in ("town", "region"))
        out.append(Toponym(start, end, name, candidates))
    return out


# A given name, a middle initial and a surname, whatever label the model gave it: "Tyrise M. Bell".
WITH_MIDDLE_INITIAL = re.compile(r"^[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+$")


def _names_of_people(doc: Doc) -> set[str]:
    """Words of the people named in full ("Sal Trapani", "Mike Flores"): alone, they are those people."""
    people = {tok.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent if tok.is_title}
    people.update(ent[-1].text for ent in doc.ents if WITH_MIDDLE_INITIAL.match(ent.text))
    return people


def _is_a_persons_name(t: Toponym, people: set[str]) -> bool:
    """One word of a person named in full in the article is that person again ("Fairfield declined to
    plead" after "Tiffany Fairfield"); countries and capitals are left alone ("George Washington")."""
    if t.text not in people:
        return False
    if t.mislabelled:
        return True
    top = t.candidates[0] if t.candidates else None
    return " " not in t.text and not t.dateline and not (top is not None and (top.kind == "country" or top.capital))


def _same_name_again(doc: Doc, found: list[Toponym], people: set[str]) -> list[Toponym]:
    """One sense per article: a name recognised as a place once is a place where the model mislabelled it,
    alone or at the head of an organisation's name ("Woodstock" ... "the Woodstock General Hospital")."""
    known = {t.text: t for t in found if t.candidates}
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON", "NORP") or ent.text in people:
            continue
        if any(t.start < ent.end_char and ent.start_char < t.end for t in found):
            continue
        if ent.text in known:
            out.append(Toponym(ent.start_char, ent.end_char, ent.text, known[ent.text].candidates))
            continue
        head = _known_head(ent, known) if ent.label_ == "ORG" else None
        if head is not None and head.text not in people:
            out.append(Toponym(head.start_char, head.end_char, head.text, known[head.text].candidates))
    return out


def _known_head(ent: SpacySpan, known: dict[str, Toponym]) -> SpacySpan | None:
    """The longest leading part of an organisation's name that the article names as a place elsewhere."""
    span = _trim(ent)
    if span is None:
        return None
    for end in range(span.end - 1, span.start, -1):
        part = span.doc[span.start:end]
        if part.text in known:
            return part
    return None


# A dateline: a capitalised place at the start of a line, before a dash ("BAKU —", "KYIV, Ukraine —").
DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z.'’\- ]{1,40}?[A-Z.])(?=\s*(?:,[^\n—–]{0,40})?\s*(?:—|–|--|-\s|\(|:))", re.MULTILINE)


# A dateline inside a line: before a wire service's credit ("statements. SAN DIEGO (AP) —"),
# or after a sentence's end (or a date's year) and before a dash or colon, its region or country between
# ("... grant event. IMMOKALEE – Congressman", "... 2009 NEWARK -- After", ". TBILISI, Georgia --", ". BEIRUT: The").
_CAPS = r"([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
WIRE_DATELINE = re.compile(
    r"(?<= )" + _CAPS + r"(?=(?:,\s*[A-Z][\w.]{1,15}(?: [A-Z][\w.]+)?)?\s*\((?:AP|AFP|Reuters|UPI|CNN|dpa|IANS|PTI|Xinhua)\))"
    r"|(?:(?<=[.!?”\"] )|(?<=\d{4} ))" + _CAPS
    + r"(?=(?:,\s*[A-Z][\w.]{1,15}(?: [A-Z][\w.]+)?)?\s*(?:[—–]|-{1,3}\s|:\s))"
)


def _datelines(text: str, gazetteer, found: list[Toponym]) -> list[Toponym]:
    """All-capital datelines, which the statistical model does not tag."""
    out = []
    matches = sorted([*DATELINE.finditer(text), *WIRE_DATELINE.finditer(text)], key=lambda m: m.start(1))
    for m in matches:
        group = 1 if m.group(1) else 2
        start, end = m.span(group)
        if any(t.start < end and start < t.end for t in [*found, *out]):
            continue
        name = m.group(group)
        candidates = tuple(c for c in lookup(gazetteer, name) if c.kind in ("town", "country", "region"))
        if candidates:
            out.append(Toponym(start, end, name, candidates, dateline=True))
    return out


TRAILING_JOINERS = frozenset({"and", "or", "to", "of", "in", "at", "on", "from", "-", "–", "—", "/", ","})


def _trim(ent: SpacySpan) -> SpacySpan | None:
    """Drop a leading "the", a trailing possessive (gold standards and the gazetteer leave them out) and
    a trailing word that only joins the name to the next ("Vivion Road and", "Highway 59 to")."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "‘", "“", '"', "'"):
        start += 1
    while end > start and (ent.doc[end - 1].lower_ in ("'s", "’s", "'", "’")
                           or ent.doc[end - 1].is_lower and ent.doc[end - 1].lower_ in TRAILING_JOINERS):
        end -= 1
    return ent.doc[start:end] if start < end else None


# Entity types of a capitalised word after a place's name that make it no surname ("Moscow, Russia Thursday").
NOT_A_SURNAME = frozenset({*PLACE_LABELS, "DATE", "TIME", "EVENT", "NORP"})


def _guard_rule_match(doc: Doc, span: SpacySpan, gazetteer) -> SpacySpan | None:
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.text in GEO_HEADS:
        longer = doc[span.start : span.end + 1]
        if lookup(gazetteer, longer.text):
            return longer  # "Gaza City", "Donetsk Oblast"
        return span  # "Mississippi State" (a university): the place is "Mississippi"
    if after is not None and after.is_title and after.pos_ == "PROPN" and after.ent_type_ not in NOT_A_SURNAME:
        if _names_organisation(doc, span.end):
            return span  # "Jamaica Cancer Society": a place inside an organisation's name
        return None  # "Georgia Smith", "Jordan Peterson"
    if before is not None and before.is_title and before.pos_ == "PROPN" and before.ent_type_ == "" \
            and before.lower_ != "the":  # the look-up drops a leading "the": "The Karabakh" is not a longer name
        longer = doc[before.i : span.end]
        if any(c.exact for c in lookup(gazetteer, longer.text)):
            return longer  # "New" + the rule's "Jersey": the ruler knew only the shorter name
    if before is not None:
        if before.lower_.rstrip(".") in TITLES or before.lower_ in TITLES:
            return None  # "Mr. Georgia"
        if before.is_title and before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", ""):
            return None  # "Michael Jordan"
    return span


# Words after a town's name inside a facility's or body's name the model tagged as a place:
# "Cottonport Fire Station", "Shelbyville Recreation Center", "Greer City Hall".
FACILITY_WORDS = ORG_HEADS | {"fire", "recreation", "hall", "singers", "public", "volunteer", "sheriff's", "sheriff’s",
                              "town", "center", "centre", "community", "civic", "memorial", "art"}
# A name goes on through these: "Birmingham City" (a county before its body is cut: "Butler County Jail").
PLACE_ENDINGS = frozenset({"city", "town", "county", "state", "district", "port", "station", "airport"})


def _known_part(doc: Doc, span: SpacySpan, gazetteer) -> tuple[SpacySpan, tuple[Candidate, ...]] | None:
    """The town or region at the head of a facility's or body's name the model tagged as a place.

    The longest leading part the gazetteer knows, spelt as written, when the rest starts with a
    facility word and is not itself a place's name ("Ochamchire district" keeps "Ochamchire",
    "Birmingham City" stays whole).
    """
    for end in range(span.end - 1, span.start, -1):
        rest = doc[end:span.end]
        if rest[0].is_lower and (rest[0].lower_ in REGION_WORDS or len(rest) == 1 and rest[0].lower_ in TOWN_WORDS):
            pass  # "Ochamchire district", "Haifa city": a lower-case descriptor after the name
        elif doc[end - 1].text == "County" and rest[0].is_title and rest[-1].text not in TRAILING_HEADS:
            pass  # "the Butler County Jail", "Lamar County Commissioners": the county's body
        elif len(rest) < 2 or rest[0].lower_ not in FACILITY_WORDS or rest[0].lower_ in PLACE_ENDINGS \
                or rest[-1].text in TRAILING_HEADS:
            continue  # "Manila Cathedral", "Montgomery County Democrats", "Dublin Center Drive" stay whole
        part = doc[span.start:end]
        candidates = tuple(c for c in lookup(gazetteer, part.text) if c.exact and not c.feature)
        if candidates and candidates[0].kind in ("town", "region", "country"):
            return part, candidates
    return None


# First words of a facility's or public body's name after the town it serves:
# "Hanover Town Hall", "Fort Mill High School", "Anderson County Courthouse", "Woodstock District Chamber".
SERVICE_HEADS = frozenset({"town", "city", "high", "middle", "elementary", "school", "schools",
                           "courthouse", "court", "hospital", "common", "district", "chamber", "sheriff",
                           "sheriff's", "sheriff’s", "police", "library", "public", "regional", "community"})


# A facility no gazetteer knows is a place the gold standards count when it is an open space, a base
# or a crossing ("Coffman Park", "Camp Lejeune", "Dulles Airport"); buildings, offices and numbered
# highways are not. Named streets and waters are read separately (``places_features``).
PLACE_LIKE_LAST = frozenset({"Park", "Airport", "Field", "Preserve", "Grove", "Square", "Canal", "Crossing",
                             "Wilderness", "Forest", "Island", "Islands", "Beach", "Harbour", "Harbor", "Port",
                             "Cathedral", "Church", "Tower", "Bridge", "Plaza", "Base", "Bypass"})
PLACE_LIKE_FIRST = frozenset({"Fort", "Camp", "Mount", "Mt.", "Lake", "Cape", "Port", "Town", "River"})


def _place_like_facility(span: SpacySpan) -> bool:
    return span[-1].text in PLACE_LIKE_LAST or span[-1].text in TRAILING_HEADS or span[0].text in PLACE_LIKE_FIRST


def _leading_place(doc: Doc, span: SpacySpan, gazetteer) -> tuple[SpacySpan, tuple[Candidate, ...]] | None:
    """The town or region a facility or public body no gazetteer knows is named after.

    "Hanover Town Hall", "Fort Mill High School", "Laurel County Courthouse": the gold standards mark
    the place, and the facility is located by it. Only before a word of public services, so that
    "Grand View Memorial Park" and "Dulles Airport" keep their whole names.
    """
    for end in range(span.end - 1, span.start, -1):
        if doc[end].lower_ not in SERVICE_HEADS or not doc[end].is_title:
            continue
        part = doc[span.start:end]
        if part[-1].lower_ in SERVICE_HEADS or part.text.lower() in FACILITY_WORDS | COMMON_REGION_WORDS:
            continue
        candidates = tuple(c for c in lookup(gazetteer, part.text) if c.exact and not c.feature)
        if candidates and candidates[0].kind in ("town", "region"):
            return part, candidates
    return None


def _mislabelled_candidates(candidates: tuple[Candidate, ...], span: SpacySpan) -> tuple[Candidate, ...]:
    """Candidates spelt as written; a many-word region or country may drop its diacritics ("Tamil Nadu")."""
    exact = tuple(c for c in candidates if c.exact)
    if exact or len(span) < 2:
        return exact
    return tuple(c for c in candidates if c.kind in ("country", "region") and not c.feature)


def _names_organisation(doc: Doc, i: int) -> bool:
    """Whether the capitalised run of words from token ``i`` ends an organisation's name."""
    j = i
    while j < len(doc) and j < i + 5 and (doc[j].is_title or doc[j].lower_ in ("of", "and", "'s", "’s")):
        if doc[j].lower_ in ORG_HEADS:
            return True
        j += 1
    return False


def _org_is_place(candidates: tuple[Candidate, ...], text: str) -> bool:
    """A polity's own name: "California", "U.S."; not "Centre", "BA" or a surname that is also a town."""
    top = candidates[0]
    if text.replace(".", "").isupper() and len(text.replace(".", "")) <= 3:
        # "US", "UK", "EU" (the union is indexed with Europe), not "BA" or "SA"
        return top.kind in ("country", "area") and top.population >= MAJOR_COUNTRY
    if top.feature or text.lower() in COMMON_REGION_WORDS:
        return False
    return top.kind == "country" or top.kind == "region" and normalise_name(top.name) == normalise_name(text)


def _place_inside_organisation(doc: Doc, span: SpacySpan, gazetteer) -> Toponym | None:
    """A place named inside an organisation's name.

    Leading: a polity anywhere ("Nebraska Sandhills", "Texas Southern University"), a
    town only before an organisation's head word ("Henderson County Sheriff's Office").
    Trailing: after its last "of" ("University of Nebraska", "Bank of Mexico").
    """
    # A newspaper's title names its town ("The Washington Post", "St. Paul Pioneer Press"); gold standards
    # count it when the title ends on the newspaper word. "Xinhua News Agency" is an agency.
    last = span[-1] if span[-1].lower_ not in ("'s", "’s") or len(span) < 3 else span[-2]
    title = last.i > span.start and last.lower_ in NEWSPAPER_WORDS
    if not title and any(tok.lower_ in NEWSPAPER_WORDS for tok in span[1:]):
        return None
    org_head = title or _names_organisation(doc, span.start + 1)
    for end in range(span.end - 1, span.start, -1):
        inner = doc[span.start:end]
        if not inner[-1].is_title:
            continue
        candidates = tuple(c for c in lookup(gazetteer, inner.text) if c.exact)
        if candidates and (_org_is_place(candidates, inner.text) or org_head and candidates[0].kind == "town"
                           and candidates[0].population >= ORG_AS_TOWN):
            if title:  # papers are named after cities: the largest town of the name, whatever the article's area
                candidates = tuple(sorted((c for c in candidates if c.kind == "town"), key=lambda c: -c.population)[:1]) \
                    or candidates
            return Toponym(inner.start_char, inner.end_char, inner.text, candidates, in_title=title)
    of = max((tok.i for tok in span if tok.lower_ == "of"), default=None)
    if of is not None and of + 1 < span.end:
        start = of + 1 + (doc[of + 1].lower_ == "the")
        inner = doc[start:span.end]
        candidates = tuple(c for c in lookup(gazetteer, inner.text) if c.exact) if len(inner) else ()
        if candidates and (_org_is_place(candidates, inner.text)
                           or candidates[0].kind == "town" and candidates[0].population >= ORG_AS_TOWN):
            return Toponym(inner.start_char, inner.end_char, inner.text, candidates)
    return None


# Last words of a body's name, not a town's ("District" stays: "Nenagh Municipal District").
UNKNOWN_TOWN_NOT_LAST = ORG_HEADS - PLACE_ENDINGS - {"district"}


def _with_first_word(doc: Doc, span: SpacySpan, gazetteer) -> SpacySpan:
    """"New" + "London", "North" + "Las Vegas": the model left out the first word of a name the gazetteer
    knows as written; the longer name is the place."""
    if span.start == 0 or span.text.lower().startswith("the "):
        return span
    before = doc[span.start - 1]
    if not before.is_title or before.is_stop or before.ent_type_ in PLACE_LABELS:
        return span
    longer = doc[span.start - 1:span.end]
    if any(c.exact and not c.feature and c.kind in ("town", "region", "country") for c in lookup(gazetteer, longer.text)):
        return longer
    return span


def _unknown_town_in_place(doc: Doc, span: SpacySpan, gazetteer) -> bool:
    """A "GPE" no gazetteer knows is a small town when the sentence puts it on the map: after a locative
    preposition ("applicants in Portroe"), after "the village of", or before its state ("Thackerville, Okla.")."""
    if _looks_like_demonym(span) or not all(tok.is_title for tok in span if tok.is_alpha) \
            or len(span.text.replace(".", "")) <= 3 or span[-1].lower_ in UNKNOWN_TOWN_NOT_LAST:
        return False  # "Lt.", "St.", "Fly"; "Wyandotte County District Court"
    if _after_locative(doc, span):
        return True
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in TOWN_WORDS | {"village"}:
        return True
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        after = doc[span.end + 1]
        return after.is_title and any(c.exact and c.kind in ("region", "country") for c in lookup(gazetteer, after.text))
    return False


def _looks_like_demonym(span: SpacySpan) -> bool:
    return len(span) == 1 and bool(DEMONYM.search(span.text.lower()))


def _well_known(c: Candidate, span: SpacySpan) -> bool:
    """A country, a large city or a many-word region: "Washington said" is still Washington.

    One-word regions are left out: "Centre" and "Georgia" are also words and names.
    """
    if c.kind == "region":
        return len(span) > 1 and c.population >= WELL_KNOWN_TOWN
    return c.kind == "country" or c.kind == "town" and c.population >= WELL_KNOWN_TOWN


def _after_locative(doc: Doc, span: SpacySpan) -> bool:
    if span.start == 0:
        return False
    prep = doc[span.start - 1]
    if prep.lower_ in LOCATIVE:
        return True
    # "moved to Thornhill", "heading to Great Yarmouth": a destination, not a recipient.
    return prep.lower_ in ("to", "from") and prep.head.lemma_.lower() in MOTION_VERBS


def _add_syntax_hints(doc: Doc, toponyms: list[Toponym], text: str | None = None) -> None:
    text = doc_text(doc) if text is None else text
    for i, t in enumerate(toponyms):
        following = text[t.end : t.end + 20].split()
        preceding = text[max(0, t.start - 20) : t.start].split()
        if following and following[0].lower().strip(".,;") in REGION_WORDS:
            t.kind_hint = "region"
        elif len(preceding) >= 2 and preceding[-1] == "of" and preceding[-2].lower() in TOWN_WORDS:
            t.kind_hint = "town"
        if i + 1 < len(toponyms):
            nxt = toponyms[i + 1]
            if text[t.end : nxt.start] in (", ", ","):
                t.container = i + 1  # "Alexandria, La.", "Shusha, Azerbaijan"


# --- resolution -------------------------------------------------------------------


def resolve_toponyms(doc: Doc, toponyms: list[Toponym]) -> list[Place]:
    """Resolve recognised toponyms in their article context; one Place per toponym, text order."""
    text = doc_text(doc)
    relatives = _relative_links(doc, text, toponyms)
    resolve(toponyms)
    area = dominant_area(toponyms)
    out = []
    for i, t in enumerate(toponyms):
        span = Span.of(text, t.start, t.end)
        place = _place(span, t.chosen, t.text, area)
        link = relatives.get(i)
        if link is not None:
            phrase, anchor_index = link
            place = _with_relative(place, phrase, toponyms[anchor_index], described=anchor_index != i)
        role = _role(doc, text, t)
        if role != "place":
            place = _replace(place, role=role)
        out.append(place)
    return out


def _place(span: Span, c: Candidate | None, surface: str, area: Candidate | None) -> Place:
    if c is None:
        if area is None:
            return Place(span=span, name=surface, kind="area")
        # A street, building or feature no gazetteer knows: placed at the article's main
        # town or region, with that area's coarser precision (ACLED does the same).
        return Place(span=span, name=surface, kind="area", lat=area.lat, lon=area.lon,
                     country_code=area.country_code, precision=max(area.precision, 3))
    aliases = tuple(dict.fromkeys(a for a in (surface, *c.aliases) if a != c.name))
    return Place(span=span, name=c.name, kind=c.kind, lat=c.lat, lon=c.lon, geonameid=c.geonameid,
                 country_code=c.country_code, aliases=aliases, precision=c.precision)


def _relative_links(doc: Doc, text: str, toponyms: list[Toponym]) -> dict[int, tuple[RelativePhrase, int]]:
    """toponym index -> (relative phrase, index of the anchor toponym it is relative to)."""
    links = {}
    for i, t in enumerate(toponyms):
        sent = doc.char_span(t.start, t.end, alignment_mode="expand")
        sent_start = sent.sent.start_char if sent is not None else 0
        phrase = find_relative(text, t.start, sent_start)
        if phrase is None:
            continue
        # The place described: the nearest earlier toponym of the same sentence ("Shushi ... 15 km south of X").
        described = next((j for j in range(i - 1, -1, -1)
                          if toponyms[j].end <= phrase.start and toponyms[j].start >= sent_start), None)
        links[described if described is not None else i] = (phrase, i)
    return links


def _with_relative(place: Place, phrase: RelativePhrase, anchor: Toponym, described: bool) -> Place:
    """Keep "15 km south of X" on the place it describes.

    A described place resolved on its own keeps its own position (and precision 1);
    otherwise the point is moved from the anchor by the stated distance and bearing,
    with precision 2 (near a town) or the anchor's coarser precision.
    """
    anchor_name = anchor.chosen.name if anchor.chosen else anchor.text
    relative = Relative(of=anchor_name, distance_km=phrase.distance_km, bearing=phrase.bearing)
    base = anchor.chosen
    if (described and place.lat is not None) or base is None:
        return _replace(place, relative=relative)
    lat, lon = base.lat, base.lon
    if phrase.distance_km is not None and phrase.bearing is not None:
        lat, lon = offset(base.lat, base.lon, phrase.distance_km, phrase.bearing)
    precision = 2 if base.kind == "town" else max(base.precision, 3)
    return _replace(place, relative=relative, lat=round(lat, 5), lon=round(lon, 5), precision=precision)


def _role(doc: Doc, text: str, t: Toponym) -> str:
    """"time" when the name only names a clock, "title" in a newspaper's name, "actor" when it stands for a government
    or side rather than for territory, else "place".

    Only polities can act: countries, regions, contested areas, capitals. They act as
    the subject of a verb ("Armenia denied", "Azerbaijan has lost 540 soldiers"), the
    by-agent ("supported by Armenia"), the owner or head of an institution
    ("Azerbaijan's Defence Ministry", "the Karabakh authorities", "the leader of
    Nagorno-Karabakh") or the object of a verb of pressure ("press Moscow").
    """
    if not t.dateline and TIME_ZONE_AFTER.match(text, t.end):
        return "time"
    if t.in_title:
        return "title"
    c = t.chosen
    if t.dateline or c is None or c.feature or not (c.kind in ("country", "region") or c.capital):
        return "place"
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return "place"
    head = span.root
    while head.dep_ in ("conj", "appos") and head.head is not head:
        head = head.head
    governor = head.head
    if head.dep_ in ("nsubj", "agent"):
        return "actor"
    if head.dep_ == "pobj" and governor.lower_ == "by" and governor.dep_ == "agent":
        return "actor"
    if head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in INSTITUTIONS:
        return "actor"
    if head.dep_ in ("poss", "compound") and governor.lemma_.lower() in INSTITUTIONS:
        return "actor"
    if head.dep_ == "dobj" and governor.lemma_.lower() in PRESSURE_VERBS:
        return "actor"
    # The small parser reads "until Armenia withdraws from" as a compound noun; the verb form gives it away.
    if head.dep_ == "compound" and governor.tag_ == "NNS" and governor.lemma_.lower() in ACTOR_VERBS and governor.i > head.i:
        return "actor"
    return "place"


def _replace(place: Place, **changes) -> Place:
    return dataclasses.replace(place, **changes)
