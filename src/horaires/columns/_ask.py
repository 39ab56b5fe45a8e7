"""The one entry of :mod:`horaires.columns`: :func:`ask` a question of a column (and
:func:`errors`), what the public functions, the namespaces and the integrations call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from .. import osm
from .._wall import Disambiguate
from ._core import (
    ColumnError,
    Errors,
    Options,
    Part,
    Question,
    QuestionName,
    RowError,
    aware,
    check_options,
    encode_lists,
    kind_of,
    paused_collector,
    raise_first,
    row_errors,
    run,
)

__all__ = ["QUESTIONS", "ask", "errors"]

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
        if kind_of(at) != "scalar":
            at = _one_instant(at, len(values), name) or at  # a query's now(), in every row
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
        raise_first(found())
    return result


def _one_instant(at: Any, length: int, name: str) -> dt.datetime | None:
    """The instant of a column of instants that holds one aware instant in every row (as
    DuckDB hands ``now()`` or a parameter: a vector of it), else None."""
    if kind_of(at) == "list":
        first = at[0] if len(at) == length and length else None
        if not isinstance(first, dt.datetime) or first.utcoffset() is None:
            return None
        return first if all(x == first for x in at) else None
    try:
        import pyarrow.compute as pc

        from . import _arrow
    except ImportError:  # pragma: no cover - pyarrow comes with the pandas and polars extras
        return None
    array = _arrow.instants_array(_arrow.to_array(at, length, name), name)
    if not len(array) or array.null_count:
        return None
    low, high = pc.min_max(array).values()
    one: dt.datetime | None = low.as_py() if low == high else None
    return one


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


@paused_collector()
def _evaluate(
    parts: dict[str, Part],
    instant_names: Sequence[str],
    options: Options,
    question: Question,
    answer_type: str,
) -> tuple[Any, Callable[[], list[RowError]]]:
    """Encode the column parts, answer once per distinct combination, give each row its
    answer in the kind of column the values are; and what lists the invalid rows (asked
    for only when wanted), the collector paused (:func:`paused_collector`)."""
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
        return result, partial(row_errors, encoded, evaluated)
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
    return _arrow.back(result, values), partial(row_errors, encoded, evaluated)


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
    return _evaluate(parts, (), options, Question("parse"), "bool")[1]()
