"""Questions over a column of OpenStreetMap ``opening_hours`` values, at one instant or a column
of instants: which places are open now, when each changes, how many minutes each is open.

A column is a list, a pyarrow ``Array`` or ``ChunkedArray``, a pandas ``Series`` or a Polars
``Series``; the answer is a column of the same kind and length, null where the value, an
instant or an option of the row is null (or the value is invalid, with ``errors="null"``).
Each distinct value is parsed once per call (a dictionary-encoded column, a pandas
``category`` or a Polars ``Categorical``, once per entry in use), and the answers go back to
the rows by their codes, so a column of a million rows that repeat costs what its distinct
values cost. The options are :func:`horaires.osm.parse`'s; ``timezone``, ``country`` and
``subdivision`` can also be columns.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from horaires import columns
>>> at = datetime(2025, 5, 5, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))  # a Monday
>>> values = ["Mo-Fr 08:30-12:30", None, "Sa 09:00-12:00", "Mo-Fr 08:30-12:30", "Mo-Fx 10:00"]
>>> columns.is_open(values, at)
[True, None, False, True, None]
>>> columns.state(values, at)
['open', None, 'closed', 'open', None]
>>> [(error.row, error.value) for error in columns.errors(values)]
[(4, 'Mo-Fx 10:00')]

Importing this module registers ``.horaires`` on pandas and Dask Series and on Polars
Series and expressions (now for those already imported, and when they are imported later):
``df["opening_hours"].horaires.is_open(at)``, ``pl.col("opening_hours").horaires.is_open(at)``.
See ``docs/bulk.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, overload

from .. import osm
from .._wall import Disambiguate
from . import _register
from ._ask import QUESTIONS, ask, errors
from ._core import ANSWERS_CACHE, MEMO, ColumnError, Errors, RowError, State, forget_instants

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "ANSWERS_CACHE",
    "QUESTIONS",
    "ColumnError",
    "Errors",
    "RowError",
    "State",
    "ask",
    "can_be_served",
    "clear_cache",
    "errors",
    "is_open",
    "is_unknown",
    "next_change",
    "open_minutes",
    "register_duckdb",
    "state",
]

# -- the questions ----------------------------------------------------------------------------


@overload
def is_open(
    values: list[str | None],
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> list[bool | None]: ...
@overload
def is_open(
    values: Any,
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> Any: ...
def is_open(
    values: Any,
    at: Any = None,
    *,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """Whether each place is open at ``at``: an aware datetime (None is now) or a column of
    them; ``osm.parse(value, ...).is_open(at)`` row by row.

    The options are :func:`horaires.osm.parse`'s (``timezone``, ``country``, ``subdivision``:
    a string or a column). ``errors="null"``: an invalid value gives null (:func:`errors`
    lists those rows); ``"raise"``: a :class:`ColumnError` names the first.
    """
    return ask(
        "is_open",
        values,
        at,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


@overload
def can_be_served(
    values: list[str | None],
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> list[bool | None]: ...
@overload
def can_be_served(
    values: Any,
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> Any: ...
def can_be_served(
    values: Any,
    at: Any = None,
    *,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """Whether a person arriving at ``at`` is admitted at each place (for OpenStreetMap values,
    :func:`is_open`: the data has no admission cutoff, and an unknown state admits no one)."""
    return ask(
        "can_be_served",
        values,
        at,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


@overload
def is_unknown(
    values: list[str | None],
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> list[bool | None]: ...
@overload
def is_unknown(
    values: Any,
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> Any: ...
def is_unknown(
    values: Any,
    at: Any = None,
    *,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """Whether each value says the state at ``at`` is unknown (``Su unknown "call first"``)."""
    return ask(
        "is_unknown",
        values,
        at,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


@overload
def state(
    values: list[str | None],
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> list[State | None]: ...
@overload
def state(
    values: Any,
    at: Any = ...,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> Any: ...
def state(
    values: Any,
    at: Any = None,
    *,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """``"open"``, ``"closed"`` or ``"unknown"`` at ``at``, for each place (strings)."""
    return ask(
        "state",
        values,
        at,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


@overload
def next_change(
    values: list[str | None],
    at: Any = ...,
    *,
    horizon: dt.timedelta | None = ...,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> list[dt.datetime | None]: ...
@overload
def next_change(
    values: Any,
    at: Any = ...,
    *,
    horizon: dt.timedelta | None = ...,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> Any: ...
def next_change(
    values: Any,
    at: Any = None,
    *,
    horizon: dt.timedelta | None = None,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """The first instant after ``at`` where each place's state changes (null when nothing
    changes within ``horizon``, see ``Schedule.next_change``).

    A list gives datetimes in the place's zone; an Arrow, pandas or Polars column gives
    timestamps in microseconds with the zone ``timezone`` (UTC when it is a column).
    """
    return ask(
        "next_change",
        values,
        at,
        horizon=horizon,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


@overload
def open_minutes(
    values: list[str | None],
    start: Any,
    end: Any,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> list[float | None]: ...
@overload
def open_minutes(
    values: Any,
    start: Any,
    end: Any,
    *,
    timezone: Any = ...,
    country: Any = ...,
    subdivision: Any = ...,
    language: str = ...,
    mode: osm.Mode = ...,
    disambiguate: Disambiguate = ...,
    errors: Errors = ...,
) -> Any: ...
def open_minutes(
    values: Any,
    start: Any,
    end: Any,
    *,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """The minutes each place is open in ``[start, end)`` (floats; stretches whose state is
    unknown do not count): the sum of ``Schedule.intervals(start, end)``.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> week = datetime(2025, 5, 5, tzinfo=paris), datetime(2025, 5, 12, tzinfo=paris)
    >>> open_minutes(["Mo-Fr 09:00-12:00", "24/7"], *week)
    [900.0, 10080.0]
    """
    return ask(
        "open_minutes",
        values,
        start,
        end,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


def clear_cache() -> None:
    """Forget the answers this process keeps (:data:`ANSWERS_CACHE`), and the instants
    it keeps with the rules they have read."""
    MEMO.clear()
    forget_instants()


def register_duckdb(
    connection: duckdb.DuckDBPyConnection,
    *,
    prefix: str = "horaires_",
    timezone: str = "Europe/Paris",
    country: str | None = "FR",
    subdivision: str | None = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> list[str]:
    """Register the questions as DuckDB functions on ``connection`` and return their names:
    ``horaires_is_open(value, at)`` and the others (see :mod:`horaires.columns.duckdb`)."""
    from .duckdb import register

    return register(
        connection,
        prefix=prefix,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        language=language,
        mode=mode,
        disambiguate=disambiguate,
        errors=errors,
    )


_register.install()
