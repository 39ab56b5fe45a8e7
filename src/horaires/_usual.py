"""The usual hours of an establishment: its week without dated rules, for renderings.

Text, JSON-LD, Google Business Profile and the Annuaire export all describe "the usual
week" and then "what differs on given dates". These helpers give both views from the
model, without touching the engine.

>>> from horaires import examples
>>> week = usual_week(examples.pantin(), "etat-civil")
>>> [len(day) for day in week]
[2, 2, 2, 1, 2, 1, 0]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

from ._model import Establishment, Slot
from ._schedule import Schedule
from ._values import Day

__all__ = [
    "WeekdayPlan",
    "dates",
    "day_plans",
    "special_days",
    "usual_week",
    "weekday_plans",
    "without_dated",
]

_MONDAY = dt.date(2001, 1, 1)  # any Monday: weekly hours do not depend on the date


@lru_cache(maxsize=32)
def without_dated(establishment: Establishment, *, seasons: bool = True) -> Establishment:
    """The same establishment without exceptions and holidays (and seasons unless kept)."""
    from ._config import dump, load

    data = dump(establishment)
    drop = ("exceptions", "holidays", "holiday_hours") + (() if seasons else ("seasons",))
    for key in drop:
        data.pop(key, None)
    for service in data.get("services", {}).values():
        for key in drop:
            service.pop(key, None)
    return load(data)


def usual_week(
    establishment: Establishment, service: str | None = None
) -> tuple[tuple[Slot, ...], ...]:
    """The weekly slots, Monday first, of a service or the whole establishment (no season)."""
    plain = without_dated(establishment, seasons=False)
    return tuple(plain.day(_MONDAY + dt.timedelta(days=i), service=service).slots for i in range(7))


WeekdayPlan = tuple[tuple[Slot, ...], tuple[tuple[str, tuple[Slot, ...]], ...]]
"""The general slots of a weekday, and ``(service id, slots)`` for each service that differs."""


def effective_slots(establishment: Establishment, service: str, weekday: int) -> tuple[Slot, ...]:
    """The weekly slots of a service on a weekday, after inheritance."""
    own = establishment.service(service)
    slots = own.hours.day(weekday)
    if slots is not None:
        return slots
    return (establishment.hours.day(weekday) or ()) if own.inherit_hours else ()


def weekday_plans(establishment: Establishment) -> tuple[WeekdayPlan, ...]:
    """Per weekday (Monday first): general slots, and the services whose slots differ."""
    plans: list[WeekdayPlan] = []
    for weekday in range(7):
        general = establishment.hours.day(weekday) or ()
        differ = tuple(
            (key, slots)
            for key in establishment.services
            if (slots := effective_slots(establishment, key, weekday)) != general
        )
        plans.append((general, differ))
    return tuple(plans)


def dates(start: dt.date, days: int) -> Iterator[dt.date]:
    """``days`` consecutive dates from ``start``."""
    for i in range(days):
        yield start + dt.timedelta(days=i)


def _part_days(
    establishment: Establishment, service: str | None, first: dt.date, last: dt.date, lang: str
) -> list[Day]:
    schedule = establishment.compiled.schedule(service, lang, False)
    assert isinstance(schedule, Schedule)
    return list(schedule.source.days(first, last))


def day_plans(
    establishment: Establishment,
    start: dt.date,
    days: int,
    service: str | None = None,
    lang: str | None = None,
    *,
    whole: bool = True,
) -> list[Day]:
    """The :class:`Day` of ``days`` dates from ``start`` (what ``establishment.day`` gives,
    computed in one pass). Without ``service``: the whole establishment when ``whole``
    (slots of every part joined), else its general hours alone.
    """
    if days <= 0:
        return []
    language = lang or establishment.language
    last = start + dt.timedelta(days=days - 1)
    own = _part_days(establishment, service, start, last, language)
    if service is not None or not whole or not establishment.services:
        return own
    parts = [
        _part_days(establishment, key, start, last, language) for key in establishment.services
    ]
    return [general.joined(*(part[i] for part in parts)) for i, general in enumerate(own)]


def special_days(
    establishment: Establishment,
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
