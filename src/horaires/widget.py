"""The payload of an "are we open?" widget: status, sentence, the coming days, services.

:func:`payload` returns plain JSON data (a :class:`Payload` dumped in JSON mode), ready to be
served by any web framework; :mod:`horaires.web` serves it (see docs/widget.md).
``valid_until`` says until when everything in it stays true, and ``ticks`` the sentences of
a countdown before then, so a widget can tick without asking again.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from horaires import examples
>>> at = dt.datetime(2025, 5, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
>>> data = payload(examples.pantin(), at=at)
>>> data["state"], data["sentence"]
('accepting', 'Ouvert · dernier accueil à 12 h 00 · ferme à 12 h 30')
>>> [s["id"] for s in data["services"] if s["accepting"]]
['etat-civil']
>>> data["today"]["text"]
'9 h 00 – 12 h 30, pôle état civil, élections et funéraire uniquement'
>>> data["valid_until"]
'2025-05-03T12:00:00+02:00'
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ._errors import check_types
from ._establishment import Establishment
from ._languages import language
from ._resolve import dates as checked_dates
from .text import (
    describe_days,
    describe_interval,
    describe_status,
    format_date,
    nowrap,
    sentence_changes,
    weekday_name,
)

__all__ = [
    "DAYS",
    "TICKS_AHEAD",
    "DayHours",
    "Opening",
    "Payload",
    "ServiceState",
    "State",
    "Tick",
    "Week",
    "business_date",
    "payload",
    "week",
]

State = Literal["accepting", "open", "closed", "unknown"]
"""``accepting``: open and admitting; ``open``: doors open, no longer admitting."""

DAYS = 8
"""Days the payload lists: today and the next seven."""

TICKS_AHEAD = dt.timedelta(minutes=10)
"""How far ahead a payload lists :class:`Tick` (enough to tick through a few failed
refreshes; a countdown lasts an hour, and each answer carries the next ten minutes)."""


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Opening(_Out):
    """An opening interval that starts on a day (``closes`` is None when it does not end)."""

    opens: dt.datetime
    closes: dt.datetime | None
    last_admission: dt.datetime | None
    text: str


class DayHours(_Out):
    """The hours of one date, in words and as the intervals that open on it (a night is
    listed on the day it begins), with the reason when special. ``today`` marks the day
    the widget highlights: the business day, which is yesterday while last night's hours
    still run."""

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


class Tick(_Out):
    """The sentences from ``at`` on, while the status itself has not changed (a countdown):
    ``services`` in the order of :attr:`Payload.services`."""

    at: dt.datetime
    sentence: str
    services: list[str]


class Payload(_Out):
    """Everything a widget shows. ``valid_until`` is the first instant at which anything
    in it changes (the state, the sentence, the highlighted day): ask again then, and in
    the meantime show the sentences of ``ticks`` as their instants pass."""

    name: str
    service: str | None
    service_name: str | None
    lang: str
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
    valid_until: dt.datetime
    ticks: list[Tick]
    today: DayHours
    days: list[DayHours]
    services: list[ServiceState]


class Week(_Out):
    """The days a widget lists from a date (what :func:`week` returns)."""

    name: str
    service: str | None
    service_name: str | None
    lang: str
    timezone: str
    start: dt.date
    days: list[DayHours]


def _state(open_: bool, accepting: bool, unknown: bool) -> State:
    if unknown:
        return "unknown"
    return "accepting" if accepting else "open" if open_ else "closed"


def _language(establishment: Establishment, lang: str | None) -> str:
    """The language asked for (an :class:`~horaires.UnsupportedLanguage` error when it is
    not one of :data:`horaires.LANGUAGES`), else the establishment's."""
    return establishment.language if lang is None else language(lang)


def _midnight(date: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The first instant of a local date (in UTC: a midnight skipped by DST still counts)."""
    return dt.datetime.combine(date, dt.time(), zone).astimezone(dt.UTC)


def _days(
    establishment: Establishment,
    start: dt.date,
    count: int,
    service: str | None,
    lang: str,
    today: dt.date | None,
    wrap: bool,
) -> list[DayHours]:
    zone = establishment.zone
    dates = list(checked_dates(start, count))
    if not dates:
        return []
    texts = describe_days(establishment, start, count, service=service, lang=lang)
    plans = [establishment.day(date, service=service, lang=lang) for date in dates]
    first, end = (
        _midnight(start - dt.timedelta(days=1), zone),
        _midnight(dates[-1] + dt.timedelta(days=2), zone),
    )
    openings: dict[dt.date, list[Opening]] = {}
    for interval in establishment.intervals(first, end, service=service, lang=lang):
        if interval.unknown or interval.start == first:  # clipped: it began before
            continue
        text = describe_interval(interval.start, interval.end, lang)
        openings.setdefault(interval.start.date(), []).append(
            Opening(
                opens=interval.start,
                closes=interval.end,
                last_admission=interval.last_admission,
                text=nowrap(text, lang) if wrap else text,
            )
        )
    return [
        DayHours(
            date=date,
            weekday=weekday_name(date.weekday(), lang),
            title=format_date(date, lang, year=False),
            today=date == today,
            closed=plan.closed,
            text=nowrap(text, lang) if wrap else text,
            reason=plan.label,
            openings=openings.get(date, []),
        )
        for date, plan, text in zip(dates, plans, texts, strict=True)
    ]


def business_date(
    establishment: Establishment,
    at: dt.datetime,
    service: str | None = None,
) -> dt.date:
    """The date whose hours apply at ``at``: the local date, or the day before while the
    night of its hours is still open (at 00:30 a bar open 18:00-03:00 is in yesterday's
    hours; a place open day and night is in today's).

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> from horaires import examples
    >>> at = dt.datetime(2025, 12, 25, 0, 30, tzinfo=ZoneInfo("Europe/Paris"))
    >>> business_date(examples.load_example("pharmacy"), at)
    datetime.date(2025, 12, 24)
    """
    check_types(
        establishment=(establishment, Establishment),
        at=(at, dt.datetime),
        service=(service, (str, type(None))),
    )
    local = at.astimezone(establishment.zone)
    today = local.date()
    yesterday = today - dt.timedelta(days=1)
    minute = 1440 + local.hour * 60 + local.minute
    night = any(
        slot.opens < 1440 < slot.closes and minute < slot.closes
        for slot in establishment.day(yesterday, service=service).slots
    )
    return yesterday if night and establishment.is_open(at, service=service) else today


Changes = tuple[str, list[tuple[dt.datetime, str]]]
"""A sentence now, and the instants where it changes with the new sentence."""


def _ticks(
    main: Changes, parts: list[Changes], until: dt.datetime, wrap: bool, lang: str
) -> list[Tick]:
    """One tick per instant before ``until`` where the main sentence or a service's
    sentence changes."""
    instants = sorted({t for _, changes in (main, *parts) for t, _ in changes if t < until})

    def at(sentences: Changes, t: dt.datetime) -> str:
        text, changes = sentences
        for when, new in changes:
            if when > t:
                break
            text = new
        return nowrap(text, lang) if wrap else text

    return [
        Tick(at=t, sentence=at(main, t), services=[at(part, t) for part in parts]) for t in instants
    ]


def payload(
    establishment: Establishment,
    at: dt.datetime | None = None,
    service: str | None = None,
    lang: str | None = None,
    *,
    wrap: bool = False,
) -> dict[str, Any]:
    """The widget data at ``at`` (default: now) for a service or the whole establishment.

    ``lang`` is one of :data:`horaires.LANGUAGES` (with a region if you like: ``en-GB``),
    by default the establishment's language; the result is plain JSON data (strings, numbers, lists).
    With ``wrap``, times and durations in the texts keep on one line (non-breaking spaces,
    for HTML: see :func:`horaires.text.nowrap`).
    """
    check_types(
        establishment=(establishment, Establishment),
        at=(at, (dt.datetime, type(None))),
        service=(service, (str, type(None))),
        wrap=(wrap, bool),
    )
    code = _language(establishment, lang)
    if at is None:
        at = dt.datetime.now(dt.UTC)
    status = establishment.status(at, service=service, lang=code)
    now = status.at
    today = business_date(establishment, now, service)
    midnight = _midnight(now.date() + dt.timedelta(days=1), establishment.zone)
    bounds = [midnight] + ([status.next_change] if status.next_change else [])
    parts = []
    if service is None:
        for key, own in establishment.services.items():
            part = establishment.status(at, service=key, lang=code)
            parts.append((key, own, part))
            if part.next_change is not None:
                bounds.append(part.next_change)
    bound = min(bounds)
    sentence = describe_status(status, code)
    main = (sentence, sentence_changes(status, code, until=bound))
    others = [
        (describe_status(part, code), sentence_changes(part, code, until=bound))
        for _, _, part in parts
    ]
    ticks = _ticks(main, others, now + TICKS_AHEAD, wrap, code)
    valid_until = min([bound] + [changes[0][0] for _, changes in (main, *others) if changes])

    def text(value: str) -> str:
        return nowrap(value, code) if wrap else value

    services = [
        ServiceState(
            id=key,
            name=own.name or key,
            state=_state(part.open, part.accepting, part.unknown),
            open=part.open,
            accepting=part.accepting,
            sentence=text(describe_status(part, code)),
            next_change=part.next_change,
        )
        for key, own, part in parts
    ]
    days = _days(establishment, today, DAYS, service, code, today, wrap)
    result = Payload(
        name=establishment.name,
        service=service,
        service_name=(establishment.service(service).name or service) if service else None,
        lang=code,
        at=now,
        timezone=establishment.timezone,
        state=_state(status.open, status.accepting, status.unknown),
        open=status.open,
        accepting=status.accepting,
        sentence=text(sentence),
        reason=status.reason,
        closes_at=status.closes_at,
        last_admission_at=status.last_admission_at,
        next_opening=status.next_opening,
        next_change=status.next_change,
        valid_until=valid_until.astimezone(establishment.zone),
        ticks=ticks,
        today=days[0],
        days=days,
        services=services,
    )
    data: dict[str, Any] = result.model_dump(mode="json")
    return data


def week(
    establishment: Establishment,
    start: dt.date | None = None,
    service: str | None = None,
    lang: str | None = None,
    *,
    days: int = DAYS,
    today: dt.date | None = None,
    wrap: bool = False,
) -> dict[str, Any]:
    """The days a widget lists from ``start`` (default: today in the establishment's zone),
    as plain JSON data; ``today`` marks the highlighted day.

    >>> import datetime as dt
    >>> from horaires import examples
    >>> data = week(examples.pantin(), dt.date(2025, 5, 1), "etat-civil", days=3)
    >>> [(day["weekday"], day["text"]) for day in data["days"]]
    [('jeudi', 'fermé (Fête du Travail)'), ('vendredi', '8 h 30 – 12 h 30 et 13 h 30 – 17 h 30'), ('samedi', '9 h 00 – 12 h 30')]
    """
    check_types(
        establishment=(establishment, Establishment),
        start=(start, (dt.date, type(None))),
        service=(service, (str, type(None))),
        days=(days, int),
        today=(today, (dt.date, type(None))),
        wrap=(wrap, bool),
    )
    code = _language(establishment, lang)
    if service is not None:
        establishment.service(service)  # raises UnknownServiceError
    if start is None:
        start = dt.datetime.now(establishment.zone).date()
    result = Week(
        name=establishment.name,
        service=service,
        service_name=(establishment.service(service).name or service) if service else None,
        lang=code,
        timezone=establishment.timezone,
        start=start,
        days=_days(establishment, start, days, service, code, today, wrap),
    )
    data: dict[str, Any] = result.model_dump(mode="json")
    return data
