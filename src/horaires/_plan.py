"""Day plans: what applies on one local date, as the compiler reads it.

A :class:`Plan` carries no date: the weekly plan of every Monday is one object, and so is the
plan of a closure that covers a fortnight. Whoever resolves dates (the native configuration's
resolution, the OpenStreetMap evaluator) hands the compiler one plan per date and an
:class:`Admission`; the compiler turns each distinct plan into instants once per UTC offset.

Times are minutes after the date's midnight; a closing may go past midnight, up to 48:00.

>>> plan = Plan(((510, 750, None), (810, 1050, None)), "weekly")
>>> plan.closes
1050
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from ._frozen import quick_init
from ._kept import Kept

__all__ = ["CLOSED_DAY", "Admission", "DaySource", "Plan", "Rule", "Span", "intern"]

Rule = Literal["exception", "holiday", "school", "season", "weekly", "osm"]
"""Which kind of rule produced a day's hours (docs/concepts.md, which hours apply on a date)."""

Span = tuple[int, int, int | None]
"""A slot in minutes: ``(opens, closes, explicit last admission or None)``."""


@quick_init
@dataclass(frozen=True, slots=True)
class Admission:
    """The admission cutoff in whole seconds before each closing, or only before the last
    closing of a day (``end_of_day``); docs/admission.md."""

    seconds: int
    end_of_day: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class Plan:
    """The hours of one local date and the rule that produced them.

    ``source`` is the service whose rule it is (None: the establishment). ``unknown`` says the
    state is unknown all day long; ``labels`` and ``unknowns`` optionally give each span its
    own label and unknown flag (OpenStreetMap comments and ``unknown`` rules).
    """

    spans: tuple[Span, ...]
    rule: Rule
    label: str | None = None
    source: str | None = None
    unknown: bool = False
    labels: tuple[str | None, ...] = field(default=(), repr=False)
    unknowns: tuple[bool, ...] = field(default=(), repr=False)

    @property
    def closes(self) -> int:
        """The last closing of the day, in minutes (0 for a closed day)."""
        return max((span[1] for span in self.spans), default=0)

    def span_label(self, k: int) -> str | None:
        """The label of span ``k``: its own, else the plan's."""
        return self.labels[k] if k < len(self.labels) and self.labels[k] else self.label

    def span_unknown(self, k: int) -> bool:
        """Whether span ``k`` is unknown."""
        return self.unknown or (k < len(self.unknowns) and self.unknowns[k])


CLOSED_DAY = Plan((), "weekly")
"""A day of the weekly hours with no slot."""

PLANS = 16384
"""Distinct plans the process keeps interned."""

_INTERNED: Kept[Plan, Plan] = Kept(PLANS)


def intern(plan: Plan) -> Plan:
    """The one object of the process equal to ``plan``: equal days of different places
    (every shop open 09:00-18:00 on Mondays) share their compiled instants.

    >>> intern(Plan((), "weekly")) is intern(Plan((), "weekly"))
    True
    """
    found = _INTERNED.get(plan)
    if found is None:
        _INTERNED.keep(plan, plan)
        return plan
    return found


class DaySource(Protocol):
    """What compiles: one plan per local date, the admission cutoff (None: none), and how
    many days past its date's midnight a plan may run (1, or 2 for slots past 24:00)."""

    @property
    def admission(self) -> Admission | None: ...

    @property
    def reach(self) -> int: ...

    def plans(self, first: int, count: int) -> Sequence[Plan]:
        """The plans of ``count`` dates from the proleptic ordinal ``first`` on."""
        ...

    def plan(self, ordinal: int) -> Plan:
        """The plan of the date of ``ordinal``, for one question (the source need not keep
        it)."""
        ...
