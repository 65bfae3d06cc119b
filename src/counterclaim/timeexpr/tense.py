"""The tense of the clause a time expression sits in, read from the dependency parse.

"Aliyev said on Sunday" (past) means the last Sunday; "talks will resume on
Sunday" (future) the next one. We climb from the expression to its governing
verb and read the verb's tag and its auxiliaries.
"""

from __future__ import annotations

from spacy.tokens import Span

from .calendar_math import FUTURE, PAST, PRESENT

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})
_FUTURE_VERBS = frozenset({"plan", "expect", "schedule", "set", "intend", "hope", "aim", "want", "due", "prepare"})
_MAX_CLIMB = 8


def clause_tense(span: Span) -> str:
    verb = span.root
    for _ in range(_MAX_CLIMB):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return PAST if verb.tag_ in ("VBD", "VBN") else PRESENT
    return _verb_tense(verb, depth=0)


def _verb_tense(verb, depth: int) -> str:  # type: ignore[no-untyped-def]
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    tags = {a.tag_ for a in auxes} | {verb.tag_}
    if words & _FUTURE_AUX:
        return FUTURE
    if "VBD" in tags:
        return PAST
    if verb.tag_ == "VBN" and (words & {"has", "have", "'ve", "'s"} or not auxes):
        return PAST  # present perfect, or a reduced relative ("the town captured on Sunday")
    if "to" in words or verb.tag_ == "VB" and not words & {"would", "could", "might", "should", "must", "may", "can"}:
        head = verb.head
        if head is not verb and depth < 2 and head.pos_ in ("VERB", "AUX", "ADJ"):
            if head.lemma_ in _FUTURE_VERBS:
                return FUTURE
            return FUTURE if _verb_tense(head, depth + 1) != PAST else PAST
        return FUTURE
    if words & {"would", "could", "might", "should", "must", "may", "can"}:
        return FUTURE if verb.tag_ == "VB" and "have" not in words else PAST
    if tags & {"VBZ", "VBP"}:
        return PRESENT
    if verb.tag_ == "VBG":
        head = verb.head
        if head is not verb and depth < 2:
            return _verb_tense(head, depth + 1)
    return PRESENT
