"""geoclash installed from a wheel into a fresh venv works from any folder: the shipped
gazetteer and boundaries travel inside the package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with geoclash installed (non-editable) from a freshly built wheel."""
    work = tmp_path_factory.mktemp("install")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("geoclash-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["GEOCLASH_CACHE_DIR"] = str(cwd / "cache")
    return subprocess.run(
        [str(env_dir / "bin" / "geoclash"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_wheel_carries_the_gazetteer(installed: Path, tmp_path: Path) -> None:
    code = "import geoclash._data as d; print(d.gazetteer_dir())"
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(installed) in out.stdout
    assert "site-packages/geoclash/_data/gazetteer" in out.stdout


def test_resolve_and_check_from_another_folder(installed: Path, tmp_path: Path) -> None:
    result = _run(
        installed, "resolve", "Goris", "Sok", "--context", "Jermuk", "--json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    goris, sotk = (json.loads(line) for line in result.stdout.splitlines())
    assert (goris["name"], goris["country"]) == ("Goris", "AM")
    assert sotk["name"] == "Sotk"
    check = _run(installed, "gazetteer", "check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


def test_map_and_export_of_copied_seeds(installed: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    result = _run(installed, "map", "seeds", "-o", "clashes.html", "--tiles", "none", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "clashes.html").read_text(encoding="utf-8")
    assert "Goris" in html and "Sotk" in html
    result = _run(installed, "extract", "seeds", "-o", "out.geojson", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    features = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == 13  # 11 places of the two main events, two of earlier ones
