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


@functools.lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """Cue group -> one compiled alternation, matched against lemma text."""
    groups = _load("triggers.json")["groups"]
    return {
        name: re.compile(r"\b(?:" + "|".join(group["patterns"]) + r")\b", re.IGNORECASE)
        for name, group in groups.items()
    }


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
