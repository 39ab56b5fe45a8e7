"""Recurring exceptions: the typed rule, its dates, and bounded work on any input
(docs/configuration.md#exceptions)."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

import horaires
from horaires import _recurrence, _schedule
from horaires._recurrence import (
    DEFAULT_START,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_COUNT,
    MAX_INTERVAL,
    ByDay,
    Recurrence,
    RRule,
    check_rrule,
)
from horaires.cli import main

Budget = Callable[..., AbstractContextManager[None]]
UTC = dt.UTC


def closed_on(rule: str, **bounds: str) -> horaires.Establishment:
    return horaires.load(
        {"name": "x", "exceptions": [{"rrule": rule, "hours": "closed", **bounds}]}
    )


def config_error(config: dict[str, Any]) -> str:
    with pytest.raises(horaires.ConfigError) as caught:
        horaires.load({"name": "x", **config})
    return str(caught.value)


# -- the reproducers: each finishes, with a configuration error or an answer ---------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is not from 1 to 1000"),
        ("RRULE:FREQ=DAILY\nEXRULE:FREQ=DAILY", "EXRULE is not supported"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=1", "never falls on a date"),
        ("FREQ=YEARLY;BYEASTER=400", "BYEASTER 400 is not from -80 to 250"),
        ("FREQ=MONTHLY;BYDAY=+99MO", "BYDAY position 99 is not from 1 to 5"),
        ("FREQ=YEARLY;BYDAY=+99MO", "BYDAY position 99 is not from 1 to 53"),
        ("DTSTART;TZID=Europe/Paris:20250101T090000\nRRULE:FREQ=DAILY", "DTSTART is not"),
    ],
)
def test_hostile_rules_are_refused_at_once(rule: str, message: str, budget: Budget) -> None:
    with budget():
        error = config_error({"exceptions": [{"rrule": rule, "hours": "closed"}]})
    assert error.startswith("exceptions[0].rrule: ") and message in error


def test_rules_that_never_fall_are_refused_together(budget: Budget) -> None:
    rules = [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=1",
        "FREQ=YEARLY;BYYEARDAY=60;BYMONTH=1",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=5MO",
        "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
    ]
    with budget():
        error = config_error({"exceptions": [{"rrule": r, "hours": "closed"} for r in rules]})
    assert error.count("never falls on a date") == 4


def test_horaires_check_finishes_on_a_zero_interval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], budget: Budget
) -> None:
    config = tmp_path / "zero.toml"
    config.write_text(
        'name = "x"\n[[exceptions]]\nrrule = "FREQ=DAILY;INTERVAL=0"\nhours = "closed"\n',
        encoding="utf-8",
    )
    with budget():
        code = main(["check", str(config)])
    assert code == 1 and "exceptions[0].rrule: invalid RRULE" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("rule", "bounds", "day", "rule_of_day"),
    [
        ("FREQ=DAILY;INTERVAL=2", {}, dt.date(9000, 6, 2), "exception"),
        ("FREQ=DAILY;INTERVAL=2", {}, dt.date(9000, 6, 3), "weekly"),
        # 739,036 days from 0002-01-01 to 2025-06-02: an even count
        ("FREQ=DAILY;INTERVAL=2", {"start": "0002-01-01"}, dt.date(2025, 6, 2), "exception"),
        ("FREQ=DAILY;INTERVAL=2", {"start": "0002-01-01"}, dt.date(2025, 6, 3), "weekly"),
        ("FREQ=MONTHLY;BYDAY=1SA", {}, dt.date(7000, 6, 7), "exception"),
        (
            "FREQ=DAILY",
            {"start": "0002-01-01", "end": "9997-12-31"},
            dt.date(9997, 12, 31),
            "exception",
        ),
    ],
)
def test_a_far_year_costs_what_this_year_costs(
    rule: str, bounds: dict[str, str], day: dt.date, rule_of_day: str, budget: Budget
) -> None:
    with budget():
        place = closed_on(rule, **bounds)
        assert place.day(day).rule == rule_of_day
        place.is_open(dt.datetime.combine(day, dt.time(12), UTC))


@pytest.mark.parametrize(
    "exceptions",
    [
        [{"rrule": "FREQ=DAILY", "start": "9999-06-01", "hours": "closed"}],
        [{"rrule": "FREQ=DAILY", "start": "0001-01-01", "end": "9999-12-31", "hours": "closed"}],
    ],
)
def test_a_start_outside_the_supported_years_is_a_config_error(
    exceptions: list[dict[str, str]], budget: Budget
) -> None:
    with budget():
        error = config_error({"exceptions": exceptions})
    assert error.startswith("exceptions[0].rrule: ")
    assert "outside the supported years 2-9997" in error


def test_rules_near_the_last_supported_year_load(budget: Budget) -> None:
    with budget():
        place = horaires.load(
            {
                "name": "x",
                "exceptions": [
                    {"rrule": "FREQ=DAILY", "start": "9995-01-01", "hours": "closed"},
                    {"rrule": "FREQ=DAILY", "start": "9995-06-01", "hours": ["09:00-10:00"]},
                    {"rrule": "FREQ=WEEKLY", "start": "9997-12-31", "end": "9999-12-31",
                     "hours": "closed"},
                    {"start": "9997-12-30", "end": "9999-12-31", "hours": ["10:00-11:00"]},
                ],
            }
        )  # fmt: skip
    assert place.day(dt.date(9997, 12, 31)).label == "Fermeture exceptionnelle"
    assert place.day(dt.date(9997, 12, 30)).label == "Horaires exceptionnels"


def test_the_supported_years_are_the_engines() -> None:
    assert (FIRST_YEAR, LAST_YEAR) == (_schedule._FIRST_YEAR, _schedule._LAST_YEAR)


# -- errors that name the field ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("every monday", "expected NAME=VALUE parts"),
        ("", "expected NAME=VALUE parts"),
        ("INTERVAL=2", "FREQ is required"),
        ("FREQ=SOMETIMES", "FREQ=SOMETIMES is not a frequency of dates"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not allowed: exceptions recur on dates"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not allowed"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
        ("FREQ=DAILY;X-NAME=1", "unknown part 'X-NAME'"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL=-1 is not a whole number"),
        (f"FREQ=DAILY;INTERVAL={MAX_INTERVAL + 1}", "INTERVAL=1001 is not from 1 to 1000"),
        ("FREQ=DAILY;INTERVAL=99999999999999", "is not a whole number"),
        ("FREQ=DAILY;COUNT=0", "COUNT=0 is not from 1 to 100000"),
        (f"FREQ=DAILY;COUNT={MAX_COUNT + 1}", "is not from 1 to 100000"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20250101", "COUNT and UNTIL cannot both be given"),
        ("FREQ=DAILY;UNTIL=2025-01-01", "UNTIL=2025-01-01 is not a date"),
        ("FREQ=DAILY;UNTIL=20250230", "UNTIL=20250230 is not a date"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH 13 is not from 1 to 12"),
        ("FREQ=YEARLY;BYMONTH=-1", "BYMONTH -1 is not from 1 to 12"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY 0 is not from 1 to 31 or -31 to -1"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY 32 is not"),
        ("FREQ=MONTHLY;BYMONTHDAY=first", "BYMONTHDAY value 'FIRST' is not a number"),
        ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY 367 is not from 1 to 366"),
        ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO 54 is not from 1 to 53"),
        ("FREQ=MONTHLY;BYDAY=1SA;BYSETPOS=367", "BYSETPOS 367 is not"),
        ("FREQ=WEEKLY;BYDAY=SAT", "BYDAY value 'SAT' is not a weekday"),
        ("FREQ=MONTHLY;BYDAY=0SA", "has position 0"),
        ("FREQ=MONTHLY;BYDAY=6SA", "BYDAY position 6 is not from 1 to 5 or -5 to -1 in a month"),
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=-6SU", "BYDAY position -6 is not"),
        ("FREQ=YEARLY;BYDAY=54MO", "BYDAY position 54 is not from 1 to 53"),
        ("FREQ=WEEKLY;BYDAY=1MO", "a BYDAY position (1SA, -1FR) is only allowed"),
        ("FREQ=DAILY;BYDAY=-1FR", "a BYDAY position (1SA, -1FR) is only allowed"),
        ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", "without BYWEEKNO"),
        ("FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO is only allowed with FREQ=YEARLY"),
        ("FREQ=DAILY;BYYEARDAY=1", "BYYEARDAY is only allowed with FREQ=YEARLY"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY is not allowed with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYEASTER=0", "BYEASTER is only allowed with FREQ=YEARLY"),
        ("FREQ=YEARLY;BYEASTER=-81", "BYEASTER -81 is not from -80 to 250"),
        ("FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS needs another BY part"),
        ("FREQ=WEEKLY;WKST=XX", "WKST=XX is not a weekday"),
        ("FREQ=WEEKLY\nFREQ=DAILY", "one rule, on one line"),
        ("RDATE:20250101", "RDATE is not supported: give the first and last dates"),
        ("FREQ=DAILY\nEXDATE:20250101", "EXDATE is not supported"),
        ("DTSTART:20250101T000000Z\nRRULE:FREQ=DAILY", "with start and end"),
        ("FREQ=YEARLY;UNTIL=19991231", "never falls on a date from 2000-01-01"),
        ("FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31", "never falls on a date"),
    ],
)
def test_malformed_rules_are_config_errors_at_their_path(rule: str, message: str) -> None:
    service = {"services": {"x": {"exceptions": [{"rrule": rule, "hours": "closed"}]}}}
    error = config_error(service)
    assert error.startswith("services.x.exceptions[0].rrule: ") and message in error
    assert "\n" not in error  # one issue


def test_a_long_rule_is_quoted_short() -> None:
    error = config_error({"exceptions": [{"rrule": "FREQ=DAILY;" + "X" * 500, "hours": "closed"}]})
    assert "..." in error and len(error) < 400


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTH=2", dt.date(2000, 1, 1)),  # odd months, day 1
        ("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=3", dt.date(2000, 2, 1)),  # two days a week
        ("FREQ=DAILY;INTERVAL=14;BYDAY=SU", dt.date(2000, 1, 1)),  # Saturdays only
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", dt.date(2001, 1, 1)),
        ("FREQ=YEARLY;BYMONTH=2", dt.date(2000, 1, 30)),  # 30 February
        ("FREQ=YEARLY;UNTIL=20250630", dt.date(2025, 7, 1)),
    ],
)
def test_rules_that_never_fall_from_their_start(rule: str, start: dt.date) -> None:
    with pytest.raises(horaires.HorairesError, match=f"never falls on a date from {start}"):
        Recurrence(rule, start)
    exception = {"rrule": rule, "start": str(start), "hours": "closed"}
    assert config_error({"exceptions": [exception]}).startswith("exceptions[0].rrule: RRULE")


def test_check_rrule_gives_the_typed_rule() -> None:
    rule = check_rrule("rrule:freq=yearly;bymonth=3;byday=-1su")
    assert rule == RRule("YEARLY", bymonth=(3,), byday=(ByDay(6, -1),))
    assert str(rule) == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    with pytest.raises(horaires.HorairesError, match="never falls on a date from 2001-01-06"):
        check_rrule("FREQ=DAILY;INTERVAL=7;BYDAY=MO", dt.date(2001, 1, 6))
    assert check_rrule("FREQ=DAILY;INTERVAL=7;BYDAY=MO", dt.date(2001, 1, 8)).interval == 7


def test_the_rule_is_exposed_as_written() -> None:
    recurrence = Recurrence("FREQ=YEARLY", dt.date(2025, 7, 14))
    assert recurrence.rule == RRule("YEARLY")
    assert str(recurrence.rule.anchored(recurrence.start)) == "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14"
    assert recurrence.between(dt.date(2025, 1, 1), dt.date(2026, 12, 31)) == [
        dt.date(2025, 7, 14),
        dt.date(2026, 7, 14),
    ]


# -- hand-checked dates ---------------------------------------------------------------------


def test_first_saturdays_of_2025() -> None:
    dates = Recurrence("FREQ=MONTHLY;BYDAY=1SA").between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert [(d.month, d.day) for d in dates] == [
        (1, 4), (2, 1), (3, 1), (4, 5), (5, 3), (6, 7),
        (7, 5), (8, 2), (9, 6), (10, 4), (11, 1), (12, 6),
    ]  # fmt: skip


def test_good_friday_and_easter_monday() -> None:
    # Easter Sunday: 31 March 2024, 20 April 2025, 5 April 2026
    easter = Recurrence("FREQ=YEARLY;BYEASTER=-2,1")
    assert easter.between(dt.date(2024, 1, 1), dt.date(2026, 12, 31)) == [
        dt.date(2024, 3, 29), dt.date(2024, 4, 1),
        dt.date(2025, 4, 18), dt.date(2025, 4, 21),
        dt.date(2026, 4, 3), dt.date(2026, 4, 6),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "rule", ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYMONTHDAY=29;BYMONTH=2"]
)
def test_29_february(rule: str) -> None:
    leap = Recurrence(rule)
    assert leap.between(dt.date(2024, 1, 1), dt.date(2028, 12, 31)) == [
        dt.date(2024, 2, 29),
        dt.date(2028, 2, 29),
    ]
    assert leap.between(dt.date(2097, 1, 1), dt.date(2103, 12, 31)) == []  # 2100 is not leap
    assert leap.between(dt.date(2400, 1, 1), dt.date(2400, 12, 31)) == [dt.date(2400, 2, 29)]
    assert leap.next_on_or_after(dt.date(2096, 3, 1), dt.date(2200, 1, 1)) == dt.date(2104, 2, 29)


def test_a_start_on_29_february_recurs_in_leap_years() -> None:
    yearly = Recurrence("FREQ=YEARLY", dt.date(2096, 2, 29))
    assert yearly.between(dt.date(2096, 1, 1), dt.date(2104, 12, 31)) == [
        dt.date(2096, 2, 29),
        dt.date(2104, 2, 29),
    ]


def test_every_other_day_in_the_year_9000() -> None:
    # From 2000-01-01 to 9000-01-01: 7000 years of 365 days and 1698 leap days (1750
    # multiples of 4 from 2000 to 8996, less the 52 centuries not multiple of 400), so
    # 2,556,698 days: even, 9000-01-01 is a date. 9000 is not leap (365 days, an odd count),
    # so 9001 starts on an off day.
    every_other = Recurrence("FREQ=DAILY;INTERVAL=2")
    assert every_other.between(dt.date(9000, 1, 1), dt.date(9000, 1, 6)) == [
        dt.date(9000, 1, 1),
        dt.date(9000, 1, 3),
        dt.date(9000, 1, 5),
    ]
    assert every_other.count(dt.date(9000, 1, 1), dt.date(9000, 12, 31)) == 183
    assert every_other.next_on_or_after(dt.date(9001, 1, 1), dt.date(9001, 12, 31)) == dt.date(
        9001, 1, 2
    )


def test_count_ends_the_rule() -> None:
    three = Recurrence("FREQ=WEEKLY;COUNT=3;BYDAY=SA", dt.date(2025, 1, 1))
    assert three.between(dt.date(2000, 1, 1), dt.date(2100, 1, 1)) == [
        dt.date(2025, 1, 4),
        dt.date(2025, 1, 11),
        dt.date(2025, 1, 18),
    ]
    # a count larger than the supported years hold: every date up to the last year
    many = Recurrence(f"FREQ=YEARLY;COUNT={MAX_COUNT}", dt.date(9990, 5, 1))
    assert many.count(dt.date(9990, 1, 1), dt.date(9997, 12, 31)) == 8


def test_until_is_inclusive() -> None:
    rule = Recurrence("FREQ=DAILY;UNTIL=20250103T000000Z", dt.date(2025, 1, 1))
    assert rule.between(dt.date(2024, 1, 1), dt.date(2026, 1, 1))[-1] == dt.date(2025, 1, 3)


def test_mixed_weekdays_with_and_without_position_are_their_union() -> None:
    # RFC 5545: every Monday and the first Friday (dateutil keeps only the days that are both)
    dates = Recurrence("FREQ=MONTHLY;BYDAY=MO,1FR").between(
        dt.date(2025, 5, 1), dt.date(2025, 5, 31)
    )
    assert dates == [dt.date(2025, 5, d) for d in (2, 5, 12, 19, 26)]


def test_week_53_and_the_turn_of_the_year() -> None:
    # ISO weeks: 2026 has 53 weeks (it starts on a Thursday); week 53 is 28 Dec 2026 -
    # 3 Jan 2027, and week 1 of 2025 starts on Monday 30 December 2024.
    mondays = Recurrence("FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO,SU", dt.date(2020, 1, 1))
    assert mondays.between(dt.date(2024, 1, 1), dt.date(2027, 12, 31)) == [
        dt.date(2026, 12, 28),
        dt.date(2027, 1, 3),
    ]
    first = Recurrence("FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,TU", dt.date(2020, 1, 1))
    assert first.between(dt.date(2024, 12, 1), dt.date(2025, 1, 31)) == [
        dt.date(2024, 12, 30),
        dt.date(2024, 12, 31),
    ]


def test_next_on_or_after_skips_centuries() -> None:
    rare = Recurrence("FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29", dt.date(2100, 1, 1))
    assert rare.next_on_or_after(dt.date(2100, 1, 1), dt.date(9997, 12, 31)) == dt.date(2400, 2, 29)
    assert rare.next_on_or_after(dt.date(2401, 1, 1), dt.date(9997, 12, 31)) == dt.date(2800, 2, 29)
    assert rare.next_on_or_after(dt.date(2401, 1, 1), dt.date(2799, 12, 31)) is None
    bounded = Recurrence("FREQ=MONTHLY;BYDAY=1SA", dt.date(2025, 1, 1), dt.date(2025, 2, 28))
    assert bounded.next_on_or_after(dt.date(2025, 2, 2), dt.date(9997, 1, 1)) is None
    assert bounded.next_on_or_after(dt.date(1, 1, 1), dt.date(9999, 1, 1)) == dt.date(2025, 1, 4)


# -- bounded work, bounded caches -------------------------------------------------------------


def test_every_question_honours_the_step_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    _recurrence._expansion.cache_clear()  # the search for a first date runs again
    monkeypatch.setattr(_recurrence, "STEP_BUDGET", 50)
    rule = "FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29"
    with pytest.raises(horaires.HorairesError, match="needs more than 50 steps"):
        Recurrence(rule, dt.date(2100, 1, 1))  # the search for a first date (2400-02-29)
    monkeypatch.setattr(_recurrence, "STEP_BUDGET", 10_000)
    recurrence = Recurrence(rule, dt.date(2400, 1, 1))
    monkeypatch.setattr(_recurrence, "STEP_BUDGET", 50)
    far = (dt.date(2401, 1, 1), dt.date(9000, 1, 1))  # next date: 2800-02-29
    for question in (recurrence.between, recurrence.count, recurrence.next_on_or_after):
        with pytest.raises(horaires.HorairesError, match="needs more than 50 steps"):
            question(*far)


def test_caches_are_bounded() -> None:
    assert _recurrence._expansion.cache_info().maxsize == 256
    every = Recurrence("FREQ=DAILY;INTERVAL=997", dt.date(2002, 1, 1))  # ~5,000 year keys
    assert every.count(dt.date(2002, 1, 1), dt.date(9997, 12, 31)) > 0
    assert len(every._expansion._masks) <= _recurrence._MASKS_PER_RULE


def test_a_recurrence_pickles_small() -> None:
    import pickle

    recurrence = Recurrence("FREQ=MONTHLY;BYDAY=1SA", dt.date(2025, 1, 1))
    recurrence.between(dt.date(2025, 1, 1), dt.date(2040, 1, 1))
    clone = pickle.loads(pickle.dumps(recurrence))
    assert len(pickle.dumps(recurrence)) < 300  # the rule and its bounds, not its dates
    assert clone.between(dt.date(2030, 1, 1), dt.date(2030, 3, 1)) == recurrence.between(
        dt.date(2030, 1, 1), dt.date(2030, 3, 1)
    )


# -- the same dates as dateutil ---------------------------------------------------------------


def _signed(high: int) -> st.SearchStrategy[int]:
    return st.integers(1, high).flatmap(lambda v: st.sampled_from([v, -v]))


def _listed(values: st.SearchStrategy[int]) -> st.SearchStrategy[tuple[int, ...]]:
    return st.lists(values, min_size=1, max_size=3).map(tuple)


@st.composite
def rules(draw: st.DrawFn) -> RRule:
    """Rules of every frequency and part, without the cases where dateutil departs from RFC
    5545 (weekdays with and without a position in one BYDAY)."""
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts: dict[str, Any] = {"interval": draw(st.integers(1, 5) | st.sampled_from([7, 13, 53]))}
    if draw(st.booleans()):
        parts["bymonth"] = draw(_listed(st.integers(1, 12)))
    if freq != "WEEKLY" and draw(st.booleans()):
        parts["bymonthday"] = draw(_listed(_signed(31)))
    yearly = freq == "YEARLY"
    if yearly and draw(st.integers(0, 2)) == 0:
        parts["byweekno"] = draw(_listed(_signed(53)))
    if yearly and draw(st.integers(0, 4)) == 0:
        parts["byyearday"] = draw(_listed(_signed(366)))
    if yearly and draw(st.integers(0, 4)) == 0:
        parts["byeaster"] = draw(_listed(st.integers(-80, 250)))
    if draw(st.booleans()):
        weekdays = _listed(st.integers(0, 6))
        if freq in ("MONTHLY", "YEARLY") and "byweekno" not in parts and draw(st.booleans()):
            high = 5 if freq == "MONTHLY" or "bymonth" in parts else 53
            positions = st.lists(st.tuples(st.integers(0, 6), _signed(high)), min_size=1)
            parts["byday"] = tuple(ByDay(w, n) for w, n in draw(positions))
        else:
            parts["byday"] = tuple(ByDay(w) for w in draw(weekdays))
    if len(parts) > 1 and draw(st.booleans()):
        parts["bysetpos"] = draw(_listed(_signed(8)))
    parts["wkst"] = draw(st.integers(0, 6))
    if draw(st.integers(0, 4)) == 0:
        parts["count"] = draw(st.integers(1, 40))
    return RRule(freq, **parts)


def _dateutil(rule: RRule, start: dt.date, first: dt.date, last: dt.date) -> list[dt.date]:
    walk = rrulestr(str(rule), dtstart=dt.datetime.combine(start, dt.time()))
    lo, hi = (dt.datetime.combine(day, dt.time()) for day in (first, last))
    until = dt.datetime.combine(min(last, rule.until or last), dt.time())
    with warnings.catch_warnings():  # COUNT with UNTIL is deprecated, and still works
        warnings.simplefilter("ignore", DeprecationWarning)
        walk = walk.replace(until=until)  # else dateutil walks on after the last date
    return [hit.date() for hit in walk.between(lo, hi, inc=True)]


@given(
    rules(),
    st.dates(dt.date(1975, 1, 1), dt.date(2010, 12, 31)),
    st.integers(0, 30),
    st.integers(0, 2),
)
def test_dates_equal_dateutils_walk(rule: RRule, start: dt.date, later: int, years: int) -> None:
    # dateutil walks from the start: cheap when the years asked are a few decades later
    try:
        recurrence = Recurrence(rule, start)
    except horaires.HorairesError as error:
        assert "never falls on a date" in str(error)
        if rule.freq == "YEARLY":  # for a rule without dates dateutil walks to 9999: ok yearly
            walk = rrulestr(str(rule), dtstart=dt.datetime.combine(start, dt.time()))
            assert walk.after(dt.datetime.combine(start, dt.time()), inc=True) is None
        return
    first = dt.date(start.year + later, 1, 1)
    last = dt.date(first.year + years, 12, 31)
    expected = _dateutil(rule, start, first, last)
    assert recurrence.between(first, last) == expected
    assert recurrence.count(first, last) == len(expected)
    assert recurrence.next_on_or_after(first, last) == (expected[0] if expected else None)


@given(rules())
def test_the_text_of_a_rule_reads_back(rule: RRule) -> None:
    assert RRule.parse(str(rule)) == rule
    assert RRule.parse(f"RRULE:{str(rule).lower()};") == rule


@given(st.text(max_size=40) | st.sampled_from(["FREQ=", "FREQ=DAILY;", "RRULE:", ";;", "=;="]))
def test_any_text_is_a_rule_or_a_horaires_error(text: str) -> None:
    with suppress(horaires.HorairesError):
        check_rrule(text)


def test_default_start() -> None:
    assert Recurrence("FREQ=DAILY").start == DEFAULT_START == dt.date(2000, 1, 1)
