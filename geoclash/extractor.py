"""From article text to incident reports: who did what to whom, where, when, says who.

The extractor is rule-based and deterministic. For each article it

1. splits the cleaned text into sentences (:mod:`geoclash.sentences`);
2. finds in each sentence the time expressions, the claimant ("Armenia's defence ministry
   said"), the actors, the place names with the role they play, the casualties, the weapons
   and the event words;
3. dates the main event (the first dated statement that is not history) and sets aside the
   sentences about history ("a war in 2020 that killed 6,600") and about earlier events
   ("Last week, Armenia accused ..."), so their numbers never become this event's casualties;
4. groups what each side claims into one report per side (the most specific claimant names
   it), and lets the unattributed reporting of the main event back the first report.

Place names become :class:`~geoclash.records.PlaceMention` objects with a role; resolving
them to coordinates is the next stage's job (:mod:`geoclash.places`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from . import lexicon as lx
from ._rx import CASE_UNSAFE as _CASE_UNSAFE
from ._rx import WordIndex as _WordIndex
from ._rx import anchor_starts as _anchor_starts
from ._rx import folded as _folded
from ._rx import plain_twin as _plain
from ._rx import prefix_strings as _prefixes
from ._rx import required_strings as _required
from ._rx import scan as _scan
from ._rx import scan_at as _scan_at
from .records import Article, Casualty, Evidence, IncidentReport, PlaceMention, Qualifier, Role
from .sentences import Sentence, split_sentences
from .spot import KnowsPlaces, Spot, spot_cue_names, spot_toponyms
from .timex import TIME_NEEDS, TIME_TWINS, TimeExpression, find_times

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .incidents import Incidents

__all__ = ["KnowsPlaces", "extract", "extract_reports"]

# Where in a sentence the words of each anchor start: anchor name -> offsets (see
# _rx.WordIndex.locate and the gate words below).
Where = dict[str, list[int]]


# --- case-folded matching (see geoclash._rx) --------------------------------------------------


@cache
def _plain_compiled(pattern: str) -> re.Pattern[str]:
    return _plain(lx.compiled(pattern))


@cache
def _plain_unbounded(pattern: str) -> re.Pattern[str]:
    # Without the leading look-behind, ``re`` can skip ahead to the pattern's first letters.
    return re.compile(rf"(?:{pattern})(?![\w])")


def _lexicon_matches(pattern: str, low: str) -> Iterator[re.Match[str]]:
    """``_plain_compiled(pattern).finditer(low)``, found through the twin without the leading
    look-behind (faster for patterns whose branches open with a literal, like the weapons)."""
    return _scan(_plain_compiled(pattern), _plain_unbounded(pattern), low)


# --- words ----------------------------------------------------------------------------------

_APOS = "['’]"
_COUNTRY_WORDS = sorted(
    {w for c in lx.COUNTRIES.values() for w in c.words} | set(lx.KARABAKH_WORDS),
    key=len,
    reverse=True,
)
_COUNTRY_ALT = "|".join(re.escape(w) for w in _COUNTRY_WORDS)
# A country name or demonym, optionally possessive ("Armenia's"), optionally in brackets.
_NATION = rf"\[?(?P<nation>{_COUNTRY_ALT})\]?(?:{_APOS}s)?"
_NATION2 = _NATION.replace("nation", "nation2")
# What a _NATION can start with: a look-ahead for it spares ``re`` trying every country name at
# every word of a sentence.
_NATION_START = "[\\[" + "".join(sorted({re.escape(w[0]) for w in _COUNTRY_WORDS})) + "]"

_MILITARY_NOUN = (
    r"armed forces|army|military|forces|troops|soldiers|soldier|servicem[ae]n|service ?members"
    r"|personnel|border guards?|border troops|border service|guards|units?|positions|posts?"
    r"|snipers?|sappers?|officers?|conscripts?|fighters?|defen[cs]e army|side"
    # the navy's and the air force's: "North Korean patrol boats crossed the sea border"
    r"|navy|sailors?|marines?|warships?|(?:patrol )?boats?|vessels?|corvettes?|warplanes?"
    r"|(?:fighter )?jets?|helicopters?|drones?|aircraft|planes?|air defen[cs]es?"
    # "an Armenian sabotage group had tried to break into Azerbaijani positions"
    r"|(?:sabotage|reconnaissance) (?:groups?|units?|squads?)|saboteurs|commandos?"
)
_CIVILIAN_NOUN = r"civilians?|residents?|villagers?|farmers?|shepherds?|children|women|people"
_NOT_MID = (
    r"(?:carried|launched|said|says|told|claimed|attacked|shelled|fired|killed|opened|accused"
    r"|sent|deployed|used|has|had|have|is|was|were|are|of|on|in|at|with)"
)
_ACTOR_RX = re.compile(
    # the words between are adjectives ("armed", "border"), never a verb: "Pakistan carried
    # out military strikes" names no force
    rf"(?<![\w-]){_NATION}(?P<mid>(?: (?:(?!{_NOT_MID}\b)[a-z][\w-]*|{_COUNTRY_ALT})){{0,2}}?) "
    # "the Lebanese Armed Forces", "the Eritrean Army": capitalised as a name
    rf"(?P<noun>{_MILITARY_NOUN}|{_CIVILIAN_NOUN}|Armed Forces|Army|Navy|Air Force)\b"
)


# Small patterns of the claim, offence and casualty helpers, compiled once.
_CIVILIAN_NOUN_RX = re.compile(_CIVILIAN_NOUN)
_BOTH_RX = re.compile(
    r"\b(?:both (?:sides|countries|armies)|each side|the two sides|both \w+ and \w+)\b"
)
_BOTH_NEEDS = _required(_BOTH_RX)
_SUBJECT_GAP = re.compile(r"\s*(?:has|have|had|also|on \w+|,[^,]{0,40},)?\s*", re.I)
_AND_COUNTRY = re.compile(rf"\band (?:{_COUNTRY_ALT})\b")
_COUNTRY_AND = re.compile(rf"(?:{_COUNTRY_ALT}) and\s*$")
_QUOTE_END = re.compile(r"[\"”]\s*,?\s*$|,\s*[\"”]\s*$")
_WORDS_ONLY = re.compile(r"[\s\w'’-]*")
_TITLE_GAP = re.compile(
    # "In New Delhi, Union Home Secretary X told reporters": the capital names the country
    r"(?:['’]s|,(?=\s+[A-Z]))?\s*(?:(?:[A-Z][\w-]*|the|of|state|national|acting|deputy)\s+){0,4}"
)
_CLAUSE_BREAK = re.compile(r"[.;]|\b(?:that|been|was|were|is|are|being|after|before|following)\b")
# "South Korea's military says bullets fired from the North struck": the speaker, not the
# subject of what it says ("Ethiopia announced its soldiers had crossed" still is)
_SPEAKER_THEN = re.compile(r"\s+(?:says|said)\s+(?!(?:that\s+)?(?:its|their|it|they)\b)")
_OF_COUNTRY = re.compile(rf"\s+(?:of|from) (?:an? |the )?(?P<nation>{_COUNTRY_ALT})\b")
_OWN_RX = re.compile(r"\b(?:its|our|their own|of their)\b", re.I)
_OTHER_RX = re.compile(r"\bother\b", re.I)
_ARTICLE_RX = re.compile(r"\ban?\b", re.I)
_YEAR_RX = re.compile(r"(?:19|20)\d\d")
_COUNTRY_RX = re.compile(rf"(?<![\w-])(?P<nation>{_COUNTRY_ALT})(?P<poss>{_APOS}s)?(?![\w-])")
# Where a match of _ACTOR_RX / _COUNTRY_RX can start (see _scan).
# Two branches, not ``\[?``: an optional first character would cost ``re`` its fast scan.
_ACTOR_FIRST = re.compile(rf"\[(?:{_COUNTRY_ALT})|{_COUNTRY_ALT}")
_COUNTRY_FIRST = re.compile(_COUNTRY_ALT)

_SAY = (
    r"said|says|say|stated|states|reported|reports|claimed|claims|alleged|alleges|accused|accuses"
    r"|announced|added|noted|told|blamed|blames|insisted|confirmed|confirms|charged|denied"
    r"|according to|statement|reported that|saying|version|maintained|condemns|condemned"
    r"|rejected|rejects|weighed in|informs|affirms|affirmed"
    r"|briefed (?:reporters|journalists|the press|the media)|press release"
    r"|(?:gave|offered|put forward) (?:a|an|its) (?:different|opposite|own|conflicting)"
    r" (?:account|version)"
)
_SAY_RX = re.compile(rf"\b(?:{_SAY})\b", re.IGNORECASE)
_PRONOUN_CLAIM_RX = re.compile(
    rf"(?:\b(?:it|he|she|they|the ministry|the statement|the agency|the army|the service"
    rf"|the military|the government|the office|the command|the general|its statement"
    rf"|the spokes(?:wo)?(?:man|person)"
    rf"|their statement)"
    rf" (?:has |had |also )?(?:{_SAY})\b|^[\"“]?(?:claiming|adding|according to the (?:ministry"
    rf"|statement))\b"
    # "Spokesman Raveesh Kumar said": the spokesman of the speaker just named
    rf"|^[\"“]?spokes(?:wo)?(?:man|person) (?-i:[A-Z])"
    r"|\b(?:its|the ministry['’]s|their|the army['’]s|an? (?:defen[cs]e )?ministry)"
    r" (?:chief )?spokes(?:wo)?(?:man|person)\b)",
    re.IGNORECASE,
)
_INSTITUTIONS = [
    (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), n) for p, n in lx.CLAIMANT_INSTITUTIONS
]
# One search tells whether any institution is named: most sentences name none.
_ANY_INSTITUTION = re.compile(
    r"\b(?:" + "|".join(f"(?:{p})" for p, _ in lx.CLAIMANT_INSTITUTIONS) + r")\b", re.IGNORECASE
)
# A word every match of each institution's pattern holds (lower-cased): most sentences name
# one or two institutions, so most patterns need not run.
_INSTITUTION_WORDS = {
    "Ministry of Defence": ("defen",),
    "Ministry of Foreign Affairs": ("foreign",),
    "Ministry of Interior": ("interior", "internal affairs", "home "),
    "Security Council": ("security council",),
    "Border Service": (
        "border",
        "frontier",
        "bangladesh rifles",
        "bsf",
        "bdr",
        "bgb",
        "itbp",
        "ssb",
        "apf",
        "sashastra seema bal",
        "armed police force",
    ),
    "Prime Minister": ("prime minister", "premier", "pm"),
    "President": ("president",),
    "Ministry of Health": ("health",),
    "Authorities": ("authorities", "prosecutor", "police", "governor", "commissioner", "mayor"),
    "Government": ("government", "cabinet", "officials", "information"),
    "Military Forces": (
        "army",
        "armed forces",
        "military",
        "troops",
        "defen",
        "command",
        "general staff",
        "joint chiefs",
        "jcs",
        "idf",
        # "pla" alone is in "place" and "plan": the acronym stands after a space or bracket
        " pla",
        "(pla",
        "fardc",
        "spla",
        "kpa",
        "people's liberation",
        "ispr",
        "inter-services",
        " general",
        "-general",
    ),
}
_INSTITUTIONS_PLAIN = [(_plain(rx), n) for rx, n in _INSTITUTIONS]
_LEADER_RX = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(lx.LEADERS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

_SAY_PLAIN = _plain(_SAY_RX)
_PRONOUN_CLAIM_PLAIN = _plain(_PRONOUN_CLAIM_RX)
_LEADER_PLAIN = _plain(_LEADER_RX)
_LEADER_NEEDS = _required(_LEADER_PLAIN)

_ACCUSE_RX = re.compile(
    rf"\b(?:accused|accusing|accuses|blamed|blaming|blames)\s+(?:the\s+)?{_NATION}|"
    rf"\b(?:(?:provocations?|attacks?|aggression|shelling|fire)\s+(?:\w+\s+){{0,2}}?"
    # "the crime committed by the Ethiopian army"
    rf"|(?:committed|perpetrated|carried out|conducted|launched)\s+)by\s+(?:the\s+)?{_NATION2}",
    re.IGNORECASE,
)

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100,
    "hundred": 100,
}  # fmt: skip
_VAGUE = {"dozens", "several", "a few", "few", "some", "scores", "hundreds", "many", "numerous"}
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUM = (
    rf"\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)"
    r"|a dozen|dozens|a few|several|scores|hundreds|many|numerous|a hundred"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    rf"|fifteen|sixteen|seventeen|eighteen|nineteen|{_TENS}|an?"
)
_QUAL = (
    r"at least|no fewer than|not less than|as many as|more than|over|upwards of|nearly|almost"
    r"|about|around|approximately|roughly|some|an estimated|up to|at most"
)
_OFFENSIVE_VERB = re.compile(
    r"\b(?:launched|launch|opened|open|attacked|attack|shelled|shelling|fired|firing|struck|strike"
    r"|bombed|targeted|used|using|tried|trying|attempted|committed|planted|violated|crossed|advanced"
    r"|stormed|ambushed|infiltrated|provoked|carried out|conducted|backed by|pounded|pounding"
    r"|(?<!a )(?<!direct )hit|shot|raided"
    # "Afghan forces had killed 58 Pakistani soldiers": killing someone, not being killed
    rf"|(?:killed|wounded|executed)(?= (?:(?:{_QUAL}) )?(?:{_NUM})\b))\b"
)
# "Several other Tajiks were hurt": nationals named by their plural demonym
_DEMONYMS = "|".join(
    sorted(
        {
            w
            for c in lx.COUNTRIES.values()
            for w in c.words
            if w.endswith("s") and w != c.name and w.isalpha()
        }
    )
)
_PEOPLE = (
    rf"{_DEMONYMS}|"
    r"soldiers?|troops?|servicem[ae]n|service ?members?|military personnel|personnel"
    r"|border guards?|guards?|officers?|conscripts?|fighters?|militants?|civilians?|people"
    r"|persons?|residents?|villagers?|men|women|children|members|lives|farmers?|shepherds?"
    r"|policem[ae]n|sappers?|servicemen|privates?|sergeants?|lieutenants?|captains?|colonels?"
    r"|generals?|commanders?|journalists?|reporters?|cameram[ae]n|correspondents?|officials?"
    r"|workers?|drivers?|citizens?|attackers?|intruders?|infiltrators?|insurgents?|terrorists?"
    r"|rebels?|saboteurs?|marines?|sailors?|airmen|pilots?|paratroopers?|commandos?|militiamen"
)
_KILLED = r"killed|dead|died|perished|martyred|lost their lives|lost his life|slain|executed"
_WOUNDED = r"wounded|injured|hurt|injuries|wounds"
_CAPTURED = r"detained|captured|taken prisoner|taken captive|held captive|seized|abducted|arrested"
_KIND_OF = [(re.compile(rf"^(?:{p})", re.I), k) for p, k in
            ((_KILLED, "killed"), (_WOUNDED, "wounded"), (_CAPTURED, "captured"))]  # fmt: skip
_CASUALTY_VERB = rf"(?:{_KILLED}|{_WOUNDED}|{_CAPTURED})"
_ACTIVE_VERB = (
    r"killing|killed|kills|wounding|wounded|injuring|injured|capturing|captured|detaining|detained"
    r"|taking prisoner|took prisoner|abducting|abducted|arresting|arrested|executing|executed"
)
_ADJ = rf"(?:(?:\[?(?:{_COUNTRY_ALT})\]?|[a-z][a-z-]+|its|their|our|his|her|\d{{1,3}}-year-old) )"
_OF_OWN = r"(?:of (?:its|their|our|the) (?:own )?)"

_PASSIVE_RX = re.compile(
    rf"(?<![\w,])(?P<qual>{_QUAL})?\s?(?P<num>{_NUM})\b "
    rf"{_OF_OWN}?{_ADJ}{{0,3}}?(?P<people>{_PEOPLE})(?:, [^,;.]{{1,40}},)?"
    # the few words before the verb never take "and": in "killed two soldiers and wounded
    # four" the soldiers were killed, not wounded
    rf"(?: (?:(?!and\b)\w+ ){{0,4}}?)?(?: ?(?:were|was|have been|had been|has been|are|is|got|being"
    rf"|reportedly|also))*"
    rf" ?(?P<verb>{_CASUALTY_VERB})\b"
    rf"(?P<and>,? and (?P<qual2>{_QUAL})?\s?(?P<num2>{_NUM})\b "
    rf"(?:others? |more )?(?:(?:was|were|have been|had been) )?(?P<verb2>{_CASUALTY_VERB}))?",
    re.IGNORECASE,
)
_SHORT_RX = re.compile(
    rf"(?<![\w,])(?P<qual>{_QUAL})?\s?(?P<num>\d{{1,3}}(?:,\d{{3}})*|{_TENS}|two|three|four|five"
    rf"|six"
    rf"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    rf"|nineteen|(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine))"
    r" (?P<verb>killed|dead|wounded|injured)\b",
    re.IGNORECASE,
)
_ACTIVE_RX = re.compile(
    # "were killed when Kyrgyz troops opened fire": a passive verb kills no one after it
    rf"(?<![Tt]he )(?<!were )(?<!was )(?<!been )\b(?P<verb>{_ACTIVE_VERB}) "
    rf"(?P<qual>{_QUAL})?\s?(?:(?P<num>{_NUM})\b)? ?"
    rf"{_OF_OWN}?{_ADJ}{{0,3}}?(?P<people>{_PEOPLE})\b"
    # "seven soldiers of the Sudanese Armed Forces and one citizen"
    r"(?: of (?:the )?(?:[\w-]+ ){0,2}(?:armed forces|army|forces|military))?"
    # "three women, four children and two men"
    rf"(?P<more>(?:, (?:{_NUM})\b {_ADJ}{{0,2}}?(?:{_PEOPLE})\b){{1,4}}(?= and ))?"
    rf"(?P<and>,? and (?P<num2>{_NUM})\b {_ADJ}{{0,2}}?(?P<p2>{_PEOPLE})\b)?"
    # "killed 15 civilians and wounded 43": a second verb with its own number
    rf"(?P<then>,? and (?:had |have |has )?(?P<verb3>{_ACTIVE_VERB}) (?P<qual3>{_QUAL})?\s?"
    rf"(?P<num3>{_NUM})\b(?: others?| more)?(?: {_ADJ}{{0,2}}?(?P<p3>{_PEOPLE})\b)?)?",
    re.IGNORECASE,
)
_UNKNOWN_RX = re.compile(
    rf"\ban? (?:unknown|unspecified|undisclosed|unconfirmed|large|significant|great|huge"
    rf"|small) number of {_ADJ}{{0,3}}?(?P<people>{_PEOPLE})"
    rf"(?: (?:\w+ ){{0,3}}?)?(?: ?(?:were|was|have been|had been))? ?(?P<verb>{_CASUALTY_VERB})\b",
    re.IGNORECASE,
)
_LOSSES_RX = re.compile(
    rf"\b(?:losses|casualties|fatalities) (?:among|in the ranks of"
    rf"|of) (?:the )?{_ADJ}{{0,3}}?(?P<people>{_PEOPLE}|army|forces|ranks)\b"
    rf"|\b{_NATION} (?:losses|casualties)\b|\b(?:suffered|sustained|has|had) (?:heavy "
    rf"|some )?(?:losses|casualties)\b",
    re.IGNORECASE,
)
_AMONG_RX = re.compile(
    r"\b(?P<list>an? [a-z-]+(?: [a-z-]+)?(?:(?:, | and )an? [a-z-]+(?: [a-z-]+)?){0,5})"
    rf" (?:were|was) among (?:the )?(?P<who>(?:those|{_ADJ}{{0,3}}?(?:{_PEOPLE})))"
    rf"\s?(?P<verb>{_CASUALTY_VERB})\b",
    re.IGNORECASE,
)
_SINGULAR_RX = re.compile(
    rf"\b(?:its|our|an?|one) (?:{_ADJ}){{0,2}}?(?P<people>soldier|serviceman|service member"
    r"|border guard|guard|officer|civilian|conscript|private|resident|villager|farmer|shepherd"
    r"|policeman|sapper|major|captain|lieutenant|sergeant|colonel|commander)\b"
    # "an army major, Ali Jawad Changezi, was ...", "A battalion commander, Lt Col X, 45, was"
    r"(?:(?:, [^,;.]{1,40}){1,2},)?"
    r"(?: \w+){0,3}? (?:was|got|has been|had been) (?:\w+ )?"
    # "was shot in the chest and died of his wounds": the death is what counts
    r"(?:(?:shot|hit)\b[^.;]{0,40}? and (?:later )?)?"
    rf"(?P<verb>{_CASUALTY_VERB})\b",
    re.IGNORECASE,
)
_PAIR_RX = re.compile(
    rf"(?<![\w,])(?P<num>{_NUM})\b {_ADJ}{{0,2}}?(?:(?P<p1>{_PEOPLE}) )?and (?P<num2>{_NUM})\b "
    rf"{_ADJ}{{0,2}}?(?P<p2>{_PEOPLE}) (?:(?:were|was|have been|had been|has been) )?"
    rf"(?P<verb>{_CASUALTY_VERB})\b",
    re.IGNORECASE,
)
_SUFFERED_RX = re.compile(
    r"(?<![\w-])"  # start at a word start only: the same matches, six times faster
    rf"(?:(?P<qual>{_QUAL})\s)?(?:(?P<num>{_NUM})\b )?{_ADJ}{{0,2}}?(?P<people>{_PEOPLE})"
    r"(?P<both> on both sides)?"
    # "leaving men on both sides with minor injuries"
    r" (?:(?:suffered|sustained|received|(?<=sides )with) (?:[\w-]+ ){0,3}?"
    r"(?P<verb>injuries|injury|wounds?)\b"
    # "leaving soldiers on both sides injured"
    r"|(?<=sides )(?:injured|wounded|hurt)\b)",
    re.IGNORECASE,
)
_EACH_SIDE = re.compile(r"\s+on (?:each|either|both) sides?\b", re.I)
_FATAL = re.compile(r"\b(?:fatal|mortal|lethal)\b", re.I)
_LOST_RX = re.compile(
    rf"\b(?:had |has |have )?lost (?P<num>{_NUM})\b "
    rf"{_OF_OWN}?{_ADJ}{{0,2}}?(?P<people>{_PEOPLE})\b",
    re.IGNORECASE,
)
_DEATH_TOLL_RX = re.compile(
    rf"\bdeath toll (?:\w+ ){{0,3}}?(?:rose|risen|climbed|stands|stood|reached|is|was|of) (?:to "
    rf"|at )?(?P<qual>{_QUAL})?\s?(?P<num>\d[\d,]*|{_NUM})\b",
    re.IGNORECASE,
)

# "found the burned bodies of two civilians"
_BODIES_RX = re.compile(
    rf"\bbod(?:y|ies) of (?P<num>{_NUM})\b {_ADJ}{{0,2}}?(?P<people>{_PEOPLE})\b", re.IGNORECASE
)
_HISTORY_RX = re.compile(
    r"\b(?:since the (?:end|collapse|start)|decades|for years|centuries|previously|in the past"
    r"|the (?:\w+[- ])?(?:week|day|month|year) war\b|(?:19|20)\d\d war"
    # "fought a war in the early 1990s ... in which about 30,000 people were killed"
    r"|war (?:in|of) (?:the (?:early |mid-?|late )?)?(?:19|20)\d\d"
    r"|(?:fought|waged) (?:a|two|three) wars?"
    r"|last year['’]s war|first war|second war|two wars|ensuing conflict|soviet union collapsed)",
    re.IGNORECASE,
)
# "the first deadly clash in decades", "the worst fighting since their 2020 war": a yardstick,
# not a story about the past.
_COMPARISON_RX = re.compile(
    r"\b(?:first|worst|deadliest|most \w+|biggest|heaviest|latest|bloodiest|largest)\b[^.;]{0,80}?"
    r"\b(?:in|since|for)\b[^.;]{0,40}?(?:decades?|years|war|\d{4}|independence|ceasefire|truce)"
    r"(?:[^,;.]{0,30})",
    re.IGNORECASE,
)
_HISTORY_PLAIN = _plain(_HISTORY_RX)
# Words every match of _HISTORY_RX / _COMPARISON_RX holds (lower-cased): most sentences have
# none, and then neither pattern need run.
_HISTORY_WORDS = (
    "since the", "decades", "for years", "centuries", "previously", "in the past", "war",
    "ensuing conflict", "soviet union collapsed",
)  # fmt: skip
_COMPARISON_WORDS = (
    "first", "worst", "deadliest", "most ", "biggest", "heaviest", "latest", "bloodiest",
    "largest",
)  # fmt: skip
_COMPARISON_PLAIN = _plain(_COMPARISON_RX)
_TALKS_RX = re.compile(
    r"\b(?:talks?|meeting|met|meets?|summit|negotiations?|visit(?:ed|s)?|conference|ceasefire talks"
    r"|peace deal|agreement|treaty|capital|parliament|embassy|hospital|clinic|morgue|funeral"
    r"|buried|evacuated|flown|taken|transferred|told reporters|told journalists|briefing"
    r"|refugees|displaced|fled|situation"
    r"|road (?:that |which )?(?:links|connects|linking|connecting)"
    # "the fighting shut the crossings at Torkham and Chaman": trade stopped there; "across
    # the border from Chaman": a landmark the fighting was near, on the other side
    r"|(?:shut|closed|closure of|reopened|reopening of|sealed)(?:\s+\w+){0,3}\s+crossings?"
    r"|across the border from)\b",
    re.IGNORECASE,
)
_INCIDENT_CUE = re.compile(
    r"(?:\b(?:in|near|at|around|towards?|outside|along|close to|direction of|vicinity of"
    r"|outskirts of|banks? of|shores? of"
    r"|area of|areas of|on|into|across|of the (?:villages?|towns?|cities?|districts?"
    r"|settlements?)"
    r"|villages? of|towns? of|cities of|city of|districts? of|regions? of|provinces? of"
    r"|settlements? of"
    r"|positions in|border near|not far from|entered|hit|struck|shelled"
    r"|targeted|attacked|bombed|pounded|stormed|raided|hitting|striking|including)"
    r"\W+(?:\S+\W+){0,3})$",
    re.IGNORECASE,
)
_NEAR_CUE = re.compile(
    r"\b(?:near|towards?|direction of|around|outskirts of|close to|vicinity of|area of|areas of"
    r"|outside|not far from|border near|on the border)\b",
    re.IGNORECASE,
)
_ROLE_CUES = (_TALKS_RX, _INCIDENT_CUE, _NEAR_CUE)
_ROLE_CUES_PLAIN = (_plain(_TALKS_RX), _plain(_INCIDENT_CUE), _plain(_NEAR_CUE))
_TERRITORY_RX = re.compile(
    rf"\b(?:(?:the )?(?:territory|soil|side of the border|state border|sovereign territory"
    rf"|border) of {_NATION}"
    rf"|(?={_NATION_START}){_NATION2} (?:sovereign |state )?(?:territory|soil|state border"
    rf"|side of the border"
    rf"|border positions))\b"
)

# --- per-sentence analysis -----------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    country: str | None  # ISO2, "NK", or None when only an institution was named
    institution: str

    @property
    def name(self) -> str:
        if self.country is None:
            return self.institution
        if self.country == lx.KARABAKH:
            if self.institution in ("Military Forces",):
                return lx.KARABAKH_ARMY
            return "Authorities of Nagorno-Karabakh"
        return f"{self.institution} of {lx.country_name(self.country)}"


@dataclass
class _Actor:
    country: str
    start: int
    end: int
    civilian: bool = False


@dataclass
class _Facts:
    sentence: Sentence
    times: list[TimeExpression]
    headline: bool = False
    claim: _Claim | None = None
    continues_claim: bool = False
    both_sides: bool = False
    actors: list[_Actor] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    casualties: list[tuple[Casualty, bool]] = field(default_factory=list)  # (casualty, side known)
    events: dict[str, int] = field(default_factory=dict)
    history: bool = False
    earlier: bool = False
    # the day (or week, month) of the earlier event the sentence tells, with its precision
    when: tuple[date, str] | None = None
    # "the Armenian ministry said": the country of a speaker named only by its side
    speaker: str | None = None
    # whether it holds a verb of saying (someone speaks in it)
    said: bool = False
    # the gate words it holds and where anchors start (see _GATE_WORDS); None when its text
    # does not fold letter for letter
    words: AbstractSet[int] | None = None
    where: Where | None = None

    @property
    def has_event(self) -> bool:
        return bool(self.events) or bool(self.casualties)

    # Found when first asked for: sentences set aside as history or earlier events never are.
    @cached_property
    def weapons(self) -> list[str]:
        return _find_weapons(self.sentence.text, self.words, self.where)

    @cached_property
    def offence(self) -> tuple[str, str | None] | None:
        """(actor1, actor2) as the sentence states them."""
        return _find_offence(self.sentence.text, self.actors, self.where)


def _analyse(
    s: Sentence,
    published: date | None,
    spots: list[Spot],
    present: AbstractSet[int] | None,
    located: Where | None,
    cue_names: Callable[[Sentence], list[Spot]] | None = None,
) -> _Facts:
    """What one sentence says; ``present`` are the gate words it holds and ``located`` where
    their anchors start in it (None: not indexed); ``cue_names`` spots the names no gazetteer
    knows after a locative word, asked only where the sentence tells fighting."""
    text = s.text
    dateline = _DATELINE_PREFIX.match(text)
    skip = dateline.end() if dateline else 0
    low = _folded(text)
    # country words start where the lower-cased article has them (offsets agree letter for
    # letter); the other gates and anchors speak only for sentences that fold letter for letter
    countries_at = None if located is None else _anchor_starts(located, "country")
    words, where = (present, located) if low is not None else (None, None)
    kinds = anchors = None
    if words is not None and where is not None:
        kinds = [
            kind
            for kind, first, second in _TIME_GATES
            if not words.isdisjoint(first) and (second is None or not words.isdisjoint(second))
        ]
        anchors = {k: _anchor_starts(where, _TIME_ANCHORS[k]) for k in kinds if k in _TIME_ANCHORS}
    times = find_times(text, published, low, kinds, anchors)
    facts = _Facts(s, [t for t in times if t.start >= skip], words=words, where=where)
    facts.headline = (
        s.paragraph == 0
        and s.start == 0
        and not text.rstrip().endswith((".", "!", "?", '"', "”", ",", ":", ";"))
    ) or (text[:9].startswith(_MAIL_HEADERS) and _MAIL_HEADER_RX.match(text) is not None)
    if low is None:
        facts.history = bool(_HISTORY_RX.search(_COMPARISON_RX.sub(" ", text)))
    elif _HISTORY_GATE.passes(words, low):
        if _COMPARISON_GATE.passes(words, low):
            low_history = _COMPARISON_PLAIN.sub(" ", low)
        else:
            low_history = low
        facts.history = bool(_HISTORY_PLAIN.search(low_history))
    facts.actors = _find_actors(text, countries_at)
    # Only the offsets of the verbs of saying are used: the plain twin's matches serve.
    if low is None:
        says = list(_SAY_RX.finditer(text))
    else:
        says = list(_anchored(_SAY_PLAIN, "say", where, low))
    facts.claim, facts.both_sides = _find_claim(text, facts.actors, says, low, words, where)
    facts.said = bool(says)
    # "it said", "according to the ministry" hold a verb of saying; the other ways of carrying
    # a claim on are "Its spokeswoman" and an opening "Claiming" / "Adding".
    facts.continues_claim = (
        facts.claim is None
        and (
            low is None
            or bool(says)
            or "spokes" in low
            or low.lstrip('"“').startswith(("claiming", "adding"))
        )
        and bool(
            _PRONOUN_CLAIM_RX.search(text) if low is None else _PRONOUN_CLAIM_PLAIN.search(low)
        )
    )
    if low is None:
        facts.events = (
            {
                kind: n
                for kind, pattern in lx.EVENT_PATTERNS.items()
                if (n := len(lx.compiled(pattern).findall(text)))
            }
            if lx.compiled(_ANY_EVENT).search(text)
            else {}
        )
    else:
        # most sentences hold no word any event pattern starts with: no scan is set up for them
        facts.events = {
            kind: n
            for kind, rx, anchor in _EVENT_ANCHORED
            if (where is None or anchor in where or anchor not in _GATE_WORDS.anchors)
            and (n := sum(1 for _ in _anchored(rx, anchor, where, low)))
        }
    facts.casualties = _find_casualties(text, low, words, where)
    lowered = low if low is not None else text.lower()
    if facts.casualties and _SUPERSEDED_GATE.passes(words, lowered) and _SUPERSEDED.search(text):
        facts.casualties = []  # "The ministry had earlier put the toll at two dead."
    elif facts.casualties and ";" in text and _EARLIER_CLAUSE.match(text):
        # "Earlier the military spoke of some twenty wounded; the figure it now gives is
        # nineteen wounded": the later clause's figures replace the earlier one's
        cut = text.index(";") + 1
        later = _find_casualties(text[cut:], None if low is None else low[cut:])
        if later:
            facts.casualties = later
    facts.places = [
        replace(p, role="dateline") if p.start < s.start + skip else p
        for p in _find_places(
            s, spots + cue_names(s) if cue_names and facts.has_event else spots, facts.has_event
        )
    ]
    if facts.claim is not None and facts.places and says:
        _mark_where_said(facts, says[0].start())
    if (
        facts.claim is None
        and says
        and _SIDE_SPEAKER_GATE.passes(words, lowered)
        and (side := next(_scan(_SIDE_SPEAKER, _COUNTRY_FIRST, text[: says[0].end()]), None))
    ):
        facts.speaker = lx.country_by_word(side.group("nation"))
    return facts


# An e-mail digest's header lines ("Subject: ... Friday 21 August: shells across the DMZ")
# summarise like a headline: they name the issue's day, not the event's.
_MAIL_HEADERS = ("From:", "To:", "Cc:", "Date:", "Subject:", "Sent:")
_MAIL_HEADER_RX = re.compile(f"(?:{'|'.join(_MAIL_HEADERS)})\\s")


_EARLIER_CLAUSE = re.compile(r"\W*(?:earlier|initially|at first)\b", re.I)
# A figure the speaker has since revised
_SUPERSEDED = re.compile(
    r"\b(?:had )?(?:earlier|initially|previously|first) (?:put|gave|reported|said|announced|set)"
    r"\b[^.;]{0,30}\b(?:toll|figure|number)\b"
    r"|\b(?:an |the )?(?:earlier|initial|previous) (?:toll|figure)\b"
    # "The office's first statement on the strike ... said 19 people had been killed"
    r"|\b(?:first|earlier|initial|previous) (?:statement|report|announcement)\b"
    r"[^.]{0,200}\b(?:later|updated?|revised|since|above)\b"
    # "Earlier on Friday the military had said that ... killed one civilian"
    r"|^\W*earlier\b[^.;]{0,60}\bhad (?:said|reported|announced)\b",
    re.IGNORECASE,
)
# "The Armenian ministry said", "the Azerbaijani side said": a speaker the article named before
# (names of nations are capitalised: the fast scan finds them, the rest ignores case)
_SIDE_SPEAKER = re.compile(
    rf"{_NATION} (?i:(?:defen[cs]e |foreign )?(?:ministry|army|military|side|government))\b"
    rf"(?: \w+){{0,2}} (?i:{_SAY})\b"
)
# a word every match of each holds (lower-cased; gates built with the word index below)
_SIDE_SPEAKER_NEEDS = ("ministry", "army", "military", "side", "government")
_SUPERSEDED_NEEDS = ("earlier", "initial", "previous", "first ")


def _mark_where_said(facts: _Facts, said_at: int) -> None:
    """ "In Kabul, the government's spokesman told a news conference that ...": the place that
    opens the sentence is where the statement was made, when the speaker comes before any
    fighting or losses."""
    text, base = facts.sentence.text, facts.sentence.start
    first = facts.places[0]
    start, end = first.start - base, first.end - base
    if (
        first.role in ("incident", "incident-area")
        and _OPENING_IN.fullmatch(text, 0, start)
        and text.startswith(",", end)
        and not _HAPPENED.search(text, end, said_at)
    ):
        facts.places[0] = replace(first, role="context")


def _find_actors(text: str, countries_at: list[int] | None = None) -> list[_Actor]:
    """The forces and countries a sentence names; ``countries_at`` are where country words
    may start in it (from the article's word index), when known."""
    if countries_at is not None and not countries_at:  # no country word: nothing to find
        return []
    if countries_at is None:
        actor_matches = _scan(_ACTOR_RX, _ACTOR_FIRST, text)
        country_matches = _scan(_COUNTRY_RX, _COUNTRY_FIRST, text)
    else:
        actor_matches = _scan_at(_ACTOR_RX, _nation_starts(text, countries_at), text)
        country_matches = _scan_at(_COUNTRY_RX, countries_at, text)
    actors: list[_Actor] = []
    for m in actor_matches:
        code = lx.country_by_word(m.group("nation"))
        if code is None:
            continue
        noun = m.group("noun").lower()
        civilian = bool(_CIVILIAN_NOUN_RX.fullmatch(noun))
        actors.append(_Actor(code, m.start(), m.end(), civilian))
        # "Indian and Chinese soldiers": both nations' forces
        mid = m.group("mid")
        if " and " in mid and (other := _AND_COUNTRY.search(mid)) is not None:
            second = lx.country_by_word(other.group().removeprefix("and "))
            if second is not None and second != code:
                at = m.start("mid") + other.start() + 4
                actors.append(_Actor(second, at, m.end(), civilian))
    taken = [(a.start, a.end) for a in actors]
    for m in country_matches:
        if taken and any(s <= m.start() < e for s, e in taken):
            continue
        code = lx.country_by_word(m.group("nation"))
        if code is None:
            continue
        forces = _FORCES_OF.search(text, max(0, m.start() - 45), m.start())
        if forces is not None:
            # "the armed forces of the Republic of Armenia"
            actors.append(_Actor(code, forces.start(), m.end()))
            continue
        after = text[m.end() : m.end() + 40].lower()
        # A demonym before a weapon or a noun other than a force ("Turkish drones",
        # "Armenian Christians") is not an actor; a country name before a verb is.
        word = m.group("nation")
        is_name = code != lx.KARABAKH and word == lx.COUNTRIES[code].name
        if not is_name and not m.group("poss"):
            continue
        if after.startswith((" and ", " or ")) and not is_name:
            continue
        actors.append(_Actor(code, m.start(), m.end()))
    actors.sort(key=lambda a: a.start)
    return actors


_FORCES_OF = re.compile(
    r"\b(?:armed forces|army|troops|forces|military|soldiers|servicemen) of (?:the )?"
    r"(?:Republic of (?:the )?)?$",
    re.IGNORECASE,
)


def _nation_starts(text: str, countries_at: list[int]) -> list[int]:
    """Where a match of a pattern opening with _NATION (or of _COUNTRY_RX) may start: at a
    country word, or at a "[" right before one."""
    bracketed = [at - 1 for at in countries_at if at and text[at - 1] == "["]
    return sorted({*countries_at, *bracketed}) if bracketed else countries_at


def _find_claim(
    text: str,
    actors: list[_Actor],
    says: list[re.Match[str]],
    plain: str | None,
    words: AbstractSet[int] | None = None,
    where: Where | None = None,
) -> tuple[_Claim | None, bool]:
    """The claimant a sentence names, and whether it speaks for both sides.

    ``says`` are the verbs of saying in the sentence; ``plain`` the lower-cased sentence when
    plain twins may run over it (see :func:`geoclash._rx.folded`); ``words`` the gate words it
    holds and ``where`` where the anchors of its patterns start, when indexed.
    """
    if not says:
        return None, False
    lowered = text.lower()
    both = any(
        m.start() < says[0].start() and says[0].start() - m.end() < 60
        for m in _anchored(_BOTH_RX, "both", where if plain is not None else None, lowered)
    )
    if plain is None:
        leader = _LEADER_RX.search(text)
    else:
        leader = next(_anchored(_LEADER_PLAIN, "leader", where, plain), None)
    # Each institution's matches, found once (not once per verb of saying); only their
    # offsets are used, so the plain twins over the lower-cased sentence serve as well.
    institutions = []
    if plain is None:
        if _ANY_INSTITUTION.search(text):
            for o, (rx, inst) in enumerate(_INSTITUTIONS):
                if found := list(rx.finditer(text)):
                    institutions.append((o, found, inst))
    else:
        # each institution's word gate (no search of _ANY_INSTITUTION first: the gates are
        # cheaper than its search, and a sentence that names none passes none of them)
        gated = _INSTITUTIONS_GATED
        if words is not None and words.isdisjoint(_INSTITUTION_IDS):
            gated = []  # no institution's word: no gate can pass
        for o, rx, inst, gate, anchor in gated:
            if not gate.passes(words, plain):
                continue
            if found := list(_anchored(rx, anchor, where, plain)):
                institutions.append((o, found, inst))
    for say in says[:4]:
        best: tuple[int, int, _Claim] | None = None
        for order, matches, institution in institutions:
            for m in matches:
                distance = _speaker_distance(text, m, say, institution)
                if distance is None:
                    continue
                code = _country_near(text, m.start(), m.end())
                if code is None and (inner := _COUNTRY_RX.search(text, m.start(), m.end())):
                    # "the BSF", "the Bangladesh Rifles": a force named for its country
                    code = lx.country_by_word(inner.group("nation"))
                if code is None and m.end() < say.start():
                    # "Defence Minister Arun Jaitley, speaking in New Delhi, said": the
                    # capital he spoke in
                    code = next(iter(_capitals(text[m.end() : say.start()])), None)
                if code is None and (media := _NATIONAL_MEDIA.match(text, say.end())):
                    # "the deputy governor told Iranian state television": its own country's
                    code = lx.country_by_word(media.group("nation"))
                if code is None and leader is not None:
                    code = lx.LEADERS[leader.group(1).lower()][0]
                # "Army spokesman Colonel Philip Aguer said": the army of the side then
                # speaking, when it opens the sentence (see _segments)
                if (
                    code is None
                    and institution in ("Military Forces", "Authorities")
                    and not _OPENING_SPEAKER.fullmatch(text, 0, m.start())
                    # "..., a senior police officer in Jammu said": placed only by a town,
                    # its side is told by whom its account blames (see _segments)
                    and not _PLACED_SPEAKER.fullmatch(text, m.end(), say.start())
                    # "In a written release, Sitamarhi police said"
                    and not (
                        institution == "Authorities"
                        and _TOWN_BEFORE.search(text, max(0, m.start() - 30), m.start())
                    )
                    # "according to the Joint Chiefs of Staff, two boats ..."
                    and not (
                        say.group().lower() == "according to"
                        and _ACCORDING_TO_THE.fullmatch(text, say.end(), m.start())
                        and _ACCORDING_TO_END.match(text, m.end())
                    )
                ):
                    continue
                if code is None and institution == "Government" and distance > 12:
                    continue
                candidate = (distance, order, _Claim(code, institution))
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        if best is not None:
            return best[2], False
        if leader is not None and (
            0 <= say.start() - leader.end() <= 40 or 0 <= leader.start() - say.end() <= 15
        ):
            code, institution = lx.LEADERS[leader.group(1).lower()]
            return _Claim(code, institution), False
    # "Rwanda's army fired on a Congolese jet on Tuesday, saying ...": the subject that opens
    # the sentence says it
    for say in says[:4]:
        if text[say.start() - 2 : say.start()] != ", " or say.group().lower() not in _PARTICIPLES:
            continue
        for _, matches, institution in institutions:
            m = matches[0]
            if (
                _OPENING_SUBJECT.fullmatch(text, 0, m.start())
                and (code := _country_near(text, m.start(), m.end())) is not None
            ):
                return _Claim(code, institution), False
    if both:
        return None, True
    # "Azerbaijan alleged that ...", "Armenia has accused Azerbaijan of ...": a country as
    # the subject of a verb of saying speaks for its government.
    for say in says[:4]:
        for actor in actors:
            if actor.civilian or actor.end > say.start():
                continue
            between = text[actor.end : say.start()]
            if _SUBJECT_GAP.fullmatch(between):
                if _AND_COUNTRY.search(text[actor.end : say.start() + 1]):
                    return None, True
                if _COUNTRY_AND.search(text[max(0, actor.start - 40) : actor.start]):
                    return None, True
                return _Claim(actor.country, "Government"), False
    # "Baku said", "Yerevan has denied": a capital speaks for its government.
    for say in says[:4]:
        lead = max(0, say.start() - 50)
        named = next(_scan(_SPEAKER_NAME_RX, _SPEAKER_NAME_FIRST, text[lead : say.start()]), None)
        if named and not _COUNTRY_AND.search(
            text[max(0, lead + named.start() - 40) : lead + named.start()]
        ):
            return _Claim(lx.SPEAKER_NAMES[named.group("name")], "Government"), False
    return None, False


# "Army spokesman Colonel X said", "The local county commissioner, X, said": a speaker named
# without a country at the start of the sentence
_OPENING_SPEAKER = re.compile(
    # a transcript's speaker label first: "CORRESPONDENT: The JCS says"
    r"(?:(?-i:[A-Z][A-Z .()'-]{2,40}): )?"
    r"\W*(?:(?:the|an?) )?(?:(?:local|county|district|provincial) )*",
    re.I,
)


_PLACED_SPEAKER = re.compile(
    r" (?:officers?|officials?|chief|spokes(?:wo)?(?:man|person))"
    r" in (?-i:[A-Z][\w-]+)(?: (?-i:[A-Z][\w-]+)){0,2} ",
    re.I,
)
_TOWN_BEFORE = re.compile(r"(?<=[a-z,] )(?-i:[A-Z][a-z]+) $")
_ACCORDING_TO_THE = re.compile(r"\s+(?:(?:the|an?)\s+)?")
# "according to a military spokesman quoted by SANA, ..."
_ACCORDING_TO_END = re.compile(r"(?: spokes(?:wo)?(?:man|person))?(?:[,.;]| (?:quoted|cited) by\b)")
_PARTICIPLES = frozenset({"saying", "claiming", "insisting"})
# "Rwanda's army", "The Thai military": a sentence that opens with a nation's institution
_OPENING_SUBJECT = re.compile(rf"\W*(?:(?:The|the) )?{_NATION} ")


def _speaker_distance(
    text: str, m: re.Match[str], say: re.Match[str], institution: str
) -> int | None:
    """How far an institution stands from a verb of saying, if it can be its speaker."""
    if m.end() <= say.start():
        gap = text[m.end() : say.start()]
        if any(q in gap for q in '"“”'):
            return None
        # "A spokesman for the Thai army, Colonel X, said", "Pakistan's military spokesman,
        # Lt Gen X, said": the institution speaks.
        if _SPOKES_FOR.search(text[max(0, m.start() - 40) : m.start()]) and len(gap) <= 120:
            return 0
        if _SPOKESPERSON_GAP.fullmatch(gap):
            return 0
        if institution == "Military Forces":
            # "the supreme command of the Korean People's Army said": the nation is no gap
            gap = _OF_NATION.sub("", gap, count=1)
            return len(gap) if len(gap) <= 25 and "," not in gap else None
        return len(gap) if len(gap) <= 60 else None
    if (
        m.start() >= say.end()
        and say.group().lower() == "according to"
        and _WORDS_ONLY.fullmatch(text, say.end(), m.start())
        and m.start() - say.end() <= 30
    ):
        # "according to Prime Minister Recep Tayyip Erdoğan's office": the speaker follows
        return m.start() - say.end()
    if (
        m.start() >= say.end()
        and say.group().lower() == "statement"
        and _STATEMENT_OF.fullmatch(text, say.end(), m.start())
    ):
        # "Statement of the Spokesman of the Royal Government of Cambodia on ..."
        return 0
    if m.start() >= say.end() and _ISSUED_BY.fullmatch(text, say.end(), m.start()):
        # "a statement issued on Wednesday by the press service of the Prosecutor General"
        return 0
    before_say = text[max(0, say.start() - 10) : say.start()]
    if m.start() >= say.end() and _QUOTE_END.search(before_say):
        # '"...," said the ministry': the speaker follows the verb only after a quote.
        gap = text[say.end() : m.start()]
        if len(gap) <= 30 and _WORDS_ONLY.fullmatch(gap) and not _TOKEN_VERBISH.search(gap):
            return len(gap) + 5  # "said the ministry": a little less likely than before
    return None


_OF_NATION = re.compile(rf"^\s+of (?:the )?(?:{_COUNTRY_ALT})\b")
_STATEMENT_OF = re.compile(r"\s+(?:of|by|from)\s+[^.;,\"“”]{0,40}")
_ISSUED_BY = re.compile(
    r"\s+(?:issued|released|published|put out)\b[^.;\"“”]{0,40}?\bby\b[^.;\"“”]{0,40}", re.I
)
_NATIONAL_MEDIA = re.compile(
    rf"\s+(?:the\s+)?{_NATION}\s+(?:state\s+|official\s+|public\s+)?"
    r"(?:television|tv|media|radio|news agency|broadcaster)\b",
    re.IGNORECASE,
)
_SPOKES_FOR = re.compile(r"spokes(?:wo)?(?:man|person) (?:for|of) (?:the )?[\w'’ -]{0,25}$", re.I)
_SPEAKER_NAMES_ALT = "|".join(re.escape(n) for n in sorted(lx.SPEAKER_NAMES, key=len, reverse=True))
# a speaking name right before the verb, as its subject ("Baku said", "the Taliban have said")
_SPEAKER_NAME_RX = re.compile(
    rf"(?<![\w-])(?P<name>{_SPEAKER_NAMES_ALT})(?:['’]s (?:government|side|leadership))?"
    r"\s*(?:has|have|had|also|on \w+)?\s*(?:given (?:its|their) (?:own )?)?$"
)
# where a speaking name may start: its capital, found by a fast scan (see _rx.scan)
_SPEAKER_NAME_FIRST = re.compile(_SPEAKER_NAMES_ALT)
_SPEAKER_NAME_AT_RX = re.compile(rf"(?<![\w-])(?P<name>{_SPEAKER_NAMES_ALT})(?:['’]s)?(?![\w-])")
_SPOKESPERSON_GAP = re.compile(
    r"(?:['’]s)?\s+(?:chief\s+|press\s+|regional\s+|deputy\s+)?(?:spokes(?:wo)?(?:man|person)"
    r"|media wing|press service|press office|commander|chief|head|director[- ]general"
    r"|inspector[- ]general)"
    # "spokesman, Colonel X,", "spokesman Colonel Philip Aguer"
    r"(?:,[^,]{1,60},|(?-i:(?:\s+[A-Z][\w'’.-]+){1,5}))?\s*"
    r"(?:has\s+|had\s+)?",
    re.I,
)
_TOKEN_VERBISH = re.compile(r"\b(?:that|troops|forces|had|have|was|were|fire|opened)\b", re.I)


def _capitals(text: str) -> Iterator[str]:
    """The countries of the speaking names (capitals, "the Taliban") in ``text``, in order."""
    for m in _scan(_SPEAKER_NAME_AT_RX, _SPEAKER_NAME_FIRST, text):
        yield lx.SPEAKER_NAMES[m.group("name")]


_CAPITAL_THE = re.compile(r",\s+the\s+(?:[A-Z][\w-]*\s+){0,3}")
_REPUBLIC_OF = re.compile(r" of the (?:\w+ )?Republic of (?:the )?")


def _country_near(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 40) : start]
    found = list(_scan(_COUNTRY_RX, _COUNTRY_FIRST, before))
    if found:
        tail = before[found[-1].end() :]
        if _TITLE_GAP.fullmatch(tail):
            return lx.country_by_word(found[-1].group("nation"))
    # "the Taliban government's spokesman", "Baku's foreign ministry"
    named = list(_scan(_SPEAKER_NAME_AT_RX, _SPEAKER_NAME_FIRST, before))
    if named and (
        _TITLE_GAP.fullmatch(tail := before[named[-1].end() :])
        # "In Islamabad, the Foreign Office said": the capital the sentence opens in
        or (_OPENING_IN.match(text) and _CAPITAL_THE.fullmatch(tail))
    ):
        return lx.SPEAKER_NAMES[named[-1].group("name")]
    after = _COUNTRY_RX.match(text, end + 4) if text[end : end + 4] == " of " else None
    if after is None and text[end : end + 8] == " of the ":
        after = _COUNTRY_RX.match(text, end + 8)
    if after is None and (republic := _REPUBLIC_OF.match(text, end)):
        # "the Ministry of Foreign Affairs of the Republic of the Sudan"
        after = _COUNTRY_RX.match(text, republic.end())
    return lx.country_by_word(after.group("nation")) if after else None


def _find_offence(
    text: str, actors: list[_Actor], where: Where | None = None
) -> tuple[str, str | None] | None:
    # Every match of _ACCUSE_RX holds "accus", "blam" or "by" (lower-cased; see _CASE_UNSAFE).
    low = _folded(text)
    accused = (
        _ACCUSE_RX.search(text)
        if low is None or "accus" in low or "blam" in low or "by" in low
        else None
    )
    if accused:
        code = lx.country_by_word(accused.group("nation") or accused.group("nation2"))
        if code:
            return code, None
    # "crossed into Eritrea and attacked camps there": a country troops went into is where
    # they fought, not who fought
    destinations = [
        _INTO_RX.search(text, max(0, a.start - 14), a.start) is not None for a in actors
    ]
    for i, actor in enumerate(actors):
        if actor.civilian or destinations[i]:
            continue
        window = text[actor.end : actor.end + 60]
        verb = _OFFENSIVE_VERB.search(window)
        if (
            verb is None
            or _SPEAKER_THEN.match(window)
            or (
                _CLAUSE_BREAK.search(window[: verb.start()])
                # "Ethiopia announced that its soldiers had crossed": the country's own troops
                and not _ITS_FORCES.fullmatch(window, 0, verb.start())
            )
        ):
            continue
        if any(
            a.start < actor.end + verb.start()
            for a, into in zip(actors[i + 1 :], destinations[i + 1 :], strict=True)
            if not into
        ):
            continue
        # "India's army said Pakistani shelling ...": another nation's word stands between the
        # force and the verb, and the shelling is that nation's
        if any(
            lx.country_by_word(m.group("nation")) not in (None, actor.country)
            for m in _scan(_COUNTRY_RX, _COUNTRY_FIRST, window[: verb.start()])
        ):
            continue
        target = next(
            (
                a.country
                for a in actors[i + 1 :]
                if a.country != actor.country and a.start > actor.end + verb.end()
            ),
            None,
        )
        if target is not None and _COUNTER_RX.search(window):
            # "launched a counter-offensive after Armenian forces shelled its positions": the
            # fighting the speaker answers is the other side's
            first = next(a for a in actors[i + 1 :] if a.country == target)
            if _AFTER_RX.search(text, actor.end, first.start):
                return target, actor.country
        return actor.country, target
    # "Pakistani shelling killed ...", "Indian missile strikes hit ...": the attack is the
    # nation's own.
    if where is None:
        attack = next(_scan(_NATION_ATTACK_RX, _ACTOR_FIRST, text), None)
    else:  # tried at the sentence's country words only (see _find_actors)
        at = _nation_starts(text, _anchor_starts(where, "country"))
        attack = next(_scan_at(_NATION_ATTACK_RX, at, text), None)
    if attack:
        code = lx.country_by_word(attack.group("nation"))
        if code:
            return code, None
    # "struck two Cambodian military targets": only the target is named.
    struck = next(_anchored(_TARGET_RX, "target", where, text), None)
    if struck:
        code = lx.country_by_word(struck.group("nation"))
        if code:
            return "?", code
    return None


_INTO_RX = re.compile(r"\b(?:into|inside|across)\s+(?:the\s+)?$")
_ITS_FORCES = re.compile(
    r"\s+(?:\w+\s+){0,4}?that (?:its|their) (?:own )?(?:soldiers|troops|forces|army|military"
    r"|units|border guards)(?: had| have| has)?\s+"
)
_COUNTER_RX = re.compile(r"\b(?:counter-?offensive|counter-?attack|retaliat\w*)", re.I)
_AFTER_RX = re.compile(r"\b(?:after|following|in response to)\b", re.I)
_NATION_ATTACK_RX = re.compile(
    rf"(?<![\w-]){_NATION} (?:(?:artillery|mortars?|drones?|missiles?|rockets?|air|cross-border"
    r"|sniper)(?:,? and | |, )){0,3}"
    r"(?:shelling|bombardment|fire|(?:air ?)?strikes?|attacks?|offensive|aggression|raids?)\b"
)
_TARGET_RX = re.compile(
    rf"\b(?:struck|hit|targeted|bombed|destroyed|shelled|pounded)\s+(?:\w+\s+){{0,3}}?{_NATION}\s+"
    r"(?:military\s+|army\s+)?(?:targets?|positions?|posts?|bases?|forces|troops|units|depots?)\b"
)


_ANY_WEAPON = "|".join(f"(?:{pattern})" for pattern, _ in lx.WEAPONS)
_WEAPON_NEEDS = _required(_plain_compiled(_ANY_WEAPON))
_WEAPON_PATTERN_NEEDS = {pattern: _required(_plain_compiled(pattern)) for pattern, _ in lx.WEAPONS}
_ANY_EVENT = "|".join(f"(?:{pattern})" for pattern in lx.EVENT_PATTERNS.values())
# see _mark_where_said
_OPENING_IN = re.compile(r"[\W]*(?:In|From|At)\s+(?:[A-Z][\w-]*\s+)?")  # "In New Delhi, ..."
_HAPPENED = re.compile(
    rf"(?:{_ANY_EVENT})|\b(?:killed|killing|wounded|injured|dead|died|captured|detained)\b",
    re.IGNORECASE,
)


_DESTROYED_AFTER = re.compile(
    r"\s+(?:were|was|have been|had been) (?:\w+ )?(?:destroyed|hit|seized|shot down|downed"
    r"|brought down)"
)
# "shot down two Azerbaijani helicopters and three drones": targets as far as the list goes
_DESTROYED_BEFORE = re.compile(
    r"\b(?:destroyed|destroying|seized|captured|knocked out|shot down|shooting down|downed"
    r"|brought down)\s+(?:\w+\s+){0,3}(?:and\s+(?:\w+\s+){0,2})?$"
)


def _find_weapons(
    text: str, words: AbstractSet[int] | None = None, where: Where | None = None
) -> list[str]:
    lowered = text.lower()
    found: list[str] = []
    consumed: list[tuple[int, int]] = []
    unsafe = _CASE_UNSAFE.search(text) is not None
    compiled = lx.compiled if unsafe else _plain_compiled
    if unsafe:
        words = where = None
        if not compiled(_ANY_WEAPON).search(lowered):
            return found
    elif not _WEAPON_GATE.passes(words, lowered):
        return found
    for pattern, name in lx.WEAPONS:
        if unsafe:
            matches = compiled(pattern).finditer(lowered)
        elif where is not None and (anchor := _WEAPON_ANCHORS.get(pattern)) is not None:
            if anchor not in where:  # none of its words in the sentence: most weapons
                continue
            matches = _scan_at(compiled(pattern), _anchor_starts(where, anchor), lowered)
        elif _WEAPON_PATTERN_GATES[pattern].passes(words, lowered):
            matches = _lexicon_matches(pattern, lowered)
        else:
            continue
        for m in matches:
            if any(m.start() < e and s < m.end() for s, e in consumed):
                continue
            consumed.append((m.start(), m.end()))
            if _DESTROYED_AFTER.match(lowered, m.end()) or _DESTROYED_BEFORE.search(
                lowered, max(0, m.start() - 60), m.start()
            ):
                continue  # "six tanks were destroyed": a target, not a weapon used
            if name not in found:
                found.append(name)
    return found


def _number(word: str | None) -> tuple[int | None, bool]:
    """Return (count, vague) for a number word or figure."""
    if not word:
        return None, False
    w = word.lower().strip()
    if w in _VAGUE:
        return None, True
    if w.replace(",", "").isdigit():
        n = int(w.replace(",", ""))
        # a figure beyond any toll ("20000000000000000000 Two servicemen ...") is no count,
        # and would not fit the Int64 columns
        return (n, False) if n <= _MAX_COUNT else (None, False)
    if "-" in w:
        tens, _, unit = w.partition("-")
        return _WORD_NUMBERS.get(tens, 0) + _WORD_NUMBERS.get(unit, 0), False
    return _WORD_NUMBERS.get(w), False


_MAX_COUNT = 100_000_000
_RANGE_BEFORE = re.compile(rf"(?:\bbetween )?\b(?P<low>{_NUM}) (?:and|to|or) $")


def _a_number_of(m: re.Match[str], group: str, low: str) -> bool:
    """Whether the number word of ``group`` is the "a" of "a number of" (no count at all)."""
    return m.group(group).lower() in ("a", "an") and low.startswith(" number of", m.end(group))


def _qualifier(word: str | None) -> Qualifier:
    w = (word or "").lower()
    if w in ("at least", "no fewer than", "not less than", "as many as"):
        return "at least"
    if w in ("more than", "over", "upwards of"):
        return "more than"
    if w:
        return "about"
    return "exact"


def _kind(verb: str) -> str:
    for rx, kind in _KIND_OF:
        if rx.match(verb):
            return kind
    v = verb.lower()
    if v.startswith(("kill",)):
        return "killed"
    if v.startswith(("wound", "injur")):
        return "wounded"
    return "captured"


_CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|farmers?|shepherds?|children|women|passers-by"
    r"|journalists?|reporters?|cameram[ae]n|correspondents?|officials?|workers?|drivers?"
    r"|citizens?)\b",
    re.I,
)
_PEOPLE_WORDS = re.compile(rf"\b(?:people|persons|lives|{_DEMONYMS})\b", re.I)
_MILITARY_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|servicem[ae]n|guards?|officers?|(?:security |military )personnel"
    r"|marines?|sailors?|airmen|pilots?|paratroopers?|commandos?|militiamen)\b",
    re.I,
)
# Who a state's statement calls "militants" or "fighters" without naming them is the side it
# fights, not its own ("killed more than 200 Taliban and allied fighters").
_FOE_WORDS = re.compile(
    r"\b(?:militants?|terrorists?|insurgents?|fighters?|rebels?|attackers?|intruders?"
    r"|saboteurs?|infiltrators?|enem(?:y|ies))\b",
    re.I,
)


def _side_in(span: str, after: str = "") -> tuple[str | None, str]:
    """The side named in a casualty phrase (or right after it: "six members of an Armenian
    group") and the group hurt: "military", "civilian" or "people" (unspecified)."""
    if not _COUNTRY_RX.search(span):
        tail = _OF_COUNTRY.match(after)
        if tail:
            span = f"{span} {tail.group('nation')}"
    group = "military"
    if not _MILITARY_WORDS.search(span):
        if _CIVILIAN_WORDS.search(span):
            group = "civilian"
        elif _PEOPLE_WORDS.search(span):
            group = "people"
    m = _COUNTRY_RX.search(span)
    code = lx.country_by_word(m.group("nation")) if m else None
    if code is None and _OWN_RX.search(span):
        return "OWN", group
    if code is None and group == "military" and _FOE_WORDS.search(span):
        return "FOE", group
    return code, group


def _placeholder_parts(c: Casualty) -> tuple[str | None, str]:
    """(side code or placeholder, group) of an already found casualty."""
    if ":" in c.side:
        who, group = c.side.split(":")
        return (None if who == "?" else who), group
    if c.side.startswith("Civilians"):
        return lx.actor_country(c.side), "civilian"
    code = lx.actor_country(c.side)
    if code is not None:
        return code, "military"
    return next((k.iso2 for k in lx.COUNTRIES.values() if k.name == c.side), None), "people"


def _side_name(code: str | None, group: str) -> str:
    if group == "civilian":
        return lx.civilian_actor(code)
    if code is None:
        return "Unknown"
    if group == "people":
        return lx.country_name(code)
    return lx.military_actor(code)


def _casualty(
    side: str | None, group: str, kind: str, count: int | None, qual: Qualifier
) -> Casualty:
    # An unnamed side ("its soldiers", "three soldiers") stays a placeholder "OWN:group" /
    # "?:group" until the report's claimant and actors are known.
    name = (
        f"{side or '?'}:{group}"
        if side in (None, "OWN", "BOTH", "FOE")
        else _side_name(side, group)
    )
    if count is None:
        qual = "unknown"
    return Casualty(name, kind, count, qual)  # type: ignore[arg-type]


# Cheap word checks that let most sentences skip the expensive patterns below them.
# A sentence holding none of these (lower-cased) names no casualty.
_CASUALTY_HINT_WORDS = (
    "kill", "dead", "die", "death", "wound", "injur", "hurt", "detain", "captur", "prisoner",
    "custody", "loss", "casualt", "lives", "lost", "martyr", "slain", "perish", "fatalit",
    "abduct", "arrest", "seiz", "execut",
)  # fmt: skip
# A word every match of _ACTIVE_RX / _SHORT_RX holds (lower-cased).
_ACTIVE_WORDS = (
    "kill", "wound", "injur", "captur", "detain", "prisoner", "abduct", "arrest", "execut",
)  # fmt: skip
_SHORT_WORDS = ("killed", "dead", "wounded", "injured")


_CASUALTY_PATTERNS = (
    _PAIR_RX, _UNKNOWN_RX, _PASSIVE_RX, _ACTIVE_RX, _SUFFERED_RX, _SINGULAR_RX, _AMONG_RX,
    _LOST_RX, _DEATH_TOLL_RX, _SHORT_RX, _LOSSES_RX, _BODIES_RX,
)  # fmt: skip
# Keyed by id: a compiled pattern hashes its whole source text on every look-up.
_CASUALTY_TWINS = {id(rx): _plain(rx) for rx in _CASUALTY_PATTERNS}
_PASSIVE_NEEDS = _required(_CASUALTY_TWINS[id(_PASSIVE_RX)])


def _find_casualties(
    text: str,
    folded: str | None,
    present: AbstractSet[int] | None = None,
    where: Where | None = None,
) -> list[tuple[Casualty, bool]]:
    """The casualty phrases of a sentence; ``folded`` is ``_folded(text)``, ``present`` the
    gate words it holds and ``where`` where its anchors start (when indexed)."""
    found: list[tuple[Casualty, bool]] = []
    spans: list[tuple[int, int]] = []
    low = text.lower() if folded is None else folded
    # Gates marked "not plain or" hold only where lower-casing keeps case-insensitive matches.
    plain = folded is not None
    if not plain:
        present = where = None
    if not _HINT_GATE.passes(present, low):
        return found

    def find(rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        # the plain twin scans the lower-cased text (or is tried where the index found a word
        # its matches start with); the pattern itself only confirms hits
        if not plain:
            return rx.finditer(text)
        twin = _CASUALTY_TWINS[id(rx)]
        anchor = _CASUALTY_ANCHORS.get(id(rx))
        if where is not None and (spaced := _FIGURE_ANCHORED.get(id(rx))) is not None:
            return _scan_at(rx, _figure_starts(where, low, spaced), text, twin, low)
        if anchor is None or where is None:
            return _scan(rx, twin, text, low)
        return _scan_at(rx, _anchor_starts(where, anchor), text, twin, low)

    def add(cas: Casualty, start: int, end: int) -> None:
        if any(start < e and s < end for s, e in spans):
            return
        if _OF_THEM_MILITARY.match(text, end):
            # "13 Kyrgyz citizens were injured, seven of them servicemen": a mixed group
            if cas.side.startswith("Civilians ("):
                cas = replace(cas, side=cas.side[len("Civilians (") : -1])
            elif cas.side.endswith(":civilian"):
                cas = replace(cas, side=cas.side.replace(":civilian", ":people"))
        if _history_near(text, start, end):
            spans.append((start, end))
            return
        spans.append((start, end))
        found.append((cas, ":" not in cas.side))

    for m in find(_PAIR_RX) if _PAIR_GATE.passes(present, low) else ():
        # "11 civilians and one soldier have been killed": two groups, one verb.
        kind = _kind(m.group("verb"))
        # "four Indian and seven Chinese soldiers were hurt": the first group named by its
        # side alone
        first_end = m.end("p1") if m.group("p1") else m.start("num2")
        if not m.group("p1") and not _COUNTRY_RX.search(text, m.start("num"), first_end):
            continue
        if _history_near(text, m.start(), m.end()):
            spans.append((m.start(), m.end()))  # "the 2020 clash in which 20 ... died"
            continue
        parts = []
        for num, end, people in (("num", first_end, "p1"), ("num2", m.end("p2"), "p2")):
            count, _ = _number(m.group(num))
            code = _side_in(text[m.start(num) : end])[0] or _side_in(m.group())[0]
            parts.append((code, _side_in(m.group(people) or m.group("p2"))[1], count))
        (c1, g1, n1), (c2, g2, n2) = parts
        if (c1, g1) == (c2, g2):
            # "two journalists and a local official were killed": three people of one group.
            parts = [(c1, g1, None if n1 is None or n2 is None else n1 + n2)]
        for code, group, count in parts:
            found.append((_casualty(code, group, kind, count, "exact"), code is not None))
        spans.append((m.start(), m.end()))
    for m in find(_UNKNOWN_RX) if _UNKNOWN_GATE.passes(present, low) else ():
        side, civ = _side_in(m.group())
        add(_casualty(side, civ, _kind(m.group("verb")), None, "unknown"), m.start(), m.end())
    for m in find(_PASSIVE_RX) if not plain or _PASSIVE_GATE.passes(present, low) else ():
        count, vague = _number(m.group("num"))
        if _a_number_of(m, "num", low):
            count, vague = None, True
        qualifier = _qualifier(m.group("qual"))
        # "between 15 and 20 soldiers were killed", "15 to 20": at least the lower figure
        if not m.group("qual") and (
            ranged := _RANGE_BEFORE.search(low, max(0, m.start() - 40), m.start())
        ):
            count, qualifier = _number(ranged.group("low"))[0], "at least"
        if count is None and not vague:
            continue
        if _is_year(m.group("num")):
            continue
        side, civ = _side_in(m.group())
        if side is None and found and _OTHER_RX.search(m.group()):
            # "... were killed and four other people were wounded": the same people.
            side, civ = _placeholder_parts(found[-1][0])
        if _EACH_SIDE.match(text, m.end()):
            side = "BOTH"  # "one border guard was killed on each side"
        add(_casualty(side, civ, _kind(m.group("verb")), count, qualifier), m.start(), m.end())
        if not m.group("and") and (another := _AND_ANOTHER.match(text, m.end())):
            # "two Indian soldiers were killed and a third was wounded"
            add(_casualty(side, civ, _kind(another.group("verb")), 1, "exact"), m.end(),
                another.end())  # fmt: skip
        if m.group("and"):
            count2, _ = _number(m.group("num2"))
            found.append(
                (
                    _casualty(
                        side, civ, _kind(m.group("verb2")), count2, _qualifier(m.group("qual2"))
                    ),
                    side not in (None, "OWN", "FOE"),  # side named in the phrase
                )
            )
    for m in find(_ACTIVE_RX) if not plain or _ACTIVE_GATE.passes(present, low) else ():
        count, vague = _number(m.group("num"))
        if m.group("num") and _is_year(m.group("num")):
            continue
        end = m.start("then") if m.group("then") else m.end()
        side, civ = _side_in(text[m.start() : end], text[end : end + 40])
        qual = m.group("qual")
        start = m.start()
        if m.group("num") is None and (
            # "seven wounded people": the verb is an adjective, its number comes first
            before := _NUMBER_BEFORE.search(low, max(0, start - 40), start)
        ):
            count, vague = _number(before.group("num"))
            qual, start = before.group("qual"), before.start()
        elif m.group("num") is None or _a_number_of(m, "num", low):
            count, vague = None, True
        kind = _kind(m.group("verb"))
        # "three women, four children and two men": one group, counted together; "four
        # security personnel and six civilians": two groups, each its own count
        if m.group("more") or m.group("and"):
            civ = _side_in(text[m.start() : m.end("people")])[1]
        groups: dict[str, int | None] = {civ: count}
        tail = [*_LIST_ITEM.finditer(m.group("more") or "")]
        for item in tail + ([m] if m.group("and") else []):
            n = _number(item.group("num2"))[0]
            group = _side_in(item.group("p2"))[1]
            if group != civ and civ == "civilian" and not _MILITARY_WORDS.search(item.group("p2")):
                group = civ  # "men" among women and children are civilians too
            if group in groups:
                total = groups[group]
                groups[group] = None if total is None or n is None else total + n
            else:
                groups[group] = n
        listed = len(found)
        add(_casualty(side, civ, kind, groups.pop(civ), _qualifier(qual)), start, end)
        if len(found) > listed:
            found += [
                (_casualty(side, group, kind, n, "exact"), side not in (None, "OWN", "FOE"))
                for group, n in groups.items()
            ]
        if m.group("then"):
            count3, _ = _number(m.group("num3"))
            side3, group3 = _side_in(text[m.start("then") : m.end()])
            add(
                _casualty(
                    side3 or side,
                    group3 if m.group("p3") else civ,
                    _kind(m.group("verb3")),
                    count3,
                    _qualifier(m.group("qual3")),
                ),
                m.start("then"),
                m.end(),
            )
    for m in find(_SUFFERED_RX) if _SUFFERED_GATE.passes(present, low) else ():
        count, _ = _number(m.group("num"))
        side, group = _side_in(m.group())
        if m.group("both"):
            side = "BOTH"
        # "received a fatal gunshot wound"
        fatal = _FATAL.search(m.group())
        verb = (m.group("verb") or "").lower()
        if count is None and not m.group("num") and verb in ("wound", "injury"):
            count = 1  # "a soldier received a wound": one
        qualifier = _qualifier(m.group("qual")) if count is not None else "unknown"
        add(
            _casualty(side, group, "killed" if fatal else "wounded", count, qualifier),
            m.start(),
            m.end(),
        )
    for m in find(_SINGULAR_RX) if _SINGULAR_GATE.passes(present, low) else ():
        side, civ = _side_in(m.group())
        add(_casualty(side, civ, _kind(m.group("verb")), 1, "exact"), m.start(), m.end())
        if another := _AND_ANOTHER.match(text, m.end()):
            # "One Ecuadorian soldier was killed and another was wounded"
            add(_casualty(side, civ, _kind(another.group("verb")), 1, "exact"), m.end(),
                another.end())  # fmt: skip
    for m in find(_AMONG_RX) if _AMONG_GATE.passes(present, low) else ():
        count = len(_ARTICLE_RX.findall(m.group("list")))
        side, civ = _side_in(m.group("who"))
        add(_casualty(side, civ, _kind(m.group("verb")), count, "at least"), m.start(), m.end())
    for m in find(_LOST_RX) if _LOST_GATE.passes(present, low) else ():
        count, _ = _number(m.group("num"))
        side, civ = _side_in(m.group())
        add(_casualty(side or "OWN", civ, "killed", count, "exact"), m.start(), m.end())
    for m in find(_DEATH_TOLL_RX) if _DEATH_TOLL_GATE.passes(present, low) else ():
        count, _ = _number(m.group("num"))
        add(
            _casualty(None, "people", "killed", count, _qualifier(m.group("qual"))),
            m.start(),
            m.end(),
        )
    for m in find(_SHORT_RX) if not plain or _SHORT_GATE.passes(present, low) else ():
        count, _ = _number(m.group("num"))
        if _is_year(m.group("num")):
            continue
        add(
            _casualty(None, "people", _kind(m.group("verb")), count, _qualifier(m.group("qual"))),
            m.start(),
            m.end(),
        )
    for m in find(_LOSSES_RX) if _LOSSES_GATE.passes(present, low) else ():
        side, civ = _side_in(m.group())
        if side is None:
            # "The Azerbaijani side also suffered losses": the subject names the side
            clause = re.split(r"[,;:]", text[max(0, m.start() - 40) : m.start()])[-1]
            subject = list(_scan(_COUNTRY_RX, _COUNTRY_FIRST, clause))
            side = lx.country_by_word(subject[-1].group("nation")) if subject else None
            if side is None and _FOE_WORDS.search(clause):
                side = "FOE"  # "the attackers suffered heavy losses"
        n_found = len(found)
        add(_casualty(side, civ, "killed", None, "unknown"), m.start(), m.end())
        clause = text[max(0, m.start() - 40) : m.start()]
        if len(found) > n_found and civ != "civilian" and _AND_CIVILIANS.search(clause):
            # "Azerbaijan's armed forces and civilians had suffered losses": both groups
            also = _casualty(side, "civilian", "killed", None, "unknown")
            found.append((also, ":" not in also.side))
    for m in find(_BODIES_RX) if _BODIES_GATE.passes(present, low) else ():
        count, _ = _number(m.group("num"))
        side, civ = _side_in(m.group())
        add(_casualty(side, civ, "killed", count, "exact"), m.start(), m.end())
    if " and " in low and any(w in low for w in _NAMED_CIVILIAN_WORDS):
        # "killing two soldiers and Assaf Abu Rahal, a correspondent of the Al-Akhbar daily"
        for m in _NAMED_CIVILIAN_RX.finditer(text):
            side, _ = _side_in(text[m.start() : m.start("name")])
            cas = _casualty(side if side not in ("OWN", "FOE") else None, "civilian",
                            _kind(m.group("verb")), 1, "exact")  # fmt: skip
            add(cas, m.start("name"), m.end())
    return found


_OF_THEM_MILITARY = re.compile(
    r",\s+(?:\w+|\d+) of (?:them|whom) (?:were )?(?:soldiers|servicem[ae]n|troops|military"
    r"|border guards|officers|security personnel)\b",
    re.I,
)
_NAMED_CIVILIAN_WORDS = ("journalist", "correspondent", "reporter", "cameram", "photographer")
_NAMED_CIVILIAN_RX = re.compile(
    r"\b(?P<verb>killing|killed|wounding|wounded|injuring|injured)\b[^.;]{0,60}?\band "
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}), an? (?:[\w-]+ ){0,2}"
    r"(?:journalist|correspondent|reporter|camera(?:man|woman)|photographer)\b"
)
_AND_ANOTHER = re.compile(
    r",? and (?:(?:one )?another (?:one )?|a (?:second|third|fourth) )"
    rf"(?:was |had been |has been )?(?P<verb>{_CASUALTY_VERB})\b",
    re.IGNORECASE,
)
_AND_CIVILIANS = re.compile(r"\band (?:the )?civilians?\b", re.I)
_LIST_ITEM = re.compile(rf"(?P<num2>{_NUM})\b {_ADJ}{{0,2}}?(?P<p2>{_PEOPLE})\b", re.I)
_NUMBER_BEFORE = re.compile(
    rf"(?<![\w,])(?:(?P<qual>{_QUAL}) )?(?P<num>\d{{1,3}}(?:,\d{{3}})*|{_TENS}|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve|dozens|several|scores|hundreds) $"
)
_PAST_NEAR = re.compile(
    r"\b(?:war|wars|conflict|since (?:the|their) (?:end|start)|(?:19|20)\d\d|decades?"
    r"|ceasefire|truce)\b",
    re.IGNORECASE,
)


_PAST_NEAR_PLAIN = _plain(_PAST_NEAR)


def _history_near(text: str, start: int, end: int) -> bool:
    """Whether a casualty phrase sits in a clause about a past war ("a war that killed ...")."""
    left = text[max(0, start - 60) : start]
    left = left[max(left.rfind(";"), left.rfind(". ")) + 1 :]
    right = text[end : end + 40]
    right = right[: min((i for i in (right.find(","), right.find(";")) if i >= 0), default=40)]
    near = left + "\n" + right  # no match of _PAST_NEAR takes a line break
    low = _folded(near)
    return bool(_PAST_NEAR.search(near) if low is None else _PAST_NEAR_PLAIN.search(low))


def _is_year(num: str | None) -> bool:
    return bool(num and _YEAR_RX.fullmatch(num))


# --- places ---------------------------------------------------------------------------------


def _find_places(s: Sentence, spots: Iterable[Spot], eventful: bool) -> list[PlaceMention]:
    """The sentence's place mentions with their roles, from its spots (strongest kind first)."""
    text = s.text
    mentions: dict[tuple[int, int], PlaceMention] = {}
    base = s.start
    for spot in spots:
        start, end = spot.start - base, spot.end - base
        if (start, end) in mentions or any(a < end and start < b for a, b in mentions):
            continue
        name = text[start:end]
        if lx.country_by_word(name) and spot.hint not in ("region",):
            continue
        cue = start if spot.cue_at is None else spot.cue_at - base
        if name in lx.SPEAKER_NAMES and _SPEAKS_AFTER.match(text, end):
            # "a charge Kabul denies", "Baku said": the capital speaks for its government
            mentions[(start, end)] = PlaceMention(name, "actor", spot.start, spot.end, spot.hint, 1)
            continue
        role, precision = _role(text, cue, end, eventful, spot.hint, spot.listed)
        mentions[(start, end)] = PlaceMention(
            name, role, spot.start, spot.end, spot.hint, precision
        )
    # "the territory of Armenia", "Armenia's state border"
    if eventful:
        # Every alternative of _TERRITORY_RX (case-sensitive) holds one of these words.
        named = "territor" in text or "soil" in text or "border" in text
        for m in _TERRITORY_RX.finditer(text) if named else ():
            group = "nation" if m.group("nation") else "nation2"
            start, end = m.start(group), m.end(group)
            if (start, end) not in mentions:
                mentions[(start, end)] = PlaceMention(
                    text[start:end], "incident-area", base + start, base + end, "border", 3
                )
    ordered = sorted(mentions.values(), key=lambda p: p.start)
    # "the village of Tegh in Syunik (province)": the second name only says where the first is.
    for i in range(1, len(ordered)):
        prev, cur = ordered[i - 1], ordered[i]
        between = text[prev.end - base : cur.start - base]
        explicit_area = cur.feature_hint in ("district", "province", "region")
        if (
            prev.role == "incident" and not explicit_area and _CONTAINER_GAP.fullmatch(between)
        ) or (
            # "the Sadarak district of Nakhchivan": the district is the place
            prev.role in ("incident", "incident-area") and _AREA_OF_GAP.fullmatch(between)
        ):
            ordered[i] = replace(cur, role="context")
    return ordered


_SPEAKS_AFTER = re.compile(
    rf"(?:['’]s (?:government|side|leadership))?\s+(?:has |have |had |also |on \w+ )?(?:not )?"
    rf"(?:{_SAY}|den(?:y|ies)|rejects?|acknowledged|acknowledges|responded|warned|warns"
    rf"|was investigating|is investigating)\b"
    rf"|['’]s (?:version|account|response)\b"
)
_AREA_OF_GAP = re.compile(r"\s+(?:district|rayon|county)\s+of\s+(?:the\s+)?", re.I)
# "the interior ministry in Kabul": where a speaker sits, not where the fighting was
_SEAT = re.compile(
    r"\b(?:ministry|ministries|government|spokes(?:wo)?man|embassy|office|headquarters"
    r"|(?:police |army |military |senior |an? )(?:officers?|officials?)"
    r"|parliament|command|read out|issued|released|published|delivered"
    # "speaking to reporters in Beirut", "told a news conference in Addis Ababa"
    r"|(?:speaking|talking|spoke) (?:to|with|before)(?: [\w'’-]+){0,4}?"
    r"|(?:told|telling) (?:reporters|journalists|the press|(?:a )?news conference"
    r"|(?:a )?press conference)"
    r"|(?:news|press) conference)\s+(?:in|at)\s+$",
    re.IGNORECASE,
)
# "who were buried on Tuesday, were shot near a sports ground in": violence told after the
# words of talks, funerals or hospitals puts the place back where the fighting was
_VIOLENCE_AFTER = re.compile(
    r"\b(?:shot|killed|fired|shelled|struck|attacked|ambushed|clashed|fought|exploded)\b", re.I
)
# "hitting settlements including the regional capital Stepanakert": a capital that was hit
_CAPITAL_HIT = re.compile(
    r"\b(?:hit|hitting|struck|striking|shelled|shelling|targeted|targeting|bombed|bombing"
    r"|attacked|attacking)\b[^.;]{0,50}\bcapital\W*(?:\w+\W*)?$",
    re.I,
)


def _talks_before(talks: re.Pattern[str], window: str) -> bool:
    """Whether the words before a place say it is where people talked, were treated or fled
    (see _TALKS_RX), rather than where the fighting was."""
    ends = [m.end() for m in talks.finditer(window)]
    if not ends:
        return False
    return _VIOLENCE_AFTER.search(window, ends[-1]) is None


_CONTAINER_GAP = re.compile(r"(?:\s+(?:village|town|city))?,?\s+(?:in|of)\s+(?:the\s+)?", re.I)


def _role(
    text: str, start: int, end: int, eventful: bool, hint: str | None, listed: bool
) -> tuple[Role, int]:
    if not eventful:
        return "context", 1
    before = text[max(0, start - 100) : start]
    # the cue patterns ignore case: their plain twins over the lower-cased window, when it
    # folds letter for letter (see geoclash._rx)
    low = _folded(before)
    talks, cue, near_cue = _ROLE_CUES if low is None else _ROLE_CUES_PLAIN
    window = before if low is None else low
    seat = before[-40:]
    if "capital" in window and _CAPITAL_HIT.search(window[-80:]):
        # "hitting villages and the regional capital, Stepanakert"
        return "incident", 1
    if (
        _talks_before(talks, window[-80:])
        or _history_near(text, start, end)
        or (seat.endswith((" in ", " at ")) and _SEAT.search(seat))
    ):
        return "context", 1
    if not (listed or cue.search(window[-60:])):
        return "context", 1
    # "in the Tartar direction": towards the place, not in it
    near = bool(near_cue.search(window[-45:])) or text.startswith(" direction", end)
    if hint == "area":
        return "incident-area", 2
    if hint == "landmark":
        return "incident", 2
    if hint in ("district", "province", "region", "corridor", "border"):
        return "incident-area", 3 if hint in ("province", "region", "border") else 2
    return "incident", 2 if near else 1


# --- gate words -----------------------------------------------------------------------------
# Most sentences hold none of the words a pattern needs ("shelling", "killed", "said"). Every
# such word of the gates below is found for a whole article in one pass (see _rx.WordIndex),
# and a pattern runs over a sentence only when the sentence holds one of its words. A pattern
# whose every match starts with one of a few words (anchored, see _rx.prefix_strings) is tried
# only where they start.


def _starts(rx: re.Pattern[str]) -> tuple[str, ...]:
    """The words every match of ``rx`` starts with (lower-cased: the index holds the
    lower-cased article), or ``()`` when they are too short to be worth indexing."""
    prefixes = _prefixes(rx)
    return tuple(p.lower() for p in prefixes) if prefixes and min(map(len, prefixes)) >= 3 else ()


# What a casualty figure or its qualifier starts with ("12", "two", "a ", "at least"): a digit
# has no prefix string, so _PAIR_RX, _PASSIVE_RX and _SHORT_RX get no anchor of their own, yet
# they open with a look-behind that costs ``re`` its fast scan, on the sentences that most often
# pass their gates. A match of any starts at one of these (or, for the last two, at a space
# right before one: ``\s?`` may open them); "one" in "someone" or "a " in "Armenia " only cost
# a failed try.
_FIGURE_STARTS = (
    *"0123456789", "a ", "an ", "dozens", "several", "scores", "hundreds", "many", "numerous",
    *(w for w in _WORD_NUMBERS if " " not in w and len(w) > 2),
    *_QUAL.split("|"),
)  # fmt: skip
# Keyed by id (see _CASUALTY_TWINS): whether a match may start at a space before a figure.
_FIGURE_ANCHORED = {id(_PAIR_RX): False, id(_PASSIVE_RX): True, id(_SHORT_RX): True}


def _figure_starts(where: Where, low: str, spaced: bool) -> list[int]:
    """Where a match of a pattern of _FIGURE_ANCHORED may start in the sentence ``low``."""
    at = _anchor_starts(where, "figure")
    if spaced:
        at = sorted({*at, *(i - 1 for i in at if i and low[i - 1].isspace())})
    return at


# The anchored patterns by anchor name; each runs over the lower-cased sentence (the casualty
# and time twins then confirm with their case-insensitive pattern over the sentence).
_ANCHORED: dict[str, re.Pattern[str]] = {
    "say": _SAY_PLAIN,
    "leader": _LEADER_PLAIN,
    "both": _BOTH_RX,
    "target": _TARGET_RX,
    **{f"event {kind}": _plain_compiled(p) for kind, p in lx.EVENT_PATTERNS.items()},
    **{f"casualty {n}": _CASUALTY_TWINS[id(rx)] for n, rx in enumerate(_CASUALTY_PATTERNS)},
    **{f"weapon {p}": _plain_compiled(p) for p, _ in lx.WEAPONS},
    **{f"institution {inst}": rx for rx, inst in _INSTITUTIONS_PLAIN},
    **{f"time {kind}": twin for kind, twin in TIME_TWINS.items()},
}
_ANCHORS = {
    "country": tuple(w.lower() for w in _COUNTRY_WORDS),
    "figure": _FIGURE_STARTS,
    **{name: starts for name, rx in _ANCHORED.items() if (starts := _starts(rx))},
}
# Keyed by id: a compiled pattern hashes its whole source text on every look-up.
_CASUALTY_ANCHORS = {
    id(rx): name for n, rx in enumerate(_CASUALTY_PATTERNS) if (name := f"casualty {n}") in _ANCHORS
}
_SAY_NEEDS = _required(_SAY_PLAIN)
_EVENT_NEEDS = {kind: _required(_plain_compiled(p)) for kind, p in lx.EVENT_PATTERNS.items()}
_CASUALTY_NEEDS = {
    "pair": (" and ",),
    "unknown": ("number of",),
    "passive": _PASSIVE_NEEDS,
    "active": _ACTIVE_WORDS,
    "suffered": (
        "suffer",
        "sustain",
        "receiv",
        "sides with",
        "sides injured",
        "sides wounded",
        "sides hurt",
    ),
    "singular": (" was ", " got ", " been "),
    "among": (" among ",),
    "lost": ("lost ",),
    "death toll": ("death toll",),
    "short": _SHORT_WORDS,
    "losses": ("loss", "casualt", "fatalit"),
    "bodies": ("bodies of", "body of"),
}
_GATE_WORDS = _WordIndex(
    (
        word
        for needs in (
            _HISTORY_WORDS, _COMPARISON_WORDS, _SAY_NEEDS, _CASUALTY_HINT_WORDS, _BOTH_NEEDS,
            _LEADER_NEEDS, _WEAPON_NEEDS, *_EVENT_NEEDS.values(), *_CASUALTY_NEEDS.values(),
            *_INSTITUTION_WORDS.values(), *_WEAPON_PATTERN_NEEDS.values(),
            *(group for groups in TIME_NEEDS.values() for group in groups),
            _SIDE_SPEAKER_NEEDS, _SUPERSEDED_NEEDS,
        )
        for word in needs
    ),
    _ANCHORS,
)  # fmt: skip
_gate = _GATE_WORDS.gate
_SIDE_SPEAKER_GATE, _SUPERSEDED_GATE = _gate(_SIDE_SPEAKER_NEEDS), _gate(_SUPERSEDED_NEEDS)


def _anchored(
    rx: re.Pattern[str], anchor: str, where: Where | None, text: str
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, tried only where the words of ``anchor`` start (``where``: from
    the index; None, or an anchor without words: everywhere)."""
    if where is None or anchor not in _GATE_WORDS.anchors:
        return rx.finditer(text)
    if anchor not in where:  # none of its words in the sentence: no scan to set up
        return iter(())
    return _scan_at(rx, _anchor_starts(where, anchor), text)


# (kind, ids of its first group of needs, of its second or None): see timex.TIME_NEEDS (no
# kind needs more than two groups; a test holds it to that)
_TIME_GATES = [
    (kind, _gate(groups[0]).ids, _gate(groups[1]).ids if len(groups) > 1 else None)
    for kind, groups in TIME_NEEDS.items()
]
_HISTORY_GATE, _COMPARISON_GATE = _gate(_HISTORY_WORDS), _gate(_COMPARISON_WORDS)
_HINT_GATE = _gate(_CASUALTY_HINT_WORDS)
_INSTITUTION_GATES = {inst: _gate(words) for inst, words in _INSTITUTION_WORDS.items()}
# (order, plain twin, institution, its gate, its anchor) of each institution, for _find_claim
_INSTITUTIONS_GATED = [
    (o, rx, inst, _INSTITUTION_GATES[inst], f"institution {inst}")
    for o, (rx, inst) in enumerate(_INSTITUTIONS_PLAIN)
]
_INSTITUTION_IDS = frozenset().union(*(g.ids for g in _INSTITUTION_GATES.values()))
_WEAPON_GATE = _gate(_WEAPON_NEEDS)
_WEAPON_PATTERN_GATES = {p: _gate(needs) for p, needs in _WEAPON_PATTERN_NEEDS.items()}
# Each kind's plain twin and its gate.
_EVENT_PLAIN = [
    (kind, _plain_compiled(p), _gate(_EVENT_NEEDS[kind])) for kind, p in lx.EVENT_PATTERNS.items()
]
_EVENT_ANCHORED = [
    (kind, _ANCHORED[f"event {kind}"], f"event {kind}") for kind in lx.EVENT_PATTERNS
]
_TIME_ANCHORS = {kind: name for kind in TIME_TWINS if (name := f"time {kind}") in _ANCHORS}
_WEAPON_ANCHORS = {p: name for p, _ in lx.WEAPONS if (name := f"weapon {p}") in _ANCHORS}
_PAIR_GATE, _UNKNOWN_GATE, _PASSIVE_GATE, _ACTIVE_GATE, _SUFFERED_GATE, _SINGULAR_GATE = (
    _gate(_CASUALTY_NEEDS[k])
    for k in ("pair", "unknown", "passive", "active", "suffered", "singular")
)
_AMONG_GATE, _LOST_GATE, _DEATH_TOLL_GATE, _SHORT_GATE, _LOSSES_GATE, _BODIES_GATE = (
    _gate(_CASUALTY_NEEDS[k]) for k in ("among", "lost", "death toll", "short", "losses", "bodies")
)


# --- reports --------------------------------------------------------------------------------


@dataclass
class _Segment:
    claim: _Claim | None
    facts: list[_Facts] = field(default_factory=list)
    when: tuple[date, str] | None = None  # an earlier event's date; None: the main event


def extract_reports(article: Article, gazetteer: KnowsPlaces | None = None) -> list[IncidentReport]:
    """Extract the incident reports of one article.

    Parameters
    ----------
    article : Article
        A cleaned article (see :func:`geoclash.read_articles`).
    gazetteer : object with ``is_known(name) -> bool``, optional
        Used to spot place names; defaults to :meth:`geoclash.Gazetteer.default`.

    Returns
    -------
    list of IncidentReport
        One per event per claiming side, in order of first mention; place mentions are
        unresolved (text and role only).
    """
    if gazetteer is None:
        from .gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    sentences = _split_claims(split_sentences(article.text))
    spots = _spots_by_sentence(sentences, spot_toponyms(article.text, gazetteer))
    known = gazetteer  # bound here: mypy does not narrow the Optional inside the closure

    def cue_names(s: Sentence) -> list[Spot]:
        return spot_cue_names(article.text, s.start, s.end, known)

    low = article.text.lower()
    present: Sequence[AbstractSet[int] | None]
    located: Sequence[Where | None]
    if len(low) == len(article.text):  # offsets in the lower-cased text are offsets in the text
        present, located = _GATE_WORDS.locate(low, [(s.start, s.end) for s in sentences])
    else:
        present, located = [None] * len(sentences), [None] * len(sentences)
    facts = [
        _analyse(s, article.published, sp, words, where, cue_names)
        for s, sp, words, where in zip(sentences, spots, present, located, strict=True)
    ]
    if article.dateline:
        _mark_dateline(facts, article.dateline)
    _died_of_wounds(facts)
    if "Korea" in article.text:
        _name_korean_sides(facts)
    _name_speakers(facts)
    main_date, precision = _main_date(facts, article.published)
    _mark_time_scope(facts, main_date)
    belligerents = _belligerents(facts)
    _mark_other_stories(facts, belligerents)
    segments = _segments(facts)
    return _build_reports(article, segments, main_date, precision, belligerents)


def _mark_other_stories(facts: list[_Facts], belligerents: list[str]) -> None:
    """A digest's item headed "TURKEY-SYRIA: A Syrian warplane bombed ..." in an issue about
    Israel and Syria tells another story: its paragraph is set aside like history."""
    other = -1  # the paragraph of the other story being read
    for f in facts:
        text = f.sentence.text
        if (
            text[:1].isupper()
            and (label := _SECTION_LABEL.match(text))
            and (named := {lx.country_by_word(w) for w in _LABEL_WORD.findall(label.group())})
            and not named <= {*belligerents[:2], None}
        ):
            other = f.sentence.paragraph
        if f.sentence.paragraph == other:
            f.history = True


# "TURKEY-SYRIA: ", "INDIA / PAKISTAN: "
_SECTION_LABEL = re.compile(r"[A-Z][A-Z'’. /-]{2,40}: ")
_LABEL_WORD = re.compile(r"[A-Z][A-Z'’.]+")


def _died_of_wounds(facts: list[_Facts]) -> None:
    """ "One of its soldiers was shot as he drove along the border. He was taken to hospital,
    where he died of his wounds.": one death, told over two sentences."""
    for before, f in pairwise(facts):
        if (
            not f.sentence.text.startswith(("He ", "She "))
            or f.casualties
            or before.casualties
            or before.sentence.paragraph != f.sentence.paragraph
            or not _HE_DIED.match(f.sentence.text)
        ):
            continue
        if shot := _ONE_SHOT.search(before.sentence.text):
            side, group = _side_in(shot.group())
            f.casualties = [(_casualty(side, group, "killed", 1, "exact"), side is not None)]


_HE_DIED = re.compile(r"(?:He|She)\b[^.;]{0,100}?\b(?:died|succumbed)\b")
_ONE_SHOT = re.compile(
    r"\b(?:one of (?:its|our|their|the) (?:soldiers|servicemen|troops|guards|officers)"
    r"|(?:an?|one) (?:[\w-]+ )?(?:soldier|serviceman|border guard|guard|officer|policeman"
    r"|civilian|conscript|villager|farmer|shepherd))"
    r" (?:was|had been) (?:shot|wounded|injured|hit)\b",
    re.I,
)


# "Pakistan's military spokesman, Maj Gen Asif Ghafoor, ...": a spokesperson named once; the
# names before the comma or the verb, the last of them the surname used later
_NAMED_SPOKESPERSON = re.compile(
    # "Colombia's defence minister, Juan Manuel Santos, ..." as well
    r"(?P<title>spokes(?:wo)?(?:man|person)|minister)(?: for [^,.;]{1,40})?,? "
    r"(?P<names>(?:[A-Z][\w'’.-]*\s){0,4}(?P<surname>[A-Z][\w'’-]+))"
    r"(?=,| (?:has |had )?(?:said|says|told|added))"
)
_SURNAME_SAYS = re.compile(
    r"\b(?P<surname>[A-Z][\w'’-]+) (?:has |had |also )?(?:said|says|told|added)\b"
)


_TITLES = r"(?P<title>Prime Minister|President|Foreign Minister|Defen[cs]e Minister)"
_TITLED_LEADER = re.compile(
    rf"\b{_TITLES} "
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})"
)
# a sentence whose subject is a leader named with his title: "President Rafael Correa does"
_TITLED_SUBJECT = re.compile(rf"\W*{_TITLES}(?: [A-Z][\w'’-]+){{1,3}} (?!said|says|told)[a-z]")
_TITLE_INSTITUTIONS = {
    "Prime Minister": "Prime Minister", "President": "President",
    "Foreign Minister": "Ministry of Foreign Affairs", "Defence Minister": "Ministry of Defence",
    "Defense Minister": "Ministry of Defence",
}  # fmt: skip


def _titled_leaders(facts: list[_Facts]) -> dict[str, tuple[str, str]]:
    """Leaders the article names with a title other than the one :data:`lx.LEADERS` gives
    them (offices change): lower-cased surname -> (country, institution)."""
    titled: dict[str, tuple[str, str]] = {}
    for f in facts:
        text = f.sentence.text
        if "Minister" not in text and "President" not in text:
            continue
        for m in _TITLED_LEADER.finditer(text):
            words = m.group("name").lower().removesuffix("'s").removesuffix("’s").split()
            # "Prime Minister Recep Tayyip Erdoğan's office": the surname, or the last two
            for key in (" ".join(words[-2:]), words[-1]):
                if key in lx.LEADERS:
                    code, usual = lx.LEADERS[key]
                    institution = _TITLE_INSTITUTIONS[m.group("title")]
                    if institution != usual:
                        titled[key] = (code, institution)
    return titled


# "the North's barrage", "if the South intrudes": the two Koreas as reports on them name them
_KOREAN_SIDE = re.compile(
    r"\bthe (?P<side>North|South)(?P<poss>'s|’s)?\b(?! Korea|[- ](?:and|or)\b)"
)
_KOREAN_SIDES = {"North": "KP", "South": "KR"}
_KOREAN_VOICE = re.compile(
    r"\bthe (?P<side>North|South)(?:'s|’s) (?:[a-z-]+ ){0,2}?(?:navy|army|military|command"
    r"|armed forces|joint chiefs|spokes(?:wo)?man)\b"
)
_KOREAN_ATTACK = re.compile(
    r"\bthe (?P<side>North|South)(?:'s|’s)? (?:[a-z-]+ ){0,2}?(?:shelling|bombardment|barrage"
    r"|fire|strikes?|attacks?|provocation|offensive|aggression)\b"
)


def _name_korean_sides(facts: list[_Facts]) -> None:
    """Add "the North" and "the South" as actors in a report on the two Koreas."""
    for f in facts:
        text = f.sentence.text
        if "the North" not in text and "the South" not in text:
            continue
        found = [
            _Actor(_KOREAN_SIDES[m.group("side")], m.start(), m.end())
            for m in _KOREAN_SIDE.finditer(text)
            if not any(a.start <= m.start() < a.end for a in f.actors)
        ]
        if found:
            f.actors = sorted([*f.actors, *found], key=lambda a: a.start)
            attack = _KOREAN_ATTACK.search(text)
            if attack is not None and f.has_event and f.offence is None:
                f.offence = (_KOREAN_SIDES[attack.group("side")], None)
            if (f.claim is None and f.said) or (f.claim is not None and f.claim.country is None):
                # "A statement from the North's navy command ... says"
                voice = _KOREAN_VOICE.search(text)
                if voice is not None:
                    institution = "Military Forces" if f.claim is None else f.claim.institution
                    f.claim = _Claim(_KOREAN_SIDES[voice.group("side")], institution)


def _name_speakers(facts: list[_Facts]) -> None:
    """ "..., Ghafoor said": a spokesperson named earlier by institution and country speaks
    for them when called by surname alone."""
    speakers: dict[str, _Claim] = {}
    titled = _titled_leaders(facts)
    for f in facts:
        text = f.sentence.text
        if titled and f.claim is not None and f.claim.country is not None:
            # "Erdoğan's office" in an article that calls him "Prime Minister Recep Tayyip
            # Erdoğan": his office then, not the one he holds today
            for surname, (code, institution) in titled.items():
                if f.claim.country == code and surname in text.lower():
                    f.claim = _Claim(code, institution)
                    break
        named_here = False
        if "spokes" in text or "minister" in text:
            for m in _NAMED_SPOKESPERSON.finditer(text):
                named_here = True
                claim = f.claim
                if claim is None or claim.country is None:
                    # the institution before the title, read as if it spoke there
                    lead = text[: m.end("title")] + " said"
                    claim, _ = _find_claim(lead, f.actors, list(_SAY_RX.finditer(lead)), None)
                if claim is not None and claim.country is not None:
                    speakers[m.group("surname")] = claim
        if not named_here and speakers and f.claim is None:
            named = next(
                (m for m in _SURNAME_SAYS.finditer(text) if m.group("surname") in speakers),
                None,
            )
            if named is not None:
                f.claim = speakers[named.group("surname")]
                f.continues_claim = False
                # "..., Santos said": the speaker, not the port in Brazil
                f.places = [p for p in f.places if p.text != named.group("surname")]


# ", while Baku said one of its servicemen had been wounded": a second speaker, whose words
# are its own sentence
_SECOND_CLAIM = re.compile(
    r",\s+(?:while|whereas|but)\s+(?=[^,;.]{1,60}?\b(?:said|says|claimed|claims|stated|reported)\b)"
    # "...; Ethiopia's government spokesman, Getachew Reda, has said only that ..."
    r"|;\s+(?=[A-Z][^;.]{0,80}?\b(?:said|says|claimed|claims|stated|reported|denied)\b)"
)


def _split_claims(sentences: list[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for s in sentences:
        cut = _SECOND_CLAIM.search(s.text) if "," in s.text or ";" in s.text else None
        if cut is None:
            out.append(s)
            continue
        # the first part keeps its comma: a headline never ends on one (see _analyse)
        first = cut.start() + 1
        out.append(Sentence(s.text[:first], s.start, s.start + first, s.paragraph))
        out.append(Sentence(s.text[cut.end() :], s.start + cut.end(), s.end, s.paragraph))
    return out


def _spots_by_sentence(sentences: Sequence[Sentence], spots: Iterable[Spot]) -> list[list[Spot]]:
    """The spots of each sentence (origin and name inside it), kinds still strongest first."""
    starts = [s.start for s in sentences]
    out: list[list[Spot]] = [[] for _ in sentences]
    for spot in spots:
        i = bisect_right(starts, spot.origin) - 1
        if i >= 0 and spot.end <= sentences[i].end:
            out[i].append(spot)
    return out


def _mark_dateline(facts: list[_Facts], dateline: str) -> None:
    """Mark the dateline's places ("Baku", "BAKU/YEREVAN") in the opening lines as datelines."""
    names = {n.strip().lower() for n in dateline.split("/") if n.strip()}
    for f in facts[:4]:
        line_start = f.sentence.start == 0 or f.sentence.paragraph != facts[0].sentence.paragraph
        f.places = [
            replace(p, role="dateline")
            if p.text.lower() in names and line_start and p.start - f.sentence.start < 40
            else p
            for p in f.places
        ]


_RELATIVE_TODAY = re.compile(
    r"(?i)today|tonight|this morning|overnight|after midnight|earlier today"
)
_STATEMENT_TIME = re.compile(
    rf"\b(?:{_SAY}|told (?:\w+ ){{0,2}}|announced|confirmed)\s+(?:on\s+|late\s+|early\s+)?$", re.I
)
# "On Wednesday it put its losses at two dead": the day a side spoke, told before the verb
_STATEMENT_AFTER = re.compile(
    r",?\s+(?:it|he|she|they|the (?:army|ministry|military|government))\s+"
    r"(?:put|gave|said|announced|reported|confirmed)\b",
    re.I,
)
# "BISHKEK, May 1 (Steppe Press) --", "YEREVAN, Sept 13 (Reuters) -": the filing date.
_DATELINE_PREFIX = re.compile(
    r"^(?:[A-Z][A-Z/ .'’-]{1,40},(?:\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)?\s*(?:\([^)]{1,40}\))?"
    r"\s*(?:-{1,2}|–|—|:)\s*"
    r"|[A-Z][\w/ .'’-]{1,30},\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2})"
    r"(?:,?\s*\d{4})?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-–—:.]+\s*)"
)


def _main_date(facts: list[_Facts], published: date | None) -> tuple[date | None, str]:
    """The day (or week, month) of the article's main event.

    In order: a day named in a sentence about the event; a coarser time in such a sentence
    ("Last week, four soldiers were killed" in a weekly digest); a day anywhere; a coarser
    time anywhere; the publication date.
    """
    # "At about 7 o'clock this morning, Friday 3 April, Thai soldiers entered ... When they
    # refused, an exchange of fire broke out": a day that opens a paragraph dates the fighting
    # the paragraph then tells without a day of its own
    opening = set()
    for paragraph in _paragraphs(facts) if any(not f.has_event and f.times for f in facts) else ():
        timed = [i for i, f in enumerate(paragraph) if f.times]
        if (
            len(timed) == 1
            and not paragraph[timed[0]].has_event
            and len({t.date for t in paragraph[timed[0]].times}) == 1
            and any(f.has_event for f in paragraph[timed[0] + 1 :])
        ):
            opening.add(id(paragraph[timed[0]]))
    # a live page's entry header ("Sunday 22:35") and, for each sentence, its entry's day
    headers = {
        id(f)
        for f in facts
        if len(f.sentence.text) <= 24 and _ENTRY_HEADER.fullmatch(f.sentence.text)
    }
    entries: list[date | None] = []
    entry: date | None = None
    for f in facts:
        if id(f) in headers:
            entry = _event_day(f, published)
        entries.append(entry)
    for eventful_only in (True, False):
        # the day most sentences about the fighting name; the first named on a tie (a live
        # page, newest first, may open on the night before)
        days: dict[date, float] = {}
        for f, entry in zip(facts, entries, strict=True):
            if id(f) in headers:
                continue
            if f.headline or (eventful_only and not f.has_event and id(f) not in opening):
                continue
            when, weight = _weighed_event_day(f, published)
            if when is None and eventful_only and not f.times:
                # "Sunday 22:35 / A Lebanese army unit opened fire this evening": the entry's
                when, weight = entry, 1.0
            if when is not None:
                days[when] = days.get(when, 0.0) + weight
        if days:
            return max(days, key=lambda d: days[d]), "day"
        for f in facts:
            if f.history or f.headline or (eventful_only and not f.has_event):
                continue
            for t in f.times:
                if t.date is not None and t.precision in ("week", "month"):
                    return t.date, str(t.precision)
    return published, "unknown" if published is None else "day"


# a live page's entry header: "Sunday 23:50", "Monday, 09:05"
_ENTRY_HEADER = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?", re.I
)


def _paragraphs(facts: list[_Facts]) -> Iterator[list[_Facts]]:
    """The sentences of each paragraph."""
    start = 0
    for i in range(1, len(facts) + 1):
        if i == len(facts) or facts[i].sentence.paragraph != facts[start].sentence.paragraph:
            yield facts[start:i]
            start = i


_AFTERMATH_TIME = re.compile(
    r"\b(?:died (?:of|from|later|in hospital)|succumbed|buried|funerals?|laid to rest"
    r"|passed away)\b[^.;,]{0,40}$",
    re.I,
)


def _aftermath(text: str, t: TimeExpression) -> bool:
    """ "died of his wounds on Tuesday", "were buried on Tuesday": a day after the event,
    which neither dates it nor makes the sentence tell another one."""
    window = text[max(0, t.start - 50) : t.start].lower()
    if not any(w in window for w in _AFTERMATH_WORDS):
        return False
    return _AFTERMATH_TIME.search(window) is not None


_AFTERMATH_WORDS = ("died", "succumb", "buried", "funeral", "laid to rest", "passed away")
_COUNTED_DAYS = re.compile(r"\b(?:days?|weeks?|hours?)\b", re.IGNORECASE)


def _event_day(f: _Facts, published: date | None) -> date | None:
    return _weighed_event_day(f, published)[0]


def _weighed_event_day(f: _Facts, published: date | None) -> tuple[date | None, float]:
    """The sentence's event day, and how much it says about the main event's day: half when
    the only day is the one a side spoke on ("Djibouti's army said on Wednesday")."""
    days = [
        t
        for t in f.times
        if t.date is not None
        and t.precision == "day"
        and not (published and t.date > published)
        and not (t.start < 40 and re.match(r"(?i)(?:last|previous)", t.text))
        and not _aftermath(f.sentence.text, t)
    ]
    # "said on Saturday that ... in Thursday's fighting": the event's day, not the
    # statement's, when the sentence gives both.
    text = f.sentence.text
    events = [
        t
        for t in days
        if not _STATEMENT_TIME.search(text[max(0, t.start - 40) : t.start])
        and not _STATEMENT_AFTER.match(text, t.end)
    ]
    # "after midnight on Tuesday, 13 September": the named day beats "after midnight".
    named = [t for t in events if not _RELATIVE_TODAY.fullmatch(t.text)]
    # "two days after an Iranian strike": a day counted from another event, not this one's
    own = [t for t in named if not _COUNTED_DAYS.search(t.text)]
    chosen = own or named or events or days
    if not chosen:
        return None, 0.0
    # "found the bodies on Wednesday, ... killed when artillery pounded the island on
    # Tuesday": what followed comes after the event, so the earliest day is the event's
    # a day told only as "overnight" or "this morning" (the publication's) says less
    weight = 1.0 if named else 0.75 if events else 0.5
    return min(t.date for t in chosen if t.date is not None), weight


def _mark_time_scope(facts: list[_Facts], main_date: date | None) -> None:
    """Flag history and earlier-event sentences; a flag carries over within a paragraph."""
    paragraph = -1
    carried: tuple[bool, bool, tuple[date, str] | None] = (False, False, None)
    for f in facts:
        if f.sentence.paragraph != paragraph:
            paragraph = f.sentence.paragraph
            carried = (False, False, None)
        own_time = False
        for t in f.times:
            if t.date is None or main_date is None or _aftermath(f.sentence.text, t):
                continue
            own_time = True
            if (t.precision == "year" and t.date.year < main_date.year) or (
                t.precision in ("month", "year") and (main_date - t.date).days > 62
            ):
                f.history = True
            elif t.date > main_date and f.said and not f.has_event:
                # "On Saturday the Syrian side gave its own account": the day it spoke
                continue
            elif t.date != main_date:
                # "On Sunday, they traded accusations": a sentence that opens on another day
                # tells another event; "17 others ... died on Tuesday" mid-sentence does not.
                opening = t.start < 25
                coarse = t.precision in ("week", "month", "year")
                # A recent earlier day (the night before) is another event; a date long past
                # mid-sentence ("returned on 25 November 2020") is only a reference.
                before = t.date < main_date and (main_date - t.date).days <= 14
                same_day = any(u.date == main_date for u in f.times)
                # ... unless that day's losses are what the sentence tells: "a fistfight on
                # May 9 last year in which four Indian and seven Chinese soldiers were hurt"
                long_past = (main_date - t.date).days > 62 and bool(f.casualties)
                if opening or ((coarse or before or long_past) and not same_day):
                    f.earlier = True
                    if f.when is None and t.date < main_date:
                        f.when = (t.date, str(t.precision))
            elif t.date == main_date:
                # A sentence dated to the main event is about it, even when it also looks
                # back ("the worst incident since the end of last year's war").
                f.earlier = False
                f.history = False
                f.when = None
                break
        if not own_time:
            f.history = f.history or carried[0]
            f.earlier = f.earlier or carried[1]
            f.when = f.when or carried[2]
        carried = (f.history, f.earlier, f.when)


def _belligerents(facts: list[_Facts]) -> list[str]:
    counts: dict[str, int] = {}
    for f in facts:
        if f.history or f.earlier:
            continue
        weight = 2 if f.has_event else 1
        for a in f.actors:
            counts[a.country] = counts.get(a.country, 0) + weight
        if f.claim and f.claim.country and f.has_event:
            counts[f.claim.country] = counts.get(f.claim.country, 0) + 1
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    return ranked[:2]


def _opens_with_country(text: str) -> bool:
    """Whether the sentence opens on a country's name ("Israel answered ...")."""
    m = _COUNTRY_RX.match(text)
    if m is None:
        return False
    code = lx.country_by_word(m.group("nation"))
    return code in lx.COUNTRIES and m.group("nation") == lx.COUNTRIES[code].name


_OTHER_VOICE = re.compile(
    r"\b(?:officials|residents|sources|witnesses|villagers|analysts|observers|doctors"
    r"|medics|police)\b|\b(?:gave|put) (?:a|the|its) (?:death )?toll\b",
    re.IGNORECASE,
)
# a sentence that turns from the speaker back to the reporter's voice
_REPORTER_TURN = re.compile(
    r"\W*(?:but|however|yet|independent|there was no|it (?:was|is)|this (?:was|is)"
    r"|this could not|it could not|none of|the claims? could not|neither)\b",
    re.IGNORECASE,
)
# "The following is a translation of a statement issued by ...": the paragraphs after it are
# the statement, until an editor's note
_DOCUMENT_FOLLOWS = re.compile(
    r"\b(?:the following is|below is|here is)\b"
    r"|\b(?:full text|text|translation|transcript) of (?:a|the|its) statement\b",
    re.IGNORECASE,
)
_EDITOR_RX = re.compile(
    r"\W*(?:editor['’]s note|translator['’]s note|note to editors|ends?\b|-ends-)", re.IGNORECASE
)
# a document's own title: "Statement of the Spokesman of the Royal Government of Cambodia on"
_DOCUMENT_TITLE = re.compile(
    r"\W*(?:(?:full |official )?text of (?:the |a )?)?(?:joint |official |press )?"
    r"(?:statement|communiqu[eé]|press release|declaration|announcement) (?:of|by|from) ",
    re.IGNORECASE,
)


def _segments(facts: list[_Facts]) -> list[_Segment]:
    segments: list[_Segment] = []
    current: _Segment | None = None
    last_claim: _Claim | None = None
    last_paragraph = -10
    earlier_claim: _Claim | None = None
    by_country: dict[str, _Claim] = {}  # the latest speaker of each side
    quoting: tuple[_Claim, int] | None = None  # a statement quoted after "...:", its paragraph
    carried: tuple[_Claim, int] | None = None  # the last sentence's claim and paragraph
    document: _Claim | None = None  # the issuer a document's title names, until a note
    previous: _Facts | None = None
    side_named: tuple[str, int] | None = None  # "the Syrian side said": its country, paragraph
    for f in facts:
        if f.history or (f.earlier and f.when is None):
            current = None
            continue
        if f.earlier:
            # An earlier event told in passing is its own report: its speaker does not carry
            # over to the main event, nor the main event's speaker to it.
            claim = f.claim if f.claim is not None and f.claim.country is not None else None
            same_day = current is not None and current.when == f.when
            if same_day and claim is None and (f.continues_claim or f.claim is not None):
                claim = earlier_claim
            earlier_claim = claim or earlier_claim
            if current is None or current.when != f.when or current.claim != claim:
                current = _Segment(claim, when=f.when)
                segments.append(current)
            current.facts.append(f)
            continue
        if current is not None and current.when is not None:
            current = None
        # A headline summarises the body; its "Armenia says" is not a claimant of its own.
        claim = None if f.headline else f.claim
        if claim is not None and claim.country is None:
            # "the ministry said": the latest claimant with that institution, or the latest one.
            # "the Defence Ministry's spokesman said": that institution of the side speaking
            # "the Syrian side gave its own account. According to a military spokesman": the
            # side just named, else the latest claimant's
            if side_named is not None and side_named[1] >= f.sentence.paragraph - 1:
                side: str | None = side_named[0]
            else:
                side = None if last_claim is None else last_claim.country
            if side is not None and claim.institution.startswith(
                ("Ministry", "Military", "Authorities")
            ):
                claim = _Claim(side, claim.institution)
            elif last_claim is not None:
                claim = last_claim
            # else "The Joint Chiefs of Staff briefed reporters" with no side named yet: the
            # side is told by what it says (see _side_of_countryless)
        recent = f.sentence.paragraph - last_paragraph <= 2
        if claim is None and f.speaker is not None:
            claim = by_country.get(f.speaker)
            side_named = (f.speaker, f.sentence.paragraph)
        if quoting is not None and f.sentence.paragraph > quoting[1]:
            # "... issued the following statement:" then the statement, a paragraph or more
            # in quotes, until the paragraphs stop or an editor speaks again
            first = f.sentence.paragraph == quoting[1] + 1 or f.sentence.text[:1] in '"“'
            ended = _EDITOR_RX.match(f.sentence.text) is not None
            quoting = (quoting[0], f.sentence.paragraph) if first and not ended else None
        if (
            f.headline
            and f.claim is not None
            and f.claim.country is not None
            and _DOCUMENT_TITLE.match(f.sentence.text)
        ):
            document = f.claim
        elif document is not None and _EDITOR_RX.match(f.sentence.text):
            document = None
        if claim is None and quoting is not None:
            claim = quoting[0]
        if claim is None and document is not None and not f.headline:
            claim = document
        if (
            claim is None
            and f.continues_claim
            and previous is not None
            and previous.sentence.paragraph == f.sentence.paragraph
            and previous.claim is None
            and last_claim is not None
            and last_claim.country is not None
            and (leader := _TITLED_SUBJECT.match(previous.sentence.text))
        ):
            # "President Rafael Correa does not believe a word of it. In a televised address
            # he said ...": the leader just named, of the side then speaking
            claim = _Claim(last_claim.country, _TITLE_INSTITUTIONS[leader.group("title")])
        if claim is None and f.continues_claim and last_claim is not None and recent:
            claim = last_claim
        if (
            claim is None
            and carried is not None
            and f.sentence.paragraph == carried[1]
            and not f.headline
            and not _REPORTER_TURN.match(f.sentence.text)
            # "..., witnesses said": someone else speaks
            and not f.said
            # "Israel answered with artillery fire": a country as the subject is the
            # reporter's narration; "Officials in Dushanbe gave a toll" another voice
            and not _opens_with_country(f.sentence.text)
            and not _OTHER_VOICE.search(f.sentence.text)
        ):
            # "Tajikistan's border troops told a very different story. Their statement said
            # ... Fighting spread to ...": the paragraph goes on in the speaker's words
            claim = carried[0]
        carried = (claim, f.sentence.paragraph) if claim is not None else None
        if claim is not None:
            last_claim = claim
            last_paragraph = f.sentence.paragraph
            if claim.country is not None:
                by_country[claim.country] = claim
            if f.claim is not None and (
                f.sentence.text.rstrip().endswith(":")
                or ("tatement" in f.sentence.text and _DOCUMENT_FOLLOWS.search(f.sentence.text))
            ):
                quoting = (claim, f.sentence.paragraph)
        if f.both_sides:
            claim = None
        # Each explicit statement opens a segment, so that one speaker's several events
        # ("The Thai army says ... F-16s struck", "The Thai army says ... rockets hit") can
        # become several reports.
        fresh = f.claim is not None and f.claim.country is not None and not f.headline
        if current is None or current.claim != claim or fresh:
            current = _Segment(claim)
            segments.append(current)
        current.facts.append(f)
        previous = f
    return segments


_GOVERNMENT_VOICE = re.compile(r"\b(?:minist(?:er|ry)|spokes(?:wo)?(?:man|person)|cabinet)\b", re.I)


def _build_reports(
    article: Article,
    segments: list[_Segment],
    main_date: date | None,
    precision: str,
    belligerents: list[str],
) -> list[IncidentReport]:
    """One report per event per claimant; unattributed reporting of the main event backs the
    reports that tell it the same way."""
    earlier = [seg for seg in segments if seg.when is not None]
    statements: dict[_Claim | None, list[list[_Facts]]] = {}
    for seg in (seg for seg in segments if seg.when is None):
        statements.setdefault(seg.claim, []).append(list(seg.facts))
    # "Azerbaijan said", "the Azerbaijani side said" paraphrase the side's own speaker: when the
    # article names a more specific one (its border service), the facts are that speaker's.
    for claim in [
        c
        for c in statements
        if c is not None
        and c.institution == "Government"
        # a government that speaks through its own office ("South Sudan's information
        # minister") is a claimant of its own
        and not any(
            _GOVERNMENT_VOICE.search(f.sentence.text) for st in statements[c] for f in st if f.claim
        )
    ]:
        specific = [
            c
            for c in statements
            if c is not None
            and c.country == claim.country
            and c.institution != "Government"
            and _has_substance([f for st in statements[c] for f in st])
        ]
        if specific:
            target = max(specific, key=lambda c: sum(len(st) for st in statements[c]))
            merged = statements[target][0] + [f for st in statements.pop(claim) for f in st]
            statements[target][0] = sorted(merged, key=lambda f: f.sentence.start)
    narrated = [f for st in statements.get(None, []) for f in st]
    if any(c is not None and c.country is None for c in statements):
        # a speaker named without a country takes its side, in its place in the order
        rekeyed: dict[_Claim | None, list[list[_Facts]]] = {}
        for speaker, stmts in statements.items():
            if speaker is not None and speaker.country is None:
                own = [f for st in stmts for f in st]
                paragraphs = {f.sentence.paragraph for f in own}
                # its own words; else the reporter's in its paragraphs; else anywhere
                side = (
                    _side_of_countryless(own, belligerents)
                    or _side_of_countryless(
                        [f for f in narrated if f.sentence.paragraph in paragraphs], belligerents
                    )
                    or _side_of_countryless(narrated, belligerents)
                )
                speaker = None if side is None else _Claim(side, speaker.institution)
            rekeyed.setdefault(speaker, []).extend(stmts)
        statements = rekeyed
    claims = [
        claim
        for claim, stmts in statements.items()
        if claim is not None
        and (
            (
                (claim.country in belligerents or claim.country == lx.KARABAKH)
                and _has_substance([f for st in stmts for f in st])
            )
            # a third party that saw the fighting (peacekeepers, observers): its own account
            # of an attack with a place or a toll, not a call for calm
            or (
                any(
                    f.has_event and (f.casualties or any(p.role != "context" for p in f.places))
                    for st in stmts
                    for f in st
                )
                and any(a.country in belligerents for st in stmts for f in st for a in f.actors)
            )
        )
    ]
    unattributed = [f for st in statements.get(None, []) for f in st if _contributes(f)]
    reports: list[IncidentReport] = []
    for claim in claims:
        for number, event in enumerate(_group_statements(statements[claim])):
            own = [f for f in event if _is_fact(f)]
            if number > 0 and not _has_substance(own):
                continue
            actor1, _ = _actors(own, claim.country, belligerents, [])
            claimant_sides = {c.country for c in claims}
            shared = [
                _without_others_losses(f, claim.country, claimant_sides)
                for f in unattributed
                if number == 0
                and not f.headline
                and (
                    f.both_sides
                    or (
                        f.offence is not None
                        and (attacker := _attacker(f.offence, belligerents)) is not None
                        and lx.military_actor(attacker) == actor1
                    )
                    or (f.offence is None and not reports)
                )
            ]
            reports.append(
                _report(
                    article,
                    len(reports) + 1,
                    claim.name,
                    claim.country,
                    own,
                    shared,
                    main_date,
                    precision,
                    belligerents,
                )
            )
    if not reports and unattributed and _has_substance(unattributed):
        reports.append(
            _report(article, 1, None, None, [], unattributed, main_date, precision, belligerents)
        )
    return reports + _earlier_reports(article, earlier, len(reports), belligerents)


def _side_of_countryless(facts: list[_Facts], belligerents: list[str]) -> str | None:
    """The side of a speaker named without a country ("the Joint Chiefs of Staff", "the
    army") before any side spoke: the belligerent its account does not blame, when it blames
    exactly one of the two."""
    if len(belligerents) != 2:
        return None
    blamed = {
        attacker
        for f in facts
        if f.has_event and not (f.history or f.earlier) and f.offence is not None
        if (attacker := _attacker(f.offence, belligerents)) in belligerents
    }
    if len(blamed) != 1:
        return None
    return next(b for b in belligerents if b not in blamed)


def _earlier_reports(
    article: Article, segments: list[_Segment], numbered: int, belligerents: list[str]
) -> list[IncidentReport]:
    """Reports of the earlier events an article tells in passing ("On Tuesday, an Iranian
    strike hit ...; Pakistan's foreign ministry said it killed two children"), each with its
    own date: one per day and claimant that names a side of the conflict. Unclaimed sentences
    of the same day back them; they never join the main event."""
    by_day: dict[tuple[date, str], dict[_Claim | None, list[_Facts]]] = {}
    for seg in segments:
        if seg.when is not None:
            by_day.setdefault(seg.when, {}).setdefault(seg.claim, []).extend(seg.facts)
    reports: list[IncidentReport] = []
    for (day, day_precision), statements in by_day.items():
        unattributed = [f for f in statements.get(None, []) if _contributes(f)]
        for claim, facts in statements.items():
            if claim is None or not (claim.country in belligerents or claim.country == lx.KARABAKH):
                continue
            own = [f for f in facts if _is_fact(f)]
            if not _has_substance(own + unattributed) or not any(f.has_event for f in own):
                continue
            reports.append(
                _report(
                    article,
                    numbered + len(reports) + 1,
                    claim.name,
                    claim.country,
                    own,
                    [
                        _without_others_losses(f, claim.country, {claim.country})
                        for f in unattributed
                    ],
                    day,
                    day_precision,
                    belligerents,
                )
            )
    return reports


def _without_others_losses(f: _Facts, side: str | None, claimant_sides: set[str | None]) -> _Facts:
    """A reporter's sentence backs a claim, but the losses it gives for another claimant's side
    are that side's to report ("Four Armenian and three Azerbaijani servicemen were killed")."""
    if f.offence is not None:
        return f
    kept = [
        (c, known)
        for c, known in f.casualties
        if not known
        # "the two sides suffered losses" leaves each side's toll open; a number for the
        # other side is that side's own claim
        or (f.both_sides and c.count is None)
        or (code := lx.actor_country(c.side) or _people_country(c.side)) is None
        or code == side
        or code not in claimant_sides
    ]
    return f if len(kept) == len(f.casualties) else replace(f, casualties=kept)


def _people_country(side: str) -> str | None:
    return next((c.iso2 for c in lx.COUNTRIES.values() if c.name == side), None)


def _dominant_kind(facts: Iterable[_Facts]) -> str | None:
    kinds = {kind for f in facts for kind in f.events}
    return next(
        (k for k in ("shelling", "air", "explosive", "clash", "arrest") if k in kinds), None
    )


def _group_statements(statements: list[list[_Facts]]) -> list[list[_Facts]]:
    """Merge one speaker's statements into events: two statements tell different events
    only when their kinds differ and their places do not overlap (or one is an air strike)."""
    events: list[list[_Facts]] = []
    for st in statements:
        kind = _dominant_kind(st)
        places = {p.text for f in st for p in f.places if p.role != "context"}
        for event in events:
            other = _dominant_kind(event)
            other_places = {p.text for f in event for p in f.places if p.role != "context"}
            distinct = (
                kind is not None
                and other is not None
                and kind != other
                and (
                    (bool(places) and bool(other_places) and places.isdisjoint(other_places))
                    or "air" in (kind, other)
                )
            )
            if not distinct:
                event.extend(st)
                break
        else:
            events.append(list(st))
    return [sorted(e, key=lambda f: f.sentence.start) for e in events]


def _is_fact(f: _Facts) -> bool:
    return (
        f.has_event
        or bool(f.weapons)
        or any(p.role in ("incident", "incident-area") for p in f.places)
    )


def _contributes(f: _Facts) -> bool:
    """Whether an unattributed sentence adds a fact (and so becomes evidence)."""
    return bool(
        f.casualties
        or (f.has_event and f.weapons)
        or (f.has_event and f.offence)
        or any(p.role in ("incident", "incident-area") for p in f.places)
    )


def _has_substance(facts: Sequence[_Facts]) -> bool:
    eventful = [f for f in facts if f.has_event]
    if not eventful:
        return False
    return any(
        f.casualties or f.actors or any(p.role in ("incident", "incident-area") for p in f.places)
        for f in eventful
    )


def _report(
    article: Article,
    number: int,
    claimant: str | None,
    side: str | None,
    own: list[_Facts],
    shared: list[_Facts],
    main_date: date | None,
    precision: str,
    belligerents: list[str],
) -> IncidentReport:
    facts = own + [f for f in shared if f not in own]
    actor1, actor2 = _actors(own or shared, side, belligerents, shared)
    casualties = _merge_casualties(own, shared, side, actor2, belligerents)
    places = _merge_places(facts)
    weapons: list[str] = []
    for f in facts:
        weapons += [w for w in f.weapons if w not in weapons]
    hurt = {c.side for c in casualties if c.kind != "captured"}
    if hurt and all(side.startswith("Civilians") for side in hurt) and len(hurt) == 1:
        actor2 = next(iter(hurt))  # the people hurt were civilians: they are actor2
    if all(p.feature_hint == "landmark" for p in places):
        # Landmarks rarely resolve: keep the side's border as the place that surely does.
        places = places + _fallback_place(facts, actor2, actor1)
    event_type, sub_event_type = _event_type(facts)
    if sub_event_type == "Arrests":
        # In an arrest the side that holds the prisoners acted (ACLED's actor1).
        held = {c.side for c in casualties if c.kind == "captured"}
        if len(held) == 1 and (held_side := held.pop()) in (actor1, actor2):
            actor1, actor2 = (actor2, actor1) if held_side == actor1 else (actor1, actor2)
    evidence_facts = sorted({id(f): f for f in facts}.values(), key=lambda f: f.sentence.start)
    evidence = [Evidence(f.sentence.text, f.sentence.start, f.sentence.end) for f in evidence_facts]
    report = IncidentReport(
        report_id=f"{article.id}#{number}",
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_date=main_date,
        time_precision=precision,  # type: ignore[arg-type]
        actor1=actor1,
        actor2=actor2,
        claimant=claimant,
        places=places,
        casualties=casualties,
        weapons=weapons,
        evidence=evidence,
        published=article.published,
        source_url=article.url,
        publisher=article.publisher,
        source=article.source,
    )
    report.notes = _notes(report)
    return report


def _attacker(offence: tuple[str, str | None], belligerents: list[str]) -> str | None:
    """Who attacks in an offence; "?" ("struck two Cambodian military targets") is the
    belligerent other than the target (None when there is none)."""
    attacker, target = offence
    if attacker != "?":
        return attacker
    return next((b for b in belligerents if b != target), None)


_OWN_ATTACK = re.compile(
    r"\b(?:the|our|its) (?:army|troops|forces|soldiers|units) (?:had |have |has )?"
    r"(?:destroyed|attacked|struck|raided|shelled|stormed)\b",
    re.I,
)


def _actors(
    facts: list[_Facts], side: str | None, belligerents: list[str], shared: list[_Facts]
) -> tuple[str | None, str | None]:
    def other(code: str | None) -> str | None:
        return next((b for b in belligerents if b != code), None)

    for i, f in enumerate(facts + shared):
        own = i < len(facts)  # the speaker's own sentence, not the reporter's it shares
        if (
            f.has_event
            and f.offence is None
            and side in belligerents
            and own
            and _OWN_ATTACK.search(f.sentence.text)
        ):
            # the speaker's "the army had destroyed three camps": its own side attacked
            opponent = other(side)
            return lx.military_actor(side), lx.military_actor(opponent) if opponent else None
        if f.has_event and f.offence:
            attacker = _attacker(f.offence, belligerents)
            if attacker is None:
                continue
            a1, a2 = attacker, f.offence[1]
            if side is not None and a1 == side and not own:
                continue
            # the speaker's own side was attacked: the Karabakh army speaks for itself
            if (
                a2 is None
                and side not in (None, a1)
                and (side in belligerents or side == lx.KARABAKH)
            ):
                a2 = side
            a2 = a2 or other(a1)
            return lx.military_actor(a1), lx.military_actor(a2) if a2 else None
    if side is not None and side in belligerents:
        opponent = other(side)
        return (lx.military_actor(opponent) if opponent else None), lx.military_actor(side)
    if belligerents:
        a1 = belligerents[0]
        a2 = other(a1)
        return lx.military_actor(a1), lx.military_actor(a2) if a2 else None
    return None, None


def _merge_casualties(
    own: list[_Facts],
    shared: list[_Facts],
    side: str | None,
    actor2: str | None,
    belligerents: Sequence[str] = (),
) -> list[Casualty]:
    merged: dict[tuple[str, str], Casualty] = {}

    def resolve(c: Casualty, attributed: bool) -> Casualty:
        if ":" not in c.side:
            return c
        who, group = c.side.split(":")
        # "its soldiers" / unnamed soldiers in a claim are the claimant's own; in the
        # reporter's voice, the side that was attacked.
        own = who == "OWN" or attributed
        code = side if (own and side) else lx.actor_country(actor2)
        if who == "FOE":
            # the fighters a claimant (or, in the reporter's voice, the attacked side) fought
            code = next((b for b in belligerents if b != code), None) if code else None
        return Casualty(_side_name(code, group), c.kind, c.count, c.qualifier)

    def better(new: Casualty, old: Casualty) -> bool:
        return old.count is None and new.count is not None

    for group, attributed in ((own, True), (shared, False)):
        ordered = sorted(group, key=lambda f: (f.headline, f.sentence.start))
        for f in ordered:
            if not f.has_event and not f.casualties:
                continue
            for cas, _known in f.casualties:
                if cas.side.startswith("BOTH:"):
                    # "soldiers on both sides suffered injuries": one casualty per side.
                    hurt = cas.side.split(":")[1]
                    expanded = [
                        Casualty(_side_name(code, hurt), cas.kind, cas.count, cas.qualifier)
                        for code in belligerents
                    ]
                else:
                    expanded = [resolve(cas, attributed)]
                for c in expanded:
                    key = (c.side, c.kind)
                    if key not in merged or better(c, merged[key]):
                        merged[key] = c
    # "Wounded people are being taken to hospital" adds nothing to "more than 100 civilians
    # wounded": an uncounted toll of a side's people gives way to a counted one of the same side.
    counted = {
        (_people_country(c.side) or lx.actor_country(c.side), c.kind)
        for c in merged.values()
        if c.count is not None
    }
    # "raising to four the number of people killed" after "two marines ... two civilians":
    # a total the parts already give
    parts: dict[tuple[str | None, str], int] = {}
    for c in merged.values():
        if c.count is not None and _people_country(c.side) is None:
            part = (lx.actor_country(c.side), c.kind)
            parts[part] = parts.get(part, 0) + c.count
    return [
        c
        for c in merged.values()
        if (code := _people_country(c.side)) is None
        or (c.count is not None and parts.get((code, c.kind)) != c.count)
        or (c.count is None and (code, c.kind) not in counted)
    ]


def _merge_places(facts: Iterable[_Facts]) -> list[PlaceMention]:
    places: list[PlaceMention] = []
    seen: set[str] = set()
    named = any(
        p.role in ("incident", "incident-area") and p.feature_hint != "border"
        for f in facts
        for p in f.places
    )
    for f in sorted(facts, key=lambda f: f.sentence.start):
        for p in f.places:
            if p.role not in ("incident", "incident-area"):
                continue
            if p.feature_hint == "border" and named:
                continue
            key = (lx.country_by_word(p.text) or p.text) if p.feature_hint == "border" else p.text
            key = key.lower()
            if key in seen:
                continue
            seen.add(key)
            places.append(p)
    return places


def _fallback_place(facts: list[_Facts], *actors: str | None) -> list[PlaceMention]:
    """A report that names no place happened on its sides' border: point at the first
    mention of the side that was attacked, as a border area of precision 3."""
    for actor in actors:
        if actor is None:
            continue
        for f in facts:
            for m in _scan(_COUNTRY_RX, _COUNTRY_FIRST, f.sentence.text):
                code = lx.country_by_word(m.group("nation"))
                # the side attacked may be its civilians: "Civilians (Pakistan)" is Pakistan's
                if code and code != lx.KARABAKH and lx.actor_country(actor) == code:
                    start = f.sentence.start + m.start("nation")
                    end = f.sentence.start + m.end("nation")
                    return [
                        PlaceMention(m.group("nation"), "incident-area", start, end, "border", 3)
                    ]
    return []


def _event_type(facts: list[_Facts]) -> tuple[str, str]:
    counts: dict[str, int] = {}
    for f in facts:
        for kind, n in f.events.items():
            counts[kind] = counts.get(kind, 0) + n
    if counts.get("execution"):
        return "Violence against civilians", "Attack"
    if counts.get("shelling"):
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    # Air strikes told in passing in a report of ground fighting ("troops answered with
    # artillery and air strikes") do not make the event an air strike; told first, they do.
    first = next((f.events for f in sorted(facts, key=lambda f: f.sentence.start) if f.events), {})
    if counts.get("air") and ("air" in first or counts["air"] > counts.get("clash", 0)):
        return "Explosions/Remote violence", "Air/drone strike"
    if counts.get("explosive") and not counts.get("clash"):
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    killed_or_hurt = any(c.kind != "captured" for f in facts for c, _ in f.casualties)
    if counts.get("arrest", 0) >= max(1, counts.get("clash", 0)) and not killed_or_hurt:
        return "Strategic developments", "Arrests"
    return "Battles", "Armed clash"


def _notes(report: IncidentReport) -> str:
    who = report.claimant or "Reported"
    where = ", ".join(p.text for p in report.places) or "unspecified place"
    parts = [f"{who}: {report.actor1 or 'unknown actor'} -> {report.actor2 or 'unknown'}"]
    parts.append(f"{report.sub_event_type.lower()} at {where}")
    hurt = []
    for c in report.casualties:
        n = (
            "unknown number"
            if c.count is None
            else (f"{c.qualifier} {c.count}" if c.qualifier != "exact" else str(c.count))
        )
        hurt.append(f"{n} {c.kind} ({c.side})")
    if hurt:
        parts.append("; ".join(hurt))
    return "; ".join(parts)


# --- the whole chain ------------------------------------------------------------------------


def extract(
    articles: Iterable[Article],
    gazetteer: Gazetteer | None = None,
    *,
    progress: bool = False,
) -> Incidents:
    """Extract, resolve and link the incidents of many articles.

    Parameters
    ----------
    articles : iterable of Article
        From :func:`geoclash.read_articles`.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`geoclash.Gazetteer.default`.
    progress : bool
        Show a progress bar on stderr.

    Returns
    -------
    Incidents
        Incident places (GeoDataFrame), reports (DataFrame) and the unresolved names.

    Examples
    --------
    >>> import geoclash
    >>> incidents = geoclash.extract(geoclash.read_articles("seeds/"))  # doctest: +SKIP
    """
    from .gazetteer import Gazetteer
    from .incidents import build_incidents
    from .places import resolve_reports

    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    items = list(articles)
    iterator: Iterable[Article] = items
    if progress:
        from tqdm import tqdm

        iterator = tqdm(items, desc="extracting", unit="article", disable=None)
    reports = [r for a in iterator for r in extract_reports(a, gz)]
    resolved = resolve_reports(reports, gz)
    return build_incidents(reports, resolved)
