"""Consistency checks over the shipped gazetteer (``geoclash gazetteer check``).

The checks read only the shipped files (``places.tsv``, ``aliases.tsv``, ``areas.geojson``,
``boundaries/countries.geojson``, ``boundaries/admin1.geojson``) so they run the same in a
checkout, in CI and in an installed wheel.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._data import gazetteer_dir
from .errors import GazetteerDataError

__all__ = ["FEATURES", "Problem", "check_gazetteer", "known_exceptions"]

FEATURES = frozenset(
    ("city", "village", "district", "province", "region", "country", "border", "corridor")
)
POINT_FEATURES = frozenset(("city", "village"))
#: Degrees a point may lie outside its country polygon (border towns, 1:10m coastlines).
COUNTRY_TOLERANCE = 0.03
#: Degrees a point may lie outside its admin-1 polygon (the old admin-1 layer is coarse).
ADMIN1_TOLERANCE = 0.05
#: The region the boundary layers are clipped to (lon_min, lat_min, lon_max, lat_max).
BBOX = (38.0, 36.0, 52.0, 44.0)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the gazetteer.

    Attributes
    ----------
    place_id : str
        The place (or, for alias problems, the alias's target) concerned.
    kind : str
        Short machine-readable tag: ``duplicate-id``, ``bad-feature``, ``bad-coordinate``,
        ``bad-number``, ``outside-country``, ``outside-admin1``, ``unknown-admin1``,
        ``unknown-country``, ``missing-geometry``, ``orphan-geometry``, ``alias-target``,
        ``alias-ambiguous-flag``, ``stale-exception``.
    message : str
        What is wrong, in words.
    """

    place_id: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.place_id}\t{self.kind}\t{self.message}"


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise GazetteerDataError(
            f"gazetteer file {path} is missing; rebuild with: python scripts/build_gazetteer.py"
        )
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_features(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise GazetteerDataError(
            f"gazetteer file {path} is missing; rebuild with: python scripts/build_gazetteer.py"
        )
    try:
        features: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError) as err:
        raise GazetteerDataError(f"{path} is not a GeoJSON FeatureCollection: {err}") from err
    return features


def known_exceptions(path: str | Path | None = None) -> dict[tuple[str, str], str]:
    """The documented allow-list: ``{(place_id, kind): reason}``.

    Read from ``curated/check_exceptions.tsv`` next to the data; empty when absent (an
    installed wheel still carries it, since ``curated/`` ships with the data).
    """
    folder = Path(path) if path is not None else gazetteer_dir()
    table = folder / "curated" / "check_exceptions.tsv"
    if not table.is_file():
        return {}
    return {(r["place_id"], r["kind"]): r["reason"] for r in _read_tsv(table)}


def check_gazetteer(path: str | Path | None = None) -> list[Problem]:
    """Check the gazetteer in ``path`` (default: the shipped one) and list what is wrong.

    Checks: place ids are unique; features are in :data:`FEATURES`; coordinates are numbers
    in range; each point lies in its stated country polygon (within
    :data:`COUNTRY_TOLERANCE` degrees; only places inside the clipped region are checked) and
    in its stated admin-1 polygon (within :data:`ADMIN1_TOLERANCE`); every alias names an
    existing place and carries the right ambiguity flag; every area, border and corridor
    has a geometry in ``areas.geojson`` and every geometry belongs to a place. Cases listed
    in ``curated/check_exceptions.tsv`` (with a reason each) are not reported.

    Parameters
    ----------
    path : str or Path, optional
        Folder holding ``places.tsv`` and friends.

    Returns
    -------
    list of Problem
        Sorted; empty when the data is clean.

    Raises
    ------
    GazetteerDataError
        When a file is missing or unreadable.
    """
    from shapely import contains_xy, prepare
    from shapely.geometry import Point, shape

    folder = Path(path) if path is not None else gazetteer_dir()
    places = _read_tsv(folder / "places.tsv")
    aliases = _read_tsv(folder / "aliases.tsv")
    areas = _read_features(folder / "areas.geojson")
    countries = {
        f["properties"]["iso_a2"]: shape(f["geometry"])
        for f in _read_features(folder / "boundaries" / "countries.geojson")
    }
    admin1 = {
        f["properties"]["place_id"]: shape(f["geometry"])
        for f in _read_features(folder / "boundaries" / "admin1.geojson")
    }
    for geom in (*countries.values(), *admin1.values()):
        prepare(geom)
    allowed = known_exceptions(folder)
    problems: list[Problem] = []
    used: set[tuple[str, str]] = set()

    def report(pid: str, kind: str, message: str) -> None:
        if (pid, kind) in allowed:
            used.add((pid, kind))
        else:
            problems.append(Problem(pid, kind, message))

    counts = Counter(p["place_id"] for p in places)
    for pid, n in counts.items():
        if n > 1:
            report(pid, "duplicate-id", f"place_id appears {n} times in places.tsv")
    by_id = {p["place_id"]: p for p in places}

    for p in places:
        pid = p["place_id"]
        if p["feature"] not in FEATURES:
            report(pid, "bad-feature", f"feature {p['feature']!r} is not one of {sorted(FEATURES)}")
        try:
            lat, lon = float(p["latitude"]), float(p["longitude"])
        except ValueError:
            report(
                pid,
                "bad-coordinate",
                f"latitude/longitude not numbers: {p['latitude']!r}, {p['longitude']!r}",
            )
            continue
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            report(pid, "bad-coordinate", f"({lat}, {lon}) is outside -90..90, -180..180")
            continue
        for col in ("population", "geonameid"):
            value = p[col]
            if value and not value.isdigit():
                report(pid, "bad-number", f"{col} {value!r} is not a whole number")
        inside_bbox = BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]
        if "|" not in p["country"] and inside_bbox:
            poly = countries.get(p["country"])
            if poly is None:
                report(pid, "unknown-country", f"no polygon for country {p['country']!r}")
            elif not contains_xy(poly, lon, lat):
                d = poly.distance(Point(lon, lat))
                if d > COUNTRY_TOLERANCE:
                    report(
                        pid,
                        "outside-country",
                        f"({lat:.5f}, {lon:.5f}) is {d:.3f}° outside {p['country']}",
                    )
        a1 = p["admin1_id"]
        if a1:
            target = by_id.get(a1)
            if target is None or a1 not in admin1:
                report(pid, "unknown-admin1", f"admin1_id {a1!r} is not an admin-1 place")
            else:
                if target["name"] != p["admin1"]:
                    report(
                        pid,
                        "unknown-admin1",
                        f"admin1 {p['admin1']!r} does not match {a1}'s name {target['name']!r}",
                    )
                if not contains_xy(admin1[a1], lon, lat):
                    d = admin1[a1].distance(Point(lon, lat))
                    if d > ADMIN1_TOLERANCE:
                        report(
                            pid,
                            "outside-admin1",
                            f"({lat:.5f}, {lon:.5f}) is {d:.3f}° outside {a1} ({target['name']})",
                        )

    area_ids = Counter(f["properties"].get("place_id", "") for f in areas)
    for p in places:
        if p["feature"] not in POINT_FEATURES and area_ids[p["place_id"]] == 0:
            report(
                p["place_id"],
                "missing-geometry",
                f"{p['feature']} has no geometry in areas.geojson",
            )
    for pid in sorted(area_ids):
        if pid not in by_id:
            report(
                pid or "<none>",
                "orphan-geometry",
                "areas.geojson feature names no place in places.tsv",
            )

    ids_by_fold: dict[str, set[str]] = defaultdict(set)
    for a in aliases:
        ids_by_fold[a["alias"].casefold()].add(a["place_id"])
    for a in aliases:
        if a["place_id"] not in by_id:
            report(
                a["place_id"],
                "alias-target",
                f"alias {a['alias']!r} names a place_id that does not exist",
            )
        expected = "1" if len(ids_by_fold[a["alias"].casefold()]) > 1 else "0"
        if a["ambiguous"] != expected:
            report(
                a["place_id"],
                "alias-ambiguous-flag",
                f"alias {a['alias']!r} has ambiguous={a['ambiguous']}, expected {expected}",
            )
    # An allow-list entry nothing needs any more would hide the next real problem there.
    for pid, kind in sorted(allowed.keys() - used):
        problems.append(
            Problem(
                pid,
                "stale-exception",
                f"check_exceptions.tsv excuses {kind!r}, which no longer occurs; remove the row",
            )
        )
    return sorted(problems)
