"""The establishment of the public API: the validated data, and the queries on it.

:class:`Establishment` adds the query methods to :class:`~horaires._model.EstablishmentData`.
They delegate to compiled schedules that live beside the establishment, not inside it: an
:class:`Engine` per establishment object, found by the object's identity and dropped when the
object is. The engine holds a shallow copy of the establishment (sharing its parts), so a
schedule taken from it lives on after the establishment.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> mairie = Establishment(name="Mairie", hours={"mon": ["08:30-12:30"]})
>>> mairie.is_open(datetime(2025, 5, 5, 9, 0, tzinfo=ZoneInfo("Europe/Paris")))
True
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
import weakref
from collections.abc import Callable, Iterator

from ._compile import Compiler
from ._errors import check_types
from ._languages import language as check_language
from ._model import EstablishmentData
from ._resolve import View
from ._schedule import Combined, Schedule
from ._values import Day, Interval, Status
from ._wall import date_range, format_time

__all__ = ["Engine", "Establishment", "dropped_slots", "engine"]

SCHEDULES = 64
"""Compiled schedules an engine keeps (per service, language and view of the whole)."""


class Engine:
    """The compiled schedules of one establishment, per (service, language, whole), built
    on demand."""

    __slots__ = ("_lock", "_schedules", "data", "owner", "plain")

    def __init__(self, data: EstablishmentData) -> None:
        self.data = data
        self._schedules: dict[tuple[str | None, str | None, bool], Schedule | Combined] = {}
        self._lock = threading.Lock()
        self.plain: dict[str | None, Schedule | Combined] = {}
        """The schedules asked without a language, by service (None: the whole), found by
        the queries of :class:`Establishment` with one lookup."""
        self.owner: weakref.ref[EstablishmentData] | None = None
        """The establishment the engine answers for (a weak reference: its end drops the
        engine)."""

    def schedule(
        self, service: str | None, language: str | None = None, whole: bool = True
    ) -> Schedule | Combined:
        """The schedule of ``service``; for None, of the whole establishment when ``whole``
        (else of its general hours only)."""
        key = (service, language, whole)
        try:
            found = self._schedules.get(key)
        except TypeError:  # unhashable: checked below
            found = None
        if found is not None:  # only checked arguments are keys
            return found
        check_types(service=(service, (str, type(None))), lang=(language, (str, type(None))))
        data = self.data
        lang = data.language if language is None else check_language(language)
        if service is not None:
            data.service(service)  # raises UnknownServiceError
        if lang != language:  # one schedule per checked code ("FR", "fr" and None share it)
            shared = self.schedule(service, lang, whole)
            with self._lock:
                if len(self._schedules) < SCHEDULES:
                    self._schedules[key] = shared
                if language is None and whole and len(self.plain) < SCHEDULES:
                    self.plain[service] = shared
            return shared
        made: Schedule | Combined
        if service is None and whole and data.services:
            general = self.schedule(None, lang, False)
            parts = [(sid, self.schedule(sid, lang, False)) for sid in data.services]
            assert isinstance(general, Schedule)
            made = Combined(general, [(sid, p) for sid, p in parts if isinstance(p, Schedule)])
        else:
            view = View(data, service, lang)
            made = Schedule(
                view, data.zone, data.disambiguate, service=service, last_dated=view.last_dated()
            )
        with self._lock:
            if len(self._schedules) >= SCHEDULES:
                self._schedules.clear()
            return self._schedules.setdefault(key, made)


_ENGINES: dict[int, Engine] = {}
_LOCK = threading.Lock()


def engine(establishment: EstablishmentData) -> Engine:
    """The engine of an establishment object (made on first use, dropped with the object)."""
    found = _ENGINES.get(id(establishment))
    if found is not None:
        return found
    with _LOCK:
        found = _ENGINES.get(id(establishment))
        if found is None:
            found = _ENGINES[id(establishment)] = Engine(copy.copy(establishment))
            found.owner = weakref.ref(establishment, _forget(id(establishment)))
    return found


def _forget(key: int) -> Callable[[object], None]:
    """What drops the engine kept under ``key`` once its establishment is gone."""

    def forget(_: object) -> None:
        _ENGINES.pop(key, None)

    return forget


def dropped_slots(
    establishment: EstablishmentData, start: dt.date, days: int
) -> list[tuple[str | None, dt.date, str]]:
    """``(service, date, slot)`` for each slot of ``days`` dates from ``start`` that has no
    hours because its resolved opening is not before its resolved closing (a slot inside a
    spring-forward gap, docs/time.md): what ``horaires check`` reports as a warning.

    >>> paris = Establishment(name="Bar", hours={"sun": ["02:00-03:00", "10:00-12:00"]})
    >>> dropped_slots(paris, dt.date(2025, 3, 1), 31)
    [(None, datetime.date(2025, 3, 30), '02:00-03:00')]
    """
    ordinals = date_range(start, days)
    out = []
    for service in (None, *establishment.services):
        compiler = Compiler(
            View(establishment, service), establishment.zone, establishment.disambiguate
        )
        out += [
            (service, dt.date.fromordinal(ordinal), f"{format_time(opens)}-{format_time(closes)}")
            for ordinal, opens, closes in compiler.dropped(ordinals.start, len(ordinals))
        ]
    return out


class Establishment(EstablishmentData):
    """A place with weekly hours, holidays, an admission rule, exceptions and services, and
    the queries about it.

    Every query takes ``at`` (an aware datetime in any zone; None is now) and ``service``
    (a service id; None answers for the establishment as a whole, open when its general
    hours or any service is open). Answers are in the establishment's time zone.

    >>> paris = Establishment(name="Mairie", hours={"mon": ["08:30-12:30"]})
    >>> paris.timezone, paris.services
    ('Europe/Paris', {})
    """

    def _asked(self, service: str | None) -> Schedule | Combined:
        """The schedule of ``service`` in the establishment's language: one lookup when it
        was asked before (the path of ``is_open``), else checked and built."""
        found = _ENGINES.get(id(self))
        try:
            return found.plain[service]  # type: ignore[union-attr]
        except (AttributeError, KeyError, TypeError):  # not asked yet, or not a service id
            return (found or engine(self)).schedule(service)

    def schedule(
        self, service: str | None = None, *, lang: str | None = None
    ) -> Schedule | Combined:
        """The compiled schedule of a service, or of the whole establishment (picklable)."""
        return (_ENGINES.get(id(self)) or engine(self)).schedule(service, lang)

    def status(
        self,
        at: dt.datetime | None = None,
        *,
        service: str | None = None,
        lang: str | None = None,
        horizon: dt.timedelta | None = None,
    ) -> Status:
        """The :class:`Status` at ``at``: open, accepting, closing, last admission, reason."""
        return self.schedule(service, lang=lang).status(at, horizon=horizon)

    def is_open(self, at: dt.datetime | None = None, *, service: str | None = None) -> bool:
        """Whether the doors are open at ``at``."""
        if (  # _asked(None), inlined: the hot path
            service is None
            and (found := _ENGINES.get(id(self))) is not None
            and (whole := found.plain.get(None)) is not None
        ):
            return whole.is_open(at)
        return self._asked(service).is_open(at)

    def can_be_served(self, at: dt.datetime | None = None, *, service: str | None = None) -> bool:
        """Whether a person arriving at ``at`` is still admitted (accepting implies open)."""
        return self._asked(service).can_be_served(at)

    def is_unknown(self, at: dt.datetime | None = None, *, service: str | None = None) -> bool:
        """Whether the data says the state at ``at`` is unknown (``hours = "unknown"``)."""
        return self.schedule(service).is_unknown(at)

    def next_change(
        self,
        at: dt.datetime | None = None,
        *,
        service: str | None = None,
        horizon: dt.timedelta | None = None,
    ) -> dt.datetime | None:
        """The first instant after ``at`` where open or accepting changes (None: no change
        within the horizon)."""
        return self.schedule(service).next_change(at, horizon=horizon)

    def next_opening(
        self,
        at: dt.datetime | None = None,
        *,
        service: str | None = None,
        horizon: dt.timedelta | None = None,
    ) -> dt.datetime | None:
        """The first instant after ``at`` where the doors open."""
        return self.schedule(service).next_opening(at, horizon=horizon)

    def next_closing(
        self,
        at: dt.datetime | None = None,
        *,
        service: str | None = None,
        horizon: dt.timedelta | None = None,
    ) -> dt.datetime | None:
        """The first instant after ``at`` where the doors close."""
        return self.schedule(service).next_closing(at, horizon=horizon)

    def intervals(
        self,
        start: dt.datetime,
        end: dt.datetime,
        *,
        service: str | None = None,
        lang: str | None = None,
    ) -> Iterator[Interval]:
        """The opening intervals meeting ``[start, end)``, clipped to it."""
        return self.schedule(service, lang=lang).intervals(start, end)

    def admission_windows(
        self, start: dt.datetime, end: dt.datetime, *, service: str | None = None
    ) -> Iterator[Interval]:
        """The stretches of ``[start, end)`` where a person arriving is admitted."""
        return self.schedule(service).admission_windows(start, end)

    def day(self, date: dt.date, *, service: str | None = None, lang: str | None = None) -> Day:
        """The hours that apply on a local date and the rule that produced them."""
        return self.schedule(service, lang=lang).day(date)
