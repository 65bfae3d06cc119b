"""What runs inside a worker (pool process or Dask worker): one pipeline per process, loaded once.

Functions here are imported by name in the worker, so the cached pipeline is a
module global of the worker process and survives from one batch to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Article, ArticleResult

Stages = tuple[str, ...] | None

_PIPELINES: dict[Stages, Any] = {}


def worker_pipeline(stages: Stages = None) -> Any:
    """The pipeline for ``stages`` (None = the default stages), built on first use in this process."""
    if stages not in _PIPELINES:
        from ..pipeline import Pipeline, default_pipeline

        _PIPELINES[stages] = Pipeline(list(stages)) if stages else default_pipeline()
    return _PIPELINES[stages]


def load_pipeline(stages: Stages = None) -> None:
    """Pool initializer / Dask warm-up: pay the model load before the first batch arrives."""
    worker_pipeline(stages)


def extract_batch(articles: Sequence[Article], stages: Stages = None) -> list[ArticleResult]:
    """Results for ``articles`` in input order (a failing stage is a warning, see ``Pipeline``)."""
    return list(worker_pipeline(stages).run_many(articles))


def _exit_when_orphaned(parent_pid: int, every: float = 1.0) -> None:
    import os
    import time

    while os.getppid() == parent_pid:
        time.sleep(every)
    os._exit(1)  # the ingest process was killed: a pool worker has nobody to work for


def init_pool_worker(stages: Stages, parent_pid: int, preload: bool = True) -> None:
    """Pool initializer: quit if the ingest process dies (even by SIGKILL), then load the pipeline."""
    import threading

    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()
    if preload:
        load_pipeline(stages)
