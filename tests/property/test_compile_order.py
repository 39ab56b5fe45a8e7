"""Answers do not depend on what was compiled before (docs/concepts.md, how it runs): a
schedule asked about many instants in any order answers each as a schedule asked only that."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, note
from hypothesis import strategies as st

from horaires import osm
from horaires import strategies as hst

ZONES = ("UTC", "Europe/Paris", "America/New_York", "Pacific/Chatham")


@given(
    hst.osm_values(),
    st.sampled_from(ZONES),
    st.lists(st.integers(0, 24 * 14 - 1), min_size=1, max_size=8),
)
def test_osm_answers_do_not_depend_on_what_was_compiled_before(
    value: str, zone: str, hours: list[int]
) -> None:
    try:
        warm = osm.parse(value, timezone=zone, country=None)
    except ValueError:
        return
    start = dt.datetime(2025, 3, 24, tzinfo=dt.UTC)  # two weeks over a DST change
    for hour in hours:
        at = start + dt.timedelta(hours=hour, minutes=7)
        osm.clear_cache()
        fresh = osm.parse(value, timezone=zone, country=None)
        note(f"{value!r} in {zone} at {at.isoformat()}")
        assert warm.is_open(at) == fresh.is_open(at)
        assert warm.is_unknown(at) == fresh.is_unknown(at)
        horizon = dt.timedelta(days=15)
        osm.clear_cache()
        fresh = osm.parse(value, timezone=zone, country=None)
        assert warm.next_change(at, horizon=horizon) == fresh.next_change(at, horizon=horizon)
