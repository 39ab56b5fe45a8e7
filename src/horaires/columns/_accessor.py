"""The methods of ``.horaires`` on a pandas or Polars Series: the functions of
:mod:`horaires.columns` with the Series as the values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._ask import ask, errors
from ._core import RowError

__all__ = ["SeriesMethods"]


class SeriesMethods:
    """``series.horaires``: each method is the function of :mod:`horaires.columns` of the same
    name, asked of this Series, with the same options (``timezone=``, ``country=``, ...,
    ``errors=``); instants and options may be Series of the same length (matched by
    position)."""

    __slots__ = ("_series",)

    def __init__(self, series: Any) -> None:
        self._series = series

    def is_open(self, at: Any = None, **options: Any) -> Any:
        """Whether each place is open at ``at`` (see :func:`horaires.columns.is_open`)."""
        return ask("is_open", self._series, at, **options)

    def can_be_served(self, at: Any = None, **options: Any) -> Any:
        """Whether a person arriving at ``at`` is admitted at each place."""
        return ask("can_be_served", self._series, at, **options)

    def is_unknown(self, at: Any = None, **options: Any) -> Any:
        """Whether the state at ``at`` is unknown, for each place."""
        return ask("is_unknown", self._series, at, **options)

    def state(self, at: Any = None, **options: Any) -> Any:
        """``open``, ``closed`` or ``unknown`` at ``at``, for each place."""
        return ask("state", self._series, at, **options)

    def next_change(
        self, at: Any = None, *, horizon: dt.timedelta | None = None, **options: Any
    ) -> Any:
        """The first instant after ``at`` where each place's state changes."""
        return ask("next_change", self._series, at, horizon=horizon, **options)

    def open_minutes(self, start: Any, end: Any, **options: Any) -> Any:
        """The minutes each place is open in ``[start, end)``."""
        return ask("open_minutes", self._series, start, end, **options)

    def errors(self, **options: Any) -> list[RowError]:
        """The rows whose value is invalid (see :func:`horaires.columns.errors`)."""
        return errors(self._series, **options)
