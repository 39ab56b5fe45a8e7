"""horaires side by side with the OpenStreetMap opening-hours libraries, in one process.

Run on demand (not in CI), from the repository with horaires installed::

    .venv/bin/pip install opening-hours-py osm-humanized-opening-hours   # the peers, once
    .venv/bin/python benchmarks/compare.py [--instants 100000] [--seed 2025]

It installs nothing: it measures the peers that import (``opening_hours`` from the PyPI
package ``opening-hours-py``, Rust core; ``humanized_opening_hours`` from
``osm-humanized-opening-hours``, pure Python) on the same values and the same random aware
instants of 2025 in Europe/Paris. Each row is a median per call (batches of instants, the
libraries taking turns batch by batch so that the machine's noise hits both alike), and
the ratio horaires/opening-hours-py with its target (lower is faster): the median over
batches of the ratio of two batches measured back to back. It then checks that
the libraries gave the same answers on those instants, and measures the start-up of
``import horaires`` and ``horaires status`` in fresh interpreters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import horaires
from horaires import Establishment, bulk

PARIS = ZoneInfo("Europe/Paris")
PANTIN = "Mo,Tu,We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off"
DATED = (
    "Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off; 2025 Aug 04-2025 Aug 22 off; "
    "2025 Dec 24 09:00-12:00; 2025 Dec 26 off; 2025 Dec 31 09:00-16:00"
)
TARGETS = {
    "is_open": 0.5,
    "next_change": 0.75,
    "intervals": 1.0,
    "cold osm": 3.0,
    "cold native": 5.0,
    "cold bulk": 3.0,
    "parse cached": 0.5,
}
"""Ratios horaires/opening-hours-py not to exceed (lower is faster)."""
BATCH = 2000


def optional(name: str) -> Any:
    """The module ``name``, or None when it does not import."""
    try:
        return importlib.import_module(name)
    except Exception:  # a peer that is missing or broken is simply left out
        return None


def pantin_native(admission: bool = False) -> Establishment:
    """The Pantin hours as a native configuration, no services: exactly the OSM value's hours
    (with ``admission``, the 30 min last admission, which OSM cannot say)."""
    full = ["08:30-12:30", "13:30-17:30"]
    return Establishment(
        name="Centre administratif de Pantin",
        hours={"mon": full, "tue": full, "wed": full, "thu": ["13:30-17:30"], "fri": full},
        holidays={"country": "FR"},
        admission={"before_closing": "30min"} if admission else None,
    )


def random_instants(n: int, seed: int) -> list[dt.datetime]:
    rng = random.Random(seed)
    lo = dt.datetime(2025, 1, 1, tzinfo=PARIS).timestamp()
    hi = dt.datetime(2026, 1, 1, tzinfo=PARIS).timestamp()
    return [dt.datetime.fromtimestamp(rng.uniform(lo, hi), PARIS) for _ in range(n)]


class Timings(dict[str, list[float]]):
    """Seconds per call of each contender, one entry per batch (the batches taken in turns)."""

    def median(self, name: str) -> float | None:
        return statistics.median(self[name]) if name in self else None

    def ratio(self, name: str, reference: str = "peer") -> float | None:
        """The median over batches of ``name``/``reference`` measured back to back: steadier
        than a ratio of medians when the machine's load drifts."""
        if name not in self or reference not in self:
            return None
        return statistics.median(a / b for a, b in zip(self[name], self[reference], strict=True))


def per_call(
    contenders: dict[str, Callable[[Any], object]], items: Sequence[Any], size: int = BATCH
) -> Timings:
    """Seconds per call of each contender over batches of ``items``, taking turns."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for start in range(0, len(items), size):
        batch = items[start : start + size]
        for name, call in contenders.items():
            t0 = time.perf_counter()
            for item in batch:
                call(item)
            times[name].append((time.perf_counter() - t0) / len(batch))
    return Timings(times)


def repeated(contenders: dict[str, Callable[[], object]], repeat: int) -> Timings:
    """Seconds of one call of each contender, ``repeat`` times in turns."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, call in contenders.items():
            t0 = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - t0)
    return Timings(times)


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} us"


class Table:
    def __init__(self) -> None:
        self.rows: list[
            tuple[str, str, float | None, float | None, float | None, float | None, str]
        ] = []

    def add(
        self,
        value: str,
        op: str,
        timings: Timings | None,
        name: str = "horaires",
        other: str | None = None,
        target_key: str | None = None,
    ) -> None:
        """A row: the median of ``name`` in ``timings``, of the peer, their ratio."""
        if timings is None:
            self.rows.append((value, op, None, None, None, None, ""))
            return
        self.rows.append(
            (
                value,
                op,
                timings.median(name),
                timings.median("peer"),
                timings.ratio(name),
                timings.median(other) if other else None,
                target_key or "",
            )
        )

    def print(self) -> None:
        head = f"{'value':8} {'operation':34} {'horaires':>11} {'opening_hours':>14} {'ratio':>6} {'target':>7}  {'humanized':>10}"
        print(head)
        print("-" * len(head))
        for value, op, ours, peer, ratio, other, key in self.rows:
            target = TARGETS.get(key)
            verdict = ""
            if ratio is not None and target is not None:
                verdict = "ok" if ratio <= target else "MISSED"
            print(
                f"{value:8} {op:34} {fmt(ours):>11} {fmt(peer):>14} "
                f"{'' if ratio is None else f'{ratio:.2f}':>6} "
                f"{'' if target is None else f'<={target}':>7}  {fmt(other):>10} {verdict}"
            )


def native_variants(n: int, seed: int) -> list[tuple[dict[str, Any], str]]:
    """``n`` distinct Pantin-like configurations (closing and Thursday opening minutes vary),
    each with the OpenStreetMap value of the same hours, for the peer."""
    rng = random.Random(seed)
    out = []
    seen: set[tuple[int, int]] = set()
    while len(out) < n:
        closes, thursday = 17 * 60 + rng.randrange(60), 13 * 60 + rng.randrange(60)
        opens = 8 * 60 + rng.randrange(60)
        if (opens, closes) in seen:
            continue
        seen.add((opens, closes))
        full = [f"0{opens // 60}:{opens % 60:02d}-12:30", f"13:30-{closes // 60}:{closes % 60:02d}"]
        late = f"{thursday // 60}:{thursday % 60:02d}-17:30"
        config = {
            "name": f"Mairie {len(out)}",
            "hours": {"mon": full, "tue": full, "wed": full, "thu": [late], "fri": full},
            "holidays": {"country": "FR"},
        }
        value = f"Mo,Tu,We,Fr {full[0]},{full[1]}; Th {late}; PH off"
        out.append((config, value))
    return out


def variants(value: str, n: int, seed: int) -> list[str]:
    """``n`` values like ``value``, each rule with hours changed in every value (and a dated
    rule added): neither the values nor their rules were read before, in this process or by
    another call (the rules without hours, ``PH off``, are those of every value, as in
    OpenStreetMap's data)."""
    rng = random.Random(seed)
    times = re.compile(r"(\d\d):(\d\d)")
    out: list[str] = []
    while len(out) < n:
        minutes = iter(rng.sample(range(1, 59), 58))

        def minute(match: re.Match[str], minutes: Iterator[int] = minutes) -> str:
            return f"{match[1]}:{next(minutes):02d}"

        changed = times.sub(minute, value)
        out.append(f"{changed}; {rng.randrange(2030, 2090)} Jan {rng.randrange(1, 29):02d} off")
        if len(set(out)) < len(out):
            out.pop()
    return out


def compare_value(
    table: Table,
    name: str,
    value: str,
    instants: list[dt.datetime],
    oh: Any,
    hoh: Any,
    osm: Any,
    native: Any,
    seed: int,
) -> list[str]:
    """Rows for one value; returns the disagreements found."""
    problems: list[str] = []
    peer = oh.OpeningHours(value, timezone=PARIS, country="FR") if oh else None
    ours = osm.parse(value, timezone="Europe/Paris", country="FR") if osm else native.schedule()
    label = "osm" if osm else "native"
    human = None
    if hoh is not None:
        try:
            human = hoh.OHParser(value)
        except Exception:
            human = None

    if osm and oh:
        first = instants[0]
        fresh = variants(value, 1000, seed)  # distinct values: no cache can answer
        cold = per_call(
            {
                "horaires": lambda v: osm.parse(v, timezone="Europe/Paris", country="FR"),
                "peer": lambda v: oh.OpeningHours(v, timezone=PARIS, country="FR"),
            },
            fresh,
            50,
        )
        if human is not None:
            cold["human"] = per_call(
                {"human": hoh.OHParser}, [v.split("; 20")[0] for v in fresh[:100]], 20
            )["human"]
        table.add(name, "parse (value never seen)", cold, other="human")
        fresh = variants(value, 1000, seed + 1)
        cold = per_call(
            {
                "horaires": lambda v: osm.parse(v, timezone="Europe/Paris", country="FR").is_open(
                    first
                ),
                "peer": lambda v: oh.OpeningHours(v, timezone=PARIS, country="FR").is_open(first),
            },
            fresh,
            50,
        )
        table.add(name, "parse + first is_open (never seen)", cold, target_key="cold osm")
        same = [value] * 2000
        cached = per_call(
            {
                "horaires": lambda v: osm.parse(v, timezone="Europe/Paris", country="FR"),
                "peer": lambda v: oh.OpeningHours(v, timezone=PARIS, country="FR"),
            },
            same,
        )
        table.add(name, "parse (value seen before)", cached, target_key="parse cached")
    elif oh:
        table.add(name, "parse: horaires.osm unavailable", None)

    ours.is_open(instants[0])  # compile 2025 once, as a long-running process would have
    contenders: dict[str, Callable[[Any], object]] = {"horaires": ours.is_open}
    if peer is not None:
        contenders["peer"] = peer.is_open
    if human is not None and name == "pantin":
        contenders["human"] = lambda at: human.is_open(at.replace(tzinfo=None))
    if native is not None and name == "pantin" and oh is not None:
        configs = native_variants(2000, seed)  # configurations never seen, and their OSM values
        first = instants[0]
        cold = per_call(
            {
                "horaires": lambda pair: horaires.load(pair[0]).is_open(first),
                "peer": lambda pair: oh.OpeningHours(pair[1], timezone=PARIS, country="FR").is_open(
                    first
                ),
            },
            configs,
            50,
        )
        table.add(name, "load config + first is_open (native)", cold, target_key="cold native")
    if native is not None and name == "pantin":
        native.is_open(instants[0])
        contenders["native"] = native.is_open
        contenders["native schedule"] = native.schedule().is_open
    got = per_call(contenders, instants)
    table.add(name, f"is_open ({label})", got, other="human", target_key="is_open")
    if "native" in got:
        table.add(name, "is_open (native Establishment)", got, "native", target_key="is_open")
        table.add(name, "is_open (native Schedule)", got, "native schedule", target_key="is_open")
        desk = pantin_native(admission=True)
        status = per_call({"horaires": desk.status}, instants[:20000])
        table.add(name, "status with admission (native)", status)
    status = per_call({"horaires": ours.status}, instants[:20000])
    table.add(name, f"status ({label}; no peer equivalent)", status)

    contenders = {"horaires": ours.next_change}
    if peer is not None:
        contenders["peer"] = peer.next_change
    got = per_call(contenders, instants)
    table.add(name, f"next_change ({label})", got, target_key="next_change")

    start, end = dt.datetime(2025, 1, 1, tzinfo=PARIS), dt.datetime(2026, 1, 1, tzinfo=PARIS)
    calls: dict[str, Callable[[], object]] = {"horaires": lambda: list(ours.intervals(start, end))}
    if peer is not None:
        calls["peer"] = lambda: list(peer.intervals(start, end))
    got = repeated(calls, 21)
    table.add(name, f"intervals, one year ({label})", got, target_key="intervals")

    many = repeated({"horaires": lambda: bulk.is_open_many(ours, instants)}, 5)
    many["horaires"] = [t / len(instants) for t in many["horaires"]]
    table.add(name, "bulk.is_open_many, per instant", many)

    if peer is not None:  # the same answers?
        wrong = [at for at in instants if ours.is_open(at) != peer.is_open(at)]
        if wrong:
            problems.append(f"{name}: is_open differs at {len(wrong)} instants, e.g. {wrong[0]}")
        wrong = [at for at in instants[:20000] if ours.next_change(at) != peer.next_change(at)]
        if wrong:
            problems.append(
                f"{name}: next_change differs at {len(wrong)} of 20000 instants, e.g. {wrong[0]}"
            )
        mine = [(i.start, i.end) for i in ours.intervals(start, end) if not i.unknown]
        theirs = [(a, b) for a, b, state, _ in peer.intervals(start, end) if state == oh.State.OPEN]
        if mine != theirs:
            problems.append(f"{name}: intervals differ ({len(mine)} against {len(theirs)})")
        if native is not None and name == "pantin":
            wrong = [at for at in instants if native.is_open(at) != peer.is_open(at)]
            if wrong:
                problems.append(f"{name}: native is_open differs at {len(wrong)} instants")
        print(
            f"  checked {name}: is_open on {len(instants)} instants, next_change on {min(20000, len(instants))}, "
            f"{len(mine)} intervals of 2025: {'same answers' if not problems else 'DIFFERENCES'}"
        )
    return problems


def bulk_rows(table: Table, instants: list[dt.datetime], distinct: int, osm: Any, oh: Any) -> None:
    """10,000 places at one instant (200 hour patterns, as a chain's shops), and places
    whose schedules all differ (``distinct`` OSM values: each compiles its year once)."""
    rng = random.Random(10_000)
    patterns = []
    for _ in range(200):
        opens, closes = 7 * 60 + 15 * rng.randrange(12), 16 * 60 + 15 * rng.randrange(20)
        days = rng.choice(
            [
                ("mon", "tue", "wed", "thu", "fri"),
                ("tue", "wed", "thu", "fri", "sat"),
                ("mon", "tue", "wed", "thu", "fri", "sat"),
            ]
        )
        slot = f"{opens // 60:02d}:{opens % 60:02d}-{closes // 60:02d}:{closes % 60:02d}"
        patterns.append({day: [slot] for day in days})
    places = [Establishment(name=f"Magasin {i}", hours=patterns[i % 200]) for i in range(10_000)]
    t0 = time.perf_counter()
    index = bulk.Places(places)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    index.open_at(instants[0])  # compiles 2025 for each distinct configuration
    compiled = time.perf_counter() - t0
    day = instants[0].replace(hour=10, minute=0)
    moments = [day + dt.timedelta(minutes=7 * k) for k in range(61)]  # through one day
    got = repeated(
        {
            "open": lambda: index.open_at(rng.choice(moments)),
            "accepting": lambda: index.accepting_at(rng.choice(moments)),
        },
        61,
    )
    table.add("bulk", "Places.open_at: 10,000 (200 configs)", got, "open")
    table.add("bulk", "Places.accepting_at: same", got, "accepting")
    print(
        f"  bulk: Places over 10,000 establishments built in {fmt(built)}, "
        f"2025 compiled for 200 configurations in {fmt(compiled)}"
    )
    at = moments[3]
    assert index.open_at(at) == [p.is_open(at) for p in places], "bulk differs"
    if osm is None or distinct <= 0:
        return
    values = [
        f"Mo-Fr {7 + i % 5:02d}:{i // 5 % 60:02d}-{16 + i // 300 % 8:02d}:{i % 60:02d}; "
        f"Sa 09:00-{12 + i % 3}:00"
        for i in range(distinct)
    ]
    assert len(set(values)) == distinct
    schedules = [osm.parse(v, timezone="Europe/Paris", country=None) for v in values]
    many = bulk.Places(schedules)
    t0 = time.perf_counter()
    many.open_at(day)
    first = time.perf_counter() - t0
    got = repeated({"open": lambda: many.open_at(rng.choice(moments))}, 61)
    table.add("bulk", f"Places.open_at: {distinct:,} distinct", got, "open")
    print(
        f"  bulk: {distinct:,} distinct OSM schedules, first query (compiles the day) {fmt(first)}"
    )
    assert many.open_at(at) == [s.is_open(at) for s in schedules], "bulk differs"
    if oh is None:
        return
    rounds: list[tuple[float, float, list[bool]]] = []  # values never seen in each round,
    paused: list[tuple[float, float, list[bool]]] = []  # nor their rules: parse all, then which
    for k in range(10):  # are open now ("Sa ..." and "PH off" are shared, as in real data)
        fresh = []
        for i in range(distinct):
            j = (k + 1) * distinct + i
            opens, closes = (
                f"{7 + j % 5:02d}:{j // 5 % 60:02d}",
                f"{16 + j // 300 % 8:02d}:{j // 2400 % 60:02d}",
            )
            fresh.append(f"Mo-Fr {opens}-{closes}; Sa 09:00-{12 + i % 3}:00; PH off")
        collector = k % 2 == 0  # every other round with Python's cyclic collector paused:
        if not collector:  # what its full collections cost (they walk every object kept)
            gc.disable()
        try:
            t0 = time.perf_counter()
            bulk.Places(
                [osm.parse(v, timezone="Europe/Paris", country="FR") for v in fresh]
            ).open_at(day)
            ours = time.perf_counter() - t0
        finally:
            gc.enable()
        if not collector:
            gc.collect()  # the collection put off, outside the peer's time
        t0 = time.perf_counter()
        answers = [oh.OpeningHours(v, timezone=PARIS, country="FR").is_open(day) for v in fresh]
        theirs = time.perf_counter() - t0
        (rounds if collector else paused).append((ours, theirs, answers))
    cold = Timings({"horaires": [r[0] for r in rounds], "peer": [r[1] for r in rounds]})
    table.add("bulk", f"{distinct:,} never seen: parse + open now", cold, target_key="cold bulk")
    cold = Timings({"horaires": [r[0] for r in paused], "peer": [r[1] for r in paused]})
    table.add("bulk", "same, garbage collector paused", cold)


STARTUP_RATIO = 2.0
"""``import horaires`` takes at most this times ``from pydantic import BaseModel``."""

STATUS_SECONDS = 0.3
"""``horaires status`` takes at most this long (on a quiet machine)."""


def startup() -> dict[str, float]:
    """Medians of 7 fresh interpreters of each command, taken in turns, with byte code
    cached as after an install (a first run of each writes it, even where the environment
    says not to: ``PYTHONDONTWRITEBYTECODE``)."""
    commands = {
        "python -c pass": ["-c", "pass"],
        "from pydantic import BaseModel": ["-c", "from pydantic import BaseModel"],
        "import horaires": ["-c", "import horaires"],
        "import horaires.osm": ["-c", "import horaires.osm"],
        "horaires status": ["-m", "horaires", "status", "--at", "2025-05-05T10:00"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for args in commands.values():
        subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
    for _ in range(7):
        for name, args in commands.items():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--distinct",
        type=int,
        default=2000,
        help="places with distinct schedules in the bulk row (10000: ~1 min more)",
    )
    args = parser.parse_args(argv)

    oh = optional("opening_hours")
    hoh = optional("humanized_opening_hours")
    osm = optional("horaires.osm")
    print(f"horaires {horaires.__version__}, Python {sys.version.split()[0]}")
    print(
        f"opening-hours-py: {'found' if oh else 'not installed (pip install opening-hours-py)'}; "
        f"osm-humanized-opening-hours: {'found' if hoh else 'not importable'}; "
        f"horaires.osm: {'found' if osm else 'not available: the OSM rows are left out'}"
    )
    instants = random_instants(args.instants, args.seed)
    print(f"{len(instants)} random instants of 2025 in Europe/Paris (seed {args.seed})\n")

    table = Table()
    problems = compare_value(
        table, "pantin", PANTIN, instants, oh, hoh, osm, pantin_native(), args.seed
    )
    if osm:
        problems += compare_value(table, "dated", DATED, instants, oh, None, osm, None, args.seed)
    else:
        print("  the value with dated exceptions needs horaires.osm: left out")
    bulk_rows(table, instants, args.distinct, osm, oh)
    print()
    table.print()

    starts = startup()
    print("\nstart-up, medians of 7 fresh interpreters each:")
    for name, seconds in starts.items():
        print(f"  {name:32} {fmt(seconds):>10}")
    ratio = starts["import horaires"] / starts["from pydantic import BaseModel"]
    status = starts["horaires status"]
    print(
        f"  import horaires / pydantic: {ratio:.2f} (target <= {STARTUP_RATIO}): "
        f"{'ok' if ratio <= STARTUP_RATIO else 'MISSED'}; horaires status {fmt(status)} "
        f"(target <= {STATUS_SECONDS} s on a quiet machine): "
        f"{'ok' if status <= STATUS_SECONDS else 'MISSED'}"
    )
    if problems:
        print("\nDISAGREEMENTS:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("\nSame answers from both libraries on every instant checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
