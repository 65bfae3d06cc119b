"""A proposition's status history: a pure function of its members, replayed in date order.

claimed -> contested -> confirmed / refuted / unresolved, each change dated and
backed by the member ids that caused it:

- **claimed**: the first report asserting it; the claimant is that report's side.
- **contested**: a side other than the claimant's denies it (a contrary fact
  asserted, "fighting continues for X", is a denial).
- **confirmed**: the opposing side concedes it (asserts it with an admission
  cue: "acknowledged the loss of", "out of our control"); or a side that never
  denied it and is not the claimant's corroborates it, with at least two
  distinct outlets reporting; or a later narrator-reported settlement at the
  place (a ceasefire handing the town over) confirms it.
- **refuted**: the claimant's own side (the same side, not merely its bloc)
  states the contrary afterwards: a retraction ("the defenders are alive").
- **unresolved**: still contested when the last report comes 30+ days later.

Repetition by one side never corroborates: sides are counted by bloc (Armenia
and Artsakh are one bloc), outlets by name. Confirmed and refuted are final: a
late denial ("the fight continues", after the concession) does not reopen it.
Members are sorted by (date, stance, id), so any ingest order replays the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from .lexicon import lexicon

_STANCE_ORDER = {"asserts": 0, "concedes": 1, "mentions": 2, "hedges": 3, "denies": 4, "confirms": 5}
UNRESOLVED_AFTER_DAYS = 30
FINAL = ("confirmed", "refuted")


@dataclass
class Replay:
    status: str | None = None
    claimant: str | None = None  # bloc of the first side asserting it
    history: list[dict[str, Any]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # member id -> asserts|denies|hedges|concedes|confirms|mentions


def replay_order(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(members, key=lambda m: (m.get("date") or "", _STANCE_ORDER.get(m["stance"], 9), m["id"]))


def _days(a: str | None, b: str | None) -> int:
    try:
        return (Date.fromisoformat(b) - Date.fromisoformat(a)).days  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def replay(members: list[dict[str, Any]]) -> Replay:
    lex = lexicon()
    ordered = replay_order(members)
    out = Replay()
    asserting = [m for m in ordered if m["stance"] == "asserts" and m.get("side")]
    claimant_side = asserting[0]["side"] if asserting else None
    out.claimant = lex.bloc(claimant_side)
    # blocs that ever deny it are never independent corroborators (computed on the whole set: order-free)
    deniers = {lex.bloc(m.get("side")) for m in ordered if m["stance"] == "denies" and m.get("side")}
    pending: list[dict[str, Any]] = []  # denials dated before any assertion
    asserting_outlets: set[str] = set()

    def change(status: str, when: str | None, reason: str, evidence: list[dict[str, Any]]) -> None:
        out.status = status
        out.history.append(
            {"status": status, "date": when, "reason": reason, "evidence": sorted({e["source_id"] for e in evidence})}
        )

    for m in ordered:
        bloc = lex.bloc(m.get("side"))
        role = m["stance"]
        opposing = bloc is not None and out.claimant is not None and bloc != out.claimant
        if role == "asserts" and opposing and m.get("concession_cue"):
            role = "concedes"
        out.roles[m["id"]] = role
        if out.status in FINAL:
            continue
        when = m.get("date")
        if role in ("asserts", "concedes") and out.status is None:
            change("claimed", when, f"first reported by {m.get('actor') or m.get('side') or m.get('outlet') or 'a source'}", [m])
            if pending:
                change("contested", when, f"denied by {_who(pending)}", pending)
        if role == "asserts":
            if m.get("outlet"):
                asserting_outlets.add(m["outlet"])
            independent = bloc is not None and bloc != out.claimant and bloc not in deniers
            if independent and len(asserting_outlets) >= 2:
                change("confirmed", when, f"corroborated by an independent side ({m.get('side')})", [m])
        elif role == "concedes":
            change("confirmed", when, f"conceded by the opposing side ({m.get('side')})", [m])
        elif role == "denies" and bloc is not None:
            if out.status is None:
                pending.append(m)
            elif claimant_side is not None and m.get("side") == claimant_side:
                change("refuted", when, f"retracted by the claimant's own side ({m.get('side')})", [m])
            elif out.status == "claimed":
                change("contested", when, f"denied by {_who([m])}", [m])
        elif role == "confirms" and out.status in ("claimed", "contested"):
            change("confirmed", when, f"a later {m.get('sub_event_type') or 'event'} at {m.get('place')}", [m])
    if out.status == "contested" and ordered:
        last = ordered[-1].get("date")
        contested_on = out.history[-1]["date"]
        if _days(contested_on, last) >= UNRESOLVED_AFTER_DAYS:
            change("unresolved", last, f"still contested {UNRESOLVED_AFTER_DAYS}+ days later", [ordered[-1]])
    return out


def _who(members: list[dict[str, Any]]) -> str:
    names = sorted({m.get("side") or m.get("actor") or "a source" for m in members})
    return ", ".join(names)
