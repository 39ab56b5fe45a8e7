"""Examples the property tests found, kept as plain tests."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

import horaires
from horaires import strategies as hst
from horaires._recurrence import DEFAULT_START, Recurrence


@pytest.mark.parametrize(
    "slot",
    [
        "01:00-26:00",  # 25 hours: written 01:00-02:00, it read back as one hour
        "01:00-25:00",  # 24 hours: written 01:00-01:00, it read back as an empty slot
        "00:00-24:01",
        {"opens": "00:00", "closes": "24:00", "last_admission": "24:00"},  # read back 00:00
        {"opens": "01:00", "closes": "26:00", "last_admission": "25:30"},
        {"opens": "22:00", "closes": "02:00", "last_admission": "01:00"},
        "13:00-36:00",
    ],
)
def test_slots_longer_than_a_day_round_trip(slot: object) -> None:
    place = horaires.load({"name": "Nuit", "hours": {"mon": [slot]}})
    assert horaires.load(horaires.dump(place)) == place
    assert horaires.loads(horaires.dumps(place)) == place


@given(
    st.sampled_from(hst.RRULES),
    st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
    st.dates(dt.date(2019, 1, 1), dt.date(2031, 1, 1)),
    st.integers(0, 800),
)
def test_recurrence_dates_by_year_match_dateutil(
    rule: str, start: dt.date | None, first: dt.date, days: int
) -> None:
    # dates are cached per year; dateutil walks from the rule's start on every call
    recurrence = Recurrence(rule, start)
    last = first + dt.timedelta(days=days)
    direct = rrulestr(rule, dtstart=dt.datetime.combine(start or DEFAULT_START, dt.time()))
    lo = dt.datetime.combine(max(first, start or DEFAULT_START), dt.time())
    expected = [
        hit.date() for hit in direct.between(lo, dt.datetime.combine(last, dt.time.max), inc=True)
    ]
    assert recurrence.between(first, last) == expected
    assert recurrence.between(first, last) == expected  # from the cache


@pytest.mark.parametrize("name", ["Mairie\x7f", "tab\there", 'quote" and \\ back', "\x00\x1f"])
def test_toml_dump_escapes_every_control_character(name: str) -> None:
    # a raw DEL (U+007F) made the dumped TOML unreadable
    place = horaires.load(
        {"name": name, "exceptions": [{"label": name, "date": "2025-05-05", "hours": "closed"}]}
    )
    assert horaires.loads(horaires.dumps(place)) == place


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",  # walked 126 million instants to measure a span: the load never ended
        "FREQ=MINUTELY;INTERVAL=5",
        "FREQ=HOURLY",
        "FREQ=DAILY;BYHOUR=1,2,3",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",  # never falls: dateutil walked to the year 9999
        "FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31",
    ],
)
def test_recurrences_that_never_end_or_never_fall_are_rejected(rule: str) -> None:
    with pytest.raises(horaires.ConfigError, match=r"exceptions\[0\]\.rrule: .*RRULE"):
        horaires.load({"name": "Mairie", "exceptions": [{"rrule": rule, "hours": "closed"}]})


def test_a_recurrence_that_never_falls_from_its_start_is_refused() -> None:
    rule = "FREQ=DAILY;INTERVAL=7;BYDAY=MO"  # from a Saturday: never a Monday
    with pytest.raises(horaires.HorairesError, match="never falls on a date from 2000-01-01"):
        Recurrence(rule, dt.date(2000, 1, 1))
    mondays = Recurrence(rule, dt.date(2000, 1, 3))  # from a Monday: every Monday
    assert mondays.between(dt.date(2025, 1, 1), dt.date(2025, 1, 13)) == [
        dt.date(2025, 1, 6),
        dt.date(2025, 1, 13),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (10**20, "too long a duration"),  # OverflowError escaped
        (float("inf"), "too long a duration"),
        ("PT99999999999H", "too long a duration"),
        ("99999999999h", "too long a duration"),
        (0.001, "whole number of seconds"),  # dumped as PT0M: lost in the round trip
    ],
)
def test_durations_out_of_range_are_config_errors(value: object, message: str) -> None:
    with pytest.raises(horaires.ConfigError, match=message):
        horaires.load({"name": "Mairie", "admission": {"before_closing": value}})


@pytest.mark.parametrize(
    ("text", "format"), [("[" * 100_000, "json"), ("a = " + "[" * 100_000, "toml")]
)
def test_deeply_nested_documents_are_config_errors(text: str, format: str) -> None:
    # RecursionError escaped from the JSON and TOML parsers
    with pytest.raises(horaires.ConfigError, match="nested too deeply"):
        horaires.loads(text, format)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["10000easter", "10000 Jan 01 off", "1" * 5000])
def test_osm_numbers_past_four_digits_are_syntax_errors(value: str) -> None:
    # a year past 9999 reached dateutil's easter (ValueError); 5,000 digits, int()'s limit
    from horaires import osm

    with pytest.raises(horaires.HorairesError, match="at most 4 digits"):
        osm.parse(value)
