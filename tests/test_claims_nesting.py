"""A report inside another report's clause: restatements go, second-hand reports stay."""

from __future__ import annotations

import pytest

from test_claims import run_claims

RESTATED = [
    # text, outer cue, inner cue that must not be a claim of its own
    ("The governor says he supports the new bridge over the river.", "says", "supports"),
    ("About half of the farmers said they want a new dam on the river.", "said", "want"),
    ("The envoy told reporters that the rebels fear a long winter siege.", "told", "fear"),
]


@pytest.mark.parametrize("text,outer,inner", RESTATED)
def test_restated_report_is_part_of_the_outer_claim(text: str, outer: str, inner: str):
    claims = run_claims(text).claims
    cues = [c.cue.text for c in claims if c.cue is not None]
    assert outer in cues, cues
    assert inner not in cues, cues
    claim = next(c for c in claims if c.cue is not None and c.cue.text == outer)
    assert inner in claim.content.text


def test_second_hand_report_with_its_own_speaker_stays():
    text = "The minister said that the mayor told residents the bridge would reopen in May."
    cues = [c.cue.text for c in run_claims(text).claims if c.cue is not None]
    assert "said" in cues and "told" in cues, cues
