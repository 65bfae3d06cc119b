"""The ``claims`` stage: who claims what, on which side, asserting, denying or hedging.

Per article, in this order (each step in its own module):
1. quotations found by their marks (``quotes``), warnings for unclosed ones;
2. reporting verbs in the parse give cue, speaker and content (``attribution``),
   plus "according to X" and nominal claims ("the claim that ...", "Aliyev's announcement");
3. quotations left over continue the previous direct claim (split quotes, a
   quote running on with no new cue) or stand as unattributed quotations;
4. speakers resolved to actors and sides (``counterclaim.actors``), pronouns
   ("he added") and definite descriptions ("the ministry") to the last
   compatible named speaker;
5. stance (``stance``), channel, date (``dating``);
6. the narrator's own hedges ("If this is correct") as claims without speaker;
7. anaphoric content ("denied this claim") linked with ``refers_to``.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...actors import Actor, resolve_speaker, side_of
from ...errors import UnclosedQuote
from ...model import ArticleResult, Claim, Span
from ...nlp.cached import doc_entities, doc_text
from ..registry import stage
from .attribution import (
    CLAUSE_NOT_REPORT,
    DOCUMENT_SUBJECTS,
    Draft,
    adjacent_quote,
    after_introducing_clause,
    channel_tokens,
    char_range,
    cue_entry,
    cue_range,
    find_speaker,
    grammatical_content,
    in_quote,
    is_cue,
    made_clear,
    parenthetical_content,
    quote_after_colon,
    quote_tokens_overlap,
    raised_content,
    relative_subject,
    speaker_tokens,
    speech_only_blocked,
)
from .dating import claim_date
from .lexicon import channel_in, clause_nouns, cue_nouns, first_hedge, headline_labels
from .light_verbs import light_verb_draft, speech_act_object
from .nesting import drop_nested
from .quotes import Quote, find_quotes
from .stance import claim_stance, content_root
from .trailing_cue import trailing_noun_cue_draft

VERSION = "1"
UNCLOSED_QUOTE = UnclosedQuote.code
MIN_UNATTRIBUTED_WORDS = 6  # shorter stray quotes are scare quotes or headlines, not claims
ANAPHORIC_CONTENT = re.compile(
    r"^(?:this|that|these|those|the|such|their|his|her|its)\s+(?:\w+\s+)?"
    r"(?:claims?|reports?|announcements?|statements?|allegations?|accusations?|assertions?|information|news|"
    r"account|version|reports)\b|^(?:it|this|that|them|these|so|the claim)$",
    re.IGNORECASE,
)
MALE = frozenset({"he", "him", "his"})
FEMALE = frozenset({"she", "her", "hers"})
NEUTER = frozenset({"they", "them", "their", "it", "its"})  # institutions and groups
PRONOUNS = MALE | FEMALE | NEUTER
INSTITUTION_NOUNS = frozenset({"ministry", "government", "army", "navy", "military", "president", "presidency",
                               "office", "administration", "authorities", "command", "staff", "service",
                               "spokesman", "spokeswoman", "spokesperson", "official", "officials", "kremlin"})


# --- step 2: drafts from the parse -------------------------------------------------------


def _inner(q: Quote, text: str) -> tuple[int, int]:
    """The quotation without its marks and the comma English puts before the closing mark."""
    end = q.end
    while end > q.start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return q.start, end


def _reports_a_clause(verb: Token) -> bool:
    """A finite clause complement: 'Pew found that turnout fell', 'turnout fell, Fox found'."""
    return any(c.dep_ == "ccomp" and (c.tag_ in ("VBD", "VBZ", "VBP") or any(
        a.dep_ in ("aux", "auxpass") and a.tag_ in ("MD", "VBD", "VBZ", "VBP") for a in c.children))
        for c in verb.children)


def _verb_draft(tok: Token, sent: SpacySpan, quotes: list[Quote], used: set[int]) -> Draft | None:
    entry = cue_entry(tok)
    if entry is None:
        return None
    if (entry.needs or entry.attitude) and tok.dep_ in ("acl", "amod") and not (
            entry.attitude and tok.dep_ == "acl" and tok.tag_ == "VBG"):
        return None  # "the city, called Shushi by the Armenians", "rebels backed by X": no claim; "a group backing X" is
    if speech_only_blocked(tok, entry):
        return None
    if entry.attitude and tok.dep_ == "xcomp" and cue_entry(tok.head) is not None:
        return None  # "planned to vote for X": one attitude, whose content "to vote for X" already is
    head = find_speaker(tok) if entry.needs != "raising" else None  # "they appear to": the subject is content
    if entry.subject == "document" and (head is None or head.lemma_.lower() not in DOCUMENT_SUBJECTS) \
            and not (head is not None and _reports_a_clause(tok)):
        return None  # "found the body" is no report; "found that ...", "..., Fox found." are
    speaker = char_range(speaker_tokens(head)) if head is not None else None
    if head is not None and in_quote(head, quotes):
        head, speaker = None, None
    draft = Draft(cue=cue_range(tok), content=(0, 0), speaker=speaker, speaker_head=head, cue_token=tok,
                  base_stance=entry.stance)
    rel = relative_subject(tok) if speaker is not None else None
    if rel is not None:
        draft.relative = (rel.idx, rel.idx + len(rel.text))
    tokens = after_introducing_clause(grammatical_content(tok, entry), tok)
    if head is None and entry.stance != "denies" and raised_content(tok):
        draft.base_stance = "hedges"  # "is said to", "is believed to": nobody vouches for it
    if tokens:
        start, end = char_range(tokens)
        hits = quote_tokens_overlap(tokens, quotes)
        inside = [i for i in hits if quotes[i].outer_start <= start and end <= quotes[i].outer_end + 1]
        if inside:
            q = quotes[inside[0]]
            draft.content, draft.kind, draft.quotes = _inner(q, doc_text(tok.doc)), "direct", [inside[0]]
        else:
            for i in hits:
                start, end = min(start, quotes[i].outer_start), max(end, quotes[i].outer_end)
            draft.content, draft.quotes = (start, end), hits
            draft.kind = "mixed" if hits else "indirect"
    elif entry.attitude:
        return None  # "supports", "wants": only with what is supported or wanted
    else:
        qi = adjacent_quote(tok, sent, quotes, used, speaker)
        if qi is None:
            inserted = parenthetical_content(tok)
            if inserted is None or quote_tokens_overlap(inserted, quotes):
                return None
            draft.content = char_range(inserted)
            return draft if draft.content[1] > draft.content[0] else None
        q = quotes[qi]
        draft.content, draft.kind, draft.quotes = _inner(q, doc_text(tok.doc)), "direct", [qi]
    if draft.content[1] <= draft.content[0]:
        return None
    used.update(draft.quotes)
    return draft


def _introducing_draft(tok: Token, quotes: list[Quote], used: set[int]) -> Draft | None:
    """'President Clinton released the following statement:' and a quotation: a verb outside the lexicon
    whose colon opens a quotation introduces what its subject says."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in CLAUSE_NOT_REPORT:
        return None
    qi = quote_after_colon(tok, quotes, used)
    head = find_speaker(tok) if qi is not None else None
    if head is None or in_quote(head, quotes):
        return None
    used.add(qi)
    return Draft(cue=cue_range(tok), content=_inner(quotes[qi], doc_text(tok.doc)), speaker=char_range(speaker_tokens(head)),
                 speaker_head=head, cue_token=tok, kind="direct", quotes=[qi])


def _made_clear_draft(tok: Token) -> Draft | None:
    """'Clinton made it clear that she has concerns'."""
    found = made_clear(tok)
    head = find_speaker(tok) if found is not None else None
    if head is None:
        return None
    adj, content = found
    return Draft(cue=(tok.idx, adj.idx + len(adj.text)), content=char_range(content),
                 speaker=char_range(speaker_tokens(head)), speaker_head=head, cue_token=tok)


def _according_draft(tok: Token, sent: SpacySpan) -> Draft | None:
    """'according to X': X speaks; the rest of the clause is the content."""
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    objs = [c for c in to[0].children if c.dep_ == "pobj"]
    if not objs:
        return None
    pp = list(tok.subtree)
    pp_ids = {t.i for t in pp}
    rest = [t for t in sent if t.i not in pp_ids]
    before = [t for t in rest if t.i < tok.i]
    after = [t for t in rest if t.i > tok.i]
    part = after if len([t for t in after if t.is_alpha]) > len([t for t in before if t.is_alpha]) else before
    if not any(t.is_alpha for t in part):
        return None
    content = char_range(part)
    return Draft(cue=(tok.idx, to[0].idx + len(to[0].text)), content=content,
                 speaker=char_range(speaker_tokens(objs[0])), speaker_head=objs[0], cue_token=None,
                 base_stance="asserts", kind="indirect")


def _nominal_draft(tok: Token, quotes: list[Quote]) -> Draft | None:
    """'the claim that Shusha had been seized', "Aliyev's announcement"."""
    stance = cue_nouns().get(tok.lemma_.lower())
    if stance is None or tok.pos_ != "NOUN" or in_quote(tok, quotes) or speech_act_object(tok.head) is tok:
        return None  # "made the claim that": the light verb's draft has the speaker
    clause = None
    speaker_head = None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp", "appos") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            clause = c
        elif c.dep_ == "poss":
            speaker_head = c
        elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                speaker_head = objs[0]
    if clause is None and (speaker_head is None or tok.dep_ == "pobj" or tok.lemma_.lower() in clause_nouns()):
        return None  # "in her opening statement": with nothing said, a statement under a preposition is a setting
    if clause is not None:
        content = char_range([t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)])
    else:
        content = char_range(list(tok.subtree))
    speaker = char_range(speaker_tokens(speaker_head)) if speaker_head is not None else None
    if speaker_head is not None and speaker is not None:
        # the possessive marker belongs to the noun phrase, not to the speaker
        speaker = (speaker[0], min(speaker[1], speaker_head.idx + len(speaker_head.text)))
    return Draft(cue=(tok.idx, tok.idx + len(tok.text)), content=content, speaker=speaker,
                 speaker_head=speaker_head, cue_token=None, base_stance=stance, kind="nominal",
                 refers_hint=clause is None, nominal_token=tok)


LINE_WITH_COLON = re.compile(r"^[ \t]*([^\n:]{2,60}?):[ \t]+(\S[^\n]*)", re.MULTILINE)


def _title_case(words: list[str]) -> bool:
    """'Donald Trump Ties Hillary Clinton': headline capitals, which the parser reads as names, not verbs."""
    alpha = [w for w in words if w[:1].isalpha()]
    return len(alpha) >= 3 and sum(w[:1].isupper() for w in alpha) >= 0.6 * len(alpha)


def _colon_drafts(doc: Doc, text: str, quotes: list[Quote]) -> list[tuple[Draft, bool]]:
    """Headline style "Zelensky: Kyiv will stand" — a short name, a colon, what they say — and transcript
    turns ("TAPPER: Do you think ...?"), which are flagged: a turn is everything its speaker says."""
    out: list[tuple[Draft, bool]] = []
    for m in LINE_WITH_COLON.finditer(text):
        prefix = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if prefix is None or len(prefix) > 6 or not m.group(1).strip()[:1].isupper():
            continue
        if m.group(1).strip().lower() in headline_labels() or any(t.pos_ in ("VERB", "AUX") for t in prefix):
            continue
        label = m.group(1).strip()
        turn = label.isupper() and len(prefix) <= 4  # a transcript's speaker ("TAPPER", "SEN. CRUZ")
        if not (turn or any(t.pos_ in ("PROPN", "NOUN") for t in prefix)):
            continue
        if any(q.start <= m.start(1) < q.end for q in quotes):
            continue
        # "Clinton to Planned Parenthood: ...", "Mukasey at RNC: ...": a named speaker, then the audience or venue
        venue = next((t for t in prefix if t.lower_ in ("to", "at") and t.i > prefix.start
                      and all(x.pos_ == "PROPN" for x in prefix.doc[prefix.start:t.i])), None)
        if venue is not None:
            prefix = prefix.doc[prefix.start:venue.i]
        elif any(t.lower_ in ("and", "&", "'s", "’s") or t.pos_ == "ADP" for t in prefix):
            continue  # "Netanyahu and Obama: ...", "Editor's note: ...", "Among its findings: ..." name a topic
        content = (m.start(2), m.end(2))
        while content[1] > content[0] and text[content[1] - 1] in " .\t\r":
            content = (content[0], content[1] - 1)
        words = text[content[0]:content[1]].split()
        if len(words) < 3 or (not turn and text[content[0]:content[1]].rstrip("\"”’' ").endswith("?")):
            continue
        said = doc.char_span(content[0], content[1], alignment_mode="expand")
        has_verb = said is None or any(t.pos_ in ("VERB", "AUX") for t in said)
        if not (turn or _title_case(words) or has_verb):
            continue  # "Cruz: a career politician" labels a topic; what someone says is a clause
        head = prefix.root
        out.append((Draft(cue=(m.end(1), m.end(1) + 1), content=content, speaker=char_range(list(prefix)),
                          speaker_head=head, kind="direct" if text[content[0]] in "\"“‘'«" else "indirect"), turn))
    return out


# --- step 3: quotations with no cue of their own -------------------------------------------


class _Sentences:
    def __init__(self, doc: Doc) -> None:
        self.spans = [(s.start_char, s.end_char) for s in doc.sents]
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)


def _continuations(text: str, quotes: list[Quote], used: set[int], drafts: list[Draft],
                   sents: _Sentences) -> list[Draft]:
    extra: list[Draft] = []
    for qi, q in enumerate(quotes):
        if qi in used:
            continue
        if any(d.content[0] <= q.outer_start and q.outer_end <= d.content[1] + 1 for d in drafts):
            continue  # a quotation inside someone's content (mixed quote)
        prior = [d for d in drafts + extra if d.content[1] <= q.outer_start and d.speaker is not None
                 and d.kind in ("direct", "mixed")]
        prev = max(prior, key=lambda d: d.content[1]) if prior else None
        later_claims = [d for d in drafts if prev is not None and prev.content[1] <= d.content[0] < q.start]
        if prev is not None and not later_claims:
            prev_sent = max(sents.index(prev.content[1] - 1), sents.index(prev.cue[0]) if prev.cue else 0)
            gap = sents.index(q.start) - prev_sent
            sent_start = sents.spans[sents.index(q.outer_start)][0]
            at_start = not text[sent_start:q.outer_start].strip()
            if q.continued and prev.kind == "direct" and prev.content[1] >= quotes[qi - 1].start:
                # one quotation over several paragraphs: one claim
                used.add(qi)
                prev.content = (prev.content[0], _inner(q, text)[1])
                continue
            if q.continued or gap == 0 or (gap == 1 and at_start):
                used.add(qi)
                extra.append(Draft(cue=prev.cue, content=_inner(q, text), speaker=prev.speaker,
                                   speaker_head=prev.speaker_head, cue_token=prev.cue_token,
                                   base_stance=prev.base_stance, kind="direct", quotes=[qi], inherited_from=prev))
                continue
        if len(text[q.start:q.end].split()) >= MIN_UNATTRIBUTED_WORDS:
            used.add(qi)
            extra.append(Draft(cue=None, content=_inner(q, text), kind="direct", quotes=[qi]))
    return extra


# --- step 4: actors ---------------------------------------------------------------------


def _person_in(doc: Doc, rng: tuple[int, int]) -> str | None:
    names = [e.text for e in doc_entities(doc) if e.label == "PERSON" and rng[0] <= e.start_char and e.end_char <= rng[1]]
    return max(names, key=len) if names else None


def _antecedent(text: str, drafts: list[Draft], actors: list[Actor | None], n: int, key: str,
                want_person: bool | None) -> Actor | None:
    """Last earlier speaker whose phrase contains ``key`` (or, with no key, of the wanted kind)."""
    for m in range(n - 1, -1, -1):
        cand, prev = actors[m], drafts[m]
        if cand is None or prev.speaker is None:
            continue
        if key and key not in text[prev.speaker[0]:prev.speaker[1]].lower():
            continue
        if want_person is not None and (cand.kind == "person") != want_person:
            continue
        return cand
    return None


STATE_KINDS = frozenset({"government", "ministry", "military"})


def _state_before(drafts: list[Draft], actors: list[Actor | None], n: int, phrase: str) -> Actor | None:
    """'Azerbaijan said ... The Defence Ministry said': an institution named without its country belongs to
    the state that spoke last (its own ministry when the lexicon knows it)."""
    for m in range(n - 1, -1, -1):
        cand = actors[m]
        if cand is not None and cand.side is not None and (cand.kind in STATE_KINDS or cand.canonical == cand.side) \
                and drafts[m].speaker is not None:  # a country named as speaker is its government
            own = resolve_speaker(f"{cand.side} {phrase}")
            return own if own is not None and own.side == cand.side else cand
    return None


def _side_word_before(doc: Doc, pos: int) -> str | None:
    """The last country or demonym before ``pos`` that names a side ("its Defence Ministry" -> whose?)."""
    for ent in reversed([e for e in doc_entities(doc) if e.end_char <= pos and e.label in ("GPE", "NORP")]):
        if side_of(ent.text):
            return ent.text
    return None


def _agrees(pron: Token, noun: Token) -> bool:
    if pron.lower_ in MALE | FEMALE:
        return noun.ent_type_ == "PERSON"
    if pron.lower_ in ("they", "them", "their"):
        return noun.tag_ in ("NNS", "NNPS") or noun.ent_type_ in ("ORG", "NORP")
    return False


def _subject_before(pron: Token, quotes: list[Quote]) -> tuple[int, int] | None:
    """'The Karabakh authorities have published their count: 16 were killed, they said': a pronoun speaker
    stands first for the nearest agreeing subject earlier in its own sentence."""
    for tok in reversed(list(pron.sent[:pron.i - pron.sent.start])):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN") and _agrees(pron, tok) \
                and not in_quote(tok, quotes):
            rng = char_range(speaker_tokens(tok))
            return rng if rng[1] > rng[0] else None
    return None


def _resolve_actors(doc: Doc, text: str, drafts: list[Draft], quotes: list[Quote]) -> list[Actor | None]:
    actors: list[Actor | None] = []
    for n, d in enumerate(drafts):
        actor: Actor | None = None
        if d.inherited_from is not None and d.inherited_from in drafts:
            actor = actors[drafts.index(d.inherited_from)]
        elif d.speaker is not None and d.speaker_head is not None:
            head = d.speaker_head
            phrase = text[d.speaker[0]:d.speaker[1]]
            words = phrase.lower().split()
            if head.pos_ == "PRON" and head.lower_ in PRONOUNS:
                local = _subject_before(head, quotes)
                actor = resolve_speaker(text[local[0]:local[1]], _person_in(doc, local)) if local else None
                if actor is None:
                    actor = _antecedent(text, drafts, actors, n, "", head.lower_ in MALE | FEMALE)
            elif words and words[0] in ("its", "their") and len(words) > 1:
                owner = _side_word_before(doc, d.speaker[0])
                actor = resolve_speaker(f"{owner} {' '.join(words[1:])}" if owner else phrase)
            else:
                actor = resolve_speaker(phrase, _person_in(doc, d.speaker))
                if (actor is None or actor.side is None) and words and (
                        words[0] in ("the", "a", "an") or any(w in INSTITUTION_NOUNS for w in words)) or \
                        (actor is not None and actor.side is None and actor.kind == "person"):
                    # "the ministry", "the interior ministry", "ministry spokeswoman X": an earlier speaker
                    key = " ".join(w for w in words if w not in ("the", "a", "an"))
                    nouns = [w for w in [head.lemma_.lower(), *words] if w in INSTITUTION_NOUNS]
                    found = _antecedent(text, drafts, actors, n, key, None) or next(
                        (f for w in nouns if (f := _antecedent(text, drafts, actors, n, w, None)) is not None), None)
                    if found is None and nouns:
                        found = _state_before(drafts, actors, n, key)
                    if found is not None and actor is not None and actor.kind == "person":
                        actor = Actor(actor.canonical, "person", found.side, found.organisation or found.canonical)
                    elif found is not None:
                        actor = found
        actors.append(actor)
    return actors


# --- steps 6 and 7 -----------------------------------------------------------------------


def _narrator_hedges(doc: Doc, text: str, drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        if any(d.cue and s <= d.cue[0] < e for d in drafts):
            continue
        if any(d.content[0] <= s + 1 and e - 1 <= d.content[1] + 2 for d in drafts):
            continue
        found = first_hedge(sent.text, narrator=True)
        if found is None:
            continue
        match, pattern = found
        out.append(Draft(cue=(s + match.start(), s + match.end()), content=char_range(list(sent)),
                         base_stance="hedges", kind="nominal", refers_hint=pattern.anaphoric))
    return out


def _shared_names(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> int:
    def names(r: tuple[int, int]) -> set[str]:
        span = doc.char_span(r[0], r[1], alignment_mode="expand")
        return {t.lower_ for t in span if t.pos_ == "PROPN"} if span is not None else set()
    return len(names(a) & names(b))


def _link(doc: Doc, text: str, drafts: list[Draft], actors: list[Actor | None], stances: list[str]) -> list[int | None]:
    """Index of the claim each claim answers or refers back to."""
    links: list[int | None] = [None] * len(drafts)
    for n, d in enumerate(drafts):
        content = text[d.content[0]:d.content[1]].strip()
        side = actors[n].side if actors[n] else None
        nominal = [m for m, o in enumerate(drafts) if m != n and o.nominal_token is not None
                   and d.content[0] <= o.nominal_token.idx < d.content[1] and o.kind == "nominal"]
        if nominal and d.kind != "nominal":
            links[n] = nominal[0]
            continue
        if d.kind == "nominal" and not d.refers_hint:
            # "the claim that X": whose claim of X? the claim elsewhere sharing the most names
            best = max(((m, _shared_names(doc, d.content, o.content)) for m, o in enumerate(drafts)
                        if m != n and o.speaker is not None and o.kind != "nominal" and stances[m] == "asserts"
                        and not (o.content[0] <= d.content[0] < o.content[1])),
                       key=lambda p: (p[1], -abs(drafts[p[0]].content[0] - d.content[0])), default=None)
            if best and best[1] > 0:
                links[n] = best[0]
            continue
        if not (d.refers_hint or ANAPHORIC_CONTENT.match(content)):
            continue
        earlier = [m for m in range(n - 1, -1, -1) if drafts[m].content[1] <= d.content[0] + 1]
        if d.kind == "nominal" and actors[n] is not None:
            same = [m for m in earlier if actors[m] == actors[n]]
            links[n] = same[0] if same else None
            continue
        other_side = [m for m in earlier if stances[m] == "asserts" and drafts[m].speaker is not None
                      and (side is None or (actors[m] is not None and actors[m].side != side))]
        pick = other_side or [m for m in earlier if drafts[m].speaker is not None]
        links[n] = pick[0] if pick else None
    return links


# --- the stage ----------------------------------------------------------------------------


def _sentence_range(sents: _Sentences, d: Draft) -> tuple[int, int]:
    points = [d.content[0], max(d.content[1] - 1, d.content[0])] + ([d.cue[0]] if d.cue else [])
    idx = [sents.index(p) for p in points]
    return sents.spans[min(idx)][0], sents.spans[max(idx)][1]


def _channel(text: str, d: Draft) -> str | None:
    """Channel named by the cue or its own modifiers; a coordinated cue shares its head's."""
    if d.cue is None:
        return None
    if d.nominal_token is not None:
        toks = [t for t in d.nominal_token.subtree if not d.content[0] <= t.idx < d.content[1]]
        return channel_in(" ".join(t.text for t in toks))
    if d.cue_token is None:  # "according to X": the source phrase may name the channel
        return channel_in(text[d.speaker[0]:d.speaker[1]]) if d.speaker else None
    verb = d.cue_token
    found = channel_in(" ".join(t.text for t in channel_tokens(verb, d.content)))
    if found is None and verb.dep_ == "conj":
        # "declared on Twitter that ... and called X Y": the coordinated cue shares the channel
        for anc in verb.ancestors:
            if is_cue(anc):
                return channel_in(" ".join(t.text for t in channel_tokens(anc, d.content)))
    return found


@stage("claims", version=VERSION, requires=("mentions",))
def claims(doc: Doc, result: ArticleResult) -> None:
    """Attributed claims with speaker, cue, content, actor, side, channel, stance, date, refers_to."""
    text = result.article.text
    quotes, warnings = find_quotes(text)
    result.warnings.extend(f"[{UNCLOSED_QUOTE}] claims: {w}" for w in warnings)
    used: set[int] = set()
    drafts: list[Draft] = []
    for sent in doc.sents:
        for tok in sent:
            if in_quote(tok, quotes):
                continue  # reports nested in quotations: measured on PolNeAR train, they cost more precision than they add recall
            if tok.lower_ == "according":
                d = _according_draft(tok, sent)
            elif tok.pos_ == "NOUN":
                d = _nominal_draft(tok, quotes) or trailing_noun_cue_draft(tok, sent)
            else:
                d = (_verb_draft(tok, sent, quotes, used) or _introducing_draft(tok, quotes, used)
                     or _made_clear_draft(tok) or light_verb_draft(tok))
            if d is not None:
                drafts.append(d)
    taken = [d.content for d in drafts]
    drafts += [d for d, turn in _colon_drafts(doc, text, quotes)
               if turn or not any(c[0] <= d.content[0] < c[1] for c in taken)]
    drafts = drop_nested(drafts)
    sents = _Sentences(doc)
    drafts += _continuations(text, quotes, used, drafts, sents)
    drafts += _narrator_hedges(doc, text, drafts)
    drafts.sort(key=lambda d: (min(d.content[0], d.cue[0] if d.cue else d.content[0]), d.content[0]))

    actors = _resolve_actors(doc, text, drafts, quotes)
    stances: list[str] = []
    for d in drafts:
        if d.inherited_from is not None and d.base_stance == "denies":
            stances.append("asserts")  # the quote after "denied ..." states the speaker's own version
            continue
        span = doc.char_span(d.content[0], d.content[1], alignment_mode="expand")
        root = content_root(list(span)) if span is not None and d.kind != "nominal" else None
        stances.append(claim_stance(d.base_stance, text[d.content[0]:d.content[1]], d.cue_token, root))
    links = _link(doc, text, drafts, actors, stances)

    prefix = f"{result.article.id}:c"
    channels: list[str | None] = []
    for n, d in enumerate(drafts):
        sentence = _sentence_range(sents, d)
        channel = _channel(text, d)
        if channel is None and d.inherited_from is not None and d.inherited_from in drafts:
            channel = channels[drafts.index(d.inherited_from)]
        channels.append(channel)
        actor = actors[n]
        result.claims.append(
            Claim(
                id=f"{prefix}{n + 1}",
                speaker=Span.of(text, *(d.relative or d.speaker)) if d.speaker else None,
                cue=Span.of(text, *d.cue) if d.cue else None,
                content=Span.of(text, *d.content),
                kind=d.kind,
                stance=stances[n],
                actor=actor.canonical if actor else None,
                side=actor.side if actor else None,
                organisation=(actor.organisation or (actor.canonical if actor.kind != "person" else None))
                if actor else None,
                channel=channel,
                date=claim_date(d.cue_token, d.content, result),
                refers_to=f"{prefix}{links[n] + 1}" if links[n] is not None else None,
                sentence=Span.of(text, *sentence),
            )
        )
