"""The process's tables keep what is asked for twice (tables bounded, nothing asked once
kept), and frozen values built quickly are the same frozen values (docs/performance.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from horaires import _plan, osm
from horaires._frozen import quick_init
from horaires._kept import Kept, Sightings
from horaires.osm import _ast, _evaluate, _parser

FROZEN = [
    cls
    for module in (_ast, _plan)
    for cls in vars(module).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
]


def test_every_value_class_of_the_tree_and_the_plans_is_built_quickly() -> None:
    assert {cls.__name__ for cls in FROZEN} >= {"Rule", "TimeSpan", "Value", "Plan", "Admission"}
    for cls in FROZEN:
        assert hasattr(cls.__init__, "__wrapped__"), cls  # quick_init's, over the twin's


@given(st.integers(), st.integers(), st.booleans())
def test_a_quick_value_is_the_frozen_value_it_stands_for(start: int, end: int, flag: bool) -> None:
    span = _ast.TimeSpan(start, end, flag, None, 3)
    assert type(span) is _ast.TimeSpan
    assert (span.start, span.end, span.open_end, span.period, span.column) == (
        start,
        end,
        flag,
        None,
        3,
    )
    assert span == _ast.TimeSpan(start=start, end=end, open_end=flag, column=9)  # column aside
    assert hash(span) == hash(_ast.TimeSpan(start, end, flag))
    assert pickle.loads(pickle.dumps(span)) == span
    assert dataclasses.replace(span, start=start + 1).start == start + 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 0  # type: ignore[misc]


def test_a_quick_value_keeps_its_signature_and_refuses_wrong_arguments() -> None:
    assert list(inspect.signature(_ast.TimeSpan).parameters)[:2] == ["start", "end"]
    with pytest.raises(TypeError):
        _ast.TimeSpan(1, 2, 3, 4, 5, 6, 7, 8)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected"):
        _ast.TimeSpan(1, 2, nope=3)  # type: ignore[call-arg]


def test_only_frozen_dataclasses_with_slots_are_built_quickly() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (NoSlots, NotFrozen, int):
        with pytest.raises(TypeError, match="frozen dataclass with slots"):
            quick_init(cls)
    with pytest.raises(TypeError, match="__post_init__"):
        quick_init(Checked)


def test_a_table_keeps_a_key_from_its_second_time_and_empties_when_full() -> None:
    table: Kept[str, int] = Kept(3)
    assert [table.keep(key, n) for n, key in enumerate("abc")] == [False] * 3
    assert table == {}
    for n, key in enumerate("abc"):
        table.keep(key, n)
    assert table == {"a": 0, "b": 1, "c": 2}
    table.keep("d", 3)  # seen once: the hashes seen were full, forgotten
    assert table == {"a": 0, "b": 1, "c": 2}
    table.keep("d", 3)  # seen again: kept, the table full, emptied first
    assert table == {"d": 3}
    table.forget()
    assert table == {} and not table.keep("a", 1) and table == {}


def test_sightings_are_bounded() -> None:
    seen = Sightings(2)
    assert [seen.again(k) for k in ("a", "b", "a", "c", "a")] == [False, False, True, False, False]


def test_values_parsed_once_leave_nothing_in_the_process_tables() -> None:
    osm.clear_cache()  # the schedules, and the rules read and evaluated: all forgotten
    values = [f"Mo-Fr 07:{i:02d}-17:00; Sa 09:{i:02d}-11:00" for i in range(40)]
    at = dt.datetime(2025, 5, 5, 10, tzinfo=ZoneInfo("Europe/Paris"))
    assert not osm._CACHE and not _parser._TEXTS and not _evaluate._BY_OBJECT
    answers = [osm.parse(v, country=None).is_open(at) for v in values]
    assert not osm._CACHE
    texts = {key[2] for key in _parser._TEXTS}
    assert not texts & {rule.strip() for v in values for rule in v.split(";")}
    assert not _evaluate._BY_OBJECT
    again = [osm.parse(v, country=None) for v in values]  # the second time: kept
    assert [s.is_open(at) for s in again] == answers
    assert len(osm._CACHE) == len(values) and all(
        osm.parse(v, country=None) is s for v, s in zip(values, again, strict=True)
    )
    assert {rule.strip() for v in values for rule in v.split(";")} <= {
        key[2] for key in _parser._TEXTS
    }
    osm.clear_cache()
