"""'..., FEC records show.': a sentence-final reporting verb that the tagger reads as a noun
('show', 'shows') after a comma-separated clause. The clause before the comma is the content and the
noun phrase between the comma and the verb is the speaker."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .attribution import DOCUMENT_SUBJECTS, Draft, char_range
from .lexicon import cue_verbs

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_SPEAKER_TOKENS = 12
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _cue_lemma(tok: Token) -> str | None:
    word = tok.lower_
    for lemma in (word, word[:-1] if word.endswith("s") else None):
        entry = cue_verbs().get(lemma) if lemma else None
        if entry is not None and entry.needs is None and not entry.control:
            return lemma
    return None


def trailing_noun_cue_draft(tok: Token, sent: SpacySpan) -> Draft | None:
    """A clause, then ', NOUN PHRASE show.' with 'show' mis-tagged as a noun."""
    if tok.pos_ != "NOUN" or sent.end - tok.i > 4:
        return None  # cheap guard first: called for every noun
    after = [t for t in sent[tok.i + 1 - sent.start:] if not t.is_space]
    last = not after or (len(after) == 1 and after[0].text in (".", "!", "?"))
    if not last or tok.pos_ != "NOUN" or _cue_lemma(tok) is None:
        return None
    comma = next((t for t in reversed(sent[:tok.i - sent.start]) if t.text == ","), None)
    if comma is None:
        return None
    speaker = [t for t in sent if comma.i < t.i < tok.i]
    content = [t for t in sent if t.i < comma.i]
    if not speaker or len(speaker) > MAX_SPEAKER_TOKENS or any(t.tag_ in FINITE for t in speaker) \
            or not any(t.pos_ in ("NOUN", "PROPN") for t in speaker):
        return None
    if sum(t.is_alpha for t in content) < 3 or not any(t.tag_ in FINITE for t in content):
        return None
    ids = {t.i for t in speaker}
    nouns = [t for t in speaker if t.pos_ in ("NOUN", "PROPN")]
    head = next((t for t in nouns if t.head.i not in ids and t.head.i != tok.i),  # the parse's noun phrase root
                next((t for t in nouns if t.head.i == tok.i), None))
    if head is None or not (head.lemma_.lower() in DOCUMENT_SUBJECTS or (
            cue_verbs()[_cue_lemma(tok)].subject != "document" and head.ent_type_ in SPEAKER_ENTITIES)):
        return None  # "we went to the fair, the county show": an apposition, not a report
    return Draft(cue=(tok.idx, tok.idx + len(tok.text)), content=char_range(content),
                 speaker=char_range(speaker), speaker_head=head, cue_token=None, base_stance="asserts")

