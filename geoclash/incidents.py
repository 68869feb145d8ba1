"""The :class:`Incidents` container: incident places as a GeoDataFrame, reports as a DataFrame."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .records import IncidentReport
from .schema import PLACE_COLUMNS, REPORT_COLUMNS, coerce_frame

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from .places import ResolvedPlace

__all__ = ["Incidents", "build_incidents", "report_row"]

_INCIDENT_ROLES = ("incident", "incident-area")


def report_row(report: IncidentReport, incident_id: str) -> dict[str, Any]:
    """One report as a flat record of :data:`~geoclash.schema.REPORT_COLUMNS`."""
    evidence = report.evidence
    return {
        "incident_id": incident_id,
        "report_id": report.report_id,
        "article_id": report.article_id,
        "event_date": report.event_date,
        "time_precision": report.time_precision,
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": report.actor1,
        "actor2": report.actor2,
        "claimant": report.claimant,
        "killed": report.total("killed"),
        "wounded": report.total("wounded"),
        "captured": report.total("captured"),
        # field by field: dataclasses.asdict deep-copies and costs several times more
        "casualties": [
            {"side": c.side, "kind": c.kind, "count": c.count, "qualifier": c.qualifier}
            for c in report.casualties
        ],
        "weapons": "; ".join(report.weapons) or None,
        "source": report.source,
        "source_url": report.source_url,
        "publisher": report.publisher,
        "published": report.published,
        "evidence": " ".join(e.text for e in evidence) or None,
        "notes": report.notes,
        "places": "; ".join(p.text for p in report.places if p.role in _INCIDENT_ROLES) or None,
        "evidence_start": evidence[0].start if evidence else None,
        "evidence_end": evidence[-1].end if evidence else None,
    }


def build_incidents(
    reports: Sequence[IncidentReport], resolved: Sequence[ResolvedPlace]
) -> Incidents:
    """Link reports into incidents and lay them out as the documented frames.

    Parameters
    ----------
    reports : sequence of IncidentReport
    resolved : sequence of ResolvedPlace
        From :func:`geoclash.places.resolve_reports`.

    Returns
    -------
    Incidents
    """
    import geopandas as gpd

    from .link import link_reports

    incident_ids = link_reports(reports)
    rows = {r.report_id: report_row(r, incident_ids[r.report_id]) for r in reports}
    # the report columns a place row repeats, picked once per report
    place_bases: dict[str, dict[str, Any]] = {}
    place_rows: list[dict[str, Any]] = []
    geometries: list[Any] = []
    unresolved: list[dict[str, Any]] = []
    for rp in resolved:
        if rp.mention.role not in _INCIDENT_ROLES:
            continue
        res = rp.resolution
        if res is None or rp.reason is not None:
            # a name placed only on its side's border is still a name no gazetteer knew
            unresolved.append(
                {"report_id": rp.report_id, "text": rp.mention.text, "role": rp.mention.role,
                 "reason": rp.reason}
            )  # fmt: skip
        if res is None:
            continue
        base = place_bases.get(rp.report_id)
        if base is None:
            row = rows[rp.report_id]
            base = place_bases[rp.report_id] = {k: v for k, v in row.items() if k in PLACE_COLUMNS}
        place_rows.append(
            {
                **base,
                "location": res.name,
                "location_text": rp.mention.text,
                "role": rp.mention.role,
                "feature": res.feature,
                "country": res.country,
                "admin1": res.admin1,
                "latitude": res.latitude,
                "longitude": res.longitude,
                "geo_precision": res.geo_precision,
                "confidence": round(res.confidence, 3),
                "geonameid": res.geonameid,
            }
        )
        geometries.append(res.geometry)
    places = gpd.GeoDataFrame(pd.DataFrame(place_rows), geometry=geometries, crs="EPSG:4326")
    reports_frame = pd.DataFrame(list(rows.values()))
    return Incidents(
        places,
        reports_frame,
        pd.DataFrame(unresolved, columns=["report_id", "text", "role", "reason"]),
    )


def casualties_json(value: Any) -> str:
    """The ``casualties`` list as the compact JSON string used in files."""
    return json.dumps(value if isinstance(value, list) else [], ensure_ascii=False)


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

    def _repr_html_(self) -> str:
        """Notebook view: a one-line count, the first rows as a table, then the map."""
        import html

        columns = [
            "event_date",
            "location",
            "claimant",
            "event_type",
            "killed",
            "wounded",
            "geo_precision",
        ]
        table = self._places[columns].head(20).to_html(index=False, na_rep="", escape=True)
        more = len(self._places) - 20
        note = f"<p>… and {more} more places</p>" if more > 0 else ""
        fmap = self.explore(height=420)._repr_html_()
        return f"<p>{html.escape(repr(self))}</p>{table}{note}{fmap}"

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
