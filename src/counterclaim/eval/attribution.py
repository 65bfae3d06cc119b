"""``counterclaim eval attribution --data PATH --split dev``: the claims stage on PolNeAR brat.

PolNeAR (Newell et al., LREC 2018) layout: ``<split>/text/<doc>.txt`` and
``<split>/attributions/<doc>_<annotator>.ann``; ``T`` lines are Source / Cue /
Content spans (possibly discontinuous, ``a b;c d``), ``E`` lines join them.
Where a document has several annotators, the first (sorted) is used.

Scores, for source, cue and content spans and whole relations:
- exact: same characters once quote marks, spaces and edge punctuation are
  trimmed from both ends (gold direct-quote contents keep their marks, ours do not);
- overlap: at least one shared token (one-to-one greedy matching);
- relation: cue, source and content all match (a missing source matches a
  missing source).
textacy's ``direct_quotations`` (a peer extractor, quotes only) is scored on the
same documents and the same parse, in the same run.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from ..errors import ClaimsEvalData
from ..model import Claim

Range = tuple[int, int]
TRIM = " \t\r\n\"'“”‘’«»„‹›,.:;—–-()"
TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Relation:
    source: Range | None
    cue: Range | None
    content: Range | None


@dataclass
class BratDoc:
    name: str
    text: str
    gold: list[Relation]


# --- reading ----------------------------------------------------------------------------------


def _ranges(field: str) -> Range:
    """Extent of a possibly discontinuous brat span "a b;c d"."""
    pairs = [tuple(int(x) for x in part.split()) for part in field.split(";")]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def read_ann(path: Path) -> list[Relation]:
    spans: dict[str, Range] = {}
    relations: list[Relation] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            _label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = _ranges(offsets)
            except ValueError as exc:
                raise ClaimsEvalData(f"bad offsets in {line!r}", where=str(path)) from exc
    for line in lines:
        if not line.startswith("E"):
            continue
        args = dict(a.split(":", 1) for a in line.split("\t")[1].split() if ":" in a)
        if "Cue" not in args and "Content" not in args:
            continue
        relations.append(Relation(spans.get(args.get("Source", "")), spans.get(args.get("Cue", "")),
                                  spans.get(args.get("Content", ""))))
    return relations


def read_split(data: Path, split: str, limit: int | None = None) -> list[BratDoc]:
    folder = data / split
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise ClaimsEvalData(f"no PolNeAR split at {folder} (expected text/ and attributions/ folders; "
                             "e.g. --data ../shared/data/claims/polnear --split dev)")
    docs: list[BratDoc] = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        docs.append(BratDoc(txt.stem, txt.read_text(encoding="utf-8"), read_ann(anns[0])))
        if limit and len(docs) >= limit:
            break
    if not docs:
        raise ClaimsEvalData(f"no annotated documents under {folder}")
    return docs


# --- predicting -------------------------------------------------------------------------------


def ours(docs: list[BratDoc]) -> list[list[Relation]]:
    from ..extract.registry import get_stage
    from ..model import Article, ArticleResult
    from ..nlp import load_nlp

    stages = [get_stage("mentions"), get_stage("claims")]
    out: list[list[Relation]] = []
    for doc, bd in zip(load_nlp().pipe(d.text for d in docs), docs):
        result = ArticleResult(article=Article(id=bd.name, text=bd.text, date=None, date_origin="ingest-time"))
        for st in stages:
            st(doc, result)
        out.append(as_relations([Relation((c.speaker.start, c.speaker.end) if c.speaker else None,
                                          (c.cue.start, c.cue.end) if c.cue else None,
                                          (c.content.start, c.content.end))
                                 for c in result.claims
                                 if c.cue is not None and not is_narrator_hedge(c)]))
    return out


def is_narrator_hedge(claim: Claim) -> bool:
    """"If this is correct": the writer's own hedge, which PolNeAR does not annotate as an attribution
    (an unattributed evidential passive, "is said to", is annotated, with no source)."""
    return claim.speaker is None and claim.stance == "hedges" and claim.kind == "nominal"


def as_relations(claims: list[Relation]) -> list[Relation]:
    """One relation per cue, as PolNeAR annotates it.

    Our stage gives each piece of a split or continued quotation its own claim (same cue,
    same speaker); PolNeAR gives the attribution one discontinuous content span, which
    ``read_ann`` reads as its extent. Pieces sharing cue and speaker are joined the same way.
    """
    joined: dict[tuple[Range | None, Range | None], Relation] = {}
    for r in claims:
        key = (r.cue, r.source)
        prev = joined.get(key)
        if prev is None or prev.content is None or r.content is None:
            joined.setdefault(key, r)
            continue
        joined[key] = Relation(r.source, r.cue, (min(prev.content[0], r.content[0]), max(prev.content[1], r.content[1])))
    return list(joined.values())


def textacy_quotes(docs: list[BratDoc]) -> list[list[Relation]] | None:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    from ..nlp import load_nlp

    out: list[list[Relation]] = []
    for doc in load_nlp().pipe(d.text for d in docs):
        rels: list[Relation] = []
        try:
            for q in direct_quotations(doc):
                src = (q.speaker[0].idx, q.speaker[-1].idx + len(q.speaker[-1])) if q.speaker else None
                cue = (q.cue[0].idx, q.cue[-1].idx + len(q.cue[-1])) if q.cue else None
                rels.append(Relation(src, cue, (q.content.start_char, q.content.end_char)))
        except ValueError:
            pass  # textacy refuses documents with an odd number of quote marks: no output for them
        out.append(rels)
    return out


# --- scoring ----------------------------------------------------------------------------------


def _trim(text: str, r: Range) -> Range:
    s, e = r
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def _tokens(text: str, r: Range) -> set[int]:
    """Start offsets of the words in a span; a punctuation-only cue (":", "―") counts by its characters."""
    words = {m.start() + r[0] for m in TOKEN.finditer(text[r[0]:r[1]])}
    return words or {i for i in range(r[0], r[1]) if not text[i].isspace()}


def same(text: str, a: Range | None, b: Range | None, mode: str) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if mode == "exact":
        return _trim(text, a) == _trim(text, b)
    return bool(_tokens(text, a) & _tokens(text, b))


def _match(pred: list, gold: list, ok) -> int:
    """Greedy one-to-one matches between predictions and gold items."""
    taken: set[int] = set()
    hits = 0
    for p in pred:
        for gi, g in enumerate(gold):
            if gi not in taken and ok(p, g):
                taken.add(gi)
                hits += 1
                break
    return hits


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp, self.n_pred, self.n_gold = self.tp + tp, self.n_pred + n_pred, self.n_gold + n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp,
                "pred": self.n_pred, "gold": self.n_gold}


def score(docs: list[BratDoc], predictions: Iterable[list[Relation]]) -> dict[str, dict[str, float]]:
    counts = {f"{part}_{mode}": Counts() for part in ("source", "cue", "content", "relation")
              for mode in ("exact", "overlap")}
    for bd, pred in zip(docs, predictions):
        for mode in ("exact", "overlap"):
            for part in ("source", "cue", "content"):
                p = [getattr(r, part) for r in pred if getattr(r, part) is not None]
                g = [getattr(r, part) for r in bd.gold if getattr(r, part) is not None]
                counts[f"{part}_{mode}"].add(_match(p, g, lambda a, b, m=mode, t=bd.text: same(t, a, b, m)), len(p), len(g))

            def rel_ok(a: Relation, b: Relation, m: str = mode, t: str = bd.text) -> bool:
                return all(same(t, getattr(a, f), getattr(b, f), m) for f in ("cue", "source", "content"))

            counts[f"relation_{mode}"].add(_match(pred, bd.gold, rel_ok), len(pred), len(bd.gold))
    return {k: v.prf() for k, v in counts.items()}


def _table(rows: dict[str, dict[str, dict[str, float]]]) -> str:
    keys = [f"{part}_{mode}" for mode in ("exact", "overlap") for part in ("source", "cue", "content", "relation")]
    lines = [f"{'system':10} " + " ".join(f"{k:>17}" for k in keys), f"{'':10} " + " ".join(f"{'P    R    F1':>17}" for _ in keys)]
    for name, res in rows.items():
        cells = [f"{res[k]['p']:.2f} {res[k]['r']:.2f} {res[k]['f1']:.3f}" for k in keys]
        lines.append(f"{name:10} " + " ".join(f"{c:>17}" for c in cells))
    return "\n".join(lines)


@click.command("attribution")
@click.option("--data", type=click.Path(path_type=Path), required=True,
              help="PolNeAR folder holding train/ and dev/ (e.g. ../shared/data/claims/polnear).")
@click.option("--split", default="dev", show_default=True, help="Split folder to score.")
@click.option("--limit", type=int, default=None, help="Only the first N documents (quick checks).")
@click.option("--no-textacy", is_flag=True, help="Skip the textacy direct-quotation baseline.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(data: Path, split: str, limit: int | None, no_textacy: bool, as_json: bool) -> None:
    """Attribution P/R/F1 (source, cue, content, relation; exact and token overlap) on PolNeAR brat.

    \b
    Example:
      counterclaim eval attribution --data ../shared/data/claims/polnear --split dev
    """
    try:
        docs = read_split(data, split, limit)
    except ClaimsEvalData as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    started = time.perf_counter()
    rows = {"counterclaim": score(docs, ours(docs))}
    seconds = round(time.perf_counter() - started, 1)
    if not no_textacy:
        peer = textacy_quotes(docs)
        if peer is not None:
            rows["textacy"] = score(docs, peer)
    meta = {"data": str(data), "split": split, "documents": len(docs),
            "gold_relations": sum(len(d.gold) for d in docs), "seconds": seconds}
    if as_json:
        click.echo(json.dumps({**meta, "systems": rows}, indent=2))
    else:
        click.echo(" ".join(f"{k}={v}" for k, v in meta.items()))
        click.echo(_table(rows))
