"""schema.org JSON-LD: valid terms only, dated hours over the horizon, services."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from _golden import check_json
from horaires import examples, load
from horaires.jsonld import to_jsonld

START = dt.date(2025, 4, 28)

# schema.org terms the export may use: each type with its parent, each property with the
# types it belongs to (https://schema.org/docs/full.html).
PARENTS = {
    "Thing": None,
    "Place": "Thing",
    "Organization": "Thing",
    "CivicStructure": "Place",
    "LocalBusiness": "Place",  # and Organization
    "GovernmentOffice": "LocalBusiness",
    "Museum": "CivicStructure",
    "Pharmacy": "CivicStructure",  # also a MedicalOrganization
    "StructuredValue": "Thing",
    "OpeningHoursSpecification": "StructuredValue",
    "Intangible": "Thing",
    "Service": "Intangible",
    "GovernmentService": "Service",
    "Offer": "Intangible",
}
PROPERTIES = {
    "name": "Thing",
    "description": "Thing",
    "identifier": "Thing",
    "openingHoursSpecification": "Place",
    "specialOpeningHoursSpecification": "Place",
    "makesOffer": "Organization",
    "itemOffered": "Offer",
    "hoursAvailable": "Service",
    "provider": "Service",
    "dayOfWeek": "OpeningHoursSpecification",
    "opens": "OpeningHoursSpecification",
    "closes": "OpeningHoursSpecification",
    "validFrom": "OpeningHoursSpecification",
    "validThrough": "OpeningHoursSpecification",
}
DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def ancestors(type_: str) -> set[str]:
    found: set[str] = set()
    current: str | None = type_
    while current is not None:
        found.add(current)
        current = PARENTS[current]
    if type_ in ("GovernmentOffice", "LocalBusiness"):
        found.add("Organization")
    return found


def check_terms(node: Any) -> int:
    """Every @type and property is a schema.org term used on a type that has it."""
    if isinstance(node, list):
        return sum(check_terms(item) for item in node)
    if not isinstance(node, dict):
        return 0
    type_ = node.get("@type")
    assert type_ in PARENTS, f"unknown type {type_!r}"
    kinds = ancestors(type_)
    count = 1
    for key, value in node.items():
        if key in ("@context", "@type", "@id"):
            continue
        assert key in PROPERTIES, f"{key!r} is not a schema.org property"
        assert PROPERTIES[key] in kinds, f"{key!r} does not belong to {type_}"
        if key == "dayOfWeek":
            assert set(value) <= DAYS
        elif key in ("opens", "closes"):
            assert isinstance(value, str) and len(value) == 8 and value[2] == value[5] == ":"
        elif key in ("validFrom", "validThrough"):
            dt.date.fromisoformat(value)
        elif isinstance(value, dict | list) and key != "provider":
            count += check_terms(value)
    return count


@pytest.mark.parametrize("name", examples.names())
def test_only_schema_org_terms_and_golden(name: str) -> None:
    type_ = {"museum": "Museum", "pharmacy": "Pharmacy"}.get(name, "GovernmentOffice")
    data = to_jsonld(examples.load_example(name), start=START, days=180, type=type_)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    assert json.loads(text) == data
    assert data["@context"] == "https://schema.org"
    assert check_terms(data) >= 2
    check_json(f"jsonld/{name}.json", data)


def test_pantin() -> None:
    data = to_jsonld(examples.pantin(), start=START, days=14, id="https://example.org/pantin")
    assert data["@id"] == "https://example.org/pantin"
    saturday = [s for s in data["openingHoursSpecification"] if s["dayOfWeek"] == ["Saturday"]]
    assert saturday == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Saturday"],
            "opens": "09:00:00",
            "closes": "12:30:00",
        }
    ]
    assert [
        (s["validFrom"], s["name"], s["opens"], s["closes"])
        for s in data["specialOpeningHoursSpecification"]
    ] == [
        ("2025-05-01", "Fête du Travail", "00:00:00", "00:00:00"),
        ("2025-05-08", "Fête de la Victoire", "00:00:00", "00:00:00"),
    ]
    services = {o["itemOffered"]["identifier"]: o["itemOffered"] for o in data["makesOffer"]}
    assert services["etat-civil"]["@type"] == "GovernmentService"
    assert services["etat-civil"]["provider"] == {"@id": "https://example.org/pantin"}
    days = {
        d for spec in services["urbanisme"]["hoursAvailable"] for d in spec.get("dayOfWeek", [])
    }
    assert "Saturday" not in days
    assert "Dernier accueil 30 min avant chaque fermeture" in data["description"]
    english = to_jsonld(examples.pantin(), start=START, days=7, lang="en")
    assert english["description"].startswith("Last admission 30 min before each closing")
    assert english["specialOpeningHoursSpecification"][0]["name"] == "Labor Day"


def test_seasons_exception_ranges_and_nights() -> None:
    museum = to_jsonld(examples.load_example("museum"), start=dt.date(2025, 6, 20), days=30)
    summer = [s for s in museum["openingHoursSpecification"] if "validFrom" in s]
    assert {(s["validFrom"], s["validThrough"], s["closes"]) for s in summer} == {
        ("2025-07-01", "2025-07-19", "19:00:00"),
        ("2025-07-01", "2025-07-19", "21:00:00"),
    }
    hall = to_jsonld(examples.load_example("townhall"), start=dt.date(2025, 8, 10), days=14)
    assert [
        (s["validFrom"], s["validThrough"]) for s in hall["specialOpeningHoursSpecification"]
    ] == [("2025-08-11", "2025-08-22")]
    night = to_jsonld(examples.load_example("pharmacy"), start=dt.date(2025, 12, 20), days=7)
    assert night["openingHoursSpecification"][0]["closes"] == "08:00:00"
    assert night["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "name": "Réveillon de Noël",
            "opens": "18:00:00",
            "closes": "08:00:00",
            "validFrom": "2025-12-24",
            "validThrough": "2025-12-24",
        }
    ]
    late = load({"name": "Bar", "hours": {"fri": ["18:00-24:00"]}})
    assert (
        to_jsonld(late, start=START, days=7)["openingHoursSpecification"][0]["closes"] == "23:59:59"
    )
