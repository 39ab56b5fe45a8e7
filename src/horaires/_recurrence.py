"""Recurring dates from RFC 5545 RRULE text (docs/configuration.md#exceptions).

The text is parsed into a typed, validated :class:`RRule`; a :class:`Recurrence` gives its
dates between bounds. Dates are computed one year at a time, as a bit mask of the days of
that year, from the periods of the rule (its years, months, weeks or days, one in every
``INTERVAL``) that meet the year: a year centuries after the rule's start costs what the next
year costs, and a year whose calendar and place in the interval were seen before costs a
dictionary lookup. So every question is answered with bounded work (:data:`STEP_BUDGET`),
whatever the rule.

The dates are those of ``dateutil.rrule`` from the same start, except where dateutil departs
from RFC 5545: ``BYDAY=MO,1FR`` is every Monday and the first Friday (dateutil keeps the days
that are both), and week numbers 52, 53 and their negatives follow the ISO rule of RFC 5545
at the turn of a year.

>>> first_saturdays = Recurrence("FREQ=MONTHLY;BYDAY=1SA")
>>> first_saturdays.between(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
[datetime.date(2025, 1, 4), datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)]
>>> first_saturdays.next_on_or_after(dt.date(2025, 1, 5), dt.date(2025, 12, 31))
datetime.date(2025, 2, 1)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple, cast, get_args

from ._errors import HorairesError

__all__ = [
    "COMPARISON_DAYS",
    "CONFLICT_BUDGET",
    "DEFAULT_START",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_CONFLICTS",
    "MAX_COUNT",
    "MAX_INTERVAL",
    "SPAN_DAYS",
    "STEP_BUDGET",
    "ByDay",
    "Frequency",
    "RRule",
    "Recurrence",
    "check_rrule",
    "dates_of",
    "year_bits",
]

# -- limits (docs/configuration.md#limits-of-dated-rules) -----------------------------------

FIRST_YEAR, LAST_YEAR = 2, 9997
"""The supported years: a recurrence starts in them and its dates are sought in them."""

DEFAULT_START = dt.date(2000, 1, 1)
"""The first date of a recurrence that gives no ``start`` (matters for INTERVAL and COUNT)."""

MAX_INTERVAL = 1000
"""The largest ``INTERVAL`` of a rule (a thousand days, weeks, months or years)."""

MAX_COUNT = 100_000
"""The largest ``COUNT`` of a rule (more dates than a daily rule has in 270 years)."""

STEP_BUDGET = 2_000_000
"""Steps (years visited, candidate days examined) one question about a recurrence may take.

Searching all the supported years takes a rule some ten to twenty thousand steps (a year
whose calendar and place in the interval were seen before is one step); only a rule with
hundreds of values in its BY parts could come near the budget. It is a guard: running out
of it is an error, never a silent answer."""

SPAN_DAYS = 4 * 365
"""An unbounded recurrence's span counts its dates in these days from its start
(docs/configuration.md#precedence)."""

COMPARISON_DAYS = 8 * 366
"""Two unbounded recurrences of one level are compared over these days from the later start
(docs/configuration.md#precedence)."""

MAX_CONFLICTS = 20
"""Conflicting dated rules reported one by one at load time; one more issue counts the rest."""

CONFLICT_BUDGET = 250_000
"""Rule-years the load-time conflict check may visit before it gives up with an error."""

# -----------------------------------------------------------------------------------------

Frequency = Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
"""How often a rule's period comes back (exceptions recur on dates: no finer frequency)."""

_FREQUENCIES: tuple[str, ...] = get_args(Frequency)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_OTHER_LINES = ("DTSTART", "EXRULE", "RDATE", "EXDATE")
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_PARTS = (
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
    "BYEASTER",
    "WKST",
)
_NUMBER = re.compile(r"[+-]?\d{1,6}")
_WHOLE = re.compile(r"\d{1,9}")
_BYDAY_ITEM = re.compile(r"([+-]?\d{1,6})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?")
_EASTER_RANGE = (-80, 250)  # Easter is from 22 March to 25 April: the date stays in its year
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # the most each month has


class ByDay(NamedTuple):
    """One ``BYDAY`` value: a weekday (0 = Monday) and its position ``n`` in the month or
    the year (``1SA``: first Saturday, ``-1FR``: last Friday; 0: every such weekday).

    >>> str(ByDay(5, 1)), str(ByDay(0))
    ('1SA', 'MO')
    """

    weekday: int
    n: int = 0

    def __str__(self) -> str:
        return f"{self.n or ''}{_WEEKDAYS[self.weekday]}"


def _quote(text: str) -> str:
    """``text`` quoted for a message, long values shortened."""
    return repr(text if len(text) <= 120 else text[:117] + "...")


@dataclass(frozen=True, slots=True)
class RRule:
    """An RFC 5545 recurrence rule on dates, validated field by field.

    Lists are kept sorted, without repeats. ``str()`` gives the rule back as RRULE text.

    >>> rule = RRule.parse("RRULE:FREQ=MONTHLY;BYDAY=1SA")
    >>> rule.freq, rule.byday
    ('MONTHLY', (ByDay(weekday=5, n=1),))
    >>> str(RRule("YEARLY", bymonth=(12,), bymonthday=(25, 24)))
    'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24,25'
    >>> RRule("WEEKLY", bymonthday=(1,))
    Traceback (most recent call last):
    ...
    horaires._errors.HorairesError: BYMONTHDAY is not allowed with FREQ=WEEKLY (RFC 5545)
    """

    freq: Frequency
    interval: int = 1
    count: int | None = None
    until: dt.date | None = None
    bymonth: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    byyearday: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byday: tuple[ByDay, ...] = ()
    bysetpos: tuple[int, ...] = ()
    byeaster: tuple[int, ...] = ()
    wkst: int = 0

    def __post_init__(self) -> None:
        for name in ("bymonth", "byweekno", "byyearday", "bymonthday", "bysetpos", "byeaster"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))
        days = sorted({ByDay(*item) for item in self.byday}, key=lambda b: (b.weekday, b.n))
        object.__setattr__(self, "byday", tuple(days))
        problem = self._problem()
        if problem is not None:
            raise HorairesError(problem)

    def _problem(self) -> str | None:
        """What is wrong with the rule, or None."""
        freq = self.freq
        if freq not in _FREQUENCIES:
            return f"FREQ={freq} is not a frequency of dates: use DAILY, WEEKLY, MONTHLY or YEARLY"
        if not 1 <= self.interval <= MAX_INTERVAL:
            return f"INTERVAL={self.interval} is not from 1 to {MAX_INTERVAL}"
        if self.count is not None and not 1 <= self.count <= MAX_COUNT:
            return f"COUNT={self.count} is not from 1 to {MAX_COUNT}"
        if self.count is not None and self.until is not None:
            return "COUNT and UNTIL cannot both be given (RFC 5545)"
        in_month = freq == "MONTHLY" or (freq == "YEARLY" and bool(self.bymonth))
        ranges = (
            ("BYMONTH", self.bymonth, 1, 12, False),
            ("BYWEEKNO", self.byweekno, 1, 53, True),
            ("BYYEARDAY", self.byyearday, 1, 366, True),
            ("BYMONTHDAY", self.bymonthday, 1, 31, True),
            ("BYSETPOS", self.bysetpos, 1, 366, True),
            (
                "BYDAY position",
                tuple(b.n for b in self.byday if b.n),
                1,
                5 if in_month else 53,
                True,
            ),
        )
        for name, values, low, high, signed in ranges:
            for value in values:
                if not low <= abs(value) <= high or (value < 0 and not signed):
                    span = f"from {low} to {high}" + (f" or -{high} to -{low}" if signed else "")
                    where = " in a month" if name == "BYDAY position" and in_month else ""
                    return f"{name} {value} is not {span}{where}"
        if any(not 0 <= b.weekday <= 6 for b in self.byday) or not 0 <= self.wkst <= 6:
            return "a weekday is not from 0 (Monday) to 6 (Sunday)"
        low, high = _EASTER_RANGE
        for value in self.byeaster:
            if not low <= value <= high:
                return f"BYEASTER {value} is not from {low} to {high} days from Easter"
        only_yearly = (("BYWEEKNO", self.byweekno), ("BYYEARDAY", self.byyearday))
        for name, values in (*only_yearly, ("BYEASTER", self.byeaster)):
            if values and freq != "YEARLY":
                return f"{name} is only allowed with FREQ=YEARLY" + (
                    "" if name == "BYEASTER" else " (RFC 5545)"
                )
        if self.bymonthday and freq == "WEEKLY":
            return "BYMONTHDAY is not allowed with FREQ=WEEKLY (RFC 5545)"
        if any(b.n for b in self.byday) and (freq in ("DAILY", "WEEKLY") or self.byweekno):
            return (
                "a BYDAY position (1SA, -1FR) is only allowed with FREQ=MONTHLY or YEARLY, "
                "without BYWEEKNO (RFC 5545)"
            )
        others = (self.bymonth, self.byweekno, self.byyearday, self.bymonthday, self.byday)
        if self.bysetpos and not any(others) and not self.byeaster:
            return "BYSETPOS needs another BY part to choose from (RFC 5545)"
        return None

    @classmethod
    def parse(cls, text: str) -> RRule:
        """The rule of RRULE text: ``FREQ=...`` parts, optionally after ``RRULE:``, one line.

        >>> RRule.parse("freq=weekly;interval=2;byday=mo,we").interval
        2
        >>> RRule.parse("FREQ=DAILY;INTERVAL=0")
        Traceback (most recent call last):
        ...
        horaires._errors.HorairesError: invalid RRULE 'FREQ=DAILY;INTERVAL=0': INTERVAL=0 is not from 1 to 1000
        """
        if not isinstance(text, str):
            raise HorairesError(
                f"{text!r} is not an RRULE: expected text such as 'FREQ=MONTHLY;BYDAY=1SA'"
            )
        try:
            return _read(text)
        except HorairesError as error:
            raise HorairesError(f"invalid RRULE {_quote(text)}: {error}") from None

    def anchored(self, start: dt.date) -> RRule:
        """The rule with the parts it takes from its start made explicit, as RFC 5545 and
        dateutil read them: the day of the month (MONTHLY), the weekday (WEEKLY), the month
        and day (YEARLY), when the rule names no day.

        >>> str(RRule.parse("FREQ=YEARLY").anchored(dt.date(2025, 7, 14)))
        'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14'
        """
        if self.byweekno or self.byyearday or self.bymonthday or self.byday or self.byeaster:
            return self
        if self.freq == "YEARLY":
            months = self.bymonth or (start.month,)
            return dataclasses.replace(self, bymonth=months, bymonthday=(start.day,))
        if self.freq == "MONTHLY":
            return dataclasses.replace(self, bymonthday=(start.day,))
        if self.freq == "WEEKLY":
            return dataclasses.replace(self, byday=(ByDay(start.weekday()),))
        return self

    def never(self) -> bool:
        """Whether its parts alone show that it never falls on a date: days of the month that
        none of its months has, or a BYSETPOS past the one day of a DAILY period. (Other
        rules that never fall are found by searching the supported years.)

        >>> RRule.parse("FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31").never()
        True
        >>> RRule.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29").never()
        False
        """
        if self.freq == "DAILY" and self.bysetpos and not {1, -1} & set(self.bysetpos):
            return True
        months = self.bymonth or range(1, 13)
        return bool(self.bymonthday) and not any(
            abs(day) <= _MONTH_DAYS[month - 1] for month in months for day in self.bymonthday
        )

    def __str__(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        for name in ("bymonth", "byweekno", "byyearday", "bymonthday", "byday", "bysetpos"):
            values = getattr(self, name)
            if values:
                parts.append(f"{name.upper()}={','.join(map(str, values))}")
        if self.byeaster:
            parts.append(f"BYEASTER={','.join(map(str, self.byeaster))}")
        if self.wkst:
            parts.append(f"WKST={_WEEKDAYS[self.wkst]}")
        return ";".join(parts)


def _read(text: str) -> RRule:
    """The rule of RRULE text, read part by part."""
    body = text.strip()
    lines = body.splitlines() or [""]
    for line in lines:
        name = line.strip().split(":", 1)[0].split(";", 1)[0].strip().upper()
        if name in _OTHER_LINES:
            raise HorairesError(
                f"{name} is not supported: give the first and last dates of the exception "
                "with start and end, and one rule per exception"
            )
    if len(lines) > 1:
        raise HorairesError("an exception has one rule, on one line")
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    items = body.split(";")
    if len(items) > 1 and not items[-1].strip():
        items.pop()  # a trailing ';'
    given: dict[str, str] = {}
    for item in items:
        name, equals, value = item.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not equals or not name:
            raise HorairesError("expected NAME=VALUE parts such as 'FREQ=MONTHLY;BYDAY=1SA'")
        if name in given:
            raise HorairesError(f"{name} is given twice")
        given[name] = value
    for name in given:
        if name in _TIME_PARTS:
            raise HorairesError(
                f"{name} is not allowed: exceptions recur on dates, without BYHOUR, "
                "BYMINUTE or BYSECOND"
            )
        if name not in _PARTS:
            raise HorairesError(f"unknown part {name!r}: expected {', '.join(_PARTS)}")
    if "FREQ" not in given:
        raise HorairesError("FREQ is required, e.g. 'FREQ=MONTHLY;BYDAY=1SA'")
    if given["FREQ"] in ("HOURLY", "MINUTELY", "SECONDLY"):
        raise HorairesError(
            f"FREQ={given['FREQ']} is not allowed: exceptions recur on dates; use DAILY, "
            "WEEKLY, MONTHLY or YEARLY"
        )

    def numbers(name: str) -> tuple[int, ...]:
        items = given[name].split(",") if name in given else []
        return tuple(_number(name, item) for item in items)

    wkst = given.get("WKST", "MO")
    if wkst not in _WEEKDAYS:
        raise HorairesError(f"WKST={wkst} is not a weekday (MO ... SU)")
    return RRule(
        freq=cast(Frequency, given["FREQ"]),
        interval=_whole("INTERVAL", given.get("INTERVAL", "1")),
        count=_whole("COUNT", given["COUNT"]) if "COUNT" in given else None,
        until=_until(given["UNTIL"]) if "UNTIL" in given else None,
        bymonth=numbers("BYMONTH"),
        byweekno=numbers("BYWEEKNO"),
        byyearday=numbers("BYYEARDAY"),
        bymonthday=numbers("BYMONTHDAY"),
        byday=tuple(_byday(item) for item in given["BYDAY"].split(",")) if "BYDAY" in given else (),
        bysetpos=numbers("BYSETPOS"),
        byeaster=numbers("BYEASTER"),
        wkst=_WEEKDAYS.index(wkst),
    )


def _whole(name: str, text: str) -> int:
    if not _WHOLE.fullmatch(text):
        raise HorairesError(f"{name}={text} is not a whole number")
    return int(text)


def _number(name: str, text: str) -> int:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise HorairesError(f"{name} value {text!r} is not a number")
    return int(text)


def _byday(text: str) -> ByDay:
    match = _BYDAY_ITEM.fullmatch(text.strip())
    if match is None:
        raise HorairesError(
            f"BYDAY value {text.strip()!r} is not a weekday such as MO, 1SA or -1FR"
        )
    position = int(match[1]) if match[1] else 0
    if match[1] and position == 0:
        raise HorairesError(f"BYDAY value {text.strip()!r} has position 0: count from 1 or -1")
    return ByDay(_WEEKDAYS.index(match[2]), position)


def _until(text: str) -> dt.date:
    match = _UNTIL.fullmatch(text)
    if match is None:
        raise HorairesError(f"UNTIL={text} is not a date: expected YYYYMMDD, e.g. 20251231")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise HorairesError(f"UNTIL={text} is not a date: expected YYYYMMDD") from None


# -- calendar arithmetic on day ordinals (1 = 1 January of year 1) --------------------------


def _jan1(year: int) -> int:
    """The ordinal of 1 January of ``year`` (also for year 10000)."""
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + 1


def _year_len(year: int) -> int:
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def _weekday(ordinal: int) -> int:
    """0 = Monday, as ``date.weekday()``."""
    return (ordinal + 6) % 7


def year_bits(year: int, first: int, last: int) -> int:
    """Bits of the days from ordinal ``first`` to ``last`` (both included) in ``year``
    (bit 0: 1 January).

    >>> bin(year_bits(2025, dt.date(2025, 1, 2).toordinal(), dt.date(2025, 1, 3).toordinal()))
    '0b110'
    """
    jan1 = _jan1(year)
    lo = max(first - jan1, 0)
    hi = min(last - jan1, _year_len(year) - 1)
    if hi < lo:
        return 0
    return ((1 << (hi + 1)) - 1) ^ ((1 << lo) - 1)


def dates_of(year: int, bits: int) -> list[dt.date]:
    """The dates of ``year`` whose bits are set, in order.

    >>> dates_of(2025, 0b101)
    [datetime.date(2025, 1, 1), datetime.date(2025, 1, 3)]
    """
    jan1 = _jan1(year)
    found: list[dt.date] = []
    while bits:
        low = bits & -bits
        found.append(dt.date.fromordinal(jan1 + low.bit_length() - 1))
        bits ^= low
    return found


def _first_bit(bits: int) -> int:
    return (bits & -bits).bit_length() - 1


class _Budget:
    """Steps left for one question; running out is an error that names the rule."""

    __slots__ = ("left", "rule")

    def __init__(self, rule: RRule) -> None:
        self.rule = rule
        self.left = STEP_BUDGET

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise HorairesError(
                f"RRULE {_quote(str(self.rule))} needs more than {STEP_BUDGET:,} steps to "
                "find its dates: simplify it"
            )


_MASKS_PER_RULE = 1024
"""Year masks an expansion keeps, by calendar and place in the interval (then starts anew)."""


class _Expansion:
    """The dates of an anchored rule from a start, as one bit mask per year.

    Period 0 is the one holding the start (for WEEKLY, from the start to the week's end, as
    dateutil has it); periods before it are not the rule's. A year that period 0 does not
    reach is a *pattern* year: its dates depend only on its calendar and on where the rule's
    interval falls in it (:meth:`_key`), and are kept by that key.
    """

    __slots__ = (
        "_easter_cache",
        "_heads",
        "_masks",
        "first",
        "head_last",
        "month0",
        "period0",
        "rule",
        "start",
        "until",
        "until_year",
        "week0",
        "year0",
    )

    def __init__(self, rule: RRule, start: dt.date) -> None:
        self.rule = rule
        self.start = start.toordinal()
        self.year0 = start.year
        self.month0 = 12 * start.year + start.month - 1
        self.week0 = self._week_start(self.start)
        self._masks: dict[tuple[int, ...], int] = {}
        self._heads: dict[int, int] = {}
        self._easter_cache: dict[int, int] = {}
        self.until: int | None = rule.until.toordinal() if rule.until else None
        budget = _Budget(rule)
        lo, hi = self._period_of(self.start)
        self.period0 = tuple(o for o in self._select(lo, hi, budget) if o >= self.start)
        self.head_last = dt.date.fromordinal(hi).year
        self.until_year = LAST_YEAR + 1
        if rule.count is not None:
            self.until = self._count_until(rule.count, budget)
        if self.until is not None:
            self.until_year = dt.date.fromordinal(self.until).year
        self.first = self.first_on_or_after(self.start, _jan1(LAST_YEAR + 1) - 1)

    # -- periods ----------------------------------------------------------------------------

    def _week_start(self, ordinal: int) -> int:
        return ordinal - (_weekday(ordinal) - self.rule.wkst) % 7

    def _period_of(self, ordinal: int) -> tuple[int, int]:
        """Period 0: the period holding the start, from the start for WEEKLY."""
        day = dt.date.fromordinal(ordinal)
        freq = self.rule.freq
        if freq == "YEARLY":
            return _jan1(day.year), _jan1(day.year + 1) - 1
        if freq == "MONTHLY":
            first = ordinal - day.day + 1
            return first, first + _month_len(day.year, day.month) - 1
        if freq == "WEEKLY":
            return ordinal, self._week_start(ordinal) + 6
        return ordinal, ordinal

    def _key(self, year: int) -> tuple[int, ...] | None:
        """What the dates of a pattern year depend on; None: no period of the rule in it."""
        rule = self.rule
        interval = rule.interval
        jan1 = _jan1(year)
        length = _year_len(year)
        if rule.freq == "YEARLY":
            if (year - self.year0) % interval:
                return None
            phase = 0
        elif rule.freq == "MONTHLY":
            phase = (self.month0 - 12 * year) % interval
        elif rule.freq == "WEEKLY":
            week = self._week_start(jan1)
            phase = week + 7 * ((self.week0 - week) // 7 % interval) - jan1
        else:
            phase = (self.start - jan1) % interval
        if phase >= (12 if rule.freq == "MONTHLY" else length):
            return None
        key: tuple[int, ...] = (phase, _weekday(jan1), length)
        if rule.byweekno:
            key += (_year_len(year - 1), _year_len(year + 1))
        if rule.byeaster:
            key += (self._easter(year) - jan1,)
        return key

    def _periods(self, year: int, key: tuple[int, ...]) -> Iterator[tuple[int, int, int]]:
        """``(first, last, index)`` of the rule's periods that meet ``year``."""
        rule = self.rule
        phase, interval = key[0], rule.interval
        jan1 = _jan1(year)
        end = jan1 + _year_len(year)
        if rule.freq == "YEARLY":
            yield jan1, end - 1, year - self.year0
        elif rule.freq == "MONTHLY":
            for month in range(12 * year + phase, 12 * year + 12, interval):
                first = dt.date(year, month % 12 + 1, 1).toordinal()
                last = first + _month_len(year, month % 12 + 1) - 1
                yield first, last, month - self.month0
        elif rule.freq == "WEEKLY":
            for week in range(jan1 + phase, end, 7 * interval):
                yield week, week + 6, (week - self.week0) // 7
        else:
            for day in range(jan1 + phase, end, interval):
                yield day, day, day - self.start

    # -- the dates of one period ------------------------------------------------------------

    def _easter(self, year: int) -> int:
        found = self._easter_cache.get(year)
        if found is None:
            from dateutil.easter import easter

            found = easter(year).toordinal()
            if len(self._easter_cache) >= _MASKS_PER_RULE:
                self._easter_cache = {}
            self._easter_cache[year] = found
        return found

    def _candidates(self, first: int, last: int) -> Sequence[int]:
        """Days of the period that may be dates, in order (each is then checked)."""
        rule = self.rule
        if rule.freq == "YEARLY":
            year = dt.date.fromordinal(first).year
            if rule.byeaster:
                return sorted(self._easter(year) + offset for offset in rule.byeaster)
            if rule.byyearday:
                length = _year_len(year)
                return sorted({first + (v - 1 if v > 0 else length + v) for v in rule.byyearday})
            days: list[int] = []
            for month in rule.bymonth or range(1, 13):
                start = dt.date(year, month, 1).toordinal()
                days.extend(self._month_candidates(year, month, start))
            return sorted(days)
        if rule.freq == "MONTHLY":
            day = dt.date.fromordinal(first)
            return self._month_candidates(day.year, day.month, first)
        return range(first, last + 1)

    def _month_candidates(self, year: int, month: int, first: int) -> list[int]:
        length = _month_len(year, month)
        if not self.rule.bymonthday:
            return list(range(first, first + length))
        days = {v if v > 0 else length + v + 1 for v in self.rule.bymonthday}
        return sorted(first + d - 1 for d in days if 1 <= d <= length)

    def _keep(self, ordinal: int) -> bool:
        """Whether a day meets every BY part of the rule."""
        rule = self.rule
        day = dt.date.fromordinal(ordinal)
        if rule.bymonth and day.month not in rule.bymonth:
            return False
        if rule.bymonthday:
            length = _month_len(day.year, day.month)
            if day.day not in rule.bymonthday and day.day - length - 1 not in rule.bymonthday:
                return False
        if rule.byyearday:
            number = ordinal - _jan1(day.year) + 1
            if (
                number not in rule.byyearday
                and number - _year_len(day.year) - 1 not in rule.byyearday
            ):
                return False
        if rule.byweekno and not self._in_weeks(ordinal, day.year):
            return False
        if rule.byday and not self._on_weekday(ordinal, day):
            return False
        return not rule.byeaster or ordinal - self._easter(day.year) in rule.byeaster

    def _on_weekday(self, ordinal: int, day: dt.date) -> bool:
        weekday = day.weekday()
        positions = [b.n for b in self.rule.byday if b.weekday == weekday]
        if not positions:
            return False
        if 0 in positions:
            return True
        if self.rule.freq == "MONTHLY" or self.rule.bymonth:
            index, length = day.day - 1, _month_len(day.year, day.month)
        else:
            index, length = ordinal - _jan1(day.year), _year_len(day.year)
        return index // 7 + 1 in positions or -((length - 1 - index) // 7 + 1) in positions

    def _week_one(self, year: int) -> int:
        """The first day of week 1 of ``year``: the week holding at least four of its days."""
        jan1 = _jan1(year)
        week = self._week_start(jan1)
        return week if jan1 - week <= 3 else week + 7

    def _in_weeks(self, ordinal: int, year: int) -> bool:
        """Whether the day is in a week that BYWEEKNO names (RFC 5545 week numbers)."""
        owner = year
        if ordinal < self._week_one(year):
            owner = year - 1
        elif ordinal >= self._week_one(year + 1):
            owner = year + 1
        first = self._week_one(owner)
        number = (ordinal - first) // 7 + 1
        weeks = (self._week_one(owner + 1) - first) // 7
        return number in self.rule.byweekno or number - weeks - 1 in self.rule.byweekno

    def _select(self, first: int, last: int, budget: _Budget) -> list[int]:
        """The dates of the period from ``first`` to ``last``, BYSETPOS applied."""
        candidates = self._candidates(first, last)
        budget.spend(len(candidates) + 1)
        kept = [o for o in candidates if first <= o <= last and self._keep(o)]
        if self.rule.bysetpos:
            size = len(kept)
            chosen = {p - 1 if p > 0 else size + p for p in self.rule.bysetpos}
            kept = [o for i, o in enumerate(kept) if i in chosen]
        return kept

    # -- years ------------------------------------------------------------------------------

    def _evaluate(
        self, year: int, key: tuple[int, ...], budget: _Budget | None, lowest: int
    ) -> int:
        """The mask of ``year`` from the periods of index ``lowest`` or more."""
        budget = budget or _Budget(self.rule)
        jan1 = _jan1(year)
        end = jan1 + _year_len(year)
        bits = 0
        for first, last, index in self._periods(year, key):
            if index >= lowest:
                for ordinal in self._select(first, last, budget):
                    if jan1 <= ordinal < end:
                        bits |= 1 << (ordinal - jan1)
        return bits

    def _mask(self, year: int, budget: _Budget | None) -> int:
        """The dates of ``year`` before UNTIL (or COUNT) is applied (one year is bounded work
        on its own: a question about many years passes its ``budget``)."""
        if budget is not None:
            budget.spend(1)
        if year < self.year0 or year > LAST_YEAR:
            return 0
        if year <= self.head_last:
            bits = self._heads.get(year)
            if bits is None:
                key = self._key(year)
                bits = 0 if key is None else self._evaluate(year, key, budget, 1)  # after 0
                jan1 = _jan1(year)
                for ordinal in self.period0:
                    if jan1 <= ordinal < jan1 + _year_len(year):
                        bits |= 1 << (ordinal - jan1)
                self._heads[year] = bits
            return bits
        key = self._key(year)
        if key is None:
            return 0
        bits = self._masks.get(key)
        if bits is None:
            bits = self._evaluate(year, key, budget, -(1 << 62))
            if len(self._masks) >= _MASKS_PER_RULE:
                self._masks = {}
            self._masks[key] = bits
        return bits

    def mask(self, year: int, budget: _Budget | None = None) -> int:
        """The dates of ``year``, as bits (bit 0: 1 January)."""
        bits = self._mask(year, budget)
        if self.until is not None and bits and year >= self.until_year:
            bits &= year_bits(year, self.start, self.until)
        return bits

    def _count_until(self, count: int, budget: _Budget) -> int | None:
        """The last of the first ``count`` dates; None when the supported years end first."""
        for year in range(self.year0, LAST_YEAR + 1):
            bits = self.mask(year, budget)
            found = bits.bit_count()
            if found >= count:
                for _ in range(count - 1):
                    bits &= bits - 1
                return _jan1(year) + _first_bit(bits)
            count -= found
        return None

    def first_on_or_after(self, first: int, last: int, budget: _Budget | None = None) -> int | None:
        """The first date from ordinal ``first`` to ``last``, or None."""
        budget = budget or _Budget(self.rule)
        if self.until is not None:
            last = min(last, self.until)
        first = max(first, self.start)
        for year in range(dt.date.fromordinal(first).year, dt.date.fromordinal(last).year + 1):
            bits = self.mask(year, budget) & year_bits(year, first, last)
            if bits:
                return _jan1(year) + _first_bit(bits)
        return None


def _month_len(year: int, month: int) -> int:
    if month == 2:
        return _year_len(year) - 337
    return _MONTH_DAYS[month - 1]


@lru_cache(maxsize=256)
def _expansion(rule: RRule, start: dt.date) -> _Expansion:
    """One expansion per anchored rule and start, shared by every schedule that uses it."""
    return _Expansion(rule, start)


_SUPPORTED = f"the supported years {FIRST_YEAR}-{LAST_YEAR}"
_LIMIT = dt.date(LAST_YEAR, 12, 31)


class Recurrence:
    """The dates of an RRULE from ``start`` (default :data:`DEFAULT_START`) to ``end``
    (inclusive; default: the end of the supported years).

    Construction validates the rule and refuses one that never falls on a date in the
    supported years; every question then takes bounded work.

    >>> leap = Recurrence("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")
    >>> leap.next_on_or_after(dt.date(2097, 1, 1), dt.date(2200, 1, 1))
    datetime.date(2104, 2, 29)
    >>> Recurrence("FREQ=DAILY;INTERVAL=7;BYDAY=MO", dt.date(2000, 1, 1))
    Traceback (most recent call last):
    ...
    horaires._errors.HorairesError: RRULE 'FREQ=DAILY;INTERVAL=7;BYDAY=MO' never falls on a date from 2000-01-01 in the supported years 2-9997
    """

    __slots__ = ("_expansion", "_first", "_last", "end", "rule", "start")

    rule: RRule
    """The rule as written (the parts taken from the start are not filled in)."""

    def __init__(
        self, rule: str | RRule, start: dt.date | None = None, end: dt.date | None = None
    ) -> None:
        text = rule if isinstance(rule, str) else str(rule)
        self.rule = RRule.parse(rule) if isinstance(rule, str) else rule
        self.start = start or DEFAULT_START
        self.end = end
        if not FIRST_YEAR <= self.start.year <= LAST_YEAR:
            raise HorairesError(
                f"RRULE {_quote(text)} starts on {self.start}, outside {_SUPPORTED}: "
                "give a start in them"
            )
        anchored = self.rule.anchored(self.start)
        if anchored.never() or _expansion(anchored, self.start).first is None:
            raise HorairesError(
                f"RRULE {_quote(text)} never falls on a date from {self.start} in {_SUPPORTED}"
            )
        self._expansion = _expansion(anchored, self.start)
        self._first = self.start.toordinal()
        self._last = min(end or _LIMIT, _LIMIT).toordinal()

    def __repr__(self) -> str:
        return f"Recurrence({str(self.rule)!r}, {self.start!r}, {self.end!r})"

    def __reduce__(self) -> tuple[Callable[..., Recurrence], tuple[object, ...]]:
        return (Recurrence, (self.rule, self.start, self.end))

    def _bounds(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        return max(first.toordinal(), self._first), min(last.toordinal(), self._last)

    def _years(self, first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
        """``(year, bits)`` of its dates from ``first`` to ``last``, year by year."""
        lo, hi = self._bounds(first, last)
        if hi < lo:
            return
        budget = _Budget(self.rule)
        for year in range(dt.date.fromordinal(lo).year, dt.date.fromordinal(hi).year + 1):
            yield year, self._expansion.mask(year, budget) & year_bits(year, lo, hi)

    def mask(self, year: int) -> int:
        """Its dates in ``year`` (within its bounds), as bits (bit 0: 1 January).

        >>> bin(Recurrence("FREQ=MONTHLY;BYDAY=1SA").mask(2025) & 0b11111)
        '0b1000'
        """
        jan1 = _jan1(year)
        first, last = max(jan1, self._first), min(jan1 + _year_len(year) - 1, self._last)
        if last < first:
            return 0
        bits = self._expansion.mask(year)
        if first > jan1 or last < jan1 + _year_len(year) - 1:
            bits &= year_bits(year, first, last)
        return bits

    def between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Its dates from ``first`` to ``last``, both included (work: the years asked)."""
        found: list[dt.date] = []
        for year, bits in self._years(first, last):
            found.extend(dates_of(year, bits))
        return found

    def count(self, first: dt.date, last: dt.date) -> int:
        """How many dates it has from ``first`` to ``last``, both included.

        >>> Recurrence("FREQ=DAILY", dt.date(2, 1, 1), dt.date(9997, 12, 31)).count(
        ...     dt.date.min, dt.date.max)
        3650964
        """
        return sum(bits.bit_count() for _, bits in self._years(first, last))

    def next_on_or_after(self, day: dt.date, until: dt.date) -> dt.date | None:
        """Its first date from ``day`` to ``until`` (both included), or None.

        Years in which the rule cannot fall are skipped at the cost of a lookup, so the
        answer comes with bounded work even when it is centuries away.
        """
        lo, hi = self._bounds(day, until)
        if hi < lo:
            return None
        found = self._expansion.first_on_or_after(lo, hi)
        return None if found is None else dt.date.fromordinal(found)


def check_rrule(text: str, start: dt.date | None = None) -> RRule:
    """The rule of ``text``; ``HorairesError`` (a ``ValueError``) with a readable message when
    it is not a valid RRULE or never falls on a date from ``start`` (default
    :data:`DEFAULT_START`) in the supported years.

    >>> check_rrule("FREQ=MONTHLY;BYDAY=1SA").byday
    (ByDay(weekday=5, n=1),)
    >>> check_rrule("FREQ=SOMETIMES")
    Traceback (most recent call last):
    ...
    horaires._errors.HorairesError: invalid RRULE 'FREQ=SOMETIMES': FREQ=SOMETIMES is not a frequency of dates: use DAILY, WEEKLY, MONTHLY or YEARLY
    >>> check_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    Traceback (most recent call last):
    ...
    horaires._errors.HorairesError: RRULE 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' never falls on a date from 2000-01-01 in the supported years 2-9997
    """
    return Recurrence(text, start).rule
