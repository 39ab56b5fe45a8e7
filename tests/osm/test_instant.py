"""Many values asked about one instant (``horaires.osm._instant``): the states are those of
``osm.parse``'s schedules, compiled; a value refused is one ``osm.parse`` refuses; values
asked one after the other share rules and plans without mixing them up."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from horaires import HorairesError, osm
from horaires import strategies as hst
from horaires._compile import ACCEPTING, CLOSED, UNKNOWN
from horaires._schedule import seconds
from horaires.osm import _instant
from horaires.osm._instant import REFUSED, Instant

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
from _adversarial import ZONES as EDGE_ZONES
from _adversarial import edge_instants
from _adversarial import osm_values as crafted_values

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY = dt.datetime(2025, 5, 7, 10, 30, tzinfo=PARIS)


def expected(value: str, at: dt.datetime, **options: object) -> int:
    """The compiled state of ``osm.parse(value)`` at ``at``, or REFUSED."""
    try:
        schedule = osm.parse(value, cache=False, **options)  # type: ignore[arg-type]
    except HorairesError:
        return REFUSED
    return schedule.state_at(seconds(at))


@pytest.mark.parametrize(
    ("value", "state"),
    [
        ("Mo-Fr 09:00-18:00", ACCEPTING),
        ("Mo-Fr 11:00-18:00", CLOSED),
        ("Mo-Fr 09:00-10:30", CLOSED),  # the closing minute is closed
        ("Mo-Fr 10:30-12:00", ACCEPTING),  # the opening minute is open
        ("Mo-Fr 09:00-18:00; We off", CLOSED),
        ("Mo-Fr 09:00-18:00; PH off", ACCEPTING),
        ("Mo-Fr 09:00-12:00 unknown", UNKNOWN),
        ("Mo-Fr 09:00-12:00; We 10:00-11:00 unknown", UNKNOWN),
        ('Mo-Fr 09:00-12:00 open "on call; ring"', ACCEPTING),  # that ; separates nothing
        ('Mo-Fr 09:00-12:00 "on call"', UNKNOWN),  # a comment without a state
        ("We off || 09:00-12:00", ACCEPTING),  # a fallback applies where it is closed
        ("We unknown || 09:00-12:00", UNKNOWN),
        ("Tu 22:00-02:00", CLOSED),
        ("2025 May 07 off; Mo-Fr 09:00-18:00", ACCEPTING),  # the later rule wins
        ("Mo-Fr 09:00-18:00; 2025 May 07 off", CLOSED),
        ("May 01-May 10 10:00-11:00", ACCEPTING),
        ("24/7", ACCEPTING),
        ("Mo-Fr 17:00+", CLOSED),
        ("Mo-Fr 10:00+", UNKNOWN),  # an open end is unknown
    ],
)
def test_wednesday_morning_by_hand(value: str, state: int) -> None:
    assert Instant(WEDNESDAY).state(value) == state
    assert expected(value, WEDNESDAY) == state


def test_holidays_nights_and_daylight_saving_by_hand() -> None:
    may_day = Instant(dt.datetime(2025, 5, 1, 10, 0, tzinfo=PARIS))
    assert may_day.state("Mo-Fr 09:00-18:00; PH off") == CLOSED
    assert may_day.state("Mo-Fr 09:00-18:00; PH 09:00-12:00") == ACCEPTING
    wednesday_night = Instant(dt.datetime(2025, 5, 7, 1, 0, tzinfo=PARIS))
    assert wednesday_night.state("Tu 22:00-02:00") == ACCEPTING  # Tuesday's night
    assert wednesday_night.state("We 22:00-02:00") == CLOSED
    # 30 March 2025, Paris: 02:00 does not exist; 01:30 UTC is 03:30 summer time
    spring = Instant(dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC))
    assert spring.state("Su 03:00-04:00") == ACCEPTING
    assert spring.state("Su 01:00-03:00") == CLOSED
    # 26 October 2025: 02:30 happens twice, at 00:30 and at 01:30 UTC; a wall time that
    # happens twice means its first time ("compatible"): 02:40 closes at 00:40 UTC
    first, second = (dt.datetime(2025, 10, 26, h, 30, tzinfo=dt.UTC) for h in (0, 1))
    assert Instant(first).state("Su 00:00-02:40") == ACCEPTING
    assert Instant(second).state("Su 00:00-02:40") == CLOSED
    assert Instant(second).state("Su 02:00-03:00") == ACCEPTING
    for at in (first, second):
        for value in ("Su 00:00-02:40", "Su 02:00-03:00", "Su 02:45-04:00"):
            assert Instant(at).state(value) == expected(value, at)


@pytest.mark.parametrize(
    ("value", "options"),
    [
        ("Mo-Fr 9-18", {}),  # hours without minutes: refused (tolerant reading accepts it)
        ("Mo-Fr 10:00-12:00; We[9] off", {}),
        ('Mo-Fr 10:00-12:00 "unterminated', {}),
        ("PH off", {"country": None}),
        ("Mo-Fr sunrise-18:00", {}),
        ("SH off", {}),
    ],
)
def test_values_parse_refuses_are_refused(value: str, options: dict[str, object]) -> None:
    assert Instant(WEDNESDAY, **options).state(value) == REFUSED  # type: ignore[arg-type]
    with pytest.raises(HorairesError):
        osm.parse(value, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "We 10:00-12:00 ||",
        "|| Mo 10:00-12:00",
        "Mo-Su " + ",".join(["10:00-10:01"] * 2100),
    ],
)
def test_what_only_parse_can_say_is_left_to_it(value: str) -> None:
    assert Instant(WEDNESDAY).state(value) is None
    if value.endswith("||"):  # opening_hours.js accepts a trailing ||
        assert osm.parse(value).is_open(WEDNESDAY)
    else:
        with pytest.raises(HorairesError):
            osm.parse(value)


def test_the_last_date_a_holiday_calendar_knows_is_answered() -> None:
    """31 December 2100 is the last date France's public holidays are known: the date's own
    plan answers there, as a schedule's first question does (a compiled day would read 1
    January 2101 too, and fail)."""
    at = dt.datetime(2100, 12, 31, 10, 0, tzinfo=PARIS)  # a Friday
    assert Instant(at).state("Mo-Fr 09:00-18:00; PH off") == ACCEPTING
    assert osm.parse("Mo-Fr 09:00-18:00; PH off", cache=False).is_open(at)


def test_school_holidays_are_left_to_parse() -> None:
    """Whether a date is in the school holidays depends on what the data knows of it (a
    date it does not know is unknown): parse answers for such values."""
    at = dt.datetime(2025, 2, 18, 10, 0, tzinfo=PARIS)  # winter holidays of zone C
    instant = Instant(at, school_zone="C")
    assert instant.state("Mo-Fr 08:00-18:00; SH off") is None
    assert instant.state("Mo-Fr 08:00-18:00") == ACCEPTING
    assert not osm.parse("Mo-Fr 08:00-18:00; SH off", school_zone="C").is_open(at)


def test_the_instant_is_checked() -> None:
    with pytest.raises(HorairesError, match="has no time zone"):
        Instant(dt.datetime(2025, 5, 7, 10, 30))
    with pytest.raises(HorairesError, match="Mars/Olympus"):
        Instant(WEDNESDAY, timezone="Mars/Olympus")


# -- properties -------------------------------------------------------------------------------

_TEXTS = st.sampled_from(
    [
        "Mo-Fr 09:00-18:00",
        "Mo-Fr 08:30-12:30,13:30-17:30",
        "Sa 09:00-12:00",
        "Su off",
        "PH off",
        "PH 10:00-12:00",
        "easter off",
        "2025 Dec 24 off",
        "Dec 24 08:00-12:00",
        "Aug 01-Aug 10 off",
        "Mo-Sa 18:00-02:00",
        "Fr 17:00+",
        "We unknown",
        '"call first"',
        'Sa 09:00-12:00 "on appointment; ring"',
        "10:00-12:00",
        "week 01-53/2 Mo 10:00-12:00",
        "Mo[1] 09:00-10:00",
        "Mo-Fr 9-18",  # refused
        "Tu 25:00-26:00",  # refused
        "sunset-22:00",  # refused without a location
        "Mo-Fr 02:00-03:00",
    ]
)


@st.composite
def values(draw: st.DrawFn) -> str:
    """Values of common and odd rules, rules repeated, normal, additional and fallback."""
    texts = draw(st.lists(_TEXTS, min_size=1, max_size=5))
    out = texts[0]
    for text in texts[1:]:
        out += draw(st.sampled_from(["; ", ";", ", ", " || "])) + text
    return out


INSTANTS = st.one_of(
    hst.aware_datetimes("Europe/Paris", min_year=2024, max_year=2026),
    st.sampled_from(  # around the daylight-saving changes of Paris in 2025
        [
            dt.datetime(2025, 3, 30, 0, 59, tzinfo=dt.UTC),
            dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC),
            dt.datetime(2025, 10, 26, 0, 30, tzinfo=dt.UTC),
            dt.datetime(2025, 10, 26, 1, 30, tzinfo=dt.UTC),
            dt.datetime(2025, 12, 24, 10, 0, tzinfo=PARIS),
            dt.datetime(2025, 12, 25, 10, 0, tzinfo=PARIS),  # public holidays
            dt.datetime(2025, 5, 1, 11, 0, tzinfo=PARIS),
            dt.datetime(2025, 4, 21, 11, 0, tzinfo=PARIS),  # Easter Monday
        ]
    ),
)


def _agree(instant: Instant, value: str, at: dt.datetime, **options: object) -> None:
    state = instant.state(value)
    if state is None:  # left to parse: it refuses
        assert expected(value, at, **options) == REFUSED, value
        return
    assert state == expected(value, at, **options), f"{value!r} at {at.isoformat()}"


@given(st.lists(values(), min_size=1, max_size=12), INSTANTS)
def test_values_asked_one_after_the_other_answer_as_parse(
    batch: list[str], at: dt.datetime
) -> None:
    instant = Instant(at)  # one instant for the whole batch: its tables are shared
    for value in batch:
        _agree(instant, value, at)
    for value in reversed(batch):  # asked again: the kept states
        _agree(instant, value, at)


@given(st.one_of(hst.osm_values(), crafted_values()), st.sampled_from(EDGE_ZONES), st.data())
def test_generated_values_in_every_zone_answer_as_parse(
    value: str, zone: str, data: st.DataObject
) -> None:
    at = data.draw(hst.aware_datetimes(zone, min_year=2010, max_year=2027))
    try:
        instant = Instant(at, timezone=zone)
    except HorairesError:  # a holiday calendar not known that year
        return
    _agree(instant, value, at, timezone=zone)


@given(st.lists(values(), min_size=1, max_size=8), INSTANTS, st.integers(-1440, 1440))
def test_an_instant_moved_within_its_date_answers_as_parse(
    batch: list[str], at: dt.datetime, minutes: int
) -> None:
    """Moved to another instant of its local date, an instant shares the rules it read and
    the plans it made, and answers for the new instant; on another date it gives None."""
    first = Instant(at)
    for value in batch:
        _agree(first, value, at)
    later = at + dt.timedelta(minutes=minutes)
    moved = first.moved(later)
    if later.astimezone(PARIS).date() != at.astimezone(PARIS).date():
        assert moved is None
        return
    assert moved is not None and moved._read is first._read
    for value in batch:
        _agree(moved, value, later)
    for value in batch:  # the first one still answers for its own instant
        _agree(first, value, at)


def _answer(ask: Callable[[], int | None]) -> object:
    try:
        return ask()
    except HorairesError:
        return "error"


@given(st.one_of(values(), hst.osm_values(), crafted_values()), edge_instants())
def test_instants_at_the_ends_of_the_years_answer_or_fail_as_parse(
    value: str, at: dt.datetime
) -> None:
    """Near the ends of the supported years (and of the years a holiday calendar knows) an
    instant answers as parse's schedule does, and fails only where parse refuses or fails
    (``horaires.columns`` then asks parse, which says which)."""
    try:
        instant = Instant(at)
    except HorairesError:
        with pytest.raises(HorairesError):
            osm.parse("24/7").is_open(at)
        return
    got = _answer(lambda: instant.state(value))
    want = _answer(lambda: expected(value, at))
    where = f"{value!r} at {at.isoformat()}"
    if got == "error":  # the caller asks parse, which refuses the value or fails as well
        assert want in ("error", REFUSED), where
    elif got is not None and want == "error":
        # a compiled day reads the dates beside it too, which a holiday calendar may not
        # know (31 December 2100): the date's own plan answers, as a first question does
        first = _answer(lambda: osm.parse(value, cache=False).is_open(at))
        assert first == (got == ACCEPTING), where
    elif got is not None:  # None: left to parse
        assert got == want, where


@given(
    st.lists(values(), min_size=2, max_size=12),
    INSTANTS,
    st.sampled_from(
        [("TEXTS", 2), ("TEXT_CHARS", 20), ("PLANS", 2), ("PLAN_SPANS", 3), ("VALUES", 1)]
    ),
)
def test_small_tables_are_forgotten_between_values(
    batch: list[str], at: dt.datetime, bound: tuple[str, int]
) -> None:
    instant = Instant(at)
    name, size = bound
    saved = getattr(_instant, name)
    setattr(_instant, name, size)
    try:
        for value in batch + batch:
            _agree(instant, value, at)
    finally:
        setattr(_instant, name, saved)
    texts = instant._read.texts
    if name == "TEXTS":  # a value's texts stay until the next value
        assert sum(map(len, texts)) <= size + 5
    if name == "TEXT_CHARS":
        assert instant._read.chars <= size + sum(len(t) for t in batch)
    if name == "PLAN_SPANS":  # a value's plan stays until the next value
        assert instant._read.spans <= size + 1440
    kept = instant._read  # what is counted is what is kept
    assert kept.spans == sum(len(plan.spans) for plan in kept.plans.values())
    assert kept.chars == sum(len(text) for table in kept.texts for text in table)
    assert {id(plan) for plan, _ in kept.kinds.values()} <= set(map(id, kept.plans.values()))


def test_long_values_are_answered_and_not_kept() -> None:
    """A value longer than OpenStreetMap's 255 characters is answered from its rules each
    time, and its state is not kept (what an instant holds stays small)."""
    value = "; ".join(f"Mo-Fr 09:{m:02d}-18:{m:02d}" for m in range(20))
    assert len(value) > _instant.KEPT_VALUE
    instant = Instant(WEDNESDAY)
    assert instant.state(value) == instant.state(value) == ACCEPTING == expected(value, WEDNESDAY)
    assert value not in instant._states
    assert instant.state("Mo-Fr 09:00-18:00") == ACCEPTING
    assert "Mo-Fr 09:00-18:00" in instant._states
