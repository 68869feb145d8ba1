"""Lazy imports of optional or heavy libraries, with install hints when they are missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError

# import name -> (pip extra, distribution to name in the message)
_EXTRAS: dict[str, tuple[str, str]] = {
    "dask": ("dask", "dask[dataframe,distributed]"),
    "dask.dataframe": ("dask", "dask[dataframe,distributed]"),
    "distributed": ("dask", "dask[dataframe,distributed]"),
    "dask_geopandas": ("dask", "dask-geopandas"),
    "playwright": ("test", "playwright"),
}


def import_optional(name: str) -> ModuleType:
    """Import ``name`` or raise :class:`MissingDependencyError` saying how to install it.

    Parameters
    ----------
    name : str
        Dotted module name, e.g. ``"dask_geopandas"``.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    MissingDependencyError
        When the module is not installed; the message holds the ``pip install`` to run.
    """
    try:
        return importlib.import_module(name)
    except ImportError as err:
        extra, dist = _EXTRAS.get(name, ("", name))
        hint = f'pip install "geoclash[{extra}]"' if extra else f"pip install {dist}"
        raise MissingDependencyError(
            f"{name} is needed for this feature but is not installed; run: {hint}"
        ) from err
