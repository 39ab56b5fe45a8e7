"""``Series.horaires`` for pandas, registered when :mod:`horaires.columns` is imported (or
this module: ``import horaires.columns.pandas``).

>>> import pandas as pd
>>> from datetime import datetime, timezone
>>> import horaires.columns
>>> places = pd.DataFrame({"opening_hours": ["Mo-Fr 08:00-18:00", "Sa 09:00-12:00", None]})
>>> places["opening_hours"].horaires.is_open(datetime(2025, 5, 5, 9, tzinfo=timezone.utc))
0     True
1    False
2     <NA>
Name: opening_hours, dtype: bool[pyarrow]
"""

from __future__ import annotations

import pandas

from ._accessor import SeriesMethods

__all__ = ["HorairesAccessor"]


class HorairesAccessor(SeriesMethods):
    """``series.horaires`` on a pandas Series of ``opening_hours`` values (answers are Series
    with the same index and name, of pyarrow types: ``bool[pyarrow]``, ``string[pyarrow]``,
    ``timestamp[us, tz=...][pyarrow]``, ``double[pyarrow]``)."""

    __slots__ = ()


if "horaires" not in pandas.Series.__dict__:
    pandas.api.extensions.register_series_accessor("horaires")(HorairesAccessor)
