"""Configurations: load an establishment from a dict, JSON or TOML; dump it back; schema."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from ._errors import ArgumentError, ConfigError, excerpt
from ._establishment import Establishment
from ._model import EstablishmentData

__all__ = ["dump", "dumps", "json_schema", "load", "load_file", "loads"]

Format = Literal["toml", "json"]


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


MAX_TEXT = 1 << 20
"""The longest configuration text read (1 MiB): a real place's takes a few kilobytes."""


def loads(text: str | bytes, format: Format = "toml") -> Establishment:
    """An establishment from TOML or JSON text (``bytes`` are read as UTF-8; a byte-order
    mark is allowed)."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ConfigError.at("", f"not UTF-8 text (byte {error.start})") from None
    if not isinstance(text, str):
        raise ArgumentError(f"{excerpt(text)} is not configuration text: expected str or bytes")
    if format not in ("toml", "json"):
        raise ArgumentError(f"format={excerpt(format)} is not 'toml' or 'json'")
    if len(text) > MAX_TEXT:
        raise ConfigError.at(
            "",
            f"the configuration is {len(text):,} characters long: at most {MAX_TEXT:,} (MAX_TEXT)",
        )
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text) if format == "toml" else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError.at("", f"invalid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise ConfigError.at(
            "", f"invalid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise ConfigError.at("", f"invalid {format.upper()}: nested too deeply") from None
    return load(data)


def load_file(path: str | Path) -> Establishment:
    """An establishment from a ``.toml`` or ``.json`` file: a regular file (not a device, a
    pipe or a directory) of at most :data:`MAX_TEXT` bytes, checked before it is read."""
    if not isinstance(path, str | Path):
        raise ArgumentError(f"{excerpt(path)} is not a path")
    path = Path(path)
    if path.suffix not in (".toml", ".json"):
        raise ConfigError.at("", f"{path}: expected a .toml or .json file")
    try:  # without blocking: a named pipe would wait for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ConfigError.at("", f"{path} is not a regular file")
            if info.st_size > MAX_TEXT:
                raise ConfigError.at(
                    "", f"{path} is {info.st_size:,} bytes long: at most {MAX_TEXT:,} (MAX_TEXT)"
                )
            raw = file.read(MAX_TEXT + 1)
    except OSError as error:
        raise ConfigError.at("", f"cannot read {path}: {error.strerror}") from None
    try:
        return loads(raw, "toml" if path.suffix == ".toml" else "json")
    except ConfigError as error:
        raise ConfigError(error.issues) from None


def dump(establishment: EstablishmentData) -> dict[str, Any]:
    """The configuration dict of an establishment: ``load(dump(x)) == x``.

    Defaults are left out, so the dict is as short as the configuration allows.
    """
    data: dict[str, Any] = establishment.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("name", establishment.name)
    return data


def dumps(establishment: EstablishmentData, format: Format = "toml") -> str:
    """The configuration as TOML or JSON text."""
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
