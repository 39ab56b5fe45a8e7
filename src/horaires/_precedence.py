"""Which hours apply on a date: the most specific rule wins (DESIGN.md section 2).

1. an exception of the service; 2. an exception of the establishment; 3. the public-holiday
hours (service's, else establishment's); 4. a season, service then establishment; 5. the
weekly hours, service then establishment. Within a level, a narrower span wins.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from ._calendar import holiday_names
from ._errors import ConfigError, Issue
from ._model import AdmissionRule, DatedException, Season, Service, Slot
from ._recurrence import Recurrence
from ._values import Day

if TYPE_CHECKING:
    from ._model import Establishment

__all__ = ["NativeSource", "conflicts"]

HOLIDAY_YEARS = 4
"""Years of public holidays a source keeps (a compiled year reads at most three)."""

Span = tuple[float, int]
"""How specific a dated rule is (smaller wins): days from first to last date, dates covered."""

_LABELS = {
    "fr": {
        "closed": "Fermeture exceptionnelle",
        "hours": "Horaires exceptionnels",
        "unknown": "Horaires incertains",
        "season": "Horaires saisonniers",
    },
    "en": {
        "closed": "Exceptional closure",
        "hours": "Special hours",
        "unknown": "Hours uncertain",
        "season": "Seasonal hours",
    },
}


def default_label(kind: str, language: str) -> str:
    """The label of a rule that has none, in ``language`` (French or English).

    >>> default_label("closed", "fr")
    'Fermeture exceptionnelle'
    """
    return _LABELS.get(language.split("_")[0], _LABELS["en"])[kind]


class _Dated:
    """A dated exception with its recurrence parsed, its bounds and its span measured."""

    __slots__ = ("exception", "first", "last", "path", "recurrence", "span")

    def __init__(self, exception: DatedException, path: str) -> None:
        self.exception = exception
        self.path = path
        self.recurrence: Recurrence | None = None
        self.last: dt.date | None  # None: an unbounded recurrence
        if exception.rrule:
            self.recurrence = Recurrence(exception.rrule, exception.start, exception.end)
            self.first, self.last = self.recurrence.start, self.recurrence.end
        else:
            first = exception.date or exception.start
            last = exception.date or exception.end
            assert first is not None and last is not None  # the model checked it
            self.first, self.last = first, last
        self.span = self._span()

    def _span(self) -> Span:
        days = self.exception.span_days
        if self.recurrence is None:
            assert days is not None
            return (days, days)
        last = self.recurrence.end or self.first + dt.timedelta(days=4 * 365)
        count = len(self.recurrence.between(self.first, last))
        return (days if days is not None else math.inf, count)

    def dates(self, first: dt.date, last: dt.date) -> Sequence[dt.date]:
        """The dates it covers from ``first`` to ``last``."""
        if self.recurrence is not None:
            return self.recurrence.between(first, last)
        assert self.last is not None
        lo, hi = max(first, self.first), min(last, self.last)
        return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


def _season_span(season: Season) -> Span:
    return (season.span_days, 0 if not season.every_year else 1)


def _candidate_pairs(rules: Sequence[_Dated]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of rules with the same span whose bounds overlap
    (an unbounded recurrence reaches every later date), in the order of ``combinations``:
    one sweep per span instead of comparing every pair."""
    groups: dict[Span, list[int]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(rule.span, []).append(i)
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        active: list[tuple[dt.date, int]] = []  # (last date, index) of rules seen so far
        for i in sorted(members, key=lambda k: rules[k].first):
            rule = rules[i]
            active = [(last, j) for last, j in active if last >= rule.first]
            pairs.extend((min(i, j), max(i, j)) for _, j in active)
            active.append((rule.last or dt.date.max, i))
    return sorted(pairs)


def _exception_conflicts(rules: Sequence[_Dated]) -> Iterator[Issue]:
    for i, j in _candidate_pairs(rules):
        a, b = rules[i], rules[j]
        lo = max(a.first, b.first)  # unbounded recurrences are compared over eight years
        hi = min([r.last for r in (a, b) if r.last] or [lo + dt.timedelta(days=8 * 366)])
        common = sorted(set(a.dates(lo, hi)) & set(b.dates(lo, hi))) if lo <= hi else []
        if common:
            yield Issue(
                b.path,
                f"covers {common[0]} like {a.path}, with the same span: make one of them "
                "narrower or merge them",
            )


def _season_conflicts(seasons: Sequence[Season], path: str) -> Iterator[Issue]:
    for (i, a), (j, b) in combinations(enumerate(seasons), 2):
        if _season_span(a) != _season_span(b):
            continue
        year = next((s.start.year for s in (a, b) if isinstance(s.start, dt.date)), 2000)
        day = dt.date(year, 1, 1)
        while day.year <= year + 1:
            if a.covers(day) and b.covers(day) and _names_same_day(a, b, day):
                yield Issue(
                    f"{path}[{j}]",
                    f"covers {day} like {path}[{i}], with the same span: make one of them "
                    "narrower or merge them",
                )
                break
            day += dt.timedelta(days=1)


def _names_same_day(a: Season, b: Season, day: dt.date) -> bool:
    return a.hours.day(day.weekday()) is not None and b.hours.day(day.weekday()) is not None


def conflicts(establishment: Establishment) -> Iterator[Issue]:
    """Rules of one level that cover the same date with the same span (load-time check)."""
    owners: list[tuple[str, Sequence[DatedException], Sequence[Season]]] = [
        ("", establishment.exceptions, establishment.seasons)
    ]
    for key, service in establishment.services.items():
        owners.append((f"services.{key}.", service.exceptions, service.seasons))
    for prefix, exceptions, seasons in owners:
        dated = [_Dated(e, f"{prefix}exceptions[{i}]") for i, e in enumerate(exceptions)]
        yield from _exception_conflicts(dated)
        yield from _season_conflicts(seasons, f"{prefix}seasons")


def _slots(hours: tuple[Slot, ...] | str) -> tuple[tuple[Slot, ...], bool]:
    """The slots of replacement hours, and whether they are unknown."""
    if isinstance(hours, str):
        return ((Slot(opens=0, closes=1440),), True) if hours == "unknown" else ((), False)
    return hours, False


class NativeSource:
    """The day plans of one service (or of the establishment's general hours).

    >>> from horaires import examples
    >>> NativeSource(examples.pantin(), "etat-civil").day(dt.date(2025, 5, 3)).slots[0].span
    '09:00-12:30'
    """

    __slots__ = ("_holidays", "_levels", "admission", "establishment", "language", "service_id")

    def __init__(
        self, establishment: Establishment, service_id: str | None, language: str | None = None
    ) -> None:
        self.establishment = establishment
        self.service_id = service_id
        self.language = language or establishment.language
        service = establishment.service(service_id) if service_id is not None else None
        self.admission: AdmissionRule | None = (
            service.admission if service and service.admission else establishment.admission
        )
        prefix = f"services.{service_id}." if service_id is not None else ""
        own = (
            [_Dated(e, f"{prefix}exceptions[{i}]") for i, e in enumerate(service.exceptions)]
            if service
            else []
        )
        general = [_Dated(e, f"exceptions[{i}]") for i, e in enumerate(establishment.exceptions)]
        self._levels = (own, general)
        self._holidays: dict[int, dict[dt.date, str]] = {}

    def _key(self) -> tuple[object, ...]:
        return (self.establishment, self.service_id, self.language)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NativeSource) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on ``day`` (None: not one, or no calendar)."""
        calendar = self.establishment.holidays
        if calendar is None:
            return None
        names = self._holidays.get(day.year)
        if names is None:
            names = holiday_names(calendar.country, calendar.subdivision, day.year, self.language)
            if len(self._holidays) >= HOLIDAY_YEARS:  # bounded: start a new dict when full
                self._holidays = {}
            self._holidays[day.year] = names
        return names.get(day)

    def _exceptions(
        self, rules: Sequence[_Dated], first: dt.date, last: dt.date
    ) -> dict[dt.date, _Dated]:
        chosen: dict[dt.date, _Dated] = {}
        for rule in rules:
            for day in rule.dates(first, last):
                other = chosen.get(day)
                if other is None or rule.span < other.span:
                    chosen[day] = rule
                elif rule.span == other.span:
                    raise ConfigError.at(
                        rule.path, f"covers {day} like {other.path}, with the same span"
                    )
        return chosen

    def days(self, first: dt.date, last: dt.date) -> Iterator[Day]:
        """The plan of every date from ``first`` to ``last``, both included."""
        maps = [self._exceptions(rules, first, last) for rules in self._levels]
        day = first
        while day <= last:
            yield self._plan(day, maps)
            day += dt.timedelta(days=1)

    def day(self, day: dt.date) -> Day:
        """The plan of one date."""
        return next(self.days(day, day))

    def _plan(self, day: dt.date, maps: Sequence[dict[dt.date, _Dated]]) -> Day:
        est = self.establishment
        service = est.services[self.service_id] if self.service_id is not None else None
        for level, source in zip(maps, (self.service_id, None), strict=True):
            rule = level.get(day)
            if rule is not None:
                exception = rule.exception
                kind = exception.hours if isinstance(exception.hours, str) else "hours"
                label = exception.label or default_label(kind, self.language)
                slots, unknown = _slots(exception.hours)
                return Day(day, slots, "exception", label, source, unknown)
        holiday = self.holiday(day)
        if holiday is not None:
            own = service.holiday_hours if service is not None else None
            hours = own if own is not None else est.holiday_hours
            if hours != "usual":
                slots, unknown = _slots(hours)
                source = self.service_id if own is not None else None
                return Day(day, slots, "holiday", holiday, source, unknown)
        weekday = day.weekday()
        owners: tuple[tuple[Service | Establishment, str | None], ...] = ((est, None),)
        if service is not None:  # a service that inherits no hours ignores the general seasons
            owners = ((service, self.service_id),) + (owners if service.inherit_hours else ())
        for owner, source in owners:
            seasons = [
                s for s in owner.seasons if s.covers(day) and s.hours.day(weekday) is not None
            ]
            if seasons:
                season = min(seasons, key=_season_span)
                slots = season.hours.day(weekday) or ()
                label = season.label or default_label("season", self.language)
                return Day(day, slots, "season", label, source)
        if service is not None:
            slots_or_none = service.hours.day(weekday)
            if slots_or_none is not None:
                return Day(day, slots_or_none, "weekly", None, self.service_id)
            if not service.inherit_hours:
                return Day(day, (), "weekly", None, self.service_id)
        return Day(day, est.hours.day(weekday) or (), "weekly", None, None)

    def last_dated(self) -> dt.date | None:
        """The last date any dated rule names (bounds the search for changes)."""
        ends = [rule.last for rules in self._levels for rule in rules if rule.last]
        est = self.establishment
        seasons = list(est.seasons)
        if self.service_id is not None:
            seasons += est.services[self.service_id].seasons
        ends += [s.end for s in seasons if isinstance(s.end, dt.date)]
        return max(ends, default=None)
