"""The resolver on the names reporters write: the issue's "Must resolve" list and more."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoclash import Gazetteer, Resolution
from geoclash.errors import InvalidOptionError


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


# name, context, countries, expected (lat, lon), within km, expected feature (None: any)
MUST_RESOLVE = [
    ("Goris", (), (), (39.511, 46.342), 5, None),
    ("Jermuk", (), (), (39.839, 45.671), 5, None),
    ("Sok", ("Goris", "Jermuk"), (), (40.200, 45.870), 5, "village"),
    ("Kelbajar", (), (), (40.110, 46.044), 8, None),
    ("Kalbajar", (), (), (40.110, 46.044), 8, None),
    ("Qəlbəcər", (), (), (40.110, 46.044), 8, None),
    ("Lachin", (), (), (39.637, 46.550), 5, None),
    ("Laçın", (), (), (39.637, 46.550), 5, None),
    ("Berdzor", (), (), (39.637, 46.550), 5, None),
    ("Dashkesan", (), (), (40.524, 46.082), 5, None),
    ("Daşkəsən", (), (), (40.524, 46.082), 5, None),
    ("Stepanakert", (), (), (39.818, 46.753), 5, None),
    ("Khankendi", (), (), (39.818, 46.753), 5, None),
    ("Shushi", (), (), (39.760, 46.750), 5, None),
    ("Vardenis", (), (), (40.183, 45.732), 5, "city"),
    ("Islamabad", (), (), (33.721, 73.043), 5, None),
    ("Nakhichevan", (), (), (39.209, 45.412), 5, None),
    ("Martuni", ("Stepanakert",), (), (39.795, 47.112), 5, None),
    ("Martuni", ("Gavar",), (), (40.140, 45.302), 5, None),
    ("Kelbajar district", (), (), (40.110, 46.044), 40, "district"),
    ("Nagorno-Karabakh", (), (), (39.85, 46.75), 60, "region"),
    ("Lachin corridor", (), (), (39.65, 46.55), 35, "corridor"),
    ("Syunik", (), (), (39.45, 46.15), 60, "province"),
]

# Names outside the list that a reader meets (GeoNames coordinates).
MORE = [
    ("Gyumri", (), (), (40.793, 43.846), 5, None),
    ("Ijevan", (), (), (40.880, 45.148), 5, None),
    ("Tovuz", (), (), (40.992, 45.628), 5, None),
    ("Fuzuli", (), (), (39.601, 47.145), 5, None),
    ("Füzuli", (), (), (39.601, 47.145), 5, None),
    ("Aghdam", (), (), (39.991, 46.927), 5, None),
    ("Ağdam", (), (), (39.991, 46.927), 5, None),
    ("Ganja", (), (), (40.682, 46.361), 5, None),
    ("Gəncə", (), (), (40.682, 46.361), 5, None),
    ("Yerevan", (), (), (40.178, 44.513), 5, None),
    ("Kapan", (), (), (39.208, 46.407), 5, None),
    ("Ghapan", (), (), (39.208, 46.407), 5, None),
    ("Berd", (), (), (40.881, 45.389), 5, None),
    ("Zangilan", (), (), (39.084, 46.660), 5, None),
    ("Qubadlı", (), (), (39.344, 46.582), 5, None),
    ("Gubadly", (), (), (39.344, 46.582), 5, None),
    ("Karvachar", (), (), (40.110, 46.044), 8, None),
    ("Kelbadzhar", (), (), (40.110, 46.044), 8, None),
    ("Dzhermuk", (), (), (39.839, 45.671), 5, None),
    ("Xankəndi", (), (), (39.818, 46.753), 5, None),
    ("Tbilisi", (), (), (41.691, 44.834), 5, "city"),
    ("Bishkek", (), (), (42.870, 74.590), 5, None),
    ("Sotk", (), ("AM", "AZ"), (40.200, 45.870), 5, None),
    ("Sok", (), ("AM", "AZ"), (40.200, 45.870), 5, None),
    ("the city of Lachin", (), (), (39.637, 46.550), 5, "city"),
    ("Lachin town", (), (), (39.637, 46.550), 5, "city"),
    ("the district of Lachin", (), (), (39.637, 46.550), 40, "district"),
    ("Kalbajar rayon", (), (), (40.110, 46.044), 40, "district"),
    ("Syunik province", (), (), (39.45, 46.15), 60, "province"),
    ("Armenia", (), (), (40.2, 45.0), 150, "country"),
]


def _id(case: tuple) -> str:
    name, context, countries = case[0], case[1], case[2]
    extra = f" ctx={'+'.join(context)}" if context else ""
    extra += f" in={'+'.join(countries)}" if countries else ""
    return f"{name}{extra}"


@pytest.mark.parametrize("case", MUST_RESOLVE + MORE, ids=[_id(c) for c in MUST_RESOLVE + MORE])
def test_resolves_within_distance(gz: Gazetteer, case: tuple) -> None:
    name, context, countries, (lat, lon), within, feature = case
    res = gz.resolve(name, context=list(context), countries=list(countries))
    assert res is not None, gz.why_unresolved(name, context=context, countries=countries)
    assert isinstance(res, Resolution)
    distance = km(res.latitude, res.longitude, lat, lon)
    assert distance <= within, f"{name} -> {res.name} ({res.country}) is {distance:.0f} km off"
    if feature is not None:
        assert res.feature == feature
    assert res.query == name
    assert 0.0 < res.confidence <= 1.0


@pytest.mark.parametrize(
    ("name", "geom_type", "precision"),
    [
        ("Goris", "Point", 1),
        ("Kelbajar district", "Polygon", 2),
        ("Syunik", "Polygon", 3),
        ("Nagorno-Karabakh", "Polygon", 3),
        ("Lachin corridor", "LineString", 3),
    ],
)
def test_geometry_follows_the_feature(
    gz: Gazetteer, name: str, geom_type: str, precision: int
) -> None:
    res = gz.resolve(name)
    assert res is not None
    assert res.geometry.geom_type.replace("Multi", "") == geom_type
    assert res.geo_precision == precision
    # the representative point of an area lies in (or on) its own shape
    if geom_type == "Polygon":
        import shapely

        assert res.geometry.buffer(0.05).contains(shapely.Point(res.longitude, res.latitude))


def test_district_point_is_within_40_km_of_its_town(gz: Gazetteer) -> None:
    district = gz.resolve("Kelbajar district")
    town = gz.resolve("Kelbajar")
    assert district is not None and town is not None
    assert district.place_id != town.place_id
    assert km(district.latitude, district.longitude, town.latitude, town.longitude) < 40


def test_vardenis_is_the_town_not_the_village(gz: Gazetteer) -> None:
    res = gz.resolve("Vardenis")
    assert res is not None
    assert res.population > 10_000
    assert [a.name for a in res.alternatives].count("Vardenis") >= 1  # the village is listed


def test_own_name_beats_someone_elses_alternate_name(gz: Gazetteer) -> None:
    found = gz.candidates("Islamabad")
    assert found[0].country == "PK" and found[0].match == "exact"
    others = {c.name: c.match for c in found[1:]}
    assert others.get("Chattogram") == "alias"


@pytest.mark.parametrize(
    "name", ["Xyzzyville", "Qwxzplk", "Zzzyzzx Town", "Blorptown district", "Asdfghjkl"]
)
def test_unknown_names_are_unresolved_with_a_reason(gz: Gazetteer, name: str) -> None:
    assert gz.resolve(name) is None
    assert gz.candidates(name) == []
    reason = gz.why_unresolved(name)
    assert reason and name in reason


@pytest.mark.parametrize("word", ["Secretary", "Union", "Port", "The", "Border", "Peace"])
def test_common_english_words_are_not_places(gz: Gazetteer, word: str) -> None:
    assert gz.resolve(word) is None
    assert not gz.is_known(word)
    assert "common English word" in (gz.why_unresolved(word) or "")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("!!! ...", "no letters"),
        ("x" * 10_000, "10000 characters"),
        ("Go\x00ris", "control characters"),
        ("\ufffd\ufffd", "undecodable"),
    ],
    ids=["empty", "spaces", "punctuation", "10k-chars", "nul-byte", "replacement-chars"],
)
def test_bad_input_is_unresolved_with_a_reason(gz: Gazetteer, name: str, reason: str) -> None:
    assert gz.resolve(name) is None
    assert gz.candidates(name) == []
    assert reason in (gz.why_unresolved(name) or "")


def test_short_names_are_not_dropped_by_length(gz: Gazetteer) -> None:
    res = gz.resolve("Kut", countries=["AM"])
    assert res is not None and res.country == "AM"
    sok = gz.resolve("Sok", context=["Goris", "Jermuk"])
    assert sok is not None and sok.name == "Sotk" and sok.match == "fuzzy"


def test_confidence_orders_exact_alias_fuzzy(gz: Gazetteer) -> None:
    exact = gz.resolve("Jermuk")
    alias = gz.resolve("Dzhermuk")
    fuzzy = gz.resolve("Jermuc", countries=["AM"])
    assert exact is not None and alias is not None and fuzzy is not None
    assert (exact.match, alias.match, fuzzy.match) == ("exact", "alias", "fuzzy")
    assert exact.place_id == alias.place_id == fuzzy.place_id
    assert exact.confidence > alias.confidence > fuzzy.confidence


def test_fuzzy_never_reaches_far_away_places(gz: Gazetteer) -> None:
    # one edit from dozens of names in the world; only the region is searched fuzzily
    for res in gz.candidates("Sok", context=["Goris"]):
        assert res.match != "fuzzy" or km(res.latitude, res.longitude, 40.0, 45.5) < 900


def test_a_report_elsewhere_is_not_repaired_into_the_caucasus(gz: Gazetteer) -> None:
    # Saravan, a town of Iran's Sistan and Baluchestan on the Pakistani border (GeoNames
    # 1159713): a report on Pakistan's strikes there must not make it Yerevan ("Iravan")
    saravan = gz.resolve("Saravan", countries=["PK"])
    assert saravan is not None and (saravan.name, saravan.country) == ("Sarāvān", "IR")
    # "Sistan" alone is no place; one letter from Sisian (Armenia) is no answer for Pakistan
    assert gz.resolve("Sistan", countries=["PK"]) is None
    # the region's own misspellings are still repaired when the report is about the region
    sok = gz.resolve("Sok", countries=["AM"])
    assert sok is not None and sok.name == "Sotk"


def test_a_city_of_millions_is_not_a_misspelt_village_near_the_other_places(
    gz: Gazetteer,
) -> None:
    # "the ministers meet in Paris": near Berdavan and Chinari (Tavush) lies Nahapetavan, whose
    # GeoNames alternate name "Paros" is one letter from Paris; Paris itself is the answer
    paris = gz.resolve("Paris", context=["Berdavan", "Chinari"], countries=["AM", "AZ"])
    assert paris is not None and (paris.name, paris.country) == ("Paris", "FR")


def test_context_moves_the_answer(gz: Gazetteer) -> None:
    near_stepanakert = gz.resolve("Martuni", context=["Stepanakert"])
    near_gavar = gz.resolve("Martuni", context=["Gavar"])
    assert near_stepanakert is not None and near_gavar is not None
    assert near_stepanakert.country == "AZ" and near_gavar.country == "AM"


def test_feature_option_filters_and_is_validated(gz: Gazetteer) -> None:
    res = gz.resolve("Lachin", feature="district")
    assert res is not None and res.feature == "district"
    with pytest.raises(InvalidOptionError, match="choose one of: city, village"):
        gz.resolve("Lachin", feature="town")


def test_alternatives_are_ranked_and_flat(gz: Gazetteer) -> None:
    res = gz.resolve("Lachin")
    assert res is not None and res.alternatives
    assert all(a.alternatives == [] for a in res.alternatives)
    assert res.place_id not in {a.place_id for a in res.alternatives}


def test_raw_carries_the_gazetteer_row(gz: Gazetteer) -> None:
    res = gz.resolve("Goris")
    assert res is not None
    assert res.raw["geonameid"] == res.geonameid == 174895
    assert res.raw["match"] == "exact" and res.raw["geo_precision"] == 1


@pytest.mark.parametrize(
    ("name", "expected", "feature"),
    [
        ("the Lachin corridor", "Lachin corridor", "corridor"),
        ("Tehran", "Tehran", "city"),  # the capital, not the same-named province
        ("Zod", "Sotk", "village"),  # an old name
        ("Madagiz", "Sugovushan", "village"),
        ("Armenian-Azerbaijani border", "Armenia–Azerbaijan border", "border"),
        ("Kelbajar region", "Kalbajar District", "district"),
    ],
)
def test_more_names_reporters_use(gz: Gazetteer, name: str, expected: str, feature: str) -> None:
    res = gz.resolve(name)
    assert res is not None and (res.name, res.feature) == (expected, feature)
    assert res.query == name


@pytest.mark.parametrize("name", ["EU", "NATO", "Lake Sevan"])
def test_acronyms_and_unknown_lakes_do_not_grab_a_village(gz: Gazetteer, name: str) -> None:
    assert gz.resolve(name) is None


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=300), context=st.lists(st.text(max_size=30), max_size=3))
def test_any_text_gives_an_answer_or_a_reason(gz: Gazetteer, name: str, context: list[str]) -> None:
    res = gz.resolve(name, context=context, countries=["AM"])
    if res is None:
        assert gz.candidates(name, context=context, countries=["AM"]) == []
        assert gz.why_unresolved(name, context=context, countries=["AM"])
    else:
        assert -90 <= res.latitude <= 90 and -180 <= res.longitude <= 180
        assert 0 < res.confidence <= 1
    assert isinstance(gz.is_known(name), bool)
