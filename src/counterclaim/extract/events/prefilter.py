"""Literal prefixes that let ``find_cues`` skip a cue group without running its regex.

Every match of a cue pattern begins with one of the literal strings its alternatives begin
with ("suicide (bomb|bomber)" -> "suicide bomb"; "(blow|blew) (himself|...)" -> "blow himself
", ...), cut to PREFIX_CHARS, so a sentence in which no word starts with one of them
cannot match, and most sentences have none for most groups. The prefixes come from the
regex parser, so they follow the patterns in triggers.json as they are edited. Only used on
all-lower-case text with the case-sensitive patterns (``lowercase_text_ok``).
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # the stdlib's regex parse tree (Python 3.11+)
import re._parser as sre_parse

_WORD_CHAR = re.compile(r"\w")
# More expansions than this and the group is simply always scanned.
MAX_PREFIXES = 64
# Prefixes are cut to this length: a shorter necessary substring is still necessary, and
# fewer, shorter strings are cheaper to look for.
PREFIX_CHARS = 6
# Zero-width at each word start, capturing the PREFIX_CHARS characters from there.
_WORD_STARTS = re.compile(r"\b(?=(\w.{0,%d}))" % (PREFIX_CHARS - 1), re.DOTALL)


def _extend(items, found: set[str]) -> tuple[set[str], set[str]] | None:
    """Extend the prefixes ``found`` over the parsed ``items``: (prefixes that may grow further,
    prefixes that are final: the pattern goes on with something that is not a literal, or they
    are PREFIX_CHARS long). None: too many."""
    growing, final = set(found), set()
    for op, arg in items:
        if not growing:
            break
        if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
            continue  # zero-width: "(?<!mortar )bomb" starts with "bomb"
        if op is sre_constants.LITERAL:
            growing = {p + chr(arg) for p in growing}
        elif op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _ in arg):
            growing = {p + chr(c) for p in growing for _, c in arg}
        elif op is sre_constants.SUBPATTERN and not (arg[1] or arg[2]):  # (?:...) or (...), no flag changes
            inner = _extend(arg[3], growing)
            if inner is None:
                return None
            growing, final = inner[0], final | inner[1]
        elif op is sre_constants.BRANCH:
            grown: set[str] = set()
            for branch in arg[1]:
                inner = _extend(branch, growing)
                if inner is None:
                    return None
                grown |= inner[0]
                final |= inner[1]
            growing = grown
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[1] == 1:  # "(on )?"
            inner = _extend(arg[2], growing)
            if inner is None:
                return None
            growing, final = inner[0] | (growing if arg[0] == 0 else set()), final | inner[1]
        else:
            final |= growing
            growing = set()
        full = {p for p in growing if len(p) >= PREFIX_CHARS}
        growing -= full
        final |= {p[:PREFIX_CHARS] for p in full}
        if len(growing) + len(final) > MAX_PREFIXES:
            return None
    return growing, final


def literal_prefixes(patterns: list[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``\\b(?:p1|p2|...)\\b`` starts with, or None if some
    alternative can start with anything (a class, a dot) or with a non-word character."""
    prefixes: set[str] = set()
    for pattern in patterns:
        parsed = _extend(sre_parse.parse(pattern), {""})
        if parsed is None:
            return None
        starts = parsed[0] | parsed[1]
        if any(not p or not _WORD_CHAR.match(p) for p in starts):
            return None
        prefixes |= starts
    # "shell" makes "shelling" redundant: a text holding the longer holds the shorter.
    return frozenset(p for p in prefixes if not any(q != p and p.startswith(q) for q in prefixes))


def word_start_strings(text: str) -> set[str]:
    """The first 1..PREFIX_CHARS characters at every word start of ``text``: a ``\\b``-anchored
    match beginning with a word character starts at one of these places."""
    starts = _WORD_STARTS.findall(text)
    return {s[:n] for s in starts for n in range(1, PREFIX_CHARS + 1)}
