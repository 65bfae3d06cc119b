"""The events stage's reference data: ACLED types, cue patterns, number words, PLOVER cues.

All of it lives in ``counterclaim/data/events/*.json`` with a source note per group;
this module only loads and compiles it, once per process.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .prefilter import literal_prefixes


def _load(name: str) -> dict[str, Any]:
    path = resources.files("counterclaim.data").joinpath("events", name)
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str
    code: str
    plover: str | None


@functools.lru_cache(maxsize=1)
def acled_types() -> tuple[AcledType, ...]:
    return tuple(AcledType(**row) for row in _load("acled_types.json")["types"])


@functools.lru_cache(maxsize=1)
def type_of_sub() -> dict[str, AcledType]:
    """Sub-event type name -> its ACLED type row."""
    return {t.sub_event_type: t for t in acled_types()}


@functools.lru_cache(maxsize=1)
def non_event_codes() -> frozenset[str]:
    return frozenset(_load("acled_types.json")["non_event_codes"]["codes"])


@functools.lru_cache(maxsize=2)
def cue_patterns(lowercase_text: bool = False) -> dict[str, re.Pattern[str]]:
    """Cue group -> one compiled alternation, matched against lemma text.

    ``lowercase_text=True`` gives case-sensitive twins for a text whose letters are all
    lower-case (``lowercase_text_ok``): they match exactly what the IGNORECASE patterns
    match there, and about three times faster (sre skips alternatives by their first
    letter only when case is exact). A group whose patterns hold a capital keeps IGNORECASE.
    """
    groups = _load("triggers.json")["groups"]
    compiled = {}
    for name, group in groups.items():
        source = r"\b(?:" + "|".join(group["patterns"]) + r")\b"
        exact = lowercase_text and source == source.lower()
        compiled[name] = re.compile(source) if exact else re.compile(source, re.IGNORECASE)
    return compiled


@functools.lru_cache(maxsize=1)
def cue_gates() -> dict[str, frozenset[str]]:
    """Cue group -> strings one of which must start a word of lower-case lemma text for the
    group's case-sensitive pattern to match (``prefilter``); groups that cannot be gated are left out."""
    gates = {}
    for name, group in _load("triggers.json")["groups"].items():
        if all(p == p.lower() for p in group["patterns"]):
            prefixes = literal_prefixes(group["patterns"])
            if prefixes is not None:
                gates[name] = prefixes
    return gates


# The two lower-case letters that Unicode case-folding matches to ASCII ones ("ı" ~ "i", "ſ" ~ "s"):
# with either in the text, only the IGNORECASE patterns give the right matches.
_FOLDS_TO_ASCII = re.compile("[\u0131\u017f]")


def lowercase_text_ok(text: str) -> bool:
    """Whether ``cue_patterns(lowercase_text=True)`` matches ``text`` exactly as the IGNORECASE patterns do."""
    return text.islower() and _FOLDS_TO_ASCII.search(text) is None


@functools.lru_cache(maxsize=1)
def nouns() -> dict[str, frozenset[str]]:
    data = _load("nouns.json")
    return {key: frozenset(value["lemmas"]) for key, value in data.items() if isinstance(value, dict)}


@functools.lru_cache(maxsize=1)
def quantities() -> dict[str, dict[str, int]]:
    data = _load("quantities.json")
    return {key: value["values"] for key, value in data.items() if isinstance(value, dict)}


@functools.lru_cache(maxsize=1)
def plover_cues() -> tuple[tuple[str, frozenset[str]], ...]:
    """(PLOVER type, cue lemmas) in priority order."""
    data = _load("plover.json")
    return tuple((name, frozenset(data["cues"][name])) for name in data["order"])


@functools.lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    """Verbs whose object noun carries the interaction ('filed a lawsuit')."""
    return frozenset(_load("plover.json").get("light_verbs", ()))


@functools.lru_cache(maxsize=1)
def codebook_pairs() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(PLOVER type, verb lemmas, object lemmas) that the CAMEO->PLOVER table types outright;
    an empty object set means the verb alone decides."""
    pairs = _load("plover.json").get("codebook_pairs", {}).get("pairs", ())
    return tuple((p["type"], frozenset(p["verbs"]), frozenset(p["objects"])) for p in pairs)
