"""The documented record schema: one row per incident place (ACLED-like), one per report.

Column names follow ACLED where they mean the same thing (event_date, event_type,
sub_event_type, actor1, actor2, location, admin1, country, latitude, longitude,
geo_precision, source, notes) and add what clash reports need: claimant, killed / wounded /
captured, casualties, weapons, evidence.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["PLACE_COLUMNS", "REPORT_COLUMNS", "coerce_frame"]

# name -> (pandas dtype, meaning). Strings are pandas' nullable "string" so null stays null.
PLACE_COLUMNS: dict[str, tuple[str, str]] = {
    "incident_id": ("string", "Event id shared by every report of the same event"),
    "report_id": ("string", "'{article_id}#{n}': one event as told by one claimant"),
    "article_id": ("string", "Input file name without extension, or the record id"),
    "event_date": ("datetime64[ns]", "Day the event happened (midnight, no time zone)"),
    "time_precision": ("string", "day, week, month or unknown"),
    "event_type": ("string", "ACLED event type, e.g. 'Explosions/Remote violence'"),
    "sub_event_type": ("string", "ACLED sub-event type, e.g. 'Shelling/artillery/missile attack'"),
    "actor1": ("string", "Who acted, normalised ('Military Forces of Azerbaijan')"),
    "actor2": ("string", "Who was acted on"),
    "claimant": ("string", "Who says so ('Ministry of Defence of Armenia'); null = the article"),
    "location": ("string", "Gazetteer name of the place ('Sotk')"),
    "location_text": ("string", "The name as written in the article ('Sok')"),
    "role": ("string", "incident or incident-area"),
    "feature": ("string", "city, village, district, province, region, country, border, corridor"),
    "country": ("string", "ISO 3166-1 alpha-2 code of the place"),
    "admin1": ("string", "First-level division (marz / rayon / province)"),
    "latitude": ("float64", "WGS 84 latitude of a representative point"),
    "longitude": ("float64", "WGS 84 longitude of a representative point"),
    "geo_precision": ("Int64", "1 the town itself, 2 near it or a small district, 3 region/border"),
    "confidence": ("float64", "Resolver confidence 0..1"),
    "geonameid": ("Int64", "GeoNames id where the place has one"),
    "killed": ("Int64", "Total killed in the report (null = not stated or unknown)"),
    "wounded": ("Int64", "Total wounded in the report"),
    "captured": ("Int64", "Total captured / detained in the report"),
    "casualties": ("object", "List of {side, kind, count, qualifier}; a JSON string in files"),
    "weapons": ("string", "Weapons named, '; '-separated ('artillery; drones')"),
    "source": ("string", "Where the article was read (path or corpus#record)"),
    "source_url": ("string", "Article URL when known"),
    "publisher": ("string", "Publisher when known"),
    "published": ("datetime64[ns]", "Publication date of the article"),
    "evidence": ("string", "The sentence(s) the report rests on"),
    "notes": ("string", "Short summary of the report"),
}

REPORT_COLUMNS: dict[str, tuple[str, str]] = {
    **{
        k: v
        for k, v in PLACE_COLUMNS.items()
        if k
        not in {
            "location",
            "location_text",
            "role",
            "feature",
            "country",
            "admin1",
            "latitude",
            "longitude",
            "geo_precision",
            "confidence",
            "geonameid",
        }
    },
    "places": ("string", "Incident places as written, '; '-separated"),
    "evidence_start": ("Int64", "Offset of the first evidence sentence in the article text"),
    "evidence_end": ("Int64", "End offset of the last evidence sentence"),
}


def coerce_frame(frame: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Return ``frame`` with exactly the schema's columns, in order, with the schema's dtypes.

    Missing columns are added as all-null; extra columns (such as ``geometry``) are kept
    after the schema's columns.
    """
    out = frame.copy()
    for name, (dtype, _) in columns.items():
        if name not in out.columns:
            out[name] = pd.Series([None] * len(out), index=out.index, dtype="object")
        out[name] = _as_dtype(out[name], dtype)
    extra = [c for c in out.columns if c not in columns]
    return out[[*columns, *extra]]


def _as_dtype(series: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime64"):
        return pd.to_datetime(series, errors="coerce").astype("datetime64[ns]")
    if dtype == "object":
        return series.astype("object")
    target: Any = dtype
    result: pd.Series = series.astype(target)
    return result
