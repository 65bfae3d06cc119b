"""Drive the dashboard in headless chromium: board -> Shusha -> claim -> highlighted sentence,
a filter, and the offline map. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import shoot

pytestmark = pytest.mark.browser


def _clean(pg) -> None:
    assert pg.outside_requests == [], f"requests left the machine: {pg.outside_requests}"
    assert pg.console_errors == [], f"console errors (CSP violations show here): {pg.console_errors}"


def test_board_to_shusha_to_highlighted_sentence(page, server):
    page.goto(server + "/")
    shoot(page, "board")
    assert page.locator("h1").inner_text() == "Claim board"
    assert page.locator("#board-empty").count() == 0, "the demo database gave an empty claim board"
    confirmed = page.locator("section[data-status=confirmed] article.proposition")
    propositions = confirmed.filter(has_text=re.compile("captured Shush", re.IGNORECASE))
    assert propositions.count() >= 1, "the capture of Shusha is not in the board's confirmed column"
    propositions.first.locator("h3 a").click()
    page.wait_for_url(re.compile(r"/propositions/"))
    shoot(page, "proposition")
    history = [" ".join(t.split()).lower() for t in page.locator("ol.history li").all_inner_texts()]
    assert [s for s in ("claimed", "contested", "confirmed") if any(s in h for h in history)] == [
        "claimed", "contested", "confirmed"], history
    cards = page.locator("article.claim")
    assert cards.count() >= 1, "no claim about Shusha"
    card = cards.first
    quote = " ".join(card.locator("blockquote").inner_text().split())
    card.locator("a.source").click()
    page.wait_for_url(re.compile(r"/articles/[^?]+\?claim="))
    shoot(page, "article")
    focus = page.locator("#article-text .hl.focus")
    assert focus.count() >= 1, "the claim's sentence is not highlighted"
    highlighted = " ".join("".join(focus.all_inner_texts()).split())
    assert highlighted == quote
    claim_id = parse_qs(urlsplit(page.url).query)["claim"][0]
    assert page.locator(f"[id='claim-{claim_id}']").count() == 1
    assert page.locator("aside.extraction li.claim.selected").count() == 1
    _clean(page)


def test_claim_filter_by_side(page, server):
    page.goto(server + "/claims")
    total = page.locator("article.claim").count()
    sides = [s for s in page.locator("article.claim header .chip").all_inner_texts() if s != "no side"]
    assert total >= 1 and sides, "no claim with a side on the first page"
    side = sides[0]
    page.fill("form.filters input[name=side]", side)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"side="))
    shoot(page, "claims-filtered")
    assert parse_qs(urlsplit(page.url).query)["side"] == [side]
    chips = page.locator("article.claim header .chip").all_inner_texts()
    assert chips and set(chips) == {side}
    # a select filter submits by itself (the one script), and the choice stays in the URL
    page.select_option("form.filters select[name=stance]", "asserts")
    page.wait_for_url(re.compile(r"stance=asserts"))
    assert parse_qs(urlsplit(page.url).query)["side"] == [side]
    stances = page.locator("article.claim").evaluate_all("els => els.map(e => e.dataset.stance)")
    assert set(stances) <= {"asserts"}
    _clean(page)


def test_map_works_offline(page, server):
    page.goto(server + "/map")
    shoot(page, "map")
    assert page.locator("svg#map .countries path").count() > 100
    markers = page.locator("svg#map circle.marker")
    assert markers.count() >= 1, "no markers on the map"
    box = markers.first.bounding_box()
    assert box and box["width"] > 2, "marker not drawn"
    _clean(page)


def test_timeline_and_search(page, server):
    page.goto(server + "/timeline")
    shoot(page, "timeline")
    assert page.locator("ol.timeline li.day").count() >= 1
    page.fill("form.search input[name=q]", "Shusha")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Shusha"))
    assert page.locator("ul.hits li a").count() >= 1
    _clean(page)
