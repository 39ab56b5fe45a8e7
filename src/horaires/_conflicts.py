"""The load-time check: two rules of one level that cover the same date with the same span.

Within a level of precedence a narrower span wins (docs/configuration.md#precedence); two
exceptions, or two seasons, of the same owner that cover a date with the same span leave the
answer undecided, so the configuration is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from ._dated import DatedRule, Span
from ._errors import Issue

if TYPE_CHECKING:
    from ._model import DatedException, EstablishmentData, Season

__all__ = ["conflicts", "season_span"]


def season_span(season: Season) -> Span:
    """How specific a season is (smaller wins)."""
    return (season.span_days, 0 if not season.every_year else 1)


def _candidate_pairs(rules: Sequence[DatedRule]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of rules with the same span whose bounds overlap
    (an unbounded recurrence reaches every later date): one sweep per span instead of
    comparing every pair."""
    groups: dict[Span, list[int]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(rule.span, []).append(i)
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        active: list[tuple[dt.date, int]] = []  # (last date, index) of rules seen so far
        for i in sorted(members, key=lambda k: rules[k].first):
            rule = rules[i]
            active = [(last, j) for last, j in active if last >= rule.first]
            pairs.extend((min(i, j), max(i, j)) for _, j in active)
            active.append((rule.last or dt.date.max, i))
    return sorted(pairs)


def exception_conflicts(rules: Sequence[DatedRule]) -> Iterator[Issue]:
    """Exceptions of one owner that cover a date with the same span."""
    for i, j in _candidate_pairs(rules):
        a, b = rules[i], rules[j]
        lo = max(a.first, b.first)  # unbounded recurrences are compared over eight years
        hi = min([r.last for r in (a, b) if r.last] or [lo + dt.timedelta(days=8 * 366)])
        common = sorted(set(a.dates(lo, hi)) & set(b.dates(lo, hi))) if lo <= hi else []
        if common:
            yield Issue(
                b.path,
                f"covers {common[0]} like {a.path}, with the same span: make one of them "
                "narrower or merge them",
            )


def season_conflicts(seasons: Sequence[Season], path: str) -> Iterator[Issue]:
    """Seasons of one owner that name the same day with the same span."""
    for (i, a), (j, b) in combinations(enumerate(seasons), 2):
        if season_span(a) != season_span(b):
            continue
        year = next((s.start.year for s in (a, b) if isinstance(s.start, dt.date)), 2000)
        day = dt.date(year, 1, 1)
        while day.year <= year + 1:
            if a.covers(day) and b.covers(day) and _names_same_day(a, b, day):
                yield Issue(
                    f"{path}[{j}]",
                    f"covers {day} like {path}[{i}], with the same span: make one of them "
                    "narrower or merge them",
                )
                break
            day += dt.timedelta(days=1)


def _names_same_day(a: Season, b: Season, day: dt.date) -> bool:
    return a.hours.day(day.weekday()) is not None and b.hours.day(day.weekday()) is not None


def conflicts(establishment: EstablishmentData) -> Iterator[Issue]:
    """Rules of one level that cover the same date with the same span (load-time check)."""
    owners: list[tuple[str, Sequence[DatedException], Sequence[Season]]] = [
        ("", establishment.exceptions, establishment.seasons)
    ]
    for key, service in establishment.services.items():
        owners.append((f"services.{key}.", service.exceptions, service.seasons))
    for prefix, exceptions, seasons in owners:
        dated = [DatedRule(e, f"{prefix}exceptions[{i}]") for i, e in enumerate(exceptions)]
        yield from exception_conflicts(dated)
        yield from season_conflicts(seasons, f"{prefix}seasons")
