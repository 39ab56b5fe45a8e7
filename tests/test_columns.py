"""horaires.columns: questions over columns of opening_hours values, with hand-checked answers,
in every kind of column (lists, Arrow, pandas, Polars) and in DuckDB (see docs/bulk.md)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from horaires import columns, osm
from horaires.columns import ColumnError, RowError

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = datetime(2025, 5, 5, 10, 0, tzinfo=PARIS)  # a Monday
MAIRIE = "Mo,Tu,We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off"
VALUES = [MAIRIE, None, "Sa 09:00-12:00", MAIRIE, "Mo-Fx 10:00", 'Mo 09:00-12:00 "call first"']
# row:     0       1      2                 3       4 (invalid)     5 (unknown)
OPEN = [True, None, False, True, None, False]
STATE = ["open", None, "closed", "open", None, "unknown"]


# -- lists ------------------------------------------------------------------------------------


def test_lists_answer_each_question() -> None:
    assert columns.is_open(VALUES, MONDAY_10) == OPEN
    assert columns.can_be_served(VALUES, MONDAY_10) == OPEN
    assert columns.is_unknown(VALUES, MONDAY_10) == [False, None, False, False, None, True]
    assert columns.state(VALUES, MONDAY_10) == STATE
    changes = columns.next_change(VALUES, MONDAY_10)
    assert changes[0] == datetime(2025, 5, 5, 12, 30, tzinfo=PARIS)
    assert changes[0].tzinfo == PARIS  # in the place's zone, as Schedule.next_change
    assert changes[2] == datetime(2025, 5, 10, 9, 0, tzinfo=PARIS)
    assert changes[5] == datetime(2025, 5, 5, 12, 0, tzinfo=PARIS)
    assert [changes[1], changes[4]] == [None, None]


def test_open_minutes_of_a_week_with_a_holiday_and_dst() -> None:
    week = datetime(2025, 5, 5, tzinfo=PARIS), datetime(2025, 5, 12, tzinfo=PARIS)
    # the town hall: 4 days x 8 h + Thursday 4 h, Thursday 8 May is a public holiday (off)
    assert columns.open_minutes([MAIRIE], *week) == [4 * 8 * 60.0]
    # the night of the autumn change (03:00 back to 02:00) has one more hour: 22:00-04:00 is 7 h
    night = datetime(2025, 10, 25, 12, tzinfo=PARIS), datetime(2025, 10, 26, 12, tzinfo=PARIS)
    assert columns.open_minutes(["Sa 22:00-04:00"], *night) == [420.0]
    # unknown stretches do not count
    assert columns.open_minutes(['Mo 09:00-12:00 "call first"', "Mo 09:00-12:00"], *week) == [
        0.0,
        180.0,
    ]


def test_a_column_of_instants_and_a_column_of_zones() -> None:
    at = datetime(2025, 5, 5, 8, 0, tzinfo=UTC)  # 10:00 in Paris, 04:00 in New York
    values = ["Mo 09:00-12:00"] * 3 + [None]
    instants = [at, at + timedelta(hours=6), None, at]  # 16:00 in Paris, 10:00 in New York
    assert columns.is_open(values, instants) == [True, False, None, None]
    zones = ["Europe/Paris", "America/New_York", "Europe/Paris", "Europe/Paris"]
    assert columns.is_open(values, at, timezone=zones) == [True, False, True, None]
    assert columns.is_open(values, instants, timezone=[None, *zones[1:]]) == [
        None,
        True,
        None,
        None,
    ]


def test_each_distinct_value_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    columns.clear_cache()
    parsed: list[str] = []
    real = osm.parse

    def counting(value: str, **options: object) -> object:
        parsed.append(value)
        return real(value, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(osm, "parse", counting)
    values = ["Mo 09:00-12:00", "Tu 09:00-12:00", None] * 1000
    instants = [MONDAY_10 + timedelta(hours=k % 5) for k in range(len(values))]
    columns.is_open(values, instants)
    assert sorted(v for v in parsed if v != "24/7") == ["Mo 09:00-12:00", "Tu 09:00-12:00"]
    parsed.clear()
    columns.is_open(pa.array(values).dictionary_encode(), MONDAY_10)  # answers kept: no parse
    assert [v for v in parsed if v != "24/7"] == []


def test_one_instant_reads_each_rule_text_once_across_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Values asked about one instant share their rules' texts, within a call and across
    the calls at that instant (a query's batches) or on its date (the next query's now);
    ``clear_cache`` forgets them."""
    from horaires.osm import _instant

    columns.clear_cache()
    read: list[str] = []
    real = _instant.read_alone

    def counting(text: str, *args: object) -> object:
        read.append(text)
        return real(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_instant, "read_alone", counting)
    values = [f"Mo-Fr 09:00-{h}:00; PH off" for h in range(12, 20)]
    assert columns.is_open(values, MONDAY_10) == [True] * 8
    assert sorted(read) == sorted(["PH off", *(v.split(";")[0] for v in values)])
    read.clear()
    more = [f"Mo-Fr 10:30-{h}:00; PH off" for h in range(12, 20)]
    assert columns.is_open(values + more, MONDAY_10) == [True] * 8 + [False] * 8
    assert sorted(read) == sorted(v.split(";")[0] for v in more)  # PH off: read before
    read.clear()  # a moment later, the same date: the rules read are shared
    assert columns.is_open(values, MONDAY_10 + timedelta(hours=3)) == [False] * 2 + [True] * 6
    assert read == []
    columns.clear_cache()
    read.clear()
    columns.is_open(values[:1], MONDAY_10)
    assert sorted(read) == ["Mo-Fr 09:00-12:00", "PH off"]
    read.clear()  # the next day: read again
    columns.is_open(values[:1], MONDAY_10 + timedelta(days=1))
    assert sorted(read) == ["Mo-Fr 09:00-12:00", "PH off"]


@pytest.mark.parametrize(
    ("value", "country"),
    [("Mo-Fx 10:00", "FR"), ("Mo-Fr 9-18", "FR"), ("PH off", None), ("Mo 25:00-26:00", "FR")],
)
def test_refused_values_say_what_parse_says(value: str, country: str | None) -> None:
    with pytest.raises((osm.OSMSyntaxError, osm.UnsupportedSyntax)) as raised:
        osm.parse(value, country=country)
    assert columns.is_open([value, "24/7"], MONDAY_10, country=country) == [None, True]
    (error,) = columns.errors([value, "24/7"], country=country)
    assert (error.row, error.value, error.message) == (0, value, str(raised.value))
    with pytest.raises(ColumnError, match="row 1: ") as too:
        columns.is_open(["24/7", value], MONDAY_10, country=country, errors="raise")
    assert str(raised.value) in str(too.value)


@pytest.mark.parametrize("running", [True, False])
def test_the_collector_runs_after_a_call_as_it_ran_before(running: bool) -> None:
    import gc

    was = gc.isenabled()
    try:
        if not running:
            gc.disable()
        columns.is_open(["Mo 10:00-12:00"] * 3, MONDAY_10)
        assert gc.isenabled() is running
        with pytest.raises(ColumnError):
            columns.is_open(["Mo 10:00-12:00", 5], MONDAY_10)  # type: ignore[list-item]
        assert gc.isenabled() is running
    finally:
        if was:
            gc.enable()


def test_a_column_of_one_instant_answers_as_that_instant() -> None:
    """DuckDB hands ``now()`` or a parameter as a vector of one instant: it is asked as
    one instant (the rules of the values shared), with the same answers."""
    one = columns.is_open(VALUES, MONDAY_10)
    assert one == OPEN
    assert columns.is_open(VALUES, [MONDAY_10] * len(VALUES)) == one
    utc = MONDAY_10.astimezone(UTC)  # the same instant, written in another zone
    assert columns.is_open(VALUES, [MONDAY_10, utc] * 3) == one
    arrow = pa.array([MONDAY_10] * len(VALUES), pa.timestamp("ns", "Europe/Paris"))
    assert columns.is_open(pa.array(VALUES), arrow).to_pylist() == one
    assert columns.is_open(VALUES, [MONDAY_10] * 5 + [None]) == [*one[:5], None]
    naive = MONDAY_10.replace(tzinfo=None)
    with pytest.raises(ColumnError, match="row 0: "):  # a column's error names its row
        columns.is_open(VALUES, [naive] * len(VALUES))


def test_an_instant_a_value_cannot_answer_names_the_row() -> None:
    """The public holidays of France are known from 1803: a value naming them cannot be
    asked about 1582, and the error names its row, as the value parsed alone says."""
    at = datetime(1582, 5, 7, 10, 0, tzinfo=UTC)
    assert columns.is_open(["Mo-Su 09:00-12:00"], at) == [True]
    with pytest.raises(osm.HorairesError) as alone:
        osm.parse("PH off").is_open(at)
    for instants in (at, [at, at, at]):
        with pytest.raises(ColumnError, match="row 2: ") as raised:
            columns.is_open(["Mo-Su 09:00-12:00", None, "Mo-Su 09:00-12:00; PH off"], instants)
        assert str(alone.value) in str(raised.value)


def test_answers_kept_are_found_under_their_options() -> None:
    """The answers a process keeps are keyed by every option: the same value asked with
    another mode is read again (``12:00`` is a point in time, refused as a range)."""
    columns.clear_cache()
    value = ["Mo 12:00"]
    at = datetime(2025, 5, 5, 12, 0, tzinfo=PARIS)
    assert columns.is_open(value, at, mode="points") == [True]
    assert columns.is_open(value, at) == [None]  # refused as a range: null, not the answer kept
    assert columns.is_open(value, at, mode="points") == [True]


def test_errors_null_lists_the_rows() -> None:
    found = columns.errors([*VALUES, "Mo-Fx 10:00"])
    assert [(e.row, e.value) for e in found] == [(4, "Mo-Fx 10:00"), (6, "Mo-Fx 10:00")]
    assert "at column 4" in found[0].message and "^" in found[0].message
    long = "Mo-Fr 10:00-12:00; " * 10 + "Qq"
    (error,) = columns.errors([long])
    assert len(error.value) == 60 and error.value.endswith("…")


def test_errors_raise_names_the_row_value_and_column() -> None:
    with pytest.raises(ColumnError) as raised:
        columns.is_open([*VALUES, "Mo 25:00-26:00"], MONDAY_10, errors="raise")
    message = str(raised.value)
    assert message.startswith("row 4: 'Mo-Fx 10:00': unknown word 'Fx'")
    assert "at column 4" in message and "1 more invalid row" in message
    assert [e.row for e in raised.value.errors] == [4, 6]
    assert isinstance(raised.value.errors[0], RowError)
    assert columns.is_open(["24/7"], MONDAY_10, errors="raise") == [True]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: columns.is_open(["24/7"], datetime(2025, 5, 5)), "has no time zone"),
        (lambda: columns.is_open(["24/7"], [datetime(2025, 5, 5)]), "row 0: at:"),
        (lambda: columns.is_open(["24/7"], "2025-05-05"), "is not a datetime"),
        (lambda: columns.is_open(["24/7"], [MONDAY_10] * 2), "at has 2 rows, the values 1"),
        (lambda: columns.is_open(["24/7"], MONDAY_10, timezone="Mars/Olympus"), "Mars"),
        (lambda: columns.is_open("24/7", MONDAY_10), "str is not a column"),
        (lambda: columns.is_open([42], MONDAY_10), "row 0: 42 is not a string"),
        (lambda: columns.is_open(["24/7"], MONDAY_10, errors="skip"), "errors='skip'"),  # type: ignore[call-overload]
        (lambda: columns.ask("opening", ["24/7"], MONDAY_10), "unknown question 'opening'"),  # type: ignore[arg-type]
        (lambda: columns.is_open(pa.array([1]), MONDAY_10), "values holds int64, not strings"),
        (
            lambda: columns.is_open(pa.array(["24/7"]), pa.array([datetime(2025, 5, 5)])),
            "without a time zone",
        ),
        (
            lambda: columns.is_open(["24/7"], [datetime(9999, 12, 31, tzinfo=UTC)]),
            "row 0: 9999-12-31",
        ),
    ],
)
def test_bad_input_is_a_clear_error(call: object, message: str) -> None:
    with pytest.raises(ColumnError, match=None) as raised:
        call()  # type: ignore[operator]
    assert message in str(raised.value)


def test_a_bad_zone_in_a_column_is_a_row_error() -> None:
    zones = ["Europe/Paris", "Mars/Olympus"]
    assert columns.is_open(["24/7", "24/7"], MONDAY_10, timezone=zones) == [True, None]
    (error,) = columns.errors(["24/7", "24/7"], timezone=zones)
    assert error.row == 1 and "Mars/Olympus" in error.message


# -- Arrow, pandas, Polars --------------------------------------------------------------------


def test_arrow_arrays_give_arrow_arrays() -> None:
    result = columns.is_open(pa.array(VALUES), MONDAY_10)
    assert isinstance(result, pa.BooleanArray) and result.to_pylist() == OPEN
    for values in (pa.array(VALUES, pa.large_string()), pa.array(VALUES, pa.string_view())):
        assert columns.is_open(values, MONDAY_10).to_pylist() == OPEN
    states = columns.state(pa.array(VALUES), MONDAY_10)
    assert states.type == pa.string() and states.to_pylist() == STATE


def test_chunked_arrays_keep_their_chunks() -> None:
    chunked = pa.chunked_array([VALUES[:2], VALUES[2:]])
    result = columns.next_change(chunked, MONDAY_10)
    assert isinstance(result, pa.ChunkedArray)
    assert [len(c) for c in result.chunks] == [2, 4]
    assert result.type == pa.timestamp("us", "Europe/Paris")
    assert result.to_pylist()[0] == datetime(2025, 5, 5, 12, 30, tzinfo=PARIS)


def test_a_column_of_nulls_of_no_type_answers_nulls() -> None:
    # Arrow encodes a column of no type as one null entry, which no row uses
    assert columns.is_open(pa.array([None, None]), MONDAY_10).to_pylist() == [None, None]
    assert columns.state(pd.Series([None], dtype=object), MONDAY_10).tolist() == [pd.NA]
    assert columns.errors(pa.array([None])) == []


def test_dictionary_input_is_evaluated_once_per_entry_in_use() -> None:
    dictionary = pa.DictionaryArray.from_arrays(
        pa.array([0, None, 1, 0, 0], pa.int32()),
        pa.array([MAIRIE, "Sa 09:00-12:00", "Mo-Fx never used"]),
    )
    assert columns.is_open(dictionary, MONDAY_10).to_pylist() == [True, None, False, True, True]
    assert columns.errors(dictionary) == []  # the invalid entry is used by no row


def test_arrow_instants_in_any_unit_and_zone() -> None:
    at = pa.array(
        [MONDAY_10, None, MONDAY_10 + timedelta(hours=8)], pa.timestamp("ns", "Asia/Tokyo")
    )
    values = pa.array([MAIRIE, MAIRIE, MAIRIE])
    assert columns.is_open(values, at).to_pylist() == [True, None, False]
    at_s = at.cast(pa.timestamp("s", "UTC"))
    assert columns.is_open(values, at_s).to_pylist() == [True, None, False]
    assert columns.is_open(values, pa.scalar(MONDAY_10)).to_pylist() == [True] * 3


def test_pandas_series_keep_index_and_name() -> None:
    series = pd.Series(VALUES, index=list("abcdef"), name="opening_hours")
    result = columns.is_open(series, MONDAY_10)
    assert list(result.index) == list("abcdef") and result.name == "opening_hours"
    assert result.dtype == pd.ArrowDtype(pa.bool_())
    assert result.tolist() == [True, pd.NA, False, True, pd.NA, False]
    category = series.astype("category")
    assert columns.state(category, MONDAY_10).tolist() == [pd.NA if s is None else s for s in STATE]
    instants = pd.Series(pd.to_datetime([MONDAY_10] * 6, utc=True)).dt.tz_convert("Europe/Paris")
    assert columns.is_open(series, instants).tolist() == result.tolist()


def test_pandas_accessor() -> None:
    frame = pd.DataFrame({"opening_hours": VALUES, "at": [MONDAY_10] * 6})
    accessor = frame["opening_hours"].horaires
    assert accessor.is_open(MONDAY_10).tolist() == accessor.is_open(frame["at"]).tolist()
    assert accessor.state(MONDAY_10, errors="null").tolist()[0] == "open"
    assert [e.row for e in accessor.errors()] == [4]
    week = MONDAY_10, MONDAY_10 + timedelta(days=7)
    assert accessor.open_minutes(*week).dtype == pd.ArrowDtype(pa.float64())
    assert accessor.next_change(MONDAY_10).dtype == pd.ArrowDtype(
        pa.timestamp("us", "Europe/Paris")
    )


def test_polars_series_and_expressions() -> None:
    series = pl.Series("opening_hours", VALUES)
    result = columns.is_open(series, MONDAY_10)
    assert isinstance(result, pl.Series) and result.name == "opening_hours"
    assert result.to_list() == OPEN
    assert series.cast(pl.Categorical).horaires.state(MONDAY_10).to_list() == STATE
    frame = pl.DataFrame({"opening_hours": VALUES, "at": [MONDAY_10] * 6})
    out = frame.select(
        pl.col("opening_hours").horaires.is_open(MONDAY_10).alias("now"),
        pl.col("opening_hours").horaires.is_open(pl.col("at")).alias("at_column"),
        pl.col("opening_hours").horaires.next_change(MONDAY_10).alias("next"),
        pl.col("opening_hours")
        .horaires.can_be_served(MONDAY_10, timezone=pl.lit("UTC"))
        .alias("utc"),
    )
    assert out["now"].to_list() == OPEN == out["at_column"].to_list()
    assert out["next"].dtype == pl.Datetime("us", "Europe/Paris")
    assert out["utc"].to_list() == [False, None, False, False, None, False]  # 08:00 UTC
    lazy = frame.lazy().filter(pl.col("opening_hours").horaires.is_open(MONDAY_10))
    assert lazy.collect().height == 2


# -- DuckDB -----------------------------------------------------------------------------------


def test_duckdb_functions() -> None:
    con = duckdb.connect()
    names = columns.register_duckdb(con)
    assert "horaires_is_open" in names and "horaires_error" in names
    table = pa.table({"opening_hours": VALUES * 1000})  # several vectors of 2,048 rows
    con.register("places", table)
    at = "TIMESTAMPTZ '2025-05-05 10:00:00+02'"
    rows = con.sql(
        f"SELECT horaires_is_open(opening_hours, {at}) AS open, horaires_state(opening_hours, {at}),"
        f" horaires_next_change(opening_hours, {at}), horaires_error(opening_hours) FROM places"
    ).fetchall()
    assert [row[0] for row in rows] == OPEN * 1000
    assert [row[1] for row in rows[:6]] == STATE
    assert rows[0][2] == datetime(2025, 5, 5, 12, 30, tzinfo=PARIS)
    assert rows[4][3] is not None and "at column 4" in rows[4][3] and rows[0][3] is None
    week = "TIMESTAMPTZ '2025-05-05 00:00:00+02', TIMESTAMPTZ '2025-05-12 00:00:00+02'"
    minutes = con.sql(f"SELECT horaires_open_minutes(opening_hours, {week}) FROM places LIMIT 1")
    assert minutes.fetchall() == [(1920.0,)]
    strict = duckdb.connect()
    columns.register_duckdb(strict, errors="raise")
    with pytest.raises(duckdb.Error, match="row 0: 'Mo-Fx"):
        strict.sql(f"SELECT horaires_is_open('Mo-Fx', {at})").fetchall()


# -- imports ----------------------------------------------------------------------------------

HEAVY = ("pyarrow", "pandas", "polars", "duckdb", "dask", "distributed", "pyspark")


def _python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_horaires_imports_none_of_the_heavy_libraries() -> None:
    loaded = _python(
        f"""
        import sys, horaires, horaires.bulk, horaires.osm
        before = [m for m in {HEAVY!r} if m in sys.modules]
        import horaires.columns
        print(before, [m for m in {HEAVY!r} if m in sys.modules])
        horaires.columns.is_open(["24/7"], None)
        print([m for m in {HEAVY!r} if m in sys.modules])
        """
    )
    assert loaded.splitlines() == ["[] []", "[]"]


@pytest.mark.parametrize("first", ["horaires", "libraries"])
def test_namespaces_are_registered_whatever_the_import_order(first: str) -> None:
    imports = ["import horaires.columns", "import pandas, polars, dask.dataframe"]
    if first == "libraries":
        imports.reverse()
    out = _python(
        "\n".join(imports)
        + """
import pandas as pd, polars as pl, dask.dataframe as dd
print(hasattr(pd.Series([]), "horaires"), hasattr(pl.col("x"), "horaires"),
      hasattr(pl.Series([]), "horaires"), hasattr(dd.from_pandas(pd.Series([]), 1), "horaires"))
"""
    )
    assert out == "True True True True"


def _dask_asks(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The values the Dask module asks about, call by call (a share each)."""
    from horaires.columns import dask as on_dask

    asked: list[list[str]] = []
    real = on_dask.ask

    def recording(question: str, values: pa.Array, *args: object, **options: object) -> object:
        asked.append(values.to_pylist())
        return real(question, values, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(on_dask, "ask", recording)
    return asked


def test_dask_answers_each_distinct_value_once_in_the_share_of_its_first_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dask.dataframe as dd

    from horaires.columns import dask as on_dask

    asked = _dask_asks(monkeypatch)
    values = VALUES * 3 + ["24/7", "Mo-Fr 08:00-18:00; PH off", "Mo-Fr 08:00-18:00; Sa off"]
    lazy = dd.from_pandas(pd.Series(values, dtype="string[pyarrow]", name="oh"), npartitions=4)
    got = lazy.horaires.is_open(MONDAY_10).compute(scheduler="sync")
    assert got.tolist() == [pd.NA if x is None else x for x in OPEN * 3] + [True, True, True]
    assert got.index.tolist() == list(range(len(values))) and got.name == "oh"
    assert len(asked) == 4  # a share per partition
    flat = [value for share in asked for value in share]
    assert sorted(flat) == sorted({v for v in values if v is not None})  # each value once
    shares = [{on_dask.share_of(value, 4) for value in share} for share in asked if share]
    assert all(len(share) == 1 for share in shares)  # each share one first rule's values
    assert len({next(iter(share)) for share in shares}) == len(shares)
    # values sharing their first rule land in one share, whatever the partition they are in
    assert any(
        {"Mo-Fr 08:00-18:00; PH off", "Mo-Fr 08:00-18:00; Sa off"} <= set(share) for share in asked
    )


def test_dask_deals_into_at_most_shares_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    import dask.dataframe as dd

    from horaires.columns import dask as on_dask

    asked = _dask_asks(monkeypatch)
    monkeypatch.setattr(on_dask, "SHARES", 2)
    lazy = dd.from_pandas(pd.Series(VALUES * 4, dtype="string[pyarrow]"), npartitions=6)
    got = lazy.horaires.is_open(MONDAY_10).compute(scheduler="sync")
    assert got.tolist() == [pd.NA if x is None else x for x in OPEN * 4]
    assert len(asked) == 2 and sum(map(len, asked)) == 4  # two shares, four distinct values


@pytest.mark.parametrize("convert_string", [True, False])
def test_dask_answers_keep_the_partitions_of_the_values(convert_string: bool) -> None:
    import dask
    import dask.dataframe as dd

    frame = pd.DataFrame({"oh": pd.Series([*VALUES, None, None], dtype=object), "n": range(8)})
    # unknown divisions (as read from Parquet), a partition of nulls (objects, without Dask's
    # string conversion: a column of no type), an empty partition
    with dask.config.set({"dataframe.convert-string": convert_string}):
        lazy = dd.from_pandas(frame, npartitions=4).clear_divisions()
        lazy = lazy[lazy["n"] >= 2]
        open_now = lazy[lazy["oh"].horaires.is_open(MONDAY_10).fillna(False)]
        assert open_now["n"].compute(scheduler="sync").tolist() == [3]
        states = lazy["oh"].horaires.state(MONDAY_10).compute(scheduler="sync")
    assert states.tolist() == ["closed", "open", pd.NA, "unknown", pd.NA, pd.NA]
    assert states.index.tolist() == list(range(2, 8))


def test_dask_answers_the_distinct_values_and_raises_on_request() -> None:
    import dask.dataframe as dd

    values = ["Mo-Fr 08:00-18:00", "Sa 09:00-12:00", None, "Mo-Fr 08:00-18:00", "Mo 25:00"]
    for dtype in ("object", "category", "string[pyarrow]"):
        lazy = dd.from_pandas(pd.Series(values, dtype=dtype, name="oh"), npartitions=2)
        got = lazy.horaires.is_open(MONDAY_10).compute(scheduler="sync")
        assert got.tolist() == [True, False, pd.NA, True, pd.NA], dtype
        assert str(got.dtype) == "bool[pyarrow]" and got.name == "oh"
        # a question that costs more per value: each distinct value answered once
        changes = lazy.horaires.next_change(MONDAY_10).compute(scheduler="sync")
        assert changes.tolist()[:2] == [
            datetime(2025, 5, 5, 18, 0, tzinfo=PARIS),
            datetime(2025, 5, 10, 9, 0, tzinfo=PARIS),
        ], dtype
        assert changes.isna().tolist() == [False, False, True, False, True]
    lazy = dd.from_pandas(pd.Series(values, dtype=object), npartitions=2)
    with pytest.raises(ColumnError, match=r"row 1: .*25:00"):  # the row of its partition (3, 4)
        lazy.horaires.is_open(MONDAY_10, errors="raise").compute(scheduler="sync")
