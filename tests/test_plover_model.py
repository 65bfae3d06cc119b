"""The shipped PLOVER classifier (trained on the PLOVER GSR records) and the interactions it types."""

from __future__ import annotations

import pytest

from counterclaim.extract.events.plover_model import PloverModel, plover_model, sentence_features
from counterclaim.model import Article


@pytest.fixture(scope="module")
def model() -> PloverModel:
    loaded = plover_model()
    assert loaded is not None, "the package ships data/events/plover_model.json"
    return loaded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government rejected the rebels' proposal for talks.", "REJECT"),
        ("Rebel commanders agreed to a ceasefire on Monday.", "AGREE"),
        ("The foreign ministry accused the army of shelling civilian areas.", "ACCUSE"),
        ("Thousands of people marched through the capital to protest against the war.", "PROTEST"),
        ("Troops shelled the town overnight.", "ASSAULT"),
        ("The president threatened to impose sanctions on the neighbouring country.", "THREATEN"),
        ("The United States imposed sanctions on three generals.", "SANCTION"),
        ("The ministers met in Geneva to discuss the crisis.", "CONSULT"),
        ("The European Union sent humanitarian aid to the region.", "AID"),
        ("Police arrested 12 opposition activists.", "COERCE"),
        ("The UN urged both sides to allow aid convoys in.", "REQUEST"),
    ],
)
def test_model_types_interactions(nlp, model, text, expected):
    assert model.predict(next(nlp(text).sents)) == expected


def test_scores_match_the_trained_shape(nlp, model):
    scores = model.scores(sentence_features(nlp("The army denied the report.").sents))
    assert scores.shape == (len(model.classes),)
    assert model.scores([]).tolist() == model.intercept.tolist()  # nothing known: the priors alone


def test_reported_event_gets_its_reporting_interaction(pipeline):
    text = "The foreign ministry accused the army of shelling civilian areas of Westford on Monday."
    result = pipeline.run(Article(id="t", text=text, date="2031-05-05", date_origin="header"))
    kinds = [(e.sub_event_type, e.plover) for e in result.events]
    assert (None, "ACCUSE") in kinds and any(sub and plover == "ASSAULT" for sub, plover in kinds)


def test_denial_targets_the_claimant_not_the_words(pipeline, seed_raw):
    import re

    text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", seed_raw).strip()
    result = pipeline.run(Article(id="seed", text=text, date="2020-11-08", date_origin="header"))
    rejects = [e for e in result.events if e.plover == "REJECT"]
    assert rejects and all(e.actor2 != "this claim" and e.actor2 != "the claim" for e in rejects)
    assert ("Armenian officials", "Ilham Aliyev") in {(e.actor1, e.actor2) for e in rejects}
    # "were quick to deny": the source is the subject of the governing verb
    assert all(e.actor1 == "Armenian officials" for e in rejects)
