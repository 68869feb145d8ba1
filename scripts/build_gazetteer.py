#!/usr/bin/env python3
"""Build the shipped gazetteer (``data/gazetteer/``) from the shared source data.

Inputs are the region extracts described in ``../shared/data/SOURCES.md`` (GeoNames cities500,
Natural Earth admin-0/admin-1/boundary layers) and the hand-kept tables in
``data/gazetteer/curated/``. Outputs:

- ``places.tsv``: one row per place (towns, villages, districts, provinces, regions,
  countries, border lines, the Lachin corridor);
- ``aliases.tsv``: every spelling that names a place, with an ambiguity flag;
- ``areas.geojson``: simplified geometry of every place that is not a point;
- ``boundaries/*.geojson``: map layers (countries, international lines, disputed areas
  and lines, admin-1 units with corrected English names).

The build is deterministic: running it twice gives byte-identical files.

Usage::

    python scripts/build_gazetteer.py [--source ../shared/data] [--out data/gazetteer]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiLineString, Point, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "data" / "gazetteer"
CURATED = "curated"

PLACE_COLUMNS = [
    "place_id",
    "name",
    "feature",
    "country",
    "admin1",
    "admin1_id",
    "latitude",
    "longitude",
    "population",
    "geonameid",
    "source",
]
ALIAS_COLUMNS = ["alias", "place_id", "lang", "ambiguous"]
FEATURES = ("city", "village", "district", "province", "region", "country", "border", "corridor")
LANGS = ("en", "az", "hy", "ru", "old", "geonames", "ne", "hand")
# When one spelling reaches the same place from several sources, keep the most telling label.
LANG_PRIORITY = {lang: i for i, lang in enumerate(("en", "az", "hy", "ru", "old", "hand", "ne"))}
LANG_PRIORITY["geonames"] = len(LANG_PRIORITY)

CITY_POPULATION = 10_000
CURATED_COUNTRIES = frozenset(("AM", "AZ"))
A1_TOLERANCE = 0.05  # degrees; the same tolerance geoclash.validate allows
SIMPLIFY_DEG = 0.002
# Plain English words that turn up among GeoNames alternate names; a reader never means a
# place by them. The resolver guards too, but the table should not carry them.
STOPWORDS = frozenset(
    """a an and are as at be border borders by city district east for from in is it north of on
    or peace province region river road south the to town union village war west with new old
    upper lower center centre central station camp hill mountain lake valley off hop can ban
    bum cat gay tom""".split()  # noqa: SIM905
)
# GeoNames lists airport codes (EVN, KUT, ...) among alternate names; "KUT" would make the
# village of Kut ambiguous with Kutaisi. Hand tables may still use capitals (NKR, NKAO).
CODE_LIKE = re.compile(r"[A-Z]{3,4}")
MOJIBAKE = re.compile("[ÃÄÅÂ][\u0080-\u00bf\u0100-\u017f]")
ISO3_TO_ISO2 = {
    "ARM": "AM",
    "AZE": "AZ",
    "GEO": "GE",
    "IRN": "IR",
    "IRQ": "IQ",
    "KAZ": "KZ",
    "RUS": "RU",
    "SYR": "SY",
    "TUR": "TR",
}


# --- small helpers --------------------------------------------------------------------------


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 TSV with a header, every value a string ('' when empty)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k: (v or "") for k, v in row.items()}
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def write_tsv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """Write rows as a tab-separated file with a header and ``\\n`` line ends."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            values = [str(row[c]) for c in columns]
            for v in values:
                if "\t" in v or "\n" in v:
                    raise ValueError(f"tab or newline inside a value: {v!r}")
            fh.write("\t".join(values) + "\n")


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 5) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def oriented(geom: BaseGeometry) -> BaseGeometry:
    """Counter-clockwise exterior rings, clockwise holes (RFC 7946 section 3.1.6)."""
    if geom.geom_type == "Polygon":
        return orient(geom, 1.0)
    if geom.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if geom.geom_type == "GeometryCollection":
        parts = [oriented(g) for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        return oriented(unary_union(parts)) if parts else geom
    return geom


def write_geojson(path: Path, features: Iterable[tuple[dict[str, Any], BaseGeometry]]) -> None:
    """Write an RFC 7946 FeatureCollection, one feature per line, 5-decimal coordinates."""
    items = list(features)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        for i, (props, geom) in enumerate(items):
            feature = {
                "type": "Feature",
                "properties": props,
                "geometry": _round(mapping(oriented(geom))),
            }
            text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
            fh.write(text + (",\n" if i < len(items) - 1 else "\n"))
        fh.write("]}\n")


def fmt_coord(value: float) -> str:
    return f"{round(value, 5) + 0.0:.5f}"


def point_inside(geom: BaseGeometry, preferred: Point | None = None) -> Point:
    """A point inside ``geom``: ``preferred`` when it lies inside, else a representative point."""
    if preferred is not None and geom.contains(preferred):
        return preferred
    if geom.geom_type in ("LineString", "MultiLineString"):
        parts = list(getattr(geom, "geoms", [geom]))
        longest = max(parts, key=lambda g: g.length)
        return longest.interpolate(0.5, normalized=True)
    return geom.representative_point()


def merge_lines(parts: Iterable[BaseGeometry]) -> MultiLineString:
    """Join line pieces end to end into one MultiLineString."""
    union = unary_union(list(parts))
    merged = linemerge(union) if union.geom_type == "MultiLineString" else union
    if merged.geom_type == "LineString":
        return MultiLineString([merged])
    return merged


def close_ring(parts: Iterable[BaseGeometry]) -> BaseGeometry | None:
    """Chain line pieces whose ends nearly meet (gaps of a few metres) into one polygon."""
    merged = merge_lines(parts)
    pieces = [list(g.coords) for g in merged.geoms]
    if not pieces:
        return None
    ring = pieces.pop(0)
    while pieces:
        end = Point(ring[-1])

        def gap(piece: list[Any], end: Point = end) -> float:
            return min(end.distance(Point(piece[0])), end.distance(Point(piece[-1])))

        nxt = min(pieces, key=gap)
        if gap(nxt) > 0.01:  # degrees: not one ring
            return None
        pieces.remove(nxt)
        if end.distance(Point(nxt[-1])) < end.distance(Point(nxt[0])):
            nxt = nxt[::-1]
        ring.extend(nxt)
    if Point(ring[0]).distance(Point(ring[-1])) > 0.01:
        return None
    return shapely.make_valid(shapely.Polygon(ring))


def clean_alias(text: str) -> str | None:
    """Trimmed alias, or None when it is not a usable spelling of a place."""
    alias = " ".join(text.split())
    if len(alias) < 2 or not any(ch.isalpha() for ch in alias):
        return None
    if alias.casefold() in STOPWORDS or MOJIBAKE.search(alias):
        return None
    return alias


# --- the build ------------------------------------------------------------------------------


class Builder:
    """Collects places, aliases and geometries, then writes them in a fixed order."""

    def __init__(self, source: Path, curated: Path) -> None:
        self.source = source
        self.curated = curated
        self.places: dict[str, dict[str, Any]] = {}
        self.geoms: dict[str, BaseGeometry] = {}
        self.aliases: dict[tuple[str, str], str] = {}
        self.countries = gpd.read_file(source / "ne_10m_admin0_countries_caucasus.geojson")
        self.admin1 = gpd.read_file(source / "ne_10m_admin1_caucasus.geojson")
        self.lines = gpd.read_file(source / "ne_10m_admin0_boundary_lines_caucasus.geojson")
        self.disputed = gpd.read_file(source / "ne_10m_disputed_areas_caucasus.geojson")
        self.disputed_lines = gpd.read_file(
            source / "ne_10m_disputed_boundary_lines_caucasus.geojson"
        )
        self.cities = pd.read_csv(
            source / "geonames_cities500_caucasus.tsv",
            sep="\t",
            dtype=str,
            keep_default_na=False,
            quoting=csv.QUOTE_NONE,
        )
        self.admin1_names = {r["adm1_code"]: r for r in read_tsv(curated / "admin1_names.tsv")}
        drops = read_tsv(curated / "ne_alias_drop.tsv")
        self.ne_drop = {(r["adm1_code"], r["alias"]) for r in drops}
        self.country_ids = {r["iso_a2"]: r for r in read_tsv(curated / "countries.tsv")}
        self.gn_points = {
            r.geonameid: Point(float(r.longitude), float(r.latitude))
            for r in self.cities.itertuples()
        }

    # places and aliases -----------------------------------------------------------------

    def add_place(self, geometry: BaseGeometry | None = None, **row: Any) -> None:
        pid = row["place_id"]
        if pid in self.places:
            raise ValueError(f"duplicate place_id {pid}")
        if row["feature"] not in FEATURES:
            raise ValueError(f"{pid}: feature {row['feature']!r} not in {FEATURES}")
        full = {c: row.get(c, "") for c in PLACE_COLUMNS}
        full["population"] = int(full["population"] or 0)
        self.places[pid] = full
        if geometry is not None:
            self.geoms[pid] = geometry

    def add_alias(self, text: str, place_id: str, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"alias {text!r}: lang {lang!r} not in {LANGS}")
        alias = clean_alias(text)
        if alias is None:
            return
        key = (alias, place_id)
        old = self.aliases.get(key)
        if old is None or LANG_PRIORITY[lang] < LANG_PRIORITY[old]:
            self.aliases[key] = lang

    # sources ----------------------------------------------------------------------------

    def build_countries(self) -> None:
        for row in self.countries.sort_values("ISO_A2").itertuples():
            iso2 = row.ISO_A2
            label = Point(row.LABEL_X, row.LABEL_Y)
            pt = point_inside(row.geometry, label)
            extra = self.country_ids.get(iso2, {})
            self.add_place(
                row.geometry,
                place_id=f"cc:{iso2}",
                name=row.NAME_EN,
                feature="country",
                country=iso2,
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                population=int(row.POP_EST or 0),
                geonameid=extra.get("geonameid", ""),
                source="natural-earth-admin0",
            )
            self.add_alias(row.NAME_EN, f"cc:{iso2}", "en")
            for col in ("NAME", "NAME_LONG", "ADMIN", "BRK_NAME", "FORMAL_EN", "SOVEREIGNT"):
                value = getattr(row, col, None)
                if isinstance(value, str):
                    self.add_alias(value, f"cc:{iso2}", "ne")
            for col in ("NAME_RU", "NAME_TR", "NAME_FA", "NAME_AR", "NAME_DE", "NAME_FR"):
                value = getattr(row, col, None)
                if isinstance(value, str):
                    self.add_alias(value, f"cc:{iso2}", "ru" if col == "NAME_RU" else "ne")
            if extra.get("name_local"):
                lang = {"AM": "hy", "AZ": "az", "RU": "ru"}.get(iso2, "hand")
                self.add_alias(extra["name_local"], f"cc:{iso2}", lang)

    def admin1_rows(self) -> Iterator[tuple[str, str, str, Any]]:
        """(place_id, English name, feature, NE row) for every admin-1 polygon."""
        for row in self.admin1.sort_values("adm1_code").itertuples():
            hand = self.admin1_names.get(row.adm1_code)
            name = hand["name_en"] if hand else row.name
            feature = hand["feature"] if hand else "province"
            yield f"ne:{row.adm1_code}", name, feature, row

    def build_admin1(self) -> None:
        self.a1_by_code: dict[str, str] = {}
        for pid, name, feature, row in self.admin1_rows():
            hand = self.admin1_names.get(row.adm1_code, {})
            seat = self.gn_points.get(hand.get("capital_geonameid", ""))
            pt = point_inside(row.geometry, seat)
            # The old release swaps the GeoNames fields of a few polygons; the hand table
            # carries the code that fits the geometry.
            self.a1_by_code[hand.get("gn_a1_code") or row.gn_a1_code] = pid
            self.add_place(
                row.geometry,
                place_id=pid,
                name=name,
                feature=feature,
                country=row.iso_a2,
                admin1=name,
                admin1_id=pid,
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                population=0,
                geonameid=str(int(row.gn_id)) if pd.notna(row.gn_id) and row.gn_id > 0 else "",
                source="natural-earth-admin1",
            )
            self.add_alias(name, pid, "en")
            # "Kalbajar" alone may mean the rayon too: readers drop the suffix.
            bare = re.sub(r" (District|Province|City)$", "", name)
            if bare != name:
                self.add_alias(bare, pid, "en")
                # The other generic words reporters put after a rayon's or marz's name.
                suffixes = {"district": ("rayon", "region"), "province": ("marz", "region")}
                if row.iso_a2 in CURATED_COUNTRIES and not name.endswith(" City"):
                    for word in suffixes.get(feature, ()):
                        self.add_alias(f"{bare} {word}", pid, "en")
            if hand.get("name_local"):
                self.add_alias(hand["name_local"], pid, "az" if row.iso_a2 == "AZ" else "hand")
            for col in ("name", "name_alt", "name_local", "gn_name", "gns_name", "woe_name"):
                value = getattr(row, col)
                if not isinstance(value, str):
                    continue
                for part in value.split("|"):
                    if (row.adm1_code, part.strip()) not in self.ne_drop:
                        self.add_alias(part, pid, "ne")

    def admin1_of(self, cc: str, code: str, pt: Point) -> str:
        """place_id of the admin-1 polygon: by GeoNames code, else the polygon holding ``pt``."""
        pid = self.a1_by_code.get(f"{cc}.{code}")
        if pid and (cc in CURATED_COUNTRIES or self.geoms[pid].distance(pt) <= A1_TOLERANCE):
            return pid
        # Outside Armenia/Azerbaijan a few GeoNames codes disagree with the old polygons by
        # kilometres; there the polygon holding the point wins, so admin1 matches the map.
        # Inside the curated region the code is trusted and the rare misfit is documented in
        # curated/check_exceptions.tsv.
        best, best_d = pid or "", 0.1  # degrees; beyond that: outside every polygon
        for cand, _name, _feature, row in self.admin1_rows():
            if row.iso_a2 != cc:
                continue
            d = row.geometry.distance(pt)
            if d < best_d or (d == 0 and best_d == 0 and cand < best):
                best, best_d = cand, d
            if d == 0:
                break
        return best

    def build_geonames(self) -> None:
        seats = {r["capital_geonameid"] for r in self.admin1_names.values()}
        seats |= {r["geonameid"] for r in read_tsv(self.curated / "towns.tsv")}
        # English display names where GeoNames gives the Azerbaijani spelling; the GeoNames
        # name stays an alias.
        names_en = {r["geonameid"]: r["name_en"] for r in read_tsv(self.curated / "names_en.tsv")}
        for r in self.cities.itertuples():
            pt = self.gn_points[r.geonameid]
            a1 = self.admin1_of(r.countrycode, r.admin1code, pt)
            pop = int(r.population or 0)
            pid = f"gn:{r.geonameid}"
            self.add_place(
                place_id=pid,
                name=names_en.get(r.geonameid, r.name),
                feature="city" if pop >= CITY_POPULATION or r.geonameid in seats else "village",
                country=r.countrycode,
                admin1=self.places[a1]["name"] if a1 else "",
                admin1_id=a1,
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                population=pop,
                geonameid=r.geonameid,
                source="geonames-cities500",
            )
            self.add_alias(r.name, pid, "geonames")
            if r.geonameid in names_en:
                self.add_alias(names_en[r.geonameid], pid, "en")
            for alt in r.alternatenames.split(","):
                if not CODE_LIKE.fullmatch(alt):
                    self.add_alias(alt, pid, "geonames")

    def build_hand_places(self) -> None:
        for r in read_tsv(self.curated / "extra_places.tsv"):
            pt = Point(float(r["longitude"]), float(r["latitude"]))
            a1 = self.admin1_of(r["country"], "", pt)
            self.add_place(
                place_id=r["place_id"],
                name=r["name"],
                feature=r["feature"],
                country=r["country"],
                admin1=self.places[a1]["name"] if a1 else "",
                admin1_id=a1,
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                population=int(r["population"] or 0),
                geonameid=r["geonameid"],
                source=r["source"],
            )
            self.add_alias(r["name"], r["place_id"], "en")

    def build_regions(self) -> None:
        nk = self.disputed[self.disputed.BRK_NAME == "Nagorno-Karabakh"].iloc[0]
        capital = self.gn_points["146970"]  # Khankendi / Stepanakert
        pt = point_inside(nk.geometry, capital)
        self.add_place(
            nk.geometry,
            place_id="gc:nagorno-karabakh",
            name="Nagorno-Karabakh",
            feature="region",
            country="AZ",
            latitude=fmt_coord(pt.y),
            longitude=fmt_coord(pt.x),
            population=int(nk.POP_EST or 0),
            source="natural-earth-admin0",
        )
        self.add_alias("Nagorno-Karabakh", "gc:nagorno-karabakh", "en")
        # The former oblast (NKAO) is drawn in NE only as reference lines; close them into a ring.
        ref = self.disputed_lines[self.disputed_lines["name"] == "Former USSR oblast in 1991"]
        nkao = close_ring(ref.geometry)
        if nkao is not None:
            pt = point_inside(nkao, capital)
            self.add_place(
                nkao,
                place_id="gc:nkao",
                name="Nagorno-Karabakh Autonomous Oblast",
                feature="region",
                country="AZ",
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                source="hand: NE v4 'Former USSR oblast in 1991' lines closed into a ring",
            )
            self.add_alias("Nagorno-Karabakh Autonomous Oblast", "gc:nkao", "en")

    def border_name(self, a: str, b: str) -> str:
        names = {p["country"]: p["name"] for p in self.places.values() if p["feature"] == "country"}
        return f"{names[a]}–{names[b]} border"

    def build_borders(self) -> None:
        by_pair: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
        for row in self.lines.itertuples():
            a, b = ISO3_TO_ISO2.get(row.adm0_a3_l), ISO3_TO_ISO2.get(row.adm0_a3_r)
            if a and b:
                by_pair[tuple(sorted((a, b)))].append(row.geometry)  # type: ignore[index]
        for (a, b), parts in sorted(by_pair.items()):
            merged = merge_lines(parts)
            pid = f"gc:border-{a.lower()}-{b.lower()}"
            pt = point_inside(merged)
            name = self.border_name(a, b)
            self.add_place(
                merged,
                place_id=pid,
                name=name,
                feature="border",
                country=f"{a}|{b}",
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                source="natural-earth-admin0",
            )
            self.add_alias(name, pid, "en")
            self.add_alias(name.replace("–", "-"), pid, "en")
        cease = self.disputed_lines[self.disputed_lines["name"] == "Ceasefire Line 1994"]
        merged = merge_lines(cease.geometry)
        pt = point_inside(merged)
        self.add_place(
            merged,
            place_id="gc:line-of-contact-1994",
            name="Line of Contact (1994 ceasefire)",
            feature="border",
            country="AZ",
            latitude=fmt_coord(pt.y),
            longitude=fmt_coord(pt.x),
            source="natural-earth-admin0",
        )
        self.add_alias("Line of Contact (1994 ceasefire)", "gc:line-of-contact-1994", "en")

    def build_hand_lines(self) -> None:
        vertices: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in read_tsv(self.curated / "lines.tsv"):
            vertices[r["place_id"]].append(r)
        for pid, rows in sorted(vertices.items()):
            rows.sort(key=lambda r: int(r["seq"]))
            line = LineString([(float(r["longitude"]), float(r["latitude"])) for r in rows])
            first = rows[0]
            mid = self.gn_points.get("147625") if pid == "gc:lachin-corridor" else None
            pt = mid if mid is not None else point_inside(line)
            self.add_place(
                line,
                place_id=pid,
                name=first["name"],
                feature=first["feature"],
                country=first["country"],
                latitude=fmt_coord(pt.y),
                longitude=fmt_coord(pt.x),
                source="hand: approximate line through "
                + ", ".join(r["source"].split("vertex = ")[-1].split(" (")[0] for r in rows),
            )
            self.add_alias(first["name"], pid, "en")

    def build_hand_aliases(self) -> None:
        for r in read_tsv(self.curated / "aliases.tsv"):
            if r["place_id"] not in self.places:
                raise ValueError(f"curated alias {r['alias']!r} names unknown {r['place_id']}")
            self.add_alias(r["alias"], r["place_id"], r["lang"])

    # output -----------------------------------------------------------------------------

    def alias_rows(self) -> list[dict[str, Any]]:
        ids_by_fold: dict[str, set[str]] = defaultdict(set)
        for alias, pid in self.aliases:
            ids_by_fold[alias.casefold()].add(pid)
        rows = [
            {
                "alias": alias,
                "place_id": pid,
                "lang": lang,
                "ambiguous": int(len(ids_by_fold[alias.casefold()]) > 1),
            }
            for (alias, pid), lang in self.aliases.items()
        ]
        rows.sort(key=lambda r: (r["alias"], r["place_id"]))
        return rows

    def write(self, out: Path) -> None:
        (out / "boundaries").mkdir(parents=True, exist_ok=True)
        self.write_boundaries(out / "boundaries")
        places = [self.places[k] for k in sorted(self.places)]
        write_tsv(out / "places.tsv", PLACE_COLUMNS, places)
        write_tsv(out / "aliases.tsv", ALIAS_COLUMNS, self.alias_rows())
        areas = []
        for pid in sorted(self.geoms):
            geom = self.geoms[pid].simplify(SIMPLIFY_DEG, preserve_topology=True)
            p = self.places[pid]
            areas.append(({"place_id": pid, "name": p["name"], "feature": p["feature"]}, geom))
        write_geojson(out / "areas.geojson", areas)

    def write_boundaries(self, out: Path) -> None:
        write_geojson(
            out / "countries.geojson",
            (
                ({"name": r.NAME_EN, "iso_a2": r.ISO_A2, "iso_a3": r.ISO_A3}, r.geometry)
                for r in self.countries.sort_values("ISO_A2").itertuples()
            ),
        )
        write_geojson(
            out / "boundary_lines.geojson",
            (
                (
                    {
                        "name": self.border_name(
                            ISO3_TO_ISO2[r.adm0_a3_l], ISO3_TO_ISO2[r.adm0_a3_r]
                        ),
                        "left": r.adm0_left,
                        "right": r.adm0_right,
                    },
                    r.geometry,
                )
                for r in self.lines.itertuples()
            ),
        )
        write_geojson(
            out / "disputed_areas.geojson",
            (
                ({"name": r.BRK_NAME, "type": r.TYPE, "note": r.NOTE_BRK}, r.geometry)
                for r in self.disputed.sort_values("BRK_NAME").itertuples()
            ),
        )
        write_geojson(
            out / "disputed_lines.geojson",
            (
                ({"name": r.name, "type": r.featurecla}, r.geometry)
                for r in self.disputed_lines.itertuples()
            ),
        )
        feats = []
        for pid, name, feature, row in self.admin1_rows():
            hand = self.admin1_names.get(row.adm1_code, {})
            local = hand.get("name_local") or (
                row.name_local if isinstance(row.name_local, str) else row.name
            )
            props = {
                "place_id": pid,
                "name": name,
                "name_local": local,
                "country": row.iso_a2,
                "type": feature,
            }
            feats.append((props, row.geometry))
        write_geojson(out / "admin1.geojson", feats)


def build(source: Path, out: Path) -> None:
    """Build every gazetteer file from ``source`` (shared data) into ``out``.

    Parameters
    ----------
    source : Path
        Folder with the files listed in ``SOURCES.md``.
    out : Path
        Output folder; its ``curated/`` subfolder (hand tables) is read from the repo copy.
    """
    b = Builder(source, DEFAULT_OUT / CURATED)
    b.build_countries()
    b.build_admin1()
    b.build_regions()
    b.build_borders()
    b.build_hand_lines()
    b.build_geonames()
    b.build_hand_places()
    b.build_hand_aliases()
    b.write(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.source / "SOURCES.md").is_file():
        print(f"build_gazetteer: no SOURCES.md in {args.source}", file=sys.stderr)
        return 2
    build(args.source, args.out)
    for path in sorted(args.out.rglob("*")):
        if path.is_file() and CURATED not in path.parts:
            print(f"{path.relative_to(args.out)}\t{path.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
