"""Hostile text: every regex-based step runs in bounded time, and fuzzed input never breaks
reading -> extraction -> GeoJSON (valid output, evidence offsets inside the article)."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoclash.articles import clean_text, read_articles
from geoclash.export import to_geojson
from geoclash.extractor import extract, extract_reports
from geoclash.gazetteer import Gazetteer
from geoclash.records import Article
from geoclash.sentences import split_sentences
from geoclash.timex import find_times

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REPORTS = ROOT / "tests" / "data" / "reports"
MEGABYTE = 1_000_000
#: Seconds one step may take on a megabyte (linear steps take well under one).
BOUND = 5.0

# Each unit is repeated to a megabyte with no newline: one endless "paragraph".
ADVERSARIAL = {
    "capitals": "ARMENIAN AZERBAIJANI FORCES SHELLED GORIS SOTK JERMUK ",
    "digits-with-commas": "1,000,000,000,000,",
    "at-least": "at least ",
    "quotes": '"\'\u201c\u201d\u00ab\u00bb" ',
    "districts-of": "of the districts of ",
    "control-characters": "\x00\x01\x02\x0b\x0c\x1b\u200b\u202e\ufeff",
    "abbreviations": "Mr. A. B. C. 1. 2. ",
    "one-long-word": "a" * 4000 + "1",
    "dates": "September 13 2022 13.09.2022 on Monday night ",
    "mixed": 'Sotk Goris Jermuk, 12 soldiers killed at least at least 3,4,5 "on September 13" ',
}


def _megabyte(unit: str) -> str:
    return (unit * (MEGABYTE // len(unit) + 1))[:MEGABYTE]


def _steps() -> dict[str, object]:
    gz = Gazetteer.default()
    day = date(2022, 9, 13)
    return {
        "split_sentences": split_sentences,
        "find_times": lambda text: find_times(text, day),
        "clean_text": clean_text,
        "extract_reports": lambda text: extract_reports(
            Article(id="hostile", text=text, published=day), gz
        ),
    }


@pytest.mark.slow
@pytest.mark.parametrize("step", ["split_sentences", "find_times", "clean_text"])
@pytest.mark.parametrize("unit", list(ADVERSARIAL), ids=list(ADVERSARIAL))
def test_a_megabyte_of_adversarial_text_runs_in_bounded_time(unit: str, step: str) -> None:
    run = _steps()[step]
    text = _megabyte(ADVERSARIAL[unit])
    started = time.perf_counter()
    run(text)  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    assert elapsed < BOUND, f"{step} took {elapsed:.1f} s on a megabyte of {unit!r}"


@pytest.mark.slow
@pytest.mark.parametrize("unit", list(ADVERSARIAL), ids=list(ADVERSARIAL))
def test_extraction_time_grows_linearly_on_adversarial_text(unit: str) -> None:
    """The whole extractor is not fast (benchmarks/bench_extract.py measures it), so its bound
    is its own growth: four times the text may take at most ten times as long (linear work
    takes four, with room for a busy machine; one quadratic pattern takes sixteen or far more).
    The quarter is timed twice and the faster run kept. A hard cap catches hangs."""
    run = _steps()["extract_reports"]
    timings = []
    for size in (MEGABYTE // 4, MEGABYTE // 4, MEGABYTE):
        text = _megabyte(ADVERSARIAL[unit])[:size]
        started = time.process_time()
        run(text)  # type: ignore[operator]
        timings.append(time.process_time() - started)
    quarter, full = min(timings[:2]), timings[2]
    assert full < 120, f"extract_reports took {full:.1f} s on a megabyte of {unit!r}"
    assert full < 10 * max(quarter, 0.05), (
        f"extract_reports on {unit!r}: {quarter:.2f} s for 250 kB but {full:.2f} s for 1 MB"
    )


# --- fuzzing ---------------------------------------------------------------------------------

_SENTENCES = [
    "Azerbaijani forces shelled the villages of Sotk, Goris and Jermuk on September 13, "
    "killing at least 49 Armenian soldiers, the Ministry of Defence of Armenia said.",
    "Two Azerbaijani servicemen were wounded near Tovuz on Monday night, Baku said.",
    "BAKU, Nov 16 (Reuters) - Armenian troops fired on positions in the Kalbajar district.",
    '<script>alert(1)</script> =HYPERLINK("http://x") onerror=alert(2)',
    "Six Armenian soldiers were captured near Norabak, according to the ministry.",
]
_NOISE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=80
)
_SEPARATORS = [" ", "\n", "  ", "\n\n"]


def _join(parts: list[str]) -> str:
    return "".join(p + _SEPARATORS[i % len(_SEPARATORS)] for i, p in enumerate(parts))


_TEXT = st.lists(st.one_of(st.sampled_from(_SENTENCES), _NOISE), min_size=1, max_size=8).map(_join)


def _check_geojson(text: str) -> None:
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry is None or ("type" in geometry and "coordinates" in geometry)


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(_TEXT, min_size=1, max_size=3), as_jsonl=st.booleans())
def test_fuzzed_articles_give_valid_geojson_and_offsets_inside_the_article(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], as_jsonl: bool
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    if as_jsonl:
        path = folder / "corpus.jsonl"
        lines = [json.dumps({"id": f"a{i}", "text": t, "published": "2022-09-13"}) for i, t in
                 enumerate(texts)]  # fmt: skip
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        inputs: list[Path] = [path]
    else:
        inputs = []
        for i, t in enumerate(texts):
            p = folder / f"a{i}.txt"
            p.write_text(t, encoding="utf-8", errors="surrogatepass")
            inputs.append(p)
    articles = read_articles(inputs, published="2022-09-13", on_error="skip")
    gz = Gazetteer.default()
    for article in articles:
        for report in extract_reports(article, gz):
            for e in report.evidence:
                assert 0 <= e.start <= e.end <= len(article.text)
                assert article.text[e.start : e.end] == e.text
            for p in report.places:
                assert article.text[p.start : p.end] == p.text
    incidents = extract(articles, gz)
    lengths = {a.id: len(a.text) for a in articles}
    for row in incidents.reports.itertuples():
        if row.evidence_start is not None and row.evidence_start == row.evidence_start:
            assert 0 <= row.evidence_start <= row.evidence_end <= lengths[row.article_id]
    _check_geojson(to_geojson(incidents))


def test_a_figure_too_large_for_any_toll_is_no_casualty_count() -> None:
    # found by the fuzzer: a 20-digit figure before "Two ... were wounded" overflowed Int64
    text = (
        "Azerbaijani forces shelled the villages of Sotk, Goris and Jermuk on September 13, "
        "killing at least 49 Armenian soldiers, the Ministry of Defence of Armenia said.\n\n"
        "20000000000000000000 Two Azerbaijani servicemen were wounded near Tovuz on Monday "
        "night, Baku said.\n"
    )
    article = Article(id="big", text=text, published=date(2022, 9, 13))
    incidents = extract([article], Gazetteer.default())
    assert incidents.reports["killed"].max() == 49
    assert all(
        c["count"] is None or c["count"] <= 100_000_000
        for cs in incidents.reports["casualties"]
        for c in cs
    )
