"""Hostile configurations: files that are not files, deep nesting, huge values and counts.

Each call finishes within the ``budget`` (tests/_budget.py) with an answer or a
``ConfigError`` that says what and where, never another exception, and its message quotes
only a bounded excerpt of the input. The limits are those of ``horaires.limits``
(docs/configuration.md#limits).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

import horaires
from horaires import ConfigError, Establishment, annuaire, check, limits, load, load_file, loads
from horaires.cli import main

Budget = Callable[..., AbstractContextManager[None]]

MESSAGE = 2_000
"""The longest error message a hostile input may cause, in characters."""


def error_of(build: Callable[[], object], budget: Budget, longest: int = MESSAGE) -> ConfigError:
    with budget(), pytest.raises(ConfigError) as caught:
        build()
    assert type(caught.value) is ConfigError
    assert len(str(caught.value)) < longest
    return caught.value


def nested(depth: int, leaf: object = 1) -> object:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


# -- files ----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path, budget: Budget) -> None:
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    error = error_of(lambda: load_file(fifo), budget)
    assert str(error) == f"{fifo} is not a regular file"
    with budget():
        assert [str(i) for i in check(fifo).errors] == [f"{fifo} is not a regular file"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused(
    tmp_path: Path, device: str, budget: Budget, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    link = tmp_path / "x.toml"
    link.symlink_to(device)
    assert "is not a regular file" in str(error_of(lambda: load_file(link), budget))
    with budget():
        assert main(["check", str(link)]) == 1
    assert f"{link} is not a regular file" in capsys.readouterr().out


def test_a_directory_is_refused(tmp_path: Path, budget: Budget) -> None:
    folder = tmp_path / "x.json"
    folder.mkdir()
    assert "is not a regular file" in str(error_of(lambda: load_file(folder), budget))


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, budget: Budget) -> None:
    huge = tmp_path / "x.toml"
    with huge.open("wb") as file:  # sparse: 8 GB that reading would take long to go through
        file.truncate(8 << 30)
    error = error_of(lambda: load_file(huge), budget)
    assert str(error) == (f"{huge} is 8,589,934,592 bytes long: at most 1,048,576 (MAX_FILE_BYTES)")
    just = tmp_path / "y.toml"
    just.write_bytes(b'name = "x"\n' + b"#" * (limits.MAX_FILE_BYTES - 11))
    with budget():
        assert load_file(just).name == "x"


def test_a_directory_file_that_is_not_a_file_is_refused(tmp_path: Path, budget: Budget) -> None:
    fifo = tmp_path / "annuaire.json"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        assert "is not a regular file" in str(
            error_of(lambda: annuaire.load_annuaire(fifo), budget)
        )


# -- text -----------------------------------------------------------------------------------


def test_bytes_are_read_as_utf8(budget: Budget) -> None:
    with budget():
        assert loads(b'name = "Caf\xc3\xa9"').name == "Café"
        assert loads(b'\xef\xbb\xbf{"name": "x"}', "json").name == "x"
    assert str(error_of(lambda: loads(b'name = "\xff"'), budget)) == "not UTF-8 text (byte 8)"


def test_a_text_too_long_is_refused_before_it_is_parsed(budget: Budget) -> None:
    text = 'name = "x"\n' + "#" * limits.MAX_TEXT_CHARS
    error = error_of(lambda: loads(text), budget)
    assert "(MAX_TEXT_CHARS)" in str(error)
    assert "(MAX_TEXT_CHARS)" in str(error_of(lambda: loads(text.encode()), budget))


@pytest.mark.parametrize(
    "text",
    [
        "[" * 990 + "]" * 990,
        '{"name": "x", "hours": ' + "[" * 990 + "]" * 990 + "}",
        '{"a": ' * 990 + "1" + "}" * 990,
        '{"name": "x", "hours": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
)
def test_json_nested_deep_is_a_config_error(text: str, budget: Budget) -> None:
    error_of(lambda: loads(text, "json"), budget)
    error_of(lambda: Establishment.model_validate_json(text), budget)


def test_toml_nested_deep_is_a_config_error(budget: Budget) -> None:
    error_of(lambda: loads('name = "x"\nhours = ' + "[" * 5000 + "]" * 5000), budget)


def test_data_nested_deep_is_a_config_error(budget: Budget) -> None:
    deep = nested(100_000)
    error = error_of(lambda: load({"name": "x", "hours": {"mon": deep}}), budget)
    assert str(error).endswith(f"nested more than {limits.MAX_DEPTH} levels deep (MAX_DEPTH)")
    error_of(lambda: load({"name": "x", "exceptions": deep}), budget)
    error_of(lambda: Establishment(name="x", seasons=deep), budget)
    with budget():
        report = check({"name": "x", "services": {"a": {"hours": deep}}})
    path = "services.a.hours" + "[0]" * (limits.MAX_DEPTH - 3)  # 3 keys, then lists
    assert [str(issue) for issue in report.errors] == [
        f"{path}: nested more than 32 levels deep (MAX_DEPTH)"
    ]


def test_nested_annuaire_ranges_are_a_config_error(budget: Budget) -> None:
    deep = json.loads("[" * 900 + "]" * 900)
    error = error_of(
        lambda: annuaire.from_annuaire({"plage_ouverture": [{"nom_jour_debut": deep}]}), budget
    )
    assert (
        str(error)
        == "plage_ouverture[0].nom_jour_debut: [[[[...]]]] is not a day name such as 'Lundi'"
    )
    text = "[" * 100_000 + "]" * 100_000
    error_of(lambda: annuaire.from_annuaire({"nom": "x", "plage_ouverture": text}), budget)
    error_of(
        lambda: annuaire.from_annuaire([{"nom_jour_debut": "Lundi", "valeur_heure_debut_1": deep}]),
        budget,
    )


# -- huge values and counts -------------------------------------------------------------------

MEGA = "x" * 1_000_000


class Text(str):
    """A text of another type (a key of one, for the shape check)."""


@pytest.mark.parametrize(
    "config",
    [
        {"timezone": MEGA},
        {"hours": {"mon": [MEGA]}},
        {"hours": {MEGA: []}},
        {MEGA: 1},
        {"exceptions": [{"date": MEGA, "hours": "closed"}]},
        {"exceptions": [{"rrule": MEGA, "hours": "closed"}]},
        {"exceptions": [{"label": MEGA, "date": "2025-01-01", "hours": "closed"}]},
        {"services": {MEGA: {}}},
        {"services": {Text(MEGA): {}}},  # a key of a str subclass
        {"holidays": {"country": MEGA}},
        {"admission": {"before_closing": MEGA}},
    ],
)
def test_a_megabyte_value_gives_a_short_message(config: dict[str, Any], budget: Budget) -> None:
    error = error_of(lambda: load({"name": "x", **config}), budget)
    assert "(MAX_VALUE_CHARS)" in str(error)
    text = json.dumps({"name": "x", **config})
    error_of(lambda: loads(text, "json"), budget)


class Days(list[Any]):
    """A list of another type, as some callers build them."""


def test_the_shape_check_names_the_path_in_mappings_lists_and_tuples_of_any_type() -> None:
    from types import MappingProxyType

    for hours in (
        MappingProxyType({"mon": Days(["08:00-12:00", MEGA])}),
        {"mon": ("08:00-12:00", MEGA)},
    ):
        with pytest.raises(ConfigError) as error:
            load(MappingProxyType({"name": "x", "hours": hours}))
        assert str(error.value).startswith("hours.mon[1]: "), str(error.value)[:80]


def test_a_long_value_under_the_limit_gives_a_short_message(budget: Budget) -> None:
    long = "9" * (limits.MAX_VALUE_CHARS - 1)
    for config in (
        {"timezone": long},
        {"hours": {"mon": [long]}},
        {"hours": {"mon": [{"opens": long, "closes": "12:00"}]}},
        {"exceptions": [{"rrule": long, "hours": "closed"}]},
        {"exceptions": [{"date": long, "hours": "closed"}]},
        {"holidays": {"country": long}},
        {"admission": {"before_closing": long}},
        {"language": long},
        {"disambiguate": long},
    ):
        error_of(lambda config=config: load({"name": "x", **config}), budget)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"services": {f"s{i}": {} for i in range(limits.MAX_SERVICES + 1)}},
            "services: 501 services: at most 500 (MAX_SERVICES)",
        ),
        (
            {
                "exceptions": [{"date": "2025-01-01", "hours": "closed"}] * 4000,
                "services": {
                    "a": {"exceptions": [{"date": "2025-01-02", "hours": "closed"}] * 1001}
                },
            },
            "exceptions: 5,001 exceptions in the configuration (with its services'): "
            "at most 5,000 (MAX_EXCEPTIONS)",
        ),
        (
            {"seasons": [{"start": "07-01", "end": "08-01", "hours": {}}] * 501},
            "seasons: 501 seasons in the configuration (with its services'): "
            "at most 500 (MAX_SEASONS)",
        ),
        (
            {"hours": {"mon": ["08:00-08:01"] * 101}},
            "hours.mon: 101 slots in a day: at most 100 (MAX_SLOTS_PER_DAY)",
        ),
        (
            {"exceptions": [{"date": "2025-01-01", "hours": ["08:00-09:00"] * 101}]},
            "exceptions[0].hours: 101 slots in a day: at most 100 (MAX_SLOTS_PER_DAY)",
        ),
    ],
)
def test_counts_past_a_limit_are_refused_early(
    config: dict[str, Any], message: str, budget: Budget
) -> None:
    assert str(error_of(lambda: load({"name": "x", **config}), budget)) == message


def test_many_problems_give_a_bounded_error(budget: Budget) -> None:
    bad = [{"date": "2025-01-01", "hours": "bad"}] * limits.MAX_EXCEPTIONS
    error = error_of(lambda: load({"name": "x", "exceptions": bad}), budget, 100 * MESSAGE)
    assert len(error.issues) == limits.MAX_ISSUES + 1
    assert str(error.issues[-1]) == "and 4,900 more issue(s) (MAX_ISSUES: 100)"


def test_a_real_place_at_scale_loads_quickly(budget: Budget) -> None:
    """1,000 dated exceptions and 50 services load well under a second."""
    load({"name": "warm-up", "hours": {"mon": ["08:00-12:00"]}})  # build the validators
    first = dt.date(2025, 1, 1)
    config = {
        "name": "Mairie",
        "hours": {"mon": ["08:30-12:30", "13:30-17:30"], "sat": ["09:00-12:00"]},
        "holidays": {"country": "FR"},
        "exceptions": [
            {"date": (first + dt.timedelta(days=i)).isoformat(), "hours": ["09:00-12:00"]}
            for i in range(1000)
        ],
        "services": {
            f"service-{i}": {
                "name": f"Service {i}",
                "hours": {"wed": ["14:00-17:00"]},
                "exceptions": [{"date": "2025-07-14", "hours": "closed"}],
            }
            for i in range(50)
        },
    }
    text = horaires.dumps(load(config))
    with budget():  # the processor time is what the place costs, whatever else runs
        start = time.process_time()
        place = loads(text)
        assert load(config) == place
        spent = time.process_time() - start
    assert spent < 1.0, f"{spent:.2f} s of processor time to load it twice"
    assert len(place.exceptions) == 1000 and len(place.services) == 50
    with budget():
        report = check(config, today=dt.date(2025, 1, 1))
    assert report.ok and not report.warnings
