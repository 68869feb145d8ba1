"""Linking reports of the same event (several outlets, both sides) under one incident id."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from .places import actor_country

__all__ = ["LinkRow", "Linkable", "Linker", "link_reports"]


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

    Reports of one article dated alike describe one event (its main event, or an earlier one
    it tells in passing), so they always share an incident, and an undated report joins its
    article's first one. Across
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
    linker = Linker()
    for r in reports:
        linker.add(r)
    return dict(zip((r.report_id for r in reports), linker.incident_ids(), strict=True))


class Linker:
    """Link reports fed one at a time, in corpus order (what :func:`link_reports` does).

    Memory per report is one integer; per article and day, its id until the end; per incident,
    the report that names it. A stream of millions of reports can be linked without holding them.

    Examples
    --------
    >>> linker = Linker()
    >>> for report in reports:  # doctest: +SKIP
    ...     linker.add(report)
    >>> ids = linker.incident_ids()  # doctest: +SKIP
    """

    def __init__(self) -> None:
        # Union-find over report positions. A root is always the smallest position of its
        # group, so groups come out in first-seen order, and a root is an article's first report.
        self._parent = array("q")
        # (article id, event date) -> position of the first report of that article and day
        self._head: dict[tuple[str, date | None], int] = {}
        self._buckets: dict[tuple[date, str], int] = {}
        # Per root with a dated, two-sided member: (date, report id, sides) of the earliest.
        self._first: dict[int, tuple[date, str, str]] = {}
        self._sides: dict[tuple[str | None, str | None], str] = {}

    def __len__(self) -> int:
        return len(self._parent)

    def _find(self, x: int) -> int:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        root, child = min(ra, rb), max(ra, rb)
        self._parent[child] = root
        moved = self._first.pop(child, None)
        if moved is not None:
            kept = self._first.get(root)
            if kept is None or moved[:2] < kept[:2]:
                self._first[root] = moved

    def add(self, report: Linkable) -> None:
        """Take the next report (corpus order)."""
        i = len(self._parent)
        self._parent.append(i)
        pair = (report.actor1, report.actor2)
        sides = self._sides.get(pair)
        if sides is None:
            sides = self._sides[pair] = _sides(report)
        day = report.event_date
        if day is not None and sides:
            self._first[i] = (day, report.report_id, sides)
        # an undated report joins its article's first report; a dated one the first of its day
        first = self._head.setdefault((report.article_id, None), i)
        self._union(first if day is None else self._head.setdefault((report.article_id, day), i), i)
        if day is None or not sides or report.time_precision not in ("day", "unknown", "week"):
            return
        # A date known to the week ("last week") may be any of several days.
        reach = 3 if report.time_precision == "week" else 1
        for delta in range(-reach, reach + 1):
            other = self._buckets.get((day + timedelta(days=delta), sides))
            if other is not None:
                self._union(other, i)
        self._buckets.setdefault((day, sides), i)

    def incident_ids(self) -> list[str]:
        """The incident id of every report added, in the order added (see :func:`link_reports`)."""
        article_of = {head: key[0] for key, head in self._head.items()}
        names: dict[int, str] = {}
        used: dict[str, int] = {}
        out: list[str] = []
        for i in range(len(self._parent)):
            root = self._find(i)
            name = names.get(root)
            if name is None:
                first = self._first.get(root)
                base = f"{first[0]:%Y-%m-%d}/{first[2]}" if first else article_of[root]
                n = used.get(base, 0)
                used[base] = n + 1
                name = names[root] = base if n == 0 else f"{base}#{n + 1}"
            out.append(name)
        return out


def _sides(report: Linkable) -> str:
    codes = sorted({c for c in (actor_country(report.actor1), actor_country(report.actor2)) if c})
    return "-".join(codes)
