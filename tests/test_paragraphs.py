"""Sentences never run across a paragraph break; wrapped lines do not split sentences."""

from __future__ import annotations

import pytest


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A closing quote, a blank line, then a new paragraph: two sentences.
        (
            "“The fortress held,” the spokesman said.\n\nThe region has been contested since 1994.",
            ["“The fortress held,” the spokesman said.", "The region has been contested since 1994."],
        ),
        (
            "“The fortress held.”\n\nThe region has been contested since 1994.",
            ["“The fortress held.”", "The region has been contested since 1994."],
        ),
        # A headline on its own line above the first sentence.
        (
            "Ceasefire takes hold\nBoth armies said the guns had fallen silent overnight.",
            ["Ceasefire takes hold", "Both armies said the guns had fallen silent overnight."],
        ),
        # trafilatura separates paragraphs with one newline.
        (
            "The ministry said the town had fallen.\nResidents fled towards the border on Monday.",
            ["The ministry said the town had fallen.", "Residents fled towards the border on Monday."],
        ),
    ],
)
def test_paragraph_breaks_end_sentences(nlp, text, expected):
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Hard-wrapped plain text: the line breaks fall mid-sentence.
        "The defence ministry said on Sunday that its forces had taken control of the\n"
        "hills above the town after two days of heavy fighting with separatist units.",
        "Officials from both sides met in the capital on Tuesday and agreed that the\n"
        "Red Cross would be allowed to collect the bodies of soldiers killed there.",
    ],
)
def test_wrapped_lines_stay_one_sentence(nlp, text):
    assert len(sentences(nlp, text)) == 1


def test_seed_sentences_stay_inside_paragraphs(nlp, seed_raw):
    doc = nlp(seed_raw)
    crossing = [s.text for s in doc.sents if "\n" in s.text.strip()]
    assert crossing == []
