"""Every configuration in examples/ loads and answers queries, with hand-checked answers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from horaires import examples, load_file

PARIS = ZoneInfo("Europe/Paris")
FOLDER = Path(__file__).parent.parent / "examples"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


@pytest.mark.parametrize(
    "path", sorted(FOLDER.glob("*.toml")) + sorted(FOLDER.glob("*.json")), ids=lambda p: p.name
)
def test_every_config_loads_and_answers(path: Path) -> None:
    establishment = load_file(path)
    status = establishment.status(at("2025-06-11T11:00"))
    assert status.accepting <= status.open
    assert establishment.next_change(at("2025-06-11T11:00")) is not None
    assert list(establishment.intervals(at("2025-06-09T00:00"), at("2025-06-16T00:00")))


def test_bundled_examples_are_the_files_in_examples() -> None:
    assert examples.names() == sorted(p.stem for p in FOLDER.glob("*.toml"))
    for name in examples.names():
        assert examples.load_example(name) == load_file(FOLDER / f"{name}.toml")
    with pytest.raises(ValueError, match="no example 'paris'"):
        examples.load_example("paris")


def test_museum_last_entry_and_summer_hours() -> None:
    museum = examples.load_example("museum")
    assert museum.can_be_served(at("2025-06-11T16:59")) and not museum.can_be_served(
        at("2025-06-11T17:00")
    )
    assert museum.is_open(at("2025-06-11T17:59")) and not museum.is_open(at("2025-06-11T18:00"))
    summer = museum.status(at("2025-07-10T19:30"))  # a Thursday in summer: late opening
    assert summer.reason == "Horaires d'été"
    assert (summer.open, summer.accepting, summer.closes_at) == (True, True, at("2025-07-10T21:00"))
    assert not museum.is_open(at("2025-06-09T11:00"))  # Mondays
    assert museum.is_open(at("2025-08-15T11:00"))  # open on public holidays (Assomption)
    closed = museum.status(at("2025-12-25T11:00"))
    assert (closed.open, closed.reason) == (False, "Noël")
    assert museum.status(at("2026-05-01T11:00")).reason == "Fête du Travail"


def test_night_pharmacy_across_midnight() -> None:
    pharmacy = examples.load_example("pharmacy")
    assert pharmacy.is_open(at("2025-06-11T23:30")) and pharmacy.is_open(at("2025-06-12T07:59"))
    assert not pharmacy.is_open(at("2025-06-12T08:00"))
    assert pharmacy.status(at("2025-06-11T23:30")).closes_at == at("2025-06-12T08:00")
    assert pharmacy.is_open(at("2025-05-01T22:00"))  # holidays included


def test_town_hall_first_saturday_and_moselle_holidays() -> None:
    hall = examples.load_example("townhall")
    first = hall.status(at("2025-06-07T10:00"))
    assert (first.open, first.reason) == (False, "Fermé le premier samedi du mois")
    assert hall.can_be_served(at("2025-06-14T10:00"))
    assert hall.status(at("2025-04-18T10:00")).reason == "Vendredi saint"
    # end_of_day: no cutoff before lunch, 15 minutes before the evening closing
    assert hall.can_be_served(at("2025-06-11T11:59"))
    assert not hall.can_be_served(at("2025-06-11T16:45"))
    assert hall.can_be_served(at("2025-06-12T18:14")) and not hall.can_be_served(
        at("2025-06-12T18:15")
    )
    assert hall.status(at("2025-08-12T10:00")).reason == "Fermeture pour inventaire"
