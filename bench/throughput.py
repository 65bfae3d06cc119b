"""Throughput of the full pipeline vs. a bare spaCy parse of the same texts, in one run.

Prints articles/s and words/s for: the bare model (``nlp.pipe``), and the full
counterclaim pipeline (rule layer + every stage), in 1 and 2 processes (the 1-process
legs take turns chunk by chunk so a shared machine's changing load hits both alike; the
2-process leg is the `ingest --workers N` runner, counterclaim.scale, with a null store), the
ratio full/bare (target >= 0.8), each stage's share of the pipeline's time, and
peak RSS. Reads the Guardian corpus when it is beside the checkout, else the
bundled sample corpus (repeated to make the run long enough to measure).

    python bench/throughput.py [--data ../shared/data/news/guardian_ukraine_2022] [--limit 250] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path

from counterclaim.model import Article, article_id, content_hash

DEFAULT_GUARDIAN = Path(__file__).resolve().parents[2] / "shared/data/news/guardian_ukraine_2022"


def load_texts(data: Path | None, limit: int) -> tuple[str, list[Article]]:
    csv.field_size_limit(sys.maxsize)
    path = data / "guard-articles-nato.csv" if data else None
    articles: list[Article] = []
    if path and path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                text = (row.get("Text") or "").strip()
                if text:
                    h = content_hash(text)
                    articles.append(Article(article_id(h), text, row.get("Date Formatted") or None, "metadata",
                                            title=row.get("Heading"), url=row.get("Article Url"), hash=h))
        label = f"guardian ({path})"
    else:
        samples = resources.files("counterclaim.data").joinpath("samples/articles.jsonl")
        base = [json.loads(line) for line in samples.read_text(encoding="utf-8").splitlines() if line.strip()]
        for i in range(max(1, limit // max(1, len(base)) + 1)):
            for rec in base:
                text = rec["text"] + f"\n\n(copy {i})"
                h = content_hash(text)
                articles.append(Article(article_id(h), text, rec.get("date"), "metadata", hash=h))
        label = "bundled sample corpus (repeated)"
    return label, articles[:limit]


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


# CPU seconds (this process + its workers) of the last timed leg: on a shared, busy machine
# articles per CPU-second is the per-core figure; wall-clock rates then only say how busy it was.
LAST_CPU = [0.0]


def cpu_now() -> float:
    """CPU seconds of this process, its finished children and its live children."""
    import os

    import psutil

    t = os.times()
    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            c = child.cpu_times()
            live += c.user + c.system
        except psutil.Error:
            pass
    return time.process_time() + t.children_user + t.children_system + live


def bare_rate(articles: list[Article], n_process: int) -> float:
    import spacy

    from counterclaim.nlp.loader import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE)
    nlp.max_length = 10**7
    cpu = cpu_now()
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=16, n_process=n_process):
        pass
    wall = time.perf_counter() - start
    LAST_CPU[0] = cpu_now() - cpu  # for n_process > 1 this includes the workers' model load
    return wall


class NullStore:
    """Knows nothing, keeps nothing: the runner's loop without database time."""

    def known_hashes(self, hashes):
        return set()

    def add_results(self, results):
        from counterclaim.store import AddReport

        return AddReport(added=len(results))


def pool_rate(articles: list[Article], n_process: int, batch_size: int = 8) -> float:
    """Seconds for the ``ingest --workers N`` runner (counterclaim.scale) over ``articles``, load excluded."""
    from counterclaim.scale import PoolBackend, StreamingRun

    backend = PoolBackend(n_process)
    try:
        warm = [backend.submit(articles[:1]) for _ in range(n_process)]  # every worker loads the pipeline
        for future in warm:
            future.result()
        cpu = cpu_now()
        start = time.perf_counter()
        StreamingRun(NullStore(), backend, batch_size=batch_size, max_in_flight=2 * n_process).run(articles)
        wall = time.perf_counter() - start
        LAST_CPU[0] = cpu_now() - cpu
        return wall
    finally:
        backend.close()


def full_rate(articles: list[Article], n_process: int, stage_times: dict[str, float] | None = None) -> float:
    from counterclaim.pipeline import Pipeline

    if n_process == 1:
        pipeline = Pipeline()
        if stage_times is not None:
            _instrument(pipeline, stage_times)
        cpu = time.process_time()
        start = time.perf_counter()
        for _ in pipeline.run_many(articles):
            pass
        wall = time.perf_counter() - start
        LAST_CPU[0] = time.process_time() - cpu
        return wall
    return pool_rate(articles, n_process)


def interleaved_times(articles: list[Article], chunk: int = 10) -> tuple[float, float, float, float]:
    """(bare wall, bare CPU, full wall, full CPU) in one process, bare and full taking turns chunk by chunk.

    On a shared machine the load changes by the minute; two legs run one after the other
    see different loads, and their ratio says more about the neighbours than about the
    pipeline. Alternating short chunks (and which leg goes first) gives both legs the same
    load. Both models are loaded before timing starts.
    """
    import spacy

    from counterclaim.nlp.loader import MODEL_PACKAGE
    from counterclaim.pipeline import Pipeline

    bare_nlp = spacy.load(MODEL_PACKAGE)
    bare_nlp.max_length = 10**7
    pipeline = Pipeline()
    for _ in bare_nlp.pipe([articles[0].text]):
        pass
    list(pipeline.run_many(articles[:1]))
    totals = [0.0, 0.0, 0.0, 0.0]

    def bare(part: list[Article]) -> None:
        for _ in bare_nlp.pipe((a.text for a in part), batch_size=16):
            pass

    def full(part: list[Article]) -> None:
        for _ in pipeline.run_many(part):
            pass

    for n, i in enumerate(range(0, len(articles), chunk)):
        part = articles[i:i + chunk]
        legs = [(0, bare), (2, full)] if n % 2 == 0 else [(2, full), (0, bare)]
        for slot, leg in legs:
            cpu, start = time.process_time(), time.perf_counter()
            leg(part)
            totals[slot] += time.perf_counter() - start
            totals[slot + 1] += time.process_time() - cpu
    return totals[0], totals[1], totals[2], totals[3]


def _instrument(pipeline, stage_times: dict[str, float]) -> None:
    """Wrap each stage to accumulate its wall time (spaCy components are timed separately)."""
    from counterclaim.extract.registry import Stage

    wrapped = []
    for st in pipeline.stages:
        def timed(doc, result, _f=st.func, _n=st.name):
            t0 = time.perf_counter()
            _f(doc, result)
            stage_times[f"stage:{_n}"] += time.perf_counter() - t0
        wrapped.append(Stage(st.name, st.version, timed, st.requires))
    pipeline.stages = wrapped


def spacy_component_times(articles: list[Article]) -> dict[str, float]:
    from counterclaim.nlp import load_nlp

    nlp = load_nlp()
    times: dict[str, float] = defaultdict(float)
    for a in articles:
        doc = nlp.make_doc(a.text)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            times[f"spacy:{name}"] += time.perf_counter() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_GUARDIAN if DEFAULT_GUARDIAN.exists() else None)
    ap.add_argument("--limit", type=int, default=250)
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    label, articles = load_texts(args.data, args.limit)
    n_words = words(articles)
    report: dict = {"data": label, "articles": len(articles), "words": n_words, "runs": []}
    for n in [int(x) for x in args.processes.split(",")]:
        if n == 1:  # one process: the legs take turns over the same chunks (see interleaved_times)
            bare, bare_cpu, full, full_cpu = interleaved_times(articles)
        else:
            bare = bare_rate(articles, n)
            bare_cpu = LAST_CPU[0]
            full = full_rate(articles, n)
            full_cpu = LAST_CPU[0]
        report["runs"].append({
            "processes": n,
            "bare_articles_per_cpu_s": round(len(articles) / bare_cpu, 2) if bare_cpu else None,
            "full_articles_per_cpu_s": round(len(articles) / full_cpu, 2) if full_cpu else None,
            "full_words_per_cpu_s": round(n_words / full_cpu) if full_cpu else None,
            "ratio_full_to_bare_cpu": round(bare_cpu / full_cpu, 3) if full_cpu else None,
            "bare_articles_per_s": round(len(articles) / bare, 2),
            "bare_words_per_s": round(n_words / bare),
            "full_articles_per_s": round(len(articles) / full, 2),
            "full_words_per_s": round(n_words / full),
            "ratio_full_to_bare": round(bare / full, 3),
        })
    stage_times: dict[str, float] = defaultdict(float)
    total = full_rate(articles, 1, stage_times)
    stage_times.update(spacy_component_times(articles))
    report["time_share"] = {k: round(v / total, 3) for k, v in sorted(stage_times.items())}
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"data: {label}: {len(articles)} articles, {n_words} words")
    for r in report["runs"]:
        print(f"{r['processes']} process(es): bare {r['bare_articles_per_s']} art/s ({r['bare_words_per_s']} w/s), "
              f"full {r['full_articles_per_s']} art/s ({r['full_words_per_s']} w/s), ratio {r['ratio_full_to_bare']}")
        print(f"    per CPU-second: bare {r['bare_articles_per_cpu_s']} art, full {r['full_articles_per_cpu_s']} art "
              f"({r['full_words_per_cpu_s']} words), ratio {r['ratio_full_to_bare_cpu']}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall rates are shared-machine figures)")
    print("share of the full pipeline's single-process time:")
    for k, v in report["time_share"].items():
        print(f"  {k:<28}{v:6.1%}")
    print(f"peak RSS (main process): {report['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
