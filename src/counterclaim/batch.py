"""The ingest job: read sources -> skip known texts -> extract -> store, batch by batch.

::

    read_sources ──► batch of N ──► drop hashes already stored ──► Extractor ──► store.add_results
    (Articles and         (rejections     (counted as duplicates;        (pipeline        (one transaction
     Rejections)           collected)      nothing re-parsed)             run_many)         per batch)

Each batch is committed before the next is read, so a killed run loses at most
the batch in flight, and a re-run skips everything already stored: an
interrupted ingest is resumed by running it again. Memory stays flat: sources
are streamed and only one batch is held.

Extraction sits behind ``Extractor`` (articles in, results out, in order);
``LocalExtractor`` runs it in this process. ``--workers N`` and ``--dask
tcp://scheduler:8786`` hand the stream to ``counterclaim.scale``'s pipelined
runners instead; this process stays the one writer either way. The spaCy
pipeline is loaded only when a batch has something new to parse, so re-running
a finished job is cheap.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol, TextIO

from .link import link_after_batch
from .model import Article, ArticleResult


class Extractor(Protocol):
    def __call__(self, articles: Sequence[Article]) -> list[ArticleResult]: ...


class LocalExtractor:
    """Extraction in this process, with the pipeline loaded on first use."""

    def __init__(self, pipeline: Any = None) -> None:
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            from .pipeline import default_pipeline

            self._pipeline = default_pipeline()
        return self._pipeline

    def __call__(self, articles: Sequence[Article]) -> list[ArticleResult]:
        if not articles:
            return []
        return list(self.pipeline.run_many(articles))


@dataclass
class IngestSummary:
    read: int = 0  # articles read (before dedupe)
    ingested: int = 0
    duplicates: int = 0
    revisions: list[str] = field(default_factory=list)
    rejected: list[Any] = field(default_factory=list)  # ingest.Rejection (where, code, reason)
    warnings: list[str] = field(default_factory=list)  # "<article id>: [E600] stage ... failed"
    batches: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "revisions": list(self.revisions),
            "rejected": [{"where": r.where, "code": r.code, "reason": r.reason} for r in self.rejected],
            "warnings": list(self.warnings),
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
        }


Reader = Callable[..., Iterable[Any]]


def _default_reader() -> Reader:
    from .ingest import read_sources

    return read_sources


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, read lazily (the input is never materialised)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def progress_bar(enabled: bool) -> Any:
    """A tqdm bar on stderr, shown only on a terminal."""
    from tqdm import tqdm

    show = enabled and sys.stderr.isatty()
    return tqdm(unit=" articles", file=sys.stderr, disable=not show, dynamic_ncols=True, leave=False)


def run_ingest(
    sources: Sequence[str],
    store: Any,
    *,
    pipeline: Any = None,
    columns: Any = None,
    batch_size: int = 32,
    progress: bool = True,
    allow_private: bool = False,
    stdin: TextIO | None = None,
    workers: int = 1,
    dask: str | None = None,
    extractor: Extractor | None = None,
    reader: Reader | None = None,
) -> IngestSummary:
    """Ingest ``sources`` (files, folders, ``-``, URLs) into ``store``; see the module docstring.

    ``workers > 1`` extracts in a process pool, ``dask="tcp://host:8786"`` on a
    Dask cluster; ``extractor`` replaces extraction altogether; ``reader`` replaces
    ``counterclaim.ingest.read_sources`` (same signature).
    """
    if extractor is None and (workers > 1 or dask):
        # streamed, pipelined runners: a bounded window of batches in flight (counterclaim.scale)
        from .scale import run_dask, run_parallel

        options: dict[str, Any] = {"stdin": stdin, "allow_private": allow_private}
        if columns is not None:
            options["columns"] = columns
        items = (reader or _default_reader())(list(sources), **options)
        if dask:
            return run_dask(items, store, scheduler=dask, batch_size=batch_size, progress=progress)
        return run_parallel(items, store, workers=workers, batch_size=batch_size, progress=progress)
    started = time.monotonic()
    summary = IngestSummary()
    extract = extractor or LocalExtractor(pipeline)
    read = reader or _default_reader()
    kwargs: dict[str, Any] = {"stdin": stdin, "allow_private": allow_private}
    if columns is not None:
        kwargs["columns"] = columns
    with progress_bar(progress) as bar:
        for chunk in batched(read(list(sources), **kwargs), max(1, batch_size)):
            articles = [item for item in chunk if isinstance(item, Article)]
            summary.rejected.extend(item for item in chunk if not isinstance(item, Article))
            summary.read += len(articles)
            fresh = _unseen(articles, store)
            summary.duplicates += len(articles) - len(fresh)
            if fresh:
                results = extract(fresh)
                report = store.add_results(results)
                summary.warnings.extend(link_after_batch(store, report.added_ids))
                summary.ingested += report.added
                summary.duplicates += report.duplicates
                summary.revisions.extend(report.revisions)
                summary.warnings.extend(f"{r.article.id}: {w}" for r in results for w in r.warnings)
            summary.batches += 1
            bar.update(len(chunk))
    summary.seconds = time.monotonic() - started
    return summary


def _unseen(articles: list[Article], store: Any) -> list[Article]:
    """Articles whose text is not stored yet, each text once (repeats inside a batch are duplicates)."""
    known = store.known_hashes([a.hash for a in articles]) if articles else set()
    fresh: list[Article] = []
    for article in articles:
        if article.hash in known:
            continue
        known.add(article.hash)
        fresh.append(article)
    return fresh
