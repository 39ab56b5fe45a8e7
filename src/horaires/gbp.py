"""Google Business Profile hours: ``regularHours`` and ``specialHours`` (Business Information
API, v1 JSON).

``regularHours.periods`` is the usual week (``openDay``/``openTime``/``closeDay``/
``closeTime``; a night past midnight closes on the next day, a closing at midnight is
``{"hours": 24}``). ``specialHours.specialHourPeriods`` lists each date of the horizon whose
hours differ from that week (exceptions, holidays and seasons, which the API has no other
way to say); a closed date is ``{"startDate": ..., "closed": true}``. Dates whose state is
unknown are left out. The API has no notion of last admission.

>>> import datetime as dt
>>> from horaires import examples
>>> hours = to_gbp(examples.pantin(), start=dt.date(2025, 4, 28), days=7)
>>> hours["regularHours"]["periods"][0]
{'openDay': 'MONDAY', 'openTime': {'hours': 8, 'minutes': 30}, 'closeDay': 'MONDAY', 'closeTime': {'hours': 12, 'minutes': 30}}
>>> hours["specialHours"]["specialHourPeriods"]
[{'startDate': {'year': 2025, 'month': 5, 'day': 1}, 'closed': True}]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._errors import check_types
from ._establishment import Establishment
from ._model import Slot
from ._resolve import dates, special_days, usual_week

__all__ = ["DAYS", "to_gbp"]

DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
"""The API's ``DayOfWeek`` values, Monday first."""


def _time(minutes: int) -> dict[str, int]:
    return {"hours": minutes // 60, "minutes": minutes % 60}


def _close(slot: Slot) -> tuple[int, dict[str, int]]:
    """Days after the opening day, and time of the closing (``24:00`` stays on the day)."""
    if slot.closes == 1440:
        return 0, _time(1440)
    return slot.closes // 1440, _time(slot.closes % 1440)


def _date(value: dt.date) -> dict[str, int]:
    return {"year": value.year, "month": value.month, "day": value.day}


def to_gbp(
    establishment: Establishment,
    *,
    service: str | None = None,
    start: dt.date | None = None,
    days: int = 90,
) -> dict[str, Any]:
    """``{"regularHours": ..., "specialHours": ...}`` for a service or the whole place.

    ``start`` and ``days`` bound the special hours (default: 90 days from today in the
    establishment's zone).
    """
    check_types(
        establishment=(establishment, Establishment),
        service=(service, (str, type(None))),
        start=(start, (dt.date, type(None))),
        days=(days, int),
    )
    if start is None:
        start = dt.datetime.now(establishment.zone).date()
    dates(start, days)  # checked before any work
    if service is not None:
        establishment.service(service)  # raises UnknownServiceError
    periods = []
    for weekday, slots in enumerate(usual_week(establishment, service)):
        for slot in slots:
            after, closes = _close(slot)
            periods.append(
                {
                    "openDay": DAYS[weekday],
                    "openTime": _time(slot.opens),
                    "closeDay": DAYS[(weekday + after) % 7],
                    "closeTime": closes,
                }
            )
    special: list[dict[str, Any]] = []
    for day, slots, _label, unknown in special_days(establishment, start, days, service):
        if unknown:
            continue
        if not slots:
            special.append({"startDate": _date(day), "closed": True})
        for slot in slots:
            after, closes = _close(slot)
            special.append(
                {
                    "startDate": _date(day),
                    "openTime": _time(slot.opens),
                    "endDate": _date(day + dt.timedelta(days=after)),
                    "closeTime": closes,
                }
            )
    return {"regularHours": {"periods": periods}, "specialHours": {"specialHourPeriods": special}}
