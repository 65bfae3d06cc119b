"""The ``events`` stage: ACLED event / sub-event types (and PLOVER), actors, place, date, toll, who asserts it.

Per sentence of the shared parse: cue lemmas pick a sub-event type
(``classify``), the dependency tree gives actor1/actor2 (``participants``) and
casualty counts (``tolls``); place and date come from the places and dates
stages' output in the same sentence, and ``asserted_by`` from the claim whose
content span holds the cue. Sentences that repeat an event (same type, place
and date; a mention without a place or date takes the nearest compatible one)
are merged into one event. Works with empty ``places`` / ``dates`` / ``claims``
lists while those stages are absent; it then falls back to the article date.

Date precision ``"article"`` marks a date taken from the article because the
sentence gave none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...model import NARRATOR, ArticleResult, Claim, DateMention, Event, Fatalities, Place, Span
from ..claims.lexicon import cue_nouns
from ..registry import stage
from .classify import TERRITORY, Trigger, classify, find_cues, lemma_text, lemma_words, trafficker_victim
from .codebook_roles import codebook_actors
from .interactions import (Interaction, arguments, codebook_type, demand_arguments, intended, interaction,
                           negated, reported_demand, stated_intent)
from .lexicon import nouns, type_of_sub
from .location import place_for as _place_for
from .participants import Participant, country_name, participants
from .plover_model import plover_model
from .tolls import Count, combine, counts, explicit_total, is_cumulative

__all__ = ["TERRITORY", "events", "sentence_events"]

PLOVER_ONLY = "plover-only"  # a mention with a PLOVER type and no ACLED type
IRREALIS_HEADS = frozenset(
    {"vow", "threaten", "plan", "promise", "pledge", "intend", "seek", "want", "aim", "prepare", "try",
     "attempt", "warn", "urge", "demand", "fear", "avoid", "prevent", "stop", "end", "halt", "hope",
     "let", "silence"}  # "Let the clash of arms be silenced": a wish, not a clash
)
MODALS = frozenset({"will", "would", "could", "might", "may", "should", "must", "ca", "can", "'ll"})
DURATION_WORDS = re.compile(r"\b(\w+) (day|week|month|year)s?\b", re.IGNORECASE)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass
class EventMention:
    trigger: Trigger
    sent: SpacySpan
    sub_event_type: str
    actor1: Participant | None
    actor2: Participant | None
    place: int | None
    date: str | None
    date_precision: str | None
    counts: list[Count] = field(default_factory=list)
    explicit: int | None = None
    cumulative: bool = False
    claim: Claim | None = None
    plover: str | None = None  # PLOVER type of a PLOVER-only interaction


def _irrealis(tok: Token) -> bool:
    """A threatened, planned, negated or hypothetical event is not (yet) an event."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in tok.children):
        return True
    if _denied_noun(tok):
        return True
    head = tok
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        if head.lemma_.lower() in IRREALIS_HEADS and head.i < tok.i:
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children) and head.dep_ != "ROOT":
            return True
    return False


def _denied_noun(tok: Token) -> bool:
    """'No injuries, detentions or arrests were reported', 'no clashes': a cue noun in a list opened by 'no'.

    Read on the words rather than the tree: the parser often hangs such a list apart.
    """
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    for left in reversed(tok.doc[tok.sent.start:tok.i]):
        if left.lower_ == "no":
            return True
        if not (left.pos_ in ("NOUN", "ADJ", "CCONJ") or left.text == ","):
            return False
    return False


def _classify_realis(sent: SpacySpan, cues: dict[str, list[Token]]) -> Trigger | None:
    for _ in range(4):
        trig = classify(sent, cues)
        if trig is None or not _irrealis(trig.token):
            return trig
        cues = {g: [t for t in toks if t is not trig.token] for g, toks in cues.items()}
        cues = {g: toks for g, toks in cues.items() if toks}
    return None


def _date_for(result: ArticleResult, sent: SpacySpan, anchor: int, cumulative: bool) -> tuple[str | None, str | None]:
    article_date = result.article.date
    candidates: list[tuple[int, DateMention]] = [
        (abs(d.span.start - anchor), d)
        for d in result.dates
        if sent.start_char <= d.span.start < sent.end_char and (d.value or d.duration)
    ]
    candidates.sort(key=lambda pair: pair[0])
    if cumulative:
        for _, d in candidates:
            if d.precision in ("duration", "range"):
                start = d.value or _minus_duration(article_date, d.duration)
                if start:
                    return start, "range"
        start = _duration_start(article_date, sent.text)
        if start:
            return start, "range"
    for _, d in candidates:
        if d.value and d.precision not in ("duration",):
            if article_date and d.value[:10] > article_date:
                continue  # news reports past events: a later date is a misreading or a plan
            return d.value, d.precision
    return article_date, ("article" if article_date else None)


def _minus_duration(article_date: str | None, duration: str | None) -> str | None:
    if not article_date or not duration:
        return None
    m = re.fullmatch(r"P(\d+)([DWMY])", duration)
    if not m:
        return None
    days = int(m.group(1)) * {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(2)]
    return (dt.date.fromisoformat(article_date) - dt.timedelta(days=days)).isoformat()


def _duration_start(article_date: str | None, text: str) -> str | None:
    """'in nearly six weeks of fighting' -> article date minus six weeks (dates stage absent)."""
    from .lexicon import quantities

    if not article_date:
        return None
    for m in DURATION_WORDS.finditer(text):
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else quantities()["numbers"].get(word)
        if n:
            days = n * UNIT_DAYS[m.group(2).lower()]
            return (dt.date.fromisoformat(article_date) - dt.timedelta(days=days)).isoformat()
    return None


def _claim_for(claims: list[Claim], char: int) -> Claim | None:
    inside = [c for c in claims if c.content.start <= char < c.content.end]
    return min(inside, key=lambda c: c.content.end - c.content.start) if inside else None


def _country_of(result: ArticleResult, place: int | None) -> str | None:
    if place is not None:
        return country_name(result.places[place].country_code)
    codes = [p.country_code for p in result.places if p.country_code and p.role == "place"]
    return country_name(codes[0]) if codes else None


def _has_toll_words(sent: SpacySpan) -> bool:
    lex = nouns()
    words = lex["killed"] | lex["injured"]
    return any(t.lemma_.lower() in words or t.lower_ in ("dead", "fatality", "fatalities") for t in sent)


# Each sentence with the cue groups found in it.
SentenceCues = list[tuple[SpacySpan, dict[str, list[Token]]]]


def sentence_cues(doc: Doc) -> SentenceCues:
    """Each sentence with its cue groups, found once per document (the scan is the stage's main cost)."""
    words = lemma_words(doc)
    return [(sent, find_cues(lemma_text(sent, words))) for sent in doc.sents]


def sentence_events(doc: Doc, result: ArticleResult,
                    cues_by_sentence: SentenceCues | None = None) -> list[EventMention]:
    """One mention per sentence that reports a conflict event (before merging)."""
    found: list[EventMention] = []
    for sent, all_cues in cues_by_sentence if cues_by_sentence is not None else sentence_cues(doc):
        segments = _segments(sent, result.claims) if all_cues else [None]
        for segment in segments[:-1]:  # clauses inside claims other than the sentence's last
            seg_cues = _restrict(all_cues, segment)
            seg_trig = _classify_realis(sent, seg_cues) if seg_cues else None
            if seg_trig is not None:
                found.append(_mention(seg_trig, sent, result, [], None))
        last = segments[-1]
        cues = _restrict(all_cues, last) if last is not None else all_cues
        trig = _classify_realis(sent, cues) if cues else None
        sent_text = sent.text  # Span.text joins the tokens anew on every access
        toll_words = _has_toll_words(sent) or "fatalit" in sent_text.lower()
        sent_counts = counts(sent) if toll_words else []
        explicit = explicit_total(sent_text) if toll_words or "fatalit" in sent_text.lower() else None
        if trig is None:
            protest = _open_protest(found)
            if protest is not None and _escalate(protest, all_cues):
                continue  # "Police dispersed them with tear gas."
            # a casualty count belongs to the event told before; a mere "death" word does not block
            plover_event = _interaction_mention(sent, result) if not (sent_counts or explicit is not None) else None
            if plover_event is not None:
                found.append(plover_event)
                continue
            if sent_counts and any(c.killed for c in sent_counts) and is_cumulative(sent_text):
                # "2,317 servicemen had died in the war": a running total with no event verb
                war = Trigger("Armed clash", sent.root, "toll", frozenset())
                found.append(_mention(war, sent, result, sent_counts, explicit))
                continue
            if found and (sent_counts or explicit is not None) and not is_cumulative(sent_text):
                last = found[-1]  # "2 fatalities." / "six soldiers were wounded": the previous event's toll
                if not last.counts:
                    last.counts = sent_counts
                if explicit is not None and last.explicit is None:
                    last.explicit = explicit
            continue
        protest = _open_protest(found) if trig.group not in ("protest", "riot") else None
        if protest is not None and _escalate(protest, all_cues):
            continue  # "Police dispersed the group and arrested five": how the protest was met
        reporting = _reporting_interaction(sent, result, trig)
        if reporting is not None:
            found.append(reporting)
        if found and _casualty_follow_up(trig, sent, result, found[-1]):
            found[-1].counts = sent_counts  # "Two soldiers were killed." after the attack it belongs to
            if explicit is not None and found[-1].explicit is None:
                found[-1].explicit = explicit
            continue
        found.append(_mention(trig, sent, result, sent_counts, explicit))
    return found


CASUALTY_VERBS = frozenset({"kill", "die", "wound", "injure", "shoot", "hurt"})


def _casualty_follow_up(trig: Trigger, sent: SpacySpan, result: ArticleResult, previous: EventMention) -> bool:
    """A sentence that only reports the toll of the event just told, with no place of its own."""
    if trig.group != "violence" or trig.token.lemma_.lower() not in CASUALTY_VERBS:
        return False
    if previous.counts or previous.cumulative or previous.sub_event_type == PLOVER_ONLY or is_cumulative(sent.text):
        return False
    if _place_for(result, sent, trig.token.idx) is not None:
        return False
    return trig.token.dep_ in ("ROOT", "conj") and trig.token.sent == sent and not any(
        c.dep_ == "nsubj" for c in trig.token.children)  # passive or intransitive: "were killed", "died"


def _interaction_mention(sent: SpacySpan, result: ArticleResult,
                         found: Interaction | None = None) -> EventMention | None:
    """A PLOVER-only interaction (accuse, reject, agree...) with a source or a target.

    The cue lexicon (``interactions``) finds the interaction verb; the trained classifier,
    reading the whole sentence, gives its PLOVER type ("did not agree", "called for talks").
    """
    found = found or interaction(sent)
    if found is None:
        return None
    intent = stated_intent(found.verb)  # "will release the prisoners": a stated intention is an event
    demand = reported_demand(found.verb)  # "said Qatar must mediate": the speaker's demand
    if not intent and not demand and _hypothetical(found.verb):
        return None
    source, target = demand_arguments(found.verb) if demand else arguments(found.verb)
    if source is None and target is None:
        return None  # no participants: a bare verb, not an interaction
    actor1 = _participant_of(source) if source is not None else None
    actor2 = _claim_target(target, result) if target is not None else None
    model = plover_model()
    plover = (None if negated(found.verb) else codebook_type(found.verb)) or (
        model.predict(sent, found) if model is not None else found.plover)
    if demand:
        plover = "REQUEST"
    elif intent:
        plover = intended(plover, found.verb)
    trig = Trigger(PLOVER_ONLY, found.verb, "plover:" + plover, frozenset())
    anchor = found.verb.idx
    place = _place_for(result, sent, anchor)
    date, precision = _date_for(result, sent, anchor, False)
    mention = EventMention(trig, sent, PLOVER_ONLY, actor1, actor2, place, date, precision,
                           claim=_claim_for(result.claims, anchor))
    mention.plover = plover
    return mention


def _reporting_interaction(sent: SpacySpan, result: ArticleResult, trig: Trigger) -> EventMention | None:
    """The interaction a conflict event is reported under, as an event of its own.

    "Ukraine accuses Russia of sending tanks", "Armenian officials denied the claim that
    Shusha had been seized": the attack or capture is one event (claimed), the accusation or
    denial another, between the speaker and whom it answers. Only a verb that governs the
    event's trigger counts; a second, unrelated verb of the sentence does not.
    """
    found = interaction(sent)
    if found is None or found.verb is trig.token or not found.verb.is_ancestor(trig.token):
        return None  # checked before the mention is built: most event sentences stop here
    mention = _interaction_mention(sent, result, found)
    if mention is None:
        return None
    acled = type_of_sub().get(trig.sub_event_type)  # None for a territory change not yet settled
    same_type = mention.plover == (acled.plover if acled else "ASSAULT")
    return None if same_type else mention  # "forces attacked and killed": one event, not two


def _hypothetical(verb: Token) -> bool:
    """Modal interactions ('would agree', 'may sanction') are not events (yet)."""
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _claim_target(phrase: SpacySpan, result: ArticleResult) -> Participant | None:
    """The target of "denied this claim" is whoever made the claim, never the words "this claim"."""
    if phrase.root.lemma_.lower() not in cue_nouns():
        return _participant_of(phrase)
    by_id = {c.id: c for c in result.claims}
    for claim in result.claims:
        if claim.content.start < phrase.end_char and phrase.start_char < claim.content.end:
            made = by_id.get(claim.refers_to) if claim.refers_to else None
            made = made or (claim if claim.actor else None)
            if made is not None and made.actor:
                where = made.speaker or made.content  # the span that names the claimant, not "this claim"
                return Participant(made.actor, made.side, "claimant", where.start, where.end)
    return None


def _participant_of(phrase: SpacySpan) -> Participant:
    from ...actors import resolve_actor

    actor = resolve_actor(phrase.text)
    if actor is not None and actor.kind != "population":
        return Participant(actor.canonical, actor.side, actor.kind, phrase.start_char, phrase.end_char)
    side = actor.side if actor is not None else None
    return Participant(phrase.text.strip(), side, actor.kind if actor else "unknown", phrase.start_char, phrase.end_char)


def _open_protest(found: list[EventMention]) -> EventMention | None:
    """The protest the sentences since it still tell about: the last ACLED-typed mention, if a protest.

    A demand or a complaint told in between ("The group demands job security.") is a PLOVER-only
    interaction of the protesters and does not close the protest.
    """
    last = next((m for m in reversed(found) if m.sub_event_type != PLOVER_ONLY), None)
    return last if last is not None and _family(last.sub_event_type) == "protest" else None


def _escalate(protest: EventMention, cues: dict[str, list[Token]]) -> bool:
    """A later sentence telling how a protest was met or turned violent settles its sub-type.

    Arrests told right after a protest, with no new protest or violence, are of its
    participants (ACLED Codebook: Protest with intervention): "Several arrests were made."
    """
    for group, sub in (("protest_force", "Excessive force against protesters"),
                       ("riot_violent", "Violent demonstration"),
                       ("protest_intervention", "Protest with intervention"),
                       ("arrest", "Protest with intervention")):
        if group == "arrest" and cues.keys() & {"violence", "clash", "protest", "riot"}:
            continue
        if group in cues and PROTEST_FAMILY.index(sub) > PROTEST_FAMILY.index(protest.sub_event_type):
            protest.sub_event_type = sub
            return True
    return False


def _segments(sent: SpacySpan, claims: list[Claim]) -> list[tuple[int, int] | None]:
    """Token ranges of the sentence split at claim content boundaries (two claims, two events)."""
    inside = sorted(
        (c.content.start, c.content.end) for c in claims
        if c.content.start < sent.end_char and c.content.end > sent.start_char
    )
    # Nested claims ("deny the claim that X"): the innermost content holds the event.
    inside = [s for s in inside if not any(o != s and s[0] <= o[0] and o[1] <= s[1] for o in inside)]
    if len(inside) < 2:
        return [None]
    return [(max(a, sent.start_char), min(b, sent.end_char)) for a, b in inside]


def _restrict(cues: dict[str, list[Token]], segment: tuple[int, int] | None) -> dict[str, list[Token]]:
    if segment is None:
        return cues
    kept = {g: [t for t in toks if segment[0] <= t.idx < segment[1]] for g, toks in cues.items()}
    return {g: toks for g, toks in kept.items() if toks}


def _mention(trig: Trigger, sent: SpacySpan, result: ArticleResult, sent_counts: list[Count],
             explicit: int | None) -> EventMention:
    anchor = trig.token.idx
    cumulative = is_cumulative(sent.text) and any(c.killed for c in sent_counts)
    place = _place_for(result, sent, anchor)
    date, precision = _date_for(result, sent, anchor, cumulative)
    claim = _claim_for(result.claims, anchor)
    speaker_side = claim.side if claim else None
    actor1, actor2 = participants(trig.token, sent, _country_of(result, place), speaker_side)
    return EventMention(trig, sent, trig.sub_event_type, actor1, actor2, place, date, precision,
                        sent_counts, explicit, cumulative, claim)


# A protest told over several sentences is one event; its sub-type is the strongest told.
PROTEST_FAMILY = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                  "Violent demonstration")


def _family(sub: str) -> str:
    return "protest" if sub in PROTEST_FAMILY else sub


def _compatible(a: EventMention, b: EventMention, result: ArticleResult) -> bool:
    if PLOVER_ONLY in (a.sub_event_type, b.sub_event_type):
        return False  # interactions are told once; two accusations are two events
    if _family(a.sub_event_type) != _family(b.sub_event_type) or a.cumulative != b.cumulative:
        return False
    if a.place is not None and b.place is not None:
        pa, pb = result.places[a.place], result.places[b.place]
        if pa.name != pb.name and not (_within(pa, pb) or _within(pb, pa)):
            return False
    if a.date_precision != "article" and b.date_precision != "article" and a.date != b.date:
        return False
    if a.cumulative and _exact_killed(a) and _exact_killed(b) and _exact_killed(a) != _exact_killed(b):
        return False  # two sides' (or two dates') running totals are separate figures
    return True


def _exact_killed(m: EventMention) -> int | None:
    killed = [c for c in m.counts if c.killed]
    return killed[0].low if killed and killed[0].exact else None


def _within(region: Place, town: Place) -> bool:
    """A region or country named for an event told elsewhere at a town in that country."""
    return (region.kind in ("region", "country", "area") and town.kind == "town"
            and region.country_code is not None and region.country_code == town.country_code)


def _settle_territory(actor1: Participant | None, actor2: Participant | None, country: str | None) -> str:
    """ACLED: a state force retaking its own ground regains territory; anyone else overtakes it.

    A foreign state's forces taking territory count as "Non-state actor overtakes
    territory" (ACLED codebook), so the place's country decides for state forces.
    """
    if actor1 is not None:
        if not actor1.is_state:
            return "Non-state actor overtakes territory"
        if country is not None and actor1.side is not None and actor1.side != country:
            return "Non-state actor overtakes territory"
        return "Government regains territory"
    if actor2 is not None and actor2.is_state:
        return "Non-state actor overtakes territory"
    return "Government regains territory"


def _toll(group: list[EventMention]) -> Fatalities | None:
    cumulative = group[0].cumulative
    explicit = [m.explicit for m in group if m.explicit is not None]
    tolls = [f for f in (combine(m.counts, cumulative=cumulative) for m in group) if f is not None]
    best = max(tolls, key=lambda f: (f.min or 0, f.injured_min or 0)) if tolls else None
    if explicit:
        total = max(explicit)
        return Fatalities(min=total, max=total, exact=True, cumulative=cumulative,
                          injured_min=best.injured_min if best else None,
                          injured_max=best.injured_max if best else None)
    return best


def _span(result: ArticleResult, sent: SpacySpan) -> Span:
    return Span.of(result.article.text, sent.start_char, sent.end_char)


def _opponent(doc: Doc, result: ArticleResult, actor1: Participant) -> Participant | None:
    """For a battle with one known side, the other armed side named in the article."""
    from .participants import _noun_chunks, _resolve

    for chunk in _noun_chunks(doc, 0, len(doc)):  # the bounds cached by participants(): the same chunks, in order
        p = _resolve(chunk.root, None, None)
        if p is not None and p.kind in ("military", "armed_group") and p.side and p.side != actor1.side:
            return p
    return None


def _acled_plover(default: str | None, mention: EventMention) -> str | None:
    """The PLOVER type of an ACLED-typed event: its sub-type's, unless the CAMEO->PLOVER table
    types the cue outright ('declared a ceasefire' YIELD, 'signed a pact' SUPPORT) or troops are
    sent to keep the peace (CAMEO 074, AID rather than a show of force)."""
    tok = mention.trigger.token
    if tok.dep_ in ("compound", "amod"):
        tok = tok.head  # "peace" in "a peace agreement"
    verb = tok.head if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubjpass", "pobj") else tok
    if verb.dep_ == "prep":
        verb = verb.head
    typed = codebook_type(verb)
    if typed is not None:
        return typed
    if default == "MOBILIZE" and any(t.lemma_.lower().startswith("peacekeep") for t in mention.sent):
        return "AID"
    return default


ONE_WAY_FIRE = frozenset({"Shelling/artillery/missile attack", "Grenade"})


def _fire_returned(cues_by_sentence: SentenceCues) -> bool:
    """Whether any sentence tells of fire both ways ('fired back', 'in both directions of the frontline')."""
    return any("two_sided" in cues for _, cues in cues_by_sentence)


def _plover_event(result: ArticleResult, n: int, m: EventMention) -> Event:
    return Event(
        id=f"{result.article.id}-e{n + 1}",
        span=_span(result, m.sent),
        event_type=None,
        sub_event_type=None,
        plover=m.plover,
        actor1=m.actor1.name if m.actor1 else None,
        actor2=m.actor2.name if m.actor2 else None,
        side1=m.actor1.side if m.actor1 else None,
        side2=m.actor2.side if m.actor2 else None,
        place=m.place,
        date=m.date,
        date_precision=m.date_precision,
        asserted_by=m.claim.id if m.claim else NARRATOR,
        actor1_span=_actor_span(result, m.actor1),
        actor2_span=_actor_span(result, m.actor2),
        mentions=(_span(result, m.sent),),
    )


def _actor_span(result: ArticleResult, actor: Participant | None) -> Span | None:
    """Where the text names the actor; none for a generic actor the codebook supplies."""
    if actor is None or actor.end <= actor.start:
        return None
    return Span.of(result.article.text, actor.start, actor.end)


@stage("events", version="1")
def events(doc: Doc, result: ArticleResult) -> None:
    """ACLED / PLOVER events with actors, place, date, fatalities and who asserts them."""
    groups: list[list[EventMention]] = []
    cues_by_sentence = sentence_cues(doc)
    for mention in sentence_events(doc, result, cues_by_sentence):
        for group in groups:
            if _compatible(group[0], mention, result):
                group.append(mention)
                break
        else:
            groups.append([mention])
    types = type_of_sub()
    for n, group in enumerate(groups):
        first = group[0]
        actor1 = next((m.actor1 for m in group if m.actor1), None)
        actor2 = next((m.actor2 for m in group if m.actor2 and (actor1 is None or m.actor2.name != actor1.name)), None)
        sub = first.sub_event_type
        if sub in PROTEST_FAMILY:
            sub = max((m.sub_event_type for m in group), key=PROTEST_FAMILY.index)
        if sub == TERRITORY:
            where = next((m.place for m in group if m.place is not None), None)
            sub = _settle_territory(actor1, actor2, _country_of(result, where) if where is not None else None)
        if sub == PLOVER_ONLY:
            result.events.append(_plover_event(result, n, first))
            continue
        if sub in ONE_WAY_FIRE and _fire_returned(cues_by_sentence):
            sub = "Armed clash"  # "... shelled their positions. The forces fired back.": an exchange
        if sub == "Attack" and trafficker_victim(result.article.text):
            sub = "Armed clash"  # the victim belonged to a drug-trafficking group: armed on both sides
        acled = types[sub]
        if actor1 is not None and actor2 is None and acled.event_type == "Battles" and actor1.side:
            actor2 = _opponent(doc, result, actor1)
        place = next((m.place for m in group if m.place is not None), None)
        actor1, actor2 = codebook_actors(acled.event_type, sub, actor1, actor2, _country_of(result, place))
        dated = next((m for m in group if m.date_precision != "article"), first)
        asserting = [m.claim for m in group if m.claim is None or m.claim.stance != "denies"]
        asserting.sort(key=lambda c: c is not None and c.actor is None)  # a named speaker first
        asserted_by = NARRATOR if any(c is None for c in asserting) else (
            asserting[0].id if asserting else group[0].claim.id if group[0].claim else NARRATOR)
        asserted_ids = {c.id for c in asserting if c is not None}
        denied = [m.claim.id for m in group if m.claim is not None and m.claim.stance == "denies"]
        denied += [c.id for c in result.claims if c.stance == "denies" and c.refers_to in asserted_ids]
        result.events.append(
            Event(
                id=f"{result.article.id}-e{n + 1}",
                span=_span(result, first.sent),
                event_type=acled.event_type,
                sub_event_type=sub,
                plover=_acled_plover(acled.plover, first),
                actor1=actor1.name if actor1 else None,
                actor2=actor2.name if actor2 else None,
                side1=actor1.side if actor1 else None,
                side2=actor2.side if actor2 else None,
                place=place,
                date=dated.date,
                date_precision=dated.date_precision,
                fatalities=_toll(group),
                asserted_by=asserted_by,
                cumulative=first.cumulative,
                actor1_span=_actor_span(result, actor1),
                actor2_span=_actor_span(result, actor2),
                mentions=tuple(_span(result, m.sent) for m in group),
                denied_by=tuple(dict.fromkeys(denied)),
            )
        )
