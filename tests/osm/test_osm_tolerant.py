"""Tolerant reading (docs/osm.md): the mistakes opening_hours.js tolerates are accepted with
``tolerant=True``, corrected, and reported; strict reading still refuses them.

The corrected values and their meaning were checked against opening_hours.js 3.15.0 (its
prettified value and its intervals, with the country France) when these cases were written;
the tests carry the expected values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from horaires import osm
from horaires import strategies as hst
from horaires.osm import OSMSyntaxError, UnsupportedSyntax, normalize, parse
from horaires.osm._check import CODES, LIKELY_MISTAKES

PARIS = ZoneInfo("Europe/Paris")
WEEK = dt.timedelta(days=7)

TOLERATED = [
    # (value, its canonical form, [(column, code), ...] of what was corrected)
    ("Mo-Fr 8-12", "Mo-Fr 08:00-12:00", [(6, "hour_without_minutes"), (8, "hour_without_minutes")]),
    ("22-2", "22:00-02:00", [(0, "hour_without_minutes"), (3, "hour_without_minutes")]),
    ("0-24", "00:00-24:00", [(0, "hour_without_minutes"), (2, "hour_without_minutes")]),
    ("Mo-Fr 08.00-12.00", "Mo-Fr 08:00-12:00", [(6, "time_separator"), (12, "time_separator")]),
    ("Mo-Fr 8h-12h", "Mo-Fr 08:00-12:00", [(6, "time_separator"), (9, "time_separator")]),
    ("Mo-Fr 9.30-12.30", "Mo-Fr 09:30-12:30", [(6, "time_separator"), (11, "time_separator")]),
    ("Mo-Fr 10am-6pm", "Mo-Fr 10:00-18:00", [(6, "twelve_hour_clock"), (11, "twelve_hour_clock")]),
    ("Mo-Sa 12am-12pm", "Mo-Sa 00:00-12:00", [(6, "twelve_hour_clock"), (11, "twelve_hour_clock")]),
    (
        "Mo-Fr 12:00 a.m.-1:00 p.m.",
        "Mo-Fr 00:00-13:00",
        [(6, "twelve_hour_clock"), (17, "twelve_hour_clock")],
    ),
    (
        "Montag-Freitag 09:00-18:00",
        "Mo-Fr 09:00-18:00",
        [(0, "day_or_month_name"), (7, "day_or_month_name")],
    ),
    (
        "lundi-vendredi 09:00-12:00,14:00-18:00",
        "Mo-Fr 09:00-12:00,14:00-18:00",
        [(0, "day_or_month_name"), (6, "day_or_month_name")],
    ),
    (
        "lunes a viernes 09:00-14:00",
        "Mo-Fr 09:00-14:00",
        [(0, "day_or_month_name"), (6, "word"), (8, "day_or_month_name")],
    ),
    ("sonntags 10:00-12:00", "Su 10:00-12:00", [(0, "day_or_month_name")]),
    (
        "Lu-Ve 09:00-12:00",
        "Mo-Fr 09:00-12:00",
        [(0, "day_or_month_name"), (3, "day_or_month_name")],
    ),
    (
        "janvier-mars 10:00-12:00",
        "Jan-Mar 10:00-12:00",
        [(0, "day_or_month_name"), (8, "day_or_month_name")],
    ),
    (
        "mon., wed., fri. 10:00-12:00",
        "Mo,We,Fr 10:00-12:00",
        [
            (0, "day_or_month_name"),
            (3, "omitted"),
            (6, "day_or_month_name"),
            (9, "omitted"),
            (12, "day_or_month_name"),
            (15, "omitted"),
        ],
    ),
    ("Mo – Fr 09:00–18:00", "Mo-Fr 09:00-18:00", [(3, "character"), (13, "character")]),
    ("Mo-Fr 09:00 to 18:00", "Mo-Fr 09:00-18:00", [(12, "word")]),
    ("Mo-Fr 09:00 bis 18:00", "Mo-Fr 09:00-18:00", [(12, "word")]),
    ("Mo-Fr 09:00-18:00 Uhr", "Mo-Fr 09:00-18:00", [(18, "omitted")]),
    ("Mo,Th,weekend 10:00-12:00", "Mo,Th,Sa,Su 10:00-12:00", [(6, "word")]),
    ("Mo & We 10:00-12:00", "Mo,We 10:00-12:00", [(3, "character")]),
    ("Mo and We 10:00-12:00", "Mo,We 10:00-12:00", [(3, "word")]),
    ("Mo-Fr 09:00-12:00 and 14:00-18:00", "Mo-Fr 09:00-12:00,14:00-18:00", [(18, "word")]),
    ("daily 10:00-18:00", "Mo-Su 10:00-18:00", [(0, "word")]),
    ("täglich 10:00-18:00", "Mo-Su 10:00-18:00", [(0, "word")]),
    ("always", "24/7", [(0, "word")]),
    ("24x7", "24/7", [(0, "word")]),
    ("Mo-Fr 17:00-late", "Mo-Fr 17:00+", [(11, "word")]),
    ("Sa 17:00 bis open end", "Sa 17:00+", [(9, "word")]),
    ("mo-fr 10:00-12:00", "Mo-Fr 10:00-12:00", [(0, "letter_case"), (3, "letter_case")]),
    ("Mo-Fr 10:00-12:00; Sa Off", "Mo-Fr 10:00-12:00; Sa off", [(22, "letter_case")]),
    ("Mo geschl., Tu 14:00-18:00", "Mo off, Tu 14:00-18:00", [(3, "word"), (9, "omitted")]),
    (
        "Mo ⁰⁹:⁰⁰-¹²:⁰⁰",
        "Mo 09:00-12:00",
        [(3, "digits"), (6, "digits"), (9, "digits"), (12, "digits")],
    ),
    ("Mo 09°°-12:00", "Mo 09:00-12:00", [(5, "digits")]),
    (
        "Mo-Fr 10:00-12:00 “sur rendez-vous”",
        'Mo-Fr 10:00-12:00 "sur rendez-vous"',
        [(18, "character")],
    ),
    (
        "Mo-Fr 10:00-12:00 open sur rendez vous",
        'Mo-Fr 10:00-12:00 open "sur rendez-vous"',
        [(23, "word")],
    ),
    ("Dec 24.-26. off", "Dec 24-26 off", [(6, "omitted"), (10, "omitted")]),
    ("opening_hours=Mo-Fr 10:00-12:00", "Mo-Fr 10:00-12:00", [(0, "omitted")]),
    ("Öffnungszeiten: Mo-Fr 10:00-12:00", "Mo-Fr 10:00-12:00", [(0, "omitted")]),
    (
        "Mo-Fr 10:00-12:00; sonn- und feiertags geschlossen",
        "Mo-Fr 10:00-12:00; Su,PH off",
        [(19, "word"), (39, "word")],
    ),
    ("Sa 10:00-midnight", "Sa 10:00-00:00", [(9, "word")]),
    (
        "Mo–Fr 9–12, 14–18",
        "Mo-Fr 09:00-12:00,14:00-18:00",
        [
            (2, "character"),
            (6, "hour_without_minutes"),
            (7, "character"),
            (8, "hour_without_minutes"),
            (12, "hour_without_minutes"),
            (14, "character"),
            (15, "hour_without_minutes"),
        ],
    ),
    # in the grammar, refused by opening_hours.js
    ("2026-2026 Dec 24 off", "2026 Dec 24 off", [(0, "same_year")]),
    (
        "Mo-Fr 10:00-12:00; PH +2 days off",
        "Mo-Fr 10:00-12:00; PH +2 days off",
        [(23, "large_offset")],
    ),
    (
        "2026 Jul 20-Aug 02 10:00-12:00",
        "2026 Jul 20-2026 Aug 02 10:00-12:00",
        [(0, "year_on_one_end")],
    ),
    ("2025 Dec 20-Jan 05 off", "2025 Dec 20-2026 Jan 05 off", [(0, "year_on_one_end")]),
]


@pytest.mark.parametrize(("value", "canonical", "found"), TOLERATED)
def test_tolerated_values_are_corrected_and_reported(
    value: str, canonical: str, found: list[tuple[int, str]]
) -> None:
    assert normalize(value) == canonical
    warnings = osm.check(value)
    assert [(w.column, w.code) for w in warnings if w.code in _TOLERANCE] == found
    assert all(w.suggestion == canonical for w in warnings if w.code in _TOLERANCE)
    first = dt.datetime(2025, 12, 20, tzinfo=PARIS)  # holidays, weekdays, a new year
    strict = canonical not in BEYOND_STRICT
    assert _intervals(parse(value, tolerant=True), first, 3 * WEEK) == _intervals(
        parse(canonical, tolerant=not strict), first, 3 * WEEK
    )


@pytest.mark.parametrize(("value", "canonical", "found"), TOLERATED)
def test_strict_reading_refuses_them(value: str, canonical: str, found: object) -> None:
    with pytest.raises(OSMSyntaxError):
        parse(value)
    if canonical not in BEYOND_STRICT:
        parse(canonical)  # what they are corrected to is strict


BEYOND_STRICT = {"Mo-Fr 10:00-12:00; PH +2 days off"}
"""Canonical forms that only tolerant reading accepts: they have no strict form."""

_TOLERANCE = set(CODES) - LIKELY_MISTAKES


def test_the_opening_hours_js_reading_of_an_ambiguous_abbreviation() -> None:
    # 'pn' is Monday in Polish (poniedziałek) and Friday in Lithuanian (penktadienis)
    assert normalize("pn 10:00-12:00", country="PL") == "Mo 10:00-12:00"
    assert normalize("pn. 10:00-12:00", country="LT") == "Fr 10:00-12:00"
    [name, dot] = osm.check("pn. 10:00-12:00", country="LT")
    assert (name.code, dot.code) == ("ambiguous_name", "omitted")
    assert "Mo" in name.message  # the other meaning is named
    # the other words of the value decide before the country does: German here
    assert normalize("Mo: geschlossen, Di-Fr: 14-18 Uhr", country="FR") == (
        "Mo off, Tu-Fr 14:00-18:00"
    )
    assert normalize("Di-Fr 14:00-18:00", country="FR") == "Su-Fr 14:00-18:00"


def test_a_country_is_needed_only_for_holidays_and_names() -> None:
    schedule = parse("Montag 10-12", tolerant=True, country=None)
    monday = dt.datetime(2025, 5, 5, 11, tzinfo=PARIS)
    assert schedule.is_open(monday)


def test_comments_are_never_touched() -> None:
    assert normalize('Mo 10:00-12:00 "lundi à 10h, bis"') == 'Mo 10:00-12:00 "lundi à 10h, bis"'
    assert osm.check('Mo 10:00-12:00 "lundi à 10h"') == ()


@pytest.mark.parametrize(
    ("value", "column", "words"),
    [
        ("Montag-Freitag 10-12 xyz", 21, "unknown word 'xyz'"),
        ("lundi 25am-26pm", 8, "unknown word 'am'"),
        ("Mo–Fr 10:00-12:60", 15, "minutes are greater than 59"),
        ("Mo 10:00-12:00; We[9] off", 19, "from -5 to 5"),
    ],
)
def test_errors_point_at_the_value_as_given(value: str, column: int, words: str) -> None:
    for read in (lambda v: parse(v, tolerant=True), osm.check, normalize):
        with pytest.raises(OSMSyntaxError) as caught:
            read(value)
        assert caught.value.column == column, str(caught.value)
        assert words in str(caught.value)
        assert str(caught.value).splitlines()[1] == "  " + value


def test_unsupported_constructs_stay_unsupported() -> None:
    with pytest.raises(UnsupportedSyntax) as caught:
        parse("lundi sunrise-18:00", tolerant=True)
    assert caught.value.column == 6


STRICT = [
    "Mo-Fr 08:30-12:30,13:30-17:30; Sa 09:00-12:00; PH off",
    "Jan-Mar,Nov-Dec Mo-Fr 10:00-16:00; Dec 24,25 off; easter off",
    '2025 Dec 31-2026 Jan 02 off; Sa[1] 10:00-12:00; week 02-52/2 We 14:00-18:00 || "a"',
    "Mo-Su 22:00-02:00+; Fr-Sa 20:00-04:00",
    "24/7; Dec 25 off",
    'Mo 09:00-12:00 "à la mairie"; Tu 09:00-12:00 unknown',
]


@pytest.mark.parametrize("value", STRICT)
def test_a_strict_value_is_read_the_same_and_nothing_is_corrected(value: str) -> None:
    from horaires.osm._tolerant import read

    tree, found = read(value)
    assert tree == osm.parse_value(value)
    assert found == ()


def _intervals(schedule: Any, start: dt.datetime, span: dt.timedelta) -> list[tuple[Any, ...]]:
    return [
        (i.start.timestamp(), i.end.timestamp(), i.unknown)
        for i in schedule.intervals(start, start + span)
        if i.end is not None
    ]


# -- normalize never changes the meaning -----------------------------------------------------


@given(hst.osm_values(), hst.aware_datetimes("Europe/Paris"))
def test_normalize_keeps_the_meaning_of_generated_values(value: str, at: dt.datetime) -> None:
    canonical = normalize(value)
    note(f"canonical={canonical!r}")
    assert normalize(canonical) == canonical
    assert _intervals(parse(canonical), at, WEEK) == _intervals(parse(value), at, WEEK)


_NAMES = {
    "Mo": ["Montag", "lundi", "monday", "Mon", "mo", "MO", "lunes", "maandag"],
    "Tu": ["Dienstag", "mardi", "tuesday", "Tue", "tu", "martes", "martedì"],
    "We": ["Mittwoch", "mercredi", "wednesday", "Wed", "WE", "miércoles"],
    "Th": ["Donnerstag", "jeudi", "thursday", "Thu", "th", "jueves", "giovedì"],
    "Fr": ["Freitag", "vendredi", "friday", "Fri", "FR", "viernes", "vrijdag"],
    "Sa": ["Samstag", "samedi", "saturday", "Sat", "sa", "sábado"],
    "Su": ["Sonntag", "dimanche", "sunday", "Sun", "SU", "domingo", "zondag"],
}


@st.composite
def tolerated_variants(draw: st.DrawFn) -> tuple[str, str]:
    """A generated value and the same value written with mistakes opening_hours.js
    tolerates (names, separators, dashes, 12-hour times, hours without minutes...)."""
    value = draw(hst.osm_values())

    def day(m: re.Match[str]) -> str:
        return draw(st.sampled_from([m[0], *_NAMES[m[0]]]))

    def time(m: re.Match[str]) -> str:
        h, mm = int(m[1]), m[2]
        forms = [m[0], f"{h}:{mm}", f"{m[1]}.{mm}", f"{h}h{mm}"]
        if h < 24:
            forms.append(f"{h % 12 or 12}:{mm}{'pm' if h >= 12 else 'am'}")
        if mm == "00":
            forms += [f"{h}h", f"{h % 12 or 12} {'p.m.' if h >= 12 else 'a.m.'}"][: 1 + (h < 24)]
        return draw(st.sampled_from(forms))

    def dash(m: re.Match[str]) -> str:
        return draw(st.sampled_from(["-", "–", " – ", " to ", " bis ", "—", "~"]))

    variant = re.sub(r"\b(Mo|Tu|We|Th|Fr|Sa|Su)\b", day, value)
    variant = re.sub(r"(?<=\d)-(?=\d)", dash, re.sub(r"\b(\d\d):(\d\d)\b", time, variant))
    variant = re.sub(
        r"\boff\b", lambda m: draw(st.sampled_from(["off", "Off", "geschlossen"])), variant
    )
    variant = re.sub(
        r"24/7", lambda m: draw(st.sampled_from(["24/7", "always", "24x7", "nonstop"])), variant
    )
    variant = variant.replace("; ", draw(st.sampled_from(["; ", ";", " ; "])))
    return value, variant


@given(tolerated_variants(), hst.aware_datetimes("Europe/Paris"))
def test_tolerated_variants_mean_the_value_and_normalize_keeps_it(
    case: tuple[str, str], at: dt.datetime
) -> None:
    value, variant = case
    note(f"variant={variant!r}")
    expected = _intervals(parse(value), at, WEEK)
    assert _intervals(parse(variant, tolerant=True), at, WEEK) == expected
    assert _intervals(parse(normalize(variant)), at, WEEK) == expected


def _calls(value: str) -> int:
    """Python function calls made while reading ``value`` tolerantly: work, not time."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    osm.clear_cache()
    sys.setprofile(count)
    try:
        with contextlib.suppress(OSMSyntaxError):
            parse(value, tolerant=True)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "Montag-Freitag 8-12 Uhr und 14.00-18.00; " * n,
        lambda n: "lundi, " * (5 * n) + "xyz",  # refused at the end
        lambda n: "Mo 10am-6pm; " * n + "   " * (10 * n),
    ],
    ids=["read", "refused-at-the-end", "spaces"],
)
def test_tolerant_reading_is_linear(make: Any) -> None:
    small, large = _calls(make(200)), _calls(make(2_000))
    assert large < 11 * small + 1_000
