"""Sentence splitting with character offsets (linear time, no backtracking-prone patterns)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
     "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr",
     "prof", "rev", "gov", "sen", "rep", "pres", "vs", "etc", "no", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "e.g", "i.e",
     "approx", "est",
    }
)  # fmt: skip

# A run of non-space characters ending in . ! or ?, optionally followed by closing quotes or
# brackets. Character classes only, so the scan is linear in the text length.
# (``[.!?][.!?]*`` is ``[.!?]+``: spelt so that ``re`` sees a first character class and skips to
# the next candidate in C; a leading repeat makes it try the pattern at every offset, twice as
# slow over an article.)
_END = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
#: Characters; the longest sentence of the seeds and test reports is about 600.
_MAX_SENTENCE = 1500


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text == article_text[start:end]``; ``paragraph`` counts from 0."""

    text: str
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets.

    Lines are paragraphs (news pages put one paragraph per line); inside a line, a sentence
    ends at ``.``, ``!`` or ``?`` (with any closing quotes) followed by white space, except
    after a known abbreviation or a single capital initial.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Sentence
        In text order, stripped of surrounding white space, never empty.
    """
    sentences: list[Sentence] = []
    pos = 0
    paragraph = 0
    for match in _PARAGRAPH.finditer(text):
        if _add_line(text, pos, match.start(), paragraph, sentences):
            paragraph += 1
        pos = match.end()
    _add_line(text, pos, len(text), paragraph, sentences)
    return sentences


def _add_line(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> bool:
    added = False
    seg_start = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        word_start = text.rfind(" ", seg_start, match.start()) + 1
        word = text[max(word_start, seg_start) : match.start()].lower().strip("\"'“‘(")
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue
        # "... to protect" or "e.g. the": a lower-case continuation is the same sentence.
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end and text[nxt].islower():
            continue
        # "at about 10:30 a.m. Azerbaijani units opened fire": a time, unless the next word
        # can only open a sentence ("... at 9 a.m. The ministry said")
        if word in ("a.m", "p.m") and _next_word(text, nxt, end) not in _OPENERS:
            continue
        # "Major General A.L.M. Fazlur Rahman", "V.K. Gaur": initials before a name
        if _INITIALS.fullmatch(word) and _next_word(text, nxt, end) not in _OPENERS:
            continue
        added |= _emit(text, seg_start, stop, paragraph, out)
        seg_start = stop
    added |= _emit(text, seg_start, end, paragraph, out)
    return added


_INITIALS = re.compile(r"(?:[a-z]\.){1,3}[a-z]")
_OPENERS = frozenset(
    {"the", "it", "he", "she", "they", "we", "i", "a", "an", "this", "that", "these", "those",
     "but", "and", "in", "on", "at", "by", "after", "before", "later", "earlier", "there"}
)  # fmt: skip


def _next_word(text: str, start: int, end: int) -> str:
    stop = start
    while stop < end and text[stop].isalpha():
        stop += 1
    return text[start:stop].lower()


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> bool:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return False
    while end - start > _MAX_SENTENCE:
        # A run-on "sentence" (a page without full stops, or hostile input) is cut at a space
        # so that per-sentence steps stay bounded; no real sentence is this long.
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        _emit(text, start, cut, paragraph, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.append(Sentence(text[start:end], start, end, paragraph))
    return True
