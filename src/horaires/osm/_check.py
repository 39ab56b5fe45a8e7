"""Check an ``opening_hours`` value: the mistakes tolerant reading corrects, and likely
mistakes in a valid value; and write a value in its canonical form.

Each :class:`OSMWarning` has the column (0-based, in the value as given), a stable
``code`` (the table in docs/osm.md), a message, and a ``suggestion``: the whole value
corrected, or None when there is no single obvious correction.

>>> [(w.column, w.code) for w in check("Mo-Fr 8-12; Sa 09:00-12:00")]
[(6, 'hour_without_minutes'), (8, 'hour_without_minutes')]
>>> check("Mo-Fr 8-12")[0].suggestion
'Mo-Fr 08:00-12:00'
>>> normalize("lundi-vendredi 9h-12h")
'Mo-Fr 09:00-12:00'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ._ast import NthWeekday, ParseMode, Rule, TimeSpan, Value, WeekdayRange
from ._format import Written, write
from ._parser import parse as parse_strict
from ._tolerant import Correction, read, read_corrected

__all__ = ["CODES", "LIKELY_MISTAKES", "OSMWarning", "check", "normalize"]

DAY = 1440

CODES: dict[str, str] = {
    # mistakes opening_hours.js tolerates: tolerant reading corrects them
    "hour_without_minutes": "an hour without minutes: 8-12 for 08:00-12:00",
    "time_separator": "another separator between hours and minutes: 10.00, 10h00, 10h",
    "twelve_hour_clock": "a time on the 12-hour clock: 10am, 1:30 p.m.",
    "digits": "superscript or subscript digits, or ° for 0",
    "character": "a character that looks like '-', ':', ',' or '\"': –, —, ~, ：, &, “...”",
    "letter_case": "a word of the syntax in another case: mo, Off, JAN",
    "day_or_month_name": "a weekday or month in full or in another language: Montag, lundi",
    "ambiguous_name": "a name with several meanings (di: Tuesday or Sunday), read in context",
    "word": "a word or phrase for syntax: daily, weekend, bis, and, geschlossen, late",
    "omitted": "something left out: Uhr, geöffnet, opening_hours=, a '.' after a word",
    "same_year": "a year range from a year to itself: 2026-2026 (refused by opening_hours.js)",
    "large_offset": "PH moved by more than one day (refused by opening_hours.js)",
    "year_on_one_end": "a year on one end of a date span only (refused by opening_hours.js)",
    # likely mistakes in a value that parses
    "one_digit_hour": "an hour written with one digit: 9:00 for 09:00",
    "end_before_start": "a range that ends before it starts before noon: 09:00-06:00",
    "same_start_end": "a range that ends when it starts, which lasts 24 hours: 10:00-10:00",
    "overridden_rule": "a rule that a later rule replaces on every date it applies",
    "no_time": "a rule with dates but no time, state or comment: open all day",
}
"""Every warning code, with what it means."""
LIKELY_MISTAKES = frozenset(
    {"one_digit_hour", "end_before_start", "same_start_end", "overridden_rule", "no_time"}
)
"""The codes of likely mistakes in a value that parses (the others: what tolerant reading
corrected)."""


@dataclass(frozen=True, slots=True)
class OSMWarning:
    """A mistake, or a likely one, in an ``opening_hours`` value.

    >>> print(OSMWarning(6, "hour_without_minutes", "write 08:00 for 8"))
    write 08:00 for 8 at column 7
    """

    column: int
    code: str
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        return f"{self.message} at column {self.column + 1}"


def normalize(
    value: str,
    *,
    tolerant: bool = True,
    mode: ParseMode | int = ParseMode.RANGES,
    country: str | None = None,
) -> str:
    """The canonical text of ``value``, which has the same meaning (read tolerantly unless
    ``tolerant=False``; ``country`` helps to read names that mean different days)."""
    tree = read(value, mode, country)[0] if tolerant else parse_strict(value, mode)
    return write(tree)


def check(
    value: str, *, mode: ParseMode | int = ParseMode.RANGES, country: str | None = None
) -> tuple[OSMWarning, ...]:
    """The warnings of ``value``, by column; :class:`OSMSyntaxError` if it does not parse
    even tolerantly."""
    tree, found, fixed = read_corrected(value, mode, country)
    written = Written(tree)
    canonical = written.text()
    warnings = [OSMWarning(f.column, f.code, f.message, canonical) for f in found]
    warnings += _one_digit_hours(fixed, canonical)
    for index, rule in enumerate(tree.rules):
        warnings += _time_mistakes(written, index, rule)
        warnings += _overridden(tree, written, index, rule)
        if rule.has_dates and not (rule.times or rule.state or rule.comment):
            message = "a rule with dates but no time is open all day: add the hours, or off"
            warnings.append(OSMWarning(rule.column, "no_time", message))
    return tuple(sorted(warnings, key=lambda w: w.column))


_ONE_DIGIT = re.compile(r'"[^"]*"|(?<![\d:.])(\d):\d\d')


def _one_digit_hours(fixed: Correction, canonical: str) -> list[OSMWarning]:
    return [
        OSMWarning(
            fixed.column(m.start(1)),
            "one_digit_hour",
            f"write hours with two digits: 0{m[1]} for {m[1]}",
            canonical,
        )
        for m in _ONE_DIGIT.finditer(fixed.text)
        if m[1] is not None
    ]


def _time_mistakes(written: Written, index: int, rule: Rule) -> list[OSMWarning]:
    out = []
    for k, span in enumerate(rule.times):
        if span.end is None or span.period or rule.always or span.variable:
            continue
        if span.end == span.start:
            message = f"{_span(span)} ends when it starts: it lasts 24 hours"
            out.append(OSMWarning(span.column, "same_start_end", message))
        elif 0 < span.end < span.start < 12 * 60 and span.end <= 12 * 60:
            meant = TimeSpan(span.start, span.end + 12 * 60, span.open_end, None, span.column)
            times = (*rule.times[:k], meant, *rule.times[k + 1 :])
            fixed = written.replaced(index, dataclasses.replace(rule, times=times))
            night = _span(TimeSpan(span.start + 12 * 60, span.end))
            message = (
                f"{_span(span)} ends before it starts, at {_span(span)[6:]} the next day: "
                f"{_span(meant)} (or {night}) meant?"
            )
            out.append(OSMWarning(span.column, "end_before_start", message, fixed))
    return out


def _overridden(tree: Value, written: Written, index: int, rule: Rule) -> list[OSMWarning]:
    """``rule`` when a later normal rule that opens replaces it on every date it applies
    (``Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00``: ``,`` was meant)."""
    if rule.fallback or any(
        t.end is not None and (t.end <= t.start or t.end > DAY) for t in rule.times
    ):
        return []  # a fallback is another matter; the part after midnight stays
    if index == 0 and rule.meaning == "closed" and not rule.times:
        return _closes_nothing(tree, rule)
    for later_index in range(index + 1, min(len(tree.rules), index + 1 + _REACH)):
        later = tree.rules[later_index]
        if later.additional or later.fallback or later.meaning == "closed":
            continue
        if not (later.has_dates or (later_index == index + 1 and not rule.has_dates)):
            continue
        if not _covers(later, rule):
            continue
        suggestion = None
        if _selectors(later) == _selectors(rule) and rule.times and later.times:
            suggestion = written.replaced(later_index, dataclasses.replace(later, additional=True))
        message = (
            f"no effect: the rule at column {later.column + 1} replaces it on every date it "
            "applies (a rule after ';' replaces the earlier rules of its dates"
            + ("; write ',' to add to them)" if suggestion else ")")
        )
        return [OSMWarning(rule.column, "overridden_rule", message, suggestion)]
    return []


def _closes_nothing(tree: Value, rule: Rule) -> list[OSMWarning]:
    """The first rule, ``PH off``, when a later rule opens its dates: nothing was open for
    it to close, and the later rule's times win (``PH off; 10:00-12:00``)."""
    for later in tree.rules[1:]:
        if later.fallback or later.meaning == "closed":
            continue
        if not later.has_dates or _covers(later, rule):
            moved = None
            if not tree.rules[1].additional:  # the rules after it keep their own shape
                moved = write((*tree.rules[1:], rule))
            message = (
                f"no effect: the rule at column {later.column + 1} opens its dates, and a "
                "closing rule closes only what rules before it open: put it after them"
            )
            return [OSMWarning(rule.column, "overridden_rule", message, moved)]
    return []


_REACH = 256
"""How many rules after a rule are compared with it (values written by people have a few;
the bound keeps a huge value linear)."""


def _selectors(rule: Rule) -> tuple[object, ...]:
    return (rule.years, rule.holidays, rule.months, rule.monthdays, rule.weeks, rule.weekdays)


def _covers(later: Rule, rule: Rule) -> bool:
    """Whether ``later`` applies on every date ``rule`` does, judged on the selectors: each
    kind of ``later`` is absent (every date) or the same as ``rule``'s, and its weekdays
    include ``rule``'s."""
    kinds = zip(_selectors(later)[:5], _selectors(rule)[:5], strict=True)
    if any(mine and mine != theirs for mine, theirs in kinds):
        return False
    if not later.weekdays or later.weekdays == rule.weekdays:
        return True
    days, later_days = _weekdays(rule.weekdays, True), _weekdays(later.weekdays, False)
    return days is not None and later_days is not None and days <= later_days


def _weekdays(selectors: tuple[object, ...], inner: bool) -> frozenset[int] | None:
    """The weekdays of the selectors, or None when they cannot be compared (PH, and
    Sa[1] unless ``inner``: a Saturday, but not every Saturday)."""
    if not selectors:
        return frozenset(range(7))
    days: set[int] = set()
    for sel in selectors:
        if inner and isinstance(sel, NthWeekday) and not sel.offset:
            days.add(sel.weekday)
        elif isinstance(sel, WeekdayRange):
            last = sel.end + (7 if sel.end < sel.start else 0)
            days.update(d % 7 for d in range(sel.start, last + 1))
        else:
            return None
    return frozenset(days)


def _span(span: TimeSpan) -> str:
    return write((Rule(times=(span,)),))
