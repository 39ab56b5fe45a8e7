"""The ``horaires`` command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from horaires import examples
from horaires.cli import PIPE_CLOSED, main
from horaires.text import describe_status

PARIS = ZoneInfo("Europe/Paris")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sentence(when: str, service: str | None = None, lang: str = "fr") -> str:
    status = examples.pantin().status(
        datetime.fromisoformat(when).replace(tzinfo=PARIS), service=service
    )
    return describe_status(status, lang)


def test_status_of_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--at", "2025-05-05T17:10")
    assert code == 0
    # the date as people write it; the last admission said once, in the sentence
    assert out.splitlines() == [
        "Centre administratif de Pantin",
        "lundi 5 mai 2025, 17 h 10",
        "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre mardi à 8 h 30",
    ]
    assert "ferme à 17 h 30" in out


def test_status_in_english_for_a_service(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "status",
        "--at",
        "2025-05-10T08:00:00+00:00",
        "--service",
        "etat-civil",
        "--lang",
        "en",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Centre administratif de Pantin — Pôle état civil, élections et funéraire"
    assert lines[1] == "Saturday, May 10, 2025, 10:00 AM"
    assert lines[2] == sentence("2025-05-10T10:00", "etat-civil", "en")
    assert lines[2].startswith("Open")


def test_status_on_a_holiday(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "status", "--at", "2025-05-01T10:00")
    assert sentence("2025-05-01T10:00") in out
    assert "Fermé (Fête du Travail)" in out and "8 h 30" in out


def test_status_of_a_config_file(capsys: pytest.CaptureFixture[str]) -> None:
    museum = Path(__file__).parent.parent / "examples" / "museum.toml"
    code, out, _ = run(capsys, "status", str(museum), "--at", "2025-07-10T20:30")
    assert code == 0 and out.splitlines()[0] == "Musée des Beaux-Arts" and "21 h 00" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "--at", "yesterday"], "--at 'yesterday' is not an ISO 8601 date-time"),
        (
            ["status", "--service", "cantine"],
            "unknown service 'cantine'; known services: accueil, etat-civil, urbanisme",
        ),
        (["status", "missing.toml"], "cannot read missing.toml"),
    ],
)
def test_bad_arguments_exit_1_with_a_message(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 1 and message in err and "Traceback" not in err


def test_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "x"\ntimezone = "Mars/Olympus"\n[hours]\nmon = ["13:00-12:00"]\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 1
    assert f"{bad}: 2 error(s)" in out
    assert "  timezone: unknown time zone 'Mars/Olympus'" in out
    assert "  hours.mon[0]: closes (12:00) before it opens (13:00)" in out
    good = Path(__file__).parent.parent / "examples" / "townhall.toml"
    code, out, _ = run(capsys, "check", str(good))
    assert code == 0 and "ok (Mairie de Montigny, 0 service(s))" in out


def test_check_compiles_the_coming_years(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    night = tmp_path / "night.toml"
    week = "\n".join(
        f'{day} = ["20:00-02:30"]' for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    )
    night.write_text(f'name = "Bar"\ndisambiguate = "raise"\n[hours]\n{week}\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", str(night))
    assert (
        code == 1 and "in Europe/Paris does not exist (skipped by a daylight-saving change)" in out
    )


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "horaires establishment"
    assert {"name", "hours", "services", "exceptions", "seasons"} <= set(schema["properties"])


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "status" in out


def test_module_entry_point() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "horaires", "status", "--at", "2025-05-11T10:00"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and sentence("2025-05-11T10:00") in done.stdout


def test_check_prints_warnings_and_strict_fails_on_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    townhall = Path(__file__).parent.parent / "examples" / "townhall.toml"
    code, out, _ = run(capsys, "check", "--today", "2025-09-01", str(townhall))
    assert code == 0
    assert out.splitlines() == [
        f"{townhall}: ok (Mairie de Montigny, 0 service(s)), 1 warning(s)",
        "  warning: exceptions[1]: it ended on 2025-08-22, before today (2025-09-01): remove it?",
    ]
    code, _, _ = run(capsys, "check", "--strict", "--today", "2025-09-01", str(townhall))
    assert code == 1
    code, out, _ = run(capsys, "check", "--strict", "--today", "2025-08-22", str(townhall))
    assert code == 0 and "warning" not in out
    code, _, err = run(capsys, "check", "--today", "22/08/2025", str(townhall))
    assert code == 1 and "--today '22/08/2025' is not a date such as 2025-05-05" in err


@pytest.mark.parametrize(
    "argv",
    [["schema"], ["export", "examples/pantin.toml", "--to", "jsonld"], ["week", "--days", "400"]],
)
def test_a_pipe_closed_early_ends_quietly(argv: list[str]) -> None:
    """``horaires schema | head``: the reader goes away, no BrokenPipeError traceback."""
    root = Path(__file__).parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "horaires", *argv],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything: its first write fails
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == PIPE_CLOSED
    assert stderr == b""


def test_status_defaults_to_the_config_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shop = tmp_path / "shop.toml"
    shop.write_text(
        'name = "Corner shop"\nlanguage = "en"\ntimezone = "Europe/London"\n'
        '[hours]\nmon = ["09:00-17:30"]\n[holidays]\ncountry = "GB"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "status", str(shop), "--at", "2025-05-05T10:00")
    assert code == 0
    assert out.splitlines()[1:] == [
        "Monday, May 5, 2025, 10:00 AM",
        "Closed (May Day) · opens on Monday, May 12 at 9:00 AM",
    ]
    code, out, _ = run(capsys, "status", str(shop), "--at", "2025-05-05T10:00", "--lang", "en-GB")
    assert out.splitlines()[1] == "Monday, 5 May 2025, 10:00"


def test_an_unsupported_language_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["status"], ["week"], ["osm", "Mo-Fr 08:00-12:00"]):
        code, out, err = run(capsys, *command, "--lang", "xx")
        assert code == 1 and out == ""
        assert err.startswith(f"horaires {command[0]}: unsupported language 'xx'")


def test_no_last_admission_line_repeating_the_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    """A pharmacy with no admission rule printed "Dernier accueil : 8 h 00"."""
    pharmacy = Path(__file__).parent.parent / "examples" / "pharmacy.toml"
    _, out, _ = run(capsys, "status", str(pharmacy), "--at", "2025-05-05T23:00")
    assert out.splitlines() == [
        "Pharmacie de nuit de la Gare",
        "lundi 5 mai 2025, 23 h 00",
        "Ouvert · ferme mardi à 8 h 00",
    ]


def test_osm_errors_name_command_line_options(capsys: pytest.CaptureFixture[str]) -> None:
    """Not Python keywords (``pass location=(lat, lon)``) but the options to give."""
    cases = [
        (["Mo-Fr sunrise-sunset"], "give --location LAT,LON"),
        (["Mo-Fr 08:00-12:00; PH off", "--country", "none"], "give --country (and --subdivision)"),
        (["Mo-Fr 08:00-12:00; SH off"], "give --school-zone 'A', 'B' or 'C'"),
    ]
    for argv, hint in cases:
        code, _, err = run(capsys, "osm", *argv)
        assert code == 1 and hint in err, err
        assert "=" not in err.split(" at column")[0], err


def test_docs_describe_every_command() -> None:
    from horaires.cli import parser

    page = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert len(commands) >= 8
    for name in commands:
        assert f"\n## {name}\n" in page, name
        assert f"| `horaires {name}" in page, name
