"""Human text: French and English conventions, the week, the status sentence; golden files."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from _golden import check
from horaires import LANGUAGES, AdmissionRule, Slot, examples, load, loads
from horaires.text import (
    describe_admission,
    describe_day,
    describe_holidays,
    describe_slots,
    describe_status,
    describe_upcoming,
    describe_week,
    format_date,
    format_days,
    format_duration,
    format_hm,
    format_when,
    join,
)

PARIS = ZoneInfo("Europe/Paris")
START = dt.date(2025, 4, 28)
INSTANTS = [
    "2025-05-01T10:00",  # Fête du Travail
    "2025-05-03T10:00",  # Saturday morning
    "2025-05-05T08:10",  # before opening
    "2025-05-05T12:10",  # after last admission, before lunch
    "2025-05-05T13:20",  # lunch break
    "2025-05-05T16:40",  # open and admitting
    "2025-05-05T17:10",  # after last admission
    "2025-05-05T23:30",  # night
    "2025-05-09T17:10",  # Friday after last admission
    "2025-07-10T19:30",  # a summer Thursday
    "2025-08-12T10:00",  # town hall inventory
    "2025-12-24T19:00",  # Christmas Eve
]
ENGLISH = re.compile(
    r"\b(closed|open|opens|closes|and|at|every|day|last|admission|holidays?|AM|PM|hours?|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|May|June|July|August)\b"
)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS)


# -- conventions -------------------------------------------------------------------------------


def test_times() -> None:
    assert [format_hm(dt.time(h, m)) for h, m in ((8, 30), (9, 0), (17, 0), (0, 5))] == [
        "8 h 30",
        "9 h 00",
        "17 h 00",
        "0 h 05",
    ]
    assert [format_hm(dt.time(h, m), "en") for h, m in ((8, 30), (12, 0), (0, 5), (17, 0))] == [
        "8:30 AM",
        "12:00 PM",
        "12:05 AM",
        "5:00 PM",
    ]


def test_dates_lists_durations() -> None:
    assert format_date(dt.date(2025, 5, 1)) == "jeudi 1er mai 2025"
    assert format_date(dt.date(2025, 8, 15), year=False) == "vendredi 15 août"
    assert format_date(dt.date(2025, 8, 15), "en") == "Friday, August 15, 2025"
    assert (
        join(["a"]) == "a" and join(["a", "b"]) == "a et b" and join(["a", "b"], "en") == "a and b"
    )
    assert join(["a", "b", "c"], "en") == "a, b, and c" and join(["a", "b", "c"]) == "a, b et c"
    assert format_duration(dt.timedelta(minutes=20)) == "20 min"
    assert format_duration(dt.timedelta(minutes=75), "en") == "1 hr 15 min"


def test_days() -> None:
    assert format_days([0, 1, 2, 4]) == "lundi, mardi, mercredi et vendredi"
    assert format_days(range(7)) == "tous les jours" and format_days(range(7), "en") == "every day"
    assert format_days([0, 1, 2]) == "du lundi au mercredi"
    assert format_days([5, 6]) == "samedi et dimanche"
    assert format_days([1, 2, 3, 4, 5, 6], "en") == "Tuesday to Sunday"


def test_slots() -> None:
    assert describe_slots([Slot.parse("08:30-12:30"), Slot.parse("13:30-17:30")]) == (
        "8 h 30 – 12 h 30 et 13 h 30 – 17 h 30"
    )
    assert describe_slots([]) == "fermé" and describe_slots([], "en") == "closed"
    assert describe_slots([Slot.parse("00:00-24:00")]) == "24 h/24"
    assert describe_slots([Slot.parse("22:00-02:00")], "en") == "10:00 PM – 2:00 AM"
    own = Slot(opens="08:30", closes="12:30", last_admission="12:15")
    assert describe_slots([own]) == "8 h 30 – 12 h 30 (dernier accueil à 12 h 15)"
    assert describe_slots([own], "en") == "8:30 AM – 12:30 PM (last admission at 12:15 PM)"


def test_when() -> None:
    now = dt.datetime(2025, 5, 1, 10, 0)
    assert format_when(dt.datetime(2025, 5, 1, 17, 30), now) == "à 17 h 30"
    assert format_when(dt.datetime(2025, 5, 2, 8, 30), now) == "vendredi à 8 h 30"
    assert format_when(dt.datetime(2026, 1, 2, 8, 30), now) == "le vendredi 2 janvier 2026 à 8 h 30"
    assert format_when(dt.datetime(2025, 5, 12, 8, 30), now, "en") == "on Monday, May 12 at 8:30 AM"


def test_rules_in_words() -> None:
    rule = AdmissionRule(before_closing="30min")
    assert (
        describe_admission(rule)
        == "Dernier accueil 30 min avant chaque fermeture, pauses comprises."
    )
    assert describe_admission(rule, breaks=False) == "Dernier accueil 30 min avant la fermeture."
    assert describe_admission(
        AdmissionRule(before_closing="1h30", applies_to="end_of_day"), "en"
    ) == ("Last admission 1 hr 30 min before the end of the day.")
    assert describe_admission(None) is None and describe_admission(AdmissionRule()) is None
    assert describe_holidays("closed") == "Fermé les jours fériés."
    assert (
        describe_holidays((Slot.parse("09:00-12:00"),), "en")
        == "Public holidays: 9:00 AM – 12:00 PM."
    )


# -- the issue's sentences -----------------------------------------------------------------------


def sentence(when: str, service: str | None = None, lang: str = "fr") -> str:
    status = examples.pantin().status(at(when), service=service, lang=lang)
    return describe_status(status, lang)


def test_status_sentences_of_the_issue() -> None:
    assert sentence("2025-05-05T16:40") == "Ouvert · dernier accueil à 17 h 00 · ferme à 17 h 30"
    assert sentence("2025-05-09T17:10", "urbanisme") == (
        "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre lundi à 8 h 30"
    )
    assert sentence("2025-05-01T10:00") == "Fermé (Fête du Travail) · ouvre vendredi à 8 h 30"
    assert sentence("2025-05-05T08:10") == "Ouvre dans 20 minutes"
    assert sentence("2025-05-05T08:10", lang="en") == "Opens in 20 minutes"
    assert sentence("2025-05-05T08:29:30") == "Ouvre dans 1 minute"
    assert sentence("2025-05-05T07:29") == "Fermé · ouvre à 8 h 30"


def test_week_of_the_issue() -> None:
    lines = describe_week(examples.pantin(), start=START, days=0).splitlines()
    assert "Lundi, mardi, mercredi et vendredi : 8 h 30 – 12 h 30 et 13 h 30 – 17 h 30" in lines
    assert "Samedi, pôle état civil, élections et funéraire uniquement : 9 h 00 – 12 h 30" in lines
    assert "Dernier accueil 30 min avant chaque fermeture, pauses comprises." in lines
    assert not any(line.startswith("À venir") for line in lines)


def test_services_that_differ_on_open_days() -> None:
    est = load(
        {
            "name": "Mairie",
            "hours": {"mon": ["08:30-12:00"], "tue": ["08:30-12:00"]},
            "admission": {"before_closing": 15},
            "holidays": {"country": "FR"},
            "services": {
                "cni": {
                    "name": "CNI et passeports",
                    "hours": {"tue": []},
                    "admission": {"before_closing": 30},
                    "holiday_hours": "usual",
                },
                "ccas": {"name": "CCAS"},
            },
        }
    )
    text = describe_week(est, days=0)
    assert text.splitlines()[1:] == [
        "Lundi : 8 h 30 – 12 h 00",
        "Mardi : 8 h 30 – 12 h 00",
        "Mardi, CNI et passeports : fermé",
        "Du mercredi au dimanche : fermé",
        "Dernier accueil 15 min avant la fermeture.",
        "CNI et passeports : dernier accueil 30 min avant la fermeture.",
        "Fermé les jours fériés.",
        "CNI et passeports : ouvert les jours fériés, aux horaires habituels.",
    ]


def test_upcoming_names_a_service_closed_alone() -> None:
    lines = describe_upcoming(examples.pantin(), dt.date(2025, 10, 27), 10)
    assert lines == [
        "samedi 1er novembre 2025, pôle état civil, élections et funéraire : fermé (Toussaint)"
    ]
    ranges = describe_upcoming(
        examples.load_example("townhall"), dt.date(2025, 8, 10), 14, lang="en"
    )
    assert ranges == [
        "Monday, August 11 – Friday, August 22, 2025: closed (Fermeture pour inventaire)"
    ]


def test_day_reason() -> None:
    day = examples.pantin().day(dt.date(2025, 5, 1))
    assert describe_day(day) == "fermé (Fête du Travail)"


# -- golden files: every example, every language -------------------------------------------------


def statuses(name: str, lang: str) -> str:
    est = examples.load_example(name)
    lines = []
    for when in INSTANTS:
        for service in [None, *est.services]:
            status = est.status(at(when), service=service, lang=lang)
            lines.append(f"{when}  {service or '*':<10}  {describe_status(status, lang)}")
    return "\n".join(lines) + "\n"


def weeks(name: str, lang: str) -> str:
    est = examples.load_example(name)
    texts = [
        describe_week(est, service=s, start=START, days=250, lang=lang)
        for s in [None, *est.services]
    ]
    return "\n\n".join(texts) + "\n"


LANGS = [*LANGUAGES, "en-GB"]
"""Every supported language, and British English (24-hour times, Monday first)."""


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("lang", LANGS)
def test_golden_week(name: str, lang: str) -> None:
    check(f"text/{name}.week.{lang}.txt", weeks(name, lang))


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("lang", LANGS)
def test_golden_status(name: str, lang: str) -> None:
    check(f"text/{name}.status.{lang}.txt", statuses(name, lang))


@pytest.mark.parametrize("name", examples.names())
def test_no_english_in_french(name: str) -> None:
    est = examples.load_example(name)
    labels = {label for e in est.exceptions if (label := e.label)} | {
        s.label for s in est.seasons if s.label
    }
    for text in (weeks(name, "fr"), statuses(name, "fr")):
        for label in labels:
            text = text.replace(label, "")
        assert ENGLISH.findall(text) == []


# -- French that reads right: the defects of the first French texts, pinned --------------------

MAIRIE = """
name = "Mairie annexe"
[hours]
tue = ["09:00-12:00", "14:00-18:00"]
wed = ["09:00-12:00", "14:00-18:00"]
thu = ["09:00-12:00", "14:00-18:00"]
fri = ["09:00-12:00", "14:00-18:00"]
sat = ["09:00-12:00"]
[admission]
before_closing = "15min"
[holidays]
country = "FR"
[services.ants]
name = "Agence Nationale des Titres"
hours = { tue = ["09:00-12:00"] }
[services.ludo]
name = "Ludothèque"
inherit_hours = false
hours = { wed = ["14:00-18:00"], sat = ["10:00-12:00"] }
"""

BAR = """
name = "Le Bar"
[hours]
wed = ["18:00-01:00"]
[admission]
before_closing = "1h"
"""

LIBRARY = """
name = "Bibliothèque"
[hours]
mon = ["09:00-18:00"]
[[exceptions]]
date = "2025-05-05"
hours = "unknown"
"""


def test_french_week_reads_right() -> None:
    lines = describe_week(loads(MAIRIE), days=0).splitlines()
    # a proper name keeps its capitals; the week starts on an open day, closed days last
    assert lines[1:3] == [
        "Mardi : 9 h 00 – 12 h 00 et 14 h 00 – 18 h 00",
        "Mardi, Agence Nationale des Titres : 9 h 00 – 12 h 00",
    ]
    assert lines[5] == "Dimanche et lundi : fermé"
    # a service with hours of its own is said once, not on every group of days
    assert sum("Ludothèque" in line or "ludothèque" in line for line in lines) == 1
    assert lines[6:9] == [
        "Ludothèque :",
        "  Mercredi : 14 h 00 – 18 h 00",
        "  Samedi : 10 h 00 – 12 h 00",
    ]


def test_french_reasons_are_not_doubled() -> None:
    townhall = examples.load_example("townhall")
    saturday = townhall.status(at("2025-05-03T10:00"))
    assert describe_status(saturday) == "Fermé le premier samedi du mois · ouvre lundi à 8 h 30"
    assert describe_day(townhall.day(dt.date(2025, 5, 3))) == "fermé le premier samedi du mois"
    library = loads(LIBRARY)
    assert describe_status(library.status(at("2025-05-05T10:00"))).startswith(
        "Horaires incertains · "
    )
    assert describe_upcoming(library, dt.date(2025, 5, 1), 10) == [
        "lundi 5 mai 2025 : horaires incertains"
    ]


def test_french_last_admission_before_midnight() -> None:
    status = loads(BAR).status(at("2025-05-07T23:30"))
    assert (
        describe_status(status) == "Ouvert · dernier accueil à minuit · ferme cette nuit à 1 h 00"
    )


def test_golden_french_examples() -> None:
    texts = []
    for config in (MAIRIE, BAR, LIBRARY):
        place = loads(config)
        texts.append(describe_week(place, start=dt.date(2025, 5, 1), days=14))
        for when in (
            "2025-05-03T10:00",
            "2025-05-05T10:00",
            "2025-05-06T11:50",
            "2025-05-07T23:30",
        ):
            for service in [None, *place.services]:
                status = place.status(at(when), service=service)
                texts.append(f"{when}  {service or '*':<5}  {describe_status(status)}")
    check("text/french.fr.txt", "\n".join(texts) + "\n")
