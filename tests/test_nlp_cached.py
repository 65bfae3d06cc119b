"""Per-document caches: the same values as spaCy's properties, and they go with the document."""

from __future__ import annotations

import gc

from counterclaim.nlp import doc_entities, doc_text

TEXT = "General Anna Petrova said on Monday that Azerbaijani forces had entered Shusha.\n\nArmenia denied it."


def test_cached_text_and_entities_equal_spacys_own(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text == TEXT
    assert doc_text(doc) is doc_text(doc)
    assert [(e.start_char, e.end_char, e.label, e.text) for e in doc_entities(doc)] == [
        (e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
    assert doc_entities(doc), "the sentence names people and places"


def test_caches_do_not_keep_documents_alive(nlp):
    from counterclaim.nlp import cached

    gc.collect()  # documents of earlier tests leave first
    before = len(cached._TEXTS), len(cached._ENTITIES)
    doc = nlp("Kyiv said the convoy had been shelled.")
    doc_entities(doc)
    assert (len(cached._TEXTS), len(cached._ENTITIES)) == (before[0] + 1, before[1] + 1)
    del doc
    gc.collect()
    assert (len(cached._TEXTS), len(cached._ENTITIES)) == before
