"""Spark: a column of answers added to a DataFrame with ``mapInArrow``.

Each Python worker receives Arrow record batches of the rows (``opening_hours`` values, not
compiled schedules), asks :mod:`horaires.columns` once per distinct value of the batch, and
keeps what it has read and answered for the next batches (per worker process: see
docs/bulk.md). The workers need horaires installed.

.. code-block:: python

    from pyspark.sql import SparkSession
    from horaires.columns import spark as horaires_spark

    session = SparkSession.builder.master("local[2]").getOrCreate()
    places = session.read.parquet("places.parquet")
    open_now = horaires_spark.with_answer(places, "open", "is_open", "opening_hours", at)
    open_now.filter("open").count()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._ask import QUESTIONS, ask
from ._core import ColumnError, QuestionName

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["local_session", "with_answer"]

_QUIET_LOG = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


def local_session(
    master: str = "local[2]", *, name: str = "horaires", config: Mapping[str, str] | None = None
) -> Any:
    """A quiet local Spark session for tests and benchmarks: bound to 127.0.0.1, no web UI,
    no progress bar, errors only in the logs, the session time zone UTC, and the Python
    workers running this interpreter. ``config`` adds Spark settings
    (``{"spark.sql.shuffle.partitions": "4"}``). Needs Java 17 or later on the path.
    """
    import os
    import sys
    import tempfile

    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    log = os.path.join(tempfile.gettempdir(), "horaires-spark-log4j2.properties")
    with open(log, "w", encoding="utf-8") as file:
        file.write(_QUIET_LOG)
    java = f"-Dlog4j2.configurationFile=file:{log}"
    settings = {
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.extraJavaOptions": java,
        "spark.executor.extraJavaOptions": java,
        **(config or {}),
    }
    builder = SparkSession.builder.master(master).appName(name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def with_answer(
    frame: DataFrame,
    name: str,
    question: QuestionName,
    values: str,
    *instants: dt.datetime | str | None,
    horizon: dt.timedelta | None = None,
    **options: Any,
) -> DataFrame:
    """``frame`` with a column ``name``: the answer to ``question`` (``"is_open"``, ...,
    see :data:`horaires.columns.QUESTIONS`) for the values of the column ``values``.

    Each instant is an aware datetime (the same for every row; None is now, read once here)
    or the name of a timestamp column. ``options`` are :func:`horaires.columns.is_open`'s
    (``timezone=``, ``country=``, ``errors=``, ...), the same for every row. The column is
    BOOLEAN, STRING (``state``), TIMESTAMP (``next_change``) or DOUBLE (``open_minutes``).
    """
    from pyspark.sql import types

    if question not in QUESTIONS:
        raise ColumnError(f"unknown question {question!r}; known: {', '.join(QUESTIONS)}")
    kind = {
        "state": types.StringType(),
        "next_change": types.TimestampType(),
        "open_minutes": types.DoubleType(),
    }.get(question, types.BooleanType())
    if question != "open_minutes":
        instants = tuple(dt.datetime.now(dt.UTC) if at is None else at for at in instants)
    if question == "next_change":
        options["horizon"] = horizon
    schema = types.StructType([*frame.schema.fields, types.StructField(name, kind, True)])
    timestamp = question == "next_change"

    def batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        for batch in batches:
            moments = [batch.column(at) if isinstance(at, str) else at for at in instants]
            answer = ask(question, batch.column(values), *moments, **options)
            if timestamp:
                answer = answer.cast(pa.timestamp("us", "UTC"))
            yield pa.RecordBatch.from_arrays(
                [*batch.columns, answer], names=[*batch.schema.names, name]
            )

    return frame.mapInArrow(batches, schema)
