"""benchmarks/scale.py runs at its smallest size, every contender, so that it cannot rot (its
figures are not checked: timings belong to a quiet machine, see docs/bulk.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCALE = Path(__file__).resolve().parents[1] / "benchmarks" / "scale.py"


def test_scale_benchmark_runs_and_cross_checks(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("scale", SCALE)
    assert spec is not None and spec.loader is not None
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    pool, rows = scale.corpus(50, 200, 7)
    assert (pool, rows) == scale.corpus(50, 200, 7)  # deterministic
    assert len(set(pool)) == 50 and set(rows) == set(pool) and len(rows) == 200
    report = scale.main(["--rows", "120", "--distinct", "30", "--sample", "30", "--seed", "7"])
    failed = {name: r["failed"] for name, r in report["results"].items() if "failed" in r}
    assert not failed, failed
    assert set(report["results"]) == set(scale.CONTENDERS)
    assert report["same"]  # every horaires path gives the same counts
    assert report["cross_check"]["disagreements"] == []
    assert report["cross_check"]["both"] > 0
    out = capsys.readouterr().out
    assert "ratio horaires/opening-hours-py" in out and "Dask, 2 workers" in out
    assert "two processes, each its share, no Dask" in out
    # the split's processes answer every row once between them, as the others do
    assert report["results"]["split"]["open"] == report["results"]["one"]["open"]
