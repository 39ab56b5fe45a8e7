"""``osm.check``: likely mistakes in values that parse, the warning values, and the table of
codes in docs/osm.md. The meanings stated here were checked against opening_hours.js 3.15.0
when the cases were written."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from horaires import HorairesError, osm
from horaires.osm import OSMSyntaxError, OSMWarning, check
from horaires.osm._check import CODES, LIKELY_MISTAKES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "osm.md"

LIKELY = [
    # (value, [(column, code)], suggestion of the first warning)
    ("Mo-Fr 09:00-06:00", [(6, "end_before_start")], "Mo-Fr 09:00-18:00"),
    ("Mo-Fr 11:00-01:00", [(6, "end_before_start")], "Mo-Fr 11:00-13:00"),
    ("Mo-Fr 10:00-10:00", [(6, "same_start_end")], None),
    ("Mo-Fr 9:00-12:00", [(6, "one_digit_hour")], "Mo-Fr 09:00-12:00"),
    ("Mo-Fr: 8:30-12:00", [(7, "one_digit_hour")], "Mo-Fr 08:30-12:00"),
    (
        "Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00",
        [(0, "overridden_rule")],
        "Mo-Fr 08:00-12:00, Mo-Fr 14:00-18:00",
    ),
    ("10:00-12:00; 14:00-16:00", [(0, "overridden_rule")], "10:00-12:00 open, 14:00-16:00"),
    ("Sa 10:00-12:00; Mo-Su 08:00-18:00", [(0, "overridden_rule")], None),
    ("Su[1] off; Su 10:00-12:00", [(0, "overridden_rule")], "Su 10:00-12:00; Su[1] off"),
    ("PH off; Mo-Su 10:00-12:00", [(0, "overridden_rule")], "Mo-Su 10:00-12:00; PH off"),
    ("PH off; 10:00-12:00", [(0, "overridden_rule")], "10:00-12:00; PH off"),
    ("Mo-Fr", [(0, "no_time")], None),
]

FINE = [
    "Mo-Fr 08:00-12:00,14:00-18:00; PH off",
    "Mo-Fr 22:00-02:00",  # a night: the end is after midnight on purpose
    "Mo-Fr 10:00-12:00; We 14:00-18:00",
    "Mo-Fr 22:00-02:00; Mo-Fr 10:00-12:00",  # Saturday 00:00-02:00 is still the first rule's
    "Sa 10:00-00:00",  # midnight as the end
    "Mo-Fr 10:00-12:00; Sa 10:00-12:00",
    "PH off; Mo-Fr 10:00-12:00",  # the holidays on weekends stay closed
    "24/7; Dec 25 off",
    'Mo-Fr 10:00-12:00 || "sur rendez-vous"',
    "Jan off",
]


@pytest.mark.parametrize(("value", "found", "suggestion"), LIKELY)
def test_likely_mistakes(value: str, found: list[tuple[int, str]], suggestion: str | None) -> None:
    warnings = check(value)
    assert [(w.column, w.code) for w in warnings] == found
    assert warnings[0].suggestion == suggestion
    if suggestion is not None:
        assert check(suggestion) == ()  # the suggestion is a value without the mistake


@pytest.mark.parametrize("value", FINE)
def test_values_without_mistakes(value: str) -> None:
    assert check(value) == ()


def test_the_meaning_of_an_overridden_rule() -> None:
    # the warning is right: the first rule changes nothing (as in opening_hours.js)
    for value, without in [
        ("Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00", "Mo-Fr 14:00-18:00"),
        ("PH off; Mo-Su 10:00-12:00", "Mo-Su 10:00-12:00"),
        ("Su[1] off; Su 10:00-12:00", "Su 10:00-12:00"),
    ]:
        import datetime as dt
        from zoneinfo import ZoneInfo

        start = dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))
        end = start + dt.timedelta(days=14)
        assert list(osm.parse(value).intervals(start, end)) == list(
            osm.parse(without).intervals(start, end)
        )


def test_warnings_are_frozen_values_that_read_well() -> None:
    [warning] = check("Mo-Fr 8:00-12")[1:]
    assert isinstance(warning, OSMWarning)
    assert warning == OSMWarning(11, "hour_without_minutes", warning.message, "Mo-Fr 08:00-12:00")
    assert str(warning) == "write 12:00 for 12 at column 12"
    with pytest.raises(dataclasses.FrozenInstanceError):
        warning.column = 0  # type: ignore[misc]
    assert hash(warning) == hash(dataclasses.replace(warning))


def test_a_value_that_does_not_parse_even_tolerantly() -> None:
    with pytest.raises(OSMSyntaxError) as caught:
        check("Mo-Fr 10:00-12:00; Xy 10:00")
    assert caught.value.column == 19
    assert "unknown word 'Xy'" in str(caught.value)


def test_check_takes_the_mode() -> None:
    assert check("Mo 12:00", mode="points") == ()
    with pytest.raises(HorairesError, match="mode"):
        check("Mo 12:00", mode="sometimes")  # type: ignore[arg-type]
    with pytest.raises(OSMSyntaxError, match="mode 'points'"):
        check("Mo 12:00")


def test_every_code_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOCS.read_text(encoding="utf-8"), re.M))
    assert documented == set(CODES)
    assert set(LIKELY_MISTAKES) < set(CODES)
