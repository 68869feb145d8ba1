"""``geoclash resolve`` and ``geoclash gazetteer search`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geoclash.cli import main

KEYS = [
    "query",
    "name",
    "latitude",
    "longitude",
    "country",
    "admin1",
    "feature",
    "geonameid",
    "geo_precision",
    "confidence",
    "alternatives",
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_json_one_object_per_name_with_the_documented_keys(runner: CliRunner) -> None:
    result = runner.invoke(main, ["resolve", "Goris", "Kelbajar district", "--json"])
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    assert [r["query"] for r in rows] == ["Goris", "Kelbajar district"]
    assert list(rows[0]) == KEYS
    goris, district = rows
    assert (goris["name"], goris["country"], goris["feature"]) == ("Goris", "AM", "city")
    assert goris["geonameid"] == 174895 and goris["geo_precision"] == 1
    assert goris["latitude"] == pytest.approx(39.511, abs=0.01)
    assert goris["longitude"] == pytest.approx(46.342, abs=0.01)
    assert 0 < goris["confidence"] <= 1
    assert district["feature"] == "district" and district["geo_precision"] == 2
    for alt in goris["alternatives"]:
        assert list(alt) == ["name", "country", "latitude", "longitude", "feature"]


def test_context_and_country_options(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["resolve", "Sok", "--context", "Goris", "-c", "Jermuk", "--country", "am", "--json"]
    )
    assert result.exit_code == 0, result.output
    (row,) = lines(result.stdout)
    assert row["name"] == "Sotk" and row["country"] == "AM"
    martuni = runner.invoke(main, ["resolve", "Martuni", "--context", "Stepanakert", "--json"])
    assert lines(martuni.stdout)[0]["country"] == "AZ"


def test_unresolved_name_has_null_name_and_a_reason_and_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["resolve", "Goris", "Xyzzyville", "--json"])
    assert result.exit_code == 1
    good, bad = lines(result.stdout)
    assert good["name"] == "Goris"
    assert bad["query"] == "Xyzzyville" and bad["name"] is None
    assert "Xyzzyville" in bad["reason"]
    assert "1 of 2 name(s) unresolved" in result.stderr


def test_table_output_is_one_line_per_name(runner: CliRunner) -> None:
    result = runner.invoke(main, ["resolve", "Goris", "Union"])
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert len(out) == 2
    assert out[0].startswith("Goris\tGoris (") and "39.51111, 46.34168" in out[0]
    assert out[1].startswith("Union\t-\tunresolved:") and "common English word" in out[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["resolve", "Goris", "--country", "XX"], "unknown country code(s) 'XX'"),
        (["resolve", "Goris", "--country", "ZZ", "--country", "AM"], "'ZZ'"),
        (["resolve"], "Missing argument 'NAMES...'"),
        (["resolve", "Goris", "--feature", "town"], "Invalid value for '--feature'"),
        (["gazetteer", "search", "Go", "--limit", "0"], "Invalid value for '--limit'"),
    ],
    ids=["bad-country", "one-bad-country", "no-names", "bad-feature", "bad-limit"],
)
def test_usage_errors_exit_2_with_one_line(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("?!.,;", "no letters"),
        ("Goris" * 2000, "10000 characters"),
        ("\x00\x01binary\x02", "control characters"),
        ("\udcff\udcfejunk", "control characters or undecodable"),
    ],
    ids=["empty", "punctuation", "10k-chars", "control-bytes", "undecodable-bytes"],
)
def test_bad_input_is_unresolved_never_a_traceback(
    runner: CliRunner, name: str, reason: str
) -> None:
    result = runner.invoke(main, ["resolve", name, "--json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (row,) = lines(result.stdout)
    assert row["name"] is None and reason in row["reason"]
    table = runner.invoke(main, ["resolve", name])
    assert table.exit_code == 1 and len(table.stdout.splitlines()) == 1


def test_gazetteer_search_lists_prefix_matches(runner: CliRunner) -> None:
    result = runner.invoke(main, ["gazetteer", "search", "Kelb", "--limit", "5"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert 1 <= len(rows) <= 5
    assert rows[0].split("\t")[:4] == ["gn:586268", "Kalbajar", "AZ", "city"]


def test_gazetteer_search_json_and_fuzzy(runner: CliRunner) -> None:
    result = runner.invoke(main, ["gazetteer", "search", "Jermukk", "--json"])
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    assert rows[0]["name"] == "Jermuk" and rows[0]["country"] == "AM"


def test_gazetteer_search_nothing_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["gazetteer", "search", "Qqxzzyv"])
    assert result.exit_code == 1
    assert result.stdout == "" and "no place matches" in result.stderr


def test_unwritable_cache_folder_is_a_one_line_error(
    runner: CliRunner, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geoclash.gazetteer import Gazetteer

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GEOCLASH_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(Gazetteer, "_default", None)  # load afresh with this cache folder
    result = runner.invoke(main, ["resolve", "Goris"])
    assert result.exit_code == 1
    assert "set GEOCLASH_CACHE_DIR to a writable folder" in result.stderr
    assert "Traceback" not in result.output
