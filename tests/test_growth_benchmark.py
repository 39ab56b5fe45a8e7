"""benchmarks/growth.py measures its smallest row, so that it cannot rot (its figures are not
checked: timings belong to a quiet machine, see docs/performance.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

GROWTH = Path(__file__).resolve().parents[1] / "benchmarks" / "growth.py"


def test_growth_benchmark_measures_a_row() -> None:
    spec = importlib.util.spec_from_file_location("growth", GROWTH)
    assert spec is not None and spec.loader is not None
    growth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(growth)
    cells = growth.measure(growth.exceptions(1))
    assert len(cells) == 6 and cells[-1].endswith("KiB")
    assert int(cells[-1].split()[0]) > 0  # compiling the year kept something
