"""OpenStreetMap: ``osm.parse(to_osm(x))`` behaves as ``x`` where ``x`` can be written, and
every value :func:`horaires.strategies.osm_values` makes is read.

Skipped only while ``horaires.osm`` is absent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

from horaires import Establishment, HorairesError
from horaires import strategies as hst
from horaires._establishment import engine

osm: Any = pytest.importorskip("horaires.osm")

WEEK = dt.timedelta(days=7)


def opening(schedule: Any, start: dt.datetime, end: dt.datetime) -> list[tuple[float, float, bool]]:
    return [
        (i.start.timestamp(), i.end.timestamp(), i.unknown)
        for i in schedule.intervals(start, end)
        if i.end is not None
    ]


@st.composite
def writable(draw: st.DrawFn) -> tuple[Establishment, str | None, str, dt.datetime]:
    place = draw(hst.establishments(max_services=1, sun=True, school=True))
    service = draw(st.sampled_from([None, *place.services]))
    try:
        value = osm.to_osm(place, service=service)
    except HorairesError:
        assume(False)
        raise
    at = draw(hst.aware_datetimes(place.timezone))
    note(f"config={place.model_dump(mode='json')!r} service={service!r} value={value!r}")
    return place, service, value, at


@given(writable())
def test_parse_of_to_osm_behaves_as_the_establishment(
    case: tuple[Establishment, str | None, str, dt.datetime],
) -> None:
    place, service, value, at = case
    calendar = place.holidays
    parsed = osm.parse(
        value,
        timezone=place.timezone,
        country=calendar.country
        if calendar
        else place.school_holidays.country
        if place.school_holidays
        else None,
        subdivision=calendar.subdivision if calendar else None,
        language=place.language,
        disambiguate=place.disambiguate,
        location=place.place,
        school_zone=place.school_holidays.zone if place.school_holidays else None,
    )
    native = engine(place).schedule(service, None, False)  # the service, or the general hours
    assert opening(parsed, at, at + WEEK) == opening(native, at, at + WEEK)
    assert parsed.is_open(at) == native.is_open(at)


@given(hst.osm_values(), hst.aware_datetimes("Europe/Paris"))
def test_every_generated_value_is_read_and_written_back(value: str, at: dt.datetime) -> None:
    schedule = osm.parse(value)
    again = osm.parse(osm.to_osm(schedule))
    assert opening(again, at, at + WEEK) == opening(schedule, at, at + WEEK)


def test_a_night_that_starts_on_a_holiday() -> None:
    # a holiday closes its whole night natively; 'PH off' alone left its end open

    import horaires

    place = horaires.load(
        {"name": "Nuit", "hours": {"mon": ["00:00-25:00"]}, "holidays": {"country": "FR"}}
    )
    at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # Monday 1 January, a holiday
    parsed = osm.parse(osm.to_osm(place), timezone=place.timezone, country="FR")
    assert opening(parsed, at, at + WEEK) == opening(place.schedule(), at, at + WEEK)


def test_the_night_after_a_season_ends() -> None:
    import horaires

    place = horaires.load(
        {
            "name": "Nuit",
            "hours": {"sun": ["00:00-25:00"]},
            "seasons": [{"start": "01-01", "end": "03-31", "hours": {"sun": []}}],
        }
    )
    at = dt.datetime(2024, 3, 31, 3, tzinfo=dt.UTC)  # Sunday 31 March, the season's last day
    try:
        value = osm.to_osm(place)
    except HorairesError:  # refused: the night after a season has no opening_hours form
        return
    parsed = osm.parse(value, timezone=place.timezone, country=None)
    assert opening(parsed, at, at + WEEK) == opening(place.schedule(), at, at + WEEK)


def test_an_exception_with_an_empty_label() -> None:
    import horaires  # an empty label was written as the comment "", which is not read

    place = horaires.load(
        {"name": "M", "exceptions": [{"label": "", "date": "2024-01-01", "hours": "closed"}]}
    )
    osm.parse(osm.to_osm(place), country=None)


def test_a_closed_night_before_a_morning_of_its_own() -> None:
    import horaires  # closing Monday's night must leave Tuesday's own 00:00-01:00 open

    place = horaires.load(
        {
            "name": "Nuit",
            "hours": {"mon": ["00:00-25:00"], "tue": ["00:00-01:00"]},
            "exceptions": [{"date": "2024-01-01", "hours": "closed"}],
        }
    )
    value = osm.to_osm(place)
    assert value == "Mo 00:00-25:00, Tu 00:00-01:00; 2024 Jan 01 off"
    at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    parsed = osm.parse(value, timezone=place.timezone, country=None)
    assert opening(parsed, at, at + WEEK) == opening(place.schedule(), at, at + WEEK)


def test_an_exception_on_a_holiday_closes_the_holiday_night() -> None:
    import horaires  # New Year's Day: holiday hours till 01:00 on the 2nd, closed this year

    place = horaires.load(
        {
            "name": "Nuit",
            "holidays": {"country": "FR"},
            "holiday_hours": ["20:00-25:00"],
            "exceptions": [{"date": "2024-01-01", "hours": "closed"}],
        }
    )
    value = osm.to_osm(place)
    assert value == "PH 20:00-01:00; 2024 Jan 01 off, 2024 Jan 02 00:00-01:00 off"
    at = dt.datetime(2023, 12, 31, tzinfo=dt.UTC)
    parsed = osm.parse(value, timezone=place.timezone)
    assert opening(parsed, at, at + WEEK) == opening(place.schedule(), at, at + WEEK) == []
    with pytest.raises(HorairesError, match="recurring exception together with holiday hours"):
        osm.to_osm(
            place.model_copy(
                update={
                    "exceptions": (
                        horaires.DatedException(rrule="FREQ=WEEKLY;BYDAY=MO", hours="closed"),
                    )
                }
            )
        )


def test_closing_a_night_leaves_the_next_days_own_exception() -> None:
    import horaires  # 2 January is unknown all day: closing Monday's night must not touch it

    place = horaires.load(
        {
            "name": "Nuit",
            "hours": {"mon": ["00:00-25:00"]},
            "exceptions": [
                {"date": "2024-01-02", "hours": "unknown"},
                {"date": "2024-01-01", "hours": "closed"},
            ],
        }
    )
    value = osm.to_osm(place)
    assert value == "Mo 00:00-25:00; 2024 Jan 02 unknown; 2024 Jan 01 off"
    at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    parsed = osm.parse(value, timezone=place.timezone, country=None)
    assert opening(parsed, at, at + WEEK) == opening(place.schedule(), at, at + WEEK)


@pytest.mark.parametrize(
    ("start", "end", "dates"),
    [
        ("01-02", "01-01", "Jan 02-Dec 31,Jan 01-Jan 01"),  # all year: read as empty if wrapped
        ("11-01", "03-31", "Nov 01-Dec 31,Jan 01-Mar 31"),
        ("06-01", "08-31", "Jun 01-Aug 31"),
    ],
)
def test_a_season_over_the_new_year_is_written_as_two_ranges(
    start: str, end: str, dates: str
) -> None:
    import horaires

    place = horaires.load(
        {"name": "M", "seasons": [{"start": start, "end": end, "hours": {"sun": ["10:00-11:00"]}}]}
    )
    value = osm.to_osm(place)
    assert value == f"{dates} Su 10:00-11:00"
    at = dt.datetime(2023, 12, 25, tzinfo=dt.UTC)
    parsed = osm.parse(value, timezone=place.timezone, country=None)
    year = dt.timedelta(days=400)
    assert opening(parsed, at, at + year) == opening(place.schedule(), at, at + year)


@pytest.mark.parametrize(
    "rrule",
    ["FREQ=MONTHLY;BYDAY=1SA", "FREQ=WEEKLY;BYDAY=SA", "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=2"],
)
def test_a_recurring_exception_after_a_holiday_keeps_its_night_closed(rrule: str) -> None:
    import horaires  # Friday 1 May 2020 is a closed holiday: no night runs into Saturday 2 May

    place = horaires.load(
        {
            "name": "Nuit",
            "hours": {"fri": ["20:00-02:00"]},
            "holidays": {"country": "FR"},
            "exceptions": [{"rrule": rrule, "hours": "closed"}],
        }
    )
    value = osm.to_osm(place)
    assert "PH +1 day" in value
    at = dt.datetime(2020, 4, 20, tzinfo=dt.UTC)
    parsed = osm.parse(value, timezone=place.timezone)
    month = dt.timedelta(days=31)
    expected = opening(place.schedule(), at, at + month)
    assert (1588370400.0, 1588377600.0, False) not in expected  # 2 May 00:00-02:00 CEST
    assert opening(parsed, at, at + month) == expected
