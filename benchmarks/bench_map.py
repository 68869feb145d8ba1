"""Map benchmark: 10,000 incident places → HTML, size and first paint in headless Chromium.

Targets (issue 4): HTML written in ≤ 5 s, file ≤ 10 MB, markers drawn in headless Chromium
≤ 3 s (clustered; median of three loads). The baseline is ``GeoDataFrame.explore()`` on the
same points, measured in the same run. Exits 1 when a target is missed.

    python benchmarks/bench_map.py [--places 10000]

Needs Debian's chromium and the npm assets in tests/browser (``npm install`` there).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from _incidents import many_incidents  # noqa: E402
from cdn import CHROMIUM, CHROMIUM_ARGS, Router  # noqa: E402

from geoclash.maps import render_map  # noqa: E402

TARGET_WRITE_S = 5.0
TARGET_SIZE_MB = 10.0
TARGET_PAINT_S = 3.0


def paint_time(browser, path: Path, selector: str) -> tuple[float, float, str]:
    """Seconds from navigation start to first contentful paint and to ``selector`` drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    router = Router()
    page.route("**/*", router)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_selector(selector, timeout=60_000)
    drawn = page.evaluate("performance.now()") / 1000
    fcp = page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime"
    )
    page.close()
    notes = "; ".join(errors + ([router.problems()] if router.problems() else []))
    return fcp / 1000, drawn, notes


def _median(runs: list[tuple[float, float, str]]) -> tuple[float, float, str]:
    import statistics

    fcp = statistics.median(r[0] for r in runs)
    drawn = statistics.median(r[1] for r in runs)
    notes = "; ".join(sorted({r[2] for r in runs if r[2]}))
    return fcp, drawn, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    args = parser.parse_args()

    # Imports are paid once per process, not per map: load them before timing either side.
    import folium.plugins  # noqa: F401
    import mapclassify  # noqa: F401
    import matplotlib  # noqa: F401
    from playwright.sync_api import sync_playwright

    incidents = many_incidents(args.places, days=30)
    gdf = incidents.to_geodataframe()
    tmp = Path(tempfile.mkdtemp(prefix="geoclash-bench-"))

    ours = tmp / "geoclash.html"
    start = time.perf_counter()
    render_map(incidents).save(str(ours))
    ours_s = time.perf_counter() - start

    base = tmp / "explore.html"
    start = time.perf_counter()
    gdf.explore().save(str(base))
    base_s = time.perf_counter() - start

    ours_mb = ours.stat().st_size / 1e6
    base_mb = base.stat().st_size / 1e6

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        # Median of three loads each, alternating, so a busy moment on a shared machine
        # does not decide the figure for one side only.
        ours_runs, base_runs = [], []
        for _ in range(3):
            ours_runs.append(paint_time(browser, ours, ".marker-cluster"))
            base_runs.append(
                paint_time(browser, base, "path.leaflet-interactive, .leaflet-marker-icon")
            )
        browser.close()
    ours_fcp, ours_paint, ours_notes = _median(ours_runs)
    base_fcp, base_paint, base_notes = _median(base_runs)

    print(f"{args.places} incident places (clustered, 30 days: time slider on)")
    print(f"{'':28}{'geoclash':>12}{'gdf.explore':>14}{'ratio':>8}")
    rows = [
        ("HTML written (s)", ours_s, base_s),
        ("file size (MB)", ours_mb, base_mb),
        ("first contentful paint (s)", ours_fcp, base_fcp),
        ("markers drawn (s)", ours_paint, base_paint),
    ]
    for label, a, b in rows:
        print(f"{label:28}{a:12.2f}{b:14.2f}{a / b if b else float('nan'):8.2f}")
    if ours_notes:
        print(f"geoclash page problems: {ours_notes}")
    if base_notes:
        print(f"explore page notes (baseline only): {base_notes}")

    missed = []
    if ours_s > TARGET_WRITE_S:
        missed.append(f"HTML written in {ours_s:.2f} s > {TARGET_WRITE_S} s")
    if ours_mb > TARGET_SIZE_MB:
        missed.append(f"file {ours_mb:.2f} MB > {TARGET_SIZE_MB} MB")
    if ours_paint > TARGET_PAINT_S:
        missed.append(f"markers drawn in {ours_paint:.2f} s > {TARGET_PAINT_S} s")
    if ours_notes:
        missed.append("the geoclash page had errors")
    for line in missed:
        print(f"MISSED: {line}")
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
