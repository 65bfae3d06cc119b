"""Two writer processes adding overlapping batches to one database: nothing is stored twice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from counterclaim.store import open_store
from test_store_support import pg_database, store_url  # noqa: F401

WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from counterclaim.store import open_store
    from test_store_support import make_result

    db, first, last, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    results = [make_result(f"Dispatch {i}: shelling reported near the river.") for i in range(first, last)]
    with open_store(db) as store:
        while not go.exists():
            time.sleep(0.01)
        added = duplicates = 0
        for i in range(0, len(results), 5):
            report = store.add_results(results[i:i + 5])
            added += report.added
            duplicates += report.duplicates
    print(added, duplicates)
""")


def test_two_writers_with_overlapping_batches_store_each_article_once(store_url, tmp_path):
    with open_store(store_url):
        pass  # migrate once up front, as a deployment would
    go = tmp_path / "go"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, store_url, str(a), str(b), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for a, b in ((0, 30), (15, 45))
    ]
    time.sleep(0.5)
    go.touch()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outputs.append(tuple(int(x) for x in out.split()))
    assert sum(added for added, _ in outputs) == 45
    assert sum(dup for _, dup in outputs) == 15
    with open_store(store_url) as store:
        stats = store.stats()
        assert (stats["articles"], stats["mentions"]) == (45, 45)
