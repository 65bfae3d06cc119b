"""The case-sensitive cue patterns are a faster twin of the IGNORECASE ones, never a different matcher."""

from __future__ import annotations

import pytest

from counterclaim.extract.events.lexicon import cue_patterns, lowercase_text_ok

TEXTS = [
    "the army shell the village overnight and two civilian be kill .",
    "protester clash with police , who fire tear gas and rubber bullet .",
    "rebel seize control of the town after a suicide car bombing .",
    "the minister hold talk on a ceasefire in both direction .",
    "nothing happen here .",
]


def matches(patterns, text):
    return {group: [m.span() for m in p.finditer(text)] for group, p in patterns.items()}


@pytest.mark.parametrize("text", TEXTS)
def test_lowercase_twins_match_what_ignorecase_matches(text):
    assert lowercase_text_ok(text)
    assert matches(cue_patterns(lowercase_text=True), text) == matches(cue_patterns(), text)
    assert any(matches(cue_patterns(), text).values()) == (text != "nothing happen here .")


@pytest.mark.parametrize(
    "text",
    [
        "the army ſhell the village .",  # long s case-folds to "s": only IGNORECASE sees "shell"
        "k\u0131ll",  # dotless i case-folds to "i"
        "The Army Shelled It",  # capitals
        "123 .",  # no letters at all: nothing to vouch for
    ],
)
def test_texts_the_twins_could_misread_keep_ignorecase(text):
    assert not lowercase_text_ok(text)


def test_long_s_is_why_the_check_exists():
    text = "the army ſhell the village ."
    assert matches(cue_patterns(), text)["shelling"]
    assert not matches(cue_patterns(lowercase_text=True), text)["shelling"]
