"""Recurring dates from RFC 5545 RRULE text, with ``dateutil.rrule``."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

__all__ = ["DEFAULT_START", "Recurrence", "check_rrule"]

DEFAULT_START = dt.date(2000, 1, 1)
"""The first date of a recurrence that gives no ``start`` (matters for INTERVAL > 1)."""


class _Rule(Protocol):
    def between(
        self, after: dt.datetime, before: dt.datetime, inc: bool = ...
    ) -> list[dt.datetime]: ...


def _parse(text: str, start: dt.date) -> _Rule:
    from dateutil.rrule import rrulestr

    body = text.strip()
    if not body.upper().startswith(("RRULE:", "DTSTART", "FREQ=")):
        raise ValueError(f"{text!r} is not an RRULE: expected e.g. 'FREQ=MONTHLY;BYDAY=1SA'")
    try:
        rule: _Rule = rrulestr(body, dtstart=dt.datetime.combine(start, dt.time()), ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise ValueError(f"invalid RRULE {text!r}: {error}") from None
    return rule


def check_rrule(text: str) -> None:
    """Raise ``ValueError`` with a readable message when ``text`` is not a valid RRULE.

    >>> check_rrule("FREQ=MONTHLY;BYDAY=1SA")
    >>> check_rrule("FREQ=SOMETIMES")
    Traceback (most recent call last):
    ...
    ValueError: invalid RRULE 'FREQ=SOMETIMES': invalid 'FREQ': SOMETIMES
    """
    _parse(text, DEFAULT_START)


_CACHED_YEARS = 16
"""Years of dates a recurrence keeps."""


class Recurrence:
    """The dates of an RRULE between optional inclusive bounds.

    >>> first_saturdays = Recurrence("FREQ=MONTHLY;BYDAY=1SA")
    >>> first_saturdays.between(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    [datetime.date(2025, 1, 4), datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)]
    """

    __slots__ = ("_rule", "_years", "end", "start")

    def __init__(self, text: str, start: dt.date | None = None, end: dt.date | None = None):
        self.start = start or DEFAULT_START
        self.end = end
        self._rule = _parse(text, self.start)
        self._years: dict[int, tuple[dt.date, ...]] = {}

    def _year(self, year: int) -> tuple[dt.date, ...]:
        """The dates of one calendar year, computed once: ``dateutil`` walks from the start
        of the rule on every call, so compiling a week at a time would repeat that walk."""
        dates = self._years.get(year)
        if dates is None:
            hits = self._rule.between(
                dt.datetime(year, 1, 1), dt.datetime.combine(dt.date(year, 12, 31), dt.time.max),
                inc=True,
            )
            dates = tuple(sorted({hit.date() for hit in hits}))
            if len(self._years) >= _CACHED_YEARS:
                self._years = {}
            self._years[year] = dates
        return dates

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
            for day in self._year(year)
            if first <= day <= last
        ]
