"""The actor and side lexicon shared by the claims and events stages.

Data lives in ``counterclaim/data/actors/*.json`` (one file per topic, each
entry with a ``source`` note). An entry names a canonical actor, its ``kind``
(person, government, military, armed_group, ministry, media, international,
population) and the ``side`` it speaks or fights for, plus the surface forms
it goes by. Demonyms and country names map to sides ("Armenian" -> Armenia).

``resolve_actor("Armenian Defense Ministry spokeswoman")`` returns the most
specific actor the words support; it never invents one: unknown text -> None.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Actor:
    canonical: str  # "Ilham Aliyev", "Ministry of Defence of Armenia", "Armenian officials"
    kind: str  # person | government | military | armed_group | ministry | media | international | population
    side: str | None  # "Azerbaijan", "Armenia", "Artsakh", "Russia", "Ukraine", ... or None (neutral)
    organisation: str | None = None  # the institution a person speaks for, when known


@dataclass(frozen=True)
class LexiconEntry:
    canonical: str
    kind: str
    side: str | None
    aliases: tuple[str, ...]
    organisation: str | None
    source: str


def normalise(text: str) -> str:
    """Lower-case, drop possessives and punctuation, fold whitespace."""
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[LexiconEntry, ...]:
    entries: list[LexiconEntry] = []
    folder = resources.files("counterclaim.data").joinpath("actors")
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        for raw in json.loads(path.read_text(encoding="utf-8"))["entries"]:
            entries.append(
                LexiconEntry(
                    canonical=raw["canonical"],
                    kind=raw["kind"],
                    side=raw.get("side"),
                    aliases=tuple(raw.get("aliases", ())),
                    organisation=raw.get("organisation"),
                    source=raw["source"],
                )
            )
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, LexiconEntry]:
    index: dict[str, LexiconEntry] = {}
    for entry in lexicon():
        for form in (entry.canonical, *entry.aliases):
            index.setdefault(normalise(form), entry)
    return index


def lookup(form: str) -> LexiconEntry | None:
    """The entry whose canonical name or alias is exactly ``form`` (normalised)."""
    return _alias_index().get(normalise(form))


def resolve_actor(text: str) -> Actor | None:
    """Best actor for a speaker or agent phrase: the longest known alias inside it wins.

    A person entry beats an institution, an institution beats a bare side
    (demonym or country), so "Armenian Defense Ministry spokeswoman Shushan
    Stepanyan" gives the person when she is known, else the Ministry.
    """
    norm = normalise(text)
    if not norm:
        return None
    words = norm.split()
    best: tuple[int, int, LexiconEntry] | None = None
    rank = {"person": 3, "ministry": 2, "military": 2, "government": 2, "armed_group": 2,
            "media": 2, "international": 2, "population": 1}
    index = _alias_index()
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            entry = index.get(" ".join(words[i:j]))
            if entry is None:
                continue
            score = (rank.get(entry.kind, 1), j - i)
            if best is None or score > best[:2]:
                best = (*score, entry)
            break
    if best is None:
        return None
    entry = best[2]
    return Actor(entry.canonical, entry.kind, entry.side, entry.organisation)


def side_of(text: str) -> str | None:
    """The side a phrase points to ("Azeri", "Armenian officials", "Kyiv") or None."""
    actor = resolve_actor(text)
    return actor.side if actor else None
