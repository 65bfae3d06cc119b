"""Ingest readers: every format, every date origin, every bad input, stdin and the seed header."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counterclaim.ingest import ColumnMap, Rejection, read_sources
from counterclaim.ingest.assemble import assemble
from counterclaim.ingest.records import Draft
from counterclaim.model import Article, article_id, content_hash

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
PROSE = (
    "The defence ministry said on Tuesday that its forces had taken control of the river town "
    "after two days of fighting, a claim that rebel commanders quickly denied."
)


def read_all(*sources: str, **kwargs) -> list[Article | Rejection]:
    return list(read_sources([str(s) for s in sources], now=NOW, **kwargs))


def only(items: list) -> Article | Rejection:
    assert len(items) == 1, items
    return items[0]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- the seed article and the .txt date header --------------------------------------------


def test_seed_header_line_sets_the_date_and_keeps_the_lede(seed_path: Path, seed_raw: str) -> None:
    article = only(read_all(seed_path))
    assert isinstance(article, Article)
    assert (article.date, article.date_origin) == ("2020-11-08", "header")
    # the rest of the header line is the article's first sentence
    assert article.text.startswith("But Armenian officials were quick to deny")
    assert "date 2020-11-08" not in article.text
    assert article.text in seed_raw
    assert article.id == article_id(content_hash(article.text))
    assert article.source == str(seed_path)
    assert article.ingest_warnings == ()


@pytest.mark.parametrize(
    ("first_line", "date", "origin", "text_start"),
    [
        ("date 2020-11-08\n" + PROSE, "2020-11-08", "header", "The defence"),
        ("   date 2020-11-08 " + PROSE, "2020-11-08", "header", "The defence"),
        ("Date: 2021-3-4\n\n" + PROSE, "2021-03-04", "header", "The defence"),
        (
            "date night in the capital was quiet. " + PROSE,
            NOW.date().isoformat(),
            "ingest-time",
            "date night",
        ),
        (PROSE, NOW.date().isoformat(), "ingest-time", "The defence"),
    ],
)
def test_txt_header_table(tmp_path: Path, first_line: str, date: str, origin: str, text_start: str) -> None:
    article = only(read_all(write(tmp_path, "a.txt", first_line)))
    assert isinstance(article, Article), article
    assert (article.date, article.date_origin) == (date, origin)
    assert article.text.startswith(text_start)


def test_ingest_time_date_is_flagged(tmp_path: Path) -> None:
    article = only(read_all(write(tmp_path, "a.txt", PROSE)))
    assert article.date_origin == "ingest-time"
    assert any(w.startswith("[E110]") for w in article.ingest_warnings)


# --- date origins: url and text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://news.example/2020/11/08/shusha", "2020-11-08"),
        ("https://news.example/world/2022/mar/01/snake-island", "2022-03-01"),
        ("https://news.example/a/2021-07-14-report.html", "2021-07-14"),
        ("https://news.example/20190102/story", "2019-01-02"),
    ],
)
def test_date_from_url(url: str, date: str) -> None:
    article = assemble(Draft(text=PROSE, where="t", url=url), NOW)
    assert (article.date, article.date_origin) == (date, "url")


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        ("YEREVAN, 8 November 2020 - ", "2020-11-08"),
        ("Sunday 8 November 2020. ", "2020-11-08"),
        ("Published November 9, 2020 ", "2020-11-09"),
        ("Updated Nov. 10, 2020: ", "2020-11-10"),
        ("2020-11-08 ", "2020-11-08"),
    ],
)
def test_date_from_text_opening(opening: str, date: str) -> None:
    article = assemble(Draft(text=opening + PROSE, where="t"), NOW)
    assert (article.date, article.date_origin) == (date, "text")


def test_text_date_far_into_the_article_is_not_the_publication_date() -> None:
    text = PROSE + " " + PROSE * 3 + " The war began on 27 September 2020."
    assert assemble(Draft(text=text, where="t"), NOW).date_origin == "ingest-time"


def test_future_dates_in_url_or_text_are_ignored_not_fatal() -> None:
    article = assemble(
        Draft(text="12 May 2031. " + PROSE, where="t", url="https://x.example/2030/01/01/a"), NOW
    )
    assert article.date_origin == "ingest-time"
    assert sum(w.startswith("[E105]") for w in article.ingest_warnings) == 2


# --- html ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Army claims town | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="og:title" content="Army claims capture of river town">
<meta property="og:url" content="https://daily.example/news/army-claims-town">
<meta property="article:published_time" content="2021-05-04T08:00:00Z">
<script>var tracking = "SCRIPT-TEXT";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Army claims capture of river town</h1>
<p>{p}</p>
<p>A rebel spokesman told reporters that the fighting was continuing in the eastern districts and that
the town had not fallen. Independent confirmation was not possible.</p>
<p>Residents reached by telephone described heavy shelling overnight and said that many families had
fled towards the hills to the south of the town.</p></article>
<footer>Copyright Daily Example. All rights reserved. Cookie policy.</footer></body></html>""".replace(
    "{p}", PROSE
)


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    article = only(read_all(write(tmp_path, "page.html", PAGE)))
    assert isinstance(article, Article), article
    assert PROSE in article.text
    assert "SCRIPT-TEXT" not in article.text and "Cookie policy" not in article.text
    assert (article.date, article.date_origin) == ("2021-05-04", "metadata")
    assert article.title == "Army claims capture of river town"
    assert article.outlet == "Daily Example"
    assert article.url == "https://daily.example/news/army-claims-town"


# --- csv / tsv / jsonl -------------------------------------------------------------------------


def test_csv_with_column_map(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "export.csv",
        "Body,Published,Headline,Link,Source,Key\n"
        f'"{PROSE}","Wednesday, 23 February 2022",Town taken,https://x.example/a,Daily Example,17\n'
        f'"{PROSE} Again.",2022-02-24T10:00:00+02:00,,,,18\n',
    )
    columns = ColumnMap(
        text="Body", date="Published", title="Headline", url="Link", outlet="Source", id="Key"
    )
    first, second = read_all(path, columns=columns)
    assert (first.date, first.date_origin, first.title, first.url, first.outlet, first.external_id) == (
        "2022-02-23",
        "metadata",
        "Town taken",
        "https://x.example/a",
        "Daily Example",
        "17",
    )
    assert first.source == f"{path}:row 2"
    assert (second.date, second.external_id, second.url) == ("2022-02-24", "18", None)


def test_tsv_and_case_insensitive_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "x.tsv", f"TEXT\tDate\n{PROSE}\t11/25/2020\n")
    article = only(read_all(path))
    assert (article.date, article.date_origin) == ("2020-11-25", "metadata")


def test_jsonl_records_and_url_date_when_no_date_field(tmp_path: Path) -> None:
    lines = [
        {"text": PROSE, "date": "2020-11-08", "id": 7, "title": "T"},
        {"text": PROSE + " More.", "url": "https://x.example/2020/11/07/b"},
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n\n")
    first, second = read_all(path)
    assert (first.date, first.date_origin, first.external_id, first.title) == (
        "2020-11-08",
        "metadata",
        "7",
        "T",
    )
    assert (second.date, second.date_origin) == ("2020-11-07", "url")
    assert second.source == f"{path}:line 2"


def test_ambiguous_numeric_date_is_read_month_first_with_a_warning(tmp_path: Path) -> None:
    article = only(read_all(write(tmp_path, "a.csv", f'text,date\n"{PROSE}",7/10/2016\n')))
    assert article.date == "2016-07-10"
    assert any("ambiguous" in w for w in article.ingest_warnings)


# --- bad input: each a Rejection naming where and why; the rest of the batch survives -----


BAD_FILES = [
    ("empty.txt", b"", "E101", "empty"),
    ("blank.txt", b"  \n\t\n  ", "E101", "whitespace only"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E102", "PNG"),
    ("nul.txt", b"The army said\x00\x00\x01 it was there", "E102", "NUL"),
    ("pdf.txt", b"%PDF-1.7\n1 0 obj", "E102", "PDF"),
    ("garbage.txt", bytes(range(128, 256)) * 20, "E103", "UTF-8"),
    ("impossible.txt", ("date 2020-02-30 " + PROSE).encode(), "E105", "impossible date"),
    ("future.txt", ("date 2030-01-01\n" + PROSE).encode(), "E105", "future"),
    (
        "french.txt",
        (
            "Le ministère de la Défense a déclaré mardi que ses forces avaient pris le contrôle "
            "de la ville après deux jours de combats, une affirmation aussitôt démentie par "
            "les commandants rebelles de la région."
        ).encode(),
        "E109",
        "English",
    ),
    (
        "russian.txt",
        (
            "Министерство обороны заявило во вторник, что его силы взяли под контроль город "
            "после двух дней боёв, однако командиры повстанцев сразу же опровергли это "
            "заявление в своём обращении к жителям."
        ).encode(),
        "E109",
        "English",
    ),
    # Short texts: too few words to judge the language, but the script alone tells.
    ("short-russian.txt", "Шуша освобождена, заявил президент.".encode(), "E109", "Latin script"),
    ("utf16-misread.txt", b"\xff\xfe\x00garbage\x80\x81", "E109", "Latin script"),
    (
        "scripts.html",
        b"<html><head><script>location='x'</script></head><body><div id=app></div>"
        b"<script>render()</script></body></html>",
        "E106",
        "no article text",
    ),
    ("notes.docx", b"PK\x03\x04 whatever", "E108", "unknown file type"),
    ("noext", PROSE.encode(), "E108", "no extension"),
    ("columns.csv", b"body,when\nsome text,2020-01-01\n", "E201", "'body', 'when'"),
    ("header_only.csv", b"text,date\n", "E101", "no records"),
    ("excel.tsv", "text\tdate\nsome text\t2020-01-01\n".encode("utf-16"), "E103", "UTF-16"),
    ("image.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00", "E102", "PNG"),
    ("empty.jsonl", b"\n\n", "E101", "no records"),
]


@pytest.mark.parametrize(("name", "content", "code", "reason_part"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_rejected_and_the_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, code: str, reason_part: str
) -> None:
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", "date 2020-11-08 " + PROSE)
    rejection, article = read_all(bad, good)
    assert isinstance(rejection, Rejection), rejection
    assert (rejection.code, rejection.where) == (code, str(bad))
    assert reason_part.lower() in rejection.reason.lower()
    assert isinstance(article, Article) and article.date == "2020-11-08"


def test_cp1252_text_is_decoded_with_a_warning(tmp_path: Path) -> None:
    article = only(read_all(write(tmp_path, "latin.txt", f"\x93{PROSE}\x94 caf\xe9".encode("latin-1"))))
    assert isinstance(article, Article)
    assert article.text.startswith("\u201cThe defence") and article.text.endswith("café")
    assert any(w.startswith("[E103]") and "cp1252" in w for w in article.ingest_warnings)


def test_huge_file_is_refused_from_its_size_without_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # a sparse 50 MB file: cheap to make
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"a")
    opened: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self) or original(self))
    rejection = only(read_all(path))
    assert (rejection.code, rejection.where) == ("E104", str(path))
    assert "52,428,800 bytes" in rejection.reason
    assert opened == []


def test_text_just_over_the_character_cap_is_refused(tmp_path: Path) -> None:
    from counterclaim.ingest.guards import MAX_CHARS

    path = write(tmp_path, "long.txt", PROSE + " " + "word " * (MAX_CHARS // 5))
    rejection = only(read_all(path))
    assert rejection.code == "E104" and "characters" in rejection.reason


def test_character_cap_matches_the_spacy_loader() -> None:
    from counterclaim.ingest import guards
    from counterclaim.nlp import loader

    assert guards.MAX_CHARS == loader.MAX_CHARS


def test_csv_bad_rows_are_rejected_one_by_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "rows.csv",
        "text,date,id\n"
        f'"{PROSE}",2020-11-08,1\n'
        '"",2020-11-09,2\n'
        f'"{PROSE} B.",2020-02-30,3\n'
        f'"{PROSE} C.",next week,4\n'
        f'"{PROSE} D.",2099-01-01,5\n'
        f'"{PROSE} E.",,6\n',
    )
    items = read_all(path)
    summary = [
        (type(i).__name__, getattr(i, "code", None), getattr(i, "where", None) or i.source) for i in items
    ]
    assert summary == [
        ("Article", None, f"{path}:row 2"),
        ("Rejection", "E101", f"{path}:row 3"),
        ("Rejection", "E105", f"{path}:row 4"),
        ("Rejection", "E105", f"{path}:row 5"),
        ("Rejection", "E105", f"{path}:row 6"),
        ("Article", None, f"{path}:row 7"),
    ]
    assert items[-1].date_origin == "ingest-time"


def test_jsonl_broken_line_costs_that_line_only(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mixed.jsonl",
        json.dumps({"text": PROSE})
        + "\n"
        + '{"text": "unterminated\n'
        + "[1, 2]\n"
        + json.dumps({"body": PROSE})
        + "\n"
        + json.dumps({"text": 42})
        + "\n"
        + json.dumps({"text": PROSE + " Two."})
        + "\n",
    )
    items = read_all(path)
    codes = [(getattr(i, "code", "ok"), getattr(i, "where", None) or i.source) for i in items]
    assert codes == [
        ("ok", f"{path}:line 1"),
        ("E107", f"{path}:line 2"),
        ("E107", f"{path}:line 3"),
        ("E201", f"{path}:line 4"),
        ("E107", f"{path}:line 5"),
        ("ok", f"{path}:line 6"),
    ]
    assert "invalid JSON" in items[1].reason


def test_renamed_optional_column_that_is_missing_rejects_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", f'text,date\n"{PROSE}",2020-11-08\n')
    rejection = only(read_all(path, columns=ColumnMap(date="published")))
    assert (
        rejection.code == "E201"
        and "'published'" in rejection.reason
        and "'text', 'date'" in rejection.reason
    )


def test_device_behind_a_txt_name_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    rejection = only(read_all(tmp_path))
    assert (rejection.code, rejection.where, rejection.reason) == ("E100", str(link), "not a regular file")


def test_missing_source_is_a_rejection(tmp_path: Path) -> None:
    rejection = only(read_all(tmp_path / "nope.txt"))
    assert rejection.code == "E111" and rejection.where.endswith("nope.txt")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Das Verteidigungsministerium teilte am Dienstag mit, dass seine Truppen nach zweitägigen "
            "Kämpfen die Kontrolle über die Stadt übernommen hätten, was die Rebellen sofort bestritten.",
            "German",
        ),
        (
            "El ministerio de Defensa dijo el martes que sus fuerzas habían tomado el control de la ciudad "
            "tras dos días de combates, algo que los comandantes rebeldes negaron de inmediato.",
            "Spanish",
        ),
        (
            "Savunma Bakanlığı salı günü yaptığı açıklamada, kuvvetlerinin iki günlük çatışmaların ardından "
            "kasabanın kontrolünü ele geçirdiğini söyledi, ancak isyancı komutanlar bu iddiayı "
            "hemen yalanladı.",
            "Turkish",
        ),
        (
            "Ministerstvo obrany v úterý uvedlo, že jeho síly po dvou dnech bojů převzaly kontrolu "
            "nad městem, což velitelé rebelů okamžitě popřeli a uvedli, že boje stále pokračují v okolí.",
            "",
        ),
    ],
)
def test_non_english_prose_is_refused(text: str, language: str) -> None:
    rejection = assemble(Draft(text=text, where="t"), NOW)
    assert isinstance(rejection, Rejection) and rejection.code == "E109"
    assert language in rejection.reason


@pytest.mark.parametrize(
    "text",
    [
        "Killed: Ahmed Hassan, 34, Damascus; Omar Khalil, 22, Aleppo; Yusuf Ali, 45, Homs; Sami Nasser, 19, "
        "Idlib; Karim Haddad, 51, Hama; Rami Saleh, 28, Daraa; Fadi Aziz, 33, Raqqa.",
        "Shusha captured, Aliyev says",  # too short to judge
        PROSE + " Le ministère a démenti.",  # English with a foreign quote
    ],
)
def test_english_that_looks_unusual_is_kept(text: str) -> None:
    assert isinstance(assemble(Draft(text=text, where="t"), NOW), Article)


# --- hostile text is just text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script> <img src=x onerror=alert(1)>",
        "Robert'); DROP TABLE articles;-- and 1=1 OR ''='",
        "{{ config.items() }} ${7*7} `rm -rf /`",
    ],
)
def test_hostile_text_is_kept_verbatim(tmp_path: Path, hostile: str) -> None:
    article = only(read_all(write(tmp_path, "h.txt", f"{PROSE}\n{hostile}\n{PROSE}")))
    assert isinstance(article, Article)
    assert hostile in article.text


# --- folders and stdin ------------------------------------------------------------------------


def test_folder_is_read_recursively_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", PROSE + " B")
    write(tmp_path, "a/z.txt", PROSE + " AZ")
    write(tmp_path, "a/c.txt", PROSE + " AC")
    write(tmp_path, ".hidden.txt", PROSE + " hidden")
    write(tmp_path, ".git/objects.txt", PROSE + " git")
    sources = [a.source for a in read_all(tmp_path)]
    assert sources == [str(tmp_path / "a/c.txt"), str(tmp_path / "a/z.txt"), str(tmp_path / "b.txt")]


def test_stdin_with_a_header() -> None:
    article = only(read_all("-", stdin=io.StringIO("date 2020-11-09\n" + PROSE)))
    assert (article.date, article.date_origin, article.source) == ("2020-11-09", "header", "stdin")


def test_stdin_bytes_are_decoded_and_checked_like_files() -> None:
    class FakeStdin(io.TextIOWrapper):
        pass

    binary = FakeStdin(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), encoding="utf-8")
    rejection = only(read_all("-", stdin=binary))
    assert (rejection.code, rejection.where) == ("E102", "stdin")


def test_same_text_twice_has_the_same_id(tmp_path: Path) -> None:
    one = write(tmp_path, "one.txt", PROSE)
    two = write(tmp_path, "two.txt", "date 2020-01-01\n  " + PROSE.replace(" ", "\n", 3) + "\n")
    first, second = read_all(one, two)
    assert first.id == second.id and first.hash == second.hash
