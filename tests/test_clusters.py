"""horaires.columns on clusters: a Dask DataFrame over a LocalCluster of two worker processes,
and a Spark job in local mode with two threads; the answers are those of ``osm.parse`` row by
row (see docs/bulk.md). Each cluster starts once for this module and closes itself."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from horaires import HorairesError, osm

PARIS = ZoneInfo("Europe/Paris")
AT = datetime(2025, 5, 5, 10, 0, tzinfo=PARIS)  # a Monday
VALUES = [
    "Mo,Tu,We,Fr 08:30-12:30,13:30-17:30; Th 13:30-17:30; PH off",
    "Sa 09:00-12:00",
    None,
    "Mo-Fr 08:00-19:00; Sa 09:00-12:30; PH off",
    "Mo-Fx 10:00",  # invalid
    "24/7",
    'Mo 09:00-12:00 "call first"',
    "Tu-Sa 12:00-14:30,19:00-22:30",
] * 25  # 200 rows, 8 distinct values, in several partitions and batches


def expected(values: list[str | None], instants: list[datetime]) -> list[bool | None]:
    answers: list[bool | None] = []
    for value, at in zip(values, instants, strict=True):
        try:
            answers.append(None if value is None else osm.parse(value).is_open(at))
        except HorairesError:
            answers.append(None)
    return answers


INSTANTS = [AT + timedelta(hours=k % 13) for k in range(len(VALUES))]


# -- Dask -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # a free port: never 8787, which another run may hold
            worker_dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_dask_frame_over_two_worker_processes(dask_client: Any) -> None:
    import dask.dataframe as dd

    import horaires.columns  # noqa: F401 - registers .horaires on Dask Series

    assert len(dask_client.scheduler_info()["workers"]) == 2
    frame = pd.DataFrame({"opening_hours": VALUES, "at": INSTANTS})
    places = dd.from_pandas(frame, npartitions=4)
    now = places["opening_hours"].horaires.is_open(AT).compute()
    assert [None if pd.isna(x) else x for x in now] == expected(VALUES, [AT] * len(VALUES))
    each = places["opening_hours"].horaires.is_open(places["at"]).compute()
    assert [None if pd.isna(x) else x for x in each] == expected(VALUES, INSTANTS)
    # the worker processes answered, and keep the answers (ANSWERS_CACHE, per process)
    kept = dask_client.run(lambda: len(__import__("horaires.columns._core").columns._core.MEMO))
    assert len(kept) == 2 and sum(kept.values()) > 0


def test_dask_other_questions(dask_client: Any) -> None:
    import dask.dataframe as dd

    import horaires.columns  # noqa: F401

    places = dd.from_pandas(pd.DataFrame({"opening_hours": VALUES}), npartitions=3)
    states = places["opening_hours"].horaires.state(AT).compute().tolist()
    assert states[:8] == ["open", "closed", pd.NA, "open", pd.NA, "open", "unknown", "closed"]
    changes = places["opening_hours"].horaires.next_change(AT).compute()
    assert changes.iloc[0] == pd.Timestamp("2025-05-05 12:30", tz="Europe/Paris")


# -- Spark ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: PySpark needs Java 17 or later on the PATH "
            "(Debian: apt-get install openjdk-17-jre-headless); the Spark tests cannot run"
        )
    version = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0, f"java -version failed: {version.stderr}"
    from horaires.columns.spark import local_session

    session = local_session("local[2]", config={"spark.sql.shuffle.partitions": "2"})
    try:
        yield session
    finally:
        session.stop()


pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


def test_spark_map_in_arrow(spark: Any) -> None:
    from horaires.columns.spark import with_answer

    rows = [(value, at.astimezone(UTC)) for value, at in zip(VALUES, INSTANTS, strict=True)]
    frame = spark.createDataFrame(rows, "opening_hours string, at timestamp").repartition(2)
    now = with_answer(frame, "open", "is_open", "opening_hours", AT)
    each = with_answer(now, "open_then", "is_open", "opening_hours", "at")
    got = each.collect()
    by_row = {(r["opening_hours"], r["at"]): (r["open"], r["open_then"]) for r in got}
    assert len(got) == len(VALUES)
    for value, at in rows:
        naive = at.replace(tzinfo=None)  # the session's zone is UTC
        assert by_row[(value, naive)] == (expected([value], [AT])[0], expected([value], [at])[0])


def test_spark_other_questions(spark: Any) -> None:
    from horaires.columns.spark import with_answer

    frame = spark.createDataFrame([(v,) for v in VALUES[:8]], "opening_hours string")
    states = with_answer(frame, "state", "state", "opening_hours", AT)
    changes = with_answer(states, "next", "next_change", "opening_hours", AT)
    week = AT, AT + timedelta(days=7)
    minutes = with_answer(changes, "minutes", "open_minutes", "opening_hours", *week)
    got = {r["opening_hours"]: r for r in minutes.collect()}
    assert got["24/7"]["state"] == "open" and got["24/7"]["minutes"] == 7 * 24 * 60
    assert got["Sa 09:00-12:00"]["next"] == datetime(2025, 5, 10, 7, 0)  # UTC, naive
    assert got["Mo-Fx 10:00"]["state"] is None and got[None]["minutes"] is None


def test_spark_pandas_udf_recipe(spark: Any) -> None:
    """The pandas UDF of docs/bulk.md."""
    from pyspark.sql.functions import pandas_udf

    from horaires import columns

    @pandas_udf("boolean")  # type: ignore[call-overload]
    def open_now(values: pd.Series) -> pd.Series:
        return columns.is_open(values, AT).astype("boolean")

    frame = spark.createDataFrame([(v,) for v in VALUES[:8]], "opening_hours string")
    got = [row[0] for row in frame.select(open_now("opening_hours")).collect()]
    assert got == expected(VALUES[:8], [AT] * 8)
