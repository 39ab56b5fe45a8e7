"""Compiled schedules and their queries: state at an instant, changes, intervals, status.

A :class:`Schedule` answers for one source of day plans (a service, the general hours of an
establishment, an OpenStreetMap value); a :class:`Combined` schedule answers for an
establishment as a whole (open where any part is open, docs/concepts.md). Both compile on
demand, one UTC day at a time (a search compiles the days ahead in growing batches), and keep
the compiled days in a cache bounded by size. A query is one timestamp conversion and one
bisect in the day's few instants of change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from ._compile import ACCEPTING, CLOSED, INF, OPEN, UNKNOWN, Changes, Compiler, combine
from ._errors import ArgumentError, HorairesError, NaiveDatetimeError, excerpt
from ._plan import DaySource
from ._values import Day, Interval, Status
from ._wall import EPOCH_ORDINAL, Disambiguate, date_range, skipped

__all__ = [
    "DEFAULT_HORIZON",
    "MAX_HORIZON",
    "Block",
    "Combined",
    "Schedule",
    "Timeline",
    "instant",
    "seconds",
]

DEFAULT_HORIZON = dt.timedelta(days=366)
"""How far searches for a change look by default: past ``at``, or past the last dated rule
when that comes later (docs/time.md#a-bounded-search)."""

MAX_HORIZON = dt.timedelta(days=3653)
"""The farthest any search looks past ``at`` (ten years), whatever the dated rules and the
``horizon``: a longer ``horizon`` is an error."""

CACHE_BYTES = 4 << 20
"""About how much compiled days one schedule keeps (the oldest half goes when it is full)."""

LOOKBACK = 2 * 86400
"""How far before a range an interval's admission window is looked for: a window ends at most
two days before a closing (a slot ends by 48:00)."""

BATCH = 64
"""Days a search compiles at once, at most (it starts with one and doubles)."""

EXTEND_SECONDS = 370 * 86400
"""How far past a range the end of its last interval's admission window is looked for."""

_DAY = 86400
_LOCK = threading.Lock()
"""Held while a schedule stores the days it compiled (one for all: the work is short, and a
schedule made for one question then costs no lock of its own)."""
_FIRST_YEAR, _LAST_YEAR = 2, 9997
_MIN_T = (dt.date(_FIRST_YEAR, 1, 1).toordinal() - EPOCH_ORDINAL) * _DAY
_MAX_T = (dt.date(_LAST_YEAR + 1, 1, 1).toordinal() - EPOCH_ORDINAL) * _DAY  # exclusive
_DEFAULT_SPAN = int(DEFAULT_HORIZON.total_seconds())
_MAX_SPAN = int(MAX_HORIZON.total_seconds())
_DATETIME = dt.datetime


def instant(at: dt.datetime | None) -> float:
    """Epoch seconds of an aware datetime (now when None); naive is an error."""
    if at is None:
        return dt.datetime.now(dt.UTC).timestamp()
    if not isinstance(at, dt.datetime):
        raise ArgumentError(f"{excerpt(at)} is not a datetime: pass an aware datetime.datetime")
    if at.tzinfo is None or at.utcoffset() is None:
        raise NaiveDatetimeError(at)
    try:
        t = at.timestamp()
    except (OverflowError, ValueError):
        t = math.inf
    if not _MIN_T <= t < _MAX_T:
        raise HorairesError(
            f"{at.isoformat()} is outside the supported years {_FIRST_YEAR}-{_LAST_YEAR}"
        )
    return t


def seconds(at: dt.datetime | None) -> int:
    """Whole epoch seconds (floored) of an aware datetime, checked like :func:`instant`.

    Boundaries are whole seconds, so the floor answers every state query exactly; it is
    computed from the fields and the UTC offset, without float arithmetic.

    >>> from zoneinfo import ZoneInfo
    >>> seconds(dt.datetime(2025, 5, 5, 10, 0, 0, 999999, tzinfo=ZoneInfo("Europe/Paris")))
    1746432000
    """
    if type(at) is _DATETIME:
        offset = at.utcoffset()
        if offset is not None and not offset.microseconds:
            t: int = (
                (at.toordinal() - EPOCH_ORDINAL) * 86400
                + at.hour * 3600
                + at.minute * 60
                + at.second
                - offset.days * 86400
                - offset.seconds
            )
            if _MIN_T <= t < _MAX_T:
                return t
    return math.floor(instant(at))


def check_horizon(horizon: object) -> float | None:
    """``horizon`` in seconds (None: the default); an error past :data:`MAX_HORIZON`."""
    if horizon is None:
        return None
    if not isinstance(horizon, dt.timedelta):
        raise ArgumentError(f"horizon={excerpt(horizon)} is not a datetime.timedelta")
    if horizon < dt.timedelta(0) or horizon > MAX_HORIZON:
        raise HorairesError(
            f"horizon={horizon} is not between 0 and {MAX_HORIZON.days} days (MAX_HORIZON)"
        )
    return horizon.total_seconds()


def _range(start: dt.datetime, end: dt.datetime) -> tuple[float, float]:
    """The instants of a range of :meth:`Timeline.intervals`, at most :data:`MAX_HORIZON`
    long: what the walk over it costs is bounded."""
    a, b = instant(start), instant(end)
    if b - a > _MAX_SPAN:
        raise HorairesError(
            f"{start.isoformat()} to {end.isoformat()} is longer than {MAX_HORIZON.days} days "
            "(MAX_HORIZON): ask for the intervals in pieces"
        )
    return a, b


class Block(NamedTuple):
    """The compiled states of one schedule over the UTC day ``[start, end)`` (or over a run of
    whole days in which the state does not change).

    ``states[i]`` holds from ``bounds[i]`` on (``CLOSED`` before ``bounds[0]``, which may lie
    before ``start``); ``labels[i]`` is the label of the interval it belongs to.
    """

    start: int
    end: int
    bounds: tuple[int, ...]
    states: bytes
    labels: tuple[str | None, ...]

    def state(self, t: float) -> int:
        """The state at ``t`` (within the day)."""
        i = bisect_right(self.bounds, t)
        return self.states[i - 1] if i else CLOSED

    def size(self) -> int:
        """About how many bytes it holds."""
        return 200 + 44 * len(self.bounds)


def _cost(block: Block, day: int) -> int:
    """What the cache entry of ``day`` costs: the block for its first day, a reference for
    the other days of a run."""
    return block.size() if day == block.start // _DAY else 64


def _kind(state: int) -> int:
    """OPEN for open states, UNKNOWN, or CLOSED: what an interval is made of."""
    return OPEN if state >= OPEN else state


class Timeline:
    """Queries over compiled days; subclasses say how days compile."""

    zone: ZoneInfo
    _anchor: float

    def __init__(self) -> None:
        self._blocks: dict[int, Block] = {}
        self._size = 0
        self._last: Block | None = None
        self._fresh = True  # nothing asked yet: the first is_open compiles nothing

    # -- compile --------------------------------------------------------------------------

    def _changes_of(self, first_day: int, days: int) -> Changes:
        """Every change of state over ``days`` UTC days from the epoch day ``first_day``."""
        raise NotImplementedError

    def _open_at(self, t: int) -> bool:
        """Whether open at ``t``, from the plans of the dates around it, compiling nothing."""
        raise NotImplementedError

    def _fill(self, first_day: int, days: int) -> Block:
        """Compile ``days`` days from ``first_day`` into blocks; the first one."""
        if not _MIN_T // _DAY <= first_day < _MAX_T // _DAY:
            raise HorairesError(
                f"{dt.date.fromordinal(first_day + EPOCH_ORDINAL).isoformat()} is outside the "
                f"supported years {_FIRST_YEAR}-{_LAST_YEAR}"
            )
        days = max(1, min(days, _MAX_T // _DAY - first_day))
        bounds, states, labels = self._changes_of(first_day, days)
        made: list[Block] = []
        day, end_day = first_day, first_day + days
        while day < end_day:  # a block per day, or one for a run of days without a change
            start = day * _DAY
            lo = bisect_left(bounds, start)
            hi = bisect_left(bounds, start + _DAY, lo)
            stop = day + 1
            while hi == lo and stop < end_day and bisect_left(bounds, (stop + 1) * _DAY, lo) == lo:
                stop += 1
            before = max(lo - 1, 0)
            made.append(
                Block(
                    start,
                    stop * _DAY,
                    tuple(bounds[before:hi]),
                    bytes(states[before:hi]),
                    tuple(labels[before:hi]),
                )
            )
            day = stop
        with _LOCK:
            for block in made:
                for key in range(block.start // _DAY, block.end // _DAY):
                    old = self._blocks.get(key)
                    if old is not None:
                        self._size -= _cost(old, key)
                    self._blocks[key] = block
                    self._size += _cost(block, key)
            if self._size > CACHE_BYTES:  # drop the oldest half
                keys = list(self._blocks)
                for key in keys[: len(keys) // 2]:
                    self._size -= _cost(self._blocks.pop(key), key)
        return made[0]

    def cached_bytes(self) -> int:
        """About how many bytes of compiled days it keeps (at most :data:`CACHE_BYTES`)."""
        return self._size

    def block(self, day: int) -> Block:
        """The compiled block of the UTC day ``day`` (days since the epoch)."""
        block = self._blocks.get(day)
        if block is None:
            block = self._fill(day, 1)
        return block

    def _at(self, t: int) -> Block:
        """The block of the instant ``t``."""
        block = self._last
        if block is None or not block.start <= t < block.end:
            block = self._blocks.get(t // _DAY)
            if block is None:
                block = self._fill(t // _DAY, 1)
            self._last = block
        return block

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for key in ("_blocks", "_size", "_last"):
            state.pop(key, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        Timeline.__init__(self)

    # -- walking the changes --------------------------------------------------------------

    def state_at(self, t: float) -> int:
        """The state code at epoch seconds ``t``."""
        return self._at(int(t)).state(t)

    def _label_at(self, t: float) -> str | None:
        block = self._at(int(t))
        i = bisect_right(block.bounds, t)
        return block.labels[i - 1] if i else None

    def walk(self, t: float, until: float) -> Iterator[tuple[int, int, str | None]]:
        """Each change ``(instant, new state, label)`` after ``t`` up to ``until``, in order.

        Days not compiled yet are compiled in batches that double as the walk goes on. Each
        block knows the state at its start: a change there (an interval of a date it did not
        compile closing at midnight UTC) is found by comparing it with the state before.
        """
        day = int(t // _DAY)
        block = self._at(int(t))
        i = bisect_right(block.bounds, t)
        state = block.states[i - 1] if i else CLOSED
        batch = 1
        while True:
            bounds, states, labels = block.bounds, block.states, block.labels
            for j in range(i, len(bounds)):
                when = bounds[j]
                if when > until:
                    return
                state = states[j]
                yield when, state, labels[j]
            day = block.end // _DAY
            if day * _DAY > until or day * _DAY >= _MAX_T:
                return
            found = self._blocks.get(day)
            if found is None:
                batch = min(batch * 2, BATCH)
                last = min(int(until // _DAY) + 1, _MAX_T // _DAY)
                found = self._fill(day, min(batch, last - day))
            block = found
            i = bisect_right(block.bounds, block.start)
            first = block.states[i - 1] if i else CLOSED
            if first != state:
                state = first
                yield block.start, state, block.labels[i - 1] if i else None

    def _until(self, t: float, horizon: float | None) -> float:
        """Where a search from ``t`` stops: ``horizon`` past ``t`` or past the last dated
        rule, whichever comes later, and never more than :data:`MAX_HORIZON` past ``t``."""
        span = _DEFAULT_SPAN if horizon is None else horizon
        return min(max(t, self._anchor) + span, t + _MAX_SPAN, _MAX_T - 1)

    def _dt(self, t: float | None) -> dt.datetime | None:
        return None if t is None or t >= INF else _DATETIME.fromtimestamp(int(t), self.zone)

    def _start(self, at: dt.datetime | None, horizon: object) -> tuple[float, float]:
        """The instant a search starts from (whole seconds: see :func:`seconds`; exact when
        the horizon has a fraction of a second) and the instant it stops at."""
        span = check_horizon(horizon)
        exact = isinstance(horizon, dt.timedelta) and horizon.microseconds
        t = instant(at) if exact else seconds(at)
        return t, self._until(t, span)

    # -- public queries ---------------------------------------------------------------------

    def _state(self, at: dt.datetime | None) -> int:
        """The state code at ``at``: one conversion, one bisect (the hot path)."""
        if (
            type(at) is _DATETIME
            and (offset := at.utcoffset()) is not None
            and not offset.microseconds
        ):
            t = (  # seconds(at), inlined
                (at.toordinal() - EPOCH_ORDINAL) * 86400
                + at.hour * 3600
                + at.minute * 60
                + at.second
                - offset.days * 86400
                - offset.seconds
            )
            if not _MIN_T <= t < _MAX_T:
                t = seconds(at)
        else:
            t = seconds(at)
        block = self._last
        if block is None or not block.start <= t < block.end:
            block = self._blocks.get(t // 86400) or self._fill(t // 86400, 1)
            self._last = block
        i = bisect_right(block.bounds, t)
        return block.states[i - 1] if i else CLOSED

    def is_open(self, at: dt.datetime | None = None) -> bool:
        """Whether the doors are open at ``at`` (an aware datetime; None is now)."""
        if (
            type(at) is _DATETIME
            and (offset := at.utcoffset()) is not None
            and not offset.microseconds
        ):
            t = (  # seconds(at), inlined
                (at.toordinal() - EPOCH_ORDINAL) * 86400
                + at.hour * 3600
                + at.minute * 60
                + at.second
                - offset.days * 86400
                - offset.seconds
            )
            if not _MIN_T <= t < _MAX_T:
                t = seconds(at)
        else:
            t = seconds(at)
        block = self._last
        if block is None or not block.start <= t < block.end:
            block = self._blocks.get(t // 86400)
            if block is None:
                if self._fresh:  # the first question: one instant, no day compiled for it
                    self._fresh = False
                    return self._open_at(t)
                block = self._fill(t // 86400, 1)
            self._last = block
        i = bisect_right(block.bounds, t)
        return i > 0 and block.states[i - 1] >= OPEN  # _state(at) >= OPEN, inlined

    def can_be_served(self, at: dt.datetime | None = None) -> bool:
        """Whether a person arriving at ``at`` is still admitted."""
        return self._state(at) == ACCEPTING

    def is_unknown(self, at: dt.datetime | None = None) -> bool:
        """Whether the data says the state at ``at`` is unknown."""
        return self._state(at) == UNKNOWN

    def next_change(
        self, at: dt.datetime | None = None, *, horizon: dt.timedelta | None = None
    ) -> dt.datetime | None:
        """The first instant after ``at`` where open, accepting or unknown changes.

        None when nothing changes within the horizon (see :data:`DEFAULT_HORIZON`).
        """
        if horizon is None:
            t: float = seconds(at)
            until = min(max(t, self._anchor) + _DEFAULT_SPAN, t + _MAX_SPAN, _MAX_T - 1)
        else:
            t, until = self._start(at, horizon)
        block = self._at(int(t))
        bounds = block.bounds
        i = bisect_right(bounds, t)
        if i < len(bounds):  # the change is in this day's block
            return _DATETIME.fromtimestamp(bounds[i], self.zone) if bounds[i] <= until else None
        after = self._blocks.get(block.end // _DAY)
        if after is not None:  # or in the next one, compiled already (as walk() reads it)
            j = bisect_right(after.bounds, after.start)
            first = after.states[j - 1] if j else CLOSED
            if first != (block.states[i - 1] if i else CLOSED):
                return self._dt(after.start) if after.start <= until else None
            if j < len(after.bounds):
                return self._dt(after.bounds[j]) if after.bounds[j] <= until else None
        for when, _, _ in self.walk(t, until):
            return self._dt(when)
        return None

    def _next_edge(
        self, at: dt.datetime | None, opening: bool, horizon: dt.timedelta | None
    ) -> dt.datetime | None:
        t, until = self._start(at, horizon)
        was_open = self.state_at(t) >= OPEN
        for when, state, _ in self.walk(t, until):
            now_open = state >= OPEN
            if now_open != was_open and now_open == opening:
                return self._dt(when)
            was_open = now_open
        return None

    def next_opening(
        self, at: dt.datetime | None = None, *, horizon: dt.timedelta | None = None
    ) -> dt.datetime | None:
        """The first instant after ``at`` where the doors open (None within the horizon)."""
        return self._next_edge(at, True, horizon)

    def next_closing(
        self, at: dt.datetime | None = None, *, horizon: dt.timedelta | None = None
    ) -> dt.datetime | None:
        """The first instant after ``at`` where the doors close (None within the horizon)."""
        return self._next_edge(at, False, horizon)

    def _runs(
        self, a: float, b: float, keep: Sequence[int]
    ) -> Iterator[tuple[float, float, int, str | None, float]]:
        """Maximal runs ``(from, to, kind, label, admits)`` meeting ``[a, b)`` whose kind is
        in ``keep``, clipped to it. The kind of a run is its state's (OPEN for OPEN and
        ACCEPTING) unless ``keep`` is ``(ACCEPTING,)``; ``admits`` is the end of the run's
        last accepting stretch (which may lie outside ``[a, b)``; ``INF`` when it does not
        end). The walk starts :data:`LOOKBACK` before ``a``, where every admission window of
        an interval meeting ``[a, b)`` ends or is still open."""
        raw = tuple(keep) == (ACCEPTING,)
        t0 = max(a - LOOKBACK, _MIN_T)  # nothing opens before the supported years
        state = self.state_at(t0)
        kind = state if raw else _kind(state)
        run_start, label = t0, self._label_at(t0)
        admits = INF if state == ACCEPTING else t0
        for when, new, new_label in self.walk(t0, min(b + EXTEND_SECONDS, _MAX_T - 1)):
            if state == ACCEPTING and new != ACCEPTING:
                admits = when
            new_kind = new if raw or new < OPEN else OPEN  # _kind(new), inlined
            if new_kind != kind:
                if kind in keep and when > a:
                    yield max(run_start, a), min(when, b), kind, label, admits
                if when >= b:
                    return
                run_start, label, kind = when, new_label, new_kind
                admits = INF if new == ACCEPTING else when
            elif new == ACCEPTING:
                admits = INF
            state = new
        if kind in keep and run_start < b:
            yield max(run_start, a), b, kind, label, admits

    def intervals(self, start: dt.datetime, end: dt.datetime) -> Iterator[Interval]:
        """The opening intervals that meet ``[start, end)``, clipped to it, in order.

        Unknown stretches come as intervals with ``unknown=True``. The range spans at most
        :data:`MAX_HORIZON` (ask a longer one in pieces).
        """
        a, b = _range(start, end)
        if b <= a:
            return
        zone, local = self.zone, _DATETIME.fromtimestamp
        for lo, hi, kind, label, admits in self._runs(a, b, (OPEN, ACCEPTING, UNKNOWN)):
            closes = local(hi, zone)
            if kind == UNKNOWN:
                yield Interval(local(lo, zone), closes, None, label, True)
            else:  # most desks admit until they close: the same datetime serves twice
                last = (
                    closes if admits == hi else None if admits >= INF else local(int(admits), zone)
                )
                yield Interval(local(lo, zone), closes, last, label, False)

    def admission_windows(self, start: dt.datetime, end: dt.datetime) -> Iterator[Interval]:
        """The stretches of ``[start, end)`` where a person arriving is admitted (at most
        :data:`MAX_HORIZON` long)."""
        a, b = _range(start, end)
        if b <= a:
            return
        zone, local = self.zone, _DATETIME.fromtimestamp
        for lo, hi, _, label, _ in self._runs(a, b, (ACCEPTING,)):
            closes = local(hi, zone)
            yield Interval(local(lo, zone), closes, closes, label)

    def status(
        self, at: dt.datetime | None = None, *, horizon: dt.timedelta | None = None
    ) -> Status:
        """Everything about ``at``: open, accepting, closing, last admission, next opening."""
        t, until = self._start(at, horizon)
        t = instant(at) if at is not None else t
        state = self.state_at(t)
        is_open = state >= OPEN
        next_change = closes = opening = None
        was_open = is_open
        for when, new, _ in self.walk(t, until):
            if next_change is None:
                next_change = when
            now_open = new >= OPEN
            if was_open and not now_open and closes is None:
                closes = when
            if now_open and not was_open:
                opening = when
                break
            was_open = now_open
        last_admission = None
        reason: str | None
        if is_open:
            run = next(self._runs(t, t + 1, (OPEN, ACCEPTING, UNKNOWN)), None)
            reason = run[3] if run is not None else None
            if run is not None:
                last_admission = self._dt(run[4])
        else:
            reason = self._reason(t)
        open_ids, accepting_ids = self._members(t)
        return Status(
            at=_DATETIME.fromtimestamp(t, self.zone),
            open=is_open,
            accepting=state == ACCEPTING,
            unknown=state == UNKNOWN,
            closes_at=self._dt(closes) if is_open else None,
            last_admission_at=last_admission,
            next_opening=self._dt(opening),
            next_change=self._dt(next_change),
            reason=reason,
            service=self._service_id(),
            services_open=open_ids,
            services_accepting=accepting_ids,
        )

    def _reason(self, t: float) -> str | None:
        return self.day(_DATETIME.fromtimestamp(t, self.zone).date()).label

    def _members(self, t: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return (), ()

    def _service_id(self) -> str | None:
        return None

    def day(self, date: dt.date) -> Day:
        """The hours that apply on a local date, with the rule that produced them."""
        raise NotImplementedError


class Schedule(Timeline):
    """The compiled schedule of one source of day plans (a service, or general hours).

    >>> from horaires import examples
    >>> pantin = examples.pantin().schedule("etat-civil")
    >>> from datetime import datetime; from zoneinfo import ZoneInfo
    >>> pantin.is_open(datetime(2025, 5, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris")))
    True
    """

    def __init__(
        self,
        source: DaySource,
        zone: ZoneInfo,
        disambiguate: Disambiguate = "compatible",
        *,
        service: str | None = None,
        last_dated: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.zone = zone
        self.disambiguate: Disambiguate = disambiguate
        self.service = service
        self._anchor = (
            (last_dated.toordinal() + 2 - EPOCH_ORDINAL) * _DAY if last_dated else float("-inf")
        )
        self._compiler = Compiler(source, zone, disambiguate)

    def _changes_of(self, first_day: int, days: int) -> Changes:
        return self._compiler.changes(first_day, days)

    def _open_at(self, t: int) -> bool:
        return self._compiler.open_at(t)

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self._compiler = Compiler(self.source, self.zone, self.disambiguate)

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_compiler", None)
        return state

    def day(self, date: dt.date) -> Day:
        """The hours that apply on a local date (none on a date the zone skips)."""
        if not isinstance(date, dt.date):
            raise ArgumentError(f"{excerpt(date)} is not a date: pass a datetime.date")
        if isinstance(date, dt.datetime):
            date = date.date()
        date_range(date, 1, name="date")
        day = Day.of(date, self.source.plans(date.toordinal(), 1)[0])
        if skipped(self.zone, date.toordinal()):
            return dataclasses.replace(day, slots=(), comments=(), unknown_slots=())
        return day

    def _service_id(self) -> str | None:
        return self.service

    def _key(self) -> tuple[object, ...]:
        return (type(self), self.source, self.zone.key, self.disambiguate, self.service)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schedule) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Schedule(service={self.service!r}, zone={self.zone.key!r})"


class Combined(Timeline):
    """The establishment as a whole: open where its general hours or any service is open."""

    def __init__(self, general: Schedule, services: Sequence[tuple[str, Schedule]]) -> None:
        super().__init__()
        self.general = general
        self.services = tuple(services)
        self.zone = general.zone
        self._anchor = max([general._anchor] + [s._anchor for _, s in self.services])

    def _changes_of(self, first_day: int, days: int) -> Changes:
        parts = [self.general] + [s for _, s in self.services]
        return combine([part._changes_of(first_day, days) for part in parts])

    def _open_at(self, t: int) -> bool:
        return any(part._open_at(t) for part in [self.general] + [s for _, s in self.services])

    def _members(self, t: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
        states = [(key, schedule.state_at(t)) for key, schedule in self.services]
        return (
            tuple(key for key, state in states if state >= OPEN),
            tuple(key for key, state in states if state == ACCEPTING),
        )

    def day(self, date: dt.date) -> Day:
        """The general day, its slots joined with those of every service that opens."""
        return self.general.day(date).joined(*(s.day(date) for _, s in self.services))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Combined) and (self.general, self.services) == (
            other.general,
            other.services,
        )

    def __hash__(self) -> int:
        return hash((self.general, self.services))

    def __repr__(self) -> str:
        return f"Combined(services={[key for key, _ in self.services]!r})"


__all__ += ["CLOSED"]
