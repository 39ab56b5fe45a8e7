"""Dated rules: an exception's dates (a date, a range, or a recurrence), bounds and span.

The span says how specific a rule is (docs/configuration.md#precedence): within a level of
precedence, the rule with the smaller span wins on a date both cover.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._recurrence import Recurrence

if TYPE_CHECKING:
    from ._model import DatedException

__all__ = ["DatedRule", "Span"]

Span = tuple[float, int]
"""How specific a dated rule is (smaller wins): days from first to last date, dates covered."""


class DatedRule:
    """A dated exception with its recurrence parsed, its bounds and its span measured.

    >>> from horaires import DatedException
    >>> rule = DatedRule(DatedException(start="2025-08-04", end="2025-08-22", hours="closed"), "x")
    >>> rule.span, len(rule.dates(dt.date(2025, 8, 1), dt.date(2025, 8, 10)))
    ((19, 19), 7)
    """

    __slots__ = ("exception", "first", "last", "path", "recurrence", "span")

    def __init__(self, exception: DatedException, path: str) -> None:
        self.exception = exception
        self.path = path
        self.recurrence: Recurrence | None = None
        self.last: dt.date | None  # None: an unbounded recurrence
        if exception.rrule:
            self.recurrence = Recurrence(exception.rrule, exception.start, exception.end)
            self.first, self.last = self.recurrence.start, self.recurrence.end
        else:
            first = exception.date or exception.start
            last = exception.date or exception.end
            assert first is not None and last is not None  # the model checked it
            self.first, self.last = first, last
        self.span = self._span()

    def _span(self) -> Span:
        days = self.exception.span_days
        if self.recurrence is None:
            assert days is not None
            return (days, days)
        last = self.recurrence.end or self.first + dt.timedelta(days=4 * 365)
        count = len(self.recurrence.between(self.first, last))
        return (days if days is not None else math.inf, count)

    def dates(self, first: dt.date, last: dt.date) -> Sequence[dt.date]:
        """The dates it covers from ``first`` to ``last``."""
        if self.recurrence is not None:
            return self.recurrence.between(first, last)
        assert self.last is not None
        lo, hi = max(first, self.first), min(last, self.last)
        return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
