"""Write a syntax tree as ``opening_hours`` text, in the canonical form.

The canonical form puts selectors in the order year, month, month-day, week, PH,
weekday, time; writes ``off`` for closed; joins rules with ``; `` (``, `` for additional
rules, `` || `` for fallbacks). One function writes each kind of node.

>>> from horaires.osm._parser import parse
>>> write(parse("Mo-Fr 08:00-12:00 ; PH  off"))
'Mo-Fr 08:00-12:00; PH off'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._ast import (
    DatePoint,
    DateSpan,
    Easter,
    Holiday,
    MonthDays,
    MonthRange,
    NthWeekday,
    Rule,
    TimeSpan,
    Value,
    WeekdayRange,
    WeekRange,
    YearRange,
)
from ._lexer import MONTHS, WEEKDAYS

__all__ = ["Written", "write"]

DAY = 1440


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _offset(days: int) -> str:
    if not days:
        return ""
    return f" {'+' if days > 0 else '-'}{abs(days)} day{'s' if abs(days) > 1 else ''}"


def _span(span: TimeSpan) -> str:
    text = str(span.start_sun) if span.start_sun is not None else _time(span.start)
    if span.end is not None:
        text += "-" + (str(span.end_sun) if span.end_sun is not None else _time(span.end))
        if span.period:
            text += (
                f"/{span.period}"
                if span.period < 60 or span.period % 60
                else "/" + _time(span.period)
            )
    if span.open_end:
        text += "+"
    return text


def _year(y: YearRange) -> str:
    text = str(y.start)
    if y.end is not None:
        text += f"-{y.end}"
    if y.period is not None:
        text += f"/{y.period}"
    if y.plus:
        text += "+"
    return text


def _week(w: WeekRange) -> str:
    text = f"{w.start:02d}"
    if w.end != w.start or w.period:
        text += f"-{w.end:02d}"
    if w.period:
        text += f"/{w.period}"
    return text


def _point(p: DatePoint) -> str:
    year = f"{p.year} " if p.year is not None else ""
    if p.kind == "easter":
        return f"{year}easter{_offset(p.offset)}"
    if p.kind == "nth":
        return f"{year}{MONTHS[p.month - 1]} {WEEKDAYS[p.weekday]}[{p.nth}]{_offset(p.offset)}"
    return f"{year}{MONTHS[p.month - 1]} {p.day:02d}"


def _monthday(sel: object) -> str:
    if isinstance(sel, MonthRange):
        text = MONTHS[sel.start - 1]
        return text if sel.end == sel.start else f"{text}-{MONTHS[sel.end - 1]}"
    if isinstance(sel, MonthDays):
        year = f"{sel.year} " if sel.year is not None else ""
        text = f"{year}{MONTHS[sel.month - 1]} {sel.first:02d}"
        if sel.is_range:
            text += f"-{sel.last:02d}"
        if sel.period:
            text += f"/{sel.period}"
        return text
    if isinstance(sel, DateSpan):
        return f"{_point(sel.start)}-{_point(sel.end)}"
    if isinstance(sel, Easter):
        year = f"{sel.year} " if sel.year is not None else ""
        return f"{year}easter{_offset(sel.offset)}"
    raise TypeError(f"not a month-day selector: {sel!r}")  # pragma: no cover


def _weekday(sel: object) -> str:
    if isinstance(sel, WeekdayRange):
        text = WEEKDAYS[sel.start]
        return text if sel.end == sel.start else f"{text}-{WEEKDAYS[sel.end]}"
    if isinstance(sel, NthWeekday):
        return f"{WEEKDAYS[sel.weekday]}[{','.join(str(n) for n in sel.nths)}]{_offset(sel.offset)}"
    if isinstance(sel, Holiday):
        return f"{sel.kind}{_offset(sel.offset)}"
    raise TypeError(f"not a weekday selector: {sel!r}")  # pragma: no cover


def _comment(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def _rule(rule: Rule) -> tuple[str, str]:
    """The text of a rule, and what it ends with (``time``, ``modifier`` or ``selector``)."""
    parts: list[str] = []
    if rule.years:
        parts.append(",".join(_year(y) for y in rule.years))
    if rule.months:
        parts.append(",".join(_monthday(m) for m in rule.months))
    if rule.monthdays:
        parts.append(",".join(_monthday(m) for m in rule.monthdays))
    if rule.weeks:
        parts.append("week " + ",".join(_week(w) for w in rule.weeks))
    if rule.holidays:
        parts.append(",".join(_weekday(h) for h in rule.holidays))
    if rule.weekdays:
        # weekdays, then PH, then PH with an offset: "PH +1 day,Mo" would read as PH +1 day
        # *and* Mo (opening_hours.js puts PH in the weekday list only when ',' follows it)
        order = sorted(
            rule.weekdays, key=lambda w: 0 if not isinstance(w, Holiday) else 2 if w.offset else 1
        )
        parts.append(",".join(_weekday(w) for w in order))
    end = "selector"
    if rule.times == (TimeSpan(0, DAY),) and rule.always and not parts:
        parts.append("24/7")
    elif rule.times:
        parts.append(",".join(_span(t) for t in rule.times))
        end = "time"
    if rule.state is not None:
        parts.append("off" if rule.state == "closed" else rule.state)
        end = "modifier"
    if rule.comment is not None:
        parts.append(_comment(rule.comment))
        end = "modifier"
    if not parts:
        parts.append("open")
        end = "modifier"
    return " ".join(parts), end


def write(value: Value | Sequence[Rule]) -> str:
    """The canonical text of a syntax tree (or of rules); it parses back to the same rules.

    >>> from horaires.osm import parse_value
    >>> write(parse_value("Mo-Fr 08:00-12:00 ; PH  off"))
    'Mo-Fr 08:00-12:00; PH off'
    """
    return Written(value).text()


class Written:
    """The texts of the rules of a value, each written once: the whole text, or the text
    with one rule replaced (what a suggestion needs), costs a join."""

    __slots__ = ("rules", "texts")

    def __init__(self, value: Value | Sequence[Rule]) -> None:
        self.rules = value.rules if isinstance(value, Value) else tuple(value)
        self.texts = [_rule(rule) for rule in self.rules]

    def text(self) -> str:
        return _join(self.rules, self.texts)

    def replaced(self, index: int, rule: Rule) -> str:
        """The text with the rule at ``index`` replaced by ``rule``."""
        rules = (*self.rules[:index], rule, *self.rules[index + 1 :])
        texts = [*self.texts[:index], _rule(rule), *self.texts[index + 1 :]]
        return _join(rules, texts)


def _join(rules: Sequence[Rule], texts: Sequence[tuple[str, str]]) -> str:
    """The rules' texts joined by their separators."""
    out: list[str] = []
    for i, (rule, (text, _)) in enumerate(zip(rules, texts, strict=True)):
        if i:
            if rule.fallback and not rule.additional:
                out.append(" || ")
            elif rule.additional:
                previous_end = texts[i - 1][1]
                starts_with_number = text[:1].isdigit() and not re.match(r"\d{4}\b(?!:)", text)
                if previous_end == "selector" or (previous_end == "time" and starts_with_number):
                    out.append(" open" if rules[i - 1].meaning == "open" else "")
                out.append(", ")
            else:
                out.append("; ")
        out.append(text)
    return "".join(out)
