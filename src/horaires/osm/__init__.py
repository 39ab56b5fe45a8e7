"""OpenStreetMap ``opening_hours``: read it into a :class:`~horaires.Schedule`, and write it.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from horaires import osm
>>> mairie = osm.parse("Mo,Tu,We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off")
>>> mairie.is_open(datetime(2025, 5, 5, 10, 0, tzinfo=ZoneInfo("Europe/Paris")))
True
>>> mairie.is_open(datetime(2025, 5, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris")))  # 1 May
False
>>> osm.to_osm(mairie)
'Mo,Tu,We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off'
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from .._calendar import check_calendar
from .._errors import HorairesError, OSMSyntaxError, UnsupportedSyntax, check_types
from .._kept import Sightings
from .._languages import language as check_language
from .._schedule import Schedule
from .._school import check_school, zones_of
from .._sun import Location, check_location, require_astral
from .._wall import Disambiguate, zone
from ._ast import Holiday, ParseMode, Rule, Value
from ._evaluate import OSMSource
from ._evaluate import forget as forget_evaluated
from ._format import write
from ._parser import MAX_SELECTORS, MAX_VALUE, check_length
from ._parser import forget as forget_read
from ._parser import parse as parse_value

if TYPE_CHECKING:
    from ._check import OSMWarning
    from ._writer import to_osm, to_tags

_LAZY = {"to_osm": "._writer", "to_tags": "._writer", "OSMWarning": "._check"}


def __getattr__(name: str) -> Any:
    """The exporter's functions and the warnings of :func:`check`, imported on first use
    (reading values does not need them)."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'horaires.osm' has no attribute {name!r}")


__all__ = [
    "MAX_SELECTORS",
    "MAX_VALUE",
    "PARSE_CACHE",
    "PARSE_CACHE_BYTES",
    "Mode",
    "OSMSource",
    "OSMSyntaxError",
    "OSMWarning",
    "ParseMode",
    "Rule",
    "UnsupportedSyntax",
    "Value",
    "check",
    "clear_cache",
    "normalize",
    "parse",
    "parse_value",
    "to_osm",
    "to_tags",
    "write",
]

Mode = Literal["ranges", "points", "both"]
"""What times mean: ranges (``opening_hours``), points in time (``collection_times``:
``12:00`` open for one minute), or both; as opening_hours.js's modes 0, 1 and 2."""

_MODES = {"ranges": ParseMode.RANGES, "points": ParseMode.POINTS, "both": ParseMode.BOTH}


PARSE_CACHE = 256
"""Schedules :func:`parse` keeps for values parsed more than once (real data repeats values
a lot; a value parsed once is not kept)."""

PARSE_CACHE_BYTES = 64 << 20
"""About how many bytes those schedules may hold together, their values and compiled days
counted (the least recently used go first)."""

_Key = tuple[object, ...]
_CACHE: dict[_Key, Schedule] = {}
_CACHE_LOCK = threading.Lock()


def _cost(key: _Key, schedule: Schedule) -> int:
    """About how many bytes a cached schedule holds: its value read, and its compiled days."""
    value = key[0]
    return 1024 + 64 * (len(value) if isinstance(value, str) else 0) + schedule.cached_bytes()


def _cached(key: _Key) -> Schedule:
    """:func:`_schedule` of ``key``, kept in a cache bounded by count and by bytes from the
    second time it is asked for (a value seen once costs the collector nothing)."""
    found = _CACHE.get(key)
    if found is not None:
        with _CACHE_LOCK:  # the most recently used last
            if _CACHE.pop(key, None) is not None:
                _CACHE[key] = found
        return found
    made = _schedule(*key)  # type: ignore[arg-type]
    if not _SEEN.again(key):
        return made
    with _CACHE_LOCK:
        if key in _CACHE:
            return _CACHE[key]
        _CACHE[key] = made
        _TOTAL[1] += 1
        if _TOTAL[1] >= _RECOUNT:  # the schedules compile days after they are kept: recount
            _TOTAL[:] = [sum(_cost(k, v) for k, v in _CACHE.items()), 0]
        else:  # between recounts, what the new one holds now (every parse stays O(1))
            _TOTAL[0] += _cost(key, made)
        while _CACHE and (len(_CACHE) > PARSE_CACHE or _TOTAL[0] > PARSE_CACHE_BYTES):
            oldest = next(iter(_CACHE))
            _TOTAL[0] -= _cost(oldest, _CACHE.pop(oldest))
        _TOTAL[0] = max(_TOTAL[0], 0)
    return made


_RECOUNT = PARSE_CACHE
"""New schedules between two recounts of what the cache holds (one recount per cache's worth
of new schedules: a parse stays O(1); the days the kept schedules compile meanwhile count
from the next recount, each schedule's own bounded by its ``CACHE_BYTES``)."""

_TOTAL = [0, 0]

_SEEN = Sightings(16 * PARSE_CACHE)
"""The keys asked for once (a schedule is kept the second time)."""
"""What the cache holds, about, in bytes; and the new schedules since the last recount."""


def _parsed(value: str, mode: ParseMode, tolerant: bool, country: str | None) -> Value:
    if tolerant:
        from ._tolerant import read

        return read(value, mode, country)[0]
    return parse_value(value, mode)


def parse(
    value: str,
    *,
    timezone: str = "Europe/Paris",
    country: str | None = "FR",
    subdivision: str | None = None,
    language: str = "fr",
    mode: Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    tolerant: bool = False,
    location: tuple[float, float] | None = None,
    school_zone: str | Sequence[str] | None = None,
    cache: bool = True,
) -> Schedule:
    """The schedule of an ``opening_hours`` value, evaluated as opening_hours.js does.

    ``country`` and ``subdivision`` give the public holidays ``PH`` means (from the
    ``holidays`` package; None: a value that uses ``PH`` is refused). ``language`` names
    them. ``location`` (``(lat, lon)`` in degrees) places the sun times (``sunrise``,
    ``(sunset-01:00)``; the ``sun`` extra computes them); a value that uses them without
    it is refused. ``school_zone`` says which school holidays ``SH`` means: France's zone
    (``"A"``, ``"B"``, ``"C"``, or several: ``["B", "C"]``; the ``school`` extra has the
    data), elsewhere a subdivision of the ``holidays`` package (default: ``subdivision``).
    Invalid values raise :class:`OSMSyntaxError`, valid ones that horaires cannot evaluate
    :class:`UnsupportedSyntax`; both quote the value with a caret at the column. ``tolerant=True`` accepts the mistakes opening_hours.js
    tolerates (``Mo-Fr 8-12``, ``Montag``, ``10.00``) and evaluates the corrected value
    (:func:`check` says what was corrected). The last :data:`PARSE_CACHE` schedules of
    values parsed more than once are kept: from the second parse of a value on, parsing
    it returns the same schedule, already compiled (a value parsed once is not kept: one
    dropped at once costs the collector nothing); ``cache=False`` neither looks nor keeps
    (for a caller that keeps its own, as :mod:`horaires.columns` does).

    >>> parse("Mo-Fr 10:00-12:00; We[9] off")
    Traceback (most recent call last):
    ...
    horaires._errors.OSMSyntaxError: expected a number from -5 to 5 in [...]; found 9 at column 23:
      Mo-Fr 10:00-12:00; We[9] off
                            ^
    """
    check_types(value=(value, str), cache=(cache, bool))
    key = (
        value,
        *_options(
            timezone,
            country,
            subdivision,
            language,
            mode,
            disambiguate,
            tolerant,
            location,
            school_zone,
        ),
    )
    check_length(value)
    return _cached(key) if cache else _schedule(*key)


_Options = tuple[
    str, str | None, str | None, str, Mode, Disambiguate, bool, Location | None, tuple[str, ...]
]
"""The options of :func:`parse` checked: time zone, country, subdivision, language, mode,
DST policy, tolerance, location, school zones (what a schedule depends on beside its value)."""


def _options(
    timezone: str,
    country: str | None,
    subdivision: str | None,
    language: str,
    mode: Mode,
    disambiguate: Disambiguate,
    tolerant: bool,
    location: tuple[float, float] | None,
    school_zone: str | Sequence[str] | None,
) -> _Options:
    """The options of :func:`parse`, their types checked and normalized (a language's
    code, the location's coordinates, the school zones)."""
    check_types(
        timezone=(timezone, str),
        country=(country, (str, type(None))),
        subdivision=(subdivision, (str, type(None))),
        language=(language, str),
        mode=(mode, str),
        disambiguate=(disambiguate, str),
        tolerant=(tolerant, bool),
        location=(location, (tuple, list, type(None))),
        school_zone=(school_zone, (str, tuple, list, type(None))),
    )
    language = check_language(language)
    if disambiguate not in _POLICIES:
        raise HorairesError(f"disambiguate={disambiguate!r} is not one of {', '.join(_POLICIES)}")
    place = None if location is None else check_location(location)
    zones = zones_of(school_zone) or zones_of(subdivision if country != "FR" else None)
    return (timezone, country, subdivision, language, mode, disambiguate, tolerant, place, zones)


_POLICIES = ("compatible", "earlier", "later", "raise", "clamp")


def clear_cache() -> None:
    """Forget the schedules :func:`parse` keeps, and the rules it keeps read (tests use it
    to parse afresh)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _TOTAL[:] = [0, 0]
        _SEEN.forget()
    forget_read()
    forget_evaluated()


def _schedule(
    value: str,
    timezone: str,
    country: str | None,
    subdivision: str | None,
    language: str,
    mode: Mode,
    disambiguate: Disambiguate,
    tolerant: bool = False,
    location: Location | None = None,
    school_zones: tuple[str, ...] = (),
) -> Schedule:
    """:func:`parse` once its arguments are checked (:func:`_cached` keeps what it gives: a
    value seen before gives the same immutable schedule, with the days it has compiled)."""
    parse_mode = _mode(mode)
    where = _where(timezone, country, subdivision)
    tree = _parsed(value, parse_mode, tolerant, country if tolerant else None)
    _check_needs(tree, country, school_zones, location)
    source = OSMSource(tree, country, subdivision, language, location, timezone, school_zones)
    return Schedule(source, where, disambiguate)


def _where(timezone: str, country: str | None, subdivision: str | None) -> ZoneInfo:
    """The time zone of ``timezone``, the country and subdivision checked (HorairesError)."""
    try:
        where = zone(timezone)
        if country is not None:
            check_calendar(country, subdivision)
    except ValueError as error:
        raise HorairesError(str(error)) from None
    return where


def _check_needs(
    tree: Value, country: str | None, zones: tuple[str, ...], location: Location | None
) -> None:
    """What a value read needs of the options: a country for ``PH``, a school zone for
    ``SH``, a location for sun times (:class:`UnsupportedSyntax` otherwise)."""
    _check_holidays(tree, country, zones)
    if any(span.variable for rule in tree.rules for span in rule.times):
        _check_sun(tree, location)


def _check_holidays(tree: Value, country: str | None, zones: tuple[str, ...]) -> None:
    """``PH`` needs a country, ``SH`` a country and its school zone (with data for them)."""
    kinds: dict[str, int] = {}  # each kind, at the first rule that names it
    for rule in tree.rules:
        for holiday in rule.holidays:
            kinds.setdefault(holiday.kind, rule.column)
        for sel in rule.weekdays:
            if isinstance(sel, Holiday):
                kinds.setdefault(sel.kind, rule.column)
    if country is not None and "SH" not in kinds:
        return  # none, or PH with a country: nothing more to check
    for kind, where in sorted(kinds.items()):
        column = max(tree.text.find(kind, where), 0)
        if country is None:
            raise UnsupportedSyntax(
                tree.text, column, f"{kind} without a country", "pass country= (and subdivision=)"
            )
        if kind == "SH":
            if not zones:
                example = "'A', 'B' or 'C'" if country == "FR" else "a subdivision such as 'BY'"
                raise UnsupportedSyntax(
                    tree.text, column, "SH without a school zone", f"pass school_zone={example}"
                )
            try:
                check_school(country, zones)
            except ValueError as error:
                raise HorairesError(str(error)) from None


def _check_sun(tree: Value, location: Location | None) -> None:
    """A value with sun times needs a place, and astral to compute them."""
    if location is None:
        span = next(span for rule in tree.rules for span in rule.times if span.variable)
        sun = span.start_sun or span.end_sun
        raise UnsupportedSyntax(
            tree.text,
            span.column
            if span.start_sun is not None
            else max(tree.text.find(str(sun), span.column), 0),
            f"{sun} without a location",
            "pass location=(lat, lon)",
        )
    require_astral()


def check(
    value: str, *, mode: Mode = "ranges", country: str | None = "FR"
) -> tuple[OSMWarning, ...]:
    """The mistakes in ``value`` that tolerant reading corrects, and likely mistakes in a
    value that parses (docs/osm.md lists the codes), by column; :class:`OSMSyntaxError`
    when it does not parse even tolerantly. ``country`` helps to read names that mean
    different days in different languages.

    >>> [(w.column, w.code, w.suggestion) for w in check("Mo-Fr 9-12")]
    [(6, 'hour_without_minutes', 'Mo-Fr 09:00-12:00'), (8, 'hour_without_minutes', 'Mo-Fr 09:00-12:00')]
    """
    from ._check import check as check_value

    check_types(value=(value, str), mode=(mode, str), country=(country, (str, type(None))))
    return check_value(value, mode=_mode(mode), country=country)


def normalize(
    value: str, *, tolerant: bool = True, mode: Mode = "ranges", country: str | None = "FR"
) -> str:
    """The canonical text of ``value``, which means the same (read tolerantly unless
    ``tolerant=False``).

    >>> normalize("lundi-vendredi 9h-12h, 14h-18h")
    'Mo-Fr 09:00-12:00,14:00-18:00'
    """
    from ._check import normalize as normalize_value

    check_types(
        value=(value, str),
        tolerant=(tolerant, bool),
        mode=(mode, str),
        country=(country, (str, type(None))),
    )
    return normalize_value(value, tolerant=tolerant, mode=_mode(mode), country=country)


def _mode(mode: Mode) -> ParseMode:
    if not isinstance(mode, str) or mode not in _MODES:
        raise HorairesError(f"mode {mode!r} is not one of {', '.join(_MODES)}")
    return _MODES[mode]
