"""The library's guarantees (docs/testing.md), checked on generated establishments.

Instants are compared as epoch seconds and shifted in UTC: two aware datetimes of one zone
compare, subtract and add by wall clock, which is wrong around a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from hypothesis import example, given, note
from hypothesis import strategies as st

from horaires import Combined, Establishment, Interval, Schedule, Service
from horaires import strategies as hst
from horaires._establishment import engine

UTC = dt.UTC
ZONES = [
    UTC,
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Kolkata"),
    dt.timezone(dt.timedelta(hours=5, minutes=45)),
]
TINY = dt.timedelta(microseconds=1)


def utc(at: dt.datetime) -> dt.datetime:
    return at.astimezone(UTC)


def ts(at: dt.datetime | None) -> float | None:
    return None if at is None else at.timestamp()


def state(schedule: Schedule | Combined, at: dt.datetime) -> tuple[bool, bool, bool]:
    return schedule.is_open(at), schedule.can_be_served(at), schedule.is_unknown(at)


def spans(
    intervals: Iterable[Interval],
) -> list[tuple[float, float, float | None, str | None, bool]]:
    return [
        (i.start.timestamp(), i.end.timestamp(), ts(i.last_admission), i.label, i.unknown)
        for i in intervals
        if i.end is not None
    ]


@st.composite
def cases(draw: st.DrawFn, max_services: int = 2) -> tuple[Establishment, str | None, dt.datetime]:
    """An establishment, one of its services (None: the whole), and an instant."""
    place = draw(hst.establishments(max_services=max_services))
    service = draw(st.sampled_from([None, *place.services]))
    at = draw(hst.aware_datetimes(place.timezone))
    note(f"config={place.model_dump(mode='json')!r} service={service!r} at={at.isoformat()}")
    return place, service, at


spans_ = st.integers(1, 10 * 86400).map(lambda s: dt.timedelta(seconds=s))


@given(cases())
def test_accepting_implies_open(case: tuple[Establishment, str | None, dt.datetime]) -> None:
    place, service, at = case
    status = place.status(at, service=service)
    assert status.open == place.is_open(at, service=service)
    assert status.accepting == place.can_be_served(at, service=service)
    if status.accepting:
        assert status.open
    if status.open:
        # as instants: two datetimes of one zone compare by wall time, fold ignored (02:00
        # the second time, on the night the clocks go back, is not "after" the first)
        assert status.closes_at is None or ts(status.closes_at) > ts(at)
    else:
        assert status.closes_at is None
    assert ts(status.next_change) == ts(place.next_change(at, service=service))
    assert ts(status.next_opening) == ts(place.next_opening(at, service=service))


@given(cases())
def test_state_is_constant_until_next_change(
    case: tuple[Establishment, str | None, dt.datetime],
) -> None:
    place, service, at = case
    schedule = place.schedule(service)
    at = utc(at)
    change = schedule.next_change(at)
    if change is None:
        return
    change = utc(change)
    assert change > at
    now = state(schedule, at)
    for point in (at + (change - at) / 2, change - TINY, change - dt.timedelta(seconds=1)):
        if point >= at:
            assert state(schedule, point) == now, point
    assert state(schedule, change) != now


# an unknown first Saturday runs straight into Sunday's 00:00-01:00: two stretches, one after
# the other (found with the dev profile, seed 89)
ADJACENT = Establishment.model_validate(
    {
        "name": "Mairie",
        "hours": {"sun": ["00:00-01:00"]},
        "exceptions": [{"rrule": "FREQ=MONTHLY;BYDAY=1SA", "hours": "unknown"}],
    }
)


@given(cases(), spans_)
@example(
    (ADJACENT, None, dt.datetime(2024, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))), dt.timedelta(days=7)
)
def test_intervals_agree_with_point_queries(
    case: tuple[Establishment, str | None, dt.datetime], span: dt.timedelta
) -> None:
    place, service, start = case
    start = utc(start)
    end = start + span
    schedule = place.schedule(service)
    found = list(schedule.intervals(start, end))
    cursor = start.timestamp()
    for interval in found:
        assert interval.end is not None
        assert cursor <= interval.start.timestamp() < interval.end.timestamp() <= end.timestamp()
        if cursor < interval.start.timestamp():  # a gap: closed and known
            gap = dt.datetime.fromtimestamp((cursor + interval.start.timestamp()) / 2, UTC)
            assert state(schedule, gap) == (False, False, False)
        expected = (False, False, True) if interval.unknown else None
        for point in (
            interval.start,
            utc(interval.start) + (utc(interval.end) - utc(interval.start)) / 2,
            utc(interval.end) - TINY,
        ):
            if expected is not None:
                assert state(schedule, point) == expected
            else:
                assert schedule.is_open(point)
        if interval.end < end:  # the stretch ends: what it was stops there
            after = state(schedule, interval.end)
            assert after != state(schedule, utc(interval.end) - TINY)
            # (an unknown stretch may run straight into opening hours, and the reverse)
            assert after[2] is False if interval.unknown else after[0] is False
        cursor = interval.end.timestamp()
    if cursor < end.timestamp():
        gap = dt.datetime.fromtimestamp((cursor + end.timestamp()) / 2, UTC)
        assert state(schedule, gap) == (False, False, False)
    if isinstance(schedule, Schedule):  # one service: one admission window per interval
        for interval in found:
            if interval.unknown or interval.last_admission is None:
                continue
            admit = interval.last_admission.timestamp()
            for point in (
                interval.start,
                utc(interval.start) + (utc(interval.end) - utc(interval.start)) / 2,
                utc(interval.end) - TINY,
            ):
                assert schedule.can_be_served(point) == (point.timestamp() < admit)


@given(cases(), spans_)
def test_admission_windows_agree_with_can_be_served(
    case: tuple[Establishment, str | None, dt.datetime], span: dt.timedelta
) -> None:
    place, service, start = case
    start = utc(start)
    end = start + span
    cursor = start
    for window in place.admission_windows(start, end, service=service):
        assert (
            cursor.timestamp()
            <= window.start.timestamp()
            < window.end.timestamp()
            <= end.timestamp()
        )
        for point in (
            window.start,
            utc(window.start) + (utc(window.end) - utc(window.start)) / 2,
            utc(window.end) - TINY,
        ):
            assert place.can_be_served(point, service=service)
        if cursor.timestamp() < window.start.timestamp():
            middle = dt.datetime.fromtimestamp(
                (cursor.timestamp() + window.start.timestamp()) / 2, UTC
            )
            assert not place.can_be_served(middle, service=service)
        if window.end.timestamp() < end.timestamp():
            assert not place.can_be_served(window.end, service=service)
        cursor = window.end


def merged(
    left: list[tuple[float, float, float | None, str | None, bool]],
    right: list[tuple[float, float, float | None, str | None, bool]],
):  # type: ignore[no-untyped-def]
    if left and right and left[-1][1] == right[0][0] and left[-1][4] == right[0][4]:
        a, b = left[-1], right[0]
        return [*left[:-1], (a[0], b[1], a[2], a[3], a[4]), *right[1:]]
    return left + right


@given(cases(), spans_, spans_)
def test_intervals_are_additive(
    case: tuple[Establishment, str | None, dt.datetime], first: dt.timedelta, second: dt.timedelta
) -> None:
    place, service, a = case
    a = utc(a)
    b, c = a + first, a + first + second
    whole = spans(place.intervals(a, c, service=service))
    parts = merged(
        spans(place.intervals(a, b, service=service)), spans(place.intervals(b, c, service=service))
    )
    assert whole == parts


@given(cases(max_services=3))
def test_establishment_is_open_when_any_part_is(
    case: tuple[Establishment, str | None, dt.datetime],
) -> None:
    place, _, at = case
    whole = place.schedule()
    parts = [engine(place).schedule(None, None, False)] + [
        place.schedule(s) for s in place.services
    ]
    states = [state(part, at) for part in parts]
    assert whole.is_open(at) == any(s[0] for s in states)
    assert whole.can_be_served(at) == any(s[1] for s in states)
    status = place.status(at)
    assert status.services_open == tuple(s for s in place.services if place.is_open(at, service=s))
    assert status.services_accepting == tuple(
        s for s in place.services if place.can_be_served(at, service=s)
    )


@given(cases(max_services=1), spans_)
def test_a_service_without_overrides_is_its_establishment(
    case: tuple[Establishment, str | None, dt.datetime], span: dt.timedelta
) -> None:
    place, _, at = case
    at = utc(at)
    fields = {name: getattr(place, name) for name in type(place).model_fields}
    copy = Establishment.model_validate(
        {**fields, "services": {**place.services, "plain-copy": Service()}}
    )
    general = engine(copy).schedule(None, None, False)
    plain = copy.schedule("plain-copy")
    assert state(plain, at) == state(general, at)
    assert ts(plain.next_change(at)) == ts(general.next_change(at))
    assert spans(plain.intervals(at, at + span)) == spans(general.intervals(at, at + span))
    assert (
        plain.day(at.astimezone(copy.zone).date()).slots
        == general.day(at.astimezone(copy.zone).date()).slots
    )


@given(cases(), st.sampled_from(ZONES))
def test_answers_do_not_depend_on_the_zone_of_at(
    case: tuple[Establishment, str | None, dt.datetime], zone: dt.tzinfo
) -> None:
    place, service, at = case
    moved = at.astimezone(zone)
    assert state(place.schedule(service), moved) == state(place.schedule(service), at)
    one, other = place.status(at, service=service), place.status(moved, service=service)
    for name in ("open", "accepting", "unknown", "reason", "services_open", "services_accepting"):
        assert getattr(one, name) == getattr(other, name), name
    for name in ("closes_at", "last_admission_at", "next_opening", "next_change"):
        assert ts(getattr(one, name)) == ts(getattr(other, name)), name
    assert ts(place.next_closing(at, service=service)) == ts(
        place.next_closing(moved, service=service)
    )


@given(cases(), spans_)
def test_pickling_preserves_answers(
    case: tuple[Establishment, str | None, dt.datetime], span: dt.timedelta
) -> None:
    place, service, at = case
    at = utc(at)
    schedule = place.schedule(service)
    before = (
        state(schedule, at),
        ts(schedule.next_change(at)),
        spans(schedule.intervals(at, at + span)),
    )
    copy = pickle.loads(pickle.dumps(schedule))
    assert copy == schedule and hash(copy) == hash(schedule)
    after = (state(copy, at), ts(copy.next_change(at)), spans(copy.intervals(at, at + span)))
    assert after == before
    again = pickle.loads(pickle.dumps(place))
    assert again == place
    assert state(again.schedule(service), at) == before[0]


@given(cases())
def test_next_opening_is_open_and_nothing_before_it_is(
    case: tuple[Establishment, str | None, dt.datetime],
) -> None:
    place, service, at = case
    opening = place.next_opening(at, service=service)
    if opening is None:
        return
    assert opening.timestamp() > at.timestamp()
    assert place.is_open(opening, service=service)
    assert not place.is_open(utc(opening) - TINY, service=service)
    known = [i for i in place.intervals(at, opening, service=service) if not i.unknown]
    assert all(i.start.timestamp() == at.timestamp() for i in known), (
        known
    )  # open at ``at`` at most, then closed
    assert len(known) <= 1


@given(cases())
def test_next_closing_is_closed_and_open_until_it(
    case: tuple[Establishment, str | None, dt.datetime],
) -> None:
    place, service, at = case
    closing = place.next_closing(at, service=service)
    if closing is None:
        return
    assert closing.timestamp() > at.timestamp()
    assert not place.is_open(closing, service=service)
    assert place.is_open(utc(closing) - TINY, service=service)
    if place.is_open(at, service=service):
        known = [i for i in place.intervals(at, closing, service=service) if not i.unknown]
        assert [(i.start.timestamp(), i.end and i.end.timestamp()) for i in known] == [
            (at.timestamp(), closing.timestamp())
        ]
