"""Light-verb cues: a verb of little meaning and a speech-act noun as its object.

"made the case that ...", "made no mention of X", "issued a warning about X", "levelled accusations
against X": the noun names the speech act and the verb only carries tense and subject (Quirk et al. 1985,
on light verbs such as make/give/have + deverbal noun). The cue runs from the verb to the noun; the
content is the noun's clause or prepositional object, else the verb's own clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from .attribution import Draft, char_range, find_speaker, speaker_tokens

LIGHT_VERBS = frozenset({"make", "issue", "give", "deliver", "level", "levy", "lodge", "launch", "mount"})
SPEECH_ACT_NOUNS = frozenset({
    "case", "observation", "mention", "statement", "allegation", "claim", "remark", "comment", "argument",
    "point", "promise", "pledge", "accusation", "announcement", "prediction", "appeal", "plea", "threat", "vow",
    "assurance", "denial", "admission", "suggestion", "charge", "pitch", "reference", "apology", "complaint",
    "proposal", "request", "demand", "call", "warning", "criticism", "attack", "ultimatum", "assessment",
})
CONTENT_PREPS = frozenset({"of", "on", "about", "for", "against", "that", "over", "regarding"})


def _noun_content(noun: Token) -> list[Token] | None:
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                 for m in c.children):
            return [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i > noun.i:
            objs = [t for o in c.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
            if objs:
                return objs
    return None


def _verb_content(verb: Token, noun: Token) -> list[Token] | None:
    for c in verb.children:
        if c.i > noun.i and (c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPS)):
            toks = [t for o in c.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree] if c.dep_ == "prep" \
                else [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)]
            if toks:
                return toks
    return None


def speech_act_object(verb: Token) -> Token | None:
    """The speech-act noun a light verb takes as its object ("made the case"), or None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_ACT_NOUNS), None)


def light_verb_draft(verb: Token) -> Draft | None:
    noun = speech_act_object(verb)
    if noun is None:
        return None
    content = _noun_content(noun) or _verb_content(verb, noun)
    head = find_speaker(verb)
    if not content or head is None:
        return None
    start, end = char_range(content)
    if end <= start:
        return None
    return Draft(cue=(verb.idx, noun.idx + len(noun.text)), content=(start, end),
                 speaker=char_range(speaker_tokens(head)), speaker_head=head, cue_token=verb)
