"""Check a configuration: its errors, and warnings about likely mistakes that still load.

:func:`check` answers with a :class:`Report` instead of raising: the errors that loading
raises (each an :class:`~horaires.Issue` with its path), and :class:`ConfigWarning` values
for what is valid but most likely not what was meant. Each warning has a stable ``code``
(:data:`WARNINGS` lists them, docs/configuration.md#warnings explains them).

>>> report = check({"name": "Bar", "hours": {"mon": ["22:00-10:00"], "tue": ["08:00-12:00"]}})
>>> report.ok, [str(w) for w in report.warnings]
(True, ["hours.mon[0]: 22:00-10:00 runs into Tuesday's 08:00-12:00 (hours.tue[0]): both are one opening from 22:00 to 12:00; end it by 08:00, or start Tuesday later"])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._config import dump, load
from ._errors import ArgumentError, ConfigError, HorairesError, Issue, excerpt
from ._establishment import Establishment, dropped_slots, engine
from ._model import (
    _LOOSE_SLOT,
    _SLOT,
    WEEKDAYS,
    AdmissionRule,
    DatedException,
    Season,
    Service,
    Slot,
    WeeklyHours,
    _position,
    read_time,
)
from ._recurrence import LAST_YEAR, Recurrence
from ._source import format_of, parse_text, read_file
from ._wall import DAY, format_time

__all__ = ["MIN_SLOT_MINUTES", "WARNINGS", "ConfigWarning", "Report", "check", "warnings"]

MIN_SLOT_MINUTES = 15
"""A slot shorter than this (in minutes) is warned about as a likely typo."""

WARNINGS: dict[str, str] = {
    "night_overlap": "a slot past midnight runs into the next day's own hours, which merge "
    "with it into one opening",
    "cutoff_too_long": "the admission cutoff is as long as a slot, or longer: no one is "
    "admitted in it",
    "short_slot": f"a slot shorter than {MIN_SLOT_MINUTES} minutes",
    "past": "an exception (or a dated season) wholly in the past",
    "same_as_general": "a service whose hours are the same as the general hours",
    "midnight": "a slot that closes at 00:00, read as midnight at the end of its day (24:00)",
    "dst_gap": "a slot that a daylight-saving gap leaves without hours on a date, this year or "
    "the next (once resolved, it does not open before it closes)",
}
"""Every warning code, with what it means."""

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class ConfigWarning:
    """A likely mistake in a valid configuration, at ``path``, with a stable ``code``.

    >>> print(ConfigWarning("hours.mon[0]", "short_slot", "08:00-08:05 lasts 5 minutes"))
    hours.mon[0]: 08:00-08:05 lasts 5 minutes
    """

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True, slots=True)
class Report:
    """What :func:`check` found: ``errors`` (the configuration does not load when there is
    one), ``warnings``, and the ``establishment`` when it loads."""

    errors: tuple[Issue, ...]
    warnings: tuple[ConfigWarning, ...]
    establishment: Establishment | None = None

    @property
    def ok(self) -> bool:
        """True when there is no error (there may be warnings)."""
        return not self.errors

    def __str__(self) -> str:
        lines = [f"error: {issue}" for issue in self.errors]
        lines += [f"warning: {warning}" for warning in self.warnings]
        return "\n".join(lines) or "ok"


def check(
    config: Mapping[str, Any] | Establishment | str | Path, *, today: dt.date | None = None
) -> Report:
    """The errors and warnings of a configuration: a dict, a loaded establishment, or the
    path of a ``.toml`` or ``.json`` file. Never raises for a bad configuration.

    ``today`` (default: today in the establishment's time zone) is the date before which an
    exception is in the past. The coming two years are compiled too, so that a wall time
    that a DST change skips under ``disambiguate = "raise"`` is an error here.

    >>> report = check({"name": "M", "hours": {"lundi": ["9-12"], "tue": "09:00-12:00"}})
    >>> for issue in report.errors:
    ...     print(issue)
    hours.lundi: unknown weekday 'lundi' (did you mean 'mon'?): expected one of mon, tue, wed, thu, fri, sat, sun
    hours.tue: '09:00-12:00' is not a list of slots: write ["09:00-12:00"]
    """
    if today is not None and not isinstance(today, dt.date):
        raise ArgumentError(f"today={excerpt(today)} is not a date")
    raw: object = None
    try:
        if isinstance(config, Establishment):
            establishment = config
        elif isinstance(config, str | Path):
            data = parse_text(read_file(config), format_of(Path(config)))
            raw = data
            establishment = load(data)
        elif isinstance(config, Mapping):
            raw = config
            establishment = load(config)
        else:
            raise ArgumentError(
                f"{excerpt(config)} is not a configuration: expected a dict, an Establishment "
                "or the path of a .toml or .json file"
            )
    except ConfigError as error:
        return Report(error.issues, ())  # warnings are for a configuration that loads
    errors = _compile_errors(establishment, today)
    if raw is None:
        raw = dump(establishment)
    found = [*_midnight(raw), *warnings(establishment, today=today)]
    return Report(errors, _in_order(found, raw), establishment)


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _in_order(found: Sequence[ConfigWarning], raw: object) -> tuple[ConfigWarning, ...]:
    """The warnings once each, in the order of the configuration's text."""

    def where(warning: ConfigWarning) -> tuple[int, ...]:
        loc = [int(i) if i else key for key, i in _PART.findall(warning.path)]
        return _position(raw, tuple(loc))

    return tuple(sorted(dict.fromkeys(found), key=where))


def _compile_errors(establishment: Establishment, today: dt.date | None) -> tuple[Issue, ...]:
    """Errors that only compiling shows (a skipped wall time with ``disambiguate = "raise"``,
    a year outside the holiday calendar), over this year and the next."""
    year = (today or dt.datetime.now(establishment.zone).date()).year
    if not 2 <= year < LAST_YEAR:
        return ()
    start = dt.datetime(year, 1, 1, tzinfo=establishment.zone)
    end = start.replace(year=year + 2)
    # the calendars are the establishment's: its general hours meet them; a service's own
    # hours can only meet a skipped or repeated wall time, an error only under "raise"
    raises = establishment.disambiguate == "raise"
    for service in [None, *(establishment.services if raises else ())]:
        try:
            schedule = engine(establishment).schedule(service, None, whole=False)
            for _ in schedule.intervals(start, end):
                pass
        except HorairesError as error:
            where = f"services.{service}" if service else "hours"
            return (Issue(where, f"({year}-{year + 1}) {error}"),)
    return ()


def warnings(
    establishment: Establishment, *, today: dt.date | None = None
) -> tuple[ConfigWarning, ...]:
    """The warnings of a loaded establishment (all but ``midnight``, which needs the text
    as written: :func:`check` gives it)."""
    if today is None:
        today = dt.datetime.now(establishment.zone).date()
    found: list[ConfigWarning] = []
    for prefix, owner, admission in _owners(establishment):
        week = _week(establishment, owner)
        found += _night_overlaps(week)
        for i, season in enumerate(owner.seasons):
            found += _night_overlaps(_season_week(week, season, f"{prefix}seasons[{i}].hours"))
        for path, slots in _day_lists(prefix, owner):
            found += _short_slots(path, slots)
            if admission is not None and admission.before_closing:
                found += _cutoffs(path, slots, admission)
        found += _past(prefix, owner, today)
        if isinstance(owner, Service):
            found += _same_as_general(establishment, prefix, owner, week)
    found += _gaps(establishment, today)
    return _in_order(found, dump(establishment))


def _gaps(establishment: Establishment, today: dt.date) -> list[ConfigWarning]:
    """The slots a daylight-saving gap leaves without hours this year and the next
    (docs/time.md), as the engine resolves them."""
    if not 2 <= today.year < LAST_YEAR:
        return []
    start = dt.date(today.year, 1, 1)
    days = (dt.date(today.year + 2, 1, 1) - start).days
    try:
        dropped = dropped_slots(establishment, start, days)
    except HorairesError:  # disambiguate = "raise": an error, which compiling reports
        return []
    return [
        ConfigWarning(
            f"services.{service}.hours" if service else "hours",
            "dst_gap",
            f"{slot} on {date} lies in a daylight-saving gap of {establishment.timezone}: "
            "it has no hours that day",
        )
        for service, date, slot in dropped
    ]


# -- where the hours are ------------------------------------------------------------------

Week = tuple[tuple[tuple[str, Slot], ...], ...]
"""Per weekday (Monday first), the slots in force with the path where each is written."""


def _owners(
    establishment: Establishment,
) -> Iterator[tuple[str, Establishment | Service, AdmissionRule | None]]:
    """``(path prefix, owner, admission rule)`` of the establishment and of each service."""
    yield "", establishment, establishment.admission
    for key, service in establishment.services.items():
        yield f"services.{key}.", service, service.admission or establishment.admission


def _named(path: str, hours: WeeklyHours, weekday: int) -> tuple[tuple[str, Slot], ...] | None:
    slots = hours.day(weekday)
    if slots is None:
        return None
    return tuple((f"{path}.{WEEKDAYS[weekday]}[{i}]", slot) for i, slot in enumerate(slots))


def _week(establishment: Establishment, owner: Establishment | Service) -> Week:
    """The weekly hours in force for ``owner``: a service's days, else (when it inherits)
    the establishment's."""
    days = []
    for weekday in range(7):
        general = _named("hours", establishment.hours, weekday) or ()
        if isinstance(owner, Service):
            key = next(k for k, s in establishment.services.items() if s is owner)
            own = _named(f"services.{key}.hours", owner.hours, weekday)
            days.append(own if own is not None else general if owner.inherit_hours else ())
        else:
            days.append(general)
    return tuple(days)


def _season_week(week: Week, season: Season, path: str) -> Week:
    """``week`` with the days a season names replaced by the season's."""
    return tuple(
        named if (named := _named(path, season.hours, weekday)) is not None else week[weekday]
        for weekday in range(7)
    )


def _day_lists(prefix: str, owner: Establishment | Service) -> Iterator[tuple[str, Sequence[Slot]]]:
    """``(path, slots)`` of every list of slots the owner writes."""
    hours: list[tuple[str, object]] = [(f"{prefix}hours", owner.hours)]
    hours += [(f"{prefix}seasons[{i}].hours", s.hours) for i, s in enumerate(owner.seasons)]
    hours += [(f"{prefix}exceptions[{i}].hours", e.hours) for i, e in enumerate(owner.exceptions)]
    hours += [(f"{prefix}holiday_hours", owner.holiday_hours)]
    hours += [(f"{prefix}school_holiday_hours", owner.school_holiday_hours)]
    for path, value in hours:
        if isinstance(value, WeeklyHours):
            for weekday, key in enumerate(WEEKDAYS):
                slots = value.day(weekday)
                if slots:
                    yield f"{path}.{key}", slots
        elif isinstance(value, tuple) and value:
            yield path, value


# -- the warnings ---------------------------------------------------------------------------


def _night_overlaps(week: Week) -> Iterator[ConfigWarning]:
    for weekday in range(7):
        following = (weekday + 1) % 7
        for path, slot in week[weekday]:
            if slot.closes <= DAY or slot.variable:
                continue
            end = slot.closes - DAY
            for other_path, other in week[following]:
                if other.opens < end and not other.variable:
                    merged = format_time(max(end, other.closes))
                    yield ConfigWarning(
                        path,
                        "night_overlap",
                        f"{slot.span} runs into {_DAY_NAMES[following]}'s {other.span} "
                        f"({other_path}): both are one opening from {format_time(slot.opens)} "
                        f"to {merged}; end it by {format_time(other.opens)}, or start "
                        f"{_DAY_NAMES[following]} later",
                    )


def _short_slots(path: str, slots: Sequence[Slot]) -> Iterator[ConfigWarning]:
    for i, slot in enumerate(slots):
        minutes = slot.closes - slot.opens
        if not slot.variable and minutes < MIN_SLOT_MINUTES:
            yield ConfigWarning(
                f"{path}[{i}]",
                "short_slot",
                f"{slot.span} lasts {minutes} minute(s), less than {MIN_SLOT_MINUTES}: a typo?",
            )


def _cutoffs(path: str, slots: Sequence[Slot], admission: AdmissionRule) -> Iterator[ConfigWarning]:
    """Slots (touching ones joined) no longer than the cutoff before their closing."""
    cutoff = admission.before_closing.total_seconds() / 60
    ordered = sorted(range(len(slots)), key=lambda i: slots[i].opens)
    runs: list[list[int]] = []
    for i in ordered:
        if runs and slots[runs[-1][-1]].closes == slots[i].opens:
            runs[-1].append(i)
        else:
            runs.append([i])
    if admission.applies_to == "end_of_day":
        runs = runs[-1:]
    for run in runs:
        first, last = slots[run[0]], slots[run[-1]]
        if first.variable or last.variable or any(slots[i].last_admission for i in run):
            continue
        if last.closes - first.opens <= cutoff:
            span = f"{format_time(first.opens)}-{last.span.split('-')[1]}"
            yield ConfigWarning(
                f"{path}[{run[0]}]",
                "cutoff_too_long",
                f"admission stops {int(cutoff)} minutes before closing, and {span} lasts "
                f"{last.closes - first.opens}: no one is admitted in it",
            )


def _last_date(exception: DatedException) -> dt.date | None:
    """The last date an exception covers, or None when it recurs without end."""
    if exception.rrule is None:
        return exception.date or exception.end
    return exception.end


def _past(prefix: str, owner: Establishment | Service, today: dt.date) -> Iterator[ConfigWarning]:
    for i, exception in enumerate(owner.exceptions):
        last = _last_date(exception)
        if exception.rrule is not None:
            recurrence = Recurrence(exception.rrule, exception.start, exception.end)
            if recurrence.next_on_or_after(today, dt.date(LAST_YEAR, 12, 31)) is not None:
                continue
            last = last or today - dt.timedelta(days=1)
            what = "its last date is before"
        elif last is None or last >= today:
            continue
        else:
            what = f"it ended on {last}, before"
        yield ConfigWarning(
            f"{prefix}exceptions[{i}]", "past", f"{what} today ({today}): remove it?"
        )
    for i, season in enumerate(owner.seasons):
        if isinstance(season.end, dt.date) and season.end < today:
            yield ConfigWarning(
                f"{prefix}seasons[{i}]",
                "past",
                f"it ended on {season.end}, before today ({today}): remove it?",
            )


def _same_as_general(
    establishment: Establishment, prefix: str, service: Service, week: Week
) -> Iterator[ConfigWarning]:
    """A service that writes hours, whose week is then the establishment's."""
    writes = service.hours != WeeklyHours() or not service.inherit_hours
    general = _week(establishment, establishment)
    same = all([s for _, s in week[d]] == [s for _, s in general[d]] for d in range(7))
    if writes and same and any(general):
        yield ConfigWarning(
            f"{prefix}hours",
            "same_as_general",
            "the same weekly hours as the general hours: a service inherits them, so leave "
            "its hours out (or fix them if they should differ)",
        )


def _midnight(raw: object) -> Iterator[ConfigWarning]:
    """Slots written with a closing at ``00:00`` (``18:00-00:00``), in the raw data."""
    stack: list[tuple[object, str, bool]] = [(raw, "", False)]
    while stack:
        value, path, in_list = stack.pop()
        closing: tuple[str, str] | None = None
        if isinstance(value, str) and in_list:
            match = _SLOT.fullmatch(value) or _LOOSE_SLOT.fullmatch(value)
            closing = (match[1], match[2]) if match else None
        elif isinstance(value, Mapping):
            if isinstance(value.get("opens"), str) and isinstance(value.get("closes"), str):
                closing = (value["opens"], value["closes"])
            items = [(v, f"{path}.{k}" if path else str(k), False) for k, v in value.items()]
            stack.extend(reversed(items))
        elif isinstance(value, list | tuple):
            stack.extend(reversed([(v, f"{path}[{i}]", True) for i, v in enumerate(value)]))
        if closing is not None and _reads_midnight(*closing):
            yield ConfigWarning(
                path,
                "midnight",
                f"closes at {closing[1].strip()}, read as midnight at the end of the day: "
                "write 24:00 to say so",
            )


def _reads_midnight(opens: str, closes: str) -> bool:
    try:
        return read_time(closes) == 0 and read_time(opens) > 0
    except ValueError:  # a sun time, or not a time: loading said so
        return False
