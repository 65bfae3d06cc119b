"""Per-document values that spaCy rebuilds on every access, computed once per ``Doc``.

``Doc.text`` joins every token's ``text_with_ws`` anew and ``Doc.ents`` walks every token
to rebuild its spans, so a stage that reads them per cue or per sentence walks the
whole document each time. Neither changes once the pipeline has run, so each is kept
per document, weakly (it goes with the document). Only plain values are kept: a Span
would hold its document alive.
"""

from __future__ import annotations

from typing import NamedTuple
from weakref import WeakKeyDictionary

from spacy.tokens import Doc


class Entity(NamedTuple):
    start_char: int
    end_char: int
    label: str
    text: str


_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()
_ENTITIES: WeakKeyDictionary[Doc, tuple[Entity, ...]] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built on the first call for this document only."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def doc_entities(doc: Doc) -> tuple[Entity, ...]:
    """``doc.ents`` as plain values, read once: call only after the pipeline has set them."""
    ents = _ENTITIES.get(doc)
    if ents is None:
        text = doc_text(doc)
        ents = _ENTITIES[doc] = tuple(
            Entity(e.start_char, e.end_char, e.label_, text[e.start_char:e.end_char]) for e in doc.ents)
    return ents
