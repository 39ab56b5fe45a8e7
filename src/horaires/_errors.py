"""The errors horaires raises: all subclass :class:`HorairesError` (itself a ``ValueError``)."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from dataclasses import dataclass

from ._limits import MAX_EXCERPT, MAX_ISSUES
from ._suggest import did_you_mean

__all__ = [
    "ArgumentError",
    "ConfigError",
    "HorairesError",
    "Issue",
    "NaiveDatetimeError",
    "OSMSyntaxError",
    "RepeatedTime",
    "SkippedTime",
    "UnknownServiceError",
    "UnsupportedSyntax",
    "check_types",
    "excerpt",
]


_EXCERPT = reprlib.Repr()
_EXCERPT.maxlevel = 3
_EXCERPT.maxstring = MAX_EXCERPT
_EXCERPT.maxother = MAX_EXCERPT
_EXCERPT.maxlist = _EXCERPT.maxtuple = _EXCERPT.maxdict = _EXCERPT.maxset = 6


def excerpt(value: object) -> str:
    """A short ``repr`` of some input for a message: bounded in length and depth, whatever
    the input (a value nested a thousand levels deep, a megabyte string).

    >>> len(excerpt("x" * 1000))
    60
    >>> excerpt([[[[[1]]]]])
    '[[[[...]]]]'
    """
    return _EXCERPT.repr(value)


class HorairesError(ValueError):
    """Base class of every error raised by horaires.

    >>> issubclass(HorairesError, ValueError)
    True
    """


class ArgumentError(HorairesError, TypeError):
    """An argument of the wrong type given to a public function (a programming error).

    It is also a ``TypeError``, so code that expects Python's error for a wrong type catches
    it; like every error of horaires it is a :class:`HorairesError`.

    >>> issubclass(ArgumentError, TypeError), issubclass(ArgumentError, HorairesError)
    (True, True)
    """


def _names(expected: type | tuple[type, ...]) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join("None" if kind is type(None) else kind.__name__ for kind in kinds)


def check_types(**arguments: tuple[object, type | tuple[type, ...]]) -> None:
    """Check the types of a public function's arguments, given as ``name=(value, types)``:
    an :class:`ArgumentError` names the first one of another type (docs/limits.md#arguments).

    ``bool`` is not taken for ``int`` (``days=True`` is a mistake), unless ``bool`` is named.

    >>> check_types(days=(7, int), lang=(None, (str, type(None))))
    >>> check_types(days=(7, int), lang=(3, (str, type(None))))
    Traceback (most recent call last):
    ...
    horaires._errors.ArgumentError: lang=3 is not a str or None
    """
    for name, (given, expected) in arguments.items():
        if not isinstance(given, expected) or (
            type(given) is bool
            and bool not in (expected if isinstance(expected, tuple) else (expected,))
        ):
            raise ArgumentError(f"{name}={excerpt(given)} is not a {_names(expected)}")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a configuration, at ``path`` (``services.etat-civil.hours.sat[0]``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


MAX_MESSAGE = 1000
"""The longest message of one issue (longer ones are cut): a message quotes only excerpts."""


def _bounded(issue: Issue) -> Issue:
    if len(issue.message) <= MAX_MESSAGE and len(issue.path) <= MAX_MESSAGE:
        return issue
    return Issue(issue.path[:MAX_MESSAGE], issue.message[: MAX_MESSAGE - 1] + "…")


class ConfigError(HorairesError):
    """A configuration is invalid; ``issues`` lists every problem with its path.

    It lists at most :data:`~horaires.limits.MAX_ISSUES` issues, then one that counts the
    others, so its message stays short whatever the input.

    >>> str(ConfigError([Issue("hours.mon[0]", "bad time")]))
    'hours.mon[0]: bad time'
    >>> len(ConfigError([Issue(f"exceptions[{i}]", "bad") for i in range(500)]).issues)
    101
    """

    def __init__(self, issues: Iterable[Issue]) -> None:
        found = list(issues)
        kept = [_bounded(issue) for issue in found[:MAX_ISSUES]]
        if len(found) > MAX_ISSUES:
            more = len(found) - MAX_ISSUES
            kept.append(Issue("", f"and {more:,} more issue(s) (MAX_ISSUES: {MAX_ISSUES})"))
        self.issues: tuple[Issue, ...] = tuple(kept)
        super().__init__("\n".join(str(issue) for issue in self.issues))

    @classmethod
    def at(cls, path: str, message: str) -> ConfigError:
        """A configuration error with a single issue."""
        return cls([Issue(path, message)])


class NaiveDatetimeError(HorairesError):
    """A datetime without a time zone was given where an instant is needed."""

    def __init__(self, value: object) -> None:
        super().__init__(
            f"{value!r} has no time zone: pass an aware datetime, e.g. "
            "datetime(2025, 5, 5, 9, 0, tzinfo=ZoneInfo('Europe/Paris')) or "
            "datetime.now(timezone.utc)"
        )


class UnknownServiceError(HorairesError, KeyError):
    """A service id that the establishment does not have.

    >>> print(UnknownServiceError("etat-civl", ["etat-civil", "urbanisme"]))
    unknown service 'etat-civl' (did you mean 'etat-civil'?); known services: etat-civil, urbanisme
    """

    def __init__(self, service: str, known: Iterable[str]) -> None:
        ids = sorted(known)
        names = ", ".join(ids) or "none"
        self.service = service
        hint = did_you_mean(service, ids)
        super().__init__(f"unknown service {excerpt(service)}{hint}; known services: {names}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class SkippedTime(HorairesError):
    """A wall-clock time that does not exist (skipped by a daylight-saving change)."""


class RepeatedTime(HorairesError):
    """A wall-clock time that occurs twice (repeated by a daylight-saving change)."""


def _caret(value: str, column: int) -> str:
    """The value on one line with a caret under ``column`` (long values are cut around it)."""
    line = value.replace("\n", " ").replace("\t", " ")
    start = max(0, column - 60)
    end = min(len(line), column + 40)
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return f"  {shown}\n  {' ' * (column - start + (1 if start else 0))}^"


class OSMSyntaxError(HorairesError):
    """An OpenStreetMap ``opening_hours`` value is invalid at ``column`` (0-based).

    >>> print(OSMSyntaxError("Mo-Fx 10:00-12:00", 3, "expected a weekday (Mo, Tu, ...)"))
    expected a weekday (Mo, Tu, ...) at column 4:
      Mo-Fx 10:00-12:00
         ^
    """

    def __init__(self, value: str, column: int, message: str) -> None:
        self.value = value
        self.column = column
        self.reason = message
        super().__init__(f"{message} at column {column + 1}:\n{_caret(value, column)}")


class UnsupportedSyntax(HorairesError):
    """A valid ``opening_hours`` construct that horaires does not evaluate (``sunrise``, ``SH``).

    ``construct`` names it and ``column`` (0-based) says where it is; horaires raises
    rather than give a different answer.

    >>> print(UnsupportedSyntax("sunrise-18:00", 0, "sunrise"))
    sunrise is not supported at column 1:
      sunrise-18:00
      ^
    """

    def __init__(self, value: str, column: int, construct: str, why: str = "") -> None:
        self.value = value
        self.column = column
        self.construct = construct
        detail = f" ({why})" if why else ""
        super().__init__(
            f"{construct} is not supported{detail} at column {column + 1}:\n{_caret(value, column)}"
        )
