"""Write ``opening_hours`` values of a schedule or an establishment.

Syntax trees are written by :mod:`horaires.osm._format` (the canonical form). A native
configuration becomes rules in increasing precedence (later rules win in
``opening_hours``): weekly hours, seasons, public holidays (``PH``), dated exceptions.
The admission cutoff has no OpenStreetMap tag: it is written as the comment of each
opening rule (``open "last admission 30 min before closing"``), which keeps the rule
open; ``admission="drop"`` leaves it out.

>>> from horaires import examples
>>> to_tags(examples.pantin())["opening_hours:etat-civil"]
'Mo-We,Fr 08:30-12:30,13:30-17:30 open "last admission 30 min before closing"; Th 13:30-17:30 open "last admission 30 min before closing"; Sa 09:00-12:30 open "last admission 30 min before closing"; PH off'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from types import NoneType
from typing import TYPE_CHECKING, Literal, cast

from .._dated import DatedRule
from .._errors import ArgumentError, HorairesError, check_types
from .._model import EstablishmentData, WeeklyHours
from .._recurrence import RRule
from .._resolve import View
from .._schedule import Combined, Schedule
from .._wall import FIRST_DATE, LAST_DATE
from ._ast import (
    DatePoint,
    DateSpan,
    Holiday,
    MonthDays,
    MonthdaySelector,
    NthWeekday,
    Rule,
    State,
    TimeSpan,
    VariableTime,
    WeekdayRange,
    WeekdaySelector,
)
from ._evaluate import OSMSource
from ._format import _time, write

if TYPE_CHECKING:
    from .._model import AdmissionRule, DatedException, Season, Slot
    from .._sun import SunTime

__all__ = ["Admission", "to_osm", "to_tags"]

Admission = Literal["comment", "drop"]
"""How an admission cutoff is exported: as a rule comment, or left out on purpose."""

DAY = 1440


# -- native configurations --------------------------------------------------------------------

_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_list(days: Sequence[int]) -> tuple[WeekdayRange, ...]:
    """``Mo-We,Fr`` from ``[0, 1, 2, 4]``: runs of three or more become ranges."""
    out: list[WeekdayRange] = []
    run: list[int] = []
    for day in [*sorted(days), 99]:
        if run and day == run[-1] + 1:
            run.append(day)
            continue
        if len(run) >= 3:
            out.append(WeekdayRange(run[0], run[-1]))
        else:
            out.extend(WeekdayRange(d, d) for d in run)
        run = [day]
    return tuple(out)


def _spans(slots: Sequence[Slot]) -> tuple[TimeSpan, ...]:
    out = []
    for slot in sorted(slots, key=lambda s: s.opens):
        closes = slot.closes
        if closes > DAY and closes - DAY < slot.opens:
            closes -= DAY
        opens_sun = _sun(slot.opens_sun)
        closes_sun = _sun(slot.closes_sun)
        if closes_sun is not None:
            closes = closes_sun.minutes
        out.append(TimeSpan(slot.opens, closes, start_sun=opens_sun, end_sun=closes_sun))
    return tuple(out)


def _sun(time: SunTime | None) -> VariableTime | None:
    """A sun time of a slot as the syntax writes it."""
    return None if time is None else VariableTime(time.event, time.offset)


def _admission_text(rule: AdmissionRule | None, slots: Sequence[Slot]) -> str | None:
    explicit = [s.last_admission for s in slots if s.last_admission is not None]
    parts: list[str] = []
    if explicit:
        parts.append("last admission " + ", ".join(_time(m % DAY) for m in explicit))
    if rule is not None and rule.before_closing:
        minutes = int(rule.before_closing.total_seconds() // 60)
        where = "closing" if rule.applies_to == "each_closing" else "the day's last closing"
        amount = f"{minutes} min" if minutes < 60 or minutes % 60 else f"{minutes // 60} h"
        parts.append(f"{'' if explicit else 'last admission '}{amount} before {where}")
    return "; ".join(parts) or None


class _Builder:
    """Collects the rules of one service (or the general hours) of an establishment."""

    def __init__(self, view: View, admission: Admission) -> None:
        self.view = view
        self.rule = None if admission == "drop" else view.admission_rule
        self.rules: list[Rule] = []
        self.weekly_count = 0

    def add(
        self, hours: Sequence[Slot] | str, label: str | None = None, **selectors: object
    ) -> None:
        state: State | None
        comment = label or None
        if isinstance(hours, str):
            state = "closed" if hours == "closed" else "unknown"
            times: tuple[TimeSpan, ...] = ()
        elif not hours:
            state, times = "closed", ()
        else:
            state, times = None, _spans(hours)
            cutoff = _admission_text(self.rule, hours)
            if cutoff:
                comment = f"{label} — {cutoff}" if label else cutoff
        if comment is not None and state is None:
            state = "open"
        self.rules.append(Rule(times=times, state=state, comment=comment, **selectors))  # type: ignore[arg-type]

    def weekly(self) -> None:
        self._week(self.view.usual_week(sun=True), {})

    def _week(
        self,
        week: Sequence[Sequence[Slot] | None],
        selectors: dict[str, object],
        closed: bool = False,
    ) -> None:
        groups: dict[tuple[tuple[int, int, int | None], ...], list[int]] = {}
        for w, slots in enumerate(week):
            if slots is None or (not slots and not closed):
                continue
            key = tuple((s.opens, s.closes, s.last_admission) for s in slots)
            groups.setdefault(key, []).append(w)
        first = len(self.rules)
        for _key, days in sorted(groups.items(), key=lambda kv: kv[1][0]):
            slots = week[days[0]]
            assert slots is not None
            self.add(slots, None, weekdays=_weekday_list(days), **selectors)
        spills = any(s.closes > DAY for slots in week if slots for s in slots)
        if spills:  # additional rules keep the part after midnight of the day before
            for i in range(first + 1, len(self.rules)):
                self.rules[i] = _replace(self.rules[i], additional=True)

    def seasons(self) -> None:
        for _, seasons in reversed(self.view.season_owners):  # later rules win
            for season in sorted(seasons, key=lambda s: -s.span_days):
                week = [season.hours.day(w) for w in range(7)]
                self._week(week, {"monthdays": _season_spans(season)}, closed=True)

    def school(self) -> None:
        """The school-holiday hours (``SH``): after seasons, before public holidays."""
        hours = self.view.school_holiday_hours
        if self.view.school_calendar is None or hours == "usual":
            return
        weekly = hours if isinstance(hours, WeeklyHours) else None
        flat: Sequence[Slot] = () if isinstance(hours, (WeeklyHours, str)) else hours
        spill = _spill(flat) or any(self._usual_spill(wd) for wd in range(7))
        if weekly is not None:
            spill = spill or any(_spill(weekly.day(w) or ()) for w in range(7))
        if spill:
            raise HorairesError(
                "cannot write school-holiday hours together with hours past midnight in "
                "opening_hours: a school-holiday rule would also replace the end of the "
                "night before it"
            )
        calendar, school = self.view.calendar, self.view.school_calendar
        if calendar is not None and calendar.country != school.country:
            raise HorairesError(
                f"cannot write the school holidays of {school.country} with the public holidays "
                f"of {calendar.country} in opening_hours: a value is read with the holidays "
                "of one country (where the place is)"
            )
        if weekly is not None:
            week = [weekly.day(w) for w in range(7)]
            self._week(week, {"holidays": (Holiday(0, "SH"),)}, closed=True)
            return
        assert not isinstance(hours, WeeklyHours)
        self.add(hours, None, holidays=(Holiday(0, "SH"),))

    def holidays(self) -> None:
        hours = self._holiday_hours()
        if hours == "usual":
            return
        self.add(hours, None, holidays=(Holiday(),))
        # The nights around a holiday, as the engine has them: the holiday keeps the end of
        # the night before (unless that day was a holiday too: the closing rules come
        # after), and the usual night of the holiday's weekday does not run into the next day.
        own_spill = _spill(hours)
        incoming: dict[int, list[int]] = {}
        for wd in range(7):
            spill_in = self._usual_spill((wd - 1) % 7)
            if spill_in:
                incoming.setdefault(spill_in, []).append(wd)
        for end, days in incoming.items():
            self.rules.append(_extra(0, end, "open", holidays=(Holiday(),), weekdays=_on(days)))
        for wd in range(7):
            for a, b in self._night_after(wd, own_spill):
                nxt = _on([(wd + 1) % 7])
                self.rules.append(_extra(a, b, "closed", holidays=(Holiday(1),), weekdays=nxt))

    def exceptions(self) -> None:
        written: list[DatedRule] = []
        for _, exceptions in reversed(self.view.exception_owners):  # later rules win
            dated = sorted(exceptions, key=lambda e: -(e.span_days or 10**6))
            for exception in dated:
                self.add(exception.hours, exception.label, **_exception_selectors(exception))
                self._night_edges(exception, written)
                written.append(DatedRule(exception, ""))

    def _night_edges(self, exception: DatedException, before: Sequence[DatedRule]) -> None:
        """Keep the night around a dated exception as the native engine has it.

        In ``opening_hours`` a dated rule also replaces the part after midnight of the
        night before, and leaves the usual night after it (the weekly one, or that of an
        exception written ``before`` it on the same date): additional rules restore the
        first and close the second."""
        first = exception.date or exception.start
        last = exception.date or exception.end
        own_spill = _spill(exception.hours)
        holiday_hours = self._holiday_hours()
        holiday_spill = _spill(holiday_hours)
        if first is not None and last is not None:
            if first <= FIRST_DATE or last >= LAST_DATE:  # the nights around it are needed
                raise HorairesError(
                    f"cannot write the exception of {first} to {last} in opening_hours: "
                    f"dates are supported from {FIRST_DATE} to {LAST_DATE}"
                )
            source = self.view
            spill_in = _spill(source.day(first - dt.timedelta(days=1)).slots)
            if spill_in:
                self.rules.append(_extra(0, spill_in, "open", monthdays=(_date_selector(first),)))
            after = last + dt.timedelta(days=1)
            # the usual night of ``last``: its holiday's when it is one, else its weekday's
            on_holiday = holiday_hours != "usual" and source.holiday(last) is not None
            usual = holiday_spill if on_holiday else None
            wider = [_spill(rule.exception.hours) for rule in before if rule.dates(last, last)]
            if any(wider):
                weekly = self._usual_spill(last.weekday()) if usual is None else usual
                usual = max(weekly, *wider)
            kept = _within_day(source.day(after).slots)
            for a, b in self._night_after(last.weekday(), own_spill, usual, kept):
                self.rules.append(_extra(a, b, "closed", monthdays=(_date_selector(after),)))
            return
        if holiday_spill:
            raise HorairesError(
                "cannot write a recurring exception together with holiday hours past "
                "midnight in opening_hours: on a holiday, the exception would leave the "
                "holiday's night running into the next day"
            )
        yearly = _yearly_day(exception)
        if yearly is None:
            self._weekday_nights(exception, own_spill)
            return
        month, day = yearly
        after = dt.date(2001, month, day) + dt.timedelta(days=1)
        edges: dict[tuple[bool, int, int], list[int]] = {}
        closers: dict[tuple[int, int], list[int]] = {}
        for wd in range(7):  # the weekday of the date decides the usual nights around it
            spill_in = self._usual_spill((wd - 1) % 7)
            if spill_in:
                edges.setdefault((True, 0, spill_in), []).append(wd)
            for a, b in self._holiday_eve_night(spill_in, exception):
                closers.setdefault((a, b), []).append(wd)
            for a, b in self._night_after(wd, own_spill):
                edges.setdefault((False, a, b), []).append((wd + 1) % 7)
        for (incoming, start, end), days in edges.items():
            when = (
                MonthDays(None, month, day, day)
                if incoming
                else MonthDays(None, after.month, after.day, after.day)
            )
            state: State = "open" if incoming else "closed"
            self.rules.append(_extra(start, end, state, monthdays=(when,), weekdays=_on(days)))
        for (start, end), days in closers.items():
            self.rules.append(
                _extra(
                    start,
                    end,
                    "closed",
                    monthdays=(MonthDays(None, month, day, day),),
                    holidays=(Holiday(1),),
                    weekdays=_on(days),
                )
            )

    def _holiday_eve_night(self, spill_in: int, exception: DatedException) -> list[tuple[int, int]]:
        """The part of the usual night before a recurring exception, reopened for it, that
        stays closed when the day before is a public holiday (whose hours end by midnight:
        others are refused): all of it but the exception's own early hours."""
        if not spill_in or self._holiday_hours() == "usual":
            return []
        own = () if isinstance(exception.hours, str) else exception.hours
        return _minus((0, spill_in), _fixed(_within_day(own)))

    def _weekday_nights(self, exception: DatedException, own_spill: int) -> None:
        """The nights around a weekly or monthly exception (``We off``, ``Sa[1] off``)."""
        selected = cast(
            "tuple[WeekdaySelector, ...]", _exception_selectors(exception).get("weekdays", ())
        )
        opens: list[Rule] = []
        closes: list[Rule] = []
        for sel in selected:
            if isinstance(sel, Holiday):
                continue
            days = range(sel.start, sel.end + 1) if isinstance(sel, WeekdayRange) else [sel.weekday]
            for wd in days:

                def on(day: int, shift: int, sel: object = sel) -> WeekdaySelector:
                    if isinstance(sel, NthWeekday):
                        return NthWeekday(sel.weekday, sel.nths, shift)
                    return WeekdayRange(day, day)

                spill_in = self._usual_spill((wd - 1) % 7)
                if spill_in:
                    opens.append(_extra(0, spill_in, "open", weekdays=(on(wd, 0),)))
                opens += [
                    _extra(a, b, "closed", holidays=(Holiday(1),), weekdays=(on(wd, 0),))
                    for a, b in self._holiday_eve_night(spill_in, exception)
                ]
                nxt = (wd + 1) % 7
                closes += [
                    _extra(a, b, "closed", weekdays=(on(nxt, 1),))
                    for a, b in self._night_after(wd, own_spill)
                ]
        self.rules += opens + closes

    def _own_starts(self, weekday: int) -> list[tuple[int, int, bool]]:
        """The weekly slots of ``weekday`` within its own date (minutes), and whether each
        is at a sun time."""
        out = []
        for rule in self.rules[: self.weekly_count]:
            if any(
                isinstance(w, WeekdayRange) and w.start <= weekday <= w.end for w in rule.weekdays
            ):
                out += [
                    (t.start, min(t.end + DAY if t.end <= t.start else t.end, DAY), t.variable)
                    for t in rule.times
                    if t.end is not None
                ]
        return out

    def _holiday_hours(self) -> Sequence[Slot] | str:
        """The hours of a public holiday ("usual" when the weekly hours apply)."""
        return self.view.holiday_hours if self.view.calendar is not None else "usual"

    def _night_after(
        self,
        weekday: int,
        own_spill: int,
        usual_spill: int | None = None,
        kept: Sequence[tuple[int, int, bool]] | None = None,
    ) -> list[tuple[int, int]]:
        """The part of the usual night of ``weekday`` (or of one that runs ``usual_spill``
        minutes past midnight) that a day whose own hours run ``own_spill`` minutes past
        midnight must close on the next day: what runs past its own spill, without the next
        day's own hours (its weekly ones, or ``kept``), which stay as they are."""
        if usual_spill is None:
            usual_spill = self._usual_spill(weekday)
        if usual_spill <= own_spill:
            return []
        if kept is None:
            kept = self._own_starts((weekday + 1) % 7)
        return _minus((own_spill, usual_spill), _fixed(kept))

    def _usual_spill(self, weekday: int) -> int:
        """How far past midnight the weekly hours of ``weekday`` run (0: not at all)."""
        ends = [e for r in self.rules[: self.weekly_count] for e in _rule_ends(r, weekday)]
        return max((e - DAY for e in ends if e > DAY), default=0)


def _extra(
    start: int,
    end: int,
    state: State,
    *,
    monthdays: tuple[MonthdaySelector, ...] = (),
    holidays: tuple[Holiday, ...] = (),
    weekdays: tuple[WeekdaySelector, ...] = (),
) -> Rule:
    """An additional rule (after ``,``): ``start``-``end`` of the selected days is ``state``."""
    return Rule(
        monthdays=monthdays,
        holidays=holidays,
        weekdays=weekdays,
        times=(TimeSpan(start, end),),
        state=state,
        additional=True,
    )


def _on(days: Sequence[int]) -> tuple[WeekdayRange, ...]:
    """The weekday selector of ``days`` (none for every day of the week)."""
    return () if len(days) == 7 else _weekday_list(days)


def _within_day(slots: Sequence[Slot]) -> list[tuple[int, int, bool]]:
    """The part of each slot before midnight (minutes), and whether it is at a sun time."""
    return [(slot.opens, min(slot.closes, DAY), slot.variable) for slot in slots]


def _fixed(slots: Sequence[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """The spans of ``slots`` that a night's closing leaves open; :class:`HorairesError`
    when one is at a sun time (a closing written at a fixed time would cut hours that move)."""
    if any(sun for *_, sun in slots):
        raise HorairesError(
            "cannot write hours past midnight next to hours at sun times in opening_hours: "
            "the night a holiday or an exception closes would end at a fixed time where the "
            "hours of the sun move"
        )
    return [(a, b) for a, b, _ in slots]


def _spill(hours: Sequence[Slot] | str) -> int:
    """How far past midnight ``hours`` run (0: not at all, or not slots)."""
    if isinstance(hours, str):
        return 0
    return max((s.closes - DAY for s in hours if s.closes > DAY), default=0)


def _minus(span: tuple[int, int], holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``span`` without the ``holes``, as ordered pieces."""
    pieces = [span]
    for ha, hb in holes:
        pieces = [p for a, b in pieces for p in ((a, min(b, ha)), (max(a, hb), b)) if p[0] < p[1]]
    return sorted(pieces)


def _yearly_day(exception: DatedException) -> tuple[int, int] | None:
    """The month and day of a recurrence on one date of every year, or None."""
    if exception.rrule is None:
        return None
    rule = RRule.parse(exception.rrule)
    if rule.freq != "YEARLY" or len(rule.bymonth) != 1 or len(rule.bymonthday) != 1:
        return None
    if _other_parts(rule, "bymonth", "bymonthday"):
        return None
    return rule.bymonth[0], rule.bymonthday[0]


def _other_parts(rule: RRule, *allowed: str) -> bool:
    """Whether ``rule`` has BY parts other than ``allowed``."""
    parts = ("bymonth", "byweekno", "byyearday", "bymonthday", "byday", "bysetpos", "byeaster")
    return any(getattr(rule, name) for name in parts if name not in allowed)


def _date_selector(day: dt.date) -> MonthDays:
    return MonthDays(day.year, day.month, day.day, day.day)


def _rule_ends(rule: Rule, weekday: int) -> list[int]:
    """The closing minutes of a weekly rule's times on ``weekday`` (none if it does not apply)."""
    if not any(isinstance(w, WeekdayRange) and w.start <= weekday <= w.end for w in rule.weekdays):
        return []
    return [t.end + DAY if t.end <= t.start else t.end for t in rule.times if t.end is not None]


def _replace(rule: Rule, **changes: object) -> Rule:
    return dataclasses.replace(rule, **changes)  # type: ignore[arg-type]


def _season_spans(season: Season) -> tuple[DateSpan, ...]:
    """The dates of a season. A yearly season that wraps the new year is written as two
    ranges (``Nov 01-Dec 31,Jan 01-Mar 31``): opening_hours.js evaluates a wrapping range
    that ends the day before it starts as empty, and misses days of others."""
    start, end = season.start, season.end
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return (
            DateSpan(
                DatePoint("date", start.year, start.month, start.day),
                DatePoint("date", end.year, end.month, end.day),
            ),
        )
    assert isinstance(start, str) and isinstance(end, str)
    first = (int(start[:2]), int(start[3:]))
    last = (int(end[:2]), int(end[3:]))
    pieces = [(first, last)] if first <= last else [(first, (12, 31)), ((1, 1), last)]
    return tuple(
        DateSpan(DatePoint("date", None, *a), DatePoint("date", None, *b)) for a, b in pieces
    )


def _exception_selectors(exception: DatedException) -> dict[str, object]:
    """The selectors of the dates of an exception: a date, a range, or a recurrence that
    opening_hours can say (monthly nth weekdays, weekly days, yearly dates)."""
    if exception.date is not None:
        d = exception.date
        return {"monthdays": (MonthDays(d.year, d.month, d.day, d.day),)}
    if exception.rrule is None:
        assert exception.start is not None and exception.end is not None
        a, b = exception.start, exception.end
        return {
            "monthdays": (
                DateSpan(
                    DatePoint("date", a.year, a.month, a.day),
                    DatePoint("date", b.year, b.month, b.day),
                ),
            )
        }
    rule = RRule.parse(exception.rrule)
    bounded = exception.start is not None or exception.end is not None
    if bounded or rule.interval != 1 or rule.count is not None or rule.until is not None:
        raise HorairesError(
            f"cannot write the recurrence {exception.rrule!r} with bounds or an interval in opening_hours"
        )
    selectors = _recurrence_selectors(rule)
    if selectors is None:
        raise HorairesError(f"cannot write the recurrence {exception.rrule!r} in opening_hours")
    return selectors


def _recurrence_selectors(rule: RRule) -> dict[str, object] | None:
    """The selectors of an unbounded recurrence, or None when opening_hours has none."""
    if rule.freq == "MONTHLY" and rule.byday and not _other_parts(rule, "byday"):
        if any(not day.n for day in rule.byday):
            return None
        return {"weekdays": tuple(NthWeekday(day.weekday, (day.n,)) for day in rule.byday)}
    if rule.freq == "WEEKLY" and rule.byday and not _other_parts(rule, "byday"):
        return {"weekdays": _weekday_list([day.weekday for day in rule.byday])}
    if (
        rule.freq == "YEARLY"
        and len(rule.bymonth) == 1
        and rule.bymonthday
        and all(day > 0 for day in rule.bymonthday)
        and not _other_parts(rule, "bymonth", "bymonthday")
    ):
        month = rule.bymonth[0]
        return {"monthdays": tuple(MonthDays(None, month, d, d) for d in rule.bymonthday)}
    return None


def _past_midnight_with_seasons(view: View) -> bool:
    seasons = view.seasons
    if not seasons:
        return False
    weeks = [view.usual_week(sun=True)] + [
        [s.hours.day(w) or () for w in range(7)] for s in seasons
    ]
    return any(slot.closes > DAY for week in weeks for day in week for slot in day)


def _native(est: EstablishmentData, service_id: str | None, admission: Admission) -> str:
    view = View(est, service_id)
    if _past_midnight_with_seasons(view):
        raise HorairesError(
            "cannot write hours past midnight together with seasons in opening_hours: a "
            "season would also replace the end of the night before it"
        )
    builder = _Builder(view, admission)
    builder.weekly()
    builder.weekly_count = len(builder.rules)
    builder.seasons()
    builder.school()
    builder.holidays()
    builder.exceptions()
    if not builder.rules:
        return "off"
    return write(builder.rules)


def to_osm(obj: object, *, service: str | None = None, admission: Admission = "comment") -> str:
    """The ``opening_hours`` value of a schedule, or of an establishment (or one service).

    A schedule parsed from OpenStreetMap is written back canonically; an establishment's
    general hours (or ``service``'s) become rules as the module says.

    >>> from horaires import osm
    >>> to_osm(osm.parse("Mo-Fr 08:30-12:30 ;Sa 09:00-12:00"))
    'Mo-Fr 08:30-12:30; Sa 09:00-12:00'
    """
    check_types(service=(service, (str, NoneType)), admission=(admission, str))
    if isinstance(obj, EstablishmentData):
        return _native(obj, service, admission)
    if isinstance(obj, Combined):
        obj = obj.general
    if isinstance(obj, Schedule):
        source = obj.source
        if isinstance(source, OSMSource):
            return write(source.value)
        if isinstance(source, View):
            return _native(
                source.establishment, source.service if service is None else service, admission
            )
    raise ArgumentError(
        f"cannot write {type(obj).__name__} as opening_hours: expected a schedule or an establishment"
    )


def to_tags(establishment: EstablishmentData) -> dict[str, str]:
    """OpenStreetMap tags: ``opening_hours`` (the general hours) and
    ``opening_hours:<service>`` for each service whose hours differ from them.

    The admission cutoff is kept as the comment of each opening rule (see the module).
    """
    check_types(establishment=(establishment, EstablishmentData))
    tags = {"opening_hours": _native(establishment, None, "comment")}
    for service_id in establishment.services:
        value = _native(establishment, service_id, "comment")
        if value != tags["opening_hours"]:
            tags[f"opening_hours:{service_id}"] = value
    return tags
