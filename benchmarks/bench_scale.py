"""Scale-out: a Dask LocalCluster with 1 and 2 worker processes on a large corpus.

Run: ``python benchmarks/bench_scale.py`` (100,000 articles, the issue's size: about 15
minutes on this 2-core machine) or ``--articles N`` for a quicker look. The corpus is the seeds
and test reports, repeated and varied (new ids, dates moved, numbers changed). Both runs write
partitioned GeoParquet to an output folder, as a user with a corpus this size would. Prints
articles/s for 1 and 2 workers and the speed-up (target >= 1.6x), the peak RSS per worker for
N/10 and N articles (target: flat, ratio <= 1.2), and the extrapolation to a cluster. Exits
non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_corpus

#: Bytes per block: about 150 articles, so the work spreads over the workers.
BLOCKSIZE = 256 * 1024


def _worker_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dask(corpus: Path, workers: int, out: Path) -> tuple[float, list[float], int]:
    from distributed import Client, LocalCluster

    from geoclash.scale import extract_dask_incidents

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        # Load the gazetteer on every worker first: its one-off cost is not throughput.
        client.run(lambda: __import__("geoclash.scale").scale._worker_gazetteer().is_known("x"))
        started = time.perf_counter()
        result = extract_dask_incidents(
            corpus, client=client, blocksize=BLOCKSIZE, output_dir=out, progress=True
        )
        seconds = time.perf_counter() - started
        rss = list(client.run(_worker_rss_mb).values())
    places = sum(1 for _ in (out / "places").glob("part.*.parquet"))
    assert places > 0
    return result.articles / seconds, rss, places


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="N (default 100,000)")
    args = parser.parse_args()
    n = args.articles
    small = max(n // 10, 1)
    failures = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(tmp / "corpus.jsonl", n)
        tenth = write_corpus(tmp / "tenth.jsonl", small)
        print(f"corpus: {n:,} articles, {corpus.stat().st_size / 1e6:.1f} MB of JSON Lines")

        one, rss_one, _ = _dask(corpus, 1, tmp / "out1")
        print(f"dask, 1 worker:  {one:,.1f} articles/s (peak RSS {max(rss_one):.0f} MB)")
        two, rss_n, parts = _dask(corpus, 2, tmp / "out2")
        speedup = two / one
        print(
            f"dask, 2 workers: {two:,.1f} articles/s; speed-up {speedup:.2f}x (target >= 1.6); "
            f"{parts} GeoParquet parts"
        )
        if speedup < 1.6:
            failures.append(f"speed-up {speedup:.2f}x < 1.6x")
        _, rss_small, _ = _dask(tenth, 2, tmp / "out3")
        peak_small, peak_n = max(rss_small), max(rss_n)
        print(
            f"peak RSS per worker: {peak_small:.0f} MB for {small:,} articles, {peak_n:.0f} MB "
            f"for {n:,} (ratio {peak_n / peak_small:.2f}; target flat, <= 1.2)"
        )
        if peak_n > 1.2 * peak_small:
            failures.append(f"worker memory grew {peak_n / peak_small:.2f}x from N/10 to N")
        per_core = two / 2
        cores = os.cpu_count() or 1
        print(
            f"extrapolation: {per_core:,.1f} articles/s per core; a 64-core cluster about "
            f"{per_core * 64:,.0f} articles/s, 1,000,000 articles in about "
            f"{1e6 / (per_core * 64) / 60:,.0f} min (this machine: {cores} cores)"
        )
    for failure in failures:
        print(f"MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
