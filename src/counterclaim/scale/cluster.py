"""``ingest --dask tcp://scheduler:8786``: the same per-article extraction on a Dask cluster.

Each batch of new articles is one task (one partition of the stream); at most
``max_in_flight`` tasks exist at once, so neither this process nor the
scheduler ever holds the whole input. Workers load the pipeline once, through
a worker plugin (also on workers that join or are restarted later). This
process writes the results, usually to PostgreSQL; several such jobs can write
to one database at once (unique content hashes, upserts).

A lost worker is Dask's to handle: the scheduler re-runs its tasks elsewhere.
If a task still fails (``KilledWorker`` after the scheduler's retries, a lost
connection) the runner resubmits it, then reports its articles as rejected
(E610) and carries on; they are not stored, so the next run retries them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError
from typing import Any

from ..batch import IngestSummary
from ..ingest import Rejection
from ..link import link_after_batch
from ..model import Article
from .runner import AfterWrite, run_backend
from .worker import extract_batch, load_pipeline

Extract = Callable[..., Any]


def _pipeline_plugin(stages: tuple[str, ...] | None) -> Any:
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        """Load the pipeline when a worker starts, not inside its first task."""

        name = f"counterclaim-pipeline-{'-'.join(stages) if stages else 'default'}"

        def setup(self, worker: Any) -> None:
            load_pipeline(stages)

    return LoadPipeline()


def _worth_retrying(error: BaseException) -> bool:
    from distributed import KilledWorker
    from distributed.comm import CommClosedError

    return isinstance(error, (KilledWorker, CommClosedError, CancelledError, OSError, TimeoutError))


class DaskBackend:
    def __init__(
        self,
        scheduler: Any,
        stages: Sequence[str] | None = None,
        extract: Extract = extract_batch,
        preload: bool = True,
    ) -> None:
        from distributed import Client

        self._own_client = isinstance(scheduler, str)
        self.client = Client(scheduler) if self._own_client else scheduler
        self.stages = tuple(stages) if stages else None
        self.extract = extract
        if preload and extract is extract_batch:
            self.client.register_plugin(_pipeline_plugin(self.stages))

    @property
    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(self.extract, articles, self.stages, pure=False)

    def recover(self, error: BaseException) -> bool:
        return _worth_retrying(error)

    def close(self) -> None:
        if self._own_client:
            self.client.close()


def run_dask(
    items: Iterable[Article | Rejection],
    store: Any,
    *,
    scheduler: Any,
    batch_size: int = 32,
    max_in_flight: int | None = None,
    stages: Sequence[str] | None = None,
    progress: bool = False,
    extract: Extract = extract_batch,
    after_write: AfterWrite | None = link_after_batch,
    preload: bool = True,
) -> IngestSummary:
    """Ingest ``items`` into ``store``, extracting on the Dask cluster at ``scheduler``.

    ``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``.
    At most ``max_in_flight`` batches (default: twice the cluster's threads) are out at once.
    """
    backend = DaskBackend(scheduler, stages, extract, preload)
    return run_backend(
        backend,
        items,
        store,
        batch_size=batch_size,
        max_in_flight=max_in_flight or 2 * backend.threads,
        progress=progress,
        after_write=after_write,
    )
