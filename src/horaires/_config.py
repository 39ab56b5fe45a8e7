"""Configurations: load an establishment from a dict, JSON or TOML; dump it back; schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._errors import ArgumentError, ConfigError, check_types, excerpt
from ._establishment import Establishment
from ._model import EstablishmentData
from ._source import Format, format_of, parse_text, read_file

__all__ = ["dump", "dumps", "json_schema", "load", "load_file", "loads"]


def load(data: Mapping[str, Any]) -> Establishment:
    """An establishment from a configuration dict; :class:`ConfigError` names each problem.

    >>> load({"name": "Mairie", "hours": {"mon": ["08:30-12:30"]}}).name
    'Mairie'
    >>> load({"name": "Mairie", "hours": {"mon": ["13:00-12:00"]}})
    Traceback (most recent call last):
    ...
    horaires._errors.ConfigError: hours.mon[0]: closes (12:00) before it opens (13:00); a slot past midnight closes in the morning (22:00-02:00) or is written past 24:00 (13:00-36:00)
    """
    if not isinstance(data, Mapping):
        raise ConfigError.at("", f"a configuration is a table (dict), not {type(data).__name__}")
    return Establishment.model_validate(data)


def loads(text: str | bytes, format: Format = "toml") -> Establishment:
    r"""An establishment from TOML or JSON text (``bytes`` are read as UTF-8; a byte-order
    mark is allowed); at most :data:`~horaires.limits.MAX_TEXT_CHARS` characters.

    >>> loads('name = "Mairie"\n[hours]\nmon = ["8h30-12h30"]').hours.mon[0].span
    '08:30-12:30'
    """
    return load(parse_text(text, format))


def load_file(path: str | Path) -> Establishment:
    """An establishment from a ``.toml`` or ``.json`` file: a regular file (not a device, a
    pipe or a directory) of at most :data:`~horaires.limits.MAX_FILE_BYTES` bytes, checked
    before it is read."""
    if not isinstance(path, str | Path):
        raise ArgumentError(f"{excerpt(path)} is not a path")
    format = format_of(Path(path))
    return loads(read_file(path), format)


def dump(establishment: EstablishmentData) -> dict[str, Any]:
    """The configuration dict of an establishment: ``load(dump(x)) == x``.

    Defaults are left out, so the dict is as short as the configuration allows.
    """
    check_types(establishment=(establishment, EstablishmentData))
    data: dict[str, Any] = establishment.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("name", establishment.name)
    return data


def dumps(establishment: EstablishmentData, format: Format = "toml") -> str:
    """The configuration as TOML or JSON text."""
    if format not in ("toml", "json"):
        raise ArgumentError(f"format={excerpt(format)}: write 'toml' or 'json'")
    data = dump(establishment)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _toml(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the configuration format (for editors and validators)."""
    schema: dict[str, Any] = Establishment.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "horaires establishment"
    schema["properties"]["$schema"] = {"type": "string", "description": "ignored; for editors"}
    return schema


# -- a small TOML writer for the shapes dump() produces -------------------------------------


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes, plus DEL, which TOML also wants escaped)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(key: str) -> str:
    return (
        key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else _string(key)
    )


def _toml(data: Mapping[str, Any], prefix: str = "") -> str:
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []
    arrays: list[tuple[str, list[Mapping[str, Any]]]] = []
    for key, value in data.items():
        name = f"{prefix}{_key(key)}"
        if isinstance(value, dict):
            tables.append((name, value))
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) for v in value)
            and key in ("exceptions", "seasons")
        ):
            arrays.append((name, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    out = "\n".join(lines)
    for name, table in tables:
        out += f"\n\n[{name}]\n" + _toml(table, f"{name}.").lstrip("\n")
    for name, items in arrays:
        for item in items:
            out += f"\n\n[[{name}]]\n" + _toml(item, f"{name}.").lstrip("\n")
    return out.strip("\n") + "\n" if not prefix else out
