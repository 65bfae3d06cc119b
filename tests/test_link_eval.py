"""``counterclaim eval grouping``: B-cubed scoring and headline clustering, on rows written here."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from counterclaim.eval.grouping import bcubed, command
from counterclaim.link.similarity import group_texts


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        (["a", "a", "b"], [1, 1, 2], {"p": 1.0, "r": 1.0, "f1": 1.0}),
        (["a", "a", "b"], [1, 2, 3], {"p": 1.0, "r": 0.6667, "f1": 0.8}),
        (["a", "a", "b", "b"], [1, 1, 1, 1], {"p": 0.5, "r": 1.0, "f1": 0.6667}),
    ],
)
def test_bcubed(gold, pred, expected):
    assert bcubed(gold, pred) == expected


HEADLINES = [
    ("Westford mayor resigns after bridge scandal", "c1"),
    ("Bridge scandal: Westford mayor quits", "c1"),
    ("Westford's mayor steps down over bridge contract scandal", "c1"),
    ("Giant squid washes ashore in Eastport harbour", "c2"),
    ("Eastport harbour visitors find giant squid", "c2"),
]


def test_headlines_about_one_claim_group_together():
    labels = group_texts([h for h, _ in HEADLINES])
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] != labels[0]


def test_eval_grouping_command(tmp_path):
    path = tmp_path / "emergent.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"])
        for i, (headline, claim) in enumerate(HEADLINES):
            writer.writerow([i, "", headline, "for", f"a{i}", claim])
    out = CliRunner().invoke(command, ["--data", str(path), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["rows"]["counterclaim"]["f1"] == 1.0
    assert result["rows"]["baseline: singletons"]["p"] == 1.0 and result["rows"]["baseline: singletons"]["r"] < 1


def test_eval_grouping_without_data_is_a_clear_error(tmp_path):
    out = CliRunner().invoke(command, ["--data", str(tmp_path / "missing.csv")])
    assert out.exit_code == 2 and "E530" in out.output
