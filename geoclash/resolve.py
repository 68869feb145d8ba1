"""Turning a place name into a place: candidates, context scoring, :class:`Resolution`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Resolution"]


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
    geometry : shapely.Geometry
    country : str or None
        ISO 3166-1 alpha-2 code.
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
