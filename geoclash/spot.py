"""Toponym spotting: where in a text place names are, before anyone asks what they play.

One pass over an article finds every span that may be a place, in five kinds, strongest
first (a later kind never takes a span an earlier one holds; the extractor enforces that per
sentence):

1. ``list``: names after a feature noun, "the cities of Goris, Sok and Jermuk" (kept even when
   no gazetteer knows them: the noun says they are places; that is how "Sok" survives);
2. ``suffix``: names before one, "the Kelbajar and Lachin districts", "the Lachin corridor";
3. ``cue-list``: a list after a locative word, "near Vardenis, Sotk and Jermuk" (unknown
   items kept when at least two are known);
4. ``landmark``: "the Hakari bridge", "the Galwan Valley" (a landmark, not a town);
5. ``run``: any part of a run of capitalised words that the gazetteer knows ("Goris",
   "Nagorno-Karabakh"), up to four words, unless it is a common word, a country or a
   demonym, or part of a longer name that is not a place ("President Vladimir Putin").

A sixth kind, ``cue``, is one name no gazetteer knows right after a locative word ("in
Ladakh", "near Horran"), kept so that a report can say which name it could not place. It only
matters where a sentence tells fighting, so the extractor asks :func:`spot_cue_names` for it
there, sentence by sentence, instead of every article paying for it here.

Spotting is article-wide: one pattern finds the runs of capitalised words (and what follows
each), list cues are found by their " of ", and the other kinds are looked for only next to
those runs. What depends only on the words of a run is memoised per gazetteer, so repeated
names cost a dictionary look-up. What a spot *means*
(incident place, context, dateline) is decided later, per sentence, by the extractor.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

from . import lexicon as lx

__all__ = ["FEATURE_NOUNS", "KnowsPlaces", "Spot", "spot_cue_names", "spot_toponyms", "stopwords"]

SpotKind = Literal["list", "suffix", "cue-list", "landmark", "cue", "run"]


class KnowsPlaces(Protocol):
    """What spotting needs of a gazetteer: is this name a known place?"""

    def is_known(self, name: str) -> bool: ...


class Spot(NamedTuple):
    """A span of the text that may name a place.

    Attributes
    ----------
    start, end : int
        Offsets of the name in the spotted text.
    kind : str
        ``list``, ``suffix``, ``cue-list``, ``landmark``, ``cue`` or ``run`` (see the module
        notes).
    hint : str or None
        The feature a nearby noun gives ("city", "district", "corridor", "landmark", ...).
    listed : bool
        Named in a list after a feature noun (the list itself is the incident cue).
    cue_at : int or None
        Where the cue the role is judged from starts, when not at the name itself.
    origin : int
        Where the matched phrase starts (the cue word for lists); a spot belongs to the
        sentence holding its origin and its name.
    """

    start: int
    end: int
    kind: SpotKind
    hint: str | None = None
    listed: bool = False
    cue_at: int | None = None
    origin: int = -1


FEATURE_NOUNS = {
    "city": "city", "cities": "city", "town": "city", "towns": "city", "village": "village",
    "villages": "village", "settlement": "village", "settlements": "village",
    "district": "district", "districts": "district", "rayon": "district", "rayons": "district",
    "region": "region", "regions": "region", "province": "province", "provinces": "province",
    "marz": "province", "corridor": "corridor", "border": "border", "area": "area",
    "areas": "area", "sector": "area", "sectors": "area",
}  # fmt: skip

# Words that may follow a known name in a run and still leave it a place ("Lachin Corridor").
_PLACE_WORDS = {
    "district", "region", "province", "corridor", "rayon", "marz", "valley", "village", "town",
    "city", "oblast", "river", "pass", "lake",
}  # fmt: skip
_EXTRA_STOP = {
    "ministry", "defence", "defense", "army", "forces", "president", "prime", "minister", "pm",
    "secretary", "state", "union", "port", "council", "security", "republic", "federation",
    "kremlin", "parliament", "government", "muslim", "muslims", "christian", "christians",
    "soviet", "eu", "un", "nato", "csto", "collective", "treaty", "organization", "united",
    "nations", "reuters", "ap", "afp", "tass", "source", "news", "agencies", "agency", "office",
    "general", "colonel", "major", "captain", "lieutenant", "sergeant", "spokesman",
    "spokeswoman", "spokesperson", "foreign", "affairs", "interior", "border", "service",
    "guard", "guards", "committee", "national", "international", "press", "related", "posts",
    "read", "more", "share", "photo", "video", "live", "update", "updates", "breaking",
    "statement", "official", "officials", "western", "eastern", "northern", "southern",
    "central", "turkish", "drone", "drones", "west", "east", "north", "south", "god", "allah",
    "european", "asian", "world", "war", "peace", "ceasefire", "truce", "staff", "editor",
    "correspondent", "reporter", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "sept", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "gmt", "utc", "am",
    # armed groups and peoples, never places ("Taliban" is a GeoNames alternate name of a
    # Turkish village; "Baloch" folds to Balloch in Scotland)
    "taliban", "hamas", "hezbollah", "isis", "isil", "daesh", "pkk", "ttp", "baloch", "pashtun",
    "kurdish",
    "korean", "koreans",
}  # fmt: skip


@cache
def stopwords() -> frozenset[str]:
    """Lower-case words that never start a place name (English stop words, titles, bodies)."""
    words: set[str] = set(_EXTRA_STOP)
    words |= _justext_stoplist("English")
    return frozenset(words)


def _justext_stoplist(language: str) -> frozenset[str]:
    """jusText's stop list, read from its package folder: importing ``justext`` itself would
    load lxml (about 90 ms) in runs that read no HTML."""
    from importlib.util import find_spec

    spec = find_spec("justext")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "stoplists" / f"{language}.txt"
        if path.is_file():  # as justext.get_stoplist reads it
            return frozenset(w.decode("utf8").lower() for w in path.read_bytes().splitlines())
    try:
        import justext

        return frozenset(justext.get_stoplist(language))
    except (ImportError, ValueError):  # justext ships with trafilatura; tolerate its absence
        return frozenset()


# --- patterns -------------------------------------------------------------------------------

# The nouns a list of places follows: "the cities of Goris, Sok and Jermuk"
_LIST_NOUNS = frozenset(
    {
        "cities", "towns", "villages", "districts", "regions", "provinces", "settlements",
        "areas", "city", "town", "village", "district", "region", "province", "settlement",
        "area", "rayon", "rayons", "outposts", "outpost", "posts", "bases",
    }
)  # fmt: skip
# each noun must be followed by " of", so the order of the alternatives changes no match
_LIST_CUE_RX = re.compile(
    rf"\b(?P<noun>{'|'.join(sorted(_LIST_NOUNS))}) of (?:the )?", re.IGNORECASE
)
# "Cueva de los Tayos", "Teniente Hugo Ortiz": up to three capitalised words, with the small
# words of Spanish, Portuguese and Arabic names between them
_NAME = (
    r"[A-ZÀ-ÖØ-ÞĀ-ſƏÇŞĞÜÖİ][\w’'-]*"
    r"(?: (?:(?:de|del|de la|de los|de las|da|do|dos|al|el|ul) )?[A-ZÀ-ÖØ-ÞƏÇŞĞÜÖİ][\w’'-]*){0,2}"
)
_LIST_RX = re.compile(rf"(?P<items>{_NAME}(?:, {_NAME})*(?:,? and {_NAME})?)")
_LANDMARK_NOUNS = (
    "bridge|checkpoint|[Vv]alley|temple|pass|water intake|heights?|hill|mountain|ridge|gorge"
    "|crossing|area|sector|[Ll]ake|(?:central |western |eastern |northern |southern )?front"
)
_LANDMARK_RX = re.compile(rf"(?P<name>{_NAME}) (?P<noun>{_LANDMARK_NOUNS})\b")
_CUE_LIST_RX = re.compile(
    rf"\b(?:near|in|at|around|towards?|outside|direction of)\s+(?:the\s+)?"
    rf"(?P<items>{_NAME}(?:, {_NAME})+(?:,? and {_NAME})?|{_NAME} and {_NAME})"
)
_SUFFIX_LIST_RX = re.compile(
    r"(?<![\w’'-])"  # start at a word start only (linear on long runs of capitals)
    rf"(?P<items>{_NAME}(?:, {_NAME})*(?:,? and {_NAME})?) (?P<noun>districts|regions|provinces"
    rf"|villages|sectors"
    rf"|towns|district|region|province|village|town|city|corridor|rayon|marz)\b"
)
_ITEM_SEP = re.compile(r",\s*(?:and\s+)?|\s+and\s+")

# "the Hakari bridge", "the Golovnoy water intake": a name before these is not a settlement.
_NOT_SETTLEMENT_RX = re.compile(
    r"\s(?:bridge|checkpoint|road|highway|dam|airport|air base|base|camp|station|river|canal|pass"
    r"|mountains?|mount|hills?|range|lake|valley|street|square|pipeline|water|temple|monastery"
    r"|heights?|ridge|glacier|gorge|crossing)\b"
)
_NEXT_NOUN_RX = re.compile(r"\s([a-z]+)\b")

# (offset, run text, what follows it: see _runs_after)
_Run = tuple[int, str, "str | None"]

#: A run of more capitalised words than this is cut in pieces (no name list is that long, and
#: the work per run grows with its square).
MAX_RUN_WORDS = 64


# A capitalised word: what ``[^\W\d_][\w’'-]*`` matches (no trailing apostrophe or hyphen),
# its first letter upper case. The class lets through non-ASCII lower-case letters too (a
# Unicode "upper case" class is ten times slower in ``re``); _runs() drops those words.
_WORD = r"[^\W\d_a-z][\w’'-]*(?<![’'-])"
_RUN_RX = re.compile(rf"{_WORD}(?: {_WORD})*")
# What may start a word, for the fast article-wide scan: "A"-"Z" and every non-ASCII character
# but the Latin-1 and general punctuation blocks. A class of plain ranges lets ``re`` skip
# ahead to the next candidate in C; the category class above tries every offset and makes the
# scan twice as slow. It lets through some non-letters (symbols, other scripts' punctuation):
# a run holding one is not ASCII, and _runs_after reads it again with _RUN_RX. It leaves out
# the Latin-1 digits and fractions (², ³, ¹, ¼, ½, ¾) that _WORD lets start a word: those are
# not capitals, so no run starts with them either way.
_FAST_START = r"[A-Z\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\u1fff\u2070-\U0010ffff]"
_FAST_WORD = rf"{_FAST_START}[\w’'-]*(?<![’'-])"
_SUFFIX_NOUNS = (
    "districts|regions|provinces|villages|towns|district|region|province|village|town|city"
    "|corridor|rayon|marz|sectors"
)
# A run and, when one follows it, a feature noun, a landmark noun or a list gap (looked at,
# not taken: the next run starts where it would have).
_RUN_AFTER_RX = re.compile(
    rf"({_FAST_WORD}(?: {_FAST_WORD})*)(?:(?=( (?:{_SUFFIX_NOUNS}|{_LANDMARK_NOUNS})\b|, | and ))|)"
)
_JOINERS = frozenset("0123456789_’'-")


def _list_items(m: re.Match[str], group: str = "items") -> list[tuple[int, int]]:
    """Offsets of the names in "Goris, Sok, and Jermuk" / "Kelbajar and Lachin"."""
    base = m.start(group)
    chunk = m.group(group)
    items: list[tuple[int, int]] = []
    pos = 0
    for sep in _ITEM_SEP.finditer(chunk):
        items.append((base + pos, base + sep.start()))
        pos = sep.end()
    items.append((base + pos, base + len(chunk)))
    return [(a, b) for a, b in items if b > a and m.string[a].isupper()]


# --- spotting -------------------------------------------------------------------------------


class _Memo:
    """What spotting learnt of one gazetteer: names known or not, the names of each run."""

    LIMIT = 200_000

    def __init__(self) -> None:
        # no reference to the gazetteer itself: the memo must not keep it alive
        self.names: dict[str, bool] = {}
        self.runs: dict[str, tuple[tuple[int, int], ...]] = {}

    def is_known(self, known: KnowsPlaces, name: str) -> bool:
        hit = self.names.get(name)
        if hit is None:
            if len(self.names) > self.LIMIT:
                self.names.clear()
            hit = self.names[name] = bool(known.is_known(name))
        return hit


_MEMOS: weakref.WeakKeyDictionary[object, _Memo] = weakref.WeakKeyDictionary()


def _memo(known: KnowsPlaces) -> _Memo:
    try:
        memo = _MEMOS.get(known)
        if memo is None:
            memo = _MEMOS[known] = _Memo()
    except TypeError:  # not weakly referable: a memo for this call only
        return _Memo()
    if len(memo.runs) > memo.LIMIT:
        memo.runs.clear()
    return memo


def _names_in_run(
    run: str, is_known: Callable[[str], bool], stop: frozenset[str]
) -> tuple[tuple[int, int], ...]:
    """The known place names of a run of capitalised words, as offsets into the run."""
    tokens: list[tuple[int, int]] = []
    pos = 0
    for word in run.split(" "):
        tokens.append((pos, pos + len(word)))
        pos += len(word) + 1
    lower = [run[a:b].lower() for a, b in tokens]
    found: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        matched = False
        for size in range(min(4, n - i), 0, -1):
            start, end = tokens[i][0], tokens[i + size - 1][1]
            name = run[start:end]
            if lower[i].strip("’'") in stop or (size == 1 and lx.country_by_word(name)):
                continue
            if not is_known(name):
                continue
            # In a longer run of capitalised words ("President Vladimir Putin") a known
            # part is only a place when the rest are place words ("Lachin Corridor").
            rest = lower[:i] + lower[i + size :]
            placey = all(r in _PLACE_WORDS or lx.country_by_word(r) for r in rest)
            if rest and not placey and not all(r in stop for r in rest):
                break
            found.append((start, end))
            i += size
            matched = True
            break
        if not matched:
            i += 1
    return tuple(found)


def _runs(text: str) -> list[tuple[int, str]]:
    """``(offset, run text)`` of every run of capitalised words separated by single spaces.

    A word starts after a character that cannot be inside a word, or after digits,
    underscores, apostrophes and hyphens that follow one ("5Goris", "'Goris'"); a capital
    inside a word ("iPhone") starts nothing. Runs longer than :data:`MAX_RUN_WORDS` are cut.
    """
    return [(at, run) for at, run, _ in _runs_after(text)]


@cache
def _idle_words() -> frozenset[str]:
    """Capitalised stop words ("The", "It"): as a run of their own, with no noun or list gap
    after them, they can name nothing and start no list."""
    return frozenset(w[:1].upper() + w[1:] for w in stopwords() if " " not in w)


def _runs_after(
    text: str, drop_idle: bool = False, names: dict[str, tuple[tuple[int, int], ...]] | None = None
) -> list[_Run]:
    """:func:`_runs` with what follows each run: a noun or list gap (see _AFTER_RUN), ``""``
    for nothing of the kind, ``None`` when not looked at (cut or rare runs).

    ``drop_idle`` leaves out runs with nothing after them that cannot matter: a lone
    capitalised stop word, or (with ``names``, the memo of the names each run holds) a run
    known to hold no name and no landmark noun.
    """
    out: list[_Run] = []
    idle = _idle_words() if drop_idle else frozenset()
    for m in _RUN_AFTER_RX.finditer(text):
        run, after = m.groups()
        if not after and (run in idle or (" " not in run and names and names.get(run) == ())):
            # a lone word that names nothing, wherever it starts (a word split off by
            # _careful_runs is this same word)
            continue
        at, pos = m.span()  # the look-ahead takes nothing: the match is the run
        prev = text[at - 1] if at else " "
        if prev in _JOINERS or prev.isalnum() or not run.isascii():
            _careful_runs(text, at, pos, out)  # rare: look word by word
        elif len(run) > 2 * MAX_RUN_WORDS and run.count(" ") >= MAX_RUN_WORDS:
            _add_run(at, run.split(" "), out)
        elif after or names is None or names.get(run) != () or " Valley" in run:
            out.append((at, run, after))
    return out


def _add_run(at: int, words: list[str], out: list[_Run]) -> None:
    for n in range(0, len(words), MAX_RUN_WORDS):
        piece = " ".join(words[n : n + MAX_RUN_WORDS])
        out.append((at, piece, None))
        at += len(piece) + 1


def _careful_runs(text: str, pos: int, stop: int, out: list[tuple[int, str, str | None]]) -> None:
    """The runs of ``text[pos:stop]``, one :data:`_RUN_RX` match, checked word by word."""
    while (m := _RUN_RX.search(text, pos, stop)) is not None:
        at, end = m.start(), m.end()
        q = at
        while q and text[q - 1] in _JOINERS:
            q -= 1
        if q and text[q - 1].isalnum():  # a capital inside a word
            gap = text.find(" ", at, end)
            pos = end if gap < 0 else gap + 1
            continue
        words = m.group().split(" ")
        k = 0
        while k < len(words) and words[k][0].isupper():
            k += 1
        if k == 0:  # a non-ASCII lower-case word: look again after it
            pos = at + len(words[0]) + 1
            continue
        _add_run(at, words[:k], out)
        pos = at + sum(len(w) + 1 for w in words[:k]) if k < len(words) else end


_CUE_BEFORE = re.compile(r"\b(?:near|in|at|around|towards?|outside|direction of)\s+(?:the\s+)?\Z")
_LIST_GAPS = (", ", " and ", ", and ")
_CUE_ENDINGS = ("near", "in", "at", "around", "toward", "towards", "outside", "of", "the")


def _list_spots(text: str, stop: frozenset[str]) -> list[Spot]:
    """Names listed after a feature noun: "the cities of Goris, Sok and Jermuk"."""
    # Every cue is "<noun> of ": find " of " (in any case) and look at the word before it; a
    # word that is not ASCII may still match case-insensitively, so the pattern decides then.
    # No character but "O", "F" and " " lower-cases to "o", "f" or " ", and when the lower-cased
    # text is as long as the text, offsets in it are offsets in the text.
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[:1] for c in text)  # "İ" lower-cases to two characters
    cues = []
    at = low.find(" of ")
    while at >= 0:
        k = low.rfind(" ", 0, at) + 1
        word = low[k:at]
        if not word.isalnum():  # "(districts", "sub-districts": the word's letters at its end
            j = len(word)
            while j and (word[j - 1].isalnum() or word[j - 1] == "_"):
                j -= 1
            k += j
            word = word[j:]
        if word in _LIST_NOUNS or not text[k:at].isascii():
            m = _LIST_CUE_RX.match(text, k)
            if m is not None:
                cues.append(m)
        at = low.find(" of ", at + 4)
    spots: list[Spot] = []
    for cue in cues:
        items = _LIST_RX.match(text, cue.end())
        if items is None:
            continue
        hint = FEATURE_NOUNS.get(cue.group("noun").lower())
        for start, end in _list_items(items):
            name = text[start:end]
            # "the outposts of the Indian Army": whose posts, not where
            if name.lower() not in stop and not lx.country_by_word(name.split(" ")[0]):
                spots.append(Spot(start, end, "list", hint, True, None, cue.start()))
    return spots


def _word_starts(runs: list[_Run], first: int, last: int) -> Iterator[int]:
    """Offsets of the words of runs ``first`` to ``last`` (inclusive), in text order."""
    for at, run, _ in runs[first : last + 1]:
        yield at
        gap = run.find(" ")
        while gap >= 0:
            yield at + gap + 1
            gap = run.find(" ", gap + 1)


# What may follow a run: a feature noun ("districts"), a landmark noun ("bridge"), a list gap.
_AFTER_RUN = re.compile(
    rf" (?:(?P<suffix>{_SUFFIX_NOUNS})|(?P<landmark>{_LANDMARK_NOUNS}))\b|(?P<gap>, | and )"
)


@cache
def _follow_kind(follows: str) -> str | None:
    """What the text a run is followed by (see _RUN_AFTER_RX) is: suffix, landmark or gap."""
    after = _AFTER_RUN.match(follows)
    return None if after is None else after.lastgroup


_NOT_SETTLEMENT = "-"  # what _tail_hint gives after a name that is not a settlement's
_TAIL_HINTS: dict[str, str | None] = {}


def _tail_hint(tail: str) -> str | None:
    """The feature hint of the word after a name ("district"), from the next 14 characters,
    or :data:`_NOT_SETTLEMENT` ("the Hakari bridge"). Memoised: tails repeat a lot."""
    try:
        return _TAIL_HINTS[tail]
    except KeyError:
        pass
    low = tail.lower()
    if _NOT_SETTLEMENT_RX.match(low):
        hint: str | None = _NOT_SETTLEMENT
    else:
        noun = _NEXT_NOUN_RX.match(low)
        hint = FEATURE_NOUNS.get(noun.group(1)) if noun else None
    if len(_TAIL_HINTS) > 100_000:
        _TAIL_HINTS.clear()
    _TAIL_HINTS[tail] = hint
    return hint


def _suffix_spot(
    text: str,
    runs: list[_Run],
    r: int,
    done: int,
    is_known: Callable[[str], bool],
    stop: frozenset[str],
    spots: list[Spot],
) -> int:
    """Names listed before a feature noun after run ``r``: "the Kelbajar and Lachin districts".

    Returns where the match ended (``done`` when there was none): matches never overlap.
    """
    # the list may reach back over runs joined by ", " / " and "
    first = r
    while first and text[runs[first - 1][0] + len(runs[first - 1][1]) : runs[first][0]] in (
        _LIST_GAPS
    ):
        first -= 1
    for p in _word_starts(runs, first, r):
        if p < done:
            continue
        m = _SUFFIX_LIST_RX.match(text, p)
        if m is None:
            continue
        hint = FEATURE_NOUNS.get(m.group("noun").lower())
        for start, stop_at in _list_items(m):
            if hint == "corridor":
                stop_at = m.end()
            name = text[start:stop_at]
            if name.split()[0].lower() in stop or not (
                is_known(name) or hint in ("corridor", "area")
            ):
                continue
            spots.append(Spot(start, stop_at, "suffix", hint, False, m.start(), m.start()))
        return m.end()
    return done


def _cue_list_spot(
    text: str,
    at: int,
    done: int,
    is_known: Callable[[str], bool],
    stop: frozenset[str],
    spots: list[Spot],
) -> int:
    """A list after a locative word, opening with the run at ``at``: "near Vardenis, Sotk"."""
    before = _CUE_BEFORE.search(text, max(0, at - 40), at)
    if before is None or before.start() < done:
        return done
    m = _CUE_LIST_RX.match(text, before.start())
    if m is None:
        return done
    spans = _list_items(m)
    names = [text[a:b] for a, b in spans]
    n_known = sum(is_known(n) for n in names)
    for (start, stop_at), name in zip(spans, names, strict=True):
        if name.lower() in stop or lx.country_by_word(name):
            continue
        if is_known(name) or n_known >= 2:
            spots.append(Spot(start, stop_at, "cue-list", None, True, m.start("items"), m.start()))
    return m.end()


# A locative word a name no gazetteer knows may follow ("clashed in Ladakh", "near the
# Tsorona front"), mid-sentence or opening a line or a bracket, and a capital after it. The
# pattern opens on a class of three characters and spells out each word's cases: ``re`` then
# skips to candidates in C (a case-insensitive pattern is slower, a scan per word slower still).
_CUE_WORDS = "in|near|at|around|outside|towards?|into|In|Near|At|Around|Outside|Towards?|Into"
_CUE_RX = re.compile(rf"[ \n(](?:{_CUE_WORDS}) (?:the )?(?=[A-Z])")
_CUE_OPENING_RX = re.compile(rf"(?:{_CUE_WORDS}) (?:the )?(?=[A-Z])")


def _cued_runs(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, run) of every run of capitalised words right after a locative word (or after
    one and "the") in ``text[start:end]``, each once."""
    cues = {m.end() for m in _CUE_RX.finditer(text, max(0, start - 1), end)}
    if opening := _CUE_OPENING_RX.match(text, start, end):  # "In Ladakh, ..."
        cues.add(opening.end())
    runs = []
    for at in sorted(cues):
        m = _RUN_RX.match(text, at, end)
        # "fired at Ahmed Khan, a shepherd": a run set off by an appositive is a person's
        # or a body's name
        if m is not None and not _APPOSITIVE.match(text, m.end()):
            runs.append((at, m.group()))
    return runs


# ", a shepherd", ", who ...": an appositive that says the run is a person or a body; ", a
# village in the Askeran district" says it is a place, and does not count
_PLACE_APPOSITION = (
    "village|town|city|hamlet|settlement|district|region|province|area|border|outpost|post"
    "|base|crossing"
)
_APPOSITIVE = re.compile(
    rf",\s+(?:who|whose|(?:an?|the)\s+(?!(?:[\w-]+\s+)?(?:{_PLACE_APPOSITION})\b))"
)


def spot_cue_names(text: str, start: int, end: int, known: KnowsPlaces) -> list[Spot]:
    """The ``cue`` spots of ``text[start:end]`` (a sentence of an article): one to three
    capitalised words after a locative word that no gazetteer knows.

    Parameters
    ----------
    text : str
        The article's text.
    start, end : int
        Offsets of the sentence in ``text``.
    known : object with ``is_known(name) -> bool``
        The gazetteer (:meth:`geoclash.Gazetteer.is_known`).

    Returns
    -------
    list of Spot
        ``cue`` spots with offsets into ``text``, in text order.

    Examples
    --------
    >>> from geoclash import Gazetteer
    >>> text = "Soldiers threw stones at each other in Ladakh and near Goris."
    >>> [text[s.start:s.end] for s in spot_cue_names(text, 0, len(text), Gazetteer.default())]
    ['Ladakh']
    """
    memo = _memo(known)
    return _cue_spots(_cued_runs(text, start, end), partial(memo.is_known, known), stopwords())


# Words that make a run after a locative word a person's or a body's name, not a place's
_NOT_CUE_NAMES = frozenset(
    {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "mosque", "church",
        "facebook", "twitter", "telegram", "youtube", "jazeera", "reuters", "tv", "radio",
        "television", "channel", "agency", "press", "times", "post", "news",
    }
)  # fmt: skip


def _cue_spots(
    cued: list[tuple[int, str]], is_known: Callable[[str], bool], stop: frozenset[str]
) -> list[Spot]:
    """Names of one to three words after a locative word that no gazetteer knows: "clashed in
    Ladakh", "near Ovchi-Kalacha" (a longer run is a body's or a person's name far more
    often)."""
    spots: list[Spot] = []
    for at, run in cued:
        # "at Mr Sharma's house": the span never keeps a possessive
        name = run.removesuffix("'s").removesuffix("’s")
        if name.count(" ") > 2:
            continue
        # "in Thursday's fighting": a possessive is read without its "'s"
        words = [w.removesuffix("'s").removesuffix("’s") for w in name.lower().split(" ")]
        if (
            any(w in stop or w in _NOT_CUE_NAMES or lx.country_by_word(w) for w in words)
            or any(c.isdigit() for c in name)
            or is_known(name)
        ):
            continue
        spots.append(Spot(at, at + len(name), "cue", None, False, None, at))
    return spots


def _landmark_spot(text: str, at: int, end: int, stop: frozenset[str], spots: list[Spot]) -> None:
    """A landmark's name in the run at ``at``: "the Hakari bridge", "the Galwan Valley"."""
    # the name is up to three words of the run; the noun follows it (or is "Valley")
    for m in _LANDMARK_RX.finditer(text, at, min(len(text), end + 16)):
        name = m.group("name")
        if name.split()[0].lower() in stop or lx.country_by_word(name):
            continue
        start, stop_at = m.start("name"), m.end("name")
        spots.append(Spot(start, stop_at, "landmark", "landmark", False, m.start(), start))


def spot_toponyms(text: str, known: KnowsPlaces) -> list[Spot]:
    """Every span of ``text`` that may name a place, by kind (strongest first), in text order.

    Parameters
    ----------
    text : str
        An article's text (or a sentence of it).
    known : object with ``is_known(name) -> bool``
        The gazetteer (:meth:`geoclash.Gazetteer.is_known`).

    Returns
    -------
    list of Spot
        ``list`` spots first, then ``suffix``, ``cue-list``, ``landmark`` and ``run`` spots;
        spans of different kinds may overlap (the earlier kind wins when they are used).

    Examples
    --------
    >>> from geoclash import Gazetteer
    >>> text = "shelling in the direction of the cities of Goris, Sok and Jermuk"
    >>> [(text[s.start:s.end], s.kind) for s in spot_toponyms(text, Gazetteer.default())]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Goris', 'list'), ('Sok', 'list'), ('Jermuk', 'list'),
     ('Goris', 'run'), ('Sok', 'run'), ('Jermuk', 'run')]
    """
    stop = stopwords()
    memo = _memo(known)
    is_known = partial(memo.is_known, known)
    known_runs = memo.runs
    runs = _runs_after(text, drop_idle=True, names=known_runs)
    suffix: list[Spot] = []
    cue_list: list[Spot] = []
    landmark: list[Spot] = []
    named: list[Spot] = []
    suffix_done = cue_done = 0
    # one look at each run: what follows it (a feature noun, a landmark noun, a list gap),
    # then the names it holds
    for r, (at, run, follows) in enumerate(runs):
        end = at + len(run)
        if follows is None:
            after = _AFTER_RUN.match(text, end)
            kind = after.lastgroup if after is not None else None
        else:
            kind = _follow_kind(follows) if follows else None
        if kind == "landmark":
            _landmark_spot(text, at, end, stop, landmark)
        else:
            if kind == "suffix":
                suffix_done = _suffix_spot(text, runs, r, suffix_done, is_known, stop, suffix)
            # a list's first item is a whole run of at most three words before a list gap
            elif kind == "gap" and at >= cue_done and run.count(" ") <= 2:
                # the word before the run must end with a locative word or "the"
                words = text[max(0, at - 12) : at].split()
                if words and words[-1].endswith(_CUE_ENDINGS):
                    cue_done = _cue_list_spot(text, at, cue_done, is_known, stop, cue_list)
            if " Valley" in run:
                _landmark_spot(text, at, end, stop, landmark)
        found = known_runs.get(run)
        if found is None:
            found = known_runs[run] = _names_in_run(run, is_known, stop)
        for a, b in found:
            start, stop_at = at + a, at + b
            hint = _tail_hint(text[stop_at : stop_at + 14])
            if hint != _NOT_SETTLEMENT:
                named.append(Spot(start, stop_at, "run", hint, False, None, start))
    return _list_spots(text, stop) + suffix + cue_list + landmark + named
