"""Regular-expression helpers shared by the text stages: plain twins and candidate scans."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["CASE_UNSAFE", "folded", "plain_twin", "scan"]

# Python's ``re`` runs an IGNORECASE pattern several times slower than a plain one. A sentence
# made only of ASCII and uncased punctuation (curly quotes, dashes, no-break space) lower-cases
# character for character, and no such character matches a letter case-insensitively unless it is
# that letter, so a plain twin of a lower-case pattern, run over the lower-cased sentence, matches
# exactly where the IGNORECASE pattern matches the sentence (same offsets, same count).
CASE_UNSAFE = re.compile(r"[^\x00-\x7f\u00a0-\u00b4\u00b6-\u00bf\u00d7\u00f7\u2010-\u205e]")


# Pattern syntax whose letters carry meaning (\b, \S, \d, group names) and must keep their case.
_SYNTAX = re.compile(r"\\[A-Za-z]|\(\?P<\w+>|\(\?P=\w+\)|.", re.DOTALL)


def plain_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of an IGNORECASE pattern, to run over lower-cased text.

    The pattern's literal letters are lower-cased ("Armenia" -> "armenia"); escapes and group
    names keep theirs. A pattern without IGNORECASE must already be lower case (its capitals
    mean capitals), and a letter whose lower case is not one character cannot be twinned.
    """
    pieces = _SYNTAX.findall(rx.pattern)
    letters = [p for p in pieces if len(p) == 1]
    if not rx.flags & re.IGNORECASE and any(c.isupper() for c in letters):
        raise ValueError(f"pattern has upper-case letters, no plain twin: {rx.pattern[:60]!r}")
    if any(len(c.lower()) != 1 for c in letters):
        raise ValueError(
            f"pattern has a letter without a one-letter lower case: {rx.pattern[:60]!r}"
        )
    twin = "".join(p.lower() if len(p) == 1 else p for p in pieces)
    return re.compile(twin, rx.flags & ~re.IGNORECASE)


def folded(text: str) -> str | None:
    """``text`` lower-cased when plain twins may run over it, else ``None``."""
    return None if CASE_UNSAFE.search(text) else text.lower()


def scan(
    rx: re.Pattern[str], first: re.Pattern[str], text: str, where: str | None = None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, trying ``rx`` only where ``first`` matches in ``where``.

    A pattern that opens with a look-behind or ``\\b`` gets no fast first-character scan from
    ``re``, so it is tried at every offset. ``first`` must match (in ``where``, ``text`` or its
    lower-cased twin of the same length) at every offset where ``rx`` can match; its cheap
    scan finds the candidate offsets, and ``rx.match`` there (look-behind still sees the text
    before) gives the same matches, in the same order, as ``rx.finditer``. No ``rx`` used here
    matches the empty string.
    """
    if where is None:
        where = text
    at = 0
    while (hit := first.search(where, at)) is not None:
        m = rx.match(text, hit.start())
        if m is None:
            at = hit.start() + 1
        else:
            yield m
            at = m.end()
