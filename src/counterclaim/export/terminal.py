"""An article result rendered for a terminal: the text with its extracted spans marked.

Every character gets the highest-priority kind of span covering it (a cue
inside a claim's content shows as a cue; a place inside a speaker phrase as the
speaker), then runs of the same kind are styled together, so overlapping spans
never garble the text. With ``color=False`` spans are marked in plain text as
``[text](kind)``, which survives pipes and logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# kind -> (click.style arguments, legend text); earlier kinds win where spans overlap
KINDS: dict[str, tuple[dict[str, Any], str]] = {
    "cue": ({"fg": "red", "bold": True}, "claim cue (said, denied ...)"),
    "speaker": ({"fg": "magenta", "bold": True}, "claim speaker"),
    "place": ({"fg": "green", "bold": True}, "place"),
    "date": ({"fg": "cyan"}, "date"),
    "actor": ({"fg": "blue"}, "person / organisation / group"),
    "number": ({"fg": "bright_black", "bold": True}, "number"),
    "content": ({"fg": "yellow"}, "claim content"),
    "event": ({"underline": True}, "event"),
}
_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "EVENT"}
_NUMBER_LABELS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"}
_PLACE_LABELS = {"LOC", "GPE", "FAC"}
_DATE_LABELS = {"DATE", "TIME"}


def _mention_kind(label: str) -> str | None:
    if label in _PLACE_LABELS:
        return "place"
    if label in _DATE_LABELS:
        return "date"
    if label in _ACTOR_LABELS:
        return "actor"
    if label in _NUMBER_LABELS:
        return "number"
    return None


def spans_by_kind(result: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []

    def add(span: dict[str, Any] | None, kind: str | None) -> None:
        if span and kind and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            spans.append((span["start"], span["end"], kind))

    for m in result.get("mentions") or []:
        add(m.get("span"), _mention_kind(m.get("label", "")))
    for p in result.get("places") or []:
        add(p.get("span"), "place" if p.get("role", "place") == "place" else "actor")
    for d in result.get("dates") or []:
        add(d.get("span"), "date")
    for c in result.get("claims") or []:
        add(c.get("content"), "content")
        add(c.get("speaker"), "speaker")
        add(c.get("cue"), "cue")
    for e in result.get("events") or []:
        add(e.get("span"), "event")
    return spans


def mark_text(result: dict[str, Any], *, color: bool, style: Callable[..., str]) -> str:
    text: str = result.get("text") or ""
    priority = {kind: i for i, kind in enumerate(KINDS)}
    best: list[int | None] = [None] * len(text)
    for start, end, kind in spans_by_kind(result):
        rank = priority[kind]
        for i in range(max(0, start), min(end, len(text))):
            if best[i] is None or rank < best[i]:  # type: ignore[operator]
                best[i] = rank
    kinds = list(KINDS)
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and best[j] == best[i]:
            j += 1
        chunk = text[i:j]
        rank = best[i]
        if rank is None:
            out.append(chunk)
        elif color:
            out.append(style(chunk, **KINDS[kinds[rank]][0]))
        else:
            out.append(f"[{chunk}]({kinds[rank]})")
        i = j
    return "".join(out)


def legend(*, color: bool, style: Callable[..., str]) -> str:
    parts = []
    for kind, (args, label) in KINDS.items():
        parts.append(style(label, **args) if color else f"[...]({kind}) {label}")
    return "  ".join(parts) if color else "\n".join(parts)


def _span_text(span: dict[str, Any] | None) -> str:
    return (span or {}).get("text") or ""


def _where(span: dict[str, Any] | None) -> str:
    span = span or {}
    return f"[{span.get('start')}:{span.get('end')}]"


def detail_lines(result: dict[str, Any]) -> list[str]:
    """Claims, events, places and dates as short lines, each with its character span."""
    lines: list[str] = []
    claims = result.get("claims") or []
    lines.append(f"Claims ({len(claims)})")
    for c in claims:
        who = c.get("actor") or _span_text(c.get("speaker")) or "(unattributed)"
        side = f" ({c['side']})" if c.get("side") else ""
        cue = _span_text(c.get("cue"))
        lines.append(
            f"  {c.get('id')} {c.get('stance', '')}: {who}{side} {cue}: "
            f"\u201c{_span_text(c.get('content'))}\u201d {_where(c.get('content'))}"
        )
    events = result.get("events") or []
    places = result.get("places") or []
    lines.append(f"Events ({len(events)})")
    for e in events:
        idx = e.get("place")
        place = places[idx]["name"] if isinstance(idx, int) and 0 <= idx < len(places) else ""
        fat = (e.get("fatalities") or {}).get("min")
        bits = [
            e.get("event_type") or e.get("plover") or "?",
            e.get("sub_event_type") or "",
            f"{e.get('actor1') or '?'} vs {e.get('actor2') or '-'}",
            place,
            e.get("date") or "",
            f"fatalities {fat}" if fat is not None else "",
            f"asserted by {e.get('asserted_by')}",
        ]
        lines.append(f"  {e.get('id')} " + " | ".join(b for b in bits if b) + f" {_where(e.get('span'))}")
    lines.append(f"Places ({len(places)})")
    for p in places:
        coords = (
            f" {p['lat']:.4f},{p['lon']:.4f}" if p.get("lat") is not None and p.get("lon") is not None else ""
        )
        lines.append(
            f"  {_span_text(p.get('span'))} -> {p.get('name')} ({p.get('kind')}){coords} "
            f"{_where(p.get('span'))}"
        )
    dates = result.get("dates") or []
    lines.append(f"Dates ({len(dates)})")
    for d in dates:
        lines.append(
            f"  {_span_text(d.get('span'))} -> {d.get('value')} ({d.get('precision')}) "
            f"{_where(d.get('span'))}"
        )
    return lines
