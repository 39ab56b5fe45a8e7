"""The engine against a naive reference evaluator (tests/_reference.py), written from the docs.

Each example is an establishment and a week of it, chosen around what makes weeks differ: a
daylight-saving change, a public holiday, the dates of an exception or a season. The engine's
public queries must agree with the reference at every minute of the week (of the three days
around that date, for the tests that target one) and at each second around each instant
where the reference sees a change (``is_open``, ``can_be_served``, ``is_unknown``), at
sampled instants for ``status`` (state, services open and accepting, closing, last admission,
reason, next opening) and ``next_change``, on each date for ``day()`` (rule, label, source,
slots), and over the week for ``intervals()``.

Instants are epoch seconds: the reference works in them, and they compare without the wall
clock arithmetic of aware datetimes around a change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import event, given, note, reject
from hypothesis import strategies as st

import horaires
from _reference import (
    Reference,
    State,
    covers,
    holiday_name,
    join_slots,
    resolve_day,
    wall_instant,
)
from horaires import Establishment, Service, Slot, examples
from horaires import strategies as hst

UTC = dt.UTC
PARIS = ZoneInfo("Europe/Paris")
YEARS = range(2024, 2028)  # the years horaires.strategies draws dated rules in
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PROBE_ZONES = (UTC, ZoneInfo("Asia/Kolkata"), dt.timezone(dt.timedelta(hours=5, minutes=45)))
DST_ZONES = (
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",  # a 30-minute shift
    "Africa/Casablanca",  # an hour back and forth around Ramadan
    "America/Havana",  # changes at midnight
    "America/Santiago",  # changes at midnight: a day starts at 01:00
)


def moment(at: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(at, UTC)


def epoch(at: dt.datetime | None) -> int | None:
    if at is None:
        return None
    assert at.microsecond == 0, at
    return int(at.timestamp())


def local(place: Establishment, at: int | None) -> str:
    return "None" if at is None else moment(at).astimezone(ZoneInfo(place.timezone)).isoformat()


# -- examples: an establishment and a week of it ----------------------------------------------


@dataclass(frozen=True)
class Week:
    """A local week of an establishment, from ``first`` 00:00, and the reference for it.

    ``focus``, when given, is the date the week was chosen for: the minute-by-minute sweep
    then covers the three days around it (the day before to the day after), which keeps the
    tests that target one date fast; everything else still covers the whole week.
    """

    place: Establishment
    first: dt.date
    focus: dt.date | None = None
    probes: tuple[dt.datetime, ...] = ()  # instants of any zone, to the microsecond
    reference: Reference = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        margin = dt.timedelta(days=3)
        reference = Reference(self.place, self.first - margin, self.first + dt.timedelta(10))
        object.__setattr__(self, "reference", reference)

    @cached_property
    def span(self) -> tuple[int, int]:
        zone, policy = ZoneInfo(self.place.timezone), self.place.disambiguate
        return (
            wall_instant(zone, policy, self.first, 0),
            wall_instant(zone, policy, self.first + dt.timedelta(days=7), 0),
        )

    @cached_property
    def swept(self) -> tuple[int, int]:
        """The span swept minute by minute: the week, or the three days around ``focus``."""
        if self.focus is None:
            return self.span
        zone, policy = ZoneInfo(self.place.timezone), self.place.disambiguate
        start, end = self.span
        return (
            max(start, wall_instant(zone, policy, self.focus - dt.timedelta(days=1), 0)),
            min(end, wall_instant(zone, policy, self.focus + dt.timedelta(days=2), 0)),
        )

    @property
    def parts(self) -> list[str | None]:
        """The whole establishment (None), then the services."""
        return [None, *self.place.services]

    def dates(self) -> Iterator[dt.date]:
        return (self.first + dt.timedelta(days=n) for n in range(7))

    def boundaries(self, service: str | None = None) -> list[int]:
        start, end = self.span
        return [b for b in self.reference.boundaries(service) if start <= b <= end]


_ALL_DAYS = tuple(
    dt.date(YEARS[0], 1, 1) + dt.timedelta(n)
    for n in range((dt.date(YEARS[-1] + 1, 1, 1) - dt.date(YEARS[0], 1, 1)).days)
)


def _has_unknown(place: Establishment) -> bool:
    owners: list[Establishment | Service] = [place, *place.services.values()]
    return any(
        owner.holiday_hours == "unknown" or any(e.hours == "unknown" for e in owner.exceptions)
        for owner in owners
    )


def _rule_dates(place: Establishment) -> list[dt.date]:
    """Dates where the place's dated rules begin, end or fall, in the years drawn."""
    found: list[dt.date] = []
    owners: list[Establishment | Service] = [place, *place.services.values()]
    for owner in owners:
        for exception in owner.exceptions:
            found += [d for d in (exception.date, exception.start, exception.end) if d]
            if exception.rrule is not None:
                found += [day for day in _ALL_DAYS if covers(exception, day)]
        for season in owner.seasons:
            for bound in (season.start, season.end):
                if isinstance(bound, dt.date):
                    found.append(bound)
                else:
                    for year in YEARS:
                        with contextlib.suppress(ValueError):  # 29 February, a common year
                            found.append(dt.date(year, int(bound[:2]), int(bound[3:])))
    return [d for d in found if d.year in YEARS]


def _holidays(place: Establishment) -> list[dt.date]:
    if place.holidays is None:
        return []
    return [d for d in _ALL_DAYS if holiday_name(place, d, place.language) is not None]


def _transitions(place: Establishment) -> list[dt.date]:
    return [t.date() for year in YEARS for t in hst.dst_transitions(place.timezone, year)]


@st.composite
def weeks(draw: st.DrawFn, places: st.SearchStrategy[Establishment], anchor: str = "any") -> Week:
    """A week of a drawn place that holds a date of the ``anchor`` kind when it has one
    (``"transition"``, ``"holiday"``, ``"rule"``), or any week (``"any"``: any kind)."""
    place = draw(places)
    kinds = ["transition", "holiday", "rule", "random"] if anchor == "any" else [anchor]
    kind = draw(st.sampled_from(kinds))
    finders: dict[str, Callable[[Establishment], list[dt.date]]] = {
        "transition": _transitions,
        "holiday": _holidays,
        "rule": _rule_dates,
        "random": lambda _: [],
    }
    dates = finders[kind](place)
    focus: dt.date | None = None
    probes: tuple[dt.datetime, ...] = ()
    if dates:
        focus = draw(st.sampled_from(sorted(set(dates))))
        first = focus - dt.timedelta(draw(st.integers(0, 6)))
    else:  # a week around an instant horaires.strategies favours
        at = draw(hst.aware_datetimes(place.timezone, min_year=2024, max_year=2027))
        first = at.date() - dt.timedelta(draw(st.integers(0, 6)))
        probes = tuple(at.astimezone(zone) for zone in PROBE_ZONES)
    note(f"config={horaires.dump(place)!r}")
    note(f"week from {first.isoformat()} ({kind} {focus or probes[:1]})")
    return Week(place, first, focus if anchor != "any" else None, probes)


# -- the comparisons --------------------------------------------------------------------------


def engine_state(place: Establishment, at: dt.datetime, service: str | None) -> State:
    return State(
        place.is_open(at, service=service),
        place.can_be_served(at, service=service),
        place.is_unknown(at, service=service),
    )


def check_states(week: Week) -> None:
    """``is_open``, ``can_be_served`` (and ``is_unknown``) at every minute of the week (or
    of the days around its focus), and a second before, at and after each boundary the
    reference finds in the week.

    ``can_be_served`` is asked where the engine says open or the reference says accepting
    (that accepting implies open is tests/property/test_invariants.py's), ``is_unknown`` at
    every minute when the configuration says ``unknown`` somewhere, else every hour.
    """
    place, reference = week.place, week.reference
    every_minute = _has_unknown(place)
    instants = set(range(*week.swept, 60))
    for boundary in week.boundaries():
        instants.update((boundary - 1, boundary, boundary + 1))
    ordered = sorted(instants)
    whens = [moment(at) for at in ordered]
    states = reference.states(ordered)
    for service in week.parts:
        for at, when, expected in zip(ordered, whens, states[service], strict=True):
            is_open = place.is_open(when, service=service)
            if (
                is_open != expected.open
                or (
                    (is_open or expected.accepting)
                    and place.can_be_served(when, service=service) != expected.accepting
                )
                or (
                    (every_minute or expected.unknown or at % 3600 == 0)
                    and place.is_unknown(when, service=service) != expected.unknown
                )
            ):
                got = engine_state(place, when, service)
                raise AssertionError(
                    f"service={service!r} at {local(place, at)}: engine {got}, reference {expected}"
                )


def check_probes(week: Week) -> None:
    """The state at instants to the microsecond, given in other zones: the reference's
    boundaries are whole seconds, so the state at ``t`` is its state at ``floor(t)``."""
    for when in week.probes:
        at = int(when.timestamp() // 1)
        for service in week.parts:
            expected = week.reference.state(at, service)
            got = engine_state(week.place, when, service)
            assert got == expected, f"service={service!r} at {when.isoformat()}: {got}"


def _samples(week: Week, service: str | None) -> list[int]:
    """Instants for the heavier queries: every 97 minutes, and around each boundary."""
    start, end = week.span
    found = set(range(start, end, 97 * 60))
    for boundary in week.boundaries(service):
        found.update((boundary - 1, boundary))
    return sorted(at for at in found if start <= at < end)


def check_status(week: Week) -> None:
    """``status`` and ``next_change`` at sampled instants: the state, the services open and
    accepting, the current interval's closing and last admission, the next change and the
    next opening."""
    place, reference = week.place, week.reference
    high = reference.trusted[1]
    for service in week.parts:
        alone = service is not None or not place.services
        for at in _samples(week, service):
            status = place.status(moment(at), service=service)
            expected = reference.state(at, service)
            got = State(status.open, status.accepting, status.unknown)
            where = f"service={service!r} at {local(place, at)}"
            assert got == expected, f"{where}: status {got}, reference {expected}"
            if service is None:
                services = (status.services_open, status.services_accepting)
                assert services == reference.services_in_state(at), where
            change = reference.next_change(at, service)
            got_change = epoch(place.next_change(moment(at), service=service))
            assert epoch(status.next_change) == got_change, where
            if change is not None:
                assert got_change == change, (
                    f"{where}: next_change {local(place, got_change)}, "
                    f"reference {local(place, change)}"
                )
            else:
                assert got_change is None or got_change > high, (
                    f"{where}: next_change {local(place, got_change)}, reference none"
                )
            opening = reference.next_opening(at, service)
            got_opening = epoch(status.next_opening)
            if opening is not None or (got_opening is not None and got_opening <= high):
                assert got_opening == opening, (
                    f"{where}: next_opening {local(place, got_opening)}, "
                    f"reference {local(place, opening)}"
                )
            if alone:
                check_current_interval(week, service, at, status)
            elif expected.open and (closing := reference.next_closing(at)) is not None:
                assert epoch(status.closes_at) == closing, (
                    f"{where}: closes_at {status.closes_at}, reference {local(place, closing)}"
                )


def check_current_interval(
    week: Week, service: str | None, at: int, status: horaires.Status
) -> None:
    """``closes_at``, ``last_admission_at`` and ``reason`` of a service's status (or of a
    place without services)."""
    timeline = week.reference.parts[service]
    high = week.reference.trusted[1]
    where = f"service={service!r} at {local(week.place, at)}"
    reason = week.reference.reason(at, service)
    if reason is not False:
        assert status.reason == reason, f"{where}: reason {status.reason!r}, reference {reason!r}"
    current = [s for s in timeline.stretches if s.start <= at < s.end]
    if not current:
        assert status.closes_at is None and status.last_admission_at is None, where
        return
    (stretch,) = current
    if stretch.end <= high:
        assert epoch(status.closes_at) == stretch.end, (
            f"{where}: closes_at {status.closes_at}, reference {local(week.place, stretch.end)}"
        )
        assert epoch(status.last_admission_at) == stretch.admit_until, (
            f"{where}: last_admission_at {status.last_admission_at}, "
            f"reference {local(week.place, stretch.admit_until)}"
        )


def check_days(week: Week) -> None:
    """``day()``: rule, label, source, unknown and slots of each part on each date; for the
    whole establishment, the general hours' rule and label with every part's slots joined."""
    place, reference = week.place, week.reference
    for day in week.dates():
        for service in week.parts:
            got = place.day(day, service=service)
            expected = reference.day(day, service)
            where = f"service={service!r} on {day}"
            assert (got.rule, got.label) == (expected.rule, expected.label), (
                f"{where}: engine {got}, reference {expected}"
            )
            whole = service is None and bool(place.services)
            parts = [reference.day(day, key) for key in week.parts] if whole else [expected]
            if not any(p.unknown for p in parts):  # a joined day with unknown parts: below
                assert got.unknown == expected.unknown, f"{where}: engine {got}, ref {expected}"
            elif whole:  # unknown all day only when no part opens (docs/concepts.md)
                assert got.unknown == all(p.unknown or not p.slots for p in parts), where
            if service is not None or not place.services:
                assert got.source == expected.source, f"{where}: engine {got}, ref {expected}"
                if not expected.unknown:
                    assert got.slots == expected.slots, f"{where}: engine {got}, ref {expected}"
            elif not any(p.unknown for p in parts):
                # an unknown part's day has slots of its own in the engine (00:00-24:00),
                # which the docs do not give: left out of the comparison
                joined = join_slots(parts)
                assert [(s.opens, s.closes) for s in got.slots] == joined, where


def _runs(week: Week, service: str | None) -> list[tuple[int, int, bool]]:
    """The reference's open and unknown stretches of the week, as ``(start, end, unknown)``,
    clipped to the week."""
    start, end = week.span
    cuts = sorted({start, end, *week.boundaries(service)})
    runs: list[tuple[int, int, bool]] = []
    for a, b in itertools.pairwise(cuts):
        state = week.reference.state(a, service)
        if not (state.open or state.unknown):
            continue
        if runs and runs[-1][1] == a and runs[-1][2] == state.unknown:
            runs[-1] = (runs[-1][0], b, state.unknown)
        else:
            runs.append((a, b, state.unknown))
    return runs


def check_intervals(week: Week) -> None:
    """``intervals()`` over the week: the open and unknown stretches, and for a service (or
    a place without services) each interval's last admission and label (the label of the
    date whose slot opens it, like the reason of a status)."""
    place = week.place
    start, end = week.span
    high = week.reference.trusted[1]
    for service in week.parts:
        got: list[tuple[int, int, bool]] = []
        admissions: dict[int, int | None] = {}
        labels: dict[int, str | None] = {}
        for interval in place.intervals(moment(start), moment(end), service=service):
            a, b = epoch(interval.start), epoch(interval.end)
            assert a is not None and b is not None
            if got and got[-1][1] == a and got[-1][2] == interval.unknown:
                got[-1] = (got[-1][0], b, interval.unknown)
            else:
                got.append((a, b, interval.unknown))
            if not interval.unknown:
                admissions[a] = epoch(interval.last_admission)
                labels[a] = interval.label
        expected = _runs(week, service)
        assert got == expected, (
            f"service={service!r}: intervals "
            f"{[(local(place, a), local(place, b), u) for a, b, u in got]}, reference "
            f"{[(local(place, a), local(place, b), u) for a, b, u in expected]}"
        )
        if service is None and place.services:
            continue
        for stretch in week.reference.parts[service].stretches:
            if start <= stretch.start and stretch.end <= high and stretch.start in admissions:
                assert admissions[stretch.start] == stretch.admit_until, (
                    f"service={service!r}: interval from {local(place, stretch.start)} "
                    f"last admission {local(place, admissions[stretch.start])}, reference "
                    f"{local(place, stretch.admit_until)}"
                )
                label = week.reference.reason(stretch.start, service)
                assert label is False or labels[stretch.start] == label, (
                    f"service={service!r}: interval from {local(place, stretch.start)} "
                    f"label {labels[stretch.start]!r}, reference {label!r}"
                )


def record_events(week: Week) -> None:
    """What the week holds, for ``--hypothesis-show-statistics``."""
    reference = week.reference
    for day in week.dates():
        for service in week.parts:
            resolved = reference.day(day, service)
            event(f"rule: {resolved.rule}{' (unknown)' if resolved.unknown else ''}")
            if service is not None:
                event(f"service day from {'itself' if resolved.source else 'the place'}")
    for timeline in reference.parts.values():
        for kind in sorted(timeline.shifted):
            event(f"a slot time in a daylight-saving {kind}")
        if timeline.vanished:
            event("a slot with no hours (it resolves to close when or before it opens)")
    event(f"services: {len(week.place.services)}")


def check_week(week: Week) -> None:
    check_days(week)
    check_states(week)
    check_probes(week)
    check_status(week)
    check_intervals(week)


# -- the property tests -----------------------------------------------------------------------


@given(weeks(hst.establishments(max_services=2)))
def test_engine_agrees_with_the_reference(week: Week) -> None:
    record_events(week)
    check_week(week)


_SMALL_HOURS = st.sampled_from([150, 120, 0, 135, 90, 1410, 165, 60, 180, 30, 210, 1380])
"""Wall times where the zones of DST_ZONES change (00:00 in Havana and Santiago, 01:30-02:30
at Lord Howe, 02:00-03:00 elsewhere), and 23:00-24:00 (Santiago's repeated hour)."""
_LENGTHS = st.sampled_from([15, 30, 45, 60, 90, 120, 240, 600])


@st.composite
def _night_slots(draw: st.DrawFn, small_hours: int) -> list[Any]:
    """Slots of a day around midnight and the small hours, where nights cross midnight, touch
    the next day's slots and meet daylight-saving changes (``small_hours`` times in ten)."""
    pattern = draw(st.integers(0, 9)) if draw(st.integers(1, 10)) > small_hours else 9
    if pattern == 0:
        return ["20:00-24:00"]
    if pattern == 1:
        return ["00:00-08:00", "20:00-24:00"]
    if pattern == 2:
        return ["22:00-02:00"]
    if pattern == 3:
        return ["13:00-36:00"]
    if pattern == 4:
        return []
    slots: list[Any] = []
    opens = draw(_SMALL_HOURS)
    for _ in range(draw(st.integers(1, 2))):
        length = draw(_LENGTHS)
        slot: dict[str, Any] = {"opens": opens, "closes": opens + length}
        if draw(st.booleans()):
            slot["last_admission"] = opens + draw(st.sampled_from([0, length // 2, length]))
        slots.append(Slot(**slot))
        opens += length + draw(st.sampled_from([0, 0, 15, 60]))  # touching, or a gap
        if opens >= 1440:
            break
    return slots


@st.composite
def _nights(draw: st.DrawFn, small_hours: int = 5) -> Establishment:
    place = draw(hst.establishments(zone=st.sampled_from(DST_ZONES), country=None, max_services=1))
    config = horaires.dump(place)
    config["hours"] = {
        day: draw(_night_slots(small_hours))
        for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    }
    config["disambiguate"] = draw(st.sampled_from(["compatible", "earlier", "later", "clamp"]))
    config["admission"] = {
        "before_closing": draw(st.sampled_from([0, 30, 90, 1439])),
        "applies_to": draw(st.sampled_from(["each_closing", "end_of_day"])),
    }
    return horaires.load(config)


@given(weeks(_nights(), anchor="any"))
def test_engine_agrees_on_nights(week: Week) -> None:
    record_events(week)
    check_week(week)


@given(
    weeks(
        _nights(small_hours=9)
        | hst.establishments(zone=st.sampled_from(DST_ZONES), max_services=1),
        anchor="transition",
    )
)
def test_engine_agrees_on_daylight_saving_weeks(week: Week) -> None:
    record_events(week)
    check_week(week)


@given(
    weeks(
        hst.establishments(
            zone="Europe/Paris",
            country=st.sampled_from(["FR", "FR-57", "FR-974"]),
            min_services=1,
            max_services=2,
        ),
        anchor="holiday",
    )
)
def test_engine_agrees_on_holidays_and_services(week: Week) -> None:
    record_events(week)
    check_week(week)


_RULE_HOURS: list[Any] = [
    "closed",
    "unknown",
    [],
    ["10:00-12:00"],
    ["14:00-16:00", "16:00-18:00"],
    ["22:00-02:00"],
]
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _recurrences(day: dt.date) -> list[str]:
    """Recurrence rules that fall on ``day``, from the weekly to the yearly, and one with days
    of both kinds (``BYDAY=TU,1TH``: every Tuesday and the first Thursday)."""
    code = _WEEKDAY_CODES[day.weekday()]
    return [
        f"FREQ=WEEKLY;BYDAY={code}",
        f"FREQ=MONTHLY;BYMONTHDAY={day.day}",
        f"FREQ=YEARLY;BYMONTH={day.month};BYMONTHDAY={day.day}",
        f"FREQ=MONTHLY;BYDAY={(day.day - 1) // 7 + 1}{code}",
        f"FREQ=MONTHLY;BYDAY={code},1{_WEEKDAY_CODES[(day.weekday() + 2) % 7]}",
    ]


@st.composite
def _bare_recurrence(draw: st.DrawFn, day: dt.date) -> dict[str, Any]:
    """A rule that names no day, so takes it from its start (docs/configuration.md,
    Recurrence rules), with a start that makes it fall on ``day``."""
    back = draw(st.integers(0, 30))
    kind = draw(st.sampled_from(["WEEKLY;INTERVAL=2", "MONTHLY", "YEARLY"]))
    if kind == "MONTHLY" and day.day <= 28:
        month = day.year * 12 + day.month - 1 - back
        start = dt.date(month // 12, month % 12 + 1, day.day)
    elif kind == "YEARLY" and (day.month, day.day) != (2, 29):
        start = day.replace(year=day.year - back % 5)
    else:
        kind, start = "WEEKLY;INTERVAL=2", day - dt.timedelta(weeks=2 * back)
    return {"rrule": f"FREQ={kind}", "start": start}


@st.composite
def _exceptions_around(draw: st.DrawFn, day: dt.date, owner: str) -> list[dict[str, Any]]:
    """Up to three exceptions of one owner that cover ``day`` or a date near it: a date, a
    range and a recurrence, each with its own label, so the winner shows."""
    rules: list[dict[str, Any]] = []
    kinds = draw(st.sampled_from(["", "date range rrule", "date", "range rrule", "date rrule"]))
    near = st.integers(0, 3).map(lambda n: day + dt.timedelta(n))
    if "date" in kinds:
        rules.append({"date": draw(near)})
    if "range" in kinds:
        start = day - dt.timedelta(draw(st.integers(0, 20)))
        rules.append({"start": start, "end": draw(near) + dt.timedelta(draw(st.integers(0, 20)))})
    if "rrule" in kinds and draw(st.integers(0, 3)) == 3:
        rule: dict[str, Any] = draw(_bare_recurrence(day))
        if draw(st.booleans()):
            rule["end"] = day + dt.timedelta(draw(st.integers(0, 800)))
        rules.append(rule)
    elif "rrule" in kinds:
        rule = {"rrule": draw(st.sampled_from(_recurrences(day)))}
        if draw(st.booleans()):
            rule["start"] = day - dt.timedelta(draw(st.integers(0, 800)))
        if draw(st.booleans()):
            rule["end"] = day + dt.timedelta(draw(st.integers(0, 800)))
        rules.append(rule)
    for rule in rules:
        kind = "date" if "date" in rule else "rrule" if "rrule" in rule else "range"
        rule["label"] = f"{owner} {kind}"
        rule["hours"] = draw(st.sampled_from(_RULE_HOURS))
    return rules


@st.composite
def _seasons_around(draw: st.DrawFn, day: dt.date, owner: str) -> list[dict[str, Any]]:
    """Up to two seasons of one owner around ``day``, dated or every year (wrapping the year
    end when they cross it), naming its weekday or not."""
    periods: list[dict[str, Any]] = []
    for n in range(draw(st.sampled_from([2, 1, 0]))):
        start = day - dt.timedelta(draw(st.integers(0, 40)))
        end = day + dt.timedelta(draw(st.integers(-3, 40)))
        end = max(end, start)
        weekdays = draw(st.sets(st.sampled_from(WEEKDAY_NAMES), max_size=4))
        weekdays.add(WEEKDAY_NAMES[day.weekday()])
        hours = {name: draw(st.sampled_from(_RULE_HOURS[2:])) for name in sorted(weekdays)}
        every_year = draw(st.booleans()) and (end - start).days < 365
        period: dict[str, Any] = {
            "label": f"{owner} season {n}",
            "start": start.strftime("%m-%d") if every_year else start,
            "end": end.strftime("%m-%d") if every_year else end,
            "hours": hours,
        }
        periods.append(period)
    return periods


@st.composite
def _layered(draw: st.DrawFn) -> Week:
    """A week of a place whose rules pile up around one of its dates: exceptions of each kind
    and seasons, of the establishment and of its services, on top of holidays and weekly
    hours."""
    place = draw(hst.establishments(max_services=1, max_exceptions=0))
    config = horaires.dump(place)
    day = draw(st.dates(dt.date(2024, 1, 8), dt.date(2027, 12, 20)))
    owners = [("place", config)] + [
        (key, service) for key, service in config.get("services", {}).items()
    ]
    for name, owner in owners:
        owner["exceptions"] = draw(_exceptions_around(day, name))
        owner["seasons"] = draw(_seasons_around(day, name))
    try:
        layered = horaires.load(config)
    except horaires.ConfigError:  # two rules of one level with the same span
        reject()
    first = day - dt.timedelta(draw(st.integers(0, 3)))
    note(f"config={horaires.dump(layered)!r}")
    note(f"week from {first.isoformat()}, rules around {day.isoformat()}")
    return Week(layered, first, day)


@given(_layered())
def test_engine_agrees_on_exceptions_and_seasons(week: Week) -> None:
    record_events(week)
    check_week(week)


# -- the reference itself, on the documented examples -------------------------------------------


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> int:
    return int(dt.datetime(year, month, day, hour, minute, tzinfo=PARIS).timestamp())


def pantin_week() -> Week:
    return Week(examples.pantin(), dt.date(2025, 5, 5))


def test_reference_reads_pantin_as_docs_concepts_say() -> None:
    reference = pantin_week().reference
    expected = {
        "08:29": (False, False),
        "08:30": (True, True),
        "11:59": (True, True),
        "12:00": (True, False),
        "12:30": (False, False),
        "13:30": (True, True),
        "17:00": (True, False),
        "17:30": (False, False),
    }
    for hm, (is_open, accepting) in expected.items():
        hour, minute = map(int, hm.split(":"))
        state = reference.state(paris(2025, 5, 5, hour, minute))
        assert (state.open, state.accepting) == (is_open, accepting), hm
    saturday = paris(2025, 5, 3, 10, 0)
    saturday_reference = Week(examples.pantin(), dt.date(2025, 4, 28)).reference
    assert saturday_reference.state(saturday).open
    assert not saturday_reference.state(saturday, "urbanisme").open
    assert saturday_reference.services_in_state(saturday)[1] == ("etat-civil",)


def test_reference_resolves_pantin_days() -> None:
    pantin = examples.pantin()
    civil = resolve_day(pantin, "etat-civil", dt.date(2025, 5, 5))
    assert [slot.span for slot in civil.slots] == ["08:30-12:30", "13:30-17:30"]
    assert civil.source is None
    saturday = resolve_day(pantin, "etat-civil", dt.date(2025, 5, 3))
    assert (saturday.rule, saturday.source, [s.span for s in saturday.slots]) == (
        "weekly",
        "etat-civil",
        ["09:00-12:30"],
    )
    may_day = resolve_day(pantin, None, dt.date(2025, 5, 1))
    assert (may_day.rule, may_day.label, may_day.slots) == ("holiday", "Fête du Travail", ())
    assert resolve_day(pantin, None, dt.date(2025, 12, 25)).label == "Noël"
    assert resolve_day(pantin, None, dt.date(2025, 5, 1), "en").label == "Labor Day"


def test_reference_windows_of_docs_admission() -> None:
    def stretches(config: dict[str, Any]) -> list[tuple[int, int, int]]:
        place = horaires.load({"name": "Example", **config})
        reference = Week(place, dt.date(2025, 5, 5)).reference
        start, end = paris(2025, 5, 5), paris(2025, 5, 7)
        return [
            (s.start, s.end, s.admit_until)
            for s in reference.parts[None].stretches
            if start <= s.start < end
        ]

    assert stretches(
        {"hours": {"mon": ["10:00-10:30", "14:00-18:00"]}, "admission": {"before_closing": 45}}
    ) == [
        (paris(2025, 5, 5, 10), paris(2025, 5, 5, 10, 30), paris(2025, 5, 5, 10)),
        (paris(2025, 5, 5, 14), paris(2025, 5, 5, 18), paris(2025, 5, 5, 17, 15)),
    ]
    night = {"mon": ["20:00-24:00"], "tue": ["00:00-08:00"]}
    for applies_to in ("each_closing", "end_of_day"):
        rule = {"before_closing": 30, "applies_to": applies_to}
        assert stretches({"hours": night, "admission": rule}) == [
            (paris(2025, 5, 5, 20), paris(2025, 5, 6, 8), paris(2025, 5, 6, 7, 30))
        ]
    explicit = {
        "mon": [{"opens": "10:00", "closes": "18:00", "last_admission": "17:15"}],
        "tue": ["10:00-18:00"],
    }
    assert stretches({"hours": explicit, "admission": {"before_closing": 60}}) == [
        (paris(2025, 5, 5, 10), paris(2025, 5, 5, 18), paris(2025, 5, 5, 17, 15)),
        (paris(2025, 5, 6, 10), paris(2025, 5, 6, 18), paris(2025, 5, 6, 17)),
    ]
    config = horaires.dump(examples.pantin())
    config["admission"]["applies_to"] = "end_of_day"
    evening_only = Week(horaires.load(config), dt.date(2025, 5, 5)).reference
    assert evening_only.state(paris(2025, 5, 5, 12, 10)).accepting
    assert not evening_only.state(paris(2025, 5, 5, 17, 10)).accepting


def test_reference_reasons_of_docs_queries() -> None:
    holiday = Week(examples.pantin(), dt.date(2025, 4, 28)).reference
    assert holiday.reason(paris(2025, 5, 1, 10)) == "Fête du Travail"
    assert holiday.reason(paris(2025, 5, 2, 10)) is None  # weekly hours
    night = horaires.load(
        {
            "name": "Bar",
            "hours": {"fri": ["22:00-02:00"], "sat": ["10:00-11:00"]},
            "exceptions": [{"label": "Fête", "date": "2025-05-02", "hours": ["23:00-24:00"]}],
            "seasons": [{"label": "Mai", "start": "05-01", "end": "05-31", "hours": {"sat": []}}],
        }
    )
    reference = Week(night, dt.date(2025, 4, 28)).reference
    assert reference.reason(paris(2025, 5, 2, 23, 30)) == "Fête"
    assert reference.reason(paris(2025, 5, 3, 0, 0)) == "Mai"  # closed: the date's own
    later = Week(night, dt.date(2025, 5, 5)).reference
    assert later.reason(paris(2025, 5, 9, 23, 30)) is None
    assert later.reason(paris(2025, 5, 10, 1, 30)) is None  # Friday's night, not Mai


@pytest.mark.parametrize(
    ("policy", "spring", "autumn"),
    [
        ("compatible", "2025-03-30T03:30:00+02:00", "2025-10-26T02:30:00+02:00"),
        ("earlier", "2025-03-30T01:30:00+01:00", "2025-10-26T02:30:00+02:00"),
        ("later", "2025-03-30T03:30:00+02:00", "2025-10-26T02:30:00+01:00"),
        ("clamp", "2025-03-30T03:00:00+02:00", "2025-10-26T02:30:00+02:00"),
    ],
)
def test_reference_closes_the_bar_of_docs_time(policy: str, spring: str, autumn: str) -> None:
    bar = horaires.load(
        {
            "name": "Bar",
            "disambiguate": policy,
            "hours": {"sat": ["22:00-02:30"]},
            "admission": {"before_closing": "30min"},
        }
    )
    for saturday, closing in ((dt.date(2025, 3, 29), spring), (dt.date(2025, 10, 25), autumn)):
        opens = paris(saturday.year, saturday.month, saturday.day, 22)
        stretches = Week(bar, saturday - dt.timedelta(days=5)).reference.parts[None].stretches
        (stretch,) = [s for s in stretches if s.start == opens]
        assert moment(stretch.end).astimezone(PARIS).isoformat() == closing
        assert stretch.admit_until == stretch.end - 1800


def test_reference_precedence_of_docs_configuration() -> None:
    week = {d: ["09:00-12:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
    place = horaires.load(
        {
            "name": "Mairie",
            "hours": week,
            "holidays": {"country": "FR"},
            "exceptions": [
                {"label": "Travaux", "start": "2025-08-04", "end": "2025-08-15", "hours": "closed"},
                {"label": "Portes ouvertes", "date": "2025-08-08", "hours": ["10:00-16:00"]},
            ],
            "services": {
                "cnie": {
                    "exceptions": [
                        {"label": "Permanence", "date": "2025-08-05", "hours": ["09:00-11:00"]}
                    ]
                }
            },
        }
    )
    labels = [resolve_day(place, None, dt.date(2025, 8, d)).label for d in (4, 8)]
    assert labels == ["Travaux", "Portes ouvertes"]
    assert resolve_day(place, "cnie", dt.date(2025, 8, 5)).label == "Permanence"
    assert resolve_day(place, "cnie", dt.date(2025, 8, 15)).label == "Travaux"
    moselle = horaires.load(
        {"name": "Metz", "hours": week, "holidays": {"country": "FR", "subdivision": "57"}}
    )
    assert resolve_day(moselle, None, dt.date(2025, 4, 18)).label == "Vendredi saint"
    museum = examples.load_example("museum")
    summer = resolve_day(museum, None, dt.date(2025, 7, 10))
    assert (summer.label, [s.span for s in summer.slots]) == ("Horaires d'été", ["10:00-21:00"])
    assert resolve_day(museum, None, dt.date(2025, 9, 11)).rule == "weekly"
    townhall = examples.load_example("townhall")
    assert (
        resolve_day(townhall, None, dt.date(2025, 6, 7)).label == "Fermé le premier samedi du mois"
    )


def test_reference_agrees_on_the_bundled_examples() -> None:
    weeks = {
        "pantin": dt.date(2025, 4, 28),  # 1 May and a Saturday for etat-civil
        "museum": dt.date(2025, 6, 28),  # summer hours from 1 July
        "pharmacy": dt.date(2025, 12, 22),  # Christmas Eve, nights across midnight
        "townhall": dt.date(2025, 3, 29),  # the spring change, the first Saturday of April
    }
    for name, first in weeks.items():
        check_week(Week(examples.load_example(name), first))


@pytest.mark.parametrize("policy", ["compatible", "earlier", "later", "clamp"])
@pytest.mark.parametrize(
    "hours",
    [["10:00-12:00"], ["20:00-08:00"], ["00:00-24:00"]],
    ids=["mornings", "nights", "all-day"],
)
def test_engine_agrees_around_a_skipped_day(policy: str, hours: list[str]) -> None:
    """Pacific/Apia skipped 30 December 2011: that date has no hours (docs/concepts.md, The
    rules, in one place), and the nights of the 29th close when the clock reads their closing
    on the 31st; a service makes the whole establishment a combination."""
    place = horaires.load(
        {
            "name": "Apia",
            "timezone": "Pacific/Apia",
            "disambiguate": policy,
            "hours": dict.fromkeys(WEEKDAY_NAMES, hours),
            "admission": {"before_closing": 30, "applies_to": "end_of_day"},
            "services": {"desk": {"hours": {"sat": ["09:00-10:00"]}}},
        }
    )
    check_week(Week(place, dt.date(2011, 12, 26)))


@pytest.mark.parametrize("policy", ["compatible", "earlier", "later", "clamp"])
@pytest.mark.parametrize(
    ("zone", "first"),
    [
        ("America/Santiago", dt.date(2025, 4, 3)),  # 24:00 on the 5th is 23:00 twice
        ("America/Santiago", dt.date(2025, 9, 4)),  # the 7th starts at 01:00
        ("America/Havana", dt.date(2025, 3, 6)),  # the 9th starts at 01:00
        ("America/Havana", dt.date(2025, 10, 30)),  # 00:00-01:00 on 2 November twice
    ],
)
def test_engine_agrees_on_changes_at_midnight(zone: str, first: dt.date, policy: str) -> None:
    """Nights that touch across a midnight that a daylight-saving change skips or repeats."""
    place = horaires.load(
        {
            "name": "Nuit",
            "timezone": zone,
            "disambiguate": policy,
            "hours": {key: ["00:00-08:00", "20:00-24:00"] for key in WEEKDAY_NAMES},
            "admission": {"before_closing": 30, "applies_to": "end_of_day"},
            "services": {
                "guichet": {
                    "inherit_hours": False,
                    "hours": {key: ["23:00-00:30"] for key in WEEKDAY_NAMES},
                    "exceptions": [{"date": first + dt.timedelta(days=3), "hours": "unknown"}],
                }
            },
        }
    )
    check_week(Week(place, first))


# -- slots that a spring-forward gap swallows (docs/concepts.md, The rules, in one place) --------

GAP_SLOT = {"name": "Bar", "hours": {"sun": ["02:30-03:00"]}}
"""On 30 March 2025 Paris skips 02:00-03:00: the slot resolves to 03:30 (compatible: forward
by the gap) to 03:00, so it has no hours that night; on other Sundays it is an ordinary slot."""
NIGHT_OF_THE_GAP = dt.datetime(2025, 3, 30, 0, 59, tzinfo=PARIS)


def test_a_slot_that_resolves_backwards_yields_no_interval() -> None:
    place = horaires.load(GAP_SLOT)
    start, end = dt.datetime(2025, 3, 29, tzinfo=PARIS), dt.datetime(2025, 3, 31, tzinfo=PARIS)
    assert list(place.intervals(start, end)) == []
    assert Week(place, dt.date(2025, 3, 24)).reference.parts[None].vanished


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("next_change", dt.datetime(2025, 4, 6, 2, 30, tzinfo=PARIS)),
        ("next_opening", dt.datetime(2025, 4, 6, 2, 30, tzinfo=PARIS)),
        ("next_closing", dt.datetime(2025, 4, 6, 3, tzinfo=PARIS)),
    ],
)
def test_a_slot_that_resolves_backwards_is_no_change(query: str, expected: dt.datetime) -> None:
    place = horaires.load(GAP_SLOT)
    assert getattr(place, query)(NIGHT_OF_THE_GAP) == expected


@pytest.mark.parametrize("inherit_hours", [True, False])
def test_a_slot_that_resolves_backwards_leaves_the_whole_closed(inherit_hours: bool) -> None:
    place = horaires.load({**GAP_SLOT, "services": {"a": {"inherit_hours": inherit_hours}}})
    monday = dt.datetime(2025, 3, 31, 12, 0, tzinfo=PARIS)
    assert not place.is_open(monday, service="a")
    assert place.status(monday).services_open == ()
    assert not place.is_open(monday)


def test_a_slot_of_no_length_gives_no_closing() -> None:
    """``02:00-03:00`` resolves to 03:00-03:00 on the night of the gap: it has no hours, so
    the interval it touches keeps its own last admission."""
    place = horaires.load(
        {
            "name": "Bar",
            "hours": {
                "sun": [
                    {"opens": "01:00", "closes": "02:00", "last_admission": "01:00"},
                    {"opens": "02:00", "closes": "03:00", "last_admission": "02:00"},
                ]
            },
        }
    )
    (interval,) = place.intervals(NIGHT_OF_THE_GAP, NIGHT_OF_THE_GAP + dt.timedelta(hours=6))
    assert interval.last_admission == dt.datetime(2025, 3, 30, 1, 0, tzinfo=PARIS)
    check_week(Week(place, dt.date(2025, 3, 24)))
