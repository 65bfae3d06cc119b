"""Memory of a scaled-out ingest: peak RSS per worker, and RSS sampled over a long run.

Runs the ``ingest --workers N`` runner (counterclaim.scale) with every default
stage over ``--articles`` streamed re-dated copies of the bundled sample corpus
into a throwaway SQLite file under /tmp, sampling the RSS of this process (the
reader + writer) and of each worker every ``--every`` seconds. Prints the
samples, each worker's peak (VmHWM; target < 600 MB), and the growth between
the first and last tenth of the run (flat = a few MB, not a slope).

    python bench/memory.py [--articles 10000] [--workers 2] [--batch-size 32] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from counterclaim.scale import run_parallel
from counterclaim.scale.synthetic import copies, sample_records
from counterclaim.store import open_store

MB = 1024 * 1024


def peak_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set since it started."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _is_worker(process: psutil.Process) -> bool:
    try:
        return "resource_tracker" not in " ".join(process.cmdline())
    except psutil.Error:
        return False


class CountingStore:
    """The store, counting what has been written (the x-axis of the samples)."""

    def __init__(self, store, progress: list[int]) -> None:
        self.store = store
        self.progress = progress

    def known_hashes(self, hashes):
        return self.store.known_hashes(hashes)

    def add_results(self, results):
        report = self.store.add_results(results)
        self.progress[1] += len(results)
        return report


class Sampler(threading.Thread):
    """Every ``every`` s: articles read so far, RSS of this process and of each worker process."""

    def __init__(self, every: float, progress: list[int], log=None) -> None:
        super().__init__(daemon=True)
        self.log = log
        self.every = every
        self.progress = progress
        self.samples: list[dict] = []
        self.worker_peaks: dict[int, float] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        started = time.monotonic()
        while not self._halt.wait(self.every):
            workers = [c for c in me.children(recursive=True) if _is_worker(c)]
            rss = {}
            for child in workers:
                try:
                    rss[child.pid] = child.memory_info().rss / MB
                    self.worker_peaks[child.pid] = max(
                        self.worker_peaks.get(child.pid, 0), peak_mb(child.pid)
                    )
                except (psutil.NoSuchProcess, FileNotFoundError):
                    continue
            sample = {
                "seconds": round(time.monotonic() - started, 1),
                "articles_read": self.progress[0],
                "articles_written": self.progress[1],
                "main_rss_mb": round(me.memory_info().rss / MB, 1),
                "worker_rss_mb": [round(v, 1) for v in rss.values()],
            }
            self.samples.append(sample)
            if self.log:
                print(json.dumps(sample), file=self.log, flush=True)  # readable while the run goes on

    def stop(self) -> None:
        self._halt.set()
        self.join()


def counted(items, progress: list[int], deadline: float):
    """Count what is read; stop reading at ``deadline`` (the run then drains and reports)."""
    for item in items:
        if time.monotonic() > deadline:
            return
        progress[0] += 1
        yield item


def growth(samples: list[dict], key) -> float:
    """Mean of the last tenth minus mean of the first tenth after warm-up (the first 10 % written)."""
    total = max(s["articles_written"] for s in samples) or 1
    steady = [s for s in samples if s["articles_written"] >= total * 0.1]
    if len(steady) < 4:
        return 0.0
    k = max(1, len(steady) // 10)
    first = sum(key(s) for s in steady[:k]) / k
    last = sum(key(s) for s in steady[-k:]) / k
    return round(last - first, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--every", type=float, default=2.0, help="seconds between samples")
    ap.add_argument("--max-seconds", type=float, default=None, help="stop reading input after this long")
    ap.add_argument("--log", action="store_true", help="print each sample to stderr as it is taken")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    progress = [0, 0]  # read, written
    sampler = Sampler(args.every, progress, sys.stderr if args.log else None)
    deadline = time.monotonic() + args.max_seconds if args.max_seconds else float("inf")
    with (
        tempfile.TemporaryDirectory(prefix="cc-memory-") as tmp,
        open_store(Path(tmp) / "ledger.db") as store,
    ):
        sampler.start()
        items = counted(copies(sample_records(), args.articles), progress, deadline)
        summary = run_parallel(
            items, CountingStore(store, progress), workers=args.workers, batch_size=args.batch_size
        )
        sampler.stop()
    samples = sampler.samples
    report = {
        "articles": progress[0],
        "workers": args.workers,
        "batch_size": args.batch_size,
        "ingested": summary.ingested,
        "seconds": round(summary.seconds, 1),
        "articles_per_s": round(summary.ingested / summary.seconds, 2) if summary.seconds else None,
        "worker_peak_mb": sorted(round(v) for v in sampler.worker_peaks.values()),
        "main_peak_mb": round(peak_mb(psutil.Process().pid)),
        "main_growth_mb": growth(samples, lambda s: s["main_rss_mb"]),
        "worker_growth_mb": growth(samples, lambda s: max(s["worker_rss_mb"] or [0])),
        "samples": samples,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(
        f"{report['ingested']} articles in {report['seconds']} s ({report['articles_per_s']} art/s), "
        f"{args.workers} workers, batches of {args.batch_size}"
    )
    step = max(1, len(samples) // 12)
    print(f"{'s':>7} {'read':>7} {'written':>7} {'main MB':>8}  worker MB")
    for s in samples[::step] + samples[-1:]:
        print(
            f"{s['seconds']:>7} {s['articles_read']:>7} {s['articles_written']:>7} {s['main_rss_mb']:>8}  "
            f"{s['worker_rss_mb']}"
        )
    print(f"peak RSS per worker (VmHWM, every stage loaded): {report['worker_peak_mb']} MB (target < 600)")
    print(f"peak RSS of the reader/writer process: {report['main_peak_mb']} MB")
    print(
        f"RSS growth, first to last tenth after warm-up: main {report['main_growth_mb']:+} MB, "
        f"largest worker {report['worker_growth_mb']:+} MB"
    )


if __name__ == "__main__":
    main()
