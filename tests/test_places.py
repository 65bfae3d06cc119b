"""The places stage: recognition, guards, roles, relative locations and resolution in context."""

from __future__ import annotations

import re

import pytest

from counterclaim.extract.places import places
from counterclaim.geo import haversine_km
from counterclaim.model import Article, ArticleResult, Place
from counterclaim.nlp import load_nlp


def run_places(text: str) -> list[Place]:
    result = ArticleResult(article=Article(id="t", text=text, date=None, date_origin="ingest-time"))
    places(load_nlp()(text), result)
    return result.places


def by_text(found: list[Place], surface: str) -> list[Place]:
    return [p for p in found if p.span.text == surface]


@pytest.fixture(scope="module")
def seed_places(seed_raw: str) -> tuple[str, list[Place]]:
    text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", seed_raw).strip()
    return text, run_places(text)


# --- the seed article ----------------------------------------------------------------


def test_seed_shusha_and_shushi_are_the_same_town(seed_places):
    _, found = seed_places
    towns = by_text(found, "Shusha") + by_text(found, "Shushi")
    assert len(by_text(found, "Shusha")) == 4 and len(by_text(found, "Shushi")) == 3
    assert {p.geonameid for p in towns} == {147105}
    for p in towns:
        assert p.name == "Shusha" and p.kind == "town" and p.country_code == "AZ"
        assert haversine_km(p.lat, p.lon, 39.76, 46.75) < 3
        assert "Shushi" in p.aliases or p.span.text == "Shushi"


def test_seed_stepanakert_is_a_town_not_a_person(seed_places):
    _, found = seed_places
    (p,) = by_text(found, "Stepanakert")
    assert p.kind == "town" and p.precision == 1
    assert haversine_km(p.lat, p.lon, 39.82, 46.75) < 3
    assert "Khankendi" in p.aliases


def test_seed_regions_and_countries(seed_places):
    _, found = seed_places
    nk = by_text(found, "Nagorno-Karabakh")
    assert len(nk) == 4 and {(p.kind, p.precision) for p in nk} == {("region", 3)}
    assert {p.kind for p in by_text(found, "Azerbaijan")} == {"country"}
    assert {(p.kind, p.country_code) for p in by_text(found, "Armenia")} == {("country", "AM")}


def test_seed_demonyms_are_not_places(seed_places):
    _, found = seed_places
    surfaces = {p.span.text for p in found}
    assert not surfaces & {"Armenian", "Armenians", "Azeri", "Azerbaijani", "ethno-Armenian"}


def test_seed_armenia_as_actor(seed_places):
    text, found = seed_places
    armenia = by_text(found, "Armenia")
    supported = next(p for p in armenia if text[p.span.start - 3 : p.span.start] == "by ")
    withdraws = next(p for p in armenia if text[p.span.end : p.span.end + 10] == " withdraws")
    assert supported.role == "actor" and withdraws.role == "actor"
    assert by_text(found, "Nagorno-Karabakh")[0].role == "place"


def test_seed_relative_location_of_shushi(seed_places):
    _, found = seed_places
    described = next(p for p in found if p.relative and p.relative.distance_km)
    assert described.span.text == "Shushi" and described.name == "Shusha"
    assert (described.relative.distance_km, described.relative.bearing, described.relative.of) == (15, "S", "Stepanakert")
    assert described.precision == 1  # resolved on its own: the relative phrase is kept, not used to move it


def test_seed_places_in_text_order_with_exact_spans(seed_places):
    text, found = seed_places
    assert [p.span.start for p in found] == sorted(p.span.start for p in found)
    for p in found:
        assert text[p.span.start : p.span.end] == p.span.text


# --- short texts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting continued in Armenia on Monday.", [("Armenia", "Armenia", "country", "place")]),
        ("Armenia denied the report.", [("Armenia", "Armenia", "country", "actor")]),
        ("Moscow said the strike hit Kharkiv.", [("Moscow", "Moscow", "town", "actor"), ("Kharkiv", "Kharkiv", "town", "place")]),
        ("Shelling was reported in Donetsk and Luhansk.", [("Donetsk", "Donetsk", "town", "place"), ("Luhansk", "Luhansk", "town", "place")]),
        ("Clashes erupted in the Donetsk region overnight.", [("Donetsk", None, "region", "place")]),
        ("Rockets were fired from the Gaza Strip into Israel.", [("Gaza Strip", "Gaza Strip", "region", "place"), ("Israel", "Israel", "country", "place")]),
        ("Residents of Gaza City fled south.", [("Gaza City", "Gaza", "town", "place")]),
        ("Protesters gathered in Tbilisi, Georgia.", [("Tbilisi", "Tbilisi", "town", "place"), ("Georgia", "Georgia", "country", "place")]),
        ("The storm hit Atlanta, Georgia, on Friday.", [("Atlanta", "Atlanta", "town", "place"), ("Georgia", "Georgia", "region", "place")]),
        ("Troops withdrew from Artsakh.", [("Artsakh", "Nagorno-Karabakh", "region", "place")]),
    ],
)
def test_short_texts(text, expected):
    found = run_places(text)
    got = [(p.span.text, p.kind, p.role) for p in found]
    assert got == [(s, k, r) for s, _, k, r in expected]
    for p, (_, name, _, _) in zip(found, expected):
        if name is not None:
            assert p.name == name


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Georgia Smith said the vote was fair.", {"Georgia"}),
        ("Azeri and Armenian officials met.", {"Azeri", "Armenian"}),
        ("Michael Jordan visited the base.", {"Jordan"}),
        # a surname the model reads as a town once the person was named in full
        ("Mr. John Fairfield was arrested in Lowell. Prosecutors said Fairfield had rejected a plea agreement.",
         {"Fairfield"}),
        # a full name with a middle initial is a person's, whatever the model's label
        ("Police shot Marcus T. Bell near a bakery in Reno. The officer pushed his gun into Bell during the struggle.",
         {"Bell"}),
    ],
)
def test_guards(text, not_places):
    assert not {p.span.text for p in run_places(text)} & not_places


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("The Washington Post reported the strike.", "Washington"),
        ("Her letter ran in the St. Paul Pioneer Press on Monday.", "St. Paul"),
    ],
)
def test_newspaper_title_names_its_town_but_locates_nothing(text, town):
    (p,) = by_text(run_places(text), town)
    assert p.role == "title"


def test_county_before_its_body_is_the_county():
    found = run_places("He was booked into the Butler County Jail on Friday.")
    assert [p.span.text for p in found] == ["Butler County"]


def test_agency_named_after_a_town_is_no_title():
    found = run_places("The figures came from the Xinhua News Agency in Beijing.")
    assert not by_text(found, "Xinhua") and [p.role for p in by_text(found, "Beijing")] == ["place"]


def test_context_moves_paris_to_texas():
    found = run_places("The tornado damaged homes in Paris, Texas, and in nearby Dallas.")
    paris = by_text(found, "Paris")[0]
    assert paris.country_code == "US" and haversine_km(paris.lat, paris.lon, 33.66, -95.56) < 50


def test_population_wins_without_context():
    paris = by_text(run_places("She moved to Paris last year."), "Paris")[0]
    assert paris.country_code == "FR"


def test_relative_location_without_a_described_place_moves_the_point():
    found = run_places("A village 10 km north of Donetsk was shelled.")
    (p,) = by_text(found, "Donetsk")
    assert (p.relative.distance_km, p.relative.bearing, p.relative.of) == (10, "N", "Donetsk")
    assert p.precision == 2
    assert haversine_km(p.lat, p.lon, 48.0 + 0.09, 37.8) < 15  # ~10 km north of Donetsk (48.0 N, 37.8 E)


@pytest.mark.parametrize(
    ("text", "distance", "bearing"),
    [
        ("Artillery hit positions 9 miles south-east of Kharkiv.", 14.5, "SE"),
        ("Fighting near Bakhmut intensified.", None, None),
        ("Drones struck targets five kilometres west of Kherson.", 5, "W"),
    ],
)
def test_relative_phrases(text, distance, bearing):
    (p,) = run_places(text)
    assert p.relative is not None
    assert p.relative.distance_km == (pytest.approx(distance, abs=0.1) if distance else None)
    assert p.relative.bearing == bearing
    assert p.precision == 2


def test_empty_and_placeless_text():
    assert run_places("") == []
    assert run_places("Nothing happened here today.") == []


def test_ruler_fixes_the_models_person_labels(seed_places):
    text, _ = seed_places
    labels = {(e.text, e.label_) for e in load_nlp()(text).ents}
    assert ("Stepanakert", "GPE") in labels and ("Shusha", "GPE") in labels
    assert not {("Stepanakert", "PERSON"), ("Shusha", "PERSON"), ("Shushi", "PERSON")} & labels


# --- second pass: names inside organisations, mislabelled polities, context ----------


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country"),
    [
        ("Doctors at the Jamaica Cancer Society said screening rates rose.", "Jamaica", "country", "JM"),
        ("Deputies from the Henderson County Sheriff's Office arrested two men.", "Henderson County", "region", "US"),
        ("Officials in Mexico said the border would stay open.", "Mexico", "country", "MX"),
        ("She studied law at the University of Nebraska before moving west.", "Nebraska", "region", "US"),
    ],
)
def test_places_inside_organisation_names_and_countries_not_their_capitals(text, surface, kind, country):
    (p,) = by_text(run_places(text), surface)
    assert (p.kind, p.country_code) == (kind, country)


@pytest.mark.parametrize(
    ("text", "surface", "whole"),
    [
        ("The suspect appeared at the Anderson County Courthouse on Friday.", "Anderson County",
         "Anderson County Courthouse"),
        ("Her nephew, who attended Fort Mill High School, lives in Ohio now.", "Fort Mill", "Fort Mill High School"),
    ],
)
def test_a_facility_named_after_its_town_is_that_town(text, surface, whole):
    found = run_places(text)
    assert len(by_text(found, surface)) == 1 and not by_text(found, whole)


def test_a_facility_with_a_name_of_its_own_stays_whole():
    assert by_text(run_places("The plane landed at Dulles Airport on Monday."), "Dulles Airport")
    assert by_text(run_places("He trained at Camp Pendleton before deploying."), "Camp Pendleton")


def test_an_acronym_the_model_calls_an_organisation_is_not_a_region():
    assert run_places("The BA flight landed late.") == []


def test_a_local_story_keeps_its_small_towns_in_their_country():
    # The Parises of the US are 200 times smaller than Paris, France: the state named in
    # the story must still count for them.
    found = run_places("Paris police said the suspect was arrested in Murray, Kentucky.")
    paris = by_text(found, "Paris")[0]
    assert paris.country_code == "US"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("The ceasefire took effect at midnight Moscow time on Saturday, officials in Baku said.", "Moscow"),
        ("Sirens sounded in Kharkiv at 04:10 Kyiv time.", "Kyiv"),
        ("The decree, signed at 14:00 (Moscow time), ordered troops to Donetsk.", "Moscow"),
    ],
)
def test_a_name_that_sets_a_clock_locates_nothing(text, surface):
    found = run_places(text)
    clock = by_text(found, surface)
    assert [p.role for p in clock] == ["time"]
    assert all(p.role == "place" for p in found if p.span.text != surface)


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Talks in Moscow ended, and at the same time the strike hit Odesa.", "Moscow"),
        ("He has lived in Kyiv for a long time.", "Kyiv"),
    ],
)
def test_the_word_time_elsewhere_leaves_a_place_a_place(text, surface):
    assert [p.role for p in by_text(run_places(text), surface)] == ["place"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A shell hit a house on Azatamartikner Street in the morning.", "Azatamartikner Street"),
        ("The convoy turned onto Hyland-Croy Road near the bridge.", "Hyland-Croy Road"),
        ("Sewage spilled into Flat Creek on Tuesday.", "Flat Creek"),
        ("Two climbers were rescued near Lake Sevan after the storm.", "Lake Sevan"),
        ("The crash closed County Road 43 for an hour.", "County Road 43"),
        ("Police stopped the car on Seventh Street Northwest late on Friday.", "Seventh Street Northwest"),
    ],
)
def test_named_streets_and_waters_are_places(text, surface):
    found = by_text(run_places(text), surface)
    assert len(found) == 1 and found[0].role == "place"


@pytest.mark.parametrize(
    ("text", "surface", "not_place"),
    [
        ("She teaches at Pleasant Lane School in the town.", None, "Pleasant Lane"),
        ("Snow fell on Lebanon Street overnight.", "Lebanon Street", "Lebanon"),
    ],
)
def test_named_feature_boundaries(text, surface, not_place):
    spans = {p.span.text for p in run_places(text)}
    assert not_place not in spans
    if surface is not None:
        assert surface in spans


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Roselle police ticketed hundreds of drivers last month.", "Roselle"),
        ("A Gainesville man was sentenced on Friday.", "Gainesville"),
        ("Avondale Mayor Ed Rieker backed the plan.", "Avondale"),
    ],
)
def test_a_town_before_a_civic_word_is_a_place(text, surface):
    assert len(by_text(run_places(text), surface)) == 1


def test_each_name_listed_before_a_plural_head_is_a_place():
    found = run_places("The jobless rate fell in Barrow, Clarke and Jackson counties, and the fire spread to "
                       "Bourbon and Dauphine streets.")
    for name in ("Barrow", "Clarke", "Jackson", "Bourbon", "Dauphine"):
        assert len(by_text(found, name)) == 1, name
    (jackson,) = by_text(found, "Jackson")
    assert jackson.kind == "region" and jackson.country_code == "US"


def test_a_legislators_home_district_is_a_place():
    found = run_places("The bill was sponsored by Delegate Ricky Moye, D-Raleigh, and Senator Tom Bakk, DFL-Cook.")
    assert by_text(found, "Raleigh") and by_text(found, "Cook")


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        # a civic word after a capitalised word that names no town
        ("Vice Mayor Ray Melton voted against it.", "Vice"),
        ("Thursday police raided the house.", "Thursday"),
        ("The Iowa City council met on Monday.", "Iowa"),
        ("Bill Clinton family members attended.", "Clinton"),
        # a title, an institution, an everyday word the model tagged
        ('"We wrestled hard," said coach Ripley after the match.', "Ripley"),
        ("The White House declined to comment on the strike.", "White House"),
        ("The Centre told the Supreme Court it needed more time.", "Centre"),
        ("Diplomats were expelled by both the West and Russia.", "West"),
        ("The sale needs approval from Congress before June.", "Congress"),
        # an occasion or an operation the model tagged as a facility
        ("He served as a lieutenant during Operation Desert Storm.", "Operation Desert Storm"),
        ("He is scheduled to appear at the Airport Courthouse on Friday.", "Airport"),
        # an ocean named by its adjective alone
        ("Forecasters expect an active Atlantic hurricane season this year.", "Atlantic"),
        # a building or a numbered highway the model tagged as a facility
        ("The council met at City Hall on Monday.", "City Hall"),
        ("Traffic backed up on Interstate 81 for hours.", "Interstate 81"),
    ],
)
def test_capitalised_words_that_are_not_places(text, not_place):
    assert not by_text(run_places(text), not_place)


def test_a_trailing_joining_word_is_not_part_of_the_name():
    from spacy.tokens import Span as SpacySpan

    from counterclaim.extract.places import _trim

    doc = load_nlp().make_doc("They waited at Conway Road and Elm Street's corner.")
    assert _trim(SpacySpan(doc, 3, 6, label="FAC")).text == "Conway Road"
    assert _trim(SpacySpan(doc, 6, 9, label="FAC")).text == "Elm Street"


def test_a_town_named_again_at_the_head_of_an_organisation_is_a_place():
    found = run_places("A new wing opened in Woodstock this week. Staff at the Woodstock General Hospital "
                       "welcomed the first patients.")
    assert len(by_text(found, "Woodstock")) == 2


def test_washington_dc_is_the_capital_in_a_local_story():
    found = run_places("Commuters in Newark and Trenton, New Jersey, waited for trains as lawmakers met in "
                       "Washington, D.C., on Monday.")
    (p,) = by_text(found, "Washington")
    assert p.country_code == "US" and haversine_km(p.lat, p.lon, 38.9, -77.04) < 30


def test_a_conflict_area_missing_from_geonames_is_in_the_data_layer():
    (p,) = by_text(run_places("Shelling continued in Eastern Ghouta overnight, residents said."), "Eastern Ghouta")
    assert p.country_code == "SY" and p.kind == "region" and haversine_km(p.lat, p.lon, 33.55, 36.45) < 30


def test_a_town_the_model_left_untagged_after_a_preposition():
    found = run_places("Firefighters from Euclid and Mentor arrived within minutes.")
    (p,) = by_text(found, "Euclid")
    assert p.kind == "town" and p.country_code == "US"


def test_a_direction_word_after_a_preposition_is_no_town():
    assert not by_text(run_places("Heavy rain fell in North Dakota and in the South yesterday."), "South")


def test_an_ocean_named_in_full_is_a_place():
    (p,) = by_text(run_places("The ship sank in the Pacific Ocean last week."), "Pacific Ocean")
    assert p.name == "Pacific Ocean"


# --- towns the model mislabelled, near the article's other places ---------------------------


def test_town_inside_an_organisation_near_the_story_is_a_place():
    found = run_places("A fire broke out in Lawrenceville, Georgia, on Monday. Crews from the Buford Fire "
                       "Department helped, and a Buford home was damaged.")
    buford = by_text(found, "Buford")
    assert len(buford) == 2 and all(p.country_code == "US" and p.kind == "town" for p in buford)
    assert all(haversine_km(p.lat, p.lon, 33.96, -83.99) < 40 for p in buford)


def test_town_name_of_a_firm_far_from_the_story_is_not_a_place():
    found = run_places("Flooding closed roads in Lawrenceville, Georgia. Staff at Danbury Mint said the roads "
                       "were closed.")
    assert not by_text(found, "Danbury")


def test_untagged_town_near_the_story_is_a_place_and_a_surname_is_not():
    found = run_places("Flood waters rose in Wheaton, Illinois. Sheldon Peck, an early Lombard settler, built a house there.")
    assert [p.country_code for p in by_text(found, "Lombard")] == ["US"]
    found = run_places("Flood waters rose in Wheaton, Illinois. Mary Lombard said the house was safe.")
    assert not by_text(found, "Lombard")


def test_town_no_gazetteer_knows_is_kept_where_the_sentence_places_it():
    found = run_places("There are 26 applicants in Portroe and 24 in Cloughjordan, the council said.")
    assert [p.kind for p in by_text(found, "Portroe")] == ["area"]
    found = run_places("Dennis Lopez of Thackerville, Okla., came to see the plane off.")
    assert by_text(found, "Thackerville")


def test_first_word_the_model_left_out_joins_a_known_name():
    found = run_places("Ever since New London Police Chief Tom Cipolli made a public appeal, residents of Groton "
                       "have asked for answers.")
    assert by_text(found, "New London") and not by_text(found, "London")


def test_lower_case_town_word_after_a_name_is_not_part_of_it():
    # the model tags "Haifa city" as one GPE; the gazetteer knows "Haifa"
    found = run_places("On 3 June 2021, teachers protested in Haifa city, demanding higher pay and smaller classes.")
    haifa = by_text(found, "Haifa")
    assert haifa and haifa[0].country_code == "IL"
