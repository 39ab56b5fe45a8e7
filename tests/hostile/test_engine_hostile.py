"""Hostile input for the engine, the queries and the exports (docs/limits.md): each call
finishes within the ``budget`` with an answer or a ``HorairesError``, whatever was crafted.

The reproducers of the configuration files themselves live in test_config_hostile.py.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from zoneinfo import ZoneInfo

import pytest

import horaires
from horaires import (
    MAX_HORIZON,
    ArgumentError,
    Establishment,
    HorairesError,
    examples,
    load,
    osm,
    widget,
)
from horaires.gbp import to_gbp
from horaires.jsonld import to_jsonld

Budget = Callable[..., AbstractContextManager[None]]
UTC = dt.UTC
PARIS = ZoneInfo("Europe/Paris")
ALWAYS = {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def closed_on(rrule: str, **bounds: str) -> Establishment:
    return load({"name": "x", "exceptions": [{"rrule": rrule, "hours": "closed", **bounds}]})


def always_open_but(date: str) -> Establishment:
    """A place open day and night, closed on one far date."""
    return load({"name": "x", "hours": ALWAYS, "exceptions": [{"date": date, "hours": "closed"}]})


# -- bounded work ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rrule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "RRULE:FREQ=DAILY\nEXRULE:FREQ=DAILY",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=1",
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=YEARLY;BYEASTER=400",
        "FREQ=MONTHLY;BYDAY=+99MO",
        "DTSTART;TZID=Europe/Paris:20250101T000000\nRRULE:FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=1000000000000",
        "FREQ=DAILY;COUNT=0",
        "FREQ=SECONDLY",
        "FREQ=DAILY;" + "BYMONTHDAY=1;" * 1000,
    ],
)
def test_recurrences_that_cannot_be_evaluated_are_refused_at_once(
    budget: Budget, rrule: str
) -> None:
    with budget(), pytest.raises(HorairesError, match=r"rrule"):
        closed_on(rrule)


def test_never_matching_rules_together_are_refused_at_once(budget: Budget) -> None:
    rules = [
        {"rrule": f"FREQ=DAILY;BYMONTH={m};BYMONTHDAY=31;BYSETPOS=1", "hours": "closed"}
        for m in (2, 4, 6, 9, 11)
    ]
    with budget(), pytest.raises(HorairesError, match=r"never"):
        load({"name": "x", "exceptions": rules})


@pytest.mark.parametrize(
    ("rrule", "bounds", "year"),
    [
        ("FREQ=DAILY;INTERVAL=2", {}, 9000),
        ("FREQ=DAILY;INTERVAL=2", {"start": "0002-01-01"}, 2025),
        ("FREQ=DAILY;INTERVAL=997", {"start": "0002-01-01"}, 9997),
        ("FREQ=MONTHLY;BYDAY=1SA", {}, 9997),
        ("FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29", {"start": "0400-01-01"}, 9600),
        ("FREQ=DAILY", {"start": "0002-01-01", "end": "9997-12-31"}, 5000),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=-1", {"start": "9990-01-01"}, 9997),
    ],
)
def test_any_year_of_a_recurrence_costs_what_2025_costs(
    budget: Budget, rrule: str, bounds: dict[str, str], year: int
) -> None:
    with budget():
        place = closed_on(rrule, **bounds)
        for y in (year, year - 1, 2025):
            place.is_open(dt.datetime(y, 6, 2, tzinfo=UTC))
            place.day(dt.date(y, 12, 30))


def test_a_rule_that_falls_once_a_century(budget: Budget) -> None:
    with budget():
        place = closed_on("FREQ=YEARLY;INTERVAL=100;BYMONTH=1;BYMONTHDAY=1", start="2100-01-01")
        assert place.day(dt.date(2100, 1, 1)).closed
        assert not place.day(dt.date(2200, 1, 1)).closed or place.day(dt.date(2200, 1, 1)).rule
        assert place.next_change(dt.datetime(2025, 1, 1, tzinfo=UTC)) is None


@pytest.mark.parametrize("count", [50, 200, 366])
def test_one_day_yearly_seasons_are_checked_by_sweeping(budget: Budget, count: int) -> None:
    first = dt.date(2024, 1, 1)
    seasons = [
        {"start": f"{day:%m-%d}", "end": f"{day:%m-%d}", "hours": {"mon": ["10:00-11:00"]}}
        for day in (first + dt.timedelta(days=i) for i in range(count))
    ]
    with budget():
        place = load({"name": "x", "seasons": seasons})
        place.status(dt.datetime(2025, 6, 2, tzinfo=UTC))


@pytest.mark.parametrize("count", [40, 200])
def test_many_overlapping_same_span_rules_give_a_short_error(budget: Budget, count: int) -> None:
    rules = [{"rrule": "FREQ=WEEKLY;BYDAY=MO", "hours": "closed"} for _ in range(count)]
    with budget(), pytest.raises(HorairesError) as error:
        load({"name": "x", "exceptions": rules})
    assert len(str(error.value)) < 10_000


def test_many_rules_on_distinct_dates_load_and_export(budget: Budget) -> None:
    rules = [
        {"rrule": f"FREQ=YEARLY;BYMONTH={i // 28 + 1};BYMONTHDAY={i % 28 + 1}", "hours": "closed"}
        for i in range(300)
    ]
    with budget():
        place = load({"name": "x", "exceptions": rules})
        to_jsonld(place, start=dt.date(2025, 1, 1), days=366)
        osm.to_osm(place)


def test_a_thousand_dated_exceptions_load_fast_and_export_linearly(budget: Budget) -> None:
    rules = [
        {
            "date": str(dt.date(2025, 1, 1) + dt.timedelta(days=i)),
            "hours": ["10:00-12:00"] if i % 2 else "closed",
        }
        for i in range(3000)
    ]
    with budget():
        place = load({"name": "x", "hours": {"mon": ["09:00-17:00"]}, "exceptions": rules})
        value = osm.to_osm(place)
    assert value.count(";") >= 3000


@pytest.mark.parametrize("date", ["2300-01-01", "9990-06-01", "2030-01-01"])
def test_a_far_dated_rule_does_not_make_searches_long(budget: Budget, date: str) -> None:
    place = always_open_but(date)
    at = dt.datetime(2025, 6, 2, 10, tzinfo=UTC)
    with budget():
        change = place.next_change(at)
        for hour in range(3):  # every widget request
            widget.payload(place, at + dt.timedelta(hours=hour))
        place.status(at, horizon=MAX_HORIZON)
    if date == "2030-01-01":  # within reach: the dated rule ahead is found
        assert change == dt.datetime(2030, 1, 1, tzinfo=PARIS)
    else:
        assert change is None


def test_the_horizon_is_capped(budget: Budget) -> None:
    place = always_open_but("2300-01-01")
    at = dt.datetime(2025, 6, 2, tzinfo=UTC)
    with budget(), pytest.raises(HorairesError, match="MAX_HORIZON"):
        place.next_change(at, horizon=dt.timedelta(days=8000 * 365))
    with budget():
        assert place.next_opening(at, horizon=MAX_HORIZON) is None


def test_junk_languages_are_refused_before_anything_is_kept(budget: Budget) -> None:
    place = examples.pantin()
    at = dt.datetime(2025, 6, 2, 10, tzinfo=UTC)
    engine = horaires._establishment.engine(place)
    with budget():
        for i in range(2000):
            with pytest.raises(HorairesError, match="language"):
                place.status(at, lang=f"x{i}")
        for code in ("fr", "FR", "Fr", " fr ", None):
            place.status(at, lang=code)
    parts = len(place.services) + 2  # each service, the general hours, the whole
    assert len({id(s) for s in engine._schedules.values()}) == parts
    assert len(engine._schedules) <= parts + 6  # and the codes that name them


def test_thousands_of_services_built_directly(budget: Budget) -> None:
    count = horaires.limits.MAX_SERVICES  # as many as a configuration may hold
    services = {f"s{i}": {"hours": {"mon": [f"{8 + i % 4:02d}:00-12:00"]}} for i in range(count)}
    with budget():
        place = Establishment(name="x", hours={"tue": ["09:00-12:00"]}, services=services)
        at = dt.datetime(2025, 6, 2, 10, tzinfo=PARIS)
        assert place.is_open(at)
        assert place.is_open(at, service=f"s{count - 4}")  # 08:00-12:00
        assert not place.is_open(at, service=f"s{count - 1}")  # 11:00-12:00
        place.next_change(at, service="s7")
    with budget(), pytest.raises(HorairesError, match="MAX_SERVICES"):
        Establishment(name="x", services={f"s{i}": {} for i in range(count + 1)})


# -- the ends of the supported years ---------------------------------------------------------


FAR = [
    dt.datetime(9997, 12, 30, 12, tzinfo=UTC),
    dt.datetime(9997, 6, 2, tzinfo=UTC),
    dt.datetime(2, 1, 2, 12, tzinfo=UTC),
    dt.datetime(2, 1, 1, tzinfo=UTC),
]


def ask_everything(place: Establishment, at: dt.datetime) -> None:
    """Every query at ``at``, each an answer or a HorairesError."""
    calls: list[Callable[[], object]] = [
        lambda: place.is_open(at),
        lambda: place.can_be_served(at),
        lambda: place.status(at),
        lambda: place.next_change(at),
        lambda: place.next_opening(at, horizon=MAX_HORIZON),
        lambda: place.next_closing(at),
        lambda: list(place.intervals(at - dt.timedelta(days=3), at + dt.timedelta(days=3))),
        lambda: list(place.admission_windows(at - dt.timedelta(days=1), at)),
        lambda: place.day(at.date()),
        lambda: place.day(at.date() + dt.timedelta(days=1)),
        lambda: widget.payload(place, at),
        lambda: widget.week(place, at.date()),
        lambda: to_jsonld(place, start=at.date()),
        lambda: to_gbp(place, start=at.date()),
        lambda: osm.to_osm(place),
    ]
    for service in place.services:
        calls.append(lambda service=service: place.status(at, service=service))
    for call in calls:
        with suppress(HorairesError):
            call()


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("at", FAR, ids=lambda at: at.isoformat())
def test_every_example_at_both_ends_of_the_years(
    budget: Budget, name: str, at: dt.datetime
) -> None:
    place = examples.load_example(name)
    with budget():
        ask_everything(place, at)


@pytest.mark.parametrize(
    "config",
    [
        {"exceptions": [{"rrule": "FREQ=DAILY", "start": "9997-06-01", "hours": "closed"}]},
        {
            "exceptions": [
                {"rrule": "FREQ=DAILY", "start": "9995-01-01", "hours": "closed"},
                {"rrule": "FREQ=WEEKLY", "start": "9995-01-01", "hours": ["10:00-11:00"]},
            ]
        },
        {"hours": ALWAYS, "exceptions": [{"date": "9997-12-31", "hours": "closed"}]},
        {"hours": {"sun": ["22:00-48:00"]}, "seasons": [{"start": "12-25", "end": "01-05"}]},
    ],
)
@pytest.mark.parametrize("at", FAR, ids=lambda at: at.isoformat())
def test_rules_near_the_ends_of_the_years(
    budget: Budget, config: dict[str, object], at: dt.datetime
) -> None:
    with budget():
        try:
            place = load({"name": "x", **config})
        except HorairesError:
            return
        ask_everything(place, at)


def test_the_ends_of_the_years_for_osm_values(budget: Budget) -> None:
    with budget():
        value = osm.parse("24/7; Dec 25-Dec 31 24/7", country=None)
        assert value.is_open(dt.datetime(9997, 6, 2, tzinfo=UTC))
        assert value.next_change(dt.datetime(9997, 12, 30, tzinfo=UTC)) is None
        osm.parse("Mo-Fr 10:00-12:00; Dec 31 off").is_open(dt.datetime(2, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: to_jsonld(p, start=dt.date(9999, 12, 1)), "supported dates"),
        (lambda p: to_jsonld(p, start=dt.date(9997, 12, 1)), "supported dates"),
        (lambda p: to_gbp(p, start=dt.date(1, 1, 1)), "supported dates"),
        (lambda p: widget.week(p, dt.date(9999, 12, 25)), "supported dates"),
        (lambda p: to_jsonld(p, days=10**30), "MAX_DAYS"),
        (lambda p: p.day(dt.date(9999, 12, 31)), "supported dates"),
        (lambda p: p.is_open(dt.datetime.max.replace(tzinfo=UTC)), "supported years"),
        (lambda p: p.is_open(dt.datetime.min.replace(tzinfo=UTC)), "supported years"),
    ],
)
def test_dates_outside_the_supported_years_are_errors(
    budget: Budget, call: Callable[[Establishment], object], message: str
) -> None:
    with budget(), pytest.raises(HorairesError, match=message):
        call(examples.pantin())


def test_the_command_line_at_the_end_of_the_years(
    budget: Budget, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.resources import files

    from horaires.cli import main

    config = str(files("horaires.examples").joinpath("pantin.toml"))
    for args in (
        ["week", config, "--start", "9999-12-25"],
        ["export", config, "--to", "jsonld", "--start", "9999-12-01"],
        ["export", config, "--to", "gbp", "--start", "9997-12-20"],
        ["status", config, "--at", "9997-12-31T23:00+00:00"],
    ):
        with budget():
            code = main(args)
        assert code != 0, args
        assert "Traceback" not in capsys.readouterr().err


# -- wrong values where a value is expected -------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda p: p.day(math.nan),  # type: ignore[arg-type]
        lambda p: p.next_change(horizon=5),  # type: ignore[arg-type]
        lambda p: p.status(lang=3),  # type: ignore[arg-type]
        lambda p: p.status(service=["etat-civil"]),  # type: ignore[arg-type]
        lambda p: widget.payload(p, lang=3),  # type: ignore[arg-type]
        lambda p: widget.week(p, days=True),
        lambda p: to_jsonld(p, start=3),  # type: ignore[arg-type]
        lambda p: osm.parse("Mo 10:00-12:00", timezone=None),  # type: ignore[arg-type]
        lambda p: osm.parse("PH off", country=12),  # type: ignore[arg-type]
        lambda p: osm.parse(["Mo 10:00-12:00"]),  # type: ignore[arg-type]
        lambda p: osm.parse("Mo 10:00-12:00", language=None),  # type: ignore[arg-type]
    ],
)
def test_wrong_types_are_argument_errors(
    budget: Budget, call: Callable[[Establishment], object]
) -> None:
    with budget(), pytest.raises(ArgumentError):
        call(examples.pantin())
