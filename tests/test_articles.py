"""Reading articles: seeds, formats, encodings, page junk, hostile input."""

from __future__ import annotations

import csv
import errno
import gc
import json
import os
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoclash.articles import (
    _INVISIBLE_CHARS,
    ReadProblem,
    clean_text,
    decode_bytes,
    iter_articles,
    read_articles,
)
from geoclash.errors import ArticleError, InvalidOptionError, UnreadableInputError

SEED_000 = "000_6f7b32bb2428573d"
SEED_002 = "002_ec113b85368ecbd4"
SEED_004 = "004_e773e224f50095ea"


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict:
    problems: list[ReadProblem] = []
    articles = read_articles(seeds_dir, errors=problems)
    assert problems == []
    return {a.id: a for a in articles}


# --- seeds ------------------------------------------------------------------------------------


def test_seeds_are_read_in_name_order_with_manifest_dates(seeds_dir: Path) -> None:
    articles = read_articles(seeds_dir)
    assert [(a.id, a.published, a.dateline) for a in articles] == [
        (SEED_000, date(2022, 9, 13), None),
        (SEED_002, date(2022, 9, 13), None),
        (SEED_004, date(2021, 11, 17), "Baku"),
    ]
    assert [a.source for a in articles] == [
        str(seeds_dir / f"{name}.txt") for name in (SEED_000, SEED_002, SEED_004)
    ]


def test_seed_004_date_line_sets_published_without_a_manifest(seeds_dir: Path) -> None:
    (article,) = read_articles(seeds_dir / f"{SEED_004}.txt", manifest=None)
    assert article.published == date(2021, 11, 17)
    assert article.text.startswith("Baku: Armenia and Azerbaijan on Tuesday traded accusations")
    assert "date 2021-11-17" not in article.text
    assert article.removed[0].reason == "date-line"
    assert article.removed[0].text == "date 2021-11-17"


@pytest.mark.parametrize(
    "junk",
    [
        "SOURCE: NEWS AGENCIES",
        "Islamabad: Cylinder blast in wedding house leaves eight dead, 11 hurt",
        "- 17 hours ago",
        "Foreign remittances hit record high of $3.6bn in December",
        "Pakistan Navy ships visit Port Sultan Qaboos",
        "Pakistan reiterates support for Somalia's sovereignty, integrity",
        "Iran warns Washington it will retaliate against any attack",
        "Barnwell makes his NFL award picks",
        "Bob Weir, Grateful Dead co-founder and rhythm guitarist, dead at 78",
        "Offseason guide for eliminated NFL teams",
    ],
)
def test_seed_000_loses_its_headline_list(seeds: dict, junk: str) -> None:
    article = seeds[SEED_000]
    assert junk not in article.text
    assert any(junk in span.text for span in article.removed)


def test_seed_000_keeps_one_copy_of_its_repeated_sentence_in_the_body(seeds: dict) -> None:
    article = seeds[SEED_000]
    sentence = "Both sides acknowledged troop casualties but did not confirm numbers."
    assert article.text.count(sentence) == 1
    assert article.text.endswith(sentence)
    assert article.text.startswith("Armenia and Azerbaijan have reported new border clashes")
    assert [(s.line, s.reason) for s in article.removed if s.text == sentence] == [
        (1, "repeated-line")
    ]


@pytest.mark.parametrize(
    ("junk", "reason"),
    [
        ("Related posts", "related-posts"),
        ("Pakistan on the verge of bankruptcy", "related-posts"),
        ("Germany's cyber security chief has links", "related-posts"),
        ("Australia: 800 passengers found corona positive on cruise", "related-posts"),
        ("North Korea violated the 2018 military agreement", "related-posts"),
        ("one killed in firing", "related-posts"),
        ("TAS Staff", "byline"),
        ("This website uses cookies to improve your experience.", "cookie-notice"),
    ],
)
def test_seed_002_loses_related_posts_and_everything_after(
    seeds: dict, junk: str, reason: str
) -> None:
    article = seeds[SEED_002]
    assert junk not in article.text
    assert reason in {s.reason for s in article.removed if junk in s.text}


@pytest.mark.parametrize(
    ("seed", "kept"),
    [
        (SEED_000, "Goris, Sok, and Jermuk"),
        (SEED_000, "Dashkesan, Kelbajar and Lachin"),
        (SEED_000, "trench mortars"),
        (SEED_002, "49 Armenian soldiers"),
        (SEED_002, "after midnight"),
        (SEED_002, "planted mines"),
        (SEED_002, "Azerbaijan’s army attacked after midnight"),
        (SEED_004, "Kelbajar and Lachin"),
        (SEED_004, "four Armenian soldiers were wounded"),
        (SEED_004, "around 30,000 lives."),
    ],
)
def test_incident_sentences_stay(seeds: dict, seed: str, kept: str) -> None:
    assert kept in seeds[seed].text
    assert not any(kept in span.text for span in seeds[seed].removed)


def test_seed_002_title_is_its_headline_and_stays_in_the_text(seeds: dict) -> None:
    article = seeds[SEED_002]
    headline = (
        "Fierce clash between Armenia and Azerbaijan, "
        "49 Armenian soldiers killed in midnight attack"
    )
    assert article.title == headline
    assert article.text.startswith(headline + "\n\n")
    assert seeds[SEED_000].title is None
    assert seeds[SEED_004].title is None


def test_a_related_heading_with_the_story_continuing_below_cuts_only_itself() -> None:
    cleaned = clean_text(
        "Shelling hit Sotk on Tuesday, the ministry said in a statement.\n\n"
        "Related coverage\n"
        "Ceasefire talks stall in Brussels\n\n"
        "Two soldiers were wounded near Jermuk, officials said on Wednesday.\n\n"
        "The ministry said drones and artillery were used against its positions.\n"
    )
    assert [(s.reason, s.text) for s in cleaned.removed] == [
        ("related-posts", "Related coverage"),
        ("related-posts", "Ceasefire talks stall in Brussels"),
    ]
    assert "wounded near Jermuk" in cleaned.text
    assert cleaned.text.endswith("used against its positions.")


@pytest.mark.parametrize(
    ("first_line", "dateline"),
    [
        ("Baku: Armenia and Azerbaijan traded accusations.", "Baku"),
        ("BAKU, Azerbaijan (AP) — Armenia and Azerbaijan traded accusations.", "Baku"),
        ("YEREVAN, Sept 13 (Reuters) - Armenia said 49 soldiers were killed.", "Yerevan"),
        ("NEW DELHI, June 16, 2020 (HW) — Twenty soldiers were killed.", "New Delhi"),
        ("BAKU/YEREVAN, July 14 (Caspian Wire) - Fighting went on.", "Baku/Yerevan"),
        ("Baku, 14 September (Caspian Today). The ministry said 50 were killed.", "Baku"),
        ("BISHKEK. The border service said two guards were wounded.", "Bishkek"),
        ("Update: the ministry said two guards were wounded.", None),
        ("Armenia and Azerbaijan said. Then the shelling stopped.", None),
        ("Baku. The ministry said two guards were wounded.", None),
        ("SOUTH CAUCASUS: THE WEEK IN BRIEF", None),
    ],
)
def test_dateline(first_line: str, dateline: str | None) -> None:
    cleaned = clean_text(first_line + "\n\nThe ministry gave no figures for the wounded today.")
    assert cleaned.dateline == dateline
    assert cleaned.text.startswith(first_line)  # the dateline stays in the text


@pytest.mark.parametrize(
    ("stamp", "published", "reason"),
    [
        ("Tuesday, 11 April 2023", date(2023, 4, 11), "date-line"),
        ("Posted on 17 September 2022 by Aigerim K.", date(2022, 9, 17), "byline"),
        ("Published: Sep 13, 2022 10:45 GMT", date(2022, 9, 13), "date-line"),
        ("13 Sept 2022, 08:15 (GMT+4)", date(2022, 9, 13), "date-line"),
        ("September 13, 2022", date(2022, 9, 13), "date-line"),
        ("Issue 7 | Tuesday 20 February 2024", date(2024, 2, 20), "date-line"),
    ],
)
def test_publication_stamp_in_the_page_head(stamp: str, published: date, reason: str) -> None:
    cleaned = clean_text(
        "ARMENIA TODAY | Politics | Society | Economy | World\n"
        f"{stamp}\n\n"
        "Seven soldiers dead in border shootout near Tegh\n\n"
        "Four Armenian and three Azerbaijani servicemen were killed on Tuesday, officials said.\n",
        find_title=True,
    )
    assert cleaned.published == published
    assert (reason, stamp) in [(s.reason, s.text) for s in cleaned.removed]
    assert cleaned.title == "Seven soldiers dead in border shootout near Tegh"


def test_a_date_inside_the_story_is_not_a_stamp() -> None:
    cleaned = clean_text(
        "Shelling hit Sotk on Tuesday, the ministry said.\n13 September 2022\n"
        "The ministry reported more fighting near the village later in the day.\n"
    )
    assert cleaned.published is None
    assert "13 September 2022" in cleaned.text


def test_site_name_above_the_navigation_bar_is_not_the_title() -> None:
    cleaned = clean_text(
        "Central Asia Monitor\nHome | Kyrgyzstan | Tajikistan | Uzbekistan | About\n\n"
        "Kyrgyzstan and Tajikistan agree truce after day of heavy fighting\n\n"
        "Kyrgyzstan and Tajikistan said on Friday that they had agreed a ceasefire.\n",
        find_title=True,
    )
    assert cleaned.title == "Kyrgyzstan and Tajikistan agree truce after day of heavy fighting"
    assert [s.reason for s in cleaned.removed] == ["boilerplate", "boilerplate"]


def test_photo_captions_and_stamped_headlines_are_junk() -> None:
    cleaned = clean_text(
        "Shelling hit Sotk on Tuesday, the ministry said in a statement.\n\n"
        "[Photo: Residents leave a border village in a convoy of cars. Credit: reader]\n\n"
        "Two soldiers were wounded near Jermuk, officials said on Wednesday.\n"
        "Myanmar: quake survivors still in tents two months on - 2 hours ago\n"
        "The ministry said it had used artillery against the positions, officials said.\n"
    )
    assert [(s.reason, s.line) for s in cleaned.removed] == [
        ("boilerplate", 3),
        ("headline-list", 6),
    ]
    assert "Myanmar" not in cleaned.text
    assert cleaned.text.endswith("against the positions, officials said.")


def test_invalid_on_error_lists_the_choices(seeds_dir: Path) -> None:
    with pytest.raises(InvalidOptionError, match="choose one of: raise, warn, skip"):
        read_articles(seeds_dir, on_error="ignore")


def test_clean_text_offsets_are_into_the_returned_text() -> None:
    cleaned = clean_text(" date 2021-11-17 Baku: Shelling hit the village of Sotk today.\n")
    assert cleaned.text == "Baku: Shelling hit the village of Sotk today."
    assert cleaned.dateline == "Baku"
    assert cleaned.published == date(2021, 11, 17)


# --- formats and encodings --------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixtures(test_data: Path) -> Path:
    return test_data / "articles"


def test_html_page_keeps_the_story_and_drops_the_page_around_it(fixtures: Path) -> None:
    (article,) = read_articles(fixtures / "clash_page.html")
    assert article.id == "clash_page"
    assert article.title == "Border guards trade fire on Kyrgyz-Tajik frontier"
    assert article.published == date(2021, 4, 29)  # article:published_time in the page
    assert article.dateline == "Bishkek"
    for kept in ("Kok-Tash", "two of its officers were wounded", "Chorkuh", "ceasefire"):
        assert kept in article.text
    for junk in (
        "Almaty metro",
        "hours ago",
        "Three killed in mountain road accident",
        "Related posts",
        "cookies",
        "All rights reserved",
        "Home",
        "Water talks between Bishkek and Dushanbe",
    ):
        assert junk not in article.text


def test_html_junk_inside_the_article_body_is_removed_and_recorded(fixtures: Path) -> None:
    (article,) = read_articles(fixtures / "wordpress_inline_junk.html")
    assert article.dateline == "New Delhi"
    assert "Twenty Indian soldiers were killed" in article.text
    assert [(s.reason, s.text) for s in article.removed] == [
        ("boilerplate", "Share this:"),
        ("boilerplate", "Facebook Twitter WhatsApp"),
        ("related-posts", "Related posts"),
        ("related-posts", "Monsoon arrives early in Kerala, says weather office"),
        ("byline", "HW Staff"),
        ("related-posts", "Cricket board postpones domestic season"),
        ("byline", "HW Staff"),
        (
            "cookie-notice",
            "We use cookies on this website to give you the best experience. Accept",
        ),
    ]
    assert not any(span.text in article.text for span in article.removed)
    assert {span.line for span in article.removed} == {0}  # no line numbers in HTML


@pytest.mark.parametrize(
    ("name", "expected_start", "kept"),
    [
        pytest.param(
            "clash_cp1251.txt",
            "Ереван, 13 сентября. Министерство обороны Армении",
            "Гориса, Сотка и Джермука",
            id="cp1251-russian",
        ),
        pytest.param(
            "clash_latin1.txt",
            "Des gardes-frontières kirghizes et tadjiks ont échangé",
            "deux de ses agents ont été blessés",
            id="latin1-french",
        ),
        pytest.param(
            "clash_utf16.txt",
            "NEW DELHI (HW) — Twenty Indian soldiers were killed",
            "stones and clubs",
            id="utf16-bom",
        ),
    ],
)
def test_legacy_encodings_are_detected(
    fixtures: Path, name: str, expected_start: str, kept: str
) -> None:
    (article,) = read_articles(fixtures / name)
    assert article.text.startswith(expected_start)
    assert kept in article.text
    assert "\ufffd" not in article.text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Des tirs près de Kok-Tash; deux blessés.", "cp1252"),
        ("Grüße aus Köln, Straße", "cp1252"),
        ("Obstrzał w pobliżu granicy, dwóch żołnierzy zginęło", "cp1250"),
        ("Обстрел у Джермука", "cp1251"),
        ("边境冲突造成两名士兵死亡，国防部表示周二发生交火。", "gbk"),
        ("国境で衝突、兵士二人が死亡したと国防省が発表した。", "shift_jis"),
    ],
    ids=["french", "german", "polish", "russian", "chinese", "japanese"],
)
def test_short_legacy_texts_decode_to_what_was_written(text: str, encoding: str) -> None:
    # One line with a few accented letters gives a detector little evidence: "près" must not
    # come back as Big5 or cp1250.
    assert decode_bytes(text.encode(encoding))[0] == text


def test_cp1251_source_line_and_latin1_read_also_link_are_junk(fixtures: Path) -> None:
    ru, fr = read_articles([fixtures / "clash_cp1251.txt", fixtures / "clash_latin1.txt"])
    assert [(s.reason, s.text) for s in ru.removed] == [
        ("source-credit", "Источник: информационные агентства")
    ]
    assert [s.text for s in fr.removed] == ["Lire aussi : la saison des récoltes débute à Och"]


def test_utf16_file_with_date_line(fixtures: Path) -> None:
    (article,) = read_articles(fixtures / "clash_utf16.txt")
    assert article.published == date(2020, 6, 16)
    assert article.dateline == "New Delhi"


def test_jsonl_corpus_keeps_every_good_record_around_broken_ones(fixtures: Path) -> None:
    problems: list[ReadProblem] = []
    articles = read_articles(fixtures / "corpus.jsonl", errors=problems, on_error="skip")
    path = fixtures / "corpus.jsonl"
    assert [(a.id, a.source, a.published) for a in articles] == [
        ("th-kh-1", f"{path}#1", date(2011, 2, 5)),
        ("corpus#2", f"{path}#2", None),
        ("7", f"{path}#7", None),
    ]
    first = articles[0]
    assert first.title == "Thai and Cambodian troops exchange fire near temple"
    assert first.url == "https://example.org/news/th-kh-1"
    assert first.publisher == "Mekong Desk"
    assert [str(p) for p in problems] == [
        f"{path}#4: invalid JSON at column 68 (invalid control character), skipped",
        f"{path}#5: record has no 'text', skipped",
        f"{path}#6: not a JSON object but a list, skipped",
        f"{path}#7: published 'yesterday' is not a date (expected YYYY-MM-DD); date ignored",
    ]


def test_csv_corpus_with_a_short_row(fixtures: Path) -> None:
    problems: list[ReadProblem] = []
    path = fixtures / "corpus.csv"
    articles = read_articles(path, errors=problems, on_error="skip")
    assert [(a.id, a.title, a.published, a.url) for a in articles] == [
        ("kg-1", "Clash at Kok-Tash", date(2021, 4, 29), "https://example.org/kg-1"),
        ("corpus#3", None, None, None),
    ]
    assert [str(p) for p in problems] == [
        f"{path}#2: row has 2 of 5 columns; no 'text' value, skipped"
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_csv_delimiter_is_taken_from_the_header(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "sheet.csv"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(
            [["id", "title", "text"], ["r1", "Tir", "Des tirs près de Kok-Tash; deux blessés."]]
        )
    (article,) = read_articles(path, on_error="raise")
    assert (article.id, article.title) == ("r1", "Tir")
    assert article.text == "Des tirs près de Kok-Tash; deux blessés."


def test_csv_without_a_text_column_is_one_problem(fixtures: Path) -> None:
    problems: list[ReadProblem] = []
    path = fixtures / "missing_text.csv"
    assert read_articles(path, errors=problems, on_error="skip") == []
    assert [str(p) for p in problems] == [
        f"{path}: CSV has no 'text' column (columns: id, title, body); name the article body "
        "column 'text', skipped"
    ]


def test_fixture_folder_reads_everything_readable(fixtures: Path) -> None:
    problems: list[ReadProblem] = []
    articles = read_articles(fixtures, errors=problems, on_error="skip")
    assert [a.id for a in articles] == [
        "clash_cp1251",
        "clash_latin1",
        "clash_page",
        "clash_utf16",
        "kg-1",
        "corpus#3",
        "th-kh-1",
        "corpus#2",
        "7",
        "wordpress_inline_junk",
    ]
    assert [(Path(p.source.split("#")[0]).name, p.skipped) for p in problems] == [
        ("corpus.csv", True),
        ("corpus.jsonl", True),
        ("corpus.jsonl", True),
        ("corpus.jsonl", True),
        ("corpus.jsonl", False),
        ("empty.txt", True),
        ("missing_text.csv", True),
    ]


def test_dataframe_input() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "id": ["a", None],
            "text": ["Shelling hit Sotk on Tuesday, officials said.", float("nan")],
            "published": [pd.Timestamp("2022-09-13"), pd.NaT],
        }
    )
    problems: list[ReadProblem] = []
    articles = read_articles(frame, errors=problems, on_error="skip")
    assert [(a.id, a.published, a.source) for a in articles] == [
        ("a", date(2022, 9, 13), "<DataFrame>#1")
    ]
    assert [str(p) for p in problems] == ["<DataFrame>#2: record has no 'text', skipped"]


def test_dataframe_without_text_column() -> None:
    import pandas as pd

    problems: list[ReadProblem] = []
    assert read_articles(pd.DataFrame({"body": ["x"]}), errors=problems, on_error="skip") == []
    assert [str(p) for p in problems] == [
        "<DataFrame>: DataFrame has no 'text' column (columns: body), skipped"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"Shelling near Jermuk wounded two soldiers, the ministry said.\n",
            [("stdin", "<stdin>")],
            id="text",
        ),
        pytest.param(
            b'{"id": "s1", "text": "Two soldiers were wounded near Jermuk."}\nnot json\n'
            b'{"text": "Mortar fire hit Sotk."}\n',
            [("s1", "<stdin>#1"), ("stdin#3", "<stdin>#3")],
            id="jsonl",
        ),
        pytest.param(
            b"<html><body><article><p>Artillery fire hit positions near Goris overnight, "
            b"the defence ministry said in a statement on Tuesday morning.</p></article>"
            b"</body></html>",
            [("stdin", "<stdin>")],
            id="html",
        ),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles = read_articles("-", on_error="skip")
    assert [(a.id, a.source) for a in articles] == expected
    assert all("<" not in a.text for a in articles)


# --- metadata precedence ----------------------------------------------------------------------


def test_published_precedence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2021-11-17 Shelling hit Sotk, officials said today.\n")
    (tmp_path / "b.txt").write_text("Shelling hit Sotk, officials said today.\n")
    (tmp_path / "c.txt").write_text("Shelling hit Jermuk, officials said today.\n")
    (tmp_path / "manifest.csv").write_text(
        "file,published,url,publisher\n"
        "a.txt,2000-01-01,,\n"  # the date line in the text wins over the manifest
        "b.txt,2022-09-13,https://example.org/b,Example News\n"
    )
    (tmp_path / "d.jsonl").write_text(
        '{"text": "Shelling hit Goris, officials said.", "published": "2020-10-01T08:00:00Z"}\n'
    )
    articles = read_articles(tmp_path, published="1999-12-31")
    assert [(a.id, a.published, a.url, a.publisher) for a in articles] == [
        ("a", date(2021, 11, 17), None, None),
        ("b", date(2022, 9, 13), "https://example.org/b", "Example News"),
        ("c", date(1999, 12, 31), None, None),  # the default, as nothing else gives a date
        ("d#1", date(2020, 10, 1), None, None),  # the record's own field wins
    ]


def test_manifest_argument_overrides_the_folder_manifest(tmp_path: Path, seeds_dir: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(f"file,published\n{SEED_000}.txt,2022-09-14\n")
    article = read_articles(seeds_dir / f"{SEED_000}.txt", manifest=other)[0]
    assert article.published == date(2022, 9, 14)


def test_missing_manifest_argument_is_an_error(tmp_path: Path, seeds_dir: Path) -> None:
    with pytest.raises(UnreadableInputError, match=r"manifest .*nope.csv does not exist"):
        read_articles(seeds_dir, manifest=tmp_path / "nope.csv")


def test_bad_published_default_lists_the_format(seeds_dir: Path) -> None:
    with pytest.raises(InvalidOptionError, match="'13/09/2022' is not a date; give"):
        read_articles(seeds_dir, published="13/09/2022")


# --- hostile input ----------------------------------------------------------------------------


def _hostile(tmp_path: Path) -> dict[str, Path]:
    """Broken inputs beside one good file; binary content is written here, not committed."""
    paths = {
        "nul": tmp_path / "nul.txt",
        "noise": tmp_path / "noise.txt",
        "png": tmp_path / "picture.txt",
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "nobody": tmp_path / "nobody.html",
        "deep": tmp_path / "deep.html",
        "junk": tmp_path / "junk_only.txt",
        "loop": tmp_path / "loop.txt",
        "dangling": tmp_path / "dangling.txt",
        "fifo": tmp_path / "pipe.txt",
        "good": tmp_path / "zz_good.txt",
    }
    paths["nul"].write_bytes(b"Shelling\x00near\x00Goris" * 20)
    # Control bytes but no NUL: 8-bit codecs would decode it, so it must be caught as binary.
    paths["noise"].write_bytes(bytes(b for b in range(1, 256) for _ in range(8)))
    paths["png"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8)
    paths["empty"].write_bytes(b"")
    paths["blank"].write_text("  \n\t\n \n")
    paths["nobody"].write_text("<html><head></head></html>")
    paths["deep"].write_text("<div>" * 50_000 + "Shelling near Goris." + "</div>" * 50_000)
    paths["junk"].write_text("Related posts\n- 3 hours ago\nTAS Staff\n")
    paths["loop"].symlink_to("loop.txt")
    paths["dangling"].symlink_to("no-such-target.txt")
    os.mkfifo(paths["fifo"])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    paths["good"].write_text("Mortar fire hit a checkpoint near Kok-Tash, officials said.\n")
    return paths


HOSTILE_REASONS = [
    ("blank.txt", "empty file"),
    ("dangling.txt", r"dangling symlink \(its target does not exist\)"),
    ("deep.html", "HTML page has no text"),
    ("empty.txt", "empty file"),
    ("junk_only.txt", "no article text left after removing page junk"),
    ("loop.txt", "symlink loop"),
    ("nobody.html", "HTML page has no text"),
    # Which of the two binary checks fires first depends on charset-normalizer's verdict.
    ("noise.txt", r"binary (file \(mostly non-text bytes\)|or undecodable file .*)"),
    ("nul.txt", r"binary file \(NUL bytes\)"),
    ("picture.txt", r"binary (file \(mostly non-text bytes\)|or undecodable file .*)"),
    ("pipe.txt", r"not a regular file \(a FIFO, socket or device\)"),
    ("up", r"symlink loop \(points back to a parent\)"),
]


def test_hostile_folder_gives_one_line_per_problem_and_reads_the_rest(tmp_path: Path) -> None:
    _hostile(tmp_path)
    problems: list[ReadProblem] = []
    articles = read_articles(tmp_path, errors=problems, on_error="skip")
    assert [a.id for a in articles] == ["zz_good"]
    got = sorted((Path(p.source).name, p.reason) for p in problems)
    assert [name for name, _ in got] == [name for name, _ in HOSTILE_REASONS]
    for (_, reason), (_, pattern) in zip(got, HOSTILE_REASONS, strict=True):
        assert re.fullmatch(pattern, reason), reason
    assert all("\n" not in str(p) and str(p).endswith(", skipped") for p in problems)


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("nul", ArticleError, "nul.txt: binary file (NUL bytes)"),
        ("empty", ArticleError, "empty.txt: empty file"),
        ("loop", UnreadableInputError, "loop.txt: symlink loop"),
        ("dangling", UnreadableInputError, "dangling.txt: dangling symlink"),
        ("fifo", UnreadableInputError, "pipe.txt: not a regular file"),
    ],
)
def test_on_error_raise(tmp_path: Path, name: str, error: type, message: str) -> None:
    paths = _hostile(tmp_path)
    problems: list[ReadProblem] = []
    with pytest.raises(error, match=re.escape(message)):
        read_articles([paths[name], paths["good"]], on_error="raise", errors=problems)
    assert len(problems) == 1  # recorded before raising


def test_missing_path_and_directory_argument(tmp_path: Path) -> None:
    problems: list[ReadProblem] = []
    (tmp_path / "empty_dir").mkdir()
    assert read_articles([tmp_path / "nope.txt", tmp_path / "empty_dir"], errors=problems) == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nope.txt'}: no such file or folder, skipped",
        f"{tmp_path / 'empty_dir'}: folder holds no article files (.txt, .html, .jsonl, .csv), "
        "skipped",
    ]


def test_on_error_warn_logs_one_line_per_problem(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    paths = _hostile(tmp_path)
    with caplog.at_level("WARNING", logger="geoclash.articles"):
        articles = read_articles([paths["nul"], paths["good"]], on_error="warn")
    assert [a.id for a in articles] == ["zz_good"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{paths['nul']}: binary file (NUL bytes), skipped"
    ]


def test_on_error_skip_is_silent(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    paths = _hostile(tmp_path)
    with caplog.at_level("DEBUG", logger="geoclash.articles"):
        read_articles([paths["nul"], paths["good"]], on_error="skip")
    assert caplog.records == []


def test_permission_denied_reason() -> None:
    # Tests run as root, which reads anything, so the errno mapping is checked directly; the
    # unreadable paths a root user does meet (FIFOs, loops, dangling links) are tested above.
    from geoclash.articles import _os_reason

    assert _os_reason(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    assert _os_reason(OSError(errno.ELOOP, "Too many levels")) == "symlink loop"


def test_utf16_jsonl_is_refused_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "Shelling hit Sotk."}\n'.encode("utf-16"))
    problems: list[ReadProblem] = []
    assert read_articles(path, errors=problems, on_error="skip") == []
    assert [p.reason for p in problems] == ["binary or UTF-16 file; JSON Lines must be UTF-8 text"]


# --- streaming and speed ----------------------------------------------------------------------


def _peak_bytes(path: Path) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_articles(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count > 0
    return peak


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_corpora_stream_in_constant_memory(tmp_path: Path, suffix: str) -> None:
    text = "Shelling hit positions near Sotk on Tuesday, the ministry said. " * 20
    for n in (200, 2000):
        path = tmp_path / f"c{n}.{suffix}"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            if suffix == "jsonl":
                for i in range(n):
                    fh.write(json.dumps({"id": str(i), "text": text}) + "\n")
            else:
                writer = csv.writer(fh)
                writer.writerow(["id", "text"])
                writer.writerows([str(i), text] for i in range(n))
    small, large = (
        _peak_bytes(tmp_path / f"c200.{suffix}"),
        _peak_bytes(tmp_path / f"c2000.{suffix}"),
    )
    # Ten times the records, (nearly) the same peak: nothing accumulates per record.
    assert large < 1.2 * small + 64 * 1024, (small, large)


def test_iter_articles_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "Mortar fire hit Kok-Tash, officials said."}\n')
    stream = iter_articles(path)
    first = next(stream)
    assert first.id == "c#1"
    with open(path, "a") as fh:  # written after the first record was yielded
        fh.write('{"text": "A second report arrived later, officials said."}\n')
    assert [a.id for a in stream] == ["c#2"]


MEGABYTE = 1_000_000


def _megabyte(unit: str) -> str:
    return (unit * (MEGABYTE // len(unit) + 1))[:MEGABYTE]


# Inputs built to make a careless pattern backtrack: long lines, near misses of the junk
# patterns (bylines, datelines, timestamps, source credits), punctuation runs, no newlines.
ADVERSARIAL = {
    "one long line": "a" * MEGABYTE,
    "no newlines, words": _megabyte("Shelling near Goris "),
    "repeated punctuation": _megabyte("!?.,;:-—()[]{}\"'|•·"),
    "open parentheses": "(" * MEGABYTE,
    "long byline-like line": _megabyte("By Aa Aa Aa "),
    "byline-like lines": _megabyte("By Aa " + "Aa " * 50 + "x\n"),
    "dateline-like line": "BAKU, Azerbaijan, Sept 13 (" + "A" * MEGABYTE,
    "colon dateline-like": _megabyte("Baku ") + ":",
    "timestamps": _megabyte("- 1 hours ago\n"),
    "related headings amid story": _megabyte("Related posts\nShelling hit Sotk, they said.\n"),
    "pipes": _megabyte("a | "),
    "pipe lines": _megabyte("a | b | c | d " * 10 + "\n"),
    "cookie lines": _megabyte("cookie site " * 40 + "\n"),
    "source-like lines": _megabyte("Source: " + "a " * 70 + "\n"),
    "date tokens": _megabyte("date 2021-11-17 "),
    "control characters": _megabyte("\x01\x02\x0b\x0c\r\u200b"),
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_one_megabyte_of_adversarial_text_is_cleaned_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    clean_text(text, find_title=True)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"{elapsed:.2f}s"


def _best_of_three(text: str) -> float:
    # The garbage collector is paused while timing: its full passes over the growing number of
    # live objects are CPython's, not the cleaner's, and made the ratio swing past the bound.
    times = []
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            clean_text(text, find_title=True)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


@pytest.mark.parametrize(
    "make",
    [lambda n: "x\n" * n, lambda n: "".join(f"{i}\n" for i in range(n))],
    ids=["repeated tiny lines", "distinct tiny lines"],
)
def test_tiny_lines_are_cleaned_in_linear_time(make: Callable[[int], str]) -> None:
    # Not a backtracking risk but the most lines a megabyte can hold (every line costs a few
    # microseconds of Python, every removed one a RemovedSpan): four times the lines must cost
    # about four times as much, far from the sixteen of a quadratic pass.
    small, large = _best_of_three(make(35_000)), _best_of_three(make(140_000))
    assert large < 8 * small, (small, large)
    assert large < 4.0, large


def test_a_file_too_large_for_one_article_is_refused_without_reading_it_all(
    tmp_path: Path,
) -> None:
    from geoclash.articles import MAX_ARTICLE_BYTES

    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:  # sparse: large on paper, cheap to make
        fh.truncate(MAX_ARTICLE_BYTES * 10)
    problems: list[ReadProblem] = []
    assert read_articles(path, errors=problems, on_error="skip") == []
    assert [p.reason for p in problems] == [
        "200.0 MiB is too large for one article (limit 20 MiB); split it, or give a "
        ".jsonl/.csv corpus"
    ]


@pytest.mark.slow
def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Shelling hit Sotk, report {i} said.\n")
    start = time.perf_counter()
    articles = read_articles(tmp_path)
    elapsed = time.perf_counter() - start
    assert [a.id for a in articles[:2]] == ["00000", "00001"]
    assert len(articles) == 10_000
    assert elapsed < 20, elapsed


# --- fuzzing ----------------------------------------------------------------------------------

# Text made of the pieces junk rules look for, so the fuzzer reaches the rules, not just noise.
_PIECES = st.sampled_from(
    [
        "Related posts",
        "- 17 hours ago",
        "TAS Staff",
        "By Jane Doe",
        "SOURCE: NEWS AGENCIES",
        "This website uses cookies. Accept",
        "Read more",
        "date 2022-09-13 ",
        "BAKU, Azerbaijan (AP) — ",
        "Baku: ",
        "Shelling hit Sotk on Tuesday, the ministry said.",
        "Facebook Twitter",
        "\n",
        "\n\n",
        "\r\n",
        " | ",
        "\xa0",
        "\u200b",
        "\x00",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=400), st.lists(st.one_of(_PIECES, st.text(max_size=20))).map("".join)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.booleans())
def test_clean_text_never_fails_and_only_removes_whole_lines(raw: str, find_title: bool) -> None:
    cleaned = clean_text(raw, find_title=find_title)
    visible = re.sub(f"[{re.escape(_INVISIBLE_CHARS)}]", "", raw)
    lines = re.split(r"[\r\n\x0b\x0c\x85\u2028\u2029]", visible)
    normalised = {" ".join(line.split()) for line in lines}
    for line in cleaned.text.split("\n"):
        if line:
            # Each kept line is an input line (the date token may be cut from the first one).
            assert any(line in n for n in normalised if n), line
    assert cleaned.text == cleaned.text.strip()
    assert "\n\n\n" not in cleaned.text
    if cleaned.title is not None:
        assert cleaned.text.startswith(cleaned.title)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_says_why_not(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except ArticleError as err:
        assert "\n" not in str(err)
    else:
        assert text.strip()
        assert encoding


_FILE_BYTES = st.one_of(
    st.binary(max_size=600),
    _TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(
        st.sampled_from(
            [
                b'{"text": "Shelling hit Sotk."}\n',
                b'{"text": 5}\n',
                b"{broken\n",
                b"text,id\n",
                b'"Mortar fire, near Goris",1\n',
                b"<html><body><p>Drone strike near Jermuk, the ministry said.</p></body></html>",
                b"<div>" * 300,
                b"\xff\xfe",
                b"\x00",
                b"\n",
            ]
        )
    ).map(b"".join),
)


@settings(max_examples=200, deadline=None)
@given(_FILE_BYTES, st.sampled_from([".txt", ".html", ".jsonl", ".csv"]))
def test_any_file_gives_articles_or_one_line_problems(data: bytes, suffix: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        problems: list[ReadProblem] = []
        articles = read_articles(path, errors=problems, on_error="skip")
    for article in articles:
        assert article.text.strip()
        assert article.source is not None and article.source.startswith(str(path))
    for problem in problems:
        assert "\n" not in str(problem)
        assert problem.source.startswith(str(path))
