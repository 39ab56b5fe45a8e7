"""Wall-clock times of day and their resolution to instants in a time zone.

A time of day is an ``int`` of minutes after local midnight: ``08:30`` is 510. A closing may
go past midnight up to ``48:00`` (2880), so ``22:00-02:00`` is the slot ``(1320, 1560)``.
Instants are ``int`` seconds since the Unix epoch.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import HorairesError, RepeatedTime, SkippedTime, check_types
from ._recurrence import FIRST_YEAR, LAST_YEAR

__all__ = [
    "EPOCH_ORDINAL",
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_DAYS",
    "Disambiguate",
    "Resolver",
    "date_range",
    "format_time",
    "midnight_offset",
    "parse_time",
    "skipped",
    "zone",
]

Disambiguate = Literal["compatible", "earlier", "later", "raise", "clamp"]
"""How a wall time that a daylight-saving change skips or repeats becomes an instant."""

DAY = 1440
_EPOCH = datetime(1970, 1, 1)
EPOCH_ORDINAL = _EPOCH.toordinal()
"""The proleptic ordinal of 1970-01-01: epoch days are ordinals minus it."""
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def parse_time(text: str, *, limit: int = DAY) -> int:
    """Minutes after midnight of an ``H:MM`` or ``HH:MM`` time, at most ``limit``.

    >>> parse_time("08:30"), parse_time("24:00"), parse_time("26:00", limit=2880)
    (510, 1440, 1560)
    """
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a time: expected HH:MM, e.g. 08:30")
    hours, minutes = int(match[1]), int(match[2])
    value = hours * 60 + minutes
    if minutes > 59 or value > limit:
        raise ValueError(f"{text!r} is not a time between 00:00 and {format_time(limit)}")
    return value


def format_time(minutes: int) -> str:
    """``HH:MM`` of minutes after midnight (``1560`` -> ``26:00``).

    >>> format_time(510), format_time(1440)
    ('08:30', '24:00')
    """
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


OFFSETS = 1 << 16
"""UTC offsets at local midnight the process keeps, per (zone, date)."""


@lru_cache(maxsize=OFFSETS)
def midnight_offset(zone: ZoneInfo, ordinal: int) -> int:
    """The UTC offset in seconds at local midnight of the date of proleptic ``ordinal``
    (the earlier midnight when the clock repeats it).

    >>> midnight_offset(ZoneInfo("Europe/Paris"), date(2025, 7, 1).toordinal())
    7200
    """
    delta = datetime.fromordinal(ordinal).replace(tzinfo=zone).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


FIRST_DATE, LAST_DATE = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
"""The first and last local dates a question may name (docs/time.md#supported-years)."""

MAX_DAYS = 3653
"""How many dates one question may list (ten years: ``to_jsonld(days=...)``, ``week``...)."""


def date_range(start: object, days: object = 1, *, name: str = "start") -> range:
    """The ordinals of ``days`` dates from ``start`` (a ``date``; a ``datetime`` counts by its
    date): an :class:`~horaires.ArgumentError` for other types, a
    :class:`~horaires.HorairesError` when they leave the supported years.

    >>> date_range(date(2025, 5, 5), 2)
    range(739376, 739378)
    >>> date_range(date(9997, 12, 30), 7)
    Traceback (most recent call last):
    ...
    horaires._errors.HorairesError: 7 days from 9997-12-30 leave the supported dates, 0002-01-01 to 9997-12-31
    """
    check_types(**{name: (start, date), "days": (days, int)})
    assert isinstance(start, date) and isinstance(days, int)
    first = start.toordinal()
    if not 0 <= days <= MAX_DAYS:
        raise HorairesError(f"days={days} is not from 0 to {MAX_DAYS} (MAX_DAYS)")
    last = first + max(days - 1, 0)
    if first < FIRST_DATE.toordinal() or last > LAST_DATE.toordinal():
        what = f"{days} days from {start.isoformat()}" if days > 1 else start.isoformat()
        raise HorairesError(
            f"{what} leave the supported dates, {FIRST_DATE} to {LAST_DATE}"
            if days > 1
            else f"{what} is outside the supported dates, {FIRST_DATE} to {LAST_DATE}"
        )
    return range(first, first + days)


def zone(name: object) -> ZoneInfo:
    """The IANA time zone ``name``; ``ValueError`` with a readable message when unknown.

    >>> zone("Europe/Paris").key
    'Europe/Paris'
    """
    if not isinstance(name, str):
        raise ValueError(f"{name!r} is not a time zone: expected an IANA name such as Europe/Paris")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}: expected an IANA name such as Europe/Paris"
        ) from None


def skipped(zone: ZoneInfo, ordinal: int) -> bool:
    """Whether the zone skips the whole date of ``ordinal`` (its clocks jump over it).

    >>> skipped(ZoneInfo("Pacific/Apia"), date(2011, 12, 30).toordinal())
    True
    """
    return midnight_offset(zone, ordinal + 1) - midnight_offset(zone, ordinal) >= 86400


def epoch_days(day: date) -> int:
    """Days from 1970-01-01 to ``day``."""
    return day.toordinal() - EPOCH_ORDINAL


class Resolver:
    """Turns wall times on local dates into instants, with a DST policy (docs/time.md).

    >>> r = Resolver(ZoneInfo("Europe/Paris"))
    >>> spring = date(2025, 3, 30)  # 02:00 -> 03:00: 02:30 moves forward by the gap
    >>> r.instant(spring, 150) == r.instant(spring, 210)
    True
    >>> Resolver(ZoneInfo("Europe/Paris"), "clamp").instant(spring, 150) == r.instant(spring, 180)
    True
    """

    __slots__ = ("disambiguate", "zone")

    def __init__(self, zone: ZoneInfo, disambiguate: Disambiguate = "compatible") -> None:
        self.zone = zone
        self.disambiguate = disambiguate

    def instant(self, day: date, minutes: int) -> int:
        """Epoch seconds of the wall time ``minutes`` after midnight of ``day``."""
        days, rest = divmod(minutes, DAY)
        local = datetime.combine(day + timedelta(days=days), time(rest // 60, rest % 60))
        first = int(local.replace(tzinfo=self.zone, fold=0).timestamp())
        second = int(local.replace(tzinfo=self.zone, fold=1).timestamp())
        if first == second or self.disambiguate == "compatible":
            return first
        if self.disambiguate == "clamp":  # skipped: the end of the gap; repeated: the earlier
            return _gap_end(self.zone, second, first) if first > second else first
        if self.disambiguate == "earlier":
            return min(first, second)
        if self.disambiguate == "later":
            return max(first, second)
        where = f"{local:%Y-%m-%d %H:%M} in {self.zone.key}"
        if first > second:
            raise SkippedTime(f"{where} does not exist (skipped by a daylight-saving change)")
        raise RepeatedTime(f"{where} occurs twice (repeated by a daylight-saving change)")


def _gap_end(zone: ZoneInfo, before: int, after: int) -> int:
    """The instant a gap ends (where the clock jumps), between ``before`` and ``after``
    (epoch seconds on either side of it)."""
    offset = datetime.fromtimestamp(after, UTC).astimezone(zone).utcoffset()
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, UTC).astimezone(zone).utcoffset() == offset:
            after = middle
        else:
            before = middle
    return after


def to_datetime(instant: int, zone: ZoneInfo) -> datetime:
    """The aware datetime in ``zone`` of epoch seconds."""
    return datetime.fromtimestamp(instant, UTC).astimezone(zone)
