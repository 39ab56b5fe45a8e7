"""Hand-checked OpenStreetMap values: every supported construct, with its intervals.

Dates are in Europe/Paris. May 2025 starts on a Thursday; 1 and 8 May (Thursdays) and
29 May (Ascension) are French public holidays; Easter 2025 is 20 April.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from horaires.osm import parse

PARIS = ZoneInfo("Europe/Paris")


def spans(value: str, first: str, days: int, **options: object) -> list[str]:
    """The intervals of ``value`` from ``first`` for ``days`` days, as ``MM-DD HH:MM-MM-DD HH:MM``
    (``?`` marks unknown)."""
    start = datetime.fromisoformat(first).replace(tzinfo=PARIS)
    schedule = parse(value, **options)  # type: ignore[arg-type]
    out = []
    for iv in schedule.intervals(start, start + timedelta(days=days)):
        assert iv.end is not None
        out.append(f"{iv.start:%m-%d %H:%M}-{iv.end:%m-%d %H:%M}{'?' if iv.unknown else ''}")
    return out


CASES = [
    # plain weekdays, ranges, wrapping ranges, holidays
    (
        "Mo-Fr 08:30-12:30; PH off",
        "2025-05-05",
        7,
        [
            "05-05 08:30-05-05 12:30",
            "05-06 08:30-05-06 12:30",
            "05-07 08:30-05-07 12:30",
            "05-09 08:30-05-09 12:30",
        ],
    ),
    (
        "Mo,Tu,We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off",
        "2025-05-07",
        3,
        [
            "05-07 08:30-05-07 12:30",
            "05-07 13:30-05-07 17:30",
            "05-09 08:30-05-09 12:30",
            "05-09 13:30-05-09 17:30",
        ],
    ),
    ("24/7", "2025-05-05", 2, ["05-05 00:00-05-07 00:00"]),
    (
        "Fr-Mo 10:00-12:00",
        "2025-05-05",
        7,
        [
            "05-05 10:00-05-05 12:00",
            "05-09 10:00-05-09 12:00",
            "05-10 10:00-05-10 12:00",
            "05-11 10:00-05-11 12:00",
        ],
    ),
    # past midnight
    (
        "22:00-02:00",
        "2025-05-05",
        2,
        ["05-05 00:00-05-05 02:00", "05-05 22:00-05-06 02:00", "05-06 22:00-05-07 00:00"],
    ),
    ("Mo 09:00-26:00", "2025-05-05", 7, ["05-05 09:00-05-06 02:00"]),
    ("We 22:00-22:00", "2025-05-07", 2, ["05-07 22:00-05-08 22:00"]),
    # rule separators: normal rules replace a day, additional ones add, off cuts
    ("Mo-Fr 10:00-20:00; We 10:00-16:00", "2025-05-07", 1, ["05-07 10:00-05-07 16:00"]),
    ("Mo-Fr 10:00-16:00, We 12:00-18:00", "2025-05-07", 1, ["05-07 10:00-05-07 18:00"]),
    (
        "Mo-Fr 10:00-20:00; We 12:00-14:00 off",
        "2025-05-07",
        1,
        ["05-07 10:00-05-07 12:00", "05-07 14:00-05-07 20:00"],
    ),
    ("open; Tu off", "2025-05-05", 3, ["05-05 00:00-05-06 00:00", "05-07 00:00-05-08 00:00"]),
    ("10:00-12:00,12:00-14:00", "2025-05-05", 1, ["05-05 10:00-05-05 14:00"]),
    ("22:00-02:00; Tu 12:00-14:00", "2025-05-06", 1, ["05-06 12:00-05-06 14:00"]),
    # nth weekdays and day offsets
    ("Sa[1] 09:00-12:00", "2025-05-01", 31, ["05-03 09:00-05-03 12:00"]),
    ("Th[-1] 18:00-20:00", "2025-05-01", 31, ["05-29 18:00-05-29 20:00"]),
    (
        "We[2,4] 14:00-15:00",
        "2025-05-01",
        31,
        ["05-14 14:00-05-14 15:00", "05-28 14:00-05-28 15:00"],
    ),
    ("Sa[-1] +1 day 10:00-11:00", "2025-05-01", 38, ["06-01 10:00-06-01 11:00"]),
    # months, month days, years
    ("Dec 24 09:00-12:00; Dec 25 off", "2025-12-23", 4, ["12-24 09:00-12-24 12:00"]),
    (
        "Jul 15-Aug 22 10:00-18:00",
        "2025-07-14",
        3,
        ["07-15 10:00-07-15 18:00", "07-16 10:00-07-16 18:00"],
    ),
    (
        "Jul 15-Aug 22 10:00-18:00",
        "2025-08-21",
        3,
        ["08-21 10:00-08-21 18:00", "08-22 10:00-08-22 18:00"],
    ),
    (
        "2025 Dec 31-2026 Jan 02 10:00-11:00",
        "2025-12-30",
        5,
        ["12-31 10:00-12-31 11:00", "01-01 10:00-01-01 11:00", "01-02 10:00-01-02 11:00"],
    ),
    ("2026+ Mo 10:00-11:00", "2025-12-29", 8, ["01-05 10:00-01-05 11:00"]),
    (
        "Nov-Feb 10:00-11:00",
        "2025-02-27",
        3,
        ["02-27 10:00-02-27 11:00", "02-28 10:00-02-28 11:00"],
    ),
    (
        "Jan 01-31/8 10:00-11:00",
        "2025-01-01",
        31,
        [
            "01-01 10:00-01-01 11:00",
            "01-09 10:00-01-09 11:00",
            "01-17 10:00-01-17 11:00",
            "01-25 10:00-01-25 11:00",
        ],
    ),
    ("2020-2030/5 Jan 01 10:00-11:00", "2025-01-01", 366, ["01-01 10:00-01-01 11:00"]),
    # easter, weeks, public holidays with offsets
    (
        "easter 10:00-12:00; easter +1 day 14:00-15:00",
        "2025-04-19",
        3,
        ["04-20 10:00-04-20 12:00", "04-21 14:00-04-21 15:00"],
    ),
    (
        "week 02-52/2 Mo 08:00-09:00",
        "2025-01-01",
        40,
        ["01-06 08:00-01-06 09:00", "01-20 08:00-01-20 09:00", "02-03 08:00-02-03 09:00"],
    ),
    (
        "PH -1 day 09:00-12:00",
        "2025-04-28",
        14,
        ["04-30 09:00-04-30 12:00", "05-07 09:00-05-07 12:00"],
    ),
    (
        "PH +1 day 14:00-15:00",
        "2025-04-28",
        14,
        ["05-02 14:00-05-02 15:00", "05-09 14:00-05-09 15:00"],
    ),
    ("Mo-Su 10:00-11:00; PH 14:00-15:00", "2025-05-08", 1, ["05-08 14:00-05-08 15:00"]),
    # unknown, comments, fallback, open ends
    ('Su 10:00-12:00 unknown "call"', "2025-05-11", 1, ["05-11 10:00-05-11 12:00?"]),
    ('Mo 09:00-12:00 "by appointment"', "2025-05-05", 1, ["05-05 09:00-05-05 12:00?"]),
    ('Mo 09:00-12:00 open "walk in"', "2025-05-05", 1, ["05-05 09:00-05-05 12:00"]),
    (
        'Mo-Fr 08:00-12:00 || "call"',
        "2025-05-05",
        1,
        ["05-05 00:00-05-05 08:00?", "05-05 08:00-05-05 12:00", "05-05 12:00-05-06 00:00?"],
    ),
    ("18:00+", "2025-05-05", 1, ["05-05 00:00-05-05 04:00?", "05-05 18:00-05-06 00:00?"]),
    ("Mo 10:00+", "2025-05-05", 1, ["05-05 10:00-05-06 00:00?"]),
    ("Mo 12:00-17:00+", "2025-05-05", 2, ["05-05 12:00-05-05 17:00", "05-05 17:00-05-06 03:00?"]),
    # a daylight-saving change: 02:00 does not exist on 30 March 2025 in Paris
    ("Su 01:00-04:00", "2025-03-30", 1, ["03-30 01:00-03-30 04:00"]),
]


@pytest.mark.parametrize(("value", "first", "days", "expected"), CASES)
def test_hand_checked_intervals(value: str, first: str, days: int, expected: list[str]) -> None:
    assert spans(value, first, days) == expected


def test_points_in_time() -> None:
    assert spans("Mo 12:00,15:00", "2025-05-05", 1, mode="points") == [
        "05-05 12:00-05-05 12:01",
        "05-05 15:00-05-05 15:01",
    ]
    assert spans("Mo 10:00-11:00/30", "2025-05-05", 1, mode="points") == [
        "05-05 10:00-05-05 10:01",
        "05-05 10:30-05-05 10:31",
        "05-05 11:00-05-05 11:01",
    ]


def test_the_dst_interval_lasts_two_hours() -> None:
    iv = next(
        parse("Su 01:00-04:00").intervals(
            datetime(2025, 3, 30, tzinfo=PARIS), datetime(2025, 3, 31, tzinfo=PARIS)
        )
    )
    assert iv.end is not None and iv.end.timestamp() - iv.start.timestamp() == 2 * 3600


def test_every_query_of_the_engine() -> None:
    mairie = parse("Mo-Fr 08:30-12:30,13:30-17:30; Sa 09:00-12:00; PH off")
    monday = datetime(2025, 5, 5, 12, 45, tzinfo=PARIS)
    assert not mairie.is_open(monday)
    assert mairie.next_opening(monday) == datetime(2025, 5, 5, 13, 30, tzinfo=PARIS)
    assert mairie.next_change(monday) == datetime(2025, 5, 5, 13, 30, tzinfo=PARIS)
    assert mairie.next_closing(monday) == datetime(2025, 5, 5, 17, 30, tzinfo=PARIS)
    status = mairie.status(datetime(2025, 5, 8, 10, 0, tzinfo=PARIS))
    assert not status.open and status.reason == "Fête de la Victoire"
    assert mairie.day(date(2025, 5, 10)).slots[0].span == "09:00-12:00"
    assert mairie.can_be_served(datetime(2025, 5, 10, 11, 59, tzinfo=PARIS))


def test_unknown_state_and_labels() -> None:
    desk = parse('Mo-Fr 09:00-12:00; Su 10:00-12:00 unknown "call first"')
    sunday = datetime(2025, 5, 11, 11, 0, tzinfo=PARIS)
    assert desk.is_unknown(sunday) and not desk.is_open(sunday)
    assert desk.status(sunday).unknown
    assert desk.day(date(2025, 5, 11)).label == "call first"


def test_subdivision_holidays() -> None:
    moselle = parse("Mo-Fr 09:00-12:00; PH off", country="FR", subdivision="57")
    good_friday = datetime(2025, 4, 18, 10, 0, tzinfo=PARIS)
    assert not moselle.is_open(good_friday)
    assert parse("Mo-Fr 09:00-12:00; PH off").is_open(good_friday)


def test_schedules_are_hashable_and_picklable() -> None:
    a = parse("Mo-Fr 09:00-12:00; PH off")
    b = parse("Mo-Fr 09:00-12:00 ;  PH off")
    assert a == b and hash(a) == hash(b)
    copy = pickle.loads(pickle.dumps(a))
    assert copy == a
    assert copy.is_open(datetime(2025, 5, 5, 10, 0, tzinfo=PARIS))
