"""Write incidents as GeoJSON (RFC 7946), GeoPackage, GeoParquet, CSV or KML.

Every format carries the documented record schema (:data:`geoclash.schema.PLACE_COLUMNS`) as
flat fields: dates as dates (``YYYY-MM-DD`` in text formats), counts as integers, null where a
value is unknown, and ``casualties`` as a JSON string. Coordinates are WGS 84 longitude/latitude.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import ExportError
from .schema import PLACE_COLUMNS, REPORT_COLUMNS

if TYPE_CHECKING:
    import geopandas as gpd

    from .incidents import Incidents

__all__ = ["FORMATS", "PLACES_LAYER", "REPORTS_LAYER", "to_geojson", "write"]

FORMATS: tuple[str, ...] = ("geojson", "gpkg", "parquet", "csv", "kml")
PLACES_LAYER = "incident_places"
REPORTS_LAYER = "reports"

_SUFFIXES = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".csv": "csv",
    ".kml": "kml",
}

# RFC 7946 §11.2: 6-7 decimals are centimetres; fixed rounding keeps output byte-identical.
_DECIMALS = 7

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


# --- column conversion -----------------------------------------------------------------------


def _kind(name: str, columns: dict[str, tuple[str, str]]) -> str:
    dtype = columns[name][0]
    if dtype.startswith("datetime64"):
        return "date"
    if dtype == "Int64":
        return "int"
    if dtype == "float64":
        return "float"
    if dtype == "object":
        return "json"
    return "str"


def _json_cell(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _column_values(series: pd.Series, kind: str) -> list[Any]:
    """Plain Python values (str / int / float / None) for one column, null as None."""
    if kind == "date":
        dates = pd.to_datetime(series, errors="coerce")
        text = dates.dt.strftime("%Y-%m-%d").astype(object)
        return text.where(dates.notna(), None).tolist()
    if kind == "int":
        ints = series.astype("Int64")
        return [None if v is pd.NA else v for v in ints.tolist()]
    if kind == "float":
        floats = series.astype("float64")
        return floats.astype(object).where(floats.notna(), None).tolist()
    if kind == "json":
        return [_json_cell(v) for v in series.tolist()]
    strings = series.astype("string")
    return strings.astype(object).where(strings.notna(), None).tolist()


def _records(frame: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> dict[str, list[Any]]:
    return {name: _column_values(frame[name], _kind(name, columns)) for name in columns}


# --- GeoJSON ---------------------------------------------------------------------------------


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, (float, int)):
        value = round(float(coords), _DECIMALS)
        return 0.0 if value == 0 else value  # no "-0.0" in the output
    return [_round_coords(c) for c in coords]


def _geometry_json(geom: Any) -> dict[str, Any] | None:
    """RFC 7946 geometry: lon/lat, polygons with counter-clockwise exterior rings."""
    import shapely
    from shapely.geometry import mapping

    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    if geom.geom_type == "Point":
        return {"type": "Point", "coordinates": _round_coords([geom.x, geom.y])}
    if geom.geom_type == "GeometryCollection":
        parts = [_geometry_json(g) for g in geom.geoms]
        return {"type": "GeometryCollection", "geometries": [p for p in parts if p]}
    mapped = mapping(geom)
    return {"type": mapped["type"], "coordinates": _round_coords(mapped["coordinates"])}


def _geometries_text(geoms: Any) -> list[str]:
    """GeoJSON text of every geometry (see :func:`_geometry_json`); points in a fast path."""
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    out = ["null"] * len(geoms)
    is_point = shapely.get_type_id(geoms) == 0
    is_point &= ~shapely.is_empty(geoms)
    if is_point.any():
        xy = shapely.get_coordinates(geoms[is_point]).tolist()
        # Python's round() per value, as for the other shapes, so a place's coordinates do not
        # depend on which path wrote them; "+ 0.0" turns -0.0 into 0.0.
        for i, (x, y) in zip(np.flatnonzero(is_point).tolist(), xy, strict=True):
            out[i] = (
                f'{{"type":"Point","coordinates":'
                f"[{round(x, _DECIMALS) + 0.0!r},{round(y, _DECIMALS) + 0.0!r}]}}"
            )
    rest = np.flatnonzero(~is_point)
    if len(rest):
        # Districts and border sections repeat across reports: encode each shape once.
        done: dict[bytes | None, str] = {}
        keys = shapely.to_wkb(geoms[rest]).tolist()
        for i, key in zip(rest.tolist(), keys, strict=True):
            text = done.get(key)
            if text is None:
                geom = _geometry_json(geoms[i])
                text = done[key] = "null" if geom is None else _ENCODER.encode(geom)
            out[i] = text
    return out


def _dumps(value: Any) -> str:
    """Compact JSON of one value; scalars take json's own C string escaper directly."""
    kind = type(value)
    if kind is str:
        return _html_safe(json.encoder.encode_basestring(value))
    if (kind is float and math.isfinite(value)) or kind is int:
        return repr(value)  # what json.dumps writes for them
    if value is None:
        return "null"
    return _html_safe(_ENCODER.encode(value))


def _html_safe(text: str) -> str:
    """``<``, ``>`` and ``&`` as ``\\u`` escapes: the same JSON value, but the file holds no
    markup, so GeoJSON pasted into a web page's <script> cannot close it or inject tags."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _encode_column(values: list[Any]) -> list[str]:
    """JSON text of every value in a column, encoding each distinct value once."""
    import numpy as np

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    encoded = np.array([*(_dumps(u) for u in uniques), "null"], dtype=object)
    result: list[str] = encoded[codes].tolist()  # the -1 sentinel picks the trailing "null"
    return result


def _places(incidents: Incidents) -> gpd.GeoDataFrame:
    frame = incidents.to_geodataframe()
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    return frame


def to_geojson(incidents: Incidents, path: str | Path | None = None) -> str:
    """Return (and optionally write) the incident places as RFC 7946 GeoJSON.

    One Feature per incident place with flat properties in schema order: dates as
    ``"YYYY-MM-DD"`` strings, counts as integers, ``casualties`` as a JSON string, ``null``
    where unknown. Coordinates are WGS 84 longitude, latitude rounded to 7 decimals; polygon
    exterior rings run counter-clockwise; there is no ``crs`` member. The same input always
    gives byte-identical text.

    Parameters
    ----------
    incidents : Incidents
        The incidents to write.
    path : str or Path, optional
        Where to write the text (UTF-8). When None, only return it.

    Returns
    -------
    str
        The GeoJSON FeatureCollection.

    Raises
    ------
    ExportError
        When ``path`` cannot be written.
    """
    import operator

    places = _places(incidents)
    values = _records(places, PLACE_COLUMNS)
    names = list(PLACE_COLUMNS)
    # The text is assembled from JSON fragments, column by column (each distinct value is
    # encoded once): the same bytes json.dumps(separators=(",", ":")) would give, 3x faster.
    keys = [_dumps(name) + ":" for name in names]
    columns = [_encode_column(values[name]) for name in names]
    geometries = _geometries_text(places.geometry.values)
    features = [
        '{"type":"Feature","properties":{'
        + ",".join(map(operator.add, keys, row))
        + '},"geometry":'
        + geom
        + "}"
        for row, geom in zip(zip(*columns, strict=True), geometries, strict=True)
    ]
    text = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}\n"
    if path is not None:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as err:
            raise ExportError(f"cannot write GeoJSON to {path}: {err.strerror or err}") from err
    return text


# --- tabular forms for GDAL ------------------------------------------------------------------


def _typed_frame(frame: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Columns typed so GDAL writes Date / Integer / Real / String fields (Arrow dtypes)."""
    import pyarrow as pa

    out: dict[str, Any] = {}
    for name in columns:
        kind = _kind(name, columns)
        series = frame[name]
        if kind == "date":
            dates = pd.to_datetime(series, errors="coerce")
            arr = pa.array([None if pd.isna(d) else d.date() for d in dates], type=pa.date32())
            out[name] = pd.Series(pd.arrays.ArrowExtensionArray(arr), index=frame.index)
        elif kind == "int":
            out[name] = series.astype("Int64")
        elif kind == "float":
            out[name] = series.astype("float64")
        else:
            vals = _column_values(series, kind)
            out[name] = pd.Series(pd.array(vals, dtype="string"), index=frame.index)
    return pd.DataFrame(out, index=frame.index)


def _typed_places(incidents: Incidents) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import shapely

    places = _places(incidents).reset_index(drop=True)
    frame = _typed_frame(places, PLACE_COLUMNS)
    geometry = shapely.orient_polygons(places.geometry.values, exterior_cw=False)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=4326), crs=4326)


def _write_gpkg(incidents: Incidents, path: Path) -> None:
    import pyogrio

    places = _typed_places(incidents)
    reports = _typed_frame(incidents.reports, REPORT_COLUMNS)
    if path.exists():
        path.unlink()  # GPKG would otherwise append layers to an old file
    pyogrio.write_dataframe(places, path, layer=PLACES_LAYER, driver="GPKG", use_arrow=True)
    pyogrio.write_dataframe(reports, path, layer=REPORTS_LAYER, driver="GPKG", use_arrow=True)


def _write_parquet(incidents: Incidents, path: Path) -> None:
    places = _typed_places(incidents)
    places.to_parquet(path, index=False, schema_version="1.0.0")


def _neutralise(value: str | None) -> str | None:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe."""
    if value is None or not value.startswith(_FORMULA_START):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


_CSVT = {"date": "Date", "int": "Integer", "float": "Real", "str": "String", "json": "String"}


def _write_csv(incidents: Incidents, path: Path) -> None:
    import csv

    places = _places(incidents).reset_index(drop=True)
    values = _records(places, PLACE_COLUMNS)
    names = list(PLACE_COLUMNS)
    kinds = {name: _kind(name, PLACE_COLUMNS) for name in names}
    for name in names:
        if kinds[name] in ("str", "json"):
            values[name] = [_neutralise(v) for v in values[name]]
    wkt = [None if g is None or g.is_empty else g.wkt for g in places.geometry]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([*names, "wkt"])
        for i in range(len(places)):
            row = [_csv_cell(values[name][i]) for name in names]
            writer.writerow([*row, wkt[i] or ""])
    # GDAL reads the sidecar .csvt to type each column (otherwise everything is a string).
    types = [_CSVT[kinds[name]] for name in names] + ["String"]
    path.with_suffix(".csvt").write_text(",".join(f'"{t}"' for t in types) + "\n")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


def _write_kml(incidents: Incidents, path: Path) -> None:
    import html

    import pyogrio

    places = _typed_places(incidents)
    # KML has no date or nullable integer types; GDAL writes them as text / int fields.
    # Google Earth shows a placemark's data as HTML (and may run scripts in it), so text
    # fields are HTML-escaped here: html.unescape() gives the original back.
    for name in PLACE_COLUMNS:
        kind = _kind(name, PLACE_COLUMNS)
        if kind == "date":
            places[name] = pd.Series(
                pd.array(_column_values(places[name], "date"), dtype="string"),
                index=places.index,
            )
        elif kind in ("str", "json"):
            places[name] = pd.Series(
                pd.array(
                    [
                        None if v is None else html.escape(v)
                        for v in _column_values(places[name], kind)
                    ],
                    dtype="string",
                ),
                index=places.index,
            )
    if path.exists():
        path.unlink()
    pyogrio.write_dataframe(
        places, path, layer=PLACES_LAYER, driver="KML", dataset_options={"NameField": "location"}
    )


_WRITERS = {"gpkg": _write_gpkg, "parquet": _write_parquet, "csv": _write_csv, "kml": _write_kml}


def _choose_format(path: Path, format: str | None) -> str:
    if format is None:
        fmt = _SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise ExportError(
                f"Cannot tell the output format from {path.name!r}; pass format= one of: "
                f"{', '.join(FORMATS)}"
            )
        return fmt
    fmt = format.lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"Unknown output format {format!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def write(incidents: Incidents, path: str | Path, format: str | None = None) -> Path:
    """Write incidents to ``path`` as geojson, gpkg, parquet, csv or kml.

    Parameters
    ----------
    incidents : Incidents
        The incidents to write.
    path : str or Path
        Output file. An existing file is replaced.
    format : str, optional
        One of :data:`FORMATS`; when None it is chosen from the suffix (``.geojson``,
        ``.gpkg``, ``.parquet``, ``.csv``, ``.kml``).

        - ``geojson``: RFC 7946, see :func:`to_geojson`.
        - ``gpkg``: two layers, ``incident_places`` (geometry) and ``reports`` (no geometry).
        - ``parquet``: GeoParquet (WKB geometry, EPSG:4326) of the incident places.
        - ``csv``: ``latitude``/``longitude`` columns plus ``wkt``; a ``.csvt`` sidecar gives
          GDAL the column types. Cells that start like a spreadsheet formula
          (``= + - @``, tab, CR) get a leading apostrophe; numbers are left as they are.
        - ``kml``: one Placemark per incident place, fields as ExtendedData.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    ExportError
        For an unknown format or a path that cannot be written.
    """
    target = Path(path)
    fmt = _choose_format(target, format)
    if not target.parent.exists():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    if fmt == "geojson":
        to_geojson(incidents, target)
        return target
    try:
        _WRITERS[fmt](incidents, target)
    except OSError as err:
        raise ExportError(f"cannot write {target}: {err}") from err
    except Exception as err:
        if type(err).__module__.startswith("pyogrio"):
            raise ExportError(f"GDAL could not write {target} as {fmt}: {err}") from err
        raise
    return target
