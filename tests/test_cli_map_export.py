"""`geoclash map` and `geoclash export` on the seed articles, through click's CliRunner."""

from __future__ import annotations

import json

import pyogrio
import pytest
from click.testing import CliRunner

from geoclash.cli import main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_map_of_the_seeds(runner, seeds_dir, tmp_path):
    out = tmp_path / "clashes.html"
    result = runner.invoke(main, ["map", str(seeds_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "var data = [" in page and "gc-border" in page
    assert "Goris" in page and "Jermuk" in page
    assert "map written to" in result.stderr
    assert result.stderr.count("3 articles read, 0 skipped") == 1
    assert result.stdout == ""  # stdout carries only data


def test_map_without_tiles(runner, seeds_dir, tmp_path):
    out = tmp_path / "offline.html"
    result = runner.invoke(main, ["map", str(seeds_dir), "-o", str(out), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "L.tileLayer" not in page
    assert "Countries (offline base map)" in page


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet", "csv", "kml"])
def test_export_every_format(runner, seeds_dir, tmp_path, fmt):
    out = tmp_path / f"clashes.{fmt}"
    result = runner.invoke(main, ["export", str(seeds_dir), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        import geopandas as gpd

        frame = gpd.read_parquet(out)
    else:
        frame = pyogrio.read_dataframe(out, layer=0)
    assert len(frame) > 0
    assert {"Goris", "Jermuk"} <= set(frame["location" if fmt != "kml" else "Name"])


def test_export_format_from_suffix(runner, seeds_dir, tmp_path):
    out = tmp_path / "clashes.geojson"
    result = runner.invoke(main, ["export", str(seeds_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_export_unknown_suffix_is_one_line(runner, seeds_dir, tmp_path):
    result = runner.invoke(main, ["export", str(seeds_dir), "-o", str(tmp_path / "x.shp")])
    assert result.exit_code == 1
    assert "Cannot tell the output format from 'x.shp'" in result.stderr
    assert "Traceback" not in result.output


def test_unreadable_input_exits_1_but_writes_the_rest(runner, seeds_dir, tmp_path):
    out = tmp_path / "c.geojson"
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["export", str(seeds_dir), str(missing), "-o", str(out)])
    assert result.exit_code == 1
    assert f"geoclash: {missing}" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) > 0


def test_map_with_assets_is_self_contained(runner, seeds_dir, tmp_path):
    from pathlib import Path

    node = Path(__file__).resolve().parent / "browser" / "node_modules"
    out = tmp_path / "offline.html"
    args = ["map", str(seeds_dir), "-o", str(out), "--tiles", "none", "--assets", str(node)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert '<script src="' not in out.read_text(encoding="utf-8")


def test_map_with_a_wrong_assets_folder_is_one_line(runner, seeds_dir, tmp_path):
    args = ["map", str(seeds_dir), "-o", str(tmp_path / "m.html"), "--assets", str(tmp_path)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "no local copy of these map assets" in result.stderr
    assert "Traceback" not in result.output
