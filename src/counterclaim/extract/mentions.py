"""The ``mentions`` stage: people, organisations, armed groups, states, places, dates, numbers.

Spans come from the shared parse. Entities pre-set by the project's rule layer
(gazetteer and actor lexicon, see ``nlp.loader``) are marked ``origin="rule"``;
the statistical NER's are ``origin="ner"``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import ArticleResult, Mention, Span
from .registry import stage

# spaCy OntoNotes labels we keep; WORK_OF_ART, LAW and LANGUAGE say little about a conflict.
KEPT_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "DATE", "TIME",
     "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)


@stage("mentions", version="1")
def mentions(doc: Doc, result: ArticleResult) -> None:
    """Named and numeric entity spans with character offsets."""
    text = result.article.text
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        origin = "rule" if ent.ent_id_ else "ner"
        result.mentions.append(Mention(Span.of(text, ent.start_char, ent.end_char), ent.label_, origin))
