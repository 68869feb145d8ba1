"""Scale-out: streaming single process vs a Dask LocalCluster with 1 and 2 worker processes.

Run: ``python benchmarks/bench_scale.py --articles 100000`` (the issue's size; hours on a
2-core machine at today's extraction speed) or the default, a smaller corpus and its double,
which takes a few minutes. The corpus is the seeds and test reports, repeated and varied
(new ids, dates moved, numbers changed). Prints articles/s, the 2-worker speed-up (target
>= 1.6x), peak RSS per worker for N and 2N articles (target: flat) and the extrapolation to
a cluster. Exits non-zero when a target is missed.
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


def _single(corpus: Path, tmp: Path) -> float:
    from geoclash.gazetteer import Gazetteer
    from geoclash.stream import extract_stream

    Gazetteer.default().is_known("Goris")
    started = time.perf_counter()
    result = extract_stream(corpus, tmp / "staging.jsonl", progress=True)
    return result.articles / (time.perf_counter() - started)


def _dask(corpus: Path, workers: int) -> tuple[float, list[float]]:
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
        result = extract_dask_incidents(corpus, client=client, blocksize=BLOCKSIZE, progress=True)
        n = len(result.reports)  # everything linked and gathered
        seconds = time.perf_counter() - started
        rss = list(client.run(_worker_rss_mb).values())
    assert n > 0
    return result.articles / seconds, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=1500, help="N (the memory check also runs 2N)"
    )
    args = parser.parse_args()
    n = args.articles
    if n < 100_000:
        print(
            f"NOTE: measured on {n:,} and {2 * n:,} articles, not 100,000 (that takes hours at "
            "this extraction speed on 2 shared cores); run --articles 100000 for the full size."
        )
    failures = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(tmp / "corpus.jsonl", n)
        double = write_corpus(tmp / "double.jsonl", 2 * n)
        print(f"corpus: {n:,} articles, {corpus.stat().st_size / 1e6:.1f} MB of JSON Lines")

        single = _single(corpus, tmp)
        print(f"single process (streaming): {single:,.1f} articles/s")
        one, _ = _dask(corpus, 1)
        print(f"dask, 1 worker:  {one:,.1f} articles/s")
        two, rss_n = _dask(corpus, 2)
        speedup = two / one
        print(f"dask, 2 workers: {two:,.1f} articles/s; speed-up {speedup:.2f}x (target >= 1.6)")
        if speedup < 1.6:
            failures.append(f"speed-up {speedup:.2f}x < 1.6x")
        _, rss_2n = _dask(double, 2)
        peak_n, peak_2n = max(rss_n), max(rss_2n)
        print(
            f"peak RSS per worker: {peak_n:.0f} MB for {n:,} articles, {peak_2n:.0f} MB for "
            f"{2 * n:,} (ratio {peak_2n / peak_n:.2f}; target flat, <= 1.2)"
        )
        if peak_2n > 1.2 * peak_n:
            failures.append(f"worker memory grew {peak_2n / peak_n:.2f}x from N to 2N")
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
