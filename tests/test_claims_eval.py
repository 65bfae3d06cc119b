"""The attribution evaluation: brat reading, matching, and clean exits without data."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from counterclaim.eval.attribution import BratDoc, Relation, as_relations, command, read_ann, same, score


def test_missing_data_exits_cleanly(tmp_path: Path):
    result = CliRunner().invoke(command, ["--data", str(tmp_path), "--split", "dev"])
    assert result.exit_code == 2 and "[E530]" in result.output


def test_read_ann_discontinuous_spans(tmp_path: Path):
    ann = tmp_path / "doc_x.ann"
    ann.write_text("T1\tSource 0 4\tMayo\nT2\tCue 5 9\tsaid\nT3\tContent 10 15;20 25\tabcde fghij\n"
                   "T4\tAttribution 5 9\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    assert read_ann(ann) == [Relation((0, 4), (5, 9), (10, 25))]


def test_exact_match_ignores_quote_marks_and_overlap_needs_a_shared_token():
    text = 'He said "we won the war" today.'
    assert same(text, (8, 24), (9, 23), "exact")
    assert not same(text, (9, 15), (9, 23), "exact")
    assert same(text, (9, 15), (9, 23), "overlap")
    assert not same(text, (0, 2), (9, 23), "overlap")


def test_score_end_to_end(tmp_path: Path):
    text = 'The mayor said that the bridge was open.'
    gold = [Relation((0, 9), (10, 14), (15, 39))]
    doc = BratDoc("d", text, gold)
    perfect = score([doc], [gold])
    assert perfect["relation_exact"]["f1"] == 1.0
    wrong_source = score([doc], [[Relation((24, 30), (10, 14), (15, 39))]])
    assert wrong_source["relation_overlap"]["f1"] == 0.0 and wrong_source["cue_exact"]["f1"] == 1.0


def test_punctuation_cue_overlaps_itself():
    text = "Trump: we will win"
    assert same(text, (5, 6), (5, 6), "overlap")
    assert not same(text, (5, 6), (7, 9), "overlap")


def test_pieces_of_one_quotation_become_one_relation():
    # "“We won,” he said, “and we will win again.”": two claims, one cue -> one PolNeAR relation
    pieces = [Relation((11, 13), (14, 18), (1, 8)), Relation((11, 13), (14, 18), (21, 41)),
              Relation((50, 52), (53, 57), (60, 70))]
    assert as_relations(pieces) == [Relation((11, 13), (14, 18), (1, 41)), Relation((50, 52), (53, 57), (60, 70))]
