"""The syntax side: the grammar horaires reads beyond opening_hours.js (docs/osm.md, "The
grammar"), the canonical text of what it reads, and the parse mode."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from horaires import osm
from horaires.osm import OSMSyntaxError, ParseMode, UnsupportedSyntax, parse, parse_value, write
from horaires.osm._ast import DatePoint, DateSpan, MonthRange, YearRange

PARIS = ZoneInfo("Europe/Paris")


def _open(value: str, *days: str, tolerant: bool = False) -> list[bool]:
    """Whether ``value`` is open at 10:30 on each of ``days``."""
    schedule = parse(value, tolerant=tolerant)
    return [
        schedule.is_open(dt.datetime.fromisoformat(f"{day}T10:30").replace(tzinfo=PARIS))
        for day in days
    ]


def test_a_year_before_a_month() -> None:
    tree = parse_value("2026 Apr 10:00-12:00")
    assert tree.rules[0].years == (YearRange(2026),)
    assert write(tree) == "2026 Apr 10:00-12:00"
    assert _open("2026 Apr 10:00-12:00", "2026-04-15", "2026-05-01", "2025-04-15") == [
        True,
        False,
        False,
    ]


def test_years_in_a_list_of_months() -> None:
    tree = parse_value("2026 Apr,Jun,2027 Nov-Feb")
    assert tree.rules[0].months == (
        DateSpan(DatePoint("date", 2026, 4, 1), DatePoint("date", 2026, 4, 30)),
        DateSpan(DatePoint("date", 2026, 6, 1), DatePoint("date", 2026, 6, 30)),
        DateSpan(DatePoint("date", 2027, 1, 1), DatePoint("date", 2027, 2, 28)),
        DateSpan(DatePoint("date", 2027, 11, 1), DatePoint("date", 2027, 12, 31)),
    )
    assert write(parse_value(write(tree))) == write(tree)
    days = ("2026-04-10", "2026-06-10", "2027-06-10", "2027-02-26", "2027-11-30", "2026-11-30")
    assert _open("2026 Apr,Jun,2027 Nov-Feb 10:00-12:00", *days) == [
        True,
        True,
        False,
        True,
        True,
        False,
    ]
    # one year for the whole list: the year and the months, as opening_hours.js reads it
    assert parse_value("2025 Nov-Feb").rules[0].months == (MonthRange(11, 2),)
    assert _open("2025 Nov-Feb 10:00-12:00", "2025-01-10", "2025-11-10", "2026-01-10") == [
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("value", "column", "words"),
    [
        ("2026-2026", 0, "a year range from a year to itself: write 2026"),
        ("2026 Jul 20-Aug 02 10:00-12:00", 12, "a year on one end of a date span only"),
        ("Jan 05-2026 Feb 03", 7, "a year on one end of a date span only"),
        ("PH +2 days", 4, "PH can be moved by at most 1 day"),
    ],
)
def test_forms_opening_hours_js_refuses_need_tolerance(value: str, column: int, words: str) -> None:
    with pytest.raises(OSMSyntaxError) as caught:
        parse_value(value)
    assert caught.value.column == column
    assert words in str(caught.value)
    parse(value, tolerant=True)


def test_a_year_on_one_end_is_the_other_ends_year() -> None:
    assert osm.normalize("2026 Jul 20-Aug 02") == "2026 Jul 20-2026 Aug 02"
    assert osm.normalize("2025 Dec 20-Jan 05") == "2025 Dec 20-2026 Jan 05"
    assert osm.normalize("Dec 20-2026 Jan 05") == "2025 Dec 20-2026 Jan 05"
    days = ("2026-01-02", "2025-01-02", "2027-01-02")
    assert _open("2025 Dec 20-Jan 05 10:00-12:00", *days, tolerant=True) == [True, False, False]


def test_ph_moved_by_more_days_when_tolerant() -> None:
    schedule = parse("PH +2 days 10:00-12:00", tolerant=True)  # 1 May 2025 is a Thursday
    assert schedule.is_open(dt.datetime(2025, 5, 3, 10, 30, tzinfo=PARIS))
    assert not schedule.is_open(dt.datetime(2025, 5, 2, 10, 30, tzinfo=PARIS))


@pytest.mark.parametrize(
    ("value", "column", "construct"),
    [
        ("Dec 25 +1 day", 7, "a date moved by days"),
        ("Sep 01 +Mo 10:00-12:00", 7, "a date moved to a weekday"),
        ("Jun 24-Sep 01 -Su", 14, "a date moved to a weekday"),
        ("Dec 25+", 6, "a date with an open end"),
    ],
)
def test_date_offsets_are_named_unsupported(value: str, column: int, construct: str) -> None:
    for tolerant in (False, True):
        with pytest.raises(UnsupportedSyntax) as caught:
            parse(value, tolerant=tolerant)
        assert caught.value.column == column
        assert caught.value.construct.startswith(construct)


def test_a_time_with_spaces_and_a_colon_for_readability() -> None:
    assert write(parse_value("Mo 18: 00-20 :00")) == "Mo 18:00-20:00"
    assert write(parse_value("Dec 24,Jan 02: 18:00-22:00", ParseMode.BOTH)) == (
        "Dec 24,Jan 02 18:00-22:00"
    )
    assert write(parse_value("week 01,03:10:00-12:00")) == "week 01,03 10:00-12:00"


def test_the_parse_mode_is_an_enum() -> None:
    assert parse_value("Mo 12:00", ParseMode.POINTS).mode is ParseMode.POINTS
    assert parse_value("Mo 12:00", 1).mode is ParseMode.POINTS  # its value is the number
    assert parse("Mo 12:00", mode="points").source.value.mode is ParseMode.POINTS  # type: ignore[attr-defined]


def test_the_formatter_is_the_syntax_sides() -> None:
    from horaires.osm import _format, _writer

    assert osm.write is _format.write
    assert not hasattr(_writer, "write") or _writer.write is _format.write
