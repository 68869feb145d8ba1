"""Time expressions in news text, resolved against the publication date."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ._rx import CASE_UNSAFE, may_match, plain_twin, scan, scan_at
from .records import TimePrecision

__all__ = ["TIME_NEEDS", "TIME_TWINS", "TimeExpression", "find_times"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = "|".join(_WEEKDAYS)

# Each pattern names the groups it uses; all are bounded and backtrack-free in practice.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "day-month",
        re.compile(
            rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?{_MONTH}(?:,? {_YEAR})?\b",
            re.I,
        ),
    ),
    (
        "month-day",
        re.compile(
            rf"\b{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? (?P<year>(?:19|20)\d\d))?", re.I
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<last>last |this past |previous )?(?P<wd>{_WD})\b",
            re.I,
        ),
    ),
    ("yesterday", re.compile(r"\b(?:the day before )?yesterday\b", re.I)),
    (
        "today",
        re.compile(
            r"\b(?:today|tonight|this morning|overnight|after midnight|earlier today)\b", re.I
        ),
    ),
    (
        "last-week",
        re.compile(r"\b(?:last week|earlier this week|a week ago|the previous week)\b", re.I),
    ),
    (
        "weekend",
        re.compile(r"\b(?:(?:at|over|during) the weekend|last weekend|this past weekend)\b", re.I),
    ),
    (
        "days-before",
        re.compile(
            r"\b(?P<n>a|an|one|two|three|four|five|six|\d{1,2}) (?P<unit>days?|weeks?)"
            r" (?:after|before|earlier|ago|previously)\b",
            re.I,
        ),
    ),
    ("last-month", re.compile(r"\b(?:last month|earlier this month|a month ago)\b", re.I)),
    ("last-month-name", re.compile(rf"\blast {_MONTH}", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|during|early|late|mid-?) ?{_MONTH}(?: (?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    ("year", re.compile(r"\b(?:in|since|of|from|until|by) (?P<year>(?:19|20)\d\d)\b", re.I)),
)


_DIGIT_RX = re.compile(r"\d")
# The plain twins of the kinds, to run over the lower-cased sentence: a caller that knows where
# the words a twin's matches start with occur ("tuesday", "in 2020"; see
# geoclash._rx.prefix_strings) passes those offsets, and the twin is tried only there.
TIME_TWINS = {kind: plain_twin(rx) for kind, rx in _PATTERNS if rx.flags & re.IGNORECASE}
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What each kind needs in a sentence: a string of each group (a sentence of ASCII and
# punctuation has a digit for ``\d`` exactly when it has one of "0"-"9"). The extractor finds
# these for a whole article at once and passes the kinds that may match.
_DIGITS = tuple("0123456789")
TIME_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": (_DIGITS, ("-",)),
    "day-month": (_DIGITS, _MONTH_STEMS),
    "month-day": (_DIGITS, _MONTH_STEMS),
    "weekday": (("day",),),
    "yesterday": (("yesterday",),),
    "today": (("today", "tonight", "morning", "overnight", "midnight"),),
    "last-week": (("week",),),
    "weekend": (("weekend",),),
    "days-before": (("day", "week"),),
    "last-month": (("month",),),
    "last-month-name": (_MONTH_STEMS, ("last ",)),
    "month": (_MONTH_STEMS,),
    "year": (_DIGITS,),
}


def _may_hold(kind: str, low: str, has_digit: bool) -> bool:
    """Whether a lower-cased sentence holds what :data:`TIME_NEEDS` says ``kind`` needs."""
    return all(
        has_digit if group is _DIGITS else may_match(group, low) for group in TIME_NEEDS[kind]
    )


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a sentence.

    Attributes
    ----------
    text : str
    start, end : int
        Offsets within the sentence text.
    date : datetime.date or None
        The day meant (first day of the week/month/year for coarser ones); None when it
        cannot be resolved without a publication date.
    precision : {"day", "week", "month", "unknown"} or "year"
    """

    text: str
    start: int
    end: int
    date: date | None
    precision: TimePrecision | str


def find_times(
    sentence: str,
    published: date | None,
    low: str | None = None,
    kinds: Collection[str] | None = None,
    anchors: Mapping[str, Sequence[int]] | None = None,
) -> list[TimeExpression]:
    """Find and resolve the time expressions of one sentence.

    Weekdays mean the latest such day on or before the publication date ("on Tuesday" in an
    article of Tuesday 13 September 2022 is that day; "last Tuesday" is a week earlier);
    dates without a year take the publication year, or the year before when that would put
    them in the future.

    Parameters
    ----------
    sentence : str
    published : datetime.date or None
    low : str, optional
        The sentence lower-cased, when it folds letter for letter (see ``geoclash._rx.folded``):
        the plain twins of the patterns then scan it.
    kinds : collection of str, optional
        The only kinds of expression the sentence may hold (see :data:`TIME_NEEDS`), as the
        caller found out; by default every kind's needs are checked here.
    anchors : mapping of str to offsets, optional
        For some kinds of :data:`TIME_TWINS`, the only offsets of ``low`` (ascending) where the
        twin can match, as the caller found out: the kind's pattern is tried only there.

    Returns
    -------
    list of TimeExpression
        In text order, without overlaps.
    """
    found: list[TimeExpression] = []
    # Taken spans never overlap, so sorted by start they are sorted by end too: one bisection
    # tells whether a match overlaps any (linear overall, even on a megabyte of dates).
    starts: list[int] = []
    ends: list[int] = []
    if low is None:
        low = sentence.lower()
        # Case folds character for character: the plain twins scan the lower-cased sentence.
        safe = CASE_UNSAFE.search(sentence) is None
    else:
        safe = True
    if kinds is None:
        # ``\d`` (Unicode) is what the patterns' digits are: the gate needs nothing more.
        has_digit = _DIGIT_RX.search(sentence) is not None
        # Most sentences hold no time words: a substring check spares the pattern.
        kinds = [k for k, _ in _PATTERNS if _may_hold(k, low, has_digit)]
    if not kinds:  # no kind of expression possible: nothing to look for
        return found
    for kind, rx in _PATTERNS:
        if kind not in kinds:
            continue
        twin = TIME_TWINS.get(kind)
        at = None if anchors is None else anchors.get(kind)
        if not (safe and twin):
            matches = rx.finditer(sentence)
        elif at is None:
            matches = scan(rx, twin, sentence, low)
        else:
            matches = scan_at(rx, at, sentence, twin, low)
        for m in matches:
            i = bisect.bisect_left(starts, m.end())
            if i and ends[i - 1] > m.start():
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            when, precision = resolved
            starts.insert(i, m.start())
            ends.insert(i, m.end())
            found.append(TimeExpression(m.group(), m.start(), m.end(), when, precision))
    return sorted(found, key=lambda t: t.start)


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[date | None, str] | None:
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"])), "day"
        except ValueError:
            return None
    if kind in ("day-month", "month-day"):
        month = _MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_for(month, day, published)
        if year is None:
            return None, "day"
        try:
            return date(year, month, day), "day"
        except ValueError:
            return None
    if kind == "month":
        month = _MONTHS[g["month"].lower().rstrip(".")]
        # "may" is also a verb; only "in May", "since May 2021" count.
        if g["month"].lower() == "may" and not re.match(r"(?i)(in|since|during)", m.group()):
            return None
        year = int(g["year"]) if g.get("year") else _year_for(month, 1, published)
        return (date(year, month, 1) if year else None), "month"
    if kind == "last-month-name":
        month = _MONTHS[g["month"].lower().rstrip(".")]
        if published is None:
            return None, "month"
        year = published.year if month < published.month else published.year - 1
        return date(year, month, 1), "month"
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year"
    if published is None:
        return None, "unknown"
    if kind == "weekday":
        target = _WEEKDAYS.index(g["wd"].lower())
        back = (published.weekday() - target) % 7
        if g.get("last") and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "yesterday":
        days = 2 if m.group().lower().startswith("the day before") else 1
        return published - timedelta(days=days), "day"
    if kind == "today":
        return published, "day"
    if kind == "days-before":
        words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
        n = words.get(g["n"].lower()) or int(g["n"])
        unit = g["unit"].lower()
        days = n * 7 if unit.startswith("week") else n
        return published - timedelta(days=days), "week" if unit.startswith("week") else "day"
    if kind == "last-week":
        return published - timedelta(days=7), "week"
    if kind == "weekend":
        # the Saturday of the latest weekend begun by the publication day
        return published - timedelta(days=(published.weekday() - 5) % 7), "week"
    if kind == "last-month":
        first = published.replace(day=1)
        if m.group().lower().startswith("earlier"):
            return first, "month"
        return (first - timedelta(days=1)).replace(day=1), "month"
    return None


def _year_for(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    if (month, day) > (published.month, published.day):
        year -= 1
    return year
