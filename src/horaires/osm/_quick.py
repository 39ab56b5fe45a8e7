"""The commonest shapes of a rule, read by one regular expression.

Most rules in OpenStreetMap's data are weekdays or one date, times and a state (``Mo-Fr
08:30-12:30,13:30-17:30``, ``Sa 09:00-12:00``, ``Su off``, ``2025 Dec 24 off``). This
module reads a rule of exactly such a shape without tokens or grammar; any other text,
or any doubt (an hour past 24:00, an hour of one digit, two spaces), gives None
and the parser reads the rule in full (:mod:`horaires.osm._parser`). Both give the same
rule, columns included: tests/osm/test_quick.py compares them on generated texts.

>>> read("Mo,We-Fr 08:30-12:30").weekdays
(WeekdayRange(start=0, end=0), WeekdayRange(start=2, end=4))
>>> read("Mo-Fr 08:30-12:30 PH") is None
True
"""

from __future__ import annotations

import functools
import re

from ._ast import WEEKDAY_RANGES, MonthDays, Rule, TimeSpan, WeekdayRange, make_rule, make_span
from ._lexer import MONTH_DAYS, MONTHS, STATES, WEEKDAYS

__all__ = ["read"]

_DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
_SPAN = rf"{_TIME}-(?:{_TIME}|24:00)"
_SHAPE = re.compile(
    rf"(?:({_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*) )?"
    rf"(?:(?:(\d{{4}}) )?({'|'.join(MONTHS)}) (0?[1-9]|[12]\d|3[01]) )?"
    rf"(?:({_SPAN}(?:, ?{_SPAN})*) )?"
    rf"(?:({'|'.join(STATES)}) )?"
)
"""Weekdays; one date (its year optional); times; a state: each part
optional, each followed by one space (the text is read with one space added)."""

_MINUTES = {f"{h:02d}:{m:02d}": h * 60 + m for h in range(24) for m in range(60)} | {"24:00": 1440}
_NUMBER = {day: i for i, day in enumerate(WEEKDAYS)} | {m: i + 1 for i, m in enumerate(MONTHS)}


def read(text: str, fallback: bool = False, column: int = 0) -> Rule | None:
    """The rule ``text`` (stripped, without ``;``; at ``column`` of its value) when it has
    one of the common shapes; None otherwise."""
    found = _SHAPE.fullmatch(text + " ")
    if found is None or len(text) == 0:
        return None
    days, year, month, day, times, state = found.groups()
    weekdays = () if days is None else _weekdays(days)
    monthdays: tuple[MonthDays, ...] = ()
    if month is not None:
        if year is not None and not 1900 < int(year) <= 2100:
            return None
        number, date = _NUMBER[month], int(day)
        if date > MONTH_DAYS[number - 1]:
            return None
        monthdays = (MonthDays(None if year is None else int(year), number, date, date),)
    spans: list[TimeSpan] = []
    if times is not None:
        at = column + found.start(5)
        for piece in times.split(","):
            at += piece[0] == " "
            spans.append(make_span(_MINUTES[piece[-11:-6]], _MINUTES[piece[-5:]], False, None, at))
            at += 12
    return make_rule(  # in the order of Rule's fields
        (),
        (),
        (),
        monthdays,
        (),
        weekdays,
        tuple(spans),
        None if state is None else STATES[state],
        None,
        False,
        fallback,
        False,
        column,
    )


@functools.lru_cache(maxsize=1024)
def _weekdays(days: str) -> tuple[WeekdayRange, ...]:
    """The weekday ranges of ``Mo,We-Fr`` (the same few lists recur in every value)."""
    return tuple(WEEKDAY_RANGES[_NUMBER[item[:2]], _NUMBER[item[-2:]]] for item in days.split(","))
