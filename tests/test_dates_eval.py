"""``counterclaim eval time``: TimeML reading, scoring, and clean exits without data.

The TimeML here is written for these tests (no evaluation data enters the repository).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from counterclaim.eval.timex import TimeMLDoc, Timex, command, read_timeml, score

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-11-08" functionInDocument="CREATION_TIME">20201108</TIMEX3></DCT>
<TEXT>
The president said on <TIMEX3 tid="t1" type="DATE" value="2020-11-08">Sunday</TIMEX3> that the town had
<EVENT eid="e1" class="OCCURRENCE">fallen</EVENT> after <TIMEX3 tid="t2" type="DURATION" value="P6W">nearly six
weeks</TIMEX3> of fighting that began on <TIMEX3 tid="t3" type="DATE" value="2020-09-27">September 27</TIMEX3>.
</TEXT>
</TimeML>
"""


def write(tmp_path: Path, name: str = "doc.tml", body: str = TML) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_read_timeml_offsets_point_at_the_plain_text(tmp_path: Path):
    doc = read_timeml(write(tmp_path))
    assert str(doc.dct) == "2020-11-08"
    assert [doc.text[t.start:t.end] for t in doc.gold] == ["Sunday", "nearly six\nweeks", "September 27"]
    assert [(t.value, t.type) for t in doc.gold] == [("2020-11-08", "DATE"), ("P6W", "DURATION"),
                                                     ("2020-09-27", "DATE")]
    assert "<EVENT" not in doc.text and "fallen" in doc.text


def test_score_strict_relaxed_and_value():
    doc = TimeMLDoc("d", "x" * 40, None, [Timex(0, 6, "2020-11-08"), Timex(10, 20, "P6W", "DURATION")])
    perfect = score([doc], [list(doc.gold)])
    assert perfect["strict"]["f1"] == perfect["value"]["f1"] == 1.0
    shifted = score([doc], [[Timex(0, 5, "2020-11-08"), Timex(12, 20, "P5W", "DURATION"), Timex(30, 35, "1994")]])
    assert shifted["strict"]["recall"] == 0.0
    assert shifted["relaxed"]["recall"] == 1.0 and round(shifted["relaxed"]["precision"], 3) == 0.667
    assert shifted["value_accuracy_on_matched"] == 0.5
    assert shifted["by_type"]["DURATION"]["value_accuracy_on_matched"] == 0.0


def test_command_end_to_end_with_baseline(tmp_path: Path):
    write(tmp_path)
    result = CliRunner().invoke(command, ["--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    ours, baseline = report["counterclaim"], report["dateparser"]
    assert ours["gold"] == 3 and ours["relaxed"]["recall"] == 1.0
    assert ours["value_accuracy_on_matched"] == 1.0
    assert baseline["value"]["f1"] < ours["value"]["f1"]


def test_missing_data_exits_cleanly(tmp_path: Path):
    result = CliRunner().invoke(command, ["--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "[E540]" in result.output


def test_malformed_file_is_skipped_not_fatal(tmp_path: Path):
    write(tmp_path)
    write(tmp_path, "broken.tml", "<TimeML><TEXT>unclosed")
    result = CliRunner().invoke(command, ["--data", str(tmp_path), "--json", "--no-baseline"])
    assert result.exit_code == 0
    assert "[E540]" in result.output and "broken.tml" in result.output


def test_folder_without_timeml_exits_cleanly(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(tmp_path)])
    assert result.exit_code == 2 and "[E540]" in result.output
