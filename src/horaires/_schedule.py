"""Compiled schedules and their queries: state at an instant, changes, intervals, status.

A :class:`Schedule` answers for one service (or the establishment's general hours); a
:class:`Combined` schedule answers for the establishment as a whole (open where any part is
open). Both compile lazily, one UTC year at a time, into a small bounded cache.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from ._compile import (
    ACCEPTING,
    CLOSED,
    INF,
    OPEN,
    UNKNOWN,
    Chunk,
    DaySource,
    build,
    changes,
    combine,
    year_of,
)
from ._errors import HorairesError, NaiveDatetimeError
from ._values import Day, Interval, Status
from ._wall import Disambiguate, Resolver, epoch_days

__all__ = ["DEFAULT_HORIZON", "Combined", "Schedule", "Timeline"]

DEFAULT_HORIZON = dt.timedelta(days=366)
"""How far past ``max(at, last dated rule)`` searches for a change look by default."""

CACHE_YEARS = 8
"""Compiled years kept per schedule (least recently used are dropped)."""

_FIRST_YEAR, _LAST_YEAR = 2, 9997
_MIN_T = epoch_days(dt.date(_FIRST_YEAR, 1, 1)) * 86400
_MAX_T = epoch_days(dt.date(_LAST_YEAR + 1, 1, 1)) * 86400  # exclusive


def instant(at: dt.datetime | None) -> float:
    """Epoch seconds of an aware datetime (now when None); naive is an error."""
    if at is None:
        return dt.datetime.now(dt.UTC).timestamp()
    if not isinstance(at, dt.datetime):
        raise HorairesError(f"{at!r} is not a datetime: pass an aware datetime.datetime")
    if at.tzinfo is None or at.utcoffset() is None:
        raise NaiveDatetimeError(at)
    t = at.timestamp()
    if not _MIN_T <= t < _MAX_T:
        raise HorairesError(
            f"{at.isoformat()} is outside the supported years {_FIRST_YEAR}-{_LAST_YEAR}"
        )
    return t


_DEFAULT_SPAN = int(DEFAULT_HORIZON.total_seconds())
_DATETIME = dt.datetime
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


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
                (at.toordinal() - _EPOCH_ORDINAL) * 86400
                + at.hour * 3600
                + at.minute * 60
                + at.second
                - offset.days * 86400
                - offset.seconds
            )
            if _MIN_T <= t < _MAX_T:
                return t
    return math.floor(instant(at))


def _kind(state: int) -> int:
    """OPEN for open states, UNKNOWN, or CLOSED: what an interval is made of."""
    return OPEN if state >= OPEN else state


class Timeline:
    """Queries over lazily compiled yearly chunks; subclasses say how a year compiles."""

    zone: ZoneInfo
    _anchor: float

    def __init__(self) -> None:
        self._cache: OrderedDict[int, Chunk] = OrderedDict()
        self._lock = threading.Lock()
        self._last: Chunk | None = None

    # -- compile --------------------------------------------------------------------------

    def _build(self, year: int) -> Chunk:
        raise NotImplementedError

    def chunk_of_year(self, year: int) -> Chunk:
        """The compiled chunk of a UTC year (cached)."""
        with self._lock:
            chunk = self._cache.get(year)
            if chunk is not None:
                self._cache.move_to_end(year)
                return chunk
        chunk = self._build(year)
        with self._lock:
            self._cache[year] = chunk
            while len(self._cache) > CACHE_YEARS:
                self._cache.popitem(last=False)
        return chunk

    def chunk(self, t: float) -> Chunk:
        """The chunk whose year holds ``t``."""
        last = self._last
        if last is not None and last.start <= t < last.end:
            return last
        chunk = self.chunk_of_year(year_of(t))
        self._last = chunk
        return chunk

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for key in ("_cache", "_lock", "_last"):
            state.pop(key, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        Timeline.__init__(self)

    # -- raw queries on instants ------------------------------------------------------------

    def state_at(self, t: float) -> int:
        """The state code at epoch seconds ``t``."""
        return self.chunk(t).state(t)

    def _state(self, at: dt.datetime | None) -> int:
        """The state code at ``at``: one conversion, one bisect (the hot path)."""
        if (
            type(at) is _DATETIME
            and (offset := at.utcoffset()) is not None
            and not offset.microseconds
        ):
            t = (  # seconds(at), inlined
                (at.toordinal() - _EPOCH_ORDINAL) * 86400
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
        chunk = self._last
        if chunk is None or not chunk.start <= t < chunk.end:
            chunk = self.chunk(t)
        i = bisect_right(chunk.bounds, t)
        return chunk.states[i - 1] if i else CLOSED

    def _until(self, t: float, horizon: dt.timedelta | None) -> float:
        span = (horizon or DEFAULT_HORIZON).total_seconds()
        return min(max(t, self._anchor) + span, _MAX_T - 1)

    def _changes(self, t: float, horizon: dt.timedelta | None = None) -> Iterator[tuple[int, int]]:
        return changes(self.chunk, t, self._until(t, horizon))

    def _dt(self, t: float | None) -> dt.datetime | None:
        return None if t is None or t >= INF else _DATETIME.fromtimestamp(int(t), self.zone)

    def _start(self, at: dt.datetime | None, horizon: dt.timedelta | None) -> float:
        """The instant a search starts from: whole seconds (see :func:`seconds`), exact
        when the horizon has a fraction of a second."""
        return instant(at) if horizon is not None and horizon.microseconds else seconds(at)

    # -- public queries ---------------------------------------------------------------------

    def is_open(self, at: dt.datetime | None = None) -> bool:
        """Whether the doors are open at ``at`` (an aware datetime; None is now)."""
        if (
            type(at) is _DATETIME
            and (offset := at.utcoffset()) is not None
            and not offset.microseconds
        ):
            t = (  # seconds(at), inlined
                (at.toordinal() - _EPOCH_ORDINAL) * 86400
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
        chunk = self._last
        if chunk is None or not chunk.start <= t < chunk.end:
            chunk = self.chunk(t)
        i = bisect_right(chunk.bounds, t)
        return i > 0 and chunk.states[i - 1] >= OPEN  # _state(at) >= OPEN, inlined

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

        None when nothing changes within the horizon (``max(at, last dated rule) + horizon``,
        one year by default).
        """
        if horizon is None:
            t: float = seconds(at)
            until = min(max(t, self._anchor) + _DEFAULT_SPAN, _MAX_T - 1)
        else:
            t = self._start(at, horizon)
            until = self._until(t, horizon)
        chunk = self._last
        if chunk is None or not chunk.start <= t < chunk.end:
            chunk = self.chunk(t)
        bounds = chunk.bounds
        i = bisect_right(bounds, t)
        if i < len(bounds) and bounds[i] < chunk.end:  # the change is in this year's chunk
            return _DATETIME.fromtimestamp(bounds[i], self.zone) if bounds[i] <= until else None
        for when, _ in changes(self.chunk, t, until):
            return self._dt(when)
        return None

    def _next_edge(
        self, at: dt.datetime | None, opening: bool, horizon: dt.timedelta | None
    ) -> dt.datetime | None:
        t = self._start(at, horizon)
        was_open = self.state_at(t) >= OPEN
        for when, state in self._changes(t, horizon):
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
        self, start: dt.datetime, end: dt.datetime, keep: Sequence[int]
    ) -> Iterator[tuple[float, float, int, Chunk]]:
        """Maximal runs ``(from, to, kind, chunk of from)`` in ``[start, end)`` whose state
        is in ``keep``.

        Walks the chunks' boundary arrays directly (what :func:`changes` yields, inlined).
        """
        a, b = instant(start), instant(end)
        if b <= a:
            return
        raw = keep == (ACCEPTING,)  # runs of one state, not of open/unknown/closed
        chunk = self.chunk(a)
        bounds, states = chunk.bounds, chunk.states
        i = bisect_right(bounds, a)
        prev = states[i - 1] if i else CLOSED
        run_start = a if prev in keep else None
        run_chunk = chunk
        kind = prev if raw else _kind(prev)
        while True:
            stop: float = chunk.end
            n = len(bounds)
            while i < n:
                t = bounds[i]
                if t >= stop:
                    break
                if t >= b:
                    stop = b
                    break
                prev = states[i]
                i += 1
                new_kind = prev if raw else (OPEN if prev >= OPEN else prev)
                if new_kind != kind:
                    if run_start is not None:
                        yield run_start, t, kind, run_chunk
                    run_start, run_chunk = (t, chunk) if prev in keep else (None, chunk)
                    kind = new_kind
            if stop >= b:
                break
            chunk = self.chunk(stop)
            bounds, states = chunk.bounds, chunk.states
            i = bisect_right(bounds, stop)
            state = states[i - 1] if i else CLOSED
            if state != prev:
                prev = state
                new_kind = prev if raw else _kind(prev)
                if new_kind != kind:
                    if run_start is not None:
                        yield run_start, stop, kind, run_chunk
                    run_start, run_chunk = (stop, chunk) if prev in keep else (None, chunk)
                    kind = new_kind
        if run_start is not None:
            yield run_start, b, kind, run_chunk

    def intervals(self, start: dt.datetime, end: dt.datetime) -> Iterator[Interval]:
        """The opening intervals that meet ``[start, end)``, clipped to it, in order.

        Unknown stretches come as intervals with ``unknown=True``.
        """
        zone, local = self.zone, _DATETIME.fromtimestamp
        for a, b, kind, chunk in self._runs(start, end, (OPEN, ACCEPTING, UNKNOWN)):
            i = bisect_right(chunk.starts, a) - 1  # chunk.interval(a), inlined
            label: str | None = None
            admit: float = a
            if i >= 0 and a < chunk.ends[i]:
                label, admit = chunk.labels[i], chunk.admits[i]
            if kind == UNKNOWN:
                yield Interval(local(a, zone), local(b, zone), None, label, True)
            else:
                last = None if admit >= INF else local(int(admit), zone)
                yield Interval(local(a, zone), local(b, zone), last, label, False)

    def admission_windows(self, start: dt.datetime, end: dt.datetime) -> Iterator[Interval]:
        """The stretches of ``[start, end)`` where a person arriving is admitted."""
        for a, b, _, chunk in self._runs(start, end, (ACCEPTING,)):
            i = chunk.interval(a)
            closes = self._at(b)
            yield Interval(self._at(a), closes, closes, chunk.labels[i] if i is not None else None)

    def _at(self, t: float) -> dt.datetime:
        return _DATETIME.fromtimestamp(t, self.zone)

    def status(
        self, at: dt.datetime | None = None, *, horizon: dt.timedelta | None = None
    ) -> Status:
        """Everything about ``at``: open, accepting, closing, last admission, next opening."""
        t = instant(at)
        chunk = self.chunk(t)
        state = chunk.state(t)
        is_open = state >= OPEN
        next_change = closes = opening = None
        was_open = is_open
        for when, new in self._changes(t, horizon):
            if next_change is None:
                next_change = when
            now_open = new >= OPEN
            if was_open and not now_open and closes is None:
                closes = when
            if now_open and not was_open:
                opening = when
                break
            was_open = now_open
        i = chunk.interval(t)
        if is_open and i is not None:
            reason = chunk.labels[i]
            last_admission = self._dt(chunk.admits[i])
        else:
            reason = self._reason(t)
            last_admission = None
        local = self._at(t)
        open_ids, accepting_ids = self._members(t)
        return Status(
            at=local,
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
        return self.day(self._at(t).date()).label

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
            epoch_days(last_dated + dt.timedelta(days=2)) * 86400 if last_dated else float("-inf")
        )

    def _build(self, year: int) -> Chunk:
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            raise HorairesError(
                f"year {year} is outside the supported years {_FIRST_YEAR}-{_LAST_YEAR}"
            )
        # a resolver per year: its cache of UTC offsets lives as long as the compilation
        return build(self.source, Resolver(self.zone, self.disambiguate), year)

    def day(self, date: dt.date) -> Day:
        return next(iter(self.source.days(date, date)))

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

    def _build(self, year: int) -> Chunk:
        parts = [self.general] + [s for _, s in self.services]
        return combine([part.chunk_of_year(year) for part in parts])

    def _members(self, t: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
        states = [(key, schedule.state_at(t)) for key, schedule in self.services]
        return (
            tuple(key for key, state in states if state >= OPEN),
            tuple(key for key, state in states if state == ACCEPTING),
        )

    def _reason(self, t: float) -> str | None:
        date = self._at(t).date()
        labels = [self.general.day(date).label] + [s.day(date).label for _, s in self.services]
        return next((label for label in labels if label), None)

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


__all__ += ["CLOSED", "instant", "seconds"]
