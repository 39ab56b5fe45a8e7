"""DuckDB functions over ``opening_hours`` columns, vectorized through Arrow.

:func:`horaires.columns.register_duckdb` registers, with the options given once:

- ``horaires_is_open(value, at)``, ``horaires_can_be_served(value, at)``,
  ``horaires_is_unknown(value, at)``: BOOLEAN;
- ``horaires_state(value, at)``: VARCHAR (``open``, ``closed``, ``unknown``);
- ``horaires_next_change(value, at)``: TIMESTAMPTZ;
- ``horaires_open_minutes(value, start, end)``: DOUBLE;
- ``horaires_error(value)``: VARCHAR, why the value is invalid (NULL when it is valid).

DuckDB hands each function a vector of rows (2,048) as Arrow arrays (``now()`` or a
parameter as a vector of one instant, asked as that instant); the distinct values of a
vector are evaluated once, and what this process keeps (the instant with the rules it has
read and the values it has answered; :data:`horaires.columns.ANSWERS_CACHE` for the other
questions) spares the next vectors the values they repeat (docs/bulk.md).

>>> import duckdb
>>> import horaires.columns
>>> con = duckdb.connect()
>>> names = horaires.columns.register_duckdb(con)
>>> con.sql(
...     "SELECT horaires_is_open(v, TIMESTAMPTZ '2025-05-05 10:00:00+02') AS open "
...     "FROM (VALUES ('Mo-Fr 08:00-18:00'), ('Sa 09:00-12:00'), (NULL)) places(v)"
... ).fetchall()
[(True,), (False,), (None,)]
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from .. import osm
from .._wall import Disambiguate
from ._ask import ask, errors
from ._core import Errors

__all__ = ["register"]

try:
    from duckdb import sqltypes as _types
except ImportError:  # pragma: no cover - duckdb < 1.4
    from duckdb import typing as _types  # type: ignore[no-redef,attr-defined,unused-ignore]


def register(
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
    """Register the functions on ``connection`` (see the module) and return their names.

    ``errors="raise"`` makes a query fail on an invalid value; ``"null"`` gives NULL (and
    ``horaires_error(value)`` says why).
    """
    options: dict[str, Any] = {
        "timezone": timezone,
        "country": country,
        "subdivision": subdivision,
        "language": language,
        "mode": mode,
        "disambiguate": disambiguate,
    }
    text, instant = _types.VARCHAR, _types.TIMESTAMP_TZ
    kinds = {
        "is_open": _types.BOOLEAN,
        "can_be_served": _types.BOOLEAN,
        "is_unknown": _types.BOOLEAN,
        "state": _types.VARCHAR,
        "next_change": _types.TIMESTAMP_TZ,
    }
    create: Any = connection.create_function  # the stubs want enums for the string options
    names = []
    for question, kind in kinds.items():
        create(
            prefix + question,
            _at(question, options, errors),
            [text, instant],
            kind,
            type="arrow",
            null_handling="special",
            side_effects=False,
        )
        names.append(prefix + question)
    create(
        prefix + "open_minutes",
        _span(options, errors),
        [text, instant, instant],
        _types.DOUBLE,
        type="arrow",
        null_handling="special",
        side_effects=False,
    )
    create(
        prefix + "error",
        _error(options),
        [text],
        _types.VARCHAR,
        type="arrow",
        null_handling="special",
        side_effects=False,
    )
    return [*names, prefix + "open_minutes", prefix + "error"]


def _at(question: str, options: dict[str, Any], on_error: Errors) -> Any:
    def function(values: Any, at: Any) -> Any:
        return ask(question, values, at, errors=on_error, **options)  # type: ignore[arg-type]

    return function


def _span(options: dict[str, Any], on_error: Errors) -> Any:
    def function(values: Any, start: Any, end: Any) -> Any:
        return ask("open_minutes", values, start, end, errors=on_error, **options)

    return function


def _error(options: dict[str, Any]) -> Any:
    def function(values: Any) -> Any:
        messages: list[str | None] = [None] * len(values)
        for error in errors(values, **options):
            messages[error.row] = error.message
        return pa.array(messages, pa.string())

    return function
