"""The lazy compile caches are safe when many threads query one establishment at once."""

from __future__ import annotations

import datetime as dt
import random
import sys
import threading
from collections.abc import Iterator

import pytest

import horaires
from horaires import Establishment, examples

UTC = dt.UTC


def instants() -> list[dt.datetime]:
    """Instants over 24 years (more than the compiled years a schedule keeps), in UTC and
    local zones, around midnight, lunch and the DST changes."""
    rng = random.Random(6)
    out = []
    for year in range(2001, 2025):
        for _ in range(2):
            day = dt.datetime(year, 1, 1, tzinfo=UTC) + dt.timedelta(
                days=rng.randrange(365), minutes=rng.choice([0, 510, 720, 750, 1020, 1050, 1439])
            )
            out.append(day)
        out.append(dt.datetime(year, 12, 31, 23, 59, 59, tzinfo=UTC))
    return out


def answers(place: Establishment, at: dt.datetime, service: str | None) -> tuple[object, ...]:
    status = place.status(at, service=service)
    return (
        place.is_open(at, service=service),
        place.can_be_served(at, service=service),
        place.next_change(at, service=service),
        status.closes_at,
        status.next_opening,
        status.reason,
        status.services_open,
        tuple(place.intervals(at, at + dt.timedelta(days=1), service=service)),
    )


def fresh(name: str) -> Establishment:
    """An uncompiled copy of a bundled example."""
    return horaires.load(horaires.dump(examples.load_example(name)))


@pytest.fixture
def busy_switching() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often
    yield
    sys.setswitchinterval(before)


@pytest.mark.parametrize("name", ["pantin", "townhall", "pharmacy"])
def test_threads_hammering_one_establishment_agree_with_one_thread(
    name: str, busy_switching: None
) -> None:
    alone = fresh(name)
    services = [None, *list(alone.services)[:1]]
    cases = [(at, service) for at in instants() for service in services]
    expected = {case: answers(alone, *case) for case in cases}
    shared = fresh(name)
    threads = 4
    barrier = threading.Barrier(threads)
    results: list[dict[tuple[dt.datetime, str | None], tuple[object, ...]]] = [
        {} for _ in range(threads)
    ]
    errors: list[BaseException] = []

    def hammer(k: int) -> None:
        # every thread walks the years in step (so they race on compiling the same year and
        # on evicting old ones), each in its own order within a year
        rng = random.Random(k)
        order = []
        for i in range(0, len(cases), 6):
            batch = cases[i : i + 6]
            rng.shuffle(batch)
            order += batch
        barrier.wait()
        try:
            for case in order:
                results[k][case] = answers(shared, *case)
        except BaseException as error:  # reported below
            errors.append(error)

    workers = [threading.Thread(target=hammer, args=(k,)) for k in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    for result in results:
        assert result == expected
