"""Cue, channel, hedge and denial lexicons (package data under ``data/cues/``)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    stance: str
    control: bool = False  # content is an infinitive: "vowed to continue"
    needs: str | None = None  # "oprd" (called X Y) / "as" (described X as Y)
    subject: str | None = None  # "document": only counts with a poll/study subject
    object: bool = False  # a control verb whose object is content too: "wants a wall" as well as "wants to build"
    attitude: bool = False  # "supports", "wants": a cue only with grammatical content, never a stray quotation
    preps: tuple[str, ...] = ()  # "talked about X": the preposition joins the cue, its object is the content


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    label: str | None = None  # channel name
    anaphoric: bool = False  # "if this is correct" points back at a claim
    content_only: bool = False  # hedges a speaker's content, but is no narrator claim by itself ("could")


def _read(name: str) -> list[dict]:
    path = resources.files("counterclaim.data").joinpath("cues").joinpath(name)
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


@functools.lru_cache(maxsize=1)
def cue_verbs() -> dict[str, CueVerb]:
    return {
        e["lemma"]: CueVerb(e["lemma"], e["stance"], bool(e.get("control")), e.get("needs"), e.get("subject"),
                            bool(e.get("object")), bool(e.get("attitude")), tuple(e.get("preps", ())))
        for e in _read("verbs.json")
    }


@functools.lru_cache(maxsize=1)
def cue_nouns() -> dict[str, str]:
    return {e["lemma"]: e["stance"] for e in _read("nouns.json")}


@functools.lru_cache(maxsize=1)
def clause_nouns() -> frozenset[str]:
    """Claim nouns that name a claim only with their that-clause ('the belief that ...')."""
    return frozenset(e["lemma"] for e in _read("nouns.json") if e.get("needs") == "clause")


@functools.lru_cache(maxsize=1)
def channels() -> tuple[Pattern, ...]:
    return tuple(Pattern(re.compile(e["pattern"], re.IGNORECASE), e["channel"]) for e in _read("channels.json"))


@functools.lru_cache(maxsize=1)
def hedges() -> tuple[Pattern, ...]:
    return tuple(Pattern(re.compile(e["pattern"], re.IGNORECASE), None, bool(e.get("anaphoric")), bool(e.get("content_only")))
                 for e in _read("hedges.json"))


@functools.lru_cache(maxsize=1)
def denials() -> tuple[Pattern, ...]:
    return tuple(Pattern(re.compile(e["pattern"], re.IGNORECASE)) for e in _read("denials.json"))


def channel_in(text: str) -> str | None:
    for p in channels():
        if p.regex.search(text):
            return p.label
    return None


def first_hedge(text: str, narrator: bool = False) -> tuple[re.Match[str], Pattern] | None:
    best: tuple[re.Match[str], Pattern] | None = None
    for p in hedges():
        if narrator and p.content_only:
            continue
        m = p.regex.search(text)
        if m and (best is None or m.start() < best[0].start()):
            best = (m, p)
    return best


def has_denial(text: str) -> bool:
    return any(p.regex.search(text) for p in denials())


@functools.lru_cache(maxsize=1)
def rebuttals() -> tuple[Pattern, ...]:
    return tuple(Pattern(re.compile(e["pattern"], re.IGNORECASE)) for e in _read("rebuttals.json"))


def has_rebuttal(text: str) -> bool:
    """A report rejects a rumour or claim: "puts the rumour to rest", "casts doubt on", "retracts"."""
    return any(p.regex.search(text) for p in rebuttals())


@functools.lru_cache(maxsize=1)
def attributed_heads() -> re.Pattern[str]:
    alternatives = "|".join(e["pattern"] for e in _read("attributed_heads.json"))
    return re.compile(rf"(?:{alternatives})", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def headline_labels() -> frozenset[str]:
    return frozenset(e["label"] for e in _read("headline_labels.json"))
