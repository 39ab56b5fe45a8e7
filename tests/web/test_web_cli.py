"""``horaires serve``: what it loads, what it reports, how it calls uvicorn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _webtools import BAR

from horaires.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.delenv("HORAIRES_PLACES", raising=False)
    monkeypatch.delenv("HORAIRES_CORS", raising=False)
    return calls


def test_serve_a_folder_with_a_broken_file(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bar.json").write_text(json.dumps(BAR), encoding="utf-8")
    (tmp_path / "mairie.toml").write_text("name = \n", encoding="utf-8")
    code = main(["serve", str(tmp_path), "--port", "8123", "--cors", "https://www.ville.example"])
    assert code == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'mairie.toml'}:" in err  # the path of the broken file, and why
    assert "1 place(s): bar" in err and "http://127.0.0.1:8123/" in err
    [(app, options)] = runs
    assert options["server_header"] is False
    assert (options["host"], options["port"]) == ("127.0.0.1", 8123)
    assert callable(app)


def test_serve_the_bundled_examples_by_default(
    runs: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve"]) == 0
    assert "4 place(s): museum, pantin, pharmacy, townhall" in capsys.readouterr().err


def test_serve_several_workers_through_the_factory(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bar.json").write_text(json.dumps(BAR), encoding="utf-8")
    assert main(["serve", str(tmp_path), "--workers", "3", "--cors", "https://a.example"]) == 0
    [(target, options)] = runs
    assert target == "horaires.web:app_from_env" and options["factory"] is True
    assert options["workers"] == 3
    import os

    from horaires.web import app_from_env

    assert os.environ["HORAIRES_PLACES"] == str(tmp_path)
    assert os.environ["HORAIRES_CORS"] == "https://a.example"
    assert [r.path for r in app_from_env().routes][:2] == ["/", "/api/places"]


def test_serve_refuses_when_nothing_loads(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "missing")]) == 1
    assert "no place could be loaded" in capsys.readouterr().err
    assert runs == []


@pytest.mark.parametrize("argv", [["--port", "0"], ["--port", "http"], ["--workers", "0"]])
def test_serve_bad_options(argv: list[str], runs: list[tuple[Any, dict[str, Any]]]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", *argv])
    assert stop.value.code == 2
