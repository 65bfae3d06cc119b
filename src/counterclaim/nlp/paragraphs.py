"""Sentence starts at paragraph breaks, set before the parser so no sentence spans two paragraphs.

The small English parser happily joins a closing quote and the next paragraph
("… blows of the adversary.”\\n\\nNagorno-Karabakh is …"), or a headline and the
first sentence under it, into one sentence; every stage that works per sentence
(claims, events, dates) then mixes two statements. The parser respects sentence
starts that are already set, so this component marks them and leaves the rest to it.

A blank line always ends a sentence. A single newline ends one only where the line
before it is complete (it ends in terminal punctuation or a closing quote) or is a
short line (a headline or a dateline) followed by a capitalised line: hard-wrapped
plain text breaks lines mid-sentence, and those breaks must not become sentence starts.
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS_COMPONENT = "counterclaim_paragraphs"
# Characters that may end a complete line (closing quotes included: they end quoted statements).
_LINE_FINAL = set(".!?:;”’\"'»)")
# A line this short without terminal punctuation is a headline or a dateline, not a wrapped line.
_HEADLINE_MAX_CHARS = 60


def _line_is_complete(doc: Doc, text: str, newline_index: int) -> bool:
    """Whether the line ending at the newline token ``newline_index`` stands as a whole (``text`` is ``doc.text``)."""
    if newline_index == 0:
        return True
    last, following = doc[newline_index - 1], doc[newline_index + 1]
    if last.text[-1] in _LINE_FINAL:
        return True
    if not (following.text[0].isupper() or following.text[0].isdigit() or following.is_quote):
        return False
    line_start = text.rfind("\n", 0, last.idx) + 1
    return len(text[line_start : last.idx + len(last.text)]) <= _HEADLINE_MAX_CHARS


def mark_paragraph_starts(doc: Doc) -> Doc:
    text = doc.text  # rebuilt from the tokens on every access: read once
    spaces = doc.to_array(IS_SPACE).astype(bool)  # one array, not a Token object per position
    after_space = (spaces[:-1] & ~spaces[1:]).nonzero()[0] + 1  # words right after whitespace
    for i in after_space.tolist():
        token, before = doc[i], doc[i - 1]
        if "\n" not in before.text:
            continue
        # The tokenizer makes every run of newlines a SPACE token of its own.
        if before.text.count("\n") >= 2 or _line_is_complete(doc, text, i - 1):
            token.is_sent_start = True
    return doc


@Language.component(PARAGRAPHS_COMPONENT)
def paragraphs_component(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)
