"""Toponym spotting: which spans of an article may name a place, and by what evidence."""

from __future__ import annotations

import pytest

from geoclash.gazetteer import Gazetteer
from geoclash.spot import MAX_RUN_WORDS, _runs, spot_cue_names, spot_toponyms


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def spotted(text: str, gz: Gazetteer) -> list[tuple[str, str, str | None]]:
    return [(text[s.start : s.end], s.kind, s.hint) for s in spot_toponyms(text, gz)]


def test_seed_sentence_list_after_a_feature_noun(gz: Gazetteer) -> None:
    text = (
        "Azerbaijan launched intensive shelling, with the use of artillery and large-caliber "
        "firearms, against Armenian positions in the direction of the cities of Goris, Sok "
        "and Jermuk"
    )
    assert spotted(text, gz) == [
        ("Goris", "list", "city"),
        ("Sok", "list", "city"),  # the list says it is a city, whatever "Sok" resolves to
        ("Jermuk", "list", "city"),
        ("Goris", "run", None),
        ("Sok", "run", None),
        ("Jermuk", "run", None),
    ]


def test_names_before_a_feature_noun_and_the_corridor(gz: Gazetteer) -> None:
    text = "Fire was opened in the Kelbajar and Lachin districts and near the Lachin corridor."
    assert [x for x in spotted(text, gz) if x[1] == "suffix"] == [
        ("Kelbajar", "suffix", "district"),
        ("Lachin", "suffix", "district"),
        ("Lachin corridor", "suffix", "corridor"),
    ]


def test_a_list_after_a_locative_word_keeps_its_unknown_items(gz: Gazetteer) -> None:
    text = "Shells fell near Vardenis, Sotk, Qwertyville and Goris overnight."
    assert [x[0] for x in spotted(text, gz) if x[1] == "cue-list"] == [
        "Vardenis",
        "Sotk",
        "Qwertyville",
        "Goris",
    ]


def test_landmarks_are_not_towns(gz: Gazetteer) -> None:
    text = "Troops clashed in the Galwan Valley and near the Hakari bridge on Monday."
    kinds = {x[0]: x[1] for x in spotted(text, gz)}
    assert kinds["Galwan"] == "landmark"
    assert kinds["Hakari"] == "landmark"


def test_capitalised_words_that_are_not_places_are_not_spotted(gz: Gazetteer) -> None:
    text = "President Vladimir Putin met the Defence Ministry in Moscow on Tuesday."
    names = [x[0] for x in spotted(text, gz)]
    assert names == ["Moscow"]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("iPhone Goris", [(7, "Goris")]),  # a capital inside a word starts nothing
        ("été Goris Été", [(4, "Goris Été")]),  # a lower-case non-ASCII word is no capital
        ("Goris été Jermuk", [(0, "Goris"), (10, "Jermuk")]),
        ("5Goris and 'Sotk' x-Lachin", [(1, "Goris"), (12, "Sotk")]),
        ("Şuşa and Kəlbəcər", [(0, "Şuşa"), (9, "Kəlbəcər")]),
        ("Nagorno-Karabakh's army", [(0, "Nagorno-Karabakh's")]),
        # punctuation outside ASCII starts no word and joins no run
        ("Foo “Goris” — Jermuk", [(0, "Foo"), (5, "Goris"), (14, "Jermuk")]),
        ("€Goris Jermuk «Sotk»", [(1, "Goris Jermuk"), (15, "Sotk")]),
    ],
)
def test_runs_of_capitalised_words(text: str, runs: list[tuple[int, str]]) -> None:
    assert _runs(text) == runs


def test_a_very_long_run_is_cut_so_work_stays_linear() -> None:
    text = " ".join(["Goris"] * (3 * MAX_RUN_WORDS + 5))
    runs = _runs(text)
    assert [len(r.split(" ")) for _, r in runs] == [MAX_RUN_WORDS] * 3 + [5]
    assert all(text[at : at + len(r)] == r for at, r in runs)


def test_spotting_is_the_same_whatever_was_spotted_before(gz: Gazetteer) -> None:
    # names and runs are memoised per gazetteer: a second pass and a fresh gazetteer agree
    text = "Azerbaijani forces shelled Jermuk, Goris and the Lachin corridor on Tuesday."
    first = spot_toponyms(text, gz)
    assert spot_toponyms(text, gz) == first
    assert spot_toponyms(text, Gazetteer(world=False)) == first


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit the districts of Kelbajar and Lachin.",
        "Shelling hit the Districts Of Kelbajar and Lachin.",
        "SHELLING HIT THE DISTRICTS OF Kelbajar and Lachin.",
        "Shelling hit (districts of Kelbajar and Lachin).",
        "İzmir reported that shelling hit the districts of Kelbajar and Lachin.",
    ],
    ids=["lower", "title", "upper", "bracket", "dotted-capital-i"],
)
def test_a_feature_noun_list_is_found_in_any_case(text: str, gz: Gazetteer) -> None:
    listed = [x[:2] for x in spotted(text, gz) if x[1] == "list"]
    assert listed == [("Kelbajar", "list"), ("Lachin", "list")]


def test_stop_words_are_justexts_english_list_read_without_importing_it() -> None:
    import justext

    from geoclash.spot import _justext_stoplist

    assert _justext_stoplist("English") == justext.get_stoplist("English")
    assert _justext_stoplist("No Such Language") == frozenset()


def test_one_unknown_name_after_a_locative_word_is_spotted(gz: Gazetteer) -> None:
    # the report can then say which name no gazetteer knew; days, bodies, people and
    # known places are left to the other kinds (or to nothing)
    text = (
        "Patrols scuffled near Qwertyvale on Monday and in Thursday's fighting at the "
        "Defence Ministry, and again in Goris."
    )
    assert [(text[s.start : s.end], s.kind) for s in spot_cue_names(text, 0, len(text), gz)] == [
        ("Qwertyvale", "cue")
    ]
    # a sentence of a longer text: only its own span is looked at
    start = text.index("and in")
    assert spot_cue_names(text, start, len(text), gz) == []


def test_a_lake_and_a_front_are_landmarks(gz: Gazetteer) -> None:
    text = "Fighting on the Qwerty central front spread to the shore of Zyxw lake."
    kinds = {x[0]: x[1] for x in spotted(text, gz)}
    assert kinds["Qwerty"] == "landmark"
    assert kinds["Zyxw"] == "landmark"
