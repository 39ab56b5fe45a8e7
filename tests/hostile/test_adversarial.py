"""Adversarial input drawn by hypothesis (tests/hostile/_adversarial.py): whatever the
configuration, value or instant, every question finishes within the budget with an answer
or a ``HorairesError``, and the answers agree with each other. ``HYPOTHESIS_PROFILE=dev``
runs each test 100,000 times (docs/testing.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

from _adversarial import HOSTILE, configs, count, edge_instants, osm_values
from hypothesis import given, note

from _budget import OverBudget, within
from horaires import MAX_HORIZON, HorairesError, load, osm, widget
from horaires.jsonld import to_jsonld

AROUND = dt.timedelta(days=2)


@contextlib.contextmanager
def finishes() -> Iterator[None]:
    """The budget, as a failure hypothesis reports and shrinks (OverBudget is not one)."""
    try:
        with within():
            yield
    except OverBudget as error:
        raise AssertionError(str(error)) from None


def answers(schedule: Any, at: dt.datetime) -> None:
    """Every query of a schedule at ``at``; the answers agree (docs/concepts.md)."""
    is_open = schedule.is_open(at)
    status = schedule.status(at)
    assert status.open == is_open
    assert not status.accepting or status.open
    opening = schedule.next_opening(at, horizon=MAX_HORIZON)
    if opening is not None:
        assert opening > at and schedule.is_open(opening)
    closing = schedule.next_closing(at)
    if closing is not None:
        assert closing > at and not schedule.is_open(closing)
    change = schedule.next_change(at)
    if change is not None:
        assert change > at
    previous = None
    for interval in schedule.intervals(at - AROUND, at + AROUND):
        assert interval.end is None or interval.start < interval.end
        assert previous is None or previous <= interval.start
        previous = interval.end
    schedule.day(at.date())


@HOSTILE
@given(configs(), edge_instants())
def test_adversarial_configurations(config: dict[str, Any], at: dt.datetime) -> None:
    note(f"config={config!r} at={at.isoformat()}")
    count("configurations")
    with finishes():
        try:
            place = load(config)
        except HorairesError:
            return
        for service in [None, *list(place.services)[:2]]:
            with suppress(HorairesError):
                answers(place.schedule(service), at)
        for call in (
            lambda: widget.payload(place, at),
            lambda: to_jsonld(place, start=at.date(), days=30),
            lambda: osm.to_osm(place),
        ):
            with suppress(HorairesError):
                call()


@HOSTILE
@given(osm_values(), edge_instants())
def test_adversarial_osm_values(value: str, at: dt.datetime) -> None:
    note(f"value={value!r} at={at.isoformat()}")
    count("osm_values")
    with finishes():
        try:
            schedule = osm.parse(value, timezone="Europe/Paris", country="FR")
        except HorairesError:
            return
        with suppress(HorairesError):
            answers(schedule, at)
        with suppress(HorairesError):
            osm.to_osm(schedule)
