"""Stance of a claim: asserts, denies or hedges.

The cue gives the base (deny/reject/dismiss -> denies; suggest/speculate ->
hedges). Within an asserting claim, a falsity or impossibility predicate
("false", "an unrealizable dream") or a negated main verb makes it a denial,
and a hedge marker ("reportedly", "could not be verified") makes it a hedge.
A negated cue ("did not confirm", "would not deny") is a hedge.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import first_hedge, has_denial

NEGATIONS = frozenset({"not", "n't", "never", "no"})


NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "noone"})


def negated(tok: Token | None) -> bool:
    return tok is not None and any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
                                   for c in tok.children)


def negated_clause(root: Token) -> bool:
    """The reported clause (or a clause coordinated with it) is negated: "not", "never", "nobody"."""
    for verb in (root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))):
        if negated(verb) or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATIVE_SUBJECTS
                                for c in verb.children):
            return True
    return False


def content_root(tokens: list[Token]) -> Token | None:
    """The token of the content whose head lies outside it."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head is t:
            return t
    return None


def claim_stance(base: str, content_text: str, cue: Token | None, root: Token | None) -> str:
    if cue is not None and negated(cue):
        return "hedges"
    if base != "asserts":
        return base
    if has_denial(content_text):
        return "denies"
    if root is not None and root.pos_ in ("VERB", "AUX") and negated_clause(root):
        return "denies"
    if first_hedge(content_text) is not None:
        return "hedges"
    return "asserts"
