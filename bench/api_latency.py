"""API latency at scale: a 100,000-article SQLite ledger, then p50/p95 of the dashboard's queries.

1. Extract the base corpus once: the bundled sample corpus, plus the Guardian
   corpus when it is beside the checkout (read in place, never copied into the
   repo). Results are cached under --work (default /tmp/cc-bench) by corpus.
2. Build the database under --work: --articles copies of the base results,
   each re-dated (article, claim and event dates shifted by whole days) and
   re-placed (every resolved place swapped for another place of the corpus, so
   the map spreads), with a unique tail on the text (new content hash). They
   are inserted directly with ``store.add_results`` in batches of 1,000: no re-parse.
3. Time the FastAPI app in process (TestClient): the claim board (``/``), a
   filtered claim list, full-text search, and the map's GeoJSON, --repeat times
   each over a few parameter values; print p50/p95 (target p95 < 100 ms).

    python bench/api_latency.py [--articles 100000] [--data ../shared/data/news/guardian_ukraine_2022]
                                [--work /tmp/cc-bench] [--rebuild] [--build-only] [--repeat 40] [--json]

The database grows to --articles and is kept: a later run with a larger
--articles adds copies (so figures can be taken at 10k, 30k, 100k ...).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import os
import pickle
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from counterclaim.model import Article, ArticleResult, article_id, content_hash
from counterclaim.scale.synthetic import sample_records

DEFAULT_GUARDIAN = Path(__file__).resolve().parents[2] / "shared/data/news/guardian_ukraine_2022"


# --- 1. the base corpus, extracted once ----------------------------------------------


def base_articles(guardian: Path | None, limit: int) -> list[Article]:
    articles = []
    for rec in sample_records():
        articles.append(
            Article(
                article_id(content_hash(rec["text"])),
                rec["text"],
                rec.get("date"),
                "metadata",
                title=rec.get("title"),
                outlet=rec.get("outlet"),
                url=rec.get("url"),
            )
        )
    path = guardian / "guard-articles-nato.csv" if guardian else None
    if path and path.exists():
        csv.field_size_limit(sys.maxsize)
        with path.open(encoding="utf-8") as fh:
            for row in list(csv.DictReader(fh))[:limit]:
                text = (row.get("Text") or "").strip()
                if text:
                    articles.append(
                        Article(
                            article_id(content_hash(text)),
                            text,
                            row.get("Date Formatted") or None,
                            "metadata",
                            title=row.get("Heading"),
                            outlet="The Guardian",
                            url=row.get("Article Url"),
                        )
                    )
    return articles


def extracted(articles: list[Article], work: Path) -> list[ArticleResult]:
    key = hashlib.sha256("".join(a.hash for a in articles).encode()).hexdigest()[:16]
    cache = work / f"base-results-{key}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from counterclaim.scale import StreamingRun
    from counterclaim.scale.pool import PoolBackend

    results: list[ArticleResult] = []

    class Keep:  # a store that keeps the results in memory
        def known_hashes(self, hashes):
            return set()

        def add_results(self, batch):
            from counterclaim.store import AddReport

            results.extend(batch)
            return AddReport(added=len(batch))

    started = time.perf_counter()
    backend = PoolBackend(max(1, min(2, os.cpu_count() or 1)))
    try:
        StreamingRun(Keep(), backend, batch_size=8, max_in_flight=4).run(articles)
    finally:
        backend.close()
    print(f"extracted {len(results)} base articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    cache.write_bytes(pickle.dumps(results))
    return results


# --- 2. the 100,000-article database ---------------------------------------------------


def shift(day: str | None, days: int) -> str | None:
    if not day or len(day) < 10:
        return day
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat() + day[10:]
    except ValueError:
        return day


def place_pool(base: list[ArticleResult]) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in base:
        for p in r.places:
            if p.lat is not None and p.name not in seen:
                seen[p.name] = {
                    "name": p.name,
                    "lat": p.lat,
                    "lon": p.lon,
                    "geonameid": p.geonameid,
                    "country_code": p.country_code,
                    "aliases": p.aliases,
                }
    return list(seen.values())


def copy_of(r: ArticleResult, n: int, places: list[dict]) -> ArticleResult:
    days = (n * 7) % 1500 - 750  # spread over about four years around the originals
    text = f"{r.article.text}\n\n(archive copy {n})"
    h = content_hash(text)
    a = dataclasses.replace(
        r.article,
        id=article_id(h),
        text=text,
        hash=h,
        date=shift(r.article.date, days),
        url=f"{r.article.url}#copy-{n}" if r.article.url else None,
    )
    out = ArticleResult(article=a)
    out.mentions = list(r.mentions)
    out.places = [
        dataclasses.replace(p, **places[(n + i) % len(places)]) if p.lat is not None and places else p
        for i, p in enumerate(r.places)
    ]
    out.dates = [dataclasses.replace(d, value=shift(d.value, days), end=shift(d.end, days)) for d in r.dates]
    out.claims = [dataclasses.replace(c, date=shift(c.date, days)) for c in r.claims]
    out.events = [dataclasses.replace(e, date=shift(e.date, days)) for e in r.events]
    out.warnings = list(r.warnings)
    out.stages = dict(r.stages)
    return out


def build(db: Path, base: list[ArticleResult], count: int) -> tuple[int, float]:
    """Insert copies until the database holds ``count`` articles; an interrupted build continues.

    Returns (articles inserted now, seconds).
    """
    from counterclaim.store import open_store

    places = place_pool(base)
    started = time.perf_counter()
    with open_store(db) as store:
        first = store.stats()["articles"]  # copies are numbered, so a re-run resumes at the next one
        batch: list[ArticleResult] = []
        for n in range(first, count):
            batch.append(copy_of(base[n % len(base)], n, places))
            if len(batch) == 1000:
                store.add_results(batch)
                batch = []
                if (n + 1) % 10_000 == 0:
                    print(f"  {n + 1} articles, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        store.add_results(batch)
    return count - first, time.perf_counter() - started


# --- 3. latency -----------------------------------------------------------------------


def requests_to_time(base: list[ArticleResult]) -> dict[str, list[str]]:
    sides = Counter(c.side for r in base for c in r.claims if c.side)
    top_sides = [s for s, _ in sides.most_common(3)] or ["Ukraine"]
    words = ["shelling", "ceasefire", "Kherson", "refugees", "sanctions"]
    return {
        "claim board (/)": ["/", *[f"/?side={s}" for s in top_sides[:2]]],
        "map page (/map)": ["/map"],
        "filtered claim list": [
            f"/api/claims?side={s}&since=2021-06-01&until=2022-12-31&limit=50" for s in top_sides
        ]
        + ["/api/claims?stance=denies&limit=50", f"/api/claims?side={top_sides[0]}&stance=asserts&limit=50"],
        "full-text search": [f"/api/search?q={w}&limit=20" for w in words],
        "map GeoJSON": [
            "/api/events?format=geojson&limit=500",
            "/api/places?format=geojson&limit=500",
            "/api/events?format=geojson&since=2022-01-01&until=2022-06-30&limit=500",
        ],
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(db: Path, plan: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    from fastapi.testclient import TestClient

    from counterclaim.api.app import create_app

    out: dict[str, dict] = {}
    with TestClient(create_app(db)) as client:
        for name, urls in plan.items():
            for url in urls:  # warm-up: first touch of pages and caches
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code, response.text[:300])
            times = []
            for _ in range(repeat):
                for url in urls:
                    t0 = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
            out[name] = {
                "requests": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
                "max_ms": round(max(times), 1),
            }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_GUARDIAN if DEFAULT_GUARDIAN.exists() else None)
    ap.add_argument("--guardian-limit", type=int, default=250)
    ap.add_argument("--work", type=Path, default=Path("/tmp/cc-bench"))
    ap.add_argument("--rebuild", action="store_true", help="build the database again even if it exists")
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--build-only", action="store_true", help="grow the database, measure nothing")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.data is not None and str(args.data) in ("", "."):
        args.data = None  # --data "": the bundled samples only
    if args.data and not args.data.exists():
        sys.exit(f"no corpus at {args.data}: give --data PATH or leave it out for the bundled samples only")

    args.work.mkdir(parents=True, exist_ok=True)
    base = extracted(base_articles(args.data, args.guardian_limit), args.work)
    db = args.work / "api-latency.db"
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    inserted, build_seconds = build(db, base, args.articles)
    if args.build_only:
        print(f"{inserted} articles inserted in {build_seconds:.0f} s into {db}")
        return
    from counterclaim.store import open_store

    with open_store(db) as store:
        stats = store.stats()
    report = {
        "database": str(db),
        "size_mb": round(db.stat().st_size / 2**20),
        "base_articles": len(base),
        "corpus": f"bundled samples + {args.data}" if args.data else "bundled samples",
        "stats": {k: v for k, v in stats.items() if isinstance(v, int)},
        "inserted_now": inserted,
        "build_seconds": round(build_seconds, 1),
        "latency": measure(db, requests_to_time(base), args.repeat),
        "load_average": round(os.getloadavg()[0], 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"database {db} ({report['size_mb']} MB): {report['stats']}")
    print(f"base: {len(base)} extracted articles from {report['corpus']}")
    if inserted:
        rate = inserted / build_seconds
        print(f"inserted {inserted} now in {build_seconds:.0f} s ({rate:.0f} articles/s, direct inserts)")
    print(f"{'query':<22}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   (target p95 < 100 ms)")
    for name, r in report["latency"].items():
        print(f"{name:<22}{r['requests']:>6}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}")
    print(f"load average: {report['load_average']} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
