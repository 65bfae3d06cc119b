"""Recognition and resolution mechanisms of the places stage, each on texts written for it."""

from __future__ import annotations

import pytest

from counterclaim.extract.places_resolve import Toponym, resolve
from counterclaim.geo import get_gazetteer
from test_places import by_text, run_places


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # a name listed beside a recognised town of the same country
        ("The route from Berlin stops in Hilversum and Almelo.", ["Hilversum", "Almelo"]),
        # a destination after a verb of movement
        ("After the wedding they moved to Thornhill, then to Middlestown.", ["Thornhill", "Middlestown"]),
        # the ruler knew "Jersey"; the name is "New Jersey"
        ("A New Jersey man won the lottery.", ["New Jersey"]),
        # all-capital datelines inside a line
        ("The budget was approved. SAN DIEGO (AP) — The Navy said two sailors were hurt.", ["SAN DIEGO"]),
        ("Officials met on Friday. IMMOKALEE – The county said the grant would pay for sidewalks.", ["IMMOKALEE"]),
        # a dateline after a headline, with its country or after the date's year
        ("Police arrest opposition members. TBILISI, Georgia -- Georgian police said on Friday.", ["TBILISI"]),
        ("By Jane Roe March 30, 2009 NEWARK -- The council met.", ["NEWARK"]),
        # a date after a place's name is no surname
        ("Talks were held in Moscow, Russia Thursday after the strike.", ["Moscow", "Russia"]),
    ],
)
def test_recognition_mechanisms(text, surfaces):
    found = {p.span.text for p in run_places(text)}
    assert set(surfaces) <= found


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        # a listed name of another country is not pulled in ("Israel and Hamas")
        ("Talks between Israel and Hamas collapsed on Sunday.", {"Hamas"}),
        # "to" after a verb that is not one of movement takes a person
        ("The prize was given to Lincoln for his speech.", {"Lincoln"}),
        # a capitalised word before a dash that no gazetteer knows
        ("The vote was close. BREAKING – The council resigned.", {"BREAKING"}),
        # a word of a person named in full elsewhere in the article is that person
        ("Director Sal Trapani flew in on Monday. The idea came to Trapani after a film. Trapani said so.",
         {"Trapani"}),
    ],
)
def test_recognition_guards(text, not_places):
    assert not {p.span.text for p in run_places(text)} & not_places


@pytest.mark.parametrize(
    ("text", "town", "admin1"),
    [
        ("The Athens City Council met on Monday. Henderson County deputies and Navarro County officials attended.",
         "Athens", "US.TX"),
        ("Deputies from Oconee County and Madison County searched the river near Athens on Sunday.",
         "Athens", "US.GA"),
    ],
)
def test_a_local_story_stays_in_the_state_its_names_share(text, town, admin1):
    (p,) = by_text(run_places(text), town)
    gazetteer = get_gazetteer()
    chosen = next(c for c in gazetteer.lookup(town) if c.geonameid == p.geonameid)
    assert chosen.admin1 == admin1


def test_shared_region_vote_without_the_parser():
    # Franklin alone is most likely the Texas one; its neighbours can all be in Tennessee.
    gazetteer = get_gazetteer()
    names = ["Franklin", "Williamson County", "Brentwood", "Spring Hill"]
    toponyms = [Toponym(i * 30, i * 30 + len(n), n, gazetteer.lookup(n)) for i, n in enumerate(names)]
    resolve(toponyms)
    assert {t.chosen.admin1 for t in toponyms} == {"US.TN"}


def test_only_one_washington_is_a_capital():
    capitals = [c for c in get_gazetteer().lookup("Washington") if c.capital]
    assert [(c.kind, c.admin1) for c in capitals] == [("town", "US.DC")]


def test_an_alternate_name_does_not_borrow_the_support_of_its_own_place():
    found = run_places("Police in Paris said the suspect fled toward Swainsboro.")
    (paris,) = by_text(found, "Paris")
    (swainsboro,) = by_text(found, "Swainsboro")
    assert paris.geonameid != swainsboro.geonameid


def test_a_populous_county_is_the_likelier_reading():
    # The county outlines carry no population; the index estimates one from the towns near each.
    counties = [c for c in get_gazetteer().lookup("Lexington County") if c.kind == "region"]
    assert counties[0].admin1 == "US.SC" and counties[0].population > counties[-1].population > 0


def test_a_leading_the_does_not_extend_a_rule_match():
    # The look-up drops a leading "the"; the name stays "Karabakh", head of an institution.
    found = run_places("Nobody knew the toll.\n\nThe Karabakh authorities have published the names.")
    assert [(p.span.text, p.role) for p in found] == [("Karabakh", "actor")]


def test_the_main_town_lies_in_the_articles_country_and_region():
    """Two mentions of a namesake abroad do not make it the article's main town."""
    from counterclaim.extract.places_resolve import dominant_area

    gazetteer = get_gazetteer()

    def chosen(name: str, country: str) -> Toponym:
        t = Toponym(0, len(name), name, gazetteer.lookup(name))
        t.chosen = next(c for c in t.candidates if c.country_code == country)
        return t

    toponyms = [chosen("Louisiana", "US"), chosen("New Orleans", "US"), chosen("Dubreuil", "MU"),
                chosen("Dubreuil", "MU")]
    assert dominant_area(toponyms).name == "New Orleans"


@pytest.mark.parametrize(
    ("text", "surface", "whole"),
    [
        ("Officers met at the Cottonport Fire Station before the raid.", "Cottonport", "Cottonport Fire Station"),
        ("A blast hit a village of the Ochamchire district on Sunday.", "Ochamchire", "Ochamchire district"),
    ],
)
def test_a_town_at_the_head_of_a_facility_the_model_tagged(text, surface, whole):
    from counterclaim.extract.places import _known_part
    from counterclaim.nlp import load_nlp

    doc = load_nlp()(text)
    start = text.index(whole)
    span = doc.char_span(start, start + len(whole))
    part, candidates = _known_part(doc, span, get_gazetteer())
    assert part.text == surface and candidates


def test_a_facility_named_after_a_place_of_its_own_stays_whole():
    from counterclaim.extract.places import _known_part
    from counterclaim.nlp import load_nlp

    text = "The Montgomery County Democrats met at the Manila Cathedral."
    doc = load_nlp()(text)
    for whole in ("Manila Cathedral",):
        start = text.index(whole)
        assert _known_part(doc, doc.char_span(start, start + len(whole)), get_gazetteer()) is None
