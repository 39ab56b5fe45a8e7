"""Limits on what a configuration may hold, so that loading one takes bounded work.

Each is far above what a real place needs (the largest bundled example has a few dozen
rules); crossing one is a :class:`~horaires.ConfigError` that names the limit. They are
public as ``horaires.limits`` and listed in docs/configuration.md#limits.

>>> MAX_FILE_BYTES, MAX_EXCEPTIONS, MAX_SERVICES
(1048576, 5000, 500)
"""

from __future__ import annotations

__all__ = [
    "MAX_DEPTH",
    "MAX_EXCEPTIONS",
    "MAX_EXCERPT",
    "MAX_FILE_BYTES",
    "MAX_ISSUES",
    "MAX_SEASONS",
    "MAX_SERVICES",
    "MAX_SLOTS_PER_DAY",
    "MAX_TEXT_CHARS",
    "MAX_VALUE_CHARS",
]

MAX_FILE_BYTES = 1 << 20
"""The largest configuration file read (1 MiB), checked before reading it."""

MAX_TEXT_CHARS = 1 << 20
"""The longest configuration text read by ``loads`` (1 Mi characters)."""

MAX_DEPTH = 32
"""How deeply tables and lists may nest in a configuration (a real one nests 5 levels)."""

MAX_EXCEPTIONS = 5_000
"""Dated exceptions in a whole configuration, the establishment's and its services'."""

MAX_SEASONS = 500
"""Seasons in a whole configuration, the establishment's and its services'."""

MAX_SERVICES = 500
"""Services of an establishment."""

MAX_SLOTS_PER_DAY = 100
"""Slots of one day (weekly hours, an exception, a season or holiday hours)."""

MAX_VALUE_CHARS = 10_000
"""The longest single text value (a name, a label, a slot, a recurrence rule)."""

MAX_ISSUES = 100
"""Issues a :class:`~horaires.ConfigError` lists; one more line counts the others."""

MAX_EXCERPT = 60
"""The longest excerpt of the input an error message quotes (in characters)."""
