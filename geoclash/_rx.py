"""Regular-expression helpers shared by the text stages: plain twins and candidate scans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

__all__ = [
    "CASE_UNSAFE",
    "Gate",
    "WordIndex",
    "anchor_starts",
    "folded",
    "may_match",
    "plain_twin",
    "prefix_strings",
    "required_strings",
    "scan",
    "scan_at",
]

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


# --- literal gates ----------------------------------------------------------------------------
# ``re`` tries a pattern at every offset of the text, and a pattern that opens with ``\b`` or a
# look-behind, or with many branches, costs tens of instructions per character even where
# nothing matches. Most patterns of the text stages need one of a few words ("killed",
# "shelling") that most sentences lack: ``str.__contains__`` finds out in C, much faster.

try:  # the parser behind re.compile: 3.11 renamed it
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

# Words too common to tell anything: a gate of " the " passes nearly every sentence.
_WEAK = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "gave", "had", "has",
        "have", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "to", "was",
        "were", "with",
    }
)  # fmt: skip


def _strength(needs: frozenset[str]) -> tuple[int, int]:
    """How well a set of required strings screens text: longer and fewer is better."""
    shortest = min(1 if s.strip() in _WEAK else len(s) for s in needs)
    return min(shortest, 6), -len(needs)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if b is None or not b or "" in b:
        return a
    if a is None or _strength(b) > _strength(a):
        return b
    return a


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    # A text holding "says" holds "say": the longer one adds nothing to the set.
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _prefix(seq: Any) -> str:
    out = []
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name not in ("AT", "ASSERT", "ASSERT_NOT"):
            break
    return "".join(out)


def _needs(seq: Any) -> frozenset[str] | None:
    """Strings of which every match of a parsed pattern holds at least one (None: not known)."""
    best: frozenset[str] | None = None
    run: list[str] = []
    av: Any
    for op, av in [*seq, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # they take no characters: the run goes on
            continue
        head = "".join(run)
        run = []
        if head:
            best = _better(best, frozenset({head}))
        if name == "SUBPATTERN":
            _, add, _, sub = av
            if not add & re.IGNORECASE:
                best = _better(best, _needs(sub))
                if head:
                    best = _better(best, frozenset({head + _prefix(sub)}))
        elif name == "ATOMIC_GROUP":
            best = _better(best, _needs(av))
        elif name == "BRANCH":
            alternatives = av[1]
            if head:
                best = _better(best, _minimal(frozenset(head + _prefix(a) for a in alternatives)))
            each = [_needs(a) for a in alternatives]
            if all(e is not None for e in each):
                best = _better(best, _minimal(frozenset(s for e in each if e for s in e)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, sub = av
            if low >= 1:
                best = _better(best, _needs(sub))
                if head:
                    best = _better(best, frozenset({head + _prefix(sub)}))
        elif name == "IN" and head and all(str(o) == "LITERAL" for o, _ in av):
            best = _better(best, frozenset(head + chr(c) for _, c in av))
    return best


def _parsed(rx: re.Pattern[str]) -> list[Any] | None:
    """The parsed pattern of a case-sensitive ``rx`` (None for a case-insensitive one, whose
    literals match in any case, or when ``re``'s parser is not the one known here)."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        return list(_sre_parse.parse(rx.pattern, rx.flags))
    except Exception:  # an unknown parser: rely on nothing rather than guess
        return None


def required_strings(rx: re.Pattern[str]) -> tuple[str, ...]:
    """Strings of which every match of ``rx`` holds one; ``()`` when none are worth checking.

    Found from the parsed pattern: literal runs, a group's or a repeat's own requirement, one
    string per branch of an alternation. Case-insensitive patterns get ``()``: their literals
    match in any case, so a plain substring check would not be sound.
    """
    parsed = _parsed(rx)
    needs = None if parsed is None else _needs(parsed)
    if needs is None or _strength(needs)[0] < 3:
        return ()
    return tuple(sorted(needs))


# --- anchored scans ---------------------------------------------------------------------------
# ``re`` tries a pattern without a fixed first string at every offset of the text: tens of
# instructions per character even where nothing matches. A pattern whose every match starts with
# one of a few words ("said", "shelling", "Tuesday") is tried only where the article's word index
# found one of them.

_MAX_PREFIX = 12  # longer prefixes screen no better
_MAX_PREFIXES = 300


_NO_HEAD = frozenset({""})

# A sequence of parsed items to scan: ``(items, index, then)``, the items from ``index`` on and
# then those of the sequence ``then`` (None: the end of the pattern).
_Seq = tuple[list[Any], int, Any]


class _Heads:
    """:func:`prefix_strings`' walk over one parsed pattern, memoised.

    What may start a sequence depends only on the sequence and the budget left; without the
    memo each branch of an alternation walked all that follows it again, and a pattern of a
    few nested alternations cost seconds at import (the extractor's patterns took 1.5 s).
    Sequences are interned by the identity of their items and of what follows them, so equal
    ones are one object; both tables hold what they key on, so no identity is reused.
    """

    def __init__(self) -> None:
        self._seqs: dict[tuple[int, int, int], _Seq] = {}
        self._memo: dict[tuple[int, int], frozenset[str]] = {}
        self._lists: dict[int, tuple[Any, list[Any]]] = {}

    def seq(self, items: Any, index: int, then: _Seq | None) -> _Seq:
        """The interned sequence ``items[index:]`` followed by ``then``."""
        found = self._lists.get(id(items))
        if found is None:  # a SubPattern's items as one list, made once
            data = getattr(items, "data", items)
            found = self._lists[id(items)] = (items, data if isinstance(data, list) else list(data))
        key = (id(found[1]), index, id(then))
        seq = self._seqs.get(key)
        if seq is None:
            seq = self._seqs[key] = (found[1], index, then)
        return seq

    def heads(self, seq: _Seq | None, budget: int = _MAX_PREFIX) -> frozenset[str]:
        """Strings one of which every match of ``seq`` starts with ("": any text)."""
        while seq is not None and seq[1] >= len(seq[0]):
            seq = seq[2]
        if budget <= 0 or seq is None:
            return _NO_HEAD
        key = (id(seq), budget)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._walk(seq, budget)
        return hit

    def _walk(self, seq: _Seq, budget: int) -> frozenset[str]:
        items, index, then = seq
        op, av = items[index]
        rest = self.seq(items, index + 1, then)
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # they take no characters
            return self.heads(rest, budget)
        if name == "LITERAL":  # a run of them at once ("Armenia"): one step, not one a letter
            end = index + 1
            while end < len(items) and end - index < budget and str(items[end][0]) == "LITERAL":
                end += 1
            run = "".join(chr(c) for _, c in items[index:end])
            after = self.heads(self.seq(items, end, then), budget - (end - index))
            return frozenset(run + h for h in after)
        if name == "IN" and len(av) <= 4 and all(str(o) == "LITERAL" for o, _ in av):
            after = self.heads(rest, budget - 1)
            return frozenset(chr(c) + h for _, c in av for h in after)
        if name == "SUBPATTERN":
            _, add, _, sub = av
            if add & re.IGNORECASE:
                return _NO_HEAD
            return self.heads(self.seq(sub, 0, rest), budget)
        if name == "ATOMIC_GROUP":
            return self.heads(self.seq(av, 0, rest), budget)
        if name == "BRANCH":
            # each branch carried on into what follows it, or, when that makes too many strings,
            # cut where the branch ends (a shorter string of a match's start is still its start)
            for tail in (rest, None):
                out: set[str] = set()
                for alternative in av[1]:
                    out |= self.heads(self.seq(alternative, 0, tail), budget)
                if len(out) <= _MAX_PREFIXES:
                    return frozenset(out)
            return _NO_HEAD
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            if high == 1:
                once = self.heads(self.seq(sub, 0, rest), budget)
                return once | self.heads(rest, budget) if low == 0 else once
            # a second round may follow: stop where the first ends
            first = self.heads(self.seq(sub, 0, None), budget)
            return first | self.heads(rest, budget) if low == 0 else first
        return _NO_HEAD


def _heads(items: list[Any], budget: int = _MAX_PREFIX) -> frozenset[str]:
    """Strings one of which every match of a parsed sequence starts with ("": any text)."""
    walk = _Heads()
    return walk.heads(walk.seq(items, 0, None), budget)


def prefix_strings(rx: re.Pattern[str]) -> tuple[str, ...]:
    """Strings one of which every match of ``rx`` starts with; ``()`` when not known.

    Read off the parsed pattern (look-behinds and ``\\b`` take no characters; each branch of
    an alternation gives its own strings). Case-insensitive patterns get ``()``.
    """
    parsed = _parsed(rx)
    heads = frozenset({""}) if parsed is None else _heads(parsed)
    if "" in heads:
        return ()
    # "said" covers "said that": a text where the longer one starts holds the shorter there
    return tuple(sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads)))


def scan_at(
    rx: re.Pattern[str],
    at: Iterable[int],
    text: str,
    first: re.Pattern[str] | None = None,
    where: str | None = None,
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` when every match starts at one of the offsets ``at`` (ascending).

    With ``first`` (see :func:`scan`), a candidate offset must match ``first`` in ``where``
    before ``rx`` is tried there. ``rx`` must not match the empty string.
    """
    end = 0
    for i in at:
        if i < end:
            continue
        if first is not None and first.match(text if where is None else where, i) is None:
            continue
        if (m := rx.match(text, i)) is not None:
            yield m
            end = m.end()


def may_match(needs: tuple[str, ...], text: str) -> bool:
    """False only when ``text`` holds none of the ``needs`` of a pattern (see
    :func:`required_strings`): the pattern cannot match it."""
    return not needs or any(map(text.__contains__, needs))


class Gate(NamedTuple):
    """Strings of which a pattern's every match holds one (see :func:`required_strings`), and
    their numbers in a :class:`WordIndex`."""

    needs: tuple[str, ...]
    ids: frozenset[int]

    def passes(self, words: AbstractSet[int] | None, low: str) -> bool:
        """False only when the pattern cannot match: ``words`` (the indexed strings the text
        holds, from :meth:`WordIndex.by_span`) or, when ``None``, ``low`` itself holds none."""
        if words is None or not self.ids:
            return may_match(self.needs, low)
        return not words.isdisjoint(self.ids)


class WordIndex:
    """Where a fixed set of strings occurs in a text, found in one Aho-Corasick pass.

    Checking each of a few hundred gate strings in each sentence costs more than the patterns
    they spare; one pass of an automaton over the whole article finds them all at once.
    """

    def __init__(self, words: Iterable[str], anchors: Mapping[str, Iterable[str]] = {}) -> None:
        import ahocorasick

        anchors = {name: tuple(strings) for name, strings in anchors.items()}
        self.words = tuple(sorted({*words, *(w for ws in anchors.values() for w in ws)}))
        self._ids = {w: i for i, w in enumerate(self.words)}
        # a word ending at ``last`` starts at ``last - back``
        self._back = [len(w) - 1 for w in self.words]
        # the anchors each word belongs to: where it starts is where their patterns may match
        self.anchors = frozenset(anchors)
        groups: list[list[str]] = [[] for _ in self.words]
        for name, strings in anchors.items():
            for w in dict.fromkeys(strings):
                groups[self._ids[w]].append(name)
        self._groups = [tuple(g) for g in groups]
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, w in enumerate(self.words):
            self._automaton.add_word(w, i)
        self._automaton.make_automaton()

    def gate(self, needs: Iterable[str]) -> Gate:
        """The :class:`Gate` of these strings (all of them indexed words)."""
        needs = tuple(needs)
        return Gate(needs, frozenset(self._ids[w] for w in needs))

    def by_span(self, text: str, spans: Sequence[tuple[int, int]]) -> list[set[int]]:
        """For each ``(start, end)`` span of ``text`` (in order, not overlapping), the
        numbers of the words that occur wholly inside it."""
        return self.locate(text, spans)[0]

    def locate(
        self, text: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[list[set[int]], list[dict[str, list[int]]]]:
        """:meth:`by_span`, and for each span where the words of each anchor start (anchor
        name -> offsets into the span; see :func:`anchor_starts`)."""
        found: list[set[int]] = []
        where: list[dict[str, list[int]]] = []
        back, groups, scan = self._back, self._groups, self._automaton.iter
        # one pass per span: the automaton over the span reports just the words wholly inside
        # it (no search for the span of each word). The span is sliced out: iter(text, start,
        # end) reads the whole text on every call, quadratic on a long text of short sentences
        # (and, by callgrind, more instructions than the slices even on 1.5 kB articles).
        for start, end in spans:
            words: set[int] = set()
            add = words.add
            at: dict[str, list[int]] = {}
            for last, i in scan(text[start:end]):
                add(i)
                if names := groups[i]:
                    offset = last - back[i]
                    for name in names:
                        if name in at:
                            at[name].append(offset)
                        else:
                            at[name] = [offset]
            found.append(words)
            where.append(at)
        return found, where


def anchor_starts(where: Mapping[str, list[int]], name: str) -> list[int]:
    """Where in a span the words of anchor ``name`` start (from :meth:`WordIndex.locate`),
    ascending, each offset once."""
    offsets = where.get(name)
    if offsets is None:
        return []
    # one word's occurrences come in order (the automaton reports by end); several words'
    # may interleave or share a start
    return offsets if len(offsets) == 1 else sorted(set(offsets))
