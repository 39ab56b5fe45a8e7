"""Compile day plans into instants: merged opening intervals and the states between them.

A :class:`Compiler` reads one source's plans (docs/concepts.md: opening intervals, admission)
for the local dates a question needs, resolves their wall times to UTC instants, merges the
intervals that touch (also across midnight), and gives either the sorted instants where the
state changes (for point queries and searches) or the intervals themselves (with their labels
and last admissions). A plan is turned into instants once per UTC offset: every ordinary
Monday costs one addition per slot.

States are ranked: where several services meet, the highest wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from ._kept import Kept
from ._plan import Admission, DaySource, Plan
from ._wall import EPOCH_ORDINAL, Disambiguate, Resolver, midnight_offset, skipped

__all__ = [
    "ACCEPTING",
    "CLOSED",
    "INF",
    "OPEN",
    "UNKNOWN",
    "Changes",
    "Compiler",
    "Merged",
    "changes",
    "combine",
    "exact",
    "kind_in",
    "resolver",
]

CLOSED, UNKNOWN, OPEN, ACCEPTING = 0, 1, 2, 3
"""States, ranked: where several services meet, the highest wins."""

INF = 1 << 62
"""An instant beyond any horizon: the end of an interval that does not end."""

FOLLOW = 7
"""Days an interval that still runs at the end of the dates compiled is followed to know its
closing; past them it counts as not ending (``INF``): whatever closes it then lies days past
the dates asked, so does its admission window (a slot runs two days at most)."""

MEMO = 8192
"""Plans the process keeps turned into instants (per UTC offset): sources share plans (every
value's ordinary Monday), so they share these too."""

_MEMO: Kept[tuple[int, int], tuple[Plan, tuple[_Piece, ...]]] = Kept(MEMO)

DAYS = 4096
"""Compiled days the process keeps, per zone, policy, admission rule and the plans of their
dates: distinct sources whose dates have the same plans (every value opening Monday to
Friday 09:00-18:00, on an ordinary week) compile each day once."""

_DAYS: Kept[tuple[object, ...], tuple[tuple[Plan, ...], Changes]] = Kept(DAYS)

_SHIFTED: Kept[tuple[object, ...], tuple[tuple[Plan, ...], int, Changes]] = Kept(DAYS)
"""Compiled days by their plans and steady UTC offset, whatever their date: the days of
another week with the same plans are the same changes moved by whole days."""

_DAY = 86400


class Merged(NamedTuple):
    """An opening (or unknown) interval ``[opens, closes)`` in epoch seconds.

    ``admits`` is the end of its admission window (``opens`` when it admits nobody), ``label``
    the label of its first slot.
    """

    opens: int
    closes: int
    admits: int
    label: str | None
    unknown: bool


Changes = tuple[list[int], bytearray, list[str | None]]
"""Sorted instants where the state changes, the state from each on (``CLOSED`` before the
first; no two consecutive states are equal), and the label of the interval each belongs to."""

_Piece = tuple[int, int, int | None, str | None, bool, bool]
"""A slot resolved: opens, closes, explicit last admission, label, unknown, last of its day."""


def _admission_end(
    opens: int, closes: int, explicit: int | None, last: bool, rule: Admission | None
) -> int:
    """The end of the admission window of ``[opens, closes)`` (docs/admission.md)."""
    if explicit is not None:
        return min(max(explicit, opens), closes)
    if closes >= INF:
        return INF
    if rule is None or (rule.end_of_day and not last):
        return closes
    return max(opens, closes - rule.seconds)


def _steady(offsets: Sequence[int], i: int) -> bool:
    """Whether the UTC offset at the midnight of date ``i`` of ``offsets`` (one per date)
    holds at the next three: the date's slots then lie at that offset from its midnight (they
    end by 48:00, two midnights on, and a wall time at a midnight may fall in a gap that
    starts there)."""
    return offsets[i] == offsets[i + 1] == offsets[i + 2] == offsets[i + 3]


@lru_cache(maxsize=256)
def resolver(zone: ZoneInfo, disambiguate: Disambiguate) -> Resolver:
    """The resolver of a zone and policy, shared by the compilers that use them."""
    return Resolver(zone, disambiguate)


class Compiler:
    """Turns one source's plans into instants in a zone, with a DST policy.

    >>> from horaires import examples
    >>> from horaires._resolve import View
    >>> compiler = Compiler(View(examples.pantin()), ZoneInfo("Europe/Paris"))
    >>> monday = dt.date(2025, 5, 5).toordinal()
    >>> [(m.opens, m.closes, m.admits) for m in compiler.merged(monday, 1, extend=0)[0]][:1]
    [(1746426600, 1746441000, 1746439200)]
    """

    __slots__ = ("admission", "key", "reach", "resolver", "source", "zone")

    def __init__(
        self, source: DaySource, zone: ZoneInfo, disambiguate: Disambiguate = "compatible"
    ) -> None:
        self.source = source
        self.zone = zone
        self.resolver = resolver(zone, disambiguate)
        self.admission = source.admission
        self.reach = source.reach
        self.key = (zone.key, disambiguate, self.admission)

    def _offset(self, ordinal: int) -> int:
        """The UTC offset in seconds at local midnight of the date of ``ordinal``."""
        return midnight_offset(self.zone, ordinal)

    def _relative(self, plan: Plan, offset: int) -> tuple[_Piece, ...]:
        """The pieces of ``plan`` relative to its date's UTC midnight, at a steady offset."""
        key = (id(plan), offset)
        found = _MEMO.get(key)
        if found is not None and found[0] is plan:
            return found[1]
        closes = plan.closes
        pieces = tuple(
            (
                opens * 60 - offset,
                end * 60 - offset,
                None if last is None else last * 60 - offset,
                plan.span_label(k),
                plan.span_unknown(k),
                end == closes,
            )
            for k, (opens, end, last) in enumerate(plan.spans)
            if opens < end
        )
        _MEMO.keep(key, (plan, pieces))  # the plan stays alive: its id stays its own
        return pieces

    def dropped(self, first: int, count: int) -> list[tuple[int, int, int]]:
        """``(ordinal, opens, closes)`` (minutes) of each slot of ``count`` dates from the
        ordinal ``first`` that has no hours once resolved: its opening is not before its
        closing (it lies in a spring-forward gap). A date the zone skips is left out: it
        has no hours at all (docs/time.md)."""
        out: list[tuple[int, int, int]] = []
        at = self.resolver.instant
        offsets = [self._offset(ordinal) for ordinal in range(first, first + count + 3)]
        for i, plan in enumerate(self.source.plans(first, count)):
            ordinal = first + i
            if not plan.spans or len(set(offsets[i : i + 4])) == 1 or skipped(self.zone, ordinal):
                continue
            day = dt.date.fromordinal(ordinal)
            out += [
                (ordinal, opens, end)
                for opens, end, _ in plan.spans
                if opens < end and at(day, opens) >= at(day, end)
            ]
        return out

    def pieces(self, first: int, count: int, plans: Sequence[Plan] | None = None) -> list[_Piece]:
        """The resolved slots of ``count`` dates from the ordinal ``first`` (whose ``plans``
        may be given), sorted."""
        if plans is None:
            plans = self.source.plans(first, count)
        out: list[_Piece] = []
        offsets = [self._offset(ordinal) for ordinal in range(first, first + count + 3)]
        for i, plan in enumerate(plans):
            if not plan.spans:
                continue
            ordinal = first + i
            here = offsets[i]
            if _steady(offsets, i):
                base = (ordinal - EPOCH_ORDINAL) * _DAY
                for a, b, last, label, unknown, final in self._relative(plan, here):
                    out.append(
                        (
                            a + base,
                            b + base,
                            None if last is None else last + base,
                            label,
                            unknown,
                            final,
                        )
                    )
            else:
                out.extend(exact(plan, ordinal, self.zone, self.resolver))
        out.sort(key=lambda p: (p[0], p[1]))
        return out

    def open_at(self, t: int) -> bool:
        """Whether an opening interval (not an unknown one) holds the instant ``t``: the
        pieces of the local dates whose slots can reach it, merged as :meth:`merged` merges
        them, without compiling a day (the first question about a schedule asks one instant).

        >>> from horaires import examples
        >>> from horaires._resolve import View
        >>> compiler = Compiler(View(examples.pantin()), ZoneInfo("Europe/Paris"))
        >>> compiler.open_at(1746426600), compiler.open_at(1746426600 - 1)
        (True, False)
        """
        date = dt.datetime.fromtimestamp(t, self.zone).toordinal()
        if self.reach == 1:  # one date's slots can hold it
            return kind_in(self.source.plan(date), date, t, self.zone, self.resolver) == OPEN
        pieces = self.pieces(date - self.reach + 1, self.reach)
        return any(
            opens <= t < closes and not unknown for opens, closes, *_, unknown, _ in _merge(pieces)
        )

    def merged(
        self, first: int, count: int, *, extend: int, plans: Sequence[Plan] | None = None
    ) -> tuple[list[Merged], bool]:
        """The merged intervals of ``count`` dates from the ordinal ``first`` (whose ``plans``
        may be given), and whether later dates were read.

        An interval that still runs at the end of those dates is followed ``extend`` more
        days at most; past them it does not end (``INF``).
        """
        pieces = self.pieces(first, count, plans)
        raw = _merge(pieces)
        end_ordinal = first + count
        extended = 0
        step = 7
        while raw and raw[-1][1] >= self._midnight(end_ordinal):
            if extended >= extend:
                raw[-1][1], raw[-1][2] = INF, None
                break
            more = min(step, extend - extended)
            pieces += self.pieces(end_ordinal, more)
            pieces.sort(key=lambda p: (p[0], p[1]))
            raw = _merge(pieces)
            end_ordinal += more
            extended += more
            step *= 2
        rule = self.admission
        merged = [
            Merged(
                opens,
                closes,
                opens if unknown else _admission_end(opens, closes, explicit, last, rule),
                label,
                unknown,
            )
            for opens, closes, explicit, label, unknown, last in raw
        ]
        return merged, extended > 0

    def _midnight(self, ordinal: int) -> int:
        """Epoch seconds of local midnight starting the date of ``ordinal``."""
        return (ordinal - EPOCH_ORDINAL) * _DAY - self._offset(ordinal)

    def changes(self, first_day: int, days: int) -> Changes:
        """The changes over ``days`` UTC days from the epoch day ``first_day``: every change
        from the start of the first day to the end of the last (and the last one before)."""
        first, last = self._dates(first_day + EPOCH_ORDINAL, first_day + days - 1 + EPOCH_ORDINAL)
        plans = tuple(self.source.plans(first, last - first + 1))
        key = (self.key, first, first_day, days, *map(id, plans))
        found = _DAYS.get(key)
        if found is not None and found[0] == plans:  # the same plan objects, on the same dates
            return found[1]
        offsets = tuple(self._offset(ordinal) for ordinal in range(first, last + 4))
        steady = (self.key, first - first_day, days, offsets[0], *map(id, plans))
        if len(set(offsets)) == 1:  # the same plans at the same offset: the same changes,
            seen = _SHIFTED.get(steady)  # a whole number of days later (an ordinary week)
            if seen is not None and seen[0] == plans:
                shift = (first_day - seen[1]) * _DAY
                bounds, out, labels = seen[2]
                return [b + shift for b in bounds], bytearray(out), list(labels)
        merged, extended = self.merged(first, len(plans), extend=FOLLOW, plans=plans)
        result = changes(merged, first_day * _DAY)
        if not extended:  # what later dates hold is not in the key
            _DAYS.keep(key, (plans, result))  # the plans stay alive: their ids stay theirs
            if len(set(offsets)) == 1:
                _SHIFTED.keep(steady, (plans, first_day, result))
        return result

    def _dates(self, u0: int, u1: int) -> tuple[int, int]:
        """The first and last local dates to compile for the UTC dates ``u0`` to ``u1``
        (ordinals): those whose slots meet them (a date's slots run ``reach`` days from its
        local midnight, which is a UTC offset away from the UTC one), and with a cutoff one
        more on each side: the closings up to a day after them count, and so does the date
        before, whose last slot, running to midnight, makes the interval it opens close the
        day (``end_of_day``) however early it closes the next morning."""
        offset = self._offset
        west = min(offset(u0 - 1), offset(u0), offset(u0 + 1)) < 0
        east = max(offset(u1), offset(u1 + 1), offset(u1 + 2)) > 0
        cutoff = 1 if self.admission is not None else 0
        first = u0 - self.reach + (0 if west else 1) - cutoff
        last = u1 + (1 if east else 0) + cutoff
        return first, last


def exact(plan: Plan, ordinal: int, zone: ZoneInfo, resolver: Resolver) -> list[_Piece]:
    """The pieces of ``plan``, the plan of the date ``ordinal``, on a date whose UTC offset
    changes: each wall time resolved with the DST policy; a slot that does not open before
    it closes is dropped, and a date the zone skips entirely has no hours (docs/time.md)."""
    if skipped(zone, ordinal):
        return []
    day = dt.date.fromordinal(ordinal)
    at = resolver.instant
    closes = plan.closes
    out: list[_Piece] = []
    for k, (opens, end, last) in enumerate(plan.spans):
        a, b = at(day, opens), at(day, end)
        if a < b:
            explicit = None if last is None else at(day, last)
            out.append((a, b, explicit, plan.span_label(k), plan.span_unknown(k), end == closes))
    return out


def kind_in(plan: Plan, ordinal: int, t: int, zone: ZoneInfo, resolver: Resolver) -> int:
    """``OPEN`` where a known slot holds the instant ``t``, else ``UNKNOWN`` where an unknown
    one does, else ``CLOSED``: under ``plan``, the plan of the local date ``ordinal`` of
    ``t``, for a source whose slots end by the next midnight (reach 1: no other date's can
    hold ``t``). The first question about a schedule, and many values asked about one
    instant, read it without compiling a day.

    >>> from horaires._plan import Plan
    >>> paris = ZoneInfo("Europe/Paris")
    >>> plan = Plan(((540, 720, None),), "osm")  # 09:00-12:00
    >>> monday = dt.date(2025, 5, 5).toordinal()
    >>> nine = 1746428400  # 2025-05-05 09:00 in Paris
    >>> kind_in(plan, monday, nine, paris, resolver(paris, "compatible")) == OPEN
    True
    >>> kind_in(plan, monday, nine - 1, paris, resolver(paris, "compatible")) == CLOSED
    True
    """
    offsets = [midnight_offset(zone, ordinal + k) for k in range(4)]
    found = CLOSED
    if _steady(offsets, 0):  # the slots lie at one offset from the date's midnight
        after = t - (ordinal - EPOCH_ORDINAL) * _DAY + offsets[0]
        for k, (opens, end, _) in enumerate(plan.spans):
            if opens * 60 <= after < end * 60:
                if not plan.span_unknown(k):
                    return OPEN
                found = UNKNOWN
        return found
    for opens, closes, *_, unknown, _ in _merge(exact(plan, ordinal, zone, resolver)):
        if opens <= t < closes:
            if not unknown:
                return OPEN
            found = UNKNOWN
    return found


def _merge(pieces: Sequence[_Piece]) -> list[list[Any]]:
    """Touching or overlapping pieces of one kind (known or unknown) as one interval:
    ``[opens, closes, explicit, label, unknown, last]``, the explicit last admission of the
    piece that closes it, and whether some piece was the last of its day."""
    merged: list[list[Any]] = []
    for opens, closes, explicit, label, unknown, last in pieces:
        if merged:
            cur = merged[-1]
            cur_closes: int = cur[1]
            if opens <= cur_closes and unknown == cur[4]:
                if closes >= cur_closes:
                    cur[1], cur[2] = closes, explicit
                cur[5] = bool(cur[5]) or last
                continue
            if opens < cur_closes:  # a known and an unknown slot overlap: the first keeps it
                if closes <= cur_closes:
                    continue
                opens = cur_closes
        merged.append([opens, closes, explicit, label, unknown, last])
    return merged


def changes(merged: Sequence[Merged], start: float = -INF) -> Changes:
    """The changes of state of merged intervals, from the last change before ``start`` on."""
    bounds: list[int] = []
    out = bytearray()
    labels: list[str | None] = []
    for m in merged:
        if m.closes < start:  # one that closes at ``start`` gives the change there
            continue
        opens, closes, admits, label = m.opens, m.closes, m.admits, m.label
        first = UNKNOWN if m.unknown else ACCEPTING if admits > opens else OPEN
        if bounds and bounds[-1] == opens:  # touches the interval before (of another kind)
            bounds.pop()
            out.pop()
            labels.pop()
        if (out[-1] if out else CLOSED) != first:
            bounds.append(opens)
            out.append(first)
            labels.append(label)
        if not m.unknown and opens < admits < closes:
            bounds.append(admits)
            out.append(OPEN)
            labels.append(label)
        if closes < INF:
            bounds.append(closes)
            out.append(CLOSED)
            labels.append(None)
    return bounds, out, labels


def combine(parts: Sequence[Changes]) -> Changes:
    """The changes of several schedules together: at each instant the highest state of a
    part (open where any is open, accepting where any accepts); an interval takes the label
    of the first part open (or unknown) at its start."""
    if len(parts) == 1:
        return parts[0]
    updates = sorted(
        (t, k, state, label)
        for k, (bounds, out, labels) in enumerate(parts)
        for t, state, label in zip(bounds, out, labels, strict=True)
    )
    current = [CLOSED] * len(parts)
    current_labels: list[str | None] = [None] * len(parts)
    counts = [len(parts), 0, 0, 0]  # parts in CLOSED, UNKNOWN, OPEN, ACCEPTING
    bounds: list[int] = []
    out = bytearray()
    labels: list[str | None] = []
    label: str | None = None
    u, n = 0, len(updates)
    while u < n:
        t = updates[u][0]
        while u < n and updates[u][0] == t:
            _, k, new, new_label = updates[u]
            counts[current[k]] -= 1
            counts[new] += 1
            current[k] = new
            current_labels[k] = new_label
            u += 1
        state = (
            ACCEPTING
            if counts[ACCEPTING]
            else OPEN
            if counts[OPEN]
            else UNKNOWN
            if counts[UNKNOWN]
            else CLOSED
        )
        before = out[-1] if out else CLOSED
        if before == state:
            continue
        kind = min(state, OPEN)
        if kind == CLOSED:
            label = None
        elif kind != min(before, OPEN):
            label = next(
                current_labels[k] for k in range(len(parts)) if min(current[k], OPEN) == kind
            )
        bounds.append(t)
        out.append(state)
        labels.append(label)
    return bounds, out, labels
