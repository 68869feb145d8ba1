"""``geoclash gazetteer check`` passes on the shipped data and catches planted mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoclash.cli import main
from geoclash.errors import GazetteerDataError
from geoclash.validate import check_gazetteer

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "gazetteer"


def test_shipped_gazetteer_is_clean() -> None:
    assert check_gazetteer() == []


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the gazetteer with three planted mistakes."""
    folder = tmp_path / "gazetteer"
    shutil.copytree(SHIPPED, folder)
    places = folder / "places.tsv"
    lines = places.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        cols = line.rstrip("\n").split("\t")
        if cols[0] == "gn:174895":  # Goris, moved to Tabriz in Iran
            cols[6], cols[7] = "38.08000", "46.29000"
            lines[i] = "\t".join(cols) + "\n"
        if cols[0] == "gn:616041":  # Sotk, listed twice
            lines.insert(i + 1, line)
            break
    places.write_text("".join(lines), encoding="utf-8")
    with (folder / "aliases.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Atlantis\tgn:999999999\ten\t0\n")
    return folder


def test_planted_mistakes_are_exactly_the_problems(broken: Path) -> None:
    found = {(p.place_id, p.kind) for p in check_gazetteer(broken)}
    assert found == {
        ("gn:174895", "outside-country"),
        ("gn:174895", "outside-admin1"),
        ("gn:616041", "duplicate-id"),
        ("gn:999999999", "alias-target"),
    }


def test_problem_reads_as_one_tab_separated_line(broken: Path) -> None:
    moved = [p for p in check_gazetteer(broken) if p.kind == "outside-country"]
    assert str(moved[0]).startswith("gn:174895\toutside-country\t(38.08000, 46.29000) is ")
    assert "outside AM" in str(moved[0])


def test_missing_file_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match=r"places\.tsv"):
        check_gazetteer(tmp_path)


def test_cli_check_exits_zero_on_shipped_data() -> None:
    result = CliRunner().invoke(main, ["gazetteer", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "gazetteer check: OK" in result.stderr


def test_cli_check_exits_one_and_lists_problems(broken: Path) -> None:
    result = CliRunner().invoke(main, ["gazetteer", "check", "--path", str(broken)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 4
    assert "4 problem(s)" in result.stderr


def test_cli_check_missing_data_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["gazetteer", "check", "--path", str(tmp_path)])
    assert result.exit_code == 1
    assert "places.tsv" in result.stderr
    assert "Traceback" not in result.output


def test_exception_that_no_longer_applies_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "gazetteer"
    shutil.copytree(SHIPPED, folder)
    with (folder / "curated" / "check_exceptions.tsv").open("a", encoding="utf-8") as fh:
        fh.write("gn:174895\toutside-country\tGoris is well inside Armenia; nothing to excuse\n")
    found = [(p.place_id, p.kind) for p in check_gazetteer(folder)]
    assert found == [("gn:174895", "stale-exception")]
