"""The plain records passed between stages: articles, mentions, casualties, incident reports.

Offsets (``start``, ``end``) are character offsets into :attr:`Article.text`, the cleaned
article body, so that ``article.text[start:end]`` is the quoted span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Article",
    "Casualty",
    "CasualtyKind",
    "Evidence",
    "IncidentReport",
    "PlaceMention",
    "Qualifier",
    "RemovedSpan",
    "Role",
    "TimePrecision",
]

Role = Literal["incident", "incident-area", "dateline", "context", "actor"]
CasualtyKind = Literal["killed", "wounded", "captured"]
Qualifier = Literal["exact", "at least", "more than", "about", "unknown"]
TimePrecision = Literal["day", "week", "month", "unknown"]


@dataclass(frozen=True)
class RemovedSpan:
    """A piece of page junk removed from an article before extraction.

    Attributes
    ----------
    text : str
        The removed text, as it stood in the input.
    reason : str
        Why it was removed: ``"headline-list"``, ``"related-posts"``, ``"byline"``,
        ``"cookie-notice"``, ``"source-credit"``, ``"repeated-line"``, ``"timestamp"``,
        ``"date-line"`` (a ``date YYYY-MM-DD`` token or a publication stamp),
        ``"boilerplate"``; :mod:`geoclash.articles` documents each rule.
    line : int
        1-based line number in the raw input text (0 when the input had no lines, e.g. HTML).
    """

    text: str
    reason: str
    line: int = 0


@dataclass
class Article:
    """One news article, cleaned of page junk.

    Attributes
    ----------
    id : str
        Stable id: the input file's name without extension, or the corpus record's id.
    text : str
        The cleaned body; every offset elsewhere points into it.
    title : str or None
    published : datetime.date or None
        Publication date (from the page, a manifest, a ``date YYYY-MM-DD`` line or a default).
    dateline : str or None
        The place the report was filed from ("Baku"); never an incident place.
    source : str or None
        Where it was read: a file path, ``"<stdin>"``, or ``"corpus.jsonl#17"``.
    url, publisher : str or None
    removed : list of RemovedSpan
        The junk taken out, kept so a user can audit the cleaning.
    """

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    dateline: str | None = None
    source: str | None = None
    url: str | None = None
    publisher: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a report: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PlaceMention:
    """A toponym as written in an article, with the role it plays there.

    Attributes
    ----------
    text : str
        The name as written ("Sok", "Kelbajar").
    role : {"incident", "incident-area", "dateline", "context", "actor"}
        What the place is to the report (see DESIGN.md, "Toponym roles").
    start, end : int
        Offsets of the name in :attr:`Article.text`.
    feature_hint : str or None
        A feature the wording asks for: "district" for "the districts of ...", "city" for
        "the city of ...", "border", "corridor", "region", "country".
    geo_precision : int
        1 = the named town itself, 2 = near / in the direction of it or a small district,
        3 = a large region, border section or country (after ACLED / UCDP GED).
    """

    text: str
    role: Role
    start: int
    end: int
    feature_hint: str | None = None
    geo_precision: int = 1


@dataclass(frozen=True)
class Casualty:
    """People of one side hurt in one way, as one claimant reports them.

    Attributes
    ----------
    side : str
        Whose people: a normalised actor, e.g. "Military Forces of Armenia".
    kind : {"killed", "wounded", "captured"}
    count : int or None
        ``None`` when the report gives no number ("an unknown number", "without figures").
    qualifier : {"exact", "at least", "more than", "about", "unknown"}
        "more than a dozen" is ``count=12, qualifier="more than"``.
    """

    side: str
    kind: CasualtyKind
    count: int | None
    qualifier: Qualifier = "exact"


@dataclass
class IncidentReport:
    """One event as told by one claimant in one article.

    Attributes
    ----------
    report_id : str
        ``"{article_id}#{n}"``, n counting reports within the article from 1.
    article_id : str
    event_type, sub_event_type : str
        ACLED's taxonomy where it fits ("Explosions/Remote violence" / "Shelling/artillery/
        missile attack"; "Battles" / "Armed clash"; ...).
    event_date : datetime.date or None
    time_precision : {"day", "week", "month", "unknown"}
    actor1, actor2 : str or None
        Normalised actors: actor1 acted, actor2 was acted on.
    claimant : str or None
        Who says so ("Ministry of Defence of Armenia"); ``None`` when the article itself states it.
    places : list of PlaceMention
    casualties : list of Casualty
    weapons : list of str
        Normalised weapon names ("drones", "artillery", "trench mortars", ...).
    evidence : list of Evidence
    published, source_url, publisher, source : copied from the article.
    notes : str
        A short free-text summary (ACLED's ``notes``).
    """

    report_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: TimePrecision = "unknown"
    actor1: str | None = None
    actor2: str | None = None
    claimant: str | None = None
    places: list[PlaceMention] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    published: date | None = None
    source_url: str | None = None
    publisher: str | None = None
    source: str | None = None
    notes: str = ""

    def total(self, kind: CasualtyKind) -> int | None:
        """Sum of the known counts of ``kind``; ``None`` when no count of that kind is known."""
        counts = [c.count for c in self.casualties if c.kind == kind and c.count is not None]
        return sum(counts) if counts else None
