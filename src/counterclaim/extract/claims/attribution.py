"""Cue, speaker and content from the dependency parse (one reporting verb at a time).

Rules, in the order they are tried for a cue verb:
- content: infinitive for commissive verbs ("vowed to continue"), clausal
  complement ("said that ..."), object predicate ("called X 'a dream'"),
  nominal object for verbs whose object is a proposition ("denied this claim"),
  else an adjacent quotation in the same sentence;
- speaker: the verb's subject; the agent of a passive; through control
  ("were quick to deny"); shared with a coordinated cue ("declared ... and
  called ..."); the clause a participle hangs on ("..., saying that").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...nlp.cached import doc_text

from .lexicon import CueVerb, cue_verbs
from .quotes import Quote, QuoteList

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Verbs whose direct object is the addressee or target, not the proposition.
OBJECT_NOT_CONTENT = frozenset({"tell", "inform", "ask", "urge", "brief", "warn", "quote",
                                "call", "describe", "accuse", "add", "post", "write", "say",
                                "show", "find", "learn", "expect", "think", "believe", "note", "assure", "reassure", "remind",
                                "encourage", "invite", "advise", "implore", "beg", "instruct"})
DOCUMENT_SUBJECTS = frozenset({"poll", "survey", "study", "report", "data", "document", "documents", "figure",
                               "record", "analysis", "research", "statistic", "investigation", "review",
                               "audit", "footage", "image", "video", "email", "memo", "filing", "letter",
                               "result", "estimate", "finding", "evidence", "number", "count", "tally", "projection",
                               "transcript", "recording", "photo", "photograph", "picture", "chart", "map", "log"})
# Verbs of judging (Levin 1993, 33: praise, blame, thank ...): the person judged and the "for" reason are the content.
JUDGEMENT_VERBS = frozenset({"thank", "praise", "blame", "criticize", "criticise", "congratulate", "applaud", "fault",
                             "commend", "condemn", "slam", "blast", "mock", "credit", "hail", "ridicule", "lambast",
                             "lambaste", "castigate", "chastise", "rebuke", "excoriate", "deride", "berate", "chide",
                             "assail", "scorn", "disparage", "belittle", "vilify", "denigrate", "laud", "censure",
                             "scold", "upbraid"})
# Verbs that raise the subject of what is reported when passive, with nobody named as the one who reports:
# "X is said / believed / expected to ..." (Quirk et al. 1985, 16.52 on subject-to-subject raising).
RAISING_PASSIVES = frozenset({"say", "believe", "think", "expect", "report", "allege", "rumor", "rumour", "know",
                              "consider", "estimate", "predict", "understand", "claim", "fear"})
# One-word answers standing for a whole clause: "75 percent said yes", "half said so".
PRO_CLAUSES = frozenset({"yes", "no", "so"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


@dataclass(eq=False)  # identity: drafts point at each other (inherited_from)
class Draft:
    """A claim before ids, actors and cross-claim links are settled."""

    cue: tuple[int, int] | None
    content: tuple[int, int]
    speaker: tuple[int, int] | None = None
    speaker_head: Token | None = None
    cue_token: Token | None = None
    base_stance: str = "asserts"
    kind: str = "indirect"
    channel: str | None = None
    quotes: list[int] = field(default_factory=list)  # indexes of the quotes it uses
    inherited_from: Draft | None = None  # a continuation or split quote
    refers_hint: bool = False  # content is anaphoric ("this claim")
    nominal_token: Token | None = None
    relative: tuple[int, int] | None = None  # "who" in "Priebus, who said": the published speaker span


DASHES = frozenset({"—", "–", "--", "-"})


def dateline_dash(first: Token) -> Token | None:
    """The dash ending a dateline that opens a paragraph ("MOSCOW — ", "TBILISI, Georgia -- "), or None.
    A dateline names where the story was filed; it is never part of a speaker or what they said."""
    doc = first.doc
    if first.i > 0 and "\n" not in doc[first.i - 1].text:
        return None  # only at the start of a paragraph
    if not (first.text.isupper() and len(first.text) >= 2 and first.is_alpha):
        return None
    for t in doc[first.i + 1:first.i + 8]:
        if t.text in DASHES:
            return t
        if t.pos_ in ("VERB", "AUX") or "\n" in t.text:
            return None
    return None


def char_range(tokens: list[Token]) -> tuple[int, int]:
    """Character range covering ``tokens``, trimmed of edge punctuation, spaces and a leading dateline."""
    toks = sorted(tokens, key=lambda t: t.i)
    dash = dateline_dash(toks[0]) if toks else None
    if dash is not None:
        toks = [t for t in toks if t.i > dash.i]
    while toks and (toks[0].is_space or toks[0].text in {",", ";", ":", "—", "–", "-", "(", ")"}):
        toks = toks[1:]
    while toks and (toks[-1].is_space or toks[-1].text in {",", ";", ":", "—", "–", "-", "(", ".", ")"}):
        toks = toks[:-1]
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def speaker_tokens(head: Token) -> list[Token]:
    """The speaker noun phrase: the subject's subtree without relative clauses and trailing commas."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.i > head.i:
            dropped.update(t.i for t in child.subtree)
        if child.dep_ in ("advmod", "mark") and child.pos_ in ("ADP", "SCONJ") and child.i < head.i:
            dropped.update(t.i for t in child.subtree)  # "after half said so": the clause's marker
    for child in head.children:
        # "Armenian officials on Sunday": a date phrase belongs to the cue, not the speaker
        if child.dep_ in ("prep", "npadvmod") and child.i > head.i and any(
                t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            dropped.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in dropped]
    # a dateline ("BAKU — Azerbaijan said") is not part of the speaker
    dashes = [t.i for t in toks if t.i < head.i and (t.text in ("—", "--", "–") or "\n" in t.text or (
        t.text == "-" and t.whitespace_ and t.i > 0 and t.doc[t.i - 1].whitespace_))]  # "(Reuters) - ", a headline line
    if dashes:
        toks = [t for t in toks if t.i > dashes[-1]]
    # keep the contiguous run around the head (an apposition stays, a stray clause does not)
    run = [t for t in toks if abs(t.i - head.i) <= 25]
    return run


def in_quote(tok: Token, quotes: list[Quote]) -> bool:
    if isinstance(quotes, QuoteList):
        return quotes.covering(tok.idx) is not None
    return any(q.start <= tok.idx < q.end for q in quotes)


def cue_entry(tok: Token) -> CueVerb | None:
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and tok.lemma_ == "say"):
        return None
    lemma = tok.lemma_.lower()
    if lemma == "hop" and tok.lower_[:4] in ("hopi", "hope"):
        lemma = "hope"  # the small model's lemmatiser turns "hoping" into "hop"
    entry = cue_verbs().get(lemma)
    if entry is None and reports_a_clause(tok):
        return CueVerb(tok.lemma_.lower(), "asserts")
    return entry


# Verbs that take a that-clause without reporting anyone's words or thoughts.
CLAUSE_NOT_REPORT = frozenset({"be", "have", "make", "ensure", "see", "let", "help", "require", "demand", "mean",
                               "happen", "turn", "prove", "matter", "depend", "do", "get", "go", "come"})
HUMAN_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
SPEAKER_NOUNS = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "minister", "president", "leader",
                           "expert", "analyst", "aide", "adviser", "advisor", "critic", "supporter", "voter", "resident",
                           "witness", "lawyer", "campaign", "government", "ministry", "party", "police", "army",
                           "mayor", "governor", "senator", "lawmaker", "worker", "commander", "general", "officer",
                           "prosecutor", "judge", "candidate", "activist", "economist", "researcher", "scientist",
                           "diplomat", "negotiator", "authority", "agency", "committee", "council", "group"})


def reports_a_clause(verb: Token) -> bool:
    """A verb outside the lexicon that a person or group uses to report a clause: "X cautioned that ...",
    "they reminded voters that ...". The class is found from the parse (a human subject, a that-clause
    after the verb), so communication and cognition verbs the lexicon lacks still count."""
    if verb.lemma_.lower() in CLAUSE_NOT_REPORT or verb.dep_ in ("amod", "acl", "relcl"):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in HUMAN_PRONOUNS
                            or subj.lemma_.lower() in SPEAKER_NOUNS):
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
               and any((m.dep_ == "mark" and m.lower_ == "that") or m.dep_ in ("nsubj", "nsubjpass") for m in c.children)
               for c in verb.children)


def is_cue(tok: Token) -> bool:
    entry = cue_entry(tok)
    return entry is not None and not speech_only_blocked(tok, entry)


def content_prep(verb: Token, entry: CueVerb) -> Token | None:
    """The preposition introducing the content of a prepositional cue ("talked about X")."""
    if not entry.preps:
        return None
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in entry.preps and c.i > verb.i and any(
                o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in ("DATE", "TIME") for o in c.children):
            return c
        if c.dep_ == "advcl" and c.i > verb.i:
            # "is calling for the United States to take a role": the parser reads "for" as the clause's mark
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in entry.preps and m.i == verb.i + 1), None)
            if mark is not None:
                return mark
    return None


def cue_range(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, particle and content preposition: "has learned", "pointed to"."""
    toks = [verb]
    entry = cue_entry(verb)
    prep = content_prep(verb, entry) if entry is not None else None
    if prep is not None:
        toks.append(prep)
        between = verb.doc[verb.i + 1:prep.i]
        if len(between) <= 2 and all(t.head.i == verb.i and t.dep_ in ("prt", "advmod") for t in between):
            toks.extend(between)  # "pushed back on", "weighed in on"
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") and child.tag_ != "TO" and abs(child.i - verb.i) <= 3:
            toks.append(child)
        elif child.dep_ == "advmod" and child.pos_ == "ADV" and child.tag_ != "WRB" and 0 < verb.i - child.i <= 2 \
                and child.lower_ not in PROPORTIONS:
            toks.append(child)  # "has also called for", "jokingly offered": kept only when next to the verb
    toks.sort(key=lambda t: t.i)
    # keep only the contiguous run that contains the verb
    start = end = verb.i
    idxs = {t.i for t in toks}
    while start - 1 in idxs:
        start -= 1
    while end + 1 in idxs:
        end += 1
    doc = verb.doc
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _climb_subject(verb: Token) -> Token | None:
    """Subject of the verb, through control and participial attachment."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and tok.i != verb.i)]
        if subjects:  # two subjects: a dateline the parser took for one ("NEW YORK, Dec 29 - Clinton said")
            return min(subjects, key=lambda c: abs(c.i - tok.i))
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ in ("xcomp", "acomp") or (tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VB")):
            if tok.dep_ == "advcl" and tok.head.dep_ == "ccomp" and tok.head.head.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ in SUBJECTS for c in tok.head.children):
                tok = tok.head.head  # 'they argue that "there is precedent," citing a case': hung on the content
                continue
            tok = tok.head  # "were quick to deny", "..., saying", "went on to endorse"
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "rallied thousands by promising", "after arguing"
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head  # "a letter disputing the accusations", "candidates proposing"
        if tok.dep_ == "conj" and tok.i != verb.i and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head  # "distanced himself ... and moved to emphasize"
            continue
        return None
    return None


CLOSING_MARKS = frozenset({"”", '"', "’", "»", "''"})


def inverted_speaker(verb: Token) -> Token | None:
    """'“We should oppose that,” said Jim Bopp' / '“How big is it?” asked the boy': right after a closing
    quotation mark the speaker follows the cue, and the parser often takes it for an object."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # '..." citing an instance': a participle is no inverted cue
    prev = [doc[i].text for i in range(max(0, verb.i - 2), verb.i)]
    if not prev or not (prev[-1] in CLOSING_MARKS or (len(prev) == 2 and prev[-1] == "," and prev[0] in CLOSING_MARKS)):
        return None
    run: list[Token] = []
    for t in doc[verb.i + 1:verb.i + 9]:
        if t.is_punct or t.is_space or t.lower_ in RELATIVE_PRONOUNS or (t.pos_ in ("VERB", "AUX", "ADP") and t.tag_ != "VBG"):
            break
        run.append(t)
    names = [t for t in run if t.pos_ == "PROPN"] or [t for t in run if t.pos_ in ("NOUN", "PRON")]
    return names[-1] if names else None


def relative_subject(verb: Token) -> Token | None:
    """'Priebus, who has said ...': the relative pronoun, which PolNeAR marks as the source (its antecedent
    is what ``find_speaker`` returns, for the actor)."""
    subj = _climb_subject(verb)
    return subj if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl" else None


PROPORTIONS = frozenset({"half", "most", "many", "some", "few", "majority", "third", "quarter", "all"})


def proportion_subject(verb: Token) -> Token | None:
    """'About 4 in 10 say ...', 'half said so': poll shares the parser hangs on the verb as a number
    modifier rather than as its subject."""
    if verb.pos_ != "VERB" or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    return next((c for c in verb.children if c.i < verb.i and c.dep_ in ("nummod", "npadvmod", "advmod", "dep")
                 and (c.pos_ == "NUM" or c.lower_ in PROPORTIONS)), None)


def participle_after_clause(verb: Token) -> Token | None:
    """'Flea shared the news, writing "..."', '"...," Kiedis said, mentioning X': a participle after a comma
    has the subject of the clause before it, however the parser attached it."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    root = verb.sent.root
    if root.i >= verb.i or root.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)


def find_speaker(verb: Token) -> Token | None:
    subj = _climb_subject(verb)
    if subj is None:
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"  # '..." added Murphy, referring to ...'
        subj = inverted_speaker(verb.head if participle else verb)
    if subj is None:
        subj = proportion_subject(verb) or participle_after_clause(verb)
    if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
        return subj.head.head
    if subj is not None and dateline_dash(subj) is not None:
        # "MOSCOW — Armenia and Azerbaijan agreed": the parser may take the dateline for the subject
        after = [c for c in subj.children if c.i > dateline_dash(subj).i and c.dep_ in ("appos", "conj")]
        if after:
            return after[0]
    if subj is None and verb.dep_ == "conj":
        # coordinated cue: prefer the nearest reporting-verb ancestor (the parser often hangs
        # "and called X" on the reported clause rather than on "declared")
        for anc in verb.ancestors:
            if is_cue(anc):
                return find_speaker(anc)
        return _climb_subject(verb.head)
    return subj


def _without(tokens: list[Token], drop: set[int]) -> list[Token]:
    return [t for t in tokens if t.i not in drop]


def nested_cue_tokens(root: Token) -> set[int]:
    """Tokens of coordinated or participial reporting verbs under ``root`` ("... and called X Y", "..., citing X"),
    which are claims of their own."""
    drop: set[int] = set()
    for tok in root.subtree:
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i == root.i and tok.i > root.i and cue_entry(tok):
            drop.update(t.i for t in tok.subtree)  # 'that "there is precedent," citing a case': a claim of its own
            continue
        if (tok.dep_ == "conj" and tok.i != root.i and cue_entry(tok) is not None
                and not any(c.dep_ in SUBJECTS for c in tok.children)):
            drop.update(t.i for t in tok.subtree)
            for sib in tok.head.children:
                if sib.dep_ == "cc" and sib.i < tok.i and sib.i > tok.head.i:
                    drop.add(sib.i)
    return drop


def raised_content(verb: Token) -> list[Token] | None:
    """'Trump is expected to deliver a speech', 'he is said to have pressed for it': an evidential passive with
    no agent. PolNeAR takes the whole clause (subject, cue and infinitive) as the content; nobody is the source."""
    if verb.lemma_.lower() not in RAISING_PASSIVES or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    inf = next((c for c in verb.children if c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children)), None)
    if subj is None or inf is None or subj.lower_ == "it":
        return None
    start, end = min(t.i for t in subj.subtree), max(t.i for t in inf.subtree)
    return [t for t in verb.doc[start:end + 1] if not t.is_punct or start < t.i < end]


def object_and_infinitive(verb: Token) -> list[Token] | None:
    """'urged conservatives to unite', 'asked the congregation to stand': with object control the one asked
    and what they are asked to do are the content together (Quirk et al. 1985, 16.51 on object + to-infinitive)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    inf = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > obj.i
                and any(a.tag_ == "TO" for a in c.children)), None)
    return list(obj.subtree) + list(inf.subtree) if inf is not None else None


def raising_content(verb: Token) -> list[Token] | None:
    """'They appear to be unanimous', 'It seems that talks failed': seem and appear raise the subject of
    what only seems so (Quirk et al. 1985 on subject raising); the whole clause is the content, nobody says it."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
    if subj is None:
        return None
    if subj.lower_ == "it":
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        return list(clause.subtree) if clause is not None else None
    inf = next((c for c in verb.children if c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children)), None)
    if inf is None:
        return None
    start, end = min(t.i for t in subj.subtree), max(t.i for t in inf.subtree)
    return [t for t in verb.doc[start:end + 1] if not t.is_punct or start < t.i < end]


def after_introducing_clause(tokens: list[Token] | None, verb: Token) -> list[Token] | None:
    """'The authorities have published their count: 16 were killed, they said': before a cue that follows
    its content, a clause of its own ending in a colon only introduces what is said."""
    if not tokens or max(t.i for t in tokens) > verb.i:
        return tokens
    toks = sorted(tokens, key=lambda t: t.i)
    colon = next((t for t in toks if t.text == ":" and not t.is_space), None)
    if colon is None:
        return tokens
    left = [t for t in toks if t.i < colon.i]
    if not any(t.dep_ in SUBJECTS for t in left) or not any(t.pos_ in ("VERB", "AUX") for t in left):
        return tokens
    rest = [t for t in toks if t.i > colon.i]
    return rest if sum(t.is_alpha for t in rest) >= 3 else tokens


def gerund_subject_clause(verb: Token) -> list[Token] | None:
    """'said repealing it could create jobs': the parser may take the gerund subject of the
    reported clause for the verb's xcomp, with the finite verb under the gerund or beside it;
    the gerund and that finite clause together are the content."""
    ger = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1), None)
    if ger is None:
        return None
    finite = next((c for c in [*ger.children, *verb.children] if c.dep_ == "ccomp" and c.i > ger.i and _finite(c)), None)
    if finite is None:
        return None
    return sorted({*ger.subtree, *finite.subtree}, key=lambda t: t.i)


def _finite(v: Token) -> bool:
    return v.tag_ in ("VBD", "VBZ", "VBP") or any(
        a.dep_ in ("aux", "auxpass") and a.tag_ in ("MD", "VBD", "VBZ", "VBP") for a in v.children)


def grammatical_content(verb: Token, entry: CueVerb) -> list[Token] | None:
    """Tokens of the reported content by grammar alone, or None."""
    if entry.needs == "raising":
        return raising_content(verb)
    children = list(verb.children)
    raised = raised_content(verb)
    if raised:
        return raised
    if entry.control:
        for c in children:
            if c.dep_ == "xcomp":
                return list(c.subtree)
    gerund = gerund_subject_clause(verb)
    if gerund is not None:
        return gerund
    for c in children:
        if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "advcl" and any(m.lower_ in ("whether", "if") and m.dep_ == "mark" for m in c.children)):
            if c.dep_ == "parataxis" and c.i < verb.i and not any(t.is_punct and t.text in "“”\"«»" for t in c.subtree):
                continue
            return _without(list(c.subtree), nested_cue_tokens(c))
    directive = object_and_infinitive(verb)
    if directive is not None:
        return directive
    prep = content_prep(verb, entry)
    if prep is not None and prep.dep_ == "mark":
        return [t for t in prep.head.subtree if t.i != prep.i]
    if prep is not None:
        return [t for o in prep.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
    answer = next((c for c in children if c.lower_ in PRO_CLAUSES and c.i == verb.i + 1
                   and c.dep_ in ("intj", "advmod", "dobj")), None)
    if answer is not None and verb.lemma_.lower() in ("say", "answer", "reply", "respond"):
        return [answer]
    if entry.needs == "speech":
        return None  # "he continued": only with an adjacent quotation (see speech_only)
    if entry.needs == "oprd":
        for c in children:
            if c.dep_ == "prep" and c.lower_ == "for":  # "called for a ceasefire"
                return list(c.subtree)
        oprd = [c for c in children if c.dep_ in ("oprd", "ccomp")]
        dobj = [c for c in children if c.dep_ == "dobj"]
        if oprd:
            toks = [t for d in dobj for t in d.subtree] + [t for o in oprd for t in o.subtree]
            return toks
        return None
    if entry.needs == "as":
        for c in children:
            if c.dep_ == "prep" and c.lower_ == "as":
                dobj = [t for d in children if d.dep_ == "dobj" for t in d.subtree]
                return dobj + list(c.subtree)
        for d in children:  # "see the dam as a threat": the parser may hang "as" on the object
            if d.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ == "as" for c in d.children):
                return list(d.subtree)
        return None
    if entry.control and not entry.object:
        return None
    if verb.lemma_ == "accuse":
        for c in children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return [t for d in children if d.dep_ == "dobj" for t in d.subtree] + list(c.subtree)
    if verb.lemma_.lower() not in OBJECT_NOT_CONTENT or entry.subject == "document":
        # "the poll shows Clinton up by 10 points": a document's object (with its predicate) is what it reports
        for c in children:
            if c.dep_ == "dobj":
                extra = [t for o in children if o.i > c.i and o.dep_ not in ("punct", "cc", "conj", "advcl")
                         for t in o.subtree]
                if verb.lemma_.lower() in JUDGEMENT_VERBS:  # "thanked voters for their support"
                    extra = [t for o in children if o.i > c.i and o.dep_ == "prep" and o.lower_ == "for" for t in o.subtree]
                return list(c.subtree) + (extra if entry.subject == "document" or verb.lemma_.lower() in JUDGEMENT_VERBS else [])
    for c in children:
        # "told a press conference that talks would resume": the parser hangs the that-clause on the object
        if c.dep_ in ("dobj", "dative"):
            for clause in c.children:
                if clause.dep_ in ("relcl", "acl") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                            for m in clause.children):
                    return list(clause.subtree)
    if any(c.dep_ == "agent" for c in children):
        # "the claim was rejected by the IDF": the passive subject is what was rejected
        for c in children:
            if c.dep_ == "nsubjpass":
                return list(c.subtree)
    return None


def channel_tokens(verb: Token, content: tuple[int, int]) -> list[Token]:
    """The cue and its own modifiers ("declared on Twitter", "told a press conference"), not its content."""
    toks = [verb]
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "conj", "advcl", "parataxis", "nsubj", "nsubjpass", "punct", "cc"):
            continue
        toks.extend(t for t in child.subtree if not content[0] <= t.idx < content[1])
    return toks


OPENING_MARKS = frozenset({"“", '"', "‘", "«", "``"})


def next_to_quotation(verb: Token) -> bool:
    """'"...," he continued, citing X' / 'Continued Stone: "..."': a quotation mark closes just before the cue
    (its speaker between) or a colon or opening mark follows it."""
    doc = verb.doc
    before = [t.text for t in doc[max(0, verb.i - 4):verb.i]]
    after = [t.text for t in doc[verb.i + 1:verb.i + 4]]
    return any(t in CLOSING_MARKS for t in before) or any(t == ":" or t in OPENING_MARKS for t in after)


def speech_only_blocked(verb: Token, entry: CueVerb) -> bool:
    """'continue' is a cue only as "..., he continued" — not "continued fighting"."""
    return entry.needs == "speech" and any(c.dep_ in ("dobj", "xcomp", "prep", "advcl") for c in verb.children) \
        and not next_to_quotation(verb)


def quote_tokens_overlap(tokens: list[Token], quotes: list[Quote]) -> list[int]:
    if not tokens:
        return []
    start, end = char_range(tokens)
    return [i for i, q in enumerate(quotes) if q.start < end and start < q.end]


CLARITY_ADJECTIVES = frozenset({"clear", "plain", "known", "evident", "obvious"})


def made_clear(verb: Token) -> tuple[Token, list[Token]] | None:
    """'She made it clear that ...', 'made clear that ...', 'made known': a light-verb cue ending at the
    adjective, and the clause it reports (the parser hangs it on the verb or on the adjective)."""
    if verb.lemma_ != "make" or verb.pos_ != "VERB":
        return None
    adj = next((c for c in verb.children if c.lower_ in CLARITY_ADJECTIVES and 0 < c.i - verb.i <= 2), None)
    if adj is None:
        return None
    clause = next((c for c in [*adj.children, *verb.children] if c.dep_ in ("ccomp", "advcl", "csubj")
                   and c.i > adj.i and c.pos_ in ("VERB", "AUX")), None)
    return (adj, list(clause.subtree)) if clause is not None else None


def quote_after_colon(verb: Token, quotes: list[Quote], used: set[int]) -> int | None:
    """'In a 1963 speech, he declared:' with the quotation opening right after the colon (often as the next
    paragraph, which the parser makes a sentence of its own)."""
    near = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "released the following statement:"
    colon = next((c for n in near for c in n.children if c.text == ":" and c.i > verb.i), None)
    if colon is None:
        return None
    text = doc_text(verb.doc)
    after = colon.idx + 1
    for i, q in enumerate(quotes):
        if q.outer_start >= after:
            return i if i not in used and not text[after:q.outer_start].strip() else None
    return None


def adjacent_quote(verb: Token, sent: SpacySpan, quotes: list[Quote], used: set[int],
                   speaker: tuple[int, int] | None) -> int | None:
    """The quotation the cue's colon opens, else the closest unused one sharing its sentence (before or after the cue)."""
    introduced = quote_after_colon(verb, quotes, used)
    if introduced is not None:
        return introduced
    best: tuple[int, int] | None = None
    for i, q in enumerate(quotes):
        if i in used or not (q.outer_start < sent.end_char and sent.start_char < q.outer_end):
            continue
        if speaker and speaker[0] <= q.start < speaker[1]:
            continue
        dist = min(abs(q.outer_end - verb.idx), abs(q.outer_start - verb.idx))
        if best is None or dist < best[0]:
            best = (dist, i)
    if best is None:
        return quote_before_sentence(verb, sent, quotes, used)
    return best[1]


def quote_before_sentence(verb: Token, sent: SpacySpan, quotes: list[Quote], used: set[int]) -> int | None:
    """'"We will win!" he said.': the parser may end the sentence at the quote's own "!" or "?",
    leaving the cue in a short sentence that starts right after the closing mark."""
    if verb.i - sent.start > 4:
        return None
    text = doc_text(verb.doc)
    for i, q in enumerate(quotes):
        if i not in used and q.closed and q.outer_end <= sent.start_char and not text[q.outer_end:sent.start_char].strip():
            return i
    return None


def parenthetical_content(verb: Token) -> list[Token] | None:
    """'The Democrats, participants said, must change': the cue is a parenthesis in the clause it reports."""
    if verb.dep_ != "parataxis" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    own = {t.i for t in verb.subtree}
    rest = [t for t in verb.head.subtree if t.i not in own]
    return rest if sum(t.is_alpha for t in rest) >= 3 else None
