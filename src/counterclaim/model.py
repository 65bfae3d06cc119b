"""The data model: what every stage produces and every store, export and API reads.

Extracted objects are frozen dataclasses that point at their article through
character spans (``Span``) into ``Article.text``. ``ArticleResult`` is the one
mutable container: the pipeline creates it empty and each registered stage fills
its own field. ``ArticleResult.to_dict()`` is the article-result JSON documented
in DESIGN.md; field names there do not change without a migration note.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

DATE_ORIGINS = ("header", "metadata", "url", "text", "ingest-time")
PLACE_KINDS = ("town", "region", "country", "area")
DATE_PRECISIONS = ("day", "month", "year", "duration", "range", "time")
CLAIM_KINDS = ("direct", "indirect", "mixed", "nominal")
STANCES = ("asserts", "denies", "hedges")
STATUSES = ("claimed", "contested", "confirmed", "refuted", "unresolved")
NARRATOR = "narrator"


def article_id(hash_: str) -> str:
    """Article ids are derived from the content hash: the same text is the same article."""
    return "a" + hash_[:15]


def content_hash(text: str) -> str:
    """Hash of an article's text with whitespace folded, so re-wrapped copies dedupe."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Article:
    """One revision of one news article, as ingested."""

    id: str
    text: str
    date: str | None  # ISO date, YYYY-MM-DD
    date_origin: str  # one of DATE_ORIGINS
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str | None = None  # file path, URL or "stdin:3" the article came from
    language: str | None = None
    external_id: str | None = None  # the record's own id (CSV/JSONL id column, feed guid)
    ingest_warnings: tuple[str, ...] = ()  # non-fatal problems met while reading ("[E103] decoded as cp1252")
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "date_origin": self.date_origin,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "external_id": self.external_id,
            "language": self.language,
            "hash": self.hash,
            "ingest_warnings": list(self.ingest_warnings),
        }


@dataclass(frozen=True)
class Mention:
    """A named or numeric span: PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL, ..."""

    span: Span
    label: str
    origin: str = "ner"  # "ner" (statistical) or "rule" (gazetteer / lexicon ruler)

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "label": self.label, "origin": self.origin}


@dataclass(frozen=True)
class Relative:
    """'15 km south of Stepanakert': a place described relative to another."""

    of: str
    distance_km: float | None = None
    bearing: str | None = None  # N, NE, E, ... or None for "near"

    def to_dict(self) -> dict[str, Any]:
        return {"distance_km": self.distance_km, "bearing": self.bearing, "of": self.of}


# Roles of a place name that locate nothing: a side speaking ("Baku said"), a clock ("Moscow time"),
# a newspaper's title ("The Washington Post").
NOT_LOCATIONS = frozenset({"actor", "time", "title"})


@dataclass(frozen=True)
class Place:
    span: Span
    name: str  # canonical name
    kind: str  # one of PLACE_KINDS
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country_code: str | None = None
    aliases: tuple[str, ...] = ()
    precision: int | None = None  # ACLED geo-precision: 1 town, 2 near/region part, 3 region
    relative: Relative | None = None
    role: str = "place"  # "place"; "actor" for a government/side; "time" for a clock; "title" in a paper's name

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "name": self.name,
            "aliases": list(self.aliases),
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind,
            "country_code": self.country_code,
            "precision": self.precision,
            "relative": self.relative.to_dict() if self.relative else None,
            "role": self.role,
        }


@dataclass(frozen=True)
class DateMention:
    span: Span
    value: str | None  # ISO date, or ISO start for ranges; None when unresolvable
    precision: str  # one of DATE_PRECISIONS
    end: str | None = None  # ISO end of a range (None = open-ended, "since 1994")
    duration: str | None = None  # ISO 8601 duration ("P6W") for durations
    approximate: bool = False  # "nearly six weeks", "about 3 days"

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "value": self.value,
            "precision": self.precision,
            "end": self.end,
            "duration": self.duration,
            "approximate": self.approximate,
        }


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: Span | None  # None for the narrator's own hedges or unattributed quotes
    cue: Span | None
    content: Span
    kind: str  # one of CLAIM_KINDS
    stance: str  # one of STANCES
    actor: str | None = None  # canonical actor ("Ilham Aliyev")
    side: str | None = None  # "Azerbaijan"
    organisation: str | None = None  # institution the speaker speaks for
    channel: str | None = None
    date: str | None = None
    refers_to: str | None = None  # id of the claim this one answers ("denied this claim")
    sentence: Span | None = None  # the sentence(s) the claim came from
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "actor": self.actor,
            "side": self.side,
            "organisation": self.organisation,
            "cue": self.cue.to_dict() if self.cue else None,
            "channel": self.channel,
            "content": self.content.to_dict(),
            "kind": self.kind,
            "stance": self.stance,
            "refers_to": self.refers_to,
            "date": self.date,
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Fatalities:
    min: int | None = None
    max: int | None = None  # None with exact=False means open-ended ("at least")
    exact: bool = False
    cumulative: bool = False  # a running total ("1,000 have died in six weeks")
    injured_min: int | None = None
    injured_max: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Event:
    id: str
    span: Span
    event_type: str | None  # ACLED event type; None for PLOVER-only interactions
    sub_event_type: str | None
    plover: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    side1: str | None = None
    side2: str | None = None
    place: int | None = None  # index into ArticleResult.places
    date: str | None = None
    date_precision: str | None = None
    fatalities: Fatalities | None = None
    asserted_by: str = NARRATOR  # a claim id, or "narrator"
    cumulative: bool = False  # a war-long running total rather than one incident
    confidence: float = 1.0
    actor1_span: Span | None = None  # the words actor1 was resolved from
    actor2_span: Span | None = None
    mentions: tuple[Span, ...] = ()  # every sentence-level mention merged into this event
    denied_by: tuple[str, ...] = ()  # ids of claims that deny it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "span": self.span.to_dict(),
            "actor1_span": self.actor1_span.to_dict() if self.actor1_span else None,
            "actor2_span": self.actor2_span.to_dict() if self.actor2_span else None,
            "mentions": [m.to_dict() for m in self.mentions],
            "denied_by": list(self.denied_by),
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "plover": self.plover,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "side1": self.side1,
            "side2": self.side2,
            "place": self.place,
            "date": self.date,
            "date_precision": self.date_precision,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "asserted_by": self.asserted_by,
            "cumulative": self.cumulative,
            "confidence": self.confidence,
        }


@dataclass
class ArticleResult:
    """Everything extracted from one article; each stage fills its own list."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)  # stage name -> version that ran

    def to_dict(self) -> dict[str, Any]:
        out = self.article.to_dict()
        out.update(
            {
                "text": self.article.text,
                "mentions": [m.to_dict() for m in self.mentions],
                "places": [p.to_dict() for p in self.places],
                "dates": [d.to_dict() for d in self.dates],
                "claims": [c.to_dict() for c in self.claims],
                "events": [e.to_dict() for e in self.events],
                "warnings": list(self.warnings),
                "stages": dict(self.stages),
            }
        )
        return out


# --- Cross-article objects (the link stage) ---------------------------------


@dataclass(frozen=True)
class StatusChange:
    proposition_id: str
    status: str  # one of STATUSES
    date: str | None
    reason: str
    evidence: tuple[str, ...] = ()  # claim / event ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposition_id": self.proposition_id,
            "status": self.status,
            "date": self.date,
            "reason": self.reason,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class Proposition:
    id: str
    statement: str  # readable canonical statement
    status: str
    key: str = ""  # blocking / identity key used by the linker
    history: tuple[StatusChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "status": self.status,
            "key": self.key,
            "history": [h.to_dict() for h in self.history],
        }
