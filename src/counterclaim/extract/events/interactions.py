"""PLOVER root types for interactions ACLED does not code (accuse, reject, agree, threaten...).

The sentence's verbs are visited from the root down; the first whose lemma is a
PLOVER cue (``data/events/plover.json``) gives the type. A negated cooperative
verb ("did not agree") is a REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import codebook_pairs, light_verbs, plover_cues

COOPERATIVE = frozenset({"AGREE", "SUPPORT", "COOPERATE", "CONSULT", "AID", "YIELD"})
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})
SPEECH = frozenset({"say", "tell", "state", "add", "report", "announce", "declare", "note", "write", "claim"})


@dataclass(frozen=True)
class Interaction:
    plover: str
    verb: Token


def _plover_of(lemma: str) -> str | None:
    for name, cues in plover_cues():
        if lemma in cues:
            return name
    return None


def _verbs_top_down(sent: SpacySpan) -> list[Token]:
    order: list[Token] = []
    frontier = [sent.root]
    while frontier:
        tok = frontier.pop(0)
        if tok.pos_ in ("VERB", "AUX", "NOUN") and tok.dep_ not in ("nsubj", "nsubjpass", "pobj", "compound", "amod"):
            order.append(tok)
        frontier.extend(c for c in tok.children if c.dep_ not in ("punct", "det"))
    return [t for t in order if t.pos_ == "VERB" or t is sent.root]


def negated(verb: Token) -> bool:
    """'did not agree', 'failed to reach agreement'."""
    return any(c.dep_ == "neg" for c in verb.children) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail")


def _object_type(verb: Token) -> str | None:
    """'filed a lawsuit', 'launched a mediation effort': the object noun (or its compound) carries the type."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    nouns = [obj, *(c for c in obj.children if c.dep_ == "compound")] if obj is not None else []
    return next((p for p in map(_plover_of, (n.lemma_.lower() for n in nouns)) if p), None)


def interaction(sent: SpacySpan) -> Interaction | None:
    """The PLOVER type of the sentence's main interaction, or None."""
    for verb in _verbs_top_down(sent):
        lemma = verb.lemma_.lower()
        speech = lemma in SPEECH  # "said" types nothing; "announced a suspension of aid" types its object
        typed = codebook_type(verb)  # "declared a state of emergency": the table types a speech verb too
        if speech and typed is None and lemma not in light_verbs():
            continue
        if lemma == "fire" and typed is None and not _dismisses_someone(verb):
            continue  # "fired mortars at the positions": weapons fire (ACLED), not a dismissal
        phrasal = " ".join([lemma] + [c.lower_ for c in verb.children if c.dep_ == "prt"])
        plover = typed or (None if speech else _plover_of(phrasal) or _plover_of(lemma))
        if plover is None and lemma in light_verbs():
            plover = _object_type(verb)
        if plover is None and negated(verb) and stated_intent(verb):
            plover = "REJECT"  # "will not end the strike": a refusal (CAMEO 124), whatever the verb
        if plover is None and reported_demand(verb):
            plover = "REQUEST"  # "Russia says Israel must end the raids", whatever the verb (CAMEO 10)
        if plover is None and _peacekeepers_arrive(verb):
            plover = "AID"  # CAMEO 074: peacekeepers sent in are aid, not a show of force
        if plover is None:
            continue
        if plover in COOPERATIVE and negated(verb):
            plover = "REJECT"
        return Interaction(plover, verb)
    return None


OFFICE_HOLDERS = frozenset({"official", "minister", "employee", "staff", "worker", "chief", "head", "director",
                            "manager", "coach", "commander", "general", "governor", "ambassador", "adviser",
                            "advisor", "aide", "secretary", "editor", "journalist", "teacher", "judge", "prosecutor"})


def _dismisses_someone(verb: Token) -> bool:
    """'fired the health minister', 'was fired': 'fire' as a dismissal needs a person dismissed."""
    people = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(p.ent_type_ == "PERSON" or p.lemma_.lower() in OFFICE_HOLDERS for p in people)


PEACEKEEPING_MOVES = frozenset({"arrive", "deploy", "land", "reach", "serve", "station", "enter"})


def _peacekeepers_arrive(verb: Token) -> bool:
    """'Japanese peacekeepers arrived in Juba', 'peacekeeping troops were deployed'."""
    if verb.lemma_.lower() not in PEACEKEEPING_MOVES:
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(t.lemma_.lower().startswith("peacekeep") for s in subjects for t in s.subtree)


# PLOVER (after CAMEO 03 / 12 / 13): a stated intention is itself an event. Intending to
# cooperate, aid or yield is AGREE, refusing to is REJECT, and announcing force or penalties
# is THREATEN. Only future/volitional modals state an intention; 'could', 'may' do not.
INTENT_MODALS = frozenset({"will", "would", "'ll", "shall", "wo"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})  # CAMEO 1312: threaten a boycott


def stated_intent(verb: Token) -> bool:
    """'will release', 'would allow', 'won't lift': the verb states what its subject intends."""
    return any(c.dep_ == "aux" and c.lower_ in INTENT_MODALS for c in verb.children)


def intended(plover: str, verb: Token) -> str:
    """The PLOVER type of an intention to do ``plover`` at ``verb``."""
    if any(c.dep_ == "neg" for c in verb.children) or plover == "REJECT":
        return "REJECT"
    if plover in HOSTILE:
        return "THREATEN"
    if plover in COOPERATIVE:
        return "AGREE"
    return plover  # 'will protest', 'will demand': the act itself


def codebook_type(verb: Token) -> str | None:
    """The type the CAMEO->PLOVER table gives a verb and its object outright
    ('signed an agreement' SUPPORT, 'declared a ceasefire' YIELD), whatever the classifier says."""
    lemma = " ".join([verb.lemma_.lower()] + [c.lower_ for c in verb.children if c.dep_ == "prt"])
    direct = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects = {t.lemma_.lower() for c in direct for t in (c, *(g for g in c.children if g.dep_ == "compound"))}
    objects |= {g.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
                for g in c.children if g.dep_ == "pobj"}
    # "declared a state of emergency", "lifted the state of siege": the noun after 'of' types the object
    objects |= {g.lemma_.lower() for c in direct for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"}
    objects |= {c.lemma_.lower() for c in verb.children  # "found him guilty"
                if c.dep_ in ("oprd", "acomp") or c.dep_ == "ccomp" and c.pos_ == "ADJ"}
    objects |= {g.lemma_.lower() for c in direct for g in c.children if g.dep_ == "amod" and g.lower_ == "martial"}
    objects |= {g.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                for g in c.children if g.dep_ == "pobj"}  # "used civilians as human shields"
    for plover, verbs, wanted in codebook_pairs():
        if (lemma in verbs or lemma.split()[0] in verbs) and (not wanted or objects & wanted):
            return plover
    return None


OBLIGATION_MODALS = frozenset({"must", "should"})


def reported_demand(verb: Token) -> bool:
    """'X said Qatar must mediate': an obligation the speaker puts on someone is a REQUEST (CAMEO 10)."""
    return (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH
            and any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children))


def demand_arguments(verb: Token) -> tuple[SpacySpan | None, SpacySpan | None]:
    """(speaker, whom the obligation is put on) of a reported demand."""
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    obliged = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (_argument_phrase(speaker) if speaker is not None else None,
            _argument_phrase(obliged) if obliged is not None else None)


def _argument_phrase(tok: Token) -> SpacySpan:
    from .participants import _phrase

    return _phrase(tok)


ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
TARGET_PREPS = ("on", "against", "with", "to", "from", "at", "for", "of", "into")


def _is_actor_like(tok: Token) -> bool:
    """A named person, organisation, state or people ('Iran', 'the FBI', 'Palestinian refugees')."""
    return tok.ent_type_ in ACTOR_ENTS or any(c.ent_type_ in ACTOR_ENTS for c in tok.children
                                              if c.dep_ in ("compound", "amod", "poss"))


def _prep_objects(head: Token) -> list[Token]:
    return [g for child in head.children if child.dep_ == "prep" and child.lower_ in TARGET_PREPS
            for g in child.children if g.dep_ == "pobj"]


def _target(verb: Token) -> Token | None:
    """Who the interaction is aimed at: an actor-like object, else one inside the object
    ('filed a lawsuit against X', 'sent aid to X'), else the plain object."""
    direct = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    candidates = direct + _prep_objects(verb) + [g for d in direct for g in _prep_objects(d)]
    return next((c for c in candidates if _is_actor_like(c)), candidates[0] if candidates else None)


def arguments(verb: Token) -> tuple[SpacySpan | None, SpacySpan | None]:
    """(source, target) phrases of an interaction verb: subject (or passive agent) and whom it is aimed at."""
    source = None
    for child in verb.children:
        if child.dep_ == "nsubj" and source is None:
            source = _argument_phrase(child)
        elif child.dep_ == "agent" and source is None:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            source = _argument_phrase(pobj) if pobj is not None else None
    aimed = _target(verb)
    target = _argument_phrase(aimed) if aimed is not None else None
    # The subject of a governing verb: "decided to reject", "were quick to deny" (deny <- quick <- were).
    head = verb
    for _ in range(3):
        if source is not None or head.dep_ not in CONTROL_DEPS or head.head is head:
            break
        head = head.head
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        source = _argument_phrase(subj) if subj is not None else None
    return source, target
