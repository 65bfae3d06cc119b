"""The claims stage: the seed golden test, one table per construction, bad input."""

from __future__ import annotations

import re

import pytest

from counterclaim.extract.registry import get_stage
from counterclaim.model import Article, ArticleResult, Claim
from counterclaim.nlp import load_nlp


def run_claims(text: str, date: str | None = "2020-11-08") -> ArticleResult:
    """Only the stages the claims stage reads, on the shared (cached) spaCy pipeline."""
    doc = load_nlp()(text)
    result = ArticleResult(article=Article(id="t", text=text, date=date, date_origin="header"))
    for name in ("mentions", "claims"):
        get_stage(name)(doc, result)
    return result


def find(claims: list[Claim], content: str) -> Claim:
    hits = [c for c in claims if content in c.content.text]
    assert hits, f"no claim with content {content!r} in {[c.content.text for c in claims]}"
    return hits[0]


def by_id(claims: list[Claim], cid: str | None) -> Claim | None:
    return next((c for c in claims if c.id == cid), None)


# --- the seed article (issue 3, "On the seed article, at least") ----------------------------


@pytest.fixture(scope="module")
def seed_claims(seed_raw: str) -> list[Claim]:
    date = re.match(r"\s*date (\d{4}-\d{2}-\d{2})", seed_raw)
    result = run_claims(seed_raw, date.group(1) if date else None)
    assert not result.warnings
    return result.claims


def test_seed_aliyev_indirect_capture(seed_claims):
    c = find(seed_claims, "forces had captured Shusha")
    assert (c.actor, c.side, c.kind, c.stance, c.date) == ("Ilham Aliyev", "Azerbaijan", "indirect", "asserts", "2020-11-08")
    assert c.speaker.text == "Azeri President Ilham Aliyev" and c.cue.text == "said"


def test_seed_aliyev_direct_quote_in_televised_address(seed_claims):
    c = find(seed_claims, "the town of Shusha has been liberated")
    assert (c.actor, c.kind, c.stance, c.channel) == ("Ilham Aliyev", "direct", "asserts", "televised address")
    assert c.content.text.startswith("With great pride")
    assert c.date == "2020-11-08"


def test_seed_aliyev_mixed_quote(seed_claims):
    c = find(seed_claims, "go down in the history")
    assert (c.actor, c.kind, c.stance) == ("Ilham Aliyev", "mixed", "asserts")
    assert "of our return to Shusha" in c.content.text


def test_seed_armenian_officials_quick_to_deny_the_claim(seed_claims):
    c = find(seed_claims, "the claim that Shusha had been seized")
    assert (c.speaker.text, c.side, c.stance, c.cue.text) == ("Armenian officials", "Armenia", "denies", "deny")
    # the denied claim, followed to its speaker, is Aliyev's
    target = by_id(seed_claims, c.refers_to)
    while target is not None and target.actor is None:
        target = by_id(seed_claims, target.refers_to)
    assert target is not None and target.actor == "Ilham Aliyev"


def test_seed_immediately_denied_this_claim_refers_to_aliyev(seed_claims):
    c = find(seed_claims, "this claim")
    # the adverb next to the verb belongs to the cue, as PolNeAR marks cues ("also called for")
    assert (c.side, c.stance, c.cue.text) == ("Armenia", "denies", "immediately denied")
    target = by_id(seed_claims, c.refers_to)
    assert target is not None and target.actor == "Ilham Aliyev" and "captured Shusha" in target.content.text


def test_seed_government_declares_on_twitter(seed_claims):
    c = find(seed_claims, "violent and decisive fighting continues for Shushi")
    assert (c.side, c.channel, c.kind) == ("Armenia", "Twitter", "mixed")
    assert c.speaker.text == "the Armenian government" and c.cue.text == "declared"


def test_seed_unrealizable_dream_denies(seed_claims):
    c = find(seed_claims, "an unrealizable dream for Azerbaijan")
    assert (c.side, c.stance, c.cue.text) == ("Armenia", "denies", "called")


def test_seed_stepanyan_and_continuation(seed_claims):
    first = find(seed_claims, "the fiercest fighting took place in the vicinity of Shushi")
    cont = find(seed_claims, "the fortress city withstood the blows of the adversary")
    for c in (first, cont):
        assert (c.actor, c.side, c.organisation, c.kind) == (
            "Shushan Stepanyan", "Armenia", "Ministry of Defence of Armenia", "direct")
        assert c.speaker.text == "Armenian Defense Ministry spokeswoman Shushan Stepanyan"


def test_seed_aliyev_vows(seed_claims):
    c = find(seed_claims, "to continue fighting until Armenia withdraws")
    assert (c.actor, c.stance, c.cue.text) == ("Ilham Aliyev", "asserts", "vowed")


def test_seed_narrator_hedge(seed_claims):
    c = find(seed_claims, "If this is correct")
    assert (c.speaker, c.stance) == (None, "hedges")
    assert by_id(seed_claims, c.refers_to).actor == "Ilham Aliyev"


def test_seed_spans_point_into_the_text(seed_raw, seed_claims):
    for c in seed_claims:
        for span in (c.speaker, c.cue, c.content, c.sentence):
            if span is not None:
                assert seed_raw[span.start:span.end] == span.text


def test_seed_naming_is_not_a_claim(seed_claims):
    # "The city, called Shushi by the Armenians" names the city; nobody claims anything
    assert not [c for c in seed_claims if c.speaker and c.speaker.text == "the Armenians"]


# --- constructions (sentences written for these tests) -------------------------------------

# (text, content substring, speaker, cue, kind, stance)
CONSTRUCTIONS = [
    ('"We hold the bridge," the commander said.', "We hold the bridge", "the commander", "said", "direct", "asserts"),
    ('The commander said: "We hold the bridge."', "We hold the bridge", "The commander", "said", "direct", "asserts"),
    ("Moldovan officials said that the border crossing had reopened.", "the border crossing had reopened",
     "Moldovan officials", "said", "indirect", "asserts"),
    ("The rebels denied that they had fired on the convoy.", "they had fired on the convoy", "The rebels", "denied",
     "indirect", "denies"),
    ("The mayor rejected reports that the dam had been breached.", "reports that the dam had been breached",
     "The mayor", "rejected", "indirect", "denies"),
    ("The ministry dismissed the allegation as fake.", "the allegation", "The ministry", "dismissed", "indirect",
     "denies"),
    ("The governor said the reports of a massacre were false.", "the reports of a massacre were false",
     "The governor", "said", "indirect", "denies"),
    ("Police said that nobody had been arrested and that the road was not closed.", "the road was not closed",
     "Police", "said", "indirect", "denies"),
    ("According to the regional governor, three villages were shelled overnight.", "three villages were shelled",
     "the regional governor", "According to", "indirect", "asserts"),
    ("Three villages were shelled overnight, according to local authorities.", "Three villages were shelled",
     "local authorities", "according to", "indirect", "asserts"),
    ("The rebels were quick to deny the report.", "the report", "The rebels", "deny", "indirect", "denies"),
    ("The general vowed to recapture the airport.", "to recapture the airport", "The general", "vowed", "indirect",
     "asserts"),
    ('The governor said the town would "never fall" to the rebels.', "never fall", "The governor", "said", "mixed",
     "denies"),
    ("The army suggested that the strike may have hit a depot.", "the strike may have hit a depot", "The army",
     "suggested", "indirect", "hedges"),
    ("The ministry declared on Telegram that the town had been taken.", "the town had been taken", "The ministry",
     "declared", "indirect", "asserts"),
    ("The mayor is calling for the army to open a corridor.", "the army to open a corridor", "The mayor",
     "is calling for", "indirect", "asserts"),
    ("The governor has also called on residents to leave the valley.", "residents", "The governor",
     "has also called on", "indirect", "asserts"),
    ("The commander thanked the volunteers for their help at the front.", "the volunteers for their help",
     "The commander", "thanked", "indirect", "asserts"),
    ("Asked whether the bridge was safe, most drivers said yes.", "yes", "most drivers", "said", "indirect",
     "asserts"),
    ("A militia backing the rebels shelled the road.", "the rebels", "A militia", "backing", "indirect", "asserts"),
    ("Early results of the count are showing that turnout was low.", "turnout was low",
     "Early results of the count", "are showing", "indirect", "asserts"),
    ("In a speech to parliament, the minister declared:\n\n\u201cWe will rebuild every school.\u201d",
     "We will rebuild every school.", "the minister", "declared", "direct", "asserts"),
    ("After the vote, the party released the following statement:\n\n\u201cThe count was fair and we accept "
     "it.\u201d", "The count was fair", "the party", "released", "direct", "asserts"),
]


# (text, content, cue): evidential passives, annotated with no source
RAISED_PASSIVES = [
    ("The envoy is expected to arrive in the capital on Monday.", "The envoy is expected to arrive in the capital on Monday",
     "is expected"),
    ("The commander is said to have ordered the retreat.", "The commander is said to have ordered the retreat", "is said"),
]


@pytest.mark.parametrize(("text", "content", "cue"), RAISED_PASSIVES)
def test_evidential_passive_has_no_speaker_and_hedges(text, content, cue):
    c = find(run_claims(text).claims, content)
    assert (c.speaker, c.cue.text, c.content.text, c.stance) == (None, cue, content, "hedges")


def test_passive_with_an_agent_is_no_evidential_passive():
    c = find(run_claims("The envoy was expected by the ministry to arrive on Monday.").claims, "The envoy")
    assert (c.speaker.text, c.stance) == ("the ministry", "asserts")


@pytest.mark.parametrize(("text", "content", "speaker", "cue", "kind", "stance"), CONSTRUCTIONS)
def test_construction(text, content, speaker, cue, kind, stance):
    c = find(run_claims(text).claims, content)
    assert c.speaker is not None and c.speaker.text == speaker
    assert c.cue is not None and c.cue.text == cue
    assert (c.kind, c.stance) == (kind, stance)


# (text, content substring, expected channel)
CHANNELS = [
    ("The ministry said in a statement that the shelling had stopped.", "the shelling had stopped", "statement"),
    ("The president wrote on Facebook that the army had advanced.", "the army had advanced", "Facebook"),
    ("The spokesman told a press conference that talks would resume.", "talks would resume", "press conference"),
    ("The minister said in an interview that the ceasefire was holding.", "the ceasefire was holding", "interview"),
    ("The ministry declared on Telegram that the town had been taken.", "the town had been taken", "Telegram"),
    ("The governor said that the bridge was intact.", "the bridge was intact", None),
]


@pytest.mark.parametrize(("text", "content", "channel"), CHANNELS)
def test_channel(text, content, channel):
    assert find(run_claims(text).claims, content).channel == channel


def test_split_quote_keeps_speaker():
    claims = run_claims('"We will win," the colonel said, "and the enemy will retreat."').claims
    second = find(claims, "the enemy will retreat")
    assert second.speaker is not None and second.speaker.text == "the colonel" and second.kind == "direct"


def test_continuation_over_paragraphs_keeps_speaker():
    text = ('"The bridge is ours," Ukrainian President Volodymyr Zelensky said.\n\n'
            '"Our soldiers crossed it at dawn and they will hold it."\n\n'
            "Snow fell across the region.")
    c = find(run_claims(text).claims, "Our soldiers crossed it at dawn")
    assert (c.actor, c.side, c.kind) == ("Volodymyr Zelensky", "Ukraine", "direct")


def test_multi_paragraph_quotation_without_closing_mark():
    text = ('The colonel said: "The enemy retreated from the hill at night.\n\n'
            '"We found their positions empty and their guns abandoned."')
    result = run_claims(text)
    assert not result.warnings  # the newspaper convention, not an error
    c = find(result.claims, "We found their positions empty")
    assert c.speaker is not None and c.speaker.text == "The colonel"


def test_pronoun_speaker_resolves_to_last_named_person():
    text = ("Kremlin spokesman Dmitry Peskov said the talks had failed. "
            "He added that Moscow would not send a delegation.")
    c = find(run_claims(text).claims, "Moscow would not send a delegation")
    assert (c.speaker.text, c.actor, c.side) == ("He", "Dmitry Peskov", "Russia")


def test_apposition_speaker_keeps_organisation_and_side():
    text = "Anna Melnyk, a spokeswoman for the Ukrainian Defence Ministry, said the drones were shot down."
    c = find(run_claims(text).claims, "the drones were shot down")
    assert (c.actor, c.side, c.organisation) == ("Anna Melnyk", "Ukraine", "Ministry of Defence of Ukraine")


def test_nominal_claim_with_possessive_speaker():
    c = find(run_claims("Moscow's claim that the port was mined was never proven.").claims, "the port was mined")
    assert (c.kind, c.side, c.cue.text) == ("nominal", "Russia", "claim")


def test_denial_of_this_claim_refers_to_the_other_sides_claim():
    text = ("The Azerbaijani Defence Ministry said its troops had entered the village. "
            "Armenian officials rejected this claim.")
    claims = run_claims(text).claims
    denial = find(claims, "this claim")
    assert denial.stance == "denies" and denial.side == "Armenia"
    assert by_id(claims, denial.refers_to).side == "Azerbaijan"


def test_passive_rejection_by_agent():
    claims = run_claims("The claim that the convoy carried weapons was rejected by the Red Cross.").claims
    c = find(claims, "The claim that the convoy carried weapons")
    assert (c.stance, c.speaker.text) == ("denies", "the Red Cross")


# (text, hedge cue)
NARRATOR_HEDGES = [
    ("Government troops reportedly seized the airport.", "reportedly"),
    ("The figures could not be independently verified.", "could not be independently verified"),
    ("If true, it would be the deadliest attack of the war.", "If true"),
]


@pytest.mark.parametrize(("text", "cue"), NARRATOR_HEDGES)
def test_narrator_hedges(text, cue):
    claims = run_claims(text).claims
    assert len(claims) == 1
    assert (claims[0].speaker, claims[0].stance, claims[0].cue.text) == (None, "hedges", cue)


def test_plain_narration_is_not_a_claim():
    assert run_claims("The river froze in January and the roads were closed.").claims == []


def test_claim_date_from_weekday():
    c = find(run_claims("The minister said on Friday that the talks had failed.").claims, "the talks had failed")
    assert c.date == "2020-11-06"  # the Friday before Sunday 8 November 2020


def test_claim_date_defaults_to_article_date():
    c = find(run_claims("The minister said that the talks had failed.", date="2022-03-01").claims, "talks had failed")
    assert c.date == "2022-03-01"


# --- bad input: no crash, best effort, warnings -------------------------------------------

BAD_INPUT = [
    '"This quotation is never closed, the officer said',
    "«Nous tiendrons», the mayor said.",
    "‘We will hold,’ the mayor said. ‘Nobody leaves.’",
    '"" said the general.',
    "BREAKING: ARMENIA SAYS SHUSHI STILL HOLDS",
    "- The ministry said the road was open\n- The army said it was closed\n- \u201cNo comment,\u201d said the mayor",
    "”” “ ‘ ’ « » \" \" \"",
    "",
    "said said said according to according to",
    "The troops advanced and reported heavy losses.",  # a coordinated cue with no reporting verb above it
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_does_not_crash(text):
    result = run_claims(text)
    for c in result.claims:
        assert text[c.content.start:c.content.end] == c.content.text


def test_unclosed_quote_warns_with_a_code():
    result = run_claims('"This quotation is never closed, the officer said')
    assert any(w.startswith("[E150]") for w in result.warnings)


def test_guillemets_are_quotes():
    c = find(run_claims("«Nous tiendrons», the mayor said.").claims, "Nous tiendrons")
    assert c.kind == "direct" and c.speaker.text == "the mayor"


@pytest.mark.parametrize("text", ['"The bridge will hold until spring,\u201d said the engineer. "We checked it twice."',
                                  '\u201cThe bridge will hold until spring," said the engineer. \u201cWe checked it twice.\u201d'])
def test_mixed_straight_and_curly_marks_close_a_quote(text):
    result = run_claims(text)
    c = find(result.claims, "The bridge will hold until spring")
    assert (c.kind, c.speaker.text, c.cue.text) == ("direct", "the engineer", "said")
    assert not result.warnings


def test_dateline_is_not_the_speaker():
    c = find(run_claims("KYIV, March 3 (Reuters) - Ukrainian President Volodymyr Zelensky said on Thursday that the "
                        "city would hold.").claims, "the city would hold")
    assert c.speaker.text == "Ukrainian President Volodymyr Zelensky"


def test_speaker_after_the_quote_the_parser_calls_an_object():
    c = find(run_claims("\u201cHow long will the bridge stay closed?\u201d asked the driver, who had waited "
                        "all night.").claims, "How long will the bridge stay closed?")
    assert (c.speaker.text, c.cue.text) == ("the driver", "asked")


def test_relative_pronoun_is_the_speaker_span_and_the_antecedent_the_actor():
    c = find(run_claims("The talks stalled. Armenian Prime Minister Nikol Pashinyan, who said the city would hold, "
                        "left Yerevan.").claims, "the city would hold")
    assert (c.speaker.text, c.actor, c.side) == ("who", "Nikol Pashinyan", "Armenia")


def test_participle_after_a_reported_clause_is_its_own_claim_of_the_same_speaker():
    claims = run_claims('The two engineers argue that "there is no risk of collapse," citing an inspection in May.').claims
    argued, cited = find(claims, "there is no risk of collapse"), find(claims, "an inspection in May")
    assert argued is not cited and "citing" not in argued.content.text
    assert (argued.speaker.text, cited.speaker.text, cited.cue.text) == ("The two engineers", "The two engineers", "citing")


def test_participle_after_an_inverted_cue_shares_its_speaker():
    c = find(run_claims("\u201cThe road is open again,\u201d added the mayor, referring to the northern pass.").claims,
             "the northern pass")
    assert (c.speaker.text, c.cue.text) == ("the mayor", "referring to")


def test_very_long_paragraph():
    text = " ".join(f"Officials said that village {i} had been shelled." for i in range(300))
    result = run_claims(text)
    assert len(result.claims) == 300


def test_headline_with_colon_names_the_speaker():
    claims = run_claims("Zelensky: Kyiv will stand and fight\n\nBREAKING: Russian troops enter the city").claims
    assert len(claims) == 1
    c = claims[0]
    assert (c.speaker.text, c.cue.text, c.actor, c.content.text) == (
        "Zelensky", ":", "Volodymyr Zelensky", "Kyiv will stand and fight")


def test_multi_paragraph_quotation_is_one_claim():
    text = ('The colonel said: "The enemy retreated from the hill at night.\n\n'
            '"We found their positions empty and their guns abandoned."')
    claims = [c for c in run_claims(text).claims if c.speaker is not None]
    assert len(claims) == 1
    assert claims[0].content.text.startswith("The enemy retreated")
    assert claims[0].content.text.endswith("guns abandoned.")


def test_pronoun_it_resolves_to_last_institution():
    text = ("The Ukrainian Defence Ministry said the bridge had been destroyed. "
            "It added that two tanks were lost.")
    c = find(run_claims(text).claims, "two tanks were lost")
    assert (c.actor, c.side) == ("Ministry of Defence of Ukraine", "Ukraine")


def test_modal_hedges_content_but_is_no_narrator_claim():
    claims = run_claims("The toll could rise. The governor said the toll could rise further.").claims
    assert [(c.speaker.text if c.speaker else None, c.stance) for c in claims] == [("The governor", "hedges")]
