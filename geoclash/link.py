"""Linking reports of the same event (several outlets, both sides) under one incident id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from .places import actor_country

__all__ = ["LinkRow", "Linkable", "link_reports"]


class Linkable(Protocol):
    """What linking reads of a report: an :class:`~geoclash.records.IncidentReport` or a
    :class:`LinkRow`."""

    @property
    def report_id(self) -> str: ...

    @property
    def article_id(self) -> str: ...

    @property
    def event_date(self) -> date | None: ...

    @property
    def time_precision(self) -> str: ...

    @property
    def actor1(self) -> str | None: ...

    @property
    def actor2(self) -> str | None: ...


class LinkRow(NamedTuple):
    """The fields of a report that linking reads: a light stand-in for IncidentReport, so a
    corpus's reports can be linked without holding them (Dask engine, streaming)."""

    report_id: str
    article_id: str
    event_date: date | None
    time_precision: str
    actor1: str | None
    actor2: str | None

    @classmethod
    def of(cls, report: Linkable) -> LinkRow:
        """The link row of a report."""
        return cls(
            report.report_id,
            report.article_id,
            report.event_date,
            report.time_precision,
            report.actor1,
            report.actor2,
        )


def link_reports(reports: Sequence[Linkable]) -> dict[str, str]:
    """Group reports into incidents and return ``{report_id: incident_id}``.

    Reports of one article describe its main event, so they always share an incident. Across
    articles, reports with the same pair of sides dated the same day or a day apart (a night
    attack is "Monday night" in one report and "Tuesday" in another) are one incident. Each
    report keeps its own claimant and numbers: linking never merges or averages them.

    Work grows with the number of reports (hash buckets by date and sides), not with the
    square of the number of articles.

    The id reads as the event: ``"2022-09-13/AM-AZ"`` (earliest date, sides); reports with no
    date or no sides get ``"<article_id>"``.

    Parameters
    ----------
    reports : sequence of IncidentReport or LinkRow
        Any objects with the attributes of :class:`Linkable`, in corpus order (the ids of
        groups that would share a name are numbered in that order).

    Returns
    -------
    dict
        ``{report_id: incident_id}`` for every report.
    """
    parent: dict[str, str] = {r.report_id: r.report_id for r in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of_article: dict[str, str] = {}
    buckets: dict[tuple[object, str], str] = {}
    for r in reports:
        head = first_of_article.setdefault(r.article_id, r.report_id)
        union(head, r.report_id)
        sides = _sides(r)
        if r.event_date is None or not sides or r.time_precision not in ("day", "unknown", "week"):
            continue
        # A date known to the week ("last week") may be any of several days.
        reach = 3 if r.time_precision == "week" else 1
        for delta in range(-reach, reach + 1):
            key = (r.event_date + timedelta(days=delta), sides)
            if key in buckets:
                union(buckets[key], r.report_id)
        buckets.setdefault((r.event_date, sides), r.report_id)

    groups: dict[str, list[Linkable]] = {}
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
        incident_id = base if n == 0 else f"{base}#{n + 1}"
        for r in members:
            ids[r.report_id] = incident_id
    return ids


def _sides(report: Linkable) -> str:
    codes = sorted({c for c in (actor_country(report.actor1), actor_country(report.actor2)) if c})
    return "-".join(codes)
