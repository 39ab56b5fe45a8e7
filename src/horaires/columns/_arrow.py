"""Arrow, pandas and Polars columns: encoded with pyarrow's dictionary encoding, answered back
with one ``take``. Only this module of :mod:`horaires.columns` imports pyarrow at its top (and
:mod:`horaires.columns.dask`, imported with Dask's data frames, which need pyarrow)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ._core import ColumnError, Encoded, as_list, kind_of

__all__ = ["back", "encode", "gather", "instants_array", "strings_array", "to_array"]


def to_array(column: Any, length: int | None, where: str) -> pa.Array:
    """One Arrow array (chunks combined) from a column of any accepted kind."""
    kind = kind_of(column)
    try:
        if kind == "arrow":
            array = column
        elif kind == "chunked":
            array = _combine(column)
        elif kind == "pandas":
            array = pa.array(column)
        elif kind == "polars":
            array = column.to_arrow()
        elif kind == "list":
            array = pa.array(as_list(column, length, where))
        else:
            raise ColumnError(f"{where}: {type(column).__name__} is not a column")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as error:
        raise ColumnError(f"{where}: {error}") from None
    if isinstance(array, pa.ChunkedArray):
        array = _combine(array)
    if length is not None and len(array) != length:
        raise ColumnError(f"{where} has {len(array)} rows, the values {length}")
    return array


def _combine(chunked: pa.ChunkedArray) -> pa.Array:
    if pa.types.is_dictionary(chunked.type):
        chunked = chunked.unify_dictionaries()
    if chunked.num_chunks == 1:
        return chunked.chunk(0)
    return chunked.combine_chunks()


def _is_text(kind: pa.DataType) -> bool:
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_string_view(kind)
        or pa.types.is_null(kind)
    )


def strings_array(array: pa.Array, where: str) -> pa.Array:
    """``array`` checked to hold text (plain or dictionary-encoded)."""
    kind = array.type.value_type if pa.types.is_dictionary(array.type) else array.type
    if not _is_text(kind):
        raise ColumnError(f"{where} holds {array.type}, not strings")
    return array


def instants_array(array: pa.Array, where: str) -> pa.Array:
    """``array`` as aware timestamps in microseconds, in UTC (floored, as horaires does)."""
    kind = array.type
    if pa.types.is_null(kind):
        return array.cast(pa.timestamp("us", "UTC"))
    if not pa.types.is_timestamp(kind):
        raise ColumnError(f"{where} holds {kind}, not timestamps")
    if kind.tz is None:
        raise ColumnError(
            f"{where} holds timestamps without a time zone: give them one "
            "(pandas: .dt.tz_localize(...), Polars: .dt.replace_time_zone(...))"
        )
    if kind.unit == "ns":
        array = pc.floor_temporal(array, unit="microsecond")
    return array.cast(pa.timestamp("us", "UTC"))


def _codes(array: pa.Array) -> tuple[pa.Array, list[Any], bool]:
    """Integer codes (null where the row is null), the entries they point to, and whether
    each entry is in use, in order of rows (as dictionary encoding makes them)."""
    if pa.types.is_dictionary(array.type) and array.dictionary.null_count == 0:
        return array.indices.cast(pa.int64()), array.dictionary.to_pylist(), False
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    encoded = pc.dictionary_encode(array)
    entries = encoded.dictionary  # (a column of nulls of no type: one null entry, unused)
    return encoded.indices.cast(pa.int64()), entries.to_pylist(), entries.null_count == 0


def encode(arrays: Sequence[pa.Array]) -> tuple[pa.Array, Encoded]:
    """The code of each row's combination of ``arrays`` (null where any is null) and the
    distinct combinations: dictionary encoding, folded column by column in pyarrow."""
    codes: pa.Array | None = None
    distinct: list[tuple[Any, ...]] = []
    for array in arrays:
        indices, entries, in_order = _codes(array)
        if codes is None and in_order:
            codes, distinct = indices, [(entry,) for entry in entries]
            continue
        if codes is None:
            encoded = pc.dictionary_encode(indices)  # the entries in use, in order of rows
            distinct = [(entries[k],) for k in encoded.dictionary.to_pylist()]
        else:
            n = len(entries)
            encoded = pc.dictionary_encode(pc.add(pc.multiply(codes, n), indices))
            distinct = [
                distinct[k // n] + (entries[k % n],) for k in encoded.dictionary.to_pylist()
            ]
        codes = encoded.indices.cast(pa.int64())
    assert codes is not None
    final = codes

    def rows_with(positions: Sequence[int]) -> list[tuple[int, int]]:
        mask = pc.is_in(final, value_set=pa.array(positions, pa.int64()))
        rows = pc.indices_nonzero(mask)
        return list(zip(rows.to_pylist(), pc.take(final, rows).to_pylist(), strict=True))

    def first_row(position: int) -> int:
        row: int = pc.index(final, position).as_py()
        return row

    return final, Encoded(distinct, rows_with, first_row)


def gather(answers: list[object], kind: pa.DataType, codes: pa.Array) -> pa.Array:
    """Each row's answer: the answers of the distinct combinations taken by the row codes."""
    return pc.take(pa.array(answers, type=kind), codes)


def back(result: pa.Array, like: Any) -> Any:
    """``result`` as the kind of column ``like`` is (same index and name for Series)."""
    kind = kind_of(like)
    if kind == "chunked":
        chunks, start = [], 0
        for chunk in like.chunks:
            chunks.append(result.slice(start, len(chunk)))
            start += len(chunk)
        return pa.chunked_array(chunks, type=result.type)
    if kind == "pandas":
        import pandas as pd

        return pd.Series(pd.arrays.ArrowExtensionArray(result), index=like.index, name=like.name)
    if kind == "polars":
        import polars as pl

        return pl.Series(like.name, result)
    return result
