"""horaires: when a place is open, and whether a person arriving now will still be served.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from horaires import examples
>>> pantin = examples.pantin()
>>> at = datetime(2025, 5, 5, 12, 10, tzinfo=ZoneInfo("Europe/Paris"))
>>> pantin.is_open(at), pantin.can_be_served(at)
(True, False)
"""

from ._config import dump, dumps, json_schema, load, load_file, loads
from ._errors import (
    ArgumentError,
    ConfigError,
    HorairesError,
    Issue,
    NaiveDatetimeError,
    RepeatedTime,
    SkippedTime,
    UnknownServiceError,
)
from ._establishment import Establishment
from ._model import (
    AdmissionRule,
    DatedException,
    HolidayCalendar,
    Season,
    Service,
    Slot,
    WeeklyHours,
)
from ._schedule import DEFAULT_HORIZON, MAX_HORIZON, Combined, Schedule
from ._values import Day, Interval, Status
from ._wall import Disambiguate

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_HORIZON",
    "MAX_HORIZON",
    "AdmissionRule",
    "ArgumentError",
    "Combined",
    "ConfigError",
    "DatedException",
    "Day",
    "Disambiguate",
    "Establishment",
    "HolidayCalendar",
    "HorairesError",
    "Interval",
    "Issue",
    "NaiveDatetimeError",
    "RepeatedTime",
    "Schedule",
    "Season",
    "Service",
    "SkippedTime",
    "Slot",
    "Status",
    "UnknownServiceError",
    "WeeklyHours",
    "__version__",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "load_file",
    "loads",
]
