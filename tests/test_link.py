"""Unit tests of the linker: frames, status replay, figures, grouping, the store and the CLI.

Texts and members here are written for these tests; no spaCy is loaded (the
story tests in test_stories.py run the real pipeline on the sample corpus).
"""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from counterclaim.link import link_articles
from counterclaim.link.figures import conflicts_for_block, figures_of
from counterclaim.link.frames import claim_frames
from counterclaim.link.group import clusters, propositions_for_block
from counterclaim.link.places import same_place
from counterclaim.link.status import replay
from counterclaim.store import open_store
from test_store_support import pg_database, store_url  # noqa: F401  (SQLite, and PostgreSQL when configured)


def member(mid, stance, side, date, outlet="A", cue=False, **extra):
    return {"id": f"{mid}#capture", "source_id": mid, "kind": "claim", "cls": "capture", "stance": stance,
            "side": side, "actor": side, "date": date, "outlet": outlet, "concession_cue": cue,
            "place": "Westford", "content": "", **extra}


CLAIM = member("c1", "asserts", "Eastland", "2031-05-05", "Wire")
DENIAL = member("c2", "denies", "Northland", "2031-05-05", "Ledger")
CONCESSION = member("c3", "asserts", "Northland", "2031-05-06", "Post", cue=True)
LATE_DENIAL = member("c4", "denies", "Northland", "2031-05-07", "Post")
RETRACTION = member("c5", "denies", "Eastland", "2031-05-08", "Wire")
SAME_SIDE_AGAIN = member("c6", "asserts", "Eastland", "2031-05-06", "Courier")
INDEPENDENT = member("c7", "asserts", "Southland", "2031-05-07", "Courier")
SETTLEMENT = {**member("e1", "confirms", None, "2031-05-09", "Wire"), "kind": "event",
              "sub_event_type": "Agreement"}
OLD_DENIAL = member("c8", "denies", "Northland", "2031-06-20", "Ledger")


@pytest.mark.parametrize(
    "members, expected",
    [
        ([CLAIM], ["claimed"]),
        ([CLAIM, DENIAL], ["claimed", "contested"]),
        ([CLAIM, DENIAL, CONCESSION], ["claimed", "contested", "confirmed"]),
        ([CLAIM, DENIAL, CONCESSION, LATE_DENIAL], ["claimed", "contested", "confirmed"]),  # no reopening
        ([CLAIM, DENIAL, RETRACTION], ["claimed", "contested", "refuted"]),
        ([CLAIM, SAME_SIDE_AGAIN], ["claimed"]),  # repetition by one side corroborates nothing
        ([CLAIM, SAME_SIDE_AGAIN, INDEPENDENT], ["claimed", "confirmed"]),  # another side, 2+ outlets
        ([CLAIM, DENIAL, INDEPENDENT, member("c9", "denies", "Southland", "2031-05-09")],
         ["claimed", "contested"]),  # a side that also denies is not independent
        ([CLAIM, DENIAL, SETTLEMENT], ["claimed", "contested", "confirmed"]),
        ([CLAIM, DENIAL, OLD_DENIAL], ["claimed", "contested", "unresolved"]),
        ([DENIAL, CLAIM], ["claimed", "contested"]),  # same day: the claim replays first
    ],
)
def test_status_replay(members, expected):
    result = replay(members)
    assert [h["status"] for h in result.history] == expected
    assert all(h["evidence"] and h["date"] for h in result.history)


def test_status_replay_is_order_independent():
    members = [CLAIM, DENIAL, CONCESSION, LATE_DENIAL, SAME_SIDE_AGAIN, SETTLEMENT]
    expected = replay(members).history
    for seed in range(10):
        shuffled = list(members)
        random.Random(seed).shuffle(shuffled)
        assert replay(shuffled).history == expected


def test_concession_is_only_the_opposing_side_with_an_admission():
    result = replay([CLAIM, DENIAL, CONCESSION])
    assert result.roles["c3#capture"] == "concedes" and result.history[-1]["evidence"] == ["c3"]
    no_cue = member("c3", "asserts", "Northland", "2031-05-06", "Post", cue=False)
    assert replay([CLAIM, DENIAL, no_cue]).status == "contested"


def test_allied_sides_are_one_bloc():
    # Artsakh admitting what Armenia denied is the opposing bloc conceding, not a third side corroborating
    claim = member("a1", "asserts", "Azerbaijan", "2020-11-08", "W")
    denial = member("a2", "denies", "Armenia", "2020-11-08", "L")
    ally = member("a3", "asserts", "Artsakh", "2020-11-09", "P", cue=False)
    assert replay([claim, denial, ally]).status == "contested"


def test_date_chains_split_on_gaps_longer_than_the_window():
    dates = ["2031-01-01", "2031-01-05", "2031-01-09", "2031-03-01"]
    groups = clusters([member(f"m{i}", "asserts", "E", d) for i, d in enumerate(dates)], window_days=7)
    assert [len(g) for g in groups] == [3, 1]


@pytest.mark.parametrize(
    "a, b, same",
    [
        ({"name": "Shusha", "geonameid": 1}, {"name": "Shushi", "geonameid": 1}, True),
        ({"name": "X", "lat": 39.76, "lon": 46.75}, {"name": "Y", "lat": 39.82, "lon": 46.75}, True),  # ~7 km
        ({"name": "X", "lat": 39.76, "lon": 46.75}, {"name": "Z", "lat": 40.21, "lon": 46.75}, False),  # ~50 km
    ],
)
def test_place_identity(a, b, same):
    assert same_place(a, b) is same


def _result(aid, date, outlet, text, claims, places=(), events=()):
    return {"id": aid, "date": date, "date_origin": "header", "outlet": outlet, "title": f"{outlet} report",
            "url": f"https://{aid}.example/", "text": text, "claims": list(claims), "places": list(places),
            "events": list(events), "mentions": [], "dates": []}


def _claim(cid, text, content, stance, side, actor, date):
    start = text.index(content)
    return {"id": cid, "speaker": None, "actor": actor, "side": side, "organisation": None, "cue": None,
            "channel": None, "content": {"text": content, "start": start, "end": start + len(content)},
            "kind": "indirect", "stance": stance, "refers_to": None, "date": date,
            "sentence": {"text": text, "start": 0, "end": len(text)}}


def _place(text, name, gid=None):
    start = text.index(name)
    return {"span": {"text": name, "start": start, "end": start + len(name)}, "name": "Westford",
            "aliases": ["Westburg"], "geonameid": gid, "lat": 40.0, "lon": 45.0, "kind": "town", "role": "place"}


T1 = "Eastland's president said his forces had captured Westford."
T2 = "Northland said fighting for Westburg was continuing."
T3 = "Northland's spokesman admitted that Westburg had been lost."
# casualty figures need real sides: the victims' side comes from the actor lexicon's demonyms
T4 = "Armenia's army said about 200 Azerbaijani soldiers had been killed."
T5 = "Azerbaijan's ministry said 12 of its own soldiers were killed."
LEDGER = [
    _result("a1", "2031-05-05", "Wire", T1,
            [_claim("a1:c1", T1, "his forces had captured Westford", "asserts", "Eastland", "President", "2031-05-05")],
            [_place(T1, "Westford")]),
    _result("a2", "2031-05-05", "Ledger", T2,
            [_claim("a2:c1", T2, "fighting for Westburg was continuing", "asserts", "Northland", "Ministry", "2031-05-05")],
            [_place(T2, "Westburg")]),
    _result("a3", "2031-05-06", "Post", T3,
            [_claim("a3:c1", T3, "Westburg had been lost", "asserts", "Northland", "Spokesman", "2031-05-06")],
            [_place(T3, "Westburg")]),
    _result("a4", "2031-05-07", "Post", T4,
            [_claim("a4:c1", T4, "about 200 Azerbaijani soldiers had been killed", "asserts", "Armenia", "Army",
                    "2031-05-07")]),
    _result("a5", "2031-05-08", "Courier", T5,
            [_claim("a5:c1", T5, "12 of its own soldiers were killed", "asserts", "Azerbaijan", "Ministry",
                    "2031-05-08")]),
]


@pytest.mark.parametrize(
    "content, stance, polarity, expected",
    [
        ("his forces had captured Westford", "asserts", "positive", "asserts"),
        ("fighting for Westford was continuing", "asserts", "contrary", "denies"),
        ("Westford had not fallen", "asserts", "contrary", "denies"),
        ("the capture of Westford an unrealizable dream", "denies", "contrary", "denies"),
        ("the claim that Westford had been seized", "denies", "positive", "denies"),
        ("if this is correct, Westford was captured", "asserts", "positive", "hedges"),
        ("the raid was meant to make the claim that Westford had been captured come true", "asserts", "positive",
         "mentions"),
    ],
)
def test_claim_frames_read_polarity_and_stance(content, stance, polarity, expected):
    text = f"Officials said {content}."
    start = text.index("Westford")
    place = {"span": {"text": "Westford", "start": start, "end": start + 8}, "name": "Westford",
             "kind": "town", "role": "place", "geonameid": 9}
    data = _result("x", "2031-01-01", "Wire", text,
                   [_claim("x:c1", text, content, stance, "Northland", "Officials", "2031-01-01")], [place])
    found = [m for m in claim_frames(data) if m["cls"] == "capture"]
    assert len(found) == 1
    assert (found[0]["polarity"], found[0]["stance"], found[0]["block"]) == (polarity, expected, "capture|g9")


def test_a_claim_without_a_predicate_makes_no_member():
    text = "Officials said the weather was fine in Westford."
    data = _result("x", "2031-01-01", "Wire", text,
                   [_claim("x:c1", text, "the weather was fine", "asserts", "N", "O", "2031-01-01")],
                   [_place(text, "Westford")])
    assert claim_frames(data) == []


@pytest.mark.parametrize(
    "title, text, content, linked",
    [
        # a disaster toll is no conflict proposition ...
        ("Quake toll passes 5,000", "Officials warned that the number of dead in Westford would rise sharply.",
         "the number of dead in Westford would rise sharply", False),
        ("Rescue work goes on", "Officials said 40 people were killed when the dam burst above Westford.",
         "40 people were killed when the dam burst above Westford", False),
        # ... but armed violence in the same words is, whatever the title says
        ("Quake toll passes 5,000", "Officials said 40 soldiers were killed in shelling of Westford.",
         "40 soldiers were killed in shelling of Westford", True),
        ("Fighting goes on", "Officials said 40 people were killed in Westford.", "40 people were killed in Westford",
         True),
    ],
)
def test_disaster_claims_state_no_conflict_proposition(title, text, content, linked):
    data = _result("x", "2031-01-01", "Wire", text,
                   [_claim("x:c1", text, content, "asserts", "Northland", "Officials", "2031-01-01")],
                   [_place(text, "Westford")])
    data["title"] = title
    assert bool([m for m in claim_frames(data) if m["cls"] == "killed"]) is linked


def test_a_clock_is_no_place_of_a_proposition():
    text = "Officials said the ceasefire had taken effect at midnight Westford time."
    place = dict(_place(text, "Westford"), role="time")
    data = _result("x", "2031-01-01", "Wire", text,
                   [_claim("x:c1", text, "the ceasefire had taken effect at midnight Westford time", "asserts",
                           "Northland", "Officials", "2031-01-01")], [place])
    assert [m for m in claim_frames(data) if m["cls"] == "ceasefire"] == []
    assert [m for m in claim_frames(dict(data, places=[dict(place, role="place")])) if m["cls"] == "ceasefire"]


def test_figures_and_their_conflicts():
    found = figures_of(LEDGER[3]) + figures_of(LEDGER[4])
    assert [(f["side"], f["value"], f["exact"], f["block"]) for f in found] == [
        ("Armenia", 200, False, "toll|Azerbaijan|military"),
        ("Azerbaijan", 12, True, "toll|Azerbaijan|military"),
    ]
    conflict = conflicts_for_block("toll|Azerbaijan|military", found)
    assert conflict and {f["value"] for f in conflict["figures"]} == {200, 12}
    assert conflicts_for_block("toll|Azerbaijan|military", found[1:]) is None  # one side alone: no conflict
    revision = dict(found[1], value=15, id="x#toll")
    assert conflicts_for_block("toll|Azerbaijan|military", [found[1], revision]) is None  # a side revising itself


def test_killed_and_wounded_is_marked():
    content = "the Armenian army had lost more than 550 servicemen killed and wounded"
    text = f"Officials said {content}."
    data = _result("x", "2031-01-01", "Wire", text,
                   [_claim("x:c1", text, content, "asserts", "Azerbaijan", "M", "2031-01-01")])
    (figure,) = figures_of(data)
    assert figure["includes_wounded"] and figure["value"] == 550 and figure["block"] == "toll|Armenia|military"


def test_propositions_for_block_need_an_assertion_or_denial():
    assert propositions_for_block("capture|nwestford", [SETTLEMENT]) == []
    (prop,) = propositions_for_block("capture|nwestford", [CLAIM, DENIAL])
    assert prop["status"] == "contested" and prop["statement"].endswith("captured Westford")
    assert prop["n_sources"] == 2 and prop["n_sides"] == 2


@pytest.fixture()
def ledger(store_url):  # noqa: F811 - the shared SQLite/PostgreSQL fixture
    with open_store(store_url) as store:
        yield store


def _link_in(store, results):
    report = store.add_results(results)
    return link_articles(store, report.added_ids)


def test_store_links_incrementally_and_idempotently(ledger):
    _link_in(ledger, LEDGER[:2])
    (prop,) = ledger.list_propositions(place="Westburg").items  # an alias finds it
    assert prop["status"] == "contested" and prop["sides_denying"] == ["Northland"]
    report = _link_in(ledger, LEDGER[2:3])
    assert report.blocks == 1  # only the block the new article touches is recomputed
    (prop,) = ledger.list_propositions(status="confirmed").items
    assert [h["status"] for h in prop["history"]] == ["claimed", "contested", "confirmed"]
    before = ledger.get_proposition(prop["id"])
    link_articles(ledger, ["a1", "a2", "a3"])
    assert ledger.get_proposition(prop["id"]) == before
    assert {c["role"] for c in before["claims"]} == {"asserts", "denies", "concedes"}
    assert ledger.get_proposition("pnothing") is None


def test_listing_filters(ledger):
    _link_in(ledger, LEDGER)
    assert ledger.list_propositions(side="northland").items
    assert not ledger.list_propositions(side="Southland").items
    assert not ledger.list_propositions(since="2031-06-01").items
    assert ledger.list_propositions(query="captured").items
    with pytest.raises(Exception, match="status"):
        ledger.list_propositions(status="maybe")
    kinds = sorted(c["kind"] for c in ledger.list_contradictions())
    assert kinds == ["contested", "figures"]


def test_ledger_commands(tmp_path):
    from counterclaim.cli import main

    db = str(tmp_path / "link.db")
    with open_store(db) as ledger:
        _link_in(ledger, LEDGER)
    runner = CliRunner()
    out = runner.invoke(main, ["claims", "--db", db, "--status", "confirmed"])
    assert out.exit_code == 0 and "captured Westford" in out.output and "contested 2031-05-05" in out.output
    listed = json.loads(runner.invoke(main, ["claims", "--db", db, "--json"]).output)
    pid = listed["items"][0]["id"]
    story = runner.invoke(main, ["story", pid, "--db", db])
    assert story.exit_code == 0 and "concedes" in story.output and "Westburg had been lost" in story.output
    assert json.loads(runner.invoke(main, ["story", pid, "--db", db, "--json"]).output)["id"] == pid
    assert runner.invoke(main, ["story", "pmissing", "--db", db]).exit_code == 4
    contra = runner.invoke(main, ["contradictions", "--db", db])
    assert contra.exit_code == 0 and "~200" in contra.output and "12" in contra.output


def test_only_the_latest_revision_of_an_article_is_linked(ledger):
    _link_in(ledger, LEDGER[:2])
    revised_text = "Northland said fighting for Westburg was over and Westburg had been lost."
    revised = _result("a2v2", "2031-05-06", "Ledger", revised_text,
                      [_claim("a2v2:c1", revised_text, "Westburg had been lost", "asserts", "Northland", "Ministry",
                              "2031-05-06")],
                      [_place(revised_text, "Westburg")])
    revised["url"] = LEDGER[1]["url"]  # same address, new text: a revision of a2
    _link_in(ledger, [revised])
    (prop,) = ledger.list_propositions().items
    claims = ledger.get_proposition(prop["id"])["claims"]
    assert {c["article_id"] for c in claims} == {"a1", "a2v2"}  # a2's denial no longer counts
    assert [h["status"] for h in prop["history"]] == ["claimed", "confirmed"]
    link_articles(ledger, ["a2"])  # re-linking the old revision changes nothing
    assert ledger.list_propositions().items == [prop]
