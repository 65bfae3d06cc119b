"""Stance of a claim: asserts, denies or hedges.

The cue gives the base (deny/reject/dismiss -> denies; suggest/speculate ->
hedges). Within an asserting claim, a falsity or impossibility predicate
("false", "an unrealizable dream") or a negated main verb makes it a denial,
and a hedge marker ("reportedly", "could not be verified") makes it a hedge.
A negated cue ("did not confirm", "would not deny") is a hedge.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .lexicon import attributed_heads, first_hedge, has_denial, has_rebuttal

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
        if t.head.i not in ids or t.head.i == t.i:
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


# --- stance of a report (headline, sentence) toward a claim -----------------------------------

REPORTING_FORMS = re.compile(
    r"\b(?:says?|said|claims?|claimed|claiming|reports?|reported|reportedly|suggests?|suggesting|"
    r"according to|sources?|rumou?rs?|rumou?red|alleged(?:ly)?|believed|believes|purported(?:ly)?|"
    r"supposedly|may|might|could|possibly|probably|likely|apparently|appears?|seems?|expected|"
    r"unconfirmed|unverified|speculat\w*|predicts?|forecasts?|estimates?|analysts?|expects?|tips?|"
    r"hints?|tells?|told|warns?|insists?|purports?|suspects?|suspected|accus\w+|considering|"
    r"in talks|mulls?|weighs?|could|would|possible|media|questions? (?:raised|over|about|remain)|apparent|seemingly|"
    r"potentially|thinks?|sees|confusion)\b",
    re.IGNORECASE,
)
REFUTING_FORMS = re.compile(
    r"\b(?:not|no|n't|never|nope|isn't|wasn't|aren't|didn't|doesn't|don't|hasn't|haven't|won't|"
    r"hoax\w*|fake|false|debunk\w*|myth|bogus|untrue|denies|denied|deny|refutes?|rejects?|dismiss\w*|"
    r"wrongly|prank\w*|satire|satirical|fabricat\w*|made up|rumou?r control)\b",
    re.IGNORECASE,
)
# Verbs of saying: a claim built on one is about a speech act, which a report of that speech act confirms.
SPEECH_ACT = re.compile(r"\b(?:says?|said|saying|tells?|told|telling|claims?|claimed|claiming|declared?|declares|"
                        r"announced?|announces|insists?|insisted|admits?|admitted|reveals?|revealed)\b", re.IGNORECASE)
# Contrastive negation corrects a detail and asserts the rest ("in Nevada, not Texas", "not only X",
# "not missing, just having surgery"): no refutation of the claim.
CONTRASTIVE = re.compile(r"\b(?:not|n't) (?:just|only|merely)\b|,\s*not \w+(?:\s\w+)?\s*$|\bnot \w+,\s*(?:just|but|only)\b",
                         re.IGNORECASE)
# A question inside the headline ("Has X happened? ..."), not only at its end.
QUESTION = re.compile(r"\?(?:\s|$)")
# "Rep. Smith: ..." — a title abbreviation heading the headline names its speaker.
TITLED_SPEAKER = re.compile(r"^(?:Rep|Sen|Gov|Gen|Dr|Prof|Col|Lt|Capt)\.\s+[A-Z]")
# Newsroom acronyms closing a headline after a colon ("...: WSJ").
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
NEGATION = re.compile(r"\b(?:not|no|n't|never)\b|n't\b", re.IGNORECASE)


def report_stance(report: str, claim: str | None = None) -> str:
    """How a report (a headline, a sentence) stands toward a claim: asserts, denies or hedges.

    Denies when it carries a refuting or falsity word or a negation the claim
    itself does not have; hedges when it only attributes or speculates
    (reporting verbs, modals, "?"); asserts otherwise. Lexicons are the ones the
    claims stage uses (hedges.json, denials.json) plus the reporting verbs.
    """
    claim_negated = bool(claim and NEGATION.search(claim))
    refuting = [m.group(0).lower() for m in REFUTING_FORMS.finditer(CONTRASTIVE.sub(" ", report))]
    if claim_negated:
        refuting = [w for w in refuting if not NEGATION.fullmatch(w)]
    if refuting or has_denial(report) or has_rebuttal(report):
        return "denies"
    reporting = REPORTING_FORMS.search(report)
    if reporting and claim and SPEECH_ACT.search(claim):
        # the claim is itself that someone said something ("A priest says he met God"): a report that they
        # said it ("Priest claims God is female") asserts the claim; only other hedges still count
        reporting = REPORTING_FORMS.search(SPEECH_ACT.sub(" ", report))
    if QUESTION.search(report) or reporting or first_hedge(report) or colon_attributed(report):
        return "hedges"
    return "asserts"


def colon_attributed(report: str) -> bool:
    """The 'SPEAKER: claim' / 'claim: SOURCE' headline convention ("Officials: ...", "...: reports").

    The head (or tail) must be short and end in a speaker or report noun, a titled
    name or a newsroom acronym; a topic label ("Hairgate: ...") does not attribute.
    """
    head, sep, rest = report.partition(":")
    if sep and rest.strip():
        words = head.split()
        if 0 < len(words) <= 5 and (attributed_heads().fullmatch(words[-1].strip(".,'’")) or TITLED_SPEAKER.match(head)):
            return True
    before, sep, tail = report.rpartition(":")
    if sep and before.strip():
        words = tail.split()
        if 0 < len(words) <= 3 and (attributed_heads().fullmatch(words[-1].strip(".,'’")) or ACRONYM.match(words[-1])):
            return True
    return False
