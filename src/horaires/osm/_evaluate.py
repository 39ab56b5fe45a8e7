"""Evaluate a parsed ``opening_hours`` value date by date: a DaySource for the engine.

The semantics follow opening_hours.js, the reference evaluator:

* a rule applies on the dates its selectors match (kinds combined, items of a kind
  alternatives); a time range past midnight applies its after-midnight part on the next
  date, as a separate internal rule;
* a normal rule (after ``;``) with date selectors that opens (or is unknown) on a date
  discards the earlier rules of that date; an additional rule (after ``,``), a closing
  rule and the after-midnight part of a range do not;
* within a date, later rules win where their times match; a fallback rule (after ``||``)
  applies only where the state so far is closed;
* an open end (``18:00+``) is unknown until a guessed end (24:00 from before 17:00, ten
  hours from 17:00, eight hours from 22:00).

Each date's state is computed on the pieces between the times its rules name, once per set
of rules that apply: every ordinary Monday of a value shares one plan, so a date costs the
matching of its selectors (one small matcher per selector kind).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, cast
from zoneinfo import ZoneInfo

from dateutil.easter import easter as _dateutil_easter

from .._calendar import holiday_ordinals
from .._frozen import maker
from .._kept import Kept
from .._plan import Admission, Plan, intern
from .._school import school_holiday, unknown_label
from .._sun import Location, SunTime, sun_minutes
from ._ast import (
    DatePoint,
    DateSpan,
    Easter,
    Holiday,
    MonthDays,
    MonthRange,
    NthWeekday,
    Rule,
    TimeSpan,
    Value,
    VariableTime,
    WeekdayRange,
    WeekRange,
    YearRange,
)

__all__ = [
    "OPEN_END",
    "Context",
    "OSMSource",
    "applying",
    "day_plan",
    "internal_parts",
    "matches",
    "plan_of",
]


@lru_cache(maxsize=1024)
def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` (computed once per year: a value may name it in many rules)."""
    return _dateutil_easter(year)


Matcher = Callable[[dt.date, "Context"], bool]
"""Whether a selector matches a date."""

DAY = 1440
OPEN_END = "Specified as open end. Closing time was guessed."
"""The comment opening_hours.js gives an open end."""

_ONE_DAY = dt.timedelta(days=1)


class _Time(NamedTuple):
    """A time selector as opening_hours.js compiles it (minutes of one date).

    ``kind``: ``always``; ``range`` (``start <= m < end``); ``from`` (``m >= start``, the
    part before midnight of a range that wraps); ``until`` (``m < end``, the part after
    midnight, on the next date); ``points`` (``start, start + period ... <= end``).
    """

    kind: str
    start: int = 0
    end: int = DAY
    open_end: bool = False
    period: int = 0

    def match(self, m: int) -> bool:
        kind = self.kind
        if kind == "range":
            return self.start <= m < self.end
        if kind == "always":
            return True
        if kind == "from":
            return m >= self.start
        if kind == "until":
            return m < self.end
        if kind == "points":
            return self.start <= m <= self.end and (m - self.start) % self.period == 0
        return m <= self.end and m % self.period == 0  # "until-points"

    def edges(self) -> Iterator[int]:
        kind = self.kind
        if kind == "range":
            yield self.start
            yield self.end
        elif kind == "from":
            yield self.start
        elif kind == "until":
            yield self.end
        elif kind == "points":
            for m in range(self.start, min(self.end, DAY - 1) + 1, self.period):
                yield m
                yield m + 1
        elif kind == "until-points":
            for m in range(0, min(self.end, DAY - 1) + 1, self.period):
                yield m
                yield m + 1


_NEVER = _Time("range", 0, 0)
_ALWAYS = _Time("always")


@dataclass(frozen=True, slots=True)
class _Variable:
    """A time selector with a sun time (``sunrise-18:00``), resolved on each date.

    ``start`` and ``end`` are opening_hours.js's reading of the text, with the fixed
    stand-ins of the sun times (``end`` past 24:00 when the range runs past midnight);
    ``after`` is the part after midnight, evaluated on the next date.
    """

    start: int
    end: int
    start_sun: VariableTime | None
    end_sun: VariableTime | None
    open_end: bool
    period: int
    point: bool
    after: bool = False

    def on(self, minutes: Callable[[VariableTime], int]) -> _Time:
        """The selector on a date whose sun times ``minutes`` gives."""
        start = minutes(self.start_sun) if self.start_sun is not None else self.start
        if self.after:
            end = minutes(self.end_sun) if self.end_sun is not None else self.end - DAY
            if end > start:  # the sun times of that date leave no part after midnight
                return _NEVER
            if self.period:
                return _Time("until-points", 0, end, period=self.period)
            return _Time("until", 0, end, self.open_end)
        end = minutes(self.end_sun) if self.end_sun is not None else self.end
        wraps = self.end > DAY
        variable = wraps or (not self.open_end and not self.point and self.start_sun is not None)
        if variable and self.end_sun is not None and (end < start or (end == start and wraps)):
            end += DAY  # opening_hours.js; an empty range stays empty (polar night)
        elif self.point and not self.period:
            end = start + 1
        if self.period:
            return _Time("points", start, end, period=self.period)
        if variable and end > DAY:
            return _Time("from", start, end, self.open_end)
        return _Time("range", start, max(start, end), self.open_end)


def _guessed_end(start: int) -> int:
    if start >= 22 * 60:
        return start + 8 * 60
    if start >= 17 * 60:
        return start + 10 * 60
    return DAY


_Static = tuple[int, int, bool, bool, VariableTime | None, VariableTime | None]


def _static(
    span: TimeSpan, extended: int | bool, open_end_only: bool, starts: Sequence[int]
) -> _Static:
    """opening_hours.js's reading of a span from its text: start and end (past 24:00 when
    it runs past midnight), open end, point in time, and the sun times of its bounds.

    An open end is guessed to last until the next time the rule gives starts (``starts``:
    where its other spans start), or else as opening_hours.js guesses."""
    if open_end_only:
        assert span.end is not None
        start, start_sun, open_end = span.end, span.end_sun, True
    else:
        start, start_sun, open_end = span.start, span.start_sun, span.open_end and span.end is None
    end_sun = None
    if open_end:
        if extended == 1 and extended is not True:
            start += DAY
        end = min([_guessed_end(start), *(other for other in starts if other > start)])
        return start, end, True, False, start_sun, None
    if span.end is None:
        return start, start + 1, False, True, start_sun, None
    end, end_sun = span.end, span.end_sun
    if end < start or (end == start and start_sun is None and end_sun is None):
        end += DAY
    return start, end, False, False, start_sun, end_sun


def _compile_span(
    span: TimeSpan,
    extended: int | bool,
    open_end_only: bool,
    times: list[_Time | _Variable],
    wrap: list[_Time | _Variable],
    starts: Sequence[int] = (),
) -> None:
    """Append the selectors of one span (``open_end_only``: the open end after its range)."""
    start, end, open_end, point, start_sun, end_sun = _static(span, extended, open_end_only, starts)
    period = span.period or 0
    if start == 0 and end == DAY and not period:
        times.append(_ALWAYS)
    elif start_sun is not None or end_sun is not None:
        sun = _Variable(start, end, start_sun, end_sun, open_end, period, point)
        times.append(sun)
        if end > DAY:
            wrap.append(dataclasses.replace(sun, after=True))
    elif end > DAY:
        if period:
            times.append(_Time("points", start, end, period=period))
            wrap.append(_Time("until-points", 0, end - DAY, period=period))
        else:
            times.append(_Time("from", start, end, open_end))
            wrap.append(_Time("until", 0, end - DAY, open_end))
    elif period:
        times.append(_Time("points", start, end, period=period))
    else:
        times.append(_Time("range", start, end, open_end))


def _compile_times(
    spans: Sequence[TimeSpan],
    first: int,
    extended: int | bool,
    times: list[_Time | _Variable],
    wrap: list[_Time | _Variable],
    starts: Sequence[int],
) -> None:
    """The selectors of ``spans[first:]`` in opening_hours.js's order: a range followed by
    ``+`` first compiles its open end and the spans after it, then itself."""
    for i in range(first, len(spans)):
        span = spans[i]
        if span.open_end and span.end is not None:
            written_end = span.end
            inner: int | bool = 1 if written_end < span.start else True
            _compile_span(span, inner, True, times, wrap, starts)
            _compile_times(spans, i + 1, inner, times, wrap, starts)
            fixed = dataclasses.replace(span, open_end=False)
            _compile_span(fixed, extended, False, times, wrap, starts)
        else:
            _compile_span(span, extended, False, times, wrap, starts)


class _Internal(NamedTuple):
    """One internal rule: a parsed rule, or the after-midnight part of one (``wrapped``).

    A date matches it when its weekday is in ``days`` (a bit per weekday, Monday first:
    the rule's weekday ranges) and it matches some matcher of every group of ``groups``
    (one group per other kind of selector); ``dated`` says whether it has date selectors at
    all, ``holidays`` are its ``PH`` selectors; ``resets`` whether it discards the rules
    before it on the dates it applies (:func:`_resets`); ``plain`` whether the rule is
    :func:`_plain`.
    """

    rule: Rule
    days: int
    groups: tuple[tuple[Matcher, ...], ...]
    dated: bool
    holidays: tuple[Holiday, ...]
    times: tuple[_Time | _Variable, ...]
    wrapped: bool
    opens: bool
    unknown: bool
    additional: bool
    fallback: bool
    variable: bool
    resets: int
    plain: bool = False


RULES = 4096
"""Rules kept evaluated for the process: values share rules (``PH off``, ``Sa 09:00-12:00``)."""

_EVERY_DAY = 0b1111111


def internal_parts(rule: Rule) -> tuple[_Internal, ...]:
    """A rule as opening_hours.js evaluates it: itself, and its after-midnight part."""
    if _plain(rule):
        return (_plain_internal(rule),)
    return _parts(rule)


def _parts(rule: Rule) -> tuple[_Internal, ...]:
    """:func:`internal_parts` of any rule."""
    days = _EVERY_DAY
    weekdays: tuple[object, ...] = rule.weekdays
    if weekdays and all(isinstance(sel, WeekdayRange) for sel in weekdays):
        days = _weekday_bits(rule.weekdays)  # type: ignore[arg-type]
        weekdays = ()
    kinds = (rule.years, rule.holidays, rule.months, rule.monthdays, rule.weeks, weekdays)
    groups = tuple(_matchers(group) for group in kinds if group)
    dated = bool(groups) or days != _EVERY_DAY or bool(rule.weekdays)
    holidays = tuple(
        sel for group in (rule.holidays, rule.weekdays) for sel in group if isinstance(sel, Holiday)
    )
    times: list[_Time | _Variable] = []
    wrap: list[_Time | _Variable] = []
    starts = [span.start for span in rule.times if not (span.open_end and span.end is None)]
    _compile_times(rule.times, 0, False, times, wrap, starts)
    meaning = rule.meaning
    opens, unknown = meaning == "open", meaning == "unknown"
    variable = any(span.variable for span in rule.times)
    main = _Internal(
        rule,
        days,
        groups,
        dated,
        holidays,
        tuple(times),
        False,
        opens,
        unknown,
        rule.additional,
        rule.fallback,
        variable,
        _resets(dated, opens, unknown, rule.additional or rule.fallback),
    )
    if not wrap:
        return (main,)
    # the part after midnight of a fallback is a fallback too: it applies only where the
    # rules before it leave the place closed (``unknown || 22:00-01:20`` stays unknown)
    after = _Internal(
        rule,
        days,
        groups,
        dated,
        holidays,
        tuple(wrap),
        True,
        opens,
        unknown,
        False,
        rule.fallback,
        variable,
        NEVER,  # the part after midnight of a range adds to what the next date has
    )
    return (main, after)


def _plain(rule: Rule) -> bool:
    """Whether ``rule`` is weekdays (or none) and dates of months (``2025 Dec 24``, ``Dec
    24-26``), ranges within the day, a state: no other selector, no comment, no open end,
    no sun time, no range past midnight."""
    if rule.years or rule.holidays or rule.months or rule.weeks:
        return False
    if rule.comment is not None or rule.additional or rule.fallback:
        return False
    for sel in rule.weekdays:
        if type(sel) is not WeekdayRange:
            return False
    for span in rule.times:
        end = span.end
        if end is None or span.open_end or span.period or not span.start < end <= DAY:
            return False
        if span.start_sun is not None or span.end_sun is not None:
            return False
    return True


def _plain_internal(rule: Rule) -> _Internal:
    """:func:`internal_parts` of a :func:`_plain` rule (one part, ranges within the day), as
    :func:`_parts` makes it."""
    weekdays = cast("tuple[WeekdayRange, ...]", rule.weekdays)
    days = _weekday_bits(weekdays) if weekdays else _EVERY_DAY
    groups = (_matchers(rule.monthdays),) if rule.monthdays else ()
    times = tuple(
        [
            _ALWAYS
            if span.start == 0 and span.end == DAY
            else _Time("range", span.start, span.end or 0)
            for span in rule.times
        ]
    )
    meaning = rule.meaning
    dated = bool(groups) or days != _EVERY_DAY or bool(rule.weekdays)
    opens, unknown = meaning == "open", meaning == "unknown"
    return _Internal(
        rule,
        days,
        groups,
        dated,
        (),
        times,
        False,
        opens,
        unknown,
        False,
        False,
        False,
        _resets(dated, opens, unknown, False),
        True,
    )


NEVER, AFTER_UNDATED, ALWAYS = 0, 1, 2
"""Whether an internal rule discards the rules before it on the dates it applies: never,
when the rule before it has no date selectors, or always (:func:`_resets`)."""


def _resets(dated: bool, opens: bool, unknown: bool, added: bool) -> int:
    """Whether a normal rule (not ``added`` after ``,`` or ``||``) discards the rules before
    it on the dates it applies, as opening_hours.js does: when it opens (or is unknown) and
    has date selectors; when it opens and the rule before it has none."""
    if added or not (opens or unknown):
        return NEVER
    return ALWAYS if dated else AFTER_UNDATED if opens else NEVER


_BY_OBJECT: Kept[int, tuple[_Internal, ...]] = Kept(RULES)


def forget() -> None:
    """Forget the rules the process keeps evaluated."""
    _BY_OBJECT.forget()


def internal_rules(value: Value) -> tuple[_Internal, ...]:
    """The rules as opening_hours.js evaluates them, after-midnight parts included (those of
    the rules the process keeps found by the kept object: by identity, without hashing)."""
    out: list[_Internal] = []
    for rule, kept in zip(value.rules, value.canonical or (None,) * len(value.rules), strict=True):
        if kept is None:
            out.extend(internal_parts(rule))
            continue
        found = _BY_OBJECT.get(id(kept))
        if found is None or found[0].rule is not kept:  # (or the id of a rule now gone)
            found = internal_parts(kept)
            _BY_OBJECT.keep(id(kept), found)  # holding the rule: its id stays its own
        out.extend(found)
    return tuple(out)


# -- date selectors ---------------------------------------------------------------------------


def _js_date(year: int, month: int, day: int) -> dt.date:
    """``new Date(year, month - 1, day)``: days and months may overflow."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if 0 < day <= 28:  # a day every month has
        return dt.date(year, month, day)
    return dt.date(year, month, 1) + dt.timedelta(days=day - 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (negative: from the end) ``weekday`` of a month; it may fall outside."""
    first = _js_date(year, month + (0 if nth > 0 else 1), 1)
    first += dt.timedelta(days=(weekday - first.weekday()) % 7)
    return first + dt.timedelta(days=7 * (nth - 1 if nth > 0 else nth))


def _iso_week(day: dt.date) -> int:
    return day.isocalendar()[1]


@lru_cache(maxsize=8192)
def _point(p: DatePoint, year: int, is_end: bool) -> dt.date:
    """The date a point of a date range names in ``year`` (each computed once: a search
    asks for it on every date it evaluates)."""
    y = p.year if p.year is not None else year
    if p.kind == "easter":
        return easter(y) + dt.timedelta(days=p.offset)
    if p.kind == "nth":
        found = _nth_weekday(y, p.month, p.weekday, p.nth) + dt.timedelta(days=p.offset)
        return found + _ONE_DAY if is_end else found
    return _js_date(y, p.month, p.day + (1 if is_end else 0))


_ASSUMED = "?"
"""The name of a school holiday assumed on a date the data does not know."""


class Context:
    """What selectors need beside the date: public holidays (a year's table at hand), school
    holidays (``school``: their zones), and the place and zone of sun times.

    ``unsure`` is set when a school holiday was looked up on a date the data does not know;
    the lookup then answers ``assume``."""

    __slots__ = (
        "_names",
        "_year",
        "assume",
        "country",
        "language",
        "location",
        "school_zones",
        "subdivision",
        "unsure",
        "zone",
    )

    def __init__(
        self,
        country: str | None,
        subdivision: str | None,
        language: str,
        location: Location | None = None,
        zone: ZoneInfo | None = None,
        school_zones: tuple[str, ...] = (),
    ) -> None:
        self.country = country
        self.subdivision = subdivision
        self.language = language
        self.location = location
        self.zone = zone
        self.school_zones = school_zones
        self.unsure = self.assume = False
        self._year = 0
        self._names: dict[int, str] = {}

    def school(self, day: dt.date) -> str | None:
        """The name of the school holiday on ``day``, or None."""
        if self.country is None or not self.school_zones:
            return None
        name, known = school_holiday(
            self.country, self.school_zones, day.toordinal(), self.language
        )
        if not known:
            self.unsure = True
            return _ASSUMED if self.assume else None
        return name

    def sun(self, day: dt.date) -> Callable[[VariableTime], int]:
        """The minutes of each sun time (and its offset) on ``day``."""
        location, zone, ordinal = self.location, self.zone, day.toordinal()
        assert location is not None and zone is not None  # checked when the value is read
        return lambda time: sun_minutes(SunTime(time.event, time.offset), location, zone, ordinal)

    def holiday(self, day: dt.date) -> str | None:
        if self.country is None:
            return None
        if day.year != self._year:
            self._names = holiday_ordinals(self.country, self.subdivision, day.year, self.language)
            self._year = day.year
        return self._names.get(day.toordinal())


# -- one matcher per kind of selector -----------------------------------------------------------


def _weekday_bits(selectors: Sequence[WeekdayRange]) -> int:
    """The weekdays of ranges (``Su-Tu`` wraps) as bits, Monday the lowest."""
    bits = 0
    for sel in selectors:
        wd = sel.start
        bits |= 1 << wd
        while wd != sel.end:
            wd = (wd + 1) % 7
            bits |= 1 << wd
    return bits


def _weekdays(selectors: Sequence[WeekdayRange]) -> Matcher:
    bits = _weekday_bits(selectors)
    return lambda day, ctx: bool(bits >> day.weekday() & 1)


def _months(selectors: Sequence[MonthRange]) -> Matcher:
    months = frozenset(
        m
        for sel in selectors
        for m in range(1, 13)
        if (sel.start <= m <= sel.end if sel.start <= sel.end else m >= sel.start or m <= sel.end)
    )
    return lambda day, ctx: day.month in months


def _holiday(sel: Holiday) -> Matcher:
    if sel.kind == "SH":
        return lambda day, ctx: ctx.school(day) is not None
    offset = dt.timedelta(days=sel.offset)
    return lambda day, ctx: ctx.holiday(day - offset) is not None


@lru_cache(maxsize=4096)
def _nth_dates(
    weekday: int, nths: tuple[int, ...], offset: int, year: int, month: int
) -> frozenset[dt.date]:
    """The dates a constrained weekday (``Sa[1,-1] +1 day``) names from the months around
    ``year``-``month``, each computed once: a search asks about every date it walks."""
    out = set()
    for nth in nths:
        for delta in (-1, 0, 1):
            target = _nth_weekday(year, month + delta, weekday, nth)
            own = _js_date(year, month + delta, 1)
            if (target.year, target.month) == (own.year, own.month):
                out.add(target + dt.timedelta(days=offset))
    return frozenset(out)


def _nth_weekday_matcher(sel: NthWeekday) -> Matcher:
    weekday, nths, offset = sel.weekday, sel.nths, sel.offset
    return lambda day, ctx: day in _nth_dates(weekday, nths, offset, day.year, day.month)


def _monthdays(sel: MonthDays) -> Matcher:
    def bounds(y: int) -> tuple[dt.date, dt.date] | None:
        """The dates ``[start, end)`` of the selector in year ``y``; None for none."""
        start = _js_date(y, sel.month, sel.first)
        if sel.month == 2 and start.day != sel.first:
            return None
        end = _js_date(y, sel.month, sel.last + 1)
        if sel.month == 2 and sel.is_range and end.day != sel.last + 1:
            return None
        return start, end

    if sel.year is not None and not sel.period:  # one span of dates: computed once
        fixed = bounds(sel.year)
        if fixed is None:
            return lambda day, ctx: False
        first, end = fixed
        return lambda day, ctx: first <= day < end

    def match(day: dt.date, ctx: Context) -> bool:
        found = bounds(sel.year if sel.year is not None else day.year)
        if found is None or not found[0] <= day < found[1]:
            return False
        return not sel.period or (day - found[0]).days % sel.period == 0

    return match


def _date_span(sel: DateSpan) -> Matcher:
    def match(day: dt.date, ctx: Context) -> bool:
        return _in_span(sel, day, day.year) or (
            # a span that runs into the next year (Dec 20-Dec Su[-1] +4 days) is still
            # on in January, where opening_hours.js's walk keeps it until its end
            sel.start.year is None and _in_span(sel, day, day.year - 1, only_inside=True)
        )

    return match


def _easter(sel: Easter) -> Matcher:
    def match(day: dt.date, ctx: Context) -> bool:
        y = sel.year if sel.year is not None else day.year
        event = easter(y) + dt.timedelta(days=sel.offset)
        return day >= event and (day.month, day.day) == (event.month, event.day)

    return match


def _years(sel: YearRange) -> Matcher:
    def match(day: dt.date, ctx: Context) -> bool:
        y = day.year
        if y < sel.start:
            return False
        if sel.period is not None or sel.plus:
            if sel.end is not None and y > sel.end:
                return False
            return (y - sel.start) % (sel.period or 1) == 0
        if sel.end is not None:
            return y <= sel.end
        return y == sel.start

    return match


def _weeks(sel: WeekRange) -> Matcher:
    if sel.start == 1 and sel.end == 53 and not sel.period:
        return lambda day, ctx: True

    def match(day: dt.date, ctx: Context) -> bool:
        week = _iso_week(day)
        if not sel.start <= week <= sel.end:
            return False
        return not sel.period or (week - sel.start) % sel.period == 0

    return match


_MATCHERS: dict[type, Callable[[object], Matcher]] = {
    Holiday: _holiday,  # type: ignore[dict-item]
    NthWeekday: _nth_weekday_matcher,  # type: ignore[dict-item]
    MonthDays: _monthdays,  # type: ignore[dict-item]
    DateSpan: _date_span,  # type: ignore[dict-item]
    Easter: _easter,  # type: ignore[dict-item]
    YearRange: _years,  # type: ignore[dict-item]
    WeekRange: _weeks,  # type: ignore[dict-item]
}


def _matchers(selectors: Sequence[object]) -> tuple[Matcher, ...]:
    """The matchers of one kind of selector: weekday and month ranges as one set each."""
    weekdays: list[WeekdayRange] = []
    months: list[MonthRange] = []
    out: list[Matcher] = []
    for sel in selectors:  # one pass (a value never seen builds them for its first question)
        if isinstance(sel, WeekdayRange):
            weekdays.append(sel)
        elif isinstance(sel, MonthRange):
            months.append(sel)
        elif type(sel) in _MATCHERS:
            out.append(_MATCHERS[type(sel)](sel))
    if weekdays:
        out.insert(0, _weekdays(weekdays))
    if months:
        out.insert(0, _months(months))
    return tuple(out)


def _in_span(sel: DateSpan, day: dt.date, year: int, only_inside: bool = False) -> bool:
    start = _point(sel.start, year, False)
    end = _point(sel.end, year, sel.end.kind != "easter")
    if end < start:
        return False if only_inside else not end <= day < start
    return start <= day < end


def _date_matches(rule: _Internal, day: dt.date, ctx: Context) -> bool:
    if rule.wrapped:
        day -= _ONE_DAY
    if not rule.days >> day.weekday() & 1:
        return False
    for group in rule.groups:
        for match in group:
            if match(day, ctx):
                break
        else:
            return False
    return True


def _holiday_name(rule: _Internal, day: dt.date, ctx: Context) -> str | None:
    if rule.wrapped:
        day -= _ONE_DAY
    for sel in rule.holidays:
        if sel.kind == "SH":
            name = ctx.school(day)
        else:
            name = ctx.holiday(day - dt.timedelta(days=sel.offset))
        if name is not None:
            return name
    return None


# -- one date ---------------------------------------------------------------------------------


def _active(rules: Sequence[_Internal], day: dt.date, ctx: Context) -> tuple[_Internal, ...]:
    """The rules that apply on ``day``, after the overriding of normal rules."""
    return applying((rule, _date_matches(rule, day, ctx)) for rule in rules)


def applying(rules: Iterable[tuple[_Internal, bool]]) -> tuple[_Internal, ...]:
    """The rules that apply on a date, of ``rules`` each with whether it matches the date:
    those that match, but a rule that discards the rules before it (its ``resets``) does."""
    active: list[_Internal] = []
    undated = False  # whether the rule before has no date selectors (the first has none)
    for rule, matches in rules:
        if matches:
            resets = rule.resets
            if resets == ALWAYS or (resets == AFTER_UNDATED and undated):
                active.clear()
            active.append(rule)
        undated = not rule.dated
    return tuple(active)


def matches(rule: _Internal, day: dt.date, ctx: Context) -> bool | None:
    """Whether ``rule`` matches ``day``; None for a rule naming school holidays, whose
    match depends on what the data knows of the date (see :func:`day_plan`)."""
    if any(sel.kind == "SH" for sel in rule.holidays):
        return None
    return _date_matches(rule, day, ctx)


Selected = tuple[_Internal, tuple[_Time, ...]]
"""A rule that applies on a date, and its time selectors on that date."""


def _times_on(rule: _Internal, day: dt.date, ctx: Context) -> tuple[_Time, ...]:
    """The time selectors of ``rule`` on ``day`` (sun times resolved)."""
    if not rule.variable:
        return rule.times  # type: ignore[return-value]
    minutes = ctx.sun(day)
    return tuple(t.on(minutes) if isinstance(t, _Variable) else t for t in rule.times)


def _hit(times: Sequence[_Time], m: int) -> int:
    """How a rule's times match minute ``m``: 0 not at all, 1 only by a guessed open end,
    2 by a time it gives (a rule without times matches all day). A time it gives wins
    over an open end of the same rule, whatever their order."""
    if not times:
        return 2
    found = 0
    for sel in times:
        if sel.match(m):
            if not sel.open_end:
                return 2
            found = 1
    return found


TABLE = 8
"""Time selectors of a rule from which its matches are tabulated once per plan (a minute's
match is then read, not computed selector by selector: 720 spans cost 720 slices, not 720
times the 1,440 edges of the day)."""


def _minutes(sel: _Time) -> Iterator[tuple[int, int]]:
    """The runs ``[a, b)`` of the minutes of a date that ``sel`` matches."""
    kind = sel.kind
    if kind in ("range", "from", "until", "always"):
        lo = sel.start if kind in ("range", "from") else 0
        hi = sel.end if kind in ("range", "until") else DAY
        if lo < min(hi, DAY):
            yield max(lo, 0), min(hi, DAY)
    else:
        first = sel.start if kind == "points" else 0
        for m in range(first, min(sel.end, DAY - 1) + 1, sel.period):
            yield m, m + 1


def _table(times: Sequence[_Time]) -> bytes:
    """``_hit(times, m)`` for every minute ``m`` of a date."""
    table = bytearray(DAY)
    for level in (1, 2):  # open ends first: a time given wins over them
        fill = bytes([level]) * DAY
        for sel in times:
            if (level == 1) == sel.open_end:
                for a, b in _minutes(sel):
                    table[a:b] = fill[: b - a]
    return bytes(table)


Hits = Callable[[int], int]
"""How a rule's times match a minute (see :func:`_hit`)."""


def _hits(times: Sequence[_Time]) -> Hits:
    """:func:`_hit` for one rule's times, tabulated when it has many."""
    if len(times) > TABLE:
        return _table(times).__getitem__
    return lambda m: _hit(times, m)


def _state(
    active: Sequence[Selected],
    m: int,
    day: dt.date,
    ctx: Context,
    hits: Sequence[Hits] | None = None,
) -> tuple[int, str | None]:
    """(0 closed, 1 unknown, 2 open; comment) at minute ``m`` of a date: later rules win
    where they match, a fallback only where the state so far is closed."""
    if hits is None:
        hits = [_hits(times) for _, times in active]
    opened = unknown = False
    match: _Internal | None = None
    guessed = False
    for k, (rule, _) in enumerate(active):
        hit = hits[k](m)
        if k + 1 < len(active) and active[k + 1][0].rule is rule.rule:
            continue  # the parts of one rule (before and after midnight) count as one
        if k and active[k - 1][0].rule is rule.rule:
            hit = max(hit, hits[k - 1](m))
        if not hit or (rule.fallback and (opened or unknown)):
            continue
        opened, unknown, match = rule.opens, rule.unknown, rule
        guessed = hit == 1 and (opened or unknown)
        if guessed:
            opened, unknown = False, True
    state = 2 if opened else 1 if unknown else 0
    return state, _comment(match, guessed, day, ctx)


def _comment(match: _Internal | None, guessed: bool, day: dt.date, ctx: Context) -> str | None:
    """The comment of the state a rule gives: its own, the open end's, or the holiday's."""
    if match is None:
        return None
    if match.rule.comment is not None:
        return match.rule.comment
    if guessed:
        return OPEN_END
    return _holiday_name(match, day, ctx)


def evaluate_day(active: Sequence[Selected], day: dt.date, ctx: Context) -> Plan:
    """The plan of ``day`` under its ``active`` rules: open and unknown slots, with their
    comments."""
    if len(active) == 1 and active[0][0].plain:
        return _plain_day(active[0][0])
    return _walk_day(active, day, ctx)


def _walk_day(active: Sequence[Selected], day: dt.date, ctx: Context) -> Plan:
    """:func:`evaluate_day` under any rules: the state at each minute where one may change."""
    edges = {0}
    for _, times in active:
        for sel in times:
            edges.update(e for e in sel.edges() if 0 < e < DAY)
    spans: list[tuple[int, int, None]] = []
    unknowns: list[bool] = []
    comments: list[str | None] = []
    label: str | None = None
    current: tuple[int, str | None] | None = None
    begin = 0
    hits = [_hits(times) for _, times in active]
    for m in [*sorted(edges), DAY]:
        state = _state(active, m, day, ctx, hits) if m < DAY else None
        if state is not None and label is None and state[1] is not None:
            label = state[1]
        if state != current:
            if current is not None and current[0]:
                spans.append((begin, m, None))
                unknowns.append(current[0] == 1)
                comments.append(current[1])
            current, begin = state, m
    return Plan(tuple(spans), "osm", label, None, False, tuple(comments), tuple(unknowns))


def _plain_day(rule: _Internal) -> Plan:
    """:func:`evaluate_day` when one :func:`_plain` rule applies: its ranges, joined where
    they touch or overlap (open, or unknown), or nothing (closed)."""
    if not (rule.opens or rule.unknown):
        return Plan((), "osm", None, None, False, (), ())
    spans: list[tuple[int, int, None]] = []
    times = cast("tuple[_Time, ...]", rule.times) or (_ALWAYS,)
    for sel in sorted(times):  # by start (``always`` starts at 0, before any range)
        if spans and sel.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], sel.end), None)
        else:
            spans.append((sel.start, sel.end, None))
    n = len(spans)
    return _plan(tuple(spans), "osm", None, None, False, (None,) * n, (rule.unknown,) * n)


_plan = maker(Plan)  # Plan(spans, rule, label, source, unknown, labels, unknowns), built quickly


SOURCE_PLANS = 256
"""Plans a source keeps, one per set of rules that apply on a date (with their sun times and
the names of the holidays they name): a year holds a few, each computed once."""


def plan_of(
    active: tuple[_Internal, ...],
    day: dt.date,
    ctx: Context,
    memo: dict[tuple[object, ...], Plan] | None,
    bound: int = SOURCE_PLANS,
) -> Plan:
    """The plan of ``day`` under ``active`` rules, computed once per set of rules (and of
    their sun times and the names of the holidays they name) in ``memo`` (emptied when it
    holds ``bound``): the rules of its holder, alive with it (their ids stay theirs);
    without ``memo``, computed for one question (neither kept nor interned)."""
    if memo is None:
        return evaluate_day(_selected(active, day, ctx), day, ctx)
    key: tuple[object, ...] = tuple(map(id, active))
    selected = None
    for rule in active:
        if rule.variable:
            selected = _selected(active, day, ctx)
            key += tuple(times for rule, times in selected if rule.variable)
            break
    for rule in active:
        if rule.holidays:
            key += tuple(_holiday_name(rule, day, ctx) for rule in active)
            break
    found = memo.get(key)
    if found is None:
        found = intern(evaluate_day(selected or _selected(active, day, ctx), day, ctx))
        if len(memo) >= bound:
            memo.clear()
        memo[key] = found
    return found


def _selected(active: tuple[_Internal, ...], day: dt.date, ctx: Context) -> tuple[Selected, ...]:
    return tuple((rule, _times_on(rule, day, ctx)) for rule in active)


def day_plan(
    rules: Sequence[_Internal],
    day: dt.date,
    ctx: Context,
    memo: dict[tuple[object, ...], Plan] | None,
    bound: int = SOURCE_PLANS,
) -> Plan:
    """The plan of ``day`` under ``rules``, through ``memo`` as :func:`plan_of` keeps
    them: what a source gives for a date."""
    ctx.unsure = False
    plan = plan_of(_active(rules, day, ctx), day, ctx, memo, bound)
    if not ctx.unsure:
        return plan
    # a date whose school holidays the data does not know: the same plan when it would
    # be one (``plan`` says it is not), else unknown all day
    ctx.assume = True
    try:
        other = plan_of(_active(rules, day, ctx), day, ctx, memo, bound)
    finally:
        ctx.assume = False
    if (other.spans, other.unknowns) == (plan.spans, plan.unknowns):
        return plan
    return Plan(((0, DAY, None),), "osm", unknown_label(ctx.language), None, True)


class OSMSource:
    """The day plans of an ``opening_hours`` value (a DaySource for :class:`Schedule`);
    ``location`` and ``zone`` place its sun times."""

    __slots__ = ("_plans", "_rules", "context", "value")

    def __init__(
        self,
        value: Value,
        country: str | None,
        subdivision: str | None,
        language: str,
        location: Location | None = None,
        zone: str | None = None,
        school_zones: tuple[str, ...] = (),
    ) -> None:
        self.value = value
        where = ZoneInfo(zone) if zone is not None else None
        self.context = Context(country, subdivision, language, location, where, school_zones)
        self._rules: tuple[_Internal, ...] | None = None
        self._plans: dict[tuple[object, ...], Plan] = {}

    @property
    def admission(self) -> Admission | None:
        """OpenStreetMap has no admission cutoff: the desk admits until closing."""
        return None

    @property
    def reach(self) -> int:
        """A date's plan ends by its midnight (the part past it is the next date's)."""
        return 1

    def plans(self, first: int, count: int) -> list[Plan]:
        """The plans of ``count`` dates from the ordinal ``first`` on (a DaySource)."""
        return [self._plan(ordinal, self._plans) for ordinal in range(first, first + count)]

    def plan(self, ordinal: int) -> Plan:
        """The plan of one date, for one question: neither kept nor shared (a DaySource)."""
        return self._plan(ordinal, None)

    def _plan(self, ordinal: int, memo: dict[tuple[object, ...], Plan] | None) -> Plan:
        rules = self._rules
        if rules is None:  # not at parse time: a schedule never asked about costs nothing
            rules = self._rules = internal_rules(self.value)
        return day_plan(rules, dt.date.fromordinal(ordinal), self.context, memo)

    def __getstate__(self) -> dict[str, object]:
        ctx = self.context
        return {
            "value": self.value,
            "country": ctx.country,
            "subdivision": ctx.subdivision,
            "language": ctx.language,
            "location": ctx.location,
            "zone": None if ctx.zone is None else ctx.zone.key,
            "school_zones": ctx.school_zones,
        }

    def _key(self) -> tuple[object, ...]:
        return tuple(self.__getstate__().values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OSMSource) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(**state)  # type: ignore[misc]
