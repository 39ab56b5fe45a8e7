"""The payload of an "are we open?" widget: status, sentence, the coming days, services.

:func:`payload` returns plain JSON data (a :class:`Payload` dumped in JSON mode), ready to be
served by any web framework; ``examples/widget/`` serves it with Starlette.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from horaires import examples
>>> at = dt.datetime(2025, 5, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
>>> data = payload(examples.pantin(), at=at)
>>> data["state"], data["sentence"]
('accepting', 'Ouvert · dernier accueil à 12 h 00 · ferme à 12 h 30')
>>> [s["id"] for s in data["services"] if s["accepting"]]
['etat-civil']
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ._errors import HorairesError
from ._establishment import Establishment
from .text import describe_day, describe_interval, describe_status, format_date, weekday_name

__all__ = ["DAYS", "DayHours", "Opening", "Payload", "ServiceState", "State", "payload"]

State = Literal["accepting", "open", "closed", "unknown"]
"""``accepting``: open and admitting; ``open``: doors open, no longer admitting."""

DAYS = 8
"""Days the payload lists: today and the next seven."""


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Opening(_Out):
    """An opening interval that starts on a day (``closes`` is None when it does not end)."""

    opens: dt.datetime
    closes: dt.datetime | None
    last_admission: dt.datetime | None
    text: str


class DayHours(_Out):
    """The hours of one date, in words and as the intervals that open on it (a night that
    began the day before is listed on that day), with the reason when special."""

    date: dt.date
    weekday: str
    title: str
    today: bool
    closed: bool
    text: str
    reason: str | None
    openings: list[Opening]


class ServiceState(_Out):
    """The state of one service at the instant."""

    id: str
    name: str
    state: State
    open: bool
    accepting: bool
    sentence: str
    next_change: dt.datetime | None


class Payload(_Out):
    """Everything a widget shows; ``next_change`` is when to ask again."""

    name: str
    service: str | None
    service_name: str | None
    lang: Literal["fr", "en"]
    at: dt.datetime
    timezone: str
    state: State
    open: bool
    accepting: bool
    sentence: str
    reason: str | None
    closes_at: dt.datetime | None
    last_admission_at: dt.datetime | None
    next_opening: dt.datetime | None
    next_change: dt.datetime | None
    today: DayHours
    days: list[DayHours]
    services: list[ServiceState]


def _state(open_: bool, accepting: bool, unknown: bool) -> State:
    if unknown:
        return "unknown"
    return "accepting" if accepting else "open" if open_ else "closed"


def _day(
    establishment: Establishment,
    date: dt.date,
    service: str | None,
    lang: Literal["fr", "en"],
    today: dt.date,
) -> DayHours:
    zone = establishment.zone
    plan = establishment.day(date, service=service, lang=lang)
    # from the day before, so that a night that began yesterday is not cut at midnight
    start = dt.datetime.combine(date - dt.timedelta(days=1), dt.time(), zone)
    end = dt.datetime.combine(date + dt.timedelta(days=2), dt.time(), zone)
    openings = [
        Opening(
            opens=interval.start,
            closes=interval.end,
            last_admission=interval.last_admission,
            text=describe_interval(interval.start, interval.end, lang),
        )
        for interval in establishment.intervals(start, end, service=service, lang=lang)
        if interval.start.date() == date and not interval.unknown
    ]
    return DayHours(
        date=date,
        weekday=weekday_name(date.weekday(), lang),
        title=format_date(date, lang, year=False),
        today=date == today,
        closed=plan.closed,
        text=describe_day(plan, lang),
        reason=plan.label,
        openings=openings,
    )


def payload(
    establishment: Establishment,
    at: dt.datetime | None = None,
    service: str | None = None,
    lang: str = "fr",
) -> dict[str, Any]:
    """The widget data at ``at`` (default: now) for a service or the whole establishment.

    ``lang`` is ``"fr"`` or ``"en"``; the result is plain JSON data (strings, numbers, lists).
    """
    if lang not in ("fr", "en"):
        raise HorairesError(f"unsupported language {lang!r}: expected 'fr' or 'en'")
    code: Literal["fr", "en"] = "en" if lang == "en" else "fr"
    if at is None:
        at = dt.datetime.now(dt.UTC)
    status = establishment.status(at, service=service, lang=code)
    today = status.at.date()
    days = [
        _day(establishment, today + dt.timedelta(days=i), service, code, today) for i in range(DAYS)
    ]
    services = []
    if service is None:
        for key, own in establishment.services.items():
            part = establishment.status(at, service=key, lang=code)
            services.append(
                ServiceState(
                    id=key,
                    name=own.name or key,
                    state=_state(part.open, part.accepting, part.unknown),
                    open=part.open,
                    accepting=part.accepting,
                    sentence=describe_status(part, code),
                    next_change=part.next_change,
                )
            )
    result = Payload(
        name=establishment.name,
        service=service,
        service_name=(establishment.service(service).name or service) if service else None,
        lang=code,
        at=status.at,
        timezone=establishment.timezone,
        state=_state(status.open, status.accepting, status.unknown),
        open=status.open,
        accepting=status.accepting,
        sentence=describe_status(status, code),
        reason=status.reason,
        closes_at=status.closes_at,
        last_admission_at=status.last_admission_at,
        next_opening=status.next_opening,
        next_change=status.next_change,
        today=days[0],
        days=days,
        services=services,
    )
    data: dict[str, Any] = result.model_dump(mode="json")
    return data
