"""Parse an ``opening_hours`` value into a :class:`~horaires.osm._ast.Value`.

The grammar is the OpenStreetMap specification as opening_hours.js reads it (selectors in
any order, ``:`` for readability, ``,`` starting an additional rule after a time or a
modifier), without its error tolerance (``10-12``, ``Montag``, ``10.00``): such values are
rejected with the column and what was expected. Every token is visited a bounded number
of times, so parsing is linear in the length of the value.

>>> parse("Mo-Fr 08:30-12:30; PH off").rules[1].state
'closed'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._errors import OSMSyntaxError
from ._ast import (
    DatePoint,
    DateSpan,
    Easter,
    Holiday,
    MonthDays,
    MonthdaySelector,
    MonthRange,
    NthWeekday,
    Rule,
    State,
    TimeSpan,
    Value,
    WeekdayRange,
    WeekdaySelector,
    WeekRange,
    YearRange,
)
from ._lexer import MONTHS, RuleTokens, tokenize

__all__ = ["parse"]

DAY = 1440
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_UNEXPECTED = "unexpected token: expected a selector, a time, a state or a comment"


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


class _Parser:
    """Recursive descent over the tokens of one rule, after opening_hours.js's parser."""

    __slots__ = ("columns", "end_column", "kinds", "mode", "value", "values")

    def __init__(self, value: str, tokens: RuleTokens, end_column: int, mode: int) -> None:
        self.value = value
        self.kinds = tuple(tokens.kinds)
        self.values = tokens.values
        self.columns = tokens.columns
        self.end_column = end_column
        self.mode = mode

    # -- helpers ------------------------------------------------------------------------

    def kind(self, at: int) -> str | None:
        return self.kinds[at] if 0 <= at < len(self.kinds) else None

    def match(self, at: int, *kinds: str) -> bool:
        return at >= 0 and self.kinds[at : at + len(kinds)] == kinds

    def num(self, at: int) -> int:
        value = self.values[at]
        assert isinstance(value, int)
        return value

    def column(self, at: int) -> int:
        return self.columns[at] if at < len(self.columns) else self.end_column

    def fail(self, at: int, message: str) -> OSMSyntaxError:
        if at < len(self.kinds):
            found = (
                f"found {self.values[at]!r}" if self.kinds[at] != "comment" else "found a comment"
            )
            return OSMSyntaxError(self.value, self.columns[at], f"{message}; {found}")
        return OSMSyntaxError(self.value, self.end_column, f"{message}; found the end of the rule")

    # -- a rule ---------------------------------------------------------------------------

    def group(self, at: int, rule: _Draft) -> int | None:
        """Parse selectors and modifiers into ``rule``; the start of an additional rule, or None.

        Each item is recognised by the kind of its first token (and, for dates, the next)."""
        modifier = False
        last_time = -1
        kinds = self.kinds
        n = len(kinds)
        while at < n:
            kind = kinds[at]
            if kind == "number":
                if not (self.match(at + 1, ":") or self.match(at + 1, "-")):
                    raise self.fail(at, _UNEXPECTED)
                found = self.times(at, rule)
                if isinstance(found, tuple):
                    return found[0]
                at = last_time = found
            elif kind == "weekday":
                at = self.weekdays(at, rule)
            elif kind == "holiday":
                at = self.holiday(at, rule, self.match(at + 1, ","))
            elif kind == "year":
                if self.match(at + 1, "month", "number") or self.match(at + 1, "event"):
                    at = self.monthdays(at, rule, False)
                else:
                    at = self.years(at, rule)
            elif kind == "month":
                if self.match(at + 1, "number") or self.match(at + 1, "weekday"):
                    at = self.monthdays(at, rule, False)
                else:
                    at = self.months(at, rule, False)
            elif kind == "event":
                at = self.monthdays(at, rule, False)
            elif kind == "state" or kind == "comment":
                text = self.values[at]
                assert isinstance(text, str)
                if kind == "state":
                    rule.state = (
                        "open" if text == "open" else "closed" if text == "closed" else "unknown"
                    )
                else:
                    rule.comment = text
                    if not modifier:
                        rule.state = None
                modifier = True
                at += 1
                if self.match(at, ","):
                    return at + 1
            elif kind == "24/7":
                rule.times.append(TimeSpan(0, DAY, column=self.columns[at]))
                rule.always = True
                at += 1
            elif kind == "week":
                at = self.weeks(at, rule)
            elif kind == ":" and 0 < at < n - 1 and last_time != at:
                at += 1  # a colon for readability: "Mo-Fr: 10:00-12:00"
            else:
                raise self.fail(at, _UNEXPECTED)
        return None

    # -- weekdays and holidays ------------------------------------------------------------

    def weekdays(self, at: int, rule: _Draft) -> int:
        while True:
            kind = self.kind(at)
            if kind == "weekday":
                start = self.num(at)
                after = self.kind(at + 1)
                if after == "[":
                    at = self.nth_weekday(at, rule)
                elif after == "-":
                    if not self.match(at + 2, "weekday"):
                        raise self.fail(at + 2, "expected a weekday after '-'")
                    rule.weekdays.append(WeekdayRange(start, self.num(at + 2)))
                    at += 3
                else:
                    rule.weekdays.append(WeekdayRange(start, start))
                    at += 1
            elif kind == "holiday":
                return self.holiday(at, rule, True, inside=True)
            else:
                raise self.fail(at, "expected a weekday or PH after ','")
            if not self.match(at, ","):
                return at
            at += 1

    def nth_weekday(self, at: int, rule: _Draft) -> int:
        """``Sa[1]``, ``We[2,4]``, ``Th[-1] +2 days`` at ``at``: the position after it."""
        weekday = self.num(at)
        nths: list[int] = []
        at += 2
        while True:
            negative = self.match(at, "-")
            if negative:
                at += 1
            if not self.match(at, "number"):
                raise self.fail(at, "expected a number from -5 to 5 in [...]")
            first = -self.num(at) if negative else self.num(at)
            if first == 0 or not -5 <= first <= 5:
                raise self.fail(at, "expected a number from -5 to 5 in [...]")
            at += 1
            if not negative and self.match(at, "-", "number"):
                last = self.num(at + 1)
                if last < first or last > 5:
                    raise self.fail(at + 1, f"bad range {first}-{last} in [...]")
                nths.extend(range(first, last + 1))
                at += 2
            else:
                nths.append(first)
            if not self.match(at, ","):
                break
            at += 1
        if not self.match(at, "]"):
            raise self.fail(at, "expected ']' or more numbers")
        offset, used = self.move_days(at + 1, 6, "a constrained weekday")
        rule.weekdays.append(NthWeekday(weekday, tuple(nths), offset))
        return at + 1 + used

    def holiday(self, at: int, rule: _Draft, with_weekdays: bool, inside: bool = False) -> int:
        target: list[Holiday] | list[WeekdaySelector] = (
            rule.weekdays if with_weekdays else rule.holidays
        )
        while True:
            kind = self.kind(at)
            if kind == "holiday":
                offset, used = self.move_days(at + 1, 1, "PH")
                target.append(Holiday(offset))
                at += 1 + used
            elif kind == "weekday":
                return self.weekdays(at, rule)
            else:
                raise self.fail(at, "expected PH or a weekday after ','")
            if not self.match(at, ","):
                return at
            at += 1
            if not with_weekdays:
                with_weekdays = True
                target = rule.weekdays

    def move_days(self, at: int, limit: int, name: str) -> tuple[int, int]:
        """``+2 days``/``-1 day`` at ``at``: (days, tokens used); (0, 0) when absent."""
        kind = self.kind(at)
        sign = 1 if kind == "+" else -1 if kind == "-" else 0
        if sign and self.match(at + 1, "number", "calcday"):
            days = self.num(at + 1)
            if days > limit:
                raise OSMSyntaxError(
                    self.value,
                    self.column(at + 1),
                    f"{name} can be moved by at most {limit} day{'s' if limit > 1 else ''}",
                )
            return sign * days, 3
        return 0, 0

    # -- years, weeks, months -------------------------------------------------------------

    def years(self, at: int, rule: _Draft) -> int:
        while True:
            if not self.match(at, "year"):
                raise self.fail(at, "expected a year after ','")
            start = self.num(at)
            if self.match(at + 1, "-", "year"):
                end = self.num(at + 2)
                if end <= start:
                    raise OSMSyntaxError(
                        self.value,
                        self.column(at),
                        f"year range {start}-{end} is empty or reversed",
                    )
                period = None
                used = 3
                if self.match(at + 3, "/", "number"):
                    period = self.num(at + 4)
                    self.check_period(at + 4, period)
                    used = 5
                rule.years.append(YearRange(start, end, period))
                at += used
            elif self.match(at + 1, "/", "number"):
                period = self.num(at + 2)
                self.check_period(at + 2, period)
                rule.years.append(YearRange(start, None, period))
                at += 3
            elif self.match(at + 1, "+"):
                rule.years.append(YearRange(start, None, None, plus=True))
                at += 2
            else:
                rule.years.append(YearRange(start))
                at += 1
            if not self.match(at, ","):
                return at
            at += 1

    def check_period(self, at: int, period: int) -> None:
        if period == 0:
            raise OSMSyntaxError(self.value, self.column(at), "a period of 0 never repeats")

    def weeks(self, at: int, rule: _Draft) -> int:
        while True:
            if self.match(at, "week"):
                at += 1
            if not self.match(at, "number"):
                raise self.fail(at, "expected a week number (01-53)")
            start = self.num(at)
            end = start
            is_range = self.match(at + 1, "-", "number")
            if is_range:
                end = self.num(at + 2)
            if start > end:
                raise OSMSyntaxError(self.value, self.column(at + 2), "week range is reversed")
            if start < 1:
                raise OSMSyntaxError(self.value, self.column(at), "weeks are numbered from 01")
            if end > 53:
                raise OSMSyntaxError(
                    self.value,
                    self.column(at + 2 if is_range else at),
                    "weeks are numbered up to 53",
                )
            period = None
            if is_range and self.match(at + 3, "/", "number"):
                period = self.num(at + 4)
                if period < 2:
                    raise OSMSyntaxError(
                        self.value, self.column(at + 4), "a week period is at least 2"
                    )
                if period > 26:
                    raise OSMSyntaxError(
                        self.value, self.column(at + 4), "a week period is at most 26"
                    )
            rule.weeks.append(WeekRange(start, end, period))
            at += 1 + (2 if is_range else 0) + (2 if period else 0)
            if not self.match(at, ","):
                return at
            at += 1

    def months(self, at: int, rule: _Draft, to_monthdays: bool) -> int:
        target = rule.monthdays if to_monthdays else rule.months
        while True:
            if self.match(at, "month", "number") and not self.match(at + 2, ":", "number"):
                return self.monthdays(at, rule, True)
            if not self.match(at, "month"):
                raise self.fail(at, "expected a month (Jan-Dec)")
            start = self.num(at)
            if self.match(at + 1, "-", "month"):
                target.append(MonthRange(start, self.num(at + 2)))
                at += 3
            else:
                target.append(MonthRange(start, start))
                at += 1
            if not self.match(at, ","):
                return at
            at += 1

    # -- month days, date spans, easter ---------------------------------------------------

    def point(self, at: int, limit: int) -> tuple[DatePoint | None, int]:
        """A span end at ``at`` (after an optional year): the point and the next position."""
        year = self.num(at) if self.match(at, "year") else None
        p = at + (year is not None)
        if self.match(p, "event"):
            offset, used = self.move_days(p + 1, limit, "easter")
            return DatePoint("easter", year, offset=offset), p + 1 + used
        if self.match(p, "month", "weekday", "["):
            nth, after = self.constrained(p + 3)
            offset, used = self.move_days(after, 6, "a constrained weekday")
            return DatePoint(
                "nth", year, month=self.num(p), weekday=self.num(p + 1), nth=nth, offset=offset
            ), after + used
        if self.match(p, "month", "number"):
            return DatePoint("date", year, month=self.num(p), day=self.num(p + 1)), p + 2
        return None, at

    def constrained(self, at: int) -> tuple[int, int]:
        negative = self.match(at, "-")
        p = at + negative
        if not self.match(p, "number"):
            raise self.fail(p, "expected a number from -5 to 5 in [...]")
        number = -self.num(p) if negative else self.num(p)
        if number == 0 or not -5 <= number <= 5:
            raise self.fail(p, "expected a number from -5 to 5 in [...]")
        if self.match(p + 1, "-") or self.match(p + 1, ","):
            raise self.fail(p + 1, "expected one number in [...] of a date")
        if not self.match(p + 1, "]"):
            raise self.fail(p + 1, "expected ']'")
        return number, p + 2

    def check_date(self, month: int, day: int, at: int) -> None:
        if not 1 <= day <= _MONTH_DAYS[month - 1]:
            raise OSMSyntaxError(
                self.value,
                self.column(at),
                f"{MONTHS[month - 1]} has no day {day} (days 1-{_MONTH_DAYS[month - 1]})",
            )

    def monthdays(self, at: int, rule: _Draft, to_months: bool) -> int:
        target = rule.months if to_months else rule.monthdays
        while True:
            has_year = self.match(at, "year")
            p = at + has_year
            date = self.match(p, "month", "number")
            if not date or self.match(p + 2, "-"):  # a lone date (Dec 25) starts no span
                start, after = self.point(at, 200)
                if start is not None and self.match(after, "-"):
                    end, end_after = self.point(after + 1, 366)
                    if end is not None and (start.year is None) == (end.year is None):
                        for point, pos in ((start, at), (end, after + 1)):
                            if point.kind == "date":
                                self.check_date(
                                    point.month, point.day, pos + (point.year is not None) + 1
                                )
                        target.append(DateSpan(start, end))
                        at = end_after
                        if not self.match(at, ","):
                            return at
                        at += 1
                        continue
            year = self.num(at) if has_year else None
            if date:
                month = self.num(p)
                first_round = True
                while True:
                    first = self.num(p + 1)
                    is_range = self.match(p + 2, "-", "number")
                    last = self.num(p + 3) if is_range else first
                    period = None
                    if is_range and self.match(p + 4, "/", "number"):
                        period = self.num(p + 5)
                        self.check_period(p + 5, period)
                    if first_round:
                        sep = (
                            p
                            + 1
                            + (2 if is_range else 0)
                            + (2 if period else 0)
                            + (not (is_range or period))
                        )
                        if self.match(sep, ":", "number") and (
                            self.match(sep + 2, "+") or self.match(sep + 2, "-") or self.mode != 0
                        ):
                            if has_year:
                                raise self.fail(at, "expected a date, not a time, after the year")
                            return self.months(at, rule, True)
                    if last < first:
                        raise OSMSyntaxError(
                            self.value, self.column(p + 3), "day range is reversed"
                        )
                    self.check_date(month, first, p + 1)
                    if is_range:
                        self.check_date(month, last, p + 3)
                    target.append(MonthDays(year, month, first, last, period, is_range))
                    p += 2 + (2 if is_range else 0) + (2 if period else 0)
                    first_round = False
                    if not self.match(p, ",", "number"):
                        break  # else the next day reads tokens[p + 1]: "Dec 24,25"
                at = p
            elif self.match(p, "event"):
                offset, used = self.move_days(p + 1, 200, "easter")
                target.append(Easter(year, offset))
                at = p + 1 + used
            elif self.match(p, "month", "weekday", "["):
                at = self.months(at, rule, False)
                return at
            elif self.match(at, "month"):
                return self.months(at, rule, True)
            elif self.match(at - 1, ","):
                raise self.fail(at, "expected a date after ','")
            else:
                return at
            if not self.match(at, ","):
                return at
            at += 1

    # -- times ----------------------------------------------------------------------------

    def time_at(self, at: int) -> int:
        """``HH:MM`` at ``at`` in minutes (hours may exceed 24 for an end)."""
        if not self.match(at, "number", ":", "number"):
            if self.match(at, "number", ":"):
                raise self.fail(at + 2, "expected minutes (two digits) after ':'")
            raise self.fail(at, "expected a time such as 08:30")
        return self.minutes(at)

    def minutes(self, at: int) -> int:
        """:meth:`time_at` once its three tokens are known to be there."""
        minutes = self.num(at + 2)
        if minutes > 59:
            raise OSMSyntaxError(self.value, self.columns[at + 2], "minutes are greater than 59")
        return self.num(at) * 60 + minutes

    def times(self, at: int, rule: _Draft) -> int | tuple[int]:
        """A comma list of time spans; ``(start,)`` of an additional rule after it."""
        while True:
            if self.match(at, "number", ":", "number"):
                column = self.columns[at]
                start = self.minutes(at)
                after = at + 3
                end: int | None = None
                open_end = False
                period = None
                kind = self.kind(after)
                if kind == "-":
                    if not self.match(after + 1, "number"):
                        raise self.fail(after + 1, "expected a time such as 18:00 after '-'")
                    end = self.time_at(after + 1)
                    after += 4
                    kind = self.kind(after)
                    if kind == "+":
                        open_end = True
                        after += 1
                    elif kind == "/" and self.match(after + 1, "number"):
                        if self.match(after + 2, ":", "number"):
                            period = self.time_at(after + 1)
                            after += 4
                        else:
                            period = self.num(after + 1)
                            after += 2
                            if self.match(after, ":"):
                                raise self.fail(after, "expected a period in minutes or HH:MM")
                        if self.mode == 0:
                            raise OSMSyntaxError(
                                self.value,
                                self.column(after - 1),
                                "points in time with a period need mode 'points' or 'both'",
                            )
                        if period == 0:
                            raise OSMSyntaxError(
                                self.value, self.column(after - 1), "a period of 0 never repeats"
                            )
                    elif self.mode == 1:
                        raise OSMSyntaxError(
                            self.value,
                            self.column(at),
                            "a time range is not a point in time (mode 'points')",
                        )
                elif kind == "+":
                    open_end = True
                    after += 1
                elif self.mode == 0:
                    raise OSMSyntaxError(
                        self.value,
                        self.column(at + 2) + 2,
                        "expected '-' and an end time (a point in time such as 12:00 needs mode 'points')",
                    )
                self.check_span(start, end, open_end, column)
                rule.times.append(TimeSpan(start, end, open_end, period, column))
                at = after
            elif self.match(at, "number", "-"):
                raise self.fail(at, "expected a time with minutes such as 10:00")
            elif self.match(at, "number", ":"):
                raise self.fail(at + 2, "expected minutes (two digits) after ':'")
            elif self.match(at, "number"):
                raise self.fail(at + 1, "expected ':' and minutes after the hour")
            elif self.match(at, "("):
                raise self.fail(at, "expected a time such as 08:30")
            else:
                return (at,)
            if not self.match(at, ","):
                return at
            at += 1

    def check_span(self, start: int, end: int | None, open_end: bool, column: int) -> None:
        if start >= DAY:
            raise OSMSyntaxError(
                self.value, column, "a time range starts within the day (before 24:00)"
            )
        if end is None:
            return
        to = end
        if to < start or to == start:
            to += DAY
        if to > 2 * DAY:
            raise OSMSyntaxError(
                self.value, column, "a time range ends at most at 48:00 (two midnights)"
            )
        if open_end:
            begin = end + (DAY if to > DAY and end < start else 0)
            if begin >= 22 * 60:
                guessed = begin + 8 * 60
            elif begin >= 17 * 60:
                guessed = begin + 10 * 60
            else:
                guessed = DAY
            if guessed > 2 * DAY:
                raise OSMSyntaxError(self.value, column, "an open end past 48:00")


def parse(value: str, mode: int = 0) -> Value:
    """The syntax tree of ``value``; :class:`OSMSyntaxError` or ``UnsupportedSyntax`` if
    it is invalid or not supported (the error gives the column)."""
    if not isinstance(value, str):
        raise OSMSyntaxError(repr(value), 0, "an opening_hours value is a string")
    if not value.strip():
        raise OSMSyntaxError(value, 0, "empty value: expected rules such as Mo-Fr 08:00-12:00")
    rule_tokens = tokenize(value)
    rules: list[Rule] = []
    for index, tokens in enumerate(rule_tokens):
        if not tokens.kinds:
            continue
        following = index + 1 < len(rule_tokens)
        end_column = rule_tokens[index + 1].column - 1 if following else len(value)
        parser = _Parser(value, tokens, end_column, mode)
        at: int | None = 0
        additional = False
        while at is not None:
            if at >= len(parser.kinds):
                break  # a trailing ',' adds nothing
            draft = _Draft(tokens.columns[at], additional, tokens.fallback)
            at = parser.group(at, draft)
            rules.append(draft.freeze())
            additional = True
    if not rules:
        raise OSMSyntaxError(value, 0, "no rule: expected rules such as Mo-Fr 08:00-12:00")
    return Value(tuple(rules), mode, value)
