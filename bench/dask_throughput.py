"""Dask LocalCluster throughput vs. number of workers, against one in-process pipeline in the same run.

For each worker count: start a LocalCluster of single-threaded worker
processes, let every worker load the pipeline (the runner's worker plugin),
then time ``run_dask`` (counterclaim.scale: batches as tasks, bounded in
flight, this process collecting results) over the same articles into a null
store. Prints articles/s, articles per worker CPU-second, and the speed-up
over the in-process baseline. Reads the Guardian corpus when it is beside the
checkout, else re-dated copies of the bundled sample corpus.

    python bench/dask_throughput.py [--workers 1,2] [--limit 120] [--batch-size 8] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import DEFAULT_GUARDIAN, NullStore, load_texts, words

from counterclaim.scale import run_dask
from counterclaim.scale.worker import load_pipeline


def worker_cpu() -> float:
    import psutil

    t = psutil.Process().cpu_times()
    return t.user + t.system


def baseline(articles) -> tuple[float, float]:
    from counterclaim.pipeline import default_pipeline

    pipeline = default_pipeline()
    cpu, start = time.process_time(), time.perf_counter()
    for _ in pipeline.run_many(articles):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def cluster_run(articles, workers: int, batch_size: int) -> tuple[float, float]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit="2GB",
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(load_pipeline)  # every worker has the model before the clock starts
        cpu = sum(client.run(worker_cpu).values())
        start = time.perf_counter()
        run_dask(articles, NullStore(), scheduler=client, batch_size=batch_size, preload=False)
        wall = time.perf_counter() - start
        return wall, sum(client.run(worker_cpu).values()) - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_GUARDIAN if DEFAULT_GUARDIAN.exists() else None)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    label, articles = load_texts(args.data, args.limit)
    n = len(articles)
    base_wall, base_cpu = baseline(articles)
    report = {
        "data": label,
        "articles": n,
        "words": words(articles),
        "in_process": {
            "articles_per_s": round(n / base_wall, 2),
            "articles_per_cpu_s": round(n / base_cpu, 2),
        },
        "cluster": [],
    }
    for w in [int(x) for x in args.workers.split(",")]:
        wall, cpu = cluster_run(articles, w, args.batch_size)
        report["cluster"].append(
            {
                "workers": w,
                "articles_per_s": round(n / wall, 2),
                "articles_per_worker_cpu_s": round(n / cpu, 2) if cpu else None,
                "speedup_vs_in_process": round(base_wall / wall, 2),
            }
        )
    report["load_average"] = round(os.getloadavg()[0], 1)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"data: {label}: {n} articles, {report['words']} words")
    b = report["in_process"]
    print(f"in process (baseline): {b['articles_per_s']} art/s, {b['articles_per_cpu_s']} art per CPU-s")
    for r in report["cluster"]:
        print(
            f"LocalCluster {r['workers']} worker(s): {r['articles_per_s']} art/s, "
            f"{r['articles_per_worker_cpu_s']} art per worker CPU-s, x{r['speedup_vs_in_process']} vs baseline"
        )
    print(f"load average: {report['load_average']} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
