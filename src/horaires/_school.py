"""School holidays: whether a date is a school holiday in a zone, and its name
(docs/configuration.md#school-holidays).

The data is maintained elsewhere and imported on first use:

- France, by zone (``A``, ``B``, ``C``): the ``vacances-scolaires-france`` package (the
  ``school`` extra), from the official calendar. A period starts on the Saturday classes end
  (after classes) and ends on the day before they resume: the Toussaint 2025 holidays are
  18 October to 2 November.
- Other countries, by subdivision (Germany's states: ``BY``, ``BE``...): the school category
  of the ``holidays`` package, where it has one.

A date is known when the data has school holidays on or before it and on or after it (a
year either way): past the last period the data has, the answer is unknown, never "not a
school holiday".

>>> import datetime as dt
>>> school_holiday("FR", ("C",), dt.date(2026, 4, 20).toordinal(), "fr")
('Vacances de printemps', True)
>>> school_holiday("FR", ("A",), dt.date(2026, 4, 20).toordinal(), "fr")
(None, True)
>>> school_holiday("FR", ("C",), dt.date(2040, 4, 20).toordinal(), "fr")
(None, False)
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from ._calendar import check_calendar
from ._errors import HorairesError

__all__ = [
    "FRENCH_ZONES",
    "SCHOOL_TABLES",
    "check_school",
    "school_holiday",
    "unknown_label",
    "zones_of",
]

FRENCH_ZONES = ("A", "B", "C")
"""The zones of the French calendar in the data (Corsica and overseas are not in it)."""

SCHOOL_TABLES = 256
"""Tables of one year's school holidays the process keeps, per (country, zone, year,
language): each is built once."""

_ENGLISH = {
    "Vacances de la Toussaint": "All Saints' holidays",
    "Vacances de Noël": "Christmas holidays",
    "Vacances d'hiver": "Winter holidays",
    "Vacances de printemps": "Spring holidays",
    "Pont de l'Ascension": "Ascension bridge",
    "Vacances d'été": "Summer holidays",
}


def unknown_label(language: str) -> str:
    """The label of a date whose school holidays the data does not know.

    >>> unknown_label("fr")
    'Vacances scolaires inconnues'
    """
    from ._i18n import gettext

    return gettext(language, "School holidays unknown")


def zones_of(zone: str | Sequence[str] | None) -> tuple[str, ...]:
    """The zones of ``zone``: one, several, or none.

    >>> zones_of("C"), zones_of(["B", "C"]), zones_of(None)
    (('C',), ('B', 'C'), ())
    """
    if zone is None:
        return ()
    if isinstance(zone, str):
        return (zone,)
    return tuple(zone)


def check_school(country: str, zones: Sequence[str]) -> None:
    """Raise ``ValueError`` when there is no school-holiday data for ``country`` and each of
    ``zones`` (and :class:`HorairesError` naming the extra when it is not installed).

    >>> check_school("FR", ["B", "C"])
    >>> check_school("FR", ["Corse"])
    Traceback (most recent call last):
    ...
    ValueError: unknown school zone 'Corse' of FR: expected A, B or C (the data has no other zone)
    """
    if not zones:
        raise ValueError(
            f"no zone: give the school zone of {country} (France: A, B or C; elsewhere a "
            "subdivision, such as BY for Bavaria)"
        )
    for zone in zones:
        if not isinstance(zone, str):
            raise ValueError(f"{zone!r} is not a school zone: expected text such as 'C'")
    if country == "FR":
        for zone in zones:
            if zone not in FRENCH_ZONES:
                raise ValueError(
                    f"unknown school zone {zone!r} of FR: expected A, B or C "
                    "(the data has no other zone)"
                )
        _french()
        return
    _school_class(country)
    for zone in zones:
        check_calendar(country, zone)


def school_holiday(
    country: str, zones: Sequence[str], ordinal: int, language: str
) -> tuple[str | None, bool]:
    """``(name, known)`` of the date of ``ordinal``: the name of its school holiday in the
    first of ``zones`` that has one (None: not a school holiday), and whether the data knows
    the date in every zone (a holiday in one zone is known whatever the others say)."""
    known = True
    for zone in zones:
        name, sure = _lookup(country, zone, ordinal, language)
        if name is not None:
            return name, True
        known = known and sure
    return None, known


def _lookup(country: str, zone: str, ordinal: int, language: str) -> tuple[str | None, bool]:
    if country == "FR":
        days, names, first, last = _french()[zone]
        i = bisect_left(days, ordinal)
        if i < len(days) and days[i] == ordinal:
            name = names[i]
            return (_ENGLISH.get(name, name) if language.startswith("en") else name), True
        return None, first <= ordinal <= last
    year = dt.date.fromordinal(ordinal).year
    table = _year(country, zone, year, language)
    found = table.get(ordinal)
    if found is not None:
        return found, True
    before = any(day <= ordinal for day in table) or bool(_year(country, zone, year - 1, language))
    after = any(day >= ordinal for day in table) or bool(_year(country, zone, year + 1, language))
    return None, before and after


@cache
def _french() -> dict[str, tuple[list[int], list[str], int, int]]:
    """Per zone: the sorted ordinals of its school holidays, their names, and the first and
    last of them (the data's coverage)."""
    try:
        from vacances_scolaires_france import (  # type: ignore[import-untyped]
            SchoolHolidayDates,
        )
    except ImportError:
        raise HorairesError(
            "French school holidays need the vacances-scolaires-france package: "
            "pip install 'horaires[school]'"
        ) from None
    data = SchoolHolidayDates().data
    out: dict[str, tuple[list[int], list[str], int, int]] = {}
    for zone in FRENCH_ZONES:
        key = f"vacances_zone_{zone.lower()}"
        rows = sorted(
            (day.toordinal(), row["nom_vacances"]) for day, row in data.items() if row[key]
        )
        days = [ordinal for ordinal, _ in rows]
        out[zone] = (days, [name for _, name in rows], days[0], days[-1])
    return out


@cache
def _school_class(country: str) -> Any:
    import holidays
    from holidays.constants import SCHOOL

    try:
        cls = holidays.country_holidays(country).__class__
    except NotImplementedError:
        raise ValueError(
            f"unknown country {country!r}: expected an ISO 3166 code such as 'DE'"
        ) from None
    if SCHOOL not in getattr(cls, "supported_categories", ()):
        raise ValueError(
            f"the holidays package has no school holidays for {country}: "
            "France (FR, by zone) and the countries it has them for (DE, AT...)"
        )
    return cls


@lru_cache(maxsize=SCHOOL_TABLES)
def _year(country: str, zone: str, year: int, language: str) -> dict[int, str]:
    """``{ordinal: name}`` of the school holidays of ``year`` (empty outside the data)."""
    import holidays
    from holidays.constants import SCHOOL

    from ._calendar import _language

    cls = _school_class(country)
    if not 1 <= year <= 9999:
        return {}
    table = holidays.country_holidays(
        country, subdiv=zone, years=year, categories=(SCHOOL,), language=_language(cls, language)
    )
    return {day.toordinal(): name for day, name in table.items()}
