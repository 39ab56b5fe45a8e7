"""Resolution: for a place (or one of its services) and a local date, which rule applies and
what it gives (docs/concepts.md, docs/configuration.md#precedence).

This is the one place where the business rules are written; the engine, the OpenStreetMap
writer, the texts, JSON-LD, the Annuaire and Google exports and the widget all read a
:class:`View`:

- the weekly hours of a service: a day it names replaces the establishment's, a day it does
  not name is inherited (or closed, with ``inherit_hours = false``);
- its admission rule: its own, else the establishment's;
- its public-holiday hours: its own ``holiday_hours``, else the establishment's; and its
  school-holiday hours likewise (``school_holiday_hours``);
- its seasons: its own first, then the establishment's (unless ``inherit_hours = false``);
- on a date, the most specific rule: an exception of the service, then of the
  establishment, then the public-holiday hours, then the school-holiday hours, then a
  season, then the weekly hours; within a level, the narrower span;
- slots with sun times (``sunrise-sunset``) take the sun times of their date at the
  establishment's location (a closing past midnight, those of the next date); a slot whose
  closing is then not after its opening has no hours that date.

Plans are shared: every date that the weekly hours of a Monday govern gets the same
:class:`~horaires._plan.Plan`, and the compiler turns it into instants once per UTC offset.

>>> from horaires import examples
>>> view = View(examples.pantin(), "etat-civil")
>>> [slot.span for slot in view.day(dt.date(2025, 5, 3)).slots], view.day(dt.date(2025, 5, 1)).label
(['09:00-12:30'], 'Fête du Travail')
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from ._calendar import holiday_ordinals
from ._conflicts import season_span
from ._dated import DatedRule
from ._errors import ConfigError, HorairesError
from ._i18n import gettext
from ._model import past_midnight
from ._plan import Admission, Plan, Span, intern
from ._school import school_holiday, unknown_label
from ._sun import sun_minutes
from ._values import Day
from ._wall import date_range

if TYPE_CHECKING:
    from ._model import (
        AdmissionRule,
        DatedException,
        EstablishmentData,
        HolidayCalendar,
        HolidayHours,
        SchoolCalendar,
        SchoolHours,
        Season,
        Service,
        Slot,
    )

__all__ = [
    "View",
    "WeekdayPlan",
    "dates",
    "day_plans",
    "default_label",
    "special_days",
    "usual_week",
    "weekday_plans",
]

_LABELS = {
    "closed": "Exceptional closure",
    "hours": "Special hours",
    "unknown": "Hours uncertain",
    "season": "Seasonal hours",
}
"""The message of the label of a rule that has none, per kind (translated by the catalogs)."""

RECURRENCE_YEARS = 4
"""Years of recurring-exception dates a view keeps."""

_ALL_DAY: tuple[Span, ...] = ((0, 1440, None),)


def default_label(kind: str, language: str) -> str:
    """The label of a rule that has none, in ``language``.

    >>> default_label("closed", "fr"), default_label("closed", "de")
    ('Fermeture exceptionnelle', 'Außerordentliche Schließung')
    """
    return gettext(language, _LABELS[kind])


def spans(slots: Sequence[Slot]) -> tuple[Span, ...]:
    """The compiler's form of slots: ``(opens, closes, last admission)`` in minutes."""
    return tuple((slot.opens, slot.closes, slot.last_admission) for slot in slots)


def _hours_plan(
    hours: Sequence[Slot] | str,
    rule: Literal["exception", "holiday", "school"],
    label: str,
    source: str | None,
) -> Plan:
    """The plan of replacement hours: slots, ``"closed"`` or ``"unknown"`` (all day)."""
    if isinstance(hours, str):
        if hours == "unknown":
            return Plan(_ALL_DAY, rule, label, source, True)
        return Plan((), rule, label, source)
    return Plan(spans(hours), rule, label, source)


class _Level:
    """The exceptions of one owner, indexed: which one wins on a date (the narrower span).

    Dates and ranges are cut into segments by a sweep (a date costs one bisect); recurrences
    are expanded a year at a time.
    """

    __slots__ = ("_recurring", "_starts", "_winners", "_years", "rules", "source")

    def __init__(self, rules: Sequence[DatedRule], source: str | None) -> None:
        self.source = source
        self.rules = tuple(rules)
        fixed = [rule for rule in rules if rule.recurrence is None]
        self._recurring = [rule for rule in rules if rule.recurrence is not None]
        self._years: dict[int, dict[int, DatedRule]] = {}
        points = sorted(
            {rule.first.toordinal() for rule in fixed}
            | {rule.last.toordinal() + 1 for rule in fixed if rule.last is not None}
        )
        by_first = sorted(range(len(fixed)), key=lambda i: fixed[i].first)
        heap: list[tuple[tuple[float, int], int, int]] = []  # (span, order, last ordinal)
        starts: list[int] = []
        winners: list[DatedRule | None] = []
        k = 0
        for point in points:
            while k < len(by_first) and fixed[by_first[k]].first.toordinal() <= point:
                i = by_first[k]
                last = fixed[i].last
                assert last is not None
                heapq.heappush(heap, (fixed[i].span, i, last.toordinal()))
                k += 1
            while heap and heap[0][2] < point:
                heapq.heappop(heap)
            starts.append(point)
            winners.append(fixed[heap[0][1]] if heap else None)
        self._starts = starts
        self._winners = winners

    def _year(self, year: int) -> dict[int, DatedRule]:
        found = self._years.get(year)
        if found is None:
            found = {}
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            for rule in self._recurring:
                for day in rule.dates(first, last):
                    ordinal = day.toordinal()
                    other = found.get(ordinal)
                    if other is None or rule.span < other.span:
                        found[ordinal] = rule
                    elif rule.span == other.span:
                        raise ConfigError.at(
                            rule.path, f"covers {day} like {other.path}, with the same span"
                        )
            if len(self._years) >= RECURRENCE_YEARS:  # bounded: start again when full
                self._years = {}
            self._years[year] = found
        return found

    def at(self, ordinal: int) -> DatedRule | None:
        """The exception that applies on the date of ``ordinal``, if any."""
        i = bisect_right(self._starts, ordinal) - 1
        winner = self._winners[i] if i >= 0 else None
        if self._recurring:
            other = self._year(dt.date.fromordinal(ordinal).year).get(ordinal)
            if other is not None and (winner is None or other.span < winner.span):
                return other
            if other is not None and winner is not None and other.span == winner.span:
                raise ConfigError.at(
                    other.path,
                    f"covers {dt.date.fromordinal(ordinal)} like {winner.path}, with the same span",
                )
        return winner


class View:
    """The resolved rules of one service, or of the establishment's general hours
    (``service=None``), named in ``language`` (default: the establishment's).

    Build it freely: it indexes its rules on the first date asked.
    """

    __slots__ = (
        "_exception_plans",
        "_holiday_plans",
        "_levels",
        "_school_plans",
        "_season_plans",
        "_season_years",
        "_variable",
        "_weekly",
        "establishment",
        "language",
        "own",
        "service",
    )

    def __init__(
        self,
        establishment: EstablishmentData,
        service: str | None = None,
        language: str | None = None,
    ) -> None:
        self.establishment = establishment
        self.service = service
        self.language = language or establishment.language
        self.own: Service | None = establishment.service(service) if service is not None else None
        self._levels: tuple[_Level, ...] | None = None
        self._weekly: list[Plan | None] = [None] * 7
        self._exception_plans: dict[int, Plan] = {}
        self._holiday_plans: dict[str, Plan] = {}
        self._season_plans: dict[tuple[int, int], Plan] = {}
        self._season_years: dict[int, dict[int, tuple[int, Season]]] = {}
        self._school_plans: dict[tuple[str, int], Plan | None] = {}
        self._variable: dict[int, tuple[Plan, tuple[Slot, ...]]] = {}

    def _key(self) -> tuple[object, ...]:
        return (self.establishment, self.service, self.language)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, View) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> tuple[object, ...]:
        return self._key()

    def __setstate__(self, state: tuple[EstablishmentData, str | None, str]) -> None:
        View.__init__(self, *state)

    def __repr__(self) -> str:
        return f"View({self.establishment.name!r}, service={self.service!r})"

    # -- the rules after inheritance ----------------------------------------------------------

    @property
    def admission_rule(self) -> AdmissionRule | None:
        """The admission rule: the service's own, else the establishment's."""
        own = self.own
        if own is not None and own.admission is not None:
            return own.admission
        return self.establishment.admission

    @property
    def admission(self) -> Admission | None:
        """The admission rule as the compiler reads it (None: admits until closing)."""
        rule = self.admission_rule
        if rule is None or not rule.before_closing:
            return None
        return Admission(int(rule.before_closing.total_seconds()), rule.applies_to == "end_of_day")

    @property
    def reach(self) -> int:
        """How many days past its date's midnight a slot may run: two when one of its hours
        (the establishment's, and the service's) runs past midnight (a slot closes by
        48:00), else one."""
        return 2 if past_midnight(self.establishment, self.service) else 1

    @property
    def calendar(self) -> HolidayCalendar | None:
        """The public-holiday calendar (the establishment's), or None."""
        return self.establishment.holidays

    @property
    def holiday_hours(self) -> HolidayHours:
        """The hours of a public holiday: the service's own, else the establishment's."""
        own = self.own
        if own is not None and own.holiday_hours is not None:
            return own.holiday_hours
        return self.establishment.holiday_hours

    @property
    def holiday_source(self) -> str | None:
        """Whose holiday hours apply: the service (its id) or the establishment (None)."""
        own = self.own
        return self.service if own is not None and own.holiday_hours is not None else None

    @property
    def school_calendar(self) -> SchoolCalendar | None:
        """The school-holiday calendar (the establishment's), or None."""
        return self.establishment.school_holidays

    @property
    def school_holiday_hours(self) -> SchoolHours:
        """The hours of a school holiday: the service's own, else the establishment's."""
        own = self.own
        if own is not None and own.school_holiday_hours is not None:
            return own.school_holiday_hours
        return self.establishment.school_holiday_hours

    @property
    def school_source(self) -> str | None:
        """Whose school-holiday hours apply: the service (its id) or the establishment."""
        own = self.own
        return self.service if own is not None and own.school_holiday_hours is not None else None

    def weekly(self, weekday: int) -> tuple[Slot, ...]:
        """The weekly slots of ``weekday`` (0 = Monday), after inheritance (sun times as
        written: see :meth:`usual_week`)."""
        return self._weekly_of(weekday)[0]

    def _weekly_of(self, weekday: int) -> tuple[tuple[Slot, ...], str | None]:
        own = self.own
        if own is not None:
            slots = own.hours.day(weekday)
            if slots is not None:
                return slots, self.service
            if not own.inherit_hours:
                return (), self.service
        return self.establishment.hours.day(weekday) or (), None

    def usual_week(self, *, sun: bool = False) -> tuple[tuple[Slot, ...], ...]:
        """The weekly slots, Monday first (no season, no dated rule).

        A slot with sun times has no fixed hours: it is refused (a :class:`HorairesError`),
        unless ``sun`` says the caller reads them (``slot.opens_sun``, ``slot.closes_sun``)."""
        week = tuple(self.weekly(weekday) for weekday in range(7))
        if not sun:
            _fixed(slot for day in week for slot in day)
        return week

    @property
    def season_owners(self) -> tuple[tuple[str | None, tuple[Season, ...]], ...]:
        """``(source, seasons)`` in precedence order: the service's, then the
        establishment's (unless the service inherits no hours)."""
        est, own = self.establishment, self.own
        general: tuple[tuple[str | None, tuple[Season, ...]], ...] = ((None, est.seasons),)
        if own is None:
            return general
        mine: tuple[tuple[str | None, tuple[Season, ...]], ...] = ((self.service, own.seasons),)
        return mine + general if own.inherit_hours else mine

    @property
    def seasons(self) -> tuple[Season, ...]:
        """Every season that may apply, the service's first."""
        return tuple(season for _, seasons in self.season_owners for season in seasons)

    @property
    def exception_owners(self) -> tuple[tuple[str | None, tuple[DatedException, ...]], ...]:
        """``(source, exceptions)`` in precedence order: the service's, then the
        establishment's."""
        est, own = self.establishment, self.own
        general: tuple[tuple[str | None, tuple[DatedException, ...]], ...] = (
            (None, est.exceptions),
        )
        if own is None:
            return general
        return ((self.service, own.exceptions), *general)

    # -- dates ---------------------------------------------------------------------------------

    def holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on ``day`` (None: not one, or no calendar)."""
        return self._holiday(day.toordinal())

    def _holiday(self, ordinal: int) -> str | None:
        calendar = self.establishment.holidays
        if calendar is None:
            return None
        year = dt.date.fromordinal(ordinal).year
        names = holiday_ordinals(calendar.country, calendar.subdivision, year, self.language)
        return names.get(ordinal)

    def _levels_built(self) -> tuple[_Level, ...]:
        levels = self._levels
        if levels is None:
            built: list[_Level] = []
            for source, exceptions in self.exception_owners:
                prefix = f"services.{source}." if source is not None else ""
                rules = [DatedRule(e, f"{prefix}exceptions[{i}]") for i, e in enumerate(exceptions)]
                if rules:
                    built.append(_Level(rules, source))
            levels = self._levels = tuple(built)
        return levels

    def _kept(self, plan: Plan, hours: object) -> Plan:
        """``plan``, noted as one whose slots have sun times when ``hours`` has them (then it
        is this view's own object, resolved on each date), else the one plan of the process
        equal to it."""
        if not isinstance(hours, str) and any(slot.variable for slot in hours):  # type: ignore[attr-defined]
            self._variable[id(plan)] = (plan, tuple(hours))  # type: ignore[arg-type]
            return plan
        return intern(plan)

    def _weekly_plan(self, weekday: int) -> Plan:
        plans = self._weekly
        plan = plans[weekday]
        if plan is None:
            slots, source = self._weekly_of(weekday)
            plan = plans[weekday] = self._kept(Plan(spans(slots), "weekly", None, source), slots)
        return plan

    def _exception_plan(self, rule: DatedRule, source: str | None) -> Plan:
        key = id(rule)
        plan = self._exception_plans.get(key)
        if plan is None:
            exception = rule.exception
            kind = exception.hours if isinstance(exception.hours, str) else "hours"
            label = exception.label or default_label(kind, self.language)
            plan = _hours_plan(exception.hours, "exception", label, source)
            self._exception_plans[key] = self._kept(plan, exception.hours)
        return plan

    def _holiday_plan(self, name: str) -> Plan | None:
        plan = self._holiday_plans.get(name)
        if plan is None:
            hours = self.holiday_hours
            if hours == "usual":
                return None
            plan = _hours_plan(hours, "holiday", name, self.holiday_source)
            self._holiday_plans[name] = self._kept(plan, hours)
        return plan

    def school_holiday(self, day: dt.date) -> tuple[str | None, bool]:
        """``(name, known)``: the school holiday on ``day`` (None: not one, or no
        calendar), and whether the data knows the date."""
        calendar = self.establishment.school_holidays
        if calendar is None:
            return None, True
        return school_holiday(calendar.country, calendar.zones, day.toordinal(), self.language)

    def _school_plan(self, name: str, ordinal: int) -> Plan | None:
        """The plan of a school holiday named ``name`` on the date of ``ordinal`` (None:
        the usual hours apply)."""
        hours = self.school_holiday_hours
        weekday = (ordinal + 6) % 7
        if hasattr(hours, "day"):  # weekly hours: the days they name
            if hours.day(weekday) is None:  # type: ignore[union-attr]
                return None
        else:
            weekday = -1
        key = (name, weekday)
        if key not in self._school_plans:
            slots = hours.day(weekday) if weekday >= 0 else hours  # type: ignore[union-attr]
            plan = _hours_plan(slots, "school", name, self.school_source)  # type: ignore[arg-type]
            self._school_plans[key] = self._kept(plan, slots)
        return self._school_plans[key]

    def _school(self, ordinal: int) -> Plan | None:
        """The school-holiday plan of a date (None: the usual hours apply); unknown all day
        when the data does not know the date and the answer depends on it."""
        name, known = self.school_holiday(dt.date.fromordinal(ordinal))
        if name is not None:
            return self._school_plan(name, ordinal)
        if known:
            return None
        assumed = self._school_plan(unknown_label(self.language), ordinal)
        usual = self.usual_plan(ordinal)
        if assumed is None or self._on(assumed, ordinal).spans == self._on(usual, ordinal).spans:
            return None
        return Plan(_ALL_DAY, "school", unknown_label(self.language), self.school_source, True)

    def _season_year(self, year: int) -> dict[int, tuple[int, Season]]:
        """``{ordinal: (owner index, season)}`` of the dates of ``year`` where a season names
        the weekday: the first owner's, then the narrowest span."""
        found = self._season_years.get(year)
        if found is not None:
            return found
        found = {}
        first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
        for owner, (_, seasons) in enumerate(self.season_owners):
            for season in sorted(seasons, key=season_span):
                for lo, hi in _season_ranges(season, year):
                    for ordinal in range(max(lo, first), min(hi, last) + 1):
                        if ordinal in found:
                            continue
                        if season.hours.day((ordinal + 6) % 7) is not None:
                            found[ordinal] = (owner, season)
        if len(self._season_years) >= RECURRENCE_YEARS:
            self._season_years = {}
        self._season_years[year] = found
        return found

    def _season_plan(self, ordinal: int) -> Plan | None:
        found = self._season_year(dt.date.fromordinal(ordinal).year).get(ordinal)
        if found is None:
            return None
        owner, season = found
        weekday = (ordinal + 6) % 7
        key = (id(season), weekday)
        plan = self._season_plans.get(key)
        if plan is None:
            source = self.season_owners[owner][0]
            label = season.label or default_label("season", self.language)
            slots = season.hours.day(weekday) or ()
            plan = Plan(spans(slots), "season", label, source)
            self._season_plans[key] = self._kept(plan, slots)
        return plan

    def plan(self, ordinal: int) -> Plan:
        """The plan of the date of proleptic ordinal ``ordinal``."""
        return self._on(self._rule_plan(ordinal), ordinal)

    def _rule_plan(self, ordinal: int) -> Plan:
        """The plan of the rule that applies on the date (sun times not resolved)."""
        for level in self._levels_built():
            rule = level.at(ordinal)
            if rule is not None:
                return self._exception_plan(rule, level.source)
        if self.establishment.holidays is not None:
            name = self._holiday(ordinal)
            if name is not None:
                holiday = self._holiday_plan(name)
                if holiday is not None:
                    return holiday
        if self.establishment.school_holidays is not None and self.school_holiday_hours != "usual":
            school = self._school(ordinal)
            if school is not None:
                return school
        return self._usual(ordinal)

    def usual_plan(self, ordinal: int) -> Plan:
        """The plan without dated exceptions and holidays: a season, or the weekly hours."""
        return self._on(self._usual(ordinal), ordinal)

    def _usual(self, ordinal: int) -> Plan:
        if self.establishment.seasons or (self.own is not None and self.own.seasons):
            season = self._season_plan(ordinal)
            if season is not None:
                return season
        return self._weekly_plan((ordinal + 6) % 7)

    def _on(self, plan: Plan, ordinal: int) -> Plan:
        """``plan`` on the date of ``ordinal``: its sun times resolved, if it has any."""
        found = self._variable.get(id(plan))
        if found is None or found[0] is not plan:
            return plan
        place = self.establishment.place
        if place is None:  # the model requires a location with sun times
            raise HorairesError("sun times need the establishment's location")
        zone = self.establishment.zone
        out: list[Span] = []
        for slot in found[1]:
            opens, closes = slot.opens, slot.closes
            if slot.opens_sun is not None:
                opens = sun_minutes(slot.opens_sun, place, zone, ordinal)
            if slot.closes_sun is not None:
                after = slot.closes >= 1440  # a closing past midnight: the next date's
                closes = sun_minutes(slot.closes_sun, place, zone, ordinal + after) + 1440 * after
            if opens < closes:
                out.append((max(opens, 0), closes, slot.last_admission))
        return Plan(tuple(out), plan.rule, plan.label, plan.source, plan.unknown)

    def plans(self, first: int, count: int) -> list[Plan]:
        """The plans of ``count`` dates from the ordinal ``first`` on (a DaySource)."""
        return [self.plan(ordinal) for ordinal in range(first, first + count)]

    def day(self, day: dt.date) -> Day:
        """The hours that apply on ``day`` and the rule that produced them."""
        return Day.of(day, self.plan(day.toordinal()))

    def days(self, first: dt.date, last: dt.date) -> list[Day]:
        """The :class:`Day` of every date from ``first`` to ``last``, both included."""
        return [self.day(day) for day in dates(first, (last - first).days + 1)]

    def usual_day(self, day: dt.date) -> Day:
        """The hours of ``day`` without dated exceptions and holidays (seasons apply)."""
        return Day.of(day, self.usual_plan(day.toordinal()))

    def last_dated(self) -> dt.date | None:
        """The last date any dated rule names (bounds the search for changes)."""
        ends = [
            rule.last
            for level in self._levels_built()
            for rule in level.rules
            if rule.last is not None
        ]
        ends += [s.end for s in self.seasons if isinstance(s.end, dt.date)]
        return max(ends, default=None)


def _fixed(slots: Iterator[Slot]) -> None:
    """Refuse slots with sun times where fixed hours are needed."""
    for slot in slots:
        if slot.variable:
            raise HorairesError(
                f"{slot.span} has sun times, which change every day: read the hours of "
                "each date (day(), days()) rather than the weekly hours"
            )


def _season_ranges(season: Season, year: int) -> list[tuple[int, int]]:
    """The ordinal ranges (inclusive) a season covers in ``year``."""
    start, end = season.start, season.end
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return [(start.toordinal(), end.toordinal())]
    first = _month_day(str(start), year, after=True)
    last = _month_day(str(end), year, after=False)
    if str(start) <= str(end):
        return [(first, last)]
    return [(dt.date(year, 1, 1).toordinal(), last), (first, dt.date(year, 12, 31).toordinal())]


def _month_day(text: str, year: int, *, after: bool) -> int:
    """The ordinal of ``MM-DD`` in ``year``; 29 February in a common year is the first of
    March as a first day (``after``) and the 28th as a last day."""
    month, day = int(text[:2]), int(text[3:])
    try:
        return dt.date(year, month, day).toordinal()
    except ValueError:
        return dt.date(year, 3, 1).toordinal() if after else dt.date(year, 2, 28).toordinal()


# -- the establishment as a whole ---------------------------------------------------------------


def parts(establishment: EstablishmentData) -> tuple[str | None, ...]:
    """The parts of an establishment: its general hours (None), then each service."""
    return (None, *establishment.services)


def dates(start: dt.date, days: int) -> Iterator[dt.date]:
    """``days`` consecutive dates from ``start``, checked first (:func:`date_range`)."""
    return map(dt.date.fromordinal, date_range(start, days))


def usual_week(
    establishment: EstablishmentData, service: str | None = None
) -> tuple[tuple[Slot, ...], ...]:
    """The weekly slots, Monday first, of a service or of the whole establishment (the slots
    of every part joined), without seasons and dated rules."""
    if service is not None or not establishment.services:
        return View(establishment, service).usual_week()
    views = [View(establishment, key) for key in parts(establishment)]
    monday = dt.date(2001, 1, 1)
    out = []
    for weekday in range(7):
        day = monday + dt.timedelta(days=weekday)
        general = Day.of(day, views[0]._weekly_plan(weekday))
        joined = general.joined(*(Day.of(day, v._weekly_plan(weekday)) for v in views[1:]))
        out.append(joined.slots)
    return tuple(out)


WeekdayPlan = tuple[tuple["Slot", ...], tuple[tuple[str, tuple["Slot", ...]], ...]]
"""The general slots of a weekday, and ``(service id, slots)`` for each service that differs."""


def weekday_plans(establishment: EstablishmentData) -> tuple[WeekdayPlan, ...]:
    """Per weekday (Monday first): general slots, and the services whose slots differ."""
    general = View(establishment).usual_week()
    services = [(key, View(establishment, key).usual_week()) for key in establishment.services]
    return tuple(
        (
            general[weekday],
            tuple(
                (key, week[weekday]) for key, week in services if week[weekday] != general[weekday]
            ),
        )
        for weekday in range(7)
    )


def day_plans(
    establishment: EstablishmentData,
    start: dt.date,
    days: int,
    service: str | None = None,
    lang: str | None = None,
    *,
    whole: bool = True,
    usual: bool = False,
) -> list[Day]:
    """The :class:`Day` of ``days`` dates from ``start``. Without ``service``: the whole
    establishment when ``whole`` (slots of every part joined; rule and label of the general
    hours), else its general hours alone. ``usual`` leaves out dated exceptions and holidays.
    """
    if days <= 0:
        return []
    keys = parts(establishment) if service is None and whole else (service,)
    views = [View(establishment, key, lang) for key in keys]
    out = []
    for day in dates(start, days):
        found = [view.usual_day(day) if usual else view.day(day) for view in views]
        out.append(found[0].joined(*found[1:]) if len(found) > 1 else found[0])
    return out


def special_days(
    establishment: EstablishmentData,
    start: dt.date,
    days: int,
    service: str | None = None,
    lang: str | None = None,
) -> Iterator[tuple[dt.date, tuple[Slot, ...], str | None, bool]]:
    """``(date, slots, label, unknown)`` for dates whose hours differ from the usual week.

    Seasons count as different: this is what a format without seasons must list. For the
    whole establishment (``service=None``) the slots are those of any part that opens.
    """
    week = usual_week(establishment, service)
    for plan in day_plans(establishment, start, days, service, lang):
        if plan.slots != week[plan.date.weekday()] or plan.unknown:
            yield plan.date, plan.slots, plan.label, plan.unknown
