"""Which hours apply on a date: the most specific rule wins (docs/configuration.md#precedence)."""

from __future__ import annotations

from datetime import date
from typing import Any

from horaires import load

WEEK = {
    "mon": ["09:00-17:00"],
    "tue": ["09:00-17:00"],
    "wed": ["09:00-17:00"],
    "thu": ["09:00-17:00"],
    "fri": ["09:00-17:00"],
    "sat": ["09:00-12:00"],
}


def spans(
    config: dict[str, Any], day: date, service: str | None = None
) -> tuple[list[str], str, str | None]:
    result = load({"name": "Mairie", **config}).day(day, service=service)
    return [slot.span for slot in result.slots], result.rule, result.label


def test_levels_in_order() -> None:
    config = {
        "hours": WEEK,
        "holidays": {"country": "FR"},
        "exceptions": [{"date": "2025-05-01", "hours": ["10:00-11:00"], "label": "Permanence"}],
        "seasons": [
            {"start": "07-01", "end": "08-31", "label": "Été", "hours": {"mon": ["09:00-12:00"]}}
        ],
        "services": {
            "desk": {
                "exceptions": [{"date": "2025-05-01", "hours": ["10:00-10:30"], "label": "Desk"}]
            }
        },
    }
    # 1. the service's exception beats 2. the establishment's exception
    assert spans(config, date(2025, 5, 1), "desk") == (["10:00-10:30"], "exception", "Desk")
    assert spans(config, date(2025, 5, 1)) == (["10:00-11:00"], "exception", "Permanence")
    # 3. a holiday beats 4. a season (14 July 2025 is a Monday, in the summer season)
    assert spans(config, date(2025, 7, 14)) == ([], "holiday", "Fête nationale")
    # 4. a season beats 5. the weekly hours, for the weekdays it names
    assert spans(config, date(2025, 7, 7)) == (["09:00-12:00"], "season", "Été")
    assert spans(config, date(2025, 7, 8)) == (["09:00-17:00"], "weekly", None)


def test_default_labels_follow_the_language() -> None:
    config = {
        "hours": WEEK,
        "exceptions": [
            {"date": "2025-05-02", "hours": "closed"},
            {"date": "2025-05-05", "hours": ["09:00-10:00"]},
        ],
    }
    assert spans(config, date(2025, 5, 2))[2] == "Fermeture exceptionnelle"
    assert spans(config, date(2025, 5, 5))[2] == "Horaires exceptionnels"
    assert spans({**config, "language": "en"}, date(2025, 5, 2))[2] == "Exceptional closure"


def test_narrower_span_wins_within_a_level() -> None:
    config = {
        "hours": WEEK,
        "exceptions": [
            {"start": "2025-08-01", "end": "2025-08-31", "hours": "closed", "label": "Août"},
            {
                "start": "2025-08-11",
                "end": "2025-08-15",
                "hours": ["09:00-12:00"],
                "label": "Semaine",
            },
            {"date": "2025-08-12", "hours": ["14:00-15:00"], "label": "Jour"},
            {"rrule": "FREQ=WEEKLY;BYDAY=MO", "hours": ["08:00-09:00"], "label": "Lundis"},
        ],
    }
    assert spans(config, date(2025, 8, 4)) == (
        [],
        "exception",
        "Août",
    )  # a range beats a recurrence
    assert spans(config, date(2025, 8, 11)) == (["09:00-12:00"], "exception", "Semaine")
    assert spans(config, date(2025, 8, 12)) == (["14:00-15:00"], "exception", "Jour")
    assert spans(config, date(2025, 9, 1)) == (["08:00-09:00"], "exception", "Lundis")


def test_rarer_recurrence_beats_a_frequent_one() -> None:
    config = {
        "hours": WEEK,
        "exceptions": [
            {"rrule": "FREQ=WEEKLY;BYDAY=SA", "hours": ["10:00-12:00"], "label": "Samedis"},
            {"rrule": "FREQ=MONTHLY;BYDAY=1SA", "hours": "closed", "label": "Premier samedi"},
        ],
    }
    assert spans(config, date(2025, 6, 7))[2] == "Premier samedi"
    assert spans(config, date(2025, 6, 14))[2] == "Samedis"


def test_recurrence_bounds() -> None:
    config = {
        "hours": WEEK,
        "exceptions": [
            {
                "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
                "start": "2025-01-01",
                "end": "2025-03-31",
                "hours": "closed",
            }
        ],
    }
    closed = [
        d
        for d in (date(2025, 1, 1) + __import__("datetime").timedelta(days=i) for i in range(120))
        if spans(config, d)[1] == "exception"
    ]
    assert closed[:3] == [date(2025, 1, 1), date(2025, 1, 15), date(2025, 1, 29)]
    assert closed[-1] == date(2025, 3, 26) and len(closed) == 7


def test_seasons_every_year_dated_and_wrapping() -> None:
    config = {
        "hours": WEEK,
        "seasons": [
            {"start": "12-20", "end": "01-05", "label": "Fêtes", "hours": {"mon": [], "tue": []}},
            {
                "start": "2025-12-22",
                "end": "2025-12-23",
                "label": "Dated",
                "hours": {"mon": ["10:00-11:00"]},
            },
        ],
    }
    assert spans(config, date(2026, 1, 5)) == ([], "season", "Fêtes")
    assert spans(config, date(2024, 12, 24)) == ([], "season", "Fêtes")
    assert spans(config, date(2025, 12, 22)) == (["10:00-11:00"], "season", "Dated")  # narrower
    assert spans(config, date(2025, 12, 23)) == ([], "season", "Fêtes")  # Dated names no Tuesday
    assert spans(config, date(2025, 12, 24)) == (["09:00-17:00"], "weekly", None)  # a Wednesday


def test_service_inherits_and_overrides() -> None:
    config = {
        "hours": WEEK,
        "holidays": {"country": "FR"},
        "seasons": [{"start": "07-01", "end": "08-31", "hours": {"sat": []}}],
        "services": {
            "evening": {"hours": {"thu": ["09:00-19:00"]}},
            "own": {"inherit_hours": False, "hours": {"tue": ["14:00-16:00"]}},
            "holiday-desk": {"holiday_hours": ["10:00-12:00"]},
            "summer": {
                "seasons": [{"start": "07-01", "end": "08-31", "hours": {"sat": ["09:00-11:00"]}}]
            },
        },
    }
    assert spans(config, date(2025, 5, 15), "evening")[0] == ["09:00-19:00"]
    assert spans(config, date(2025, 5, 16), "evening")[0] == ["09:00-17:00"]
    assert spans(config, date(2025, 5, 13), "own")[0] == ["14:00-16:00"]
    assert spans(config, date(2025, 5, 12), "own")[0] == []
    assert spans(config, date(2025, 5, 1), "holiday-desk") == (
        ["10:00-12:00"],
        "holiday",
        "Fête du Travail",
    )
    assert spans(config, date(2025, 5, 1), "evening")[1:] == ("holiday", "Fête du Travail")
    assert spans(config, date(2025, 7, 5), "summer")[0] == ["09:00-11:00"]
    assert spans(config, date(2025, 7, 5), "evening")[0] == []  # the establishment's season
    assert spans(config, date(2025, 7, 5), "own")[0] == []  # inherits nothing: its own week
    config["seasons"] = [{"start": "07-01", "end": "08-31", "hours": {"tue": ["09:00-10:00"]}}]
    assert spans(config, date(2025, 7, 8), "own") == (["14:00-16:00"], "weekly", None)
    assert spans(config, date(2025, 7, 8), "evening")[1] == "season"


def test_holiday_hours_usual_and_slots() -> None:
    usual = {"hours": WEEK, "holidays": {"country": "FR"}, "holiday_hours": "usual"}
    assert spans(usual, date(2025, 5, 1)) == (["09:00-17:00"], "weekly", None)
    short = {**usual, "holiday_hours": ["10:00-12:00"]}
    assert spans(short, date(2025, 5, 1)) == (["10:00-12:00"], "holiday", "Fête du Travail")


def test_unknown_hours_only_when_asked() -> None:
    config = {
        "hours": WEEK,
        "exceptions": [{"date": "2025-05-02", "hours": "unknown", "label": "Appeler"}],
    }
    mairie = load({"name": "M", **config})
    from datetime import datetime
    from zoneinfo import ZoneInfo

    status = mairie.status(datetime(2025, 5, 2, 10, tzinfo=ZoneInfo("Europe/Paris")))
    assert (status.open, status.accepting, status.unknown, status.reason) == (
        False,
        False,
        True,
        "Appeler",
    )
    normal = mairie.status(datetime(2025, 5, 5, 10, tzinfo=ZoneInfo("Europe/Paris")))
    assert not normal.unknown
    day = datetime(2025, 5, 2, tzinfo=ZoneInfo("Europe/Paris"))
    [interval] = mairie.intervals(day, day.replace(day=3))
    assert (interval.unknown, interval.label, interval.last_admission) == (True, "Appeler", None)
    assert mairie.is_unknown(day.replace(hour=10)) and not mairie.is_open(day.replace(hour=10))
    whole = load(
        {
            "name": "M",
            **config,
            "services": {
                "desk": {
                    "exceptions": [
                        {"date": "2025-05-02", "hours": ["09:00-10:00"], "label": "Desk"}
                    ]
                }
            },
        }
    )
    kinds = [
        (i.start.hour, i.end.hour if i.end else None, i.unknown, i.label)
        for i in whole.intervals(day, day.replace(day=3))
    ]
    assert kinds == [(0, 9, True, "Appeler"), (9, 10, False, "Desk"), (10, 0, True, "Appeler")]


def test_a_view_reaches_the_next_date_only_through_its_own_hours() -> None:
    """A date's slots reach the next date when a slot of the view's hours (the
    establishment's, and its service's) runs past midnight or ends at a sun time: the
    compiler then reads the date before too (docs/performance.md#the-first-question)."""
    from horaires._resolve import View

    place = load(
        {
            "name": "Mairie",
            "hours": {"mon": ["08:30-12:30"]},
            "services": {"bar": {"hours": {"fri": ["18:00-02:00"]}}, "desk": {}},
        }
    )
    assert [View(place, s).reach for s in (None, "bar", "desk")] == [1, 2, 1]
    night = load(
        {
            "name": "Bar",
            "hours": {"sat": ["sunrise-sunset"]},
            "location": {"lat": 48.9, "lon": 2.4},
            "services": {"desk": {}},
        }
    )
    assert [View(night, s).reach for s in (None, "desk")] == [2, 2]
