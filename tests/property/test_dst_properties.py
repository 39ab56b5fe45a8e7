"""Right on daylight-saving days (docs/concepts.md, the rules in one place; docs/time.md).

Generated configurations in zones with spring gaps, autumn folds, changes at midnight and a
skipped day, asked about instants drawn around the changes: the compiled instants stay
sorted, ``next_opening`` is open and ``next_closing`` closed, intervals are well formed, and
a skipped date has no hours.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from hypothesis import example, given, note
from hypothesis import strategies as st

from horaires import Establishment
from horaires import strategies as hst

DST_ZONES = (
    "Europe/Paris",  # gap at 02:00, fold at 03:00
    "America/New_York",
    "Australia/Lord_Howe",  # a 30-minute shift
    "America/Santiago",  # changes at midnight: some days start at 01:00
    "America/Havana",  # changes at midnight too
    "Africa/Casablanca",  # suspended every Ramadan
    "Pacific/Apia",  # skipped 30 December 2011
)
DAY = dt.timedelta(days=1)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Establishment, str | None, dt.datetime]:
    zone = draw(st.sampled_from(DST_ZONES))
    place = draw(
        hst.establishments(zone=zone, country=None, max_services=2, min_year=2010, max_year=2027)
    )
    service = draw(st.sampled_from([None, *place.services]))
    years = (2011, 2012) if zone == "Pacific/Apia" else (2011, 2026)
    at = draw(hst.aware_datetimes(zone, min_year=years[0], max_year=years[1]))
    note(f"config={place.model_dump(mode='json')!r} service={service!r} at={at.isoformat()}")
    return place, service, at


@given(cases())
def test_compiled_instants_are_sorted_and_alternate(
    case: tuple[Establishment, str | None, dt.datetime],
) -> None:
    place, service, at = case
    schedule = place.schedule(service)
    day = int(at.timestamp()) // 86400
    for k in range(day - 1, day + 2):
        block = schedule.block(k)
        assert list(block.bounds) == sorted(set(block.bounds))
        assert all(a != b for a, b in zip(block.states, block.states[1:], strict=False))


def _before(at: dt.datetime) -> dt.datetime:
    """The instant one second before ``at``."""
    return at.astimezone(dt.UTC) - dt.timedelta(seconds=1)


_SANTIAGO = "America/Santiago"  # 7 May 2011: 24:00 back to 23:00, the hour before midnight twice


def _repeated_hour(slot: str) -> tuple[Establishment, None, dt.datetime]:
    place = Establishment(
        name="Mairie", timezone=_SANTIAGO, disambiguate="later", hours={"sat": [slot]}
    )
    return place, None, dt.datetime(2011, 5, 7, 23, 0, tzinfo=ZoneInfo(_SANTIAGO))


@given(cases())
@example(_repeated_hour("23:00-24:00"))  # opens at the second 23:00, after the first
@example(_repeated_hour("00:00-23:00"))  # closes at the second 23:00
def test_next_opening_is_open_and_next_closing_is_closed(
    case: tuple[Establishment, str | None, dt.datetime],
) -> None:
    place, service, at = case
    horizon = dt.timedelta(days=20)
    opening = place.next_opening(at, service=service, horizon=horizon)
    # instants compared, and a second taken, as instants: within one zone Python compares
    # and subtracts wall times, and a repeated hour's second pass (fold=1) is later
    if opening is not None:
        assert opening.timestamp() > at.timestamp()
        assert place.is_open(opening, service=service)
        assert not place.is_open(_before(opening), service=service)
    closing = place.next_closing(at, service=service, horizon=horizon)
    if closing is not None:
        assert closing.timestamp() > at.timestamp()
        assert not place.is_open(closing, service=service)
        assert place.is_open(_before(closing), service=service)


@given(cases())
def test_intervals_are_well_formed(case: tuple[Establishment, str | None, dt.datetime]) -> None:
    place, service, at = case
    start, end = at - 2 * DAY, at + 2 * DAY
    found = list(place.intervals(start, end, service=service))
    edges = [(i.start.timestamp(), i.end.timestamp()) for i in found if i.end is not None]
    for a, b in edges:
        assert start.timestamp() <= a < b <= end.timestamp()
    for (_, b), (c, _) in itertools.pairwise(edges):
        assert b <= c
    for interval in found:
        middle = dt.datetime.fromtimestamp(
            (interval.start.timestamp() + interval.end.timestamp()) / 2, ZoneInfo(place.timezone)
        )
        assert place.is_open(middle, service=service) != interval.unknown


@given(hst.weekly_hours(), st.sampled_from([None, "compatible", "earlier", "later"]))
def test_a_skipped_day_has_no_hours(hours: object, policy: str | None) -> None:
    place = Establishment(
        name="Apia",
        timezone="Pacific/Apia",
        hours=hours,
        disambiguate=policy or "compatible",
    )
    apia = ZoneInfo("Pacific/Apia")
    assert place.day(dt.date(2011, 12, 30)).slots == ()
    before = dt.datetime(2011, 12, 30, 0, 0, tzinfo=apia).timestamp()  # the gap's start
    friday_night = dt.datetime.fromtimestamp(before - 1, apia)  # 29 December, 23:59:59
    saturday = dt.datetime(2011, 12, 31, 0, 0, tzinfo=apia)
    assert saturday.timestamp() == before  # the clock jumps over the whole day
    for interval in place.intervals(friday_night - DAY, saturday + DAY):
        assert interval.start.date() != dt.date(2011, 12, 30)
    expected = {slot.span for slot in place.day(dt.date(2011, 12, 31)).slots}
    for slot in place.day(dt.date(2011, 12, 31)).slots:
        opens = dt.datetime(2011, 12, 31, slot.opens // 60, slot.opens % 60, tzinfo=apia)
        assert place.is_open(opens), expected


@st.composite
def gap_slots(draw: st.DrawFn) -> tuple[str, int, int, str]:
    """A zone, a year, and a slot of at most a day drawn around the wall times of its
    changes of offset (so that some slots fall in a gap)."""
    zone = draw(st.sampled_from(DST_ZONES))
    year = 2011 if zone == "Pacific/Apia" else draw(st.integers(2011, 2026))
    changes = hst.dst_transitions(zone, year)
    wall = draw(st.sampled_from(changes)) if changes else dt.datetime(year, 1, 1)
    base = wall.hour * 60 + wall.minute
    opens = max(0, min(1439, base + draw(st.sampled_from([-120, -60, -30, 0, 30, 60]))))
    closes = min(1440, opens + draw(st.sampled_from([1, 29, 30, 59, 60, 61, 120])))
    slot = f"{opens // 60:02d}:{opens % 60:02d}-{closes // 60:02d}:{closes % 60:02d}"
    return zone, year, changes[0].toordinal() if changes else 0, slot


@given(gap_slots(), st.sampled_from(["compatible", "earlier", "later", "clamp"]))
def test_a_slot_has_no_hours_exactly_when_it_is_reported_dropped(
    case: tuple[str, int, int, str], policy: str
) -> None:
    """docs/time.md: a slot whose resolved opening is not before its closing has no hours,
    and ``horaires check`` reports it (dropped_slots); every other slot of a date the zone
    does not skip has hours."""
    from horaires._establishment import dropped_slots

    zone, year, _, slot = case
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    place = Establishment(
        name="x", timezone=zone, disambiguate=policy, hours={day: [slot] for day in days}
    )
    tz = ZoneInfo(zone)
    changes = hst.dst_transitions(zone, year) or (dt.datetime(year, 6, 1, tzinfo=tz),)
    for change in changes:
        first = change.date() - DAY
        dropped = {date for _, date, _ in dropped_slots(place, first, 3)}
        note(f"{zone} {slot} {policy} dropped={sorted(dropped)}")
        for k in range(3):
            date = first + k * DAY
            start = dt.datetime.combine(date, dt.time(), tz)
            opens_that_day = any(
                i.start.date() == date
                for i in place.intervals(start - DAY, start + 2 * DAY)
                if not i.unknown
            )
            if place.day(date).slots == ():  # a skipped date: no hours, nothing to report
                assert date not in dropped and not opens_that_day
            elif date in dropped:
                assert not opens_that_day
            elif policy in ("compatible", "later") and "00:00" not in slot and "24:00" not in slot:
                assert opens_that_day  # (moved forward, it stays on its date; a slot
                # touching midnight would join its neighbours, one moved back may open
                # the evening before)
