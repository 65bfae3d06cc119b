"""``counterclaim extract``: NDJSON article results, one per record, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from counterclaim.cli import main

RESULT_KEYS = {"id", "date", "date_origin", "outlet", "url", "title", "text",
               "mentions", "places", "dates", "claims", "events", "stages"}


def _span_ok(text: str, span: dict) -> bool:
    return text[span["start"]:span["end"]] == span["text"]


def test_extract_seed_prints_one_valid_result(seed_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(seed_path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert RESULT_KEYS <= set(doc)
    assert doc["date"] == "2020-11-08" and doc["date_origin"] == "header"
    assert doc["text"].startswith("But Armenian officials")
    assert doc["mentions"], "no mentions extracted"
    for key in ("mentions", "places", "dates", "events"):
        for item in doc[key]:
            assert _span_ok(doc["text"], item["span"]), (key, item)
    for claim in doc["claims"]:
        for part in ("speaker", "cue", "content"):
            if claim[part]:
                assert _span_ok(doc["text"], claim[part]), (part, claim)
    assert not list(tmp_path.iterdir()), "extract must not write a database"


def test_extract_jsonl_with_columns_and_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"body": "Officials in Kyiv said on Monday that shelling hit a school in Kharkiv.",
            "published": "2022-03-07", "ref": "r1"}
    path.write_text(json.dumps(good) + "\n{broken json\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["extract", str(path), "--text-column", "body", "--date-column", "published", "--id-column", "ref"]
    )
    assert result.exit_code == 3, result.output  # one record rejected
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(docs) == 1 and docs[0]["date"] == "2022-03-07" and docs[0]["external_id"] == "r1"
    assert "line 2" in result.stderr
