"""``.horaires`` on Polars Series and expressions, registered when :mod:`horaires.columns` is
imported (or this module: ``import horaires.columns.polars``).

An expression's method returns an expression, evaluated batch by batch with
:mod:`horaires.columns`; instants and options may be expressions too (``pl.col("at")``).

>>> import polars as pl
>>> from datetime import datetime, timezone
>>> import horaires.columns
>>> places = pl.DataFrame({"opening_hours": ["Mo-Fr 08:00-18:00", "Sa 09:00-12:00", None]})
>>> at = datetime(2025, 5, 5, 9, tzinfo=timezone.utc)
>>> places.select(pl.col("opening_hours").horaires.is_open(at).alias("open"))["open"].to_list()
[True, False, None]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from ._accessor import SeriesMethods
from ._ask import ask

__all__ = ["HorairesExpr", "HorairesSeries"]


class HorairesSeries(SeriesMethods):
    """``series.horaires`` on a Polars Series of ``opening_hours`` values (answers are Series
    with the same name)."""

    __slots__ = ()


def _dtype(question: str, options: dict[str, Any]) -> pl.DataType:
    if question == "state":
        return pl.String()
    if question == "open_minutes":
        return pl.Float64()
    if question == "next_change":
        zone = options.get("timezone", "Europe/Paris")
        return pl.Datetime("us", zone if isinstance(zone, str) else "UTC")
    return pl.Boolean()


class HorairesExpr:
    """``expr.horaires`` on a Polars expression of ``opening_hours`` values: the questions of
    :mod:`horaires.columns` as expressions (each keeps the values' name)."""

    __slots__ = ("_expr",)

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _ask(self, question: str, instants: tuple[Any, ...], options: dict[str, Any]) -> pl.Expr:
        dtype = _dtype(question, options)
        exprs = {"values": self._expr}
        for k, at in enumerate(instants):
            if isinstance(at, pl.Expr):
                exprs[f"instant{k}"] = at
        for name in ("timezone", "country", "subdivision"):
            if isinstance(options.get(name), pl.Expr):
                exprs[name] = options[name]
        if len(exprs) == 1:
            return self._expr.map_batches(
                lambda values: ask(question, values, *instants, **options),  # type: ignore[arg-type]
                return_dtype=dtype,
                is_elementwise=True,
            )

        def batch(rows: pl.Series) -> pl.Series:
            fields = rows.struct
            given = [
                fields.field(f"instant{k}") if f"instant{k}" in exprs else at
                for k, at in enumerate(instants)
            ]
            named = {
                name: fields.field(name) if name in exprs else value
                for name, value in options.items()
            }
            result: pl.Series = ask(question, fields.field("values"), *given, **named)  # type: ignore[arg-type]
            return result

        struct = pl.struct([expr.alias(field) for field, expr in exprs.items()])
        out = struct.map_batches(batch, return_dtype=dtype, is_elementwise=True)
        output = self._expr.meta.output_name(raise_if_undetermined=False)
        return out.alias(output) if output else out

    def is_open(self, at: Any = None, **options: Any) -> pl.Expr:
        """Whether each place is open at ``at`` (a datetime or an expression of instants)."""
        return self._ask("is_open", (at,), options)

    def can_be_served(self, at: Any = None, **options: Any) -> pl.Expr:
        """Whether a person arriving at ``at`` is admitted at each place."""
        return self._ask("can_be_served", (at,), options)

    def is_unknown(self, at: Any = None, **options: Any) -> pl.Expr:
        """Whether the state at ``at`` is unknown, for each place."""
        return self._ask("is_unknown", (at,), options)

    def state(self, at: Any = None, **options: Any) -> pl.Expr:
        """``open``, ``closed`` or ``unknown`` at ``at``, for each place."""
        return self._ask("state", (at,), options)

    def next_change(
        self, at: Any = None, *, horizon: dt.timedelta | None = None, **options: Any
    ) -> pl.Expr:
        """The first instant after ``at`` where each place's state changes."""
        return self._ask("next_change", (at,), {"horizon": horizon, **options})

    def open_minutes(self, start: Any, end: Any, **options: Any) -> pl.Expr:
        """The minutes each place is open in ``[start, end)``."""
        return self._ask("open_minutes", (start, end), options)


if "horaires" not in pl.Series.__dict__:
    pl.api.register_series_namespace("horaires")(HorairesSeries)
if "horaires" not in pl.Expr.__dict__:
    pl.api.register_expr_namespace("horaires")(HorairesExpr)
