"""How horaires grows: compile time, query time and memory against the size of the rules.

Run on demand (not in CI)::

    .venv/bin/python benchmarks/growth.py            # prints a Markdown table

Rows: dated exceptions (1, 10, 100, 1,000 single dates over 2025, on top of the Pantin
hours), services (1, 10, 100, each with its own Saturday), and the span asked of
``intervals`` (one day to ten years). Columns: building the configuration (validation),
the first ``is_open`` (which compiles nothing), compiling every day of 2025 (one year of
``intervals``), ``is_open`` and ``next_change`` medians (compiled days), and the memory
the compiled year holds (tracemalloc). Queries are bisects, so they should stay flat
while the rules grow.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from horaires import Establishment

PARIS = ZoneInfo("Europe/Paris")
FULL = ["08:30-12:30", "13:30-17:30"]
HOURS = {"mon": FULL, "tue": FULL, "wed": FULL, "thu": ["13:30-17:30"], "fri": FULL}


def instants(n: int = 20_000, seed: int = 1) -> list[dt.datetime]:
    rng = random.Random(seed)
    lo = dt.datetime(2025, 1, 1, tzinfo=PARIS).timestamp()
    hi = dt.datetime(2026, 1, 1, tzinfo=PARIS).timestamp()
    return [dt.datetime.fromtimestamp(rng.uniform(lo, hi), PARIS) for _ in range(n)]


def per_call(call: Callable[[Any], object], items: list[Any], batch: int = 2000) -> float:
    times = []
    for start in range(0, len(items), batch):
        chunk = items[start : start + batch]
        t0 = time.perf_counter()
        for item in chunk:
            call(item)
        times.append((time.perf_counter() - t0) / len(chunk))
    return statistics.median(times)


def fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.2f} us"


def measure(build: Callable[[], Establishment], service: str | None = None) -> list[str]:
    """Build, answer a first question, compile 2025, query: the cells of one row."""
    t0 = time.perf_counter()
    est = build()
    built = time.perf_counter() - t0
    schedule = est.schedule(service)
    at = dt.datetime(2025, 6, 2, 10, tzinfo=PARIS)
    year = (dt.datetime(2025, 1, 1, tzinfo=PARIS), dt.datetime(2026, 1, 1, tzinfo=PARIS))
    t0 = time.perf_counter()
    schedule.is_open(at)  # the first question compiles nothing
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in schedule.intervals(*year):  # compiles every day of 2025 (and of its parts)
        pass
    compiled = time.perf_counter() - t0
    again = build().schedule(service)  # the same, under tracemalloc (slower) for its memory
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in again.intervals(*year):
        pass
    memory = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    times = instants()
    is_open = per_call(schedule.is_open, times)
    next_change = per_call(schedule.next_change, times[:6000])
    cells = [fmt(built), fmt(first), fmt(compiled), fmt(is_open), fmt(next_change)]
    return [*cells, f"{memory / 1024:.0f} KiB"]


def exceptions(n: int) -> Callable[[], Establishment]:
    rng = random.Random(n)
    days = sorted(rng.sample(range(365), n) if n <= 365 else range(365))
    dates = [dt.date(2025, 1, 1) + dt.timedelta(days=d) for d in days]
    # beyond 365, single dates go on into the next years
    dates += [dt.date(2026, 1, 1) + dt.timedelta(days=d) for d in range(n - len(dates))]

    def build() -> Establishment:
        rules: list[dict[str, Any]] = [
            {"date": d.isoformat(), "hours": "closed" if k % 2 else ["09:00-12:00"]}
            for k, d in enumerate(dates)
        ]
        return Establishment(
            name="Mairie",
            hours=HOURS,
            holidays={"country": "FR"},
            admission={"before_closing": 30},
            exceptions=rules,
        )

    return build


def services(n: int) -> Callable[[], Establishment]:
    def build() -> Establishment:
        desks = {
            f"s{k}": {
                "hours": {"sat": [f"{8 + k % 4:02d}:{k % 60:02d}-12:30"]},
                "admission": {"before_closing": k % 45},
            }
            for k in range(n)
        }
        return Establishment(
            name="Mairie",
            hours=HOURS,
            holidays={"country": "FR"},
            admission={"before_closing": 30},
            services=desks,
        )

    return build


def spans() -> list[tuple[str, list[str]]]:
    rows = []
    start = dt.datetime(2025, 3, 3, 9, tzinfo=PARIS)
    for label, days in (
        ("1 day", 1),
        ("1 week", 7),
        ("1 month", 31),
        ("1 year", 365),
        ("10 years", 3652),
    ):
        est = Establishment(
            name="Mairie", hours=HOURS, holidays={"country": "FR"}, admission={"before_closing": 30}
        )
        schedule = est.schedule()
        end = start + dt.timedelta(days=days)
        t0 = time.perf_counter()
        first = list(schedule.intervals(start, end))
        cold = time.perf_counter() - t0
        warm = []
        for _ in range(5 if days > 400 else 15):
            t0 = time.perf_counter()
            list(schedule.intervals(start, end))
            warm.append(time.perf_counter() - t0)
        rows.append(
            (
                label,
                [
                    str(len(first)),
                    fmt(cold),
                    fmt(statistics.median(warm)),
                    fmt(statistics.median(warm) / max(len(first), 1)),
                ],
            )
        )
    return rows


def main() -> int:
    exceptions(1)().is_open(dt.datetime(2025, 1, 1, tzinfo=PARIS))  # imports, holidays loaded
    head = "| rules | build config | first is_open | compile a year | is_open | next_change |"
    print(head + " memory of a year |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for n in (1, 10, 100, 1000):
        print(
            f"| {n:,} dated exception{'s' if n > 1 else ''} | "
            + " | ".join(measure(exceptions(n)))
            + " |"
        )
        sys.stdout.flush()
    for n in (1, 10, 100):
        cells = measure(services(n))
        print(
            f"| {n} service{'s' if n > 1 else ''}, whole establishment | "
            + " | ".join(cells)
            + " |"
        )
        cells = measure(services(n), "s0")
        print(f"| {n} service{'s' if n > 1 else ''}, one service | " + " | ".join(cells) + " |")
        sys.stdout.flush()
    print()
    print("| span of intervals() | intervals | first call (compiles) | compiled | per interval |")
    print("|---|---:|---:|---:|---:|")
    for label, cells in spans():
        print(f"| {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
