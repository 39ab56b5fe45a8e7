"""Rules read before are found by their text (docs/performance.md): the tree is the same, to
the columns, as the one read token by token."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from horaires import strategies as hst
from horaires.osm._ast import Rule
from horaires.osm._parser import ParseMode, _read, parse


def columns(rules: tuple[Rule, ...]) -> list[tuple[int, tuple[int, ...]]]:
    return [(rule.column, tuple(t.column for t in rule.times)) for rule in rules]


COMMENTS = st.sampled_from(["", "", ' "call first"', ' open "ring; wait"', ' "a || b"', ' "'])
"""Comments, with separators in them (a ``;`` in a comment separates nothing), or not closed."""


@given(
    st.lists(st.tuples(hst.osm_values(), COMMENTS), min_size=1, max_size=4),
    st.sampled_from(["; ", " || ", ";"]),
)
def test_a_value_of_rules_read_before_reads_as_read_afresh(
    values: list[tuple[str, str]], separator: str
) -> None:
    value = separator.join(v + comment for v, comment in values)
    try:
        expected = _read(value, ParseMode.RANGES, None)
    except ValueError:
        with pytest.raises(ValueError):  # refused however it is read
            parse(value)
        return
    for _ in range(2):  # the second time, every rule is found by its text
        got = parse(value).rules
        assert got == expected
        assert columns(got) == columns(expected)
        assert [r.fallback for r in got] == [r.fallback for r in expected]


def test_the_same_rule_at_another_column() -> None:
    first = parse("Mo 10:00-12:00; PH off").rules
    second = parse("Mo-Fr 09:00-18:00; PH off").rules
    assert first[1] == second[1] and (first[1].column, second[1].column) == (16, 19)
    assert dataclasses.replace(first[0], column=0) == first[0]
    fallback = parse("Mo 10:00-12:00 || PH off").rules
    assert fallback[1].fallback and not first[1].fallback


def test_a_schedule_parsed_without_the_cache_is_neither_found_nor_kept() -> None:
    from horaires import osm

    value = "Mo-Fr 09:17-17:43; PH off"
    osm.clear_cache()
    first, second = osm.parse(value, cache=False), osm.parse(value, cache=False)
    assert first is not second and first == second
    assert not osm._CACHE
    once = osm.parse(value)  # the first parse through the cache only notes the value
    assert not osm._CACHE
    kept = osm.parse(value)  # the second keeps its schedule
    assert kept is not once and kept == once
    assert kept is osm.parse(value) and kept is not osm.parse(value, cache=False)
    assert list(osm._CACHE.values()) == [kept]
    with pytest.raises(osm.HorairesError, match="cache"):
        osm.parse(value, cache="no")  # type: ignore[arg-type]
