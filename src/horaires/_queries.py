"""The queries of an establishment: each takes ``service=`` and ``at=`` and delegates to a
compiled schedule (built on first use and cached on the establishment)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._model import Establishment
    from ._schedule import Combined, Schedule
    from ._values import Day, Interval, Status

__all__ = ["Compiled", "EstablishmentQueries"]


class Compiled:
    """The schedules of one establishment, per (service, language), built on demand."""

    def __init__(self, establishment: Establishment) -> None:
        self.establishment = establishment
        self._schedules: dict[tuple[str | None, str | None, bool], Schedule | Combined] = {}
        self._lock = threading.Lock()

    def schedule(
        self, service: str | None, language: str | None, whole: bool
    ) -> Schedule | Combined:
        """The schedule of ``service``; for None, of the whole establishment when ``whole``
        (else of its general hours only)."""
        found = self._schedules.get((service, language, whole))
        if found is not None:  # the hot path: no import, no lookup of the default language
            return found
        from ._precedence import NativeSource
        from ._schedule import Combined, Schedule

        est = self.establishment
        lang = language or est.language
        key = (service, lang, whole)
        found = self._schedules.get(key)
        if found is not None:
            with self._lock:
                return self._schedules.setdefault((service, language, whole), found)
        if service is not None:
            est.service(service)  # raises UnknownServiceError
        if service is None and whole and est.services:
            general = self.schedule(None, lang, False)
            assert not isinstance(general, Combined)
            parts = []
            for sid in est.services:
                part = self.schedule(sid, lang, False)
                assert not isinstance(part, Combined)
                parts.append((sid, part))
            made: Schedule | Combined = Combined(general, parts)
        else:
            source = NativeSource(est, service, lang)
            made = Schedule(
                source, est.zone, est.disambiguate, service=service, last_dated=source.last_dated()
            )
        with self._lock:
            made = self._schedules.setdefault(key, made)
            return self._schedules.setdefault((service, language, whole), made)

    def __getstate__(self) -> dict[str, Any]:
        return {"establishment": self.establishment}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["establishment"])  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Compiled)

    def __hash__(self) -> int:
        return 0


class EstablishmentQueries:
    """Query methods of :class:`~horaires.Establishment`.

    Every query takes ``at`` (an aware datetime in any zone; None is now) and ``service``
    (a service id; None answers for the establishment as a whole, open when its general
    hours or any service is open). Answers are in the establishment's time zone.
    """

    __slots__ = ()

    def schedule(
        self, service: str | None = None, *, lang: str | None = None
    ) -> Schedule | Combined:
        """The compiled schedule of a service, or of the whole establishment (picklable)."""
        est: Establishment = self  # type: ignore[assignment]
        return est.compiled.schedule(service, lang, True)

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
        found = self.compiled._schedules.get((service, None, True))  # type: ignore[attr-defined]
        return (found or self.schedule(service)).is_open(at)

    def can_be_served(self, at: dt.datetime | None = None, *, service: str | None = None) -> bool:
        """Whether a person arriving at ``at`` is still admitted (accepting implies open)."""
        found = self.compiled._schedules.get((service, None, True))  # type: ignore[attr-defined]
        return (found or self.schedule(service)).can_be_served(at)

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

    def to_osm(self, *, service: str | None = None) -> str:
        """The OpenStreetMap ``opening_hours`` value of the general hours (or of ``service``);
        see :func:`horaires.osm.to_osm`."""
        from .osm import to_osm

        return to_osm(self, service=service)
