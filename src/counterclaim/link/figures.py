"""Casualty figures in claims, and conflicts between sides' figures for the same quantity.

A figure is a number of dead that a side states about a victim group ("about
200 Azerbaijani soldiers had been killed", "2,783 of its servicemen were
killed"). The quantity is (victim bloc, military or civilian); the victims'
side comes from a demonym beside the noun, or from "its/our/their own"
(the speaker's side).
Figures on one quantity from two different blocs that disagree are a
conflict, flagged with each source's figure; a side revising its own count
(2,317 then 2,425) is a revision, not a conflict. Killed-and-wounded
totals are kept as figures marked ``includes_wounded``.
"""

from __future__ import annotations

import re
from typing import Any

from .. import actors
from .lexicon import lexicon

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
    "a hundred": 100,
}  # fmt: skip
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_QUALIFIER = r"(?P<qual>(?:about|around|some|at least|more than|over|nearly|almost)\s+)?"
_VICTIMS = r"(?P<victims>(?:[\w-]+\s+){0,3}?(?:soldiers|servicemen|serviceman|troops|men|people|civilians|sailors|border guards|personnel))"
_DEATH = r"(?P<tail>[^.;]{0,40}?)\b(?:killed|died|dead)\b"
FIGURE = re.compile(_QUALIFIER + _NUMBER + r"\s+(?:of\s+(?P<owner>its|their|our)\s+(?:own\s+)?)?" + _VICTIMS + _DEATH, re.IGNORECASE)
_LOST = re.compile(r"\b(?P<loser>(?:[\w-]+\s+){0,2}[\w-]+)\s+(?:had|has)\s+(?:lost\s+)?" + _QUALIFIER + _NUMBER + r"\s+" + _VICTIMS, re.IGNORECASE)
_WOUNDED_TOO = re.compile(r"^\s*(?:killed\s+|dead\s+)?(?:and|or)\s+wounded", re.IGNORECASE)


def _value(raw: str) -> int | None:
    raw = raw.lower()
    if raw in _WORDS:
        return _WORDS[raw]
    try:
        return int(raw.replace(",", ""))
    except ValueError:
        return None


def _victim_side(victims: str, owner: str | None, speaker_side: str | None, loser: str | None) -> str | None:
    if owner or re.search(r"\b(their own|our)\b", victims, re.IGNORECASE):
        return speaker_side
    for word in victims.split():
        side = actors.side_of(word)
        if side:
            return side
    for word in (loser or "").split():
        side = actors.side_of(word)
        if side:
            return side
    return None


def _other_side_named(content: str, speaker_side: str | None) -> bool:
    return any(actors.side_of(w) not in (None, speaker_side) for w in re.findall(r"[A-Z][\w-]+", content))


def figures_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Casualty figures stated by the claims of one article result."""
    lex = lexicon()
    out = []
    for claim in data.get("claims") or []:
        if claim.get("stance") != "asserts" or not claim.get("side"):
            continue
        content = (claim.get("content") or {}).get("text") or ""
        found = None
        for match in (m for m in (FIGURE.search(content), _LOST.search(content)) if m):
            side = _victim_side(
                match.group("victims"), match.groupdict().get("owner"), claim["side"], match.groupdict().get("loser")
            )
            if side is None and not _other_side_named(content, claim["side"]):
                side = claim["side"]  # "2,317 servicemen killed", said by a ministry: its own side's dead
            if side is not None:
                found = (match, side)
                break
        if found is None:
            continue
        match, side = found
        value = _value(match.group("num"))
        if value is None:
            continue
        after = content[match.end() : match.end() + 20]
        # killed-and-wounded totals are kept, marked: they are not a death count but still a rival figure
        with_wounded = bool(_WOUNDED_TOO.match(after) or "wounded" in (match.groupdict().get("tail") or ""))
        victims = match.group("victims")
        category = "civilians" if re.search(r"civilian", victims, re.IGNORECASE) else "military"
        bloc = lex.bloc(side)
        out.append(
            {
                "id": f"{claim['id']}#toll",
                "source_id": claim["id"],
                "block": f"toll|{bloc}|{category}",
                "victims": f"{bloc} {category}",
                "value": value,
                "exact": not match.group("qual"),
                "includes_wounded": with_wounded,
                "side": claim["side"],
                "actor": claim.get("actor"),
                "date": claim.get("date") or data.get("date"),
                "content": content,
                "article_id": data.get("id"),
                "outlet": data.get("outlet"),
                "title": data.get("title"),
                "article_date": data.get("date"),
            }
        )
    return out


def conflicts_for_block(block: str, figures: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A conflict when two blocs give different figures for the same quantity; else None."""
    lex = lexicon()
    by_bloc: dict[str, set[int]] = {}
    for f in figures:
        by_bloc.setdefault(lex.bloc(f["side"]) or "", set()).add(f["value"])
    blocs = [b for b in by_bloc if b]
    values = set().union(*by_bloc.values()) if by_bloc else set()
    if len(blocs) < 2 or len(values) < 2:
        return None
    ordered = sorted(figures, key=lambda f: (f.get("date") or "", f["id"]))
    return {
        "id": "f" + block.replace("|", "-").replace(" ", "_").lower(),
        "kind": "figures",
        "block": block,
        "quantity": f"{ordered[0]['victims']} killed",
        "status": "unresolved",
        "figures": [
            {
                "claim_id": f["source_id"],
                "article_id": f["article_id"],
                "side": f["side"],
                "actor": f.get("actor"),
                "value": f["value"],
                "exact": f["exact"],
                "includes_wounded": f.get("includes_wounded", False),
                "date": f.get("date"),
                "outlet": f.get("outlet"),
                "quote": f["content"],
            }
            for f in ordered
        ],
    }
