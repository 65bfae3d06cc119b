"""Which ACLED sub-event type (if any) a sentence reports, from cue lemmas and the parse.

A sentence is turned into its lemmas joined by spaces ("gunman shoot dead two
soldier"); the cue groups of ``data/events/triggers.json`` are matched on that
string, and a decision list picks one sub-event type. The order encodes ACLED's
own precedence (a suicide bombing is not coded as an IED; a protest met with
live fire is "Excessive force", not "Peaceful protest"). Territory changes are
returned as ``TERRITORY`` and settled once the actors are known (a state force
regains, a non-state actor overtakes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import cue_gates, cue_patterns, lowercase_text_ok, nouns
from .prefilter import word_start_strings

TERRITORY = "territory"  # placeholder until actors are known
# Weapon groups are checked in this order: the most specific means wins.
MEANS_ORDER = (
    ("suicide", "Suicide bomb"),
    ("chemical", "Chemical weapon"),
    ("air", "Air/drone strike"),
    ("grenade", "Grenade"),
    ("ied", "Remote explosive/landmine/IED"),
    ("shelling", "Shelling/artillery/missile attack"),
)
# First words of clash cues that name a means of fire rather than a fight between two sides.
ONE_SIDED_MEANS = frozenset({"sniper", "ambush", "small", "machine", "gunfire", "heavy", "burst", "shot/burst"})
# Groups that make a sentence about armed conflict, overriding the non-event guards.
CONFLICT_GROUPS = frozenset(
    {"suicide", "chemical", "air", "shelling", "ied", "explosion", "grenade", "clash", "territory", "sexual",
     "abduct", "small_arms"}
)
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "area", "position", "base", "hill", "district", "region", "checkpoint",
     "site", "territory", "locality", "outpost", "airport", "settlement", "height", "road", "highway",
     "bridge", "camp", "headquarters", "hq", "province", "county", "neighbourhood", "neighborhood",
     "capital", "stronghold", "port", "island", "valley", "sector", "front", "border", "crossing"}
)
DEMAND_WORDS = frozenset({"demand", "reject", "oppose", "denounce", "protest", "response", "reaction", "agitate"})
QUANTITY_HEADS = frozenset({"hundred", "thousand", "dozen", "score", "ten", "number", "lot"})
UNITS = frozenset({"ton", "tonne", "kilogram", "kg", "kilo", "gram", "pound", "pack", "packet", "box", "bag",
                   "crate", "sack", "litre", "liter", "gallon", "barrel", "truckload", "quantity", "amount"})
UNKNOWN_AGENT = frozenset({"unknown", "unidentified", "masked", "suspected"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# "The victim had charges against him for drug trafficking", "had been convicted of drug trafficking":
# ACLED counts members of drug-trafficking groups as an armed group, so violence against one is a clash.
TRAFFICKER_VICTIM = re.compile(
    r"\bvictims?\b[^.;]{0,80}\b(?:charge[sd]?|convicted|arrested|accused|suspected|member|involved|linked)\b"
    r"[^.;]{0,60}\bdrug[- ]traffick", re.IGNORECASE)


@dataclass(frozen=True)
class LemmaText:
    """A sentence as lemma text, with the character start of each token in it."""

    text: str
    starts: tuple[int, ...]
    sent: SpacySpan

    def token_at(self, char: int) -> Token:
        return self.sent[bisect_right(self.starts, char) - 1]


# Forms the small model lemmatises wrongly ("staged" -> "stag"); cue patterns are written for the verb.
LEMMA_FIXES = {"staged": "stage", "staging": "stage"}


def _lemma(tok: Token) -> str:
    return LEMMA_FIXES.get(tok.lower_) or (tok.lemma_ or tok.text).lower()


def lemma_words(doc: Doc) -> list[str]:
    """``_lemma`` of every token, read from one attribute array (no Token objects): lemma text
    is built for every sentence of every article."""
    strings = doc.vocab.strings
    seen: dict[tuple[int, int], str] = {}
    words = []
    for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
        word = seen.get((lower, lemma))
        if word is None:
            if not strings[lemma]:
                words.append(_lemma(doc[i]))
                continue
            word = seen[(lower, lemma)] = LEMMA_FIXES.get(strings[lower]) or strings[lemma].lower()
        words.append(word)
    return words


def lemma_text(sent: SpacySpan, words: list[str] | None = None) -> LemmaText:
    """``words``: ``lemma_words`` of the sentence's doc, when already computed."""
    parts = words[sent.start:sent.end] if words is not None else [_lemma(tok) for tok in sent]
    starts = []
    pos = 0
    for part in parts:
        starts.append(pos)
        pos += len(part) + 1
    return LemmaText(" ".join(parts), tuple(starts), sent)


def find_cues(lt: LemmaText) -> dict[str, list[Token]]:
    """Cue group -> first token of each match, in sentence order."""
    found: dict[str, list[Token]] = {}
    text = lt.text
    lower = lowercase_text_ok(text)
    gates = cue_gates() if lower else {}
    starts = word_start_strings(text) if lower else set()
    for group, pattern in cue_patterns(lower).items():
        gate = gates.get(group)
        if gate is not None and gate.isdisjoint(starts):
            continue  # no word here starts as every match must: the regex cannot match
        hits = [lt.token_at(m.start()) for m in pattern.finditer(text)]
        if hits:
            found[group] = hits
    return found


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str  # an ACLED sub-event type, or TERRITORY
    token: Token  # the cue word the decision rests on
    group: str
    cues: frozenset[str]


def _victims(trigger: Token) -> list[Token]:
    """Head nouns of what the violence was done to: object, passive subject, 'on X'."""
    found: list[Token] = []
    heads = [trigger]
    if trigger.dep_ in ("amod", "compound") and trigger.head.pos_ in ("NOUN", "PROPN"):
        heads.append(trigger.head)  # "attack" in "attack helicopter" stays, "shot dead" -> head
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr"):
                found.append(child)
                found.extend(c for c in child.children if c.dep_ in ("compound", "pobj"))
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "of"):
                found.extend(g for g in child.children if g.dep_ == "pobj")
    if trigger.dep_ == "acl" or (trigger.dep_ == "amod" and trigger.head.pos_ in ("NOUN", "PROPN")):
        found.append(trigger.head)  # "two soldiers killed", "the killed man"
    return found


OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.IGNORECASE)


def _of_armed_group(tok: Token) -> bool:
    """'a QSD member', 'a member of the regime's 4th Division', 'gang members': one of an armed group's own."""
    from ...actors import resolve_actor

    armed = nouns()["armed"] | nouns()["combatant"]
    named = [c for c in tok.children if c.dep_ == "compound"]
    named += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for part in named:
        if part.lemma_.lower() in armed or any(t.lemma_.lower() in armed for t in part.children if t.dep_ == "compound"):
            return True
        actor = resolve_actor(part.text) if part.ent_type_ in ("ORG", "NORP") else None
        if actor is not None and actor.kind in ("military", "armed_group", "police"):
            return True
    return False


def _victim_kind(tok: Token, sent: SpacySpan) -> str | None:
    """'armed', 'civilian' or None (not a person or place that tells)."""
    lexicon = nouns()
    lemma = tok.lemma_.lower()
    modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    if lemma in lexicon["armed"]:
        if modifiers & lexicon["civilian_modifier"] or OFF_DUTY.search(sent.text):
            return "civilian"  # "a civilian vehicle", "a cattle camp", "an off-duty officer"
        return "armed"
    if lemma == "member" and _of_armed_group(tok):
        return "armed"
    if lemma in lexicon["civilian"]:
        return "civilian"
    return None


def _victim_side(trigger: Token, sent: SpacySpan) -> str | None:
    """Whom the violence at ``trigger`` hit: 'armed' personnel, 'civilian's, or None if untold."""
    for tok in _victims(trigger):
        kind = _victim_kind(tok, sent)
        if kind is not None:
            return kind
    # No parsed victim: look at the nouns after the cue, nearest first.
    for tok in sent[trigger.i - sent.start + 1:]:
        kind = _victim_kind(tok, sent) if tok.pos_ in ("NOUN", "PROPN") else None
        if kind is not None:
            return kind
    return None


def _targets_armed(trigger: Token, sent: SpacySpan) -> bool:
    """Whether the violence at ``trigger`` hit armed personnel (a battle) rather than civilians."""
    return _victim_side(trigger, sent) == "armed"


def _hits_people(triggers: list[Token]) -> bool:
    """Whether any of these violence cues was done to a person ('beat a man'), not only to property."""
    people = nouns()["people"] | nouns()["armed"] - {"base", "camp", "checkpoint", "position", "post", "vehicle"}
    return any(v.lemma_.lower() in people for t in triggers for v in _victims(t))


def trafficker_victim(text: str) -> bool:
    """Whether the article says the victim of an attack was tied to drug trafficking (an armed group)."""
    return bool(TRAFFICKER_VICTIM.search(text))


def _has_casualty(sent: SpacySpan) -> bool:
    lex = nouns()
    words = lex["killed"] | lex["injured"]
    return any(tok.lemma_.lower() in words or tok.lower_ == "dead" for tok in sent)


def _parties_are_crowds(trigger: Token) -> bool:
    """'Villagers clashed with herders', 'clashes between rival supporters': unarmed parties."""
    crowd = nouns()["crowd"]
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "dobj", "pobj") else trigger
    parties: list[Token] = []
    for head in {verb, trigger}:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                parties.extend([child, *child.conjuncts])
            elif child.dep_ == "prep" and child.lower_ in ("between", "with", "among"):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    parties.extend([pobj, *pobj.conjuncts])
    return any(p.lemma_.lower() in crowd for p in parties)


def _agents(trigger: Token) -> list[Token]:
    """Who did it: the subject of the (active) verb, or the 'by' phrase of a passive one or of a noun.

    A conjoined verb shares its subject ("pelted stones and clashed"); a relative clause's
    subject is the noun it hangs on ("a group of people that attacked").
    """
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "pobj") else trigger
    heads = [trigger, verb]
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        heads.append(verb)
    found: list[Token] = []
    for head in dict.fromkeys(heads):
        for child in head.children:
            if child.dep_ == "nsubj":
                agent = head.head if head.dep_ == "relcl" and child.tag_ in ("WDT", "WP") else child
                found.extend([agent, *agent.conjuncts])
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    found.extend([pobj, *pobj.conjuncts])
        if found:
            break
    return found


def _is_mob(agent: Token) -> bool:
    """'locals', 'a group of residents', 'community members': a crowd, not a single or armed person."""
    lexicon = nouns()
    lemma = agent.lemma_.lower()
    if agent.like_num or lemma in QUANTITY_HEADS:  # "hundreds of workers": the workers decide
        of = [g for c in agent.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return bool(of) and all(_is_mob(o) for o in of)
    if lemma not in lexicon["mob_agent"] or any(c.lower_ in UNKNOWN_AGENT for c in agent.children):
        return False  # "unknown people" are unidentified assailants, not a crowd
    of = [g for c in agent.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if of:  # "group of gunmen", "members of the CJNG": what the group is of decides
        return all(o.lemma_.lower() in lexicon["mob_agent"] | lexicon["civilian"] for o in of)
    return agent.tag_ in ("NNS", "NNPS") or lemma in ("crowd", "mob", "community", "people")


def _mob_attack(trigger: Token, sent: SpacySpan, cues: dict[str, list[Token]]) -> bool:
    """Violence done by an unorganised crowd with no arms: ACLED's mob violence.

    Stone-throwing or vandalising verbs (``riot_violent``) of the sentence count as
    the deed too: "villagers pelted stones at police ... three were injured".
    """
    armed = nouns()["armed_means"]
    if any(tok.lemma_.lower() in armed or tok.lower_ in armed for tok in sent):
        return False
    for deed in (trigger, *cues.get("riot_violent", ())):
        agents = _agents(deed)
        if agents:
            return all(_is_mob(a) for a in agents)
    return False


def _has_combatants(sent: SpacySpan) -> bool:
    """Whether anyone in the sentence bears arms in an organised force (else a clash is mob violence)."""
    from ...actors import resolve_actor

    combatants = nouns()["combatant"]
    if any(tok.lemma_.lower() in combatants for tok in sent):
        return True
    for ent in sent.ents:
        if ent.label_ in ("ORG", "NORP", "GPE"):
            actor = resolve_actor(ent.text)
            if actor is not None and actor.kind in ("military", "armed_group"):
                return True
    return False


def _has_place_object(trigger: Token, sent: SpacySpan) -> bool:
    """'captured Shusha', 'took control of the town': a territory verb needs a place to take."""
    window = sent[trigger.i - sent.start:trigger.i - sent.start + 10]
    for tok in window:
        if tok.ent_type_ in PLACE_ENTS or tok.lemma_.lower() in PLACE_NOUNS:
            return True
    if trigger.pos_ == "VERB":
        for child in trigger.children:
            if child.dep_ == "nsubjpass" and (child.ent_type_ in PLACE_ENTS or child.lemma_.lower() in PLACE_NOUNS):
                return True  # "Shusha had been seized"
    return False


SEIZE_VERBS = frozenset({"seize", "confiscate"})


def _seizes_goods(trigger: Token, sent: SpacySpan) -> bool:
    """'seized 250,000 packs of cigarettes': goods taken, not ground (ACLED Codebook: Looting/property
    destruction covers seizing goods or property). The object is neither a place nor a person."""
    if trigger.lemma_.lower() not in SEIZE_VERBS:
        return False
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    objects += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("about", "around", "over")
                for g in c.children if g.dep_ == "pobj"]  # "seized about 8 tons of ...", parsed as a preposition
    objects += [g for o in objects if o.like_num or o.lemma_.lower() in QUANTITY_HEADS | UNITS
                for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    if not objects:
        return False
    head = objects[-1]
    if head.ent_type_ in PLACE_ENTS or head.lemma_.lower() in PLACE_NOUNS | {"control", "power", "land"}:
        return False
    return _victim_kind(head, sent) is None and head.ent_type_ not in ("PERSON", "NORP")


# Phrases that give a protest's cause or background, not what happened at it:
# "against the detention of activists accused of vandalising a bank", "compensation for damage".
CAUSE_PREPS = frozenset({"against", "over", "for", "about", "after", "following", "since", "because"})
PROTEST_MANNER_GROUPS = ("protest_force", "riot_violent", "protest_intervention", "riot")


def _in_cause(tok: Token) -> bool:
    """Whether ``tok`` sits inside a phrase that gives a reason ('against X', 'after Y happened')."""
    for node in (tok, *tok.ancestors):
        if node.dep_ == "pobj" and node.head.lower_ in CAUSE_PREPS:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CAUSE_PREPS for c in node.children):
            return True
    return False


def _protest_manner(cues: dict[str, list[Token]]) -> dict[str, list[Token]]:
    """The cues with the force/violence/intervention ones that only describe a protest's cause removed."""
    kept = {g: ([t for t in toks if not _in_cause(t)] if g in PROTEST_MANNER_GROUPS else toks)
            for g, toks in cues.items()}
    return {g: toks for g, toks in kept.items() if toks}


def classify(sent: SpacySpan, cues: dict[str, list[Token]] | None = None) -> Trigger | None:
    """The sub-event type this sentence reports, or None for no conflict event."""
    if cues is None:
        cues = find_cues(lemma_text(sent))
    if not cues:
        return None
    present = frozenset(cues)

    def hit(group: str, sub: str) -> Trigger:
        return Trigger(sub, cues[group][0], group, present)

    conflict = bool(present & CONFLICT_GROUPS)
    # Non-event guards: disasters, ordinary crime and diplomacy with no conflict vocabulary.
    if "disaster" in present and not conflict and "protest" not in present:
        return None  # a protest over a flood or a crash is still a protest
    if "sexual" in present:
        return hit("sexual", "Sexual violence")
    if "protest" in present and not present & {"air", "shelling"}:
        cues = _protest_manner(cues)
        present = frozenset(cues)
    if ("protest" in present or "riot" in present and "riot_violent" in present) and not present & {"air", "shelling"}:
        key = "protest" if "protest" in present else "riot"
        if "protest_force" in present:
            return hit(key, "Excessive force against protesters")
        if "riot_violent" in present or "riot" in present:  # "rioters demonstrating": ACLED's riot
            return hit(key, "Violent demonstration")
        if "protest_intervention" in present:
            return hit(key, "Protest with intervention")
        return hit(key, "Peaceful protest")
    if "disrupted" in present and not present & {"clash", "violence", "small_arms"}:
        return hit("disrupted", "Disrupted weapons use")  # a bomb defused is not an explosion
    for group, sub in MEANS_ORDER:
        if group in present:
            if group == "shelling" and present & {"small_arms", "two_sided"}:
                # mixed heavy and small arms, or fire both ways: a battle
                return hit("small_arms" if "small_arms" in present else "two_sided", "Armed clash")
            return hit(group, sub)
    if "explosion" in present:  # an explosion with no device named
        if present & {"small_arms", "two_sided"}:
            return hit("small_arms" if "small_arms" in present else "two_sided", "Armed clash")
        return hit("explosion", "Shelling/artillery/missile attack")
    if "riot" in present:
        return hit("riot", "Violent demonstration")
    if "mob" in present:
        return hit("mob", "Mob violence")
    if "riot_violent" in present and not present & {"clash", "violence"} and _mob_attack(
            cues["riot_violent"][0], sent, cues):
        # "workers barricaded roads with burning tyres to demand pay": a riot pressing a demand
        demanding = any(t.lemma_.lower() in DEMAND_WORDS for t in sent)
        return hit("riot_violent", "Violent demonstration" if demanding else "Mob violence")
    if "transfer" in present:
        return hit("transfer", "Non-violent transfer of territory")
    if "territory" in present:
        if any(_seizes_goods(tok, sent) for tok in cues["territory"]) and not present & {"clash", "violence"}:
            return hit("territory", "Looting/property destruction")  # "police seized a ton of marijuana"
        for tok in cues["territory"]:
            if _has_place_object(tok, sent):
                return Trigger(TERRITORY, tok, "territory", present)
        if "clash" not in present and "violence" not in present:  # "captured 2 rebels"
            tok = cues["territory"][0]
            return hit("territory", "Armed clash" if _targets_armed(tok, sent) else "Abduction/forced disappearance")
    if "abduct" in present:
        return hit("abduct", "Abduction/forced disappearance")
    if "clash" in present:
        if _mob_attack(cues["clash"][0], sent, cues):
            return hit("clash", "Mob violence")
        if ("violence" in present and all(t.lemma_.lower() in ONE_SIDED_MEANS for t in cues["clash"])
                and _victim_side(cues["violence"][0], sent) == "civilian"):
            return hit("violence", "Attack")  # "a sniper shot and killed a civilian": no battle
        if _parties_are_crowds(cues["clash"][0]) and "small_arms" not in present and not _has_combatants(sent):  # party supporters, villagers, vendors fighting each other
            return hit("clash", "Mob violence")
        return hit("clash", "Armed clash")
    if "violence" in present:
        if "crime" in present and not conflict and not _targets_armed(cues["violence"][0], sent):
            return None
        trigger = cues["violence"][0]
        if _mob_attack(trigger, sent, cues):
            return hit("violence", "Mob violence")
        if "arrest" in present and not _has_casualty(sent):
            return hit("arrest", "Arrests")  # "arrested 15 in a raid": nobody hurt
        if "looting" in present and not _has_casualty(sent) and not _hits_people(cues["violence"]):
            return hit("looting", "Looting/property destruction")  # "raided houses, taking away food"
        sub = "Armed clash" if _targets_armed(trigger, sent) else "Attack"
        return hit("violence", sub)
    if "disrupted" in present:
        return hit("disrupted", "Disrupted weapons use")
    if "arrest" in present:
        if "crime" in present:
            return None
        return hit("arrest", "Arrests")
    if "looting" in present:
        if "crime" in present and not conflict:
            return None
        return hit("looting", "Looting/property destruction")
    if "hq" in present:
        return hit("hq", "Headquarters or base established")
    if "agreement" in present:
        return hit("agreement", "Agreement")
    if "group_change" in present and "diplomacy" not in present:
        return hit("group_change", "Change to group/activity")
    return None
