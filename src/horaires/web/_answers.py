"""Answers shared while they stay true, in bounded caches.

An :class:`Answer` is a JSON body without its ``at`` member, valid over ``[start, until)``:
every request in that span gets the same body with its own ``at``. Requests for the same
key share one computation (made in a worker process: see ``_workers``); the caches are
keyed by checked arguments only (place, service, language, minute) and bounded in count.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["LRU", "Answer", "Answers", "dumps", "etag"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


def dumps(data: Any) -> bytes:
    """Compact JSON, UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def etag(body: bytes) -> str:
    """A weak entity tag for a body."""
    return 'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


@dataclass(frozen=True, slots=True)
class Answer:
    """A JSON object's members without ``at`` (``body`` starts after the opening brace),
    true for every instant of ``[start, until)`` (UTC timestamps)."""

    start: float
    until: float
    body: bytes
    etag: str
    zone: dt.tzinfo
    version: int

    @classmethod
    def of(cls, data: dict[str, Any], start: float, until: float, version: int) -> Answer:
        """The answer for JSON data whose ``at`` member is left out."""
        zone = dt.datetime.fromisoformat(data.pop("at")).tzinfo
        assert zone is not None
        body = dumps(data)
        return cls(start, until, body[1:], etag(body), zone, version)

    def covers(self, t: float, version: int) -> bool:
        """Whether this answer holds at ``t`` for that version of the place."""
        return self.version == version and self.start <= t < self.until

    def at(self, t: float) -> str:
        """The instant ``t`` as the answer writes it (the place's zone, to the millisecond)."""
        local = dt.datetime.fromtimestamp(t, self.zone)
        return local.isoformat(timespec="milliseconds" if local.microsecond else "seconds")

    def render(self, t: float) -> bytes:
        """The whole JSON body for a request at ``t``."""
        return b'{"at":"' + self.at(t).encode() + b'",' + self.body

    def data(self, t: float) -> dict[str, Any]:
        """The body as data (for the page)."""
        loaded: dict[str, Any] = json.loads(self.render(t))
        return loaded


class LRU(Generic[K, V]):
    """A small least-recently-used mapping."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class Answers:
    """The cache of answers: the current one per key, and the recent ones per key and minute."""

    def __init__(self, *, size: int = 512, keys: int = 4096) -> None:
        self._current: LRU[Hashable, Answer] = LRU(keys)
        self._recent: LRU[Hashable, Answer] = LRU(size)
        self._flights: dict[Hashable, asyncio.Future[Answer]] = {}

    async def get(
        self,
        key: Hashable,
        t: float,
        version: int,
        compute: Callable[[], Awaitable[Answer]],
        *,
        now: bool,
    ) -> Answer:
        """The answer for ``key`` at ``t``: from the cache while it holds, else computed
        (once for all the requests that wait for it). ``now`` says that ``t`` is the
        server's present: the answer then becomes the key's current one."""
        current = self._current.get(key) if now else None
        if current is not None and current.covers(t, version):
            return current
        minute = (key, int(t // 60))
        recent = self._recent.get(minute)
        if recent is not None and recent.covers(t, version):
            return recent
        flight = self._flights.get(minute)
        if flight is not None:
            try:
                answer = await asyncio.shield(flight)
            except asyncio.CancelledError:
                if not flight.cancelled():
                    raise  # this request was cancelled
            else:
                if answer.covers(t, version):
                    return answer
        answer = await self._compute(minute, compute)
        self._recent.put(minute, answer)
        if now:
            self._current.put(key, answer)
        return answer

    async def _compute(self, minute: Hashable, compute: Callable[[], Awaitable[Answer]]) -> Answer:
        flight: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._flights[minute] = flight
        try:
            answer = await compute()
        except Exception as error:
            flight.set_exception(error)
            flight.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        except BaseException:
            flight.cancel()
            raise
        else:
            flight.set_result(answer)
            return answer
        finally:
            if self._flights.get(minute) is flight:
                del self._flights[minute]

    def sizes(self) -> dict[str, int]:
        """How many entries each cache holds (they are bounded)."""
        return {
            "current": len(self._current),
            "recent": len(self._recent),
            "flights": len(self._flights),
        }

    def clear(self) -> None:
        """Forget every answer (after a reload, say)."""
        self._current = LRU(self._current.size)
        self._recent = LRU(self._recent.size)
