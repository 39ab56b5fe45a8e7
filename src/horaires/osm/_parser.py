"""Parse an ``opening_hours`` value into a :class:`~horaires.osm._ast.Value`.

The grammar is the OpenStreetMap specification as opening_hours.js reads it (selectors in
any order, ``:`` for readability, ``,`` starting an additional rule after a time or a
modifier). Strict by default: the error tolerance of opening_hours.js (``10-12``,
``Montag``, ``10.00``) is refused with the column and what was expected. Tolerant reading
(:mod:`horaires.osm._tolerant`) rewrites the value into this syntax and gives the parser a
``warn`` hook, through which it accepts hours without minutes and the forms of the grammar
opening_hours.js refuses.

The parser is recursive descent over the tokens of one rule: each sub-rule reads them
through a :class:`_Cursor` (``peek``/``accept``/``expect``), which alone knows the
position. Every token is visited a bounded number of times, so parsing is linear in the
length of the value.

>>> parse("Mo-Fr 08:30-12:30; PH off").rules[1].state
'closed'
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from .._errors import OSMSyntaxError, UnsupportedSyntax
from .._kept import Kept
from ._ast import (
    WEEKDAY_RANGES,
    DatePoint,
    DateSpan,
    Easter,
    Holiday,
    MonthDays,
    MonthdaySelector,
    MonthRange,
    NthWeekday,
    ParseMode,
    Rule,
    State,
    TimeSpan,
    Value,
    VariableTime,
    WeekdaySelector,
    WeekRange,
    YearRange,
    make_rule,
    make_span,
    make_value,
)
from ._lexer import MONTH_DAYS, MONTHS, STATES, RuleTokens, tokenize
from ._quick import read as read_quick

__all__ = [
    "MAX_SELECTORS",
    "MAX_VALUE",
    "Warn",
    "check_length",
    "parse",
    "read_alone",
    "rule_texts",
    "selectors",
]

DAY = 1440
_UNEXPECTED = "unexpected token: expected a selector, a time, a state or a comment"
_NTH = "expected a number from -5 to 5 in [...]"


class Warn(Protocol):
    """Where tolerant parsing reports what it accepted: the column (0-based), a stable
    code and a message."""

    def __call__(self, column: int, code: str, message: str) -> None: ...


@dataclass(slots=True)
class _Draft:
    """A rule being parsed (mutable while its tokens are read)."""

    column: int
    additional: bool
    fallback: bool
    years: list[YearRange] = field(default_factory=list)
    holidays: list[Holiday] = field(default_factory=list)
    months: list[MonthdaySelector] = field(default_factory=list)
    monthdays: list[MonthdaySelector] = field(default_factory=list)
    weeks: list[WeekRange] = field(default_factory=list)
    weekdays: list[WeekdaySelector] = field(default_factory=list)
    times: list[TimeSpan] = field(default_factory=list)
    state: State | None = None
    comment: str | None = None
    always: bool = False

    def freeze(self) -> Rule:
        return Rule(  # in the order of Rule's fields (positional: faster than keywords)
            tuple(self.years),
            tuple(self.holidays),
            tuple(self.months),
            tuple(self.monthdays),
            tuple(self.weeks),
            tuple(self.weekdays),
            tuple(self.times),
            self.state,
            self.comment,
            self.additional,
            self.fallback,
            self.always,
            self.column,
        )


class _Cursor:
    """The tokens of one rule and the position of the next one to read."""

    __slots__ = ("columns", "end_column", "kinds", "n", "pos", "text", "values")

    def __init__(self, text: str) -> None:
        self.text = text
        self.load(RuleTokens(), len(text))

    def load(self, tokens: RuleTokens, end_column: int) -> None:
        """Read the tokens of one rule, from the first; the rule ends at ``end_column``."""
        self.kinds = tuple(tokens.kinds)
        self.values = tokens.values
        self.columns = tokens.columns
        self.n = len(tokens.kinds)
        self.end_column = end_column
        self.pos = 0

    def peek(self, ahead: int = 0) -> str | None:
        """The kind of the token ``ahead`` of the position (None past the end)."""
        at = self.pos + ahead
        return self.kinds[at] if at < self.n else None

    def looking_at(self, *kinds: str, ahead: int = 0) -> bool:
        """Whether the tokens from ``ahead`` of the position are of ``kinds``, in order."""
        at = self.pos + ahead
        return self.kinds[at : at + len(kinds)] == kinds

    def accept(self, kind: str) -> bool:
        """Step over the next token when it is of ``kind``."""
        if self.pos < self.n and self.kinds[self.pos] == kind:
            self.pos += 1
            return True
        return False

    def expect(self, kind: str, message: str) -> int:
        """Step over the next token, a number of ``kind``, and give its value; else fail."""
        if self.peek() != kind:
            raise self.fail(message)
        self.pos += 1
        return self.number(-1)

    def number(self, ahead: int = 0) -> int:
        """The value of the number ``ahead`` of the position."""
        value = self.values[self.pos + ahead]
        assert isinstance(value, int)
        return value

    def word(self) -> str:
        """The value of the next token, a word or a comment."""
        value = self.values[self.pos]
        assert isinstance(value, str)
        return value

    def column(self, ahead: int = 0) -> int:
        at = self.pos + ahead
        return self.columns[at] if at < self.n else self.end_column

    def error(self, message: str, ahead: int = 0) -> OSMSyntaxError:
        """An error at the token ``ahead`` of the position."""
        return OSMSyntaxError(self.text, self.column(ahead), message)

    def fail(self, message: str, ahead: int = 0) -> OSMSyntaxError:
        """An error at the token ``ahead`` of the position, saying what was found there."""
        at = self.pos + ahead
        if at < self.n:
            kind, value = self.kinds[at], self.values[at]
            if kind == "comment":
                found = "found a comment"
            elif kind == "time":
                assert isinstance(value, int)
                found = f"found '{value // 60:02d}:{value % 60:02d}'"
            else:
                found = f"found {value!r}"
            return OSMSyntaxError(self.text, self.columns[at], f"{message}; {found}")
        return OSMSyntaxError(self.text, self.end_column, f"{message}; found the end of the rule")


class _Parser:
    """The sub-rules of one rule's grammar, after opening_hours.js's parser: each reads
    its tokens from the cursor into the rule being drafted."""

    __slots__ = ("c", "last_time", "mode", "rule", "warn")
    rule: _Draft

    def __init__(self, text: str, mode: ParseMode, warn: Warn | None = None) -> None:
        self.c = _Cursor(text)
        self.mode = mode
        self.warn = warn
        self.last_time = -1

    # -- a rule ---------------------------------------------------------------------------

    def selectors(self, rule: _Draft) -> bool:
        """Read selectors and modifiers into ``rule``: True when an additional rule follows.

        Each item is recognised by the kind of its first token (and, for dates, the next)."""
        self.rule = rule
        self.last_time = -1
        c = self.c
        while c.pos < c.n:
            read = _ITEMS.get(c.kinds[c.pos])
            if read is None:
                raise c.fail(_UNEXPECTED)
            if read(self):
                return True
        return False

    def number_item(self) -> bool:
        if self.c.peek(1) not in (":", "-"):
            raise self.c.fail(_UNEXPECTED)
        return self.time_selector()

    def time_item(self) -> bool:
        return self.time_selector()

    def paren_item(self) -> bool:
        """``(sunrise+01:00)...``: a time selector that starts with a sun time moved."""
        if self.c.peek(1) != "timevar":
            raise self.c.fail(_UNEXPECTED)
        return self.time_selector()

    def modifier(self) -> bool:
        """``open``, ``off``, ``unknown`` or a comment: True when ``,`` follows."""
        c = self.c
        if c.peek() == "state":
            self.rule.state = STATES[str(c.word())]
        else:
            self.rule.comment = c.word()
        c.pos += 1
        return c.accept(",")

    def always(self) -> bool:
        c = self.c
        self.rule.times.append(TimeSpan(0, DAY, column=c.column()))
        self.rule.always = True
        c.pos += 1
        return False

    def readability(self) -> bool:
        """A colon for readability: ``Mo-Fr: 10:00-12:00``."""
        c = self.c
        if not 0 < c.pos < c.n - 1 or self.last_time == c.pos:
            raise c.fail(_UNEXPECTED)
        c.pos += 1
        return False

    def year_item(self) -> bool:
        c = self.c
        if c.looking_at("month", "number", ahead=1) or c.peek(1) == "event":
            self.monthday_list(self.rule.monthdays)
        elif c.peek(1) == "month" and self.years_in_month_list():
            self.month_list(self.rule.months)
        else:
            self.year_list()
        return False

    def years_in_month_list(self) -> bool:
        """Whether the month list that starts after the year at the position names another
        year (``2026 Apr,2027 Jun``): then each year goes with its months."""
        c = self.c
        at = 1
        while c.peek(at) in ("month", "-", ","):
            if c.looking_at(",", "year", ahead=at):
                return True
            at += 1
        return False

    def month_item(self) -> bool:
        c = self.c
        if c.peek(1) in ("number", "weekday"):
            self.monthday_list(self.rule.monthdays)
        elif c.peek(1) == "time" and (c.peek(2) in ("+", "-") or self.mode != ParseMode.RANGES):
            self.month_list(self.rule.monthdays)  # Jan 10:00-18:00: grouped as a date
        else:
            self.month_list(self.rule.months)
        return False

    def event_item(self) -> bool:
        self.monthday_list(self.rule.monthdays)
        return False

    def weekday_item(self) -> bool:
        self.weekday_list()
        return False

    def holiday_item(self) -> bool:
        self.holiday_list(self.c.peek(1) == ",")
        return False

    def week_item(self) -> bool:
        self.week_list()
        return False

    # -- weekdays and holidays ------------------------------------------------------------

    def weekday_list(self) -> None:
        """``Mo-Fr,Su[1],PH``: weekday ranges, then maybe holidays."""
        c = self.c
        while True:
            kind = c.peek()
            if kind == "holiday":
                self.holiday_list(True)
                return
            if kind != "weekday":
                raise c.fail("expected a weekday or PH after ','")
            self.weekday_range()
            if not c.accept(","):
                return

    def weekday_range(self) -> None:
        """``Mo``, ``Mo-Fr`` or ``Sa[1]``."""
        c = self.c
        start = c.number()
        after = c.peek(1)
        if after == "[":
            self.nth_weekday()
        elif after == "-":
            if c.peek(2) != "weekday":
                raise c.fail("expected a weekday after '-'", 2)
            self.rule.weekdays.append(WEEKDAY_RANGES[start, c.number(2)])
            c.pos += 3
        else:
            self.rule.weekdays.append(WEEKDAY_RANGES[start, start])
            c.pos += 1

    def nth_weekday(self) -> None:
        """``Sa[1]``, ``We[2,4]``, ``Th[-1] +2 days``."""
        c = self.c
        weekday = c.number()
        c.pos += 2
        nths: list[int] = []
        while True:
            self.nth_entry(nths)
            if not c.accept(","):
                break
        if c.peek() != "]":
            raise c.fail("expected ']' or more numbers")
        c.pos += 1
        offset = self.day_offset(6, "a constrained weekday")
        self.rule.weekdays.append(NthWeekday(weekday, tuple(nths), offset))

    def nth_entry(self, nths: list[int]) -> None:
        """``1``, ``-1`` or ``1-3`` inside ``[...]``."""
        c = self.c
        negative = c.accept("-")
        if c.peek() != "number":
            raise c.fail(_NTH)
        first = -c.number() if negative else c.number()
        if first == 0 or not -5 <= first <= 5:
            raise c.fail(_NTH)
        c.pos += 1
        if not negative and c.looking_at("-", "number"):
            last = c.number(1)
            if last < first or last > 5:
                raise c.fail(f"bad range {first}-{last} in [...]", 1)
            nths.extend(range(first, last + 1))
            c.pos += 2
        else:
            nths.append(first)

    def holiday_list(self, with_weekdays: bool) -> None:
        """``PH``, ``PH +1 day``, ``SH``, ``PH,Su``: holidays, then maybe weekdays (``with_weekdays``:
        in the weekday selector, where ``PH,Su`` puts them)."""
        c = self.c
        target: list[Holiday] | list[WeekdaySelector] = (
            self.rule.weekdays if with_weekdays else self.rule.holidays
        )
        while True:
            kind = c.peek()
            if kind == "weekday":
                self.weekday_list()
                return
            if kind != "holiday":
                raise c.fail("expected PH or a weekday after ','")
            kind = c.word()
            c.pos += 1
            if kind == "SH":
                target.append(Holiday(0, "SH"))
            else:
                target.append(Holiday(self.day_offset(1, "PH", stretch=True)))
            if not c.accept(","):
                return
            target = self.rule.weekdays

    def day_offset(self, limit: int, name: str, stretch: bool = False) -> int:
        """``+2 days``/``-1 day``, or 0 when absent. Past ``limit`` days (opening_hours.js's
        limit) it is an error, or a warning when tolerant and ``stretch``."""
        c = self.c
        kind = c.peek()
        if kind not in ("+", "-") or not c.looking_at("number", "calcday", ahead=1):
            return 0
        days = c.number(1)
        if days > limit:
            message = f"{name} can be moved by at most {limit} day{'s' if limit > 1 else ''}"
            if self.warn is None or not stretch:
                raise c.error(message, 1)
            self.warn(c.column(1), "large_offset", f"{message} in opening_hours.js")
        c.pos += 3
        return days if kind == "+" else -days

    # -- years, weeks, months -------------------------------------------------------------

    def year_list(self) -> None:
        c = self.c
        while True:
            if c.peek() != "year":
                raise c.fail("expected a year after ','")
            self.year_range()
            if not c.accept(","):
                return

    def year_range(self) -> None:
        """``2025``, ``2020-2029``, ``2020-2029/2``, ``2025/2``, ``2025+``."""
        c = self.c
        start = c.number()
        if c.looking_at("-", "year", ahead=1):
            end = c.number(2)
            if end < start:
                raise c.error(f"year range {start}-{end} is empty or reversed")
            if end == start:
                message = f"a year range from a year to itself: write {start}"
                if self.warn is None:
                    raise c.error(message)
                self.warn(c.column(), "same_year", message)
            c.pos += 3
            period = self.period()
            if end == start:
                self.rule.years.append(YearRange(start))
            else:
                self.rule.years.append(YearRange(start, end, period))
        elif c.looking_at("/", "number", ahead=1):
            c.pos += 1
            self.rule.years.append(YearRange(start, None, self.period()))
        elif c.peek(1) == "+":
            self.rule.years.append(YearRange(start, None, None, plus=True))
            c.pos += 2
        else:
            self.rule.years.append(YearRange(start))
            c.pos += 1

    def period(self) -> int | None:
        """``/2`` after a range, or None."""
        c = self.c
        if not c.looking_at("/", "number"):
            return None
        period = c.number(1)
        if period == 0:
            raise c.error("a period of 0 never repeats", 1)
        c.pos += 2
        return period

    def week_list(self) -> None:
        c = self.c
        while True:
            c.accept("week")
            self.week_range()
            if not c.accept(","):
                return

    def week_range(self) -> None:
        """``01``, ``01-53``, ``02-52/2``."""
        c = self.c
        start = c.expect("number", "expected a week number (01-53)")
        end = start
        is_range = c.looking_at("-", "number")
        if is_range:
            end = c.number(1)
        if start > end:
            raise c.error("week range is reversed", 1)
        if start < 1:
            raise c.error("weeks are numbered from 01", -1)
        if end > 53:
            raise c.error("weeks are numbered up to 53", 1 if is_range else -1)
        period = None
        if is_range:
            c.pos += 2
            if c.looking_at("/", "number"):
                period = c.number(1)
                if not 2 <= period <= 26:
                    limit = "at least 2" if period < 2 else "at most 26"
                    raise c.error(f"a week period is {limit}", 1)
                c.pos += 2
        self.rule.weeks.append(WeekRange(start, end, period))

    def month_list(self, target: list[MonthdaySelector]) -> None:
        """``Jan``, ``Nov-Feb``, ``Jan,Mar``, ``2026 Apr,2027 Jun``; a date in the list goes
        on as month-days."""
        c = self.c
        year: int | None = None
        while True:
            y = c.peek() == "year"
            if c.looking_at("month", "number", ahead=y) and not c.looking_at(
                ":", "number", ahead=y + 2
            ):
                self.monthday_list(self.rule.months)
                return
            if y:
                year = c.number()
                c.pos += 1
            if c.peek() != "month":
                raise c.fail("expected a month (Jan-Dec)")
            start = end = c.number()
            if c.looking_at("-", "month", ahead=1):
                end = c.number(2)
                c.pos += 2
            c.pos += 1
            target.extend(_months(year, start, end))
            if not c.accept(","):
                return

    # -- month days, date spans, easter ---------------------------------------------------

    def monthday_list(self, target: list[MonthdaySelector]) -> None:
        """A comma list of dates, day ranges, spans and easter; months in it go on as
        months (into the same list)."""
        c = self.c
        after_comma = False
        while True:
            if not self.date_span(target):
                more = self.monthday(target, after_comma)
                if not more:
                    return
            if not c.accept(","):
                return
            after_comma = True

    def monthday(self, target: list[MonthdaySelector], after_comma: bool) -> bool:
        """One item that is not a span: False when the list ends (or goes on as months)."""
        c = self.c
        year = c.number() if c.peek() == "year" else None
        y = year is not None
        if c.looking_at("month", "number", ahead=y):
            return self.day_list(target, year)
        if c.peek(y) == "event":
            c.pos += 1 + y
            target.append(Easter(year, self.day_offset(200, "easter")))
            return True
        if c.looking_at("month", "weekday", "[", ahead=y):
            self.month_list(self.rule.months)
        elif c.peek() == "month":
            self.month_list(self.rule.monthdays)
        elif after_comma:
            raise c.fail("expected a date after ','")
        return False

    def day_list(self, target: list[MonthdaySelector], year: int | None) -> bool:
        """``Dec 24``, ``Jan 26-31``, ``Jan 01-31/8``, ``Dec 24,25`` (after an optional
        year)."""
        c = self.c
        start = c.pos
        c.pos += 1 + (year is not None)
        month = c.number(-1)
        if self.is_time():
            if year is not None:
                c.pos = start
                raise c.fail("expected a date, not a time, after the year")
            c.pos -= 1
            self.month_list(self.rule.monthdays)
            return False
        while True:
            self.days(target, year, month)
            if not c.looking_at(",", "number"):
                self.refuse_date_offset()
                return True
            c.pos += 1

    def is_time(self) -> bool:
        """Whether the number at the position starts a time written with spaces rather
        than a day (``Apr 10 :00-12:00``)."""
        c = self.c
        return c.looking_at("number", ":", "number") and (
            c.peek(3) in ("+", "-") or self.mode != ParseMode.RANGES
        )

    def days(self, target: list[MonthdaySelector], year: int | None, month: int) -> None:
        """``24``, ``26-31`` or ``01-31/8`` of ``month``."""
        c = self.c
        first = c.number()
        if not c.looking_at("-", "number", ahead=1):
            self.check_date(month, first, 0)
            c.pos += 1
            target.append(MonthDays(year, month, first, first))
            return
        last = c.number(2)
        c.pos += 3
        period = self.period()
        back = -1 - 2 * (period is not None)  # where the last day is, from the position
        if last < first:
            raise c.error("day range is reversed", back)
        self.check_date(month, first, back - 2)
        self.check_date(month, last, back)
        target.append(MonthDays(year, month, first, last, period, True))

    def date_span(self, target: list[MonthdaySelector]) -> bool:
        """``Dec 25-Jan 06``, ``easter -2 days-easter``, ``2013 Dec 31-2014 Jan 02``: True
        when one was read (else the position is left as it was)."""
        c = self.c
        y = c.peek() == "year"
        if c.looking_at("month", "number", ahead=y) and c.peek(y + 2) != "-":
            return False  # a lone date (Dec 25) starts no span
        start_at = c.pos
        start = self.point(200)
        if start is None or not c.accept("-"):
            c.pos = start_at
            return False
        end_at = c.pos
        end = self.point(366)
        if end is None:
            c.pos = start_at
            return False
        end_after = c.pos
        if (start.year is None) != (end.year is None):
            message = "a year on one end of a date span only: write it on both (as 2026 Jul 20-2026 Aug 02)"
            if self.warn is None:
                c.pos = end_at
                raise c.error(message)
            self.warn(c.column(start_at - end_after), "year_on_one_end", message)
        for point, at in ((start, start_at), (end, end_at)):
            if point.kind == "date":
                c.pos = at + (point.year is not None) + 1
                self.check_date(point.month, point.day, 0)
        c.pos = end_after
        target.append(DateSpan(*_with_years(start, end)))
        return True

    def point(self, limit: int) -> DatePoint | None:
        """A span end (after an optional year), or None (the position is then unknown)."""
        c = self.c
        year = c.number() if c.peek() == "year" else None
        c.pos += year is not None
        if c.accept("event"):
            return DatePoint("easter", year, offset=self.day_offset(limit, "easter"))
        if c.looking_at("month", "weekday", "["):
            month, weekday = c.number(), c.number(1)
            c.pos += 3
            nth = self.constrained()
            offset = self.day_offset(6, "a constrained weekday")
            return DatePoint("nth", year, month=month, weekday=weekday, nth=nth, offset=offset)
        if c.looking_at("month", "number"):
            c.pos += 2
            self.refuse_date_offset()
            return DatePoint("date", year, month=c.number(-2), day=c.number(-1))
        return None

    def refuse_date_offset(self) -> None:
        """``Sep 01 +Mo``, ``Dec 25 +1 day``, ``Dec 25+``: in the grammar, not evaluated."""
        c = self.c
        if c.peek() not in ("+", "-"):
            return
        if c.peek(1) == "weekday":
            construct = "a date moved to a weekday (Sep 01 +Mo)"
        elif c.looking_at("number", "calcday", ahead=1):
            construct = "a date moved by days (Dec 25 +1 day)"
        elif c.peek() == "+" and c.peek(1) in (None, ",", "time", "number", "weekday", "state"):
            construct = "a date with an open end (Dec 25+)"
        else:
            return
        raise UnsupportedSyntax(c.text, c.column(), construct)

    def constrained(self) -> int:
        """The ``-1]`` of ``Mar Su[-1]`` in a date: one number from -5 to 5."""
        c = self.c
        negative = c.accept("-")
        if c.peek() != "number":
            raise c.fail(_NTH)
        number = -c.number() if negative else c.number()
        if number == 0 or not -5 <= number <= 5:
            raise c.fail(_NTH)
        if c.peek(1) in ("-", ","):
            raise c.fail("expected one number in [...] of a date", 1)
        if c.peek(1) != "]":
            raise c.fail("expected ']'", 1)
        c.pos += 2
        return number

    def check_date(self, month: int, day: int, ahead: int) -> None:
        if not 1 <= day <= MONTH_DAYS[month - 1]:
            raise self.c.error(
                f"{MONTHS[month - 1]} has no day {day} (days 1-{MONTH_DAYS[month - 1]})", ahead
            )

    # -- times ----------------------------------------------------------------------------

    def time_selector(self) -> bool:
        """A comma list of time spans: True when an additional rule follows it."""
        c = self.c
        while True:
            kind = c.peek()
            if (
                kind in ("time", "timevar")
                or c.looking_at("number", ":", "number")
                or c.looking_at("(", "timevar")
            ):
                self.timespan()
            elif kind == "number" and self.warn is not None and c.peek(1) == "-":
                self.timespan()  # "10-12", tolerated
            elif kind == "number":
                self.refuse_time()
            elif kind == "(":
                raise c.fail("expected a time such as 08:30")
            else:
                return True  # "10:00-12:00, Sa 10:00-11:00": the ',' starts a rule
            self.last_time = c.pos
            if not c.accept(","):
                return False

    def refuse_time(self) -> None:
        c = self.c
        kind = c.peek(1)
        if kind == "-":
            raise c.fail("expected a time with minutes such as 10:00")
        if kind == ":":
            raise c.fail("expected minutes (two digits) after ':'", 2)
        raise c.fail("expected ':' and minutes after the hour", 1)

    def timespan(self) -> None:
        """``08:30-12:30``, ``18:00+``, ``12:00-18:00+``, ``12:00``, ``10:00-16:00/90``."""
        c = self.c
        column = c.column()
        start, start_sun = self.bound("expected a time such as 08:30")
        end: int | None = None
        end_sun: VariableTime | None = None
        open_end = False
        period = None
        kind = c.peek()
        if kind == "-":
            c.pos += 1
            end, end_sun = self.bound("expected a time such as 18:00 after '-'")
            kind = c.peek()
            if kind == "+":
                open_end = True
                c.pos += 1
            elif kind == "/" and c.peek(1) in ("number", "time"):
                period = self.time_period()
            elif self.mode == ParseMode.POINTS:
                raise OSMSyntaxError(
                    c.text, column, "a time range is not a point in time (mode 'points')"
                )
        elif kind == "+":
            open_end = True
            c.pos += 1
        elif self.mode == ParseMode.RANGES:
            raise OSMSyntaxError(
                c.text,
                _time_end(c.text, column),
                "expected '-' and an end time (a point in time such as 12:00 needs mode 'points')",
            )
        self.check_span(start, end, open_end, column)
        self.rule.times.append(TimeSpan(start, end, open_end, period, column, start_sun, end_sun))

    def bound(self, message: str) -> tuple[int, VariableTime | None]:
        """A time, or a sun time (``sunset``, ``(sunset-01:00)``) and its fixed stand-in."""
        c = self.c
        if c.peek() == "timevar":
            sun = VariableTime(c.word())  # type: ignore[arg-type]
            c.pos += 1
            return sun.minutes, sun
        if not c.looking_at("(", "timevar"):
            return self.time(message), None
        c.pos += 1
        event = c.word()
        c.pos += 1
        sign = c.peek()
        if sign not in ("+", "-"):
            raise c.fail(f"expected '+' or '-' after {event} (as in ({event}-01:00))")
        c.pos += 1
        if c.looking_at("number", ")"):
            hours = c.number()
            raise c.error(
                f"expected a time offset with minutes: write ({event}{sign}{hours:02d}:00)"
            )
        offset = self.time(f"expected a time offset such as 01:00 after '{sign}'")
        if not c.accept(")"):
            raise c.fail("expected ')' after the time offset")
        sun = VariableTime(event, offset if sign == "+" else -offset)  # type: ignore[arg-type]
        return sun.minutes, sun

    def time(self, message: str) -> int:
        """A time such as ``18:00`` at the position, in minutes (hours may pass 24)."""
        c = self.c
        if c.peek() == "time":
            c.pos += 1
            return c.number(-1)
        if c.looking_at("number", ":", "number"):  # "18: 00", as opening_hours.js reads it
            minutes = c.number(2)
            if minutes > 59:
                raise c.error("minutes are greater than 59", 2)
            c.pos += 3
            return c.number(-3) * 60 + minutes
        if c.looking_at("number", ":"):
            raise c.fail("expected minutes (two digits) after ':'", 2)
        if c.peek() == "number" and self.warn is not None:
            hours = c.number()
            self.warn(c.column(), "hour_without_minutes", f"write {hours:02d}:00 for {hours}")
            c.pos += 1
            return hours * 60
        raise c.fail(message)

    def time_period(self) -> int:
        """The ``/90`` or ``/01:30`` after a range (points in time)."""
        c = self.c
        c.pos += 1
        if c.peek() == "time" or c.looking_at("number", ":", "number"):
            period = self.time("expected a period")
        else:
            period = c.number()
            c.pos += 1
            if c.peek() == ":":
                raise c.fail("expected a period in minutes or HH:MM")
        if self.mode == ParseMode.RANGES:
            raise c.error("points in time with a period need mode 'points' or 'both'", -1)
        if period == 0:
            raise c.error("a period of 0 never repeats", -1)
        return period

    def check_span(self, start: int, end: int | None, open_end: bool, column: int) -> None:
        text = self.c.text
        if start >= DAY:
            raise OSMSyntaxError(text, column, "a time range starts within the day (before 24:00)")
        if end is None:
            return
        to = end if end > start else end + DAY
        if to > 2 * DAY:
            raise OSMSyntaxError(text, column, "a time range ends at most at 48:00 (two midnights)")
        if open_end and _guessed_end(end + (DAY if to > DAY and end < start else 0)) > 2 * DAY:
            raise OSMSyntaxError(text, column, "an open end past 48:00")


def _months(year: int | None, start: int, end: int) -> list[MonthdaySelector]:
    """``Nov-Feb`` every year, or the months ``start`` to ``end`` of ``year`` (both ends in
    that year: ``2025 Nov-Feb`` is January, February, November and December 2025, as
    opening_hours.js reads it)."""
    if year is None:
        return [MonthRange(start, end)]
    pieces = [(start, end)] if start <= end else [(1, end), (start, 12)]
    return [
        DateSpan(
            DatePoint("date", year, a, 1),
            DatePoint("date", year, b, calendar.monthrange(year, b)[1]),
        )
        for a, b in pieces
    ]


def _with_years(start: DatePoint, end: DatePoint) -> tuple[DatePoint, DatePoint]:
    """A span whose one end has a year: the other is in the same year, or the next one
    when the span runs over the new year (``2025 Dec 20-Jan 05``)."""
    if (start.year is None) == (end.year is None):
        return start, end
    wraps = (
        start.kind != "easter"
        and end.kind != "easter"
        and (end.month, end.day if end.kind == "date" else 0)
        < (start.month, start.day if start.kind == "date" else 0)
    )
    if start.year is not None:
        return start, dataclasses.replace(end, year=start.year + wraps)
    assert end.year is not None
    return dataclasses.replace(start, year=end.year - wraps), end


def _time_end(text: str, column: int) -> int:
    """The column just after the time (``08:30``) that starts at ``column``."""
    end = column
    while end < len(text) and (text[end].isdecimal() or text[end] == ":"):
        end += 1
    return end


def _guessed_end(begin: int) -> int:
    """Where opening_hours.js ends an open end that starts at ``begin``."""
    if begin >= 22 * 60:
        return begin + 8 * 60
    if begin >= 17 * 60:
        return begin + 10 * 60
    return DAY


SEGMENTS = 4096
"""Rules the process keeps read, per text between ``;`` (or ``||``) and per sequence of
tokens: values share their rules (``PH off``, ``Sa 09:00-12:00``), so a value never seen is
mostly read already."""

_SEGMENTS: Kept[tuple[object, ...], tuple[int, tuple[Rule, ...]]] = Kept(SEGMENTS)
_TEXTS: Kept[tuple[object, ...], tuple[int, tuple[Rule, ...]]] = Kept(SEGMENTS)
"""The rules read from a rule's text, and the column they were read at."""


def forget() -> None:
    """Forget the rules the process keeps read."""
    _TEXTS.forget()
    _SEGMENTS.forget()


_SEPARATOR = re.compile(r'"[^"]*"|;|\|\|')
"""A comment (as the lexer reads it: a ``;`` in it separates nothing), or a separator."""


def rule_texts(value: str) -> list[tuple[str, int, bool]] | None:
    """The rules of a value as texts: each rule's text between ``;`` or ``||`` outside
    comments (stripped), its column, and whether it is a fallback (after ``||``); None when
    a ``||`` has an empty rule beside it (the value is then read in full, to say where). An
    empty rule adds nothing.

    >>> rule_texts('Mo-Fr 10:00-18:00; PH off "; closed" || unknown')
    [('Mo-Fr 10:00-18:00', 0, False), ('PH off "; closed"', 19, False), ('unknown', 40, True)]
    """
    out: list[tuple[str, int, bool]] = []
    if "||" not in value and '"' not in value:  # (most values: split at once)
        start = 0
        for text in value.split(";"):
            stripped = text.strip()
            if stripped:
                out.append((stripped, start + len(text) - len(text.lstrip()), False))
            start += len(text) + 1
        return out
    start, fallback = 0, False
    for match in _SEPARATOR.finditer(value + ";"):
        separator = match.group()
        if separator[0] == '"':  # a comment: its text is the rule's
            continue
        text = value[start : match.start()]
        stripped = text.strip()
        if stripped:
            out.append((stripped, start + len(text) - len(text.lstrip()), fallback))
        elif separator == "||" or fallback:  # || needs a rule on each side
            return None
        start, fallback = match.end(), separator == "||"
    return out


def _by_text(
    value: str, mode: ParseMode
) -> tuple[tuple[Rule, ...], tuple[Rule | None, ...]] | None:
    """The rules of a value read rule by rule (:func:`rule_texts`, comments whole), those
    read before found by their text, and for each the object the process keeps for
    it (None for a rule it does not keep); None when one is not valid (then the value is
    read in full, to say where). A rule is read alone, as it would be within the value:
    rules do not depend on each other."""
    texts = rule_texts(value)
    if not texts:
        return None
    out: list[Rule] = []
    shared: list[Rule | None] = []
    kind = int(mode)
    for stripped, column, fallback in texts:
        key = (kind, fallback, stripped)  # plain values: a key the collector skips
        found = _TEXTS.get(key)
        if found is not None:
            out.extend(_moved(found[1], column - found[0]))
            shared.extend(found[1])
        else:
            rules = read_alone(stripped, mode, fallback, column)
            if rules is None:
                return None
            out.extend(rules)
            kept = _TEXTS.keep(key, (column, rules))
            shared.extend(rules if kept else (None,) * len(rules))
    return tuple(out), tuple(shared)


def read_alone(text: str, mode: ParseMode, fallback: bool, column: int) -> tuple[Rule, ...] | None:
    """The rules of one rule's text, at ``column``; None if it is not valid (the whole
    value is then read, to say where)."""
    if mode != ParseMode.POINTS:  # points in time refuse ranges: the parser says so
        quick = read_quick(text, fallback, column)
        if quick is not None:
            return (quick,)
    try:
        rules = _moved(_read(text, mode, None, keep=False), column)  # kept by its text here
    except (OSMSyntaxError, UnsupportedSyntax):
        return None
    if fallback:  # every rule read after || is a fallback rule
        return tuple(dataclasses.replace(rule, fallback=True) for rule in rules)
    return rules


def _moved(rules: tuple[Rule, ...], shift: int) -> tuple[Rule, ...]:
    """``rules`` with their columns (and their times') moved by ``shift``."""
    if not shift:
        return rules
    return tuple(
        make_rule(  # the fields in order (dataclasses.replace is ten times slower)
            rule.years,
            rule.holidays,
            rule.months,
            rule.monthdays,
            rule.weeks,
            rule.weekdays,
            tuple(
                make_span(
                    t.start,
                    t.end,
                    t.open_end,
                    t.period,
                    t.column + shift,
                    t.start_sun,
                    t.end_sun,
                )
                for t in rule.times
            ),
            rule.state,
            rule.comment,
            rule.additional,
            rule.fallback,
            rule.always,
            rule.column + shift,
        )
        for rule in rules
    )


_ITEMS: dict[str, Callable[[_Parser], bool]] = {
    "time": _Parser.time_item,
    "timevar": _Parser.time_item,
    "(": _Parser.paren_item,
    "number": _Parser.number_item,
    "weekday": _Parser.weekday_item,
    "holiday": _Parser.holiday_item,
    "year": _Parser.year_item,
    "month": _Parser.month_item,
    "event": _Parser.event_item,
    "state": _Parser.modifier,
    "comment": _Parser.modifier,
    "24/7": _Parser.always,
    "week": _Parser.week_item,
    ":": _Parser.readability,
}
"""What reads an item of a rule, by the kind of its first token."""


MAX_VALUE = 16384
"""The longest ``opening_hours`` value read, in characters (OpenStreetMap's own limit is
255; a value this long already lists hundreds of rules)."""

MAX_SELECTORS = 2048
"""The most selectors (years, months, dates, weeks, weekdays, holidays and times, over all
rules) a value may hold: what one date's evaluation costs grows with them."""


def check_length(value: str) -> None:
    """:class:`OSMSyntaxError` for a value longer than :data:`MAX_VALUE`, before any work."""
    if len(value) > MAX_VALUE:
        raise OSMSyntaxError(
            value,
            MAX_VALUE,
            f"the value is {len(value):,} characters long: at most {MAX_VALUE:,} (MAX_VALUE)",
        )


def selectors(rule: Rule) -> int:
    """How many selectors ``rule`` holds (years, months, dates, weeks, weekdays, holidays
    and times): what :data:`MAX_SELECTORS` counts."""
    return (
        len(rule.years)
        + len(rule.holidays)
        + len(rule.months)
        + len(rule.monthdays)
        + len(rule.weeks)
        + len(rule.weekdays)
        + len(rule.times)
    )


def _count(value: Value) -> Value:
    """``value``, or :class:`OSMSyntaxError` when it holds more than :data:`MAX_SELECTORS`."""
    total = 0
    for rule in value.rules:
        total += selectors(rule)
        if total > MAX_SELECTORS:
            raise OSMSyntaxError(
                value.text,
                rule.column,
                f"more than {MAX_SELECTORS:,} selectors (MAX_SELECTORS) from here on",
            )
    return value


def parse(value: str, mode: ParseMode | int = ParseMode.RANGES, warn: Warn | None = None) -> Value:
    """The syntax tree of ``value``; :class:`OSMSyntaxError` or ``UnsupportedSyntax`` if
    it is invalid or not supported (the error gives the column). With ``warn``, what the
    grammar allows but opening_hours.js refuses is accepted and reported to it, and hours
    without minutes (``10-12``) too."""
    if not isinstance(value, str):
        raise OSMSyntaxError(repr(value), 0, "an opening_hours value is a string")
    if not value.strip():
        raise OSMSyntaxError(value, 0, "empty value: expected rules such as Mo-Fr 08:00-12:00")
    check_length(value)
    mode = mode if type(mode) is ParseMode else ParseMode(mode)  # (a call costs)
    if warn is None:  # rules read before, found by their text
        known = _by_text(value, mode)
        if known is not None:
            return _count(make_value(known[0], mode, value, known[1]))
    return _count(Value(_read(value, mode, warn), mode, value))


def _read(value: str, mode: ParseMode, warn: Warn | None, *, keep: bool = True) -> tuple[Rule, ...]:
    """The rules of ``value``, read token by token (each rule's read kept by its tokens,
    unless ``keep`` is False)."""
    rule_tokens = tokenize(value)
    rules: list[Rule] = []
    parser = _Parser(value, mode, warn)
    cursor = parser.c
    for index, tokens in enumerate(rule_tokens):
        if not tokens.kinds:
            continue
        key = None
        if warn is None and keep:  # the same tokens read the same: reuse them, moved here
            key = (mode, tokens.fallback, tuple(tokens.kinds), tuple(tokens.values))
            found = _SEGMENTS.get(key)
            if found is not None:
                rules.extend(_moved(found[1], tokens.columns[0] - found[0]))
                continue
        first = len(rules)
        following = index + 1 < len(rule_tokens)
        cursor.load(tokens, rule_tokens[index + 1].column - 1 if following else len(value))
        additional = False
        while cursor.pos < cursor.n:  # a trailing ',' adds nothing
            draft = _Draft(cursor.column(), additional, tokens.fallback)
            more = parser.selectors(draft)
            rules.append(draft.freeze())
            if not more:
                break
            additional = True
        if key is not None:
            _SEGMENTS.keep(key, (tokens.columns[0], tuple(rules[first:])))
    if not rules:
        raise OSMSyntaxError(value, 0, "no rule: expected rules such as Mo-Fr 08:00-12:00")
    return tuple(rules)
