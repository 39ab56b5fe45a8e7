"""A plain rule (weekdays and dates, ranges within the day, a state) is evaluated without the
walk over its minutes, and gives what the walk gives (docs/osm.md#reading-a-value)."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from horaires.osm import _evaluate, _parser

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


spans = st.tuples(st.integers(0, 1439), st.integers(1, 1440)).map(
    lambda pair: f"{_time(pair[0])}-{_time(pair[1])}"
)
rules = st.builds(
    lambda date, days, times, state: " ".join(
        part for part in (date, days, ",".join(times), state) if part
    ),
    st.sampled_from(["", "", "2025 Mar 10", "Mar 10", "Dec 24-26", "Feb 29", "Mar 03-20/2"]),
    st.sampled_from(["", "Mo", "Mo-Fr", "Sa,Su", "Fr-Mo", "Tu,Th-Sa", "Mo-Su"]),
    st.lists(spans, max_size=4),
    st.sampled_from(["", "open", "off", "unknown", '"ask"']),
).filter(bool)

_YEAR = [dt.date(2024, 12, 20) + dt.timedelta(days=k) for k in range(500)]


def _same(one: _evaluate._Internal, other: _evaluate._Internal) -> bool:
    """The same internal rule: the same fields, and matchers (closures) that match the same
    dates."""
    context = _evaluate.Context("FR", None, "fr", None, None, ())
    return one._replace(groups=(), plain=False) == other._replace(groups=(), plain=False) and all(
        _evaluate._date_matches(one, day, context) == _evaluate._date_matches(other, day, context)
        for day in _YEAR
    )


@given(rules)
@example("Mo-Fr 08:00-12:00,12:00-14:00")
@example("Mo 10:00-12:00,09:00-11:00,00:00-24:00")
@example("Sa 22:00-02:00")
@example("Su 10:00-12:00 unknown")
@example("Mo-Fr 08:00-10:00,09:00-09:30 off")
def test_a_plain_rule_is_evaluated_as_the_walk_does(text: str) -> None:
    rule = _parser.parse(text).rules[0]
    internal = _evaluate.internal_parts(rule)
    assert internal[0].plain == _evaluate._plain(rule)  # the flag evaluate_day reads
    parts = _evaluate._parts(rule)
    assert len(internal) == len(parts) and all(map(_same, internal, parts))
    context = _evaluate.Context("FR", None, "fr", None, None, ())
    day = dt.date(2025, 3, 10)
    for part in internal:
        active = ((part, part.times),)
        assert _evaluate.evaluate_day(active, day, context) == _evaluate._walk_day(
            active, day, context
        )


def test_which_rules_are_plain() -> None:
    def plain(text: str) -> bool:
        return _evaluate._plain(_parser.parse(text).rules[0])

    assert plain("Mo-Fr 08:00-12:00,14:00-18:00")
    assert plain("Su off")
    assert plain("10:00-24:00")
    assert not plain("Mo-Fr 22:00-02:00")  # past midnight: a part on the next date
    assert not plain("Mo-Fr 18:00+")
    assert not plain('Mo 10:00-12:00 "ask"')
    assert not plain("PH off")
    assert not plain("Sa[1] 10:00-12:00")
    assert plain("Jan 10:00-12:00")  # read as a date selector (monthdays)
    assert not plain("Jan-Mar 10:00-12:00")  # months: evaluated in full
    assert plain("2025 Dec 24 off") and plain("Dec 24-26 Mo-Fr 10:00-12:00")
    assert not plain("2025 Dec 24 10:00-12:00+")
