"""Hypothesis strategies that build input as an attacker would: recurrences with fields at and
past their bounds, many rules on one span, rules at the ends of the supported years, slots in
daylight-saving gaps, values of many selectors, instants at the ends of the years.

Where ``horaires.strategies`` draws valid, realistic input, these draw crafted input, valid
or not: the tests that use them accept an answer or a ``HorairesError`` within a budget.

``HOSTILE`` is their settings: the suite's profile, except under ``HYPOTHESIS_PROFILE=dev``
(or ``fuzz``), where each test runs 100,000 examples (docs/testing.md).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

HOSTILE = (
    settings(max_examples=100_000)
    if os.environ.get("HYPOTHESIS_PROFILE") in ("dev", "fuzz")
    else settings()
)
"""The settings of the adversarial tests: 100,000 examples each in the dev profile."""

_LOG = os.environ.get("HOSTILE_FUZZ_LOG")
_RUN: dict[str, int] = {}


def count(target: str) -> None:
    """Count an example of ``target``; with ``HOSTILE_FUZZ_LOG`` set, the counts go to that
    file every thousand examples (how far a long campaign got, even when it is stopped)."""
    _RUN[target] = _RUN.get(target, 0) + 1
    if _LOG and _RUN[target] % 1000 == 0:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{dt.datetime.now(dt.UTC):%H:%M:%S} {target} {_RUN[target]}\n")


ZONES = (
    "Europe/Paris",
    "America/Santiago",  # changes at midnight
    "America/Havana",
    "Australia/Lord_Howe",  # a 30-minute change
    "Pacific/Apia",  # skipped 30 December 2011
    "Pacific/Kiritimati",  # UTC+14
    "Pacific/Niue",  # UTC-11
    "UTC",
)

YEARS = st.sampled_from([1, 2, 3, 1582, 1900, 2011, 2024, 2025, 2100, 9995, 9996, 9997, 9998, 9999])
"""Years at both ends of the supported ones (2-9997), and just past them."""


@st.composite
def edge_dates(draw: st.DrawFn) -> dt.date:
    """A date near the ends of a year, in a year near the ends of the supported years."""
    year = draw(YEARS)
    month, day = draw(
        st.sampled_from([(1, 1), (1, 2), (2, 28), (2, 29), (3, 30), (12, 30), (12, 31)])
    )
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


@st.composite
def edge_instants(draw: st.DrawFn) -> dt.datetime:
    """An aware instant near the ends of the supported years, or on a DST day of 2011-2025."""
    if draw(st.booleans()):
        day = draw(edge_dates())
        hour = draw(st.integers(0, 23))
        zone = draw(
            st.sampled_from(
                [dt.UTC, dt.timezone(dt.timedelta(hours=14)), dt.timezone(-dt.timedelta(hours=12))]
            )
        )
        return dt.datetime(day.year, day.month, day.day, hour, tzinfo=zone)
    base = draw(
        st.sampled_from(
            [
                dt.datetime(2011, 12, 29, 12),
                dt.datetime(2025, 3, 30, 1),
                dt.datetime(2025, 10, 26, 1),
                dt.datetime(2025, 9, 7, 0),
            ]
        )
    )
    return (base + dt.timedelta(minutes=draw(st.integers(0, 48 * 60)))).replace(tzinfo=dt.UTC)


def _numbers(low: int, high: int) -> st.SearchStrategy[int]:
    """Numbers in a field's range, at its bounds, just past them, and far past them."""
    return st.one_of(
        st.integers(low, high),
        st.sampled_from([low, high, low - 1, high + 1, 0, -(10**12), 10**12]),
    )


@st.composite
def rrules(draw: st.DrawFn) -> str:
    """An RRULE text whose fields lie at, past or far past their bounds, in any case, with
    the lines a calendar export adds."""
    parts = [
        f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'HOURLY', 'SECONDLY', 'daily', 'NEVER']))}"
    ]
    fields: dict[str, st.SearchStrategy[Any]] = {
        "INTERVAL": _numbers(1, 1000),
        "COUNT": _numbers(1, 100_000),
        "BYMONTH": _numbers(1, 12),
        "BYMONTHDAY": _numbers(-31, 31),
        "BYYEARDAY": _numbers(-366, 366),
        "BYWEEKNO": _numbers(-53, 53),
        "BYSETPOS": _numbers(-366, 366),
        "BYEASTER": _numbers(-80, 250),
        "BYDAY": st.builds(
            lambda n, d: f"{n}{d}" if n else d,
            st.sampled_from([0, 0, 1, -1, 5, -5, 53, 99, -99]),
            st.sampled_from(["MO", "SU", "XX"]),
        ),
        "UNTIL": st.sampled_from(["20250101", "99991231", "00010101", "20250101T000000Z", "2025"]),
        "WKST": st.sampled_from(["MO", "SU"]),
    }
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=5)):
        values = draw(st.lists(fields[name], min_size=1, max_size=3))
        parts.append(f"{name}={','.join(map(str, values))}")
    text = ";".join(parts)
    head = draw(
        st.sampled_from(
            ["", "", "RRULE:", "EXRULE:", "DTSTART;TZID=Europe/Paris:20250101T000000\nRRULE:"]
        )
    )
    tail = draw(st.sampled_from(["", "", "\nEXRULE:FREQ=DAILY", "\nEXDATE:20250101", ";"]))
    return head + text + tail


SLOTS = st.sampled_from(
    [
        "02:00-03:00",  # the whole Paris gap
        "02:30-03:00",
        "02:00-02:59",
        "00:00-00:30",  # Santiago's midnight gap
        "23:30-24:00",
        "00:00-24:00",
        "22:00-48:00",
        "09:00-17:00",
        "12:00-12:01",
    ]
)


@st.composite
def exceptions(draw: st.DrawFn) -> dict[str, Any]:
    """A dated exception: on a date near the ends of the years, a range, or a recurrence."""
    kind = draw(st.sampled_from(["date", "range", "rrule", "rrule"]))
    hours: Any = draw(
        st.one_of(st.sampled_from(["closed", "unknown"]), st.lists(SLOTS, max_size=3))
    )
    if kind == "date":
        return {"date": draw(edge_dates()).isoformat(), "hours": hours}
    if kind == "range":
        a, b = sorted([draw(edge_dates()), draw(edge_dates())])
        return {"start": a.isoformat(), "end": b.isoformat(), "hours": hours}
    rule: dict[str, Any] = {"rrule": draw(rrules()), "hours": hours}
    if draw(st.booleans()):
        rule["start"] = draw(edge_dates()).isoformat()
    if draw(st.booleans()):
        rule["end"] = draw(edge_dates()).isoformat()
    return rule


@st.composite
def configs(draw: st.DrawFn) -> dict[str, Any]:
    """A configuration as a webmaster's CMS field might hold it: rules copied many times,
    one-day seasons by the dozen, slots in DST gaps, rules at the ends of the years."""
    rules = draw(st.lists(exceptions(), max_size=6))
    copies = draw(st.sampled_from([1, 1, 1, 2, 40]))
    if rules and copies > 1:  # the same rule again and again (same span: a conflict)
        rules = rules + [rules[0]] * copies
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    config: dict[str, Any] = {
        "name": "x",
        "timezone": draw(st.sampled_from(ZONES)),
        "disambiguate": draw(st.sampled_from(["compatible", "earlier", "later", "clamp"])),
        "hours": {
            day: draw(st.lists(SLOTS, max_size=3)) for day in draw(st.sets(st.sampled_from(days)))
        },
        "exceptions": rules,
    }
    seasons = draw(st.integers(0, 3))
    if seasons:
        first = draw(st.integers(1, 360))
        count = draw(st.sampled_from([1, 2, 60]))
        config["seasons"] = [
            {
                "start": f"{(dt.date(2001, 1, 1) + dt.timedelta(days=first + k)):%m-%d}",
                "end": f"{(dt.date(2001, 1, 1) + dt.timedelta(days=first + k)):%m-%d}",
                "hours": {"mon": ["10:00-11:00"]},
            }
            for k in range(count)
        ]
    services = draw(st.sampled_from([0, 0, 1, 3, 30]))
    config["services"] = {
        f"s{k}": {"hours": {"sun": [draw(SLOTS)]}, "exceptions": rules[:1]} for k in range(services)
    }
    if draw(st.booleans()):
        config["holidays"] = {"country": "FR"}
    if draw(st.booleans()):
        config["admission"] = {
            "before_closing": draw(st.sampled_from(["15min", "0min", "1439min", "24h"])),
            "applies_to": draw(st.sampled_from(["each_closing", "end_of_day"])),
        }
    return config


_OSM_RULES = st.sampled_from(
    [
        "24/7",
        "Mo-Su 00:00-24:00/1",
        "Mo-Fr 22:00-26:00",
        "Su 23:59-00:01",
        "9990-9997/7 Jan 01 off",
        "9997 Dec 31 10:00-12:00",
        "0002 Jan 01 10:00-12:00",
        "week 01-53/2 Mo 10:00-12:00",
        "week 53 Su 10:00+",
        "easter -2 days-easter +1 day 10:00-12:00",
        "Jan Su[-1] -1 day 10:00-12:00",
        "Feb 29 10:00-12:00",
        "Dec 25-Jan 05 off",
        "Mo[1,2,3,4,5] 09:00-10:00",
        "PH off",
        "PH +1 day 10:00-11:00",
        '"call first"',
        "Mo unknown",
        "10:00-12:00 || Tu off",
        "02:00-03:00",
    ]
)


@st.composite
def osm_values(draw: st.DrawFn) -> str:
    """An ``opening_hours`` value of crafted rules, some of them repeated many times, or of
    hundreds of time spans."""
    if draw(st.integers(0, 9)) == 0:  # many short spans in one rule
        count = draw(st.sampled_from([100, 720, 1500]))
        step = draw(st.sampled_from([1, 2]))
        spans = [
            f"{m // 60:02d}:{m % 60:02d}-{(m + step) // 60:02d}:{(m + step) % 60:02d}"
            for m in range(0, min(count * 2, 1438), 2)
        ]
        return "Mo-Su " + ",".join(spans)
    rules = draw(st.lists(_OSM_RULES, min_size=1, max_size=6))
    repeat = draw(st.sampled_from([1, 1, 2, 50]))
    separator = draw(st.sampled_from(["; ", ", ", " || "]))
    return separator.join(rules * repeat)
