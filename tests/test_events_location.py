"""Which of a sentence's resolved places an event is placed at (events stage, location choice).

Places are built by hand here (names and coordinates made up for the test), so the
choice is tested apart from how the places stage resolves names.
"""

from __future__ import annotations

import spacy

from counterclaim.extract.events.location import place_for
from counterclaim.model import Article, ArticleResult, Place, Span


def _result(text: str, places: list[tuple[str, str, float, float, str, str]]) -> ArticleResult:
    """places: (name as written, kind, lat, lon, country code, role)."""
    result = ArticleResult(article=Article(id="t", text=text, date="2021-03-03", date_origin="metadata"))
    for written, kind, lat, lon, cc, role in places:
        start = text.index(written)
        result.places.append(Place(span=Span.of(text, start, start + len(written)), name=written, kind=kind,
                                   lat=lat, lon=lon, country_code=cc, role=role))
    return result


def _choose(result: ArticleResult) -> str | None:
    sent = spacy.blank("en")(result.article.text)[:]
    chosen = place_for(result, sent, result.article.text.index("found"))
    return None if chosen is None else result.places[chosen].name


def test_nothing_fits_so_the_first_named_place_is_the_scene():
    # Three names, no two of which lie together: the later one is the likelier misreading.
    result = _result("In Alderton, Westshire, a man was found dead in Colonia Verde.",
                     [("Alderton", "town", 10.0, 10.0, "AA", "place"),
                      ("Westshire", "town", 30.0, 30.0, "AA", "place"),
                      ("Colonia", "town", -30.0, -50.0, "BB", "place")])
    assert _choose(result) == "Alderton"


def test_a_fitting_pair_still_beats_the_first_named():
    result = _result("In Brenton, a man was found dead in Alderton, Westshire.",
                     [("Brenton", "town", -30.0, -50.0, "BB", "place"),
                      ("Alderton", "town", 10.0, 10.0, "AA", "place"),
                      ("Westshire", "region", 10.5, 10.5, "AA", "place")])
    assert _choose(result) == "Alderton"


def test_a_side_named_in_brackets_after_a_place_locates_the_event():
    # The places stage read "Porto Nuovo" as a side (its government); bracketed after a district it is a place.
    result = _result("Shells were found near Ayn Qara (Porto Nuovo) on Monday.",
                     [("Porto Nuovo", "town", 10.0, 10.0, "AA", "actor")])
    assert _choose(result) == "Porto Nuovo"


def test_the_dateline_is_where_the_reporter_is_not_the_scene():
    result = _result("ALDERTON — Bodies were found in Brenton after the raid.",
                     [("ALDERTON", "town", 10.0, 10.0, "AA", "place"),
                      ("Brenton", "town", -30.0, -50.0, "BB", "place")])
    assert _choose(result) == "Brenton"
