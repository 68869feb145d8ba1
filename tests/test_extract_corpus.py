"""The extractor against the hand-checked test corpus (``tests/data/reports/expected.json``).

Each article in ``tests/data/reports/`` (and the three seeds) was written down by hand: which
reports a careful analyst takes from it (one per event per claimant), with their actors, event
type, date, incident places, casualties and weapons; which numbers in the text are not
casualties; which names are not incident places; which names stay unresolved; and which
reports of several articles describe the same event. The expectations come from reading the
texts, not from extractor output; where a run disagreed, the text was read again and an
expectation changed only for a reason stated in ``tests/data/README.md`` (the conventions).

A field left out of an expected report is not checked. Places are compared on the keys each
expected place gives (``text`` is the name as written, ``location`` the gazetteer's name).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import geoclash

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path(__file__).resolve().parent / "data" / "reports"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))

SEED_CASES: list[dict[str, Any]] = EXPECTED["seeds"]
ARTICLE_CASES: list[dict[str, Any]] = EXPECTED["articles"]
ALL_CASES: list[dict[str, Any]] = SEED_CASES + ARTICLE_CASES
BY_FILE: dict[str, dict[str, Any]] = {c["file"]: c for c in ALL_CASES}
SEED_FILES = {c["file"] for c in SEED_CASES}

SCALAR_FIELDS = (
    "claimant",
    "actor1",
    "actor2",
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
)
REQUIRED_FIELDS = ("claimant", "actor1", "event_type", "event_date", "time_precision", "places",
                   "casualties")  # fmt: skip
INCIDENT_ROLES = {"incident", "incident-area"}


# --- reading and extracting -------------------------------------------------------------------


def _path(file: str) -> Path:
    return (SEEDS if file in SEED_FILES else CORPUS) / file


def _article_id(file: str) -> str:
    return Path(file).stem


def _read(files: Sequence[str]) -> list[geoclash.Article]:
    """Read the files as a user would: seeds through ``seeds/manifest.csv``, the rest with the
    publication date the expectations give (a .txt has no date of its own)."""
    articles: list[geoclash.Article] = []
    for file in files:
        if file in SEED_FILES:
            articles += geoclash.read_articles([_path(file)])
        else:
            articles += geoclash.read_articles([_path(file)], published=BY_FILE[file]["published"])
    return articles


@functools.cache
def _extracted(files: tuple[str, ...]) -> tuple[list[geoclash.Article], geoclash.Incidents]:
    articles = _read(files)
    return articles, geoclash.extract(articles)


def _none_if_na(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _actual_reports(incidents: geoclash.Incidents, article_id: str) -> list[dict[str, Any]]:
    """The reports of one article in the expectations' shape."""
    reports = incidents.reports
    places = incidents.to_geodataframe()
    out = []
    for row in reports[reports["article_id"] == article_id].to_dict("records"):
        rid = row["report_id"]
        event_date = _none_if_na(row["event_date"])
        weapons = _none_if_na(row["weapons"])
        casualties = _none_if_na(row["casualties"])
        if isinstance(casualties, str):
            casualties = json.loads(casualties)
        own_places = places[(places["report_id"] == rid) & places["role"].isin(INCIDENT_ROLES)]
        out.append(
            {
                "report_id": rid,
                "incident_id": _none_if_na(row["incident_id"]),
                **{k: _none_if_na(row[k]) for k in SCALAR_FIELDS if k != "event_date"},
                "event_date": None
                if event_date is None
                else pd.Timestamp(event_date).date().isoformat(),
                "places": [
                    {
                        "text": _none_if_na(p["location_text"]),
                        "role": _none_if_na(p["role"]),
                        "location": _none_if_na(p["location"]),
                        "country": _none_if_na(p["country"]),
                        "geo_precision": None
                        if _none_if_na(p["geo_precision"]) is None
                        else int(p["geo_precision"]),
                    }
                    for p in own_places.to_dict("records")
                ],
                "casualties": [
                    {
                        "side": c["side"],
                        "kind": c["kind"],
                        "count": None if _none_if_na(c.get("count")) is None else int(c["count"]),
                        "qualifier": c["qualifier"],
                    }
                    for c in (casualties or [])
                ],
                "weapons": []
                if not weapons
                else [w.strip() for w in weapons.split(";") if w.strip()],
                "evidence": _none_if_na(row.get("evidence")),
            }
        )
    return out


# --- comparing --------------------------------------------------------------------------------


def _casualty_key(c: dict[str, Any]) -> tuple[Any, ...]:
    return (c["side"], c["kind"], c["count"], c["qualifier"])


def _places_match(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> bool:
    """True when the places pair up one to one, each expected place agreeing with its partner
    on every key it gives."""
    if len(expected) != len(actual):
        return False

    def agrees(e: dict[str, Any], a: dict[str, Any]) -> bool:
        return all(a.get(k) == v for k, v in e.items())

    def pair(i: int, used: frozenset[int]) -> bool:
        if i == len(expected):
            return True
        return any(
            j not in used and agrees(expected[i], a) and pair(i + 1, used | {j})
            for j, a in enumerate(actual)
        )

    return pair(0, frozenset())


def _mismatches(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """What differs between an expected report and an actual one (empty when they agree)."""
    diffs = []
    for key in SCALAR_FIELDS:
        if key in expected and expected[key] != actual[key]:
            diffs.append(f"{key}: expected {expected[key]!r}, got {actual[key]!r}")
    if "places" in expected and not _places_match(expected["places"], actual["places"]):
        diffs.append(f"places: expected {expected['places']!r}, got {actual['places']!r}")
    if "casualties" in expected:
        want = sorted(map(_casualty_key, expected["casualties"]), key=repr)
        got = sorted(map(_casualty_key, actual["casualties"]), key=repr)
        if want != got:
            diffs.append(f"casualties: expected {want!r}, got {got!r}")
    if "weapons" in expected and set(expected["weapons"]) != set(actual["weapons"]):
        diffs.append(
            f"weapons: expected {sorted(expected['weapons'])!r}, got {sorted(actual['weapons'])!r}"
        )
    return diffs


def _assign(
    expected: list[dict[str, Any]], actual: list[dict[str, Any]]
) -> tuple[list[int | None], list[list[str]]]:
    """Pair each expected report with a distinct actual report of the same claimant and actor1,
    choosing the pairing with the fewest differences.

    Returns the index of the partner of each expected report (None when no report of that
    claimant and actor1 is left) and the differences of each pair.
    """
    options = [
        [
            j
            for j, a in enumerate(actual)
            if a["claimant"] == e["claimant"] and a["actor1"] == e["actor1"]
        ]
        for e in expected
    ]
    costs = {(i, j): _mismatches(e, actual[j]) for i, e in enumerate(expected) for j in options[i]}
    missing = 100  # an unmatched expected report costs more than any set of field differences
    best: tuple[int, list[int | None]] = (missing * (len(expected) + 1), [])

    def search(i: int, used: frozenset[int], chosen: list[int | None], cost: int) -> None:
        nonlocal best
        if cost >= best[0]:
            return
        if i == len(expected):
            best = (cost, list(chosen))
            return
        for j in options[i]:
            if j not in used:
                search(i + 1, used | {j}, [*chosen, j], cost + len(costs[i, j]))
        search(i + 1, used, [*chosen, None], cost + missing)

    search(0, frozenset(), [], 0)
    pairing = best[1]
    diffs = [
        ["no actual report with this claimant and actor1"] if j is None else costs[i, j]
        for i, j in enumerate(pairing)
    ]
    return pairing, diffs


def _describe(expected: dict[str, Any]) -> str:
    return f"{expected['claimant']!r} / {expected['actor1']!r} on {expected['event_date']}"


def _summary(actual: list[dict[str, Any]]) -> str:
    lines = []
    for a in actual:
        shown = {k: a[k] for k in ("claimant", "actor1", "actor2", "event_type", "sub_event_type",
                                    "event_date", "time_precision", "places", "casualties",
                                    "weapons")}  # fmt: skip
        lines.append(f"  {a['report_id']}: {shown}")
    return "\n".join(lines) or "  (no reports)"


def _paired(
    case: dict[str, Any], incidents: geoclash.Incidents
) -> tuple[list[dict[str, Any] | None], list[list[str]], list[dict[str, Any]]]:
    """The actual report paired with each expected report (None when there is none), the
    differences of each pair, and all the actual reports of the article."""
    actual = _actual_reports(incidents, _article_id(case["file"]))
    pairing, diffs = _assign(case["reports"], actual)
    return [None if j is None else actual[j] for j in pairing], diffs, actual


def _matched(case: dict[str, Any], incidents: geoclash.Incidents) -> list[dict[str, Any]]:
    """The actual report paired with each expected report; fails with the differences."""
    partners, diffs, actual = _paired(case, incidents)
    problems = [
        f"- {_describe(e)}:\n    " + "\n    ".join(d)
        for e, d in zip(case["reports"], diffs, strict=True)
        if d
    ]
    assert not problems, (
        f"{case['file']}: expected reports not found as written\n"
        + "\n".join(problems)
        + f"\nactual reports:\n{_summary(actual)}"
    )
    return [a for a in partners if a is not None]


def _incident_ids_by_label(
    files: Sequence[str], incidents: geoclash.Incidents
) -> dict[str, set[str]]:
    """Incident ids of the reports paired with each expected ``incident`` label.

    Linking is judged on its own: a report paired by claimant and actor1 counts even when
    another field of it is wrong (that is test_expected_reports' business), but an expected
    report with no partner at all fails here too.
    """
    by_label: dict[str, set[str]] = {}
    missing = []
    for file in files:
        case = BY_FILE[file]
        partners, _, _ = _paired(case, incidents)
        for e, a in zip(case["reports"], partners, strict=True):
            if a is None:
                missing.append(f"{file}: {_describe(e)}")
            else:
                by_label.setdefault(e["incident"], set()).add(a["incident_id"])
    assert not missing, f"expected reports missing: {missing}"
    return by_label


def _ids(cases: list[dict[str, Any]]) -> list[str]:
    return [c["file"] for c in cases]


# --- the expectations themselves ---------------------------------------------------------------

EVENT_TYPES = {
    "Battles": {"Armed clash"},
    "Explosions/Remote violence": {
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
    },
    "Strategic developments": {"Arrests", "Other"},
    "Violence against civilians": {"Attack"},
}
COUNTRIES = (
    "Armenia|Azerbaijan|Kyrgyzstan|Tajikistan|India|China|Thailand|Cambodia|Nagorno-Karabakh"
    "|Pakistan|Afghanistan|Russia|Eritrea|Ethiopia"
)
ACTOR = re.compile(
    rf"^(?:Military Forces of (?:{COUNTRIES})|Police Forces of (?:{COUNTRIES})"
    rf"|Civilians \((?:{COUNTRIES})\)|Nagorno-Karabakh Defence Army)$"
)
SIDE = re.compile(rf"{ACTOR.pattern}|^(?:{COUNTRIES})$")
CLAIMANT = re.compile(
    r"^(?:(?:Ministry of Defence|Ministry of Foreign Affairs|Ministry of Interior"
    r"|Ministry of Health|Prime Minister|President|Government|Border Service|Military Forces"
    r"|Security Council"
    rf"|Authorities) of (?:{COUNTRIES})|Nagorno-Karabakh Defence Army)$"
)
WEAPONS = {
    "drones", "artillery", "large-calibre firearms", "small arms", "firearms",
    "weapons of various calibres", "mortars", "trench mortars", "multiple rocket launchers",
    "rockets", "missiles", "tanks", "armoured vehicles", "mines", "grenades", "machine guns",
    "sniper rifles", "fighter jets", "clubs", "stones",
}  # fmt: skip


def test_every_corpus_file_has_expectations() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"}}
    assert on_disk == {c["file"] for c in ARTICLE_CASES}
    assert all((SEEDS / c["file"]).is_file() for c in SEED_CASES)
    assert len(ARTICLE_CASES) >= 14
    assert sum(f.endswith(".html") for f in on_disk) >= 3
    assert any(f.startswith("xss_") for f in on_disk)


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_expectations_use_the_vocabulary(case: dict[str, Any]) -> None:
    """Guards the hand-written file against typos: a misspelt actor would fail forever."""
    date.fromisoformat(case["published"])
    labels = set()
    for r in case["reports"]:
        assert set(REQUIRED_FIELDS) <= set(r), r
        assert r.get("incident"), f"every report needs an incident label: {r}"
        assert r["claimant"] is None or CLAIMANT.match(r["claimant"]), r["claimant"]
        assert ACTOR.match(r["actor1"]), r["actor1"]
        assert r.get("actor2") is None or ACTOR.match(r["actor2"]), r["actor2"]
        assert r["event_type"] in EVENT_TYPES, r["event_type"]
        assert r.get("sub_event_type") in EVENT_TYPES[r["event_type"]] | {None}, r
        date.fromisoformat(r["event_date"])
        assert r["time_precision"] in {"day", "week", "month", "unknown"}
        for p in r["places"]:
            # a place may leave its role open ("the Uri sector": town or area), not misspell it
            assert p.get("role", "incident") in INCIDENT_ROLES, p
            assert p.get("geo_precision", 1) in {1, 2, 3}, p
            names = {p.get("text", "").casefold(), p.get("location", "").casefold()}
            assert not names & {n.casefold() for n in case["not_places"]}, p
        for c in r["casualties"]:
            assert SIDE.match(c["side"]), c
            assert c["kind"] in {"killed", "wounded", "captured"}, c
            assert c["qualifier"] in {"exact", "at least", "more than", "about", "unknown"}, c
            assert (c["count"] is None) == (c["qualifier"] == "unknown"), c
            assert c["count"] not in case["not_casualty_numbers"], c
        assert set(r.get("weapons", [])) <= WEAPONS, r["weapons"]
        labels.add(r.get("incident"))
    for other in case["linked_with"]:
        assert case["file"] in BY_FILE[other]["linked_with"], (case["file"], other)
        assert labels & {r.get("incident") for r in BY_FILE[other]["reports"]}, other


# --- the extractor against them ----------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_publication_date(case: dict[str, Any]) -> None:
    articles, _ = _extracted((case["file"],))
    assert [a.published for a in articles] == [date.fromisoformat(case["published"])]


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_expected_reports(case: dict[str, Any]) -> None:
    _, incidents = _extracted((case["file"],))
    _matched(case, incidents)


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_number_of_reports(case: dict[str, Any]) -> None:
    """Earlier events mentioned in passing may be reports of their own or left out; nothing
    else may add a report (no headline list, no history, no repeated claim)."""
    _, incidents = _extracted((case["file"],))
    actual = _actual_reports(incidents, _article_id(case["file"]))
    low = len(case["reports"])
    high = low + len(case.get("optional_reports", []))
    assert low <= len(actual) <= high, f"{len(actual)} reports:\n{_summary(actual)}"


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_numbers_that_are_not_casualties(case: dict[str, Any]) -> None:
    _, incidents = _extracted((case["file"],))
    actual = _actual_reports(incidents, _article_id(case["file"]))
    wrong = [
        (a["report_id"], c)
        for a in actual
        for c in a["casualties"]
        if c["count"] is not None and c["count"] in case["not_casualty_numbers"]
    ]
    assert not wrong


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_names_that_are_not_incident_places(case: dict[str, Any]) -> None:
    _, incidents = _extracted((case["file"],))
    actual = _actual_reports(incidents, _article_id(case["file"]))
    banned = {n.casefold() for n in case["not_places"]}
    wrong = [
        (a["report_id"], p)
        for a in actual
        for p in a["places"]
        if (p["location"] or "").casefold() in banned or (p["text"] or "").casefold() in banned
    ]
    assert not wrong


@pytest.mark.parametrize(
    "case",
    [c for c in ALL_CASES if c["unresolved"]],
    ids=_ids([c for c in ALL_CASES if c["unresolved"]]),
)
def test_names_that_stay_unresolved(case: dict[str, Any]) -> None:
    """Places no gazetteer knows are reported as unresolved, not snapped to a far-away name."""
    _, incidents = _extracted((case["file"],))
    unresolved = incidents.unresolved
    prefix = _article_id(case["file"]) + "#"
    own = unresolved["report_id"].astype("string").str.startswith(prefix, na=False)
    texts = [str(t).casefold() for t in unresolved.loc[own, "text"]]
    for name in case["unresolved"]:
        assert any(name.casefold() in t or t in name.casefold() for t in texts), (name, texts)


LINKED = [c for c in ALL_CASES if c["linked_with"]]


@pytest.mark.parametrize("case", LINKED, ids=_ids(LINKED))
def test_linked_articles_share_an_incident(case: dict[str, Any]) -> None:
    """Read together, the reports of one event from several articles and from both sides carry
    one incident_id, each keeping its own claimant and numbers."""
    files = (case["file"], *case["linked_with"])
    _, incidents = _extracted(tuple(sorted(files)))
    by_label = _incident_ids_by_label(files, incidents)
    assert all(len(ids) == 1 for ids in by_label.values()), by_label
    assert len(set().union(*by_label.values())) == len(by_label), by_label


def test_separate_events_stay_apart_and_one_event_stays_together() -> None:
    """The whole corpus read at once: reports of the same event share an incident_id, reports
    of different events never do."""
    files = tuple(sorted(BY_FILE))
    _, incidents = _extracted(files)
    by_label = _incident_ids_by_label(files, incidents)
    split = {label: ids for label, ids in by_label.items() if len(ids) != 1}
    assert not split, f"one event under several incident ids: {split}"
    owner: dict[str, str] = {}
    merged = []
    for label, ids in by_label.items():
        (iid,) = ids
        if iid in owner:
            merged.append((owner[iid], label))
        owner[iid] = label
    assert not merged, f"different events under one incident id: {merged}"


def test_hostile_markup_is_kept_as_text() -> None:
    """The XSS article still yields its reports, and the markup survives as inert text in the
    evidence so that the map and export tests can prove they escape it."""
    case = next(c for c in ARTICLE_CASES if c["file"].startswith("xss_"))
    articles, incidents = _extracted((case["file"],))
    assert "<script>alert(1)</script>" in articles[0].text
    assert "<img src=x onerror=alert(2)>" in articles[0].text
    partners, _, actual = _paired(case, incidents)
    assert all(partners), f"reports missing:\n{_summary(actual)}"
    evidence = " ".join(a["evidence"] or "" for a in partners if a is not None)
    assert "<script>alert(1)</script>" in evidence
    assert "<img src=x onerror=alert(2)>" in evidence
