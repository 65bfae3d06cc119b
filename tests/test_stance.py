"""Stance of a report toward a claim (the Emergent task) and the eval command's contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.eval.stance import command, scores
from counterclaim.extract.claims.stance import report_stance

# (report headline, claim, expected) — headlines written for this test
REPORTS = [
    ("Rebels seize the northern airport", "Rebels captured the airport", "asserts"),
    ("Rebels have NOT seized the airport, army says", "Rebels captured the airport", "denies"),
    ("Airport capture story is a hoax", "Rebels captured the airport", "denies"),
    ("Video of airport seizure is fake", "Rebels captured the airport", "denies"),
    ("Rebels reportedly seize airport", "Rebels captured the airport", "hedges"),
    ("Did rebels seize the airport?", "Rebels captured the airport", "hedges"),
    ("Rebels may have seized the airport, sources say", "Rebels captured the airport", "hedges"),
    ("Airport still not reopened after storm", "The airport has not reopened", "asserts"),
    # a question inside the headline, not only at its end
    ("Did rebels take the airport? Footage from the runway emerges", "Rebels captured the airport", "hedges"),
    # 'SPEAKER: claim' and 'claim: SOURCE' headline conventions
    ("Officials: rebels hold the airport", "Rebels captured the airport", "hedges"),
    ("Sen. Marlow: rebels hold the airport", "Rebels captured the airport", "hedges"),
    ("Rebels hold the airport: AFP", "Rebels captured the airport", "hedges"),
    ("Airport siege: rebels hold the runway", "Rebels captured the airport", "asserts"),
    # rebuttals of a rumour or claim
    ("Army puts airport capture rumours to rest", "Rebels captured the airport", "denies"),
    ("Experts cast doubt on airport capture", "Rebels captured the airport", "denies"),
    ("Minister shoots down rebel claims about the airport", "Rebels captured the airport", "denies"),
    ("Agency retracts story on airport capture", "Rebels captured the airport", "denies"),
    ("Pilots question whether rebels ever reached the airport", "Rebels captured the airport", "denies"),
    ("Rebel commander alive and well, video shows", "The rebel commander was killed", "denies"),
    # intention stated by the writer is no hedge
    ("Rebels planning to open the airport to aid flights", "Rebels will reopen the airport", "asserts"),
    # a claim that someone said something is confirmed by a report that they said it
    ("Mayor says the bridge will reopen in June", "The mayor said the bridge would reopen in June", "asserts"),
    ("Mayor says the bridge will reopen in June", "The bridge will reopen in June", "hedges"),
    # contrastive negation corrects a detail, it does not refute
    ("Rebels hold the airport, not the port", "Rebels captured the airport", "asserts"),
    ("Rebels not retreating, just regrouping near the airport", "Rebels captured the airport", "asserts"),
    # rebuttal whose object is a possessive ("the senator's claims")
    ("Army shoots down senator's claims about the airport", "Rebels captured the airport", "denies"),
    # the writer's hedges and forecasts
    ("Rebels in apparent control of the airport", "Rebels captured the airport", "hedges"),
    ("Bank sees airport reopening by spring", "The airport will reopen by spring", "hedges"),
    ("Media name the rebel commander", "The rebel commander is Ivan Petrov", "hedges"),
]


@pytest.mark.parametrize(("report", "claim", "expected"), REPORTS)
def test_report_stance(report, claim, expected):
    assert report_stance(report, claim) == expected


def test_scores_per_class_and_accuracy():
    s = scores(["for", "against", "observing", "for"], ["for", "against", "for", "for"])
    assert s["accuracy"] == 0.75
    assert s["per_class"]["observing"]["f1"] == 0.0
    assert s["per_class"]["against"]["f1"] == 1.0


def test_eval_stance_missing_data_exits_cleanly(tmp_path: Path):
    result = CliRunner().invoke(command, ["--data", str(tmp_path / "missing.csv")])
    assert result.exit_code == 2 and "[E530]" in result.output


def test_eval_stance_on_a_tiny_csv(tmp_path: Path):
    csv = tmp_path / "mini.csv"
    csv.write_text("claimHeadline,articleHeadline,articleHeadlineStance\n"
                   "Rebels captured the airport,Rebels seize the airport,for\n"
                   "Rebels captured the airport,Airport capture is a hoax,against\n"
                   "Rebels captured the airport,Rebels reportedly seize airport,observing\n", encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(csv), "--json"])
    assert result.exit_code == 0, result.output
    assert '"accuracy": 1.0' in result.output
