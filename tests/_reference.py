"""A naive reference evaluator of horaires' documented semantics, for the property tests.

It is written from the user documentation only (docs/concepts.md, docs/configuration.md,
docs/admission.md, docs/time.md, docs/queries.md), reads the configuration as plain data
(the fields of :mod:`horaires._model`), and uses ``holidays`` and ``dateutil.rrule``
directly. It shares no code with the engine: tests/property/test_reference.py compares the
two. It is slow but bounded: :class:`Reference` resolves a few weeks of dates once, keeps the
resulting stretches as sorted lists of epoch seconds, and answers by bisection.

It follows docs/concepts.md, "The rules, in one place": a slot whose resolved opening is not
before its resolved closing has no hours (``02:30-03:00`` and ``02:00-03:00`` on the night
Paris springs forward), a date the zone skips entirely has none (Pacific/Apia, 30 December
2011), and where an opening interval and an unknown day overlap the one that began first keeps
the overlap. Sun times and school holidays are not in it (:class:`Reference` refuses them).

Where the docs are silent, it takes the reading they most plausibly mean:

- a season names the dates whose month-day lies between its bounds (``"12-15"`` to
  ``"01-15"`` wraps the year end), and its length in days is counted in a common year;
- an exception whose ``hours`` is an empty list is a closed day with the label of replacement
  hours ("Horaires exceptionnels"), and an empty ``label`` is no label (the default applies);
- the "four years (4 x 365 days) from ``start``" of an unbounded recurrence's count are
  ``[start, start + 1460 days)``, and a recurrence without ``start`` counts its dates from
  2000-01-01 (to its ``end``);
- a holiday calendar without the asked language names holidays in its default language;
  two holidays on one date are named as the ``holidays`` package names them;
- a wall time of a slot is resolved on the date it falls on (a ``22:00-02:00`` slot closes at
  02:00 of the next date, resolved there);
- an ``unknown`` day covers its local date, ``[00:00, next 00:00)`` resolved like a slot;
- with ``applies_to = "end_of_day"`` a merged interval gets the cutoff when it holds the slot
  that closes latest on one of its dates, by the slots' written times (a ``20:00-24:00`` +
  ``00:00-08:00`` night does; a date whose latest slot has no hours has no cutoff);
- the slot that gives a merged interval its closing is the last to open of those that close
  then (slots of two dates may overlap: ``20:00-32:00`` on Monday, ``00:00-08:00`` on
  Tuesday); its explicit ``last_admission``, else the admission rule, gives the window;
- the establishment as a whole is unknown at an instant when it is not open and its general
  hours or one of its services is unknown;
- ``day()`` of the whole establishment joins the slots of the general hours and of every
  service, touching or overlapping slots becoming one (docs/queries.md, section day);
- the ``reason`` of a status is the label of the date whose slot opened the current interval
  (a night keeps its evening's label), else the label of the local date (:meth:`reason`);
  within an interval that holds slots of dates with different labels the docs do not say
  which label is the reason, and the tests leave it out.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import holidays
from dateutil import rrule

from horaires import AdmissionRule, DatedException, Establishment, Season, Slot

__all__ = [
    "RefDay",
    "Reference",
    "State",
    "covers",
    "holiday_name",
    "join_slots",
    "resolve_day",
    "resolve_wall",
    "wall_instant",
]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_A_DAY = 1440
RRULE_EPOCH = dt.date(2000, 1, 1)  # docs/configuration.md, Exceptions
RRULE_LAST = dt.date(2040, 12, 31)  # far enough for the years the tests draw

# docs/configuration.md, Exceptions and Seasons: default labels; docs/rendering.md, Languages:
# translated by the gettext catalog of each language (English message ids)
LABEL_IDS = {
    "closed": "Exceptional closure",
    "hours": "Special hours",
    "unknown": "Hours uncertain",
    "season": "Seasonal hours",
}
CATALOGS = Path(__file__).resolve().parents[1] / "src" / "horaires" / "locale"


@functools.cache
def labels(language: str) -> dict[str, str]:
    """The default labels in a language, read from its ``.po`` catalog with Babel."""
    from babel.messages.pofile import read_po

    path = CATALOGS / language.split("_")[0] / "LC_MESSAGES" / "horaires.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    return {kind: str(catalog.get(message).string) for kind, message in LABEL_IDS.items()}


# -- which rule applies on a date (docs/configuration.md, Precedence) ------------------------


@dataclass(frozen=True)
class RefDay:
    """The hours of one local date for the general hours or one service, and their rule."""

    date: dt.date
    rule: str  # "exception", "holiday", "season", "weekly"
    label: str | None
    source: str | None  # the service whose rule it is; None: the establishment's
    slots: tuple[Slot, ...]
    unknown: bool = False


@functools.cache
def _occurrences(text: str, start: dt.date | None, end: dt.date | None) -> frozenset[dt.date]:
    """The dates of a recurrence, read by ``dateutil.rrule`` from ``start`` (else 2000-01-01),
    bounded by ``start`` and ``end`` inclusive (docs/configuration.md, Recurrence rules).

    ``BYDAY`` with days of both kinds (``MO,1FR``) is every Monday *and* the first Friday, as
    RFC 5545 says (dateutil keeps the days that are both): without ``COUNT`` or ``BYSETPOS``,
    the dates of the two kinds are joined.

    >>> august = [d.day for d in _occurrences("FREQ=MONTHLY;BYDAY=MO,1FR", None, None)
    ...        if (d.year, d.month) == (2025, 8)]
    >>> sorted(august)
    [1, 4, 11, 18, 25]
    """
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts = dict(part.split("=", 1) for part in body.upper().split(";"))
    days = parts.get("BYDAY", "").split(",")
    plain = [d for d in days if d.isalpha()]
    placed = [d for d in days if d and not d.isalpha()]
    if plain and placed and "COUNT" not in parts and "BYSETPOS" not in parts:
        return frozenset().union(
            *(
                _occurrences(
                    ";".join(f"{k}={v}" for k, v in {**parts, "BYDAY": ",".join(group)}.items()),
                    start,
                    end,
                )
                for group in (plain, placed)
            )
        )
    first = start or RRULE_EPOCH
    rule = rrule.rrulestr(body, dtstart=dt.datetime.combine(first, dt.time()))
    last = end or RRULE_LAST
    found = rule.between(
        dt.datetime.combine(first, dt.time()), dt.datetime.combine(last, dt.time()), inc=True
    )
    return frozenset(moment.date() for moment in found)


def covers(exception: DatedException, day: dt.date) -> bool:
    """Whether an exception covers ``day`` (docs/configuration.md, Exceptions)."""
    if exception.date is not None:
        return day == exception.date
    if exception.rrule is None:
        assert exception.start is not None and exception.end is not None
        return exception.start <= day <= exception.end
    return day in _occurrences(exception.rrule, exception.start, exception.end)


def exception_span(exception: DatedException) -> tuple[float, int]:
    """``(days, dates)``: first to last date inclusive (unbounded: infinite), and the number
    of dates covered (docs/configuration.md, Precedence)."""
    if exception.date is not None:
        return (1, 1)
    if exception.rrule is None:
        assert exception.start is not None and exception.end is not None
        days = (exception.end - exception.start).days + 1
        return (days, days)
    if exception.start is not None and exception.end is not None:
        span: float = (exception.end - exception.start).days + 1
    else:
        span = math.inf
    first = exception.start or RRULE_EPOCH
    if exception.end is not None:
        dates = [d for d in _occurrences(exception.rrule, exception.start, exception.end)]
    else:
        limit = first + dt.timedelta(days=4 * 365)
        occurrences = _occurrences(exception.rrule, exception.start, None)
        dates = [d for d in occurrences if first <= d < limit]
    return (span, len(dates))


def _month_day(day: dt.date) -> str:
    return f"{day.month:02d}-{day.day:02d}"


def season_covers(season: Season, day: dt.date) -> bool:
    """Dated bounds: inclusive dates; month-days: every year, wrapping the year end when the
    start comes after the end (docs/configuration.md, Seasons)."""
    if isinstance(season.start, dt.date) and isinstance(season.end, dt.date):
        return season.start <= day <= season.end
    start, end, key = str(season.start), str(season.end), _month_day(day)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end


@functools.cache
def _common_year() -> tuple[dt.date, ...]:
    first = dt.date(2001, 1, 1)
    return tuple(first + dt.timedelta(days=n) for n in range(365))


def season_span(season: Season) -> tuple[int, int]:
    """``(days, every_year)``: fewer days wins, then a dated season beats an every-year one
    (docs/configuration.md, Precedence). Every-year days are counted in a common year."""
    if isinstance(season.start, dt.date) and isinstance(season.end, dt.date):
        return ((season.end - season.start).days + 1, 0)
    return (sum(season_covers(season, day) for day in _common_year()), 1)


@functools.cache
def _holiday_table(
    country: str, subdivision: str | None, year: int, language: str
) -> dict[dt.date, str]:
    """The public holidays of a year, from the ``holidays`` package, in ``language`` if the
    country has it (``en`` picks ``en_US``), else in the country's default language
    (docs/configuration.md, Public holidays)."""
    probe = holidays.country_holidays(country)
    supported: Sequence[str] = tuple(getattr(probe, "supported_languages", ()))
    chosen = getattr(probe, "default_language", None)
    if language in supported:
        chosen = language
    else:
        same = [code for code in supported if code.split("_")[0] == language.split("_")[0]]
        if same:
            chosen = same[0]
    table = holidays.country_holidays(country, subdiv=subdivision, years=year, language=chosen)
    return dict(table.items())


def holiday_name(place: Establishment, day: dt.date, language: str) -> str | None:
    """The name of the public holiday on ``day``, or None."""
    if place.holidays is None:
        return None
    table = _holiday_table(place.holidays.country, place.holidays.subdivision, day.year, language)
    return table.get(day)


def _narrowest_exception(rules: Iterable[DatedException], day: dt.date) -> DatedException | None:
    covering = [rule for rule in rules if covers(rule, day)]
    return min(covering, key=exception_span, default=None)


def _narrowest_season(rules: Iterable[Season], day: dt.date) -> Season | None:
    weekday = WEEKDAYS[day.weekday()]
    naming = [
        rule
        for rule in rules
        if getattr(rule.hours, weekday) is not None and season_covers(rule, day)
    ]
    return min(naming, key=season_span, default=None)


def _hours(value: Any) -> tuple[tuple[Slot, ...], bool, str]:
    """``(slots, unknown, kind)`` of replacement hours: ``"closed"``, ``"unknown"`` or slots."""
    if value == "closed":
        return (), False, "closed"
    if value == "unknown":
        return (), True, "unknown"
    return tuple(value), False, "hours"


def skipped(zone: ZoneInfo, day: dt.date) -> bool:
    """Whether the zone skips the whole local date: every minute of it falls in a gap
    (Pacific/Apia, 30 December 2011)."""
    return all(
        resolve_wall(zone, "compatible", day, minute)[1] == "gap" for minute in range(MINUTES_A_DAY)
    )


def resolve_day(
    place: Establishment, service: str | None, day: dt.date, language: str | None = None
) -> RefDay:
    """:func:`rule_of_day`, with no slots on a date the zone skips entirely
    (docs/concepts.md, The rules, in one place)."""
    resolved = rule_of_day(place, service, day, language)
    if resolved.slots and skipped(ZoneInfo(place.timezone), day):
        return dataclasses.replace(resolved, slots=())
    return resolved


def rule_of_day(
    place: Establishment, service: str | None, day: dt.date, language: str | None = None
) -> RefDay:
    """The rule that gives the hours of ``service`` (None: the general hours) on ``day``.

    The first that covers the date (docs/configuration.md, Precedence): the service's
    exception, the establishment's exception, the holiday policy unless ``"usual"``, a season
    naming the weekday (the service's, then, with ``inherit_hours``, the establishment's), the
    weekly hours (the service's day, else with ``inherit_hours`` the establishment's). Within
    one level the narrowest span wins.
    """
    language = language or place.language
    words = labels(language)
    own = place.services[service] if service is not None else None
    inherit = own is None or own.inherit_hours
    weekday = WEEKDAYS[day.weekday()]

    for source, rules in ((service, own.exceptions if own else ()), (None, place.exceptions)):
        exception = _narrowest_exception(rules, day)
        if exception is not None:
            slots, unknown, kind = _hours(exception.hours)
            label = exception.label or words[kind]
            return RefDay(day, "exception", label, source, slots, unknown)

    name = holiday_name(place, day, language)
    if name is not None:
        if own is not None and own.holiday_hours is not None:
            policy, source = own.holiday_hours, service
        else:
            policy, source = place.holiday_hours, None
        if policy != "usual":
            slots, unknown, _ = _hours(policy)
            return RefDay(day, "holiday", name, source, slots, unknown)

    levels = [(service, own.seasons if own else ())]
    if inherit:
        levels.append((None, place.seasons))
    for source, periods in levels:
        season = _narrowest_season(periods, day)
        if season is not None:
            label = season.label or words["season"]
            return RefDay(day, "season", label, source, getattr(season.hours, weekday))

    if own is not None and getattr(own.hours, weekday) is not None:
        return RefDay(day, "weekly", None, service, getattr(own.hours, weekday))
    if inherit:
        return RefDay(day, "weekly", None, None, getattr(place.hours, weekday) or ())
    return RefDay(day, "weekly", None, service, ())


def join_slots(days: Iterable[RefDay]) -> list[tuple[int, int]]:
    """The ``(opens, closes)`` minutes of several days' slots, overlapping or touching ones
    joined: ``day()`` of the whole establishment (docs/queries.md, day)."""
    spans = sorted((slot.opens, slot.closes) for day in days for slot in day.slots)
    joined: list[tuple[int, int]] = []
    for opens, closes in spans:
        if joined and opens <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], closes))
        else:
            joined.append((opens, closes))
    return joined


# -- wall times to instants (docs/time.md) ---------------------------------------------------


def wall_instant(zone: ZoneInfo, policy: str, day: dt.date, minutes: int) -> int:
    """Epoch seconds of the wall time ``minutes`` after midnight of ``day`` (past 24:00 on a
    later date), resolved with ``disambiguate`` (docs/time.md, Skipped and repeated wall
    times): a skipped time moves forward by the gap (``compatible``, ``later``), back to
    the instant before it (``earlier``) or to the end of the gap (``clamp``); a repeated
    time takes the earlier occurrence (``compatible``, ``earlier``, ``clamp``) or the later
    one (``later``).

    >>> paris = ZoneInfo("Europe/Paris")
    >>> def show(policy, day, hm):
    ...     at = wall_instant(paris, policy, day, hm[0] * 60 + hm[1])
    ...     return dt.datetime.fromtimestamp(at, paris).strftime("%H:%M%z")
    >>> spring = ("compatible", "earlier", "later", "clamp")
    >>> [show(p, dt.date(2025, 3, 30), (2, 30)) for p in spring]
    ['03:30+0200', '01:30+0100', '03:30+0200', '03:00+0200']
    >>> [show(p, dt.date(2025, 10, 26), (2, 30)) for p in ("compatible", "earlier", "later")]
    ['02:30+0200', '02:30+0200', '02:30+0100']
    """
    return resolve_wall(zone, policy, day, minutes)[0]


def resolve_wall(zone: ZoneInfo, policy: str, day: dt.date, minutes: int) -> tuple[int, str | None]:
    """:func:`wall_instant` and what the wall time is: ``"gap"`` (skipped), ``"fold"``
    (repeated) or None."""
    date = day + dt.timedelta(days=minutes // MINUTES_A_DAY)
    rest = minutes % MINUTES_A_DAY
    naive = dt.datetime.combine(date, dt.time(rest // 60, rest % 60))
    first = int(naive.replace(tzinfo=zone, fold=0).timestamp())
    second = int(naive.replace(tzinfo=zone, fold=1).timestamp())
    if first == second:
        return first, None
    low, high = min(first, second), max(first, second)
    exists = dt.datetime.fromtimestamp(low, zone).replace(tzinfo=None) == naive
    if policy == "raise":
        raise ValueError(f"{naive} is {'repeated' if exists else 'skipped'} in {zone.key}")
    if exists:  # a fold: the time occurs twice
        return (high if policy == "later" else low), "fold"
    if policy == "clamp":  # the end of the gap: the first instant with the offset after it
        after = dt.datetime.fromtimestamp(high, zone).utcoffset()
        while high - low > 1:
            middle = (low + high) // 2
            if dt.datetime.fromtimestamp(middle, zone).utcoffset() == after:
                high = middle
            else:
                low = middle
        return high, "gap"
    return (low if policy == "earlier" else high), "gap"  # a gap: the time does not exist


# -- a part's timeline: opening intervals, admission windows, unknown stretches --------------


@dataclass(frozen=True)
class Piece:
    """One slot of one date, resolved to instants."""

    opens: int
    closes: int
    last_admission: int | None
    latest_of_day: bool  # the slot that closes latest on its date
    label: str | None = None  # the label of its date's rule


@dataclass(frozen=True)
class Stretch:
    """A merged opening interval ``[start, end)`` and its admission window
    ``[start, admit_until)``."""

    start: int
    end: int
    admit_until: int
    labels: frozenset[str | None] = frozenset()  # of the dates whose slots it holds


def _merge(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """Pieces grouped into intervals: those that overlap or touch are one (docs/concepts.md,
    Opening intervals)."""
    groups: list[list[Piece]] = []
    end = -math.inf
    for piece in sorted(pieces, key=lambda p: (p.opens, p.closes)):
        if groups and piece.opens <= end:
            groups[-1].append(piece)
            end = max(end, piece.closes)
        else:
            groups.append([piece])
            end = piece.closes
    return groups


def admission_end(group: Sequence[Piece], rule: AdmissionRule | None) -> Stretch:
    """The interval of merged pieces and its admission window (docs/admission.md).

    The piece that gives the closing (the last to open of those that close when the interval
    closes) decides: its explicit ``last_admission`` if it has one; else the cutoff ``d``
    gives ``max(o, c - d)``, before each closing or, with ``end_of_day``, when the interval
    holds the slot that closes latest on one of its dates; else people are admitted until
    closing.
    """
    start = min(piece.opens for piece in group)
    end = max(piece.closes for piece in group)
    closing = [piece for piece in group if piece.closes == end][-1]
    if closing.last_admission is not None:
        admit_until = min(end, max(start, closing.last_admission))
    elif rule is not None and (
        rule.applies_to == "each_closing" or any(piece.latest_of_day for piece in group)
    ):
        admit_until = max(start, end - int(rule.before_closing.total_seconds()))
    else:
        admit_until = end
    return Stretch(start, end, admit_until, frozenset(piece.label for piece in group))


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(
    spans: Iterable[tuple[int, int]], cuts: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of the sorted, disjoint ``spans`` outside every one of ``cuts``."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        parts = [(start, end)]
        for cut_start, cut_end in cuts:
            parts = [
                piece
                for a, b in parts
                for piece in (
                    [(a, b)] if cut_end <= a or b <= cut_start else [(a, cut_start), (cut_end, b)]
                )
                if piece[0] < piece[1]
            ]
        kept.extend(parts)
    return kept


def _inside(spans: Sequence[tuple[int, int]], starts: Sequence[int], at: int) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < spans[i][1]


def _marks(spans: Sequence[tuple[int, int]], instants: Sequence[int]) -> list[bool]:
    """For each of the sorted ``instants``, whether it lies in one of the half-open
    ``spans``."""
    marks = [False] * len(instants)
    for start, end in spans:
        low, high = bisect.bisect_left(instants, start), bisect.bisect_left(instants, end)
        marks[low:high] = [True] * (high - low)
    return marks


class State(NamedTuple):
    """The state at an instant (docs/concepts.md, States at an instant)."""

    open: bool
    accepting: bool
    unknown: bool


class Timeline:
    """The opening intervals, admission windows and unknown stretches of one part (the
    general hours, or a service) over the dates ``first`` to ``last``."""

    def __init__(
        self, place: Establishment, service: str | None, first: dt.date, last: dt.date
    ) -> None:
        zone, policy = ZoneInfo(place.timezone), place.disambiguate
        own = place.services[service] if service is not None else None
        rule = own.admission if own is not None and own.admission is not None else place.admission
        pieces: list[Piece] = []
        unknown: list[tuple[int, int]] = []
        self.days: dict[dt.date, RefDay] = {}
        self.shifted: set[str] = set()  # "gap", "fold": what slot times met
        self.vanished: list[tuple[int, int]] = []  # slots that resolve to no hours
        day = first
        while day <= last:
            resolved = self.days[day] = resolve_day(place, service, day)
            if resolved.unknown:
                unknown.append(
                    (
                        wall_instant(zone, policy, day, 0),
                        wall_instant(zone, policy, day, MINUTES_A_DAY),
                    )
                )
            latest = max((slot.closes for slot in resolved.slots), default=None)
            for slot in resolved.slots:
                opens, opens_kind = resolve_wall(zone, policy, day, slot.opens)
                closes, closes_kind = resolve_wall(zone, policy, day, slot.closes)
                last_admission = (
                    None
                    if slot.last_admission is None
                    else wall_instant(zone, policy, day, slot.last_admission)
                )
                self.shifted.update(k for k in (opens_kind, closes_kind) if k)
                if closes > opens:
                    latest_of_day = slot.closes == latest
                    pieces.append(
                        Piece(opens, closes, last_admission, latest_of_day, resolved.label)
                    )
                else:
                    self.vanished.append((opens, closes))
            day += dt.timedelta(days=1)
        self.stretches = [admission_end(group, rule) for group in _merge(pieces)]
        opened = [(s.start, s.end) for s in self.stretches]
        windows = [(s.start, s.admit_until) for s in self.stretches if s.admit_until > s.start]
        unknown = _union(unknown)
        # where an interval and an unknown stretch overlap, the one that began first keeps it
        overlaps = [
            (max(a, c), min(b, d), c < a)
            for a, b in opened
            for c, d in unknown
            if max(a, c) < min(b, d)
        ]
        lost = [(a, b) for a, b, unknown_first in overlaps if unknown_first]
        self.open = _subtract(opened, lost)
        self.windows = _subtract(windows, lost)
        self.unknown = _subtract(unknown, [(a, b) for a, b, first in overlaps if not first])
        self._open_starts = [s for s, _ in self.open]
        self._window_starts = [s for s, _ in self.windows]
        self._unknown_starts = [s for s, _ in self.unknown]

    def state(self, at: int) -> State:
        """Open inside an interval, accepting inside a window, unknown inside an unknown
        day (where no interval that began before it is open)."""
        is_open = _inside(self.open, self._open_starts, at)
        accepting = _inside(self.windows, self._window_starts, at)
        unknown = _inside(self.unknown, self._unknown_starts, at)
        return State(is_open, accepting, unknown)

    def marks(self, instants: Sequence[int]) -> tuple[list[bool], list[bool], list[bool]]:
        """Whether each of the sorted ``instants`` is open, accepting, unknown."""
        return (
            _marks(self.open, instants),
            _marks(self.windows, instants),
            _marks(self.unknown, instants),
        )

    def boundaries(self) -> set[int]:
        """Every instant where the state may change."""
        found: set[int] = set()
        for spans in (self.open, self.windows, self.unknown):
            for start, end in spans:
                found.update((start, end))
        return found


class Reference:
    """The reference answers for an establishment over the dates ``first`` to ``last``.

    Answers are trusted from the resolution of ``first`` plus two days (a slot reaches at
    most 48:00) to the resolution of ``last`` minus two days (an interval running on into the
    dates not resolved has its closing, and so its cutoff of less than a day, further on):
    :attr:`trusted` is that range, in epoch seconds.
    """

    def __init__(self, place: Establishment, first: dt.date, last: dt.date) -> None:
        if place.location is not None or place.school_holidays is not None:
            raise NotImplementedError("sun times and school holidays are not in the reference")
        self.place = place
        self.zone = ZoneInfo(place.timezone)
        self.parts: dict[str | None, Timeline] = {
            key: Timeline(place, key, first, last) for key in (None, *place.services)
        }
        self._boundaries: dict[str | None, list[int]] = {}
        policy = place.disambiguate
        self.trusted = (
            wall_instant(self.zone, policy, first + dt.timedelta(days=2), 0),
            wall_instant(self.zone, policy, last - dt.timedelta(days=1), 0),
        )

    def state(self, at: int, service: str | None = None) -> State:
        """The state of a service, or of the establishment as a whole: open when its general
        hours or any service is open, accepting when any is accepting (docs/concepts.md,
        The establishment as a whole)."""
        if service is not None:
            return self.parts[service].state(at)
        states = [timeline.state(at) for timeline in self.parts.values()]
        is_open = any(s.open for s in states)
        accepting = any(s.accepting for s in states)
        return State(is_open, accepting, not is_open and any(s.unknown for s in states))

    def states(self, instants: Sequence[int]) -> dict[str | None, list[State]]:
        """The states of every part and of the whole (key None) at sorted ``instants`` (the
        same answers as :meth:`state`), in one sweep."""
        marks = {key: timeline.marks(instants) for key, timeline in self.parts.items()}
        found: dict[str | None, list[State]] = {}
        for key, (opened, accepting, unknown) in marks.items():
            found[key] = [State(*marked) for marked in zip(opened, accepting, unknown, strict=True)]
        if self.place.services:
            columns = list(zip(*marks.values(), strict=True))  # (opens, acceptings, unknowns)
            opened = [any(t) for t in zip(*columns[0], strict=True)]
            accepting = [any(t) for t in zip(*columns[1], strict=True)]
            unknown = [any(t) for t in zip(*columns[2], strict=True)]
            found[None] = [
                State(o, a, u and not o) for o, a, u in zip(opened, accepting, unknown, strict=True)
            ]
        return found

    def services_in_state(self, at: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The services open and the services accepting at ``at``, in configuration order."""
        states = {key: self.parts[key].state(at) for key in self.place.services}
        return (
            tuple(key for key, s in states.items() if s.open),
            tuple(key for key, s in states.items() if s.accepting),
        )

    def boundaries(self, service: str | None = None) -> list[int]:
        """The sorted instants where the state of ``service`` (None: the whole) may change."""
        if service not in self._boundaries:
            keys = [service] if service is not None else list(self.parts)
            found: set[int] = set()
            for key in keys:
                found |= self.parts[key].boundaries()
            self._boundaries[service] = sorted(found)
        return self._boundaries[service]

    def next_change(self, at: int, service: str | None = None) -> int | None:
        """The first boundary after ``at`` where the state differs from the state at ``at``
        (docs/concepts.md, Changes); None when none is found before the trusted end."""
        now = self.state(at, service)
        boundaries = self.boundaries(service)
        for boundary in boundaries[bisect.bisect_right(boundaries, at) :]:
            if boundary > self.trusted[1]:
                return None
            if self.state(boundary, service) != now:
                return boundary
        return None

    def next_closing(self, at: int, service: str | None = None) -> int | None:
        """The first boundary after ``at`` where the doors are closed (the end of the current
        interval when open); None when none is found before the trusted end."""
        boundaries = self.boundaries(service)
        for boundary in boundaries[bisect.bisect_right(boundaries, at) :]:
            if boundary > self.trusted[1]:
                return None
            if not self.state(boundary, service).open:
                return boundary
        return None

    def next_opening(self, at: int, service: str | None = None) -> int | None:
        """The first boundary after ``at`` where the doors open: when open, the reopening
        after the current interval (docs/queries.md, status); None when none is found before
        the trusted end."""
        closed = not self.state(at, service).open
        boundaries = self.boundaries(service)
        for boundary in boundaries[bisect.bisect_right(boundaries, at) :]:
            if boundary > self.trusted[1]:
                return None
            is_open = self.state(boundary, service).open
            if is_open and closed:
                return boundary
            closed = closed or not is_open
        return None

    def reason(self, at: int, service: str | None = None) -> str | bool | None:
        """The ``reason`` of a part's status: the label of the date whose slot opens the
        interval holding ``at`` (a night keeps the label of the evening it began), else the
        label of the local date of ``at``. False when the docs leave it open: the interval
        holds slots of dates with different labels (a night running into a date with
        another rule), or it opens before the dates resolved."""
        timeline = self.parts[service]
        policy = self.place.disambiguate
        for stretch in timeline.stretches:
            if stretch.start <= at < stretch.end:
                if stretch.start < self.trusted[0] or len(stretch.labels) > 1:
                    return False
                opened = dt.datetime.fromtimestamp(stretch.start, self.zone).date()
                # the day before: 24:00 is the next 00:00; the day after: a skipped 00:00
                # resolved back onto the evening before ("earlier")
                for n in (-1, 0, 1):
                    day = opened + dt.timedelta(days=n)
                    if day not in timeline.days:
                        continue
                    resolved = timeline.days[day]
                    for slot in resolved.slots:
                        if wall_instant(self.zone, policy, day, slot.opens) == stretch.start:
                            return resolved.label
        return timeline.days[dt.datetime.fromtimestamp(at, self.zone).date()].label

    def day(self, day: dt.date, service: str | None = None) -> RefDay:
        """The resolved day of a service, or of the general hours."""
        return self.parts[service].days[day]
