"""The strategies make valid values, shrink toward simple ones, and register with hypothesis."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import horaires
from horaires import (
    AdmissionRule,
    DatedException,
    Establishment,
    Season,
    Service,
    Slot,
    WeeklyHours,
)
from horaires import strategies as hst


@given(st.from_type(Establishment))
def test_from_type_makes_establishments(place: Establishment) -> None:
    assert isinstance(place, Establishment)


@given(
    st.tuples(
        *(
            st.from_type(t)
            for t in (Service, WeeklyHours, Slot, AdmissionRule, DatedException, Season)
        )
    )
)
def test_every_model_is_registered(values: tuple[object, ...]) -> None:
    assert [type(v).__name__ for v in values] == [
        "Service",
        "WeeklyHours",
        "Slot",
        "AdmissionRule",
        "DatedException",
        "Season",
    ]


@settings(max_examples=1, phases=[Phase.generate], database=None)
@given(hst.establishments())
def test_the_simplest_establishment_is_plain(place: Establishment) -> None:
    # hypothesis tries the simplest example first: what a failing example shrinks toward
    assert place.services == {} and place.exceptions == () and place.seasons == ()
    assert place.timezone == "Europe/Paris" and place.admission is None
    assert place.holidays is None and place.name == "Mairie"


def test_weekly_hours_shrink_to_one_whole_hour() -> None:
    week = find(hst.weekly_hours(), lambda w: any(w.day(d) for d in range(7)))
    assert [str(s) for d in range(7) for s in week.day(d) or ()] == ["00:00-01:00"]


@given(hst.establishments(zone="America/New_York", country="FR-57", min_services=1, max_services=1))
def test_establishments_options(place: Establishment) -> None:
    assert place.timezone == "America/New_York"
    assert place.holidays is not None and place.holidays.subdivision == "57"
    assert len(place.services) == 1


@given(hst.establishments(country=None, max_services=0))
def test_no_holidays(place: Establishment) -> None:
    assert place.holidays is None and place.services == {}


@given(hst.weekly_hours(past_midnight=False, last_admission=False, step=15))
def test_weekly_hours_options(week: WeeklyHours) -> None:
    for d in range(7):
        for slot in week.day(d) or ():
            assert slot.closes <= 1440 and slot.last_admission is None
            assert slot.opens % 15 == 0 and slot.closes % 15 == 0


@given(hst.aware_datetimes("Europe/Paris"))
def test_aware_datetimes_are_aware(at: dt.datetime) -> None:
    assert at.utcoffset() is not None and str(at.tzinfo) == "Europe/Paris"


def test_aware_datetimes_find_dst_transitions() -> None:
    spring = hst.dst_transitions("Europe/Paris", 2025)[0]
    found = find(
        hst.aware_datetimes("Europe/Paris", min_year=2025, max_year=2025),
        lambda at: at.timestamp() == spring.timestamp(),
        settings=settings(max_examples=20_000, derandomize=True, database=None),
    )
    assert found.isoformat() == "2025-03-30T03:00:00+02:00"
    assert hst.dst_transitions("UTC", 2025) == ()
    assert len(hst.dst_transitions("Australia/Lord_Howe", 2025)) == 2


@given(st.from_type(Establishment))
def test_load_dump_round_trip(place: Establishment) -> None:
    data = horaires.dump(place)
    assert horaires.load(data) == place
    assert horaires.load(json.loads(json.dumps(data))) == place


@given(st.from_type(Establishment), st.sampled_from(["toml", "json"]))
def test_loads_dumps_round_trip(place: Establishment, format: str) -> None:
    text = horaires.dumps(place, format)  # type: ignore[arg-type]
    if format == "toml":
        tomllib.loads(text)
    assert horaires.loads(text, format) == place  # type: ignore[arg-type]
