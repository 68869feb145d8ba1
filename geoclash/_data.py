"""Where the shipped data lives, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import GazetteerDataError


@cache
def gazetteer_dir() -> Path:
    """Return the folder that holds the shipped gazetteer (``data/gazetteer`` in the repo).

    An installed wheel carries it as ``geoclash/_data/gazetteer``; an editable install or a
    plain checkout finds it at the top of the repository.

    Raises
    ------
    GazetteerDataError
        When neither location exists (a broken install).
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / "gazetteer", here.parent / "data" / "gazetteer"):
        if (candidate / "places.tsv").is_file():
            return candidate
    raise GazetteerDataError(
        "the shipped gazetteer is missing (looked in geoclash/_data/gazetteer and "
        "data/gazetteer); reinstall geoclash with: pip install --force-reinstall geoclash"
    )


def data_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``data_path("boundaries", "countries.geojson")``.

    Raises
    ------
    GazetteerDataError
        When the file is not part of the shipped data.
    """
    path = gazetteer_dir().joinpath(*parts)
    if not path.exists():
        raise GazetteerDataError(
            f"shipped data file {'/'.join(parts)!r} is missing from {gazetteer_dir()}; "
            "rebuild it with: python scripts/build_gazetteer.py"
        )
    return path
