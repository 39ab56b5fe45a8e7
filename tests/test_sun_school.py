"""Sun times and school holidays (docs/configuration.md#sun-times, #school-holidays,
docs/osm.md#sun-times, #school-holidays), and the decisions of docs/osm.md where horaires
departs from opening_hours.js (open ends, fallbacks) and the "clamp" DST policy."""

from __future__ import annotations

import datetime as dt
import sys
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import horaires
from horaires import HorairesError, osm
from horaires._school import school_holiday
from horaires._sun import format_time, require_astral, sun_day

PARIS = (48.8566, 2.3522)
TROMSO = (69.6492, 18.9553)
QUITO = (-0.1807, -78.4678)


def _times(place: tuple[float, float], zone: str, day: str) -> list[str]:
    ordinal = dt.date.fromisoformat(day).toordinal()
    return [format_time(m) for m in sun_day(place, ZoneInfo(zone), ordinal)]


# Dawn, sunrise, sunset, dusk; each checked against opening_hours.js 3.15.0 (dawn-sunrise,
# sunset-dusk at the same lat/lon), which agrees with published almanacs within a minute.
@pytest.mark.parametrize(
    ("place", "zone", "day", "expected"),
    [
        (PARIS, "Europe/Paris", "2026-06-21", ["05:04", "05:46", "21:57", "22:40"]),
        (PARIS, "Europe/Paris", "2026-12-21", ["08:03", "08:41", "16:56", "17:33"]),
        (PARIS, "Europe/Paris", "2026-03-20", ["06:22", "06:53", "19:03", "19:34"]),
        (TROMSO, "Europe/Oslo", "2026-01-15", ["08:57", "11:29", "12:18", "14:50"]),
        (TROMSO, "Europe/Oslo", "2026-03-20", ["04:43", "05:43", "18:01", "19:02"]),
        (QUITO, "America/Guayaquil", "2026-06-21", ["05:49", "06:12", "18:19", "18:41"]),
        (QUITO, "America/Guayaquil", "2026-12-21", ["05:45", "06:07", "18:16", "18:38"]),
    ],
)
def test_sun_times_agree_with_opening_hours_js(
    place: tuple[float, float], zone: str, day: str, expected: list[str]
) -> None:
    assert _times(place, zone, day) == expected


def test_polar_day_and_night_have_an_answer() -> None:
    # midnight sun: the sun stays up; polar night: sunrise and sunset at solar noon
    assert _times(TROMSO, "Europe/Oslo", "2026-06-21") == ["00:00", "00:00", "24:00", "24:00"]
    assert _times(TROMSO, "Europe/Oslo", "2026-12-21") == ["09:31", "11:42", "11:42", "13:53"]
    day = osm.parse("sunrise-sunset", location=TROMSO, timezone="Europe/Oslo")
    night = osm.parse("sunset-sunrise", location=TROMSO, timezone="Europe/Oslo")
    june, december = dt.date(2026, 6, 21), dt.date(2026, 12, 21)
    assert [str(s) for s in day.day(june).slots] == ["00:00-24:00"]
    assert day.day(december).closed and night.day(june).closed
    oslo = ZoneInfo("Europe/Oslo")
    assert night.is_open(dt.datetime(2026, 12, 21, 12, 30, tzinfo=oslo))
    assert night.is_open(dt.datetime(2026, 12, 22, 3, 0, tzinfo=oslo))


def test_sun_times_in_a_configuration() -> None:
    parc = horaires.load(
        {
            "name": "Parc",
            "location": {"lat": PARIS[0], "lon": PARIS[1]},
            "hours": {"sat": ["sunrise-sunset"], "fri": ["sunset-sunrise"]},
        }
    )
    assert [str(s) for s in parc.day(dt.date(2026, 6, 20)).slots] == ["05:46-21:57"]
    friday = parc.day(dt.date(2026, 6, 19))  # until sunrise on Saturday (05:46)
    assert [str(s) for s in friday.slots] == ["21:57-05:46"]
    assert horaires.load(horaires.dump(parc)) == parc
    with pytest.raises(HorairesError, match="sun times"):
        parc.schedule().source.usual_week()  # type: ignore[union-attr]


def test_sun_times_need_a_location() -> None:
    with pytest.raises(horaires.ConfigError, match=r"hours.sat: sunrise-sunset uses sun times"):
        horaires.load({"name": "Parc", "hours": {"sat": ["sunrise-sunset"]}})
    with pytest.raises(osm.UnsupportedSyntax, match="without a location"):
        osm.parse("Sa sunrise-sunset")
    with pytest.raises(HorairesError, match="latitude"):
        osm.parse("Sa sunrise-sunset", location=(95, 0))


def test_without_astral_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "astral", None)
    monkeypatch.setitem(sys.modules, "astral.sun", None)
    with pytest.raises(HorairesError, match=r"horaires\[sun\]"):
        require_astral()


@given(
    lat=st.floats(-50, 50),
    lon=st.floats(-60, 60),
    day=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 30)),
)
def test_sun_times_move_smoothly_from_day_to_day(lat: float, lon: float, day: dt.date) -> None:
    utc = ZoneInfo("UTC")
    today = sun_day((lat, lon), utc, day.toordinal())
    tomorrow = sun_day((lat, lon), utc, day.toordinal() + 1)
    assert all(abs(a - b) <= 4 for a, b in zip(today, tomorrow, strict=True))


# -- school holidays ------------------------------------------------------------------------

# The official calendar of 2025-2026 (education.gouv.fr): classes end on the Saturday, and
# the holidays run to the day before they resume.
FRENCH_2025_2026 = {
    "A": [("2025-10-18", "2025-11-02"), ("2025-12-20", "2026-01-04"),
          ("2026-02-07", "2026-02-22"), ("2026-04-04", "2026-04-19")],
    "B": [("2025-10-18", "2025-11-02"), ("2025-12-20", "2026-01-04"),
          ("2026-02-14", "2026-03-01"), ("2026-04-11", "2026-04-26")],
    "C": [("2025-10-18", "2025-11-02"), ("2025-12-20", "2026-01-04"),
          ("2026-02-21", "2026-03-08"), ("2026-04-18", "2026-05-03")],
}  # fmt: skip


@pytest.mark.parametrize("zone", sorted(FRENCH_2025_2026))
def test_the_french_school_calendar_of_2025_2026(zone: str) -> None:
    periods = [tuple(map(dt.date.fromisoformat, p)) for p in FRENCH_2025_2026[zone]]
    day = dt.date(2025, 9, 2)
    while day < dt.date(2026, 7, 3):
        if day.month == 5 and 13 <= day.day <= 17:  # the Ascension bridge: not in the data
            day += dt.timedelta(days=1)
            continue
        name, known = school_holiday("FR", (zone,), day.toordinal(), "fr")
        inside = any(first <= day <= last for first, last in periods)
        assert known and (name is not None) == inside, (zone, day, name)
        day += dt.timedelta(days=1)
    assert school_holiday("FR", (zone,), dt.date(2026, 7, 4).toordinal(), "fr") == (
        "Vacances d'été",
        True,
    )


def test_a_german_state_and_dates_outside_the_data() -> None:
    bw = ("BW",)
    assert school_holiday("DE", bw, dt.date(2024, 12, 23).toordinal(), "de") == (
        "Weihnachtsferien",
        True,
    )
    assert school_holiday("DE", bw, dt.date(2025, 1, 7).toordinal(), "de") == (None, True)
    assert school_holiday("DE", bw, dt.date(2031, 5, 5).toordinal(), "de") == (None, False)
    assert school_holiday("FR", ("C",), dt.date(2031, 5, 5).toordinal(), "fr") == (None, False)
    assert school_holiday("FR", ("C",), dt.date(1985, 5, 5).toordinal(), "fr") == (None, False)


def test_school_holidays_in_opening_hours() -> None:
    bib = osm.parse("Tu-Sa 10:00-18:00; SH off", school_zone=["B", "C"])
    assert bib.day(dt.date(2026, 4, 14)).closed  # zone B only
    assert bib.day(dt.date(2026, 4, 14)).label == "Vacances de printemps"
    assert not bib.day(dt.date(2026, 4, 7)).closed
    far = bib.day(dt.date(2031, 4, 15))
    assert far.unknown and far.label == "Vacances scolaires inconnues"
    assert (
        not osm.parse("Tu-Sa 10:00-18:00; SH Mo off", school_zone="C")
        .day(dt.date(2031, 4, 15))
        .unknown
    )  # a Tuesday: SH Mo changes nothing, known or not
    with pytest.raises(osm.UnsupportedSyntax, match="school zone"):
        osm.parse("SH off")
    with pytest.raises(HorairesError, match="zone 'D'"):
        osm.parse("SH off", school_zone="D")


WEEK = {d: ["09:00-12:00"] for d in ("mon", "tue", "wed", "thu", "fri")}


@given(
    policy=st.sampled_from(["closed", "unknown", ["14:00-16:00"], {"wed": ["10:00-18:00"]}]),
    day=st.dates(dt.date(2025, 9, 1), dt.date(2028, 6, 30)),
)
def test_a_school_holiday_policy_changes_only_school_holidays(policy: object, day: dt.date) -> None:
    calendar = {"country": "FR", "zone": "A"}
    plain = horaires.load({"name": "M", "hours": WEEK, "school_holidays": calendar})
    school = horaires.load(
        {"name": "M", "hours": WEEK, "school_holidays": calendar, "school_holiday_hours": policy}
    )
    name, known = school_holiday("FR", ("A",), day.toordinal(), "fr")
    assert known
    if name is None:
        assert school.day(day) == plain.day(day)
    else:
        assert school.day(day).rule in ("school", "weekly")


def test_public_holidays_come_before_school_holidays() -> None:
    place = horaires.load(
        {
            "name": "M",
            "hours": WEEK,
            "holidays": {"country": "FR"},
            "school_holidays": {"country": "FR", "zone": "C"},
            "school_holiday_hours": ["14:00-16:00"],
            "services": {"desk": {"school_holiday_hours": "closed"}},
        }
    )
    assert place.day(dt.date(2026, 5, 1)).rule == "holiday"  # 1 May, in zone C's holidays
    assert place.day(dt.date(2026, 4, 30)).rule == "school"
    assert place.day(dt.date(2026, 4, 30), service="desk").closed


# -- decisions where horaires departs from opening_hours.js (docs/osm.md) ---------------------

PARIS_ZONE = ZoneInfo("Europe/Paris")


def _state(value: str, at: dt.datetime) -> tuple[bool, bool]:
    schedule = osm.parse(value)
    return schedule.is_open(at), schedule.is_unknown(at)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("19:30+", "16:30-22:00", (False, True)),
        ("23:00-29:00", "14:00-22:30+", (True, False)),
    ],
)
def test_an_open_end_does_not_depend_on_the_order_of_the_spans(
    first: str, second: str, expected: tuple[bool, bool]
) -> None:
    at = dt.datetime(2025, 5, 5, 23, 30, tzinfo=PARIS_ZONE)
    assert _state(f"{first},{second}", at) == _state(f"{second},{first}", at) == expected
    assert _state(f"{first},{second}", at.replace(hour=21)) == (True, False)


def test_a_fallback_after_a_rule_that_matches_everything_never_applies() -> None:
    for hm in (0, 1, 23):
        at = dt.datetime(2025, 5, 6, hm, 30, tzinfo=PARIS_ZONE)
        assert _state("unknown || 22:00-01:20", at) == (False, True)


def test_clamp_opens_at_the_end_of_the_gap() -> None:
    gap = dt.datetime(2025, 3, 30, 0, 0, tzinfo=PARIS_ZONE)
    config = {"name": "B", "hours": {"sun": ["02:30-04:00"]}}
    clamp = horaires.load({**config, "disambiguate": "clamp"})
    usual = horaires.load(config)
    assert clamp.next_opening(gap) == dt.datetime(2025, 3, 30, 3, 0, tzinfo=PARIS_ZONE)
    assert usual.next_opening(gap) == dt.datetime(2025, 3, 30, 3, 30, tzinfo=PARIS_ZONE)
    fold = dt.datetime(2025, 10, 26, 0, 0, tzinfo=PARIS_ZONE)
    assert clamp.next_opening(fold).utcoffset() == dt.timedelta(hours=2)  # the earlier 02:30
