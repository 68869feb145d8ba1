"""Linking reports into incidents: same sides and day (or week) link, others do not."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from geoclash.link import Linker, LinkRow, link_reports
from geoclash.records import IncidentReport

AM = "Military Forces of Armenia"
AZ = "Military Forces of Azerbaijan"
KG = "Military Forces of Kyrgyzstan"
TJ = "Military Forces of Tajikistan"


def _report(rid: str, day: date | None, a1: str, a2: str, precision: str = "day") -> IncidentReport:
    article = rid.split("#")[0]
    return IncidentReport(
        rid,
        article,
        "Battles",
        "Armed clash",
        day,
        precision,
        a1,
        a2,  # type: ignore[arg-type]
    )


def test_both_sides_of_one_night_share_an_incident() -> None:
    ids = link_reports(
        [
            _report("a#1", date(2022, 9, 13), AZ, AM),
            _report("b#1", date(2022, 9, 12), AM, AZ),  # "Monday night" in the other story
            _report("c#1", date(2022, 9, 13), KG, TJ),
        ]
    )
    assert ids["a#1"] == ids["b#1"] == "2022-09-12/AM-AZ"
    assert ids["c#1"] == "2022-09-13/KG-TJ"


def test_reports_of_one_article_always_share_an_incident() -> None:
    ids = link_reports([_report("a#1", date(2021, 11, 16), AM, AZ), _report("a#2", None, AZ, AM)])
    assert ids["a#1"] == ids["a#2"]


def test_a_week_apart_are_different_incidents_but_last_week_reaches_back() -> None:
    ids = link_reports(
        [
            _report("a#1", date(2024, 2, 13), AZ, AM),
            _report("b#1", date(2024, 2, 20), AZ, AM),
            _report("c#1", date(2024, 2, 15), AZ, AM, precision="week"),
        ]
    )
    assert ids["a#1"] == ids["c#1"]
    assert ids["b#1"] != ids["a#1"]


def test_ids_are_stable_and_unique() -> None:
    reports = [_report(f"x{i}#1", None, AZ, AM) for i in range(3)]
    assert link_reports(reports) == link_reports(list(reversed(reports)))
    assert len(set(link_reports(reports).values())) == 3


def _pairwise_reference(reports: list[LinkRow]) -> dict[str, str]:
    """Linking as first written, over whole report lists (kept here as the oracle)."""
    from geoclash.link import _sides

    parent = {r.report_id: r.report_id for r in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of_article: dict[tuple[str, object], str] = {}
    buckets: dict[tuple[object, str], str] = {}
    for r in reports:
        # one article's reports of one day are one event; an undated one joins the article's
        # first report
        first = first_of_article.setdefault((r.article_id, None), r.report_id)
        if r.event_date is not None:
            first = first_of_article.setdefault((r.article_id, r.event_date), r.report_id)
        union(first, r.report_id)
        sides = _sides(r)
        if r.event_date is None or not sides or r.time_precision not in ("day", "unknown", "week"):
            continue
        reach = 3 if r.time_precision == "week" else 1
        for delta in range(-reach, reach + 1):
            key = (r.event_date + timedelta(days=delta), sides)
            if key in buckets:
                union(buckets[key], r.report_id)
        buckets.setdefault((r.event_date, sides), r.report_id)
    groups: dict[str, list[LinkRow]] = {}
    for r in reports:
        groups.setdefault(find(r.report_id), []).append(r)
    ids: dict[str, str] = {}
    used: dict[str, int] = {}
    for members in groups.values():
        dated = [r for r in members if r.event_date is not None and _sides(r)]
        if dated:
            first = min(dated, key=lambda r: (r.event_date, r.report_id))
            base = f"{first.event_date:%Y-%m-%d}/{_sides(first)}"
        else:
            base = members[0].article_id
        n = used.get(base, 0)
        used[base] = n + 1
        for r in members:
            ids[r.report_id] = base if n == 0 else f"{base}#{n + 1}"
    return ids


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_streaming_linker_gives_the_ids_of_the_pairwise_reference(seed: int) -> None:
    # 600 articles over five months, four sides, every precision, some undated, and
    # ids reused by articles far apart (the same story filed twice).
    rng = random.Random(seed)
    actors = [AM, AZ, KG, TJ, None]
    reports = []
    for a in range(600):
        article = f"art{rng.randrange(560) if rng.random() < 0.1 else a:04d}"
        for n in range(1, rng.randint(1, 3) + 1):
            day = None if rng.random() < 0.15 else date(2022, 9, 1) + timedelta(rng.randrange(150))
            precision = rng.choice(["day", "day", "week", "unknown", "month"])
            reports.append(
                LinkRow(f"{article}#{n}.{a}", article, day, precision, *rng.sample(actors, 2))
            )
    # Two month-precision reports of one day never link: one name, numbered.
    reports += [LinkRow(f"m{k}#1", f"m{k}", date(2022, 9, 1), "month", AM, AZ) for k in (1, 2)]
    linker = Linker()
    for r in reports:
        linker.add(r)
    expected = _pairwise_reference(reports)
    assert linker.incident_ids() == [expected[r.report_id] for r in reports]
    assert link_reports(reports) == expected
    m1, m2 = expected["m1#1"], expected["m2#1"]
    assert m1 != m2 and m2.startswith("2022-09-01/AM-AZ#")
    assert len(set(expected.values())) > 50  # big groups and small ones
