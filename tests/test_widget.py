"""The widget payload: plain JSON data with the status, the sentence, the days, the services."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from _golden import check_json
from horaires import LANGUAGES, HorairesError, UnsupportedLanguage, examples
from horaires.widget import DAYS, payload

PARIS = ZoneInfo("Europe/Paris")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def test_saturday_morning_only_etat_civil() -> None:
    data = payload(examples.pantin(), at=at("2025-05-03T10:00"))
    assert data["state"] == "accepting"
    assert data["sentence"] == "Ouvert · dernier accueil à 12 h 00 · ferme à 12 h 30"
    states = {s["id"]: s["state"] for s in data["services"]}
    assert states == {"etat-civil": "accepting", "urbanisme": "closed", "accueil": "closed"}
    assert data["today"] == data["days"][0] and len(data["days"]) == DAYS
    assert data["today"]["text"] == (
        "9 h 00 – 12 h 30, pôle état civil, élections et funéraire uniquement"
    )
    assert data["next_change"] == data["valid_until"] == "2025-05-03T12:00:00+02:00"


def test_holiday_and_after_last_admission() -> None:
    holiday = payload(examples.pantin(), at=at("2025-05-01T10:00"))
    assert (holiday["state"], holiday["reason"]) == ("closed", "Fête du Travail")
    assert holiday["sentence"] == "Fermé (Fête du Travail) · ouvre vendredi à 8 h 30"
    assert holiday["today"]["text"] == "fermé (Fête du Travail)"
    late = payload(examples.pantin(), at=at("2025-05-05T17:10"), service="urbanisme")
    assert (late["state"], late["open"], late["accepting"]) == ("open", True, False)
    assert late["sentence"] == (
        "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre mardi à 8 h 30"
    )
    assert late["services"] == [] and late["service_name"] == "Urbanisme"


def test_english_and_json_serialisable() -> None:
    data = payload(examples.pantin(), at=at("2025-05-01T10:00"), lang="en")
    assert data["sentence"] == "Closed (Labor Day) · opens Friday at 8:30 AM"
    assert json.loads(json.dumps(data)) == data


def test_night_opening_listed_on_the_day_it_starts() -> None:
    data = payload(examples.load_example("pharmacy"), at=at("2025-05-01T10:00"))
    openings = data["today"]["openings"]
    assert [(o["opens"], o["closes"], o["text"]) for o in openings] == [
        ("2025-05-01T20:00:00+02:00", "2025-05-02T08:00:00+02:00", "20 h 00 – 8 h 00")
    ]


def test_bad_arguments() -> None:
    with pytest.raises(UnsupportedLanguage, match="unsupported language 'xx'"):
        payload(examples.pantin(), lang="xx")
    with pytest.raises(HorairesError, match="unknown service 'nope'"):
        payload(examples.pantin(), service="nope")
    with pytest.raises(HorairesError, match="no time zone"):
        payload(examples.pantin(), at=datetime(2025, 5, 5, 10, 0))


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("lang", [*LANGUAGES, "en-GB"])
def test_golden_payload(name: str, lang: str) -> None:
    data = payload(examples.load_example(name), at=at("2025-05-05T17:10"), lang=lang)
    check_json(f"widget/{name}.{lang}.json", data)
