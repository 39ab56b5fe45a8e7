"""The first question about a schedule: ``is_open`` answers from the plans of the dates around
the instant, without compiling a day (docs/performance.md#the-first-question); the answer is
the compiled one, in every zone, on daylight-saving days, for services and whole
establishments, for OpenStreetMap values of every kind.

A schedule made afresh answers the first ``is_open``; another, made afresh too, is asked
``state_at``, which always compiles the day.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, note
from hypothesis import strategies as st

from horaires import Establishment, HorairesError, examples, osm
from horaires import strategies as hst
from horaires._compile import OPEN
from horaires._establishment import Engine
from horaires._schedule import Timeline, seconds

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
from _adversarial import ZONES as EDGE_ZONES
from _adversarial import osm_values as crafted_values


def first_and_compiled(make: Any, at: dt.datetime) -> tuple[object, object]:
    """The first ``is_open`` of a fresh schedule, and the compiled state of another (or
    ``"error"`` for each that refuses: a holiday calendar not known that year)."""
    first: Timeline = make()
    try:
        answer: object = first.is_open(at)
    except HorairesError:
        answer = "error"
    assert first.cached_bytes() == 0, "the first question compiled a day"
    compiled: Timeline = make()
    try:
        return answer, compiled.state_at(seconds(at)) >= OPEN
    except HorairesError:
        return answer, "error"


def agree_on_place(place: Establishment, at: dt.datetime) -> None:
    for service in [None, *place.services]:
        first, compiled = first_and_compiled(lambda s=service: Engine(place).schedule(s), at)
        assert first == compiled, f"service={service!r} at {at.isoformat()}"


@given(st.data())
def test_establishments_first_is_open(data: st.DataObject) -> None:
    place = data.draw(hst.establishments(max_services=2))
    at = data.draw(hst.aware_datetimes(place.timezone, min_year=2024, max_year=2027))
    note(f"at={at.isoformat()}")
    agree_on_place(place, at)


@given(hst.osm_values(), st.sampled_from(EDGE_ZONES), st.data())
def test_osm_first_is_open(value: str, zone: str, data: st.DataObject) -> None:
    at = data.draw(hst.aware_datetimes(zone, min_year=2010, max_year=2027))
    first, compiled = first_and_compiled(
        lambda: osm._schedule(value, zone, "FR", None, "fr", "ranges", "compatible"), at
    )
    assert first == compiled, f"{value!r} in {zone} at {at.isoformat()}"


@given(crafted_values(), st.sampled_from(EDGE_ZONES), st.data())
def test_crafted_osm_first_is_open(value: str, zone: str, data: st.DataObject) -> None:
    """Fallbacks, unknown, open ends, nights past midnight, nth weekdays, dated rules."""
    at = data.draw(hst.aware_datetimes(zone, min_year=2010, max_year=2027))
    try:
        osm._schedule(value, zone, "FR", None, "fr", "ranges", "compatible")
    except HorairesError:
        return
    first, compiled = first_and_compiled(
        lambda: osm._schedule(value, zone, "FR", None, "fr", "ranges", "compatible"), at
    )
    assert first == compiled, f"{value!r} in {zone} at {at.isoformat()}"


def test_pantin_first_answers_by_hand() -> None:
    """Hand-checked: the Saturday desk, a Thursday morning, a holiday, just before opening."""
    paris = examples.pantin().timezone
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(paris)
    cases = [
        (dt.datetime(2025, 5, 3, 10, 0, tzinfo=zone), True),  # Saturday, civil status desk
        (dt.datetime(2025, 5, 8, 10, 0, tzinfo=zone), False),  # 8 May, a public holiday
        (dt.datetime(2025, 5, 15, 10, 0, tzinfo=zone), False),  # Thursday morning
        (dt.datetime(2025, 5, 15, 13, 30, tzinfo=zone), True),  # Thursday at opening
        (dt.datetime(2025, 5, 12, 8, 29, 59, tzinfo=zone), False),  # a second before
        (dt.datetime(2025, 3, 30, 3, 0, tzinfo=zone), False),  # Sunday, DST starts
    ]
    for at, expected in cases:
        assert Engine(examples.pantin()).schedule(None).is_open(at) is expected, at


def test_the_second_question_compiles() -> None:
    """The hot path stays the compiled one: only the first question skips compiling."""
    schedule = Engine(examples.pantin()).schedule(None)
    at = dt.datetime(2025, 5, 5, 10, tzinfo=dt.UTC)
    assert schedule.is_open(at) and schedule.cached_bytes() == 0
    assert schedule.is_open(at) and schedule.cached_bytes() > 0


def test_first_answers_at_the_ends_of_the_supported_years() -> None:
    """The dates before the instant may lie before year 2: the first answer still agrees."""
    ends = [
        dt.datetime(2, 1, 1, 0, 30, tzinfo=dt.UTC),
        dt.datetime(9997, 12, 31, 23, 30, tzinfo=dt.UTC),
    ]
    values = ["24/7", "Mo-Su 22:00-02:00", "PH off; Mo-Su 00:00-24:00", "Jan 01 10:00-12:00"]
    for value in values:
        for zone in ("Pacific/Kiritimati", "Pacific/Niue", "UTC"):
            for at in ends:
                first, compiled = first_and_compiled(
                    lambda v=value, z=zone: osm._schedule(
                        v, z, "FR", None, "fr", "ranges", "compatible"
                    ),
                    at,
                )
                assert first == compiled, (value, zone, at)
    night = Establishment(name="Nuit", hours={"sun": ["22:00-02:00"], "mon": ["00:00-24:00"]})
    for at in ends:
        agree_on_place(night, at)


def test_a_day_that_ends_in_a_skipped_date() -> None:
    """Samoa skipped 30 December 2011: Thursday the 29th's 24:00 lies in that gap, which
    ``earlier`` moves back by the gap (a whole day) to the day's own 00:00, so the slot
    ``00:00-24:00`` has no hours (docs/time.md); the first answer says so too, though the
    offsets at both of the day's midnights are the same."""
    place = Establishment(
        name="x", timezone="Pacific/Apia", disambiguate="earlier", hours={"thu": ["00:00-24:00"]}
    )
    at = dt.datetime(2011, 12, 29, 12, 0, tzinfo=dt.UTC)
    agree_on_place(place, at)
    assert Engine(place).schedule(None).is_open(at) is False
