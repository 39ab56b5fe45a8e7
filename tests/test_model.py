"""Bad configurations: every error is a HorairesError (and ValueError) naming its path."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from horaires import ConfigError, HorairesError, Slot, load

BASE: dict[str, Any] = {"name": "Mairie"}


def error_of(**config: Any) -> str:
    with pytest.raises(ConfigError) as caught:
        load({**BASE, **config})
    assert isinstance(caught.value, HorairesError) and isinstance(caught.value, ValueError)
    return str(caught.value)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            {"services": {"etat-civil": {"hours": {"sat": ["13:00-12:00"]}}}},
            "services.etat-civil.hours.sat[0]: closes (12:00) before it opens (13:00)",
        ),
        (
            {"hours": {"mon": ["8h30 to 12:00"]}},
            "hours.mon[0]: '8h30 to 12:00' is not a slot: expected HH:MM-HH:MM",
        ),
        (
            {"hours": {"mon": ["08:30-49:00"]}},
            "hours.mon[0]: '49:00' is not a time between 00:00 and 48:00",
        ),
        ({"hours": {"mon": ["08:61-12:00"]}}, "hours.mon[0]: '08:61' is not a time"),
        ({"hours": {"mon": ["24:00-02:00"]}}, "hours.mon[0]: opens at 24:00"),
        (
            {"hours": {"mon": ["08:00-08:00"]}},
            "hours.mon[0]: closes (08:00) when it opens: empty slot",
        ),
        (
            {"hours": {"mon": ["08:30-12:30", "12:00-14:00"]}},
            "hours.mon: [1] (12:00-14:00) overlaps [0] (08:30-12:30)",
        ),
        (
            {"hours": {"mun": ["08:30-12:30"]}},
            "hours.mun: unknown weekday 'mun' (did you mean 'mon' or 'sun'?): "
            "expected one of mon, tue, wed, thu, fri, sat, sun",
        ),
        (
            {"hours": {"mon": [{"opens": "08:00", "closes": "12:00", "last_admission": "12:30"}]}},
            "hours.mon[0]: last admission (12:30) is outside the slot 08:00-12:00",
        ),
        ({"holidays": {"country": "XX"}}, "holidays: unknown country 'XX'"),
        (
            {"holidays": {"country": "FR", "subdivision": "99"}},
            "holidays: unknown subdivision '99' of FR: expected one of 57, 6AE",
        ),
        ({"timezone": "Europe/Pantin"}, "timezone: unknown time zone 'Europe/Pantin'"),
        (
            {"admission": {"before_closing": "half an hour"}},
            "admission.before_closing: 'half an hour' is not a duration",
        ),
        (
            {"admission": {"before_closing": -5}},
            "admission.before_closing: -1 day, 23:55:00 is not between 0 and 24 hours",
        ),
        (
            {"admission": {"applies_to": "lunch"}},
            "admission.applies_to: 'lunch' is not 'each_closing' or 'end_of_day'",
        ),
        ({"exceptions": [{"date": "2025-12-24"}]}, "exceptions[0].hours: is required"),
        (
            {"exceptions": [{"hours": "closed"}]},
            "exceptions[0]: give date, or start and end (inclusive), or rrule",
        ),
        (
            {"exceptions": [{"start": "2025-08-20", "end": "2025-08-01", "hours": "closed"}]},
            "exceptions[0]: end (2025-08-01) is before start (2025-08-20)",
        ),
        (
            {"exceptions": [{"rrule": "FREQ=SOMETIMES", "hours": "closed"}]},
            "exceptions[0].rrule: invalid RRULE 'FREQ=SOMETIMES'",
        ),
        (
            {
                "exceptions": [
                    {"date": "2025-12-24", "hours": "closed"},
                    {"date": "2025-12-24", "hours": ["09:00-12:00"]},
                ]
            },
            "exceptions[1]: covers 2025-12-24 like exceptions[0], with the same span",
        ),
        (
            {
                "exceptions": [
                    {"rrule": "FREQ=MONTHLY;BYDAY=1SA", "hours": "closed"},
                    {"rrule": "FREQ=MONTHLY;BYDAY=1SA", "hours": ["09:00-10:00"]},
                ]
            },
            "exceptions[1]: covers 2000-01-01 like exceptions[0], with the same span",
        ),
        (
            {"seasons": [{"start": "07-15", "end": "13-01", "hours": {}}]},
            "seasons[0].end: '13-01' is not a month-day (MM-DD)",
        ),
        (
            {"seasons": [{"start": "07-15", "end": "2025-08-01", "hours": {}}]},
            "seasons[0]: start and end are both dates or both month-days",
        ),
        ({"services": {"état civil": {}}}, "services: 'état civil' is not a service id"),
        (
            {"services": {"x": {"hours": {"sat": "09:00-12:00"}}}},
            """services.x.hours.sat: '09:00-12:00' is not a list of slots: write ["09:00-12:00"]""",
        ),
        ({"colour": "blue"}, "colour: unknown key 'colour'"),
        ({"language": "French"}, "language: unsupported language 'French': expected one of fr, en"),
    ],
)
def test_errors_name_the_path(config: dict[str, Any], expected: str) -> None:
    assert expected in error_of(**config)


def test_one_issue_per_problem() -> None:
    assert error_of(seasons=[{"start": "summer", "end": "08-01", "hours": {}}]).count("\n") == 0
    assert error_of(holiday_hours="sometimes").count("\n") <= 1


def test_missing_name() -> None:
    with pytest.raises(ConfigError, match=r"^name: is required$"):
        load({})


def test_several_problems_are_all_reported() -> None:
    message = error_of(hours={"mon": ["8-12am"], "tue": ["13:00-12:00"]}, timezone="Nowhere")
    assert message.count("\n") == 2


def test_config_must_be_a_table() -> None:
    with pytest.raises(ConfigError, match="a configuration is a table"):
        load(["not", "a", "dict"])  # type: ignore[arg-type]


def test_direct_construction_raises_config_errors_too() -> None:
    with pytest.raises(ConfigError, match="closes"):
        Slot(opens="13:00", closes="12:00")


def test_slots_past_midnight() -> None:
    assert (Slot.parse("22:00-02:00").closes, Slot.parse("13:00-36:00").closes) == (1560, 2160)
    assert Slot.parse("20:00-24:00").closes == 1440
    late = Slot(opens="22:00", closes="02:00", last_admission="01:30")
    assert late.last_admission == 1530


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("22:00-02:00", "22:00-02:00"),
        ("13:00-36:00", "13:00-36:00"),
        ("22:00-48:00", "22:00-48:00"),
        ("01:10-33:45", "01:10-33:45"),
        ("20:00-24:00", "20:00-24:00"),
    ],
)
def test_slot_text_reads_back_the_same(text: str, shown: str) -> None:
    assert str(Slot.parse(text)) == shown
    assert Slot.parse(str(Slot.parse(text))) == Slot.parse(text)


def test_naive_datetime_says_how_to_fix() -> None:
    mairie = load({**BASE, "hours": {"mon": ["08:30-12:30"]}})
    with pytest.raises(HorairesError, match="has no time zone: pass an aware datetime"):
        mairie.is_open(datetime(2025, 5, 5, 10, 0))


def test_unknown_service_lists_known_ids() -> None:
    mairie = load({**BASE, "services": {"etat-civil": {}, "urbanisme": {}}})
    with pytest.raises(
        HorairesError, match="unknown service 'cantine'; known services: etat-civil, urbanisme"
    ):
        mairie.status(service="cantine")
    with pytest.raises(KeyError):
        mairie.is_open(service="cantine")


def test_models_are_frozen_and_hashable() -> None:
    mairie = load({**BASE, "hours": {"mon": ["08:30-12:30"]}})
    with pytest.raises(Exception, match="frozen"):
        mairie.name = "Other"  # type: ignore[misc]
    assert hash(mairie) == hash(load({**BASE, "hours": {"mon": ["08:30-12:30"]}}))
