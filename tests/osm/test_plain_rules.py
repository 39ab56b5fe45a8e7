"""A plain rule (weekdays, ranges within the day, a state) is evaluated without the walk
over its minutes, and gives what the walk gives (docs/osm.md#reading-a-value)."""

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
    lambda days, times, state: " ".join(part for part in (days, ",".join(times), state) if part),
    st.sampled_from(["", "Mo", "Mo-Fr", "Sa,Su", "Fr-Mo", "Tu,Th-Sa", "Mo-Su"]),
    st.lists(spans, max_size=4),
    st.sampled_from(["", "open", "off", "unknown", '"ask"']),
).filter(bool)


@given(rules)
@example("Mo-Fr 08:00-12:00,12:00-14:00")
@example("Mo 10:00-12:00,09:00-11:00,00:00-24:00")
@example("Sa 22:00-02:00")
@example("Su 10:00-12:00 unknown")
@example("Mo-Fr 08:00-10:00,09:00-09:30 off")
def test_a_plain_rule_is_evaluated_as_the_walk_does(text: str) -> None:
    rule = _parser.parse(text).rules[0]
    internal = _evaluate._internal(rule)
    assert internal[0].plain == _evaluate._plain(rule)  # the flag evaluate_day reads
    assert tuple(part._replace(plain=False) for part in internal) == _evaluate._parts(rule)
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
    assert not plain("Jan 10:00-12:00")
