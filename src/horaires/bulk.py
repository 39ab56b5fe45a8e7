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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from ._compile import ACCEPTING, CLOSED, OPEN, UNKNOWN
from ._schedule import Timeline, seconds

if TYPE_CHECKING:
    from ._model import Establishment

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
assert (CLOSED, UNKNOWN, OPEN, ACCEPTING) == (0, 1, 2, 3)

def _timeline(place: Establishment | Timeline, service: str | None) -> Timeline:
    if isinstance(place, Timeline):
        return place
    return place.schedule(service)


def _codes(timelines: Sequence[Timeline], at: dt.datetime | None) -> list[int]:
    """The state code of each timeline at one instant."""
    t = seconds(at)
    out: list[int] = []
    append = out.append
    for timeline in timelines:
        chunk = timeline._last
        if chunk is None or not chunk.start <= t < chunk.end:
            chunk = timeline.chunk(t)
        i = bisect_right(chunk.bounds, t)
        append(chunk.states[i - 1] if i else CLOSED)
    return out


class Places:
    """N places, resolved once to their compiled schedules, asked about one instant at a time.

    A place is an :class:`~horaires.Establishment` or a compiled schedule
    (:class:`~horaires.Schedule`, :class:`~horaires.Combined`). ``service`` picks the service of every establishment (None: the establishment as a
    whole). Establishments whose configurations are equal but for their names share one
    compiled schedule, so a chain's thousand shops with the same hours compile once.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from horaires import examples
    >>> places = Places([examples.pantin()] * 3, service="etat-civil")
    >>> len(places), places.accepting_at(datetime(2025, 5, 3, 10, tzinfo=ZoneInfo("Europe/Paris")))
    (3, [True, True, True])
    """

    __slots__ = ("_timelines", "service")

    def __init__(
        self, places: Iterable[Establishment | Timeline], *, service: str | None = None
    ) -> None:
        self.service = service
        shared: dict[object, Timeline] = {}
        timelines: list[Timeline] = []
        for place in places:
            if isinstance(place, Timeline):
                timelines.append(place)
                continue
            key = _config_key(place)
            found = shared.get(key)
            if found is None:
                found = shared[key] = _timeline(place, service)
            timelines.append(found)
        self._timelines: tuple[Timeline, ...] = tuple(timelines)

    def __len__(self) -> int:
        return len(self._timelines)

    @property
    def schedules(self) -> tuple[Timeline, ...]:
        """The compiled schedule of each place, in order."""
        return self._timelines

    def states_at(self, at: dt.datetime | None = None) -> list[State]:
        """The :data:`State` of each place at ``at`` (an aware datetime; None is now)."""
        return [_NAMES[code] for code in _codes(self._timelines, at)]

    def open_at(self, at: dt.datetime | None = None) -> list[bool]:
        """Whether each place is open at ``at``, in order."""
        return [code >= OPEN for code in _codes(self._timelines, at)]

    def accepting_at(self, at: dt.datetime | None = None) -> list[bool]:
        """Whether each place admits a person arriving at ``at``, in order."""
        return [code == ACCEPTING for code in _codes(self._timelines, at)]


def _config_key(establishment: Establishment) -> object:
    """What the compiled schedule depends on: the configuration less its name."""
    data = establishment.model_dump(mode="json", exclude={"name"})
    return repr(data)


def open_at(
    places: Iterable[Establishment | Timeline], at: dt.datetime | None = None, *,
    service: str | None = None,
) -> list[bool]:
    """Whether each place is open at ``at`` (build a :class:`Places` to ask many times)."""
    return Places(places, service=service).open_at(at)


def accepting_at(
    places: Iterable[Establishment | Timeline], at: dt.datetime | None = None, *,
    service: str | None = None,
) -> list[bool]:
    """Whether each place admits a person arriving at ``at``."""
    return Places(places, service=service).accepting_at(at)


def states_at(
    places: Iterable[Establishment | Timeline], at: dt.datetime | None = None, *,
    service: str | None = None,
) -> list[State]:
    """The :data:`State` of each place at ``at``."""
    return Places(places, service=service).states_at(at)


def _codes_many(timeline: Timeline, instants: Iterable[dt.datetime]) -> list[int]:
    """The state code of one timeline at each instant."""
    out: list[int] = []
    append = out.append
    chunk = timeline._last
    for at in instants:
        t = seconds(at)
        if chunk is None or not chunk.start <= t < chunk.end:
            chunk = timeline.chunk(t)
        i = bisect_right(chunk.bounds, t)
        append(chunk.states[i - 1] if i else CLOSED)
    return out


def states(
    place: Establishment | Timeline, instants: Iterable[dt.datetime], *,
    service: str | None = None,
) -> list[State]:
    """The :data:`State` of one place at each of ``instants`` (aware datetimes)."""
    return [_NAMES[code] for code in _codes_many(_timeline(place, service), instants)]


def is_open_many(
    place: Establishment | Timeline, instants: Iterable[dt.datetime], *,
    service: str | None = None,
) -> list[bool]:
    """Whether one place is open at each of ``instants``."""
    return [code >= OPEN for code in _codes_many(_timeline(place, service), instants)]


def can_be_served_many(
    place: Establishment | Timeline, instants: Iterable[dt.datetime], *,
    service: str | None = None,
) -> list[bool]:
    """Whether one place admits a person arriving at each of ``instants``."""
    return [code == ACCEPTING for code in _codes_many(_timeline(place, service), instants)]
