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


_SCHEDULE_WORDS = frozenset({"due", "set", "scheduled", "expected", "poised", "slated", "going", "planned", "likely"})
_MODALS = frozenset({"would", "could", "might", "should", "must", "may", "can"})


def _verb_ancestor(token):  # type: ignore[no-untyped-def]
    """The nearest verb above ``token`` (None at the root)."""
    for _ in range(_MAX_CLIMB):
        if token.head is token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


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
    if words & _MODALS:
        return FUTURE if verb.tag_ == "VB" and "have" not in words else PAST
    if verb.tag_ in ("VB", "VBG") or "to" in words:
        # An infinitive or participle takes its time from the verb it hangs on ("is due to
        # travel on Saturday", "before returning on Monday", "an attempt to make ... of Friday").
        if verb.lemma_ in _SCHEDULE_WORDS:
            return FUTURE
        head = _verb_ancestor(verb)
        if head is None or depth >= 3:
            return FUTURE if "to" in words or verb.tag_ == "VB" else PRESENT
        if head.lemma_ in _FUTURE_VERBS:
            return FUTURE
        return _verb_tense(head, depth + 1)
    if tags & {"VBZ", "VBP"}:
        if any(c.lemma_ in _SCHEDULE_WORDS or c.lower_ in _SCHEDULE_WORDS for c in verb.children):
            return FUTURE  # "the pope is due to travel", "talks are set for Monday"
        return PRESENT
    return PRESENT
