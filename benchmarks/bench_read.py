"""Reading benchmark: the three seeds repeated 1,000 times, as JSON Lines and as a folder.

Reading is one stage of the end-to-end budget (issue 3: read + extract + resolve at ≥ 300
articles/s on one core), so it should take a small share of it; the target here is ≥ 1,000
articles/s for both layouts. Baseline, measured in the same run on the same corpus: the bare
minimum any reader does (``json.loads`` of each line, or ``read_bytes().decode()`` of each file,
plus ``str.split("\\n")``), so the ratio shows what decoding checks, junk removal and metadata
cost on top. Exits 1 when the target is missed.

    python benchmarks/bench_read.py [--copies 1000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from geoclash.articles import iter_articles

ROOT = Path(__file__).resolve().parent.parent
TARGET_PER_S = 1_000


def best_of(runs: int, func) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    args = parser.parse_args()

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    work = Path(tempfile.mkdtemp(prefix="geoclash-bench-read-"))
    try:
        corpus = work / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for i in range(args.copies):
                for path, text in zip(seeds, texts, strict=True):
                    fh.write(json.dumps({"id": f"{path.stem}-{i}", "text": text}) + "\n")
        folder = work / "files"
        folder.mkdir()
        for i in range(args.copies):
            for path in seeds:
                shutil.copy(path, folder / f"{path.stem}-{i:05d}.txt")
        shutil.copy(ROOT / "seeds" / "manifest.csv", folder / "manifest.csv")
        n = args.copies * len(seeds)

        def base_jsonl() -> None:
            with open(corpus, encoding="utf-8") as fh:
                for line in fh:
                    json.loads(line)["text"].split("\n")

        def base_folder() -> None:
            for path in sorted(folder.glob("*.txt")):
                path.read_bytes().decode("utf-8").split("\n")

        failed = False
        for label, source, baseline in (
            ("jsonl", corpus, base_jsonl),
            ("folder", folder, base_folder),
        ):
            ours = best_of(3, lambda s=source: sum(1 for _ in iter_articles(s)))
            base = best_of(3, baseline)
            rate = n / ours
            ok = rate >= TARGET_PER_S
            failed |= not ok
            print(
                f"{label:6s}: {n} articles in {ours:.2f} s = {rate:,.0f} articles/s "
                f"(baseline {n / base:,.0f}/s, {ours / base:.1f}x its time) "
                f"target >= {TARGET_PER_S:,}/s: {'ok' if ok else 'MISSED'}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
