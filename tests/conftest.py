"""Hypothesis profiles for the whole suite, and the ``budget`` fixture.

- ``ci`` (default): few examples, derandomized (the same examples on every run, so CI
  answers for the code, not for the draw), so the property suite stays well under a minute.
- ``dev``: more examples, for a local run before a commit.
- ``mutation``: few, reproducible examples, for mutation testing.
- ``fuzz``: a long campaign, at least 100,000 examples per test; select it with
  ``pytest tests/property --hypothesis-profile=fuzz`` (see docs/testing.md).

``budget`` (tests/_budget.py) fails a block that runs past a generous budget of processor time (or waits far longer): for
calls on hostile input, which must finish.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from hypothesis import HealthCheck, settings

from _budget import within

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci", max_examples=25, derandomize=True, deadline=None, suppress_health_check=_SLOW
)
settings.register_profile("dev", max_examples=400, deadline=None, suppress_health_check=_SLOW)
settings.register_profile(
    "fuzz",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=_SLOW,
    print_blob=True,
)
settings.register_profile(
    "mutation",  # reproducible and short, for mutation testing (docs/testing.md)
    max_examples=8,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_SLOW,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def budget() -> Callable[..., AbstractContextManager[None]]:
    """``with budget():`` fails the block when it runs past a generous budget of processor time
    (tests/_budget.py): for calls on hostile input, which must finish."""
    return within
