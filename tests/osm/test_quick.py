"""The quick reader of common rules gives what the grammar gives, columns included, or
nothing (docs/osm.md#reading-a-value).

The texts are drawn from a grammar wider than the quick reader's shapes (hours of one
digit, past 24:00 or past midnight, dates that do not exist, years the lexer reads as
numbers, two spaces, holidays, comments), so that both what it reads and what it leaves
to the parser are tried."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from horaires import osm
from horaires.osm import _parser, _quick
from horaires.osm._ast import ParseMode, Rule, WeekdayRange

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _items(rule: Rule) -> tuple[object, ...]:
    """Every field of ``rule`` and of its times, columns included (equality skips them)."""
    times = tuple((dataclasses.astuple(span), span.column) for span in rule.times)
    return (*dataclasses.astuple(rule)[:6], times, *dataclasses.astuple(rule)[7:], rule.column)


def _full(text: str, mode: ParseMode, fallback: bool) -> tuple[Rule, ...] | None:
    """The grammar's reading of one rule's text (None when it refuses it)."""
    try:
        rules = _parser._read(text, mode, None, keep=False)
    except ValueError:
        return None
    return tuple(dataclasses.replace(rule, fallback=fallback) for rule in rules)


hours = st.sampled_from(["00", "08", "8", "12", "17", "23", "24", "25", "07"])
minutes = st.sampled_from(["00", "30", "59", "5", "60", "07"])
times = st.builds(lambda h, m: f"{h}:{m}", hours, minutes)
spans = st.builds(lambda a, b: f"{a}-{b}", times, times)
days = st.sampled_from(DAYS).flatmap(lambda a: st.sampled_from([a, *(f"{a}-{b}" for b in DAYS)]))
weekday_lists = st.lists(days, min_size=1, max_size=4).map(",".join)
dates = st.builds(
    lambda year, month, day: f"{year}{month} {day}",
    st.sampled_from(["", "2025 ", "1899 ", "2101 ", "2030 "]),
    st.sampled_from(MONTHS),
    st.sampled_from(["01", "1", "09", "28", "29", "30", "31", "00", "32"]),
)
parts = st.tuples(
    st.one_of(
        st.none(),
        weekday_lists,
        dates,
        st.builds(lambda a, b: f"{a} {b}", weekday_lists, dates),
        st.just("PH"),
        st.just("Mo-Fr,PH"),
    ),
    st.one_of(st.none(), st.lists(spans, min_size=1, max_size=3)),
    st.sampled_from(["", ", ", ","]),
    st.sampled_from([None, "open", "closed", "off", "unknown", '"by appointment"']),
    st.sampled_from([" ", " ", " ", "  ", ": "]),
)


def _text(draw: tuple[str | None, list[str] | None, str, str | None, str]) -> str:
    selector, span_list, comma, state, space = draw
    pieces = [selector, None if span_list is None else comma.join(span_list), state]
    return space.join(piece for piece in pieces if piece is not None)


@given(parts.map(_text), st.sampled_from(list(ParseMode)), st.booleans())
@example("Mo,Tu,We,Fr 08:30-12:30,13:30-17:30", ParseMode.RANGES, False)
@example("Mo-Fr 08:00-12:00, 14:00-18:00 open", ParseMode.RANGES, False)
@example("2025 Dec 24 09:00-12:00", ParseMode.RANGES, True)
@example("Feb 29 off", ParseMode.BOTH, False)
@example("Feb 30 off", ParseMode.RANGES, False)
@example("2030 Apr 31 10:00-12:00", ParseMode.RANGES, False)
@example("Sa-Mo 10:00-24:00", ParseMode.RANGES, False)
def test_the_quick_reader_reads_as_the_grammar(text: str, mode: ParseMode, fallback: bool) -> None:
    quick = _quick.read(text, fallback) if mode != ParseMode.POINTS else None
    if quick is None:
        return
    full = _full(text, mode, fallback)
    assert full is not None and len(full) == 1, text
    assert _items(quick) == _items(full[0]), text


@pytest.mark.parametrize(
    ("text", "quick"),
    [
        ("Mo,Tu,We,Fr 08:30-12:30,13:30-17:30", True),
        ("Th 13:30-17:30", True),
        ("Su off", True),
        ("2049 Jan 01 off", True),
        ("Dec 24 09:00-12:00", True),
        ("08:00-18:00", True),
        ("Mo-Fr 22:00-02:00", True),  # past midnight
        ("Mo-Fr 8:00-12:00", False),  # an hour of one digit
        ("Mo-Fr  08:00-12:00", False),  # two spaces
        ("Mo-Fr 08:00-24:30", False),
        ("Feb 30 off", False),
        ("1899 Jan 01 off", False),  # a number, not a year, for the lexer
        ("Mo-Fr,PH 08:00-12:00", False),
        ("Mo 10:00-12:00 off off", False),
    ],
)
def test_which_shapes_are_read_quickly(text: str, quick: bool) -> None:
    assert (_quick.read(text) is not None) is quick


def test_a_value_read_quickly_gives_the_columns_of_its_errors() -> None:
    """A rule read quickly sits in a value whose other rule is refused: the error still
    points into the value at the right column."""
    with pytest.raises(osm.OSMSyntaxError, match="at column 23:"):
        osm.parse("Mo-Fr 08:00-12:00; Sa 10:00-49:00", country=None)


def test_a_weekday_range_read_quickly_is_the_one_shared() -> None:
    rule = _quick.read("Mo-Fr 10:00-12:00")
    assert rule is not None and rule.weekdays == (WeekdayRange(0, 4),)
    assert rule.weekdays[0] is _parser.parse("Mo-Fr 10:00-11:00").rules[0].weekdays[0]
