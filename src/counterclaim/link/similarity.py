"""Unsupervised grouping of short reports (headlines) that state the same thing.

Each text becomes a weighted bag of content words (IDF weights over the
collection, so rare names count most), plus its predicate classes from the
linker's lexicon (a headline that a town "fell" and one that "fighting
continues" there share the class). Candidate pairs come from an inverted
index over the rarer words (blocking: no all-pairs comparison), and pairs
whose weighted Jaccard similarity reaches the threshold are joined
(union-find), so cost grows near-linearly with the collection.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from .lexicon import lexicon

_STOP = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "the a an and or of to in on for with at by from as is are was were be been has have had it its this that "
        "these those after before over into about than but not no will would could may might says said say new "
        "report reports reported claims claim video photo watch why how what who more most just now year years "
        "man woman men women people first one two"
    ).split()
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
DEFAULT_THRESHOLD = 0.2
_MAX_BLOCK = 60  # words shared by more texts than this do not propose candidate pairs


def _features(text: str) -> set[str]:
    words = {w.split("'")[0] for w in _WORD.findall(text.lower().replace("\u2019", "'"))}
    feats = {w for w in words if len(w) > 2 and w not in _STOP and not w.isdigit()} | {
        w for w in words if w.isdigit() and len(w) >= 2
    }
    for cls in lexicon().classes.values():
        if any(p.search(text) for p in cls.positive + cls.contrary):
            feats.add(f"<{cls.name}>")
    return feats


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_texts(texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD) -> list[int]:
    """A cluster label per text (the smallest index in its cluster)."""
    feats = [_features(t) for t in texts]
    df: dict[str, int] = defaultdict(int)
    for f in feats:
        for w in f:
            df[w] += 1
    n = max(1, len(texts))
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for w in f:
            if df[w] <= _MAX_BLOCK and not w.startswith("<"):
                index[w].append(i)
    sets = _Sets(len(texts))
    for i, f in enumerate(feats):
        candidates = {j for w in f if w in index for j in index[w] if j > i}
        for j in candidates:
            inter = sum(idf[w] for w in f & feats[j])
            union = sum(idf[w] for w in f | feats[j])
            if union and inter / union >= threshold:
                sets.union(i, j)
    return [sets.find(i) for i in range(len(texts))]
