"""One rule for the arguments of every public function (docs/limits.md#arguments): a value
of the wrong type is an ``ArgumentError`` (a ``HorairesError`` that is also a ``TypeError``),
a value of the right type that is not allowed a ``HorairesError``; nothing else escapes.

Each public function is called with valid arguments, then with each argument in turn
replaced by junk of every kind.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import horaires
from horaires import (
    ArgumentError,
    HorairesError,
    annuaire,
    bulk,
    examples,
    gbp,
    jsonld,
    osm,
    text,
    widget,
)

Budget = Callable[..., AbstractContextManager[None]]
PARIS = ZoneInfo("Europe/Paris")
AT = dt.datetime(2025, 5, 5, 10, tzinfo=PARIS)
LATER = dt.datetime(2025, 5, 12, 10, tzinfo=PARIS)
DAY = dt.date(2025, 5, 5)
PANTIN = examples.pantin()
VALUE = osm.parse("Mo-Fr 09:00-12:00")


class Junk:
    """An object of no type any function takes."""

    def __repr__(self) -> str:
        return "Junk()"


JUNK: list[object] = [
    None,
    3,
    -1,
    10**30,
    math.nan,
    True,
    "x",
    "\x00" * 3,
    b"x",
    [],
    {},
    Junk(),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.datetime(2025, 1, 1),  # naive
    dt.datetime(9997, 12, 31, 23, tzinfo=dt.UTC),
    dt.timedelta(days=-1),
]


def _list(f: Callable[..., Any]) -> Callable[..., Any]:
    return lambda *a, **k: list(f(*a, **k))


Call = tuple[Callable[..., Any], list[Any], dict[str, Any]]

PUBLIC: dict[str, Call] = {
    "load": (horaires.load, [{"name": "x"}], {}),
    "loads": (horaires.loads, ['name = "x"'], {"format": "toml"}),
    "Establishment.status": (
        PANTIN.status,
        [AT],
        {"service": "etat-civil", "lang": "fr", "horizon": dt.timedelta(days=3)},
    ),
    "Establishment.is_open": (PANTIN.is_open, [AT], {"service": "etat-civil"}),
    "Establishment.can_be_served": (PANTIN.can_be_served, [AT], {"service": "etat-civil"}),
    "Establishment.is_unknown": (PANTIN.is_unknown, [AT], {"service": "etat-civil"}),
    "Establishment.next_change": (
        PANTIN.next_change,
        [AT],
        {"service": "etat-civil", "horizon": dt.timedelta(days=3)},
    ),
    "Establishment.next_opening": (
        PANTIN.next_opening,
        [AT],
        {"service": "etat-civil", "horizon": dt.timedelta(days=3)},
    ),
    "Establishment.next_closing": (
        PANTIN.next_closing,
        [AT],
        {"service": "etat-civil", "horizon": dt.timedelta(days=3)},
    ),
    "Establishment.intervals": (
        _list(PANTIN.intervals),
        [AT, LATER],
        {"service": "etat-civil", "lang": "fr"},
    ),
    "Establishment.admission_windows": (
        _list(PANTIN.admission_windows),
        [AT, LATER],
        {"service": "etat-civil"},
    ),
    "Establishment.day": (PANTIN.day, [DAY], {"service": "etat-civil", "lang": "fr"}),
    "Establishment.schedule": (PANTIN.schedule, ["etat-civil"], {"lang": "fr"}),
    "Schedule.status": (VALUE.status, [AT], {"horizon": dt.timedelta(days=3)}),
    "Schedule.next_opening": (VALUE.next_opening, [AT], {"horizon": dt.timedelta(days=3)}),
    "Schedule.intervals": (_list(VALUE.intervals), [AT, LATER], {}),
    "Schedule.day": (VALUE.day, [DAY], {}),
    "osm.parse": (
        osm.parse,
        ["Mo-Fr 09:00-12:00; PH off"],
        {
            "timezone": "Europe/Paris",
            "country": "FR",
            "subdivision": None,
            "language": "fr",
            "mode": "ranges",
            "disambiguate": "compatible",
            "tolerant": False,
            "location": None,
            "school_zone": None,
        },
    ),
    "osm.check": (osm.check, ["Mo-Fr 9-12"], {"mode": "ranges", "country": "FR"}),
    "osm.normalize": (
        osm.normalize,
        ["Mo-Fr 9-12"],
        {"tolerant": True, "mode": "ranges", "country": "FR"},
    ),
    "osm.to_osm": (osm.to_osm, [PANTIN], {"service": "etat-civil", "admission": "comment"}),
    "osm.to_tags": (osm.to_tags, [PANTIN], {}),
    "widget.payload": (widget.payload, [PANTIN, AT, "etat-civil", "fr"], {"wrap": False}),
    "widget.week": (
        widget.week,
        [PANTIN, DAY, "etat-civil", "fr"],
        {"days": 7, "today": None, "wrap": False},
    ),
    "widget.business_date": (widget.business_date, [PANTIN, AT, "etat-civil"], {}),
    "jsonld.to_jsonld": (
        jsonld.to_jsonld,
        [PANTIN],
        {
            "start": DAY,
            "days": 30,
            "type": "GovernmentOffice",
            "service_type": "GovernmentService",
            "id": None,
            "lang": "fr",
        },
    ),
    "gbp.to_gbp": (gbp.to_gbp, [PANTIN], {"service": "etat-civil", "start": DAY, "days": 30}),
    "annuaire.to_plages": (annuaire.to_plages, [PANTIN, "etat-civil"], {}),
    "annuaire.to_annuaire": (annuaire.to_annuaire, [PANTIN, "etat-civil"], {}),
    "annuaire.from_plages": (
        annuaire.from_plages,
        [annuaire.to_plages(PANTIN)],
        {"name": "x", "timezone": "Europe/Paris", "country": "FR", "subdivision": None},
    ),
    "annuaire.from_annuaire": (annuaire.from_annuaire, [annuaire.to_annuaire(PANTIN)], {}),
    "bulk.open_at": (bulk.open_at, [[PANTIN, VALUE], AT], {"service": None}),
    "bulk.states_at": (bulk.states_at, [[PANTIN], AT], {"service": None}),
    "bulk.states": (bulk.states, [PANTIN, [AT]], {"service": None}),
    "bulk.is_open_many": (bulk.is_open_many, [PANTIN, [AT]], {"service": "etat-civil"}),
    "bulk.Places": (bulk.Places, [[PANTIN]], {"service": None}),
    "examples.load_example": (examples.load_example, ["pantin"], {}),
    "dump": (horaires.dump, [PANTIN], {}),
    "dumps": (horaires.dumps, [PANTIN], {"format": "json"}),
    "text.capitalize": (text.capitalize, ["lundi"], {}),
    "text.join": (text.join, [["a", "b"]], {"lang": "fr"}),
    "text.weekday_name": (text.weekday_name, [0], {"lang": "de"}),
    "text.first_weekday": (text.first_weekday, [], {"lang": "en"}),
    "text.format_hm": (text.format_hm, [dt.time(17, 30)], {"lang": "fr"}),
    "text.format_duration": (text.format_duration, [dt.timedelta(minutes=90)], {"lang": "fr"}),
    "text.format_relative": (text.format_relative, [dt.timedelta(minutes=20)], {"lang": "fr"}),
    "text.format_date": (text.format_date, [DAY], {"lang": "fr"}),
    "text.format_datetime": (text.format_datetime, [AT], {"lang": "fr"}),
    "text.format_when": (text.format_when, [LATER, AT], {"closing": False}),
    "text.nowrap": (text.nowrap, ["8 h 30"], {"lang": "fr"}),
    "text.describe_slots": (text.describe_slots, [PANTIN.hours.mon], {"lang": "fr"}),
    "text.describe_interval": (text.describe_interval, [AT, LATER], {"lang": "fr"}),
    "text.describe_day": (text.describe_day, [PANTIN.day(DAY)], {"lang": "fr"}),
    "text.format_days": (text.format_days, [[0, 2]], {"lang": "fr"}),
    "text.describe_days": (text.describe_days, [PANTIN, DAY, 3], {"service": None}),
    "text.describe_upcoming": (text.describe_upcoming, [PANTIN, DAY], {"days": 30}),
    "text.describe_week": (text.describe_week, [PANTIN], {"lang": "fr"}),
    "text.describe_status": (text.describe_status, [PANTIN.status(AT)], {"lang": "fr"}),
    "text.sentence_changes": (text.sentence_changes, [PANTIN.status(AT)], {"until": LATER}),
}
"""Each public function of the engine, queries, exports, texts and OSM sides, with valid
arguments."""

DATA = {("load", 0), ("annuaire.from_annuaire", 0)}
"""Arguments that take any data (a configuration): junk there is a ConfigError."""


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_junk_in_any_argument_is_a_horaires_error(budget: Budget, name: str) -> None:
    function, args, kwargs = PUBLIC[name]
    function(*args, **kwargs)  # valid as given
    slots: list[int | str] = [*range(len(args)), *kwargs]
    for slot in slots:
        for junk in JUNK:
            a, k = list(args), dict(kwargs)
            if isinstance(slot, int):
                a[slot] = junk
            else:
                k[slot] = junk
            with budget():
                try:
                    function(*a, **k)
                except HorairesError as error:
                    if isinstance(junk, Junk) and (name, slot) not in DATA:
                        assert isinstance(error, ArgumentError), (slot, error)
                except Exception as error:  # pragma: no cover - the failure says which
                    pytest.fail(f"{name}: {slot}={junk!r} raised {type(error).__name__}: {error}")
                else:
                    assert not isinstance(junk, Junk) or (name, slot) in DATA, slot


def test_an_argument_error_is_a_type_error_and_names_the_argument() -> None:
    with pytest.raises(TypeError, match=r"service=\[\] is not a str or None"):
        PANTIN.is_open(AT, service=[])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"days=True is not a int"):
        jsonld.to_jsonld(PANTIN, days=True)
    with pytest.raises(ArgumentError, match=r"place='x' is not a Establishment or Timeline"):
        bulk.open_at(["x"], AT)  # type: ignore[list-item]
