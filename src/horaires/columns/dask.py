"""``.horaires`` on Dask Series, registered when :mod:`horaires.columns` is imported (or this
module: ``import horaires.columns.dask``): the workers are shipped values, not compiled
schedules.

The state at one instant (``is_open``, ``can_be_served``, ``is_unknown``, ``state``) is
answered where each partition is: a worker keeps the instant with the rules it has read and
the values it has answered (:mod:`horaires.osm._instant`), so the next partitions find them,
and a value costs too little for an exchange between workers to pay. The other questions
cost more per value: when the instants and the options are the same for every row, they are
answered in three steps: the distinct values of the Series (hash-partitioned over the
workers), their answers (each distinct value parsed and answered once, by one worker), and
each row's answer looked up in them. With instants or options that are Series partitioned
like the values (or ``errors="raise"``, whose message names the row of its partition), each
partition is answered where it is, and each worker keeps its answers for the next
partitions (:data:`horaires.columns.ANSWERS_CACHE`, per process).

>>> import dask.dataframe as dd
>>> import pandas as pd
>>> from datetime import datetime, timezone
>>> import horaires.columns
>>> frame = pd.DataFrame({"opening_hours": ["Mo-Fr 08:00-18:00", "Sa 09:00-12:00", None] * 2})
>>> places = dd.from_pandas(frame, npartitions=2)
>>> at = datetime(2025, 5, 5, 9, tzinfo=timezone.utc)
>>> places["opening_hours"].horaires.is_open(at).compute(scheduler="sync").tolist()
[True, False, <NA>, True, False, <NA>]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

from ._ask import ask
from ._core import ONE_INSTANT

__all__ = ["HorairesDaskAccessor"]

_TYPES = {"state": "string", "open_minutes": "double", "next_change": "timestamp"}


def _meta(question: str, name: Any, options: dict[str, Any]) -> pd.Series:
    import pyarrow as pa

    kind = _TYPES.get(question, "bool")
    if kind == "timestamp":
        zone = options.get("timezone", "Europe/Paris")
        arrow = pa.timestamp("us", zone if isinstance(zone, str) else "UTC")
    else:
        arrow = {"bool": pa.bool_(), "string": pa.string(), "double": pa.float64()}[kind]
    return pd.Series([], dtype=pd.ArrowDtype(arrow), name=name)


def _partition(
    values: pd.Series,
    *columns: Any,
    question: str,
    names: tuple[str, ...],
    instants: tuple[Any, ...],
    options: dict[str, Any],
) -> Any:
    """One partition: the instants and options that are Series come as ``columns``."""
    given = dict(zip(names, columns, strict=True))
    moments = [given.get(f"instant{k}", at) for k, at in enumerate(instants)]
    named = {name: given.get(name, value) for name, value in options.items()}
    return ask(question, values, *moments, **named)  # type: ignore[arg-type]


def _answers(
    values: pd.Series, question: str, instants: tuple[Any, ...], options: dict[str, Any]
) -> pd.Series:
    """The answers to ``question`` of distinct values, indexed by the values."""
    answers = ask(question, values, *instants, **options)  # type: ignore[arg-type]
    return pd.Series(answers.array, index=values.array, name=values.name)


def _looked_up(values: pd.Series, table: pd.Series) -> pd.Series:
    """Each row's answer, found in ``table`` by its value (null for a null value)."""
    positions = table.index.get_indexer(values)  # -1: not there (a null value)
    found = table.array.take(positions, allow_fill=True)
    return pd.Series(found, index=values.index, name=values.name)


class HorairesDaskAccessor:
    """``series.horaires`` on a Dask Series of ``opening_hours`` values: lazy Series of the
    answers, partition by partition; instants and options may be Dask Series partitioned
    like the values."""

    __slots__ = ("_series",)

    def __init__(self, series: dd.Series) -> None:
        self._series = series

    def _ask(self, question: str, instants: tuple[Any, ...], options: dict[str, Any]) -> Any:
        meta = _meta(question, self._series.name, options)
        given = [*instants, *options.values()]
        if (
            question not in ONE_INSTANT  # (those cost little per value: no exchange pays)
            and options.get("errors") != "raise"
            and not any(isinstance(x, dd.Series) for x in given)
        ):
            return self._distinct(question, instants, options, meta)
        names: list[str] = []
        columns: list[Any] = []
        scalars: list[Any] = []
        for k, at in enumerate(instants):
            if isinstance(at, dd.Series):
                names.append(f"instant{k}")
                columns.append(at)
            scalars.append(None if isinstance(at, dd.Series) else at)
        plain = {}
        for name, value in options.items():
            if isinstance(value, dd.Series):
                names.append(name)
                columns.append(value)
            plain[name] = None if isinstance(value, dd.Series) else value
        return self._series.map_partitions(  # type: ignore[no-untyped-call]
            _partition,
            *columns,
            question=question,
            names=tuple(names),
            instants=tuple(scalars),
            options=plain,
            meta=meta,
        )

    def _distinct(
        self, question: str, instants: tuple[Any, ...], options: dict[str, Any], meta: pd.Series
    ) -> Any:
        """Each distinct value answered once, by one worker; each row's answer looked up."""
        values = self._series
        distinct = values.dropna().drop_duplicates(split_out=values.npartitions)
        answered = distinct.map_partitions(
            _answers, question=question, instants=instants, options=options, meta=meta
        )
        table = dask.delayed(pd.concat)(answered.to_delayed())  # type: ignore[attr-defined]
        return values.map_partitions(_looked_up, table, meta=meta)  # type: ignore[no-untyped-call]

    def is_open(self, at: Any = None, **options: Any) -> Any:
        """Whether each place is open at ``at`` (see :func:`horaires.columns.is_open`)."""
        return self._ask("is_open", (_now(at),), options)

    def can_be_served(self, at: Any = None, **options: Any) -> Any:
        """Whether a person arriving at ``at`` is admitted at each place."""
        return self._ask("can_be_served", (_now(at),), options)

    def is_unknown(self, at: Any = None, **options: Any) -> Any:
        """Whether the state at ``at`` is unknown, for each place."""
        return self._ask("is_unknown", (_now(at),), options)

    def state(self, at: Any = None, **options: Any) -> Any:
        """``open``, ``closed`` or ``unknown`` at ``at``, for each place."""
        return self._ask("state", (_now(at),), options)

    def next_change(
        self, at: Any = None, *, horizon: dt.timedelta | None = None, **options: Any
    ) -> Any:
        """The first instant after ``at`` where each place's state changes."""
        return self._ask("next_change", (_now(at),), {"horizon": horizon, **options})

    def open_minutes(self, start: Any, end: Any, **options: Any) -> Any:
        """The minutes each place is open in ``[start, end)``."""
        return self._ask("open_minutes", (start, end), options)


def _now(at: Any) -> Any:
    """None is now: read once, on the client, so every partition answers for one instant."""
    return dt.datetime.now(dt.UTC) if at is None else at


if "horaires" not in dd.Series.__dict__:
    dd.extensions.register_series_accessor("horaires")(HorairesDaskAccessor)  # type: ignore[no-untyped-call]
