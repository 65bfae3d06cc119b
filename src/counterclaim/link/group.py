"""Members of one block (predicate class + place) -> propositions with statements and statuses.

Within a block, members are chained by date: two reports belong to one
proposition when a chain of reports links them with no gap longer than the
class's window (single linkage over sorted dates, a pure function of the set,
so the grouping does not depend on ingest order). A proposition exists only
when some claim asserts or denies it; a settlement event alone makes none.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from typing import Any

from .. import actors
from .lexicon import lexicon
from .status import replay, replay_order

_PERSONNEL = re.compile(
    r"\b([A-Z][a-z]+)\s+(border guards|soldiers|servicemen|troops|sailors|civilians|marines|defenders)\b"
)


def _ordinal(day: str | None) -> int:
    try:
        return Date.fromisoformat(day).toordinal()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def clusters(members: list[dict[str, Any]], window_days: int) -> list[list[dict[str, Any]]]:
    ordered = sorted(members, key=lambda m: (m.get("date") or "", m["id"]))
    groups: list[list[dict[str, Any]]] = []
    last = None
    for m in ordered:
        day = _ordinal(m.get("date"))
        if groups and last is not None and day - last <= window_days:
            groups[-1].append(m)
        else:
            groups.append([m])
        last = day
    return groups


def _demonym(side: str | None) -> str | None:
    if not side:
        return None
    for entry in actors.lexicon():
        if entry.kind == "population" and entry.side == side and entry.demonym:
            return entry.demonym
    return side


def statement(cls_name: str, members: list[dict[str, Any]], claimant_side: str | None) -> str:
    template = lexicon().classes[cls_name].statement
    place = next((m["place"] for m in members if m.get("place")), "an unnamed place")
    agent = f"{_demonym(claimant_side)} forces" if claimant_side else "Forces"
    victims = "People"
    for m in replay_order(members):
        found = _PERSONNEL.search(m.get("content") or "")
        if found and actors.side_of(found.group(1)):
            victims = f"{found.group(1)} {found.group(2)}"
            break
    if cls_name == "killed" and victims == "People" and claimant_side:
        victims = f"{_demonym(claimant_side)} personnel"  # a side reporting deaths reports its own, by default
    text = template.format(agent=agent, place=place, victims=victims)
    return text[:1].upper() + text[1:]


def proposition_id(block: str, members: list[dict[str, Any]]) -> str:
    first = replay_order(members)[0]["id"]
    return "p" + hashlib.sha1(f"{block}|{first}".encode()).hexdigest()[:15]


def propositions_for_block(block: str, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lex = lexicon()
    cls_name = block.split("|", 1)[0]
    cls = lex.classes.get(cls_name)
    if cls is None:
        return []
    out = []
    for group in clusters(members, cls.window_days):
        if not any(m["kind"] == "claim" and m["stance"] in ("asserts", "denies") for m in group):
            continue
        result = replay(group)
        if result.status is None:
            continue
        claimant_side = next(
            (m["side"] for m in replay_order(group) if m["stance"] == "asserts" and m.get("side")), None
        )
        roles = result.roles
        asserting = sorted({m["side"] for m in group if roles[m["id"]] in ("asserts", "concedes") and m.get("side")})
        denying = sorted({m["side"] for m in group if roles[m["id"]] == "denies" and m.get("side")})
        reporting = [m for m in group if roles[m["id"]] != "mentions"]
        dates = sorted(m["date"] for m in reporting if m.get("date"))
        out.append(
            {
                "id": proposition_id(block, group),
                "block": block,
                "key": f"{block}|{result.history[0]['date'] or ''}",
                "cls": cls_name,
                "statement": statement(cls_name, group, claimant_side),
                "status": result.status,
                "place": next((m["place"] for m in group if m.get("place")), None),
                "date": result.history[0]["date"],
                "history": result.history,
                "members": [{"id": m["id"], "role": roles[m["id"]]} for m in replay_order(group)],
                "sides_asserting": asserting,
                "sides_denying": denying,
                "first_report": dates[0] if dates else None,
                "latest_report": dates[-1] if dates else None,
                "n_sources": len({m["outlet"] for m in reporting if m.get("outlet")}),
                "n_sides": len({lex.bloc(m["side"]) for m in reporting if m.get("side")}),
            }
        )
    return out
