"""Tolerant reading: correct the mistakes opening_hours.js tolerates, and say so.

:func:`correct` rewrites a value into the strict syntax (``Montag`` → ``Mo``, ``10.00``
→ ``10:00``, ``–`` → ``-``, ``10am`` → ``10:00``, ``Uhr`` left out, ...), keeping for each
character of the result the column it comes from; :func:`read` parses the result, letting
the parser accept what the grammar allows but opening_hours.js refuses (``10-12``,
``2026-2026``, ``PH +2 days``), and gives the tree with the columns of the original value
and what was corrected. Comments are never touched. A value still invalid raises
:class:`OSMSyntaxError` with the column in the original value.

>>> tree, found = read("Montag-Freitag 8-12 Uhr")
>>> from horaires.osm._format import write
>>> write(tree)
'Mo-Fr 08:00-12:00'
>>> [(f.column, f.code) for f in found]
[(0, 'day_or_month_name'), (7, 'day_or_month_name'), (15, 'hour_without_minutes'), (17, 'hour_without_minutes'), (20, 'omitted')]
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .._errors import OSMSyntaxError, UnsupportedSyntax
from ._ast import ParseMode, Value
from ._lexer import MONTHS, WEEKDAYS
from ._parser import check_length
from ._parser import parse as parse_strict
from ._vocabulary import COUNTRY_LANGUAGES, LANGUAGES, SYNTAX_LANGUAGES, SYNTAX_WORDS, meanings

__all__ = ["Correction", "Found", "correct", "read", "read_corrected"]


@dataclass(frozen=True, slots=True)
class Found:
    """A mistake tolerated: where (column in the original value), a stable code, a message."""

    column: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Correction:
    """A value rewritten into the strict syntax: its ``text``, the ``origin`` column of each
    of its characters (and of its end), and what was corrected."""

    text: str
    origin: tuple[int, ...]
    found: tuple[Found, ...]

    def column(self, at: int) -> int:
        """The column in the original value of column ``at`` of the corrected text."""
        return self.origin[min(max(at, 0), len(self.origin) - 1)]


_SYNTAX = "PH SH easter week day days open off closed unknown sunrise sunset dawn dusk"
_CANONICAL = {word.casefold(): word for word in (*WEEKDAYS, *MONTHS, *_SYNTAX.split())}
"""The words of the syntax, by their lower case: a word written in another case is
corrected (``mo`` → ``Mo``, ``Off`` → ``off``)."""

_LETTER = r"[^\W\d_]"
_PHRASES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (
        re.compile(
            rf"(?<!{_LETTER})(?:{pattern})" + ("" if pattern[-1] in "=:?" else rf"(?!{_LETTER})"),
            re.IGNORECASE,
        ),
        replacement,
        code,
    )
    for pattern, replacement, code in (
        (r"(?:bis|till?|until|to|[-–—])?\s*(?:open\s*end|late)", "+", "word"),
        (
            r"always\s+open|all\s+day|(?<![\d:.])24\s*(?:x\s*7|hours\s+7\s+days\s+a\s+week)",
            "24/7",
            "word",
        ),
        (r"always\s+closed", "off", "word"),
        (r"(?<![\d:.])24\s*(?:hours|hrs|h|std|stunden)(?![\d.:])", "00:00-24:00", "word"),
        (r"(?<![\d:.])7\s*(?:days?\s*(?:a|/|per)\s*week|j?\s*/\s*7)", "Mo-Su", "word"),
        (r"every\s*day|all\s+days", "Mo-Su", "word"),
        (r"tous\s+les\s+jours|todos\s+los\s+d[ií]as|tutti\s+i\s+giorni", "Mo-Su", "word"),
        (r"opening_hours\s*=|öffnungszeit(?:en)?\s*:?|horaires?\s*:", "", "omitted"),
        (r"(?:nach|on|by)[\s_]+(?:vereinbarung|absprache)", '"nach Vereinbarung"', "word"),
        (r"(?:on|by)[\s_]+appointments?", '"on appointment"', "word"),
        (r"sur[\s_]+rendez[\s_-]*vous", '"sur rendez-vous"', "word"),
        (r"sonn-?\s*(?:und\s+|/\s*)feiertag(?:s|en?)?", "Su,PH", "word"),
        (r"(?:an\s+)?feiertag(?:s|en?)?|jours?\s+f[ée]ri[ée]s|public\s+holidays?", "PH", "word"),
        (r"school\s*holidays?|schulferien|vacances\s+scolaires", "SH", "word"),
        (r"daylight", "sunrise-sunset", "word"),
        (r"(?:segunda|ter[cç]a|quarta|quinta|sexta)[\s-]*feira", "", "day_or_month_name"),
    )
)
"""Phrases that stand for syntax, tried before single words (``bis open end`` → ``+``);
the empty replacement of a Portuguese weekday means: its first word's weekday."""

_TOKENS = re.compile(
    r"""(?P<comment>"[^"]*"?)
    |(?P<quoted>[“„«‘‚「『'][^"“”‘’«»「」『』;|]*[”“»’'」』])
    |(?P<phrase>{phrases})
    |(?P<ampm>(?P<h>0?[1-9]|1[0-2])(?:[:.h](?P<m>\d\d))?\s*(?P<p>[ap])\.?\s?m\.?(?![^\W\d_]))
    |(?P<septime>(?P<h2>\d{{1,2}})\s*(?:[.hH：]\s*(?P<m2>\d\d)(?!\d)|[hH](?![^\W\d_])))
    |(?P<daydot>\d{{1,2}}\.(?!\d))
    |(?P<unidigits>[°⁰¹²³⁴-⁹₀-₉]{{1,2}})
    |(?P<char>[‐‑‒–—−ー=~～→：&])
    |(?P<word>(?:[^\W\d_]|[\u0300-\u036f\u0e00-\u0e7f])+)(?P<dot>\.)?
    |(?P<other>\d+|\s+|.)""".format(phrases="|".join(p.pattern for p, _, _ in _PHRASES)),
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
"""The pieces of a value for correcting it: comments (kept), quotes, phrases, times in
12-hour notation or with another separator, a day with a dot (``24.``), other digits
(superscripts, ``°`` for 0), characters that look like ``-``, ``:`` or ``,``, words
(with a dot after them), and anything else (kept)."""
_DIGIT = {"°": "0", "⁰": "0", "¹": "1", "²": "2", "³": "3"}
_DIGIT |= {chr(0x2070 + d): str(d) for d in range(4, 10)}
_DIGIT |= {chr(0x2080 + d): str(d) for d in range(10)}
_CHARS = {"：": ":", "&": ","}


class _Writer:
    """The corrected text being written, with the origin of each character."""

    def __init__(self, value: str, languages: tuple[str, ...]) -> None:
        self.value = value
        self.languages = languages
        self.parts: list[str] = []
        self.origin: list[int] = []
        self.found: list[Found] = []

    def keep(self, text: str, column: int) -> None:
        self.parts.append(text)
        self.origin.extend(range(column, column + len(text)))

    def put(self, text: str, column: int, code: str, message: str) -> None:
        """Write ``text`` for what is at ``column``, and report it."""
        self.parts.append(text)
        self.origin.extend([column] * len(text))
        self.found.append(Found(column, code, message))

    def last_char(self, skip_spaces: bool = False) -> str:
        for part in reversed(self.parts):
            if skip_spaces:
                part = part.rstrip()
            if part:
                return part[-1]
        return ""

    def result(self) -> Correction:
        text = "".join(self.parts)
        return Correction(text, (*self.origin, len(self.value)), tuple(self.found))


def correct(value: str, country: str | None = None) -> Correction:
    """``value`` in the strict syntax, with what was corrected (``country`` helps to read
    names that mean different days in different languages)."""
    out = _Writer(value, _languages(value, country))
    for match in _TOKENS.finditer(value):
        kind = match.lastgroup
        if kind == "dot":  # the last group of a word with a dot after it
            kind = "word"
        _FIXES.get(kind or "other", _other)(out, match)
    return out.result()


def _other(out: _Writer, match: re.Match[str]) -> None:
    out.keep(match.group(), match.start())


def _quoted(out: _Writer, match: re.Match[str]) -> None:
    text = match.group()
    out.put(
        f'"{text[1:-1]}"',
        match.start(),
        "character",
        f'write a comment between straight quotes: "{text[1:-1]}", not {text[0]}...{text[-1]}',
    )


def _phrase(out: _Writer, match: re.Match[str]) -> None:
    text = match.group()
    for pattern, replacement, code in _PHRASES:
        if pattern.fullmatch(text):
            if code == "day_or_month_name":
                replacement = _WEEKDAY_OF_FEIRA[text[:3].casefold().replace("ç", "c")]
            elif replacement == "00:00-24:00" and out.last_char(skip_spaces=True) == "-":
                replacement = "24:00"  # the end of a range: 10:00-24h
            shown = f"write {replacement!r}" if replacement else "leave it out"
            out.put(replacement, match.start(), code, f"{text!r} is not in the syntax: {shown}")
            return
    out.keep(text, match.start())  # pragma: no cover (every phrase is in the table)


_WEEKDAY_OF_FEIRA = {"seg": "Mo", "ter": "Tu", "qua": "We", "qui": "Th", "sex": "Fr"}


def _ampm(out: _Writer, match: re.Match[str]) -> None:
    hours = int(match["h"]) % 12 + (12 if match["p"].casefold() == "p" else 0)
    minutes = match["m"] or "00"
    text = f"{hours:02d}:{minutes}"
    out.put(
        text,
        match.start(),
        "twelve_hour_clock",
        f"write times on the 24-hour clock: {text} for {match.group().strip()!r}",
    )


def _septime(out: _Writer, match: re.Match[str]) -> None:
    text = f"{int(match['h2']):02d}:{match['m2'] or '00'}"
    out.put(
        text,
        match.start(),
        "time_separator",
        f"write {text} for {match.group()!r}: ':' between hours and minutes",
    )


def _daydot(out: _Writer, match: re.Match[str]) -> None:
    out.keep(match.group()[:-1], match.start())
    out.put("", match.end() - 1, "omitted", "leave out the '.' after a number")


def _unidigits(out: _Writer, match: re.Match[str]) -> None:
    digits = "".join(_DIGIT[c] for c in match.group())
    text = (":" if out.last_char().isdecimal() else "") + digits
    out.put(text, match.start(), "digits", f"write {text!r} for {match.group()!r}: plain digits")


def _char(out: _Writer, match: re.Match[str]) -> None:
    char = match.group()
    text = _CHARS.get(char, "-")
    out.put(text, match.start(), "character", f"write {text!r} for {char!r}")


def _word(out: _Writer, match: re.Match[str]) -> None:
    word, column = match["word"], match.start()
    folded = unicodedata.normalize("NFC", word).casefold()
    canonical = _CANONICAL.get(folded)
    if canonical is not None:
        if canonical == word:
            out.keep(word, column)
        else:
            out.put(canonical, column, "letter_case", f"write {canonical!r} for {word!r}")
    elif folded in SYNTAX_WORDS:
        text = SYNTAX_WORDS[folded]
        shown = f"write {text!r}" if text else "leave it out"
        code = "word" if text else "omitted"
        out.put(text, column, code, f"{word!r} is not in the syntax: {shown}")
    else:
        _name(out, word, column)
    if match["dot"]:
        out.put("", match.end() - 1, "omitted", f"leave out the '.' after {word!r}")


def _name(out: _Writer, word: str, column: int) -> None:
    """A weekday or month in another language, or a word left as it is (an error later)."""
    known = meanings(word)
    if not known:
        out.keep(word, column)
        return
    language = min(known, key=out.languages.index)
    meaning = known[language]
    others = sorted({m for m in known.values() if m != meaning})
    message = f"write the English abbreviation {meaning!r} for {word!r}"
    code = "day_or_month_name"
    if others:
        code = "ambiguous_name"
        message += f" (read as {language}; it also means {', '.join(others)})"
    out.put(meaning, column, code, message)


_FIXES = {
    "comment": _other,
    "quoted": _quoted,
    "phrase": _phrase,
    "ampm": _ampm,
    "septime": _septime,
    "daydot": _daydot,
    "unidigits": _unidigits,
    "char": _char,
    "word": _word,
    "other": _other,
}


_WORDS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0e00-\u0e7f])+")


def _languages(value: str, country: str | None) -> tuple[str, ...]:
    """The languages in the order that reads ambiguous names: the more words of the value
    (outside comments) a language has, the earlier; then the country's; then the rest."""
    bare = re.sub(r'"[^"]*"', " ", value)
    votes: Counter[str] = Counter()
    for word in _WORDS.findall(bare):
        votes.update(meanings(word).keys())
        syntax = SYNTAX_LANGUAGES.get(word.casefold())
        if syntax is not None:
            votes[syntax] += 1
    local = COUNTRY_LANGUAGES.get((country or "").upper(), ())
    return tuple(
        sorted(
            LANGUAGES,
            key=lambda lang: (-votes[lang], lang not in local, LANGUAGES.index(lang)),
        )
    )


def read(
    value: str, mode: ParseMode | int = ParseMode.RANGES, country: str | None = None
) -> tuple[Value, tuple[Found, ...]]:
    """The syntax tree of ``value`` read tolerantly, and what was tolerated, by column
    (the original value's)."""
    tree, found, _ = read_corrected(value, mode, country)
    return tree, found


def read_corrected(
    value: str, mode: ParseMode | int = ParseMode.RANGES, country: str | None = None
) -> tuple[Value, tuple[Found, ...], Correction]:
    """:func:`read`, and the corrected text that was parsed."""
    if not isinstance(value, str):
        raise OSMSyntaxError(repr(value), 0, "an opening_hours value is a string")
    check_length(value)
    fixed = correct(value, country)
    found = list(fixed.found)

    def warn(column: int, code: str, message: str) -> None:
        found.append(Found(fixed.column(column), code, message))

    try:
        tree = parse_strict(fixed.text, mode, warn)
    except UnsupportedSyntax as error:
        raise UnsupportedSyntax(value, fixed.column(error.column), error.construct) from None
    except OSMSyntaxError as error:
        raise OSMSyntaxError(value, fixed.column(error.column), error.reason) from None
    return _moved(tree, fixed, value), tuple(sorted(found, key=lambda f: f.column)), fixed


def _moved(tree: Value, fixed: Correction, value: str) -> Value:
    """``tree`` with the columns of the original value."""
    if fixed.text == value:
        return tree
    rules = tuple(
        dataclasses.replace(
            rule,
            column=fixed.column(rule.column),
            times=tuple(dataclasses.replace(t, column=fixed.column(t.column)) for t in rule.times),
        )
        for rule in tree.rules
    )
    return Value(rules, tree.mode, value)
