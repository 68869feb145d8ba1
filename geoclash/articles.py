"""Reading news articles: files, folders, corpora, stdin and DataFrames, cleaned of page junk.

What a reader gets is a stream of :class:`~geoclash.records.Article` records whose ``text`` is the
final cleaned body: every character offset used later points into it. Reading is done in four
steps, each a plain function that can be used on its own:

1. inputs are expanded (folders recursively, sorted, hidden names skipped, symlink loops caught);
2. bytes are decoded (:func:`decode_bytes`: byte-order marks honoured, UTF-8 first, then
   charset-normalizer for cp1251, latin-1 and the rest; binary files are refused);
3. HTML pages go through trafilatura for the main text, title and publish date;
4. :func:`clean_text` removes the page junk that survives (headline lists with "- 17 hours ago"
   stamps, "Related posts" blocks, bylines, cookie notices, source credits, share buttons,
   repeated lines), finds a leading ``date YYYY-MM-DD`` line and the dateline, and records every
   removed piece in :attr:`Article.removed` so the cleaning can be audited.

Decisions worth knowing
-----------------------
* **Title.** For plain text a title is taken only when the first line is a short headline followed
  by a blank line. The title is *also kept* as the first paragraph of ``text``: the extractor
  reads ``text`` only, and headlines carry facts ("49 Armenian soldiers killed"). HTML pages keep
  whatever trafilatura puts in the body (usually the ``<h1>``) and take ``title`` from the page
  metadata.
* **Dateline.** The dateline ("Baku:", "BAKU, Azerbaijan (AP) —", "YEREVAN, Sept 13 (Reuters) -")
  *stays in* ``text``, at the start of the first body paragraph, so an extractor can give the
  name its ``dateline`` role with real offsets; :attr:`Article.dateline` holds the place name in
  ordinary case ("Baku", "Yerevan").
* **Date line.** A leading ``date YYYY-MM-DD`` token is removed from ``text`` (reason
  ``"date-line"``) and sets ``published``. So do publication stamps standing alone on a line in
  the page head, before the story's first sentence ("Tuesday, 11 April 2023", "Published: Sep 13,
  2022 10:45 GMT"; "Posted on 17 September 2022 by ..." goes as a ``"byline"``); a "Published"
  stamp wins over an "Updated" one. An e-mail digest's ``Date: Fri, 17 Jun 2016 07:00:00
  +0500`` header among the opening lines sets ``published`` too (the line stays in the text).
  Dates inside the story are left alone.
* **Several filing places** ("BAKU/YEREVAN, July 14 (...) -") give ``dateline="Baku/Yerevan"``:
  split on ``"/"`` for the names.
* **Repeated lines.** Of identical lines one copy is kept. When the first copy is the article's
  opening line (a teaser the site repeats from the body, as in seed 000) the *later, in-body*
  copy is kept so the sentence stays among its neighbours; otherwise the first copy is kept.
* **Precedence of** ``published``: a record field or the page's metadata > a ``date`` line or
  stamp in the text > the manifest > the ``published=`` default.
* **Audit lines.** :attr:`RemovedSpan.line` is the 1-based line of the text that was cleaned
  (the file, or the record's ``text``); it is 0 for HTML, whose lines are not the page's.
* **Size.** A single article file (or record text) over 20 MiB is refused with a one-line
  reason rather than cleaned as one text; corpora themselves may be any size (streamed).
* **Record numbers.** ``corpus.jsonl#N`` counts physical lines of the file (blank lines too), so
  ``N`` is the line to open in an editor; ``corpus.csv#N`` counts data rows after the header.
"""

from __future__ import annotations

import codecs
import csv
import errno
import importlib
import importlib.util
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from itertools import accumulate
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Union, cast

from .errors import ArticleError, GeoclashError, InvalidOptionError, UnreadableInputError
from .records import Article, RemovedSpan

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CleanedText",
    "OnError",
    "ReadProblem",
    "clean_text",
    "decode_bytes",
    "iter_articles",
    "read_articles",
]

logger = logging.getLogger("geoclash.articles")

PathLike = Union[str, "os.PathLike[str]"]
Inputs = Union[PathLike, "pd.DataFrame", Iterable[Union[PathLike, "pd.DataFrame"]]]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
MANIFEST_NAME = "manifest.csv"

# Big enough for any real article in one CSV cell; the default 128 KiB is not.
_CSV_FIELD_LIMIT = 256 * 1024 * 1024
# How much of a file charset-normalizer looks at; it is slow on megabytes and gains nothing.
_DETECT_SAMPLE = 256 * 1024
# A news article is tens of kilobytes; a single "article" this big is a dump, not a story, and
# cleaning it as one text would hold it all in memory. Corpora (jsonl/csv) have no file limit.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


class OnError(str, Enum):
    """What to do with an input or record that cannot be read.

    ``raise`` stops with the error, ``warn`` logs a warning on the ``geoclash.articles`` logger
    and goes on, ``skip`` goes on silently. In every case the problem is appended to the
    caller's ``errors`` list when one is given.
    """

    RAISE = "raise"
    WARN = "warn"
    SKIP = "skip"

    @classmethod
    def get_value(cls, value: str | OnError) -> OnError:
        """Validate ``value``; the error lists the valid choices."""
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(m.value for m in cls)
            raise InvalidOptionError(
                f"Unknown on_error value {value!r}; choose one of: {choices}"
            ) from None


@dataclass(frozen=True)
class ReadProblem:
    """One input or record that could not be (fully) used.

    Attributes
    ----------
    source : str
        The path, ``path#N`` for a record, ``"<stdin>"`` or ``"<DataFrame>#N"``.
    reason : str
        A short, one-line reason ("binary file (NUL bytes)").
    skipped : bool
        True when the input or record was dropped; False when it was read but something in it
        was ignored (an unparseable date in a record or manifest).
    """

    source: str
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" + (", skipped" if self.skipped else "")


@dataclass
class CleanedText:
    """The result of :func:`clean_text`.

    Attributes
    ----------
    text : str
        The cleaned body, paragraphs separated by a blank line, lines by ``\\n``.
    removed : list of RemovedSpan
        Everything taken out, in input order, with the 1-based input line.
    title : str or None
        A headline found as the first line (only when asked for; it also stays in ``text``).
    dateline : str or None
        The place the report was filed from, in ordinary case ("Baku").
    published : datetime.date or None
        The date of a leading ``date YYYY-MM-DD`` token.
    """

    text: str
    removed: list[RemovedSpan] = field(default_factory=list)
    title: str | None = None
    dateline: str | None = None
    published: date | None = None


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------

# UTF-32 LE's mark starts with UTF-16 LE's, so the longer marks are tried first.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def _bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _wordset(text: str, sep: str | None = None) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split(sep) if w.strip())


# Multi-byte East Asian codecs decode almost any byte string, and the 8-bit code pages decode
# every byte: on a short text with a few accented letters, charset-normalizer has no language
# evidence and may read "près" as Big5 or cp1250. Then a plausibility test decides.
_CJK_CODECS = _wordset(
    "big5 big5hkscs cp932 cp949 cp950 euc_jis_2004 euc_jisx0213 euc_jp euc_kr gb2312 gbk "
    "gb18030 hz iso2022_jp iso2022_kr johab shift_jis shift_jis_2004 shift_jisx0213"
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_CYRILLIC_OR_PUNCT = re.compile(r"[\u0400-\u04ff«»—–…№“”„’‘\xa0]")


def _single_byte_fallback(data: bytes) -> str | None:
    """cp1252 or cp1251 when the bytes read as plausible Latin or Cyrillic text in it."""
    sample = data[:_DETECT_SAMPLE]
    try:
        latin = sample.decode("cp1252")
    except UnicodeDecodeError:
        latin = ""
    runs = list(_NON_ASCII_RUN.finditer(latin))
    # Accented letters sit one or two at a time inside words of ASCII letters.
    if runs and all(
        len(r.group()) <= 2
        and r.group().isalpha()
        and (
            (r.start() > 0 and latin[r.start() - 1].isalpha())
            or (r.end() < len(latin) and latin[r.end()].isalpha())
        )
        for r in runs
    ):
        return "cp1252"
    try:
        cyrillic = sample.decode("cp1251")
    except UnicodeDecodeError:
        return None
    high = [c for c in cyrillic if ord(c) > 0x7F]
    if high and sum(1 for c in high if _CYRILLIC_OR_PUNCT.match(c)) >= 0.95 * len(high):
        return "cp1251"
    return None


def _detect_encoding(data: bytes) -> str:
    """The encoding of BOM-less, non-UTF-8 bytes, by charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_SAMPLE]).best()
    encoding = str(best.encoding) if best is not None else None
    unsure = best is None or encoding in _CJK_CODECS or best.coherence < 0.2
    if unsure and encoding not in ("cp1252", "cp1251"):
        encoding = _single_byte_fallback(data) or encoding
    if encoding is None:
        raise ArticleError("binary or undecodable file (no text encoding fits its bytes)")
    return encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes, refusing binary content.

    Parameters
    ----------
    data : bytes
        The whole file.

    Returns
    -------
    text : str
    encoding : str
        The Python codec used ("utf-8", "utf-16", "cp1251", ...).

    Raises
    ------
    ArticleError
        The file is empty or whitespace only, binary (NUL bytes without a UTF-16/32 byte-order
        mark, or mostly control characters once decoded), or fits no text encoding.
    """
    if not data.strip():
        raise ArticleError("empty file")
    encoding = _bom_encoding(data[:4])
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise ArticleError(
                f"undecodable: starts with a {encoding} byte-order mark but is not {encoding} "
                f"(byte {err.start})"
            ) from None
    elif b"\x00" in data:
        raise ArticleError("binary file (NUL bytes)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = _detect_encoding(data)
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError) as err:
                raise ArticleError(f"undecodable as {encoding} ({err})") from None
    if not text.strip():
        raise ArticleError("empty file")
    # Legacy 8-bit codecs decode anything; a binary file shows itself as control characters.
    sample = text[:_DETECT_SAMPLE]
    if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise ArticleError("binary file (mostly non-text bytes)")
    return text, encoding


# ---------------------------------------------------------------------------------------------
# Junk removal, date line, dateline, title
# ---------------------------------------------------------------------------------------------

_OTHER_BREAKS = ("\u2028", "\u2029", "\x85", "\x0b", "\x0c")
_INVISIBLE_CHARS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])) + (
    "\u200b\u200c\u200d\u2060\ufeff"
)
_INVISIBLE = re.compile(f"[{re.escape(_INVISIBLE_CHARS)}]")

_DATE_LINE = re.compile(r"date:?[ ](\d{4}-\d{2}-\d{2})(?:[ ]|$)", re.IGNORECASE)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_MONTHS = {
    m: n
    for n, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sept sep",
            "october oct",
            "november nov",
            "december dec",
        ),
        1,
    )
    for m in names.split()
}
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
# A line that is only a publication stamp: "Tuesday, 11 April 2023", "Posted on 17 September
# 2022 by Aigerim K.", "Published: Sep 13, 2022 10:45 GMT", "Updated 14 Sep 2022".
_STAMP_LINE = re.compile(
    r"(?:[^|\n]{1,30}\| ?)?"  # "Issue 7 | "
    r"(?:(published|posted|updated|last updated|date)(?: on)?:? )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH_NAME}),? (\d{{4}})|({_MONTH_NAME}) (\d{{1,2}})"
    r"(?:st|nd|rd|th)?,? (\d{4}))"
    r"(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?"
    r"(?: \(?(?:gmt|utc)?[+-]?[\d:]*\)?| [a-z]{2,5})?)?"
    r"( by [^\n]{1,60})?",
    re.IGNORECASE,
)


def _stamp_date(line: str) -> tuple[date, str] | None:
    """The date of a publication-stamp line, and the reason to remove it; None if not one."""
    if len(line) > 120:
        return None
    m = _STAMP_LINE.fullmatch(line.rstrip("."))
    if not m:
        return None
    day, month, year = (m.group(2), m.group(3), m.group(4)) if m.group(2) else m.group(6, 5, 7)
    month_no = _MONTHS.get(month.lower().rstrip("."))
    if month_no is None:
        return None
    try:
        found = date(int(year), month_no, int(day))
    except ValueError:
        return None
    return found, "byline" if m.group(8) else "date-line"


_PLACE_WORD = r"[A-Z][\w’'.]*"
_DATELINE_COLON = re.compile(rf"({_PLACE_WORD}(?:[ /-]{_PLACE_WORD}){{0,3}}) ?: (?=\S)")
_DATELINE_WIRE = re.compile(
    rf"({_PLACE_WORD}(?:[ /-]{_PLACE_WORD}){{0,3}})"  # BAKU / NEW DELHI / BAKU/YEREVAN
    rf"(?:, ?{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})?"  # , Azerbaijan
    rf"(?:,? ?{_MONTH} \d{{1,2}}|,? ?\d{{1,2}} {_MONTH})?(?:,? \d{{4}})?"  # , Sept 13 2022
    r" ?(\([A-Za-z][\w .&/-]{0,30}\))?"  # (AP) / (Reuters)
    r" ?(?:—|–|--?|[.:]) ?(?=\S)"
)


# Words that open a line like a dateline but are not places.
_NOT_PLACES = _wordset(
    "update updated breaking analysis opinion exclusive watch video live photos photo editorial "
    "explainer comment note source sources related also tags tag warning correction factbox "
    "timeline read listen summary highlights advertisement sponsored by posted published "
    "written from to cc bcc subject date sent reply"
)

_TIMESTAMP = re.compile(
    r"[-–—•·|]? ?(?:\d{1,3}|an?|one) ?(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|"
    r"months?|years?) ago",
    re.IGNORECASE,
)
# "Other headline - 2 hours ago" on one line.
_STAMPED_HEADLINE = re.compile(
    r".{8,140}? [-–—•·|] ?(?:\d{1,3}|an?|one) ?(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|"
    r"weeks?|months?|years?) ago",
    re.IGNORECASE,
)
# Headings after which the rest of the page is other stories.
_RELATED_CUT = re.compile(
    r"(?:related (?:posts?|articles?|stories|news|content|coverage|topics)|more (?:stories|news|"
    r"articles)(?: from .{1,30})?|more from [A-Z].{0,30}|more on this (?:story|topic)|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|"
    r"recommended(?: for you| stories)?|most (?:read|popular|viewed|shared)|trending(?: now)?|"
    r"latest (?:news|stories|posts)|top stories|popular (?:posts|stories)|other news|"
    r"editor'?s picks)[:.]?",
    re.IGNORECASE,
)
# Headings that introduce a few links in the middle of a story ("Read more" lists).
_READ_MORE = re.compile(r"(?:read (?:more|also|next)|also read|see also|watch)[:.]?", re.IGNORECASE)
_READ_MORE_INLINE = re.compile(
    r"(?:read (?:more|also|next)|also read|see also|read)\s?[:|–—-] ?\S", re.IGNORECASE
)
_NAME = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(
    rf"(?:by|written by|posted by|reported by|words by) {_NAME}(?: (?:{_NAME}|and|&|de|da|van|"
    rf"von|al|bin))*(?: ?[|/–—] ?[^.!?]{{0,60}}|, ?{_NAME}(?: {_NAME}){{0,3}})?",
    re.IGNORECASE,
)
_BYLINE_OPENERS = ("by ", "written by ", "posted by ", "reported by ", "words by ")
_STAFF_WORDS = (
    "staff",
    "desk",
    "correspondent",
    "reporter",
    "bureau",
    "team",
    "editor",
    "editors",
    "service",
)
_STAFF_BYLINE = re.compile(
    r"(?:[\w&.'’-]+ ){1,3}(?:staff|desk|correspondent|reporter|bureau|team|editors?|"
    r"web desk|news desk|news service)",
    re.IGNORECASE,
)
_SOURCE_CREDIT = re.compile(
    r"(?:sources?|credit|courtesy|источник|fuente|quelle) ?: ?[^.!?]{1,80}|"
    r"\(?(?:with inputs from|additional reporting by|reporting by|editing by|compiled by|"
    r"writing by)\b[^\n]{0,200}|[-—–(]* ?(?:AFP|AP|"
    r"Reuters|ANI|PTI|IANS|Agencies|TASS|Xinhua|dpa|AA|Anadolu|Interfax|RIA Novosti|APA|"
    r"Armenpress|Trend|News\.am)\)?",
    re.IGNORECASE,
)
_BOILERPLATE_LINES = _wordset(
    """read more|continue reading|click here|share|share this|share this article|share this story|
    share on facebook|share on twitter|share on whatsapp|tweet|print|email|e-mail|advertisement|
    advertisment|sponsored|sponsored content|subscribe|subscribe now|sign up|sign in|log in|login|
    register|follow us|comments|leave a comment|leave a reply|skip to content|skip to main content|
    menu|home|back to top|next|previous|next article|previous article|load more|show more|
    copy link|link copied|accept|accept all|reject|reject all|i agree|got it|ok|manage preferences|
    cookie settings|accept read more|listen to this article|tags|topics|loading|close""",
    sep="|",
)
_SHARE_WORDS = _wordset(
    "facebook twitter x whatsapp telegram linkedin email e mail print share reddit pinterest "
    "copy link messenger vk viber sms on this tumblr flipboard"
)
_BOILERPLATE_PREFIX = re.compile(
    r"[\[(]?(?:follow us on|subscribe to|sign up for|join our|download our app|get the latest|"
    r"click here to|tap here to|copyright ©|© ?\d{4}|all rights reserved|tags ?:|topics ?:|"
    r"filed under ?:|photo ?:|image ?:|file photo|image source|image caption|media caption|"
    r"video caption|photo credit|you are receiving this|you received this|unsubscribe|"
    r"view (?:this email )?in (?:your )?browser|forward to a friend|manage (?:your )?subscription)",
    re.IGNORECASE,
)
_COOKIE_WORDS = re.compile(
    r"website|site|experience|consent|accept|privacy|opt-?out|browsing|agree", re.IGNORECASE
)
_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")

# Line caps: junk lines are short, so long lines are never run through the junk patterns and
# no pattern ever sees more than a few hundred characters (no super-linear backtracking).
_SHORT = 160
_HEADLINE_WORDS = 30


def _load_stopwords() -> frozenset[str]:
    """English stopwords from justext's stoplist, read without importing justext (lxml)."""
    spec = importlib.util.find_spec("justext")
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / "English.txt"
        try:
            return frozenset(w.strip().lower() for w in path.read_text("utf-8").split())
        except OSError:  # pragma: no cover - a broken justext install
            pass
    return _wordset(  # pragma: no cover - the common core, if justext is absent
        "a about after all also an and are as at be been but by for from had has have he her "
        "his in into is it its more not of on or said than that the their there they this to "
        "was were which while who will with would"
    )


_STOPWORDS: frozenset[str] | None = None


def _stopword_density(words: list[str]) -> float:
    global _STOPWORDS
    if _STOPWORDS is None:
        _STOPWORDS = _load_stopwords()
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in _STOPWORDS) / len(words)


def _is_good(line: str) -> bool:
    """A body-prose line in justext's sense: a sentence, or long and full of stopwords."""
    if line.count(" ") >= 4 and _TERMINAL.search(line[-4:]):
        return True
    return len(line) >= 70 and _stopword_density(_WORD.findall(line)) >= 0.30


def _is_headlineish(line: str) -> bool:
    """Short, with no sentence end: what headline lists and link blocks are made of."""
    return (
        len(line) <= _SHORT
        and len(line.split()) <= _HEADLINE_WORDS
        and not _TERMINAL.search(line[-4:])
    )


def _junk_reason(line: str) -> str | None:
    """The reason a single line is page junk, judged on its own; None if it may be prose."""
    # Cheap string tests gate the patterns: this runs on every line of every article.
    size = len(line)
    if size > 600:
        return None
    low = line.lower()
    if "cookie" in low and _COOKIE_WORDS.search(line):
        return "cookie-notice"
    if size > _SHORT:
        return None
    if low.endswith("ago"):
        if _TIMESTAMP.fullmatch(line):
            return "timestamp"
        if _STAMPED_HEADLINE.fullmatch(line):
            return "headline-list"
    if low.strip(" .:|•·-–—>»›") in _BOILERPLATE_LINES:
        return "boilerplate"
    spaces = line.count(" ")
    if spaces < 8:
        words = _WORD.findall(low)
        if words and all(w in _SHARE_WORDS for w in words):
            return "boilerplate"
    if ("|" in line or "•" in line or "·" in line) and not _TERMINAL.search(line):
        items = [i for i in re.split(r"[|•·]", line) if i.strip()]
        if len(items) >= 3 and all(len(i.split()) <= 4 for i in items):
            return "boilerplate"
    if spaces < 20 and _BOILERPLATE_PREFIX.match(line):
        return "boilerplate"
    if _READ_MORE_INLINE.match(line) and _is_headlineish(line):
        return "boilerplate"
    if spaces < 12:
        if (":" in line or "(" in line or "by" in low or spaces < 3) and _SOURCE_CREDIT.fullmatch(
            line
        ):
            return "source-credit"
        if low.startswith(_BYLINE_OPENERS) and _BYLINE.fullmatch(line):
            return "byline"
        if spaces < 6 and low.endswith(_STAFF_WORDS) and _STAFF_BYLINE.fullmatch(line):
            return "byline"
    return None


_MAIL_DATE = re.compile(r"Date: ((?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d.*)")


def _mail_date(lines: list[str]) -> date | None:
    """The day an e-mail digest was sent, from its "Date: Fri, 17 Jun 2016 07:00:00 +0500"
    header among the opening lines: the digest's own publish date."""
    from email.utils import parsedate_to_datetime

    for line in lines:
        if (m := _MAIL_DATE.match(line)) is not None:
            try:
                return parsedate_to_datetime(m.group(1)).date()
            except (TypeError, ValueError):
                return None
    return None


def _dateline(line: str) -> str | None:
    head = line[:200]
    m = _DATELINE_WIRE.match(head)
    if m and (m.group(1).isupper() or m.group(2)):
        place = m.group(1)
    else:
        m = _DATELINE_COLON.match(head)
        if not m:
            return None
        place = m.group(1)
    # "SOUTH CAUCASUS: THE WEEK IN BRIEF" is a headline; a dateline opens a sentence.
    if not any(c.islower() for c in head[m.end() : m.end() + 40]):
        return None
    if place.split()[0].lower().strip(".") in _NOT_PLACES:
        return None
    return place.title() if place.isupper() else place


def clean_text(raw: str, *, find_title: bool = False, title: str | None = None) -> CleanedText:
    """Remove page junk from an article's text; find its date line, dateline and title.

    Works line by line, like justext on paragraphs: each line is judged on its own (bylines,
    cookie notices, timestamps, share buttons, source credits) and with its neighbours (the
    headline above a "- 17 hours ago" stamp, everything after a "Related posts" heading, the
    links under a "Read more" heading, trailing headline-like lines after the last sentence,
    repeated lines). Runs in time linear in the text length.

    Parameters
    ----------
    raw : str
        The article text as read (HTML already turned into text).
    find_title : bool
        Look for a headline on the first line (a short line without a full stop, followed by a
        blank line). The headline stays in ``text``.
    title : str, optional
        A title known from elsewhere (page metadata); when the text opens with it, the
        dateline is looked for on the line after it.

    Returns
    -------
    CleanedText
    """
    # str methods, not regexes, on the whole text: they are ten times faster on non-ASCII text.
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    for sep in _OTHER_BREAKS:
        if sep in raw:
            raw = raw.replace(sep, "\n")
    if any(ch in raw for ch in _INVISIBLE_CHARS):
        raw = _INVISIBLE.sub("", raw)
    # split() without arguments knows every Unicode space (tabs, no-break, em and ideographic).
    lines = [" ".join(ln.split()) for ln in raw.split("\n")]
    n = len(lines)
    reasons: list[str | None] = [None] * n
    result = CleanedText(text="")

    # A leading "date YYYY-MM-DD" token: the publish date, taken out of the text.
    first = next((i for i, ln in enumerate(lines) if ln), None)
    if first is not None:
        m = _DATE_LINE.match(lines[first])
        if m:
            try:
                result.published = date.fromisoformat(m.group(1))
            except ValueError:
                m = None
        if m:
            result.removed.append(RemovedSpan(m.group(0).strip(), "date-line", first + 1))
            lines[first] = lines[first][m.end() :].strip()
        else:
            result.published = _mail_date(lines[first : first + 8])

    # Line-by-line judgement; pages repeat lines, so each distinct line is judged once.
    # Every later pass walks only the non-blank lines (``content``), in order.
    content = [i for i, ln in enumerate(lines) if ln]
    judged: dict[str, str | None] = {}
    good: dict[str, bool] = {}

    def is_good(line: str) -> bool:
        if line not in good:
            good[line] = _is_good(line)
        return good[line]

    for i in content:
        ln = lines[i]
        if ln not in judged:
            judged[ln] = _junk_reason(ln)
        reasons[i] = judged[ln]

    first_good = next((i for i in content if is_good(lines[i])), n)
    story_prefix: list[int] | None = None
    for pos, i in enumerate(content):
        reason = reasons[i]
        ln = lines[i]
        if reason == "timestamp":
            # The headline that the stamp dates belongs to the same list.
            j = content[pos - 1] if pos > 0 else None
            if j is not None and i - j <= 3 and reasons[j] is None and _is_headlineish(lines[j]):
                reasons[j] = "headline-list"
        elif reason == "cookie-notice":
            # The buttons under a cookie notice ("Accept", "Read More").
            j = content[pos + 1] if pos + 1 < len(content) else None
            if j is not None and len(lines[j]) <= 40 and not _TERMINAL.search(lines[j]):
                reasons[j] = "cookie-notice"
        elif reason is None and len(ln) <= 60 and i > first_good:
            if _RELATED_CUT.fullmatch(ln):
                # A heading of that name with more story below it than above is not the end
                # of the story: then only the heading and the links under it go.
                if story_prefix is None:
                    story_prefix = list(
                        accumulate(
                            (reasons[k] is None and is_good(lines[k]) for k in content),
                            initial=0,
                        )
                    )
                if story_prefix[-1] - story_prefix[pos] <= story_prefix[pos]:
                    for k in content[pos:]:
                        if reasons[k] is None:
                            reasons[k] = "related-posts"
                    break
                heading_reason: str | None = "related-posts"
            elif _READ_MORE.fullmatch(ln):
                heading_reason = "boilerplate"
            else:
                heading_reason = None
            if heading_reason is not None:
                reasons[i] = heading_reason
                for k in content[pos + 1 : pos + 7]:
                    if reasons[k] is not None or not _is_headlineish(lines[k]):
                        break
                    reasons[k] = heading_reason

    # The page head (before the first sentence of the story): publication stamps give the date
    # and go; a site name directly above a navigation bar goes with it.
    stamps: list[tuple[date, bool]] = []
    for pos, i in enumerate(content[:10]):
        if i > first_good:  # a stamp with a full stop can pass for the first sentence
            break
        if reasons[i] is None:
            stamp = _stamp_date(lines[i])
            if stamp is not None:
                reasons[i] = stamp[1]
                stamps.append((stamp[0], lines[i].lower().startswith(("updated", "last updated"))))
        elif (
            reasons[i] == "boilerplate"
            and pos == 1
            and reasons[content[0]] is None
            and content[0] + 1 == i
            and _is_headlineish(lines[content[0]])
        ):
            reasons[content[0]] = "boilerplate"
    if stamps and result.published is None:
        # A "Published" stamp wins over an "Updated" one.
        result.published = min(stamps, key=lambda s: s[1])[0]

    # Repeated lines: keep one copy (the in-body one when the first copy opens the article).
    seen: dict[str, list[int]] = {}
    for i in content:
        if reasons[i] is None:
            seen.setdefault(lines[i].casefold(), []).append(i)
    opening = next((i for i in content if reasons[i] is None), None)
    for positions in seen.values():
        if len(positions) > 1:
            keep = positions[1] if positions[0] == opening else positions[0]
            for i in positions:
                if i != keep:
                    reasons[i] = "repeated-line"

    # Trailing headline-like lines after the last sentence of the story (sidebars, footers).
    last_good = next((i for i in reversed(content) if reasons[i] is None and is_good(lines[i])), -1)
    if last_good >= 0:
        for i in content:
            if i > last_good and reasons[i] is None and _is_headlineish(lines[i]):
                reasons[i] = "headline-list"

    # Assemble the kept lines; runs of blank lines become one paragraph break.
    kept: list[str] = []
    blank = False
    for i, ln in enumerate(lines):
        reason = reasons[i]
        if reason is not None:
            result.removed.append(RemovedSpan(ln, reason, i + 1))
            continue
        if not ln:
            blank = bool(kept)
            continue
        if blank:
            kept.append("")
            blank = False
        kept.append(ln)

    if kept and find_title:
        head = kept[0]
        if (
            len(kept) > 2
            and kept[1] == ""
            and len(head) <= 200
            and len(head.split()) <= 25
            and not re.search(r"[.:;,]$", head)
        ):
            result.title = head
    heading = result.title or title
    body = [ln for ln in kept[:3] if ln]
    if body and heading is not None and body[0] == heading.strip():
        body = body[1:]
    if body:
        result.dateline = _dateline(body[0])
    result.text = "\n".join(kept)
    return result


# ---------------------------------------------------------------------------------------------
# Metadata: dates, manifests
# ---------------------------------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    # pandas' NA (Arrow-backed strings from Parquet) refuses `== ""`; test it first, by type
    # name so that reading plain files never imports pandas.
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return (isinstance(value, float) and value != value) or (isinstance(value, str) and value == "")


def _to_date(value: Any) -> date | None:
    """A date from a date, datetime, pandas Timestamp or ISO string; ValueError if not one."""
    if _is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        if value != value:  # NaT
            return None
        return value.to_pydatetime().date()
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])", text)
    if not m:
        raise ValueError(f"published {text[:40]!r} is not a date (expected YYYY-MM-DD)")
    return date.fromisoformat(m.group(1))


def _opt_str(value: Any) -> str | None:
    if _is_missing(value):
        return None
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class _Meta:
    published: date | None = None
    url: str | None = None
    publisher: str | None = None


def _load_manifest(path: Path, problems: _Problems) -> dict[str, _Meta]:
    """Rows of a manifest (file, published, url, publisher), keyed by file name."""
    entries: dict[str, _Meta] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        cols = {c.strip().lower(): c for c in reader.fieldnames or []}
        if "file" not in cols:
            raise ArticleError(
                f"manifest has no 'file' column (columns: {', '.join(cols) or 'none'}); "
                "expected file, published, url, publisher"
            )
        for n, row in enumerate(reader, 1):
            name = (row.get(cols["file"]) or "").strip()
            if not name:
                continue
            published = None
            raw_date = row.get(cols["published"]) if "published" in cols else None
            try:
                published = _to_date(raw_date)
            except ValueError as err:
                problems.note(f"{path}#{n}", f"{err}; date ignored", skipped=False)
            entries[name] = _Meta(
                published=published,
                url=_opt_str(row.get(cols["url"])) if "url" in cols else None,
                publisher=_opt_str(row.get(cols["publisher"])) if "publisher" in cols else None,
            )
    return entries


class _Manifests:
    """Finds the manifest for a file: the one given, or ``manifest.csv`` in its folder."""

    def __init__(self, override: PathLike | None, problems: _Problems) -> None:
        self._problems = problems
        self._by_dir: dict[Path, dict[str, _Meta]] = {}
        self._override: dict[str, _Meta] | None = None
        self._override_dir: Path | None = None
        if override is not None:
            path = Path(override)
            if not path.is_file():
                raise UnreadableInputError(f"manifest {path} does not exist or is not a file")
            self._override = _load_manifest(path, problems)
            self._override_dir = path.parent

    def meta(self, path: Path) -> _Meta:
        if self._override is not None:
            entries = self._override
            key = path.name
            if self._override_dir is not None:
                try:
                    rel = os.path.relpath(path, self._override_dir)
                    if rel in entries:
                        key = rel
                except ValueError:  # pragma: no cover - different drives on Windows
                    pass
            return entries.get(key, _Meta())
        folder = path.parent
        if folder not in self._by_dir:
            candidate = folder / MANIFEST_NAME
            entries = {}
            if candidate.is_file():
                try:
                    entries = _load_manifest(candidate, self._problems)
                except (OSError, ArticleError, csv.Error, UnicodeDecodeError) as err:
                    self._problems.note(str(candidate), f"manifest not used ({err})", False)
            self._by_dir[folder] = entries
        return self._by_dir[folder].get(path.name, _Meta())


# ---------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------


class _Problems:
    def __init__(self, on_error: OnError, errors: list[ReadProblem] | None) -> None:
        self.on_error = on_error
        self.errors = errors

    def note(self, source: str, reason: str, skipped: bool = True) -> None:
        """A problem that never stops the run (an ignored date, an unusable manifest)."""
        problem = ReadProblem(source, reason, skipped)
        if self.errors is not None:
            self.errors.append(problem)
        if self.on_error is not OnError.SKIP:
            logger.warning("%s", problem)

    def fail(self, source: str, err: GeoclashError) -> None:
        """An input or record that is dropped; raises under ``on_error="raise"``."""
        reason = str(err)
        problem = ReadProblem(source, reason)
        if self.errors is not None:
            self.errors.append(problem)
        if self.on_error is OnError.RAISE:
            raise type(err)(f"{source}: {reason}") from err
        if self.on_error is OnError.WARN:
            logger.warning("%s", problem)


# ---------------------------------------------------------------------------------------------
# Building articles
# ---------------------------------------------------------------------------------------------


@dataclass
class _Fields:
    """What a record or page says about itself (the highest-precedence metadata)."""

    title: str | None = None
    published: date | None = None
    url: str | None = None
    publisher: str | None = None


def _article(
    text: str,
    *,
    article_id: str,
    source: str,
    fields: _Fields,
    meta: _Meta,
    default: date | None,
    find_title: bool,
) -> Article:
    cleaned = clean_text(text, find_title=find_title and fields.title is None, title=fields.title)
    if not cleaned.text.strip():
        raise ArticleError("no article text left after removing page junk")
    return Article(
        id=article_id,
        text=cleaned.text,
        title=fields.title or cleaned.title,
        published=fields.published or cleaned.published or meta.published or default,
        dateline=cleaned.dateline,
        source=source,
        url=fields.url or meta.url,
        publisher=fields.publisher or meta.publisher,
        removed=cleaned.removed,
    )


def _html_text(html: str) -> tuple[str, _Fields]:
    """Main text, title and date of an HTML page, by trafilatura."""
    from ._compat import import_optional

    trafilatura = import_optional("trafilatura")
    etree = importlib.import_module("lxml.etree")

    fields = _Fields()
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # Only dates the page states in its markup, not guesses from the text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        text = (doc.text or "") if doc is not None else ""
        if doc is not None:
            fields.title = _opt_str(doc.title)
            try:
                fields.published = _to_date(doc.date)
            except ValueError:
                fields.published = None
        if not text.strip():
            text = trafilatura.html2txt(html) or ""
        if not text.strip():
            text = importlib.import_module("lxml.html").fromstring(html).text_content()
    except RecursionError:
        raise ArticleError("HTML nested too deeply to parse") from None
    except (etree.LxmlError, ValueError, TypeError) as err:
        raise ArticleError(f"HTML could not be parsed ({type(err).__name__}: {err})") from None
    if not text.strip():
        raise ArticleError("HTML page has no text")
    return text, fields


def _file_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "txt"


def _too_large(size: int) -> ArticleError:
    return ArticleError(
        f"{size / 2**20:.1f} MiB is too large for one article (limit "
        f"{MAX_ARTICLE_BYTES / 2**20:.0f} MiB); split it, or give a .jsonl/.csv corpus"
    )


def _read_file_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
            if len(data) > MAX_ARTICLE_BYTES:
                raise _too_large(os.fstat(fh.fileno()).st_size)
            return data
    except PermissionError:
        raise UnreadableInputError("permission denied") from None
    except OSError as err:
        raise UnreadableInputError(_os_reason(err)) from None


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.EACCES or isinstance(err, PermissionError):
        return "permission denied"
    if err.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read ({err.strerror or err})"


def _single_article(
    data: bytes, *, kind: str, article_id: str, source: str, meta: _Meta, default: date | None
) -> Article:
    text, _ = decode_bytes(data)
    fields = _Fields()
    if kind == "html":
        text, fields = _html_text(text)
    article = _article(
        text,
        article_id=article_id,
        source=source,
        fields=fields,
        meta=meta,
        default=default,
        find_title=kind == "txt",
    )
    if kind == "html":
        # Lines of trafilatura's output are not lines of the page: RemovedSpan says 0 then.
        article.removed = [RemovedSpan(s.text, s.reason, 0) for s in article.removed]
    return article


def _record_article(
    record: dict[str, Any],
    *,
    default_id: str,
    source: str,
    meta: _Meta,
    default: date | None,
    problems: _Problems,
) -> Article:
    text = record.get("text")
    if _is_missing(text):
        raise ArticleError("record has no 'text'")
    if not isinstance(text, str):
        raise ArticleError(f"'text' is a {type(text).__name__}, not a string")
    if len(text) > MAX_ARTICLE_BYTES:
        raise _too_large(len(text.encode("utf-8")))
    fields = _Fields(
        title=_opt_str(record.get("title")),
        url=_opt_str(record.get("url")),
        publisher=_opt_str(record.get("publisher")),
    )
    try:
        fields.published = _to_date(record.get("published"))
    except ValueError as err:
        problems.note(source, f"{err}; date ignored", skipped=False)
    record_id = _opt_str(record.get("id"))
    if isinstance(record.get("id"), float) and float(record["id"]).is_integer():
        record_id = str(int(record["id"]))
    return _article(
        text,
        article_id=record_id or default_id,
        source=source,
        fields=fields,
        meta=meta,
        default=default,
        find_title=fields.title is None,
    )


def _iter_jsonl_lines(
    lines: Iterable[bytes],
    *,
    label: str,
    stem: str,
    meta: _Meta,
    default: date | None,
    problems: _Problems,
    first_lineno: int = 1,
) -> Iterator[Article]:
    for lineno, raw in enumerate(lines, first_lineno):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        source = f"{label}#{lineno}"
        try:
            if len(raw) > MAX_ARTICLE_BYTES:
                raise _too_large(len(raw))
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise ArticleError(f"line is not UTF-8 (byte {err.start})") from None
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                what = err.msg.removesuffix(" at").lower()
                raise ArticleError(f"invalid JSON at column {err.colno} ({what})") from None
            except RecursionError:
                raise ArticleError("invalid JSON (nested too deeply)") from None
            if not isinstance(record, dict):
                raise ArticleError(f"not a JSON object but a {type(record).__name__}")
            yield _record_article(
                record,
                default_id=f"{stem}#{lineno}",
                source=source,
                meta=meta,
                default=default,
                problems=problems,
            )
        except ArticleError as err:
            problems.fail(source, err)


def _iter_jsonl(
    path: Path, *, meta: _Meta, default: date | None, problems: _Problems
) -> Iterator[Article]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as err:
        raise UnreadableInputError(_os_reason(err)) from None
    with fh:
        head = fh.read(8192)
        if not head.strip():
            raise ArticleError("empty file")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
            raise ArticleError("binary or UTF-16 file; JSON Lines must be UTF-8 text")
        fh.seek(0)
        yield from _iter_jsonl_lines(
            fh, label=str(path), stem=path.stem, meta=meta, default=default, problems=problems
        )


def _csv_encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(_DETECT_SAMPLE)
    if not head.strip():
        raise ArticleError("empty file")
    encoding = _bom_encoding(head[:4])
    if encoding is not None:
        return encoding
    if b"\x00" in head:
        raise ArticleError("binary file (NUL bytes)")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3 and len(head) == _DETECT_SAMPLE:
            return "utf-8"  # a character cut by the sample's end
    return _detect_encoding(head)


def _iter_csv(
    path: Path, *, meta: _Meta, default: date | None, problems: _Problems
) -> Iterator[Article]:
    try:
        encoding = _csv_encoding(path)
        fh = open(path, encoding=encoding, newline="")  # noqa: SIM115 - closed below
    except OSError as err:
        raise UnreadableInputError(_os_reason(err)) from None
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    with fh:
        try:
            # Spreadsheets in many locales save with ";" or tabs: the header line decides.
            first = fh.readline()
            fh.seek(0)
        except UnicodeDecodeError as err:
            raise ArticleError(f"CSV header undecodable as {encoding} ({err.reason})") from None
        delimiter = max(",;\t", key=first.count)
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as err:
            raise ArticleError(f"CSV header unreadable ({err})") from None
        if not header:
            raise ArticleError("empty file")
        columns = [h.strip().lower() for h in header]
        if "text" not in columns:
            shown = ", ".join(c for c in columns if c) or "none"
            raise ArticleError(
                f"CSV has no 'text' column (columns: {shown}); name the article body column 'text'"
            )
        text_at = columns.index("text")
        n = 0
        while True:
            n += 1
            source = f"{path}#{n}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                problems.fail(source, ArticleError(f"malformed CSV row ({err})"))
                continue
            except UnicodeDecodeError as err:
                problems.fail(
                    source, ArticleError(f"undecodable bytes for {encoding} ({err.reason})")
                )
                return
            if not any(cell.strip() for cell in row):
                n -= 1
                continue
            try:
                if len(row) <= text_at:
                    raise ArticleError(
                        f"row has {len(row)} of {len(columns)} columns; no 'text' value"
                    )
                record = dict(zip(columns, row, strict=False))
                yield _record_article(
                    record,
                    default_id=f"{path.stem}#{n}",
                    source=source,
                    meta=meta,
                    default=default,
                    problems=problems,
                )
            except ArticleError as err:
                problems.fail(source, err)


def _iter_frame(
    frame: pd.DataFrame, *, default: date | None, problems: _Problems
) -> Iterator[Article]:
    if "text" not in frame.columns:
        shown = ", ".join(str(c) for c in frame.columns) or "none"
        raise ArticleError(f"DataFrame has no 'text' column (columns: {shown})")
    columns = [c for c in ("id", "text", "title", "published", "url", "publisher") if c in frame]
    for n, values in enumerate(zip(*(frame[c] for c in columns), strict=True), 1):
        source = f"<DataFrame>#{n}"
        try:
            yield _record_article(
                dict(zip(columns, values, strict=True)),
                default_id=f"frame#{n}",
                source=source,
                meta=_Meta(),
                default=default,
                problems=problems,
            )
        except ArticleError as err:
            problems.fail(source, err)


_HTML_START = re.compile(rb"\s*(?:<!doctype html|<html|<head|<body|<article|<p[ >]|<div)", re.I)


def _iter_stdin(
    stream: IO[bytes], *, default: date | None, problems: _Problems
) -> Iterator[Article]:
    first = stream.readline()
    if first.lstrip(codecs.BOM_UTF8 + b" \t").startswith(b"{"):
        yield from _iter_jsonl_lines(
            _chain_first(first, stream),
            label="<stdin>",
            stem="stdin",
            meta=_Meta(),
            default=default,
            problems=problems,
        )
        return
    data = first + stream.read(MAX_ARTICLE_BYTES + 1 - len(first))
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(len(data))
    kind = "html" if _HTML_START.match(data[:1024]) else "txt"
    yield _single_article(
        data, kind=kind, article_id="stdin", source="<stdin>", meta=_Meta(), default=default
    )


def _chain_first(first: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


# ---------------------------------------------------------------------------------------------
# Walking inputs
# ---------------------------------------------------------------------------------------------


def _walk(folder: Path, problems: _Problems) -> Iterator[Path]:
    """Readable files under ``folder``, sorted, hidden names skipped, symlink loops reported."""
    found = False

    def visit(current: Path, ancestors: tuple[tuple[int, int], ...]) -> Iterator[Path]:
        nonlocal found
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as err:
            problems.fail(str(current), UnreadableInputError(_os_reason(err)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = current / entry.name
            try:
                st = os.stat(entry.path)
            except OSError as err:
                if os.path.islink(entry.path) and Path(entry.name).suffix.lower() in (
                    READABLE_SUFFIXES
                ):
                    reason = (
                        "symlink loop"
                        if err.errno == errno.ELOOP
                        else "dangling symlink (its target does not exist)"
                    )
                    problems.fail(str(path), UnreadableInputError(reason))
                elif os.path.islink(entry.path) and err.errno == errno.ELOOP:
                    problems.fail(str(path), UnreadableInputError("symlink loop"))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    problems.fail(
                        str(path), UnreadableInputError("symlink loop (points back to a parent)")
                    )
                    continue
                yield from visit(path, (*ancestors, key))
            elif path.suffix.lower() in READABLE_SUFFIXES and entry.name != MANIFEST_NAME:
                found = True
                yield path

    try:
        st = os.stat(folder)
    except OSError as err:  # pragma: no cover - checked by the caller
        problems.fail(str(folder), UnreadableInputError(_os_reason(err)))
        return
    yield from visit(folder, ((st.st_dev, st.st_ino),))
    if not found:
        problems.fail(
            str(folder),
            ArticleError("folder holds no article files (.txt, .html, .jsonl, .csv)"),
        )


def _check_path(path: Path) -> os.stat_result:
    """Stat ``path``, turning every reason it cannot be opened into UnreadableInputError."""
    try:
        return os.stat(path)
    except OSError as err:
        if err.errno == errno.ENOENT and os.path.islink(path):
            raise UnreadableInputError("dangling symlink (its target does not exist)") from None
        raise UnreadableInputError(_os_reason(err)) from None


def _iter_path(
    path: Path,
    *,
    manifests: _Manifests,
    default: date | None,
    problems: _Problems,
) -> Iterator[Article]:
    source = str(path)
    try:
        st = _check_path(path)
        if not stat.S_ISREG(st.st_mode):
            # Opening a FIFO would block for ever; devices and sockets are not articles either.
            raise UnreadableInputError("not a regular file (a FIFO, socket or device)")
        meta = manifests.meta(path)
        kind = _file_kind(path)
        if kind == "jsonl":
            yield from _iter_jsonl(path, meta=meta, default=default, problems=problems)
        elif kind == "csv":
            yield from _iter_csv(path, meta=meta, default=default, problems=problems)
        else:
            data = _read_file_bytes(path)
            yield _single_article(
                data, kind=kind, article_id=path.stem, source=source, meta=meta, default=default
            )
    except (ArticleError, UnreadableInputError) as err:
        problems.fail(source, err)


def _is_frame(obj: Any) -> bool:
    return hasattr(obj, "columns") and hasattr(obj, "iloc")


def iter_articles(
    inputs: Inputs,
    *,
    published: date | str | None = None,
    manifest: PathLike | None = None,
    on_error: str | OnError = "warn",
    errors: list[ReadProblem] | None = None,
) -> Iterator[Article]:
    """Read articles one at a time; jsonl and csv corpora are streamed in constant memory.

    Parameters
    ----------
    inputs : path, DataFrame, or a list of them
        Paths (``str`` or ``Path``) of ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson`` or
        ``.csv`` files, folders (read recursively in name order, hidden names skipped), ``"-"``
        for stdin (plain text, HTML or JSON Lines, sniffed), or a pandas DataFrame with a
        ``text`` column (optional ``id``, ``title``, ``published``, ``url``, ``publisher``).
        Corpus records need ``text`` and may carry the same optional fields.
    published : datetime.date or str (YYYY-MM-DD), optional
        Publish date for articles that give none by any other means.
    manifest : path, optional
        A CSV (file, published, url, publisher) describing the files; by default a
        ``manifest.csv`` beside each file is used when there is one.
    on_error : {"raise", "warn", "skip"}
        What to do with an input or record that cannot be read (see :class:`OnError`).
    errors : list, optional
        Receives a :class:`ReadProblem` for every input or record dropped (and every date
        ignored), whatever ``on_error`` says.

    Yields
    ------
    Article
        ``id`` is the file name without extension, or the record's ``id``, or
        ``"<file stem>#<N>"``; ``source`` is the path or ``"path#N"``.

    Raises
    ------
    InvalidOptionError
        ``on_error`` or ``published`` is not valid.
    UnreadableInputError
        With ``on_error="raise"``: a path is missing, unreadable or a symlink loop; also the
        ``manifest`` given does not exist (whatever ``on_error`` says).
    ArticleError
        With ``on_error="raise"``: an input is empty, binary, undecodable or has no text.
    """
    mode = OnError.get_value(on_error)
    default = _default_date(published)
    problems = _Problems(mode, errors)
    manifests = _Manifests(manifest, problems)
    single = isinstance(inputs, (str, os.PathLike)) or _is_frame(inputs)
    items = cast("Iterable[Any]", [inputs] if single else inputs)
    for item in items:
        if _is_frame(item):
            try:
                yield from _iter_frame(item, default=default, problems=problems)
            except ArticleError as err:
                problems.fail("<DataFrame>", err)
            continue
        if isinstance(item, str) and item == "-":
            try:
                yield from _iter_stdin(sys.stdin.buffer, default=default, problems=problems)
            except (ArticleError, UnreadableInputError) as err:
                problems.fail("<stdin>", err)
            continue
        if not isinstance(item, (str, os.PathLike)):
            raise InvalidOptionError(
                f"Cannot read articles from a {type(item).__name__}; give paths, '-' for stdin, "
                "or a pandas DataFrame with a 'text' column"
            )
        path = Path(item)
        if path.is_dir():
            for file in _walk(path, problems):
                yield from _iter_path(file, manifests=manifests, default=default, problems=problems)
        else:
            yield from _iter_path(path, manifests=manifests, default=default, problems=problems)


def read_articles(
    inputs: Inputs,
    *,
    published: date | str | None = None,
    manifest: PathLike | None = None,
    on_error: str | OnError = "warn",
    errors: list[ReadProblem] | None = None,
) -> list[Article]:
    """Read all articles into a list; see :func:`iter_articles` for the parameters.

    Examples
    --------
    >>> from geoclash.articles import read_articles
    >>> problems = []
    >>> articles = read_articles("seeds", errors=problems)
    >>> [(a.id[:3], str(a.published), a.dateline) for a in articles]
    [('000', '2022-09-13', None), ('002', '2022-09-13', None), ('004', '2021-11-17', 'Baku')]
    >>> problems
    []
    """
    return list(
        iter_articles(
            inputs, published=published, manifest=manifest, on_error=on_error, errors=errors
        )
    )


def _default_date(value: date | str | None) -> date | None:
    try:
        return _to_date(value)
    except ValueError:
        raise InvalidOptionError(
            f"published={value!r} is not a date; give a datetime.date or 'YYYY-MM-DD'"
        ) from None
