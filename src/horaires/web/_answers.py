"""Answers computed off the event loop, shared while they stay true, in bounded caches.

An :class:`Answer` is a JSON body without its ``at`` member, valid over ``[start, until)``:
every request in that span gets the same body with its own ``at``. The engine runs in small
pools (the event loop never waits for it), requests for the same key share one computation,
and at most ``pending`` computations wait in a pool: past that the server answers 503 at
once rather than queueing without end. Answers about now and the coming days use the
``near`` pool of threads; instants months or years away (a year to compile for a single
answer) use the ``far`` pool: one process of its own, so that a burst of them can neither
hold up the event loop and the other answers (no shared interpreter lock) nor fill the
server's memory with compiled years (the process is replaced every hundred answers).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import hashlib
import json
import multiprocessing
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import anyio
import anyio.to_thread

__all__ = ["LRU", "Answer", "Answers", "Busy", "dumps", "etag"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


def dumps(data: Any) -> bytes:
    """Compact JSON, UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def etag(body: bytes) -> str:
    """A weak entity tag for a body."""
    return 'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class Busy(Exception):
    """Too many computations are waiting already."""


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


Pool = Literal["near", "far"]


class _Pool:
    """Threads for the engine, and how many computations may wait for them."""

    def __init__(self, threads: int, pending: int) -> None:
        self.limiter = anyio.CapacityLimiter(threads)
        self.pending = pending
        self.waiting = 0

    async def run(self, compute: Callable[[], T]) -> T:
        if self.waiting >= self.pending:
            raise Busy
        self.waiting += 1
        try:
            return await anyio.to_thread.run_sync(compute, limiter=self.limiter)
        finally:
            self.waiting -= 1


class _Process:
    """One process for the computations far from now, started on first use."""

    def __init__(self, pending: int) -> None:
        self.pending = pending
        self.waiting = 0
        self.executor: concurrent.futures.ProcessPoolExecutor | None = None

    async def run(self, compute: Callable[[], T]) -> T:
        if self.waiting >= self.pending:
            raise Busy
        if self.executor is None:
            self.executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                max_tasks_per_child=100,
            )
        self.waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.executor, compute)
        finally:
            self.waiting -= 1

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


class Answers:
    """The cache of answers, and the bounded pools that compute the missing ones."""

    def __init__(self, *, size: int = 512) -> None:
        self._current: dict[Hashable, Answer] = {}
        self._recent: LRU[Hashable, Answer] = LRU(size)
        self._flights: dict[Hashable, asyncio.Future[Answer]] = {}
        self._pools: dict[Pool, _Pool | _Process] = {"near": _Pool(2, 256), "far": _Process(8)}

    def close(self) -> None:
        """Stop the process of the far computations, if it runs."""
        far = self._pools["far"]
        assert isinstance(far, _Process)
        far.close()

    async def get(
        self,
        key: Hashable,
        t: float,
        version: int,
        compute: Callable[[], Answer],
        *,
        now: bool,
        pool: Pool = "near",
    ) -> Answer:
        """The answer for ``key`` at ``t``: from the cache while it holds, else computed in
        the pool (once for all the requests that wait for it). ``now`` says that ``t`` is
        the server's present: the answer then becomes the key's current one."""
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
        answer = await self._compute(minute, compute, self._pools[pool])
        self._recent.put(minute, answer)
        if now:
            self._current[key] = answer
        return answer

    async def _compute(
        self, minute: Hashable, compute: Callable[[], Answer], pool: _Pool | _Process
    ) -> Answer:
        flight: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._flights[minute] = flight
        try:
            answer = await pool.run(compute)
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

    async def run(self, compute: Callable[[], T], pool: Pool = "near") -> T:
        """Run another computation in a pool."""
        return await self._pools[pool].run(compute)

    def clear(self) -> None:
        """Forget every answer (after a reload, say)."""
        self._current.clear()
        self._recent = LRU(self._recent.size)
