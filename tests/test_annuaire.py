"""The service-public directory's plage_ouverture: export, import, round trip, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from _golden import check_json
from horaires import ConfigError, HorairesError, examples, load
from horaires._resolve import usual_week
from horaires.annuaire import (
    FIELDS,
    from_annuaire,
    from_plages,
    load_annuaire,
    to_annuaire,
    to_plages,
)

PANTIN_RECORD = {
    "nom": "Mairie - Pantin",
    "plage_ouverture": json.dumps(
        [
            {
                "nom_jour_debut": "Lundi",
                "nom_jour_fin": "Mercredi",
                "valeur_heure_debut_1": "08:30:00",
                "valeur_heure_fin_1": "12:30:00",
                "valeur_heure_debut_2": "13:30:00",
                "valeur_heure_fin_2": "17:30:00",
                "commentaire": "",
            },
            {
                "nom_jour_debut": "Jeudi",
                "nom_jour_fin": "Jeudi",
                "valeur_heure_debut_1": "13:30:00",
                "valeur_heure_fin_1": "17:30:00",
                "valeur_heure_debut_2": "",
                "valeur_heure_fin_2": "",
                "commentaire": "",
            },
            {
                "nom_jour_debut": "Vendredi",
                "nom_jour_fin": "Vendredi",
                "valeur_heure_debut_1": "08:30:00",
                "valeur_heure_fin_1": "12:30:00",
                "valeur_heure_debut_2": "13:30:00",
                "valeur_heure_fin_2": "17:30:00",
                "commentaire": "",
            },
            {
                "nom_jour_debut": "Samedi",
                "nom_jour_fin": "Samedi",
                "valeur_heure_debut_1": "09:00:00",
                "valeur_heure_fin_1": "12:30:00",
                "valeur_heure_debut_2": "",
                "valeur_heure_fin_2": "",
                "commentaire": "Uniquement le pôle état civil, élections et funéraire",
            },
        ]
    ),
}


@pytest.mark.parametrize("name", examples.names())
def test_round_trip_keeps_the_weekly_hours(name: str) -> None:
    est = examples.load_example(name)
    for service in [None, *est.services]:
        back = from_plages(to_plages(est, service), name=est.name)
        assert usual_week(back) == usual_week(est, service)
    check_json(f"annuaire/{name}.json", to_annuaire(est))


def test_fields_and_format() -> None:
    for plage in to_plages(examples.pantin()):
        assert tuple(plage) == FIELDS
        assert all(isinstance(value, str) for value in plage.values())
    hall = to_plages(examples.load_example("townhall"))
    assert hall[0]["valeur_heure_fin_2"] == "17:00:00" and hall[-1]["valeur_heure_debut_2"] == ""


def test_import_a_record() -> None:
    est = from_annuaire(PANTIN_RECORD)
    assert est.name == "Mairie - Pantin" and est.holidays is not None
    assert usual_week(est) == usual_week(examples.pantin())
    answer = from_annuaire({"total_count": 1, "results": [PANTIN_RECORD]}, name="Pantin")
    assert answer.name == "Pantin"
    moselle = from_annuaire(PANTIN_RECORD, subdivision="57")
    assert moselle.holidays is not None and moselle.holidays.subdivision == "57"


def test_more_than_two_slots_and_nights() -> None:
    est = load(
        {
            "name": "X",
            "hours": {
                "mon": ["08:00-09:00", "10:00-11:00", "12:00-13:00"],
                "sat": ["22:00-02:00"],
                "sun": ["00:00-24:00"],
            },
        }
    )
    plages = to_plages(est)
    assert [
        (p["nom_jour_debut"], p["valeur_heure_debut_1"], p["valeur_heure_debut_2"]) for p in plages
    ] == [
        ("Lundi", "08:00:00", "10:00:00"),
        ("Lundi", "12:00:00", ""),
        ("Samedi", "22:00:00", ""),
        ("Dimanche", "00:00:00", ""),
    ]
    assert (
        plages[2]["valeur_heure_fin_1"] == "02:00:00"
        and plages[3]["valeur_heure_fin_1"] == "24:00:00"
    )
    assert usual_week(from_plages(plages, name="X")) == usual_week(est)


def test_lenient_names_and_wrapping_ranges() -> None:
    est = from_plages(
        [
            {
                "nom_jour_debut": "samedi",
                "nom_jour_fin": "LUNDI",
                "valeur_heure_debut_1": "9:00",
                "valeur_heure_fin_1": "12:00",
            }
        ],
        name="X",
    )
    assert [d for d in ("mon", "tue", "sat", "sun") if getattr(est.hours, d)] == [
        "mon",
        "sat",
        "sun",
    ]
    assert (
        from_plages(
            [
                {
                    "nom_jour_debut": "Mercredi",
                    "valeur_heure_debut_1": "09:00:00",
                    "valeur_heure_fin_1": "12:00:00",
                }
            ],
            name="X",
        ).hours.wed
        is not None
    )


@pytest.mark.parametrize(
    ("plage", "path", "message"),
    [
        ({"nom_jour_debut": "Lunedi"}, "plage_ouverture[0].nom_jour_debut", "not a day name"),
        (
            {
                "nom_jour_debut": "Lundi",
                "valeur_heure_debut_1": "8h30",
                "valeur_heure_fin_1": "12:00:00",
            },
            "plage_ouverture[0].valeur_heure_debut_1",
            "not a time",
        ),
        (
            {"nom_jour_debut": "Lundi", "valeur_heure_debut_1": "08:30:00"},
            "plage_ouverture[0].valeur_heure_fin_1",
            "is empty",
        ),
        (
            {
                "nom_jour_debut": "Lundi",
                "valeur_heure_debut_1": "14:00:00",
                "valeur_heure_fin_1": "13:00:00",
            },
            "plage_ouverture[0].valeur_heure_fin_1",
            "before it opens",
        ),
    ],
)
def test_errors_name_the_field(plage: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        from_plages([plage], name="X")
    assert error.value.issues[0].path == path and message in error.value.issues[0].message


def test_overlap_and_bad_containers(tmp_path: Path) -> None:
    overlapping = [
        {
            "nom_jour_debut": "Lundi",
            "nom_jour_fin": "Mardi",
            "valeur_heure_debut_1": "08:00:00",
            "valeur_heure_fin_1": "12:00:00",
        },
        {
            "nom_jour_debut": "Mardi",
            "valeur_heure_debut_1": "11:00:00",
            "valeur_heure_fin_1": "13:00:00",
        },
    ]
    with pytest.raises(ConfigError, match=r"hours\.tue"):
        from_plages(overlapping, name="X")
    with pytest.raises(HorairesError, match="holds 2 records"):
        from_annuaire({"results": [PANTIN_RECORD, PANTIN_RECORD]})
    with pytest.raises(ConfigError, match="plage_ouverture: is required"):
        from_annuaire({"nom": "X"})
    with pytest.raises(ConfigError, match="plage_ouverture: invalid JSON"):
        from_annuaire({"nom": "X", "plage_ouverture": "[{"})
    path = tmp_path / "record.json"
    path.write_text(json.dumps(PANTIN_RECORD), encoding="utf-8")
    assert load_annuaire(path).name == "Mairie - Pantin"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid JSON: Expecting"):
        load_annuaire(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_annuaire(tmp_path / "missing.json")
