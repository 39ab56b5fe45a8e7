"""Hand-checked edges that the mutation run showed untested: instants a second before a
change at odd minutes, the search horizon, admission window fields, the whole
establishment's day and equality, the limits of times and supported years."""

from __future__ import annotations

import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import pytest

import horaires
from horaires import HorairesError, NaiveDatetimeError, examples
from horaires._resolve import default_label
from horaires._wall import parse_time

PARIS = ZoneInfo("Europe/Paris")
KOLKATA = ZoneInfo("Asia/Kolkata")  # +05:30: offsets with minutes


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


@pytest.mark.parametrize("zone", [PARIS, KOLKATA, dt.UTC])
def test_a_second_before_a_change_at_an_odd_minute(zone: dt.tzinfo) -> None:
    pantin = examples.pantin()
    before = paris(2025, 5, 5, 8, 29, 59).astimezone(zone)  # Monday, opens 08:30
    assert pantin.next_change(before) == paris(2025, 5, 5, 8, 30)
    assert pantin.next_opening(before) == paris(2025, 5, 5, 8, 30)
    assert pantin.status(before).next_change == paris(2025, 5, 5, 8, 30)
    lunch = paris(2025, 5, 5, 11, 59, 59).astimezone(zone)  # last admission 12:00
    assert pantin.next_change(lunch) == paris(2025, 5, 5, 12, 0)
    assert pantin.next_closing(lunch) == paris(2025, 5, 5, 12, 30)
    assert pantin.can_be_served(lunch) and not pantin.can_be_served(lunch + dt.timedelta(seconds=1))


def test_the_horizon_bounds_every_search() -> None:
    pantin = examples.pantin()
    friday_evening = paris(2025, 5, 9, 18, 0)  # next opening: Saturday 09:00 (etat-civil)
    short = dt.timedelta(hours=2)
    assert pantin.next_change(friday_evening, horizon=short) is None
    assert pantin.next_opening(friday_evening, horizon=short) is None
    assert pantin.next_opening(friday_evening, horizon=dt.timedelta(days=1)) == paris(
        2025, 5, 10, 9, 0
    )
    status = pantin.status(friday_evening, horizon=short)
    assert status.next_change is None and status.next_opening is None
    assert pantin.status(friday_evening).next_opening == paris(2025, 5, 10, 9, 0)
    morning = paris(2025, 5, 5, 9, 0)
    assert pantin.next_closing(morning, horizon=dt.timedelta(hours=1)) is None
    assert pantin.next_closing(morning, horizon=dt.timedelta(hours=4)) == paris(2025, 5, 5, 12, 30)
    fraction = dt.timedelta(hours=3, minutes=30, microseconds=1)  # just past 12:30
    assert pantin.next_closing(morning, horizon=fraction) == paris(2025, 5, 5, 12, 30)
    assert pantin.next_closing(morning, horizon=fraction - dt.timedelta(microseconds=2)) is None


def test_admission_windows_carry_their_end_and_label() -> None:
    place = horaires.load(
        {
            "name": "Mairie",
            "hours": {"mon": ["08:30-12:30"]},
            "admission": {"before_closing": 30},
            "exceptions": [
                {"date": "2025-05-12", "label": "Journée spéciale", "hours": ["09:00-11:00"]}
            ],
        }
    )
    windows = list(place.admission_windows(paris(2025, 5, 5), paris(2025, 5, 13)))
    assert [(w.start, w.end, w.last_admission, w.label) for w in windows] == [
        (paris(2025, 5, 5, 8, 30), paris(2025, 5, 5, 12, 0), paris(2025, 5, 5, 12, 0), None),
        (
            paris(2025, 5, 12, 9, 0),
            paris(2025, 5, 12, 10, 30),
            paris(2025, 5, 12, 10, 30),
            "Journée spéciale",
        ),
    ]
    clipped = list(place.intervals(paris(2025, 5, 5, 9, 0), paris(2025, 5, 5, 12, 30)))
    assert [(i.start, i.end, i.last_admission) for i in clipped] == [
        (paris(2025, 5, 5, 9, 0), paris(2025, 5, 5, 12, 30), paris(2025, 5, 5, 12, 0))
    ]
    assert list(place.intervals(paris(2025, 5, 5, 12, 30), paris(2025, 5, 5, 13, 0))) == []


def test_the_whole_day_joins_touching_slots_and_keeps_the_date() -> None:
    place = horaires.load(
        {
            "name": "Mairie",
            "hours": {"mon": ["08:00-12:00"]},
            "services": {
                "a": {"hours": {"mon": ["12:00-14:00"]}},
                "b": {"hours": {"mon": ["10:00-11:00"]}},
            },
            "exceptions": [{"date": "2025-05-13", "hours": "unknown"}],
        }
    )
    monday = place.day(dt.date(2025, 5, 5))
    assert monday.date == dt.date(2025, 5, 5)
    assert [str(s) for s in monday.slots] == ["08:00-14:00"]
    assert not monday.unknown
    assert place.day(dt.date(2025, 5, 13)).unknown
    assert place.day(dt.date(2025, 5, 13)).rule == "exception"


def test_an_unknown_day_is_unknown_until_midnight() -> None:
    place = horaires.load({"name": "M", "exceptions": [{"date": "2025-05-13", "hours": "unknown"}]})
    assert place.schedule().is_unknown(paris(2025, 5, 13, 23, 59, 59))
    assert not place.schedule().is_unknown(paris(2025, 5, 14, 0, 0))
    assert place.next_change(paris(2025, 5, 13, 12)) == paris(2025, 5, 14)


def test_whole_schedules_compare_by_content() -> None:
    one, two = examples.pantin(), horaires.load(horaires.dump(examples.pantin()))
    assert one.schedule() == two.schedule() and hash(one.schedule()) == hash(two.schedule())
    other = examples.load_example("townhall")
    assert one.schedule() != other.schedule()
    assert one.schedule() != one.schedule("etat-civil")
    assert pickle.loads(pickle.dumps(one.schedule())) == one.schedule()
    changed = horaires.load({**horaires.dump(examples.pantin()), "name": "Autre"})
    assert changed.schedule() != one.schedule()


def test_times_and_labels() -> None:
    assert parse_time("08:59") == 539
    with pytest.raises(ValueError, match="not a time between"):
        parse_time("08:60")
    with pytest.raises(ValueError, match=r"'8h' is not a time: expected HH:MM"):
        parse_time("8h")
    assert default_label("closed", "de") == "Außerordentliche Schließung"  # the catalogs
    assert default_label("season", "fr_CA") == "Horaires saisonniers"


def test_supported_years_and_naive_instants() -> None:
    pantin = horaires.load({"name": "M", "hours": {"mon": ["08:00-12:00"]}})
    assert pantin.is_open(dt.datetime(2, 1, 1, tzinfo=dt.UTC)) is False  # the first instant
    with pytest.raises(HorairesError, match="outside the supported years"):
        pantin.is_open(dt.datetime(1, 12, 31, 23, 59, 59, tzinfo=dt.UTC))
    with pytest.raises(
        NaiveDatetimeError, match=r"datetime\.datetime\(2025, 5, 5, 10, 0\) has no time zone"
    ):
        pantin.is_open(dt.datetime(2025, 5, 5, 10, 0))
    with pytest.raises(HorairesError, match="outside the supported years"):
        pantin.status(dt.datetime(1, 6, 1, tzinfo=dt.UTC))


def test_conflicting_seasons_and_recurrences_are_found_at_load() -> None:
    with pytest.raises(horaires.ConfigError, match=r"seasons\[2\]: covers .* like seasons\[0\]"):
        horaires.load(
            {
                "name": "M",
                "seasons": [
                    {"start": "07-01", "end": "07-31", "hours": {"mon": []}},
                    {"start": "01-01", "end": "01-10", "hours": {"mon": []}},
                    {"start": "07-01", "end": "07-31", "hours": {"mon": ["09:00-10:00"]}},
                ],
            }
        )
    with pytest.raises(horaires.ConfigError, match=r"exceptions\[1\]: covers 2020-06-01"):
        horaires.load(
            {  # unbounded, with the same span, years apart: found where both apply
                "name": "M",
                "exceptions": [
                    {
                        "rrule": "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1",
                        "start": "2000-01-01",
                        "hours": "closed",
                    },
                    {
                        "rrule": "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1",
                        "start": "2020-01-01",
                        "hours": "closed",
                    },
                ],
            }
        )
