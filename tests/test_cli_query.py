"""The ingest, articles, show, search and export commands (click's CliRunner, no terminal)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.store import open_store
from test_store_support import capture_result, make_result


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "ledger.db")
    monkeypatch.setenv("COUNTERCLAIM_DB", db)
    with open_store(db) as store:
        store.add_results(
            [
                capture_result(),
                make_result("Grain ships left the port of Odesa.", date="2022-08-01", outlet="Harbour Post"),
            ]
        )
    return db


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", ["ingest", "articles", "show", "search", "export"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"counterclaim {command}" in result.output


def test_articles_table_and_json(ledger):
    table = run("articles")
    assert table.exit_code == 0 and "Shusha claim" in table.output and "Harbour Post" in table.output
    data = json.loads(run("articles", "--json", "--since", "2022-01-01").output)
    assert [i["outlet"] for i in data["items"]] == ["Harbour Post"] and data["next_cursor"] is None


def test_articles_pagination_prints_a_cursor_that_works(ledger):
    first = json.loads(run("articles", "--json", "--limit", "1").output)
    second = json.loads(run("articles", "--json", "--limit", "1", "--cursor", first["next_cursor"]).output)
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_articles_with_a_bad_date_fails_cleanly(ledger):
    result = run("articles", "--since", "yesterday")
    assert result.exit_code == 1 and "[E305]" in result.output


def test_show_marks_spans_in_plain_text_and_lists_the_ledger(ledger):
    article_id = capture_result().article.id
    result = run("show", article_id, "--no-color")
    assert result.exit_code == 0
    out = result.output
    assert "[Shusha](place)" in out and "[Yerevan](speaker)" in out and "[denied](cue)" in out
    assert "\x1b[" not in out  # no colour codes when asked for none
    assert "c2 denies: Armenian government (Armenia) denied" in out
    assert "Battles | Government regains territory" in out and "fatalities 3" in out
    assert "Shusha -> Shusha (town) 39.7594,46.7481" in out


def test_show_json_and_missing_article(ledger):
    article_id = capture_result().article.id
    data = json.loads(run("show", article_id, "--json").output)
    assert data["id"] == article_id and data["revisions"] == [article_id]
    missing = run("show", "a000000000000000")
    assert missing.exit_code == 4 and "no article" in missing.output


def test_search_marks_hits(ledger):
    result = run("search", "grain ships")
    assert result.exit_code == 0 and "[Grain] [ships]" in result.output
    assert json.loads(run("search", "grain", "--json").output)["items"][0]["outlet"] == "Harbour Post"
    assert "no matches" in run("search", "zeppelin").output


def test_ingest_exit_codes_and_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from test_batch import CountingExtractor

    monkeypatch.setattr("counterclaim.batch.LocalExtractor", lambda pipeline=None: CountingExtractor())
    good = tmp_path / "good.txt"
    good.write_text(
        "date 2021-05-04\nThe spokesman said that the convoy had reached the town safely "
        "and that aid was being handed out.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    ok = run("ingest", str(good), "--db", "a.db", "--quiet")
    assert ok.exit_code == 0 and "ingested 1, duplicates 0, revisions 0, rejected 0" in ok.output
    again = run("ingest", str(good), str(empty), "--db", "a.db", "--quiet")
    assert again.exit_code == 3
    assert "ingested 0, duplicates 1" in again.output and "empty.txt" in again.output
    data = json.loads(run("ingest", str(good), "--db", "a.db", "--json").output)
    assert data["duplicates"] == 1


def test_ingest_into_an_impossible_database_is_a_clean_error(tmp_path):
    result = run("ingest", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.exit_code == 1 and "[E301]" in result.output


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("ndjson", lambda out: [json.loads(line)["id"] for line in out.splitlines()]),
        ("json", lambda out: [r["id"] for r in json.loads(out)]),
    ],
)
def test_export_to_stdout(ledger, fmt, check):
    result = run("export", "--format", fmt)
    assert result.exit_code == 0 and len(check(result.output)) == 2


def test_export_refuses_paths_outside_the_folder(ledger, tmp_path):
    result = run("export", "--format", "csv", "--out", "../escape.csv")
    assert result.exit_code == 1 and "[E210]" in result.output
    assert not (tmp_path.parent / "escape.csv").exists()
    written = run("export", "--format", "csv", "--out", "events.csv")
    assert written.exit_code == 0 and (tmp_path / "events.csv").read_text().startswith("event_id_cnty,")


def test_coloured_marking_styles_each_kind_and_overlaps_never_garble_the_text():
    import click

    from counterclaim.export.terminal import mark_text

    result = capture_result().to_dict()
    coloured = mark_text(result, color=True, style=click.style)
    assert click.unstyle(coloured) == result["text"]  # colour codes only; not a character lost or doubled
    assert click.style("denied", fg="red", bold=True) in coloured  # the cue wins inside the claim content
    assert click.style("Sunday", fg="cyan") in coloured
