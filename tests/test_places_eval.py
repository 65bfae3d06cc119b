"""``counterclaim eval geoparse``: readers for the three gold formats and the scoring run.

The XML here is written for the test (no evaluation data is copied into the project).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from counterclaim.eval.geoparse import command, error_summary, read_geoparse_xml

TEXT = "Shelling hit Kharkiv on Monday. Officials in Paris condemned it."

LGL_STYLE = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>{TEXT}</text><toponyms>
<toponym><start>13</start><end>20</end><phrase>Kharkiv</phrase>
<gaztag geonameid="706483"><name>Kharkiv</name><lat>49.98</lat><lon>36.25</lon></gaztag></toponym>
<toponym><start>45</start><end>50</end><phrase>Paris</phrase>
<gaztag geonameid="2988507"><name>Paris</name><lat>48.85</lat><lon>2.35</lon></gaztag></toponym>
</toponyms></article></articles>"""

GEOVIRUS_STYLE = f"""<articles><article><source>test</source><text>{TEXT}</text><locations>
<location><name>Kharkiv</name><start>13</start><end>20</end><lat>49.98</lat><lon>36.25</lon><page>x</page></location>
</locations></article></articles>"""

GWN_STYLE = f"""<articles><article file="7"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><extractedName>Kharkiv</extractedName><type>Literal</type><start>13</start><end>20</end>
<latitude>49.98</latitude><longitude>36.25</longitude></toponym>
<toponym><extractedName>Officials</extractedName><type>Non_Lit_Expression</type><start>32</start><end>41</end></toponym>
</toponyms></article></articles>"""


@pytest.mark.parametrize(("xml", "n_gold"), [(LGL_STYLE, 2), (GEOVIRUS_STYLE, 1), (GWN_STYLE, 1)])
def test_readers(tmp_path, xml, n_gold):
    path = tmp_path / "gold.xml"
    path.write_text(xml, encoding="utf-8")
    (doc,) = read_geoparse_xml(path)
    assert len(doc.toponyms) == n_gold
    assert doc.text[doc.toponyms[0].start : doc.toponyms[0].end] == "Kharkiv"


def test_scoring_run(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL_STYLE, encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["lgl.xml"]
    assert report["recognition_exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert report["resolution_end_to_end"]["acc@161"] == 1.0
    assert report["resolution_gold_spans"]["n"] == 2


def test_missing_data_exits_cleanly(tmp_path):
    result = CliRunner().invoke(command, ["--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "[E510]" in result.output


def test_malformed_xml_is_a_numbered_error(tmp_path):
    (tmp_path / "bad.xml").write_text("<articles><article>", encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(tmp_path / "bad.xml")])
    assert result.exit_code == 2 and "[E510]" in result.output


def test_error_summary():
    s = error_summary([0.0, 100.0, 200.0, 20039.0])
    assert s["acc@161"] == 0.5 and s["median_km"] == 150.0 and 0 < s["auc"] < 1


def test_halves_split_the_articles_stably(tmp_path):
    body = LGL_STYLE.split("<articles>", 1)[1].split("</articles>")[0]
    articles = "".join(body.replace('docid="1"', f'docid="{n}"') for n in range(12))
    (tmp_path / "lgl.xml").write_text(f"<articles>{articles}</articles>", encoding="utf-8")
    counts = {}
    for half in ("tune", "check"):
        result = CliRunner().invoke(command, ["--data", str(tmp_path), "--json", "--half", half])
        assert result.exit_code == 0, result.output
        counts[half] = json.loads(result.output)["lgl.xml"]["articles"]
    assert counts["tune"] + counts["check"] == 12 and min(counts.values()) > 0
