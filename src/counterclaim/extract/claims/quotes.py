"""Find quoted segments by their marks, tolerant of unbalanced or mixed quote marks.

Handles curly (“ ”), straight ("), guillemet (« » and ‹ ›), low-9 („) and
British single (‘ ’) quotes, and the two-character marks of typewriter and
Penn-Treebank style text (''...'' as in NYT archives, ``...''). A quote left open at a paragraph end either
continues (the next paragraph opens with a quote mark: the newspaper convention
for a quotation over several paragraphs) or is closed there with a warning.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
CLOSERS = {"”", "»", "›"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    outer_start: int  # position of the opening mark
    outer_end: int  # one past the closing mark (== end when unclosed)
    closed: bool
    continued: bool = False  # a paragraph of a multi-paragraph quotation (not the first)


class QuoteList(list):
    """Quotes in text order (they never overlap), with a fast "is this position quoted?"."""

    def __init__(self, quotes: list[Quote]) -> None:
        super().__init__(sorted(quotes, key=lambda q: q.start))
        self.starts = [q.start for q in self]

    def covering(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self[i].end else None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _is_single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and after.isalnum()


def _is_single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _mixed_close(ch: str, closer: str) -> bool:
    """Copy-edited text often mixes the two styles in one quotation ("We will win,” he said / “We will win," he
    said): a curly close ends a straight opening and a straight mark ends a curly one."""
    return (closer == '"' and ch == "”") or (closer == "”" and ch == '"')


# Two-character quote marks, scanned as a straight double quote followed by a filler character.
DOUBLED_MARKS = ("''", "``")
FILLER = "\x00"


def find_quotes(text: str) -> tuple[QuoteList, list[str]]:
    """Quoted segments in text order, and warnings for marks that could not be paired."""
    if not any(m in text for m in DOUBLED_MARKS):
        return _find_quotes(text)
    scan = text
    for mark in DOUBLED_MARKS:
        scan = scan.replace(mark, '"' + FILLER)  # same length: offsets stay those of ``text``
    quotes, warnings = _find_quotes(scan)

    def widen(q: Quote) -> Quote:
        start = q.start + 1 if q.start < len(scan) and scan[q.start] == FILLER else q.start
        outer_end = q.outer_end + 1 if q.closed and q.outer_end < len(scan) and scan[q.outer_end] == FILLER else q.outer_end
        return Quote(start, max(start, q.end), q.outer_start, outer_end, q.closed, q.continued)

    return QuoteList([widen(q) for q in quotes]), warnings


def _find_quotes(text: str) -> tuple[QuoteList, list[str]]:
    quotes: list[Quote] = []
    warnings: list[str] = []
    carried = False  # previous paragraph ended inside a quotation
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        closer: str | None = None
        single_at: int | None = None
        stripped = text[p_start:p_end].lstrip()
        lead = p_start + (p_end - p_start - len(stripped))
        for i in range(p_start, p_end):
            ch = text[i]
            if open_at is None:
                if ch in OPENERS:
                    open_at, closer = i, OPENERS[ch]
                elif ch == '"':
                    open_at, closer = i, '"'
                elif ch == "‘" and _is_single_open(text, i):
                    single_at = i
                elif ch == "’" and single_at is not None and _is_single_close(text, i):
                    quotes.append(Quote(single_at + 1, i, single_at, i + 1, True))
                    single_at = None
                elif ch in CLOSERS:
                    warnings.append(f"closing quote mark at {i} has no opening mark")
                continue
            if ch == closer or (closer != '"' and ch in CLOSERS) or _mixed_close(ch, closer):
                quotes.append(Quote(open_at + 1, i, open_at, i + 1, True, carried and open_at == lead))
                open_at = closer = None
            elif ch in OPENERS and closer != OPENERS[ch] and ch != closer:
                # a new opening inside an open quote: the earlier one was never closed
                warnings.append(f"quote opened at {open_at} was not closed before a new one at {i}")
                quotes.append(Quote(open_at + 1, i, open_at, i, False))
                open_at, closer = i, OPENERS[ch]
        carried = False
        if open_at is not None:
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(open_at + 1, end, open_at, end, False))
            nxt = text[p_end:].lstrip()
            if nxt[:1] in OPENERS or nxt[:1] == '"':
                carried = True  # multi-paragraph quotation: the next paragraph reopens it
            else:
                warnings.append(f"quote opened at {open_at} was not closed before the paragraph end")
    return QuoteList(quotes), warnings
