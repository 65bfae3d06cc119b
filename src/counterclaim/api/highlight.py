"""Cut an article's text into segments tagged with the extractions covering them.

Spans overlap (a claim's content inside its sentence, a place inside the
content), so the text is split at every span boundary and each segment carries
the set of layers active over it. Templates render each segment as an escaped
``<span>`` with classes; the text itself is never interpreted as HTML.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from .sides import side_class


@dataclass
class Layer:
    start: int
    end: int
    classes: tuple[str, ...]
    label: str


@dataclass
class Segment:
    text: str
    start: int
    classes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # element ids of claims / events starting here


def _span(obj: dict[str, Any] | None) -> tuple[int, int] | None:
    if not obj or obj.get("start") is None or obj.get("end") is None:
        return None
    return int(obj["start"]), int(obj["end"])


def claim_sentence(claim: dict[str, Any]) -> tuple[int, int] | None:
    """The sentence a claim came from, or its content when no sentence is recorded."""
    return _span(claim.get("sentence")) or _span(claim.get("content"))


def layers_of(result: dict[str, Any], focus_claim: str | None = None,
              focus_event: str | None = None) -> list[Layer]:
    layers: list[Layer] = []
    for claim in result.get("claims", []):
        side = side_class(claim.get("side"))
        who = claim.get("actor") or (claim.get("speaker") or {}).get("text") or "unattributed"
        sent = claim_sentence(claim)
        if sent and claim.get("id") == focus_claim:
            layers.append(Layer(*sent, ("focus",), f"selected claim by {who}"))
        content = _span(claim.get("content"))
        if content:
            layers.append(Layer(*content, ("claim", f"stance-{claim.get('stance')}", side),
                                f"claim ({claim.get('stance')}) by {who}"))
        for part, cls in (("speaker", "speaker"), ("cue", "cue")):
            sp = _span(claim.get(part))
            if sp:
                layers.append(Layer(*sp, (cls, side), f"{part}: {who}" if part == "speaker" else "cue"))
    for event in result.get("events", []):
        sp = _span(event.get("span"))
        if sp and event.get("id") == focus_event:
            layers.append(Layer(*sp, ("focus",), "selected event"))
        if sp:
            layers.append(Layer(*sp, ("event",), f"event: {event.get('event_type') or event.get('plover')}"))
    for place in result.get("places", []):
        sp = _span(place.get("span"))
        if sp:
            layers.append(Layer(*sp, ("place",), f"place: {place.get('name')} ({place.get('kind')})"))
    for date in result.get("dates", []):
        sp = _span(date.get("span"))
        if sp:
            layers.append(Layer(*sp, ("date",), f"date: {date.get('value')}"))
    return layers


def _trimmed(layer: Layer, text: str) -> Layer:
    """Sentence spans may carry the paragraph break after them; do not paint the blank line."""
    start, end = layer.start, layer.end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Layer(start, end, layer.classes, layer.label) if start < end else layer


def segments(result: dict[str, Any], focus_claim: str | None = None,
             focus_event: str | None = None) -> list[Segment]:
    text: str = result.get("text") or ""
    n = len(text)
    layers = [_trimmed(lay, text) for lay in layers_of(result, focus_claim, focus_event)
              if 0 <= lay.start < lay.end <= n]
    anchors: dict[int, list[str]] = {}  # offset -> anchor ids ("claim-<id>", "event-<id>")
    for claim in result.get("claims", []):
        sent = claim_sentence(claim)
        if sent and 0 <= sent[0] <= n and claim.get("id"):
            anchors.setdefault(sent[0], []).append(f"claim-{claim['id']}")
    for event in result.get("events", []):
        sp = _span(event.get("span"))
        if sp and 0 <= sp[0] <= n and event.get("id"):
            anchors.setdefault(sp[0], []).append(f"event-{event['id']}")
    cuts = sorted({0, n, *anchors, *(lay.start for lay in layers), *(lay.end for lay in layers)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        active = [lay for lay in layers if lay.start <= a and lay.end >= b]
        classes: list[str] = []
        for lay in active:
            classes.extend(c for c in lay.classes if c not in classes)
        out.append(Segment(text[a:b], a, classes, [lay.label for lay in active], anchors.get(a, [])))
    if not out and anchors.get(0):
        out.append(Segment("", 0, anchors=anchors[0]))
    return out
