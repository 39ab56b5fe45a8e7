"""The load-time check: two rules of one level may not cover a date with the same span
(docs/configuration.md#precedence)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import horaires
from horaires import _conflicts
from horaires._conflicts import exception_conflicts, season_conflicts, season_span
from horaires._dated import DatedRule
from horaires._recurrence import COMPARISON_DAYS, MAX_CONFLICTS

Budget = Callable[..., AbstractContextManager[None]]
CLOSED = "closed"


def issues(config: dict[str, Any]) -> list[str]:
    try:
        horaires.load({"name": "x", **config})
    except horaires.ConfigError as error:
        return [str(issue) for issue in error.issues]
    return []


def yearly(month: int, day: int, **bounds: str) -> dict[str, str]:
    return {"rrule": f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}", "hours": CLOSED, **bounds}


# -- what conflicts and what does not ---------------------------------------------------------


def test_same_date_twice() -> None:
    found = issues({"exceptions": [{"date": "2025-12-24", "hours": CLOSED}] * 2})
    assert found == [
        "exceptions[1]: covers 2025-12-24 like exceptions[0], with the same span: "
        "make one of them narrower or merge them"
    ]


def test_a_narrower_rule_is_no_conflict() -> None:
    assert not issues(
        {
            "exceptions": [
                {"start": "2025-08-01", "end": "2025-08-31", "hours": CLOSED},
                {"date": "2025-08-15", "hours": ["10:00-11:00"]},
                {"rrule": "FREQ=WEEKLY;BYDAY=FR", "hours": ["09:00-10:00"]},
            ]
        }
    )


def test_levels_and_owners_are_apart() -> None:
    same = [{"date": "2025-05-05", "hours": CLOSED}]
    assert not issues({"exceptions": same, "services": {"a": {"exceptions": same}}})
    found = issues({"services": {"a": {"exceptions": same * 2}}})
    assert found[0].startswith("services.a.exceptions[1]: covers 2025-05-05 like ")
    assert "services.a.exceptions[0]" in found[0]


def test_unbounded_recurrences_are_compared_over_eight_years_from_the_later_start() -> None:
    # 1 June (every year) and the first Monday of June: both span (unbounded, 4 dates). They
    # share 1 June when it is a Monday: 2009, 2015, 2020 ... not from 2000 to 2007.
    first_monday = {"rrule": "FREQ=YEARLY;BYMONTH=6;BYDAY=1MO", "hours": ["09:00-10:00"]}
    assert not issues({"exceptions": [yearly(6, 1), first_monday]})
    later = {**first_monday, "start": "2009-01-01"}
    assert issues({"exceptions": [yearly(6, 1), later]})[0].startswith(
        "exceptions[1]: covers 2009-06-01 like exceptions[0]"
    )
    # found where both apply, years after the earlier start
    late = yearly(6, 1, start="2600-01-01")
    assert issues({"exceptions": [yearly(6, 1), late]})[0].startswith(
        "exceptions[1]: covers 2600-06-01 like exceptions[0]"
    )


def test_a_bounded_rule_is_compared_wherever_it_meets_another() -> None:
    # no end, no start: unbounded span (inf, 4 dates from 2000 to 2003) like 1 June every year
    bounded = yearly(6, 1, end="2003-12-31")
    assert issues({"exceptions": [yearly(6, 1), bounded]})[0].startswith(
        "exceptions[1]: covers 2000-06-01 like exceptions[0]"
    )
    ranges = [
        {"start": "2025-01-01", "end": "2025-01-31", "hours": CLOSED},
        {"start": "2025-01-31", "end": "2025-03-02", "hours": CLOSED},
    ]  # both 31 days
    assert issues({"exceptions": ranges})[0].startswith("exceptions[1]: covers 2025-01-31")


def test_seasons_conflict_on_a_weekday_both_name() -> None:
    summer = {"start": "07-01", "end": "07-31", "hours": {"mon": []}}
    assert not issues(
        {"seasons": [summer, {"start": "07-01", "end": "07-31", "hours": {"tue": []}}]}
    )
    found = issues({"seasons": [summer, {**summer, "hours": {"mon": ["09:00-10:00"]}}]})
    assert found[0].startswith("seasons[1]: covers 2000-07-03 like seasons[0]")
    wrapping = {"start": "12-31", "end": "01-30", "hours": {"sat": []}}  # 31 days
    january = {"start": "01-01", "end": "01-31", "hours": {"sat": []}}
    assert issues({"seasons": [wrapping, january]})[0].startswith(
        "seasons[1]: covers 2000-01-01 like seasons[0]"
    )
    dated = [
        {"start": "2030-03-01", "end": "2030-12-31", "hours": {"sun": []}},
        {"start": "2030-12-01", "end": "2031-10-02", "hours": {"sun": []}},
    ]  # 306 days each; dated seasons are compared over their common days
    assert issues({"seasons": dated})[0].startswith("seasons[1]: covers 2030-12-01 like")


# -- bounded issues, bounded work ---------------------------------------------------------------


@pytest.mark.parametrize("count", [40, 80, 400])
def test_many_same_span_recurrences_give_few_issues(count: int, budget: Budget) -> None:
    rule = {"rrule": "FREQ=MONTHLY;BYDAY=1SA", "hours": CLOSED}
    with budget():
        found = issues({"exceptions": [rule] * count})
    assert len(found) == MAX_CONFLICTS + 1
    assert found[0].startswith("exceptions[1]: covers 2000-01-01 like exceptions[0]")
    assert found[-1] == (
        f"{count - 1 - MAX_CONFLICTS} more rules cover a date like another rule of their "
        "level with the same span"
    )


@pytest.mark.parametrize("count", [50, 100, 200])
def test_one_day_yearly_seasons(count: int, budget: Budget) -> None:
    days = [dt.date(2001, 1, 1) + dt.timedelta(days=3 * i) for i in range(count)]
    every_day: dict[str, list[str]] = {
        d: [] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    }
    seasons = [{"start": f"{d:%m-%d}", "end": f"{d:%m-%d}", "hours": every_day} for d in days]
    with budget():
        assert not issues({"seasons": seasons})
        assert issues({"seasons": [*seasons, seasons[-1]]})[0].startswith(f"seasons[{count}]")


def test_a_thousand_dated_exceptions_and_two_hundred_one_day_seasons(budget: Budget) -> None:
    first = dt.date(2025, 1, 1)
    exceptions: list[dict[str, Any]] = [
        {"date": str(first + dt.timedelta(days=i)), "hours": CLOSED} for i in range(600)
    ]
    exceptions += [
        {"start": str(first + dt.timedelta(days=i)), "end": str(first + dt.timedelta(days=i + 2)),
         "hours": ["09:00-10:00"]}
        for i in range(0, 600, 3)
    ]  # fmt: skip
    month_days = [dt.date(2001, 1, 1) + dt.timedelta(days=i) for i in range(200)]
    exceptions += [yearly(d.month, d.day) for d in month_days]
    seasons = [
        {"start": str(d), "end": str(d), "hours": {"sat": []}}
        for d in (dt.date(2030, 1, 1) + dt.timedelta(days=i) for i in range(200))
    ]
    assert len(exceptions) == 1000
    with budget():
        place = horaires.load({"name": "x", "exceptions": exceptions, "seasons": seasons})
        assert place.day(dt.date(2025, 1, 2)).rule == "exception"


def test_the_sweep_has_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_conflicts, "CONFLICT_BUDGET", 10)
    found = issues({"services": {"a": {"exceptions": [yearly(6, 1)] * 5}}})
    assert found == [
        "services.a: comparing its dated rules takes more than 10 rule-years: give fewer rules "
        "of the same span, or bound them with start and end"
    ]


def test_staggered_unbounded_starts_finish(budget: Budget) -> None:
    # each rule is new for eight years, and every older rule is compared with it there
    rules = [yearly(6, 1, start=f"{2000 + 9 * i:04d}-01-01") for i in range(300)]
    with budget():
        found = issues({"exceptions": rules})
    assert found and len(found) <= MAX_CONFLICTS + 1


# -- the sweep finds what comparing every pair finds -------------------------------------------


_LAST = dt.date(9997, 12, 31)


def _pairwise(rules: Sequence[DatedRule]) -> list[str]:
    """The first common date of each rule with an earlier one, pair by pair."""
    found = []
    for j, b in enumerate(rules):
        best: tuple[dt.date, int] | None = None
        for i, a in enumerate(rules[:j]):
            if a.span != b.span:
                continue
            lo = max(a.first, b.first)
            ends = [r.last for r in (a, b) if r.last is not None]
            hi = min(min(ends) if ends else lo + dt.timedelta(days=COMPARISON_DAYS), _LAST)
            common = sorted(set(a.dates(lo, hi)) & set(b.dates(lo, hi))) if lo <= hi else []
            if common and (best is None or common[0] < best[0]):
                best = (common[0], i)
        if best is not None:
            found.append(f"{b.path}: covers {best[0]} like {rules[best[1]].path}")
    return found


_RULES = [
    "FREQ=MONTHLY;BYDAY=1SA",
    "FREQ=WEEKLY;BYDAY=SA",
    "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1",
    "FREQ=YEARLY;BYMONTH=6;BYDAY=1MO",
    "FREQ=MONTHLY;BYMONTHDAY=1;INTERVAL=12",
    "FREQ=DAILY;INTERVAL=9",
]
_DAYS = st.dates(dt.date(2024, 12, 25), dt.date(2025, 1, 10))


@st.composite
def exceptions(draw: st.DrawFn) -> horaires.DatedException:
    kind = draw(st.sampled_from(["date", "range", "rrule"]))
    if kind == "date":
        return horaires.DatedException(date=draw(_DAYS), hours=CLOSED)
    if kind == "range":
        start = draw(_DAYS)
        return horaires.DatedException(
            start=start, end=start + dt.timedelta(days=draw(st.integers(0, 2))), hours=CLOSED
        )
    start = draw(st.none() | st.sampled_from([dt.date(2000, 6, 1), dt.date(2008, 1, 1)]))
    end = draw(st.none() | st.sampled_from([dt.date(2003, 12, 31), dt.date(2012, 1, 1)]))
    if start is not None and end is not None and end < start:
        start, end = end, start
    return horaires.DatedException(
        rrule=draw(st.sampled_from(_RULES)), start=start, end=end, hours=CLOSED
    )


@given(st.lists(exceptions(), min_size=2, max_size=7))
def test_the_sweep_finds_what_every_pair_finds(items: list[horaires.DatedException]) -> None:
    rules = [DatedRule(e, f"e[{i}]") for i, e in enumerate(items)]
    found = [re.sub(", with the same span.*", "", str(i)) for i in exception_conflicts(rules)]
    assert found == _pairwise(rules)


def _season_pairwise(seasons: Sequence[horaires.Season]) -> list[str]:
    found = []
    for j, b in enumerate(seasons):
        best: tuple[dt.date, int] | None = None
        for i, a in enumerate(seasons[:j]):
            if season_span(a) != season_span(b):
                continue
            day, last = dt.date(2000, 1, 1), dt.date(2001, 12, 31)
            if isinstance(a.start, dt.date) and isinstance(b.start, dt.date):
                assert isinstance(a.end, dt.date) and isinstance(b.end, dt.date)
                day, last = max(a.start, b.start), min(a.end, b.end)
            while day <= last and (best is None or day < best[0]):
                weekday = day.weekday()
                if all(s.covers(day) and s.hours.day(weekday) is not None for s in (a, b)):
                    best = (day, i)
                    break
                day += dt.timedelta(days=1)
        if best is not None:
            found.append(f"s[{j}]: covers {best[0]} like s[{best[1]}]")
    return found


_MONTH_DAYS = st.sampled_from(["01-01", "02-28", "02-29", "03-01", "12-30", "12-31"])


@st.composite
def seasons(draw: st.DrawFn) -> horaires.Season:
    hours = {day: [] for day in draw(st.sets(st.sampled_from(["mon", "sat", "sun"])))}
    if draw(st.booleans()):
        return horaires.Season(start=draw(_MONTH_DAYS), end=draw(_MONTH_DAYS), hours=hours)
    start = draw(st.dates(dt.date(2030, 2, 20), dt.date(2030, 3, 5)))
    end = start + dt.timedelta(days=draw(st.integers(0, 9)))
    return horaires.Season(start=start, end=end, hours=hours)


@given(st.lists(seasons(), min_size=2, max_size=6))
def test_the_season_sweep_finds_what_every_pair_finds(items: list[horaires.Season]) -> None:
    found = [re.sub(", with the same span.*", "", str(i)) for i in season_conflicts(items, "s")]
    assert found == _season_pairwise(items)
