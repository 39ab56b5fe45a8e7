"""A bounded load test of ``horaires serve`` on 127.0.0.1 (it starts the server and stops it).

Run on demand on a quiet machine (not in CI)::

    .venv/bin/python benchmarks/web_load.py                       # 20 s, 50 connections
    .venv/bin/python benchmarks/web_load.py --seconds 5 --mix hostile

The server runs in its own process with one worker, over ``--places`` generated configs
(variants of Pantin, some with night hours). The client keeps ``--concurrency`` HTTP/1.1
connections open and sends requests back to back until ``--seconds`` have passed (and at
most ``--max-requests``), then prints requests/s, latency percentiles, the answers by status
and the server's resident memory: at start, after a warm-up pass, and at the end.

Mixes:

- ``status``: the status of a random place, for the whole place or one service;
- ``hostile``: random instants within the served window (±5 years) and outside it, random
  ``lang`` strings, unknown services, and valid requests among them;
- ``always``: one place open 24/7 with a closure far in the future (a long search for the
  next change) among the ``status`` requests: the others must not wait behind it.

Expected answers are 200, and 400 for the hostile requests that are wrong on purpose; an
instant years away may also get 503 (the server sheds such requests, computed one at a time,
rather than let them hold up the others); any other status, or a failed connection, is an
error. Targets (one worker, two cores): >= 1,000
requests/s, p99 <= 100 ms, no error, memory growth under 10 % after the warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
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
    """Open 24/7, closed one day far in the future."""
    year = dt.date.today().year + 4
    return {
        "name": "Urgences",
        "hours": {
            day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        },
        "exceptions": [{"date": f"{year}-06-01", "hours": "closed", "label": "Travaux"}],
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


def paths(mix: str, ids: list[str], rng: random.Random) -> tuple[str, str]:
    """A request path of the mix and its kind."""
    place = rng.choice(ids)
    service = rng.choice(["", "&service=etat-civil", "&service=urbanisme"])
    if mix == "always" and rng.random() < 0.1:
        return "/api/places/always/status?lang=fr", "always"
    if mix != "hostile":
        return f"/api/places/{place}/status?lang=fr{service}", "status"
    roll = rng.random()
    now = time.time()
    if roll < 0.3:  # any instant of the window: many distinct answers
        at = dt.datetime.fromtimestamp(now + rng.uniform(-4.9, 4.9) * 365 * 86400, dt.UTC)
        return f"/api/places/{place}/status?at={at:%Y-%m-%dT%H:%M:%S}Z{service}", "window"
    if roll < 0.45:
        year = rng.choice([1, 1900, 2100, 9999, dt.date.today().year + rng.choice([-9, 7, 40])])
        return f"/api/places/{place}/status?at={year:04d}-06-01T10:00Z", "outside"
    if roll < 0.6:
        lang = "".join(rng.choice(string.ascii_letters + "-_;,") for _ in range(rng.randint(1, 12)))
        return f"/api/places/{place}/status?lang={lang}", "lang"
    if roll < 0.75:
        return f"/api/places/{place}/status?service=nope{rng.randint(0, 10**6)}", "service"
    return f"/api/places/{place}/status?lang=fr{service}", "status"


async def client(
    port: int,
    mix: str,
    ids: list[str],
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
            path, kind = paths(mix, ids, rng)
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
    port: int, mix: str, ids: list[str], seconds: float, concurrency: int, max_requests: int
) -> tuple[list[tuple[str, int, float]], Counter[str], float]:
    results: list[tuple[str, int, float]] = []
    failures: Counter[str] = Counter()
    budget = [max_requests]
    start = time.perf_counter()
    await asyncio.gather(
        *(
            client(port, mix, ids, start + seconds, budget, seed, results, failures)
            for seed in range(concurrency)
        )
    )
    return results, failures, time.perf_counter() - start


EXPECTED = {
    "status": {200},
    "always": {200},
    "window": {200, 503},
    "outside": {400},
    "lang": {400},
    "service": {400},
}


def report(results: list[tuple[str, int, float]], failures: Counter[str], elapsed: float) -> int:
    latencies = sorted(latency for _, _, latency in results)
    errors = sum(failures.values()) + sum(
        1 for kind, status, _ in results if status not in EXPECTED[kind]
    )

    def pct(values: list[float], q: float) -> str:
        if not values:
            return "-"
        return f"{values[min(len(values) - 1, int(q * len(values)))] * 1000:.1f} ms"

    print(
        f"requests:   {len(results)} in {elapsed:.1f} s = {len(results) / elapsed:.0f} requests/s"
    )
    print(
        f"latency:    p50 {pct(latencies, 0.5)}, p99 {pct(latencies, 0.99)}, max {pct(latencies, 1.0)}"
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
            f"  {kind:<8}  {len(values):>7}  p50 {pct(values, 0.5)}, p99 {pct(values, 0.99)}  ({answers})"
        )
    print(f"errors:     {errors}" + (f" {dict(failures)}" if failures else ""))
    if latencies:
        print(f"(mean {statistics.fmean(latencies) * 1000:.1f} ms)")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--mix", choices=("status", "hostile", "always"), default="status")
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 < args.concurrency <= 1000:
        parser.error("--seconds is at most 600 and --concurrency at most 1000")
    with tempfile.TemporaryDirectory() as folder:
        for key, data in configs(args.places).items():
            Path(folder, f"{key}.json").write_text(json.dumps(data), encoding="utf-8")
        if args.mix == "always":
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
        start_rss = rss_kib(server.pid)
        for key in ids:  # warm-up: each place and service once
            for service in ("", "&service=etat-civil", "&service=urbanisme"):
                url = f"{base}/api/places/{key}/status?lang=fr{service}"
                with urllib.request.urlopen(url) as answer:
                    answer.read()
        warm_rss = rss_kib(server.pid)
        print(
            f"horaires serve, 1 worker, {len(ids)} places, mix {args.mix}, "
            f"{args.concurrency} connections, {args.seconds:.0f} s"
        )
        results, failures, elapsed = asyncio.run(
            load(port, args.mix, ids, args.seconds, args.concurrency, args.max_requests)
        )
        end_rss = rss_kib(server.pid)
        errors = report(results, failures, elapsed)
        growth = (end_rss - warm_rss) / warm_rss * 100
        print(
            f"memory:     {start_rss / 1024:.1f} MiB at start, {warm_rss / 1024:.1f} MiB "
            f"after the warm-up, {end_rss / 1024:.1f} MiB after the run ({growth:+.1f} %)"
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
