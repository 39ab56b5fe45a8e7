"""``.horaires`` on Dask Series, registered when :mod:`horaires.columns` is imported (or this
module: ``import horaires.columns.dask``): the workers are shipped values, not compiled
schedules.

When the instants and the options are the same for every row, each distinct value is answered
once across the cluster, in three steps (docs/bulk.md#dask):

1. each partition deals its distinct values into :data:`SHARES` shares (at most, one per
   partition) by the text of their first rule, so that the values sharing it land in one
   share from every partition;
2. each share is answered by one worker: its values once, and the rules they hold read once
   (values whose first rules differ share few rules, so the workers read different rules);
3. each partition gives its rows the answers of its values, where it is.

Only the distinct values and their answers travel; the rows stay where they are. With
instants or options that are Series partitioned like the values (or ``errors="raise"``,
whose message names the row of its partition), each partition is answered where it is.

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
import zlib
from typing import Any, NamedTuple

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import _arrow
from ._ask import ask

__all__ = ["SHARES", "HorairesDaskAccessor", "share_of"]

SHARES = 16
"""The most shares the distinct values of a Series are dealt into: the answering step runs
on at most this many workers at once, and the graph holds a small task per partition and
share (the share's values taken from the partition's deal): 3,200 for 200 partitions."""

_TYPES = {"state": "string", "open_minutes": "double", "next_change": "timestamp"}


def _meta(question: str, name: Any, options: dict[str, Any]) -> pd.Series:
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


class _Deal(NamedTuple):
    """A partition's distinct values dealt into shares."""

    codes: pa.Array
    """Each row's distinct value, by its position among them (null for a null row)."""
    order: np.ndarray[Any, np.dtype[np.intp]]
    """The positions of the distinct values, share after share."""
    hands: list[pa.Array]
    """The distinct values of each share."""


_NONE = pa.array([], pa.large_string())


def share_of(value: str, shares: int) -> int:
    """The share ``value`` is dealt into: by its first rule's text, the same in every process.

    >>> share_of("Mo-Fr 09:00-18:00; PH off", 8) == share_of("Mo-Fr 09:00-18:00 ; Sa off", 8)
    True
    """
    return zlib.crc32(value.partition(";")[0].strip().encode()) % shares


def _deal(values: pd.Series, shares: int) -> pd.Series:
    """A partition's :class:`_Deal`, in a Series of one row (a partition Dask can hold)."""
    array = _arrow.strings_array(_arrow.to_array(values, None, "values"), "values")
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    if pa.types.is_null(array.type):  # (a partition of nulls: no values to deal)
        array = array.cast(pa.large_string())
    encoded = pc.dictionary_encode(array)
    entries = encoded.dictionary.cast(pa.large_string())  # one type for every partition's
    keys = np.fromiter(
        (share_of(value, shares) for value in entries.to_pylist()), np.intp, len(entries)
    )
    order = np.argsort(keys, kind="stable")
    bounds = np.searchsorted(keys[order], np.arange(shares + 1))
    hands = [entries.take(order[bounds[k] : bounds[k + 1]]) for k in range(shares)]
    return pd.Series([_Deal(encoded.indices, order, hands)], dtype=object)


def _hand(deal: pd.Series, share: int) -> tuple[pa.Array]:
    """The distinct values a partition dealt into ``share`` (none for Dask's empty sample)."""
    return (deal.iloc[0].hands[share] if len(deal) else _NONE,)


def _answer_share(
    hands: pd.Series, question: str, instants: tuple[Any, ...], options: dict[str, Any]
) -> tuple[pa.Array, list[int]]:
    """The answers to the values of a share dealt by every partition (``hands``, in the
    order of the partitions), partition after partition, and where each partition's start;
    each distinct value answered once."""
    dealt = [hand for (hand,) in hands]
    encoded = pc.dictionary_encode(pa.concat_arrays([_NONE, *dealt]))
    answers = ask(question, encoded.dictionary, *instants, **options)  # type: ignore[arg-type]
    starts = np.cumsum([0, *(len(hand) for hand in dealt)]).tolist()
    return answers.take(encoded.indices), starts


def _rows(
    values: pd.Series,
    deal: pd.Series,
    *answered: tuple[pa.Array, list[int]],
    partition_info: dict[str, Any],
) -> pd.Series:
    """Each row's answer: its distinct value's, found in the share it was dealt into."""
    found = deal.iloc[0]
    number = partition_info["number"]
    got = pa.concat_arrays(
        [
            answers.slice(starts[number], starts[number + 1] - starts[number])
            for answers, starts in answered
        ]
    )
    inverse = np.empty(len(found.order), np.intp)
    inverse[found.order] = np.arange(len(found.order))
    rows = got.take(inverse).take(found.codes)
    return pd.Series(pd.arrays.ArrowExtensionArray(rows), index=values.index, name=values.name)


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
        if options.get("errors") != "raise" and not any(isinstance(x, dd.Series) for x in given):
            return self._dealt(question, instants, options, meta)
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

    def _dealt(
        self, question: str, instants: tuple[Any, ...], options: dict[str, Any], meta: pd.Series
    ) -> Any:
        """Each distinct value answered once, in the share it is dealt into; each row's
        answer given where its partition is (the module's three steps)."""
        values = self._series
        shares = min(values.npartitions, SHARES)
        deals = values.map_partitions(  # type: ignore[no-untyped-call]
            _deal, shares, meta=pd.Series([], dtype=object), clear_divisions=True
        )
        answered = [
            deals.reduction(
                _hand,
                aggregate=_answer_share,
                chunk_kwargs={"share": share},
                aggregate_kwargs={"question": question, "instants": instants, "options": options},
                split_every=False,  # one task per share, given the hands of every partition
                meta=object,
            )
            for share in range(shares)
        ]
        return values.map_partitions(_rows, deals, *answered, meta=meta)  # type: ignore[no-untyped-call]

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
