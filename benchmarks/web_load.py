"""A bounded load test of ``horaires serve`` on 127.0.0.1 (it starts the server and stops it).

Run on demand on a quiet machine (not in CI)::

    .venv/bin/python benchmarks/web_load.py                        # 20 s, 50 connections
    .venv/bin/python benchmarks/web_load.py --mix all --seconds 10 # every mix, one server
    .venv/bin/python benchmarks/web_load.py --distinct 100000      # memory after 100,000

The server runs in its own process with one worker (and its engine processes), over
``--places`` generated configs (variants of Pantin, some with night hours) and a place open
24/7 with one closure on 2300-01-01. The client keeps ``--concurrency`` HTTP/1.1
connections open and sends requests back to back until ``--seconds`` have passed (and at
most ``--max-requests``), then prints requests/s, latency percentiles (of all requests and
of each kind), the answers by status and the resident memory: of the server's process and
of the server with its engine processes, at start, after a warm-up pass, and at the end.

Mixes (the hostile ones of the reliability issue; half or more of their requests are the
plain status, whose latency is the figure to watch):

- ``status``: the status of a random place, for the whole place or one service;
- ``years``: half of them ``at`` a random instant of the served window (±5 years: each a
  distinct answer to compute) or a random year outside it (1 to 9999);
- ``closure``: a tenth of them to the place open 24/7 with its closure in 2300 (its next
  change is centuries away), now or at a random instant;
- ``junk``: half of them with a random ``lang`` string, an unknown parameter or service;
- ``hostile``: all of the above together;
- ``all``: each mix in turn on the same server, then a table.

``--distinct N`` sends N requests that are all different (instants of the window to the
minute, junk languages, parameters and services) and prints the memory before and after.

Expected answers: 200 for the plain status; 400 for the requests wrong on purpose; 200 or
503 for a distinct instant (the server computes them one at a time and sheds the excess at
once) and for the place of 2300 (cut short after two seconds, then refused for a minute);
anything else, or a failed connection, is an error. Targets (one worker, two cores):
>= 1,000 requests/s, p99 <= 100 ms, no error, memory growth under 10 % after the warm-up,
and the hostile mixes close to the plain status.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import functools
import json
import random
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

FULL = ["08:30-12:30", "13:30-17:30"]


def configs(count: int) -> dict[str, dict[str, Any]]:
    """``count`` places: Pantin's hours with variations, a service each, some nights."""
    rng = random.Random(7)
    places: dict[str, dict[str, Any]] = {}
    for i in range(count):
        opens = rng.choice(["08:00", "08:30", "09:00"])
        hours: dict[str, Any] = {
            day: [f"{opens}-12:30", "13:30-17:30"] for day in ("mon", "tue", "wed", "fri")
        }
        hours["thu"] = ["13:30-17:30"] if i % 3 else FULL
        if i % 10 == 0:
            hours["sat"] = ["20:00-02:00"]  # a night
        places[f"p{i:03d}"] = {
            "name": f"Mairie annexe {i}",
            "timezone": "Europe/Paris",
            "hours": hours,
            "admission": {"before_closing": "30min"},
            "holidays": {"country": "FR"},
            "services": {
                "etat-civil": {"name": "État civil", "hours": {"sat": ["09:00-12:30"]}},
                "urbanisme": {"name": "Urbanisme"},
            },
        }
    return places


def always_open() -> dict[str, Any]:
    """Open 24/7, closed one day in 2300 (a valid configuration whose next change is
    centuries away)."""
    return {
        "name": "Urgences",
        "hours": {
            day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        },
        "exceptions": [{"date": "2300-01-01", "hours": "closed", "label": "Travaux"}],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    """The resident memory of a process (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


MIXES = ("status", "years", "closure", "junk", "hostile")
YEAR = 365.25 * 86400
JUNK = string.ascii_letters + string.digits + "-_;,.=%"


def _junk(rng: random.Random, size: int = 12) -> str:
    """Junk that no language, parameter or service can be (``de`` drawn alone would be one)."""
    return "zz" + "".join(rng.choice(JUNK) for _ in range(rng.randint(1, size)))


def paths(mix: str, ids: list[str], rng: random.Random) -> tuple[str, str]:
    """A request path of the mix and its kind."""
    place = rng.choice(ids)
    service = rng.choice(["", "&service=etat-civil", "&service=urbanisme"])
    plain = f"/api/places/{place}/status?lang=fr{service}", "status"
    if mix == "hostile":
        mix = rng.choice(MIXES[1:])
    roll = rng.random()
    if mix == "years" and roll < 0.5:
        if roll < 0.25:  # any instant of the window: many distinct answers
            at = dt.datetime.fromtimestamp(time.time() + rng.uniform(-4.9, 4.9) * YEAR, dt.UTC)
            return f"/api/places/{place}/status?at={at:%Y-%m-%dT%H:%M:%S}Z{service}", "window"
        year = rng.choice([rng.randint(1, 2019), rng.randint(2031, 9999)])
        return f"/api/places/{place}/status?at={year:04d}-06-01T10:00Z", "outside"
    if mix == "closure" and roll < 0.1:
        if roll < 0.05:
            return "/api/places/always/status?lang=fr", "2300"
        at = dt.datetime.fromtimestamp(time.time() + rng.uniform(-4.9, 4.9) * YEAR, dt.UTC)
        return f"/api/places/always/status?at={at:%Y-%m-%dT%H:%M}Z", "2300"
    if mix == "junk" and roll < 0.5:
        if roll < 0.2:
            return f"/api/places/{place}/status?lang={_junk(rng)}", "junk"
        if roll < 0.35:
            return f"/api/places/{place}/status?{_junk(rng)}=1", "junk"
        return f"/api/places/{place}/status?service={_junk(rng)}", "junk"
    return plain


def distinct(i: int, ids: list[str]) -> tuple[str, str]:
    """The ``i``-th of requests that all differ: instants of the window to the minute,
    junk languages, parameters and services."""
    place = ids[i % len(ids)]
    kind = i % 4
    if kind == 0:
        at = dt.datetime.fromtimestamp(time.time() - 4.9 * YEAR + i * 60, dt.UTC)
        return f"/api/places/{place}/status?at={at:%Y-%m-%dT%H:%M}Z", "window"
    if kind == 1:
        return f"/api/places/{place}/status?lang=x{i}", "junk"
    if kind == 2:
        return f"/api/places/{place}/status?q{i}=1", "junk"
    return f"/api/places/{place}/status?service=s{i}", "junk"


Paths = Callable[[random.Random], tuple[str, str]]


async def client(
    port: int,
    paths_of: Paths,
    deadline: float,
    budget: list[int],
    seed: int,
    results: list[tuple[str, int, float]],
    failures: Counter[str],
) -> None:
    rng = random.Random(seed)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError as error:
        failures[type(error).__name__] += 1
        return
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            path, kind = paths_of(rng)
            start = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            results.append((kind, status, time.perf_counter() - start))
    except (OSError, asyncio.IncompleteReadError, ValueError) as error:
        failures[type(error).__name__] += 1
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def load(
    port: int, paths_of: Paths, seconds: float, concurrency: int, max_requests: int
) -> tuple[list[tuple[str, int, float]], Counter[str], float]:
    results: list[tuple[str, int, float]] = []
    failures: Counter[str] = Counter()
    budget = [max_requests]
    start = time.perf_counter()
    await asyncio.gather(
        *(
            client(port, paths_of, start + seconds, budget, seed, results, failures)
            for seed in range(concurrency)
        )
    )
    return results, failures, time.perf_counter() - start


EXPECTED = {
    "status": {200},
    "window": {200, 503},
    "outside": {400},
    "junk": {400},
    "2300": {200, 503},
}


def pct(values: list[float], q: float) -> str:
    """A percentile of sorted latencies, in milliseconds."""
    if not values:
        return "-"
    return f"{values[min(len(values) - 1, int(q * len(values)))] * 1000:.1f} ms"


def report(
    results: list[tuple[str, int, float]], failures: Counter[str], elapsed: float
) -> dict[str, Any]:
    """Print the figures of a run; return its summary."""
    latencies = sorted(latency for _, _, latency in results)
    errors = sum(failures.values()) + sum(
        1 for kind, status, _ in results if status not in EXPECTED[kind]
    )
    rate = len(results) / elapsed
    print(f"requests:   {len(results)} in {elapsed:.1f} s = {rate:.0f} requests/s")
    print(
        f"latency:    p50 {pct(latencies, 0.5)}, p99 {pct(latencies, 0.99)}, "
        f"max {pct(latencies, 1.0)}"
    )
    by_kind: dict[str, list[float]] = {}
    statuses: Counter[tuple[str, int]] = Counter()
    for kind, status, latency in results:
        by_kind.setdefault(kind, []).append(latency)
        statuses[(kind, status)] += 1
    for kind, values in sorted(by_kind.items()):
        values.sort()
        answers = ", ".join(f"{s}: {n}" for (k, s), n in sorted(statuses.items()) if k == kind)
        print(
            f"  {kind:<8} {len(values):>7}  p50 {pct(values, 0.5)}, p99 {pct(values, 0.99)}"
            f"  ({answers})"
        )
    print(f"errors:     {errors}" + (f" {dict(failures)}" if failures else ""))
    if latencies:
        print(f"(mean {statistics.fmean(latencies) * 1000:.1f} ms)")
    return {
        "rate": rate,
        "p50": pct(latencies, 0.5),
        "p99": pct(latencies, 0.99),
        "plain": pct(by_kind.get("status", []), 0.99),
        "errors": errors,
    }


def rss_tree(pid: int) -> tuple[int, int]:
    """The resident memory (KiB) of a process, and of it with all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, RuntimeError):
            total += rss_kib(current)
        todo += children.get(current, [])
    return rss_kib(pid), total


def memory(label: str, pid: int) -> tuple[int, int]:
    own, total = rss_tree(pid)
    print(f"memory {label}: server {own / 1024:.1f} MiB, with its engine {total / 1024:.1f} MiB")
    return own, total


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--mix", choices=(*MIXES, "all"), default="status")
    parser.add_argument("--distinct", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 < args.concurrency <= 1000:
        parser.error("--seconds is at most 600 and --concurrency at most 1000")
    if not 0 <= args.distinct <= 1_000_000:
        parser.error("--distinct is at most 1,000,000")
    with tempfile.TemporaryDirectory() as folder:
        for key, data in configs(args.places).items():
            Path(folder, f"{key}.json").write_text(json.dumps(data), encoding="utf-8")
        Path(folder, "always.json").write_text(json.dumps(always_open()), encoding="utf-8")
        port = free_port()
        with Path(folder, "server.log").open("w") as log:
            return run(args, folder, port, log)


def run(args: argparse.Namespace, folder: str, port: int, log: Any) -> int:
    """Start the server, warm it up, load it, stop it; 1 when there was an error."""
    server = subprocess.Popen(
        [sys.executable, "-m", "horaires", "serve", folder, "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    errors = 0
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/api/places", timeout=2) as answer:
                    ids = [p["id"] for p in json.load(answer)["places"] if p["id"] != "always"]
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        start = memory("at start", server.pid)
        for key in ids:  # warm-up: each place and service once
            for service in ("", "&service=etat-civil", "&service=urbanisme"):
                url = f"{base}/api/places/{key}/status?lang=fr{service}"
                with urllib.request.urlopen(url) as answer:
                    answer.read()
        warm = memory("after the warm-up", server.pid)
        print(f"horaires serve, 1 worker, {len(ids)} places + the place of 2300, loopback")
        if args.distinct:
            counter = iter(range(args.distinct))
            print(f"\n== {args.distinct} distinct requests, {args.concurrency} connections")
            results, failures, elapsed = asyncio.run(
                load(
                    port,
                    lambda rng: distinct(next(counter), ids),
                    600.0,
                    args.concurrency,
                    args.distinct,
                )
            )
            errors += report(results, failures, elapsed)["errors"]
        else:
            summary: dict[str, dict[str, Any]] = {}
            for mix in MIXES if args.mix == "all" else (args.mix,):
                print(f"\n== mix {mix}, {args.concurrency} connections, {args.seconds:.0f} s")
                results, failures, elapsed = asyncio.run(
                    load(
                        port,
                        functools.partial(paths, mix, ids),
                        args.seconds,
                        args.concurrency,
                        args.max_requests,
                    )
                )
                summary[mix] = report(results, failures, elapsed)
                errors += summary[mix]["errors"]
            if len(summary) > 1:
                print("\nmix       requests/s  p50       p99       p99 of the plain status  errors")
                for mix, row in summary.items():
                    print(
                        f"{mix:<9} {row['rate']:>10.0f}  {row['p50']:<9} {row['p99']:<9} "
                        f"{row['plain']:<24} {row['errors']}"
                    )
        print()
        end = memory("at the end", server.pid)
        print(
            f"memory growth after the warm-up: server {(end[0] - warm[0]) / warm[0] * 100:+.1f} %, "
            f"with its engine {(end[1] - warm[1]) / warm[1] * 100:+.1f} % "
            f"(at start {start[1] / 1024:.1f} MiB)"
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
