"""Configuration sources: TOML or JSON text and files, read with bounded work.

Text is at most :data:`~horaires.limits.MAX_TEXT_CHARS` characters; a file must be a regular
file (not a pipe, a device or a directory) of at most
:data:`~horaires.limits.MAX_FILE_BYTES` bytes, checked before it is read. Bytes are UTF-8,
with or without a byte-order mark. Every problem is a :class:`ConfigError`.

>>> parse_text(b'\\xef\\xbb\\xbfname = "Mairie"', "toml")
{'name': 'Mairie'}
>>> parse_text('{"name": }', "json")
Traceback (most recent call last):
...
horaires._errors.ConfigError: invalid JSON: Expecting value at line 1, column 10
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Any, Literal

from ._errors import ArgumentError, ConfigError, excerpt
from ._limits import MAX_FILE_BYTES, MAX_TEXT_CHARS

__all__ = ["Format", "format_of", "parse_text", "read_file"]

Format = Literal["toml", "json"]


def parse_text(text: str | bytes | bytearray, format: Format = "toml") -> Any:
    """The data of TOML or JSON ``text`` (``bytes`` are read as UTF-8)."""
    if isinstance(text, bytes | bytearray):
        if len(text) > 4 * MAX_TEXT_CHARS:
            raise _too_long(len(text))
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ConfigError.at("", f"not UTF-8 text (byte {error.start})") from None
    if not isinstance(text, str):
        raise ArgumentError(f"{excerpt(text)} is not configuration text: expected str or bytes")
    if format not in ("toml", "json"):
        raise ArgumentError(f"format={excerpt(format)} is not 'toml' or 'json'")
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long(len(text))
    text = text.removeprefix("\ufeff")
    try:
        return tomllib.loads(text) if format == "toml" else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError.at("", f"invalid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise ConfigError.at(
            "", f"invalid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise ConfigError.at("", f"invalid {format.upper()}: nested too deeply") from None


def _too_long(length: int) -> ConfigError:
    return ConfigError.at(
        "",
        f"the configuration is {length:,} characters long: "
        f"at most {MAX_TEXT_CHARS:,} (MAX_TEXT_CHARS)",
    )


def format_of(path: Path) -> Format:
    """``toml`` or ``json``, from the file name."""
    if path.suffix not in (".toml", ".json"):
        raise ConfigError.at("", f"{excerpt(str(path))}: expected a .toml or .json file")
    return "toml" if path.suffix == ".toml" else "json"


def read_file(path: str | Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, checked before reading
    (opened without blocking: a named pipe would wait for a writer)."""
    if not isinstance(path, str | Path):
        raise ArgumentError(f"{excerpt(path)} is not a path")
    shown = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise ConfigError.at("", f"cannot read {shown}: {error.strerror}") from None
    except ValueError as error:  # a path with a NUL character
        raise ConfigError.at("", f"cannot read {shown!r}: {error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError.at("", f"{shown} is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ConfigError.at(
                "",
                f"{shown} is {info.st_size:,} bytes long: "
                f"at most {MAX_FILE_BYTES:,} (MAX_FILE_BYTES)",
            )
        with os.fdopen(os.dup(descriptor), "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ConfigError.at("", f"cannot read {shown}: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise ConfigError.at(
            "", f"{shown} is longer than {MAX_FILE_BYTES:,} bytes (MAX_FILE_BYTES)"
        )
    return raw
