"""The engine of :mod:`horaires.columns`: distinct keys, one evaluation per key, answers back.

A call encodes its columns (the values, the option columns, the instant columns) into one
code per row and the list of distinct combinations; each distinct value is parsed once (see
:func:`evaluate`) and asked at each distinct instant of its rows; the answers go back to the
rows by their codes. Lists are encoded here in plain Python; Arrow, pandas and Polars columns
in :mod:`horaires.columns._arrow`, which alone imports pyarrow.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from .. import osm
from .._compile import ACCEPTING, OPEN, UNKNOWN
from .._errors import HorairesError, NaiveDatetimeError
from .._schedule import Schedule, seconds
from .._wall import Disambiguate
from ..osm._instant import REFUSED, Instant

__all__ = [
    "ANSWERS_CACHE",
    "ColumnError",
    "Errors",
    "Options",
    "Question",
    "RowError",
    "State",
    "evaluate",
]

Errors = Literal["null", "raise"]
"""What an invalid value gives: ``"null"`` (the row's answer is null; :func:`errors` lists
it) or ``"raise"`` (a :class:`ColumnError` naming the first invalid row)."""

State = Literal["open", "closed", "unknown"]

QuestionName = Literal[
    "is_open", "can_be_served", "is_unknown", "state", "next_change", "open_minutes", "parse"
]

ANSWERS_CACHE = 262144
"""Answers each process keeps, per (value, options, question, instant): a value asked again
at the same instant (in the next batch of a DuckDB query, Spark job or Dask partition) is not
parsed again. Bounded (about 50 MB when full): the least recently used are dropped. A column
of OpenStreetMap's shape (200,000 distinct values in 1,000,000 rows) fits: each value is then
parsed once however the rows are batched."""

_EXCERPT = 60


@dataclass(frozen=True, slots=True)
class RowError:
    """An invalid value at ``row`` (0-based, in the column's order).

    >>> print(RowError(3, "Mo-Fx 10:00", "expected a weekday at column 4"))
    row 3: 'Mo-Fx 10:00': expected a weekday at column 4
    """

    row: int
    value: str
    """The value, cut to 60 characters."""
    message: str
    """What is wrong and where: the column in the value, with a caret under it."""

    def __str__(self) -> str:
        return f"row {self.row}: {self.value!r}: {self.message}"


class ColumnError(HorairesError):
    """A column has an invalid value (``errors="raise"``) or an unusable instant or option.

    ``errors`` lists the invalid rows found (for an invalid value: every row that holds it).
    """

    def __init__(self, message: str, errors: Sequence[RowError] = ()) -> None:
        self.errors: tuple[RowError, ...] = tuple(errors)
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Options:
    """The options of :func:`horaires.osm.parse` that are the same for every row."""

    language: str = "fr"
    mode: osm.Mode = "ranges"
    disambiguate: Disambiguate = "compatible"

    def named(self) -> dict[str, Any]:
        """The options by their names in :func:`horaires.osm.parse`."""
        return {"language": self.language, "mode": self.mode, "disambiguate": self.disambiguate}


Key = tuple[str, str, str | None, str | None]
"""What a schedule depends on: value, time zone, country, subdivision."""

Instants = tuple[dt.datetime, ...]


def _open_minutes(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> float:
    total = 0.0
    for interval in schedule.intervals(start, end):
        if not interval.unknown:  # aware subtraction in one zone ignores DST: use instants
            closes = end if interval.end is None else interval.end  # None: open past the range
            total += closes.timestamp() - interval.start.timestamp()
    return total / 60


@dataclass(frozen=True, slots=True)
class Question:
    """A question asked of each row, with its parameters; hashable (it keys the answers)."""

    name: QuestionName
    horizon: dt.timedelta | None = None

    @property
    def arity(self) -> int:
        """How many instants the question takes."""
        return {"open_minutes": 2, "parse": 0}.get(self.name, 1)

    def ask(self, schedule: Schedule, instants: Instants) -> object:
        """The answer of ``schedule`` at ``instants``."""
        name = self.name
        if name == "is_open":
            return schedule.is_open(instants[0])
        if name == "can_be_served":
            return schedule.can_be_served(instants[0])
        if name == "is_unknown":
            return schedule.is_unknown(instants[0])
        if name == "state":
            return self.from_state(schedule.state_at(seconds(instants[0])))
        if name == "next_change":
            return schedule.next_change(instants[0], horizon=self.horizon)
        if name == "open_minutes":
            return _open_minutes(schedule, instants[0], instants[1])
        return True  # "parse": the value is valid

    @property
    def of_state(self) -> bool:
        """Whether the answer is the state at one instant (:meth:`from_state` gives it)."""
        return self.name in ONE_INSTANT

    def from_state(self, state: int) -> object:
        """The answer when the state at the instant is ``state`` (a state of
        :mod:`horaires._compile`), for a question :attr:`of_state`."""
        name = self.name
        if name == "is_open":
            return state >= OPEN
        if name == "can_be_served":
            return state == ACCEPTING
        if name == "is_unknown":
            return state == UNKNOWN
        return "unknown" if state == UNKNOWN else "open" if state >= OPEN else "closed"


ONE_INSTANT = ("is_open", "can_be_served", "is_unknown", "state")
"""The questions whose answer is the state at one instant: many values asked about the same
instant share their rules (:mod:`horaires.osm._instant`), and cost little each."""


class _Invalid:
    """The message of a value :func:`horaires.osm.parse` refuses."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Refused:
    """A value :func:`horaires.osm.parse` refuses, its message read when wanted (most
    calls give null for it and never ask why)."""

    __slots__ = ("_found", "key", "options")

    def __init__(self, key: Key, options: Options) -> None:
        self.key, self.options = key, options
        self._found: str | None = None

    @property
    def message(self) -> str:
        """What :func:`horaires.osm.parse` says of the value."""
        if self._found is None:
            found = evaluate(self.key, self.options, Question("parse"), [])
            if not isinstance(found, _Invalid):  # pragma: no cover - a bug if it happens
                raise AssertionError(f"{self.key[0]!r} was refused, and parses")
            self._found = found.message
        return self._found


def evaluate(
    key: Key, options: Options, question: Question, instants: Sequence[Instants]
) -> list[object] | _Invalid:
    """All the work for one distinct value: parse it once, answer at each of ``instants``.

    An invalid value gives its message; an error while answering (an instant outside the
    supported years) is raised.

    >>> from datetime import datetime, timezone
    >>> at = (datetime(2025, 5, 5, 8, tzinfo=timezone.utc),)
    >>> evaluate(("Mo 09:00-12:00", "Europe/Paris", "FR", None), Options(), Question("is_open"), [at])
    [True]
    """
    value, timezone, country, subdivision = key
    try:
        schedule = osm.parse(
            value,
            timezone=timezone,
            country=country,
            subdivision=subdivision,
            **options.named(),
            cache=False,  # each distinct value is parsed once per call, its answers kept
        )
    except HorairesError as error:
        return _Invalid(str(error))
    ask = question.ask
    return [ask(schedule, args) for args in instants]


class _Memo:
    """A bounded, thread-safe LRU mapping (answers of this process)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object:
        with self._lock:
            found = self._data.get(key, _MISSING)
            if found is not _MISSING:
                self._data.move_to_end(key)
            return found

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._data[key] = value
            if len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


_MISSING = object()
MEMO = _Memo(ANSWERS_CACHE)


def answers(
    key: Key, options: Options, question: Question, instants: Sequence[Instants]
) -> list[object] | _Invalid:
    """:func:`evaluate`, through the answers this process already has (kept under keys of
    plain values, which the garbage collector stops walking: docs/performance.md#the-garbage-collector)."""
    plain = (key, options.language, options.mode, options.disambiguate)
    invalid = MEMO.get(plain)
    if isinstance(invalid, _Invalid):
        return invalid
    asked = (*plain, question.name, question.horizon)
    keys = [(asked, args) for args in instants]
    found = [MEMO.get(k) for k in keys]
    missing = [i for i, answer in enumerate(found) if answer is _MISSING]
    if missing or not instants:
        result = evaluate(key, options, question, [instants[i] for i in missing])
        if isinstance(result, _Invalid):
            MEMO.put(plain, result)
            return result
        for i, answer in zip(missing, result, strict=True):
            found[i] = answer
            MEMO.put(keys[i], answer)
    return found


# -- a call -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """One input of a call: the same for every row (``column`` False) or one per row."""

    column: bool
    value: Any  # the scalar, or the column as given


@dataclass(slots=True)
class Encoded:
    """A call's columns encoded: the distinct combinations, and how to find each row's."""

    distinct: list[tuple[Any, ...]]
    """Each distinct combination of the column parts, in order of the parts."""
    rows_with: Callable[[Sequence[int]], list[tuple[int, int]]]
    """``(row, position)`` of each row whose combination is at one of the given positions
    of ``distinct``, in row order."""
    first_row: Callable[[int], int]
    """The first row whose combination is at the given position of ``distinct``."""


@dataclass(slots=True)
class Evaluated:
    """The answer for each distinct combination, and the invalid ones."""

    answers: list[object]
    invalid: dict[int, _Invalid | _Refused]  # position in distinct -> why


def aware(at: object, where: str) -> dt.datetime:
    """An instant checked and moved to UTC (so equal instants are one key)."""
    if not isinstance(at, dt.datetime):
        raise ColumnError(f"{where}: {at!r} is not a datetime: pass aware datetimes")
    if at.tzinfo is None or at.utcoffset() is None:
        raise ColumnError(f"{where}: {NaiveDatetimeError(at)}")
    return at.astimezone(dt.UTC)


def check_options(parts: dict[str, Part], options: Options) -> None:
    """Raise for an option that is the same for every row and unusable (a bad time zone)."""
    timezone, country, subdivision = (
        parts[name] for name in ("timezone", "country", "subdivision")
    )
    try:
        osm.parse(
            "24/7",
            timezone=timezone.value if not timezone.column else "UTC",
            country=country.value if not country.column else None,
            subdivision=subdivision.value if not subdivision.column else None,
            **options.named(),
        )
    except HorairesError as error:
        raise ColumnError(str(error)) from None


_KEY_PARTS = ("values", "timezone", "country", "subdivision")


def run(
    parts: dict[str, Part],
    instant_names: Sequence[str],
    encoded: Encoded,
    options: Options,
    question: Question,
) -> Evaluated:
    """Answer ``question`` for each distinct combination of ``encoded``.

    ``parts`` are in the order of the combinations' fields: the column parts in order, then
    the scalars. Each distinct key is evaluated once, at every distinct instant of its rows.
    """
    names = [*_KEY_PARTS, *instant_names]
    columns = [name for name in names if parts[name].column]
    where = {name: columns.index(name) for name in columns}

    def pick(combination: tuple[Any, ...], name: str) -> Any:
        return combination[where[name]] if name in where else parts[name].value

    distinct = encoded.distinct
    moments = [where[name] for name in instant_names if name in where]
    if moments:  # check the instants of the columns, once per distinct combination
        for position, combination in enumerate(distinct):
            try:
                distinct[position] = tuple(
                    aware(x, name) if i in moments else x
                    for i, (name, x) in enumerate(zip(columns, combination, strict=True))
                )
            except ColumnError as error:
                raise ColumnError(f"row {encoded.first_row(position)}: {error}") from None
    result: list[object] = [None] * len(distinct)
    invalid: dict[int, _Invalid | _Refused] = {}
    rest: Sequence[int] = range(len(distinct))
    if columns == ["values"] and question.of_state:  # many values, one instant
        rest = _at_one_instant(parts, distinct, options, question, result, invalid)
    groups: dict[Key, list[int]] = {}
    for position in rest:
        combination = distinct[position]
        value = combination[0]
        if not isinstance(value, str):
            row = encoded.first_row(position)
            raise ColumnError(f"row {row}: {value!r} is not a string")
        key: Key = (
            value,
            pick(combination, "timezone"),
            pick(combination, "country"),
            pick(combination, "subdivision"),
        )
        groups.setdefault(key, []).append(position)
    for key, positions in groups.items():
        instants = [tuple(pick(distinct[p], name) for name in instant_names) for p in positions]
        try:
            found = answers(key, options, question, instants)
        except HorairesError as error:
            row = _failing_row(key, options, question, instants, positions, encoded)
            raise ColumnError(f"row {row}: {error}") from None
        if isinstance(found, _Invalid):
            for p in positions:
                invalid[p] = found
        else:
            for p, answer in zip(positions, found, strict=True):
                result[p] = answer
    return Evaluated(result, invalid)


INSTANTS = 2
"""Instants this process keeps with the rules they have read (:mod:`horaires.osm._instant`):
the batches of one query (DuckDB's vectors, Spark's Arrow batches) ask about the same
instant, and share them; an instant of the same local date (the next query's ``now()``)
shares the rules read, under the same lock."""

_INSTANTS: dict[tuple[object, ...], tuple[Instant, threading.Lock]] = {}
_INSTANTS_LOCK = threading.Lock()


def _at_one_instant(
    parts: dict[str, Part],
    distinct: Sequence[tuple[Any, ...]],
    options: Options,
    question: Question,
    result: list[object],
    invalid: dict[int, _Invalid | _Refused],
) -> list[int]:
    """Answer in ``result`` (or in ``invalid``) the distinct values the one-instant path
    answers (the values the only column, the instant and the options the same for every
    row); the positions of the others, which :func:`osm.parse` answers or refuses."""
    found = _instant(parts, options)
    if found is None:
        return list(range(len(distinct)))
    instant, lock = found
    answers = [question.from_state(state) for state in range(ACCEPTING + 1)]
    scalars = tuple(parts[name].value for name in ("timezone", "country", "subdivision"))
    rest: list[int] = []
    with lock:  # an instant's tables are one thread's at a time
        state = instant.state
        for position, (value,) in enumerate(distinct):
            if type(value) is str:
                try:
                    code = state(value)
                except HorairesError:  # (a holiday calendar that does not know the year)
                    code = None  # the general path raises it, naming the row
                if code is not None:
                    if code == REFUSED:
                        invalid[position] = _Refused((value, *scalars), options)
                    else:
                        result[position] = answers[code]
                    continue
            rest.append(position)
    return rest


@contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector paused (if it runs), and run again as it was after:
    answering many values makes objects that stay (the rules an instant keeps, the
    answers) and no reference cycle, and each full pass of the collector would walk all
    the process holds (docs/performance.md#the-garbage-collector)."""
    running = gc.isenabled()
    if running:
        gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _instant(parts: dict[str, Part], options: Options) -> tuple[Instant, threading.Lock] | None:
    """The instant of the call with its options, kept for the next calls; None when it
    has no one-instant path (an instant outside the supported years: the general path
    says which row)."""
    at, timezone, country, subdivision = (
        parts[name].value for name in ("at", "timezone", "country", "subdivision")
    )
    key = (at, timezone, country, subdivision, options)
    with _INSTANTS_LOCK:
        found = _INSTANTS.get(key)
        kept = [pair for other, pair in _INSTANTS.items() if other[1:] == key[1:]]
    if found is not None:
        return found
    try:
        for other, lock in kept:  # an instant of the same date: its rules read, shared
            moved = other.moved(at)
            if moved is not None:
                found = (moved, lock)
                break
        else:
            instant = Instant(
                at,
                timezone=timezone,
                country=country,
                subdivision=subdivision,
                **options.named(),
            )
            found = (instant, threading.Lock())
    except HorairesError:
        return None
    with _INSTANTS_LOCK:
        if len(_INSTANTS) >= INSTANTS:
            del _INSTANTS[next(iter(_INSTANTS))]
        return _INSTANTS.setdefault(key, found)


def forget_instants() -> None:
    """Forget the instants this process keeps."""
    with _INSTANTS_LOCK:
        _INSTANTS.clear()


def _failing_row(
    key: Key,
    options: Options,
    question: Question,
    instants: Sequence[Instants],
    positions: Sequence[int],
    encoded: Encoded,
) -> int:
    for args, position in zip(instants, positions, strict=True):
        try:
            evaluate(key, options, question, [args])
        except HorairesError:
            return encoded.first_row(position)
    return encoded.first_row(positions[0])  # pragma: no cover - the error went away


def row_errors(encoded: Encoded, evaluated: Evaluated) -> list[RowError]:
    """One :class:`RowError` per row holding an invalid value, in row order."""
    if not evaluated.invalid:
        return []
    errors = []
    for row, position in encoded.rows_with(sorted(evaluated.invalid)):
        value = encoded.distinct[position][0]
        excerpt = value if len(value) <= _EXCERPT else value[: _EXCERPT - 1] + "…"
        errors.append(RowError(row, excerpt, evaluated.invalid[position].message))
    return errors


def raise_first(errors: Sequence[RowError]) -> None:
    """Raise a :class:`ColumnError` for the first invalid row, if any."""
    if not errors:
        return
    first = errors[0]
    more = len(errors) - 1
    tail = (
        f"\n({more} more invalid row{'s' if more > 1 else ''}; errors='null' gives null for "
        "them, and horaires.columns.errors() lists them)"
        if more
        else ""
    )
    raise ColumnError(f"{first}{tail}", errors)


# -- plain Python lists -----------------------------------------------------------------------


def encode_lists(columns: Sequence[Sequence[Any]]) -> tuple[list[int | None], Encoded]:
    """Codes per row (None where a part is null) and the distinct combinations of lists."""
    index: dict[tuple[Any, ...], int] = {}
    codes: list[int | None] = []
    append = codes.append
    setdefault = index.setdefault
    for row in zip(*columns, strict=True):
        if any(part is None for part in row):
            append(None)
        else:
            append(setdefault(row, len(index)))

    def rows_with(positions: Sequence[int]) -> list[tuple[int, int]]:
        wanted = set(positions)
        return [(row, code) for row, code in enumerate(codes) if code in wanted]

    def first_row(position: int) -> int:
        return codes.index(position)

    return codes, Encoded(list(index), rows_with, first_row)


def as_list(column: Any, length: int | None, where: str) -> list[Any]:
    """A column of any accepted kind as a Python list (nulls as None)."""
    kind = kind_of(column)
    if kind == "list":
        out = list(column)
    elif kind in ("arrow", "chunked"):
        out = column.to_pylist()
    elif kind == "pandas":
        import pandas

        out = [None if pandas.isna(x) else x for x in column.tolist()]
    elif kind == "polars":
        out = column.to_list()
    else:
        raise ColumnError(f"{where}: {type(column).__name__} is not a column")
    if length is not None and len(out) != length:
        raise ColumnError(f"{where} has {len(out)} rows, the values {length}")
    return out


def kind_of(column: object) -> str:
    """``list``, ``arrow``, ``chunked``, ``pandas``, ``polars``, or ``scalar``."""
    if isinstance(column, list | tuple):
        return "list"
    module = type(column).__module__.partition(".")[0]
    name = type(column).__name__
    if module == "pyarrow":
        if name == "ChunkedArray":
            return "chunked"
        if name.endswith("Array"):
            return "arrow"
    elif module == "pandas" and name == "Series":
        return "pandas"
    elif module == "polars" and name == "Series":
        return "polars"
    return "scalar"
