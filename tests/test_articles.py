"""Reading articles: seeds, formats, encodings, page junk, hostile input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geoclash.articles import ReadProblem, clean_text, read_articles
from geoclash.errors import InvalidOptionError

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


def test_invalid_on_error_lists_the_choices(seeds_dir: Path) -> None:
    with pytest.raises(InvalidOptionError, match="choose one of: raise, warn, skip"):
        read_articles(seeds_dir, on_error="ignore")


def test_clean_text_offsets_are_into_the_returned_text() -> None:
    cleaned = clean_text(" date 2021-11-17 Baku: Shelling hit the village of Sotk today.\n")
    assert cleaned.text == "Baku: Shelling hit the village of Sotk today."
    assert cleaned.dateline == "Baku"
    assert cleaned.published == date(2021, 11, 17)
