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


# (text, content substring, speaker, cue) — verbs outside the lexicon, found from the parse
CLAUSE_REPORTERS = [
    ("The mayor cautioned that the reservoir could overflow by Friday.", "the reservoir could overflow",
     "The mayor", "cautioned"),
    ("Aid workers reminded reporters that the convoy had waited for a week.", "the convoy had waited",
     "Aid workers", "reminded"),
    # documents report through their object: "the poll shows X ahead"
    ("A new poll shows the governor ahead by six points.", "the governor ahead by six points", "A new poll", "shows"),
    ("The prosecutor cited three intercepted calls.", "three intercepted calls", "The prosecutor", "cited"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), CLAUSE_REPORTERS)
def test_reporting_verbs_from_the_parse(text, content, speaker, cue):
    c = find(run_claims(text).claims, content)
    assert c.speaker is not None and c.speaker.text == speaker
    assert c.cue is not None and c.cue.text == cue


# a that-clause after a non-reporting verb, or with no human subject, is no claim
NOT_CLAIMS = [
    "The storm made sure that the roads stayed closed.",
    "The rain meant that the harvest was late.",
    "The flood proved that the levee was too low.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_clause_without_a_reporter_is_no_claim(text):
    assert run_claims(text).claims == []


# headline colons: a speaker and a clause is a claim; a topic label, a question or a noun phrase is not
COLON_HEADLINES = [
    ("Mayor Ortiz: the bridge will reopen on Monday\n\nThe bridge was closed in May.", "the bridge will reopen", True),
    ("Ortiz and Lanz: a rivalry in the valley\n\nThe two met in May.", "a rivalry in the valley", False),
    ("Editor's note: the piece was updated on Monday\n\nThe bridge was closed in May.", "the piece was updated", False),
    ("Mayor Ortiz: reformer or career politician?\n\nThe bridge was closed in May.", "reformer or career", False),
    ("Mayor Ortiz: a reformer in a hurry\n\nThe bridge was closed in May.", "a reformer in a hurry", False),
]


@pytest.mark.parametrize(("text", "content", "is_claim"), COLON_HEADLINES)
def test_headline_colon(text, content, is_claim):
    hits = [c for c in run_claims(text).claims if content in c.content.text]
    assert bool(hits) == is_claim


# a gerund subject right after the cue ("said closing it could ..."): the parser may take it for the
# verb's xcomp; the whole gerund clause is the content
GERUND_SUBJECTS = [
    ("He said closing it could put hundreds of families out of work.",
     "closing it could put hundreds of families out of work", "He", "said"),
    ("The minister said lifting it would send thousands of workers back to the mines.",
     "lifting it would send thousands of workers back", "The minister", "said"),
    ("She said banning the convoys will save lives.", "banning the convoys will save lives", "She", "said"),
]


# nouns of belief and commitment name a claim with their that-clause, not alone ("his comments")
def test_clause_noun_with_that_clause_is_a_claim():
    c = find(run_claims("The envoy's belief that the ceasefire would hold proved wrong.").claims, "the ceasefire would hold")
    assert c.cue.text == "belief" and c.kind == "nominal"


def test_clause_noun_without_clause_is_no_claim():
    result = run_claims("The envoy defended his comments on Monday.")
    assert not any(c.cue and c.cue.text == "comments" for c in result.claims)


def test_a_sign_that_read_a_quotation_reports_it():
    c = find(run_claims('One banner read "Open the border crossing," and the crowd cheered.').claims,
             "Open the border crossing")
    assert c.cue.text == "read" and c.speaker.text == "One banner"


def test_read_without_a_quotation_is_no_claim():
    assert not any(c.cue and c.cue.text == "read" for c in run_claims("The officer read the letter twice.").claims)


# document verbs ('show', 'find'): a sentence-final 'show' the tagger reads as a noun, and an
# organisation's finding reported as a clause; an object alone ('found the body') is no report
DOCUMENT_REPORTS = [
    ("The senator has not donated to any candidate this year, election records compiled by the commission show.",
     "The senator has not donated", "election records compiled by the commission", "show"),
    ("The mayor has kept his lead among older voters, Reuters found.", "The mayor has kept his lead", "Reuters", "found"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), GERUND_SUBJECTS + DOCUMENT_REPORTS)
def test_reported_clause_speaker_and_cue(text, content, speaker, cue):
    c = find(run_claims(text).claims, content)
    assert c.speaker.text == speaker and c.cue.text == cue


@pytest.mark.parametrize("text", ["Police found the body near the river.", "We went to the fair, the county show."])
def test_document_verb_without_a_report(text):
    assert run_claims(text).claims == []
