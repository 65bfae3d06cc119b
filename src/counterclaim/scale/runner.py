"""The streaming loop shared by the process-pool and Dask runners.

::

    items ──► dedupe (store + in flight) ──► batch ──► backend.submit ──► window of futures
                                                                               │ oldest first
                                              summary ◄── store.add_results ◄──┘ (one writer,
                                                                                one transaction
                                                                                per batch)

Only ``max_in_flight`` batches exist at once (queued, parsing or waiting to be
written) and the input is read lazily, so memory is flat however long the
input. Batches are written in the order they were read, so a changed text at
the same URL still becomes the later revision, and each stored batch is
linked (``after_write``) as in the sequential ingest. A killed run has committed
whole batches only; running it again skips their content hashes, so it
resumes without losing or doubling anything.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..batch import IngestSummary, batched, progress_bar
from ..errors import ExtractionLost
from ..ingest import Rejection
from ..link import link_after_batch
from ..model import Article, ArticleResult

log = logging.getLogger(__name__)


AfterWrite = Callable[[Any, Sequence[str]], list[str]]  # (store, added ids) -> warnings


class Backend(Protocol):
    """Where extraction runs. ``submit`` returns a future-like object with ``.result()``."""

    def submit(self, articles: list[Article]) -> Any: ...

    def recover(self, error: BaseException) -> bool:
        """Repair after ``error`` (e.g. rebuild a broken pool); True if a retry may succeed."""
        ...

    def close(self) -> None: ...


@dataclass
class _Pending:
    future: Any
    articles: list[Article]
    attempts: int = 1


class StreamingRun:
    """One ingest run over a backend; ``run(items)`` returns the ``IngestSummary``."""

    def __init__(
        self,
        store: Any,
        backend: Backend,
        *,
        batch_size: int = 32,
        max_in_flight: int = 4,
        max_attempts: int = 3,
        progress: bool = False,
        after_write: AfterWrite | None = link_after_batch,
    ) -> None:
        self.store = store
        self.after_write = after_write
        self.backend = backend
        self.batch_size = max(1, batch_size)
        self.max_in_flight = max(1, max_in_flight)
        self.max_attempts = max(1, max_attempts)
        self.progress = progress
        self.summary = IngestSummary()
        self._window: deque[_Pending] = deque()
        self._in_flight: set[str] = set()  # hashes buffered or submitted, not yet written

    def run(self, items: Iterable[Article | Rejection]) -> IngestSummary:
        started = time.monotonic()
        buffer: list[Article] = []
        with progress_bar(self.progress) as bar:
            self._bar = bar
            for chunk in batched(items, self.batch_size):
                articles = [item for item in chunk if isinstance(item, Article)]
                self.summary.rejected.extend(item for item in chunk if not isinstance(item, Article))
                self.summary.read += len(articles)
                fresh = self._unseen(articles)
                self.summary.duplicates += len(articles) - len(fresh)
                bar.update(len(chunk) - len(fresh))
                buffer.extend(fresh)
                while len(buffer) >= self.batch_size:
                    self._submit(buffer[: self.batch_size])
                    del buffer[: self.batch_size]
            if buffer:
                self._submit(buffer)
            while self._window:
                self._write_oldest()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    # --- inside the loop ---------------------------------------------------------

    def _unseen(self, articles: list[Article]) -> list[Article]:
        """Articles neither stored nor in flight, each text once."""
        known = self.store.known_hashes([a.hash for a in articles]) if articles else set()
        fresh: list[Article] = []
        for article in articles:
            if article.hash in known or article.hash in self._in_flight:
                continue
            self._in_flight.add(article.hash)
            fresh.append(article)
        return fresh

    def _submit(self, articles: list[Article]) -> None:
        batch = list(articles)
        self._window.append(_Pending(self.backend.submit(batch), batch))
        while len(self._window) >= self.max_in_flight:
            self._write_oldest()

    def _write_oldest(self) -> None:
        pending = self._window[0]
        results = self._await(pending)
        self._window.popleft()
        if results is not None:
            self._write(results)
        self._in_flight.difference_update(a.hash for a in pending.articles)
        self.summary.batches += 1
        self._bar.update(len(pending.articles))

    def _await(self, pending: _Pending) -> list[ArticleResult] | None:
        """The batch's results, retrying after a lost worker; None (articles rejected) when it keeps failing."""
        while True:
            try:
                return list(pending.future.result())
            except Exception as exc:  # noqa: BLE001 -- a dead worker must not cost the batches already done
                retry = pending.attempts < self.max_attempts and self.backend.recover(exc)
                log.warning(
                    "batch of %d failed (attempt %d): %r", len(pending.articles), pending.attempts, exc
                )
                if not retry:
                    self._reject(pending.articles, exc)
                    return None
                pending.attempts += 1
                pending.future = self.backend.submit(pending.articles)

    def _reject(self, articles: list[Article], exc: BaseException) -> None:
        error = ExtractionLost(
            f"extraction failed after retries ({type(exc).__name__}: {exc}); not stored, re-run to retry"
        )
        for article in articles:
            where = article.source or article.url or article.id
            self.summary.rejected.append(Rejection(where=where, code=error.code, reason=error.message))

    def _write(self, results: list[ArticleResult]) -> None:
        report = self.store.add_results(results)
        if self.after_write:
            self.summary.warnings.extend(self.after_write(self.store, report.added_ids))
        self.summary.ingested += report.added
        self.summary.duplicates += report.duplicates
        self.summary.revisions.extend(report.revisions)
        self.summary.warnings.extend(f"{r.article.id}: {w}" for r in results for w in r.warnings)


def run_backend(
    backend: Backend,
    items: Iterable[Article | Rejection],
    store: Any,
    *,
    batch_size: int,
    max_in_flight: int,
    progress: bool,
    after_write: AfterWrite | None,
) -> IngestSummary:
    """Stream ``items`` through ``backend`` into ``store``, closing the backend however the run ends."""
    try:
        run = StreamingRun(
            store,
            backend,
            batch_size=batch_size,
            max_in_flight=max_in_flight,
            progress=progress,
            after_write=after_write,
        )
        return run.run(items)
    finally:
        backend.close()
