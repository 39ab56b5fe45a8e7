"""Public holidays, from the ``holidays`` package (imported on first use)."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from typing import Any

from ._errors import HorairesError, excerpt
from ._suggest import closest, did_you_mean

__all__ = ["HOLIDAY_TABLES", "check_calendar", "holiday_names", "holiday_ordinals"]

HOLIDAY_TABLES = 512
"""Tables of one year's public holidays the process keeps, per (country, subdivision, year,
language of the names): each is built once, whoever asks."""


@cache
@lru_cache(maxsize=HOLIDAY_TABLES)
def _country_class(country: str) -> Any:
    """The ``holidays`` class of ``country`` (``ValueError`` naming the country when unknown)."""
    import holidays
    from holidays.registry import COUNTRIES

    # the codes from the registry: listing the supported countries builds each one's class
    if country not in {
        code for entry in COUNTRIES.values() for code in entry[1:] if code.isupper()
    }:
        raise ValueError(_unknown_country(country))
    return holidays.country_holidays(country).__class__


def _unknown_country(country: str) -> str:
    """What to say of a country the ``holidays`` package does not know."""
    import holidays
    from holidays.registry import COUNTRIES

    supported = holidays.list_supported_countries()
    hint = did_you_mean(country, supported) if len(country.strip()) <= 3 else ""
    if not hint:  # a country's name: France, germany, Frnace
        names = {entry[0]: entry[1] for entry in COUNTRIES.values()}
        name = closest(country.title().replace(" ", ""), names)
        hint = "" if name is None else f" (did you mean {names[name]!r}?)"
    close = ", ".join(c for c in sorted(supported) if c[0] == country[:1].upper())
    if not hint and close:
        hint = f" (supported codes starting with {country[:1].upper()!r}: {close})"
    return f"unknown country {excerpt(country)}{hint}: expected an ISO 3166 code such as 'FR'"


def check_calendar(country: str, subdivision: str | None) -> None:
    """Raise ``ValueError`` when the country or its subdivision is unknown.

    >>> check_calendar("FR", "57")
    >>> check_calendar("FR", "99")
    Traceback (most recent call last):
    ...
    ValueError: unknown subdivision '99' of FR: expected one of 57, 6AE, 971, 972, 973, 974, 976, BL, MF, NC, PF, PM, TF, WF (or an alias such as 'Moselle')
    """
    cls = _country_class(country)
    if subdivision is None:
        return
    codes = [code for code in cls.subdivisions if " " not in code]
    aliases = getattr(cls, "subdivisions_aliases", {}) or {}
    if subdivision not in cls.subdivisions and subdivision not in aliases:
        example = f" (or an alias such as {next(iter(aliases))!r})" if aliases else ""
        raise ValueError(
            f"unknown subdivision {subdivision!r} of {country}: "
            f"expected one of {', '.join(codes)}{example}"
        )


def _language(cls: Any, language: str) -> str | None:
    """The calendar's language closest to ``language``; else its default language.

    Never None when the calendar has languages: the ``holidays`` package would then read
    the process locale, and the names would depend on the environment.
    """
    supported: tuple[str, ...] = tuple(getattr(cls, "supported_languages", ()))
    if language in supported:
        return language
    for code in supported:
        if code.split("_")[0] == language.split("_")[0]:
            return code
    default: str | None = getattr(cls, "default_language", None)
    return default


def holiday_names(
    country: str, subdivision: str | None, year: int, language: str
) -> dict[dt.date, str]:
    """``{date: name}`` of the public holidays of ``year``, named in ``language`` if it can.

    >>> holiday_names("FR", None, 2025, "fr")[dt.date(2025, 5, 1)]
    'Fête du Travail'
    >>> holiday_names("FR", None, 2025, "en")[dt.date(2025, 5, 1)]
    'Labor Day'
    >>> holiday_names("FR", None, 2025, "de")[dt.date(2025, 5, 1)]  # no German names
    'Fête du Travail'
    """
    cls = _country_class(country)
    return dict(_table(country, subdivision, year, _language(cls, language)))


def holiday_ordinals(
    country: str, subdivision: str | None, year: int, language: str
) -> dict[int, str]:
    """:func:`holiday_names` keyed by the dates' proleptic ordinals (shared: do not change it).

    >>> holiday_ordinals("FR", None, 2025, "fr")[dt.date(2025, 5, 1).toordinal()]
    'Fête du Travail'
    """
    return _ordinals(country, subdivision, year, _language(_country_class(country), language))


@lru_cache(maxsize=HOLIDAY_TABLES)
def _ordinals(
    country: str, subdivision: str | None, year: int, language: str | None
) -> dict[int, str]:
    return {day.toordinal(): name for day, name in _table(country, subdivision, year, language)}


@lru_cache(maxsize=HOLIDAY_TABLES)
def _table(
    country: str, subdivision: str | None, year: int, language: str | None
) -> tuple[tuple[dt.date, str], ...]:
    import holidays

    cls = _country_class(country)
    first, last = getattr(cls, "start_year", 1), getattr(cls, "end_year", 9999)
    if not first <= year <= last:
        raise HorairesError(
            f"the public holidays of {country} are known from {first} to {last}, not in {year}: "
            "query within those years, or configure no holiday calendar"
        )
    calendar = holidays.country_holidays(country, subdiv=subdivision, years=year, language=language)
    return tuple(sorted(calendar.items()))
