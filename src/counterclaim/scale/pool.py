"""``ingest --workers N``: extraction in N local processes, this process the one writer.

Workers are started with ``spawn`` (no fork of a process holding database
connections or threads) and each loads the pipeline once, in its initializer;
a worker whose ingest process dies (even by SIGKILL) exits by itself.
A worker killed mid-batch breaks a ``ProcessPoolExecutor`` as a whole; the
backend then starts a fresh pool and the runner resubmits the batches in
flight, so a lost worker costs time, not articles.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..batch import IngestSummary
from ..geo.index import prebuild_index
from ..ingest import Rejection
from ..link import link_after_batch
from ..model import Article
from .runner import AfterWrite, run_backend
from .worker import extract_batch, init_pool_worker

Extract = Callable[..., Any]  # (articles, stages) -> list[ArticleResult]; must be importable by name


class PoolBackend:
    def __init__(
        self, workers: int, stages: Sequence[str] | None = None, extract: Extract = extract_batch
    ) -> None:
        self.workers = max(1, workers)
        self.stages = tuple(stages) if stages else None
        self.extract = extract
        prebuild_index()  # once, before the workers start: not once in each of them at the same time
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_pool_worker,
            initargs=(self.stages, os.getpid(), self.extract is extract_batch),
        )

    def submit(self, articles: list[Article]) -> Future:
        try:
            return self._pool.submit(self.extract, articles, self.stages)
        except BrokenProcessPool:  # a worker died since the last batch was handed out
            self._restart()
            return self._pool.submit(self.extract, articles, self.stages)

    def _restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def recover(self, error: BaseException) -> bool:
        if not isinstance(error, BrokenProcessPool):
            return False  # an exception raised by the extraction itself would only repeat
        if getattr(self._pool, "_broken", False):  # restart once per breakage, not per failed batch
            self._restart()
        return True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def run_parallel(
    items: Iterable[Article | Rejection],
    store: Any,
    *,
    workers: int = 2,
    batch_size: int = 32,
    max_in_flight: int | None = None,
    stages: Sequence[str] | None = None,
    progress: bool = False,
    extract: Extract = extract_batch,
    after_write: AfterWrite | None = link_after_batch,
) -> IngestSummary:
    """Ingest ``items`` (e.g. ``read_sources(...)``, streamed) into ``store`` with ``workers`` processes.

    At most ``max_in_flight`` batches (default ``2 * workers``: one parsing and
    one queued per worker) are held at once.
    """
    backend = PoolBackend(workers, stages, extract)
    return run_backend(
        backend,
        items,
        store,
        batch_size=batch_size,
        max_in_flight=max_in_flight or 2 * backend.workers,
        progress=progress,
        after_write=after_write,
    )
