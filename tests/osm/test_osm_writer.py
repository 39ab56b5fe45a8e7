"""Writing opening_hours: canonical text, native configs and their tags, round trips."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from horaires import Establishment, HorairesError, examples, load
from horaires._establishment import engine
from horaires.cli import main
from horaires.osm import parse, parse_value, to_osm, to_tags, write
from horaires.osm._ast import (
    DatePoint,
    DateSpan,
    Holiday,
    MonthDays,
    MonthRange,
    NthWeekday,
    Rule,
    TimeSpan,
    WeekdayRange,
    WeekRange,
    YearRange,
)

PARIS = ZoneInfo("Europe/Paris")
ROOT = Path(__file__).resolve().parents[2]


def intervals(
    schedule: object, first: datetime, last: datetime
) -> list[tuple[object, object, bool]]:
    return [(iv.start, iv.end, iv.unknown) for iv in schedule.intervals(first, last)]  # type: ignore[attr-defined]


def test_canonical_text() -> None:
    assert write(parse_value("Mo-Fr 08:00-12:00 ;PH  off")) == "Mo-Fr 08:00-12:00; PH off"
    assert (
        write(parse_value('Mo 10:00-12:00 "a",Tu 10:00-11:00'))
        == 'Mo 10:00-12:00 "a", Tu 10:00-11:00'
    )
    assert write(parse_value("Mo-Fr 08:00-12:00 || closed")) == "Mo-Fr 08:00-12:00 || off"
    assert write(parse_value("24/7; Dec 25 off")) == "24/7; Dec 25 off"
    assert write(parse_value("Mo, We 10:00-12:00")) == "Mo,We 10:00-12:00"


@pytest.mark.parametrize("name", examples.names())
def test_examples_round_trip(name: str) -> None:
    est = examples.load_example(name)
    first, last = datetime(2025, 1, 1, tzinfo=PARIS), datetime(2027, 1, 1, tzinfo=PARIS)
    calendar = est.holidays
    for key, value in to_tags(est).items():
        service = key.partition(":")[2] or None
        back = parse(
            value,
            timezone=est.timezone,
            country=calendar.country if calendar else None,
            subdivision=calendar.subdivision if calendar else None,
        )
        native = (
            est.schedule(service)
            if service or not est.services
            else engine(est).schedule(None, None, False)
        )
        assert intervals(back, first, last) == intervals(native, first, last), value


def test_pantin_tags_and_admission() -> None:
    tags = to_tags(examples.pantin())
    assert set(tags) == {"opening_hours", "opening_hours:etat-civil"}
    assert "Sa 09:00-12:30" in tags["opening_hours:etat-civil"]
    assert 'open "last admission 30 min before closing"' in tags["opening_hours"]
    plain = to_osm(examples.pantin(), admission="drop")
    assert plain == "Mo-We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off"
    assert to_osm(examples.pantin().schedule("etat-civil"), admission="drop").startswith("Mo-We,Fr")
    assert to_osm(examples.pantin(), service="etat-civil") == tags["opening_hours:etat-civil"]


def test_explicit_last_admission_is_kept() -> None:
    est = load(
        {
            "name": "Musée",
            "hours": {"mon": [{"opens": "10:00", "closes": "18:00", "last_admission": "17:15"}]},
        }
    )
    assert to_osm(est) == 'Mo 10:00-18:00 open "last admission 17:15"'


def test_nights_around_exceptions() -> None:
    est = load(
        {
            "name": "Bar",
            "hours": {
                d: ["20:00-02:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            },
            "exceptions": [
                {"date": "2025-12-31", "hours": ["20:00-06:00"]},
                {"date": "2025-08-15", "hours": "closed"},
            ],
        }
    )
    value = to_osm(est)
    first, last = datetime(2025, 1, 1, tzinfo=PARIS), datetime(2026, 12, 31, tzinfo=PARIS)
    assert intervals(parse(value, country=None), first, last) == intervals(
        est.schedule(), first, last
    )


# -- hypothesis: values in the supported grammar, written then parsed back ---------------------

times = st.builds(
    lambda a, d: TimeSpan(a * 30, (a * 30 + d * 30) % 2880 or 1440),
    st.integers(0, 47),
    st.integers(1, 40),
)
weekdays = st.one_of(
    st.builds(WeekdayRange, st.integers(0, 6), st.integers(0, 6)),
    st.builds(
        lambda w, n, o: NthWeekday(w, (n,), o),
        st.integers(0, 6),
        st.sampled_from([1, 2, 3, 4, -1, -2]),
        st.integers(-6, 6),
    ),
    st.builds(Holiday, st.integers(-1, 1)),
)
months = st.builds(MonthRange, st.integers(1, 12), st.integers(1, 12))
monthdays = st.one_of(
    st.builds(
        lambda m, d, n: MonthDays(None, m, d, min(d + n, 28), None, n > 0),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 5),
    ),
    st.builds(
        lambda m, d, m2, d2: DateSpan(
            DatePoint("date", None, m, d), DatePoint("date", None, m2, d2)
        ),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
    st.builds(
        lambda o, o2: DateSpan(DatePoint("easter", offset=o), DatePoint("easter", offset=o2)),
        st.integers(-10, 0),
        st.integers(1, 10),
    ),
)
years = st.builds(
    lambda y, n: YearRange(y, y + n) if n else YearRange(y, plus=True),
    st.integers(2024, 2026),
    st.integers(0, 2),
)
weeks = st.builds(
    lambda a, n, p: WeekRange(a, a + n, p),
    st.integers(1, 20),
    st.integers(0, 30),
    st.sampled_from([None, 2, 3]),
)
rules = st.builds(
    Rule,
    years=st.lists(years, max_size=1).map(tuple),
    months=st.lists(months, max_size=1).map(tuple),
    monthdays=st.lists(monthdays, max_size=2).map(tuple),
    weeks=st.lists(weeks, max_size=1).map(tuple),
    weekdays=st.lists(weekdays, max_size=2).map(tuple),
    times=st.lists(times, max_size=2).map(tuple),
    state=st.sampled_from([None, None, "open", "closed", "unknown"]),
    comment=st.sampled_from([None, None, "sur rendez-vous"]),
    additional=st.booleans(),
    fallback=st.sampled_from([False, False, True]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(rules, min_size=1, max_size=4))
def test_parse_of_write_behaves_as_the_value(value: list[Rule]) -> None:
    for i, rule in enumerate(value):  # an additional rule belongs to the rule before it
        if i == 0:  # the first rule of a value follows nothing
            value[i] = dataclasses.replace(rule, additional=False, fallback=False)
        elif rule.additional:
            value[i] = dataclasses.replace(rule, fallback=value[i - 1].fallback)
        holidays = [w for w in value[i].weekdays if isinstance(w, Holiday)]
        if holidays and len(holidays) == len(value[i].weekdays) and all(h.offset for h in holidays):
            value[i] = dataclasses.replace(value[i], weekdays=value[i].weekdays[:1])
    text = write(value)
    tree = parse_value(text)
    assert write(tree) == text  # canonical: writing again changes nothing
    first = datetime(2026, 3, 20, tzinfo=PARIS)
    last = datetime(2026, 5, 10, tzinfo=PARIS)
    from horaires import Schedule
    from horaires.osm import OSMSource

    direct = Schedule(OSMSource(parse_value(text), "FR", None, "fr"), PARIS)
    reread = parse(write(tree))
    assert intervals(reread, first, last) == intervals(direct, first, last)
    original = Schedule(OSMSource(_value(value), "FR", None, "fr"), PARIS)
    assert intervals(reread, first, last) == intervals(original, first, last), text


def _value(rules: list[Rule]) -> object:
    from horaires.osm import Value

    return Value(tuple(rules))


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["osm", "Mo-Fr 08:30-12:30; PH off", "--at", "2025-05-05T10:00", "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "Monday, May 5, 2025, 10:00 AM" in out and "Open" in out
    assert (
        main(["osm", "Mo-Fr 08:30-12:30; PH off", "--at", "2025-05-08T10:00", "--lang", "en"]) == 0
    )
    assert "Closed" in capsys.readouterr().out
    assert main(["osm", "Mo-Fx 08:30"]) == 1
    assert "^" in capsys.readouterr().err
    assert main(["osm", "--to", str(ROOT / "src/horaires/examples/pantin.toml")]) == 0
    assert capsys.readouterr().out.startswith("opening_hours=Mo-We,Fr 08:30-12:30")


def test_agreement_benchmark_runs_quickly() -> None:
    script = ROOT / "benchmarks" / "osm_agreement.py"
    shared = Path(os.environ.get("HORAIRES_SHARED", ROOT.parent / "shared"))
    if not (shared / "reference").is_dir():
        pytest.skip("../shared/reference is absent")
    for tolerant in (False, True):
        done = subprocess.run(
            [sys.executable, str(script), "--quick", *(["--tolerant"] if tolerant else [])],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "HORAIRES_SHARED": str(shared)},
        )
        assert done.returncode == 0, done.stderr
        rows = {
            line[:40].strip(): line[40:].split()
            for line in done.stdout.splitlines()
            if line[:1].isalpha()
        }
        for category in (
            "core",
            "dates and years",
            "nth weekdays",
            "weeks",
            "open ends",
            "points in time",
        ):
            if category in rows:
                assert rows[category][1:] == ["0", "0", "0"], (category, done.stdout)
        assert "should_fail: 181 of 181 rejected" in done.stdout
        if tolerant:  # every tolerance case is read as opening_hours.js reads it, or refused
            assert rows["error tolerance"][1] == "0", done.stdout
            assert rows["error tolerance"][3] == "0", done.stdout


def test_a_night_closed_next_to_hours_at_sun_times_is_refused() -> None:
    """On Easter Monday 2024 the night of Monday is closed with the holiday; Tuesday opens at
    sunrise (06:34 in Paris that day): a closing written up to a fixed time (the stand-in
    06:00) would leave 06:00-06:05 open, so the value is refused, not written wrong."""
    night = Establishment(
        name="Mairie",
        hours={"mon": ["00:00-30:05"], "tue": ["sunrise-sunset"]},
        location={"lat": 48.8566, "lon": 15.0},
        holidays={"country": "FR"},
        holiday_hours="closed",
    )
    with pytest.raises(HorairesError, match="next to hours at sun times"):
        to_osm(night)
    assert to_osm(night.model_copy(update={"holiday_hours": "usual"})).startswith("Mo 00:00-30:05")


def test_school_holidays_of_another_country_than_the_public_ones_are_refused() -> None:
    mixed = Establishment(
        name="Mairie",
        hours={"mon": ["09:00-12:00"]},
        holidays={"country": "DE", "subdivision": "BY"},
        school_holidays={"country": "FR", "zone": "A"},
        school_holiday_hours="closed",
    )
    with pytest.raises(HorairesError, match="school holidays of FR with the public holidays of DE"):
        to_osm(mixed)
    french = mixed.model_copy(update={"holidays": None})
    assert to_osm(french) == "Mo 09:00-12:00; SH off"


def test_the_night_of_a_wider_exception_ends_with_a_date_taken_from_it() -> None:
    """1-2 January open 00:05-24:05, but 1 January closed: the native engine opens on
    2 January at 00:05 (the night of 1 January never runs); the value closes what the
    wider rule's night of 1 January would open on 2 January."""
    place = Establishment(
        name="Mairie",
        exceptions=[
            {"start": "2024-01-01", "end": "2024-01-02", "hours": ["00:05-24:05"]},
            {"date": "2024-01-01", "hours": "closed"},
        ],
    )
    value = to_osm(place)
    assert value == (
        "2024 Jan 01-2024 Jan 02 00:05-24:05; 2024 Jan 01 off, 2024 Jan 02 00:00-00:05 off"
    )
    paris = ZoneInfo("Europe/Paris")
    parsed = parse(value, country=None)
    assert not parsed.is_open(datetime(2024, 1, 2, 0, 2, tzinfo=paris))
    assert parsed.is_open(datetime(2024, 1, 2, 0, 5, tzinfo=paris))
    assert place.is_open(datetime(2024, 1, 2, 0, 5, tzinfo=paris))
