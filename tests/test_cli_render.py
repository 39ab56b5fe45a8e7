"""The ``week``, ``export`` and ``import`` commands."""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path

import pytest

from horaires import examples, loads
from horaires._resolve import usual_week
from horaires.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PANTIN = str(EXAMPLES / "pantin.toml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_week(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "week", "--start", "2025-04-28", "--days", "10")
    assert code == 0
    assert out.splitlines()[1] == (
        "Lundi, mardi, mercredi et vendredi : 8 h 30 – 12 h 30 et 13 h 30 – 17 h 30"
    )
    assert out.splitlines()[-1] == "- jeudi 1er mai 2025 : fermé (Fête du Travail)"
    code, out, _ = run(
        capsys, "week", PANTIN, "--service", "urbanisme", "--lang", "en", "--days", "0"
    )
    assert code == 0 and out.startswith("Centre administratif de Pantin — Urbanisme")
    assert "Saturday and Sunday: closed" in out.splitlines()


def test_week_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "week", "--service", "piscine")
    assert code == 1 and "unknown service 'piscine'" in err
    with pytest.raises(SystemExit):
        main(["week", "--start", "demain"])
    assert "is not a date" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonld", "annuaire", "gbp", "json"])
def test_export_writes_json(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(
        capsys, "export", PANTIN, "--to", fmt, "--start", "2025-04-28", "--days", "14"
    )
    assert code == 0
    data = json.loads(out)
    if fmt == "jsonld":
        assert data["@type"] == "GovernmentOffice"
    elif fmt == "annuaire":
        assert data["plage_ouverture"][0]["nom_jour_debut"] == "Lundi"
    elif fmt == "gbp":
        assert len(data["specialHours"]["specialHourPeriods"]) == 2
    else:
        assert loads(out, "json") == examples.pantin()


def test_export_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "export",
        PANTIN,
        "--to",
        "jsonld",
        "--type",
        "CivicStructure",
        "--lang",
        "en",
        "--days",
        "0",
    )
    assert code == 0 and json.loads(out)["@type"] == "CivicStructure"
    code, out, _ = run(
        capsys, "export", PANTIN, "--to", "gbp", "--service", "etat-civil", "--days", "0"
    )
    assert "SATURDAY" in out
    code, _, err = run(capsys, "export", PANTIN, "--to", "jsonld", "--service", "etat-civil")
    assert code == 1 and "--service does not apply" in err


def _has_osm() -> bool:
    return importlib.util.find_spec("horaires.osm") is not None and hasattr(
        importlib.import_module("horaires.osm"), "to_tags"
    )


@pytest.mark.skipif(not _has_osm(), reason="horaires.osm (to_tags) is not available")
def test_export_osm(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", PANTIN, "--to", "osm")
    assert code == 0
    tags = json.loads(out)
    assert "opening_hours" in tags and all(isinstance(v, str) for v in tags.values())


def test_import_from_annuaire(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", PANTIN, "--to", "annuaire")
    record = tmp_path / "pantin.json"
    record.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(record), "--from", "annuaire")
    assert code == 0
    imported = loads(out)
    assert imported.name == "Centre administratif de Pantin"
    assert usual_week(imported) == usual_week(examples.pantin())
    code, out, _ = run(
        capsys,
        "import",
        str(record),
        "--from",
        "annuaire",
        "--format",
        "json",
        "--name",
        "Pantin",
        "--subdivision",
        "57",
    )
    assert json.loads(out)["holidays"] == {"country": "FR", "subdivision": "57"}
    record.write_text(
        '{"nom": "X", "plage_ouverture": [{"nom_jour_debut": "Lunedi"}]}', encoding="utf-8"
    )
    code, _, err = run(capsys, "import", str(record), "--from", "annuaire")
    assert code == 1 and "plage_ouverture[0].nom_jour_debut" in err
