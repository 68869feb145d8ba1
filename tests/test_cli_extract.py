"""`geoclash extract` as a user runs it: exit codes, stdout data, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from geoclash.cli import main


def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input)


def test_jsonl_has_one_record_per_incident_place(seeds_dir: Path) -> None:
    result = _run("extract", str(seeds_dir), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # 11 places of the two 13 Sep 2022 / 16 Nov 2021 events, and one each for two earlier
    # events seed 000 tells in passing (last week's attack, August's losses)
    assert len(records) == 13
    sotk = next(r for r in records if r["location_text"] == "Sok")
    assert (sotk["location"], sotk["country"], sotk["geo_precision"]) == ("Sotk", "AM", 2)
    assert sotk["geometry"]["type"] == "Point"
    assert sotk["event_date"] == "2022-09-13"
    assert "summary" not in result.stdout
    assert "8 reports, 4 incidents, 13 places" in result.stderr


def test_geojson_to_a_file(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "clashes.geojson"
    result = _run("extract", str(seeds_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 13


def test_csv_to_stdout_has_coordinates(seeds_dir: Path) -> None:
    result = _run("extract", str(seeds_dir / "004_e773e224f50095ea.txt"), "--format", "csv")
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert {"latitude", "longitude", "claimant", "casualties"} <= set(header)


def test_stdin_with_a_default_date() -> None:
    text = (
        "Armenia's defence ministry said on Tuesday that Azerbaijani forces shelled Armenian "
        "positions near Jermuk, wounding two Armenian soldiers."
    )
    result = _run("extract", "-", "--published", "2022-09-13", "--format", "jsonl", input=text)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["location"] == "Jermuk"
    assert record["wounded"] == 2
    assert record["claimant"] == "Ministry of Defence of Armenia"


def test_a_missing_file_is_one_line_and_the_rest_is_processed(
    seeds_dir: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    result = _run("extract", str(missing), str(seeds_dir), "--format", "jsonl")
    assert result.exit_code == 1
    assert f"geoclash: {missing}:" in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == 13


def test_a_bad_date_is_a_usage_error(seeds_dir: Path) -> None:
    result = _run("extract", str(seeds_dir), "--published", "13/09/2022")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output or "%Y-%m-%d" in result.output


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    # `geoclash extract big.jsonl --format jsonl | head -1`: no error, no traceback.
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from _corpus import write_corpus

    corpus = write_corpus(tmp_path / "corpus.jsonl", 120)  # well over a pipe's 64 KB of output
    proc = subprocess.Popen(
        [sys.executable, "-m", "geoclash", "extract", str(corpus), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "geometry" in json.loads(first)
    assert "Error" not in err and "Traceback" not in err
