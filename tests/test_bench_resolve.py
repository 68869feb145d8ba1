"""The resolver benchmark meets its targets (runs ``benchmarks/bench_resolve.py --quick``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_resolve.py"


@pytest.mark.slow
def test_resolver_benchmark_meets_targets() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASS") == 4
