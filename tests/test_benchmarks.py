"""Every benchmark runs end to end on a small size and prints its figures.

Speed and memory targets are judged by the benchmarks themselves (run them on a quiet
machine: `python benchmarks/bench_resolve.py`, ...), never by a timed test: on a shared CI
machine a missed target (exit status 1) is reported, not failed. A crash is a failure.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("bench_resolve.py", ["--quick"]),
        ("bench_read.py", ["--copies", "20"]),
        ("bench_extract.py", ["--articles", "60", "--stream-articles", "120"]),
        ("bench_export.py", ["--places", "2000"]),
        ("bench_map.py", ["--places", "300"]),
        ("bench_scale.py", ["--articles", "60"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_benchmark_runs_and_reports(script: str, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output, output
    assert re.search(r"\d+(\.\d+)?", result.stdout), output
    print(result.stdout)
