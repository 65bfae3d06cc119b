"""``counterclaim eval geoparse --data PATH``: toponym recognition and resolution.

Reads, from a file or every ``*.xml`` under a folder:

- GeoWebNews (``GWN.xml``: ``<article><text/><toponyms><toponym><extractedName/>
  <type/><start/><end/><latitude/><longitude/>``);
- LGL / TR-News (``lgl.xml``: ``<article><text/><toponyms><toponym><start/><end/>
  <phrase/><gaztag><lat/><lon/>``);
- GeoVirus (``<article><source/><text/><locations><location><name/><start/><end/>
  <lat/><lon/>``).

Prints, per file:

- recognition P/R/F1 on character spans, exact and overlapping;
- resolution accuracy within 161 km, mean and median error (km) and AUC of the
  error curve (Gritta et al. 2018: mean of ln(1 + error) / ln(20039), lower is
  better), end to end (gold toponyms the system found, overlap match) and given
  the gold spans (our resolver on gold spans);
- a population-prior baseline on the gold spans (most populous candidate).

GeoWebNews annotates more than toponyms. Scored as toponyms are the types
Literal, Mixed, Metonymic, Literal_Modifier, Non_Literal_Modifier,
Embedded_Literal and Embedded_Non_Lit, except single-word adjectival forms
("Russian", "European"): the places stage keeps demonyms out by design. A gold
toponym without coordinates counts for recognition only. A toponym the resolver
finds no candidate for takes the article's main town, as the places stage does;
with no such town it scores the maximum error (20,039 km). LGL also annotates
demonyms ("Sudanese"); the same adjectival forms are left out there.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..errors import GeoEvalData
from .metrics import prf

GWN_TOPONYM_TYPES = frozenset({"Literal", "Mixed", "Metonymic", "Literal_Modifier", "Non_Literal_Modifier",
                               "Embedded_Literal", "Embedded_Non_Lit"})
ADJECTIVAL = re.compile(r"(?:ian|ean|ese|ish|ic|i|an|ch)s?$")
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


# --- readers -------------------------------------------------------------------------


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None, where: str) -> int:
    try:
        return int(text or "")
    except ValueError as exc:
        raise GeoEvalData(f"toponym offset {text!r} is not an integer", where=where) from exc


def _is_adjectival(name: str) -> bool:
    if " " in name or not ADJECTIVAL.search(name.lower()):
        return False
    from ..geo import get_gazetteer

    # "Japan", "Michigan", "Oman" end like adjectives but are names of places.
    return not any(c.exact and (c.kind in ("country", "region") or c.population >= 100_000)
                   for c in get_gazetteer().lookup(name))


def read_geoparse_xml(path: Path) -> list[GoldDoc]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GeoEvalData(f"not well-formed XML: {exc}", where=str(path)) from exc
    docs = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        doc_id = article.get("file") or article.get("docid") or str(n)
        gold: list[GoldToponym] = []
        for t in article.iter("toponym"):
            if t.find("extractedName") is not None:  # GeoWebNews
                if t.findtext("type") not in GWN_TOPONYM_TYPES:
                    continue
                name = t.findtext("extractedName") or ""
                if _is_adjectival(name):
                    continue
                gold.append(GoldToponym(_int(t.findtext("start"), str(path)), _int(t.findtext("end"), str(path)),
                                        name, _float(t.findtext("latitude")), _float(t.findtext("longitude"))))
            else:  # LGL / TR-News
                tag = t.find("gaztag")
                if _is_adjectival(t.findtext("phrase") or ""):
                    continue
                gold.append(GoldToponym(_int(t.findtext("start"), str(path)), _int(t.findtext("end"), str(path)),
                                        t.findtext("phrase") or "",
                                        _float(tag.findtext("lat")) if tag is not None else None,
                                        _float(tag.findtext("lon")) if tag is not None else None))
        for loc in article.iter("location"):  # GeoVirus
            gold.append(GoldToponym(_int(loc.findtext("start"), str(path)), _int(loc.findtext("end"), str(path)),
                                    loc.findtext("name") or "", _float(loc.findtext("lat")), _float(loc.findtext("lon"))))
        # Negative or out-of-range offsets exist in GeoWebNews; they cannot be matched, so they are dropped.
        gold = [g for g in gold if 0 <= g.start < g.end <= len(text)]
        docs.append(GoldDoc(doc_id, text, sorted(set(gold), key=lambda g: (g.start, g.end))))
    if not docs:
        raise GeoEvalData("no <article> elements", where=str(path))
    return docs


def find_files(data: Path) -> list[Path]:
    if not data.exists():
        raise GeoEvalData("no such file or folder (GeoWebNews GWN.xml, LGL lgl.xml or GeoVirus XML expected)",
                          where=str(data))
    if data.is_file():
        return [data]
    files = sorted(p for p in data.rglob("*.xml"))
    if not files:
        raise GeoEvalData("no *.xml files under this folder", where=str(data))
    return files


# --- scoring -------------------------------------------------------------------------


def error_summary(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"n": 0}
    return {
        "n": len(errors),
        "acc@161": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(statistics.fmean(math.log1p(e) for e in errors) / math.log1p(MAX_ERROR_KM), 4),
    }


def _error(lat: float | None, lon: float | None, g: GoldToponym) -> float:
    from ..geo import haversine_km

    if lat is None or lon is None:
        return MAX_ERROR_KM
    return haversine_km(lat, lon, g.lat, g.lon)  # type: ignore[arg-type]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Tally:
    n_gold: int = 0
    n_pred: int = 0
    tp_exact: int = 0
    tp_overlap_gold: int = 0
    tp_overlap_pred: int = 0
    e2e: list[float] = field(default_factory=list)
    gold_spans: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    def report(self) -> dict:
        overlap_p = self.tp_overlap_pred / self.n_pred if self.n_pred else 0.0
        overlap_r = self.tp_overlap_gold / self.n_gold if self.n_gold else 0.0
        return {
            "gold_toponyms": self.n_gold,
            "predicted": self.n_pred,
            "recognition_exact": prf(self.tp_exact, self.n_pred, self.n_gold),
            "recognition_overlap": {
                "precision": round(overlap_p, 4),
                "recall": round(overlap_r, 4),
                "f1": round(2 * overlap_p * overlap_r / (overlap_p + overlap_r), 4) if overlap_p + overlap_r else 0.0,
            },
            "resolution_end_to_end": error_summary(self.e2e),
            "resolution_gold_spans": error_summary(self.gold_spans),
            "baseline_population_gold_spans": error_summary(self.baseline),
        }


def score_doc(doc: GoldDoc, nlp, tally: Tally) -> None:
    from ..extract.places import recognise, resolve_toponyms
    from ..extract.places_resolve import Toponym, lookup
    from ..geo import get_gazetteer

    parsed = nlp(doc.text)
    predicted = resolve_toponyms(parsed, recognise(parsed))
    pred_spans = [(p.span.start, p.span.end) for p in predicted]
    gold_spans = [(g.start, g.end) for g in doc.toponyms]
    tally.n_gold += len(gold_spans)
    tally.n_pred += len(pred_spans)
    tally.tp_exact += len(set(pred_spans) & set(gold_spans))
    tally.tp_overlap_pred += sum(any(_overlaps(p, g) for g in gold_spans) for p in pred_spans)
    for g in doc.toponyms:
        match = next((p for p in predicted if _overlaps((p.span.start, p.span.end), (g.start, g.end))), None)
        if match is not None:
            tally.tp_overlap_gold += 1
            if g.lat is not None:
                tally.e2e.append(_error(match.lat, match.lon, g))
    # Given the gold spans: the same resolver, the gold toponyms as the article's toponyms.
    gazetteer = get_gazetteer()
    located = [g for g in doc.toponyms if g.lat is not None and g.lon is not None]
    toponyms = [Toponym(g.start, g.end, g.text, lookup(gazetteer, g.text)) for g in located]
    from ..extract.places import _add_syntax_hints

    _add_syntax_hints(parsed, toponyms)
    from ..extract.places_resolve import dominant_area, resolve

    resolve(toponyms)
    area = dominant_area(toponyms)
    for g, t in zip(located, toponyms):
        c = t.chosen or area
        tally.gold_spans.append(_error(c.lat if c else None, c.lon if c else None, g))
        top = max(t.candidates, key=lambda c: (c.population, c.kind == "country"), default=None)
        tally.baseline.append(_error(top.lat if top else None, top.lon if top else None, g))


HALVES = ("tune", "check")


def article_half(doc_id: str) -> str:
    """A stable split of a set into a tune half and a check half, by a hash of the article id."""
    return HALVES[int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2]


def evaluate(files: list[Path], limit: int | None = None, half: str | None = None) -> dict:
    from ..nlp import load_nlp

    nlp = load_nlp()
    report = {}
    for path in files:
        docs = read_geoparse_xml(path)
        if half:
            docs = [d for d in docs if article_half(d.id) == half]
        docs = docs[:limit] if limit else docs
        tally = Tally()
        started = time.perf_counter()
        for doc in docs:
            score_doc(doc, nlp, tally)
        report[path.name] = {"articles": len(docs), "seconds": round(time.perf_counter() - started, 1), **tally.report()}
    return report


def _print_table(report: dict) -> None:
    for name, r in report.items():
        click.echo(f"{name}: {r['articles']} articles, {r['gold_toponyms']} gold toponyms, {r['predicted']} predicted")
        for key in ("recognition_exact", "recognition_overlap"):
            m = r[key]
            click.echo(f"  {key:32} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
        for key in ("resolution_end_to_end", "resolution_gold_spans", "baseline_population_gold_spans"):
            m = r[key]
            if not m.get("n"):
                click.echo(f"  {key:32} (no located toponyms)")
                continue
            click.echo(f"  {key:32} n {m['n']:5d}  acc@161 {m['acc@161']:.3f}  mean {m['mean_km']:8.1f} km"
                       f"  median {m['median_km']:7.1f} km  AUC {m['auc']:.3f}")


@click.command("geoparse")
@click.option("--data", "data", type=click.Path(path_type=Path), required=True,
              help="GWN.xml, lgl.xml, a GeoVirus XML file, or a folder holding them.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles of each file.")
@click.option("--half", type=click.Choice(HALVES), default=None,
              help="Score only one half of each file, split by a hash of the article id (tune on one, check on the other).")
def command(data: Path, as_json: bool, limit: int | None, half: str | None) -> None:
    """Toponym recognition P/R/F1 and resolution accuracy@161 km, with a population baseline.

    \b
    Example:
      counterclaim eval geoparse --data ../shared/data/geo/lgl.xml --limit 100
      counterclaim eval geoparse --data ../shared/data/geo --json
      counterclaim eval geoparse --data ../shared/data/geo/lgl.xml --half tune
    """
    try:
        files = find_files(data)
        report = evaluate(files, limit, half)
    except GeoEvalData as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        _print_table(report)
