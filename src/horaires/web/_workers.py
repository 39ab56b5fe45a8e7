"""The engine off the event loop: every computation in a worker process, bounded in time,
in waiting and in memory.

The server's own process only parses requests, reads its caches and writes answers; what
needs the engine (a status, a week) runs in a worker process, which holds no lock the event
loop needs (each process has its own interpreter lock). A worker keeps the places it was
sent, so their compiled schedules stay warm from one answer to the next.

The work goes in two lanes, one process each by default: ``now`` for the answers about the
server's present (all that a widget asks) and ``at`` for explicit instants and dates, so a
flood of distinct instants fills only its own lane. In each lane:

- at most ``pending`` computations wait or run; past that the answer is :class:`Busy` at
  once, and so it is for one that has waited ``timeout`` seconds without starting;
- a computation that uses more than ``timeout`` seconds of processor time (or :data:`WALL`
  times that of wall-clock time) has its process killed and replaced (:class:`TooSlow`),
  and its place is not computed again for ``cooldown`` seconds (also :class:`TooSlow`, at
  once): a configuration that makes the engine slow cannot hold the workers, and a busy
  machine does not make a sound one look slow;
- a worker whose peak memory passes :data:`WORKER_MEMORY` is replaced after its answer.

The workers run at a lower priority (:data:`NICE`) than the server's own process, and a
thread per worker feeds it its lane's tasks back to back.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal, TypeVar

from .._config import load_file
from .._errors import HorairesError
from .._establishment import Establishment
from ._places import Place

__all__ = ["WORKER_MEMORY", "Busy", "Lane", "TooSlow", "Workers"]

T = TypeVar("T")

Lane = Literal["now", "at"]

WORKER_MEMORY = 512 * 1024
"""KiB: a worker whose peak resident memory passes this is replaced after its answer."""

WALL = 5.0
"""A computation is cut after ``WALL`` times its timeout in wall-clock time, however
little processor time it has used."""

NICE = 10
"""The worker processes' niceness: when the processors are short, the server's own process
(cached answers, errors, files) goes first, and a flood of computations waits."""

LOAD_TIMEOUT = 10.0
"""Seconds a configuration file may take to load when it is read again while serving."""


class Busy(Exception):
    """Too many computations are waiting already, or the worker was lost."""


class TooSlow(Exception):
    """The computation took longer than allowed (or its place did so a moment ago)."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = retry_after


class EngineError(Exception):
    """The engine failed in a worker: the error's type and message."""


PRELOAD = (__name__, "holidays.countries", "dateutil.rrule")
"""Modules the workers' parent imports once, so that a new worker starts warm (importing
the calendars of ``holidays`` alone takes a second)."""


def _context() -> Any:
    """Workers fork from a small server process that has imported horaires once (fast to
    replace; no threads of ours inherited), where the platform has one."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOAD))
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


def _peak() -> int:
    """This process's peak resident memory in KiB (0 where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _work(conn: Connection) -> None:
    """A worker's loop: receive ``(place id or None, establishment or None, function,
    args)`` (the establishment when the place is new to the worker or has changed), answer
    ``(True, value, peak)`` or ``(False, "message", peak)``; None stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(NICE)
    places: dict[str, Establishment] = {}
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if task is None:
            return
        place_id, establishment, function, args = task
        if establishment is not None:
            places[place_id] = establishment
        try:
            value = function(*args) if place_id is None else function(places[place_id], *args)
            reply = (True, value, _peak())
        except HorairesError as error:  # a message for the user as it stands
            reply = (False, str(error), _peak())
        except Exception as error:
            reply = (False, f"{type(error).__name__}: {error}", _peak())
        conn.send(reply)


def _cpu_seconds(pid: int) -> float | None:
    """The processor time a process has used (Linux; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait(conn: Connection, pid: int, timeout: float) -> bool:
    """Wait for the answer of a process while it has used less than ``timeout`` seconds
    of processor time (where the system says; else of wall-clock time) and less than
    :data:`WALL` times that in wall-clock time: whether the answer came. A computation
    slowed down by a busy machine is not cut short for it."""
    start, begun = time.monotonic(), _cpu_seconds(pid)
    while True:
        if conn.poll(min(0.05, timeout)):
            return True
        elapsed = time.monotonic() - start
        used = _cpu_seconds(pid)
        spent = elapsed if used is None or begun is None else used - begun
        if spent >= timeout or elapsed >= WALL * timeout:
            return conn.poll(0)


class _Worker:
    """One worker process and the versions of the places it holds."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None
        self.known: dict[str, int] = {}
        self.tasks = 0

    def start(self) -> tuple[BaseProcess, Connection]:
        ours, theirs = self.context.Pipe()
        process: BaseProcess = self.context.Process(
            target=_work, args=(theirs,), name="horaires-engine", daemon=True
        )
        process.start()
        theirs.close()
        self.process, self.conn, self.known, self.tasks = process, ours, {}, 0
        return process, ours

    def stop(self) -> None:
        """Kill the process (it may be in the middle of a computation)."""
        process, conn = self.process, self.conn
        self.process = self.conn = None
        if process is not None:
            process.kill()
            process.join(10)
        if conn is not None:
            conn.close()

    def call(
        self,
        place: Place | None,
        function: Callable[..., T],
        args: tuple[Any, ...],
        timeout: float,
    ) -> tuple[T, bool]:
        """Run ``function(place.establishment, *args)`` (without a place: ``function(*args)``)
        in the process (blocking): the value, and whether the process was then replaced for
        its memory."""
        if self.process is None or self.conn is None or not self.process.is_alive():
            self.stop()
            _, conn = self.start()
        else:
            conn = self.conn
        key = None if place is None else place.id
        sent = None
        if place is not None and self.known.get(place.id) != place.version:
            sent = place.establishment
        process = self.process
        assert process is not None and process.pid is not None
        try:
            conn.send((key, sent, function, args))
            if place is not None:
                self.known[place.id] = place.version
            if not _wait(conn, process.pid, timeout):
                self.stop()
                raise TooSlow(timeout)
            ok, value, peak = conn.recv()
        except (EOFError, OSError):  # the process died (killed from outside, out of memory)
            self.stop()
            raise Busy from None
        self.tasks += 1
        if not ok:
            raise EngineError(value)
        recycled = peak > WORKER_MEMORY
        if recycled:
            self.stop()  # started again on its next task
        return value, recycled


@dataclass(frozen=True, slots=True)
class _Task:
    """A computation for a lane's threads, and where its outcome goes."""

    place: Place | None
    function: Callable[..., Any]
    args: tuple[Any, ...]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    queued: float


def _deliver(future: asyncio.Future[Any], outcome: Any, error: BaseException | None) -> None:
    if future.done():  # the request was cancelled
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(outcome)


class _Lane:
    """Worker processes, a thread for each that feeds it tasks back to back (so a busy
    event loop never leaves a worker idle), and the queue of their tasks."""

    def __init__(self, context: Any, count: int, pending: int) -> None:
        self.workers = [_Worker(context) for _ in range(count)]
        self.pending = pending
        self.waiting = 0  # tasks queued or running (counted by the event loop)
        self.tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        self.stopped = threading.Event()

    def ensure_threads(self, timeout: Callable[[], float]) -> None:
        if self.threads:
            return
        for worker in self.workers:
            thread = threading.Thread(
                target=_feed,
                args=(self.tasks, self.stopped, worker, timeout),
                name="horaires-engine-feeder",
                daemon=True,
            )
            thread.start()
            self.threads.append(thread)

    def stop_threads(self) -> None:
        self.stopped.set()
        for _ in self.threads:
            self.tasks.put(None)
        self.threads = []
        self.tasks = queue.SimpleQueue()  # new threads take new tasks only
        self.stopped = threading.Event()


def _feed(
    tasks: queue.SimpleQueue[_Task | None],
    stopped: threading.Event,
    worker: _Worker,
    timeout: Callable[[], float],
) -> None:
    """A lane's thread: run its tasks in ``worker``, one after the other."""
    while True:
        task = tasks.get()
        if task is None:
            return
        if task.future.done():  # cancelled while it waited
            continue
        outcome: Any = None
        error: BaseException | None = None
        limit = timeout()
        if stopped.is_set() or time.monotonic() - task.queued > limit:
            error = Busy()  # closing, or waited too long (its client may be gone)
        else:
            try:
                outcome = worker.call(task.place, task.function, task.args, limit)
            except Exception as failure:
                error = failure
        with contextlib.suppress(RuntimeError):  # the event loop is closed
            task.loop.call_soon_threadsafe(_deliver, task.future, outcome, error)


class Workers:
    """The worker processes of one application, in lanes (see the module's docstring).

    ``workers`` maps each lane to its number of processes, ``pending`` to how many
    computations may wait or run in it; ``timeout`` bounds a computation and its wait
    (seconds), ``cooldown`` how long a place that took too long is refused."""

    def __init__(
        self,
        *,
        workers: Mapping[Lane, int] | None = None,
        pending: Mapping[Lane, int] | None = None,
        timeout: float = 2.0,
        cooldown: float = 60.0,
    ) -> None:
        counts = {"now": 1, "at": 1, **(workers or {})}
        waits = {"now": 256, "at": 4, **(pending or {})}
        if not all(count >= 1 for count in counts.values()) or timeout <= 0 or cooldown < 0:
            raise ValueError("workers >= 1 per lane, timeout > 0 and cooldown >= 0")
        self.timeout = timeout
        self.cooldown = cooldown
        self.computed = 0
        self.replaced = 0
        self._context = _context()
        self._lock = threading.Lock()
        self._lanes: dict[Lane, _Lane] = {
            lane: _Lane(self._context, count, waits[lane]) for lane, count in counts.items()
        }
        self._slow: dict[str, tuple[int, float]] = {}  # place id -> (version, refused until)
        self._loader = _Worker(self._context)
        self.load_file: Callable[[Path], Establishment] = load_file
        """The module-level function that loads a file in the loading process."""
        self.load_timeout = LOAD_TIMEOUT
        self._loading = threading.Lock()
        every = [w for s in self._lanes.values() for w in s.workers] + [self._loader]
        weakref.finalize(self, _stop_all, every)

    @property
    def processes(self) -> list[BaseProcess]:
        """The worker processes that run."""
        found = [w.process for s in self._lanes.values() for w in s.workers]
        return [process for process in found if process is not None and process.is_alive()]

    async def run(self, lane: Lane, place: Place, function: Callable[..., T], *args: Any) -> T:
        """``function(place.establishment, *args)`` computed in a worker of ``lane``:
        ``function`` is a module-level function (it is sent to another process)."""
        refused = self._slow.get(place.id)
        if refused is not None:
            left = refused[1] - time.monotonic()
            if left > 0 and refused[0] == place.version:
                raise TooSlow(left)
            del self._slow[place.id]
        state = self._lanes[lane]
        if state.waiting >= state.pending:
            raise Busy
        state.waiting += 1
        try:
            state.ensure_threads(lambda: self.timeout)
            loop = asyncio.get_running_loop()
            future: asyncio.Future[tuple[T, bool]] = loop.create_future()
            state.tasks.put(_Task(place, function, args, loop, future, time.monotonic()))
            try:
                value, recycled = await future
            except TooSlow:
                self.replaced += 1
                if self.cooldown:
                    self._slow[place.id] = (place.version, time.monotonic() + self.cooldown)
                raise TooSlow(max(self.cooldown, self.timeout)) from None
        finally:
            state.waiting -= 1
        self.computed += 1
        self.replaced += recycled
        return value

    def load(self, path: Path) -> Establishment:
        """Load a configuration file in a process of its own (blocking; one at a time):
        a file that takes more than :data:`LOAD_TIMEOUT` seconds is a
        :class:`~horaires.HorairesError`, and the server goes on."""
        with self._loading:
            try:
                establishment, _ = self._loader.call(
                    None, self.load_file, (path,), self.load_timeout
                )
            except TooSlow:
                raise HorairesError(
                    f"loading took more than {self.load_timeout:g} s (LOAD_TIMEOUT): "
                    "the last version is kept"
                ) from None
            except (Busy, EngineError) as error:
                raise HorairesError(str(error) or "the loading process was lost") from None
            finally:
                self._loader.stop()  # a process per reload: it holds nothing between two
        return establishment

    def start(self) -> None:
        """Start every worker process now rather than at its first task (blocking: the
        first start also starts the processes' parent, about a second)."""
        with self._lock:
            for state in self._lanes.values():
                for worker in state.workers:
                    if worker.process is None:
                        worker.start()

    def close(self) -> None:
        """Stop every worker process and its thread (they start again if used)."""
        with self._lock:
            for state in self._lanes.values():
                state.stop_threads()
            _stop_all([w for s in self._lanes.values() for w in s.workers])


def _stop_all(workers: list[_Worker]) -> None:
    for worker in workers:
        worker.stop()
