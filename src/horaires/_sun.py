"""Sun times at a place: dawn, sunrise, sunset and dusk on a local date (docs/osm.md#sun-times).

The definitions are opening_hours.js's: sunrise and sunset when the centre of the sun is
0.833° below the horizon (refraction and the sun's radius included), dawn and dusk when it is
6° below (civil twilight). They are computed with ``astral`` (the ``sun`` extra), imported only
when a sun time is asked for, and given as whole minutes after local midnight (the minute the
event falls in, as opening_hours.js gives them).

Where the sun does not cross the elevation on a date (polar day and night, and the nights
around them), the answer is still a time: when the sun stays above it all day, the morning
event (dawn, sunrise) is 00:00 and the evening event (sunset, dusk) 24:00; when it stays
below, both are at solar noon, so that ``sunrise-sunset`` is empty and ``sunset-sunrise``
runs on.

>>> from zoneinfo import ZoneInfo
>>> import datetime as dt
>>> paris = (48.8566, 2.3522)
>>> [format_time(m) for m in sun_day(paris, ZoneInfo("Europe/Paris"), dt.date(2026, 6, 21).toordinal())]
['05:04', '05:46', '21:57', '22:40']
>>> tromso, oslo = (69.6492, 18.9553), ZoneInfo("Europe/Oslo")
>>> sun_day(tromso, oslo, dt.date(2026, 6, 21).toordinal())  # midnight sun
(0, 0, 1440, 1440)
>>> [format_time(m) for m in sun_day(tromso, oslo, dt.date(2026, 12, 21).toordinal())]  # polar night
['09:31', '11:42', '11:42', '13:53']
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from ._errors import HorairesError
from ._wall import format_time

__all__ = [
    "EVENTS",
    "NOMINAL",
    "SUN_DAYS",
    "Location",
    "SunEvent",
    "SunTime",
    "check_location",
    "format_time",
    "require_astral",
    "sun_day",
    "sun_minutes",
]

SunEvent = Literal["dawn", "sunrise", "sunset", "dusk"]
"""The sun times a schedule may name."""

EVENTS: tuple[SunEvent, ...] = ("dawn", "sunrise", "sunset", "dusk")
"""The sun times, in the order of a day."""

_ELEVATION = {"dawn": -6.0, "sunrise": -0.833, "sunset": -0.833, "dusk": -6.0}
_RISING = {"dawn": True, "sunrise": True, "sunset": False, "dusk": False}

NOMINAL: dict[str, int] = {"dawn": 330, "sunrise": 360, "sunset": 1080, "dusk": 1110}
"""The minutes opening_hours.js gives each sun time where it does not know the place (05:30,
06:00, 18:00, 18:30): used only to decide, from the text, whether a range runs past midnight
(``sunset-sunrise`` does, ``sunrise-sunset`` does not), never as an answer."""

Location = tuple[float, float]
"""A place on Earth: latitude and longitude in degrees (north and east positive)."""

SUN_DAYS = 8192
"""Dates whose sun times the process keeps, per place and zone: each is computed once."""


@dataclass(frozen=True, slots=True)
class SunTime:
    """A sun time and an offset in minutes: ``sunrise``, ``(sunset-01:00)`` (``offset=-60``).

    >>> str(SunTime("sunset", -30)), SunTime("sunset", -30).nominal
    ('(sunset-00:30)', 1050)
    """

    event: SunEvent
    offset: int = 0

    @property
    def nominal(self) -> int:
        """Minutes after midnight with opening_hours.js's fixed times (see :data:`NOMINAL`)."""
        return NOMINAL[self.event] + self.offset

    def __str__(self) -> str:
        if not self.offset:
            return self.event
        sign = "+" if self.offset > 0 else "-"
        return f"({self.event}{sign}{format_time(abs(self.offset))})"


def check_location(value: object) -> Location:
    """``(lat, lon)`` as floats; :class:`HorairesError` saying what is wrong otherwise.

    >>> check_location((48.85, 2.35))
    (48.85, 2.35)
    >>> check_location((91, 0))
    Traceback (most recent call last):
    ...
    horaires._errors.HorairesError: latitude 91 is not between -90 and 90 degrees
    """
    if (
        not isinstance(value, tuple | list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise HorairesError(
            f"location {value!r} is not (latitude, longitude) in degrees, e.g. (48.8566, 2.3522)"
        )
    lat, lon = float(value[0]), float(value[1])
    for name, number, limit in (("latitude", value[0], 90), ("longitude", value[1], 180)):
        if not math.isfinite(float(number)) or not -limit <= float(number) <= limit:
            raise HorairesError(f"{name} {number!r} is not between -{limit} and {limit} degrees")
    return lat, lon


def require_astral() -> Any:
    """The ``astral`` package; :class:`HorairesError` naming the extra when it is missing."""
    try:
        import astral.sun
    except ImportError:
        raise HorairesError(
            "sun times (sunrise, sunset, dawn, dusk) need the astral package: "
            "pip install 'horaires[sun]'"
        ) from None
    return astral.sun


def sun_minutes(time: SunTime, location: Location, zone: ZoneInfo, ordinal: int) -> int:
    """Minutes after local midnight of ``time`` on the date of ``ordinal`` (its offset added).

    >>> import datetime as dt
    >>> sun_minutes(SunTime("sunset", -60), (48.8566, 2.3522), ZoneInfo("Europe/Paris"),
    ...             dt.date(2026, 6, 21).toordinal())
    1257
    """
    return sun_day(location, zone, ordinal)[EVENTS.index(time.event)] + time.offset


@lru_cache(maxsize=SUN_DAYS)
def sun_day(location: Location, zone: ZoneInfo, ordinal: int) -> tuple[int, int, int, int]:
    """Dawn, sunrise, sunset and dusk on the local date of ``ordinal`` at ``location``, in
    minutes after local midnight (see the module for days without them)."""
    sun = require_astral()
    from astral import Observer

    observer = Observer(location[0], location[1])
    day = dt.date.fromordinal(ordinal)
    out = [_event(sun, observer, zone, day, event) for event in EVENTS]
    return out[0], out[1], out[2], out[3]


def _event(sun: Any, observer: Any, zone: ZoneInfo, day: dt.date, event: SunEvent) -> int:
    elevation, rising = _ELEVATION[event], _RISING[event]
    direction = sun.SunDirection.RISING if rising else sun.SunDirection.SETTING
    for utc_day in (day, day - dt.timedelta(days=1), day + dt.timedelta(days=1)):
        try:
            when = sun.time_of_transit(
                observer, utc_day, 90.0 - elevation, direction, with_refraction=False
            )
        except ValueError:  # the sun does not cross the elevation (polar day or night)
            break
        local: dt.datetime = when.astimezone(zone)
        if local.date() == day:
            return local.hour * 60 + local.minute
    noon: dt.datetime = sun.noon(observer, day)
    if sun.elevation(observer, noon, with_refraction=False) > elevation:
        return 0 if rising else 1440  # above it all day
    local = noon.astimezone(zone)
    if local.date() != day:
        return 0 if local.date() < day else 1439
    return local.hour * 60 + local.minute  # below it all day: solar noon
