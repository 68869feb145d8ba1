"""Linking reports into incidents: same sides and day (or week) link, others do not."""

from __future__ import annotations

from datetime import date

from geoclash.link import link_reports
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
