"""The shipped gazetteer is exactly what scripts/build_gazetteer.py makes, and it is right.

The rebuild reads ``../shared/data`` (the source extracts); without it these tests fail
rather than skip, because a gazetteer nobody can rebuild is a bug.
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "gazetteer"
SOURCE = ROOT.parent / "shared" / "data"
OUTPUTS = [
    "places.tsv",
    "aliases.tsv",
    "areas.geojson",
    "boundaries/countries.geojson",
    "boundaries/boundary_lines.geojson",
    "boundaries/disputed_areas.geojson",
    "boundaries/disputed_lines.geojson",
    "boundaries/admin1.geojson",
]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert (SOURCE / "SOURCES.md").is_file(), f"source data missing at {SOURCE}"
    out = tmp_path_factory.mktemp("gazetteer")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_gazetteer.py"),
            "--source",
            str(SOURCE),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def places() -> dict[str, dict[str, str]]:
    return {r["place_id"]: r for r in read_tsv(SHIPPED / "places.tsv")}


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    return read_tsv(SHIPPED / "aliases.tsv")


@pytest.mark.parametrize("name", OUTPUTS)
def test_rebuild_is_byte_identical_to_shipped(rebuilt: Path, name: str) -> None:
    assert (rebuilt / name).read_bytes() == (SHIPPED / name).read_bytes()


def test_file_sizes_stay_small() -> None:
    sizes = {name: (SHIPPED / name).stat().st_size for name in OUTPUTS}
    assert all(size < 2_000_000 for size in sizes.values()), sizes
    assert sizes["areas.geojson"] < 1_500_000
    assert sum(sizes.values()) < 5_000_000


def test_places_columns_and_order(places: dict[str, dict[str, str]]) -> None:
    header = (SHIPPED / "places.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == [
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
    ids = [
        line.split("\t", 1)[0]
        for line in (SHIPPED / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    assert ids == sorted(ids)


def test_every_cities500_row_and_admin1_polygon_is_a_place(
    places: dict[str, dict[str, str]],
) -> None:
    gn_ids = {r["geonameid"] for r in read_tsv(SOURCE / "geonames_cities500_caucasus.tsv")}
    assert {f"gn:{i}" for i in gn_ids} <= places.keys()
    admin1 = json.loads((SOURCE / "ne_10m_admin1_caucasus.geojson").read_text())["features"]
    assert {f"ne:{f['properties']['adm1_code']}" for f in admin1} <= places.keys()
    countries = {p["country"] for p in places.values() if p["feature"] == "country"}
    assert countries == {"AM", "AZ", "GE", "IQ", "IR", "KZ", "RU", "SY", "TR"}


# Issue 2, "Must resolve": the rows the resolver starts from sit where they should.
MUST = [
    ("Goris", "gn:174895", 39.511, 46.342),
    ("Jermuk", "gn:174884", 39.839, 45.671),
    ("Sotk", "gn:616041", 40.200, 45.870),
    ("Kalbajar", "gn:586268", 40.110, 46.044),
    ("Lachin", "gn:147625", 39.637, 46.550),
    ("Dashkasan", "gn:586765", 40.524, 46.082),
    ("Stepanakert/Khankendi", "gn:146970", 39.818, 46.753),
    ("Shusha", "gn:147105", 39.760, 46.750),
    ("Vardenis town", "gn:616108", 40.183, 45.732),
    ("Nakhchivan", "gn:147429", 39.209, 45.412),
    ("Khojavend", "gn:146969", 39.795, 47.112),
    ("Martuni AM", "gn:616438", 40.140, 45.302),
]


@pytest.mark.parametrize(("label", "pid", "lat", "lon"), MUST, ids=[m[0] for m in MUST])
def test_must_resolve_rows_are_within_a_kilometre(
    places: dict[str, dict[str, str]], label: str, pid: str, lat: float, lon: float
) -> None:
    row = places[pid]
    dlat = float(row["latitude"]) - lat
    dlon = (float(row["longitude"]) - lon) * math.cos(math.radians(lat))
    assert math.hypot(dlat, dlon) * 111.2 < 1.0, row


@pytest.mark.parametrize(
    ("pid", "admin1_id", "admin1"),
    [
        ("gn:147625", "ne:AZE-1735", "Lachin District"),  # not Shusha, whatever the polygon says
        ("gn:586268", "ne:AZE-1682", "Kalbajar District"),
        ("gn:174895", "ne:ARM-1732", "Syunik Province"),
        ("gn:174884", "ne:ARM-1733", "Vayots Dzor Province"),
        ("gn:586765", "ne:AZE-1677", "Dashkasan District"),
        ("gn:146970", "ne:AZE-4838", "Khankendi City"),
        ("gn:147774", "ne:AZE-1739", "Khojaly District"),
        ("gn:616108", "ne:ARM-1672", "Gegharkunik Province"),
    ],
    ids=["Lachin", "Kalbajar", "Goris", "Jermuk", "Dashkasan", "Khankendi", "Khojaly", "Vardenis"],
)
def test_places_join_their_district_by_geonames_code(
    places: dict[str, dict[str, str]], pid: str, admin1_id: str, admin1: str
) -> None:
    assert (places[pid]["admin1_id"], places[pid]["admin1"]) == (admin1_id, admin1)


def test_nakhchivan_places_fall_back_to_point_in_polygon(
    places: dict[str, dict[str, str]],
) -> None:
    # GeoNames puts all Nakhchivan places under AZ.35, which no NE polygon carries.
    assert places["gn:147368"]["admin1_id"] == "ne:AZE-2418"  # Ordubad
    assert places["gn:148251"]["admin1_id"] == "ne:AZE-2421"  # Julfa


@pytest.mark.parametrize(
    ("pid", "feature"),
    [
        ("ne:ARM-1732", "province"),
        ("ne:AZE-1682", "district"),
        ("ne:AZE-1679", "district"),  # Ganja, a "Municipality" unit
        ("gc:nagorno-karabakh", "region"),
        ("gc:border-am-az", "border"),
        ("gc:lachin-corridor", "corridor"),
        ("cc:AM", "country"),
        ("gn:586268", "city"),  # Kalbajar: a district seat below 10,000 people
        ("gn:147625", "city"),  # Lachin: likewise
        ("gn:616107", "village"),  # the other, smaller Vardenis
    ],
)
def test_features(places: dict[str, dict[str, str]], pid: str, feature: str) -> None:
    assert places[pid]["feature"] == feature


@pytest.mark.parametrize(
    ("pid", "name"),
    [("gn:147625", "Lachin"), ("gn:147429", "Nakhchivan"), ("gn:586268", "Kalbajar")],
)
def test_display_names_are_english(places: dict[str, dict[str, str]], pid: str, name: str) -> None:
    assert places[pid]["name"] == name


def test_border_and_region_points(places: dict[str, dict[str, str]]) -> None:
    assert places["gc:border-am-az"]["country"] == "AM|AZ"
    nk = places["gc:nagorno-karabakh"]
    assert abs(float(nk["latitude"]) - 39.85) < 0.5 and abs(float(nk["longitude"]) - 46.75) < 0.5
    corridor = places["gc:lachin-corridor"]
    assert abs(float(corridor["latitude"]) - 39.65) < 0.2
    assert abs(float(corridor["longitude"]) - 46.55) < 0.2


def alias_targets(aliases: list[dict[str, str]], alias: str) -> dict[str, str]:
    return {r["place_id"]: r["ambiguous"] for r in aliases if r["alias"] == alias}


@pytest.mark.parametrize(
    ("alias", "pid"),
    [
        ("Qəlbəcər", "gn:586268"),
        ("Kəlbəcər", "gn:586268"),
        ("Karvachar", "gn:586268"),
        ("Kelbadzhar", "gn:586268"),
        ("Berdzor", "gn:147625"),
        ("Laçın", "gn:147625"),
        ("Shushi", "gn:147105"),
        ("Stepanakert", "gn:146970"),
        ("Xankəndi", "gn:146970"),
        ("Daşkəsən", "gn:586765"),
        ("Dzhermuk", "gn:174884"),
        ("Aghdara", "gc:martakert"),
        ("Kirovabad", "gn:586523"),
        ("Leninakan", "gn:616635"),
        ("Khanlar", "gn:584716"),
        ("Kelbajar district", "ne:AZE-1682"),
        ("Kashatagh", "ne:AZE-1735"),
        ("Artsakh", "gc:nagorno-karabakh"),
        ("Madagiz", "gc:sugovushan"),
        ("Naxçıvan", "gn:147429"),  # the GeoNames spelling stays an alias of the English name
    ],
)
def test_alias_names_the_place(aliases: list[dict[str, str]], alias: str, pid: str) -> None:
    assert pid in alias_targets(aliases, alias)


@pytest.mark.parametrize(
    ("alias", "pids"),
    [
        ("Martuni", {"gn:146969", "gn:616438"}),
        ("Lachin", {"gn:147625", "ne:AZE-1735"}),
        ("Vardenis", {"gn:616108", "gn:616107"}),
    ],
)
def test_ambiguous_aliases_are_flagged(
    aliases: list[dict[str, str]], alias: str, pids: set[str]
) -> None:
    targets = alias_targets(aliases, alias)
    assert pids <= targets.keys()
    assert set(targets.values()) == {"1"}


def test_unambiguous_alias_is_not_flagged(aliases: list[dict[str, str]]) -> None:
    assert alias_targets(aliases, "Berdzor") == {"gn:147625": "0"}


def test_aliases_drop_wrong_ne_labels_and_junk(aliases: list[dict[str, str]]) -> None:
    # The old NE layer calls the Lachin rayon "Lankaran"; that must not become an alias.
    assert "ne:AZE-1735" not in alias_targets(aliases, "Lankaran")
    words = {r["alias"].casefold() for r in aliases}
    assert not words & {"the", "and", "border", "peace", "union", ""}
    assert not any(r["alias"].isdigit() for r in aliases)
    assert "KUT" not in {r["alias"] for r in aliases}  # Kutaisi's airport code


def test_aliases_sorted_with_known_langs(aliases: list[dict[str, str]]) -> None:
    keys = [(r["alias"], r["place_id"]) for r in aliases]
    assert keys == sorted(keys)
    assert {r["lang"] for r in aliases} <= {"en", "az", "hy", "ru", "old", "geonames", "ne", "hand"}


def test_every_hand_fact_has_a_source(places: dict[str, dict[str, str]]) -> None:
    for table in sorted((SHIPPED / "curated").glob("*.tsv")):
        rows = read_tsv(table)
        source_col = "reason" if table.name == "check_exceptions.tsv" else "source"
        assert rows, table.name
        assert all(r[source_col].strip() for r in rows), table.name
    hand = [p for p in places.values() if p["place_id"].startswith("gc:")]
    assert hand and all(p["source"] for p in hand)


def test_areas_are_rfc7946(places: dict[str, dict[str, str]]) -> None:
    fc = json.loads((SHIPPED / "areas.geojson").read_text(encoding="utf-8"))
    ids = [f["properties"]["place_id"] for f in fc["features"]]
    assert len(ids) == len(set(ids))
    non_points = {p for p, r in places.items() if r["feature"] not in ("city", "village")}
    assert set(ids) == non_points
    for feature in fc["features"]:
        geom = shape(feature["geometry"])
        polys = getattr(geom, "geoms", [geom]) if "Polygon" in geom.geom_type else []
        for poly in polys:
            assert poly.exterior.is_ccw, feature["properties"]["place_id"]
    text = (SHIPPED / "areas.geojson").read_text(encoding="utf-8")
    assert '"crs"' not in text


def test_boundaries_have_the_properties_map_layers_read() -> None:
    def props(name: str) -> list[dict[str, object]]:
        fc = json.loads((SHIPPED / "boundaries" / name).read_text(encoding="utf-8"))
        return [f["properties"] for f in fc["features"]]

    assert {p["iso_a2"] for p in props("countries.geojson")} >= {"AM", "AZ", "GE", "IR", "TR"}
    assert all({"name", "left", "right"} <= p.keys() for p in props("boundary_lines.geojson"))
    assert "Nagorno-Karabakh" in {p["name"] for p in props("disputed_areas.geojson")}
    assert all({"name", "type"} <= p.keys() for p in props("disputed_lines.geojson"))
    admin1 = {p["place_id"]: p for p in props("admin1.geojson")}
    assert admin1["ne:AZE-1735"]["name"] == "Lachin District"
    assert admin1["ne:AZE-1735"]["name_local"] == "Laçın"
    assert admin1["ne:ARM-1732"]["type"] == "province"
