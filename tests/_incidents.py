"""Incidents written out by hand, for testing maps and exports without the extractor.

The rows follow :mod:`geoclash.schema` and the seed articles: ``seeds/000_*`` (13 September
2022: Armenia's MoD names Goris, Sotk and Jermuk; Azerbaijan's MoD names the Dashkesan,
Kelbajar and Lachin districts) and ``seeds/004_*`` (16 November 2021: Azerbaijan's MoD names
the Kelbajar and Lachin districts, Armenia's MoD the eastern section of the border), plus a
hostile article whose text carries markup, a JS template expression and a spreadsheet formula.

Town coordinates are GeoNames' (rounded). District outlines and the border section are rough
hand-drawn shapes around the real districts: good enough to test drawing and files, not for
analysis.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from shapely.geometry import LineString, Point, Polygon

from geoclash.incidents import Incidents

ARM_MOD = "Ministry of Defence of Armenia"
AZE_MOD = "Ministry of Defence of Azerbaijan"

EVIDENCE_000_ARM = (
    "In a statement, Armenia’s defence ministry said Azerbaijan launched “intensive shelling” "
    "against Armenian military positions in the direction of the cities of Goris, Sok, and "
    "Jermuk."
)
EVIDENCE_000_AZE = (
    "In the meantime, Azerbaijan’s defence ministry accused Armenia of “large-scale subversive "
    "acts” near the districts of Dashkesan, Kelbajar and Lachin on the border, adding that its "
    "army positions “came under fire, including from trench mortars”."
)
EVIDENCE_004_AZE = (
    '"Armenian troops attacked Azerbaijani positions in the districts of Kelbajar and Lachin," '
    "the ministry said in a statement, adding that two Azerbaijani troops were wounded in the "
    "clashes."
)
EVIDENCE_004_ARM = (
    'Armenia’s defence ministry, for its part, said Azerbaijani forces "attempted to break '
    'through the Armenia’s state border, at the eastern direction" before being repelled by '
    "Armenian troops."
)
XSS_TEXT = (
    "Shelling hit Tegh <script>alert('xss')</script> and "
    '<img src=x onerror="alert(2)"> overnight, ${alert(3)} `backtick` said officials. '
    "{{ 7*7 }} {% if true %}jinja{% endif %} {# hidden #} </script><script>alert(5)</script>"
)
FORMULA = '=HYPERLINK("http://example.invalid/?leak","click me")'

DISTRICTS = {
    # name: (admin1 as Natural Earth spells it, rough outline lon/lat, clockwise on purpose)
    "Dashkasan": (
        "Daşkəsən",
        [(45.85, 40.62), (46.25, 40.62), (46.25, 40.38), (45.85, 40.38)],
    ),
    "Kalbajar": (
        "Kəlbəcər",
        [(45.60, 40.35), (46.45, 40.35), (46.45, 39.85), (45.60, 39.85)],
    ),
    "Lachin": (
        "Laçın",
        [(46.30, 39.85), (46.75, 39.85), (46.75, 39.40), (46.30, 39.40)],
    ),
}

TOWNS = {
    # name: (as written, lon, lat, geonameid, admin1)
    "Goris": ("Goris", 46.3381, 39.5111, 616629, "Syunik"),
    "Sotk": ("Sok", 45.8872, 40.2031, 174813, "Gegharkunik"),
    "Jermuk": ("Jermuk", 45.6708, 39.8414, 616589, "Vayots Dzor"),
}

EAST_BORDER = LineString([(45.93, 40.25), (45.80, 40.02), (45.95, 39.80), (46.20, 39.62)])


def _casualty(side: str, kind: str, count: int | None, qualifier: str) -> dict[str, object]:
    return {"side": side, "kind": kind, "count": count, "qualifier": qualifier}


def _report(
    incident_id: str,
    report_id: str,
    article: str,
    date: str,
    claimant: str | None,
    actor1: str,
    actor2: str,
    evidence: str,
    *,
    killed: int | None = None,
    wounded: int | None = None,
    captured: int | None = None,
    casualties: list[dict[str, object]] | None = None,
    weapons: str | None = None,
    notes: str | None = None,
) -> dict[str, object]:
    return {
        "incident_id": incident_id,
        "report_id": report_id,
        "article_id": article,
        "event_date": datetime.fromisoformat(date),
        "time_precision": "day",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": actor1,
        "actor2": actor2,
        "claimant": claimant,
        "killed": killed,
        "wounded": wounded,
        "captured": captured,
        "casualties": casualties or [],
        "weapons": weapons,
        "source": f"seeds/{article}.txt",
        "source_url": None,
        "publisher": None,
        "published": datetime.fromisoformat(date),
        "evidence": evidence,
        "notes": notes,
    }


def reports_rows() -> list[dict[str, object]]:
    """One row per report (REPORT_COLUMNS minus the offsets)."""
    aze = "Military Forces of Azerbaijan"
    arm = "Military Forces of Armenia"
    rows = [
        _report(
            "2022-09-13-arm-aze",
            "000_6f7b32bb2428573d#1",
            "000_6f7b32bb2428573d",
            "2022-09-13",
            ARM_MOD,
            aze,
            arm,
            EVIDENCE_000_ARM,
            weapons="artillery; drones; large-calibre firearms",
            notes="Azerbaijan shelled Armenian positions towards Goris, Sotk and Jermuk.",
        ),
        _report(
            "2022-09-13-arm-aze",
            "000_6f7b32bb2428573d#2",
            "000_6f7b32bb2428573d",
            "2022-09-13",
            AZE_MOD,
            arm,
            aze,
            EVIDENCE_000_AZE,
            casualties=[_casualty("Azerbaijan", "killed", None, "unknown")],
            weapons="trench mortars",
            notes="Armenia fired on Azerbaijani positions near Dashkesan, Kelbajar and Lachin.",
        ),
        _report(
            "2021-11-16-arm-aze",
            "004_e773e224f50095ea#1",
            "004_e773e224f50095ea",
            "2021-11-16",
            AZE_MOD,
            arm,
            aze,
            EVIDENCE_004_AZE,
            wounded=2,
            casualties=[_casualty("Azerbaijan", "wounded", 2, "exact")],
            notes="Armenian troops attacked in Kelbajar and Lachin; two Azerbaijani wounded.",
        ),
        _report(
            "2021-11-16-arm-aze",
            "004_e773e224f50095ea#2",
            "004_e773e224f50095ea",
            "2021-11-16",
            ARM_MOD,
            aze,
            arm,
            EVIDENCE_004_ARM,
            wounded=4,
            casualties=[_casualty("Armenia", "wounded", 4, "exact")],
            weapons="artillery",
            notes="Azerbaijani forces tried to cross the eastern border; four Armenians wounded.",
        ),
        _report(
            "2022-09-14-xss",
            "xss_article#1",
            "xss_article",
            "2022-09-14",
            None,
            "<b>Unknown</b> <script>alert(1)</script>",
            "Civilians (Armenia)",
            XSS_TEXT,
            killed=1,
            casualties=[_casualty("<i>Armenia</i>", "killed", 1, "at least")],
            weapons="<img src=x onerror=alert(4)>",
            notes=FORMULA,
        ),
    ]
    return rows


def _place(report: dict[str, object], **place: object) -> dict[str, object]:
    keep = {k: v for k, v in report.items()}
    keep.update(place)
    return keep


def place_rows() -> list[dict[str, object]]:
    """One row per incident place, with a shapely geometry."""
    reports = {r["report_id"]: r for r in reports_rows()}
    rows: list[dict[str, object]] = []
    arm = reports["000_6f7b32bb2428573d#1"]
    for name, (written, lon, lat, gid, admin1) in TOWNS.items():
        rows.append(
            _place(
                arm,
                location=name,
                location_text=written,
                role="incident",
                feature="city",
                country="AM",
                admin1=admin1,
                latitude=lat,
                longitude=lon,
                geo_precision=2,
                confidence=0.9,
                geonameid=gid,
                geometry=Point(lon, lat),
            )
        )
    for rid, names in (
        ("000_6f7b32bb2428573d#2", ["Dashkasan", "Kalbajar", "Lachin"]),
        ("004_e773e224f50095ea#1", ["Kalbajar", "Lachin"]),
    ):
        for name in names:
            admin1, ring = DISTRICTS[name]
            poly = Polygon(ring)
            point = poly.representative_point()
            rows.append(
                _place(
                    reports[rid],
                    location=name,
                    location_text=name.replace("Kalbajar", "Kelbajar").replace(
                        "Dashkasan", "Dashkesan"
                    ),
                    role="incident-area",
                    feature="district",
                    country="AZ",
                    admin1=admin1,
                    latitude=point.y,
                    longitude=point.x,
                    geo_precision=2,
                    confidence=0.8,
                    geonameid=None,
                    geometry=poly,
                )
            )
    mid = EAST_BORDER.interpolate(0.5, normalized=True)
    rows.append(
        _place(
            reports["004_e773e224f50095ea#2"],
            location="Armenia–Azerbaijan border (eastern section)",
            location_text="eastern direction",
            role="incident-area",
            feature="border",
            country="AM",
            admin1=None,
            latitude=mid.y,
            longitude=mid.x,
            geo_precision=3,
            confidence=0.5,
            geonameid=None,
            geometry=EAST_BORDER,
        )
    )
    rows.append(
        _place(
            reports["xss_article#1"],
            location="Tegh",
            location_text="Tegh <script>alert('xss')</script>",
            role="incident",
            feature="village",
            country="AM",
            admin1="Syunik",
            latitude=39.5586,
            longitude=46.4803,
            geo_precision=1,
            confidence=0.7,
            geonameid=616052,
            geometry=Point(46.4803, 39.5586),
        )
    )
    return rows


def seed_incidents() -> Incidents:
    """The hand-built incidents: 10 places, 5 reports, 3 incidents (two contested)."""
    import geopandas as gpd

    places = gpd.GeoDataFrame(pd.DataFrame(place_rows()), geometry="geometry", crs="EPSG:4326")
    return Incidents(places, pd.DataFrame(reports_rows()))


def many_incidents(n: int, *, days: int = 30, seed: int = 0) -> Incidents:
    """``n`` synthetic point places spread over the border region and ``days`` days."""
    import geopandas as gpd
    import numpy as np

    rng = np.random.default_rng(seed)
    lon = rng.uniform(44.8, 46.9, n)
    lat = rng.uniform(38.9, 41.2, n)
    day = pd.Timestamp("2022-09-01") + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    claim = np.where(rng.random(n) < 0.5, ARM_MOD, AZE_MOD)
    frame = pd.DataFrame(
        {
            "incident_id": [f"inc-{i // 2}" for i in range(n)],
            "report_id": [f"synthetic#{i}" for i in range(n)],
            "article_id": "synthetic",
            "event_date": day,
            "time_precision": "day",
            "event_type": np.where(rng.random(n) < 0.8, "Explosions/Remote violence", "Battles"),
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Military Forces of Azerbaijan",
            "actor2": "Military Forces of Armenia",
            "claimant": claim,
            "location": [f"Place {i}" for i in range(n)],
            "role": "incident",
            "feature": "village",
            "country": "AM",
            "latitude": lat,
            "longitude": lon,
            "geo_precision": rng.integers(1, 3, n),
            "killed": pd.array(rng.integers(0, 4, n), dtype="Int64"),
            "evidence": [f"Synthetic evidence sentence number {i}." for i in range(n)],
            "source": "synthetic.jsonl",
        }
    )
    places = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    reports = frame.drop(
        columns=["location", "role", "feature", "country", "latitude", "longitude", "geo_precision"]
    )
    return Incidents(places, reports)
