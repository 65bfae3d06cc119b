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
