"""Scale-out: the ingest job's extraction in a local process pool or on a Dask cluster.

- ``run_parallel(items, store, workers=N)`` -- ``counterclaim ingest --workers N``
- ``run_dask(items, store, scheduler="tcp://host:8786")`` -- ``counterclaim ingest --dask ...``

Both stream ``items`` (Articles and Rejections, e.g. from ``read_sources``),
skip content hashes already stored or in flight, keep a bounded window of
batches in flight, and write each batch in one transaction from this process.
An interrupted run is resumed by running it again. See ``docs/scaling.md``.
"""

from __future__ import annotations

from .cluster import DaskBackend, run_dask
from .pool import PoolBackend, run_parallel
from .runner import StreamingRun

__all__ = ["DaskBackend", "PoolBackend", "StreamingRun", "run_dask", "run_parallel"]
