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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

from .. import osm
from .._wall import Disambiguate
from . import _register
from ._core import (
    ANSWERS_CACHE,
    MEMO,
    ColumnError,
    Errors,
    Options,
    Part,
    Question,
    QuestionName,
    RowError,
    State,
    aware,
    check_options,
    encode_lists,
    kind_of,
    raise_first,
    row_errors,
    run,
)

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

QUESTIONS: tuple[QuestionName, ...] = (
    "is_open",
    "can_be_served",
    "is_unknown",
    "state",
    "next_change",
    "open_minutes",
)
"""The questions :func:`ask` knows, each also a function of this module."""

_INSTANTS = {"open_minutes": ("start", "end")}


def ask(
    question: QuestionName,
    values: Any,
    *instants: Any,
    horizon: dt.timedelta | None = None,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
    errors: Errors = "null",
) -> Any:
    """The answer to ``question`` (one of :data:`QUESTIONS`) for each row of ``values``:
    what the functions of this module call (``open_minutes`` takes two instants, the others
    one).

    >>> from datetime import datetime, timezone
    >>> ask("is_open", ["24/7", "off"], datetime(2025, 5, 5, tzinfo=timezone.utc))
    [True, False]
    """
    if question not in QUESTIONS:
        raise ColumnError(f"unknown question {question!r}; known: {', '.join(QUESTIONS)}")
    if errors not in ("null", "raise"):
        raise ColumnError(f"errors={errors!r}: pass 'null' or 'raise'")
    asked = Question(question, horizon)
    names = _INSTANTS.get(question, ("at",))
    if len(instants) != len(names):
        raise ColumnError(f"{question} takes {len(names)} instant(s): {', '.join(names)}")
    options = Options(language, mode, disambiguate)
    parts = _parts(values, timezone, country, subdivision)
    for name, at in zip(names, instants, strict=True):
        if kind_of(at) == "scalar":
            if type(at).__module__.startswith("pyarrow") and hasattr(at, "as_py"):
                at = at.as_py()  # a pyarrow TimestampScalar
            if at is None and question != "open_minutes":
                at = dt.datetime.now(dt.UTC)  # now, read once for the whole column
            at = aware(at, name)
        parts[name] = Part(kind_of(at) != "scalar", at)
    check_options(parts, options)
    answer_type = _answer_type(question, timezone)
    result, found = _evaluate(parts, names, options, asked, answer_type)
    if errors == "raise":
        raise_first(found)
    return result


def _parts(values: Any, timezone: Any, country: Any, subdivision: Any) -> dict[str, Part]:
    if kind_of(values) == "scalar":
        raise ColumnError(
            f"values: {type(values).__name__} is not a column: pass a list, a pyarrow "
            "array, or a pandas or Polars Series"
        )
    parts = {"values": Part(True, values)}
    for name, option in (
        ("timezone", timezone),
        ("country", country),
        ("subdivision", subdivision),
    ):
        column = kind_of(option) != "scalar"
        if not column and option is not None and not isinstance(option, str):
            raise ColumnError(f"{name}: {option!r} is neither a string nor a column")
        parts[name] = Part(column, option)
    return parts


def _answer_type(question: str, timezone: Any) -> str:
    if question == "state":
        return "string"
    if question == "next_change":
        return f"timestamp:{timezone if isinstance(timezone, str) else 'UTC'}"
    if question == "open_minutes":
        return "double"
    return "bool"


def _evaluate(
    parts: dict[str, Part],
    instant_names: Sequence[str],
    options: Options,
    question: Question,
    answer_type: str,
) -> tuple[Any, list[RowError]]:
    """Encode the column parts, answer once per distinct combination, give each row its
    answer in the kind of column the values are; and the invalid rows."""
    values = parts["values"].value
    names = [name for name in ("values", "timezone", "country", "subdivision", *instant_names)]
    columns = [name for name in names if parts[name].column]
    if kind_of(values) == "list":
        from ._core import as_list

        length = len(values)
        lists = [as_list(parts[name].value, length, name) for name in columns]
        codes, encoded = encode_lists(lists)
        evaluated = run(parts, instant_names, encoded, options, question)
        answers = evaluated.answers
        result: Any = [None if code is None else answers[code] for code in codes]
        return result, row_errors(encoded, evaluated)
    try:
        import pyarrow as pa

        from . import _arrow
    except ImportError:  # pragma: no cover - pyarrow comes with the pandas and polars extras
        raise ColumnError(
            "Arrow, pandas and Polars columns need pyarrow: pip install 'horaires[arrow]'"
        ) from None
    length = len(values)
    arrays = []
    for name in columns:
        array = _arrow.to_array(parts[name].value, length, name)
        if name in instant_names:
            arrays.append(_arrow.instants_array(array, name))
        else:
            arrays.append(_arrow.strings_array(array, name))
    codes_array, encoded = _arrow.encode(arrays)
    evaluated = run(parts, instant_names, encoded, options, question)
    if answer_type.startswith("timestamp:"):
        kind = pa.timestamp("us", answer_type.partition(":")[2])
    else:
        kind = {"bool": pa.bool_(), "string": pa.string(), "double": pa.float64()}[answer_type]
    result = _arrow.gather(evaluated.answers, kind, codes_array)
    return _arrow.back(result, values), row_errors(encoded, evaluated)


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


def errors(
    values: Any,
    *,
    timezone: Any = "Europe/Paris",
    country: Any = "FR",
    subdivision: Any = None,
    language: str = "fr",
    mode: osm.Mode = "ranges",
    disambiguate: Disambiguate = "compatible",
) -> list[RowError]:
    """The rows whose value :func:`horaires.osm.parse` refuses with these options (the rows
    the questions answer with null under ``errors="null"``), in row order.

    >>> [(e.row, e.value) for e in errors(["24/7", "Mo 25:00-26:00", None, "Mo 25:00-26:00"])]
    [(1, 'Mo 25:00-26:00'), (3, 'Mo 25:00-26:00')]
    """
    options = Options(language, mode, disambiguate)
    parts = _parts(values, timezone, country, subdivision)
    check_options(parts, options)
    return _evaluate(parts, (), options, Question("parse"), "bool")[1]


def clear_cache() -> None:
    """Forget the answers this process keeps (:data:`ANSWERS_CACHE`)."""
    MEMO.clear()


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
