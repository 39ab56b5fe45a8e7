"""A wall-clock budget for calls on hostile input: the point is that they finish.

``within(seconds)`` interrupts the block with :class:`OverBudget` when it runs longer (a
``SIGALRM`` timer, so it works in the main thread on POSIX systems, where the suite runs).
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
"""How long a call on hostile input may take before the test fails."""


class OverBudget(BaseException):
    """The block ran past its budget (a BaseException: ``except Exception`` lets it pass)."""


@contextlib.contextmanager
def within(seconds: float = BUDGET_SECONDS) -> Iterator[None]:
    """Fail the block with :class:`OverBudget` when it runs longer than ``seconds``."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
