"""Every in-process path of horaires.columns answers as ``osm.parse(v, ...).is_open(at)`` does,
row by row, over generated columns with nulls, repeats and invalid values."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from horaires import HorairesError, columns, osm
from horaires.strategies import aware_datetimes, osm_values

INVALID = "Mo-Fx 10:00"
ODD = st.sampled_from(
    [
        'Mo-Fr 09:00-18:00; Sa 09:00-12:00 "on call; ring"',  # a ; within a comment
        "Mo-Fr 09:00-18:00 || unknown",
        "Mo-Sa 18:00-02:00; PH off",
        "Fr 17:00+; easter off",
        "2025 Dec 24 off; Dec 24 08:00-12:00",
        "Mo-Fr 9-18",  # refused: hours without minutes
        "Mo-Fr sunrise-18:00",  # refused: no location
        "Mo-Fr 10:00-12:00 ||",
    ]
)

# a few distinct values (and null, and invalid ones) drawn many times: repeats, as in real data
rows = st.lists(osm_values() | st.just(INVALID) | ODD, min_size=1, max_size=4).flatmap(
    lambda pool: st.lists(st.sampled_from([*pool, None]), min_size=1, max_size=30)
)
instants = aware_datetimes(None, min_year=2020, max_year=2030)


def expected(values: list[str | None], at: datetime | list[datetime | None], **options: str):
    """The answer of each row, asked one at a time."""
    answers: list[bool | None] = []
    moments = at if isinstance(at, list) else [at] * len(values)
    for value, moment in zip(values, moments, strict=True):
        if value is None or moment is None:
            answers.append(None)
            continue
        try:
            answers.append(osm.parse(value, **options).is_open(moment))
        except HorairesError:
            answers.append(None)
    return answers


@given(rows, instants)
def test_every_kind_of_column_answers_as_parse_row_by_row(
    values: list[str | None], at: datetime
) -> None:
    want = expected(values, at)
    assert columns.is_open(values, at) == want
    assert columns.is_open(pa.array(values, pa.string()), at).to_pylist() == want
    assert (
        columns.is_open(pa.array(values, pa.string()).dictionary_encode(), at).to_pylist() == want
    )
    half = len(values) // 2
    chunked = pa.chunked_array([values[:half], values[half:]], pa.large_string())
    assert columns.is_open(chunked, at).to_pylist() == want
    series = pd.Series(values, dtype=object)
    pandas_want = [pd.NA if w is None else w for w in want]
    assert series.horaires.is_open(at).tolist() == pandas_want
    assert series.astype("category").horaires.is_open(at).tolist() == pandas_want
    polars_series = pl.Series("v", values, dtype=pl.String)
    assert polars_series.horaires.is_open(at).to_list() == want
    frame = pl.DataFrame({"v": polars_series})
    assert frame.select(pl.col("v").horaires.is_open(at))["v"].to_list() == want
    assert sorted(e.row for e in columns.errors(values)) == [
        row for row, value in enumerate(values) if value is not None and _refused(value)
    ]


def _refused(value: str) -> bool:
    try:
        osm.parse(value)
    except HorairesError:
        return True
    return False


@given(rows, st.data())
def test_a_column_of_instants_answers_row_by_row(
    values: list[str | None], data: st.DataObject
) -> None:
    moments = data.draw(st.lists(st.none() | instants, min_size=len(values), max_size=len(values)))
    want = expected(values, moments)
    assert columns.is_open(values, moments) == want
    at = pa.array(moments, pa.timestamp("us", "UTC"))
    assert columns.is_open(pa.array(values, pa.string()), at).to_pylist() == want
    zone = "America/New_York"
    assert columns.is_open(values, moments, timezone=zone) == expected(
        values, moments, timezone=zone
    )


@given(rows, instants)
def test_duckdb_answers_as_parse_row_by_row(values: list[str | None], at: datetime) -> None:
    con = duckdb.connect()
    columns.register_duckdb(con)
    con.register("places", pa.table({"v": pa.array(values, pa.string())}))
    answers = con.execute("SELECT horaires_is_open(v, ?) FROM places", [at]).fetchall()
    assert [answer for (answer,) in answers] == expected(values, at)


@given(rows, instants)
def test_other_questions_answer_as_the_schedule(values: list[str | None], at: datetime) -> None:
    states = columns.state(values, at)
    changes = columns.next_change(values, at)
    serve = columns.can_be_served(values, at)
    for value, state, change, served in zip(values, states, changes, serve, strict=True):
        if value is None or _refused(value):
            assert state is change is served is None
            continue
        schedule = osm.parse(value)
        assert state == (
            "unknown" if schedule.is_unknown(at) else "open" if schedule.is_open(at) else "closed"
        )
        assert change == schedule.next_change(at)
        assert served == schedule.can_be_served(at) == schedule.is_open(at)


@settings(max_examples=30, deadline=None)  # a Dask graph per example
@given(rows, instants, st.integers(1, 4))
def test_dask_answers_each_distinct_value_once_as_parse_row_by_row(
    values: list[str | None], at: datetime, partitions: int
) -> None:
    import dask.dataframe as dd

    series = dd.from_pandas(pd.Series(values, dtype=object, name="v"), npartitions=partitions)
    answers = series.horaires.is_open(at).compute(scheduler="sync")
    assert answers.tolist() == [pd.NA if w is None else w for w in expected(values, at)]
    assert answers.index.tolist() == list(range(len(values))) and answers.name == "v"
    states = series.horaires.state(at).compute(scheduler="sync").tolist()
    assert states == [pd.NA if s is None else s for s in columns.state(values, at)]
    changes = series.horaires.next_change(at).compute(scheduler="sync").tolist()
    assert [None if pd.isna(c) else c for c in changes] == columns.next_change(values, at)
    # instants as a column: each partition answered where it is, the same answers
    frame = dd.from_pandas(
        pd.DataFrame({"v": pd.Series(values, dtype=object), "at": [at] * len(values)}),
        npartitions=partitions,
    )
    each = frame["v"].horaires.is_open(frame["at"]).compute(scheduler="sync")
    assert each.tolist() == answers.tolist()
