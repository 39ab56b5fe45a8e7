"""Which places are open now, over a column shaped like OpenStreetMap's: horaires.columns in one
process, on Dask, on Spark and in DuckDB, against opening-hours-py with a per-value cache.

Run on demand (not in CI), from the repository with ``pip install -e ".[test]"``::

    .venv/bin/python benchmarks/scale.py                       # 1,000,000 rows, 200,000 values
    .venv/bin/python benchmarks/scale.py --rows 100000 --distinct 20000 --only one,peer

The corpus is synthetic and deterministic (``--seed``): ``--distinct`` realistic values (shops,
bakeries, pharmacies, town halls, restaurants, bars, supermarkets, ``24/7``, public holidays,
dated closures, seasons, comments, and a few invalid or unsupported values, as real data has)
and ``--rows`` rows: each value once, the rest drawn with a Zipf law (a few values very
common, most rare), shuffled. OpenStreetMap has about 4.4 million ``opening_hours`` uses of
about 980,000 distinct values: the default shape is the same (5 rows per value on average).

Every contender answers for the same rows at the same instant (``--at``) and runs in its own
process (started here), so that its peak memory is its own; building the data is not timed.
It prints rows per second, peak memory (resident set, in MB; for Dask the client plus the
largest worker, likewise for ``split``; for Spark the driver's Python process only: the JVM
and the Python workers are not counted), the number of open and null answers (equal for
every horaires path, checked), the ratio horaires/opening-hours-py (time over time: below
1.0, horaires is faster), and the verdicts against the targets: one process at least as fast
as opening-hours-py (ratio <= 1.0), two Dask workers at least 1.6 times one process, peak
memory under 2 GB for one process. The contender ``split`` runs no Dask: two processes
started together, each answering the rows whose values fall in its share (as the Dask graph
deals them); its speed over one process bounds what two workers can reach on the machine.
Last, on a sample of distinct values, the answers of both libraries where both accept the
value, and the disagreements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
AT = dt.datetime(2025, 5, 7, 10, 30, tzinfo=PARIS)  # a Wednesday morning
CONTENDERS = ("one", "list", "dask", "split", "spark", "duckdb", "peer")
TARGETS = {"ratio": 1.0, "dask speed-up": 1.6, "peak MB": 2048.0}

# -- the corpus -------------------------------------------------------------------------------

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _time(rng: random.Random, lo: int, hi: int, step: int = 15) -> str:
    minutes = rng.randrange(lo * 60, hi * 60 + 1, step)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(rng: random.Random, opens: tuple[int, int], closes: tuple[int, int]) -> str:
    return f"{_time(rng, *opens)}-{_time(rng, *closes)}"


def _days(rng: random.Random) -> str:
    first = rng.choice((0, 0, 0, 1))
    last = rng.choice((4, 5, 5, 6))
    return f"{DAYS[first]}-{DAYS[last]}"


def _extras(rng: random.Random) -> list[str]:
    """Public holidays, dated closures, seasons: what makes values differ in real data."""
    extra = []
    if rng.random() < 0.45:
        extra.append(rng.choice(("PH off", "PH off", "PH 10:00-12:00", "PH 09:00-13:00")))
    if rng.random() < 0.15:
        day = rng.randint(1, 28)
        month = rng.choice(MONTHS)
        extra.append(f"2025 {month} {day:02d} off")
    if rng.random() < 0.08:
        start = rng.randint(1, 20)
        extra.append(f"Aug {start:02d}-Aug {start + rng.randint(3, 10):02d} off")
    if rng.random() < 0.05:
        extra.append("Dec 24 " + _span(rng, (8, 10), (12, 16)))
    if rng.random() < 0.04:
        extra.append("easter off")
    return extra


def _shop(rng: random.Random) -> list[str]:
    if rng.random() < 0.5:
        hours = _span(rng, (8, 10), (18, 20))
    else:
        hours = f"{_span(rng, (8, 10), (12, 13))},{_span(rng, (13, 15), (18, 20))}"
    rules = [f"{_days(rng)} {hours}"]
    if rng.random() < 0.2:
        rules.append("Su " + _span(rng, (8, 10), (12, 13)))
    return rules


def _pharmacy(rng: random.Random) -> list[str]:
    week = f"Mo-Fr {_span(rng, (8, 9), (19, 20))}"
    saturday = f"Sa {_span(rng, (8, 9), (12, 13))},{_span(rng, (14, 15), (19, 20))}"
    return [week, saturday]


def _town_hall(rng: random.Random) -> list[str]:
    morning, afternoon = _span(rng, (8, 9), (12, 12)), _span(rng, (13, 14), (17, 18))
    closed = rng.randrange(5)
    days = ",".join(DAYS[d] for d in range(5) if d != closed)
    rules = [f"{days} {morning},{afternoon}", f"{DAYS[closed]} {afternoon}"]
    if rng.random() < 0.4:
        rules.append("Sa " + _span(rng, (9, 9), (12, 12)))
    return rules


def _restaurant(rng: random.Random) -> list[str]:
    lunch, dinner = _span(rng, (11, 12), (14, 15)), _span(rng, (18, 19), (22, 23))
    rest = rng.randrange(7)
    days = f"{DAYS[(rest + 1) % 7]}-{DAYS[(rest + 6) % 7]}"
    return [f"{days} {lunch},{dinner}"]


def _bar(rng: random.Random) -> list[str]:
    return [f"{_days(rng)} {_time(rng, 16, 19)}-{_time(rng, 0, 2)}"]


def _supermarket(rng: random.Random) -> list[str]:
    rules = [f"Mo-Sa {_span(rng, (7, 9), (20, 22))}"]
    if rng.random() < 0.5:
        rules.append(f"Su {_span(rng, (8, 9), (12, 13))}")
    return rules


def _odd(rng: random.Random) -> list[str]:
    """Comments, unknown states, open ends, and values horaires refuses (as real data has)."""
    return [
        rng.choice(
            (
                f'{_days(rng)} {_span(rng, (8, 10), (17, 19))}; Sa {_span(rng, (9, 10), (12, 13))} "on appointment"',
                f"{_days(rng)} {_time(rng, 17, 19)}+",
                f'Mo-Fr {_span(rng, (8, 10), (17, 19))}; Su unknown "call first"',
                f"Mo-Fr {rng.randint(7, 10)}-{rng.randint(17, 20)}",  # error tolerance: refused
                f"Mo-Fr sunrise-{_time(rng, 17, 20)}",  # needs coordinates: unsupported
                f"{_days(rng)} {rng.randint(7, 10)}h-{rng.randint(17, 20)}h",  # invalid
            )
        )
    ]


KINDS: tuple[tuple[Callable[[random.Random], list[str]], float], ...] = (
    (_shop, 0.34),
    (_restaurant, 0.18),
    (_pharmacy, 0.08),
    (_town_hall, 0.08),
    (_bar, 0.07),
    (_supermarket, 0.08),
    (_odd, 0.07),
    (lambda rng: ["24/7"], 0.0),  # added once below: the most common value of all
)


def corpus(distinct: int, rows: int, seed: int) -> tuple[list[str], list[str]]:
    """``distinct`` realistic values and ``rows`` rows of them (each value at least once, the
    rest drawn with a Zipf law), both deterministic for ``seed``."""
    if rows < distinct:
        raise SystemExit(f"--rows ({rows}) must be at least --distinct ({distinct})")
    rng = random.Random(seed)
    makers = [maker for maker, _ in KINDS[:-1]]
    weights = [weight for _, weight in KINDS[:-1]]
    values: dict[str, None] = {"24/7": None, "Mo-Fr 09:00-18:00": None, "Mo-Sa 09:00-19:00": None}
    while len(values) < distinct:
        (maker,) = rng.choices(makers, weights)
        values[("; ".join(maker(rng) + _extras(rng)))] = None
    pool = list(values)[:distinct]
    cumulative = list(accumulate(1.0 / (k + 1) for k in range(len(pool))))
    drawn = pool + rng.choices(pool, cum_weights=cumulative, k=rows - distinct)
    rng.shuffle(drawn)
    return pool, drawn


# -- the contenders (each in its own process) -------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _count(answers: Sequence[bool | None]) -> tuple[int, int]:
    return sum(1 for a in answers if a), sum(1 for a in answers if a is None)


def contender(name: str, rows: list[str], at: dt.datetime, workers: int) -> dict[str, Any]:
    """Answer "which rows are open at ``at``" with one contender: seconds, and the counts."""
    extra: dict[str, Any] = {}
    if name in ("one", "list"):
        import pyarrow as pa
        import pyarrow.compute as pc

        from horaires import columns

        data: Any = pa.array(rows, pa.string()) if name == "one" else rows
        start = time.perf_counter()
        answers = columns.is_open(data, at)
        seconds = time.perf_counter() - start
        if name == "one":
            counts = (pc.sum(answers).as_py() or 0, answers.null_count)
        else:
            counts = _count(answers)
    elif name == "dask":
        counts, seconds, extra = _dask(rows, at, workers)
    elif name == "split":
        counts, seconds, extra = _split(rows, at, workers)
    elif name == "spark":
        counts, seconds = _spark(rows, at, workers)
    elif name == "duckdb":
        import duckdb
        import pyarrow as pa

        from horaires import columns

        con = duckdb.connect()
        columns.register_duckdb(con)
        con.register("places", pa.table({"opening_hours": pa.array(rows, pa.string())}))
        start = time.perf_counter()
        found = con.execute(
            "SELECT count(*) FILTER (WHERE open), count(*) FILTER (WHERE open IS NULL) FROM "
            "(SELECT horaires_is_open(opening_hours, ?) AS open FROM places)",
            [at],
        ).fetchone()
        seconds = time.perf_counter() - start
        assert found is not None
        counts = (found[0], found[1])
    elif name == "peer":
        counts, seconds = _peer(rows, at)
    else:
        raise SystemExit(f"unknown contender {name!r}; known: {', '.join(CONTENDERS)}")
    return {
        "name": name,
        "rows": len(rows),
        "seconds": seconds,
        "open": counts[0],
        "null": counts[1],
        "peak_mb": max(_peak_mb(), extra.get("workers_peak_mb", 0.0) + _peak_mb()),
        **extra,
    }


def _dask(
    rows: list[str], at: dt.datetime, workers: int
) -> tuple[tuple[int, int], float, dict[str, Any]]:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    import horaires.columns  # noqa: F401 - registers .horaires on Dask Series

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            worker_dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        frame = pd.DataFrame({"opening_hours": pd.Series(rows, dtype="string[pyarrow]")})
        places = dd.from_pandas(frame, npartitions=4 * workers).persist()
        client.wait_for_workers(workers)
        places = places.persist()
        len(places)  # the data is on the workers before the clock starts
        client.run(_ready, len(rows) // workers)  # as the one process is before its clock
        start = time.perf_counter()
        answers = places["opening_hours"].horaires.is_open(at)
        counts = answers.map_partitions(_partition_counts, meta={"open": "int64", "null": "int64"})
        opened, nulls = counts.compute().sum()
        seconds = time.perf_counter() - start
        peaks = client.run(_peak_mb)
    return (int(opened), int(nulls)), seconds, {"workers_peak_mb": max(peaks.values())}


def _ready(rows: int) -> None:
    """A worker made ready as the one-process contender is before its clock: pyarrow and
    horaires imported, and its memory grown by building an Arrow column of ``rows`` strings
    (made up, not the data: nothing horaires could keep): a fresh process's allocator pays
    the first growth of its heap and of Arrow's memory pool, the one process pays it while
    building its column."""
    import pyarrow as pa
    import pyarrow.compute

    import horaires.columns  # noqa: F401

    column = pa.array([f"ready {k % 50_000} {k}" for k in range(rows)], pa.string())
    pyarrow.compute.dictionary_encode(column).dictionary.to_pylist()


def _split(
    rows: list[str], at: dt.datetime, workers: int
) -> tuple[tuple[int, int], float, dict[str, Any]]:
    """``workers`` processes started together (no Dask), each answering the rows whose values
    fall in its share (:func:`horaires.columns.dask.share_of`, as the Dask graph deals them):
    the split of the work with no scheduler, no dealing and no transfer, which bounds what
    that many workers can reach on this machine. The time is the slowest process's."""
    import multiprocessing

    context = multiprocessing.get_context("fork")  # the children inherit the rows
    barrier = context.Barrier(workers)
    found: Any = context.Queue()
    children = [
        context.Process(target=_share, args=(rows, at, share, workers, barrier, found))
        for share in range(workers)
    ]
    for child in children:
        child.start()
    shares = [found.get(timeout=600) for _ in children]  # (a child that failed: no hang)
    for child in children:
        child.join()
    counts = (sum(share[1] for share in shares), sum(share[2] for share in shares))
    return counts, max(share[0] for share in shares), {"workers_peak_mb": max(s[3] for s in shares)}


def _share(
    rows: list[str], at: dt.datetime, share: int, shares: int, barrier: Any, found: Any
) -> None:
    """One process of :func:`_split`: its rows built, the clock started with the others'."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from horaires import columns
    from horaires.columns.dask import share_of

    data = pa.array([value for value in rows if share_of(value, shares) == share], pa.string())
    barrier.wait(timeout=600)
    start = time.perf_counter()
    answers = columns.is_open(data, at)
    seconds = time.perf_counter() - start
    found.put((seconds, pc.sum(answers).as_py() or 0, answers.null_count, _peak_mb()))


def _partition_counts(answers: Any) -> Any:
    import pandas as pd

    return pd.DataFrame({"open": [int(answers.sum())], "null": [int(answers.isna().sum())]})


def _spark(rows: list[str], at: dt.datetime, workers: int) -> tuple[tuple[int, int], float]:
    import warnings

    import pyarrow as pa

    from horaires.columns.spark import local_session, with_answer

    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    session = local_session(
        f"local[{workers}]",
        config={"spark.sql.execution.arrow.pyspark.enabled": "true"},
    )
    try:
        table = pa.table({"opening_hours": pa.array(rows, pa.string())})
        frame = session.createDataFrame(table.to_pandas()).repartition(4 * workers).cache()
        frame.count()  # the data is in Spark before the clock starts
        start = time.perf_counter()
        answered = with_answer(frame, "open", "is_open", "opening_hours", at)
        found = answered.selectExpr(
            "count_if(open) AS open", "count_if(open IS NULL) AS nulls"
        ).collect()[0]
        seconds = time.perf_counter() - start
    finally:
        session.stop()
    return (int(found["open"]), int(found["nulls"])), seconds


def _peer(rows: list[str], at: dt.datetime) -> tuple[tuple[int, int], float]:
    from opening_hours import OpeningHours

    start = time.perf_counter()
    cache: dict[str, bool | None] = {}
    answers: list[bool | None] = []
    append = answers.append
    for value in rows:
        answer = cache.get(value, _MISSING)
        if answer is _MISSING:
            answer = cache[value] = _peer_open(OpeningHours, value, at)
        append(answer)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    return _count(answers), seconds


_MISSING = object()


def _peer_open(opening_hours: Any, value: str, at: dt.datetime) -> bool | None:
    try:
        parsed = opening_hours(value, timezone=PARIS, country="FR")
    except Exception:  # the peer refuses the value: null, as horaires gives
        return None
    return bool(parsed.is_open(at))


# -- the cross-check --------------------------------------------------------------------------


def cross_check(pool: list[str], at: dt.datetime, sample: int, seed: int) -> dict[str, Any]:
    """horaires and opening-hours-py on a sample of distinct values, at ``at``."""
    from opening_hours import OpeningHours

    from horaires import HorairesError, osm

    rng = random.Random(seed + 1)
    chosen = rng.sample(pool, min(sample, len(pool)))
    tally = {"both": 0, "agree": 0, "horaires only": 0, "peer only": 0, "neither": 0}
    disagreements = []
    for value in chosen:
        try:
            ours: bool | None = osm.parse(value).is_open(at)
        except HorairesError:
            ours = None
        theirs = _peer_open(OpeningHours, value, at)
        if ours is None or theirs is None:
            key = (
                "neither"
                if ours is theirs
                else ("horaires only" if theirs is None else "peer only")
            )
            tally[key] += 1
            continue
        tally["both"] += 1
        if ours == theirs:
            tally["agree"] += 1
        else:
            disagreements.append((value, ours, theirs))
    return {"sample": len(chosen), **tally, "disagreements": disagreements}


# -- the report -------------------------------------------------------------------------------


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    """Each contender in its own process, then the cross-check; print and return the report."""
    pool, rows = corpus(args.distinct, args.rows, args.seed)
    print(
        f"{len(rows):,} rows of {len(pool):,} distinct values (seed {args.seed}), "
        f"at {args.at.isoformat()}; Python {sys.version.split()[0]}"
    )
    results: dict[str, dict[str, Any]] = {}
    for name in args.only:
        command = [
            sys.executable,
            __file__,
            "--contender",
            name,
            "--rows",
            str(args.rows),
            "--distinct",
            str(args.distinct),
            "--seed",
            str(args.seed),
            "--at",
            args.at.isoformat(),
            "--workers",
            str(args.workers),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            print(f"{name}: failed\n{done.stderr[-3000:]}")
            results[name] = {"name": name, "failed": done.stderr[-3000:]}
            continue
        results[name] = json.loads(lines[-1])
    print(
        f"\n{'contender':<10} {'rows/s':>12} {'seconds':>9} {'peak MB':>9} {'open':>9} {'null':>9}"
    )
    for name, result in results.items():
        if "failed" in result:
            continue
        rate = result["rows"] / result["seconds"] if result["seconds"] else float("inf")
        result["rows_per_s"] = rate
        print(
            f"{name:<10} {rate:>12,.0f} {result['seconds']:>9.2f} {result['peak_mb']:>9.0f} "
            f"{result['open']:>9,} {result['null']:>9,}"
        )
    ours = {
        name: (r["open"], r["null"])
        for name, r in results.items()
        if name != "peer" and "failed" not in r
    }
    same = len(set(ours.values())) <= 1
    print(f"\nhoraires paths give the same counts: {'yes' if same else 'NO: ' + repr(ours)}")
    verdicts = _verdicts(results)
    for line in verdicts:
        print(line)
    check = cross_check(pool, args.at.astimezone(PARIS), args.sample, args.seed)
    print(
        f"\ncross-check on {check['sample']:,} distinct values: both accept {check['both']:,}, "
        f"agree {check['agree']:,}, disagree {len(check['disagreements']):,}; "
        f"only horaires accepts {check['horaires only']:,}, only opening-hours-py "
        f"{check['peer only']:,}, neither {check['neither']:,}"
    )
    for value, mine, theirs in check["disagreements"][:5]:
        print(f"  {value!r}: horaires {mine}, opening-hours-py {theirs}")
    return {"results": results, "same": same, "verdicts": verdicts, "cross_check": check}


def _verdicts(results: dict[str, dict[str, Any]]) -> list[str]:
    def rate(name: str) -> float | None:
        result = results.get(name)
        return None if result is None or "failed" in result else result.get("rows_per_s")

    lines = []
    one, peer, dask, split = rate("one"), rate("peer"), rate("dask"), rate("split")
    if one and peer:
        ratio = peer / one  # time over time
        ok = "ok" if ratio <= TARGETS["ratio"] else "missed"
        lines.append(f"ratio horaires/opening-hours-py (time): {ratio:.2f} (target <= 1.0: {ok})")
    if one and dask:
        speed = dask / one
        ok = "ok" if speed >= TARGETS["dask speed-up"] else "missed"
        lines.append(f"Dask, 2 workers / one process: {speed:.2f} (target >= 1.6: {ok})")
    if one and split:
        lines.append(
            f"two processes, each its share, no Dask / one process: {split / one:.2f} "
            "(what two workers can reach on this machine)"
        )
    if "one" in results and "failed" not in results["one"]:
        peak = results["one"]["peak_mb"]
        ok = "ok" if peak < TARGETS["peak MB"] else "missed"
        lines.append(f"one process, peak memory: {peak:,.0f} MB (target < 2,048 MB: {ok})")
    return lines


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--at", type=dt.datetime.fromisoformat, default=AT)
    parser.add_argument("--workers", type=int, default=2, help="Dask workers and Spark threads")
    parser.add_argument("--sample", type=int, default=2000, help="values cross-checked")
    parser.add_argument(
        "--only",
        type=lambda text: [name for name in text.split(",") if name],
        default=list(CONTENDERS),
        help=f"contenders, comma-separated: {','.join(CONTENDERS)}",
    )
    parser.add_argument("--contender", help=argparse.SUPPRESS)  # run one, print JSON
    args = parser.parse_args(argv)
    if args.at.tzinfo is None:
        parser.error("--at needs a UTC offset (2025-05-07T10:30+02:00)")
    unknown = set(args.only) - set(CONTENDERS)
    if unknown:
        parser.error(f"unknown contenders {sorted(unknown)}; known: {', '.join(CONTENDERS)}")
    return args


def main(argv: Sequence[str] | None = None) -> dict[str, Any] | None:
    args = parse_args(argv)
    if args.contender:
        _, rows = corpus(args.distinct, args.rows, args.seed)
        at = args.at.astimezone(PARIS)  # the same instant for every contender, in Paris
        print(json.dumps(contender(args.contender, rows, at, args.workers)))
        return None
    return run_all(args)


if __name__ == "__main__":
    main()
