"""The linker's lexicon: predicate classes and their contraries (``data/link/lexicon.json``).

Each class lists the phrases that state it and the phrases that state a
contrary fact ("fighting continues for X" against "X was captured"). The file
also holds hedge, negation, reported-speech and concession cues, the
non-conflict guard (disaster wording with no armed violence), and the
blocs of allied sides. Every entry carries a ``source`` note.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class PredicateClass:
    name: str
    statement: str  # template: {agent}, {place}, {victims}
    window_days: int  # largest gap between two reports of one proposition
    sub_events: tuple[str, ...]  # ACLED sub-event types that state this class
    positive: tuple[re.Pattern[str], ...]
    contrary: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Lexicon:
    classes: dict[str, PredicateClass]
    hedges: tuple[re.Pattern[str], ...]
    negation: tuple[re.Pattern[str], ...]
    reported: tuple[re.Pattern[str], ...]
    concession: tuple[re.Pattern[str], ...]
    disaster: tuple[re.Pattern[str], ...]  # with none of `conflict` beside it: no conflict proposition
    conflict: tuple[re.Pattern[str], ...]
    bloc_of: dict[str, str]  # side -> bloc (a side not listed is its own bloc)
    settlement_events: tuple[str, ...]

    def bloc(self, side: str | None) -> str | None:
        return self.bloc_of.get(side, side) if side else None


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("counterclaim.data").joinpath("link", "lexicon.json").read_text("utf-8"))
    classes = {
        name: PredicateClass(
            name=name,
            statement=entry["statement"],
            window_days=int(entry["window_days"]),
            sub_events=tuple(entry.get("sub_events") or ()),
            positive=_compile(entry["positive"]),
            contrary=_compile(entry.get("contrary") or []),
        )
        for name, entry in raw["classes"].items()
    }
    bloc_of = {side: entry["bloc"] for entry in raw["blocs"]["entries"] for side in entry["sides"]}
    return Lexicon(
        classes=classes,
        hedges=_compile(raw["hedges"]["patterns"]),
        negation=_compile(raw["negation"]["patterns"]),
        reported=_compile(raw["reported"]["patterns"]),
        concession=_compile(raw["concession_cues"]["patterns"]),
        disaster=_compile(raw["non_conflict"]["disaster"]),
        conflict=_compile(raw["non_conflict"]["conflict"]),
        bloc_of=bloc_of,
        settlement_events=tuple(raw["settlement_events"]["sub_events"]),
    )
