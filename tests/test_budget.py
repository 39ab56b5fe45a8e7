"""The budget of hostile-input tests (tests/_budget.py) does stop what runs too long."""

from __future__ import annotations

import os
import time

import pytest

from _budget import OverBudget, within


def test_a_busy_loop_is_stopped_by_its_processor_time() -> None:
    with pytest.raises(OverBudget), within(0.2):
        while True:
            pass


def test_a_blocked_call_is_stopped_by_the_clock() -> None:
    read, write = os.pipe()
    try:
        started = time.monotonic()
        with pytest.raises(OverBudget), within(0.05):
            os.read(read, 1)  # nothing is ever written: it waits, using no processor time
        assert time.monotonic() - started < 5
    finally:
        os.close(read)
        os.close(write)


def test_a_quick_call_is_untouched() -> None:
    with within(5):
        assert sum(range(1000)) == 499500
