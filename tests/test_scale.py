"""Scale-out runners: streaming window, process pool, Dask cluster, lost workers."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from counterclaim.ingest import Rejection
from counterclaim.model import Article, ArticleResult, Mention, Span
from counterclaim.scale import StreamingRun, run_dask, run_parallel
from counterclaim.store import open_store


def report(n: int, topic: str = "houses") -> Article:
    text = (
        f"The regional governor said that {n} {topic} were damaged by shelling in the village "
        f"overnight and that the residents had been moved to a school."
    )
    return Article(id=f"a{n:05d}{topic[:3]}", text=text, date="2022-03-01", date_origin="metadata")


def first_word_mention(articles, stages=None) -> list[ArticleResult]:
    """Extraction without spaCy: one mention on the first word (the mechanics are under test)."""
    results = []
    for a in articles:
        r = ArticleResult(article=a)
        r.mentions.append(Mention(Span.of(a.text, 0, len(a.text.split()[0])), "GPE"))
        results.append(r)
    return results


def slow_first_word_mention(articles, stages=None) -> list[ArticleResult]:
    time.sleep(0.02 * len(articles))
    return first_word_mention(articles, stages)


@pytest.fixture
def db(tmp_path):
    with open_store(tmp_path / "ledger.db") as opened:
        yield opened


class InlineBackend:
    """Runs extraction at submit time; records how many batches were out at once, fails on demand."""

    def __init__(self, fail_times: int = 0, recoverable: bool = True) -> None:
        self.fail_times = fail_times
        self.recoverable = recoverable
        self.submitted: list[list[str]] = []
        self.outstanding = 0
        self.most_outstanding = 0

    def submit(self, articles):
        self.submitted.append([a.id for a in articles])
        future: Future = Future()
        if self.fail_times:
            self.fail_times -= 1
            future.set_exception(ConnectionError("worker lost"))
        else:
            future.set_result(first_word_mention(articles))
        self.outstanding += 1
        self.most_outstanding = max(self.most_outstanding, self.outstanding)
        original = future.result

        def result(timeout=None):
            self.outstanding -= 1
            return original(timeout)

        future.result = result  # type: ignore[method-assign]
        return future

    def recover(self, error):
        return self.recoverable

    def close(self):
        pass


def test_window_writes_everything_once_in_input_order(db):
    articles = [report(n) for n in range(23)]
    backend = InlineBackend()
    summary = StreamingRun(db, backend, batch_size=5, max_in_flight=3).run(iter(articles))
    assert (summary.read, summary.ingested, summary.duplicates, summary.batches) == (23, 23, 0, 5)
    assert [i for batch in backend.submitted for i in batch] == [a.id for a in articles]
    assert backend.most_outstanding <= 3
    assert [row["id"] for row in db.iter_results()] == [a.id for a in articles]


def test_repeats_in_flight_and_stored_texts_are_not_parsed_again(db):
    first = [report(n) for n in range(6)]
    StreamingRun(db, InlineBackend(), batch_size=4).run(first)
    again = [*first[3:], report(100), report(100), report(101)]  # 3 stored + an in-run repeat
    backend = InlineBackend()
    summary = StreamingRun(db, backend, batch_size=2, max_in_flight=2).run(again)
    assert (summary.ingested, summary.duplicates) == (2, 4)
    assert sorted(i for batch in backend.submitted for i in batch) == ["a00100hou", "a00101hou"]
    assert db.stats()["articles"] == 8


def test_input_is_read_lazily_within_the_window(db):
    consumed: list[int] = []
    written_before: list[int] = []

    def stream():
        for n in range(200):
            consumed.append(n)
            written_before.append(db.stats()["articles"] if n % 20 == 0 else -1)
            yield report(n)

    StreamingRun(db, InlineBackend(), batch_size=10, max_in_flight=2).run(stream())
    # when item n is read, everything but the window (+ the batch being read) is already stored
    for n, stored in enumerate(written_before):
        if stored >= 0:
            assert n - stored <= 10 * (2 + 1), (n, stored)


def test_a_failed_batch_is_retried_then_rejected_and_the_rest_is_stored(db):
    articles = [report(n) for n in range(9)]
    retried = StreamingRun(db, InlineBackend(fail_times=1), batch_size=3).run(articles)
    assert (retried.ingested, retried.rejected) == (9, [])

    more = [report(n, "cars") for n in range(6)]
    lost = StreamingRun(db, InlineBackend(fail_times=1, recoverable=False), batch_size=3).run(more)
    assert lost.ingested == 3
    assert [r.code for r in lost.rejected] == ["E610"] * 3
    assert "re-run" in lost.rejected[0].reason
    assert StreamingRun(db, InlineBackend(), batch_size=3).run(more).ingested == 3  # the re-run


def test_rejections_from_the_reader_pass_through(db):
    items = [report(1), Rejection("bad.csv:row 3", "E107", "no text"), report(2)]
    summary = StreamingRun(db, InlineBackend(), batch_size=2).run(items)
    assert summary.ingested == 2
    assert [(r.where, r.code) for r in summary.rejected] == [("bad.csv:row 3", "E107")]


def test_worker_extraction_is_the_pipelines_own(pipeline):
    from counterclaim.scale.worker import extract_batch, worker_pipeline

    articles = [report(n, "buses") for n in range(3)]
    assert worker_pipeline() is pipeline  # a worker reuses the process's pipeline, loaded once
    got = [r.to_dict() for r in extract_batch(articles)]
    assert got == [pipeline.run(a).to_dict() for a in articles]
    assert [r["id"] for r in got] == [a.id for a in articles]


def die_on_marked_article(articles, stages=None):
    """Kills its own worker process the first time it meets the article named in the marker file."""
    marker = Path(os.environ["CC_TEST_KILL_MARKER"])
    if marker.exists() and any(a.id == marker.read_text() for a in articles):
        marker.unlink()
        os.kill(os.getpid(), signal.SIGKILL)
    return slow_first_word_mention(articles, stages)


@pytest.mark.slow
def test_a_killed_pool_worker_costs_no_article(db, tmp_path, monkeypatch):
    marker = tmp_path / "kill-once"
    articles = [report(n) for n in range(30)]
    marker.write_text(articles[13].id)
    monkeypatch.setenv("CC_TEST_KILL_MARKER", str(marker))
    summary = run_parallel(articles, db, workers=2, batch_size=3, extract=die_on_marked_article)
    assert not marker.exists()  # a worker really died
    assert (summary.ingested, summary.rejected) == (30, [])
    stats = db.stats()
    assert (stats["articles"], stats["mentions"]) == (30, 30)


@pytest.mark.slow
def test_dask_cluster_matches_the_in_process_pipeline(db):
    from distributed import Client, LocalCluster

    from counterclaim.pipeline import Pipeline

    articles = [report(n, "ships") for n in range(6)]
    expected = [r.to_dict()["mentions"] for r in Pipeline(["mentions"]).run_many(articles)]
    cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with cluster, Client(cluster) as client:
        summary = run_dask(articles, db, scheduler=client, batch_size=2, stages=["mentions"])
        assert client.run(lambda: 1)  # the client is the caller's: still open
    assert (summary.ingested, summary.rejected) == (6, [])
    assert [db.get_result(a.id)["mentions"] for a in articles] == expected


@pytest.mark.slow
def test_a_lost_dask_worker_costs_no_article(db):
    from distributed import Client, LocalCluster

    articles = [report(n, "trucks") for n in range(40)]

    def slow_extract(batch, stages=None):  # pickled by value: the workers need not import the tests
        import time as _time

        from counterclaim.model import ArticleResult as _Result
        from counterclaim.model import Mention as _Mention
        from counterclaim.model import Span as _Span

        _time.sleep(0.05 * len(batch))
        out = []
        for a in batch:
            r = _Result(article=a)
            r.mentions.append(_Mention(_Span.of(a.text, 0, 3), "GPE"))
            out.append(r)
        return out

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        pids = list(client.run(os.getpid).values())

        def stream():
            for i, a in enumerate(articles):
                if i == 20:  # mid-run: kill one worker process outright
                    os.kill(pids[0], signal.SIGKILL)
                yield a

        summary = run_dask(stream(), db, scheduler=client, batch_size=3, extract=slow_extract)
    assert (summary.ingested, summary.rejected) == (40, [])
    stats = db.stats()
    assert (stats["articles"], stats["mentions"]) == (40, 40)


def test_each_written_batch_goes_through_the_after_write_hook(db):
    seen: list[list[str]] = []

    def record(store, ids):
        seen.append(list(ids))
        return ["link: recorded"] if len(seen) == 1 else []

    articles = [report(n, "roads") for n in range(5)]
    summary = StreamingRun(db, InlineBackend(), batch_size=2, after_write=record).run(
        [*articles, articles[0]]
    )
    assert seen == [[a.id for a in articles[i : i + 2]] for i in (0, 2, 4)]  # in order, duplicates not linked
    assert "link: recorded" in summary.warnings


@pytest.mark.parametrize(
    ("options", "runner"), [({"workers": 3}, "run_parallel"), ({"dask": "tcp://sched:8786"}, "run_dask")]
)
def test_ingest_workers_and_dask_options_use_the_streaming_runners(db, monkeypatch, options, runner):
    import counterclaim.scale
    from counterclaim.batch import IngestSummary, run_ingest

    calls = []

    def fake_runner(items, store, **kwargs):
        calls.append((items, store, kwargs))
        return IngestSummary(ingested=len(list(items)))

    monkeypatch.setattr(counterclaim.scale, runner, fake_runner)
    articles = [report(n, "wells") for n in range(4)]
    summary = run_ingest(["x"], db, reader=lambda sources, **kw: iter(articles), batch_size=7, **options)
    assert summary.ingested == 4
    ((items, store, kwargs),) = calls
    assert store is db and kwargs["batch_size"] == 7
    assert not isinstance(items, list)  # streamed from the reader, never materialised
    assert kwargs.get("workers", 3) == 3 and kwargs.get("scheduler", "tcp://sched:8786") == "tcp://sched:8786"


def test_a_missing_gazetteer_index_is_built_once_before_the_workers_start(tmp_path, monkeypatch):
    from counterclaim.geo import index

    started: list[str] = []

    class FakeProcess:
        def __init__(self, target, name):
            self.target, self.name = target, name

        def start(self):
            started.append(self.name)
            (tmp_path / "index.sqlite").write_text("built")

        def join(self):
            pass

    class FakeContext:
        Process = FakeProcess

    monkeypatch.setattr(index, "index_path", lambda: tmp_path / "index.sqlite")
    monkeypatch.setattr(index.multiprocessing, "get_context", lambda method: FakeContext())
    index.prebuild_index()
    index.prebuild_index()  # already there: nothing started
    assert started == ["gazetteer-index"]
