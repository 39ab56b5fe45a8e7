"""Split an ``opening_hours`` value into tokens, each with its column; one pass, linear.

One regular expression cuts the whole value into pieces (``findall``, in C); each piece is
then looked up in a table of the fixed tokens (weekdays, months, words, punctuation, small
numbers, times such as ``08:30``), and only other numbers, comments and the separators of
rules need more work. A time is one token whose value is in minutes.

>>> tokenize("Mo-Fr 08:30-12:30; PH off")[0].kinds
['weekday', '-', 'weekday', 'time', '-', 'time']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._errors import OSMSyntaxError
from ._ast import State

__all__ = ["MONTHS", "MONTH_DAYS", "STATES", "WEEKDAYS", "RuleTokens", "tokenize"]

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The days of each month (February's 29th: the grammar allows it every year)."""

_WORDS: dict[str, tuple[str, int | str]] = {
    **{name: ("weekday", i) for i, name in enumerate(WEEKDAYS)},
    **{name: ("month", i + 1) for i, name in enumerate(MONTHS)},
    "PH": ("holiday", "PH"),
    "SH": ("holiday", "SH"),
    "week": ("week", "week"),
    "easter": ("event", "easter"),
    "day": ("calcday", "day"),
    "days": ("calcday", "days"),
    "open": ("state", "open"),
    "closed": ("state", "closed"),
    "off": ("state", "closed"),
    "unknown": ("state", "unknown"),
    "sunrise": ("timevar", "sunrise"),
    "sunset": ("timevar", "sunset"),
    "dawn": ("timevar", "dawn"),
    "dusk": ("timevar", "dusk"),
}
STATES: dict[str, State] = {
    word: value  # type: ignore[misc]
    for word, (kind, value) in _WORDS.items()
    if kind == "state"
}
"""The state a state word says (``off`` is ``closed``)."""
_DIGITS = sorted({f"{n:0{width}d}" for n in range(100) for width in (1, 2)})
_FIXED: dict[str, tuple[str, int | str]] = {
    **_WORDS,
    **{char: (char, char) for char in "-+,:/[]()"},
    "24/7": ("24/7", "24/7"),
    **{text: ("number", int(text)) for text in _DIGITS},
    **{str(year): ("year", year) for year in range(1901, 2101)},
    **{
        f"{h}:{m}": ("time", int(h) * 60 + int(m))
        for h in _DIGITS
        if int(h) <= 48
        for m in _DIGITS
        if int(m) <= 59
    },
}
"""Tokens known by their text: (kind, value). A punctuation character is its own kind;
the most common numbers are here too: one or two digits (hours, days), the years
1901-2100, and the times up to 48:59 (hours and minutes of one or two digits)."""
_HINTS = {
    w.lower(): w for w in (*WEEKDAYS, *MONTHS, "PH", "SH", "sunrise", "sunset", "dawn", "dusk")
}
_PIECES = re.compile(
    r'[-+,;:/\[\]()]|24/7|\d+(?::\d\d?(?![:\d]))?|[^\W\d_]+|\s+|"[^"]*"|\|\||.', re.DOTALL
)
"""Punctuation, 24/7, a number or a time, a word, spaces, a comment, ``||``, or any other
character (an error): every character of the value is in exactly one piece. The most
common come first; only ``24/7`` and a number, and the last alternative, can start alike.
A time is one piece unless a colon follows it (``Jan 05:10:00-12:00`` is a date, then
a colon for readability, then a time)."""
_WORD = re.compile(r"[^\W\d_]+")
_EXPECTED = (
    "expected a weekday (Mo-Su), a month (Jan-Dec), PH, SH, week, easter, a time (08:30), "
    'sunrise, sunset, dawn, dusk, open, off, closed, unknown or a "comment"'
)


@dataclass(slots=True)
class RuleTokens:
    """The tokens of one rule, side by side: their ``kinds`` (``number``, ``time``,
    ``year``, ``weekday``, ``month``, a punctuation character...), ``values`` and
    ``columns`` (0-based); whether the rule follows ``||``, and the column where it starts."""

    fallback: bool = False
    column: int = 0
    kinds: list[str] = field(default_factory=list)
    values: list[int | str] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)

    def add(self, kind: str, value: int | str, column: int) -> None:
        self.kinds.append(kind)
        self.values.append(value)
        self.columns.append(column)


def tokenize(value: str) -> list[RuleTokens]:
    """The tokens of each rule of ``value`` (split on ``;`` and ``||``)."""
    rules: list[RuleTokens] = []
    current = RuleTokens()
    kinds, values, columns = current.kinds, current.values, current.columns
    pos = 0
    for text in _PIECES.findall(value):
        found = _FIXED.get(text)
        if found is not None:
            kinds.append(found[0])
            values.append(found[1])
            columns.append(pos)
        elif text == ";" or text == "||":
            if text == "||" and not kinds:
                raise OSMSyntaxError(value, pos, "a fallback rule (||) needs a rule before it")
            rules.append(current)
            current = RuleTokens(text == "||", pos + len(text))
            kinds, values, columns = current.kinds, current.values, current.columns
        elif not text.isspace():
            _other(value, pos, text, current)
        pos += len(text)
    rules.append(current)
    return rules


def _other(value: str, pos: int, text: str, out: RuleTokens) -> None:
    """Add the token(s) of a piece that is not in the table of fixed tokens."""
    if text[0].isdecimal():
        _number(value, pos, text, out)
    elif text[0] == '"':
        if len(text) == 1:
            raise OSMSyntaxError(value, pos, 'unterminated comment: expected a closing "')
        if len(text) == 2:
            raise OSMSyntaxError(value, pos, "empty comment: write text between the quotes")
        out.add("comment", text[1:-1], pos)
    elif _WORD.fullmatch(text):
        _word(value, pos, text, out)
    else:
        raise OSMSyntaxError(value, pos, f"unexpected character {text!r}; {_EXPECTED}")


def _number(value: str, pos: int, text: str, out: RuleTokens) -> None:
    """A number (a year when it is past 1900), or a time not in the table: ``100:00``."""
    hours, colon, minutes = text.partition(":")
    for digits, at in ((hours, pos), (minutes, pos + len(hours) + 1)):
        if len(digits) > 4 and len(digits.lstrip("0")) > 4:  # no year past 9999
            shown = digits if len(digits) <= 12 else digits[:12] + "..."
            raise OSMSyntaxError(
                value, at, f"{shown} is too large: at most 4 digits (a year up to 9999)"
            )
    number = int(hours)
    if colon:
        if int(minutes) > 59:
            raise OSMSyntaxError(value, pos + len(hours) + 1, "minutes are greater than 59")
        out.add("time", number * 60 + int(minutes), pos)
    else:
        out.add("year" if number > 1900 else "number", number, pos)


def _word(value: str, pos: int, text: str, out: RuleTokens) -> None:
    """Add the token(s) of a word; words may run into each other (``PHoff``)."""
    found = _WORDS.get(text)
    if found is not None:
        out.add(found[0], found[1], pos)
        return
    for prefix in ("PH", "SH"):  # opening_hours.js reads 'PH' and 'SH' before a word
        if text.startswith(prefix) and len(text) > 2:
            out.add("holiday", prefix, pos)
            _word(value, pos + 2, text[2:], out)
            return
    hint = _HINTS.get(text.lower())
    if hint is not None:
        raise OSMSyntaxError(value, pos, f"unknown word {text!r}: write {hint!r}")
    raise OSMSyntaxError(value, pos, f"unknown word {text!r}; {_EXPECTED}")
