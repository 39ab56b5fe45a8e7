"""Loading and dumping configurations: dict, TOML, JSON, files, and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from horaires import ConfigError, dump, dumps, examples, json_schema, load, load_file, loads

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.toml"))


@pytest.mark.parametrize("name", examples.names())
def test_dump_then_load_is_identity(name: str) -> None:
    establishment = examples.load_example(name)
    assert load(dump(establishment)) == establishment
    assert loads(dumps(establishment, "toml")) == establishment
    assert loads(dumps(establishment, "json"), "json") == establishment
    assert json.loads(json.dumps(dump(establishment))) == dump(establishment)


def test_dump_is_short_and_readable() -> None:
    data = dump(examples.pantin())
    assert data["hours"]["mon"] == ["08:30-12:30", "13:30-17:30"]
    assert data["admission"] == {"before_closing": "PT30M"}
    assert "sun" not in data["hours"] and "timezone" not in data
    assert data["services"]["etat-civil"]["hours"] == {"sat": ["09:00-12:30"]}


def test_slots_dump_in_their_simplest_form() -> None:
    config = {
        "name": "x",
        "hours": {
            "mon": [
                "22:00-02:00",
                {"opens": "10:00", "closes": "12:00", "last_admission": "11:40"},
            ],
            "tue": ["13:00-36:00"],
        },
    }
    hours = dump(load(config))["hours"]
    assert hours["mon"] == [
        "22:00-02:00",
        {"opens": "10:00", "closes": "12:00", "last_admission": "11:40"},
    ]
    assert hours["tue"] == ["13:00-36:00"]
    assert load(dump(load(config))) == load(config)


def test_durations_in_several_forms() -> None:
    minutes = [
        load({"name": "x", "admission": {"before_closing": form}}).admission
        for form in (30, "30min", "30 min", "PT30M", "00:30", "0h30")
    ]
    assert {rule.before_closing.total_seconds() for rule in minutes if rule} == {1800}


def test_toml_text_escapes_control_characters() -> None:
    odd = load({"name": 'Mairie\x7f\x00\t"«»', "services": {"a-b": {"name": "\x7f"}}})
    assert loads(dumps(odd)) == odd


def test_a_schema_key_for_editors_is_ignored() -> None:
    text = (
        '{"$schema": "./horaires.schema.json", "name": "Mairie", "hours": {"mon": ["09:00-12:00"]}}'
    )
    assert loads(text, "json") == load({"name": "Mairie", "hours": {"mon": ["09:00-12:00"]}})


def test_toml_and_json_errors_say_where() -> None:
    with pytest.raises(ConfigError, match="invalid TOML"):
        loads("name = ")
    with pytest.raises(ConfigError, match="invalid JSON: Expecting value at line 1, column 10"):
        loads('{"name": }', "json")


def test_load_file(tmp_path: Path) -> None:
    for path in EXAMPLES:
        assert load_file(path).name
    with pytest.raises(ConfigError, match=r"expected a \.toml or \.json file"):
        load_file(tmp_path / "hours.yaml")
    with pytest.raises(ConfigError, match="cannot read"):
        load_file(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[hours]\nmon = ["9 to 12"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^hours\.mon\[0\]: '9 to 12' is not a slot"):
        load_file(bad)


def test_json_schema_accepts_every_example_and_rejects_bad_input() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in EXAMPLES:
        data = json.loads(json.dumps(load_file(path).model_dump(mode="json")))
        assert not list(validator.iter_errors(data)), path
        raw = __import__("tomllib").loads(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(json.loads(json.dumps(raw, default=str)))), path
    assert not list(validator.iter_errors({"name": "x", "hours": {"mon": ["9h-12h", "14-18"]}}))
    assert list(validator.iter_errors({"name": "x", "hours": {"mon": ["9 to 12"]}}))
    assert list(validator.iter_errors({"name": "x", "colour": "blue"}))
    assert list(validator.iter_errors({"hours": {}}))
