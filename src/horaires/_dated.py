"""Dated rules: an exception's dates (a date, a range, or a recurrence), bounds and span.

The span says how specific a rule is (docs/configuration.md#precedence): within a level of
precedence, the rule with the smaller span wins on a date both cover, and two rules of one
level with the same span on a date are a configuration error (:mod:`horaires._conflicts`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._recurrence import LAST_YEAR, SPAN_DAYS, Recurrence, year_bits

if TYPE_CHECKING:
    from ._model import DatedException

__all__ = ["DatedRule", "Span"]

Span = tuple[float, int]
"""How specific a dated rule is (smaller wins): days from first to last date, dates covered."""

_LAST = dt.date(LAST_YEAR, 12, 31)


@dataclass(frozen=True, slots=True, init=False, eq=False)
class DatedRule:
    """A dated exception with its recurrence parsed, its bounds and its span measured.

    ``first`` and ``last`` bound its dates (``last`` is None for a recurrence without
    ``end``, and at most the last day of the supported years). Its span is ``(days,
    dates)``: a date is ``(1, 1)``, a range of n days ``(n, n)``; a recurrence counts its
    days from ``start`` to ``end`` (infinite when either is missing) and its dates between
    them, or in the :data:`~horaires._recurrence.SPAN_DAYS` from its start when it has no
    ``end``.

    >>> from horaires import DatedException
    >>> rule = DatedRule(DatedException(start="2025-08-04", end="2025-08-22", hours="closed"), "x")
    >>> rule.span, len(rule.dates(dt.date(2025, 8, 1), dt.date(2025, 8, 10)))
    ((19, 19), 7)
    >>> DatedRule(DatedException(rrule="FREQ=MONTHLY;BYDAY=1SA", hours="closed"), "y").span
    (inf, 48)
    """

    exception: DatedException
    path: str
    recurrence: Recurrence | None
    first: dt.date
    last: dt.date | None
    span: Span

    def __init__(self, exception: DatedException, path: str) -> None:
        days = exception.span_days
        recurrence = None
        if exception.rrule is None:
            first = exception.date or exception.start
            last = exception.date or exception.end
            assert first is not None and last is not None and days is not None  # the model
            last = min(last, _LAST)
            span: Span = (days, days)
        else:
            recurrence = Recurrence(exception.rrule, exception.start, exception.end)
            first = recurrence.start
            last = None if recurrence.end is None else min(recurrence.end, _LAST)
            ahead = dt.date.fromordinal(min(first.toordinal() + SPAN_DAYS, _LAST.toordinal()))
            window_end = min(last or ahead, _LAST)
            span = (days if days is not None else math.inf, recurrence.count(first, window_end))
        for name, value in (
            ("exception", exception),
            ("path", path),
            ("recurrence", recurrence),
            ("first", first),
            ("last", last),
            ("span", span),
        ):
            object.__setattr__(self, name, value)

    def dates(self, first: dt.date, last: dt.date) -> Sequence[dt.date]:
        """The dates it covers from ``first`` to ``last``, both included."""
        if self.recurrence is not None:
            return self.recurrence.between(first, last)
        assert self.last is not None
        lo, hi = max(first, self.first), min(last, self.last)
        return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]

    def mask(self, year: int) -> int:
        """The dates it covers in ``year``, as bits (bit 0: 1 January)."""
        if self.recurrence is not None:
            return self.recurrence.mask(year)
        assert self.last is not None
        return year_bits(year, self.first.toordinal(), self.last.toordinal())
