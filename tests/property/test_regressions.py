"""Examples the property tests found, kept as plain tests."""

from __future__ import annotations

import pytest

import horaires


@pytest.mark.parametrize(
    "slot",
    [
        "01:00-26:00",  # 25 hours: written 01:00-02:00, it read back as one hour
        "01:00-25:00",  # 24 hours: written 01:00-01:00, it read back as an empty slot
        "00:00-24:01",
        {"opens": "00:00", "closes": "24:00", "last_admission": "24:00"},  # read back 00:00
        {"opens": "01:00", "closes": "26:00", "last_admission": "25:30"},
        {"opens": "22:00", "closes": "02:00", "last_admission": "01:00"},
        "13:00-36:00",
    ],
)
def test_slots_longer_than_a_day_round_trip(slot: object) -> None:
    place = horaires.load({"name": "Nuit", "hours": {"mon": [slot]}})
    assert horaires.load(horaires.dump(place)) == place
    assert horaires.loads(horaires.dumps(place)) == place
