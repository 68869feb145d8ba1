"""The extractor's fast paths match exactly where the patterns they stand in for match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoclash import extractor as ex
from geoclash import lexicon as lx
from geoclash._rx import (
    WordIndex,
    anchor_starts,
    may_match,
    prefix_strings,
    required_strings,
    scan_at,
)
from geoclash.sentences import Sentence, split_sentences

ROOT = Path(__file__).resolve().parent.parent

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
        *zip(
            (rx for rx, _ in ex._INSTITUTIONS),
            (rx for rx, _ in ex._INSTITUTIONS_PLAIN),
            strict=True,
        ),
        *((lx.compiled(p), ex._plain_compiled(p)) for p in lx.EVENT_PATTERNS.values()),
        *zip(ex._ROLE_CUES, ex._ROLE_CUES_PLAIN, strict=True),
        (ex._PAST_NEAR, ex._PAST_NEAR_PLAIN),
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


CASUALTY_SENTENCES = [
    "At least 49 Armenian soldiers were killed and 12 others were wounded, Pashinyan said.",
    "Two Azerbaijani servicemen were wounded; an unknown number of Armenian troops died.",
    "11 civilians and one soldier have been killed, and the death toll rose to 13.",
    "Azerbaijan said it had lost 50 troops, and Kyrgyz border guards suffered heavy losses.",
]


@pytest.mark.parametrize("text", CASUALTY_SENTENCES, ids=range(len(CASUALTY_SENTENCES)))
def test_casualty_twins_find_what_their_patterns_find(text: str) -> None:
    # the twins lower-case the patterns' country names ("Armenian" -> "armenian")
    low = ex._folded(text)
    assert low is not None
    hits = 0
    for rx in ex._CASUALTY_PATTERNS:
        twin = ex._CASUALTY_TWINS[id(rx)]
        expected = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in ex._scan(rx, twin, text, low)] == expected
        hits += len(expected)
    assert hits  # every sentence holds a casualty phrase some pattern finds


def test_plain_twin_lowers_literals_but_not_escapes_or_group_names() -> None:
    import re

    twin = ex._plain(re.compile(r"(?P<Side>Armenian)\s\S+\b(?P=Side)", re.IGNORECASE))
    assert twin.pattern == r"(?P<Side>armenian)\s\S+\b(?P=Side)"
    assert not twin.flags & re.IGNORECASE


INSTITUTION_PHRASES = [
    "the defence ministry said", "Ministry of Defense", "foreign minister", "interior ministry",
    "Ministry of Internal Affairs", "the Security Council", "State Border Guard Service",
    "border troops", "frontier service", "the prime minister", "the premier", "PM Pashinyan",
    "presidential administration", "health ministry", "Ministry of Public Health",
    "the authorities", "prosecutor's office", "police", "government", "cabinet", "officials",
    "the army", "armed forces", "military", "Defence Army", "troops",
]  # fmt: skip


@pytest.mark.parametrize("phrase", INSTITUTION_PHRASES)
def test_institution_word_gates_let_every_match_through(phrase: str) -> None:
    low = phrase.lower()
    matched = [inst for rx, inst in ex._INSTITUTIONS_PLAIN if rx.search(low)]
    assert matched  # the phrase names some institution
    for inst in matched:
        assert any(w in low for w in ex._INSTITUTION_WORDS[inst]), inst


HISTORY_PHRASES = [
    "since the end of the war", "for decades", "for years", "centuries", "previously",
    "in the past", "the six-week war", "the 44-day war", "a war in 2020", "the 2020 war",
    "last year's war", "the first war", "two wars", "the ensuing conflict",
    "when the Soviet Union collapsed",
]  # fmt: skip


@pytest.mark.parametrize("phrase", HISTORY_PHRASES)
def test_history_word_gate_lets_every_history_phrase_through(phrase: str) -> None:
    low = phrase.lower()
    assert ex._HISTORY_PLAIN.search(low)
    assert any(w in low for w in ex._HISTORY_WORDS)


@pytest.mark.parametrize(
    "phrase",
    ["the first deadly clash in decades", "the worst fighting since their 2020 war",
     "the most serious escalation in years", "the deadliest since the 2020 ceasefire"],
)  # fmt: skip
def test_comparison_word_gate_lets_every_comparison_through(phrase: str) -> None:
    low = phrase.lower()
    assert ex._COMPARISON_PLAIN.search(low)
    assert any(w in low for w in ex._COMPARISON_WORDS)


@pytest.mark.parametrize("text", SENTENCES + CASUALTY_SENTENCES + ["landmines, a mine and mines-x"])
def test_lexicon_patterns_found_through_unbounded_twins_match_finditer(text: str) -> None:
    low = text.lower()
    patterns = [p for p, _ in lx.WEAPONS] + list(lx.EVENT_PATTERNS.values())
    for pattern in patterns:
        expected = [m.span() for m in ex._plain_compiled(pattern).finditer(low)]
        assert [m.span() for m in ex._lexicon_matches(pattern, low)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "It said the attack began at dawn.",
        "They also claimed two posts were destroyed.",
        "According to the ministry, the shelling stopped at noon.",
        "“Claiming victory is premature,” he added.",
        "Adding that the border was calm, the officer left.",
        "Its spokeswoman Anna Naghdalyan gave no figures.",
        "The ministry's spokesman declined to comment.",
    ],
)
def test_a_sentence_carrying_a_claim_on_passes_the_word_gate(text: str) -> None:
    low = ex._folded(text)
    assert low is not None
    assert ex._PRONOUN_CLAIM_PLAIN.search(low)
    says = list(ex._SAY_PLAIN.finditer(low))
    assert says or "spokes" in low or low.lstrip('"“').startswith(("claiming", "adding"))


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\b(?:said|says|say)\b", ("said", "say")),  # "says" holds "say": one check serves
        (r"(?<![\w,])(?:at least )?\d+ (?:soldiers )?killed", ("killed",)),
        (r"shell(?:ing|ed|s)\b|bombard\w*", ("bombard", "shelled", "shelling", "shells")),
        (r"(?:cross(?:ed|ing)?|violat(?:ed|ing)) the (?:state )?border", ("border",)),
        (r"\bpm\b|premier", ()),  # two letters screen nothing out
        (r"(?:the )?\w+", ()),  # a match may hold no fixed text at all
    ],
)
def test_required_strings_are_the_text_every_match_holds(
    pattern: str, needs: tuple[str, ...]
) -> None:
    assert required_strings(re.compile(pattern)) == needs


def test_a_case_insensitive_pattern_has_no_literal_gate() -> None:
    assert required_strings(re.compile("killed", re.IGNORECASE)) == ()
    assert may_match((), "anything")


def _gated_patterns() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    gated = [(kind, rx, gate.needs) for kind, rx, gate in ex._EVENT_PLAIN]
    gated.append(("passive", ex._CASUALTY_TWINS[id(ex._PASSIVE_RX)], ex._PASSIVE_NEEDS))
    gated.append(("any weapon", ex._plain_compiled(ex._ANY_WEAPON), ex._WEAPON_NEEDS))
    gated.append(("both sides", ex._BOTH_RX, ex._BOTH_NEEDS))
    gated.append(("leader", ex._LEADER_PLAIN, ex._LEADER_NEEDS))
    gated += [(name, ex._plain_compiled(p), ex._WEAPON_PATTERN_NEEDS[p]) for p, name in lx.WEAPONS]
    return gated


def test_literal_gates_let_every_match_through() -> None:
    # every match of a gated pattern in the seeds, the test reports and the sentences above
    # holds one of the strings its gate looks for
    files = [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "data" / "reports").iterdir()]
    texts = [p.read_text(encoding="utf-8").lower() for p in files if p.suffix in (".txt", ".html")]
    texts += [t.lower() for t in SENTENCES + CASUALTY_SENTENCES]
    checked = 0
    for low in texts:
        for name, rx, needs in _gated_patterns():
            for m in rx.finditer(low):
                checked += 1
                assert may_match(needs, m.group()), (name, m.group())
    assert checked > 100


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("In the 2020 war that killed more than 6,600 people, shelling hit Goris.", True),
        ("Shelling killed two soldiers since the end of the war.", True),
        ("Shelling killed two soldiers near Goris on Tuesday.", False),
        ("Ceasefire talks failed; shelling killed two soldiers.", False),  # another clause
    ],
)
def test_a_casualty_phrase_near_a_past_war_is_history(text: str, history: bool) -> None:
    at = text.index("killed")
    assert ex._history_near(text, at, at + len("killed")) is history


def _seed_and_report_texts() -> list[str]:
    files = [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "data" / "reports").iterdir()]
    return [p.read_text(encoding="utf-8") for p in files if p.suffix in (".txt", ".html")]


def test_the_word_index_finds_in_each_sentence_what_substring_checks_find() -> None:
    gates = [g for name, g in vars(ex).items() if name.endswith("_GATE")]
    gates += [g for _, _, g in ex._EVENT_PLAIN]
    gates += [*ex._INSTITUTION_GATES.values(), *ex._WEAPON_PATTERN_GATES.values()]
    texts = [*_seed_and_report_texts(), " ".join(SENTENCES + CASUALTY_SENTENCES)]
    checked = 0
    for text in texts:
        sentences = split_sentences(text)
        low = text.lower()
        assert len(low) == len(text)
        present = ex._GATE_WORDS.by_span(low, [(s.start, s.end) for s in sentences])
        for s, words in zip(sentences, present, strict=True):
            for gate in gates:
                assert gate.passes(words, s.text.lower()) == gate.passes(None, s.text.lower())
                checked += gate.passes(words, s.text.lower())
    assert checked > 500


def test_a_word_across_a_sentence_boundary_is_in_neither_sentence() -> None:
    # "... the border was shelled." + "Killed were two." must not make "shelled killed" words
    index = WordIndex(["was shelled", "shelled. killed", "killed"])
    text = "the border was shelled. killed were two."
    assert [
        sorted(index.words[i] for i in ws) for ws in index.by_span(text, [(0, 23), (24, 40)])
    ] == [
        ["was shelled"],
        ["killed"],
    ]


def test_time_gates_cover_every_group_of_needs() -> None:
    from geoclash.timex import TIME_NEEDS

    assert all(1 <= len(groups) <= 2 for groups in TIME_NEEDS.values())
    assert [k for k, _, _ in ex._TIME_GATES] == list(TIME_NEEDS)


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, 13 September 2022, shelling began after midnight.",
        "Last week and last month, since May 2021, two days ago: 2022-09-13.",
        "The summary was released yesterday, on Sept. 12.",
    ],
)
def test_times_found_through_the_word_index_are_the_times_found_alone(text: str) -> None:
    from datetime import date

    from geoclash.timex import find_times

    low = text.lower()
    words = ex._GATE_WORDS.by_span(low, [(0, len(text))])[0]
    kinds = [k for k, a, b in ex._TIME_GATES if words & a and (b is None or words & b)]
    published = date(2022, 9, 13)
    assert find_times(text, published, low, kinds) == find_times(text, published)
    assert find_times(text, published)


def test_actors_found_at_indexed_country_words_are_the_actors_found_by_scanning() -> None:
    texts = [
        *_seed_and_report_texts(),
        " ".join(SENTENCES + CASUALTY_SENTENCES),
        "The [Azerbaijani] forces and the Republic of Armenia's army; ARMENIA, Armenians' posts.",
        "xArmenian troops, Armenia-Azerbaijan border, Nagorno-Karabakh's Defence Army fired.",
    ]
    checked = 0
    for text in texts:
        for s, located in _located(text):
            expected = ex._find_actors(s.text)
            assert ex._find_actors(s.text, anchor_starts(located, "country")) == expected, s.text
            checked += len(expected)
    assert checked > 100


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"\b(?:said|says|say)\b", ("said", "say")),  # where "says" starts, "say" does
        (r"(?<![\w-])(?:clash\w*|fighting)", ("clash", "fighting")),
        (r"\b(?P<last>last |previous )?(?P<wd>monday|tuesday)\b",
         ("last monday", "last tuesday", "monday", "previous mon", "previous tue", "tuesday")),
        (r"defen[cs]e minist(?:ry|er)", ("defence mini", "defense mini")),
        (r"(?:at least )?\d+ killed", ()),  # a match may start with any digit
        (r"\w+ing", ()),
    ],
)  # fmt: skip
def test_prefix_strings_are_what_every_match_starts_with(
    pattern: str, starts: tuple[str, ...]
) -> None:
    assert prefix_strings(re.compile(pattern)) == starts


def _located(text: str) -> list[tuple[Sentence, dict[str, list[int]]]]:
    """Each sentence of ``text`` with where the word index found its anchors' words start."""
    sentences = split_sentences(text)
    _, where = ex._GATE_WORDS.locate(text.lower(), [(s.start, s.end) for s in sentences])
    return list(zip(sentences, where, strict=True))


def _anchor_texts() -> list[str]:
    texts = [*_seed_and_report_texts(), " ".join(SENTENCES + CASUALTY_SENTENCES)]
    # the same words where the index and the patterns might disagree: at sentence and line
    # ends, inside longer words, in capitals, overlapping each other
    texts += [
        "Saidsaid said. Shelling,shelled-shellings; LAST TUESDAY last tuesday's tuesdays",
        'He said:\n"killed two" Killed killing, wounded-wounding Defence Ministry\'s drones',
        "lastlast monday previous monday; in 2020, since 2021 in 19999 Sept 13 sep 1st",
    ]
    return texts


def test_anchored_patterns_match_exactly_where_they_match_unanchored() -> None:
    # every anchored pattern, tried only where the index found a word its matches start
    # with, gives the very matches (spans and groups) of a scan of the whole sentence
    assert len(ex._GATE_WORDS.anchors) > 40
    checked = 0
    for text in _anchor_texts():
        assert len(text.lower()) == len(text)
        for s, located in _located(text):
            slow = s.text.lower()
            for name, rx in ex._ANCHORED.items():
                if name not in ex._GATE_WORDS.anchors:
                    continue
                expected = [(m.span(), m.groups()) for m in rx.finditer(slow)]
                found = [
                    (m.span(), m.groups()) for m in scan_at(rx, anchor_starts(located, name), slow)
                ]
                assert found == expected, (name, s.text)
                checked += len(expected)
    assert checked > 300


def test_the_patterns_that_run_on_most_sentences_are_anchored() -> None:
    names = ["say", "leader", "both", "target", *(f"event {k}" for k in lx.EVENT_PATTERNS)]
    names += [f"time {k}" for k in ("weekday", "month-day", "yesterday", "today", "year")]
    assert set(names) <= ex._GATE_WORDS.anchors
    assert ex._CASUALTY_ANCHORS.get(id(ex._ACTIVE_RX)) in ex._GATE_WORDS.anchors


def test_casualty_patterns_tried_at_indexed_figures_match_where_they_match_unanchored() -> None:
    # _PAIR_RX, _PASSIVE_RX and _SHORT_RX are tried only where a figure or qualifier starts
    # (or, for the last two, at a space right before one)
    texts = [
        *_anchor_texts(),
        " ".join(CASUALTY_SENTENCES),
        "Dead: 5 soldiers were killed. ( two soldiers and 3 civilians were killed) — a man died",
        "Someone said\u00a0\tsix people were killed; an estimated 1,200 residents were injured.",
        "Some 40 troops and an officer were wounded, over 12 villagers were abducted.",
    ]
    checked = 0
    for text in texts:
        for s, located in _located(text):
            slow = ex._folded(s.text)
            if slow is None:
                continue
            for rx in (ex._PAIR_RX, ex._PASSIVE_RX, ex._SHORT_RX):
                spaced = ex._FIGURE_ANCHORED[id(rx)]
                twin = ex._CASUALTY_TWINS[id(rx)]
                at = ex._figure_starts(located, slow, spaced)
                expected = [(m.span(), m.groups()) for m in rx.finditer(s.text)]
                found = [(m.span(), m.groups()) for m in scan_at(rx, at, s.text, twin, slow)]
                assert found == expected, s.text
                checked += len(expected)
    assert checked > 30


def test_offences_found_through_the_word_index_are_the_offences_found_by_scanning() -> None:
    texts = [
        *_anchor_texts(),
        "Pakistani shelling killed two. [Azerbaijani] artillery and drone strikes hit Tegh.",
        "xArmenian shelling; Armenian-fired rockets; the Thai air strikes, Cambodian fire.",
    ]
    checked = 0
    for text in texts:
        for s, located in _located(text):
            if ex._folded(s.text) is None:
                continue
            actors = ex._find_actors(s.text, anchor_starts(located, "country"))
            expected = ex._find_offence(s.text, actors)
            assert ex._find_offence(s.text, actors, located) == expected, s.text
            checked += expected is not None
    assert checked > 10
