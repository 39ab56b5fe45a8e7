"""Compiled schedules: merging, cutoffs, horizons, year ends, the whole establishment, pickling."""

from __future__ import annotations

import copy
import pickle
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from horaires import Establishment, examples, load

PARIS = ZoneInfo("Europe/Paris")
ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def place(**config: Any) -> Establishment:
    return load({"name": "Place", **config})


def test_touching_slots_across_midnight_have_one_closing() -> None:
    # docs/admission.md: a 20:00-24:00 + 00:00-08:00 night has one closing, at 08:00
    night = place(
        hours={"mon": ["20:00-24:00"], "tue": ["00:00-08:00"]}, admission={"before_closing": 30}
    )
    assert night.can_be_served(at("2025-05-05T23:59"))
    assert night.can_be_served(at("2025-05-06T00:00"))
    status = night.status(at("2025-05-05T21:00"))
    assert status.closes_at == at("2025-05-06T08:00")
    assert status.last_admission_at == at("2025-05-06T07:30")
    assert status.next_change == at("2025-05-06T07:30")
    [interval] = night.intervals(at("2025-05-05T00:00"), at("2025-05-07T00:00"))
    assert (interval.start, interval.end) == (at("2025-05-05T20:00"), at("2025-05-06T08:00"))


def test_a_night_that_closes_the_day_keeps_its_cutoff_the_next_morning() -> None:
    # docs/admission.md (end_of_day): Thursday's last slot runs into Friday 08:00, so the
    # cutoff applies there, though Friday's own last closing is at midnight; every answer
    # says so, whichever day is compiled first
    config = {
        "hours": {"thu": ["20:00-24:00"], "fri": ["00:00-08:00", "20:00-24:00"]},
        "admission": {"before_closing": "30min", "applies_to": "end_of_day"},
    }
    for first in ("2025-05-09T07:45", "2025-05-08T21:00", "2025-05-09T07:29"):
        night = place(**config)
        night.can_be_served(at(first))  # compiles that day first
        assert night.can_be_served(at("2025-05-09T07:29"))
        assert not night.can_be_served(at("2025-05-09T07:30"))
        assert night.is_open(at("2025-05-09T07:45"))
        assert night.status(at("2025-05-09T07:00")).last_admission_at == at("2025-05-09T07:30")
        morning = night.intervals(at("2025-05-09T06:00"), at("2025-05-09T12:00"))
        assert [i.last_admission for i in morning] == [at("2025-05-09T07:30")]


def test_touching_slots_in_a_day_merge() -> None:
    shop = place(hours={"mon": ["09:00-12:00", "12:00-14:00"]}, admission={"before_closing": 30})
    assert shop.can_be_served(at("2025-05-05T11:45"))  # no cutoff at 12:00: it is not a closing
    assert shop.status(at("2025-05-05T10:00")).last_admission_at == at("2025-05-05T13:30")


def test_cutoff_longer_than_the_slot_admits_nobody() -> None:
    shop = place(hours={"mon": ["09:00-09:20", "10:00-12:00"]}, admission={"before_closing": 30})
    assert shop.is_open(at("2025-05-05T09:10")) and not shop.can_be_served(at("2025-05-05T09:10"))
    assert shop.status(at("2025-05-05T09:10")).last_admission_at == at("2025-05-05T09:00")


def test_explicit_last_admission_overrides_the_duration() -> None:
    museum = place(
        hours={
            "sat": [{"opens": "10:00", "closes": "18:00", "last_admission": "16:45"}],
            "sun": ["10:00-18:00"],
        },
        admission={"before_closing": "1h"},
    )
    assert museum.can_be_served(at("2025-05-10T16:44"))
    assert not museum.can_be_served(at("2025-05-10T16:45"))
    assert museum.can_be_served(at("2025-05-11T16:59"))
    assert not museum.can_be_served(at("2025-05-11T17:00"))


def test_always_open_never_changes_within_the_horizon() -> None:
    always = place(
        hours={day: ["00:00-24:00"] for day in ALL_DAYS}, admission={"before_closing": 30}
    )
    status = always.status(at("2025-05-05T12:00"))
    assert (status.open, status.accepting) == (True, True)
    assert status.closes_at is None and status.next_change is None and status.next_opening is None
    assert always.next_closing(at("2025-12-31T23:59")) is None
    [interval] = always.intervals(at("2025-12-30T00:00"), at("2026-01-02T00:00"))
    assert (interval.start, interval.end) == (at("2025-12-30T00:00"), at("2026-01-02T00:00"))


def test_always_open_but_one_day_closes_that_day() -> None:
    always = place(
        hours={day: ["00:00-24:00"] for day in ALL_DAYS},
        exceptions=[{"date": "2026-03-02", "hours": "closed"}],
    )
    assert always.next_closing(at("2025-05-05T12:00")) == at("2026-03-02T00:00")
    assert always.next_opening(at("2025-05-05T12:00")) == at("2026-03-03T00:00")


def test_never_open_returns_none() -> None:
    never = place()
    assert never.next_opening(at("2025-05-05T12:00")) is None
    assert never.next_change(at("2025-05-05T12:00")) is None
    assert list(never.intervals(at("2025-01-01T00:00"), at("2026-01-01T00:00"))) == []


def test_horizon_reaches_past_the_last_dated_rule() -> None:
    rare = place(
        exceptions=[{"date": "2030-06-03", "hours": ["10:00-12:00"], "label": "Portes ouvertes"}]
    )
    assert rare.next_opening(at("2025-05-05T12:00")) == at("2030-06-03T10:00")
    assert rare.next_opening(at("2030-06-03T12:00")) is None
    assert rare.next_opening(at("2025-05-05T12:00"), horizon=timedelta(days=0)) == at(
        "2030-06-03T10:00"
    )
    weekly_only = place(exceptions=[], hours={"mon": ["10:00-11:00"]})
    assert weekly_only.next_opening(at("2025-05-06T12:00"), horizon=timedelta(days=3)) is None
    assert weekly_only.next_opening(at("2025-05-06T12:00"), horizon=timedelta(days=7)) == at(
        "2025-05-12T10:00"
    )


def test_across_the_year_end() -> None:
    pharmacy = examples.load_example("pharmacy")
    assert pharmacy.next_closing(at("2025-12-31T23:00")) == at("2026-01-01T08:00")
    assert pharmacy.is_open(at("2026-01-01T07:59")) and not pharmacy.is_open(at("2026-01-01T08:00"))
    [interval] = pharmacy.intervals(at("2025-12-31T12:00"), at("2026-01-01T12:00"))
    assert (interval.start, interval.end) == (at("2025-12-31T20:00"), at("2026-01-01T08:00"))
    assert pharmacy.next_opening(at("2025-12-24T09:00")) == at("2025-12-24T18:00")
    assert pharmacy.status(at("2025-12-24T19:00")).reason == "Réveillon de Noël"


def test_intervals_are_clipped_and_additive() -> None:
    pantin = examples.pantin()
    a, b, c = at("2025-05-05T00:00"), at("2025-05-05T10:00"), at("2025-05-06T00:00")
    whole = list(pantin.intervals(a, c))
    left, right = list(pantin.intervals(a, b)), list(pantin.intervals(b, c))
    assert left[-1].end == b and right[0].start == b
    assert left[-1].start == whole[0].start and right[0].end == whole[0].end
    assert right[0].last_admission == whole[0].last_admission == at("2025-05-05T12:00")
    assert list(pantin.intervals(c, a)) == []


def test_admission_windows_of_the_whole_establishment_may_have_gaps() -> None:
    hall = place(
        hours={"mon": ["08:00-12:00"]},
        admission={"before_closing": 30},
        services={"late": {"hours": {"mon": ["11:45-14:00"]}}},
    )
    windows = [
        (w.start.strftime("%H:%M"), w.end.strftime("%H:%M"))
        for w in hall.admission_windows(at("2025-05-05T00:00"), at("2025-05-06T00:00"))
    ]
    assert windows == [("08:00", "11:30"), ("11:45", "13:30")]
    [interval] = hall.intervals(at("2025-05-05T00:00"), at("2025-05-06T00:00"))
    assert (interval.start, interval.end, interval.last_admission) == (
        at("2025-05-05T08:00"),
        at("2025-05-05T14:00"),
        at("2025-05-05T13:30"),
    )
    assert not hall.can_be_served(at("2025-05-05T11:40"))
    assert hall.next_change(at("2025-05-05T11:40")) == at("2025-05-05T11:45")


def test_pickle_and_deepcopy_preserve_answers() -> None:
    pantin = examples.pantin()
    when = at("2025-05-10T10:00")
    pantin.status(when)  # fill the caches first
    for clone in (pickle.loads(pickle.dumps(pantin)), copy.deepcopy(pantin)):
        assert clone == pantin
        assert clone.status(when) == pantin.status(when)
    schedule = pantin.schedule("etat-civil")
    restored = pickle.loads(pickle.dumps(schedule))
    assert restored == schedule and hash(restored) == hash(schedule)
    assert restored.status(when) == schedule.status(when)
    whole = pickle.loads(pickle.dumps(pantin.schedule()))
    assert whole.status(when) == pantin.status(when)


def test_at_none_means_now() -> None:
    always = place(hours={day: ["00:00-24:00"] for day in ALL_DAYS})
    assert always.is_open()
    assert abs(always.status().at.timestamp() - datetime.now(PARIS).timestamp()) < 60


def test_day_of_the_whole_establishment_joins_services() -> None:
    hall = place(
        hours={"mon": ["08:00-12:00"]},
        services={"late": {"hours": {"mon": ["11:00-14:00", "16:00-17:00"]}}},
    )
    assert [s.span for s in hall.day(date(2025, 5, 5)).slots] == ["08:00-14:00", "16:00-17:00"]


def test_years_outside_the_supported_range() -> None:
    from horaires import HorairesError

    with pytest.raises(HorairesError, match="outside the supported years"):
        examples.pantin().is_open(datetime(1, 1, 2, tzinfo=PARIS))
    with pytest.raises(
        HorairesError, match=r"holidays of FR are known from 1803 to 2100, not in (8999|9000)"
    ):
        examples.pantin().is_open(datetime(9000, 1, 1, 10, tzinfo=PARIS))
    no_holidays = place(hours={"mon": ["10:00-11:00"]})
    late = datetime(9997, 12, 31, 23, 0, tzinfo=ZoneInfo("UTC"))
    assert not no_holidays.is_open(late) and no_holidays.next_opening(late) is None
    with pytest.raises(HorairesError, match="outside the supported years 2-9997"):
        no_holidays.is_open(datetime(9998, 1, 1, 0, 0, tzinfo=ZoneInfo("UTC")))
    assert no_holidays.is_open(datetime(9000, 1, 6, 10, 30, tzinfo=PARIS))  # a Monday


def test_an_explicit_last_admission_of_a_slot_past_the_next_midnight() -> None:
    """A Tuesday slot to 25:30 with its last admission at its opening admits nobody, also on
    Wednesday at 01:00 (the day compiled then ends before the slot closes)."""
    place = load(
        {
            "name": "Mairie",
            "hours": {"tue": [{"opens": "00:00", "closes": "25:30", "last_admission": "00:00"}]},
            "services": {"etat-civil": {}},
        }
    )
    wednesday = at("2025-01-01T01:00")
    for service in (None, "etat-civil"):
        assert place.is_open(wednesday, service=service)
        assert not place.can_be_served(wednesday, service=service)
        [interval] = place.intervals(wednesday, wednesday + timedelta(seconds=1), service=service)
        assert interval.last_admission == at("2024-12-31T00:00")
    later = load(
        {
            "name": "Mairie",
            "hours": {"tue": [{"opens": "00:00", "closes": "25:30", "last_admission": "25:00"}]},
        }
    )
    assert later.can_be_served(at("2025-01-01T00:59")) and not later.can_be_served(wednesday)


def test_a_change_at_midnight_utc_between_two_compiled_days() -> None:
    """In UTC a Monday slot to 24:00 closes where the Tuesday block starts, a date that
    block does not compile: the walk still finds the closing."""
    from horaires import osm

    utc = ZoneInfo("UTC")
    monday = osm.parse("Mo 00:00-24:00", timezone="UTC")
    assert monday.is_open(datetime(2025, 5, 5, 12, tzinfo=utc))  # compiles Monday alone
    one = datetime(2025, 5, 5, 1, tzinfo=utc)
    assert monday.next_change(one) == monday.next_closing(one) == datetime(2025, 5, 6, tzinfo=utc)
