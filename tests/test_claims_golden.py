"""The claims stage scored on the hand-annotated sample corpus (tests/golden/), with pinned floors.

A predicted claim matches a gold claim when their contents share a word
(one-to-one, in reading order). On the matches we check speaker (spans share a
word, or both are the narrator), cue (spans share a word), stance and side.
The floors are the measured figures rounded down a little: a regression in
extraction quality fails like a crash does (trafilatura-style baseline).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from counterclaim.extract.registry import get_stage
from counterclaim.model import Article, ArticleResult
from counterclaim.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = ROOT / "src" / "counterclaim" / "data" / "samples" / "articles.jsonl"
WORD = re.compile(r"\w+")

# measured when pinned (claims stage v1, 24 sample articles): recall 0.834, precision 0.838,
# speaker 0.922, cue 0.976, stance 0.783, side 0.807 — floors sit a few points below.
# Recall raised 2026-12-02 (parse-found reporting verbs, doubled quote marks, parenthetical cues): 0.863.
# Raised 2026-12-03 (nested restatements dropped, institutions' sides from context): precision 0.833, side 0.897.
FLOORS = {"recall": 0.84, "precision": 0.81, "speaker": 0.88, "cue": 0.93, "stance": 0.74, "side": 0.85}


def _words(span: list[int] | tuple[int, int] | None) -> set[int]:
    return set() if span is None else set(range(span[0], span[1]))


def _overlap(text: str, a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    wa = {m.start() + a[0] for m in WORD.finditer(text[a[0]:a[1]])}
    wb = {m.start() + b[0] for m in WORD.finditer(text[b[0]:b[1]])}
    return bool(wa & wb)


SEED = ROOT / "src" / "counterclaim" / "data" / "samples" / "seed_article.txt"  # the bundled copy


def _articles() -> list[tuple[str, str, str | None]]:
    out = []
    if SEED.exists():  # golden offsets point into the seed without its "date" header, stripped
        raw = SEED.read_text(encoding="utf-8")
        header = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", raw)
        if header:
            out.append(("seed_article", raw[header.end():].strip(), header.group(1)))
    if SAMPLES.exists():
        for line in SAMPLES.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append((rec["id"], rec["text"], rec.get("date")))
    return out


def _score() -> dict[str, float]:
    counts = {k: 0 for k in ("gold", "pred", "matched", "speaker", "cue", "stance", "side")}
    nlp = load_nlp()
    stages = [get_stage("mentions"), get_stage("claims")]
    for art_id, text, date in _articles():
        gold_path = GOLDEN / f"{art_id}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["claims"]
        result = ArticleResult(article=Article(id=art_id, text=text, date=date, date_origin="header"))
        doc = nlp(text)
        for st in stages:
            st(doc, result)
        pred = result.claims
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        taken: set[int] = set()
        for g in gold:
            for n, p in enumerate(pred):
                if n in taken or not _overlap(text, g["spans"]["content"], (p.content.start, p.content.end)):
                    continue
                taken.add(n)
                counts["matched"] += 1
                p_speaker = (p.speaker.start, p.speaker.end) if p.speaker else None
                counts["speaker"] += _overlap(text, g["spans"]["speaker"], p_speaker)
                counts["cue"] += g["spans"]["cue"] is None or (
                    p.cue is not None and _overlap(text, g["spans"]["cue"], (p.cue.start, p.cue.end)))
                counts["stance"] += g["stance"] == p.stance
                counts["side"] += g["side"] == p.side
                break
    m = max(counts["matched"], 1)
    return {
        "recall": counts["matched"] / max(counts["gold"], 1),
        "precision": counts["matched"] / max(counts["pred"], 1),
        "speaker": counts["speaker"] / m,
        "cue": counts["cue"] / m,
        "stance": counts["stance"] / m,
        "side": counts["side"] / m,
    }


@pytest.fixture(scope="module")
def golden_scores() -> dict[str, float]:
    if not _articles() or not any(GOLDEN.glob("*.json")):
        pytest.skip("no sample corpus / golden annotations in this checkout")
    return _score()


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_claims_golden_floor(golden_scores, metric):
    assert golden_scores[metric] >= FLOORS[metric], golden_scores
