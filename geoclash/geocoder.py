"""The gazetteer as a geopy geocoder, and an opt-in online fallback with a disk cache.

:class:`GazetteerGeocoder` keeps geopy's contract: ``geocode(query, exactly_one=True)``
returns a :class:`geopy.location.Location` (address, ``(lat, lon)`` in WGS 84, and the gazetteer
row in ``.raw``), a list when ``exactly_one=False``, and ``None`` -- never ``[]`` -- when nothing
matches. So it drops into ``geopandas.tools.geocode(names, provider=GazetteerGeocoder)`` (which
instantiates the class itself) and into :class:`geopy.extra.rate_limiter.RateLimiter`.

:class:`FallbackGeocoder` asks an online geopy geocoder (Nominatim by default) only for the
names the gazetteer lacks, remembers every answer (negative ones too) in a SQLite file, and
spaces its requests with geopy's ``RateLimiter``. It is never used unless constructed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from . import __version__
from .errors import GeocoderError

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .resolve import Resolution

__all__ = ["FallbackGeocoder", "GazetteerGeocoder"]

_USER_AGENT = f"geoclash/{__version__}"


def _location(res: Resolution, country_names: dict[str, str]) -> Location:
    parts = [res.name]
    if res.admin1 and res.admin1 != res.name:
        parts.append(res.admin1)
    if res.country:
        parts.append(
            " / ".join(country_names.get(c, c) for c in res.country.split("|"))
            if res.feature != "country"
            else ""
        )
    address = ", ".join(p for p in parts if p)
    raw = dict(res.raw)
    raw["query"] = res.query
    raw["alternatives"] = [
        {"name": a.name, "country": a.country, "latitude": a.latitude, "longitude": a.longitude}
        for a in res.alternatives
    ]
    return Location(address, (res.latitude, res.longitude), raw)


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the shipped gazetteer (no network, ever).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to ask; :meth:`Gazetteer.default` when omitted.
    countries : sequence of str, optional
        Default ISO 3166-1 alpha-2 codes to prefer (per-call ``countries`` overrides).
    context : sequence of str, optional
        Default names of other places of the same report (per-call ``context`` overrides).
    min_confidence : float
        Answers below this confidence (0..1) count as no answer.
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (``timeout``, ``user_agent``, ...);
        accepted for compatibility, unused offline.

    Examples
    --------
    >>> geocoder = GazetteerGeocoder()
    >>> location = geocoder.geocode("Goris")
    >>> round(location.latitude, 2), round(location.longitude, 2)
    (39.51, 46.34)
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        countries: Sequence[str] | None = None,
        context: Sequence[str] | None = None,
        min_confidence: float = 0.0,
        user_agent: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(user_agent=user_agent or _USER_AGENT, **kwargs)
        self._gazetteer = gazetteer
        self.countries = list(countries or ())
        self.context = list(context or ())
        self.min_confidence = float(min_confidence)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer answering the queries (loaded on first use)."""
        if self._gazetteer is None:
            from .gazetteer import Gazetteer

            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    def _country_names(self) -> dict[str, str]:
        return self.gazetteer.country_names()

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        countries: Sequence[str] | None = None,
        context: Sequence[str] | None = None,
        feature: str | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Look a place name up in the gazetteer.

        Parameters
        ----------
        query : str
            The place name ("Kelbajar district", "Qəlbəcər").
        exactly_one : bool
            Return the best :class:`~geopy.location.Location` (``True``) or a ranked list.
        timeout
            Accepted for geopy compatibility; an offline look-up does not wait.
        countries, context : sequence of str, optional
            Preferred countries (ISO alpha-2) and other places of the same report.
        feature : str, optional
            Insist on a feature (city, village, district, province, region, country,
            border, corridor).
        limit : int, optional
            Most answers when ``exactly_one=False`` (10 by default).

        Returns
        -------
        Location, list of Location, or None
            ``None`` (never ``[]``) when nothing matches. ``Location.raw`` holds the gazetteer
            row: place_id, geonameid, feature, admin1, country, population, geo_precision,
            match, matched (the spelling that matched) and confidence.
        """
        del timeout  # nothing to wait for
        if not isinstance(query, str):
            return None
        gz = self.gazetteer
        found = gz.candidates(
            query,
            context=list(context) if context is not None else self.context,
            countries=list(countries) if countries is not None else self.countries,
            feature=feature,
            limit=1 + 3 if exactly_one else (limit or 10),
        )
        found = [r for r in found if r.confidence >= self.min_confidence]
        if not found:
            return None
        names = self._country_names()
        if exactly_one:
            best = found[0]
            best.alternatives = found[1:]
            return _location(best, names)
        return [_location(r, names) for r in found]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        max_km: float = 25.0,
    ) -> Location | list[Location] | None:
        """The town or village nearest a point.

        Parameters
        ----------
        query : geopy.point.Point, (lat, lon) tuple or "lat, lon" string
            WGS 84 degrees, latitude first (geopy's convention).
        exactly_one : bool
            The nearest place, or up to ten nearest as a list.
        timeout
            Accepted for geopy compatibility.
        max_km : float
            Farthest distance to look, in kilometres.

        Returns
        -------
        Location, list of Location, or None
            ``None`` when no town or village lies within ``max_km``; ``raw["distance_km"]``
            holds the distance.
        """
        del timeout
        return _reverse(self, query, exactly_one, max_km)


def _reverse(
    geocoder: GazetteerGeocoder, query: Any, exactly_one: bool, max_km: float
) -> Location | list[Location] | None:
    from geopy.point import Point

    try:
        with warnings.catch_warnings():  # geopy warns before refusing a latitude beyond 90
            warnings.simplefilter("ignore")
            point = Point(query)
    except (TypeError, ValueError):
        return None
    found = geocoder.gazetteer.nearest(
        point.latitude, point.longitude, max_km=max_km, limit=1 if exactly_one else 10
    )
    if not found:
        return None
    names = geocoder.gazetteer.country_names()
    locations = [_location(r, names) for r in found]
    return locations[0] if exactly_one else locations


def _default_cache_path() -> Path:
    from .gazetteer import cache_dir

    return cache_dir() / "online-geocode.sqlite"


class FallbackGeocoder(Geocoder):
    """The gazetteer first; an online geopy geocoder only for names it lacks.

    Online answers -- including "nothing found" -- are cached in a SQLite file keyed by the
    online geocoder and the query, so a name is sent at most once. Requests are spaced by
    geopy's :class:`~geopy.extra.rate_limiter.RateLimiter` (Nominatim's policy asks for at
    most one per second) and geopy's errors come out as :class:`GeocoderError`.

    Parameters
    ----------
    offline : geopy Geocoder, optional
        Asked first; a :class:`GazetteerGeocoder` by default.
    online : geopy Geocoder, optional
        Asked for the rest; ``geopy.geocoders.Nominatim(user_agent="geoclash/<version>")``
        by default (which sends the names to nominatim.openstreetmap.org).
    cache_path : path, optional
        SQLite file for the online answers; ``<cache dir>/online-geocode.sqlite`` by default
        (``$GEOCLASH_CACHE_DIR`` or the platform's user cache folder).
    min_delay_seconds : float
        Least time between two online requests.
    max_retries : int
        Retries of an online request after a service error.
    error_wait_seconds : float
        Wait before such a retry (at least ``min_delay_seconds``).
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder`.
    """

    def __init__(
        self,
        offline: Geocoder | None = None,
        online: Geocoder | None = None,
        *,
        cache_path: str | os.PathLike[str] | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        user_agent: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(user_agent=user_agent or _USER_AGENT, **kwargs)
        from geopy.extra.rate_limiter import RateLimiter

        self.offline = offline if offline is not None else GazetteerGeocoder()
        if online is None:
            from geopy.geocoders import Nominatim

            online = Nominatim(user_agent=user_agent or _USER_AGENT)
        self.online = online
        self.cache_path = Path(cache_path) if cache_path is not None else _default_cache_path()
        self._rate_limited = RateLimiter(
            online.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
            swallow_exceptions=False,
        )
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.online_requests = 0  # how many queries went to the online geocoder

    # -- the cache -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.cache_path, check_same_thread=False)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answers (provider TEXT, query TEXT, "
                    "answer TEXT, PRIMARY KEY (provider, query))"
                )
                db.commit()
            except sqlite3.Error as err:
                raise GeocoderError(
                    f"cannot open the geocoder cache {self.cache_path}: {err}; pass another "
                    "cache_path or delete the file"
                ) from err
            self._db = db
        return self._db

    def _provider(self) -> str:
        online = self.online
        domain = getattr(online, "domain", "")
        return f"{type(online).__name__}:{domain}"

    def _cached(self, query: str) -> list[dict[str, Any]] | None:
        with self._lock:
            row = (
                self._connect()
                .execute(
                    "SELECT answer FROM answers WHERE provider = ? AND query = ?",
                    (self._provider(), query),
                )
                .fetchone()
            )
        if row is None:
            return None
        try:
            answer = json.loads(row[0])
        except ValueError:  # a damaged entry is asked again
            return None
        return answer if isinstance(answer, list) else None

    def _store(self, query: str, answer: list[dict[str, Any]]) -> None:
        with self._lock:
            db = self._connect()
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                (self._provider(), query, json.dumps(answer, ensure_ascii=False, default=str)),
            )
            db.commit()

    def close(self) -> None:
        """Close the cache database."""
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- geocoding -------------------------------------------------------------------------

    def _ask_online(self, query: str, timeout: Any) -> list[dict[str, Any]]:
        from geopy.exc import GeopyError

        self.online_requests += 1
        try:
            found = self._rate_limited(query, exactly_one=False, timeout=timeout)
        except GeopyError as err:
            raise GeocoderError(
                f"online geocoder {type(self.online).__name__} failed for {query!r}: {err}"
            ) from err
        if not found:
            return []
        if isinstance(found, Location):
            found = [found]
        return [
            {
                "address": loc.address,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "raw": loc.raw,
            }
            for loc in found
        ]

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        countries: Sequence[str] | None = None,
        context: Sequence[str] | None = None,
    ) -> Location | list[Location] | None:
        """The gazetteer's answer, else the (cached) online geocoder's.

        Parameters
        ----------
        query : str
            The place name.
        exactly_one : bool
            One :class:`~geopy.location.Location` or a list.
        timeout
            Passed to the online geocoder.
        countries, context : sequence of str, optional
            Passed to the offline geocoder.

        Returns
        -------
        Location, list of Location, or None
            ``None`` (never ``[]``) when neither knows the name. Online answers carry
            ``raw["match"] == "online"`` and the provider's record in ``raw["provider_raw"]``.

        Raises
        ------
        GeocoderError
            When the online geocoder fails (network, quota, bad answer) after its retries.
        """
        kwargs: dict[str, Any] = {"exactly_one": exactly_one}
        if isinstance(self.offline, GazetteerGeocoder):
            kwargs.update(countries=countries, context=context)
        offline = self.offline.geocode(query, **kwargs)
        if offline:
            return offline
        if not isinstance(query, str) or not query.strip():
            return None
        key = " ".join(query.split()).casefold()
        answer = self._cached(key)
        if answer is None:
            answer = self._ask_online(query, timeout)
            self._store(key, answer)
        if not answer:
            return None
        locations = [
            Location(
                a["address"],
                (a["latitude"], a["longitude"]),
                {"match": "online", "query": query, "provider_raw": a["raw"]},
            )
            for a in answer
        ]
        return locations[0] if exactly_one else locations
