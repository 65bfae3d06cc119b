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
    demonym: str | None = None  # adjective for composed names ("Armenian officials")


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
        if not path.name.endswith(".json") or path.name.startswith("_"):
            continue  # "_*.json" are composition rules, not entries
        for raw in json.loads(path.read_text(encoding="utf-8"))["entries"]:
            entries.append(
                LexiconEntry(
                    canonical=raw["canonical"],
                    kind=raw["kind"],
                    side=raw.get("side"),
                    aliases=tuple(raw.get("aliases", ())),
                    organisation=raw.get("organisation"),
                    source=raw["source"],
                    demonym=raw.get("demonym"),
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


_RANK = {"person": 3, "ministry": 2, "military": 2, "government": 2, "armed_group": 2,
         "media": 2, "international": 2, "population": 1}


@dataclass(frozen=True)
class InstitutionWord:
    words: tuple[str, ...]
    canonical: str  # template with {side} / {demonym}
    kind: str


@functools.lru_cache(maxsize=1)
def institution_words() -> tuple[InstitutionWord, ...]:
    path = resources.files("counterclaim.data").joinpath("actors").joinpath("_institution_words.json")
    raw = json.loads(path.read_text(encoding="utf-8"))["entries"]
    return tuple(InstitutionWord(tuple(normalise(w) for w in r["words"]), r["canonical"], r["kind"]) for r in raw)


def _matches(words: list[str]) -> list[tuple[int, int, LexiconEntry]]:
    """Longest lexicon alias starting at each word: (start, end, entry)."""
    index = _alias_index()
    found: list[tuple[int, int, LexiconEntry]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 8), i, -1):
            entry = index.get(" ".join(words[i:j]))
            if entry is not None:
                found.append((i, j, entry))
                i = j - 1
                break
        i += 1
    return found


def _institution_in(norm: str) -> InstitutionWord | None:
    """The most specific generic institution word in a phrase (longest match wins)."""
    padded = f" {norm} "
    best: tuple[int, InstitutionWord] | None = None
    for inst in institution_words():
        for w in inst.words:
            if f" {w} " in padded and (best is None or len(w) > best[0]):
                best = (len(w), inst)
    return best[1] if best else None


def resolve_actor(text: str) -> Actor | None:
    """Best actor for a speaker or agent phrase.

    A known person beats a named institution, which beats an institution
    composed from a side word and a generic institution word ("Armenian
    officials", "Ukrainian Foreign Ministry"), which beats a bare side
    (demonym or country). "Armenian Defense Ministry spokeswoman Shushan
    Stepanyan" gives the person when she is known, else the Ministry.
    """
    norm = normalise(text)
    if not norm:
        return None
    matches = _matches(norm.split())
    best: tuple[int, int, LexiconEntry] | None = None
    for i, j, entry in matches:
        score = (_RANK.get(entry.kind, 1), j - i)
        if best is None or score > best[:2]:
            best = (*score, entry)
    if best is not None and best[0] >= 2:
        entry = best[2]
        return Actor(entry.canonical, entry.kind, entry.side, entry.organisation)
    side_entry = best[2] if best is not None else None
    if side_entry is not None and side_entry.side:
        inst = _institution_in(norm)
        if inst is not None:
            demonym = side_entry.demonym or side_entry.side
            name = inst.canonical.format(side=side_entry.side, demonym=demonym)
            return Actor(name, inst.kind, side_entry.side, None)
        return Actor(side_entry.canonical, side_entry.kind, side_entry.side, side_entry.organisation)
    return None


def resolve_speaker(phrase: str, person: str | None = None) -> Actor | None:
    """Actor for a speaker phrase whose person name (``person``) may be unknown to the lexicon.

    "Armenian Defense Ministry spokeswoman Anna Petrosyan" -> a person Anna
    Petrosyan, side Armenia, speaking for the Ministry of Defence of Armenia.
    """
    actor = resolve_actor(phrase)
    if person is None or (actor is not None and actor.kind == "person"):
        return actor
    if actor is None:
        return Actor(person, "person", None, None)
    organisation = actor.canonical if actor.kind in ("ministry", "military", "government", "armed_group",
                                                       "media", "international") else None
    return Actor(person, "person", actor.side, organisation)


def side_of(text: str) -> str | None:
    """The side a phrase points to ("Azeri", "Armenian officials", "Kyiv") or None."""
    actor = resolve_actor(text)
    return actor.side if actor else None
