"""Score horaires' OpenStreetMap evaluator against opening_hours.js's own test cases.

Reads ``../shared/reference/opening_hours_js.intervals.jsonl`` (716 cases, zone
Europe/Berlin) and ``opening_hours_js.should_fail.jsonl`` (181 invalid values) from the
directory shared beside the project (or ``$HORAIRES_SHARED``), and prints, per category,
how many cases give identical intervals (start, end, unknown), differ, or are refused
(``UnsupportedSyntax`` / ``OSMSyntaxError``). Touching intervals of the same kind are
merged on both sides (horaires merges them by design), comments are not compared.

    python benchmarks/osm_agreement.py [--quick] [--show fail] [--category core] [--tolerant]

``--tolerant`` parses with ``tolerant=True`` (the mistakes opening_hours.js tolerates are
accepted and corrected); the invalid values are still checked in strict mode, and counted
in tolerant mode too.

Exits 0 when the reference data is absent (nothing to score).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from horaires import MAX_HORIZON, HorairesError
from horaires.osm import OSMSyntaxError, UnsupportedSyntax, parse

ROOT = Path(__file__).resolve().parents[1]
_MODES = {0: "ranges", 1: "points", 2: "both"}
_SUN = re.compile(r"sunrise|sunset|dawn|dusk|daylight", re.IGNORECASE)
_PH = re.compile(r"PH|holiday|feiertag", re.IGNORECASE)


def shared_dir() -> Path | None:
    """The shared reference directory, or None when it is absent."""
    path = Path(os.environ.get("HORAIRES_SHARED", ROOT.parent / "shared"))
    return path if (path / "reference").is_dir() else None


def category(case: dict[str, Any]) -> str:
    """Which part of the syntax a case tests (cases outside the supported subset apart)."""
    value, name = case["value"], case["name"]
    country = case.get("country")
    if case.get("ignored") == "not implemented yet":
        return "not implemented in opening_hours.js"
    if _SUN.search(value) or name.startswith("Variable times"):
        return "sun times"
    if re.search(r"(?<![A-Za-z])SH(?![a-z])", value) or re.search(r"school|ferien", value, re.I):
        return "school holidays"
    if _PH.search(value) and country not in (None, "fr"):
        return "holidays outside France"
    if (
        name.startswith("Error tolerance")
        or case.get("ignored") == "prettifyValue"
        or tolerant(value)
    ):
        return "error tolerance"
    if (case.get("options") or {}).get("mode"):
        return "points in time"
    if "open end" in name.lower() or ("+" in value and "PH" not in value and "day" not in value):
        return "open ends"
    if _PH.search(value) or "easter" in value:
        return "holidays and easter"
    if "week" in value:
        return "weeks"
    if "[" in value:
        return "nth weekdays"
    if re.search(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d{4}", value):
        return "dates and years"
    return "core"


_VOCABULARY = {
    "Mo",
    "Tu",
    "We",
    "Th",
    "Fr",
    "Sa",
    "Su",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "PH",
    "SH",
    "week",
    "easter",
    "day",
    "days",
    "open",
    "closed",
    "off",
    "unknown",
    "sunrise",
    "sunset",
    "dawn",
    "dusk",
}


def tolerant(value: str) -> bool:
    """Whether a value leans on opening_hours.js's error tolerance (not the specification):
    unknown words, hours without minutes, '.' or other separators."""
    bare = re.sub(r'"[^"]*"', "", value)
    words = re.findall(r"[^\W\d_]+", bare)
    if any(w not in _VOCABULARY for w in words):
        return True
    return bool(re.search(r"(?<![\d:])\d{1,2}\s*-\s*\d|[.&–]|\d(am|pm)", bare))


def _merged(
    intervals: list[tuple[dt.datetime, dt.datetime, bool]],
) -> list[tuple[dt.datetime, dt.datetime, bool]]:
    out: list[tuple[dt.datetime, dt.datetime, bool]] = []
    for start, end, unknown in intervals:
        if start >= end:
            continue
        if out and out[-1][1] == start and out[-1][2] == unknown:
            out[-1] = (out[-1][0], end, unknown)
        else:
            out.append((start, end, unknown))
    return out


def expected(case: dict[str, Any]) -> list[tuple[dt.datetime, dt.datetime, bool]]:
    return _merged(
        [
            (dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b), bool(u))
            for a, b, u, *_ in case["expected"]
            if a is not None and b is not None
        ]
    )


SUN_TOLERANCE = dt.timedelta(minutes=1)
"""How far a boundary may be from the expected one in a case with sun times: the suite's
expectations come from an older version of opening_hours.js and its sun computation (the
library itself is a minute off on some of them)."""


def _close(
    got: list[tuple[dt.datetime, dt.datetime, bool]],
    want: list[tuple[dt.datetime, dt.datetime, bool]],
) -> bool:
    """Whether the intervals say the same within :data:`SUN_TOLERANCE`: every stretch where
    they differ is at most that long."""

    def state(intervals: list[tuple[dt.datetime, dt.datetime, bool]], at: dt.datetime) -> int:
        return next((1 + u for a, b, u in intervals if a <= at < b), 0)

    edges = sorted({t for a, b, _ in got + want for t in (a, b)})
    return all(
        b - a <= SUN_TOLERANCE or state(got, a) == state(want, a)
        for a, b in itertools.pairwise(edges)
    )


def _subdivision(country: str | None, state: str | None) -> str | None:
    """The ``holidays`` subdivision code of a state name (``Baden-Württemberg``: BW)."""
    if not country or not state:
        return None
    import holidays

    try:
        cls = holidays.country_holidays(country.upper()).__class__
    except NotImplementedError:
        return None
    aliases = getattr(cls, "subdivisions_aliases", {}) or {}
    code = aliases.get(state, state)
    return code if code in cls.subdivisions else None


def location(case: dict[str, Any]) -> tuple[float, float] | None:
    """The place of the case (its nominatim data), for sun times; None when it has none
    (opening_hours.js then uses fixed times, horaires refuses sun times)."""
    nominatim = case.get("nominatim")
    if isinstance(nominatim, dict) and "lat" in nominatim and "lon" in nominatim:
        return float(nominatim["lat"]), float(nominatim["lon"])
    return None


def evaluate(
    case: dict[str, Any], tolerant: bool = False
) -> list[tuple[dt.datetime, dt.datetime, bool]]:
    country = case.get("country")
    mode = (case.get("options") or {}).get("mode", 0)
    schedule = parse(
        case["value"],
        timezone=case.get("tz", "Europe/Berlin"),
        country=country.upper() if country else None,
        subdivision=_subdivision(country, case.get("state")),
        mode=_MODES[mode],
        tolerant=tolerant,
        location=location(case),
    )
    start = dt.datetime.fromisoformat(case["from"])
    end = dt.datetime.fromisoformat(case["to"])
    got = []
    while start < end:  # in pieces of at most MAX_HORIZON (docs/limits.md), joined below
        stop = min(end, start + MAX_HORIZON)
        for iv in schedule.intervals(start, stop):
            assert iv.end is not None
            got.append((iv.start, iv.end, iv.unknown))
        start = stop
    return _merged(got)


def score(case: dict[str, Any], tolerant: bool = False) -> tuple[str, str]:
    """``(outcome, detail)``: pass, fail, unsupported (refused) or error."""
    try:
        got = evaluate(case, tolerant)
    except (UnsupportedSyntax, OSMSyntaxError) as error:
        return "unsupported", str(error).splitlines()[0]
    except HorairesError as error:
        return "unsupported", str(error).splitlines()[0]
    except Exception as error:
        return "error", f"{type(error).__name__}: {error}"
    want = expected(case)
    if got == want or (category(case) == "sun times" and _close(got, want)):
        return "pass", ""
    extra = [iv for iv in got if iv not in want][:2]
    missing = [iv for iv in want if iv not in got][:2]
    show = lambda ivs: [(a.isoformat(), b.isoformat(), u) for a, b, u in ivs]  # noqa: E731
    return "fail", f"extra {show(extra)} missing {show(missing)}"


def rejects(case: dict[str, Any], tolerant: bool = False) -> bool:
    """Whether horaires refuses the value, called with the case's own arguments: its
    country (None: PH is refused), its nominatim data when it is not an object, and its
    options (``mode``; options horaires does not have fail as unknown keywords)."""
    options = dict(case.get("options") or {})
    options.pop("locale", None)
    kwargs: dict[str, Any] = {}
    if "mode" in options:
        mode = options.pop("mode")
        kwargs["mode"] = (
            _MODES.get(mode, mode) if isinstance(mode, int) and not isinstance(mode, bool) else mode
        )
    kwargs.update(options)
    if tolerant:
        kwargs["tolerant"] = True
    nominatim = case.get("nominatim")
    country = case.get("country")
    kwargs["country"] = (
        nominatim if isinstance(nominatim, str) else country.upper() if country else None
    )
    try:
        parse(case["value"], **kwargs)
    except (HorairesError, TypeError):
        return True
    return False


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def run(
    quick: bool = False, show: str | None = None, only: str | None = None, tolerant: bool = False
) -> dict[str, Counter[str]]:
    """Score every case (``quick``: every fifth; ``tolerant``: parse tolerantly); print and
    return the table."""
    shared = shared_dir()
    if shared is None:
        print("reference data not found (../shared/reference): nothing to score")
        return {}
    table: dict[str, Counter[str]] = defaultdict(Counter)
    cases = list(_lines(shared / "reference" / "opening_hours_js.intervals.jsonl"))
    if quick:
        cases = cases[::5]
    for case in cases:
        cat = category(case)
        if only and cat != only:
            continue
        outcome, detail = score(case, tolerant)
        table[cat][outcome] += 1
        if show and outcome == show:
            print(
                f"{case['id']} [{cat}] {case['value']!r} {case['from']}..{case['to']}\n    {detail}"
            )
    fails = list(_lines(shared / "reference" / "opening_hours_js.should_fail.jsonl"))
    kept = [
        case["value"] for case in fails if isinstance(case.get("value"), str) and not rejects(case)
    ]
    table["should_fail"]["rejected"] = len(fails) - len(kept)
    table["should_fail"]["accepted"] = len(kept)
    if tolerant:
        tolerated = [c for c in fails if isinstance(c.get("value"), str) and not rejects(c, True)]
        table["should_fail"]["tolerated"] = len(tolerated)
        if show == "accepted":
            for case in tolerated:
                print(f"accepted when tolerant: {case['value']!r}")
    if show == "accepted":
        for value in kept:
            print(f"accepted: {value!r}")
    print(f"{'category':40} {'pass':>5} {'fail':>5} {'unsup':>5} {'error':>5}")
    for cat in sorted(table):
        if cat == "should_fail":
            continue
        row = table[cat]
        print(f"{cat:40} {row['pass']:5} {row['fail']:5} {row['unsupported']:5} {row['error']:5}")
    total = Counter[str]()
    for cat, row in table.items():
        if cat != "should_fail":
            total.update(row)
    print(
        f"{'total':40} {total['pass']:5} {total['fail']:5} {total['unsupported']:5} {total['error']:5}"
    )
    sf = table["should_fail"]
    print(f"should_fail: {sf['rejected']} of {sf['rejected'] + sf['accepted']} rejected")
    if tolerant:
        print(f"should_fail accepted when tolerant: {sf['tolerated']}")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="score every fifth case")
    parser.add_argument("--show", choices=["fail", "unsupported", "error", "pass", "accepted"])
    parser.add_argument("--category")
    parser.add_argument("--tolerant", action="store_true", help="parse with tolerant=True")
    args = parser.parse_args(argv)
    run(args.quick, args.show, args.category, args.tolerant)
    return 0


if __name__ == "__main__":
    sys.exit(main())
