"""The syntax tree of an ``opening_hours`` value: immutable, hashable, with columns.

A value is a tuple of :class:`Rule`. Each rule holds its selectors by kind, in the order
they were written; selectors of one kind are alternatives (``Mo,We``), kinds are combined
(``Jan Mo`` is a Monday in January). Weekdays are 0 (Mo) to 6 (Su), months 1 to 12, times
minutes after midnight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

from .._frozen import maker, quick_init

__all__ = [
    "WEEKDAY_RANGES",
    "DatePoint",
    "DateSpan",
    "Easter",
    "Holiday",
    "MonthDays",
    "MonthRange",
    "MonthdaySelector",
    "NthWeekday",
    "ParseMode",
    "Rule",
    "State",
    "TimeSpan",
    "Value",
    "VariableTime",
    "WeekRange",
    "WeekdayRange",
    "WeekdaySelector",
    "YearRange",
    "make_rule",
    "make_span",
    "make_value",
]

State = Literal["open", "closed", "unknown"]
"""A rule modifier (``off`` is read as ``closed``)."""


class ParseMode(IntEnum):
    """What times mean: ranges (``opening_hours``), points in time (``collection_times``:
    ``12:00``, ``10:00-16:00/90``) or both; opening_hours.js's modes 0, 1 and 2."""

    RANGES = 0
    POINTS = 1
    BOTH = 2


SunEvent = Literal["dawn", "sunrise", "sunset", "dusk"]

DEFAULT_MINUTES: dict[str, int] = {"dawn": 330, "sunrise": 360, "sunset": 1080, "dusk": 1110}
"""The fixed times opening_hours.js gives the sun times (05:30, 06:00, 18:00, 18:30) to read
a range from its text alone: whether it runs past midnight, where an open end stops."""


@quick_init
@dataclass(frozen=True, slots=True)
class VariableTime:
    """``sunrise``, ``(sunset-01:00)``: a sun time and an offset in minutes."""

    event: SunEvent
    offset: int = 0

    @property
    def minutes(self) -> int:
        """The fixed time that stands for it in the text (see :data:`DEFAULT_MINUTES`)."""
        return DEFAULT_MINUTES[self.event] + self.offset

    def __str__(self) -> str:
        if not self.offset:
            return self.event
        sign, rest = "+" if self.offset > 0 else "-", abs(self.offset)
        return f"({self.event}{sign}{rest // 60:02d}:{rest % 60:02d})"


@quick_init
@dataclass(frozen=True, slots=True)
class TimeSpan:
    """``08:30-12:30`` (``end`` as written, may be smaller: ``22:00-02:00``), ``18:00+``
    (``end`` None, ``open_end``), ``12:00-18:00+`` (both), a point ``12:00`` (``end`` None)
    or points ``10:00-16:00/90`` (``period`` in minutes).

    A bound may be a sun time (``sunrise-(sunset-01:00)``): ``start_sun``/``end_sun`` name
    it, and ``start``/``end`` hold its fixed stand-in (:attr:`VariableTime.minutes`)."""

    start: int
    end: int | None = None
    open_end: bool = False
    period: int | None = None
    column: int = field(default=0, compare=False)
    start_sun: VariableTime | None = None
    end_sun: VariableTime | None = None

    @property
    def variable(self) -> bool:
        """Whether a bound is a sun time."""
        return self.start_sun is not None or self.end_sun is not None


@quick_init
@dataclass(frozen=True, slots=True)
class YearRange:
    """``2025``, ``2020-2029/3``, ``2025+`` (``plus``), ``2055/2``."""

    start: int
    end: int | None = None
    period: int | None = None
    plus: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class WeekRange:
    """ISO weeks ``week 02-52/2``."""

    start: int
    end: int
    period: int | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class MonthRange:
    """``Jan``, ``Nov-Feb`` (wraps the year end)."""

    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class MonthDays:
    """``Dec 24``, ``Jan 26-31``, ``Jan 01-31/8``, with an optional year."""

    year: int | None
    month: int
    first: int
    last: int
    period: int | None = None
    is_range: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class DatePoint:
    """One end of a date span: ``Dec 25``, ``easter -2 days``, ``Mar Su[-1] -1 day``."""

    kind: Literal["date", "easter", "nth"]
    year: int | None = None
    month: int = 1
    day: int = 1
    weekday: int = 0
    nth: int = 0
    offset: int = 0


@quick_init
@dataclass(frozen=True, slots=True)
class DateSpan:
    """``Dec 25-easter``, ``2013 Dec 31-2014 Jan 02``: from ``start`` to ``end`` included
    (an ``easter`` end is excluded, as in opening_hours.js)."""

    start: DatePoint
    end: DatePoint


@quick_init
@dataclass(frozen=True, slots=True)
class Easter:
    """``easter``, ``easter +1 day``, ``2025 easter``."""

    year: int | None = None
    offset: int = 0


MonthdaySelector = MonthRange | MonthDays | DateSpan | Easter


@quick_init
@dataclass(frozen=True, slots=True)
class WeekdayRange:
    """``Mo-Fr``, ``Fr-Mo`` (wraps), ``Su``."""

    start: int
    end: int


WEEKDAY_RANGES = {(a, b): WeekdayRange(a, b) for a in range(7) for b in range(7)}
"""Every weekday range, made once: the values of a process share them."""


@quick_init
@dataclass(frozen=True, slots=True)
class NthWeekday:
    """``Sa[1]``, ``We[2,4]``, ``Th[-1] +2 days``."""

    weekday: int
    nths: tuple[int, ...]
    offset: int = 0


@quick_init
@dataclass(frozen=True, slots=True)
class Holiday:
    """``PH``, ``PH +1 day`` (public holidays), ``SH`` (school holidays, without offset)."""

    offset: int = 0
    kind: Literal["PH", "SH"] = "PH"


WeekdaySelector = WeekdayRange | NthWeekday | Holiday


@quick_init
@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: selectors, a state and a comment.

    ``additional`` (written after ``,``) and ``fallback`` (after ``||``) say how it joins
    the rules before it. ``state`` None means open (or unknown when there is a comment).
    ``months`` may hold month-days and ``monthdays`` months: a comma list keeps the
    kind of its first item, as opening_hours.js does.
    """

    years: tuple[YearRange, ...] = ()
    holidays: tuple[Holiday, ...] = ()
    months: tuple[MonthdaySelector, ...] = ()
    monthdays: tuple[MonthdaySelector, ...] = ()
    weeks: tuple[WeekRange, ...] = ()
    weekdays: tuple[WeekdaySelector, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    state: State | None = None
    comment: str | None = None
    additional: bool = False
    fallback: bool = False
    always: bool = False
    column: int = field(default=0, compare=False)

    @property
    def meaning(self) -> State:
        """What the rule says where it applies: open, closed or unknown."""
        if self.state is not None:
            return self.state
        return "unknown" if self.comment is not None else "open"

    @property
    def has_dates(self) -> bool:
        """True when any date selector (year to weekday) is given."""
        return bool(
            self.years
            or self.holidays
            or self.months
            or self.monthdays
            or self.weeks
            or self.weekdays
        )


@quick_init
@dataclass(frozen=True, slots=True)
class Value:
    """A parsed ``opening_hours`` value: its rules, in order, and its evaluation mode."""

    rules: tuple[Rule, ...]
    mode: ParseMode = ParseMode.RANGES
    text: str = field(default="", compare=False)
    canonical: tuple[Rule | None, ...] = field(default=(), compare=False, repr=False)
    """For each rule, the same rule as the object the process keeps for every value that
    has it (read often enough to be kept), or None: what the evaluator keys on."""


make_rule = maker(Rule)
"""``Rule(...)`` from all its fields in order, built quickly (the quick reader, moved rules)."""
make_span = maker(TimeSpan)
"""``TimeSpan(...)`` from its fields in order, built quickly."""
make_value = maker(Value)
"""``Value(...)`` from its fields in order, built quickly."""
