"""A budget for calls on hostile input: the point is that they finish.

``within(seconds)`` interrupts the block with :class:`OverBudget` when it uses more than
``seconds`` of processor time (a ``SIGPROF`` timer: other work on a busy machine does not
count) or waits more than :data:`WAIT_FACTOR` times that on the clock (a ``SIGALRM`` timer:
a call blocked on a pipe or a lock uses no processor time). Both work in the main thread on
POSIX systems, where the suite runs.
The budget is generous: it says "finishes", not "is fast"; the suite never times code.
The ``budget`` fixture of ``tests/conftest.py`` gives it to any test::

    def test_hostile(budget):
        with budget():
            horaires.load(...)
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

BUDGET_SECONDS = 5.0
"""How much processor time a call on hostile input may take before the test fails."""

WAIT_FACTOR = 6
"""How many times its budget a call may last on the clock (a busy machine shares it)."""


class OverBudget(BaseException):
    """The block ran past its budget (a BaseException: ``except Exception`` lets it pass)."""


@contextlib.contextmanager
def within(seconds: float = BUDGET_SECONDS) -> Iterator[None]:
    """Fail the block with :class:`OverBudget` when it runs longer than ``seconds``."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop), signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WAIT_FACTOR)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGPROF, previous[1])
