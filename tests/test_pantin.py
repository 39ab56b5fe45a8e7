"""Hand-checked answers for the Centre administratif de Pantin (the bundled example).

Hours: Mon, Tue, Wed, Fri 08:30-12:30 and 13:30-17:30; Thu 13:30-17:30; Saturday 09:00-12:30
for the état-civil desk only; counters stop admitting 30 minutes before each closing;
closed on French public holidays.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from horaires import Establishment, dump, examples, load

PARIS = ZoneInfo("Europe/Paris")


def at(day: str, hm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hm}").replace(tzinfo=PARIS)


@pytest.fixture(scope="module")
def pantin() -> Establishment:
    return examples.pantin()


# Monday 5 May 2025, an ordinary Monday: (time, open, accepting)
MONDAY = [
    ("08:29", False, False),
    ("08:30", True, True),
    ("11:59", True, True),
    ("12:00", True, False),
    ("12:29", True, False),
    ("12:30", False, False),
    ("13:29", False, False),
    ("13:30", True, True),
    ("16:59", True, True),
    ("17:00", True, False),
    ("17:29", True, False),
    ("17:30", False, False),
]


@pytest.mark.parametrize("service", [None, "etat-civil", "urbanisme", "accueil"])
@pytest.mark.parametrize(("hm", "is_open", "accepting"), MONDAY)
def test_monday_boundaries(
    pantin: Establishment, service: str | None, hm: str, is_open: bool, accepting: bool
) -> None:
    when = at("2025-05-05", hm)
    assert pantin.is_open(when, service=service) is is_open
    assert pantin.can_be_served(when, service=service) is accepting


def test_status_before_lunch_cutoff(pantin: Establishment) -> None:
    status = pantin.status(at("2025-05-05", "11:00"))
    assert (status.open, status.accepting) == (True, True)
    assert status.closes_at == at("2025-05-05", "12:30")
    assert status.last_admission_at == at("2025-05-05", "12:00")
    assert status.next_change == at("2025-05-05", "12:00")
    assert status.next_opening == at("2025-05-05", "13:30")
    assert status.reason is None
    assert status.services_accepting == ("etat-civil", "urbanisme", "accueil")


def test_status_after_last_admission(pantin: Establishment) -> None:
    status = pantin.status(at("2025-05-05", "17:10"), service="urbanisme")
    assert (status.open, status.accepting) == (True, False)
    assert status.closes_at == at("2025-05-05", "17:30")
    assert status.last_admission_at == at("2025-05-05", "17:00")
    assert status.next_change == at("2025-05-05", "17:30")
    assert status.next_opening == at("2025-05-06", "08:30")
    assert status.service == "urbanisme"


def test_thursday_morning_is_closed(pantin: Establishment) -> None:
    thursday = "2025-05-15"
    assert not pantin.is_open(at(thursday, "10:00"))
    assert pantin.next_opening(at(thursday, "10:00")) == at(thursday, "13:30")
    assert pantin.can_be_served(at(thursday, "16:59"))
    assert not pantin.can_be_served(at(thursday, "17:00"))


def test_saturday_only_etat_civil(pantin: Establishment) -> None:
    saturday = "2025-05-10"
    assert pantin.can_be_served(at(saturday, "10:00"), service="etat-civil")
    assert not pantin.is_open(at(saturday, "10:00"), service="urbanisme")
    whole = pantin.status(at(saturday, "10:00"))
    assert (whole.open, whole.accepting) == (True, True)
    assert whole.services_open == ("etat-civil",)
    assert whole.services_accepting == ("etat-civil",)
    assert whole.closes_at == at(saturday, "12:30")
    assert whole.last_admission_at == at(saturday, "12:00")
    late = pantin.status(at(saturday, "12:15"))
    assert (late.open, late.accepting, late.services_accepting) == (True, False, ())
    assert not pantin.is_open(at(saturday, "12:30"), service="etat-civil")
    assert not pantin.is_open(at(saturday, "08:59"))
    assert pantin.next_opening(at(saturday, "08:00"), service="urbanisme") == at(
        "2025-05-12", "08:30"
    )


def test_sunday_is_closed(pantin: Establishment) -> None:
    status = pantin.status(at("2025-05-11", "11:00"))
    assert not status.open and not status.accepting
    assert status.next_opening == at("2025-05-12", "08:30")
    assert status.next_change == at("2025-05-12", "08:30")
    assert status.closes_at is None and status.last_admission_at is None


def test_week_intervals(pantin: Establishment) -> None:
    got = [
        (
            i.start.strftime("%a %d %H:%M"),
            i.end.strftime("%H:%M"),
            i.last_admission.strftime("%H:%M"),
        )
        for i in pantin.intervals(at("2025-05-12", "00:00"), at("2025-05-19", "00:00"))
        if i.end is not None and i.last_admission is not None
    ]
    full_day = [("08:30", "12:30", "12:00"), ("13:30", "17:30", "17:00")]
    expected = []
    for day in ("Mon 12", "Tue 13", "Wed 14"):
        expected += [(f"{day} {o}", c, la) for o, c, la in full_day]
    expected.append(("Thu 15 13:30", "17:30", "17:00"))
    expected += [(f"Fri 16 {o}", c, la) for o, c, la in full_day]
    expected.append(("Sat 17 09:00", "12:30", "12:00"))
    assert got == expected


HOLIDAYS = {
    "2025-01-01": "Jour de l'an",
    "2025-04-21": "Lundi de Pâques",
    "2025-05-01": "Fête du Travail",
    "2025-05-08": "Fête de la Victoire",
    "2025-05-29": "Ascension",
    "2025-06-09": "Lundi de Pentecôte",
    "2025-07-14": "Fête nationale",
    "2025-08-15": "Assomption",
    "2025-11-01": "Toussaint",
    "2025-11-11": "Armistice",
    "2025-12-25": "Noël",
    "2026-01-01": "Jour de l'an",
    "2026-04-06": "Lundi de Pâques",
    "2026-05-01": "Fête du Travail",
    "2026-05-08": "Fête de la Victoire",
    "2026-05-14": "Ascension",
    "2026-05-25": "Lundi de Pentecôte",
    "2026-07-14": "Fête nationale",
    "2026-08-15": "Assomption",
    "2026-11-01": "Toussaint",
    "2026-11-11": "Armistice",
    "2026-12-25": "Noël",
}


@pytest.mark.parametrize(("day", "name"), sorted(HOLIDAYS.items()))
def test_french_public_holidays_close_everything(
    pantin: Establishment, day: str, name: str
) -> None:
    for hm in ("09:00", "10:00", "14:00"):
        status = pantin.status(at(day, hm))
        assert not status.open, (day, hm)
        assert status.reason == name
        for service in pantin.services:
            assert not pantin.is_open(at(day, hm), service=service)
    assert pantin.day(date.fromisoformat(day)).rule == "holiday"


def test_holiday_names_in_english(pantin: Establishment) -> None:
    assert pantin.status(at("2025-05-01", "10:00"), lang="en").reason == "Labor Day"
    assert pantin.day(date(2025, 7, 14), lang="en").label == "National Day"


def test_good_friday_open_in_mainland_closed_in_moselle(pantin: Establishment) -> None:
    good_friday = at("2025-04-18", "10:00")
    assert pantin.can_be_served(good_friday)
    data = dump(pantin)
    data["holidays"]["subdivision"] = "57"
    moselle = load(data)
    status = moselle.status(good_friday)
    assert not status.open
    assert status.reason == "Vendredi saint"
    assert not moselle.is_open(at("2025-12-26", "10:00"))  # Saint-Étienne, Friday
    assert pantin.is_open(at("2025-12-26", "10:00"))


def test_holiday_on_saturday_closes_the_saturday_desk(pantin: Establishment) -> None:
    assert not pantin.is_open(at("2026-08-15", "10:00"), service="etat-civil")
    assert pantin.is_open(at("2026-08-22", "10:00"), service="etat-civil")


def test_end_of_day_reading_of_the_asterisk(pantin: Establishment) -> None:
    data = dump(pantin)
    data["admission"]["applies_to"] = "end_of_day"
    variant = load(data)
    assert variant.can_be_served(at("2025-05-05", "12:10"))  # no cutoff before lunch
    assert not variant.can_be_served(at("2025-05-05", "17:10"))
    assert variant.status(at("2025-05-05", "11:00")).last_admission_at == at("2025-05-05", "12:30")


def test_queries_in_other_zones_answer_in_paris_time(pantin: Establishment) -> None:
    utc = datetime(2025, 5, 5, 9, 59, tzinfo=ZoneInfo("UTC"))  # 11:59 in Paris
    new_york = datetime(2025, 5, 5, 5, 59, tzinfo=ZoneInfo("America/New_York"))  # same instant
    for when in (utc, new_york):
        status = pantin.status(when)
        assert (status.open, status.accepting) == (True, True)
        assert status.at == at("2025-05-05", "11:59")
        assert status.at.tzinfo == PARIS
        assert status.next_change == at("2025-05-05", "12:00")
    assert not pantin.can_be_served(datetime(2025, 5, 5, 6, 0, tzinfo=ZoneInfo("America/New_York")))


def test_day_reports_the_rule(pantin: Establishment) -> None:
    saturday = pantin.day(date(2025, 5, 10), service="etat-civil")
    assert [s.span for s in saturday.slots] == ["09:00-12:30"]
    assert (saturday.rule, saturday.source) == ("weekly", "etat-civil")
    general = pantin.day(date(2025, 5, 10), service="urbanisme")
    assert general.closed and general.source is None
    whole = pantin.day(date(2025, 5, 10))
    assert [s.span for s in whole.slots] == ["09:00-12:30"]
