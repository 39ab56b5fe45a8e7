"""Bad and doubtful configurations: the exact errors and warnings, one table.

Each row is a configuration (added to ``{"name": "Mairie"}``), the errors loading it raises
(every one, in the configuration's order), and the warnings :func:`horaires.check` gives.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from horaires import (
    AdmissionRule,
    ConfigError,
    DatedException,
    Establishment,
    Season,
    Service,
    Slot,
    WeeklyHours,
    check,
    dump,
    load,
    loads,
)

TODAY = dt.date(2025, 6, 1)

# (config, errors, warnings): errors and warnings as "path: message"
CASES: list[tuple[dict[str, Any], list[str], list[str]]] = [
    (  # the issue's example: every problem at once, with its path
        {
            "hours": {
                "lundi": ["08:30-12:30"],
                "mon": ["8h30-12h30"],
                "tue": "09:00-12:00",
            },
            "admision": {"before_closing": 30},
            "timezone": "Europe/Pariss",
        },
        [
            "hours.lundi: unknown weekday 'lundi' (did you mean 'mon'?): "
            "expected one of mon, tue, wed, thu, fri, sat, sun",
            """hours.tue: '09:00-12:00' is not a list of slots: write ["09:00-12:00"]""",
            "admision: unknown key 'admision' (did you mean 'admission'?)",
            "timezone: unknown time zone 'Europe/Pariss' (did you mean 'Europe/Paris'?): "
            "expected an IANA name such as Europe/Paris",
        ],
        [],
    ),
    (
        {"hours": {"monday": [], "Samedi": [], "sun": []}},
        [
            "hours.monday: unknown weekday 'monday' (did you mean 'mon'?): "
            "expected one of mon, tue, wed, thu, fri, sat, sun",
            "hours.Samedi: unknown weekday 'Samedi' (did you mean 'sat'?): "
            "expected one of mon, tue, wed, thu, fri, sat, sun",
        ],
        [],
    ),
    (
        {"exceptions": [{"date": "25/12/2025", "hours": "closed"}]},
        ["exceptions[0].date: '25/12/2025' is not a date in the form YYYY-MM-DD: write 2025-12-25"],
        [],
    ),
    (
        {"exceptions": [{"start": "2025.08.11", "end": "2025-02-30", "hours": "closed"}]},
        [
            "exceptions[0].start: '2025.08.11' is not a date in the form YYYY-MM-DD: "
            "write 2025-08-11",
            "exceptions[0].end: '2025-02-30' is not a date: day is out of range for month",
        ],
        [],
    ),
    (
        {"seasons": [{"start": "15/07", "end": "08-31", "hours": {}}]},
        ["seasons[0].start: '15/07' is not a month-day in the form MM-DD: write 07-15"],
        [],
    ),
    (
        {"admission": {"applies_to": "end-of-day"}, "disambiguate": "ealier"},
        [
            "admission.applies_to: 'end-of-day' is not 'each_closing' or 'end_of_day' "
            "(did you mean 'end_of_day'?)",
            "disambiguate: 'ealier' is not 'compatible', 'earlier', 'later', 'raise' or "
            "'clamp' (did you mean 'earlier'?)",
        ],
        [],
    ),
    (
        {"holidays": {"country": "France"}, "location": {"lat": 95, "lon": "east"}},
        [
            "holidays: unknown country 'France' (did you mean 'FR'?): "
            "expected an ISO 3166 code such as 'FR'",
            "location.lat: 95 is above 90.0",
            "location.lon: 'east' is not a number",
        ],
        [],
    ),
    (
        {"name": 3, "holiday_hours": "sometimes", "services": {"a": {"inherit_hours": "maybe"}}},
        [
            "name: 3 is not text",
            "holiday_hours: 'sometimes' is not valid: expected a list of slots, 'closed', "
            "'unknown' or 'usual'",
            "services.a.inherit_hours: 'maybe' is not true or false",
        ],
        [],
    ),
    (
        {"exceptions": [{"date": "2025-12-24", "hours": ["25:00-26:00", "8-9"]}]},
        ["exceptions[0].hours[0]: '25:00' is not a time between 00:00 and 24:00"],
        [],
    ),
    (  # hours as people write them load, and are not warned about
        {"hours": {"mon": ["8h30-12h30", "14h-17h"], "tue": ["9-12"], "wed": ["08h30-12h"]}},
        [],
        [],
    ),
    (
        {"hours": {"mon": ["22:00-10:00"], "tue": ["08:00-12:00"]}},
        [],
        [
            "hours.mon[0]: 22:00-10:00 runs into Tuesday's 08:00-12:00 (hours.tue[0]): both are "
            "one opening from 22:00 to 12:00; end it by 08:00, or start Tuesday later",
        ],
    ),
    (  # touching at midnight is one opening, on purpose: no warning
        {"hours": {"sun": ["20:00-08:00"], "mon": ["08:00-12:00"], "fri": ["20:00-24:00"]}},
        [],
        [],
    ),
    (
        {
            "admission": {"before_closing": "45min"},
            "hours": {"mon": ["08:30-09:00", "09:00-09:10", "14:00-18:00"]},
        },
        [],
        [
            "hours.mon[0]: admission stops 45 minutes before closing, and 08:30-09:10 lasts 40: "
            "no one is admitted in it",
            "hours.mon[1]: 09:00-09:10 lasts 10 minute(s), less than 15: a typo?",
        ],
    ),
    (
        {
            "admission": {"before_closing": 60, "applies_to": "end_of_day"},
            "hours": {"mon": ["08:30-09:00", "14:00-14:30"]},
        },
        [],
        [
            "hours.mon[1]: admission stops 60 minutes before closing, and 14:00-14:30 lasts 30: "
            "no one is admitted in it",
        ],
    ),
    (
        {
            "exceptions": [
                {"date": "2025-05-31", "hours": "closed"},
                {"date": "2025-06-01", "hours": "closed"},
                {"rrule": "FREQ=WEEKLY;COUNT=3", "start": "2025-01-06", "hours": "closed"},
                {"rrule": "FREQ=YEARLY", "start": "2020-12-25", "hours": "closed"},
            ],
            "seasons": [{"start": "2024-07-01", "end": "2024-08-31", "hours": {"sat": []}}],
        },
        [],
        [
            "exceptions[0]: it ended on 2025-05-31, before today (2025-06-01): remove it?",
            "exceptions[2]: its last date is before today (2025-06-01): remove it?",
            "seasons[0]: it ended on 2024-08-31, before today (2025-06-01): remove it?",
        ],
    ),
    (
        {
            "hours": {"mon": ["09:00-12:00"], "sat": ["09:00-12:00"]},
            "services": {
                "copy": {"hours": {"mon": ["09:00-12:00"]}},
                "own": {"inherit_hours": False, "hours": {"mon": ["09:00-12:00"]}},
                "inherits": {"name": "Accueil"},
            },
        },
        [],
        [
            "services.copy.hours: the same weekly hours as the general hours: a service "
            "inherits them, so leave its hours out (or fix them if they should differ)",
        ],
    ),
    (
        {"hours": {"fri": ["18:00-00:00", {"opens": "20:00", "closes": "0h"}]}},
        ["hours.fri: [1] (20:00-24:00) overlaps [0] (18:00-24:00)"],
        [],
    ),
    (
        {"hours": {"fri": ["18:00-00:00"], "sat": [{"opens": "20h", "closes": "0h"}]}},
        [],
        [
            "hours.fri[0]: closes at 00:00, read as midnight at the end of the day: "
            "write 24:00 to say so",
            "hours.sat[0]: closes at 0h, read as midnight at the end of the day: "
            "write 24:00 to say so",
        ],
    ),
    (  # the spring gap of Europe/Paris swallows the slot on 30 March 2025 and 29 March 2026
        {"hours": {"sun": ["02:00-03:00", "10:00-12:00"]}},
        [],
        [
            "hours: 02:00-03:00 on 2025-03-30 lies in a daylight-saving gap of Europe/Paris: "
            "it has no hours that day",
            "hours: 02:00-03:00 on 2026-03-29 lies in a daylight-saving gap of Europe/Paris: "
            "it has no hours that day",
        ],
    ),
]


@pytest.mark.parametrize(("config", "errors", "warnings"), CASES)
def test_errors_and_warnings(
    config: dict[str, Any], errors: list[str], warnings: list[str]
) -> None:
    report = check({"name": "Mairie", **config}, today=TODAY)
    assert [str(issue) for issue in report.errors] == errors
    assert [str(warning) for warning in report.warnings] == warnings
    if errors:
        with pytest.raises(ConfigError) as caught:
            load({"name": "Mairie", **config})
        assert str(caught.value) == "\n".join(errors)
    else:
        assert report.establishment == load({"name": "Mairie", **config})


def test_warnings_have_known_codes() -> None:
    from horaires._lint import WARNINGS

    codes = {
        warning.code
        for config, _, _ in CASES
        for warning in check({"name": "M", **config}, today=TODAY).warnings
    }
    assert codes == set(WARNINGS)


def test_hours_as_people_write_them_are_written_back_in_canonical_form() -> None:
    place = load(
        {
            "name": "M",
            "hours": {
                "mon": ["8h30-12h30", "14h-17h"],
                "tue": ["9-12", "13:30-17:30"],
                "wed": [{"opens": "8h", "closes": "12h30", "last_admission": "12h"}],
                "thu": ["08h30-12h30"],
            },
            "admission": {"before_closing": "0:30"},
        }
    )
    assert dump(place)["hours"] == {
        "mon": ["08:30-12:30", "14:00-17:00"],
        "tue": ["09:00-12:00", "13:30-17:30"],
        "wed": [{"opens": "08:00", "closes": "12:30", "last_admission": "12:00"}],
        "thu": ["08:30-12:30"],
    }
    assert load(dump(place)) == place


def test_a_byte_order_mark_is_read() -> None:
    text = '\ufeffname = "Mairie"\n[hours]\nmon = ["9h-12h"]\n'
    assert loads(text) == loads(text.encode("utf-8")) == loads(text[1:])
    assert loads('\ufeff{"name": "Mairie"}'.encode(), "json").name == "Mairie"


# -- every way to build a model raises ConfigError only, in horaires' words --------------

BAD = {"name": "x", "hours": {"mon": ["13:00-12:00"], "tue": "9-12"}, "colour": 1}
BAD_ERRORS = [
    "hours.mon[0]: closes (12:00) before it opens (13:00); a slot past midnight closes in "
    "the morning (22:00-02:00) or is written past 24:00 (13:00-36:00)",
    """hours.tue: '9-12' is not a list of slots: write ["9-12"]""",
    "colour: unknown key 'colour'",
]


@pytest.mark.parametrize(
    "build",
    [
        lambda: load(BAD),
        lambda: loads(json.dumps(BAD), "json"),
        lambda: loads(json.dumps(BAD).encode(), "json"),
        lambda: Establishment(**BAD),
        lambda: Establishment.model_validate(BAD),
        lambda: Establishment.model_validate_json(json.dumps(BAD)),
        lambda: Establishment.model_validate_json(json.dumps(BAD).encode()),
        lambda: Establishment.model_validate_strings(BAD),
    ],
)
def test_every_way_to_build_raises_config_error(build: Any) -> None:
    with pytest.raises(ConfigError) as caught:
        build()
    assert type(caught.value) is ConfigError
    assert [str(issue) for issue in caught.value.issues] == BAD_ERRORS


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Slot(opens="8h", closes=[1]), "closes: [1] is not a whole number"),
        (lambda: Slot.model_validate_json('"8 to 9"'), "'8 to 9' is not a slot"),
        (lambda: WeeklyHours(lundi=[]), "lundi: unknown weekday 'lundi' (did you mean 'mon'?)"),
        (lambda: AdmissionRule(before_closing=True), "True is not a duration"),
        (lambda: DatedException(date="1/2/2025", hours="closed"), "write 2025-02-01"),
        (lambda: Season.model_validate_strings({"start": "07-01"}), "end: is required"),
        (lambda: Service(admision=None), "did you mean 'admission'?"),
        (lambda: Establishment.model_validate_json("{"), "invalid JSON"),
        (lambda: Establishment.model_validate_json("[" * 5000 + "]" * 5000), "nested"),
    ],
)
def test_models_raise_config_errors(build: Any, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build()
    assert message in str(caught.value)


PYDANTIC_WORDS = ("Input should", "Value error", "valid tuple", "[type=", "pydantic", "Field ")

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-100, 3000)
    | st.floats(allow_nan=True)
    | st.sampled_from(["closed", "usual", "9-12", "25/12/2025", "mon", "08:00-12:00", "x", ""]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["mon", "lundi", "hours", "date", "start", "end", "rrule", "opens", "closes", "x"]
            ),
            inner,
            max_size=3,
        )
    ),
    max_leaves=10,
)
KEYS = st.sampled_from(
    [
        "timezone",
        "hours",
        "admission",
        "exceptions",
        "seasons",
        "services",
        "holidays",
        "holiday_hours",
        "school_holiday_hours",
        "location",
        "language",
        "disambiguate",
        "colour",
    ]
)


@given(st.dictionaries(KEYS, VALUES, max_size=4))
def test_no_message_in_pydantic_words(config: dict[str, Any]) -> None:
    try:
        load({"name": "x", **config})
    except ConfigError as error:
        for issue in error.issues:
            assert not any(word in str(issue) for word in PYDANTIC_WORDS), issue


def test_an_unknown_service_gets_a_did_you_mean() -> None:
    from horaires import UnknownServiceError, examples

    with pytest.raises(UnknownServiceError) as caught:
        examples.pantin().status(dt.datetime(2025, 5, 5, 10, tzinfo=dt.UTC), service="etat-civl")
    assert str(caught.value) == (
        "unknown service 'etat-civl' (did you mean 'etat-civil'?); "
        "known services: accueil, etat-civil, urbanisme"
    )


def test_check_takes_a_file_a_dict_or_an_establishment(tmp_path: Any) -> None:
    config = {"name": "Bar", "hours": {"fri": ["18:00-00:00"], "sat": ["08:00-08:10"]}}
    path = tmp_path / "bar.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    from_file, from_dict = check(path, today=TODAY), check(config, today=TODAY)
    assert from_file == from_dict and from_file.ok
    assert [w.code for w in from_file.warnings] == ["midnight", "short_slot"]
    loaded = check(load(config), today=TODAY)  # the text as written is gone: no "midnight"
    assert [w.code for w in loaded.warnings] == ["short_slot"]
    assert str(check({"hours": {}}, today=TODAY)) == "error: name: is required"
    assert check(tmp_path / "missing.toml").errors[0].message.startswith("cannot read")


@given(st.data())
def test_any_establishment_checks_without_raising(data: st.DataObject) -> None:
    from horaires.strategies import establishments

    place = data.draw(establishments())
    report = check(dump(place), today=TODAY)
    assert report.establishment == place
    assert all(issue.path for issue in report.errors)  # only what compiling shows
    from horaires._lint import WARNINGS

    known = set(WARNINGS)
    for warning in report.warnings:
        assert warning.code in known and warning.path and str(warning).startswith(warning.path)
