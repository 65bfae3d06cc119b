"""Resumable backfills: SIGKILL a real scaled-out ingest mid-run, run it again, nothing lost or doubled."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from counterclaim.ingest import read_sources
from counterclaim.scale import StreamingRun
from counterclaim.store import open_store
from test_scale import InlineBackend, first_word_mention

TESTS = Path(__file__).parent
ARTICLES = 60


def sluggish_first_word_mention(articles, stages=None):
    """Slow enough that the kill lands mid-run, whatever the machine."""
    time.sleep(0.1 * len(articles))
    return first_word_mention(articles, stages)


BACKFILL = textwrap.dedent("""
    import sys
    from counterclaim.ingest import read_sources
    from counterclaim.scale import run_dask, run_parallel
    from counterclaim.store import open_store
    from test_resume import sluggish_first_word_mention as extract

    mode, db, folder = sys.argv[1:4]
    with open_store(db) as store:
        items = read_sources([folder])
        if mode == "pool":
            run_parallel(items, store, workers=2, batch_size=3, extract=extract)
        else:
            from distributed import Client, LocalCluster
            with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                run_dask(items, store, scheduler=client, batch_size=3, extract=extract)
    print("finished without being killed")
""")


def stored(db_path: Path) -> int:
    try:
        with sqlite3.connect(db_path, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def write_reports(folder: Path) -> None:
    folder.mkdir()
    for i in range(ARTICLES):
        (folder / f"report_{i:03d}.txt").write_text(
            f"date 2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}\nThe regional governor said that {i + 2} houses "
            f"were damaged by shelling in the village overnight and that residents had moved to a school.\n",
            encoding="utf-8",
        )


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["pool", "dask"])
def test_a_killed_backfill_resumes_without_loss_or_duplicates(tmp_path, mode):
    folder = tmp_path / "archive"
    write_reports(folder)
    db_path = tmp_path / "ledger.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    # its own session: the kill takes the pool's worker processes with it, as a real crash would
    proc = subprocess.Popen(
        [sys.executable, "-c", BACKFILL, mode, str(db_path), str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while stored(db_path) < 9 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    before = stored(db_path)
    assert 9 <= before < ARTICLES  # killed mid-run, with whole batches committed

    with open_store(db_path) as store:
        summary = StreamingRun(store, InlineBackend(), batch_size=3).run(read_sources([str(folder)]))
        assert (summary.ingested, summary.duplicates, summary.rejected) == (ARTICLES - before, before, [])
        stats = store.stats()
        assert (stats["articles"], stats["mentions"]) == (ARTICLES, ARTICLES)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(DISTINCT hash) FROM articles").fetchone()[0] == ARTICLES


@pytest.mark.slow
def test_pool_workers_exit_when_the_ingest_process_is_killed(tmp_path):
    import psutil

    folder = tmp_path / "archive"
    write_reports(folder)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, "-c", BACKFILL, "pool", str(tmp_path / "ledger.db"), str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while stored(tmp_path / "ledger.db") < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [c for c in psutil.Process(proc.pid).children() if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == 2
        proc.kill()  # the parent only, as an OOM killer would
        proc.wait(timeout=30)
        _gone, alive = psutil.wait_procs(workers, timeout=20)
        assert alive == []
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing left of the group: as it should be
            os.killpg(proc.pid, signal.SIGKILL)
