"""Fuzzing every entry point that takes outside data: configs (dict, JSON, TOML), CLI
arguments, query instants, OpenStreetMap values, directory records, widget parameters.

The contract: the only exceptions that escape are :class:`HorairesError` subclasses with a
message (a :class:`ConfigError` lists its issues, each with a path when there is one), and
every call returns (inputs are bounded; a deadline catches a call that takes seconds).

CI runs a few examples per target; ``--hypothesis-profile=fuzz`` runs 100,000 (docs/testing.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import horaires
import horaires.examples
from horaires import ConfigError, Establishment, HorairesError
from horaires import strategies as hst
from horaires.cli import main

FUZZ = settings(deadline=dt.timedelta(seconds=20), suppress_health_check=list(HealthCheck))

KEYS = [
    "name", "timezone", "disambiguate", "language", "hours", "holidays", "holiday_hours",
    "admission", "exceptions", "seasons", "services", "country", "subdivision",
    "before_closing", "applies_to", "label", "date", "start", "end", "rrule", "opens",
    "closes", "last_admission", "inherit_hours", "mon", "tue", "wed", "thu", "fri", "sat",
    "sun", "$schema", "etat-civil",
]  # fmt: skip
WORDS = [
    "08:30-12:30", "22:00-02:00", "00:00-24:00", "13:00-36:00", "01:00-25:00", "24:00",
    "25:00", "99:99", "8:5", "12:00-12:00", "12:00-11:00", "", " ", "closed", "usual",
    "unknown", "Europe/Paris", "America/New_York", "Mars/Olympus", "../../etc/passwd",
    "FR", "57", "6AE", "XX", "fr", "en", "FREQ=MONTHLY;BYDAY=1SA", "FREQ=SECONDLY",
    "FREQ=DAILY;COUNT=3", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;INTERVAL=0",
    "RRULE:FREQ=WEEKLY;UNTIL=20250101", "2025-02-29", "2024-02-29", "2025-12-24",
    "0001-01-01", "9999-12-31", "07-15", "02-30", "12-15", "PT30M", "PT0S", "1h30", "30min",
    "-5", "each_closing", "end_of_day", "compatible", "raise", "earlier", "later",
]  # fmt: skip

leaves = st.one_of(
    st.sampled_from(WORDS),
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=30),
)
keys = st.sampled_from(KEYS) | st.text(max_size=10)
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=30,
)
configs = st.dictionaries(keys, json_values, max_size=8).map(
    lambda data: {"name": "Fuzz", **data} if "name" not in data else data
)


def check(call: Callable[[], object]) -> object:
    """Run ``call``: it returns, or raises a HorairesError that says what is wrong."""
    try:
        return call()
    except HorairesError as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        if isinstance(error, ConfigError):
            assert error.issues and all(issue.message.strip() for issue in error.issues)
        return error


WEEK = [dt.datetime(2025, 5, 5, h, tzinfo=dt.UTC) for h in (0, 7, 9, 12, 16, 20)]


def exercise(place: Establishment) -> None:
    """Queries on an accepted config raise nothing but HorairesError (e.g. disambiguate=raise)."""
    for service in [None, *place.services]:
        for at in WEEK:
            check(lambda at=at, service=service: place.status(at, service=service))
        check(
            lambda service=service: list(
                place.intervals(WEEK[0], WEEK[0] + dt.timedelta(days=8), service=service)
            )
        )
    assert horaires.load(horaires.dump(place)) == place


@FUZZ
@given(configs)
def test_fuzz_load_arbitrary_dicts(data: dict[str, Any]) -> None:
    place = check(lambda: horaires.load(data))
    if isinstance(place, Establishment):
        exercise(place)


def _places(node: Any) -> Any:
    """Every ``(container, key)`` of a JSON-like value."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in list(items):
        yield node, key
        yield from _places(child)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid config with a few parts replaced, removed or added."""
    data: Any = horaires.dump(draw(hst.establishments(max_services=2)))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_places(data))
        if not paths:
            break
        node, key = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            node[key] = draw(json_values)
        elif action == "delete":
            del node[key]
        elif isinstance(node, dict):
            node[draw(keys)] = draw(json_values)
        else:
            node.append(draw(json_values))
    return data


@FUZZ
@given(mutated())
def test_fuzz_load_near_valid_configs(data: Any) -> None:
    place = check(lambda: horaires.load(data))
    if isinstance(place, Establishment):
        exercise(place)


@st.composite
def mutated_text(draw: st.DrawFn) -> tuple[str, str]:
    format = draw(st.sampled_from(["toml", "json"]))
    text = horaires.dumps(draw(hst.establishments(max_services=1)), format)  # type: ignore[arg-type]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 8)))
        text = (
            text[:i]
            + draw(
                st.sampled_from(["", "[", "]", "{", '"', "=", "\n", ",", "0", "99:99", "\\"])
                | st.text(max_size=4)
            )
            + text[j:]
        )
    return text, format


@FUZZ
@given(
    st.one_of(st.tuples(st.text(max_size=300), st.sampled_from(["toml", "json"])), mutated_text())
)
def test_fuzz_loads_text(case: tuple[str, str]) -> None:
    text, format = case
    check(lambda: horaires.loads(text, format))  # type: ignore[arg-type]


# -- query instants ------------------------------------------------------------------------

PLACES = [horaires.examples.load_example(name) for name in horaires.examples.names()]
instants = st.datetimes(
    min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=st.timezones()
) | st.datetimes(
    min_value=dt.datetime(1, 1, 2),
    max_value=dt.datetime(9999, 12, 30),
    timezones=st.builds(
        dt.timezone,
        st.timedeltas(dt.timedelta(hours=-23, minutes=-59), dt.timedelta(hours=23, minutes=59)),
    ),
)
not_instants = st.one_of(
    st.none(), st.datetimes(), st.dates(), st.text(max_size=5), st.integers(), st.floats()
)


@FUZZ
@given(st.sampled_from(PLACES), instants | not_instants, st.integers(0, 3))
def test_fuzz_query_instants(place: Establishment, at: Any, which: int) -> None:
    if at is None:
        return  # now: covered elsewhere
    service = [None, *place.services][which % (1 + len(place.services))]
    check(lambda: place.status(at, service=service))
    check(lambda: place.is_open(at, service=service))
    check(lambda: place.next_opening(at, service=service))
    if isinstance(at, dt.datetime) and at.tzinfo is not None:
        check(lambda: list(place.intervals(at, at + dt.timedelta(days=2), service=service)))


# -- command line ---------------------------------------------------------------------------

FILES = Path(tempfile.mkdtemp(prefix="horaires-fuzz-"))
(FILES / "ok.toml").write_text(horaires.dumps(horaires.examples.pantin()), encoding="utf-8")
(FILES / "ok.json").write_text(horaires.dumps(horaires.examples.pantin(), "json"), encoding="utf-8")
(FILES / "bad.toml").write_text('name = "x"\n[hours]\nmon = ["25:00-26:00"]\n', encoding="utf-8")
(FILES / "garbage.toml").write_bytes(b"\xff\xfe\x00garbage[[[")
(FILES / "annuaire.json").write_text(
    json.dumps(
        {
            "nom": "Mairie",
            "plage_ouverture": [
                {
                    "nom_jour_debut": "Lundi",
                    "nom_jour_fin": "Vendredi",
                    "valeur_heure_debut_1": "08:30:00",
                    "valeur_heure_fin_1": "12:00:00",
                }
            ],
        }
    ),
    encoding="utf-8",
)
(FILES / "dir.toml").mkdir()
PATHS = [
    str(FILES / name)
    for name in (
        "ok.toml",
        "ok.json",
        "bad.toml",
        "garbage.toml",
        "annuaire.json",
        "dir.toml",
        "missing.toml",
        "x.txt",
    )
]
TOKENS = [
    "status", "check", "schema", "week", "export", "import", "osm", "--at", "--service",
    "--lang", "--to", "--from", "--country", "--subdivision", "--timezone", "--name",
    "--format", "--start", "--days", "--type", "fr", "en", "de", "etat-civil", "nope", "FR",
    "57", "annuaire", "osm", "jsonld", "gbp", "json", "toml", "2025-05-05T10:00",
    "2025-05-05T10:00+02:00", "2025-13-45", "0001-01-01T00:00", "9999-12-31T23:59-12:00",
    "2025-05-05", "-1", "0", "100000", "Mo-Fr 08:00-12:00", "24/7", "Mo-Fr 08:00-12:00; PH off",
    "sunrise-sunset", "Europe/Paris", "Mars/Olympus", "-", "--", "",
]  # fmt: skip
argvs = st.lists(
    st.sampled_from(TOKENS) | st.sampled_from(PATHS) | st.text(max_size=12), max_size=7
)


@FUZZ
@given(st.sampled_from(["status", "check", "schema", "week", "export", "import", "osm"]), argvs)
def test_fuzz_cli(command: str, argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([command, *argv])
        except SystemExit as exit:  # argparse: usage errors (2) and --help (0)
            assert exit.code in (0, 2), exit.code
            return
    assert code in (0, 1, 2)
    if code == 1:
        assert err.getvalue().strip() or out.getvalue().strip()


# -- OpenStreetMap, directory records, widget -------------------------------------------------

OSM_PIECES = [
    "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "SH", "-", ",", ";", " ", ":", "||", "+",
    "off", "closed", "open", "unknown", "24/7", "08:00", "12:30", "24:00", "26:00", "[1]",
    "[-1]", "[9]", "Jan", "Dec", "2025", "week", "01-53/2", "easter", "sunrise", "\"c\"",
    "(sunset-01:00)", "08:00-", "10:00+", "Mo-Fr 08:00-12:00", "Jan 01", "Dec 25", "/",
]  # fmt: skip
osm_texts = st.one_of(
    st.lists(st.sampled_from(OSM_PIECES), max_size=25).map("".join),
    st.lists(st.sampled_from(OSM_PIECES), max_size=12).map(" ".join),
    st.text(max_size=60),
)


def _osm() -> Any:
    try:
        from horaires import osm as module
    except ImportError:  # pragma: no cover - built in parallel; skip only while absent
        pytest.skip("horaires.osm is not there")
    return module


@st.composite
def near_osm(draw: st.DrawFn) -> str:
    text = draw(hst.osm_values())
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 4)))
        text = text[:i] + draw(st.sampled_from(OSM_PIECES)) + text[j:]
    return text


@FUZZ
@given(
    osm_texts | near_osm(),
    st.sampled_from(["FR", None, "DE"]),
    st.sampled_from(["ranges", "points", "both"]),
)
def test_fuzz_osm_parse(value: str, country: str | None, mode: str) -> None:
    module = _osm()
    schedule = check(lambda: module.parse(value, country=country, mode=mode))
    if not isinstance(schedule, HorairesError):
        for at in WEEK:
            check(lambda at=at: schedule.status(at))  # type: ignore[union-attr]
        check(lambda: module.to_osm(schedule))


plage_values = (
    st.sampled_from(
        [
            "Lundi",
            "lundi",
            "Dimanche",
            "Funday",
            "08:30:00",
            "12:00:00",
            "25:00:00",
            "8h",
            "",
            None,
            3,
        ]
    )
    | leaves
)
plages = st.lists(
    st.dictionaries(
        st.sampled_from(
            [
                "nom_jour_debut",
                "nom_jour_fin",
                "valeur_heure_debut_1",
                "valeur_heure_fin_1",
                "valeur_heure_debut_2",
                "valeur_heure_fin_2",
                "commentaire",
            ]
        )
        | st.text(max_size=5),
        plage_values,
        max_size=7,
    )
    | json_values,
    max_size=5,
)
records = st.one_of(
    plages,
    st.fixed_dictionaries(
        {"plage_ouverture": plages | plages.map(json.dumps) | st.text(max_size=20)},
        optional={"nom": leaves},
    ),
    st.fixed_dictionaries(
        {
            "results": st.lists(st.fixed_dictionaries({"plage_ouverture": plages}), max_size=2)
            | json_values
        }
    ),
    json_values,
)


@FUZZ
@given(records)
def test_fuzz_annuaire(record: Any) -> None:
    try:
        from horaires import annuaire
    except ImportError:  # pragma: no cover
        pytest.skip("horaires.annuaire is not there")
    place = check(lambda: annuaire.from_annuaire(record))
    if isinstance(place, Establishment):
        exercise(place)


@FUZZ
@given(
    st.sampled_from(PLACES),
    instants,
    st.text(max_size=12) | st.sampled_from(["etat-civil", "fr", "en"]) | st.none(),
    st.sampled_from(["fr", "en", "de", ""]),
)
def test_fuzz_widget_payload(
    place: Establishment, at: dt.datetime, service: str | None, lang: str
) -> None:
    try:
        from horaires import widget
    except ImportError:  # pragma: no cover
        pytest.skip("horaires.widget is not there")
    data = check(lambda: widget.payload(place, at=at, service=service, lang=lang))
    if isinstance(data, dict):
        json.dumps(data, default=str)


# the widget's web app (horaires.web): query parameters from the web
params = st.dictionaries(
    st.sampled_from(["at", "service", "lang", "x", "AT"]),
    st.sampled_from(
        [
            "2025-05-05T10:00",
            "2025-05-05T10:00+02:00",
            "0001-01-01T00:00",
            "9999-12-31T23:59:59+14:00",
            "etat-civil",
            "fr",
            "en",
            "",
            "nope",
        ]
    )
    | st.text(max_size=20),
    max_size=4,
)


@pytest.fixture(scope="module")
def client() -> Any:
    pytest.importorskip("starlette")
    pytest.importorskip("httpx")
    import warnings

    from horaires.web import app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

        # the server's clock is pinned: the same answers on every run, whatever the date
        noon = dt.datetime(2025, 5, 5, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
        return TestClient(app({"pantin": horaires.examples.pantin()}, clock=lambda: noon))


@FUZZ
@given(
    params,
    st.lists(
        st.tuples(st.sampled_from(["at", "lang", "service"]), st.text(max_size=5)), max_size=2
    ),
)
def test_fuzz_widget_query_parameters(
    client: Any, query: dict[str, str], repeated: list[tuple[str, str]]
) -> None:
    answer = client.get("/api/places/pantin/status", params=[*query.items(), *repeated])
    assert answer.status_code in (200, 400), answer.text
    body = answer.json()
    if answer.status_code == 400:
        assert body["error"]["message"].strip()
    else:
        assert (
            body["state"]
            in (
                "open",
                "accepting",
                "closed",
                "unknown",
                "open_not_accepting",
                "last_admission_passed",
            )
            or body["state"]
        )
