"""Linking cost at scale: 10k, 30k and 100k synthetic claims through the incremental linker.

The sample corpus (24 articles + the seed) is extracted once; its article
results are then copied, each copy **re-dated** (all dates shifted by 60 days
per copy, so copies never chain into one proposition) and **re-placed** (every
place renamed to a per-copy variant, 4 copies per variant), until the corpus
holds N claims. Each size runs in a fresh process on a fresh SQLite store:
``add_results`` + ``link_articles`` per batch of 50 articles, exactly as the
ingest job does. Prints time (linking alone and store+link), claims/s and peak
RSS; near-linear growth shows as a flat claims/s across sizes.

    python bench/linking.py [--sizes 10000,30000,100000] [--json]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

SHIFT_DAYS = 60
COPIES_PER_PLACE = 4
BATCH = 50


def sample_results(cache: Path) -> list[dict[str, Any]]:
    if cache.exists():
        return json.loads(cache.read_text("utf-8"))
    from counterclaim.ingest import read_sources
    from counterclaim.model import Article
    from counterclaim.pipeline import default_pipeline

    folder = resources.files("counterclaim.data").joinpath("samples")
    with resources.as_file(folder) as path:
        items = read_sources([str(path / "articles.jsonl"), str(path / "seed_article.txt")])
        articles = [a for a in items if isinstance(a, Article)]
    results = [r.to_dict() for r in default_pipeline().run_many(articles)]
    cache.write_text(json.dumps(results, ensure_ascii=False), "utf-8")
    return results


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) != 10:
        return value
    try:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return value


def synthetic_copy(result: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy ``k`` of one article result, re-dated and re-placed (claim/event ids stay unique per copy)."""
    out = copy.deepcopy(result)
    days, variant = k * SHIFT_DAYS, k // COPIES_PER_PLACE
    out["id"] = f"s{k}-{result['id']}"
    out["hash"] = hashlib.sha256(f"{result['hash']}|{k}".encode()).hexdigest()
    out["url"] = f"https://synthetic.example/{k}/{result['id']}"
    out["date"] = _shift(out.get("date"), days)
    for place in out.get("places") or []:
        place["name"] = f"{place['name']} #{variant}"
        place["geonameid"] = None
    for claim in out.get("claims") or []:
        claim["date"] = _shift(claim.get("date"), days)
        claim["id"] = f"s{k}-{claim['id']}"
        if claim.get("refers_to"):
            claim["refers_to"] = f"s{k}-{claim['refers_to']}"
    for event in out.get("events") or []:
        event["date"] = _shift(event.get("date"), days)
        event["id"] = f"s{k}-{event['id']}"
        if event.get("asserted_by", "narrator") != "narrator":
            event["asserted_by"] = f"s{k}-{event['asserted_by']}"
        event["denied_by"] = [f"s{k}-{c}" for c in event.get("denied_by") or []]
    return out


def run_size(n_claims: int, cache: Path) -> dict[str, Any]:
    from counterclaim.link import link_articles
    from counterclaim.store import open_store

    base = sample_results(cache)
    per_copy = sum(len(r.get("claims") or []) for r in base)
    copies = -(-n_claims // per_copy)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        store_s = link_s = 0.0
        articles = claims = propositions = 0
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal store_s, link_s, propositions
            t0 = time.perf_counter()
            report = store.add_results(batch)
            t1 = time.perf_counter()
            propositions += link_articles(store, report.added_ids).propositions
            store_s += t1 - t0
            link_s += time.perf_counter() - t1
            batch.clear()

        for k in range(copies):
            for result in base:
                batch.append(synthetic_copy(result, k))
                articles += 1
                claims += len(result.get("claims") or [])
                if len(batch) >= BATCH:
                    flush()
        if batch:
            flush()
        stored = len(store.list_propositions(limit=1000).items)
    return {
        "claims": claims,
        "articles": articles,
        "link_seconds": round(link_s, 2),
        "store_seconds": round(store_s, 2),
        "claims_per_second_linking": round(claims / link_s) if link_s else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "propositions_touched": propositions,
        "propositions_listed_first_page": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "counterclaim-bench-samples.json"))
    args = parser.parse_args()
    cache = Path(args.cache)
    if args.one:
        print(json.dumps(run_size(args.one, cache)))
        return
    sample_results(cache)  # extract once, outside the timed runs
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--cache", str(cache)],
            capture_output=True, text=True, check=True, env=os.environ.copy(),
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'claims':>8} {'articles':>9} {'link s':>8} {'store s':>8} {'claims/s':>9} {'peak MB':>8}")
    for r in rows:
        print(f"{r['claims']:>8} {r['articles']:>9} {r['link_seconds']:>8} {r['store_seconds']:>8} "
              f"{r['claims_per_second_linking']:>9} {r['peak_rss_mb']:>8}")


if __name__ == "__main__":
    main()
