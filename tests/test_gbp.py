"""Google Business Profile regularHours and specialHours."""

from __future__ import annotations

import datetime as dt

import pytest

from _golden import check_json
from horaires import examples, load
from horaires.gbp import to_gbp

START = dt.date(2025, 4, 28)


@pytest.mark.parametrize("name", examples.names())
def test_golden(name: str) -> None:
    check_json(f"gbp/{name}.json", to_gbp(examples.load_example(name), start=START, days=180))


def test_pantin_whole_and_service() -> None:
    whole = to_gbp(examples.pantin(), start=START, days=14)
    days = [p["openDay"] for p in whole["regularHours"]["periods"]]
    assert days.count("SATURDAY") == 1 and "SUNDAY" not in days
    only = to_gbp(examples.pantin(), service="urbanisme", start=START, days=14)
    assert "SATURDAY" not in [p["openDay"] for p in only["regularHours"]["periods"]]
    assert only["specialHours"]["specialHourPeriods"] == [
        {"startDate": {"year": 2025, "month": 5, "day": 1}, "closed": True},
        {"startDate": {"year": 2025, "month": 5, "day": 8}, "closed": True},
    ]


def test_nights_midnight_and_seasons() -> None:
    night = to_gbp(examples.load_example("pharmacy"), start=dt.date(2025, 12, 24), days=1)
    assert night["regularHours"]["periods"][6] == {
        "openDay": "SUNDAY",
        "openTime": {"hours": 20, "minutes": 0},
        "closeDay": "MONDAY",
        "closeTime": {"hours": 8, "minutes": 0},
    }
    assert night["specialHours"]["specialHourPeriods"] == [
        {
            "startDate": {"year": 2025, "month": 12, "day": 24},
            "openTime": {"hours": 18, "minutes": 0},
            "endDate": {"year": 2025, "month": 12, "day": 25},
            "closeTime": {"hours": 8, "minutes": 0},
        }
    ]
    late = to_gbp(load({"name": "Bar", "hours": {"fri": ["18:00-24:00"]}}), start=START, days=1)
    assert late["regularHours"]["periods"][0]["closeDay"] == "FRIDAY"
    assert late["regularHours"]["periods"][0]["closeTime"] == {"hours": 24, "minutes": 0}
    summer = to_gbp(examples.load_example("museum"), start=dt.date(2025, 7, 1), days=7)
    special = summer["specialHours"]["specialHourPeriods"]
    assert len(special) == 6 and special[0]["closeTime"] == {"hours": 19, "minutes": 0}


def test_unknown_days_are_left_out() -> None:
    est = load(
        {
            "name": "X",
            "hours": {"mon": ["09:00-12:00"]},
            "exceptions": [{"date": "2025-05-05", "hours": "unknown"}],
        }
    )
    assert to_gbp(est, start=START, days=14)["specialHours"]["specialHourPeriods"] == []
