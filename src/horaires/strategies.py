"""Hypothesis strategies for horaires values (install ``horaires[hypothesis]``).

Compose them in your own tests; they shrink toward simple schedules (few slots, whole
hours, no services, no exceptions), so a failing example reads like a small config::

    from hypothesis import given
    from horaires import strategies as hst

    @given(hst.establishments(zone="Europe/Paris", country="FR"), hst.aware_datetimes())
    def test_my_widget(place, at):
        assert render_badge(place, at) in ("Ouvert", "Fermé", "Dernier accueil passé")

They are also registered with hypothesis (through its ``hypothesis`` entry point), so
``st.from_type(Establishment)`` works:

>>> from datetime import datetime, timezone
>>> from hypothesis import given, settings, strategies as st
>>> from horaires import Establishment
>>> @settings(max_examples=5, deadline=None)
... @given(st.from_type(Establishment))
... def test_accepting_implies_open(place):
...     at = datetime(2025, 5, 5, 10, tzinfo=timezone.utc)
...     assert place.is_open(at) or not place.can_be_served(at)
>>> test_accepting_implies_open()
"""

from __future__ import annotations

from typing import Any


def _hypothesis_setup_hook() -> None:
    """Registers horaires' strategies with hypothesis (its ``hypothesis`` entry point).

    Defined before anything imports hypothesis: importing this module first imports
    hypothesis, which runs this hook while the module is still loading, so the strategies
    are looked up only when ``st.from_type`` asks for them.
    """
    from hypothesis import strategies as st

    from . import _establishment as e
    from . import _model as m

    module = globals()

    def lazy(name: str) -> Any:
        return lambda _: module[name]()

    for cls, name in (
        (e.Establishment, "establishments"),
        (m.Service, "services"),
        (m.WeeklyHours, "weekly_hours"),
        (m.Slot, "opening_intervals"),
        (m.AdmissionRule, "admission_rules"),
        (m.DatedException, "exceptions"),
        (m.Season, "seasons"),
    ):
        st.register_type_strategy(cls, lazy(name))


import datetime as dt  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from functools import lru_cache  # noqa: E402
from typing import TypeVar  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from hypothesis import strategies as st  # noqa: E402
from hypothesis.strategies import DrawFn, SearchStrategy  # noqa: E402

from ._conflicts import exception_conflicts, season_conflicts  # noqa: E402
from ._dated import DatedRule  # noqa: E402
from ._establishment import Establishment  # noqa: E402
from ._languages import LANGUAGES  # noqa: E402
from ._model import (  # noqa: E402
    MAX_CLOSING,
    AdmissionRule,
    DatedException,
    HolidayCalendar,
    Season,
    Service,
    Slot,
    WeeklyHours,
)
from ._wall import DAY, Disambiguate  # noqa: E402

__all__ = [
    "COUNTRIES",
    "RRULES",
    "ZONES",
    "admission_rules",
    "aware_datetimes",
    "dst_transitions",
    "establishments",
    "exceptions",
    "holiday_calendars",
    "opening_intervals",
    "osm_values",
    "seasons",
    "services",
    "times",
    "weekly_hours",
]

T = TypeVar("T")

ZONES: tuple[str, ...] = (
    "Europe/Paris",
    "UTC",
    "America/New_York",
    "Europe/London",
    "Indian/Reunion",
    "Australia/Lord_Howe",  # a 30-minute daylight-saving shift
    "Pacific/Chatham",  # UTC+12:45 / +13:45
    "America/St_Johns",  # UTC-03:30 / -02:30
    "Africa/Casablanca",  # daylight saving suspended every Ramadan
    "America/Santiago",  # changes at midnight: the day starts at 01:00
    "Pacific/Apia",  # skipped 30 December 2011
    "Asia/Kolkata",
)
"""Zones :func:`establishments` draws from: simple ones first, then odd offsets and shifts."""

COUNTRIES: tuple[str | None, ...] = (None, "FR", "FR-57", "FR-974", "DE-BY", "US")
"""Holiday calendars :func:`establishments` draws from (``country-subdivision``; None: none)."""

RRULES: tuple[str, ...] = (
    "FREQ=MONTHLY;BYDAY=1SA",
    "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24",
    "FREQ=WEEKLY;BYDAY=WE",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",  # the day Europe springs forward
    "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",  # and falls back
    "FREQ=DAILY;INTERVAL=9",
)
"""Recurrence rules :func:`exceptions` draws from."""

_STEPS = (60, 30, 15, 5, 1)
_FIRST_YEAR, _LAST_YEAR = 2024, 2027
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _value(value: T | SearchStrategy[T]) -> SearchStrategy[T]:
    return value if isinstance(value, SearchStrategy) else st.just(value)


# -- times and slots ------------------------------------------------------------------------


# Strategies are built once: drawing from a fresh strategy object costs a validation.
_STEP = st.sampled_from(_STEPS)
_BOOL = st.booleans()


def _draw_minutes(draw: DrawFn, step: int, low: int, high: int) -> int:
    """A multiple of ``step`` in ``[low, high]``, shrinking toward ``low``."""
    return draw(st.integers(-(-low // step), high // step)) * step


def _steps(step: int | None) -> SearchStrategy[int]:
    return _STEP if step is None else st.just(step)


def times(*, step: int | None = None) -> SearchStrategy[dt.time]:
    """Times of day, on a grid of ``step`` minutes (any of 60, 30, 15, 5, 1 when None).

    Shrinks toward 00:00 and whole hours.

    >>> from hypothesis import find
    >>> find(times(), lambda t: t.hour >= 9)
    datetime.time(9, 0)
    """

    @st.composite
    def draw_time(draw: DrawFn) -> dt.time:
        minutes = _draw_minutes(draw, draw(_steps(step)), 0, DAY - 1)
        return dt.time(minutes // 60, minutes % 60)

    return draw_time()


def _draw_slot(
    draw: DrawFn, step: int, opens_from: int, past_midnight: bool, last_admission: bool
) -> Slot:
    opens = _draw_minutes(draw, step, opens_from, DAY - 1)
    top = MAX_CLOSING if past_midnight else DAY
    closes = min(opens + _draw_minutes(draw, step, step, max(step, top - opens)), top)
    last = None
    if last_admission and draw(_BOOL):
        last = _draw_minutes(draw, 1, opens, closes)
    return Slot(opens=opens, closes=closes, last_admission=last)


def opening_intervals(
    *, step: int | None = None, past_midnight: bool = True, last_admission: bool = True
) -> SearchStrategy[Slot]:
    """Opening slots (``08:30-12:30``), possibly past midnight (``22:00-02:00``, up to 48:00)
    and with an explicit last admission.

    >>> from hypothesis import find
    >>> str(find(opening_intervals(), lambda s: s.opens >= 8 * 60 and s.closes > 24 * 60))
    '08:00-01:00'
    """

    @st.composite
    def draw_slot(draw: DrawFn) -> Slot:
        return _draw_slot(draw, draw(_steps(step)), 0, past_midnight, last_admission)

    return draw_slot()


def _draw_day(
    draw: DrawFn, step: int, max_slots: int, past_midnight: bool, last_admission: bool
) -> tuple[Slot, ...]:
    """Slots of one day that do not overlap (they may touch), in order."""
    slots: list[Slot] = []
    cursor = 0
    for _ in range(draw(st.integers(0, max_slots))):
        if -(-cursor // step) * step >= DAY:
            break
        slot = _draw_slot(draw, step, cursor, past_midnight, last_admission)
        slots.append(slot)
        cursor = slot.closes
    return tuple(slots)


def day_hours(
    *,
    step: int | None = None,
    max_slots: int = 3,
    past_midnight: bool = True,
    last_admission: bool = True,
) -> SearchStrategy[tuple[Slot, ...]]:
    """The slots of one day, in order and not overlapping (an empty tuple: closed)."""

    @st.composite
    def draw_day(draw: DrawFn) -> tuple[Slot, ...]:
        return _draw_day(draw, draw(_steps(step)), max_slots, past_midnight, last_admission)

    return draw_day()


def _draw_week(
    draw: DrawFn,
    every_day: bool,
    step: int | None = None,
    max_slots: int = 3,
    past_midnight: bool = True,
    last_admission: bool = True,
) -> WeeklyHours:
    grid = draw(_steps(step))
    chosen: dict[str, tuple[Slot, ...]] = {}
    for name in _WEEKDAYS:
        if every_day or draw(_BOOL):
            chosen[name] = _draw_day(draw, grid, max_slots, past_midnight, last_admission)
    return WeeklyHours.model_validate(chosen)


def weekly_hours(
    *,
    every_day: bool = True,
    step: int | None = None,
    max_slots: int = 3,
    past_midnight: bool = True,
    last_admission: bool = True,
) -> SearchStrategy[WeeklyHours]:
    """Weekly hours; with ``every_day=False`` some weekdays are left unnamed (inherited).

    >>> from hypothesis import find
    >>> find(weekly_hours(), lambda w: len(w.fri) > 1).fri
    (Slot(opens=0, closes=60, last_admission=None), Slot(opens=60, closes=120, last_admission=None))
    """

    @st.composite
    def draw_week(draw: DrawFn) -> WeeklyHours:
        return _draw_week(draw, every_day, step, max_slots, past_midnight, last_admission)

    return draw_week()


_ADMISSION = st.builds(
    AdmissionRule,
    before_closing=st.one_of(
        st.one_of(st.sampled_from([0, 15, 30, 60]), st.integers(0, 24 * 60 - 1)).map(
            lambda m: dt.timedelta(minutes=m)
        ),
        st.integers(0, 86399).map(lambda s: dt.timedelta(seconds=s)),
    ),
    applies_to=st.sampled_from(["each_closing", "end_of_day"]),
)


def admission_rules() -> SearchStrategy[AdmissionRule]:
    """Admission cutoffs: whole minutes (shrinking toward 0), or odd seconds; before each
    closing or the day's last.

    >>> from hypothesis import find
    >>> find(admission_rules(), lambda r: r.before_closing > dt.timedelta(0)).before_closing
    datetime.timedelta(seconds=900)
    """
    return _ADMISSION


# -- dated rules ----------------------------------------------------------------------------


def _draw_date(draw: DrawFn, first_year: int, last_year: int) -> dt.date:
    first = dt.date(first_year, 1, 1)
    return first + dt.timedelta(
        days=draw(st.integers(0, (dt.date(last_year, 12, 31) - first).days))
    )


_LABEL = st.one_of(st.none(), st.sampled_from(["Fermeture", "Inventaire"]), st.text(max_size=12))
_KINDS = st.sampled_from(["closed", "hours", "unknown"])
_KNOWN_KINDS = st.sampled_from(["closed", "hours"])
_SHAPES = st.sampled_from(["date", "range", "rrule"])
_RRULE = st.sampled_from(RRULES)


def _draw_exception(draw: DrawFn, first_year: int, last_year: int, unknown: bool) -> DatedException:
    kind = draw(_KINDS if unknown else _KNOWN_KINDS)
    value: Any = _draw_day(draw, draw(_STEP), 3, True, True) if kind == "hours" else kind
    label = draw(_LABEL)
    shape = draw(_SHAPES)
    if shape == "date":
        return DatedException(
            label=label, date=_draw_date(draw, first_year, last_year), hours=value
        )
    if shape == "range":
        start = _draw_date(draw, first_year, last_year)
        end = start + dt.timedelta(days=draw(st.integers(0, 60)))
        return DatedException(label=label, start=start, end=end, hours=value)
    rule = draw(_RRULE)
    first = _draw_date(draw, first_year, last_year) if draw(_BOOL) else None
    last = _draw_date(draw, first_year, last_year) if draw(_BOOL) else None
    if first is not None and last is not None and last < first:
        first, last = last, first
    return DatedException(label=label, rrule=rule, start=first, end=last, hours=value)


def exceptions(
    *, min_year: int = _FIRST_YEAR, max_year: int = _LAST_YEAR, unknown: bool = True
) -> SearchStrategy[DatedException]:
    """Dated exceptions: a date, a range (up to two months) or a recurrence, closed or with
    replacement hours (or ``unknown`` hours, unless ``unknown=False``).

    >>> from hypothesis import find
    >>> find(exceptions(), lambda e: e.rrule is not None).rrule
    'FREQ=MONTHLY;BYDAY=1SA'
    """

    @st.composite
    def draw_exception(draw: DrawFn) -> DatedException:
        return _draw_exception(draw, min_year, max_year, unknown)

    return draw_exception()


def _draw_season(draw: DrawFn, first_year: int, last_year: int) -> Season:
    hours = _draw_week(draw, every_day=False)
    label = draw(_LABEL)
    if draw(_BOOL):
        start, end = (_draw_date(draw, 2001, 2001).strftime("%m-%d") for _ in "ab")
        return Season(label=label, start=start, end=end, hours=hours)
    first = _draw_date(draw, first_year, last_year)
    last = first + dt.timedelta(days=draw(st.integers(0, 120)))
    return Season(label=label, start=first, end=last, hours=hours)


def seasons(*, min_year: int = _FIRST_YEAR, max_year: int = _LAST_YEAR) -> SearchStrategy[Season]:
    """Seasonal hours: month-days of every year (possibly wrapping the year end) or dated."""

    @st.composite
    def draw_season(draw: DrawFn) -> Season:
        return _draw_season(draw, min_year, max_year)

    return draw_season()


def _without_conflicts(rules: Sequence[DatedException]) -> tuple[DatedException, ...]:
    """The rules, less any that covers a date like an earlier one with the same span."""
    kept: list[DatedRule] = []
    for i, rule in enumerate(rules):
        dated = DatedRule(rule, f"exceptions[{i}]")
        if not any(True for _ in exception_conflicts([*kept, dated])):
            kept.append(dated)
    return tuple(d.exception for d in kept)


def _seasons_without_conflicts(items: Sequence[Season]) -> tuple[Season, ...]:
    kept: list[Season] = []
    for season in items:
        if not any(True for _ in season_conflicts([*kept, season], "seasons")):
            kept.append(season)
    return tuple(kept)


_HOLIDAY_FIXED = st.sampled_from(["closed", "usual"])


def _draw_holiday_hours(draw: DrawFn) -> Any:
    if draw(_BOOL):
        return _draw_day(draw, draw(_STEP), 2, True, True)
    return draw(_HOLIDAY_FIXED)


def _draw_list(draw: DrawFn, max_size: int, item: Any) -> list[Any]:
    """Up to ``max_size`` items of ``item(draw)``, shrinking toward none."""
    return [item(draw) for _ in range(draw(st.integers(0, max_size)))]


_NAME = st.none() | st.text(max_size=20)


def _draw_service(draw: DrawFn, first_year: int, last_year: int, max_exceptions: int) -> Service:
    rules = _draw_list(
        draw, max_exceptions, lambda d: _draw_exception(d, first_year, last_year, True)
    )
    periods = _draw_list(draw, 1, lambda d: _draw_season(d, first_year, last_year))
    return Service(
        name=draw(_NAME),
        hours=_draw_week(draw, every_day=False),
        inherit_hours=not draw(_BOOL),
        admission=draw(_ADMISSION) if draw(_BOOL) else None,
        holiday_hours=_draw_holiday_hours(draw) if draw(_BOOL) else None,
        exceptions=_without_conflicts(rules),
        seasons=_seasons_without_conflicts(periods),
    )


def services(
    *, min_year: int = _FIRST_YEAR, max_year: int = _LAST_YEAR, max_exceptions: int = 2
) -> SearchStrategy[Service]:
    """Services: per-weekday overrides, their own exceptions, seasons, admission and holiday
    hours. Shrinks toward ``Service()``, which behaves exactly as its establishment.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(services())
    ... def test_services(service):
    ...     assert isinstance(service, Service)
    >>> test_services()
    """

    @st.composite
    def draw_service(draw: DrawFn) -> Service:
        return _draw_service(draw, min_year, max_year, max_exceptions)

    return draw_service()


def holiday_calendars(country: str | None = None) -> SearchStrategy[HolidayCalendar | None]:
    """Holiday calendars from :data:`COUNTRIES` (``"FR-57"``: a country and subdivision), or
    the calendar of ``country``."""
    codes: SearchStrategy[str | None] = (
        st.sampled_from(COUNTRIES) if country is None else st.just(country)
    )
    return codes.map(_calendar)


def _calendar(code: str | None) -> HolidayCalendar | None:
    if code is None:
        return None
    country, _, subdivision = code.partition("-")
    return HolidayCalendar(country=country, subdivision=subdivision or None)


_ANY = "any"


_SERVICE_IDS = st.sampled_from(["etat-civil", "accueil", "urbanisme"]) | st.from_regex(
    r"[a-z][a-z0-9_-]{0,6}", fullmatch=True
)
_DISAMBIGUATE: SearchStrategy[Disambiguate] = st.sampled_from(["compatible", "earlier", "later"])
_PLACE_NAME = st.sampled_from(["Mairie", "Musée"]) | st.text(max_size=30)
_LANGUAGE = st.sampled_from(LANGUAGES)


@st.composite
def _establishment(
    draw: DrawFn,
    zone: SearchStrategy[str],
    country: SearchStrategy[str | None],
    min_services: int,
    max_services: int,
    first_year: int,
    last_year: int,
    max_exceptions: int,
    sun: bool = False,
    school: bool = False,
) -> Establishment:
    members: dict[str, Service] = {}
    for _ in range(draw(st.integers(min_services, max_services))):
        key = draw(_SERVICE_IDS.filter(lambda k: k not in members))
        members[key] = _draw_service(draw, first_year, last_year, max_exceptions)
    rules = _draw_list(
        draw, max_exceptions, lambda d: _draw_exception(d, first_year, last_year, True)
    )
    periods = _draw_list(draw, 2, lambda d: _draw_season(d, first_year, last_year))
    hours = _draw_week(draw, every_day=True)
    extra: dict[str, Any] = {}
    timezone = draw(zone)
    if sun and _installed("astral") and draw(_BOOL):
        extra["location"] = {"lat": draw(st.sampled_from(_PLACES))[0], "lon": _longitude(timezone)}
        week = hours.model_dump()
        for key in draw(st.lists(st.sampled_from(_WEEKDAYS), min_size=1, max_size=3)):
            week[key] = [draw(st.sampled_from(_SUN_SLOTS))]
        hours = WeeklyHours.model_validate(week)
    if school and _installed("vacances_scolaires_france") and draw(_BOOL):
        extra["school_holidays"] = {"country": "FR", "zone": draw(_SCHOOL_ZONES)}
        extra["school_holiday_hours"] = draw(_SCHOOL_HOURS)
    return Establishment(
        name=draw(_PLACE_NAME),
        timezone=timezone,
        disambiguate=draw(_DISAMBIGUATE),
        language=draw(_LANGUAGE),
        hours=hours,
        holidays=_calendar(draw(country)),
        holiday_hours=_draw_holiday_hours(draw),
        admission=draw(_ADMISSION) if draw(_BOOL) else None,
        exceptions=_without_conflicts(rules),
        seasons=_seasons_without_conflicts(periods),
        services=members,
        **extra,
    )


_PLACES = ((48.8566,), (43.2965,), (60.17,), (-33.9,))
"""Latitudes of sun times (Paris, Marseille, Helsinki, Cape Town)."""


def _longitude(timezone: str) -> float:
    """A longitude whose sun the zone's clocks follow (its January offset, 15° an hour): a
    place lies in its own time zone, where the sun rises before it sets."""
    offset = ZoneInfo(timezone).utcoffset(dt.datetime(2025, 1, 15))
    hours = offset.total_seconds() / 3600 if offset is not None else 0.0
    return max(-179.0, min(179.0, round(hours * 15, 2)))


_SUN_SLOTS = (
    "sunrise-sunset",
    "dawn-dusk",
    "08:00-sunset",
    "sunrise-12:00",
    "(sunrise+01:00)-(sunset-00:30)",
    "14:00-sunset+1h",
)
_SCHOOL_ZONES = st.sampled_from(["A", "B", "C", ["B", "C"]])
_SCHOOL_HOURS = st.sampled_from(
    ["usual", "closed", "unknown", ["10:00-12:00"], {"wed": ["10:00-18:00"], "sat": []}]
)


@lru_cache(maxsize=8)
def _installed(module: str) -> bool:
    """Whether an optional package (an extra) is installed."""
    import importlib.util

    return importlib.util.find_spec(module) is not None


def establishments(
    *,
    zone: str | SearchStrategy[str] | None = None,
    country: str | SearchStrategy[str | None] | None = _ANY,
    min_services: int = 0,
    max_services: int = 3,
    min_year: int = _FIRST_YEAR,
    max_year: int = _LAST_YEAR,
    max_exceptions: int = 3,
    sun: bool = False,
    school: bool = False,
) -> SearchStrategy[Establishment]:
    """Valid establishments, shrinking toward one with simple weekly hours and nothing else.

    ``zone``: an IANA name or a strategy (default: :data:`ZONES`). ``country``: ``"FR"``,
    ``"FR-57"`` (with a subdivision), None (no holidays) or a strategy (default:
    :data:`COUNTRIES`). Dated rules fall in the years ``min_year`` to ``max_year``. With
    ``sun``, some have a location and weekdays with sun times; with ``school``, some have
    French school holidays and hours for them (each only when its extra is installed).

    >>> from hypothesis import find
    >>> place = find(establishments(country="FR-57"), lambda e: len(e.services) == 1)
    >>> place.timezone, place.holidays.subdivision, list(place.services)
    ('Europe/Paris', '57', ['etat-civil'])
    """
    zones = st.sampled_from(ZONES) if zone is None else _value(zone)
    countries: SearchStrategy[str | None] = (
        st.sampled_from(COUNTRIES) if country == _ANY else _value(country)
    )
    return _establishment(
        zones,
        countries,
        min_services,
        max_services,
        min_year,
        max_year,
        max_exceptions,
        sun,
        school,
    )


# -- instants ---------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _transitions(zone_key: str, year: int) -> tuple[int, ...]:
    zone = ZoneInfo(zone_key)
    start = int(dt.datetime(year, 1, 1, tzinfo=dt.UTC).timestamp())
    end = int(dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC).timestamp())

    def offset(t: int) -> dt.timedelta | None:
        return dt.datetime.fromtimestamp(t, zone).utcoffset()

    found: list[int] = []
    t, before = start, offset(start)
    while t < end:
        u = min(t + 6 * 3600, end)
        after = offset(u)
        if after != before:
            lo, hi = t, u
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset(mid) == before:
                    lo = mid
                else:
                    hi = mid
            found.append(hi)
        t, before = u, after
    return tuple(found)


def dst_transitions(zone: str, year: int) -> tuple[dt.datetime, ...]:
    """The instants in ``year`` where ``zone``'s UTC offset changes.

    >>> [t.isoformat() for t in dst_transitions("Europe/Paris", 2025)]
    ['2025-03-30T03:00:00+02:00', '2025-10-26T02:00:00+01:00']
    """
    tz = ZoneInfo(zone)
    return tuple(dt.datetime.fromtimestamp(t, tz) for t in _transitions(zone, year))


_NUDGES = (0, -1, 1, -60, 60, -1800, 1800, -3600, 3600, -7200, 7200)


@st.composite
def _aware(draw: DrawFn, zone: str, first_year: int, last_year: int) -> dt.datetime:
    tz = ZoneInfo(zone)
    kind = draw(st.sampled_from(["wall", "transition", "edge", "any"]))
    if kind == "wall":  # a wall-clock time on a grid, as slots are
        date = draw(st.dates(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)))
        minute = _draw_minutes(draw, draw(_STEP), 0, DAY - 1)
        naive = dt.datetime.combine(date, dt.time(minute // 60, minute % 60))
        local = naive.replace(tzinfo=tz, fold=draw(st.integers(0, 1)))
        t = local.timestamp() + draw(st.sampled_from(_NUDGES[:3]))
        return dt.datetime.fromtimestamp(t, tz)
    year = draw(st.integers(first_year, last_year))
    if kind == "transition" and _transitions(zone, year):
        base = draw(st.sampled_from(_transitions(zone, year)))
    elif kind in ("transition", "edge"):  # a UTC year start: where compiled chunks meet
        base = int(dt.datetime(year, 1, 1, tzinfo=dt.UTC).timestamp())
    else:
        base = int(dt.datetime(year, 1, 1, tzinfo=dt.UTC).timestamp())
        base += draw(st.integers(0, 365 * 86400))
    nudge = draw(st.sampled_from(_NUDGES) | st.integers(-86400, 86400))
    micro = draw(st.sampled_from([0, 0, 999999]) | st.integers(0, 999999))
    return dt.datetime.fromtimestamp(base + nudge, tz) + dt.timedelta(microseconds=micro)


def aware_datetimes(
    zone: str | None = "Europe/Paris", *, min_year: int = _FIRST_YEAR, max_year: int = _LAST_YEAR
) -> SearchStrategy[dt.datetime]:
    """Aware datetimes in ``zone`` (any of :data:`ZONES` when None), favouring daylight-saving
    transitions, wall times on the grids slots use, and UTC year starts (each give or take a
    second, a minute, an hour), with some arbitrary instants too.

    >>> from hypothesis import find
    >>> find(aware_datetimes("America/New_York"), lambda at: True).isoformat()
    '2023-12-31T19:00:00-05:00'
    """
    zones = st.sampled_from(ZONES) if zone is None else st.just(zone)
    return zones.flatmap(lambda z: _aware(z, min_year, max_year))


# -- OpenStreetMap ---------------------------------------------------------------------------


_OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@st.composite
def _osm_selector(draw: DrawFn) -> str:
    if draw(st.integers(0, 9)) == 9:
        return "PH"
    first = draw(st.integers(0, 6))
    if draw(st.booleans()):
        return _OSM_DAYS[first]
    last = draw(st.integers(first, 6))
    return f"{_OSM_DAYS[first]}-{_OSM_DAYS[last]}" if last > first else _OSM_DAYS[first]


@st.composite
def _osm_times(draw: DrawFn) -> str:
    slots = draw(day_hours(max_slots=3, last_admission=False, past_midnight=False))
    if not slots:
        return "off"
    return ",".join(slot.span for slot in slots)


@st.composite
def _osm_value(draw: DrawFn) -> str:
    if draw(st.integers(0, 19)) == 19:
        return "24/7"
    rules = draw(st.lists(st.tuples(_osm_selector(), _osm_times()), min_size=1, max_size=4))
    return "; ".join(f"{selector} {times}" for selector, times in rules)


def osm_values() -> SearchStrategy[str]:
    """Valid OpenStreetMap ``opening_hours`` values in the grammar :mod:`horaires.osm` reads:
    rules of weekday ranges (``Mo-Fr``) or ``PH`` with slots or ``off``, and ``24/7``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(osm_values())
    ... def test_values(value):
    ...     assert value == "24/7" or value[:2] in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH")
    >>> test_values()
    """
    return _osm_value()
