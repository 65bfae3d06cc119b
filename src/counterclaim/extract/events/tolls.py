"""Casualty figures in a sentence: killed vs wounded, exact vs 'at least' vs ranges, cumulative tolls.

Numbers are read from the parse: a number (digits, number words, "a", vague
plurals such as "dozens") counts the people noun it modifies ("two soldiers"),
and that noun counts as killed or wounded when its governing verb or a modifier
says so ("were killed", "killing", "dead", "wounded"). ACLED-style summaries
("3 fatalities", "no fatalities", "fatalities coded as 10") are read directly
and override the per-phrase sum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...model import Fatalities
from .lexicon import nouns, quantities

LOWER_BOUND = re.compile(r"\b(at least|more than|over|upwards of|no fewer than|no less than|in excess of)\s*$", re.IGNORECASE)
APPROXIMATE = re.compile(r"\b(about|around|nearly|almost|some|roughly|approximately|up to|an estimated|estimated)\s*$", re.IGNORECASE)
CODED_AS = re.compile(r"fatalit\w*[^.]{0,60}?\bcoded as (\d+)", re.IGNORECASE)
SUMMARY = re.compile(r"(?<![\w.,])(\d[\d,]*|no|zero|one)\s+(?:reported\s+)?fatalit(?:y|ies)\b", re.IGNORECASE)
NO_FATALITIES = re.compile(
    r"\b(no|neither|without|nor)\b[^.]{0,30}\b(fatalit\w*|casualt\w*|deaths?|one (was )?(killed|hurt))", re.IGNORECASE
)
CUMULATIVE = re.compile(
    r"\b(since|so far|to date|in total|total of|overall|cumulative|death toll|running total"
    r"|in (?:nearly |almost |about |around |over |more than |the (?:past|last) )?(?:\w+ )?(?:days|weeks|months|years) of"
    r"|(?:began|started|erupted)\b[^.]{0,60}\b(?:left|killed|claimed)"
    r"|(?:in|during|throughout|of) the (?:[\w-]+ ){0,3}(?:war|conflict|fighting)|(?:final|military|civilian) toll|losses)\b",
    re.IGNORECASE,
)
ALTERNATIVE = re.compile(r"\b(if not|or even|or)\s*$", re.IGNORECASE)
AGENT_VERBS = frozenset({"kill", "murder", "behead", "execute", "massacre", "assassinate", "lynch", "injure",
                         "wound", "shoot", "attack", "slay", "stab", "hack"})
RANGE = re.compile(r"(\d[\d,]*)\s*(?:-|–|to|and)\s*(\d[\d,]*)")


@dataclass(frozen=True)
class Count:
    low: int
    high: int | None  # None: open-ended ("at least")
    exact: bool
    killed: bool  # False: wounded


def _number_value(tok: Token) -> int | None:
    words = quantities()
    text = tok.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text == "the":
        return 1
    if text in words["numbers"]:
        return words["numbers"][text]
    if text in words["vague"]:
        return words["vague"][text]
    try:
        return int(float(text))
    except ValueError:
        return None


def _compound_number(tok: Token) -> int | None:
    """'1,000', 'two hundred', 'three thousand': a number token with its multipliers."""
    value = _number_value(tok)
    if value is None:
        return None
    mult = quantities()["multipliers"]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in mult and tok.lower_ not in mult:
        value *= mult[nxt.lower_]
    return value


def _kind_of(noun: Token) -> bool | None:
    """True if ``noun`` is counted as killed, False as wounded, None if neither."""
    lex = nouns()
    killed, injured = lex["killed"], lex["injured"]
    lemma = noun.lemma_.lower()
    if lemma in ("dead", "fatality", "death", "body", "corpse", "life"):
        return True
    if lemma in ("injured", "wounded", "injury"):
        return False
    for child in noun.children:
        cl = child.lemma_.lower()
        if child.dep_ in ("amod", "acl", "relcl", "acomp", "oprd", "xcomp") or child.dep_ == "advmod":
            if cl in killed or child.lower_ == "dead":
                return True
            if cl in injured:
                return False
    head = noun.head
    for verb in (head, *head.conjuncts):  # "stabbed to death", "shot to death"
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to" and any(g.lower_ == "death" for g in prep.children):
                return True
    if head.lemma_.lower() in ("leave", "claim", "cause", "result"):  # "left hundreds, if not thousands, dead"
        for tok in head.subtree:
            if tok.lower_ == "dead" or tok.lemma_.lower() in ("kill", "death", "fatality"):
                return True
            if tok.lemma_.lower() in injured:
                return False
    for _ in range(2):  # the verb, or the verb a participle hangs off
        hl = head.lemma_.lower()
        if hl in killed or head.lower_ in ("dead", "killed"):
            return True
        if hl in injured:
            return False
        if head.dep_ in ("conj", "xcomp", "acomp", "oprd") or head.pos_ != "VERB":
            for sib in head.children:
                if sib.dep_ in ("oprd", "acomp", "xcomp", "amod") and (sib.lemma_.lower() in killed or sib.lower_ == "dead"):
                    return True
                if sib.dep_ in ("oprd", "acomp", "xcomp", "amod") and sib.lemma_.lower() in injured:
                    return False
        if head.head is head:
            break
        head = head.head
    return None


def _qualifier(sent_text: str, offset: int) -> tuple[bool, bool]:
    """(lower bound?, approximate?) from the words just before a number."""
    before = sent_text[max(0, offset - 30):offset]
    return bool(LOWER_BOUND.search(before)), bool(APPROXIMATE.search(before))


def counts(sent: SpacySpan) -> list[Count]:
    """Every casualty count in the sentence, in order."""
    lex = nouns()
    people = lex["people"] | lex["killed"] | lex["injured"] | {"dead", "injured", "wounded"}
    vague = quantities()["vague"]
    numbers = quantities()["numbers"]
    text = sent.text
    out: list[Count] = []
    used: set[int] = set()
    for tok in sent:
        if tok.i in used:
            continue
        lower = tok.lower_
        is_num = tok.like_num or lower in numbers or lower in vague
        if lower in ("a", "an", "the"):
            # "a civilian was killed", "killed the driver": one person (singular nouns only)
            if not (tok.dep_ == "det" and tok.head.lemma_.lower() in lex["people"] and tok.head.tag_ == "NN"):
                continue
            is_num = True
        if not is_num or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"):
            continue
        value = _compound_number(tok)
        if value is None:
            continue
        noun = tok.head if tok.dep_ in ("nummod", "det", "quantmod", "amod", "compound") else tok
        if noun is not tok and noun.like_num and noun.head is not noun:
            noun = noun.head  # "between 10 and 15 villagers"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN",):
            noun = tok.head.head  # "dozens of fighters" parsed the other way round
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj") or tok.pos_ in ("NOUN",):
            noun = tok
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for g in child.children:
                        if g.lemma_.lower() in lex["people"]:
                            noun = g
        if noun.lemma_.lower() not in people and noun is not tok:
            continue
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in AGENT_VERBS:
            continue  # the killer, not the killed ("a suicide bomber killed 3")
        if ALTERNATIVE.search(text[max(0, tok.idx - sent.start_char - 12):tok.idx - sent.start_char]):
            continue  # "hundreds, if not thousands": the second figure is an alternative
        kind = _kind_of(noun)
        if kind is None and noun is not tok:
            kind = _kind_of(tok)
        if kind is None:
            continue
        used.add(tok.i)
        offset = tok.idx - sent.start_char
        lower_bound, approx = _qualifier(text, offset)
        high: int | None = value
        exact = not (lower_bound or approx or lower in vague)
        rng = RANGE.match(text[offset:offset + 20])
        if rng:
            low_v, high_v = (int(x.replace(",", "")) for x in rng.groups())
            if low_v < high_v:
                value, high, exact = low_v, high_v, False
        if lower_bound or lower in vague:
            high = None
        out.append(Count(value, high, exact, kind))
    return out


def explicit_total(text: str) -> int | None:
    """An explicit fatality total ('3 fatalities', 'no fatalities', 'coded as 10'), if any."""
    coded = CODED_AS.search(text)
    if coded:
        return int(coded.group(1))
    summary = SUMMARY.search(text)
    if summary:
        word = summary.group(1).lower().replace(",", "")
        return 0 if word in ("no", "zero") else 1 if word == "one" else int(word)
    if NO_FATALITIES.search(text):
        return 0
    return None


def is_cumulative(text: str) -> bool:
    return bool(CUMULATIVE.search(text))


def combine(found: list[Count], *, cumulative: bool = False) -> Fatalities | None:
    """Sum the killed and the wounded counts of one event (several victim groups add up)."""
    killed = [c for c in found if c.killed]
    wounded = [c for c in found if not c.killed]
    if not killed and not wounded:
        return None

    def total(group: list[Count]) -> tuple[int | None, int | None, bool]:
        if not group:
            return None, None, False
        low = sum(c.low for c in group)
        high = None if any(c.high is None for c in group) else sum(c.high or 0 for c in group)
        return low, high, all(c.exact for c in group)

    k_low, k_high, k_exact = total(killed)
    w_low, w_high, _ = total(wounded)
    if not killed:
        k_low, k_high, k_exact = 0, 0, True  # wounded only: nobody reported killed
    return Fatalities(min=k_low, max=k_high, exact=k_exact, cumulative=cumulative,
                      injured_min=w_low, injured_max=w_high)
