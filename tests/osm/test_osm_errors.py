"""Invalid values are rejected with the column and what was expected; unsupported
constructs are named; parsing is linear."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

import pytest

from horaires import HorairesError, osm
from horaires.osm import OSMSyntaxError, UnsupportedSyntax, parse

INVALID = [
    # (value, column of the caret (0-based), words of the message)
    ("Mo-Fx 10:00-12:00", 3, "unknown word 'Fx'"),
    ("Mo 10:00-12:60", 12, "minutes are greater than 59"),
    ("Mo 10-12", 3, "expected a time with minutes"),
    ("Mo 10:00", 8, "expected '-' and an end time"),
    ("We[0] 10:00-12:00", 3, "from -5 to 5"),
    ("We[6] 10:00-12:00", 3, "from -5 to 5"),
    ("Sa[1] +7 days", 7, "at most 6 days"),
    ("PH +2 days", 4, "at most 1 day"),
    ("Feb 30", 4, "Feb has no day 30"),
    ("Jan 31-15", 7, "day range is reversed"),
    ("week 00", 5, "numbered from 01"),
    ("week 02-54", 8, "numbered up to 53"),
    ("week 01-53/1", 11, "at least 2"),
    ("2025-2020", 0, "empty or reversed"),
    ("24:00-26:00", 0, "starts within the day"),
    ("Mo 10:00-49:00", 3, "at most at 48:00"),
    ('Mo 10:00-12:00 "open', 15, "unterminated comment"),
    ("|| Mo 10:00-12:00", 0, "needs a rule before it"),
    ("Mo, 10:00-12:00", 4, "expected a weekday or PH"),
    ("Mo 10:00-12:00 Fr: open, 10:00", 30, "expected '-' and an end time"),
    ("Mo 10:00-12:00 open ]", 20, "expected a selector"),
    ("mo-fr 10:00-12:00", 0, "write 'Mo'"),
    ("Mo 10.00-12.00", 5, "unexpected character '.'"),
    ("", 0, "empty value"),
    ("   ", 0, "empty value"),
]


@pytest.mark.parametrize(("value", "column", "words"), INVALID)
def test_invalid_values_quote_the_column(value: str, column: int, words: str) -> None:
    with pytest.raises(OSMSyntaxError) as caught:
        parse(value)
    error = caught.value
    assert isinstance(error, HorairesError)
    assert error.column == column, str(error)
    assert words in str(error)
    if value.strip():
        lines = str(error).splitlines()
        assert lines[1] == "  " + value
        assert lines[2] == "  " + " " * column + "^"


@pytest.mark.parametrize(
    ("value", "column", "construct"),
    [
        ("Mo sunrise-18:00", 3, "sunrise"),
        ("Mo 08:00-sunset", 9, "sunset"),
        ("(dawn+01:00)-dusk", 0, "(dawn+01:00) without a location"),
        ("SH off", 0, "SH"),
        ("Mo-Fr 09:00-12:00; SH Mo-Fr 10:00-11:00", 19, "SH"),
    ],
)
def test_unsupported_constructs_are_named(value: str, column: int, construct: str) -> None:
    with pytest.raises(UnsupportedSyntax) as caught:
        parse(value)
    assert caught.value.column == column
    assert caught.value.construct.startswith(construct)
    assert "not supported" in str(caught.value)


def test_public_holidays_need_a_country() -> None:
    with pytest.raises(UnsupportedSyntax, match="PH without a country"):
        parse("Mo-Fr 09:00-12:00; PH off", country=None)
    parse("Mo-Fr 09:00-12:00", country=None)  # no PH: no country needed


def test_bad_arguments() -> None:
    with pytest.raises(HorairesError, match="unknown country"):
        parse("Mo 10:00-12:00", country="XX")
    with pytest.raises(HorairesError, match="time zone"):
        parse("Mo 10:00-12:00", timezone="Mars/Olympus")
    with pytest.raises(HorairesError, match="mode"):
        parse("Mo 10:00-12:00", mode="sometimes")  # type: ignore[arg-type]
    with pytest.raises(OSMSyntaxError, match="mode 'points'"):
        parse("Mo 12:00")
    with pytest.raises(OSMSyntaxError, match="not a point in time"):
        parse("Mo 12:00-13:00", mode="points")


def _steps(value: str) -> int:
    """Python function calls made while parsing ``value``: a measure of work, not of time."""
    calls = 0
    osm.clear_cache()  # a value seen before costs nothing

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        with contextlib.suppress(OSMSyntaxError):
            parse(value)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "Mo-Fr 08:30-12:30,13:30-17:30; " * n,  # parsed
        lambda n: "Mo-Fr 08:30-12:30,13:30-17:30; " * n + "Mo 10:00-12:61",  # rejected at the end
        lambda n: "Mo," * (10 * n) + "x",  # rejected at the end
        lambda n: "(" * (30 * n),
        lambda n: "2026 Jan " * (3 * n),  # years and months, without commas
        lambda n: "2026 Jan," * (3 * n) + "2027 Feb",
    ],
    ids=[
        "parsed",
        "bad-time-at-the-end",
        "long-weekday-list",
        "parentheses",
        "years-and-months",
        "months-of-years",
    ],
)
def test_a_long_value_parses_in_linear_time(make: Callable[[int], str]) -> None:
    small, large = _steps(make(300)), _steps(make(3_000))  # about 10 KB and 100 KB
    assert large < 11 * small + 1_000  # ten times the text: at most about ten times the work
