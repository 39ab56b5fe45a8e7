"""The load-time check: two rules of one level may not claim a date with the same span.

Two exceptions of the same owner (the establishment, or one service), or two of its seasons
naming the date's weekday, that cover a common date with the same span are a configuration
error (docs/configuration.md#precedence). The check sorts and sweeps: the rules are grouped by
span, and each group is swept year by year, each rule's dates of the year held as a bit mask,
so the work grows with the rules and the years they share, never with pairs of rules.

Bounded rules (and every-year seasons, over 2000 and 2001) are compared wherever they meet.
Two unbounded recurrences are compared over :data:`COMPARISON_DAYS` from the later start: a
rule is *new* in the days from its start, and a date counts when two rules cover it and one
of them is bounded or new there.

>>> from horaires import DatedException
>>> rules = [
...     DatedRule(DatedException(rrule="FREQ=MONTHLY;BYDAY=1SA", hours="closed"), f"e[{i}]")
...     for i in range(3)
... ]
>>> [str(issue) for issue in exception_conflicts(rules)]  # doctest: +NORMALIZE_WHITESPACE
['e[1]: covers 2000-01-01 like e[0], with the same span: make one of them narrower or merge them',
 'e[2]: covers 2000-01-01 like e[0], with the same span: make one of them narrower or merge them']
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ._dated import DatedRule, Span
from ._errors import Issue
from ._recurrence import (
    COMPARISON_DAYS,
    CONFLICT_BUDGET,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_CONFLICTS,
    year_bits,
)

if TYPE_CHECKING:
    from ._model import DatedException, EstablishmentData, Season

__all__ = ["conflicts", "exception_conflicts", "season_conflicts", "season_span"]

_EVERY_YEAR = (dt.date(2000, 1, 1), dt.date(2001, 12, 31))
"""Every-year seasons are compared over a leap year and the next."""

_LAST = dt.date(LAST_YEAR, 12, 31).toordinal()


def season_span(season: Season) -> Span:
    """How specific a season is (smaller wins): its days, then 0 for a dated season, 1 for
    every year."""
    return (season.span_days, 0 if not season.every_year else 1)


class _OutOfWork(Exception):
    """The sweep has visited :data:`CONFLICT_BUDGET` rule-years."""


class _Work:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = CONFLICT_BUDGET

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise _OutOfWork


class _Entry:
    """One rule of a group: its order, path, bounds (ordinals) and dates by year."""

    __slots__ = ("first", "first_year", "index", "last", "mask", "new_until", "new_year", "path")

    def __init__(
        self, index: int, path: str, first: int, last: int | None, mask: Callable[[int], int]
    ) -> None:
        self.index = index
        self.path = path
        self.first = first
        self.last = last  # None: no end
        self.mask = mask
        # the last day it is compared with rules that have no end either
        self.new_until = last if last is not None else first + COMPARISON_DAYS
        self.first_year = _year(first)
        self.new_year = _year(self.new_until)


@dataclass(frozen=True, slots=True)
class _Clash:
    entry: _Entry
    day: dt.date
    other: _Entry

    def issue(self) -> Issue:
        return Issue(
            self.entry.path,
            f"covers {self.day} like {self.other.path}, with the same span: make one of them "
            "narrower or merge them",
        )


def _year(ordinal: int) -> int:
    return dt.date.fromordinal(min(max(ordinal, 1), _LAST)).year


def _years(entries: Sequence[_Entry]) -> Iterator[int]:
    """The years where some rule of the group is bounded or new, in order, once each."""
    spans = sorted((max(e.first_year, FIRST_YEAR), min(e.new_year, LAST_YEAR)) for e in entries)
    upto = FIRST_YEAR - 1
    for lo, hi in spans:
        yield from range(max(lo, upto + 1), hi + 1)
        upto = max(upto, hi)


def _sweep(entries: Sequence[_Entry], work: _Work) -> Iterator[_Clash]:
    """Each rule that covers a date like an earlier rule of the group, at its first such date."""
    if len(entries) < 2:
        return
    waiting = sorted(entries, key=lambda e: (e.first, e.index))
    start = 0  # waiting[start:] have not begun
    active: list[_Entry] = []
    found: set[int] = set()
    for year in _years(entries):
        jan1 = dt.date(year, 1, 1).toordinal()
        begun = start
        while start < len(waiting) and waiting[start].first_year <= year:
            start += 1
        if start > begun:
            active = sorted(active + waiting[begun:start], key=lambda e: e.index)
        active = [e for e in active if e.last is None or e.last >= jan1]
        if len(active) < 2:
            continue
        work.spend(len(active))
        seen_all = seen_new = 0
        seen: list[tuple[_Entry, int, int]] = []
        for entry in active:
            bits = entry.mask(year)
            if not bits:
                continue
            new = bits if year < entry.new_year else 0
            if year == entry.new_year:
                new = bits & year_bits(year, entry.first, entry.new_until)
            hit = (new & seen_all) | (bits & ~new & seen_new)
            if hit and entry.index not in found:
                bit = hit & -hit
                other = next(o for o, a, n in seen if (a if bit & new else n) & bit)
                found.add(entry.index)
                yield _Clash(entry, dt.date.fromordinal(jan1 + bit.bit_length() - 1), other)
            seen_all |= bits
            seen_new |= new
            seen.append((entry, bits, new))


def _by_span(items: Iterable[tuple[Span, _Entry]], work: _Work) -> list[Issue]:
    groups: dict[Span, list[_Entry]] = {}
    for span, entry in items:
        groups.setdefault(span, []).append(entry)
    clashes = [clash for group in groups.values() for clash in _sweep(group, work)]
    return [clash.issue() for clash in sorted(clashes, key=lambda c: c.entry.index)]


def _exception_issues(rules: Sequence[DatedRule], work: _Work) -> list[Issue]:
    return _by_span(
        (
            (
                rule.span,
                _Entry(
                    i,
                    rule.path,
                    rule.first.toordinal(),
                    None if rule.last is None else rule.last.toordinal(),
                    rule.mask,
                ),
            )
            for i, rule in enumerate(rules)
        ),
        work,
    )


def exception_conflicts(rules: Sequence[DatedRule]) -> Iterator[Issue]:
    """Exceptions of one owner that cover a date like an earlier one with the same span."""
    yield from _exception_issues(rules, _Work())


@lru_cache(maxsize=512)
def _weekday_bits(weekday: int, length: int, named: frozenset[int]) -> int:
    """Bits of the days of a year (starting on ``weekday``, ``length`` days) on ``named``."""
    bits = 0
    for day in range(length):
        if (weekday + day) % 7 in named:
            bits |= 1 << day
    return bits


def _month_day(year: int, text: str, after: bool) -> int:
    """The ordinal of ``MM-DD`` in ``year``; a 29 February that ``year`` lacks is the first
    of March (``after``) or the 28th."""
    month, day = int(text[:2]), int(text[3:])
    length = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1).toordinal() + min(day, length + after) - 1


def _season_mask(season: Season, named: frozenset[int]) -> Callable[[int], int]:
    def mask(year: int) -> int:
        jan1 = dt.date(year, 1, 1)
        weekdays = _weekday_bits(jan1.weekday(), 366 if calendar.isleap(year) else 365, named)
        if isinstance(season.start, dt.date) and isinstance(season.end, dt.date):
            days = year_bits(year, season.start.toordinal(), season.end.toordinal())
            return days & weekdays
        start, end = str(season.start), str(season.end)
        lo, hi = _month_day(year, start, True), _month_day(year, end, False)
        if start <= end:
            return year_bits(year, lo, hi) & weekdays
        last = dt.date(year, 12, 31).toordinal()
        return (year_bits(year, jan1.toordinal(), hi) | year_bits(year, lo, last)) & weekdays

    return mask


def _season_issues(seasons: Sequence[Season], path: str, work: _Work) -> list[Issue]:
    items: list[tuple[Span, _Entry]] = []
    for i, season in enumerate(seasons):
        named = frozenset(w for w in range(7) if season.hours.day(w) is not None)
        if not named:
            continue
        if isinstance(season.start, dt.date) and isinstance(season.end, dt.date):
            first, last = season.start, season.end
        else:
            first, last = _EVERY_YEAR
        entry = _Entry(
            i, f"{path}[{i}]", first.toordinal(), last.toordinal(), _season_mask(season, named)
        )
        items.append((season_span(season), entry))
    return _by_span(items, work)


def season_conflicts(seasons: Sequence[Season], path: str) -> Iterator[Issue]:
    """Seasons of one owner (at ``path``) that name the weekday of a date covered by an
    earlier season with the same span."""
    yield from _season_issues(seasons, path, _Work())


def conflicts(establishment: EstablishmentData) -> Iterator[Issue]:
    """Rules of one level that cover the same date with the same span (load-time check):
    at most :data:`MAX_CONFLICTS` issues, then one that counts the others."""
    owners: list[tuple[str, Sequence[DatedException], Sequence[Season]]] = [
        ("", establishment.exceptions, establishment.seasons)
    ]
    for key, service in establishment.services.items():
        owners.append((f"services.{key}.", service.exceptions, service.seasons))
    issues: list[Issue] = []
    work = _Work()
    for prefix, exceptions, seasons in owners:
        try:
            rules = [DatedRule(e, f"{prefix}exceptions[{i}]") for i, e in enumerate(exceptions)]
            issues += _exception_issues(rules, work)
            issues += _season_issues(seasons, f"{prefix}seasons", work)
        except _OutOfWork:
            issues.append(
                Issue(
                    prefix.rstrip("."),
                    f"comparing its dated rules takes more than {CONFLICT_BUDGET:,} rule-years: "
                    "give fewer rules of the same span, or bound them with start and end",
                )
            )
            break
    yield from issues[:MAX_CONFLICTS]
    if len(issues) > MAX_CONFLICTS:
        yield Issue(
            "",
            f"{len(issues) - MAX_CONFLICTS} more rules cover a date like another rule of "
            "their level with the same span",
        )
