"""The actor and side lexicon: known actors, composed institutions, sides, source notes."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from counterclaim.actors import lexicon, resolve_actor, resolve_speaker, side_of

# (phrase, canonical, kind, side)
ACTORS = [
    ("Aliyev", "Ilham Aliyev", "person", "Azerbaijan"),
    ("Azeri President Ilham Aliyev", "Ilham Aliyev", "person", "Azerbaijan"),
    ("the Azerbaijani President", "Ilham Aliyev", "person", "Azerbaijan"),
    ("Armenian Defense Ministry spokeswoman Shushan Stepanyan", "Shushan Stepanyan", "person", "Armenia"),
    ("Armenian officials", "Armenian officials", "government", "Armenia"),
    ("the Armenian government", "Government of Armenia", "government", "Armenia"),
    ("Armenia's Defence Ministry", "Ministry of Defence of Armenia", "ministry", "Armenia"),
    ("Ukraine's foreign ministry", "Ministry of Foreign Affairs of Ukraine", "ministry", "Ukraine"),
    ("Russian forces", "Military Forces of Russia", "military", "Russia"),
    ("the Ukrainian navy", "Military Forces of Ukraine", "military", "Ukraine"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "person", "Russia"),
    ("Zelenskyy", "Volodymyr Zelensky", "person", "Ukraine"),
    ("Karabakh officials", "Artsakh officials", "government", "Artsakh"),
    ("Israeli officials", "Israeli officials", "government", "Israel"),
    ("Syrian state media", "Syrian state media", "media", "Syria"),
    ("Armenians", "Armenia", "population", "Armenia"),
]


@pytest.mark.parametrize(("phrase", "canonical", "kind", "side"), ACTORS)
def test_resolve_actor(phrase, canonical, kind, side):
    actor = resolve_actor(phrase)
    assert actor is not None
    assert (actor.canonical, actor.kind, actor.side) == (canonical, kind, side)


@pytest.mark.parametrize("phrase", ["he", "the witness", "a local farmer", "", "officials"])
def test_unknown_phrases_give_no_actor(phrase):
    assert resolve_actor(phrase) is None


def test_unknown_person_takes_side_and_organisation_from_the_phrase():
    actor = resolve_speaker("Ukrainian Defence Ministry spokesman Ivan Petrenko", "Ivan Petrenko")
    assert actor is not None
    assert (actor.canonical, actor.kind, actor.side, actor.organisation) == (
        "Ivan Petrenko", "person", "Ukraine", "Ministry of Defence of Ukraine")


def test_known_person_wins_over_phrase():
    actor = resolve_speaker("Azeri President Ilham Aliyev", "Ilham Aliyev")
    assert actor is not None and actor.organisation == "President of Azerbaijan"


@pytest.mark.parametrize(("phrase", "side"), [
    ("Azeri", "Azerbaijan"), ("Kyiv", "Ukraine"), ("the weather", None),
    # the world demonym table: adjective, plural, alternative name
    ("Iraqi", "Iraq"), ("Nigeriens", "Niger"), ("Burkinabe", "Burkina Faso"), ("Filipino", "Philippines"),
    ("Ivorian", "Ivory Coast"), ("Burma", "Myanmar"), ("Dutch", "The Netherlands"),
    # sides.json (conflict parties) wins over the world table for the same word
    ("Palestinians", "Palestine"),
])
def test_side_of(phrase, side):
    assert side_of(phrase) == side


def test_every_entry_has_a_source_note():
    assert lexicon()
    for entry in lexicon():
        assert entry.source.strip(), entry.canonical


def test_composition_rules_and_cue_lexicons_have_source_notes():
    data = resources.files("counterclaim.data")
    files = [data.joinpath("actors").joinpath("_institution_words.json")]
    files += [p for p in data.joinpath("cues").iterdir() if p.name.endswith(".json")]
    for path in files:
        for entry in json.loads(path.read_text(encoding="utf-8"))["entries"]:
            assert entry.get("source", "").strip(), (path.name, entry)


def test_every_country_entry_has_a_demonym_or_is_a_known_exception():
    path = resources.files("counterclaim.data").joinpath("actors").joinpath("sides_world.json")
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert len(entries) > 190
    without = {e["canonical"] for e in entries if not e.get("demonym")}
    assert without <= {"Dominica", "Republic of the Congo", "Vatican"}  # their demonyms name a bigger namesake
