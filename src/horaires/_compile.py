"""Compile day plans into chunks: sorted UTC boundaries of opening and admission windows.

A chunk covers one UTC calendar year of instants. It holds every merged opening interval
that meets that year (with its true start and end, even outside the year), and the
instants where the state changes, so a query is one bisect.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from ._model import AdmissionRule
from ._values import Day
from ._wall import Resolver, epoch_days

__all__ = [
    "ACCEPTING",
    "CLOSED",
    "INF",
    "OPEN",
    "UNKNOWN",
    "Chunk",
    "DaySource",
    "build",
    "combine",
]

CLOSED, UNKNOWN, OPEN, ACCEPTING = 0, 1, 2, 3
"""States, ranked: where several services meet, the highest wins."""

INF = 1 << 62
"""An instant beyond any horizon: the end of an interval that does not end."""

_MARGIN_BEFORE = 3
_MARGIN_AFTER = 3
_EXTEND_STEP = 7
_EXTEND_LIMIT = 370


class DaySource(Protocol):
    """What compiles: the plan of each local date, and the admission rule."""

    admission: AdmissionRule | None

    def days(self, first: dt.date, last: dt.date) -> Iterable[Day]: ...


@dataclass(frozen=True, slots=True)
class Chunk:
    """The compiled state of one schedule over the UTC year ``[start, end)``.

    ``states[i]`` holds from ``bounds[i]`` on (``CLOSED`` before ``bounds[0]``); no two
    consecutive states are equal. ``starts``/``ends``/``admits``/``labels`` describe the
    opening and unknown intervals (``admits[i]``: end of their last admission window).
    """

    start: int
    end: int
    bounds: tuple[int, ...]
    states: bytes
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    admits: tuple[int, ...]
    labels: tuple[str | None, ...]

    def state(self, t: float) -> int:
        """The state at ``t`` (which must lie in this chunk's year)."""
        i = bisect_right(self.bounds, t)
        return self.states[i - 1] if i else CLOSED

    def interval(self, t: float) -> int | None:
        """The index of the interval that contains ``t``, if any."""
        i = bisect_right(self.starts, t) - 1
        return i if i >= 0 and t < self.ends[i] else None


def year_start(year: int) -> int:
    """Epoch seconds of January 1st, 00:00 UTC, of ``year``."""
    return epoch_days(dt.date(year, 1, 1)) * 86400


def year_of(t: float) -> int:
    """The UTC year of epoch seconds ``t``."""
    year = 1970 + int(t // 31556952)
    while t < year_start(year):
        year -= 1
    while t >= year_start(year + 1):
        year += 1
    return year


def _pieces(
    days: Iterable[Day], resolve: Resolver
) -> list[tuple[int, int, int | None, str | None, bool, bool]]:
    out: list[tuple[int, int, int | None, str | None, bool, bool]] = []
    for day in days:
        if not day.slots:
            continue
        last = max(slot.closes for slot in day.slots)
        for k, slot in enumerate(day.slots):
            label = day.comments[k] if k < len(day.comments) and day.comments[k] else day.label
            explicit = slot.last_admission
            out.append(
                (
                    resolve.instant(day.date, slot.opens),
                    resolve.instant(day.date, slot.closes),
                    None if explicit is None else resolve.instant(day.date, explicit),
                    label,
                    day.unknown or (k < len(day.unknown_slots) and day.unknown_slots[k]),
                    slot.closes == last,
                )
            )
    out.sort(key=lambda p: (p[0], p[1]))
    return out


def _merge(
    pieces: Sequence[tuple[int, int, int | None, str | None, bool, bool]],
) -> list[list[object]]:
    merged: list[list[object]] = []
    for opens, closes, explicit, label, unknown, last in pieces:
        if merged:
            cur = merged[-1]
            cur_closes = cur[1]
            assert isinstance(cur_closes, int)
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


def _admission_end(
    opens: int, closes: int, explicit: int | None, last: bool, rule: AdmissionRule | None
) -> int:
    if explicit is not None:
        return min(max(explicit, opens), closes)
    if closes >= INF:
        return INF
    if rule is None or (rule.applies_to == "end_of_day" and not last):
        return closes
    return max(opens, closes - int(rule.before_closing.total_seconds()))


def build(source: DaySource, resolve: Resolver, year: int) -> Chunk:
    """Compile the chunk of ``year`` of one schedule."""
    start, end = year_start(year), year_start(year + 1)
    first = dt.date(year - 1, 12, 31) - dt.timedelta(days=_MARGIN_BEFORE - 1)
    last = dt.date(year, 12, 31) + dt.timedelta(days=_MARGIN_AFTER)
    pieces = _pieces(source.days(first, last), resolve)
    merged = _merge(pieces)
    extended = 0
    while merged and merged[-1][1] >= resolve.instant(last + dt.timedelta(days=1), 0):  # type: ignore[operator]
        if extended >= _EXTEND_LIMIT:
            merged[-1][1], merged[-1][2] = INF, None
            break
        more_first, last = last + dt.timedelta(days=1), last + dt.timedelta(days=_EXTEND_STEP)
        extended += _EXTEND_STEP
        pieces += _pieces(source.days(more_first, last), resolve)
        pieces.sort(key=lambda p: (p[0], p[1]))
        merged = _merge(pieces)
    return _chunk(start, end, merged, source.admission)


def _chunk(
    start: int, end: int, merged: Sequence[list[object]], rule: AdmissionRule | None
) -> Chunk:
    bounds: list[int] = []
    states = bytearray()

    def mark(t: int, state: int) -> None:
        if bounds and bounds[-1] == t:
            bounds.pop()
            states.pop()
        if (states[-1] if states else CLOSED) != state:
            bounds.append(t)
            states.append(state)

    starts: list[int] = []
    ends: list[int] = []
    admits: list[int] = []
    labels: list[str | None] = []
    for opens, closes, explicit, label, unknown, last in merged:
        assert isinstance(opens, int) and isinstance(closes, int)
        if closes <= start or opens >= end:
            continue
        admit = opens if unknown else _admission_end(opens, closes, explicit, bool(last), rule)  # type: ignore[arg-type]
        if unknown:
            mark(opens, UNKNOWN)
        else:
            mark(opens, ACCEPTING if admit > opens else OPEN)
            if opens < admit < closes:
                mark(admit, OPEN)
        if closes < INF:
            mark(closes, CLOSED)
        starts.append(opens)
        ends.append(closes)
        admits.append(admit)
        labels.append(label if isinstance(label, str) else None)
    return Chunk(
        start,
        end,
        tuple(bounds),
        bytes(states),
        tuple(starts),
        tuple(ends),
        tuple(admits),
        tuple(labels),
    )


def combine(chunks: Sequence[Chunk]) -> Chunk:
    """The chunk of several schedules together: open where any is open, and so on.

    Interval labels come from the first chunk open at the interval's start.
    """
    # one sweep over every part's changes, counting the parts in each state: the state at
    # t is the highest state some part is in (as max(chunk.state(t) for chunk in chunks))
    updates = sorted(
        (t, k, state)
        for k, chunk in enumerate(chunks)
        for t, state in zip(chunk.bounds, chunk.states, strict=True)
    )
    current = [CLOSED] * len(chunks)
    counts = [len(chunks), 0, 0, 0]  # parts in CLOSED, UNKNOWN, OPEN, ACCEPTING
    bounds: list[int] = []
    states = bytearray()
    u, n = 0, len(updates)
    while u < n:
        t = updates[u][0]
        while u < n and updates[u][0] == t:
            _, k, new = updates[u]
            counts[current[k]] -= 1
            counts[new] += 1
            current[k] = new
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
        if (states[-1] if states else CLOSED) != state:
            bounds.append(t)
            states.append(state)
    starts: list[int] = []
    ends: list[int] = []
    admits: list[int] = []
    labels: list[str | None] = []
    kind = CLOSED  # intervals are runs of one kind: open (OPEN or ACCEPTING) or UNKNOWN
    for t, state in zip(bounds, states, strict=True):
        new_kind = min(state, OPEN)
        if new_kind == kind:
            continue
        if kind != CLOSED:
            ends[-1] = t
        if new_kind != CLOSED:
            starts.append(t)
            ends.append(INF)
            labels.append(
                next(
                    (
                        c.labels[j]
                        for c in chunks
                        if min(c.state(t), OPEN) == new_kind and (j := c.interval(t)) is not None
                    ),
                    None,
                )
            )
        kind = new_kind
    for opens, closes in zip(starts, ends, strict=True):
        admit = opens  # the end of the interval's last admission window
        for j in range(bisect_right(bounds, opens) - 1, len(bounds)):
            if bounds[j] >= closes:
                break
            if states[j] == ACCEPTING:
                admit = bounds[j + 1] if j + 1 < len(bounds) else INF
        admits.append(admit)
    first = chunks[0]
    return Chunk(
        first.start,
        first.end,
        tuple(bounds),
        bytes(states),
        tuple(starts),
        tuple(ends),
        tuple(admits),
        tuple(labels),
    )


def changes(chunk_at: ChunkLookup, t: float, until: float) -> Iterator[tuple[int, int]]:
    """Each ``(instant, new state)`` after ``t`` up to ``until``, in order, across chunks."""
    chunk = chunk_at(t)
    i = bisect_right(chunk.bounds, t)
    prev = chunk.states[i - 1] if i else CLOSED
    while True:
        bounds, states, end = chunk.bounds, chunk.states, chunk.end
        n = len(bounds)
        while i < n and bounds[i] < end:
            if bounds[i] > until:
                return
            prev = states[i]
            yield bounds[i], prev
            i += 1
        if end > until:
            return
        chunk = chunk_at(end)
        i = bisect_right(chunk.bounds, end)
        state = chunk.states[i - 1] if i else CLOSED
        if state != prev:
            prev = state
            yield end, state


class ChunkLookup(Protocol):
    def __call__(self, t: float, /) -> Chunk: ...
