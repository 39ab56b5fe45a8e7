"""Split an ``opening_hours`` value into tokens, each with its column; one pass, linear.

>>> [t.kind for t in tokenize("Mo-Fr 08:30-12:30; PH off")[0][0][0]]
['weekday', '-', 'weekday', 'number', ':', 'number', '-', 'number', ':', 'number']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .._errors import OSMSyntaxError, UnsupportedSyntax

__all__ = ["MONTHS", "WEEKDAYS", "Token", "tokenize"]

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WORDS: dict[str, tuple[str, int | str]] = {
    **{name: ("weekday", i) for i, name in enumerate(WEEKDAYS)},
    **{name: ("month", i + 1) for i, name in enumerate(MONTHS)},
    "PH": ("holiday", "PH"),
    "week": ("week", "week"),
    "easter": ("event", "easter"),
    "day": ("calcday", "day"),
    "days": ("calcday", "days"),
    "open": ("state", "open"),
    "closed": ("state", "closed"),
    "off": ("state", "closed"),
    "unknown": ("state", "unknown"),
}
_UNSUPPORTED = {
    "sunrise": "sunrise (variable times need coordinates)",
    "sunset": "sunset (variable times need coordinates)",
    "dawn": "dawn (variable times need coordinates)",
    "dusk": "dusk (variable times need coordinates)",
    "SH": "SH (school holidays)",
}
_HINTS = {w.lower(): w for w in (*WEEKDAYS, *MONTHS, "PH", "SH")}
_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<always>24/7)|(?P<number>\d+)|(?P<word>[^\W\d_]+)"
    r'|(?P<comment>"[^"]*")|(?P<fallback>\|\|)|(?P<punct>[-+,;:/\[\]()])'
)
_EXPECTED = (
    "expected a weekday (Mo-Su), a month (Jan-Dec), PH, week, easter, a time (08:30), "
    'open, off, closed, unknown or a "comment"'
)


class Token(NamedTuple):
    """A token: ``kind`` (``number``, ``year``, ``weekday``, ``month``, a punctuation
    character...), its ``value`` and its ``column`` (0-based)."""

    kind: str
    value: int | str
    column: int


RuleTokens = tuple[list[Token], bool, int]
"""The tokens of one rule, whether it follows ``||``, and its column."""


def tokenize(value: str) -> tuple[list[RuleTokens], str]:
    """The tokens of each rule (split on ``;`` and ``||``), and the value."""
    rules: list[RuleTokens] = []
    current: list[Token] = []
    fallback = False
    start = 0
    pos = 0
    n = len(value)
    while pos < n:
        match = _TOKEN.match(value, pos)
        if match is None:
            char = value[pos]
            if char == '"':
                raise OSMSyntaxError(value, pos, 'unterminated comment: expected a closing "')
            raise OSMSyntaxError(value, pos, f"unexpected character {char!r}; {_EXPECTED}")
        kind = match.lastgroup
        text = match.group()
        end = match.end()
        if kind == "space":
            pass
        elif kind == "always":
            current.append(Token("24/7", text, pos))
        elif kind == "number":
            if len(text.lstrip("0")) > 4:  # no year past 9999, no longer number anywhere
                shown = text if len(text) <= 12 else text[:12] + "..."
                raise OSMSyntaxError(
                    value, pos, f"{shown} is too large: at most 4 digits (a year up to 9999)"
                )
            number = int(text)
            current.append(Token("year" if number > 1900 else "number", number, pos))
        elif kind == "word":
            end = _word(value, pos, text, current)
        elif kind == "comment":
            if len(text) == 2:
                raise OSMSyntaxError(value, pos, "empty comment: write text between the quotes")
            current.append(Token("comment", text[1:-1], pos))
        elif kind == "fallback":
            if not current:
                raise OSMSyntaxError(value, pos, "a fallback rule (||) needs a rule before it")
            rules.append((current, fallback, start))
            current, fallback, start = [], True, end
        elif text == ";":
            rules.append((current, fallback, start))
            current, fallback, start = [], False, end
        else:
            current.append(Token(text, text, pos))
        pos = end
    rules.append((current, fallback, start))
    return rules, value


def _word(value: str, pos: int, text: str, out: list[Token]) -> int:
    """Append the token(s) of a word; words may run into each other (``PHoff``)."""
    found = _WORDS.get(text)
    if found is not None:
        out.append(Token(found[0], found[1], pos))
        return pos + len(text)
    if text in _UNSUPPORTED:
        raise UnsupportedSyntax(value, pos, _UNSUPPORTED[text])
    for prefix in ("PH", "SH"):  # opening_hours.js reads 'PH' and 'SH' before a word
        if text.startswith(prefix) and len(text) > 2:
            if prefix == "SH":
                raise UnsupportedSyntax(value, pos, _UNSUPPORTED["SH"])
            out.append(Token("holiday", "PH", pos))
            return _word(value, pos + 2, text[2:], out)
    hint = _HINTS.get(text.lower())
    if hint is not None:
        raise OSMSyntaxError(value, pos, f"unknown word {text!r}: write {hint!r}")
    if text.lower() in _UNSUPPORTED:
        raise OSMSyntaxError(value, pos, f"unknown word {text!r}: write {text.lower()!r}")
    raise OSMSyntaxError(value, pos, f"unknown word {text!r}; {_EXPECTED}")
