"""Hostile OpenStreetMap values (docs/limits.md): long values and many selectors are refused
by named limits, what is accepted is evaluated in time linear in its size, and the parse
cache stays bounded in bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from zoneinfo import ZoneInfo

import pytest

from horaires import MAX_HORIZON, HorairesError, osm
from horaires.osm import MAX_SELECTORS, MAX_VALUE, OSMSyntaxError

Budget = Callable[..., AbstractContextManager[None]]
UTC = dt.UTC


def two_minute_spans(count: int) -> str:
    """``Mo-Su 00:00-00:01,00:02-00:03,...``: ``count`` spans of one minute, two apart."""
    spans = [
        f"{m // 60:02d}:{m % 60:02d}-{m // 60:02d}:{m % 60 + 1:02d}" for m in range(0, 2 * count, 2)
    ]
    return "Mo-Su " + ",".join(spans)


def test_a_value_of_720_spans_compiles_in_time_linear_in_its_size(budget: Budget) -> None:
    value = two_minute_spans(720)
    assert 8_000 < len(value) < MAX_VALUE
    start = dt.datetime(2025, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))
    with budget():
        schedule = osm.parse(value, country=None)
        for day in range(0, 120, 3):  # every compiled day holds 1,440 changes
            at = start + dt.timedelta(days=day, minutes=2 * 300)
            assert schedule.is_open(at)
            assert not schedule.is_open(at + dt.timedelta(minutes=1))
        assert schedule.next_change(start) == dt.datetime(2025, 1, 1, 0, 1, tzinfo=schedule.zone)


@pytest.mark.parametrize(
    "value",
    [
        "Mo-Fr 09:00-17:00, " + ", ".join(f"Jan {i % 28 + 1:02d} 10:00-10:30" for i in range(4000)),
        "Mo 10:00-12:00; " * 2000,
        "x" * (1 << 20),
        '"' + "c" * (MAX_VALUE + 1) + '"',
    ],
    ids=["95kB", "32kB", "1MB", "long-comment"],
)
def test_a_value_past_max_value_is_refused_before_any_work(budget: Budget, value: str) -> None:
    for tolerant in (False, True):
        with budget(), pytest.raises(OSMSyntaxError, match="MAX_VALUE"):
            osm.parse(value, tolerant=tolerant)
    with budget(), pytest.raises(OSMSyntaxError, match="MAX_VALUE"):
        osm.check(value)


def test_a_value_with_too_many_selectors_is_refused(budget: Budget) -> None:
    value = ",".join(["Mo", "We", "Fr"] * (MAX_SELECTORS // 3 + 1)) + " 10:00-11:00"
    assert len(value) < MAX_VALUE
    with budget(), pytest.raises(OSMSyntaxError, match="MAX_SELECTORS"):
        osm.parse(value)


def test_the_parse_cache_is_bounded_in_bytes(
    budget: Budget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(osm, "PARSE_CACHE_BYTES", 1 << 20)  # a smaller bound, reached sooner
    osm.clear_cache()
    with budget():
        for i in range(25):  # distinct values, each long, each compiled
            rules = [
                f"Dec {d:02d} {h:02d}:{i % 60:02d}-{h:02d}:59"
                for d in range(1, 29)
                for h in range(6)
            ]
            value = "; ".join([f"Mo-Fr {i % 10:02d}:00-18:00", *rules])
            osm.parse(value, country=None)  # noted; parsed again, kept, then compiled:
            osm.parse(value, country=None).is_open(dt.datetime(2025, 12, 1, tzinfo=UTC))
    held = sum(osm._cost(key, schedule) for key, schedule in osm._CACHE.items())
    assert 1 < len(osm._CACHE) < 25
    assert held <= 1 << 20
    osm.clear_cache()


@pytest.mark.parametrize(
    "value",
    [
        "24/7; Dec 25-Dec 31 24/7",
        "9997 Dec 31 10:00-12:00",
        "9990-9997/7 Jan 01 off",
        "week 53 Mo 10:00-12:00",
        "Feb 29 10:00-12:00",
        "easter -2 days-easter +1 day 10:00-12:00",
        "Jan Su[-1] -1 day 10:00-12:00",
        "22:00-26:00; 23:59-00:01",
        "Mo-Su 00:00-24:00/1",
        "Mo-Su 10:00+",
    ],
)
def test_values_at_the_ends_of_the_years(budget: Budget, value: str) -> None:
    try:
        schedule = osm.parse(value, country=None)
    except ValueError:
        return
    for at in (dt.datetime(9997, 12, 30, 12, tzinfo=UTC), dt.datetime(2, 1, 1, tzinfo=UTC)):
        schedule.is_open(at)  # an answer; the rest may say they reach past the years
        with budget():
            for call in (
                lambda at=at: schedule.status(at),
                lambda at=at: schedule.next_change(at),
                lambda at=at: list(schedule.intervals(at, at + dt.timedelta(hours=30))),
                lambda at=at: schedule.day(at.date()),
                lambda: osm.to_osm(schedule),
            ):
                with suppress(HorairesError):
                    call()


@pytest.mark.parametrize(
    "unit", ["Mo[1,2,3,4,5] 09:00-10:00; 24/7", "We[2] +1 day 09:00-10:00; 24/7"]
)
def test_a_search_of_ten_years_through_many_nth_weekdays(budget: Budget, unit: str) -> None:
    """Each date of a search asks every rule whether it matches: a constrained weekday
    (``Mo[1]``) computes the dates it names once per month, not once per date."""
    value = "; ".join([unit] * (MAX_VALUE // (len(unit) + 2)))
    at = dt.datetime(2011, 12, 29, 12, tzinfo=UTC)
    with budget():
        schedule = osm.parse(value, country=None)
        assert schedule.next_opening(at, horizon=MAX_HORIZON) is None  # open throughout
        assert schedule.next_closing(at, horizon=MAX_HORIZON) is None
