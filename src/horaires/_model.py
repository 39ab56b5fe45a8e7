"""The declarative model: frozen pydantic models of an establishment and its services.

This is what a configuration file becomes once validated: plain data with error paths, no
query and no cache. The resolution layer (:mod:`horaires._resolve`) reads it; the public
:class:`horaires.Establishment` adds the query methods on top of :class:`EstablishmentData`.
Validators are built on first use (``defer_build``), so importing the model is cheap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Literal, Self, TypeVar, Union, cast, get_args, get_origin
from zoneinfo import ZoneInfo, available_timezones

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ._calendar import check_calendar
from ._conflicts import conflicts
from ._errors import ConfigError, HorairesError, Issue, UnknownServiceError, excerpt
from ._languages import language
from ._limits import (
    MAX_DEPTH,
    MAX_EXCEPTIONS,
    MAX_EXCERPT,
    MAX_ISSUES,
    MAX_SEASONS,
    MAX_SERVICES,
    MAX_SLOTS_PER_DAY,
    MAX_VALUE_CHARS,
)
from ._recurrence import check_rrule
from ._school import check_school, zones_of
from ._suggest import WEEKDAY_NAMES, did_you_mean
from ._sun import SunEvent, SunTime, require_astral
from ._wall import DAY, Disambiguate, format_time, zone

__all__ = [
    "AdmissionRule",
    "Coordinates",
    "DatedException",
    "EstablishmentData",
    "HolidayCalendar",
    "SchoolCalendar",
    "Season",
    "Service",
    "Slot",
    "WeeklyHours",
]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SUN = r"(?:sunrise|sunset|dawn|dusk)"
_BOUND = (
    rf"\d{{1,2}}:\d{{2}}|{_SUN}(?:\s*[+-]\s*\d{{1,4}}\s*(?:min|m|h\d{{0,2}}))?"
    rf"|\(\s*{_SUN}\s*[+-]\s*\d{{1,2}}:\d{{2}}\s*\)"
)
_SLOT = re.compile(rf"\s*({_BOUND})\s*[-–]\s*({_BOUND})\s*")
_LOOSE = r"\d{1,2}(?:\s*[hH]\s*(?:\d{2})?|:\d{2})?"
"""A time as people write it: ``08:30``, ``8:30``, ``8h30``, ``08h30``, ``8h``, ``8``."""
_LOOSE_SLOT = re.compile(rf"\s*({_LOOSE})\s*[-–]\s*({_LOOSE})\s*")
"""A slot of such times (``9-12``, ``8h30-12h30``); not with sun times, where ``sunset-1h``
would read two ways."""
_LOOSE_TIME = re.compile(r"\s*(\d{1,2})\s*(?:[hH]\s*(\d{2})?|:(\d{2}))?\s*")
_SUN_BOUND = re.compile(
    rf"\(?\s*({_SUN})\s*(?:([+-])\s*(?:(\d{{1,2}}):(\d{{2}})|(\d{{1,4}})\s*(min|m|h)(\d{{0,2}})))?\s*\)?"
)
MAX_SUN_OFFSET = 300
"""The largest offset of a sun time in a slot, in minutes (``sunset+5h``)."""
_DURATION = re.compile(r"(?:(\d{1,12})\s*h)?\s*(?:(\d{1,12})\s*(?:min|m)?)?", re.IGNORECASE)
_ISO_DURATION = re.compile(r"PT(?:(\d{1,12})H)?(?:(\d{1,12})M)?(?:(\d{1,12})S)?", re.IGNORECASE)
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_SERVICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_NOON = 720
MAX_CLOSING = 2 * DAY


@contextlib.contextmanager
def _in_our_words(model: type[BaseModel], data: object) -> Iterator[None]:
    """Build ``model`` from ``data`` in the block: its shape checked first, and any failure
    a :class:`ConfigError` with paths, in horaires' words."""
    check_shape(data)
    try:
        yield
    except ValidationError as error:
        raise config_error(error, model, data) from None
    except RecursionError:
        raise ConfigError.at("", "nested too deeply") from None


class _Model(BaseModel):
    """Frozen, strict-keyed base; every way to build one raises :class:`ConfigError` only
    (the constructor, ``model_validate``, ``model_validate_json``, ``model_validate_strings``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    def __init__(self, /, **data: Any) -> None:
        with _in_our_words(type(self), data):
            super().__init__(**data)

    # pydantic validates nested models without calling this (it is a plain entry point): their
    # problems come back as errors with paths, all in one pass
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        with _in_our_words(cls, obj):
            return super().model_validate(obj, **kwargs)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """The model of JSON text, read as :func:`horaires.loads` reads it."""
        from ._source import parse_text

        return cls.model_validate(parse_text(json_data, "json"), **kwargs)

    @classmethod
    def model_validate_strings(cls, obj: Any, **kwargs: Any) -> Self:
        with _in_our_words(cls, obj):
            return super().model_validate_strings(obj, **kwargs)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.model_dump_json()))


def check_shape(data: object) -> None:
    """:class:`ConfigError` when ``data`` nests deeper than :data:`MAX_DEPTH` or holds a text
    longer than :data:`MAX_VALUE_CHARS`: checked before validation, without recursion (by
    depth first; the path of a problem found is then looked for)."""
    if _shape_problem(data, paths=False):
        _shape_problem(data, paths=True)


def _shape_problem(data: object, *, paths: bool) -> bool:
    """Whether ``data`` has a problem of shape; with ``paths``, :class:`ConfigError` at the
    path of the first one (the walk then keeps each item's path, not only its depth)."""
    stack: list[tuple[object, Any]] = [(data, () if paths else 0)]
    while stack:
        value, loc = stack.pop()
        kind = type(value)  # the types of parsed JSON and TOML first, by identity
        if kind is int or kind is float or kind is bool or value is None:
            continue
        mapping = kind is dict or (
            kind is not list and kind is not str and isinstance(value, Mapping)
        )
        if mapping:
            items: Any = value.items()  # type: ignore[attr-defined]
        elif kind is list or kind is tuple or isinstance(value, list | tuple):
            items = enumerate(value)  # type: ignore[arg-type]
        else:
            if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
                if not paths:
                    return True
                raise ConfigError.at(
                    _path(loc),
                    f"{excerpt(value)} is {len(value):,} characters long: "
                    f"at most {MAX_VALUE_CHARS:,} (MAX_VALUE_CHARS)",
                )
            continue
        if (len(loc) if paths else loc) >= MAX_DEPTH:
            if not paths:
                return True
            raise ConfigError.at(
                _path(loc[:MAX_DEPTH]), f"nested more than {MAX_DEPTH} levels deep (MAX_DEPTH)"
            )
        if not paths:
            for key, item in items:
                if mapping and isinstance(key, str) and len(key) > MAX_VALUE_CHARS:
                    return True
                stack.append((item, loc + 1))
            continue
        for key, item in items:
            if mapping:
                if not isinstance(key, str):
                    key = str(key)
                elif len(key) > MAX_VALUE_CHARS:
                    stack.append((key, loc))
            stack.append((item, (*loc, key)))
    return False


def _path(loc: tuple[int | str, ...]) -> str:
    """``services.etat-civil.hours.sat[0]`` from a pydantic location."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _is_tag(part):
            text += f".{part}" if text else part
    return text


_TAGS = ("function-", "union[", "tagged-union[", "literal[", "tuple[", "nullable[")


def _is_tag(part: object) -> bool:
    """Whether a part of a pydantic location names a branch of a union, not a key."""
    return isinstance(part, str) and (part.startswith(_TAGS) or "[" in part or part in _MODEL_NAMES)


_MODEL_NAMES: set[str] = set()  # filled in below, with the names of the models


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class validating the table at ``loc`` under ``root``, if one does."""
    current: Any = root
    for part in loc:
        if isinstance(part, str) and _is_tag(part):
            named = next((m for m in _members(current) if m.__name__ == part), None)
            current = named if named is not None else current
            continue
        current = next(
            (found for found in (_step(m, part) for m in _members(current)) if found is not None),
            None,
        )
        if current is None:
            return None
    models = [m for m in _members(current) if isinstance(m, type) and issubclass(m, BaseModel)]
    return models[0] if len(models) == 1 else None


def _members(annotation: Any) -> list[Any]:
    """The types a field may hold: the members of a union, the type in ``Annotated``."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [annotation]


def _step(annotation: Any, part: int | str) -> Any:
    """The type of item ``part`` of a value of type ``annotation``, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part) if isinstance(part, str) else None
        return None if field is None else field.annotation
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is tuple and isinstance(part, int) and args:
        return args[0]
    if origin is dict and isinstance(part, str) and len(args) == 2:
        return args[1]
    return None


_MISMATCH = {
    "literal_error",
    "tuple_type",
    "list_type",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "string_type",
    "int_type",
    "float_type",
    "bool_type",
    "date_type",
    "none_required",
}
"""Error types that say the value has the wrong kind (one per branch of a union)."""


def _expected(item: Mapping[str, Any]) -> str:
    """What the value should have been, for an error of a kind in :data:`_MISMATCH`."""
    kind = item["type"]
    if kind == "literal_error":
        return str((item.get("ctx") or {}).get("expected", "another value"))
    return {
        "tuple_type": "a list of slots",
        "list_type": "a list",
        "dict_type": "a table",
        "model_type": "a table",
        "model_attributes_type": "a table",
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "date_type": "a date (YYYY-MM-DD)",
        "none_required": "nothing",
    }[kind]


def _message(item: Mapping[str, Any], root: type[BaseModel]) -> str:
    """The message of one pydantic error, in horaires' words."""
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, Exception):
        return str(cause)
    if kind == "extra_forbidden":
        key = item["loc"][-1]
        model = _model_at(root, item["loc"][:-1])
        if model is WeeklyHours:
            hint = did_you_mean(key, WEEKDAYS, WEEKDAY_NAMES)
            return f"unknown weekday {excerpt(key)}{hint}: expected one of {', '.join(WEEKDAYS)}"
        known = [] if model is None else list(model.model_fields)
        return f"unknown key {excerpt(key)}{did_you_mean(key, known)}"
    if kind == "missing":
        return "is required"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{excerpt(value)} is not {_either(options)}{did_you_mean(value, options)}"
    if kind in ("tuple_type", "list_type") and isinstance(value, str):
        return f"{excerpt(value)} is not a list of slots: write [{_quoted(value)}]"
    if kind in _MISMATCH:
        return f"{excerpt(value)} is not {_expected(item)}"
    if kind in ("int_parsing", "float_parsing", "int_from_float"):
        return f"{excerpt(value)} is not a number"
    if kind in ("bool_parsing",):
        return f"{excerpt(value)} is not true or false"
    if kind == "finite_number":
        return f"{excerpt(value)} is not a finite number"
    bounds = {
        "greater_than_equal": ("ge", "below"),
        "greater_than": ("gt", "not above"),
        "less_than_equal": ("le", "above"),
        "less_than": ("lt", "not below"),
    }
    if kind in bounds:
        key, word = bounds[kind]
        return f"{excerpt(value)} is {word} {ctx.get(key)}"
    if kind == "recursion_loop":
        return "nested too deeply"
    return f"{excerpt(value)} is not valid here"


def _either(options: list[str], quote: bool = True) -> str:
    """``'a', 'b' or 'c'``."""
    shown = [repr(o) for o in options] if quote else options
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"')[:MAX_EXCERPT] + '"'


def _position(data: object, loc: tuple[int | str, ...]) -> tuple[int, ...]:
    """Where ``loc`` is in the input, as indexes: issues are listed in the input's order."""
    found: list[int] = []
    node = data
    for part in loc:
        if type(part) is int:
            if isinstance(node, list | tuple):
                found.append(part)
                node = node[part] if 0 <= part < len(node) else None
        elif isinstance(node, dict | Mapping) and part in node:
            found.append(next(i for i, key in enumerate(node) if key == part))
            node = node[part]
        elif isinstance(node, dict | Mapping) and not _is_tag(part):
            found.append(len(node))
            node = None
    return tuple(found)


def config_error(
    error: ValidationError, root: type[BaseModel] | None = None, data: object = None
) -> ConfigError:
    """A :class:`ConfigError` with one issue per problem, path first, in horaires' words.

    A value that fits no branch of a union is one issue that lists what it could have been;
    when it has the shape of one branch (a list of slots with a bad slot), only that
    branch's problems are reported.
    """
    root = root or EstablishmentData
    items = sorted(error.errors(), key=lambda item: _position(data, item["loc"]))
    paths = [_path(item["loc"]) for item in items]
    branches: dict[str, list[str]] = {}  # what a value fitting no branch of a union could be
    shaped: set[str] = set()  # paths at or under which a branch reports a deeper problem
    for item, path in zip(items, paths, strict=True):
        if item["type"] in _MISMATCH:
            branches.setdefault(path, []).append(_expected(item))
        else:
            shaped.update(path[: m.start()] for m in _SEPARATOR.finditer(path))
            shaped.add(path)
    out: dict[tuple[str, str], Issue] = {}
    shown: set[str] = set()
    for item, path in zip(items, paths, strict=True):
        if len(out) >= MAX_ISSUES:  # enough to show: the others are only counted
            if path in shown:
                continue
            if item["type"] not in _MISMATCH or path not in shaped:
                key = (path, item["type"] if item["type"] not in _MISMATCH else "")
                out.setdefault(key, Issue(path, ""))
            continue
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, ConfigError):
            for i in cause.issues:
                issue = Issue(".".join(p for p in (path, i.path) if p), i.message)
                out.setdefault((issue.path, issue.message), issue)
            continue
        if item["type"] not in _MISMATCH:
            message = _message(item, root)
        elif path and path in shaped:
            continue  # the value has another branch's shape: that branch's issues say it
        elif len(branches[path]) < 2:
            message = _message(item, root)
        else:
            options = _either(list(dict.fromkeys(branches[path])), quote=False)
            message = f"{excerpt(item.get('input'))} is not valid: expected {options}"
        out.setdefault((path, message), Issue(path, message))
        shown.add(path)
    return ConfigError(out.values())


_SEPARATOR = re.compile(r"[.\[]")


# -- times and slots ----------------------------------------------------------------------


def read_time(text: str, limit: int = DAY) -> int:
    """Minutes after midnight of a time written ``08:30``, ``8:30``, ``8h30``, ``8h`` or
    ``8``, at most ``limit``; it is written back ``08:30``.

    >>> read_time("8h30"), read_time("8h"), read_time("08H30"), read_time("9"), read_time("26:00", 2880)
    (510, 480, 510, 540, 1560)
    >>> read_time("8.30")
    Traceback (most recent call last):
    ...
    ValueError: '8.30' is not a time: expected HH:MM, e.g. 08:30
    """
    match = _LOOSE_TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"{excerpt(text)} is not a time: expected HH:MM, e.g. 08:30")
    minutes = int(match[2] or match[3] or 0)
    value = int(match[1]) * 60 + minutes
    if minutes > 59 or value > limit:
        raise ValueError(f"{excerpt(text)} is not a time between 00:00 and {format_time(limit)}")
    return value


def _minutes_of(value: object) -> int:
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    if isinstance(value, str):
        return read_time(value)
    raise ValueError(f"{excerpt(value)} is not a time: expected HH:MM, e.g. 08:30")


def _sun_of(value: object) -> SunTime | None:
    """The sun time of a bound written ``sunset``, ``sunset-30min``, ``sunrise+1h30`` or
    ``(sunset-00:30)``; None for a time."""
    if not isinstance(value, str):
        return None
    match = _SUN_BOUND.fullmatch(value.strip())
    if match is None or (value.strip().startswith("(") != value.strip().endswith(")")):
        return None
    event, sign, hh, mm, amount, unit, rest = match.groups()
    if sign is None:
        offset = 0
    elif hh is not None:
        offset = int(hh) * 60 + int(mm)
    elif unit == "h":
        offset = int(amount) * 60 + int(rest or 0)
    else:
        offset = int(amount)
    if offset > MAX_SUN_OFFSET:
        raise ValueError(f"{excerpt(value)} moves {event} by more than 5 hours")
    return SunTime(cast("SunEvent", event), -offset if sign == "-" else offset)


def _sun_text(time: SunTime) -> str:
    """``sunset``, ``sunset-30min``, ``sunrise+1h30``: a sun time as a slot writes it."""
    if not time.offset:
        return time.event
    minutes = abs(time.offset)
    amount = (
        f"{minutes}min"
        if minutes < 60
        else f"{minutes // 60}h" + (f"{minutes % 60:02d}" if minutes % 60 else "")
    )
    return f"{time.event}{'+' if time.offset > 0 else '-'}{amount}"


SLOT_TEXTS = 4096
"""Slots written as text (``"08:30-12:30"``) read once for the process."""


@lru_cache(maxsize=SLOT_TEXTS)
def _text_slot(text: str) -> Slot:
    """The slot written ``text`` (validated once; slots are immutable, so they are shared)."""
    return Slot.model_validate(dict(_slot_text(text)))


@lru_cache(maxsize=SLOT_TEXTS)
def _slot_text(text: str) -> dict[str, Any]:
    """The fields of a slot written ``HH:MM-HH:MM`` (or with sun times, or with times as
    people write them: ``8h30-12h30``, ``9-12``), times in minutes."""
    match = _SLOT.fullmatch(text) or _LOOSE_SLOT.fullmatch(text)
    if match is None:
        raise ValueError(
            f"{excerpt(text)} is not a slot: expected HH:MM-HH:MM, e.g. 08:30-12:30 "
            "(or sunrise-sunset, 08:00-sunset-30min)"
        )
    fields: dict[str, Any] = _slot_table({"opens": match[1], "closes": match[2]})
    return fields


def _slot_table(data: Any) -> Any:
    """The fields of a slot given as a table, times in minutes (a closing in the morning
    after a later opening is moved past midnight)."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{excerpt(data)} is not a slot: expected 'HH:MM-HH:MM' or a table")
    data = dict(data)
    for key in ("opens", "closes"):  # a sun time: its fixed stand-in, and the sun time
        sun = _sun_of(data.get(key))
        if sun is not None:
            data[f"{key}_sun"] = sun
            data[key] = sun.nominal
    if isinstance(data.get("opens"), str | dt.time):
        data["opens"] = _minutes_of(data["opens"])
        if data["opens"] >= DAY:
            raise ValueError("opens at 24:00: a slot opens before midnight")
    opens = data.get("opens")
    if isinstance(data.get("closes"), str | dt.time) or (
        "closes_sun" in data and isinstance(opens, int) and data["closes"] <= opens
    ):
        text = data["closes"]
        closes = (
            text
            if isinstance(text, int)
            else read_time(text, limit=MAX_CLOSING)
            if isinstance(text, str)
            else _minutes_of(text)
        )
        if isinstance(opens, int) and closes <= opens:
            if closes == opens:
                raise ValueError(f"closes ({format_time(closes)}) when it opens: empty slot")
            if closes >= _NOON:
                raise ValueError(
                    f"closes ({format_time(closes)}) before it opens ({format_time(opens)}); "
                    "a slot past midnight closes in the morning (22:00-02:00) or is "
                    "written past 24:00 (13:00-36:00)"
                )
            closes += DAY
        data["closes"] = closes
    if isinstance(data.get("last_admission"), str | dt.time):
        text = data["last_admission"]
        last = read_time(text, limit=MAX_CLOSING) if isinstance(text, str) else _minutes_of(text)
        if isinstance(opens, int) and last < opens:
            last += DAY
        data["last_admission"] = last
    return data


class Slot(_Model):
    """An opening slot on a day: ``"08:30-12:30"``, or a table with ``last_admission``.

    Times are minutes after midnight; a slot that closes earlier than it opens, in the
    morning, runs past midnight (``"22:00-02:00"`` is ``opens=1320, closes=1560``).

    >>> Slot.parse("22:00-02:00").closes
    1560
    >>> str(Slot(opens="08:30", closes="12:30", last_admission="12:15"))
    '08:30-12:30 (last admission 12:15)'
    """

    opens: int = Field(ge=0, lt=DAY)
    closes: int = Field(gt=0, le=MAX_CLOSING)
    last_admission: int | None = None
    opens_sun: SunTime | None = Field(default=None, repr=False)
    closes_sun: SunTime | None = Field(default=None, repr=False)

    @classmethod
    def parse(cls, text: str) -> Slot:
        """A slot from ``"HH:MM-HH:MM"``."""
        return cls.model_validate(text)

    @model_validator(mode="before")
    @classmethod
    def _read(cls, data: Any) -> Any:
        if isinstance(data, str):
            return dict(_slot_text(data))
        return _slot_table(data)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.closes <= self.opens:
            raise ValueError(
                f"closes ({format_time(self.closes)}) before it opens ({format_time(self.opens)})"
            )
        last = self.last_admission
        if last is not None and self.variable:
            raise ValueError(f"{self.span} has sun times: it cannot have a last admission time")
        if last is not None and not self.opens <= last <= self.closes:
            raise ValueError(
                f"last admission ({format_time(last % DAY)}) is outside the slot {self.span}"
            )
        return self

    @property
    def variable(self) -> bool:
        """Whether it opens or closes at a sun time (``sunrise-sunset``): its ``opens`` and
        ``closes`` are then fixed stand-ins, and its hours on a date are the resolution's."""
        return self.opens_sun is not None or self.closes_sun is not None

    @property
    def wraps(self) -> bool:
        """True when the closing reads back from the morning form (``22:00-02:00``)."""
        return self.closes > DAY and self.closes - DAY < min(self.opens, _NOON)

    @property
    def span(self) -> str:
        """``08:30-12:30``; ``22:00-02:00`` past midnight, or ``13:00-36:00`` when the morning
        form would read back differently; ``sunrise-sunset``, ``08:00-sunset-30min``."""
        closes = self.closes - DAY if self.wraps else self.closes
        opening = _sun_text(self.opens_sun) if self.opens_sun else format_time(self.opens)
        closing = _sun_text(self.closes_sun) if self.closes_sun else format_time(closes)
        return f"{opening}-{closing}"

    def __str__(self) -> str:
        if self.last_admission is None:
            return self.span
        return f"{self.span} (last admission {format_time(self.last_admission % DAY)})"

    @model_serializer
    def _dump(self) -> str | dict[str, str]:
        if self.last_admission is None:
            return self.span
        opens, closes = self.span.split("-")
        data = {"opens": opens, "closes": closes}
        last = self.last_admission
        if last is not None:
            data["last_admission"] = format_time(
                last - DAY if DAY < last < DAY + self.opens else last
            )
        return data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        time = {"type": "string", "pattern": rf"^\s*(?:{_BOUND}|{_LOOSE})\s*$"}
        return {
            "title": "Slot",
            "description": "An opening slot: 'HH:MM-HH:MM' (or with sun times: "
            "'sunrise-sunset', '08:00-sunset-30min') or a table with last_admission.",
            "anyOf": [
                {"type": "string", "pattern": f"^(?:{_SLOT.pattern}|{_LOOSE_SLOT.pattern})$"},
                {
                    "type": "object",
                    "properties": {"opens": time, "closes": time, "last_admission": time},
                    "required": ["opens", "closes"],
                    "additionalProperties": False,
                },
            ],
        }


def _check_day(slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    if len(slots) < 2:
        return slots
    ordered = sorted(range(len(slots)), key=lambda i: slots[i].opens)
    for before, after in itertools.pairwise(ordered):
        if slots[after].opens < slots[before].closes:
            raise ValueError(
                f"[{after}] ({slots[after].span}) overlaps [{before}] ({slots[before].span})"
            )
    return slots


def _known_slots(value: Any) -> Any:
    """Slots written as text, as the one immutable :class:`Slot` of each text (validated once
    for the process); anything else is left to the validation of slots."""
    if isinstance(value, list | tuple):
        if len(value) > MAX_SLOTS_PER_DAY:
            raise ValueError(
                f"{len(value):,} slots in a day: at most {MAX_SLOTS_PER_DAY} (MAX_SLOTS_PER_DAY)"
            )
        out = []
        for item in value:
            if isinstance(item, str):
                try:  # noqa: SIM105 (a context manager per slot costs more than its lookup)
                    item = _text_slot(item)
                except ValueError:  # validated as a slot, which says what is wrong and where
                    pass
            out.append(item)
        return out
    return value


DayHours = Annotated[tuple[Slot, ...], BeforeValidator(_known_slots)]
"""The slots of one day; an empty list is a closed day."""


class WeeklyHours(_Model):
    """Slots per weekday (``mon`` ... ``sun``); a day not named is not set here.

    >>> WeeklyHours(mon=["08:30-12:30", "13:30-17:30"]).day(0)[1].span
    '13:30-17:30'
    """

    mon: DayHours | None = None
    tue: DayHours | None = None
    wed: DayHours | None = None
    thu: DayHours | None = None
    fri: DayHours | None = None
    sat: DayHours | None = None
    sun: DayHours | None = None

    @field_validator(*WEEKDAYS)
    @classmethod
    def _no_overlap(cls, slots: tuple[Slot, ...] | None) -> tuple[Slot, ...] | None:
        return None if slots is None else _check_day(slots)

    def day(self, weekday: int) -> tuple[Slot, ...] | None:
        """The slots of ``weekday`` (0 = Monday), or None when this week does not name it."""
        slots: tuple[Slot, ...] | None = getattr(self, WEEKDAYS[weekday])
        return slots

    @model_serializer(mode="wrap")
    def _dump(self, handler: Any) -> dict[str, Any]:
        return {key: value for key, value in handler(self).items() if value is not None}


# -- admission -----------------------------------------------------------------------------


def _duration(value: Any) -> Any:
    """Minutes (int), ``"30min"``, ``"1h30"``, ``"PT30M"`` or ``"00:30"`` as a timedelta,
    in whole seconds."""
    try:
        duration = _read_duration(value)
    except OverflowError:
        raise ValueError(
            f"{excerpt(value)} is too long a duration: expected less than 24 hours"
        ) from None
    if isinstance(duration, dt.timedelta) and duration.microseconds:
        raise ValueError(f"{excerpt(value)} is not a whole number of seconds")
    return duration


def _read_duration(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{excerpt(value)} is not a duration")
    if isinstance(value, int | float):
        if math.isnan(value):
            raise ValueError(f"{excerpt(value)} is not a duration")
        if math.isinf(value):
            raise OverflowError(value)
        return dt.timedelta(minutes=value)
    if isinstance(value, str):
        text = value.strip()
        iso = _ISO_DURATION.fullmatch(text)
        if iso and any(iso.groups()):
            h, m, s = (int(g or 0) for g in iso.groups())
            return dt.timedelta(hours=h, minutes=m, seconds=s)
        if ":" in text:
            return dt.timedelta(minutes=read_time(text))
        plain = _DURATION.fullmatch(text)
        if plain and any(plain.groups()):
            return dt.timedelta(hours=int(plain[1] or 0), minutes=int(plain[2] or 0))
    if isinstance(value, dt.timedelta):
        return value
    raise ValueError(
        f"{excerpt(value)} is not a duration: expected minutes, '30min', '1h30' or 'PT30M'"
    )


Duration = Annotated[
    dt.timedelta,
    BeforeValidator(_duration),
    PlainSerializer(lambda d: _iso_duration(d), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "description": "minutes"},
                {"type": "string", "description": "'30min', '1h30', 'PT30M' or 'HH:MM'"},
            ]
        }
    ),
]


def _iso_duration(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n]
    return "PT" + ("".join(parts) or "0M")


class AdmissionRule(_Model):
    """The desk stops admitting ``before_closing`` before each closing (or the day's last).

    >>> AdmissionRule(before_closing=30).before_closing
    datetime.timedelta(seconds=1800)
    """

    before_closing: Duration = dt.timedelta(0)
    applies_to: Literal["each_closing", "end_of_day"] = "each_closing"

    @field_validator("before_closing")
    @classmethod
    def _bounded(cls, value: dt.timedelta) -> dt.timedelta:
        if not dt.timedelta(0) <= value < dt.timedelta(days=1):
            raise ValueError(f"{value} is not between 0 and 24 hours")
        return value


# -- dated rules -----------------------------------------------------------------------------

Closed = Literal["closed"]
Unknown = Literal["unknown"]
Hours = DayHours | Closed | Unknown
"""Replacement hours of a day: slots, ``"closed"``, or ``"unknown"`` (state unknown)."""


_H = TypeVar("_H", bound=tuple[Slot, ...] | str)


def _check_hours(value: _H) -> _H:
    if not isinstance(value, str):
        _check_day(value)
    return value


_ISO_DATE = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")
_DAY_FIRST = re.compile(r"\s*(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*")
_YEAR_FIRST = re.compile(r"\s*(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*")
_DAY_MONTH = re.compile(r"\s*(\d{1,2})\s*[/.]\s*(\d{1,2})\s*")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _date_fix(value: object) -> str | None:
    """The ISO form of a date written another way (``25/12/2025``, ``25.12.2025``,
    ``2025/12/25``; day first, as in Europe, unless only month first makes a date)."""
    if not isinstance(value, str):
        return None
    if match := _DAY_FIRST.fullmatch(value):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if not _valid(year, month, day) and _valid(year, day, month):
            day, month = month, day
    elif match := _YEAR_FIRST.fullmatch(value):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
    else:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def _date(value: Any) -> Any:
    """A date: a date object, or text ``YYYY-MM-DD``; another way of writing one is refused
    with its ISO form.

    >>> _date("2025-12-25")
    datetime.date(2025, 12, 25)
    >>> _date("25/12/2025")
    Traceback (most recent call last):
    ...
    ValueError: '25/12/2025' is not a date in the form YYYY-MM-DD: write 2025-12-25
    """
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value.isoformat()} has a time: give the date alone, {value.date()}")
    if isinstance(value, str):
        fix = _date_fix(value)
        if fix is not None and fix != value.strip():
            raise ValueError(f"{excerpt(value)} is not a date in the form YYYY-MM-DD: write {fix}")
        if _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError as error:
                raise ValueError(f"{excerpt(value)} is not a date: {error}") from None
    raise ValueError(f"{excerpt(value)} is not a date: expected YYYY-MM-DD, e.g. 2025-12-25")


DateField = Annotated[
    dt.date | None,
    BeforeValidator(_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}),
]
"""A date, written ``YYYY-MM-DD`` (a TOML date, or text)."""


class DatedException(_Model):
    """Hours that replace the usual ones on a date, a date range, or a recurrence.

    Give ``date``; or ``start`` and ``end`` (inclusive); or ``rrule`` (RFC 5545, e.g.
    ``FREQ=MONTHLY;BYDAY=1SA``) with optional ``start``/``end`` bounds.

    >>> DatedException(date="2025-12-24", hours=["08:30-12:00"]).span_days
    1
    """

    label: str | None = None
    date: DateField = None
    start: DateField = None
    end: DateField = None
    rrule: str | None = None
    hours: Hours

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: Hours) -> Hours:
        return _check_hours(value)

    @field_validator("rrule")
    @classmethod
    def _rrule(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            check_rrule(value, info.data.get("start"))  # start is validated before rrule
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if self.date is not None:
            if self.start or self.end or self.rrule:
                raise ValueError("give either date, or start and end, or rrule")
        elif self.rrule is None and (self.start is None or self.end is None):
            raise ValueError("give date, or start and end (inclusive), or rrule")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @property
    def span_days(self) -> int | None:
        """Days from first to last covered date; None for an unbounded recurrence."""
        if self.date is not None:
            return 1
        if self.start is not None and self.end is not None:
            return (self.end - self.start).days + 1
        return None


def _season_bound(value: Any) -> Any:
    """A date (``2025-07-15``, or a date object) or a month-day of every year (``07-15``).

    >>> _season_bound("15/07")
    Traceback (most recent call last):
    ...
    ValueError: '15/07' is not a month-day in the form MM-DD: write 07-15
    """
    if isinstance(value, str) and _MONTH_DAY.fullmatch(value):
        try:
            dt.date(2000, int(value[:2]), int(value[3:]))
        except ValueError:
            raise ValueError(f"{excerpt(value)} is not a month-day (MM-DD)") from None
        return value
    if isinstance(value, str):
        day_month = _DAY_MONTH.fullmatch(value)
        if day_month and _valid(2000, int(day_month[2]), int(day_month[1])):
            fix = f"{int(day_month[2]):02d}-{int(day_month[1]):02d}"
            raise ValueError(f"{excerpt(value)} is not a month-day in the form MM-DD: write {fix}")
    if isinstance(value, dt.date | str) and not _date_fix(value):
        try:
            return _date(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime | str):
        return _date(value)
    raise ValueError(f"{excerpt(value)} is not a date (2025-07-15) or a month-day (07-15)")


SeasonBound = Annotated[
    dt.date | str,
    BeforeValidator(_season_bound),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{2}-\d{2}$", "description": "MM-DD"},
            ]
        }
    ),
]
"""A season's first or last day: a date, or ``"07-15"`` for a day of every year."""


class Season(_Model):
    """Weekly hours for a period: month-days of every year (``07-15``) or dated (one year).

    Days its ``hours`` do not name keep the usual hours. An every-year period may wrap the
    year end (``12-15`` to ``01-15``).

    >>> Season(start="07-15", end="08-22", hours={"sat": []}).every_year
    True
    """

    label: str | None = None
    start: SeasonBound
    end: SeasonBound
    hours: WeeklyHours

    @model_validator(mode="after")
    def _same_kind(self) -> Self:
        if isinstance(self.start, dt.date) != isinstance(self.end, dt.date):
            raise ValueError("start and end are both dates or both month-days (MM-DD)")
        if (
            isinstance(self.start, dt.date)
            and isinstance(self.end, dt.date)
            and self.end < self.start
        ):
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @property
    def every_year(self) -> bool:
        """True for month-day bounds, repeated every year."""
        return not isinstance(self.start, dt.date)

    @property
    def span_days(self) -> int:
        """Days the period covers (an every-year period is counted in a common year)."""
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date):
            return (self.end - self.start).days + 1
        first, last = (_common_year_date(str(bound)) for bound in (self.start, self.end))
        return (last - first).days % 365 + 1

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` is in the period."""
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date):
            return self.start <= day <= self.end
        start, end, key = str(self.start), str(self.end), f"{day.month:02d}-{day.day:02d}"
        if start <= end:
            return start <= key <= end
        return key >= start or key <= end


def _common_year_date(month_day: str) -> dt.date:
    """The date of ``MM-DD`` in 2001 (29 February counts as the 28th)."""
    month, day = int(month_day[:2]), int(month_day[3:])
    return dt.date(2001, month, min(day, 28) if month == 2 else day)


# -- holidays, services, establishment -----------------------------------------------------


HolidayHours = DayHours | Closed | Unknown | Literal["usual"]
"""On a public holiday: ``"closed"``, ``"usual"`` (the holiday changes nothing),
``"unknown"``, or slots."""


class HolidayCalendar(_Model):
    """Public holidays of a country and optional subdivision, from the ``holidays`` package.

    >>> HolidayCalendar(country="FR", subdivision="57").subdivision
    '57'
    """

    country: str
    subdivision: str | None = None

    @model_validator(mode="after")
    def _known(self) -> Self:
        check_calendar(self.country, self.subdivision)
        return self


SchoolHours = DayHours | WeeklyHours | Closed | Unknown | Literal["usual"]
"""On a school holiday: ``"usual"`` (the default: it changes nothing), ``"closed"``,
``"unknown"``, slots (every school-holiday date), or weekly hours (the days they name get
those hours, the others keep theirs)."""


class SchoolCalendar(_Model):
    """School holidays of a country's zone(s): France's ``A``, ``B``, ``C`` (from
    ``vacances-scolaires-france``), elsewhere subdivisions of the ``holidays`` package.

    >>> SchoolCalendar(country="FR", zone=["B", "C"]).zones
    ('B', 'C')
    """

    country: str
    zone: str | tuple[str, ...]

    @model_validator(mode="after")
    def _known(self) -> Self:
        check_school(self.country, self.zones)
        return self

    @property
    def zones(self) -> tuple[str, ...]:
        """The zones, as a tuple."""
        return zones_of(self.zone)


class Coordinates(_Model):
    """Where a place is, for its sun times: latitude and longitude in degrees.

    >>> Coordinates(lat=48.8566, lon=2.3522).pair
    (48.8566, 2.3522)
    """

    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)

    @property
    def pair(self) -> tuple[float, float]:
        """``(lat, lon)``."""
        return self.lat, self.lon


def _check_school_hours(value: SchoolHours) -> SchoolHours:
    if isinstance(value, (WeeklyHours, str)):
        return value
    return _check_hours(value)


class Service(_Model):
    """A desk of an establishment: inherits everything, overrides what it names.

    >>> Service(name="État civil", hours={"sat": ["09:00-12:30"]}).hours.day(5)[0].span
    '09:00-12:30'
    """

    name: str | None = None
    hours: WeeklyHours = WeeklyHours()
    inherit_hours: bool = True
    admission: AdmissionRule | None = None
    holiday_hours: HolidayHours | None = None
    school_holiday_hours: SchoolHours | None = None
    exceptions: tuple[DatedException, ...] = ()
    seasons: tuple[Season, ...] = ()

    @field_validator("holiday_hours")
    @classmethod
    def _holiday_hours(cls, value: HolidayHours | None) -> HolidayHours | None:
        return None if value is None else _check_hours(value)

    @field_validator("school_holiday_hours")
    @classmethod
    def _school_hours(cls, value: SchoolHours | None) -> SchoolHours | None:
        return None if value is None else _check_school_hours(value)


def _check_counts(data: Mapping[Any, Any]) -> None:
    """:class:`ConfigError` when a configuration holds more services, exceptions or seasons
    than :data:`MAX_SERVICES`, :data:`MAX_EXCEPTIONS`, :data:`MAX_SEASONS`."""
    services = data.get("services")
    owners: list[Mapping[Any, Any]] = [data]
    if isinstance(services, Mapping):
        if len(services) > MAX_SERVICES:
            raise ConfigError.at(
                "services",
                f"{len(services):,} services: at most {MAX_SERVICES:,} (MAX_SERVICES)",
            )
        owners += [s for s in services.values() if isinstance(s, Mapping)]
    for key, limit, name in (
        ("exceptions", MAX_EXCEPTIONS, "MAX_EXCEPTIONS"),
        ("seasons", MAX_SEASONS, "MAX_SEASONS"),
    ):
        count = sum(len(o[key]) for o in owners if isinstance(o.get(key), list | tuple))
        if count > limit:
            raise ConfigError.at(
                key,
                f"{count:,} {key} in the configuration (with its services'): "
                f"at most {limit:,} ({name})",
            )


def _zone(value: str) -> str:
    try:
        zone(value)
    except ValueError:
        hint = did_you_mean(value, _zone_names()) if len(value) < 100 else ""
        raise ValueError(
            f"unknown time zone {excerpt(value)}{hint}: expected an IANA name such as Europe/Paris"
        ) from None
    return value


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    """The IANA time zones this system knows, for "did you mean"."""
    return tuple(sorted(available_timezones()))


class EstablishmentData(_Model):
    """A place with weekly hours, holidays, an admission rule, exceptions and services: the
    validated data, which :class:`horaires.Establishment` extends with the queries.

    >>> paris = EstablishmentData(name="Mairie", hours={"mon": ["08:30-12:30"]})
    >>> paris.timezone, paris.services
    ('Europe/Paris', {})
    """

    name: str
    timezone: str = "Europe/Paris"
    disambiguate: Disambiguate = "compatible"
    language: str = "fr"
    hours: WeeklyHours = WeeklyHours()
    location: Coordinates | None = None
    holidays: HolidayCalendar | None = None
    holiday_hours: HolidayHours = "closed"
    school_holidays: SchoolCalendar | None = None
    school_holiday_hours: SchoolHours = "usual"
    admission: AdmissionRule | None = None
    exceptions: tuple[DatedException, ...] = ()
    seasons: tuple[Season, ...] = ()
    services: dict[str, Service] = {}

    @model_validator(mode="before")
    @classmethod
    def _schema_key(cls, data: Any) -> Any:
        """A ``$schema`` key (for editors) is allowed and ignored; the counts of services,
        exceptions and seasons are checked before any is validated."""
        if isinstance(data, Mapping):
            _check_counts(data)
        if isinstance(data, Mapping) and "$schema" in data:
            return {key: value for key, value in data.items() if key != "$schema"}
        return data

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        return _zone(value)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        try:
            return language(value)
        except HorairesError as error:
            raise ValueError(str(error)) from None

    @field_validator("holiday_hours")
    @classmethod
    def _holiday_hours(cls, value: HolidayHours) -> HolidayHours:
        return _check_hours(value)

    @field_validator("school_holiday_hours")
    @classmethod
    def _school_hours(cls, value: SchoolHours) -> SchoolHours:
        return _check_school_hours(value)

    @model_validator(mode="after")
    def _sun_and_school(self) -> Self:
        """Sun times need a location (and astral); school-holiday hours a calendar."""
        issues: list[Issue] = []
        sun = False
        for path, value in _owned(self):
            if path.endswith("school_holiday_hours"):
                if self.school_holidays is None and value not in (None, "usual"):
                    issues.append(
                        Issue(
                            path,
                            "needs a school_holidays calendar: "
                            'school_holidays = { country = "FR", zone = "C" }',
                        )
                    )
                continue
            slot = _first_slot(value, _at_sun_time)
            if slot is not None:
                sun = True
                if self.location is None:
                    issues.append(
                        Issue(path, f"{slot.span} uses sun times: give location = {{ lat, lon }}")
                    )
        if issues:
            raise ConfigError(issues)
        if sun:
            try:
                require_astral()
            except HorairesError as error:
                raise ConfigError.at("location", str(error)) from None
        return self

    @field_validator("services")
    @classmethod
    def _service_ids(cls, value: dict[str, Service]) -> dict[str, Service]:
        for key in value:
            if not _SERVICE_ID.fullmatch(key):
                raise ValueError(
                    f"{excerpt(key)} is not a service id: use letters, digits, '-' and '_' (etat-civil)"
                )
        return value

    @model_validator(mode="after")
    def _conflicts(self) -> Self:
        issues = list(conflicts(self))
        if issues:
            raise ConfigError(issues)
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The time zone as a ``ZoneInfo``."""
        return ZoneInfo(self.timezone)

    @property
    def place(self) -> tuple[float, float] | None:
        """``(lat, lon)`` of its location, or None."""
        return None if self.location is None else self.location.pair

    def service(self, service_id: str) -> Service:
        """The service with this id; :class:`UnknownServiceError` lists the known ones."""
        try:
            return self.services[service_id]
        except KeyError:
            raise UnknownServiceError(service_id, self.services) from None

    def iter_services(self) -> Iterator[tuple[str, Service]]:
        """``(id, service)`` pairs in configuration order."""
        return iter(self.services.items())


def _owned(
    est: EstablishmentData, services: Iterable[str] | None = None
) -> Iterator[tuple[str, object]]:
    """``(path, hours)`` of every place a configuration gives hours: each day of weekly hours
    (of seasons too), exceptions, holiday and school-holiday hours, of the establishment and
    of its ``services`` (None: all of them)."""
    owners: list[tuple[str, Any]] = [("", est)]
    keys = est.services if services is None else services
    owners += [(f"services.{key}.", est.services[key]) for key in keys]
    for prefix, owner in owners:
        weeks = [(f"{prefix}hours.", owner.hours)]
        weeks += [(f"{prefix}seasons[{i}].hours.", s.hours) for i, s in enumerate(owner.seasons)]
        for path, week in weeks:
            for key in WEEKDAYS:
                slots = getattr(week, key)
                if slots is not None:
                    yield path + key, slots
        for i, exception in enumerate(owner.exceptions):
            yield f"{prefix}exceptions[{i}].hours", exception.hours
        yield f"{prefix}holiday_hours", owner.holiday_hours
        yield f"{prefix}school_holiday_hours", owner.school_holiday_hours


def _first_slot(hours: object, test: Callable[[Slot], bool]) -> Slot | None:
    """The first slot of a day's slots or of weekly hours that passes ``test`` (None for a
    word)."""
    if isinstance(hours, WeeklyHours):
        for key in WEEKDAYS:
            slot = _first_slot(getattr(hours, key), test)
            if slot is not None:
                return slot
    elif isinstance(hours, tuple):
        for slot in hours:
            if isinstance(slot, Slot) and test(slot):
                return slot
    return None


def _at_sun_time(slot: Slot) -> bool:
    return slot.variable


def _late(slot: Slot) -> bool:
    return slot.closes > DAY or slot.variable


def past_midnight(establishment: EstablishmentData, service: str | None = None) -> bool:
    """Whether a slot of ``establishment`` (or of its ``service``) may run past its date's
    midnight: one that closes after 24:00, or at a sun time.

    >>> past_midnight(EstablishmentData(name="Bar", hours={"fri": ["18:00-02:00"]}))
    True
    >>> past_midnight(EstablishmentData(name="Mairie", hours={"mon": ["08:30-24:00"]}))
    False
    """
    services = () if service is None else (service,)
    return any(
        _first_slot(hours, _late) is not None for _, hours in _owned(establishment, services)
    )


_MODEL_NAMES.update(
    model.__name__
    for model in (
        AdmissionRule,
        Coordinates,
        DatedException,
        EstablishmentData,
        HolidayCalendar,
        SchoolCalendar,
        Season,
        Service,
        Slot,
        WeeklyHours,
    )
)
