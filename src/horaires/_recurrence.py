"""Recurring dates from RFC 5545 RRULE text, with ``dateutil.rrule``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Protocol

__all__ = ["DEFAULT_START", "Recurrence", "check_rrule"]

DEFAULT_START = dt.date(2000, 1, 1)
"""The first date of a recurrence that gives no ``start`` (matters for INTERVAL > 1)."""

_LAST_YEAR = 9999


_SUB_DAILY = re.compile(
    r"\b(FREQ\s*=\s*(HOURLY|MINUTELY|SECONDLY)|BYHOUR|BYMINUTE|BYSECOND)\b", re.I
)
_PROBE_PARTS = ("bymonth", "bymonthday", "byweekday", "byyearday", "byweekno", "byeaster")


class _Rule(Protocol):
    def between(
        self, after: dt.datetime, before: dt.datetime, inc: bool = ...
    ) -> list[dt.datetime]: ...

    def xafter(
        self, after: dt.datetime, count: int | None = ..., inc: bool = ...
    ) -> Iterator[dt.datetime]: ...


def _parse(text: str, start: dt.date) -> _Rule:
    from dateutil.rrule import rrulestr

    body = text.strip()
    if not body.upper().startswith(("RRULE:", "DTSTART", "FREQ=")):
        raise ValueError(f"{text!r} is not an RRULE: expected e.g. 'FREQ=MONTHLY;BYDAY=1SA'")
    if _SUB_DAILY.search(body):
        raise ValueError(
            f"invalid RRULE {text!r}: exceptions recur on dates; use FREQ=DAILY, WEEKLY, "
            "MONTHLY or YEARLY, without BYHOUR, BYMINUTE or BYSECOND"
        )
    try:
        rule: _Rule = rrulestr(body, dtstart=dt.datetime.combine(start, dt.time()), ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise ValueError(f"invalid RRULE {text!r}: {error}") from None
    return rule


def _never(rule: Any) -> bool:
    """Whether the BY parts of a rule can never meet on a date (``BYMONTH=2;BYMONTHDAY=30``).

    dateutil would walk to the year 9999 looking for one; the probe walks a yearly rule
    with the same parts through the last thousand years (more than one 400-year cycle of
    the calendar). Rules with positions (``1SA``, ``BYSETPOS``) are not probed.
    """
    from dateutil.rrule import YEARLY, rrule

    for one in getattr(rule, "_rrule", [rule]):
        given = getattr(one, "_original_rule", {})
        parts = {key: value for key, value in given.items() if key in _PROBE_PARTS}
        if not parts or "bysetpos" in given or getattr(one, "_bynweekday", None):
            continue
        start = dt.datetime(9000, 1, 1)
        if rrule(YEARLY, dtstart=start, **parts).after(start, inc=True) is None:
            return True
    return False


def check_rrule(text: str) -> None:
    """Raise ``ValueError`` with a readable message when ``text`` is not a valid RRULE.

    >>> check_rrule("FREQ=MONTHLY;BYDAY=1SA")
    >>> check_rrule("FREQ=SOMETIMES")
    Traceback (most recent call last):
    ...
    ValueError: invalid RRULE 'FREQ=SOMETIMES': invalid 'FREQ': SOMETIMES
    >>> check_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    Traceback (most recent call last):
    ...
    ValueError: RRULE 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' never falls on a date
    """
    if _never(_parse(text, DEFAULT_START)):
        raise ValueError(f"RRULE {text!r} never falls on a date")


_CACHED_YEARS = 16
"""Years of dates a walk keeps."""


class _Walk:
    """The dates of a parsed rule, year by year, each year computed once.

    ``dateutil`` walks from the start of the rule on every call. A walk that finds the next
    date years later, or none, also records the empty years it crossed, so a rule that
    stops (``COUNT``, ``UNTIL``) or never falls on a date again is walked once.
    """

    __slots__ = ("_empty", "_rule", "_years")

    def __init__(self, rule: _Rule) -> None:
        self._rule = rule
        self._years: dict[int, tuple[dt.date, ...]] = {}
        self._empty: tuple[int, int] = (0, 0)  # years [lo, hi) known to hold no date

    def year(self, year: int) -> tuple[dt.date, ...]:
        dates = self._years.get(year)
        if dates is not None:
            return dates
        lo, hi = self._empty
        if lo <= year < hi:
            return ()
        found: list[dt.date] = []
        after = _LAST_YEAR + 1
        for hit in self._rule.xafter(dt.datetime(year, 1, 1), inc=True):
            if hit.year != year:
                after = hit.year
                break
            found.append(hit.date())
        dates = tuple(sorted(set(found)))
        if len(self._years) >= _CACHED_YEARS:
            self._years = {}
        self._years[year] = dates
        self._empty = (year + 1 if dates else year, after)
        return dates


@lru_cache(maxsize=256)
def _walk(text: str, start: dt.date) -> _Walk:
    """One walk per rule and start, shared by every schedule that uses it."""
    return _Walk(_parse(text, start))


class Recurrence:
    """The dates of an RRULE between optional inclusive bounds.

    >>> first_saturdays = Recurrence("FREQ=MONTHLY;BYDAY=1SA")
    >>> first_saturdays.between(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    [datetime.date(2025, 1, 4), datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)]
    """

    __slots__ = ("_walk", "end", "start")

    def __init__(self, text: str, start: dt.date | None = None, end: dt.date | None = None):
        self.start = start or DEFAULT_START
        self.end = end
        self._walk = _walk(text, self.start)

    def between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The dates of the recurrence from ``first`` to ``last``, both included."""
        first = max(first, self.start)
        if self.end is not None:
            last = min(last, self.end)
        if last < first:
            return []
        return [
            day
            for year in range(first.year, last.year + 1)
            for day in self._walk.year(year)
            if first <= day <= last
        ]
