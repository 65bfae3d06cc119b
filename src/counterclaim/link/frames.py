"""A stored article result -> link members: each claim (or event) reduced to a frame.

A frame is (predicate class, place, polarity): "Azerbaijani forces captured
Shusha" is (capture, Shusha, positive); "fighting continues for Shushi" is
(capture, Shusha, contrary). A member is one claim's frame with what the
status replay needs: the speaker's side, its outlet, the date it was made and
its *stance towards the proposition* (a contrary fact asserted is a denial).
This is a pure function of one article result: linking never re-extracts.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import NARRATOR, NOT_LOCATIONS
from .lexicon import Lexicon, PredicateClass, lexicon
from .places import place_key, places_in, topic_place

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: str | None, fallback: str | None) -> str | None:
    return value if value and _DAY.match(value) else fallback


def _negated(text: str, start: int, lex: Lexicon) -> bool:
    before = text[max(0, start - 60) : start]
    return any(p.search(before) for p in lex.negation)


def _polarity(text: str, cls: PredicateClass, lex: Lexicon) -> str | None:
    """'positive', 'contrary' or None when the text does not state the class."""
    for pattern in cls.contrary:
        if pattern.search(text):
            return "contrary"
    for pattern in cls.positive:
        for m in pattern.finditer(text):
            return "contrary" if _negated(text, m.start(), lex) else "positive"
    return None


def _stance(claim_stance: str | None, polarity: str, content: str, lex: Lexicon) -> str:
    """The claim's stance towards the proposition (asserts/denies/hedges/mentions)."""
    if any(p.search(content) for p in lex.hedges) or claim_stance == "hedges":
        return "hedges"
    # a contrary fact is a denial whether or not the claims stage already read it as one
    denies = claim_stance == "denies" or polarity == "contrary"
    if not denies and any(p.search(content) for p in lex.reported):
        return "mentions"  # "Aliyev's claim that the town had been captured": reported, not asserted
    return "denies" if denies else "asserts"


def _not_about_conflict(context: str, lex: Lexicon) -> bool:
    """A disaster, accident or epidemic with no armed violence named beside it ("the number of dead would rise
    as rescue teams reached more collapsed buildings")."""
    return any(p.search(context) for p in lex.disaster) and not any(p.search(context) for p in lex.conflict)


def _context(data: dict[str, Any], claim: dict[str, Any]) -> tuple[int, int, str]:
    spans = [s for s in (claim.get("sentence"), claim.get("content")) if s]
    start = min(s["start"] for s in spans)
    end = max(s["end"] for s in spans)
    return start, end, (data.get("text") or "")[start:end]


def _member(
    data: dict[str, Any], *, source_id: str, kind: str, cls: str, place: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    return {
        "id": f"{source_id}#{cls}",
        "source_id": source_id,
        "kind": kind,
        "cls": cls,
        "block": f"{cls}|{place_key(place)}",
        "place": place.get("name"),
        "place_key": place_key(place),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "article_id": data.get("id"),
        "outlet": data.get("outlet"),
        "title": data.get("title"),
        "article_date": data.get("date"),
        **fields,
    }


def _claim_member(
    data: dict[str, Any], claim: dict[str, Any], cls: str, place: dict[str, Any], polarity: str, stance: str,
    quote: str, *, concession_cue: bool,
) -> dict[str, Any]:
    return _member(
        data,
        source_id=claim["id"],
        kind="claim",
        cls=cls,
        place=place,
        polarity=polarity,
        stance=stance,
        side=claim.get("side"),
        actor=claim.get("actor"),
        speaker=(claim.get("speaker") or {}).get("text"),
        date=_day(claim.get("date"), data.get("date")),
        content=(claim.get("content") or {}).get("text") or "",
        quote=quote,
        claim_kind=claim.get("kind"),
        channel=claim.get("channel"),
        concession_cue=concession_cue,
    )


def claim_frames(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Members for the claims of one article result (dict shape of ``ArticleResult.to_dict``)."""
    lex = lexicon()
    claims = data.get("claims") or []
    by_id = {c.get("id"): c for c in claims}
    topic = topic_place(data)
    members: dict[str, dict[str, Any]] = {}
    frames: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}  # claim id -> (cls, polarity, place)

    def place_for(claim: dict[str, Any], start: int, end: int) -> dict[str, Any] | None:
        content = claim.get("content") or {}
        inside = places_in(data, content.get("start", 0), content.get("end", 0)) or places_in(data, start, end)
        # a country ("Heroes of Ukraine") is rarely where a capture or a death happened: only a last resort
        if inside and inside[0].get("kind") != "country":
            return inside[0]
        ref = by_id.get(claim.get("refers_to"))
        if ref is not None:
            r_start, r_end, _ = _context(data, ref)
            in_ref = [p for p in places_in(data, r_start, r_end) if p.get("kind") != "country"]
            if in_ref:
                return in_ref[0]
        return topic or (inside[0] if inside else None)

    title = data.get("title") or ""
    for claim in claims:
        content = (claim.get("content") or {}).get("text") or ""
        start, end, context = _context(data, claim)
        if _not_about_conflict(f"{title}\n{context}", lex):
            frames[claim.get("id")] = []
            continue
        place = place_for(claim, start, end)
        found = []
        for cls in lex.classes.values():
            polarity = _polarity(content, cls, lex)
            if polarity and place is not None:
                found.append((cls.name, polarity, place))
        frames[claim.get("id")] = found
    # "denied this claim": a claim with no frame of its own takes the frame of the claim it answers
    for claim in claims:
        if not frames.get(claim.get("id")) and claim.get("refers_to") in frames:
            frames[claim.get("id")] = [f for f in frames[claim["refers_to"]] if f[1] == "positive"]

    text = data.get("text") or ""
    for claim in claims:
        content = (claim.get("content") or {}).get("text") or ""
        sentence = claim.get("sentence") or claim.get("content") or {}
        quote = text[sentence.get("start", 0) : sentence.get("end", 0)].strip()
        for cls, polarity, place in frames.get(claim.get("id")) or []:
            stance = _stance(claim.get("stance"), polarity, content, lex)
            member = _claim_member(
                data, claim, cls, place, polarity, stance, quote,
                concession_cue=any(p.search(quote) for p in lex.concession),
            )
            members[member["id"]] = member
    return list(members.values()) + _event_frames(data, by_id, members, lex)


def _event_frames(
    data: dict[str, Any], claims: dict[str, dict[str, Any]], members: dict[str, dict[str, Any]], lex: Lexicon
) -> list[dict[str, Any]]:
    """Events add what claims alone miss: narrator-told settlements, and frames for their claims."""
    places = data.get("places") or []
    out: dict[str, dict[str, Any]] = {}
    for event in data.get("events") or []:
        idx = event.get("place")
        if not isinstance(idx, int) or not 0 <= idx < len(places):
            continue
        place = places[idx]
        if place.get("role") in NOT_LOCATIONS:
            continue
        sub = event.get("sub_event_type")
        date = _day(event.get("date"), data.get("date"))
        for cls in lex.classes.values():
            if event.get("asserted_by") == NARRATOR and sub in lex.settlement_events and cls.name == "capture":
                m = _member(
                    data,
                    source_id=event["id"],
                    kind="event",
                    cls=cls.name,
                    place=place,
                    polarity="positive",
                    stance="confirms",
                    side=None,
                    actor=None,
                    date=date,
                    content=(event.get("span") or {}).get("text", "").strip(),
                    quote=(event.get("span") or {}).get("text", "").strip(),
                    sub_event_type=sub,
                )
                out[m["id"]] = m
            if sub not in cls.sub_events:
                continue
            # the claim that carries the event, and those that deny it, get the event's frame if they lack one
            carriers = [(event.get("asserted_by"), "asserts")] + [(c, "denies") for c in event.get("denied_by") or []]
            for claim_id, stance in carriers:
                claim = claims.get(claim_id)
                if claim is None or f"{claim_id}#{cls.name}" in members:
                    continue
                content = (claim.get("content") or {}).get("text") or ""
                if stance == "asserts" and (claim.get("stance") == "hedges" or any(p.search(content) for p in lex.hedges)):
                    stance = "hedges"
                quote = (claim.get("sentence") or claim.get("content") or {}).get("text", "").strip()
                m = _claim_member(data, claim, cls.name, place, "positive", stance, quote, concession_cue=False)
                out[m["id"]] = m
    return list(out.values())
