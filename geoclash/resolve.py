"""Turning a place name into a place: candidates, context scoring, :class:`Resolution`."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, filterfalse
from typing import TYPE_CHECKING, Any

from .errors import InvalidOptionError

if TYPE_CHECKING:
    from .gazetteer import Gazetteer, Place

__all__ = ["Resolution", "candidates", "explain", "is_known", "resolve", "search"]


@dataclass
class Resolution:
    """The place a name was resolved to.

    Coordinates are WGS 84 degrees; ``geometry`` is a shapely geometry in lon/lat order
    (a Point for a town, a (Multi)Polygon for a district/province/region/country, a
    (Multi)LineString for a border section or corridor).

    Attributes
    ----------
    query : str
        The name as asked.
    name : str
        The place's own (English) name.
    latitude, longitude : float
        A representative point (the town itself, or a point inside the area).
    geometry : shapely.Geometry or None
        ``None`` only when asked for without geometry (``resolve(..., geometry=False)``).
    country : str or None
        ISO 3166-1 alpha-2 code; a border carries both sides' codes joined by ``|``
        (``"AM|AZ"``).
    admin1 : str or None
        First-level division (province / marz / rayon) the place lies in.
    feature : str
        One of city, village, district, province, region, country, border, corridor.
    place_id : str
        Gazetteer id ("gn:174895", "ne:AZE-1682", "gc:lachin-corridor").
    geonameid : int or None
    geo_precision : int
        1 town, 2 small district / near a town, 3 large region, border or country.
    confidence : float
        0..1; exact names score above aliases, aliases above folded or fuzzy matches.
    matched : str
        The gazetteer spelling that matched the query.
    match : str
        How it matched: "exact", "alias", "folded", "fuzzy", or "online".
    alternatives : list of Resolution
        Other candidates, best first (without their own alternatives).
    population : int
    raw : dict
        The gazetteer row, for geopy's ``Location.raw``.
    """

    query: str
    name: str
    latitude: float
    longitude: float
    geometry: Any
    country: str | None
    admin1: str | None
    feature: str
    place_id: str
    geonameid: int | None = None
    geo_precision: int = 1
    confidence: float = 1.0
    matched: str = ""
    match: str = "exact"
    alternatives: list[Resolution] = field(default_factory=list)
    population: int = 0
    raw: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

FEATURES = ("city", "village", "district", "province", "region", "country", "border", "corridor")
_TOWN = frozenset({"city", "village"})
_AREA = frozenset({"district", "province", "region"})
_PROVINCE = frozenset({"province", "region"})

# Cue words around a name that say which kind of place is meant.
_CUE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?P<town>city|town|village|settlement)|(?P<district>district|rayon|raion)"
    r"|(?P<area>region)|(?P<province>province|marz|oblast))\s+of\s+",
    re.I,
)
_CUE_SUFFIX = re.compile(
    r"\s+(?:(?P<town>city|town|village|settlement|şəhəri|kəndi)"
    r"|(?P<district>district|rayon|rayonu|raion|municipality)|(?P<area>region)"
    r"|(?P<province>province|marz|oblast)|(?P<corridor>corridor)"
    r"|(?P<border>border(?:\s+section)?))$",
    re.I,
)
_CUE_FEATURES = {
    "town": _TOWN,
    "district": frozenset({"district"}),
    "area": _AREA,
    "province": _PROVINCE,
    "corridor": frozenset({"corridor"}),
    "border": frozenset({"border"}),
}

# Single words that are common English (titles, institutions, function words) and also, by
# accident, names of some village somewhere. Asked alone they are not looked up.
STOPWORDS = frozenset(
    """
    a an and are as at be but by for from has he her his i in is it its of on or our she that
    the their them these they this those to was we were with you
    mr mrs ms dr sir madam president prime minister secretary general colonel major captain
    lieutenant sergeant commander officer ambassador spokesman spokeswoman spokesperson
    chairman speaker governor mayor deputy senator representative envoy king queen prince pope
    union port border peace war army navy ministry defense defence forces force troops soldier
    soldiers military police security service office council committee agency government state
    states republic federation parliament assembly court justice party news press report
    reports media today yesterday tomorrow day night morning evening week month year time
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    north south east west northern southern eastern western central new old great upper lower
    city town village district region province capital center centre home bank school
    hospital church mosque university bridge airport station street road square park market
    ceasefire truce treaty deal talks summit agreement victory liberty independence hope
    friendship progress unity freedom spring summer winter autumn fall
    eu un nato osce csto ussr cis
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_MAX_LENGTH = 200
# control characters, the replacement character and lone surrogates (undecodable bytes that
# reached us through surrogateescape, as command-line arguments do)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd\ud800-\udfff]")

# Score weights (see _score): a place's own name beats someone else's alternate name by more
# than a 10x population difference; cue words and the report's countries outweigh both.
_MATCH_WEIGHT = {"exact": 3.0, "alias": 2.0, "folded": 1.6, "fuzzy": 0.6}
_CONF_BAND = {
    "exact": (0.8, 1.0),
    "alias": (0.65, 0.8),
    "folded": (0.5, 0.65),
    "fuzzy": (0.2, 0.5),
}
# Importance as an equivalent population: areas share names with their towns, and the town
# is what a bare name means ("Lachin"), except for provinces ("Syunik").
_FEATURE_POPULATION = {
    "district": 30,
    "province": 200_000,
    "region": 200_000,
    "country": 1_000_000,
    "border": 1_000,
    "corridor": 1_000,
}


_WORDS = re.compile(r"\w+")

# Least similarity (0..1, Levenshtein on the accent-free, lower-cased spelling) of a fuzzy hit.
_MIN_FUZZY_SIMILARITY = 0.7


@lru_cache(maxsize=1 << 16)
def _plain(name: str) -> str:
    """Lower case without accents: what a fuzzy match is measured on."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Memoised look-ups are dropped wholesale past this many entries, so a long run over millions
# of articles keeps a bounded memory.
_MEMO_LIMIT = 400_000


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------------------------
# Query parsing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Query:
    text: str  # the name as asked, whitespace-normalised
    base: str  # without cue words
    cue: frozenset[str] | None  # features the cue words ask for
    problem: str | None  # why it cannot be looked up at all
    look: str = ""  # what is looked up: the text without a leading "the"


def _parse(name: object) -> _Query:
    if isinstance(name, str) and len(name) <= _MAX_LENGTH:
        return _parse_cached(name)
    return _parse_uncached(name)


@lru_cache(maxsize=1 << 16)
def _parse_cached(name: str) -> _Query:
    return _parse_uncached(name)


def _parse_uncached(name: object) -> _Query:
    if not isinstance(name, str):
        return _Query("", "", None, f"a place name must be text, not {type(name).__name__}")
    text = " ".join(name.split())
    if not text:
        return _Query(text, text, None, "the name is empty")
    if len(text) > _MAX_LENGTH:
        return _Query(
            text[:40],
            "",
            None,
            f"the name is {len(text)} characters long; the limit is {_MAX_LENGTH}",
        )
    if _CONTROL.search(text):
        return _Query(text, "", None, "the name contains control characters or undecodable bytes")
    from .gazetteer import fold

    if not fold(text):
        return _Query(text, "", None, "the name has no letters or digits")
    look = text
    if look.lower().startswith("the ") and len(look) > 4:
        look = look[4:]  # "the Lachin corridor" is looked up as "Lachin corridor"
    base, cue = look, None
    m = _CUE_PREFIX.match(base)
    if m:
        cue = _CUE_FEATURES[next(k for k, v in m.groupdict().items() if v)]
        base = base[m.end() :]
    m = _CUE_SUFFIX.search(base)
    if m and m.start() > 0:
        cue = _CUE_FEATURES[next(k for k, v in m.groupdict().items() if v)]
        base = base[: m.start()]
    if " " not in text and text.casefold() in STOPWORDS:
        return _Query(
            text,
            base,
            cue,
            f"{text!r} is a common English word or acronym, not looked up as a place name",
        )
    return _Query(text, base, cue, None, look)


# --------------------------------------------------------------------------------------------
# Candidates and scores
# --------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    place: Place
    match: str
    matched: str
    similarity: float = 1.0
    score: float = 0.0
    ambiguous: bool = False


def _kind_match(query: str, place: Place, kind: int, spellings: str) -> tuple[str, str]:
    """How a folded hit matched: ``("exact"|"alias"|"folded", matched spelling)``."""
    q = query.casefold()
    names = spellings.split("\x1f") if spellings else [place.name]
    for s in names:
        if s.casefold() == q:
            return ("exact" if kind == 0 else "alias"), s
    return "folded", names[0]


def _plausible(place: Place, countries: frozenset[str]) -> bool:
    return place.curated or _in_countries(place, countries)


def _in_countries(place: Place, countries: frozenset[str]) -> bool:
    if not countries or not place.country:
        return False
    if "|" in place.country:
        return any(c in countries for c in place.country.split("|"))
    return place.country in countries


def _max_edits(key: str) -> int:
    n = len(key)
    return 1 if n <= 5 else 2 if n <= 12 else 3


class _KeyGroup:
    """One set of keys fuzzy matching may reach, grouped by script class and length so a query
    is compared only with keys that could be close enough."""

    def __init__(self, keys: Iterable[str]) -> None:
        # folded keys are ASCII when the name was Latin script; an ASCII query is compared
        # with those only (Armenian and Cyrillic spellings cannot be a few edits away)
        self.by_len: dict[tuple[bool, int], list[str]] = {}
        # A country holds tens of thousands of keys, grouped once per process on the first
        # fuzzy query: filter and a stable sort by length run in C (a Python loop over the
        # keys cost more than all the queries); each length's keys keep their order.
        keys = list(keys)
        for ascii_, group in (
            (True, list(filter(str.isascii, keys))),
            (False, list(filterfalse(str.isascii, keys))),
        ):
            group.sort(key=len)
            lengths = list(map(len, group))
            i = 0
            while i < len(group):
                j = bisect_right(lengths, lengths[i], i)
                self.by_len[(ascii_, lengths[i])] = group[i:j]
                i = j


class _FuzzyPool:
    """Keys fuzzy matching may reach: the curated region plus the named countries' places.

    The groups (curated, then one per country) are built once per gazetteer and shared by
    every combination of countries an article names.
    """

    def __init__(self, groups: list[_KeyGroup], countries: list[str]) -> None:
        self.groups = groups
        self.countries = countries
        self._near: dict[tuple[bool, int, int], list[str]] = {}

    def near(self, key: str, edits: int) -> list[str]:
        """Keys whose length is within ``edits`` of the key's, in the key's script class."""
        ascii_, n = key.isascii(), len(key)
        hit = self._near.get((ascii_, n, edits))
        if hit is None:
            # chained in C: a generator yielding each key cost more than the fuzzy scoring
            hit = list(
                dict.fromkeys(
                    chain.from_iterable(
                        g.by_len.get((ascii_, m), ())
                        for m in range(n - edits, n + edits + 1)
                        for g in self.groups
                    )
                )
            )
            self._near[(ascii_, n, edits)] = hit
        return hit


def _key_group(gz: Gazetteer, name: str) -> _KeyGroup:
    groups = gz._fuzzy_groups
    group = groups.get(name)
    if group is None:
        keys = gz.keys if name == "" else gz.country_keys(name)
        group = groups[name] = _KeyGroup(keys)
    return group


def _fuzzy_pool(gz: Gazetteer, countries: frozenset[str]) -> _FuzzyPool:
    pools = gz._fuzzy_pools
    ckey = tuple(sorted(c for c in countries if c))
    pool = pools.get(ckey)
    if pool is None:
        curated_ccs = gz.curated_countries()
        wanted = [c for c in ckey if c not in curated_ccs]
        groups = [_key_group(gz, "")] + [_key_group(gz, c) for c in wanted]
        pool = _FuzzyPool(groups, wanted)
        pools[ckey] = pool
    return pool


def _fuzzy(gz: Gazetteer, key: str, countries: frozenset[str]) -> list[tuple[str, int]]:
    """``(key, edits)`` of keys within a few edits of ``key`` in the plausible pool."""
    memo_key = ("~", key, tuple(sorted(countries)))
    memo = gz._lookup_memo
    hit = memo.get(memo_key)
    if hit is not None:
        return hit
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    limit = _max_edits(key)
    choices = _fuzzy_pool(gz, countries).near(key, limit)
    found = process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=50)
    out = [(k, int(d)) for k, d, _ in found if d > 0]
    _remember(memo, memo_key, out)
    return out


def _gather(gz: Gazetteer, q: _Query, countries: frozenset[str]) -> list[_Candidate]:
    from .gazetteer import fold

    out: list[_Candidate] = []
    seen_keys: set[str] = set()
    for text in dict.fromkeys((q.look or q.text, q.base)):
        if not text:
            continue
        key = fold(text)
        if not key or key in seen_keys:
            continue
        seen_keys.add(key)
        for place, kind, spellings in gz.lookup(key):
            match, matched = _kind_match(text, place, kind, spellings)
            out.append(
                _Candidate(place, match, matched, ambiguous=(key, place.place_id) in gz.ambiguous)
            )
    if not any(c.match != "folded" and _plausible(c.place, countries) for c in out):
        key = fold(q.base or q.look)
        if len(key) >= 3:
            from rapidfuzz.distance import Levenshtein

            # rank fuzzy hits by the spelling as written too: "Sok" is one letter from
            # "Sotk" but two from "Snog", though both fold one edit away; and drop hits
            # whose spelling is far from what was written ("explode" is not "Akhnoda")
            asked = _plain(q.base or q.look)
            asked_tokens = _WORDS.findall(asked)

            def close_tokens(spelling: str) -> bool:
                # every word asked must be near a word of the spelling: "Lake Sevan" is not
                # "Lake Sev", however alike the whole strings look
                words = _WORDS.findall(spelling)
                return all(
                    any(
                        Levenshtein.distance(t, w, score_cutoff=1 if len(t) <= 5 else 2)
                        <= (1 if len(t) <= 5 else 2)
                        for w in words
                    )
                    for t in asked_tokens
                )

            def similarity(spellings: str) -> tuple[float, str]:
                scored = []
                for sp in spellings.split("\x1f"):
                    plain = _plain(sp)
                    sim = Levenshtein.normalized_similarity(asked, plain)
                    scored.append((sim if close_tokens(plain) else 0.0, sp))
                return max(scored)

            pool = _fuzzy_pool(gz, countries)
            for other, _edits in _fuzzy(gz, key, countries):
                for i, _kind, spellings in gz.keys.get(other, ()):
                    sim, sp = similarity(spellings)
                    if sim >= _MIN_FUZZY_SIMILARITY:
                        out.append(_Candidate(gz.places[i], "fuzzy", sp, sim))
                for place in gz.country_places(other, pool.countries) if pool.countries else ():
                    sim, sp = similarity(place.name)
                    if sim >= _MIN_FUZZY_SIMILARITY:
                        out.append(_Candidate(place, "fuzzy", sp, sim))
    return out


def _anchors(gz: Gazetteer, context: tuple[str, ...], ckey: tuple[str, ...]) -> tuple[Place, ...]:
    """The places of the report's other names (each resolved on its own, memoised)."""
    memo = gz._lookup_memo
    memo_key = ("@", context, ckey)
    hit = memo.get(memo_key)
    if hit is None:
        anchors: list[Place] = []
        for name in context:
            ranked = _rank(gz, _parse(name), (), ckey, None)
            if ranked:
                anchors.append(ranked[0][1][0])
        hit = tuple(anchors)
        _remember(memo, memo_key, hit)
    return hit


@lru_cache(maxsize=4096)
def _countries(countries: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Country codes as a set and as a sorted tuple (a memo key)."""
    norm = frozenset(c.strip().upper() for c in countries if c and c.strip())
    return norm, tuple(sorted(norm))


def _score(c: _Candidate, cue: frozenset[str] | None, countries: frozenset[str]) -> float:
    """The part of a candidate's score that does not depend on the report's other places."""
    p = c.place
    s = _MATCH_WEIGHT[c.match]
    if c.match == "alias" and p.curated:
        s += 0.5  # curated aliases were checked by hand (GeoNames' world list was not)
    if c.match == "fuzzy":
        s += 2.0 * (c.similarity - 1.0)
    pop = _FEATURE_POPULATION.get(p.feature, 0) or max(p.population, 100)
    s += 0.5 * math.log10(pop + 1)
    if p.curated:
        # the region's own places first; less for its areas, so the world's big cities still
        # beat a same-named province at the edge of the region (Tehran)
        s += 1.0 if p.feature in _TOWN else 0.5
    if countries:
        if _in_countries(p, countries):
            s += 1.5
        elif not p.curated:
            s -= 1.0  # the report is about other countries than this far-away place's
    if cue is not None:
        s += 3.0 if p.feature in cue else -3.0
    if c.ambiguous:
        s -= 0.5
    return s


def _proximity(place: Place, anchors: tuple[Place, ...]) -> float:
    """Score for being near the report's other places: +2.5 on top, -2 beyond 1500 km."""
    d = min(
        _haversine_km(place.latitude, place.longitude, a.latitude, a.longitude) for a in anchors
    )
    return 2.5 * math.exp(-d / 60.0) - (2.0 if d > 1500.0 else 0.0)


def _first_desc(t: tuple[float, Any]) -> float:
    return -t[0]


# (place, match, matched spelling, similarity, score without context)
_Static = tuple["Place", str, str, float, float]


def _static_candidates(
    gz: Gazetteer, q: _Query, countries: frozenset[str], ckey: tuple[str, ...], feature: str | None
) -> tuple[_Static, ...]:
    """Candidates with their context-free scores, best first (memoised per query)."""
    memo = gz._lookup_memo
    memo_key = ("$", q.text, ckey, feature)
    hit = memo.get(memo_key)
    if hit is not None:
        return hit
    cands = _gather(gz, q, countries)
    if feature is not None:
        cands = [c for c in cands if c.place.feature == feature]
    best: dict[str, _Candidate] = {}
    for c in cands:
        c.score = _score(c, q.cue, countries)
        prev = best.get(c.place.place_id)
        if prev is None or c.score > prev.score:
            best[c.place.place_id] = c
    ordered = sorted(best.values(), key=lambda c: -c.score)
    out = tuple((c.place, c.match, c.matched, c.similarity, c.score) for c in ordered)
    _remember(memo, memo_key, out)
    return out


def _rank(
    gz: Gazetteer,
    q: _Query,
    context: Sequence[str],
    countries: Sequence[str],
    feature: str | None,
) -> list[tuple[float, _Static]]:
    """``(score, candidate)`` best first; empty when nothing plausible matches."""
    if q.problem is not None:
        return []
    cset, ckey = _countries(tuple(countries))
    static = _static_candidates(gz, q, cset, ckey, feature)
    if not static:
        return []
    if context:
        ctx = tuple(context)
        anchors = _anchors(gz, ctx, ckey)
    else:
        anchors = ()
    if anchors:
        # per-place proximity bonuses for this set of report places, filled as needed
        memo = gz._lookup_memo
        near = memo.get(("d", ctx, ckey))
        if near is None:
            near = {}
            _remember(memo, ("d", ctx, ckey), near)
        scored = []
        for c in static:
            bonus = near.get(c[0].place_id)
            if bonus is None:
                bonus = near[c[0].place_id] = _proximity(c[0], anchors)
            scored.append((c[4] + bonus, c))
        ranked = sorted(scored, key=_first_desc)
    else:
        ranked = [(c[4], c) for c in static]
    if ranked[0][1][1] == "fuzzy":
        # a fuzzy guess needs support: in the named countries, or in the curated region when
        # the article is about it. "Saravan" in a report on Pakistan is not Yerevan (alias
        # "Iravan"), however populous; the exact-but-for-accents "Sarāvān" is kept instead.
        region = _touches_region(gz, cset)
        kept = [
            t
            for t in ranked
            if (
                _in_countries(t[1][0], cset) or (region and t[1][0].curated)
                if t[1][1] == "fuzzy"
                # "meet in Paris": a city of millions by its own name is no misspelling of a
                # village near the report's other places ("Paros")
                else _plausible(t[1][0], cset)
                or (t[1][1] == "exact" and t[1][0].population >= _METROPOLIS)
            )
        ]
        if any(t[1][1] == "exact" and t[1][0].population >= _METROPOLIS for t in kept):
            kept = [t for t in kept if t[1][1] != "fuzzy"]
        ranked = kept or [t for t in ranked if t[1][1] != "fuzzy"]
    return ranked


_METROPOLIS = 1_000_000


def _touches_region(gz: Gazetteer, countries: frozenset[str]) -> bool:
    """Whether the curated region is the article's: no country named, or one of them in it."""
    if not countries:
        return True
    curated = {c for code in gz.curated_countries() for c in code.split("|")}
    return not countries.isdisjoint(curated)


def _confidence(ranked: list[tuple[float, _Static]], i: int) -> float:
    score, (_, match, _, similarity, _) = ranked[i]
    lo, hi = _CONF_BAND[match]
    if len(ranked) == 1:
        margin = 3.0
    elif i == 0:
        margin = score - ranked[1][0]
    else:
        margin = score - ranked[0][0]
    frac = min(1.0, max(0.0, margin / 3.0))
    if match == "fuzzy":
        frac *= similarity
    return round(lo + (hi - lo - 0.01) * frac, 3)


# --------------------------------------------------------------------------------------------
# Public functions (Gazetteer methods delegate here)
# --------------------------------------------------------------------------------------------


def to_resolution(
    gz: Gazetteer,
    place: Place,
    query: str,
    *,
    match: str = "exact",
    matched: str = "",
    confidence: float = 1.0,
    alternatives: list[Resolution] | None = None,
    geometry: bool = True,
) -> Resolution:
    """A :class:`Resolution` for a gazetteer place (``geometry=None`` unless ``geometry``)."""
    row = gz._rows.get(place.place_id)
    if row is None or (geometry and row[1] is None):
        shape = gz.geometry(place) if geometry else None
        row = gz._rows[place.place_id] = (place.row(), shape)
    raw = dict(row[0])
    matched = matched or place.name
    raw["match"] = match
    raw["matched"] = matched
    raw["confidence"] = confidence
    return Resolution(
        query,
        place.name,
        place.latitude,
        place.longitude,
        row[1],
        place.country,
        place.admin1,
        place.feature,
        place.place_id,
        place.geonameid,
        raw["geo_precision"],
        confidence,
        matched,
        match,
        alternatives if alternatives is not None else [],
        place.population,
        raw,
    )


def _check_feature(feature: str | None) -> None:
    if feature is not None and feature not in FEATURES:
        raise InvalidOptionError(
            f"unknown feature {feature!r}; choose one of: {', '.join(FEATURES)}"
        )


def candidates(
    gz: Gazetteer,
    name: str,
    context: Sequence[str] = (),
    countries: Sequence[str] = (),
    feature: str | None = None,
    limit: int = 10,
    geometry: bool = True,
) -> list[Resolution]:
    """Ranked candidate places for ``name`` (see :meth:`Gazetteer.resolve` for the options).

    Returns
    -------
    list of Resolution
        Best first, at most ``limit``; empty when nothing plausible matches.
    """
    _check_feature(feature)
    if isinstance(countries, str):
        countries = [countries]
    if isinstance(context, str):
        context = [context]
    q = _parse(name)
    ranked = _rank(gz, q, context, countries, feature)[: max(limit, 0)]
    return [
        to_resolution(
            gz,
            c[0],
            q.text,
            match=c[1],
            matched=c[2],
            confidence=_confidence(ranked, i),
            geometry=geometry,
        )
        for i, (_, c) in enumerate(ranked)
    ]


def resolve(
    gz: Gazetteer,
    name: str,
    context: Sequence[str] = (),
    countries: Sequence[str] = (),
    feature: str | None = None,
    alternatives: int = 3,
    geometry: bool = True,
) -> Resolution | None:
    """The best place for ``name``, with up to ``alternatives`` runners-up, or ``None``."""
    found = candidates(
        gz,
        name,
        context=context,
        countries=countries,
        feature=feature,
        limit=alternatives + 1,
        geometry=geometry,
    )
    if not found:
        return None
    best = found[0]
    best.alternatives = found[1:]
    return best


def explain(
    gz: Gazetteer,
    name: str,
    context: Sequence[str] = (),
    countries: Sequence[str] = (),
    feature: str | None = None,
) -> str | None:
    """Why ``name`` does not resolve, as one sentence; ``None`` when it does."""
    _check_feature(feature)
    q = _parse(name)
    if q.problem is not None:
        return q.problem
    if isinstance(countries, str):
        countries = [countries]
    if _rank(gz, q, context, countries, feature):
        return None
    from .gazetteer import fold

    key = fold(q.base or q.text)
    if feature is not None and _rank(gz, q, context, countries, None):
        return f"no {feature} is named {q.text!r} (other kinds of place are)"
    cset, ckey = _countries(tuple(countries))
    named = ", ".join(sorted(cset))
    near = [c for c in _static_candidates(gz, q, cset, ckey, feature) if c[1] == "fuzzy"]
    if near:
        return (
            f"{q.text!r} only resembles {near[0][0].name} ({near[0][0].country}), outside "
            f"the countries named ({named})"
        )
    where = named if cset and not _touches_region(gz, cset) else "the region"
    if cset and where != named:
        where += f" or {named}"
    return (
        f"no place is named {q.text!r} (folded {key!r}), and no name in {where} is within "
        f"{_max_edits(key)} edit(s) of it"
    )


def is_known(gz: Gazetteer, name: str) -> bool:
    """Whether ``name`` is a place by exact, alias or folded spelling (no fuzzy matching)."""
    q = _parse(name)
    if q.problem is not None:
        return False
    from .gazetteer import fold

    return any(gz.has_key(fold(t)) for t in (q.look, q.base) if t)


def nearest(
    gz: Gazetteer, latitude: float, longitude: float, max_km: float = 25.0, limit: int = 5
) -> list[Resolution]:
    """Towns and villages within ``max_km`` of a point (WGS 84), closest first.

    Confidence falls from 1 at the point to 0 at ``max_km``; ``raw["distance_km"]`` holds the
    great-circle distance.
    """
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0) or max_km <= 0:
        return []
    lat_span = int(max_km // 111.0) + 1
    cos = max(math.cos(math.radians(min(abs(latitude) + lat_span, 89.9))), 1e-6)
    lon_span = min(int(max_km // (111.32 * cos)) + 1, 180)
    lat0, lon0 = math.floor(latitude), math.floor(longitude)
    cells = {
        (lat0 + dlat, (lon0 + dlon + 180) % 360 - 180)
        for dlat in range(-lat_span, lat_span + 1)
        for dlon in range(-lon_span, lon_span + 1)
    }
    found: list[tuple[float, Place]] = []
    for cell in cells:
        for place in gz.grid_cell(*cell):
            d = _haversine_km(latitude, longitude, place.latitude, place.longitude)
            if d <= max_km:
                found.append((d, place))
    found.sort(key=lambda t: (t[0], -t[1].population))
    out = []
    for d, place in found[: max(limit, 0)]:
        res = to_resolution(
            gz,
            place,
            f"{latitude:.5f}, {longitude:.5f}",
            match="nearest",
            confidence=round(max(0.0, 1.0 - d / max_km), 3),
        )
        res.raw["distance_km"] = round(d, 3)
        out.append(res)
    return out


def search(gz: Gazetteer, text: str, limit: int = 20) -> list[Resolution]:
    """Places whose folded names start with ``text``, then fuzzy matches in the region.

    Ordered by how the name matched, then by importance (population, feature).
    """
    q = _parse(text)
    if q.problem is not None and not q.base:
        return []
    from .gazetteer import fold

    key = fold(q.base or q.text)
    if not key:
        return []
    found: dict[str, tuple[float, Resolution]] = {}
    for rank, k in enumerate(gz.prefix_keys(key, limit=max(limit * 3, 30))):
        for place, kind, spellings in gz.lookup(k):
            if place.place_id in found:
                continue
            match, matched = _kind_match(q.text, place, kind, spellings)
            if k != key:
                match = "prefix"
            score = -rank + (2 if place.curated else 0) + 0.3 * math.log10(place.population + 1)
            score += (2.0 if kind == 0 else 0.0) + (1.0 if match != "folded" else 0.0)
            res = to_resolution(gz, place, q.text, match=match, matched=matched)
            found[place.place_id] = (score, res)
    if len(found) < limit and len(key) >= 3:
        for other, edits in _fuzzy(gz, key, frozenset()):
            for i, _kind, spellings in gz.keys.get(other, ()):
                place = gz.places[i]
                if place.place_id not in found:
                    res = to_resolution(
                        gz, place, q.text, match="fuzzy", matched=spellings.split("\x1f")[0]
                    )
                    found[place.place_id] = (-100.0 - edits, res)
    ordered = sorted(found.values(), key=lambda t: -t[0])
    return [r for _, r in ordered[:limit]]
