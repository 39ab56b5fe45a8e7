"""Daylight-saving changes in Europe/Paris: a night schedule that closes in the spring gap
(2025-03-30, 02:00 -> 03:00) and in the autumn fold (2025-10-26, 03:00 -> 02:00)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from horaires import Establishment, RepeatedTime, SkippedTime, load

PARIS = ZoneInfo("Europe/Paris")


def night(disambiguate: str, closes: str = "02:30") -> Establishment:
    week = {day: [f"20:00-{closes}"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    return load(
        {
            "name": "Bar",
            "hours": week,
            "disambiguate": disambiguate,
            "admission": {"before_closing": 30},
        }
    )


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def same(a: datetime | None, b: datetime) -> bool:
    """The same instant (``==`` between zones is False for times in a DST fold, PEP 495)."""
    return a is not None and a.timestamp() == b.timestamp()


def hours(start: datetime, end: datetime | None) -> float:
    """Elapsed hours (subtracting datetimes of one zone gives wall-clock time)."""
    assert end is not None
    return (end.timestamp() - start.timestamp()) / 3600


# Saturday 29 March 20:00 CET = 19:00Z; 02:30 on Sunday 30 March does not exist.
SPRING_CLOSING = {
    "compatible": utc("2025-03-30T01:30"),  # moved forward by the gap: 03:30 CEST
    "later": utc("2025-03-30T01:30"),
    "earlier": utc("2025-03-30T00:30"),  # 01:30 CET
}
# Saturday 25 October 20:00 CEST = 18:00Z; 02:30 on Sunday 26 October occurs twice.
AUTUMN_CLOSING = {
    "compatible": utc("2025-10-26T00:30"),  # the earlier occurrence: 02:30 CEST
    "earlier": utc("2025-10-26T00:30"),
    "later": utc("2025-10-26T01:30"),  # 02:30 CET
}


@pytest.mark.parametrize("policy", sorted(SPRING_CLOSING))
def test_closing_in_the_spring_gap(policy: str) -> None:
    bar = night(policy)
    opened = utc("2025-03-29T19:00")
    closing = SPRING_CLOSING[policy]
    assert same(bar.next_closing(opened), closing)
    assert bar.is_open(closing - timedelta(seconds=1))
    assert not bar.is_open(closing)
    assert same(bar.status(opened).last_admission_at, closing - timedelta(minutes=30))
    assert bar.next_opening(opened) == utc("2025-03-30T18:00")  # 20:00 CEST


@pytest.mark.parametrize("policy", sorted(AUTUMN_CLOSING))
def test_closing_in_the_autumn_fold(policy: str) -> None:
    bar = night(policy)
    opened = utc("2025-10-25T18:00")
    closing = AUTUMN_CLOSING[policy]
    [interval] = bar.intervals(opened, utc("2025-10-26T12:00"))
    assert same(interval.start, opened) and same(interval.end, closing)
    assert same(interval.last_admission, closing - timedelta(minutes=30))
    assert bar.is_open(closing - timedelta(seconds=1)) and not bar.is_open(closing)
    assert bar.next_opening(opened) == utc("2025-10-26T19:00")  # 20:00 CET


def test_raise_policy_reports_skipped_and_repeated_times() -> None:
    def one_night(day: str, closes: str) -> Establishment:
        exception = {"date": day, "hours": [f"20:00-{closes}"]}
        return load({"name": "Bar", "disambiguate": "raise", "exceptions": [exception]})

    with pytest.raises(SkippedTime, match="2025-03-30 02:30 in Europe/Paris does not exist"):
        one_night("2025-03-29", "02:30").is_open(utc("2025-03-29T20:00"))
    with pytest.raises(RepeatedTime, match="2025-10-26 02:30 in Europe/Paris occurs twice"):
        one_night("2025-10-25", "02:30").is_open(utc("2025-10-25T20:00"))
    assert one_night("2025-03-29", "01:30").is_open(utc("2025-03-29T20:00"))  # 01:30 exists
    assert one_night("2025-10-25", "03:30").is_open(utc("2025-10-25T20:00"))  # once only


def test_night_length_follows_wall_clock() -> None:
    bar = night("compatible", "06:00")
    spring = bar.intervals(utc("2025-03-28T12:00"), utc("2025-03-31T12:00"))
    lengths = {i.start.date().isoformat(): hours(i.start, i.end) for i in spring}
    assert lengths == {"2025-03-28": 10, "2025-03-29": 9, "2025-03-30": 10}
    autumn = bar.intervals(utc("2025-10-25T12:00"), utc("2025-10-26T12:00"))
    assert [hours(i.start, i.end) for i in autumn] == [11]


def test_opening_in_the_gap_moves_forward() -> None:
    shop = load({"name": "Shop", "hours": {"sun": ["02:30-05:00"]}})
    assert shop.next_opening(utc("2025-03-29T12:00")) == datetime(2025, 3, 30, 3, 30, tzinfo=PARIS)


def test_new_york_zone() -> None:
    deli = load({"name": "Deli", "timezone": "America/New_York", "hours": {"sun": ["01:00-03:00"]}})
    # 2025-03-09: 02:00 -> 03:00 in New York; 03:00 is the gap's end, so the slot lasts 1 h
    [interval] = deli.intervals(utc("2025-03-09T00:00"), utc("2025-03-10T00:00"))
    assert hours(interval.start, interval.end) == 1
    assert interval.start.tzinfo == ZoneInfo("America/New_York")
    paris_view = datetime(2025, 3, 9, 7, 30, tzinfo=PARIS)  # 06:30Z = 01:30 EST
    assert deli.is_open(paris_view)


def test_closing_at_the_start_of_a_gap_outside_europe() -> None:
    # 2024-04-14 in Casablanca: 02:00 (+00) -> 03:00 (+01) after Ramadan. A Sunday slot
    # 00:00-02:00 closes at the gap's start, 02:00Z, and lasts two real hours.
    casablanca = ZoneInfo("Africa/Casablanca")
    desk = load(
        {"name": "Desk", "timezone": "Africa/Casablanca", "hours": {"sun": ["00:00-02:00"]}}
    )
    last_second = datetime(2024, 4, 14, 1, 59, 59, tzinfo=casablanca)
    assert desk.is_open(last_second)
    assert same(desk.next_change(last_second), utc("2024-04-14T02:00"))
    assert desk.next_change(last_second) == datetime(2024, 4, 14, 3, 0, tzinfo=casablanca)
    assert not desk.is_open(utc("2024-04-14T02:00"))
    [interval] = desk.intervals(utc("2024-04-13T12:00"), utc("2024-04-14T12:00"))
    assert hours(interval.start, interval.end) == 2


def test_slots_a_spring_gap_leaves_without_hours_are_reported() -> None:
    """docs/time.md: 02:00-03:00 and 02:30-03:00 lie in the gap of 2025-03-30 and have no
    hours; 02:00-02:59 resolves to 03:00-03:59 and keeps them; the services' own too."""
    from datetime import date

    from horaires._establishment import dropped_slots

    place = load(
        {
            "name": "Bar",
            "hours": {"sun": ["02:00-03:00", "10:00-12:00"]},
            "services": {
                "nuit": {"hours": {"sun": ["02:30-03:00"]}},
                "tot": {"hours": {"sun": ["02:00-02:59"]}},
            },
        }
    )
    assert dropped_slots(place, date(2025, 3, 1), 60) == [
        (None, date(2025, 3, 30), "02:00-03:00"),
        ("nuit", date(2025, 3, 30), "02:30-03:00"),
    ]
    assert dropped_slots(place, date(2025, 10, 1), 60) == []  # a fold drops nothing
    sunday = datetime(2025, 3, 30, tzinfo=PARIS)
    assert not place.is_open(sunday.replace(hour=3, minute=30), service="nuit")
    assert place.status(sunday.replace(hour=3, minute=30)).services_open == ("tot",)
    assert [
        (i.start, i.end) for i in place.intervals(sunday, sunday + timedelta(days=1), service="tot")
    ] == [(sunday.replace(hour=3), sunday.replace(hour=3, minute=59))]


def test_check_warns_of_a_slot_in_a_gap(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from horaires.cli import main

    config = Path(str(tmp_path)) / "bar.toml"
    config.write_text('name = "Bar"\n[hours]\nsun = ["02:00-03:00", "10:00-12:00"]\n')
    assert main(["check", str(config), "--today", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    assert "ok (Bar, 0 service(s)), 2 warning(s)" in out
    assert "warning: hours: 02:00-03:00 on 2026-03-29 lies in a daylight-saving gap" in out
