"""Recall mechanisms of the claims stage: doubled quote marks, a cue split from its quote, parenthetical cues."""

from __future__ import annotations

import pytest

from counterclaim.extract.claims.quotes import find_quotes
from tests.test_claims import find, run_claims

# (text, quoted contents) — typewriter / Penn-Treebank doubled marks, written for this test
DOUBLED = [
    ("''We hold the bridge,'' the commander said.", ["We hold the bridge,"]),
    ("He said ``the road is open'' and left.", ["the road is open"]),
    ("It's the rebels' town. ''Nobody leaves,'' he said.", ["Nobody leaves,"]),
]


@pytest.mark.parametrize(("text", "inner"), DOUBLED)
def test_doubled_quote_marks(text, inner):
    quotes, warnings = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == inner and not warnings
    assert all(text[q.outer_start:q.outer_start + 2] in ("''", "``") and text[q.outer_end - 2:q.outer_end] == "''"
               for q in quotes)


# (text, content substring, speaker, cue)
CONSTRUCTIONS = [
    # doubled marks give a direct quote, and its "I think" is no claim of the narrator's
    ("''I think the bridge will hold,'' the engineer told reporters.", "I think the bridge will hold",
     "the engineer", "told"),
    # the parser may end the sentence at the quote's "!" and leave the cue alone after it
    ('"We will take the airport back!" the general said at the rally.', "We will take the airport back",
     "the general", "said"),
    ('"Who ordered the strike?" the opposition leader asked in parliament.', "Who ordered the strike",
     "the opposition leader", "asked"),
    # a parenthetical cue reports the clause it interrupts
    ("To end the siege, the negotiators said, both sides must withdraw their artillery.",
     "both sides must withdraw their artillery", "the negotiators", "said"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), CONSTRUCTIONS)
def test_recall_construction(text, content, speaker, cue):
    claims = run_claims(text).claims
    c = find(claims, content)
    assert c.speaker is not None and c.speaker.text == speaker
    assert c.cue is not None and c.cue.text == cue
    assert not any(x.cue is not None and x.cue.text == "think" for x in claims)
