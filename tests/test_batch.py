"""The ingest job: dedupe before parsing, batches, revisions, rejections, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from counterclaim.batch import IngestSummary, LocalExtractor, run_ingest
from counterclaim.ingest import Rejection
from counterclaim.model import ArticleResult, Mention, Span
from counterclaim.store import open_store
from test_store_support import make_article

TESTS = Path(__file__).parent


@pytest.fixture
def db(tmp_path):
    with open_store(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def extraction_pipeline(pipeline):
    return pipeline


class CountingExtractor:
    """No spaCy: one mention on the first word, and a record of what was parsed."""

    def __init__(self) -> None:
        self.parsed: list[str] = []

    def __call__(self, articles):
        self.parsed += [a.id for a in articles]
        results = []
        for a in articles:
            r = ArticleResult(article=a)
            r.mentions.append(Mention(Span.of(a.text, 0, len(a.text.split()[0])), "GPE"))
            results.append(r)
        return results


def reader_of(items):
    def read(sources, **kwargs):
        return iter(items)

    return read


def test_known_texts_are_counted_as_duplicates_and_never_parsed_again(db):
    items = [make_article(f"Convoy {i} reached the border crossing.") for i in range(5)]
    first = CountingExtractor()
    summary = run_ingest(["x"], db, extractor=first, reader=reader_of(items), batch_size=2, progress=False)
    assert (summary.ingested, summary.duplicates, summary.batches, summary.read) == (5, 0, 3, 5)
    again = CountingExtractor()
    summary = run_ingest(["x"], db, extractor=again, reader=reader_of(items), batch_size=2, progress=False)
    assert (summary.ingested, summary.duplicates) == (0, 5)
    assert again.parsed == []


def test_a_repeat_inside_one_batch_is_parsed_once(db):
    same = make_article("The bridge was destroyed overnight.")
    extractor = CountingExtractor()
    summary = run_ingest(["x"], db, extractor=extractor, reader=reader_of([same, same, same]), progress=False)
    assert (summary.ingested, summary.duplicates, len(extractor.parsed)) == (1, 2, 1)


def test_rejections_are_collected_and_the_rest_is_stored(db):
    items = [
        Rejection("bad.txt", "E101", "the file is empty"),
        make_article("Refugees crossed the river."),
        Rejection("feed.jsonl:line 3", "E107", "not valid JSON"),
    ]
    summary = run_ingest(["x"], db, extractor=CountingExtractor(), reader=reader_of(items), progress=False)
    assert summary.ingested == 1 and not summary.ok
    assert [r.where for r in summary.rejected] == ["bad.txt", "feed.jsonl:line 3"]
    assert summary.to_dict()["rejected"][1] == {
        "where": "feed.jsonl:line 3",
        "code": "E107",
        "reason": "not valid JSON",
    }


def test_an_updated_article_becomes_a_revision(db):
    url = "https://wire.example/live"
    v1 = make_article("Live: shelling reported in the north.", url=url)
    v2 = make_article("Live: shelling reported in the north and east.", url=url)
    run_ingest(["x"], db, extractor=CountingExtractor(), reader=reader_of([v1]), progress=False)
    summary = run_ingest(["x"], db, extractor=CountingExtractor(), reader=reader_of([v2]), progress=False)
    assert summary.revisions == [v2.id]
    assert db.get_result(v2.id)["revision_of"] == v1.id


def test_the_pipeline_is_not_loaded_when_nothing_is_new(db):
    article = make_article("Nothing new in this dispatch.")
    run_ingest(["x"], db, extractor=CountingExtractor(), reader=reader_of([article]), progress=False)
    lazy = LocalExtractor()
    run_ingest(["x"], db, extractor=lazy, reader=reader_of([article]), progress=False)
    assert lazy._pipeline is None


def test_real_files_through_the_real_pipeline(db, tmp_path, extraction_pipeline, seed_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "date 2021-03-02\nThe mayor of Kharkiv said the city was shelled again "
        "on Monday and that the water supply had been cut.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "date 2021-03-03\nThe ministry in Kyiv said the talks in Istanbul would "
        "resume next week, according to a spokesman.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    summary = run_ingest([str(folder), str(seed_path)], db, pipeline=extraction_pipeline, progress=False)
    assert summary.ingested == 3, summary.to_dict()
    assert [Path(r.where).name for r in summary.rejected] == ["empty.txt"]
    seed = next(i for i in db.list_articles().items if i["date"] == "2020-11-08")
    stored = db.get_result(seed["id"])
    assert stored["stages"].get("mentions") and stored["mentions"]
    for mention in stored["mentions"]:
        span = mention["span"]
        assert stored["text"][span["start"] : span["end"]] == span["text"]
    assert db.stats()["mentions"] == sum(
        len(db.get_result(i["id"])["mentions"]) for i in db.list_articles().items
    )


def test_summary_to_dict_is_json_ready():
    import json

    assert json.loads(json.dumps(IngestSummary().to_dict()))["ingested"] == 0


# --- crash safety: SIGKILL mid-ingest, re-run, nothing lost or doubled ----------------------------

KILLER = textwrap.dedent("""
    import os, signal, sys
    from counterclaim.batch import run_ingest
    from counterclaim.store import open_store
    from counterclaim.store.store import Store
    from test_batch import CountingExtractor

    mode, db, folder = sys.argv[1:4]

    class KillOnThirdBatch(CountingExtractor):
        calls = 0
        def __call__(self, articles):
            KillOnThirdBatch.calls += 1
            if mode == "extract" and KillOnThirdBatch.calls == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return super().__call__(articles)

    if mode == "write":  # die inside the third batch's transaction, after its first article is inserted
        original = Store._add_one
        seen = [0]
        def dying_add_one(self, conn, data, report):
            original(self, conn, data, report)
            seen[0] += 1
            if seen[0] == 5:
                os.kill(os.getpid(), signal.SIGKILL)
        Store._add_one = dying_add_one

    with open_store(db) as store:
        run_ingest([folder], store, extractor=KillOnThirdBatch(), batch_size=2, progress=False)
    print("finished without being killed")
""")


@pytest.mark.parametrize("mode", ["extract", "write"])
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path, mode):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(10):
        (folder / f"report_{i:02d}.txt").write_text(
            f"date 2020-10-{i + 1:02d}\nThe regional governor said that {i + 2} houses were damaged "
            f"by shelling in the village overnight and that the residents had been moved to a school.\n",
            encoding="utf-8",
        )
    db_path = tmp_path / "ledger.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, mode, str(db_path), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with open_store(db_path) as store:
        assert store.stats()["articles"] == 4  # two whole batches committed, the third not at all
        summary = run_ingest(
            [str(folder)], store, extractor=CountingExtractor(), batch_size=2, progress=False
        )
        assert (summary.ingested, summary.duplicates) == (6, 4)
        stats = store.stats()
        assert (stats["articles"], stats["mentions"]) == (10, 10)
