"""The literal-prefix gate only skips cue groups whose regex cannot match: never a different answer."""

from __future__ import annotations

import importlib
import json
from importlib import resources

import pytest

from counterclaim.extract.events.lexicon import cue_gates, cue_patterns, lowercase_text_ok
from counterclaim.extract.events.prefilter import literal_prefixes, word_start_strings

classify = importlib.import_module("counterclaim.extract.events.classify")


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        (["suicide (bomb|bomber)"], {"suicid"}),  # cut to six characters
        (["(?<!mortar )(bomb|mine) explode"], {"bomb e", "mine e"}),  # lookbehinds take no characters
        (["(go|be) (on )?strike"], {"go on ", "go str", "be on ", "be str"}),  # an optional part forks
        (["riot", "rioter"], {"riot"}),  # the longer is implied by the shorter
        (["kill.{0,60}protester"], {"kill"}),  # a wildcard ends the prefix
        ([".{0,5}shell"], None),  # may start anywhere: no gate
        (["[a-z]+ attack"], None),
        (["- day"], None),  # a non-word first character: no word start to look for
    ],
)
def test_literal_prefixes(patterns, expected):
    got = literal_prefixes(patterns)
    assert (None if got is None else set(got)) == expected


def test_word_start_strings():
    starts = word_start_strings("be on strike , u.s. troop")
    assert {"b", "be on ", "on str", "strike", "u.s. t", "s. tro", "troop"} <= starts
    assert "e on s" not in starts  # not a word start


def test_most_groups_are_gated():
    assert len(cue_gates()) >= 25


def _ungated(lt):
    found = {}
    for group, pattern in cue_patterns(lowercase_text_ok(lt.text)).items():
        hits = [lt.token_at(m.start()) for m in pattern.finditer(lt.text)]
        if hits:
            found[group] = hits
    return found


def test_gated_cues_equal_ungated_on_the_bundled_articles(nlp):
    path = resources.files("counterclaim.data").joinpath("samples", "articles.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    n_sents = n_cued = 0
    for doc in nlp.pipe(texts):
        words = classify.lemma_words(doc)
        for sent in doc.sents:
            lt = classify.lemma_text(sent, words)
            assert lt == classify.lemma_text(sent)  # the array path reads the same lemmas
            gated = {g: [t.i for t in toks] for g, toks in classify.find_cues(lt).items()}
            assert gated == {g: [t.i for t in toks] for g, toks in _ungated(lt).items()}, lt.text
            n_sents += 1
            n_cued += bool(gated)
    assert n_sents > 100 and n_cued > 30  # the check ran on real cue-bearing sentences
