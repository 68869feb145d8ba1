"""geoclash: turn news reports of border clashes into mapped, checkable incident data.

The public API is imported lazily so that ``import geoclash`` stays light; each name is
loaded from its module on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "Article": "records",
    "IncidentReport": "records",
    "PlaceMention": "records",
    "Casualty": "records",
    "Evidence": "records",
    "Resolution": "resolve",
    "Gazetteer": "gazetteer",
    "GazetteerGeocoder": "geocoder",
    "read_articles": "articles",
    "extract": "extractor",
    "extract_reports": "extractor",
    "Incidents": "incidents",
    "render_map": "maps",
    "to_geojson": "export",
    "write": "export",
    "errors": "errors",
}

__all__ = [
    "Article",
    "Casualty",
    "Evidence",
    "Gazetteer",
    "GazetteerGeocoder",
    "IncidentReport",
    "Incidents",
    "PlaceMention",
    "Resolution",
    "__version__",
    "errors",
    "extract",
    "extract_reports",
    "read_articles",
    "render_map",
    "to_geojson",
    "write",
]


def __getattr__(name: str) -> Any:
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'geoclash' has no attribute {name!r}") from None
    module = importlib.import_module(f".{module_name}", __name__)
    value = module if name == "errors" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
