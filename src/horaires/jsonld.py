"""schema.org JSON-LD: an establishment as a ``GovernmentOffice`` (or another ``Place`` type).

- ``openingHoursSpecification``: the usual week, plus each season as entries with
  ``validFrom``/``validThrough`` over the horizon;
- ``specialOpeningHoursSpecification``: dated exceptions and public holidays over the horizon
  (a closed day is ``opens`` = ``closes`` = ``00:00:00``, as search engines expect);
- each service as a ``GovernmentService`` offered by the place, with ``hoursAvailable``;
- the last-admission rule in ``description`` (schema.org has no property for it).

>>> import datetime as dt
>>> from horaires import examples
>>> data = to_jsonld(examples.pantin(), start=dt.date(2025, 4, 28), days=7)
>>> data["@type"], data["specialOpeningHoursSpecification"][0]["validFrom"]
('GovernmentOffice', '2025-05-01')
>>> data["description"]
'Dernier accueil 30 min avant chaque fermeture, pauses comprises. Fermé les jours fériés.'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import NoneType
from typing import Any

from ._errors import check_types
from ._establishment import Establishment
from ._languages import language as check_language
from ._model import Slot
from ._resolve import View, dates, day_plans, usual_week

__all__ = ["DAY_OF_WEEK", "to_jsonld"]

DAY_OF_WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""schema.org ``DayOfWeek`` members, Monday first."""


def _time(minutes: int) -> str:
    """``HH:MM:SS``; a closing at midnight is ``23:59:59``, past midnight is the next day's."""
    if minutes == 1440:
        return "23:59:59"
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def _spec(
    slot: Slot,
    *,
    days: Sequence[int] = (),
    valid: tuple[dt.date, dt.date] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    spec: dict[str, Any] = {"@type": "OpeningHoursSpecification"}
    if name:
        spec["name"] = name
    if days:
        spec["dayOfWeek"] = [DAY_OF_WEEK[d] for d in days]
    spec["opens"], spec["closes"] = _time(slot.opens), _time(slot.closes)
    if valid is not None:
        spec["validFrom"], spec["validThrough"] = valid[0].isoformat(), valid[1].isoformat()
    return spec


def _weekly(
    week: Sequence[tuple[Slot, ...]],
    valid: tuple[dt.date, dt.date] | None = None,
    name: str | None = None,
) -> list[dict[str, Any]]:
    """One entry per distinct slot, with the weekdays it applies to."""
    by_slot: dict[tuple[int, int], list[int]] = {}
    for weekday, slots in enumerate(week):
        for slot in slots:
            by_slot.setdefault((slot.opens, slot.closes), []).append(weekday)
    return [
        _spec(Slot(opens=opens, closes=closes), days=days, valid=valid, name=name)
        for (opens, closes), days in sorted(by_slot.items(), key=lambda item: (item[1][0], item[0]))
    ]


def _seasons(
    establishment: Establishment, service: str | None, start: dt.date, days: int
) -> list[dict[str, Any]]:
    """Weekly entries for each stretch of the horizon where a season applies."""
    seasons = list(View(establishment, service).seasons)
    runs: list[tuple[tuple[int, ...], list[dt.date]]] = []
    for day in dates(start, days):
        key = tuple(i for i, season in enumerate(seasons) if season.covers(day))
        if not key:
            continue
        if runs and runs[-1][0] == key and (day - runs[-1][1][-1]).days == 1:
            runs[-1][1].append(day)
        else:
            runs.append((key, [day]))
    specs: list[dict[str, Any]] = []
    for key, run in runs:
        week: list[tuple[Slot, ...]] = [() for _ in range(7)]
        for day in run[:7]:
            week[day.weekday()] = day_plans(establishment, day, 1, service, usual=True)[0].slots
        label = " / ".join(seasons[i].label or "" for i in key) or None
        specs += _weekly(week, (run[0], run[-1]), label)
    return specs


def _special(
    establishment: Establishment, service: str | None, start: dt.date, days: int, lang: str
) -> list[dict[str, Any]]:
    """Dated entries for exceptions, and holidays that change the hours (runs of equal days)."""
    plain = day_plans(establishment, start, days, service, lang, usual=True)
    runs: list[tuple[tuple[Slot, ...], str | None, list[dt.date]]] = []
    for plan, usual_plan in zip(
        day_plans(establishment, start, days, service, lang), plain, strict=True
    ):
        day = plan.date
        if plan.unknown or plan.rule not in ("exception", "holiday"):
            continue
        slots = tuple(Slot(opens=s.opens, closes=s.closes) for s in plan.slots)
        usual = tuple(Slot(opens=s.opens, closes=s.closes) for s in usual_plan.slots)
        if plan.rule == "holiday" and slots == usual:
            continue  # a holiday on a day closed anyway
        last = runs[-1] if runs else None
        if last and last[0] == slots and last[1] == plan.label and (day - last[2][-1]).days == 1:
            last[2].append(day)
        else:
            runs.append((slots, plan.label, [day]))
    specs: list[dict[str, Any]] = []
    for slots, label, run in runs:
        valid = (run[0], run[-1])
        if not slots:
            specs.append(
                _spec(Slot(opens=0, closes=1440), valid=valid, name=label)
                | {"opens": "00:00:00", "closes": "00:00:00"}
            )
        for slot in slots:
            specs.append(_spec(slot, valid=valid, name=label))
    return specs


def _description(establishment: Establishment, service: str | None, lang: str) -> str | None:
    from .text import _rules_lines

    lines = _rules_lines(establishment, service, lang)
    return " ".join(lines) or None


def to_jsonld(
    establishment: Establishment,
    *,
    start: dt.date | None = None,
    days: int = 90,
    type: str = "GovernmentOffice",
    service_type: str = "GovernmentService",
    id: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The establishment as schema.org JSON-LD data (a dict ready for ``json.dumps``).

    ``start`` and ``days`` bound the dated entries (default: 90 days from today in the
    establishment's zone). ``type`` is the schema.org type of the place (``CivicStructure``,
    ``Museum``, ``Pharmacy``...), ``id`` its ``@id`` URL, ``lang`` the language of the texts
    (default: the establishment's).
    """
    check_types(
        establishment=(establishment, Establishment),
        start=(start, (dt.date, NoneType)),
        days=(days, int),
        type=(type, str),
        service_type=(service_type, str),
        id=(id, (str, NoneType)),
        lang=(lang, (str, NoneType)),
    )
    language = establishment.language if lang is None else check_language(lang)
    if start is None:
        start = dt.datetime.now(establishment.zone).date()
    dates(start, days)  # checked before any work
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": type}
    if id is not None:
        data["@id"] = id
    data["name"] = establishment.name
    description = _description(establishment, None, language)
    if description:
        data["description"] = description
    data["openingHoursSpecification"] = _weekly(usual_week(establishment)) + _seasons(
        establishment, None, start, days
    )
    special = _special(establishment, None, start, days, language)
    if special:
        data["specialOpeningHoursSpecification"] = special
    offers = []
    for key, service in establishment.services.items():
        item: dict[str, Any] = {
            "@type": service_type,
            "name": service.name or key,
            "identifier": key,
        }
        text = _description(establishment, key, language)
        if text:
            item["description"] = text
        item["hoursAvailable"] = (
            _weekly(usual_week(establishment, key))
            + _seasons(establishment, key, start, days)
            + _special(establishment, key, start, days, language)
        )
        if id is not None:
            item["provider"] = {"@id": id}
        offers.append({"@type": "Offer", "itemOffered": item})
    if offers:
        data["makesOffer"] = offers
    return data
