"""Spans and sides that depend on the surrounding text: datelines, pronouns, institutions named alone."""

from __future__ import annotations

from test_claims import run_claims


def _by_cue(text: str, cue: str):
    claims = [c for c in run_claims(text).claims if c.cue is not None and c.cue.text == cue]
    assert claims, [(c.cue.text if c.cue else None, c.content.text) for c in run_claims(text).claims]
    return claims


def test_dateline_is_neither_speaker_nor_content():
    text = ("TBILISI — Georgia and Turkey agreed to reopen the border crossing next week.\n\n"
            "BAKU — The two ministers met on Friday near the border, the state news agency reported.")
    agreed = _by_cue(text, "agreed")[0]
    assert agreed.speaker.text == "Georgia and Turkey"
    reported = _by_cue(text, "reported")[0]
    assert reported.content.text.startswith("The two ministers met")


def test_pronoun_speaker_stands_for_the_subject_of_its_own_sentence():
    text = ("Azerbaijan's Defence Ministry said the Armenian army had lost 550 servicemen.\n\n"
            "The Karabakh authorities have published their own count: 16 of their soldiers died on Sunday, "
            "they said.")
    claim = _by_cue(text, "said")[-1]
    assert claim.speaker.text == "they"
    assert claim.side == "Artsakh"
    assert claim.content.text == "16 of their soldiers died on Sunday"


def test_institution_named_alone_belongs_to_the_state_that_spoke_last():
    text = ("Azerbaijan said on Thursday that 2,783 of its servicemen were killed in the war.\n\n"
            "The Defence Ministry said more than 100 soldiers were still missing.")
    claim = [c for c in _by_cue(text, "said") if c.speaker.text == "The Defence Ministry"][0]
    assert claim.side == "Azerbaijan"
    assert claim.organisation == "Ministry of Defence of Azerbaijan"


def test_transcript_turn_is_one_claim_of_its_speaker():
    text = ("HOST: Do you think the ceasefire will hold through the winter?\n\n"
            "VARGAS: Well, I think both armies are tired, and I expect the line to stay quiet.")
    claims = [c for c in run_claims(text).claims if c.cue is not None]
    turns = [c for c in claims if c.cue.text == ":"]
    assert [c.speaker.text for c in turns] == ["HOST", "VARGAS"]
    assert turns[1].content.text.startswith("Well, I think both armies")
    assert not [c for c in claims if c.cue.text == "think"]  # part of the turn, not a claim of its own


def test_title_case_headline_after_a_colon_is_attributed():
    text = "Mayor Okafor: Bridge Repairs Ahead Of Schedule\n\nThe mayor spoke on Monday."
    claim = _by_cue(text, ":")[0]
    assert claim.speaker.text == "Mayor Okafor"


def test_continued_after_a_quotation_takes_it_despite_a_participle():
    text = "“The roads are closed until spring,” the mayor continued, citing the snowfall."
    claim = _by_cue(text, "continued")[0]
    assert claim.speaker.text == "the mayor"
    assert claim.content.text.startswith("The roads are closed")


def test_participle_after_a_comma_takes_the_subject_of_the_clause_before():
    # the small model takes "writing" for the subject of "Feels"
    text = ("Guitarist Mara shared the news on social media last week, "
            "writing “Feels great to help a town I believe in.”")
    claim = _by_cue(text, "writing")[0]
    assert claim.speaker is not None and claim.speaker.text == "Guitarist Mara"


def test_headline_speaker_before_its_audience():
    text = "Okafor to Farmers Union: Prices will rise before winter.\n\nThe mayor spoke on Monday."
    claim = _by_cue(text, ":")[0]
    assert claim.speaker.text == "Okafor"
    assert claim.content.text == "Prices will rise before winter"
