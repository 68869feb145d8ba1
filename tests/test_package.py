"""The package imports light and its CLI is a good citizen."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from geoclash.cli import main


def test_import_is_light() -> None:
    # Heavy libraries load only when a feature needs them.
    code = (
        "import sys, geoclash; "
        "heavy = [m for m in ('geopandas', 'folium', 'dask', 'trafilatura') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Turn news reports of border clashes" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output
