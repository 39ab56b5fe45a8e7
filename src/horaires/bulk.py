"""Many answers in one call: which of N places are open at T, one schedule at N instants.

A store locator asks "which of these 10,000 places are open now?"; a data pipeline asks
"was this place open at each of these instants?". Both are loops over the same compiled
chunks as the one-at-a-time queries, with the instant converted once and no per-call
dispatch, and they give exactly the same answers.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from horaires import Establishment, bulk
>>> paris = ZoneInfo("Europe/Paris")
>>> bakery = Establishment(name="Boulangerie", hours={"mon": ["07:00-13:00"]})
>>> library = Establishment(name="Bibliothèque", hours={"mon": ["10:00-18:00"]})
>>> places = bulk.Places([bakery, library])
>>> places.open_at(datetime(2025, 5, 5, 8, 0, tzinfo=paris))
[True, False]
>>> bulk.states(bakery, [datetime(2025, 5, 5, h, 0, tzinfo=paris) for h in (6, 8, 14)])
['closed', 'accepting', 'closed']

Compiled schedules (and :class:`Places`) pickle, so the work fans out over processes:
see ``docs/performance.md``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, TypeVar

from ._compile import ACCEPTING, CLOSED, OPEN, UNKNOWN
from ._errors import check_types
from ._schedule import Timeline, seconds

if TYPE_CHECKING:
    from ._establishment import Establishment

__all__ = [
    "Places",
    "State",
    "accepting_at",
    "can_be_served_many",
    "is_open_many",
    "open_at",
    "states",
    "states_at",
]

State = Literal["closed", "unknown", "open", "accepting"]
"""The state at an instant: ``open`` is open but no longer admitting, ``accepting`` is open
and admitting (so both mean the doors are open)."""

_NAMES: tuple[State, ...] = ("closed", "unknown", "open", "accepting")

T = TypeVar("T")
assert (CLOSED, UNKNOWN, OPEN, ACCEPTING) == (0, 1, 2, 3)


def _timeline(place: object, service: object) -> Timeline:
    """The timeline of a place (an establishment or a compiled schedule), checked."""
    from ._establishment import Establishment  # not imported by programs that only read OSM

    check_types(place=(place, (Establishment, Timeline)), service=(service, (str, type(None))))
    if isinstance(place, Timeline):
        return place
    assert isinstance(place, Establishment)
    return place.schedule(service)  # type: ignore[arg-type]


class Places:
    """N places, resolved once to their compiled schedules, asked about one instant at a time.

    A place is an :class:`~horaires.Establishment` or a compiled schedule
    (:class:`~horaires.Schedule`, :class:`~horaires.Combined`). ``service`` picks the
    service of every establishment (None: the establishment as a whole).

    Establishments whose configurations are equal but for their names share one compiled
    schedule (a chain's thousand shops with the same hours compile once), and so does a
    schedule given twice (``horaires.osm.parse`` returns the same one for a value seen
    before). The first query asks each distinct schedule (one never asked compiles nothing);
    later ones convert the instant once, then do one bisect per distinct schedule in the few
    boundaries of that UTC day, cut out of its compiled days and kept.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from horaires import examples
    >>> places = Places([examples.pantin()] * 3, service="etat-civil")
    >>> len(places), places.accepting_at(datetime(2025, 5, 3, 10, tzinfo=ZoneInfo("Europe/Paris")))
    (3, [True, True, True])
    """

    __slots__ = ("_asked", "_index", "_snapshot", "_timelines", "_unique", "service")

    def __init__(
        self, places: Iterable[Establishment | Timeline], *, service: str | None = None
    ) -> None:
        from ._establishment import Establishment

        check_types(places=(places, Iterable), service=(service, (str, type(None))))
        self.service = service
        shared: dict[object, Timeline] = {}
        timelines: list[Timeline] = []
        for place in places:
            check_types(place=(place, (Establishment, Timeline)))
            key: object = id(place) if isinstance(place, Timeline) else _config_key(place)
            found = shared.get(key)
            if found is None:
                found = shared[key] = _timeline(place, service)
            timelines.append(found)
        self._timelines: tuple[Timeline, ...] = tuple(timelines)
        position = {id(timeline): k for k, timeline in enumerate(shared.values())}
        self._unique = tuple(shared.values())
        self._index = tuple(position[id(timeline)] for timeline in timelines)
        self._snapshot: _Day | None = None
        self._asked = False

    def _codes(self, at: dt.datetime | None) -> list[int]:
        """The state code of each place at ``at``: one bisect per distinct schedule."""
        t = seconds(at)
        snapshot = self._snapshot
        if snapshot is None or not snapshot[0] <= t < snapshot[1]:
            snapshot = self._snapshot = _day(self._unique, t)
        return self._spread([states[bisect_right(bounds, t)] for bounds, states in snapshot[2]])

    def _spread(self, answers: list[T]) -> list[T]:
        """The answers of the distinct schedules, one per place, in order."""
        if len(answers) == len(self._index):
            return answers
        return [answers[k] for k in self._index]

    def __getstate__(self) -> dict[str, object]:
        return {"service": self.service, "timelines": self._timelines}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["timelines"], service=state["service"])  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._timelines)

    @property
    def schedules(self) -> tuple[Timeline, ...]:
        """The compiled schedule of each place, in order."""
        return self._timelines

    def states_at(self, at: dt.datetime | None = None) -> list[State]:
        """The :data:`State` of each place at ``at`` (an aware datetime; None is now)."""
        return [_NAMES[code] for code in self._codes(at)]

    def open_at(self, at: dt.datetime | None = None) -> list[bool]:
        """Whether each place is open at ``at``, in order.

        The first question is asked of each schedule (one never asked compiles nothing for
        it, docs/performance.md#the-first-question); the next ones read the compiled day."""
        if not self._asked:
            self._asked = True
            when = dt.datetime.fromtimestamp(seconds(at), dt.UTC)  # checked, and now once
            return self._spread([timeline.is_open(when) for timeline in self._unique])
        return [code >= OPEN for code in self._codes(at)]

    def accepting_at(self, at: dt.datetime | None = None) -> list[bool]:
        """Whether each place admits a person arriving at ``at``, in order."""
        return [code == ACCEPTING for code in self._codes(at)]


_Day = tuple[int, int, tuple[tuple[tuple[int, ...], bytes], ...]]
"""A UTC day ``[start, end)`` and, per schedule, its changes that day and the states from
its start: the state at ``t`` is ``states[bisect_right(changes, t)]``."""


def _day(timelines: Iterable[Timeline], t: int) -> _Day:
    """The UTC day of ``t`` of each timeline: a few boundaries each, so a query over many
    places touches little memory."""
    start = t - t % 86400
    end = start + 86400
    windows = []
    for timeline in timelines:
        block = timeline.block(t // 86400)
        bounds, states = block.bounds, block.states
        i = bisect_right(bounds, start)
        k = bisect_left(bounds, end, i)
        first = states[i - 1] if i else CLOSED
        windows.append((bounds[i:k], bytes((first,)) + states[i:k]))
    return start, end, tuple(windows)


def _config_key(establishment: Establishment) -> object:
    """What the compiled schedule depends on: the configuration less its name."""
    data = establishment.model_dump(mode="json", exclude={"name"})
    return repr(data)


def open_at(
    places: Iterable[Establishment | Timeline],
    at: dt.datetime | None = None,
    *,
    service: str | None = None,
) -> list[bool]:
    """Whether each place is open at ``at`` (build a :class:`Places` to ask many times)."""
    return Places(places, service=service).open_at(at)


def accepting_at(
    places: Iterable[Establishment | Timeline],
    at: dt.datetime | None = None,
    *,
    service: str | None = None,
) -> list[bool]:
    """Whether each place admits a person arriving at ``at``."""
    return Places(places, service=service).accepting_at(at)


def states_at(
    places: Iterable[Establishment | Timeline],
    at: dt.datetime | None = None,
    *,
    service: str | None = None,
) -> list[State]:
    """The :data:`State` of each place at ``at``."""
    return Places(places, service=service).states_at(at)


def _codes_many(timeline: Timeline, instants: Iterable[dt.datetime]) -> list[int]:
    """The state code of one timeline at each instant."""
    check_types(instants=(instants, Iterable))
    out: list[int] = []
    append = out.append
    block = timeline._last
    for at in instants:
        t = seconds(at)
        if block is None or not block.start <= t < block.end:
            block = timeline.block(t // 86400)
        i = bisect_right(block.bounds, t)
        append(block.states[i - 1] if i else CLOSED)
    return out


def states(
    place: Establishment | Timeline,
    instants: Iterable[dt.datetime],
    *,
    service: str | None = None,
) -> list[State]:
    """The :data:`State` of one place at each of ``instants`` (aware datetimes)."""
    return [_NAMES[code] for code in _codes_many(_timeline(place, service), instants)]


def is_open_many(
    place: Establishment | Timeline,
    instants: Iterable[dt.datetime],
    *,
    service: str | None = None,
) -> list[bool]:
    """Whether one place is open at each of ``instants``."""
    return [code >= OPEN for code in _codes_many(_timeline(place, service), instants)]


def can_be_served_many(
    place: Establishment | Timeline,
    instants: Iterable[dt.datetime],
    *,
    service: str | None = None,
) -> list[bool]:
    """Whether one place admits a person arriving at each of ``instants``."""
    return [code == ACCEPTING for code in _codes_many(_timeline(place, service), instants)]
