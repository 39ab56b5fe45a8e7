"""The values queries answer with: :class:`Day`, :class:`Interval` and :class:`Status`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ._plan import Plan, Rule
from ._wall import DAY

if TYPE_CHECKING:
    from ._model import Slot

__all__ = ["Day", "Interval", "Rule", "Status"]


@dataclass(frozen=True, slots=True)
class Day:
    """The hours that apply on a local date, and the rule that produced them.

    ``source`` says whose rule it is: a service id, or None for the establishment.
    ``unknown`` is true for hours whose state is unknown (OpenStreetMap ``unknown``).
    ``comments`` optionally gives each slot its own label (OpenStreetMap comments), and
    ``unknown_slots`` marks single slots as unknown.
    """

    date: dt.date
    slots: tuple[Slot, ...]
    rule: Rule
    label: str | None = None
    source: str | None = None
    unknown: bool = False
    comments: tuple[str | None, ...] = field(default=(), repr=False)
    unknown_slots: tuple[bool, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, date: dt.date, plan: Plan) -> Day:
        """The day of ``date`` that ``plan`` gives."""
        return cls(
            date,
            _slots(plan.spans),
            plan.rule,
            plan.label,
            plan.source,
            plan.unknown,
            plan.labels,
            plan.unknowns,
        )

    @property
    def closed(self) -> bool:
        """True when no slot applies on this date."""
        return not self.slots

    def joined(self, *others: Day) -> Day:
        """This day with the slots of ``others`` joined in: a whole establishment's day, open
        where any part opens and unknown where none opens and one is unknown
        (docs/concepts.md); overlapping or touching slots of one kind become one. Rule and
        label stay this day's.

        >>> from horaires import Slot
        >>> morning = Day(dt.date(2025, 5, 3), (Slot(opens=540, closes=750),), "weekly")
        >>> desk = Day(dt.date(2025, 5, 3), (Slot(opens=720, closes=780),), "weekly", None, "etat-civil")
        >>> [slot.span for slot in morning.joined(desk).slots]
        ['09:00-13:00']
        """
        from ._model import Slot  # only when asked: reading OSM values needs no model

        known: list[tuple[int, int]] = []
        unknown: list[tuple[int, int]] = []
        for day in (self, *others):
            flags = day.unknown_slots
            for k, slot in enumerate(day.slots):
                whole = day.unknown or (k < len(flags) and flags[k])
                (unknown if whole else known).append((slot.opens, slot.closes))
        opened = _union(known)
        pieces = [(a, b, False) for a, b in opened]
        for a, b in _union(unknown):  # unknown only where no part opens
            for start, end in opened:
                if start >= b or a >= b:
                    break
                if end > a:
                    if start > a:
                        pieces.append((a, start, True))
                    a = max(a, end)
            if a < b and a < DAY:  # a piece from midnight on belongs to the next day
                pieces.append((a, b, True))
        pieces.sort()
        slots = tuple(Slot(opens=a, closes=b) for a, b, _ in pieces)
        flags = tuple(u for _, _, u in pieces)
        every = bool(flags) and all(flags)
        return Day(self.date, slots, self.rule, self.label, None, every, (), () if every else flags)


SLOTS = 4096
"""Slots of days kept made, by the spans of a plan (every ordinary Monday shares its own)."""


@lru_cache(maxsize=SLOTS)
def _slots(spans: tuple[tuple[int, int, int | None], ...]) -> tuple[Slot, ...]:
    """The immutable slots of a plan's spans, made once for the process."""
    from ._model import Slot  # only when asked: reading OSM values needs no model

    return tuple(
        Slot.model_construct(opens=opens, closes=closes, last_admission=last)
        for opens, closes, last in spans
    )


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with those that overlap or touch made one, in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class Interval:
    """An opening interval ``[start, end)`` in the establishment's time zone.

    ``last_admission`` is the end of its admission window (``end`` when the desk admits
    until closing; it may lie before ``start`` when the interval was clipped to a range).
    ``end`` and ``last_admission`` are None when the interval does not end within the
    search horizon (always open). ``unknown`` is true when the state is unknown.
    """

    start: dt.datetime
    end: dt.datetime | None
    last_admission: dt.datetime | None
    label: str | None = None
    unknown: bool = False


@dataclass(frozen=True, slots=True)
class Status:
    """The state of a place (or one of its services) at an instant.

    ``open``: the doors are open. ``accepting``: a person arriving now is admitted
    (accepting implies open). ``unknown``: the data says the state is unknown.
    ``closes_at`` and ``last_admission_at`` describe the current interval (None when
    closed); ``last_admission_at`` may be past when the desk no longer admits.
    ``reason`` is the label of the rule that applied (a holiday's name, an exception's
    label); ``services_open`` and ``services_accepting`` list the services in that state.
    """

    at: dt.datetime
    open: bool
    accepting: bool
    unknown: bool = False
    closes_at: dt.datetime | None = None
    last_admission_at: dt.datetime | None = None
    next_opening: dt.datetime | None = None
    next_change: dt.datetime | None = None
    reason: str | None = None
    service: str | None = None
    services_open: tuple[str, ...] = ()
    services_accepting: tuple[str, ...] = ()
