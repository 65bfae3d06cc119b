"""A linear PLOVER type classifier over one sentence's parse, scored with numpy.

The verb-cue lexicon (``interactions.py``) names a type for most interaction
sentences but cannot weigh one cue against the rest of the sentence ("rejected
the accusation", "agreed to withdraw"). This model does: TF-IDF over lemma
unigrams and bigrams, the verbs (negated or not), the root, verb-object pairs and
the lexicon's own cue type, into a one-vs-rest linear SVM. The weights come from
``scripts/train_plover.py`` trained on the PLOVER gold standard records (Open Event
Data Alliance, CC BY-SA 4.0), and ship under that licence in
``data/events/plover_model.json``. Training needs scikit-learn; scoring needs only
numpy, which spaCy already brings.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Iterable
from importlib import resources

import numpy as np
from spacy.tokens import Span as SpacySpan

from .interactions import Interaction, interaction

MODEL_FILE = "plover_model.json"
# The lexicon's cue type is repeated so that, after TF-IDF, it weighs about as much as a
# few content words (picked by accuracy on the training records, see the training script).
CUE_WEIGHT = 2


def sentence_features(sentences: Iterable[SpacySpan], cue: Interaction | None = None) -> list[str]:
    """Feature strings of one or more sentences (the training script and the stage share this).

    ``cue``: the interaction already found in a single sentence, so it is not looked for twice.
    """
    out: list[str] = []
    for sent in sentences:
        lemmas = [t.lemma_.lower() for t in sent if not (t.is_punct or t.is_space)]
        out += lemmas
        out += [f"{a}_{b}" for a, b in zip(lemmas, lemmas[1:])]
        for t in sent:
            lemma = t.lemma_.lower()
            if t.pos_ == "VERB" or t.dep_ == "ROOT":
                out.append(f"V:{lemma}")
                if any(c.dep_ == "neg" for c in t.children):
                    out += [f"NEG:{lemma}", "NEG"]
            if t.dep_ == "ROOT":
                out.append(f"R:{lemma}")
            if t.dep_ in ("dobj", "pobj") and t.head.pos_ == "VERB":
                out.append(f"VO:{t.head.lemma_.lower()}_{lemma}")
        found = cue or interaction(sent)
        if found is not None:
            out += [f"CUE:{found.plover}"] * CUE_WEIGHT
    return out


class PloverModel:
    """TF-IDF (sublinear tf, smoothed idf, L2 norm) and one-vs-rest linear weights, as trained."""

    def __init__(self, data: dict):
        self.classes: list[str] = list(data["classes"])
        self.vocabulary: dict[str, int] = {term: i for i, term in enumerate(data["vocabulary"])}
        self.idf = np.asarray(data["idf"], dtype=np.float32)
        self.coef = np.asarray(data["coef"], dtype=np.float32)  # classes x vocabulary
        self.intercept = np.asarray(data["intercept"], dtype=np.float32)

    def scores(self, features: list[str]) -> np.ndarray:
        counts = Counter(self.vocabulary[f] for f in features if f in self.vocabulary)
        if not counts:
            return self.intercept.copy()
        index = np.fromiter(counts.keys(), dtype=np.int64)
        values = np.array([1.0 + math.log(c) for c in counts.values()], dtype=np.float32) * self.idf[index]
        values /= np.linalg.norm(values)
        return self.coef[:, index] @ values + self.intercept

    def predict_sentences(self, sentences: list[SpacySpan]) -> str:
        return self.classes[int(np.argmax(self.scores(sentence_features(sentences))))]

    def predict(self, sentence: SpacySpan, cue: Interaction | None = None) -> str:
        return self.classes[int(np.argmax(self.scores(sentence_features([sentence], cue))))]


@functools.lru_cache(maxsize=1)
def plover_model() -> PloverModel | None:
    """The shipped model, or None when the package has no model file (the lexicon alone then types)."""
    path = resources.files("counterclaim.data").joinpath("events", MODEL_FILE)
    if not path.is_file():
        return None
    return PloverModel(json.loads(path.read_text(encoding="utf-8")))
