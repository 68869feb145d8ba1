"""The :class:`Incidents` container: incident places as a GeoDataFrame, reports as a DataFrame."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .schema import PLACE_COLUMNS, REPORT_COLUMNS, coerce_frame

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

__all__ = ["Incidents"]


class Incidents:
    """Incidents extracted from articles.

    Parameters
    ----------
    places : geopandas.GeoDataFrame
        One row per incident place (see :data:`geoclash.schema.PLACE_COLUMNS`), EPSG:4326.
    reports : pandas.DataFrame
        One row per report (see :data:`geoclash.schema.REPORT_COLUMNS`).
    unresolved : pandas.DataFrame, optional
        Place names no gazetteer knew: report_id, text, role, reason.
    """

    def __init__(
        self,
        places: gpd.GeoDataFrame,
        reports: pd.DataFrame,
        unresolved: pd.DataFrame | None = None,
    ) -> None:
        import geopandas as gpd

        places = coerce_frame(places, PLACE_COLUMNS)
        if "geometry" not in places.columns:
            places["geometry"] = None
        self._places = gpd.GeoDataFrame(places, geometry="geometry", crs="EPSG:4326")
        self._reports = coerce_frame(reports, REPORT_COLUMNS).reset_index(drop=True)
        self._unresolved = (
            unresolved
            if unresolved is not None
            else pd.DataFrame(columns=["report_id", "text", "role", "reason"])
        )

    @classmethod
    def empty(cls) -> Incidents:
        """Return an Incidents with no rows but the full schema."""
        return cls(pd.DataFrame(), pd.DataFrame())

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """Return one row per incident place, like ACLED (a copy; EPSG:4326, lon/lat)."""
        return self._places.copy()

    @property
    def reports(self) -> pd.DataFrame:
        """One row per report: one event as told by one claimant."""
        return self._reports.copy()

    @property
    def unresolved(self) -> pd.DataFrame:
        """Place names that no gazetteer resolved, with the report they came from and why."""
        return self._unresolved.copy()

    @property
    def incident_ids(self) -> list[str]:
        """The distinct incident ids, in first-seen order."""
        return list(dict.fromkeys(self._reports["incident_id"].dropna()))

    def __len__(self) -> int:
        return len(self.incident_ids)

    def __repr__(self) -> str:
        return (
            f"<Incidents: {len(self)} incidents, {len(self._reports)} reports, "
            f"{len(self._places)} places>"
        )

    def explore(self, **kwargs: Any) -> folium.Map:
        """Return the interactive border map (see :func:`geoclash.maps.render_map`)."""
        from .maps import render_map

        return render_map(self, **kwargs)

    def to_geojson(self, path: str | Path | None = None) -> str:
        """Write RFC 7946 GeoJSON to ``path`` (or return it as a string when ``path`` is None)."""
        from .export import to_geojson

        return to_geojson(self, path)

    def to_file(self, path: str | Path, format: str | None = None) -> Path:
        """Write geojson / gpkg / parquet / csv / kml, chosen by ``format`` or the suffix."""
        from .export import write

        return write(self, path, format=format)
