"""horaires: when a place is open, and whether a person arriving now will still be served.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from horaires import examples
>>> pantin = examples.pantin()
>>> at = datetime(2025, 5, 5, 12, 10, tzinfo=ZoneInfo("Europe/Paris"))
>>> pantin.is_open(at), pantin.can_be_served(at)
(True, False)

The names below are imported on first use: ``import horaires`` costs nothing, and a program
that reads OpenStreetMap values (``horaires.osm``) never loads the configuration models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_HORIZON",
    "LANGUAGES",
    "MAX_HORIZON",
    "AdmissionRule",
    "ArgumentError",
    "Combined",
    "ConfigError",
    "ConfigWarning",
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
    "Report",
    "Schedule",
    "Season",
    "Service",
    "SkippedTime",
    "Slot",
    "Status",
    "UnknownServiceError",
    "UnsupportedLanguage",
    "WeeklyHours",
    "__version__",
    "check",
    "dump",
    "dumps",
    "json_schema",
    "limits",
    "load",
    "load_file",
    "loads",
]

_HOMES = {
    "._config": ("dump", "dumps", "json_schema", "load", "load_file", "loads"),
    "._errors": (
        "ArgumentError",
        "ConfigError",
        "HorairesError",
        "Issue",
        "NaiveDatetimeError",
        "RepeatedTime",
        "SkippedTime",
        "UnknownServiceError",
    ),
    "._establishment": ("Establishment",),
    "._languages": ("LANGUAGES", "UnsupportedLanguage"),
    "._lint": ("ConfigWarning", "Report", "check"),
    "._model": (
        "AdmissionRule",
        "DatedException",
        "HolidayCalendar",
        "Season",
        "Service",
        "Slot",
        "WeeklyHours",
    ),
    "._schedule": ("DEFAULT_HORIZON", "MAX_HORIZON", "Combined", "Schedule"),
    "._values": ("Day", "Interval", "Status"),
    "._wall": ("Disambiguate",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

if TYPE_CHECKING:
    from . import _limits as limits
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
    from ._languages import LANGUAGES, UnsupportedLanguage
    from ._lint import ConfigWarning, Report, check
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


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    if name == "limits":
        value: Any = import_module("._limits", __name__)
        globals()[name] = value
        return value
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'horaires' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
