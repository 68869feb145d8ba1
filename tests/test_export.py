"""Exports: GeoJSON (RFC 7946), GeoPackage, GeoParquet, CSV and KML, read back by GDAL."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import shapely
from _incidents import FORMULA, XSS_TEXT, many_incidents, seed_incidents

from geoclash.errors import ExportError
from geoclash.export import to_geojson, write
from geoclash.schema import PLACE_COLUMNS, REPORT_COLUMNS

DATE_FIELDS = [k for k, (t, _) in PLACE_COLUMNS.items() if t.startswith("datetime")]
INT_FIELDS = [k for k, (t, _) in PLACE_COLUMNS.items() if t == "Int64"]
FLOAT_FIELDS = [k for k, (t, _) in PLACE_COLUMNS.items() if t == "float64"]


@pytest.fixture(scope="module")
def incidents():
    return seed_incidents()


@pytest.fixture(scope="module")
def expected(incidents) -> list[dict]:
    """The places as plain values, the way every format should give them back."""
    return json.loads(to_geojson(incidents))["features"]


def _plain(value):
    """Normalise a value read back by GDAL/pandas to str / int / float / None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        return value.item()
    return value


def _assert_rows_equal(frame: pd.DataFrame, expected: list[dict], *, as_text=False) -> None:
    assert len(frame) == len(expected)
    for (_, row), feature in zip(frame.iterrows(), expected, strict=True):
        for name, want in feature["properties"].items():
            got = _plain(row[name])
            if isinstance(want, float) and got is not None:
                assert float(got) == pytest.approx(want, abs=1e-7), name
                continue
            if as_text and want is not None:
                want = str(want)
                got = None if got is None else str(got)
            if name in INT_FIELDS and got is not None and not as_text:
                assert int(got) == want, name
            else:
                assert got == want, (name, got, want)


# --- GeoJSON ---------------------------------------------------------------------------------


def test_geojson_is_rfc7946(incidents):
    doc = json.loads(to_geojson(incidents))
    assert set(doc) == {"type", "features"}  # no "crs", no "bbox" member of another CRS
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(incidents.to_geodataframe()) == 10
    for feature in doc["features"]:
        assert set(feature) == {"type", "properties", "geometry"}
        assert list(feature["properties"]) == list(PLACE_COLUMNS)
        for value in feature["properties"].values():
            assert value is None or isinstance(value, (str, int, float))


def test_geojson_points_are_lon_lat(incidents):
    doc = json.loads(to_geojson(incidents))
    goris = next(f for f in doc["features"] if f["properties"]["location"] == "Goris")
    assert goris["geometry"] == {"type": "Point", "coordinates": [46.3381, 39.5111]}


def test_geojson_polygons_are_counter_clockwise(incidents):
    # The hand-built district rings run clockwise; the file must turn them around.
    doc = json.loads(to_geojson(incidents))
    polygons = [f["geometry"] for f in doc["features"] if f["geometry"]["type"] == "Polygon"]
    assert len(polygons) == 5
    for geom in polygons:
        ring = shapely.LinearRing(geom["coordinates"][0])
        assert ring.is_ccw


def test_geojson_properties_are_typed(incidents):
    doc = json.loads(to_geojson(incidents))
    props = {
        f["properties"]["report_id"] + f["properties"]["location"]: f["properties"]
        for f in doc["features"]
    }
    lachin = props["004_e773e224f50095ea#1Lachin"]
    assert lachin["event_date"] == "2021-11-16"
    assert lachin["wounded"] == 2 and lachin["killed"] is None
    assert json.loads(lachin["casualties"]) == [
        {"count": 2, "kind": "wounded", "qualifier": "exact", "side": "Azerbaijan"}
    ]
    assert props["000_6f7b32bb2428573d#1Goris"]["casualties"] == "[]"


def test_geojson_is_byte_identical(incidents, tmp_path):
    first = to_geojson(incidents, tmp_path / "a.geojson")
    second = to_geojson(seed_incidents(), tmp_path / "b.geojson")
    assert first == second
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()


def test_geojson_fields_typed_by_gdal(incidents, tmp_path):
    path = write(incidents, tmp_path / "places.geojson")
    info = pyogrio.read_info(path)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert info["features"] == 10
    assert info["crs"] == "EPSG:4326"
    for name in DATE_FIELDS:
        assert types[name] == "OFTDate", name
    for name in ("killed", "wounded", "geo_precision", "geonameid"):
        assert types[name] in ("OFTInteger", "OFTInteger64"), name
    for name in FLOAT_FIELDS:
        assert types[name] == "OFTReal", name
    assert types["evidence"] == "OFTString"


def test_geojson_read_back_by_pyogrio(incidents, expected, tmp_path):
    path = write(incidents, tmp_path / "places.geojson")
    frame = pyogrio.read_dataframe(path)
    _assert_rows_equal(frame, expected)
    assert list(frame.geometry.geom_type) == [f["geometry"]["type"] for f in expected]


def test_ogrinfo_reads_geojson(incidents, tmp_path):
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "ogrinfo missing: apt-get install gdal-bin"
    path = write(incidents, tmp_path / "places.geojson")
    out = subprocess.run(
        [ogrinfo, "-so", "-al", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert "Feature Count: 10" in out
    assert "event_date: Date" in out
    assert "killed: Integer" in out
    assert "latitude: Real" in out
    assert "WGS 84" in out


# --- other formats ---------------------------------------------------------------------------


def test_gpkg_has_places_and_reports_layers(incidents, expected, tmp_path):
    path = write(incidents, tmp_path / "out.gpkg")
    layers = {name: geom for name, geom in pyogrio.list_layers(path)}
    assert set(layers) == {"incident_places", "reports"}
    assert layers["reports"] is None
    info = pyogrio.read_info(path, layer="incident_places")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate" and types["published"] == "OFTDate"
    assert types["killed"] in ("OFTInteger", "OFTInteger64")
    _assert_rows_equal(pyogrio.read_dataframe(path, layer="incident_places"), expected)
    reports = pyogrio.read_dataframe(path, layer="reports")
    assert list(reports.columns) == list(REPORT_COLUMNS)
    assert reports["report_id"].tolist() == incidents.reports["report_id"].tolist()
    assert reports["wounded"].tolist()[2:4] == [2, 4]


def test_gpkg_replaces_an_old_file(incidents, tmp_path):
    path = tmp_path / "out.gpkg"
    write(incidents, path)
    write(incidents, path)
    assert pyogrio.read_info(path, layer="incident_places")["features"] == 10


def test_geoparquet_round_trip(incidents, expected, tmp_path):
    import geopandas as gpd

    path = write(incidents, tmp_path / "out.parquet")
    frame = gpd.read_parquet(path)
    assert frame.crs.to_epsg() == 4326
    _assert_rows_equal(frame, expected)
    original = incidents.to_geodataframe().geometry
    assert shapely.equals(frame.geometry.values, original.values).all()
    # GeoParquet metadata as the spec wants it (GDAL's Parquet driver is optional in wheels).
    import pyarrow.parquet as pq

    meta = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert meta["primary_column"] == "geometry"
    assert meta["columns"]["geometry"]["encoding"] == "WKB"


def test_csv_round_trip_through_gdal(incidents, expected, tmp_path):
    path = write(incidents, tmp_path / "out.csv")
    info = pyogrio.read_info(path)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert types["killed"] == "OFTInteger"
    assert types["latitude"] == "OFTReal" and types["longitude"] == "OFTReal"
    # GDAL reads an empty CSV cell as "" unless told it means null.
    frame = pyogrio.read_dataframe(path, EMPTY_STRING_AS_NULL="YES")
    neutral = [dict(f, properties=dict(f["properties"])) for f in expected]
    for f in neutral:
        if f["properties"]["notes"] == FORMULA:
            f["properties"]["notes"] = "'" + FORMULA
    _assert_rows_equal(frame, neutral)
    wkt = shapely.from_wkt(frame["wkt"].tolist())
    assert shapely.equals(wkt, incidents.to_geodataframe().geometry.values).all()


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        pytest.param(FORMULA, "'" + FORMULA, id="hyperlink-formula"),
        pytest.param("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", id="plus-dde"),
        pytest.param("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0", id="minus-dde"),
        pytest.param("@SUM(1+1)", "'@SUM(1+1)", id="at-sum"),
        pytest.param("\t=1+1", "'\t=1+1", id="tab"),
        pytest.param("\r=1+1", "'\r=1+1", id="carriage-return"),
        pytest.param("-12", "-12", id="negative-number-kept"),
        pytest.param("-3.5e2", "-3.5e2", id="negative-float-kept"),
        pytest.param("Goris", "Goris", id="plain-text"),
    ],
)
def test_csv_neutralises_formula_cells(cell, written, tmp_path):
    inc = seed_incidents()
    places = inc.to_geodataframe()
    places["weapons"] = cell
    from geoclash.incidents import Incidents

    path = write(Incidents(places, inc.reports), tmp_path / "f.csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame["weapons"].tolist() == [written] * len(places)


def test_csv_keeps_negative_numbers_numeric(tmp_path):
    inc = seed_incidents()
    places = inc.to_geodataframe()
    places["longitude"] = -places["longitude"]
    from geoclash.incidents import Incidents

    path = write(Incidents(places, inc.reports), tmp_path / "neg.csv")
    frame = pd.read_csv(path)
    assert frame["longitude"].dtype == "float64"
    assert frame["longitude"].iloc[0] == pytest.approx(-46.3381)


def test_kml_round_trip(incidents, expected, tmp_path):
    path = write(incidents, tmp_path / "out.kml")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    frame = pyogrio.read_dataframe(path)
    frame = frame.rename(columns={"Name": "location"})
    # Text fields are HTML-escaped for Google Earth's HTML balloons; unescaping restores them.
    import html

    for name in [c for c in frame.columns if c != "geometry"]:
        frame[name] = [html.unescape(v) if isinstance(v, str) else v for v in frame[name]]
    _assert_rows_equal(frame, expected, as_text=True)
    assert list(frame.geometry.geom_type) == [f["geometry"]["type"] for f in expected]


def test_hostile_text_stays_text_in_every_format(incidents, tmp_path):
    for fmt in ("geojson", "gpkg", "parquet", "csv", "kml"):
        path = write(incidents, tmp_path / f"x.{fmt}")
        if fmt == "parquet":
            import geopandas as gpd

            frame = gpd.read_parquet(path)
        else:
            frame = pyogrio.read_dataframe(path, layer=0)
        if fmt == "kml":
            import html

            assert html.escape(XSS_TEXT) in frame["evidence"].tolist()
            assert "<script>" not in path.read_text(encoding="utf-8").replace("&lt;", "<x")
            continue
        assert XSS_TEXT in frame["evidence"].tolist(), fmt


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        pytest.param(
            "x.geojson",
            "gjson",
            "Unknown output format 'gjson'; choose one of: geojson, gpkg, parquet, csv, kml",
            id="unknown-format",
        ),
        pytest.param("x.shp", None, "Cannot tell the output format from 'x.shp'", id="suffix"),
    ],
)
def test_bad_format_is_explained(incidents, tmp_path, name, fmt, message):
    with pytest.raises(ExportError) as err:
        write(incidents, tmp_path / name, format=fmt)
    assert str(err.value).startswith(message)


def test_missing_folder_is_explained(incidents, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write(incidents, tmp_path / "nope" / "x.gpkg")


def test_incidents_methods_delegate(incidents, tmp_path):
    assert incidents.to_geojson() == to_geojson(incidents)
    assert incidents.to_file(tmp_path / "m.gpkg") == tmp_path / "m.gpkg"


def test_empty_incidents_write_valid_files(tmp_path):
    from geoclash.incidents import Incidents

    empty = Incidents.empty()
    assert json.loads(to_geojson(empty)) == {"type": "FeatureCollection", "features": []}
    for fmt in ("gpkg", "parquet", "csv", "kml"):
        write(empty, tmp_path / f"e.{fmt}")
    assert pyogrio.read_info(tmp_path / "e.gpkg", layer="incident_places")["features"] == 0


def test_mixed_and_missing_geometries(incidents, tmp_path):
    from shapely.geometry import MultiPolygon, Polygon

    from geoclash.incidents import Incidents

    places = incidents.to_geodataframe()
    places.loc[0, "geometry"] = None
    places.loc[1, "geometry"] = MultiPolygon(
        [
            Polygon([(45.0, 40.0), (45.0, 40.1), (45.1, 40.1)]),  # clockwise on purpose
            Polygon([(46.0, 40.0), (46.0, 40.1), (46.1, 40.1)]),
        ]
    )
    odd = Incidents(places, incidents.reports)
    doc = json.loads(to_geojson(odd))
    assert doc["features"][0]["geometry"] is None
    multi = doc["features"][1]["geometry"]
    assert multi["type"] == "MultiPolygon"
    assert all(shapely.LinearRing(poly[0]).is_ccw for poly in multi["coordinates"])
    back = pyogrio.read_dataframe(write(odd, tmp_path / "odd.gpkg"), layer="incident_places")
    assert len(back) == 10 and back.geometry.iloc[0] is None


def test_many_places_geojson_is_valid(tmp_path):
    inc = many_incidents(500)
    doc = json.loads(to_geojson(inc))
    assert len(doc["features"]) == 500
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in doc["features"])


def test_to_geojson_accepts_path_strings(incidents, tmp_path):
    target = tmp_path / "s.geojson"
    to_geojson(incidents, str(target))
    assert Path(target).read_text(encoding="utf-8") == to_geojson(incidents)


def test_geojson_text_is_plain_compact_json(incidents):
    # The writer assembles text from fragments; it must be exactly what json.dumps gives.
    # (apart from <, > and &, which are \\u escapes so the file holds no markup).
    text = to_geojson(incidents)
    doc = json.loads(text)
    plain = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert text == plain.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def test_geojson_holds_no_markup_but_the_same_text(incidents):
    text = to_geojson(incidents)
    assert "<" not in text and ">" not in text
    assert "Tegh \\u003cscript\\u003ealert('xss')\\u003c/script\\u003e" in text
    doc = json.loads(text)
    assert XSS_TEXT in [f["properties"]["evidence"] for f in doc["features"]]
