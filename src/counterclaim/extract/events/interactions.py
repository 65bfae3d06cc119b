"""PLOVER root types for interactions ACLED does not code (accuse, reject, agree, threaten...).

The sentence's verbs are visited from the root down; the first whose lemma is a
PLOVER cue (``data/events/plover.json``) gives the type. A negated cooperative
verb ("did not agree") is a REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import light_verbs, plover_cues

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


def interaction(sent: SpacySpan) -> Interaction | None:
    """The PLOVER type of the sentence's main interaction, or None."""
    for verb in _verbs_top_down(sent):
        lemma = verb.lemma_.lower()
        if lemma in SPEECH:
            continue
        phrasal = " ".join([lemma] + [c.lower_ for c in verb.children if c.dep_ == "prt"])
        plover = _plover_of(phrasal) or _plover_of(lemma)
        if plover is None and lemma in light_verbs():
            # "filed a lawsuit", "launched an investigation": the noun carries the type
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            plover = _plover_of(obj.lemma_.lower()) if obj is not None else None
        if plover is None:
            continue
        if plover in COOPERATIVE and any(c.dep_ == "neg" for c in verb.children):
            plover = "REJECT"
        return Interaction(plover, verb)
    return None


def _argument_phrase(tok: Token) -> SpacySpan:
    from .participants import _phrase

    return _phrase(tok)


def arguments(verb: Token) -> tuple[SpacySpan | None, SpacySpan | None]:
    """(source, target) phrases of an interaction verb: subject (or passive agent) and object."""
    source = target = None
    for child in verb.children:
        if child.dep_ == "nsubj" and source is None:
            source = _argument_phrase(child)
        elif child.dep_ == "agent" and source is None:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            source = _argument_phrase(pobj) if pobj is not None else None
        elif child.dep_ in ("dobj", "nsubjpass") and target is None:
            target = _argument_phrase(child)
    if target is None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "to", "from", "at", "for"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    target = _argument_phrase(pobj)
                    break
    # The subject of a governing verb: "decided to reject", "were quick to deny" (deny <- quick <- were).
    head = verb
    for _ in range(3):
        if source is not None or head.dep_ not in CONTROL_DEPS or head.head is head:
            break
        head = head.head
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        source = _argument_phrase(subj) if subj is not None else None
    return source, target
