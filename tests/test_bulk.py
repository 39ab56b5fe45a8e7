"""Bulk queries agree with one-at-a-time queries; compiled schedules copy, pickle and stay small."""

from __future__ import annotations

import copy
import pickle
import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from horaires import Establishment, bulk, examples, load
from horaires._calendar import HOLIDAY_TABLES, _table
from horaires._establishment import engine
from horaires._schedule import CACHE_BYTES, Timeline

PARIS = ZoneInfo("Europe/Paris")


def place(name: str = "Place", **config: Any) -> Establishment:
    return load({"name": name, **config})


def instants(n: int, seed: int = 5) -> list[datetime]:
    """Random instants of 2024-2026 in several zones, some on whole minutes."""
    rng = random.Random(seed)
    lo = datetime(2024, 1, 1, tzinfo=PARIS).timestamp()
    hi = datetime(2027, 1, 1, tzinfo=PARIS).timestamp()
    zones = [PARIS, UTC, ZoneInfo("America/New_York")]
    out = []
    for _ in range(n):
        t = rng.uniform(lo, hi)
        if rng.random() < 0.3:
            t = float(int(t) // 60 * 60)
        out.append(datetime.fromtimestamp(t, rng.choice(zones)))
    return out


def state(timeline: Timeline, at: datetime) -> str:
    if timeline.can_be_served(at):
        return "accepting"
    if timeline.is_open(at):
        return "open"
    return "unknown" if timeline.is_unknown(at) else "closed"


PLACES = [examples.load_example(name) for name in examples.names()] + [
    place(
        "Nuit",
        hours={"mon": ["20:00-24:00"], "tue": ["00:00-08:00"]},
        admission={"before_closing": 30},
    ),
    place(
        "Toujours",
        hours={d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    ),
    place("Jamais"),
]


@pytest.mark.parametrize("service", [None, "etat-civil"])
def test_places_agree_with_one_at_a_time(service: str | None) -> None:
    chosen = [p for p in PLACES if service is None or service in p.services]
    places = bulk.Places(chosen, service=service)
    for at in instants(300):
        assert places.open_at(at) == [p.is_open(at, service=service) for p in chosen]
        assert places.accepting_at(at) == [p.can_be_served(at, service=service) for p in chosen]
        assert places.states_at(at) == [state(p.schedule(service), at) for p in chosen]


def test_module_functions_agree_with_places() -> None:
    at = datetime(2025, 5, 5, 12, 10, tzinfo=PARIS)
    places = bulk.Places(PLACES)
    assert bulk.open_at(PLACES, at) == places.open_at(at)
    assert bulk.accepting_at(PLACES, at) == places.accepting_at(at)
    assert bulk.states_at(PLACES, at) == places.states_at(at)
    assert len(places) == len(PLACES)


@pytest.mark.parametrize("index", range(len(PLACES)))
def test_one_place_at_many_instants_agrees(index: int) -> None:
    est = PLACES[index]
    schedule = est.schedule()
    times = instants(1500, seed=index)
    assert bulk.is_open_many(est, times) == [est.is_open(t) for t in times]
    assert bulk.can_be_served_many(schedule, times) == [est.can_be_served(t) for t in times]
    assert bulk.states(est, times) == [state(schedule, t) for t in times]


def test_states_name_each_state() -> None:
    pantin = examples.pantin()
    day = [
        datetime(2025, 5, 5, h, m, tzinfo=PARIS) for h, m in ((7, 0), (8, 30), (12, 15), (12, 45))
    ]
    assert bulk.states(pantin, day) == ["closed", "accepting", "open", "closed"]


def test_places_share_one_schedule_between_configs_equal_but_for_the_name() -> None:
    a = place("A", hours={"mon": ["09:00-12:00"]})
    b = place("B", hours={"mon": ["09:00-12:00"]})
    c = place("C", hours={"mon": ["09:00-13:00"]})
    first, second, third = bulk.Places([a, b, c]).schedules
    assert first is second
    assert third is not first


def test_places_accept_compiled_schedules_and_naive_is_an_error() -> None:
    pantin = examples.pantin()
    places = bulk.Places([pantin.schedule("etat-civil"), pantin.schedule()])
    assert places.open_at(datetime(2025, 5, 3, 10, tzinfo=PARIS)) == [True, True]
    from horaires import NaiveDatetimeError

    with pytest.raises(NaiveDatetimeError):
        places.open_at(datetime(2025, 5, 3, 10))
    with pytest.raises(NaiveDatetimeError):
        bulk.is_open_many(pantin, [datetime(2025, 5, 3, 10)])


@pytest.mark.parametrize("service", [None, "etat-civil"])
def test_compiled_schedules_survive_pickle_and_deepcopy(service: str | None) -> None:
    pantin = examples.pantin()
    schedule = pantin.schedule(service)
    times = instants(200)
    expected = [
        (schedule.is_open(t), schedule.can_be_served(t), schedule.next_change(t)) for t in times
    ]
    for clone in (pickle.loads(pickle.dumps(schedule)), copy.deepcopy(schedule)):
        assert clone == schedule and hash(clone) == hash(schedule)
        assert [
            (clone.is_open(t), clone.can_be_served(t), clone.next_change(t)) for t in times
        ] == expected
    places = bulk.Places([pantin, schedule], service=service)
    again = pickle.loads(pickle.dumps(places))
    assert [again.states_at(t) for t in times[:50]] == [places.states_at(t) for t in times[:50]]


def test_pickles_do_not_carry_compiled_years() -> None:
    schedule = examples.pantin().schedule("etat-civil")
    empty = len(pickle.dumps(schedule))
    for year in range(2020, 2030):
        schedule.is_open(datetime(year, 6, 1, tzinfo=PARIS))
    assert len(pickle.dumps(schedule)) <= empty * 1.5


def test_the_cache_of_compiled_days_stays_bounded() -> None:
    pantin = examples.pantin()
    whole = pantin.schedule()
    general = engine(pantin).schedule(None, None, False)
    for year in range(2000, 2080):
        whole.is_open(datetime(year, 3, 1, tzinfo=PARIS))
    assert 79 <= len(whole._blocks) <= 80 * 2  # the first question compiles no day
    start = datetime(2025, 1, 1, tzinfo=PARIS)
    for day in range(20_000):  # every day of fifty years: more than the cache holds
        whole.is_open(start + timedelta(days=day, hours=10))
    assert 0 < whole._size <= CACHE_BYTES and 0 <= general._size <= CACHE_BYTES
    assert len(whole._blocks) < 20_000
    assert _table.cache_info().currsize <= HOLIDAY_TABLES


def test_a_query_in_year_9000_keeps_a_few_years() -> None:
    shop = place(
        hours={"mon": ["09:00-12:00"]}, exceptions=[{"date": "2025-05-05", "hours": "closed"}]
    )
    schedule = shop.schedule()
    assert schedule.is_open(datetime(2025, 5, 12, 10, tzinfo=PARIS))
    monday = datetime(9000, 1, 6, 10, tzinfo=PARIS)
    assert monday.weekday() == 0 and schedule.is_open(monday)
    assert schedule.next_change(monday) == datetime(9000, 1, 6, 12, tzinfo=PARIS)
    assert len(list(schedule.intervals(monday, monday + timedelta(days=28)))) == 5
    first = datetime(8999, 12, 1, tzinfo=PARIS).timestamp() // 86400
    far = [day for day in schedule._blocks if day >= 365 * 100]
    assert far and min(far) >= first and len(far) <= 40


def test_one_place_across_years_in_one_call() -> None:
    pantin = examples.pantin()
    times = [datetime(year, 5, 5, 10, tzinfo=PARIS) for year in range(2020, 2040)]
    assert bulk.is_open_many(pantin, times) == [pantin.is_open(t) for t in times]


def test_places_through_a_day_and_across_midnight_utc() -> None:
    places = bulk.Places(PLACES)
    start = datetime(2025, 5, 4, 20, 0, tzinfo=PARIS)  # Sunday evening to Tuesday morning
    for k in range(0, 36 * 60, 7):
        at = start + timedelta(minutes=k)
        assert places.states_at(at) == [state(p.schedule(), at) for p in PLACES]


def test_the_first_question_is_asked_of_each_schedule_and_compiles_nothing() -> None:
    from horaires import osm

    values = ["Mo-Fr 09:00-12:00", "Sa 10:00-11:00", "24/7", "off", "Mo 08:00-09:00"]
    schedules = [
        osm._schedule(v, "Europe/Paris", None, None, "fr", "ranges", "compatible") for v in values
    ]
    places = bulk.Places([*schedules, schedules[0], schedules[2]])  # repeats share a schedule
    monday = datetime(2025, 5, 5, 10, tzinfo=PARIS)
    expected = [True, False, True, False, False, True, True]
    assert places.open_at(monday) == expected
    assert all(schedule.cached_bytes() == 0 for schedule in schedules)
    assert places.open_at(monday) == expected  # now from the compiled day
    noon = [False, False, True, False, False, False, True]
    assert places.open_at(monday + timedelta(hours=2)) == noon


def test_schedules_are_freed_without_the_cyclic_collector() -> None:
    """No reference cycles (docs/performance.md#the-garbage-collector): a schedule asked and
    compiled, then dropped, is freed at once, as is an establishment and its engine."""
    import gc
    import weakref

    from horaires import osm

    at = datetime(2025, 5, 5, 10, tzinfo=PARIS)
    gc.collect()
    gc.disable()
    try:
        schedule = osm._schedule(
            "Mo-Fr 09:13-17:21; PH off", "Europe/Paris", "FR", None, "fr", "ranges", "compatible"
        )
        schedule.is_open(at)
        schedule.is_open(at)  # compiles a day too
        place = load({"name": "Mairie", "hours": {"mon": ["08:30-12:30"]}, "services": {"a": {}}})
        place.is_open(at)
        place.status(at)
        refs = [weakref.ref(schedule), weakref.ref(place), weakref.ref(place.schedule())]
        del schedule, place
        assert [ref() for ref in refs] == [None, None, None]
    finally:
        gc.enable()
