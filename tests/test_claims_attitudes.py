"""Second pass on PolNeAR-style attribution: attitude cues, prepositional cues, speakers reached
through participles and prepositions, and the constructions that must stay claim-free."""

from __future__ import annotations

import pytest

from test_claims import run_claims

ATTRIBUTED = [
    # text, cue, speaker, content
    ("The governor supports the new bridge over the river.", "supports", "The governor", "the new bridge over the river"),
    ("Senator Vale wants a ceasefire before the winter.", "wants", "Senator Vale", "a ceasefire before the winter"),
    ("Senator Vale wants to reopen the border crossing.", "wants", "Senator Vale", "to reopen the border crossing"),
    ("The mayor talked about the flooding in the old town.", "talked about", "The mayor", "the flooding in the old town"),
    ("The minister pointed to the rising cost of fuel.", "pointed to", "The minister", "the rising cost of fuel"),
    ("Most farmers in the valley oppose the new dam.", "oppose", "Most farmers in the valley", "the new dam"),
    # speaker of a cue inside a prepositional phrase or a purpose clause
    ("The senator rallied voters by promising that taxes would fall.", "promising", "The senator",
     "that taxes would fall"),
    ("The envoy went on to endorse the peace plan.", "endorse", "The envoy", "the peace plan"),
    ("The council issued a letter disputing the figures.", "disputing", "a letter", "the figures"),
    ("The reporter asked the general about the border closures.", "asked", "The reporter", "the border closures"),
    ("The mayor pushed back on those figures.", "pushed back on", "The mayor", "those figures"),
    ("A spokesman for the ministry declined to comment.", "declined", "A spokesman for the ministry", "to comment"),
    ("The envoy made it clear that talks would resume in May.", "made it clear", "The envoy",
     "that talks would resume in May"),
    # object control: the one asked and what they are asked to do
    ("The bishop urged the villagers to leave before dark.", "urged", "The bishop", "the villagers to leave before dark"),
    ("The mayor encouraged residents to boil their water.", "encouraged", "The mayor", "residents to boil their water"),
    # commissive with an object, judgement verbs, offering an opinion
    ("The governor pledged his support for the new hospital.", "pledged", "The governor",
     "his support for the new hospital"),
    ("The senator lambasted the committee for its slow response.", "lambasted", "The senator",
     "the committee for its slow response"),
    ("The minister offered his assessment of the harvest.", "offered", "The minister", "his assessment of the harvest"),
    # regarding X as Y; a light verb with a speech-act noun
    ("Most farmers see the new dam as a threat to the valley.", "see", "Most farmers",
     "the new dam as a threat to the valley"),
    ("The mayor made the case that the bridge must be rebuilt.", "made the case", "The mayor",
     "the bridge must be rebuilt"),
    ("The envoy made no mention of the prisoners.", "made no mention", "The envoy", "the prisoners"),
    # a poll share the parser reads as a number modifier; an accusation; the lemmatiser's "hoping" -> "hop"
    ("About 4 in 10 say the curfew should end.", "say", "About 4 in 10", "the curfew should end"),
    ("The mayor charged that the contractor had lied.", "charged", "The mayor", "that the contractor had lied"),
    ("The farmers are hoping to sell the harvest in town.", "are hoping", "The farmers", "to sell the harvest in town"),
]


RAISED = [
    # seem / appear: the whole clause is the content, nobody vouches for it
    ("The rebels appear to be retreating from the ridge.", "appear", "The rebels appear to be retreating from the ridge"),
    ("It seems that the talks have failed again.", "seems", "that the talks have failed again"),
]


@pytest.mark.parametrize("text,cue,content", RAISED)
def test_raising_verbs_hedge_a_clause_with_no_speaker(text: str, cue: str, content: str):
    claims = [c for c in run_claims(text).claims if c.cue is not None and c.cue.text == cue]
    assert claims and claims[0].speaker is None and claims[0].stance == "hedges"
    assert claims[0].content.text == content


@pytest.mark.parametrize("text,cue,speaker,content", ATTRIBUTED)
def test_attitude_and_prepositional_cues(text: str, cue: str, speaker: str, content: str):
    claims = run_claims(text).claims
    hits = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert hits, [(c.cue.text if c.cue else None, c.content.text) for c in claims]
    c = hits[0]
    assert c.speaker is not None and c.speaker.text == speaker
    assert c.content.text == content


NOT_CLAIMS = [
    # text, a word that must not be a cue
    ("Rebels backed by the army took the town on Monday.", "backed"),
    ("The mayor wants.", "wants"),  # nothing wanted: no content, no claim
    ('The general supports. "We will hold the line until spring comes," a soldier wrote.', "supports"),
    # an attitude inside another cue's infinitive is part of that claim's content, not a claim of its own
    ("The mayor planned to vote for the new budget.", "vote"),
    ("The police charged the driver with speeding.", "charged"),  # a legal charge, not an accusation reported
    # a statement named as the setting, with nothing said in it
    ("In her opening statement at the debate, the senator thanked the crowd.", "statement"),
]


@pytest.mark.parametrize("text,word", NOT_CLAIMS)
def test_attitude_cues_need_grammatical_content(text: str, word: str):
    claims = run_claims(text).claims
    assert not [c for c in claims if c.cue is not None and word in c.cue.text]
