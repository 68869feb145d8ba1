"""Every exception geoclash raises.

Each class derives from :class:`GeoclashError` and, where a caller would already catch a
built-in (``ValueError``, ``OSError``, ``ImportError``), from that built-in too, so
``except ValueError`` keeps working for code that does not know geoclash.
"""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "ExportError",
    "GazetteerDataError",
    "GeoclashError",
    "GeocoderError",
    "InvalidOptionError",
    "MissingDependencyError",
    "UnreadableInputError",
]


class GeoclashError(Exception):
    """Root of every geoclash error."""


class InvalidOptionError(GeoclashError, ValueError):
    """An argument has a value outside its documented choices."""


class ArticleError(GeoclashError, ValueError):
    """An article's content cannot be used (empty, undecodable, not text)."""


class UnreadableInputError(GeoclashError, OSError):
    """An input path cannot be read (missing, a directory loop, no permission)."""


class GazetteerDataError(GeoclashError, OSError):
    """The shipped gazetteer or its cached index is missing, corrupt or inconsistent."""


class GeocoderError(GeoclashError, RuntimeError):
    """The online fallback geocoder failed (network, quota, bad answer)."""


class ExportError(GeoclashError, ValueError):
    """Incidents cannot be written in the requested format or place."""


class MissingDependencyError(GeoclashError, ImportError):
    """An optional dependency is needed for this feature and is not installed."""
