"""Reports inside the reported clause of another report.

"Cruz says he supports the law", "4 in 10 said they want a ban": the inner verb is part of what the
outer speaker says, not a second claim. The speaker of the outer claim vouches for the whole clause;
an inner claim with a pronoun for its speaker only repeats the outer one, and an attitude reported
inside someone's words ("she said Trump wants to take America backward") is that speaker's claim
about the attitude, not the attitude holder's own statement.
"""

from __future__ import annotations

from .attribution import Draft, cue_entry

# Verbs of thinking and wanting: inside someone else's words they describe, they do not report.
COGNITION = frozenset({"think", "believe", "expect", "know", "feel", "want", "hope", "fear", "worry", "doubt",
                       "prefer", "wish", "plan", "intend", "seek", "support", "back", "oppose", "favor", "favour"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who", "that", "which"})


def _outer(d: Draft, drafts: list[Draft]) -> Draft | None:
    if d.cue is None or d.cue_token is None:
        return None
    for o in drafts:
        if o is d or o.kind not in ("indirect", "mixed") or o.cue is None or o.speaker is None:
            continue
        if o.content[0] <= d.cue[0] < o.content[1]:
            return o
    return None


def _restates(d: Draft) -> bool:
    head = d.speaker_head
    if head is None or head.lower_ in SPEAKER_PRONOUNS:
        return True
    entry = cue_entry(d.cue_token) if d.cue_token is not None else None
    return bool(entry is not None and (entry.attitude or entry.lemma in COGNITION))


def drop_nested(drafts: list[Draft]) -> list[Draft]:
    """The drafts without the reports that only restate part of an enclosing report's content."""
    return [d for d in drafts if (o := _outer(d, drafts)) is None or not _restates(d)]
