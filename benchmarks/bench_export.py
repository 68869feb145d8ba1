"""Export benchmark: RFC 7946 GeoJSON of 100,000 incident places.

Target (issue 4): written in ≤ 5 s. Baselines measured in the same run on the same places:
``GeoDataFrame.to_json(default=str)`` (its dates need ``default``) and
``GeoDataFrame.to_file(driver="GeoJSON")`` (GDAL via pyogrio).
The other formats are timed too, for the record. Exits 1 when the target is missed.

    python benchmarks/bench_export.py [--places 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from _incidents import many_incidents  # noqa: E402

from geoclash.export import to_geojson, write  # noqa: E402

TARGET_GEOJSON_S = 5.0


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=100_000)
    args = parser.parse_args()

    incidents = many_incidents(args.places, days=30)
    gdf = incidents.to_geodataframe()
    tmp = Path(tempfile.mkdtemp(prefix="geoclash-bench-"))

    ours = tmp / "geoclash.geojson"
    ours_s = timed(lambda: to_geojson(incidents, ours))
    json_s = timed(
        lambda: (tmp / "to_json.geojson").write_text(gdf.to_json(default=str), encoding="utf-8")
    )
    file_s = timed(lambda: gdf.to_file(tmp / "to_file.geojson", driver="GeoJSON"))
    again = to_geojson(incidents)
    identical = again == ours.read_text(encoding="utf-8")

    print(f"GeoJSON of {args.places} incident places")
    print(f"{'':34}{'seconds':>9}{'MB':>8}{'geoclash ÷ this':>17}")
    for label, secs, path in (
        ("geoclash to_geojson", ours_s, ours),
        ("GeoDataFrame.to_json(default=str)", json_s, tmp / "to_json.geojson"),
        ('GeoDataFrame.to_file("GeoJSON")', file_s, tmp / "to_file.geojson"),
    ):
        print(f"{label:34}{secs:9.2f}{path.stat().st_size / 1e6:8.1f}{ours_s / secs:17.2f}")
    print(f"byte-identical on a second run: {identical}")

    for fmt in ("gpkg", "parquet", "csv", "kml"):
        target = tmp / f"out.{fmt}"
        secs = timed(lambda target=target: write(incidents, target))
        print(f"  write {fmt:8} {secs:6.2f} s  {target.stat().st_size / 1e6:6.1f} MB")

    missed = []
    if ours_s > TARGET_GEOJSON_S:
        missed.append(f"GeoJSON written in {ours_s:.2f} s > {TARGET_GEOJSON_S} s")
    if not identical:
        missed.append("GeoJSON not byte-identical between runs")
    for line in missed:
        print(f"MISSED: {line}")
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
