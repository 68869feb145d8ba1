"""The extractor's fast paths match exactly where the patterns they stand in for match."""

from __future__ import annotations

import pytest

from geoclash import extractor as ex
from geoclash import lexicon as lx

SENTENCES = [
    "Azerbaijan’s Defence Ministry said Armenian forces shelled its positions near Tovuz.",
    "“Two soldiers were killed,” the ministry said on Tuesday — a spokesman for the army added.",
    "The Armenian army said [Azerbaijani] troops fired on the Republic of Armenia’s border posts.",
    "Prime Minister Nikol Pashinyan accused Azerbaijan of aggression by Baku's forces in 2020.",
    "XArmenia Armenia-Azerbaijan Armenians, Armenia's, ARMENIA SAID: killed KILLED",
]
# Characters that match a lower-case letter only case-insensitively: ſ (s), K (Kelvin sign, k),
# ı and İ (i). A sentence holding one takes the slow path.
UNSAFE = ["The miniſtry ſaid two were killed.", "Armenia KILLED İnjured the mınistry said"]


@pytest.mark.parametrize("text", SENTENCES, ids=range(len(SENTENCES)))
def test_plain_twins_match_at_the_same_offsets(text: str) -> None:
    low = ex._folded(text)
    assert low is not None
    pairs = [
        (ex._SAY_RX, ex._SAY_PLAIN),
        (ex._HISTORY_RX, ex._HISTORY_PLAIN),
        (ex._PRONOUN_CLAIM_RX, ex._PRONOUN_CLAIM_PLAIN),
        (ex._LEADER_RX, ex._LEADER_PLAIN),
        (ex._ANY_INSTITUTION, ex._ANY_INSTITUTION_PLAIN),
        *zip(
            (rx for rx, _ in ex._INSTITUTIONS),
            (rx for rx, _ in ex._INSTITUTIONS_PLAIN),
            strict=True,
        ),
        *((lx.compiled(p), ex._plain_compiled(p)) for p in lx.EVENT_PATTERNS.values()),
    ]
    for rx, twin in pairs:
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in twin.finditer(low)]


@pytest.mark.parametrize("text", UNSAFE, ids=["long-s", "kelvin-dotted-i"])
def test_text_whose_case_folding_differs_takes_the_slow_path(text: str) -> None:
    assert ex._folded(text) is None
    assert ex._SAY_RX.search(text)  # the IGNORECASE pattern still finds "ſaid" / "said"


def test_plain_twin_refuses_a_pattern_with_capitals() -> None:
    with pytest.raises(ValueError, match="upper-case"):
        ex._plain(ex._ACTOR_RX)


@pytest.mark.parametrize("text", SENTENCES + UNSAFE, ids=range(len(SENTENCES + UNSAFE)))
def test_candidate_scan_gives_finditer_matches(text: str) -> None:
    for rx, first in ((ex._COUNTRY_RX, ex._COUNTRY_FIRST), (ex._ACTOR_RX, ex._ACTOR_FIRST)):
        expected = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in ex._scan(rx, first, text)] == expected


def test_candidate_scan_skips_candidates_inside_words_and_before_hyphens() -> None:
    found = ex._scan(ex._COUNTRY_RX, ex._COUNTRY_FIRST, SENTENCES[4])
    assert [m.group() for m in found] == ["Armenians", "Armenia's"]
