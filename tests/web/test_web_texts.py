"""The texts every rendering gets (horaires.text, horaires.widget): nights under the day
they begin, midnight, tonight, the services that open alone, times on one line, and
``valid_until``: nothing the widget shows changes before it, something does at it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from _webtools import BAR, PARIS, paris
from hypothesis import given
from hypothesis import strategies as st

from horaires import examples, load
from horaires.text import describe_days, format_when, nowrap, sentence_changes
from horaires.widget import business_date, payload

BAR_PLACE = load(BAR)


def test_closings_at_midnight_and_tonight() -> None:
    friday = dt.datetime(2025, 5, 2, 21, 0)
    assert format_when(dt.datetime(2025, 5, 3), friday, closing=True) == "à minuit"
    assert format_when(dt.datetime(2025, 5, 3, 1), friday, closing=True) == "cette nuit à 1 h 00"
    assert format_when(dt.datetime(2025, 5, 3, 1), friday, "en", closing=True) == (
        "tonight at 1:00 AM"
    )
    assert format_when(dt.datetime(2025, 5, 3, 8), friday, closing=True) == "samedi à 8 h 00"
    assert format_when(dt.datetime(2025, 5, 3), friday) == "samedi à 0 h 00"  # an opening
    assert format_when(dt.datetime(2025, 5, 4), friday, closing=True) == "samedi à minuit"


def test_the_status_sentences_of_a_night() -> None:
    def sentence(when: str, lang: str = "fr") -> str:
        return str(payload(BAR_PLACE, at=paris(when), lang=lang)["sentence"])

    assert sentence("2025-05-02T23:00") == "Ouvert · ferme cette nuit à 3 h 00"
    assert sentence("2025-05-03T00:30") == "Ouvert · ferme à 3 h 00"
    assert sentence("2025-05-03T21:00") == "Ouvert · ferme à minuit"
    assert sentence("2025-05-03T21:00", "en") == "Open · closes at midnight"


def test_the_highlighted_day_is_the_business_day() -> None:
    assert business_date(BAR_PLACE, paris("2025-05-03T00:30")) == dt.date(2025, 5, 2)
    assert business_date(BAR_PLACE, paris("2025-05-03T03:00")) == dt.date(2025, 5, 3)
    assert business_date(BAR_PLACE, paris("2025-05-02T23:00")) == dt.date(2025, 5, 2)
    always = load({"name": "24/7", "hours": {d: ["00:00-24:00"] for d in ("mon", "tue", "wed")}})
    assert business_date(always, paris("2025-05-06T00:30")) == dt.date(2025, 5, 6)
    data = payload(BAR_PLACE, at=paris("2025-05-03T00:30"))
    assert [(d["weekday"], d["today"], d["text"]) for d in data["days"][:2]] == [
        ("vendredi", True, "18 h 00 – 3 h 00"),
        ("samedi", False, "20 h 00 – minuit"),
    ]


def test_the_services_that_open_alone_are_named() -> None:
    pantin = examples.pantin()
    texts = describe_days(pantin, dt.date(2025, 5, 3), 3)
    assert texts == [
        "9 h 00 – 12 h 30, pôle état civil, élections et funéraire uniquement",
        "fermé",
        "8 h 30 – 12 h 30 et 13 h 30 – 17 h 30",
    ]
    assert describe_days(pantin, dt.date(2025, 5, 3), 1, lang="en") == [
        "9:00 AM – 12:30 PM, pôle état civil, élections et funéraire only"
    ]
    assert describe_days(pantin, dt.date(2025, 5, 3), 1, service="etat-civil") == [
        "9 h 00 – 12 h 30"
    ]


def test_a_service_that_differs_on_an_open_day() -> None:
    hall = load(
        {
            "name": "Mairie",
            "hours": {"mon": ["08:30-12:30"], "tue": ["08:30-12:30"]},
            "services": {
                "urbanisme": {
                    "name": "Urbanisme",
                    "exceptions": [{"date": "2025-05-05", "hours": "closed", "label": "Formation"}],
                },
                "ccas": {"name": "CCAS", "hours": {"tue": ["14:00-17:00"]}},
                "police": {"name": "Police municipale", "inherit_hours": False},
            },
        }
    )
    assert describe_days(hall, dt.date(2025, 5, 5), 2) == [
        "8 h 30 – 12 h 30 ; urbanisme : fermé (Formation) ; police municipale : fermé",
        "8 h 30 – 12 h 30 ; CCAS : 14 h 00 – 17 h 00 ; police municipale : fermé",
    ]


def test_services_alike_without_general_hours_need_no_names() -> None:
    desks = load(
        {
            "name": "Guichets",
            "services": {
                "a": {"name": "A", "hours": {"mon": ["09:00-12:00"]}},
                "b": {"name": "B", "hours": {"mon": ["09:00-12:00"], "tue": ["09:00-12:00"]}},
            },
        }
    )
    assert describe_days(desks, dt.date(2025, 5, 5), 2) == [
        "9 h 00 – 12 h 00",
        "9 h 00 – 12 h 00, b uniquement",
    ]


def test_times_and_ranges_keep_on_one_line() -> None:
    text = nowrap("Lundi : 8 h 30 – 12 h 30 et 20 h 00 – minuit · ouvre dans 1 h 30")
    assert text == (
        "Lundi : 8\u00a0h\u00a030\u00a0–\u2060\u00a012\u00a0h\u00a030 et "
        "20\u00a0h\u00a000\u00a0–\u2060\u00a0minuit · ouvre dans 1\u00a0h\u00a030"
    )
    assert nowrap("Open · closes at 5:30 PM · 9:00 AM – 12:30 PM", "en") == (
        "Open · closes at 5:30\u00a0PM · 9:00\u00a0AM\u00a0–\u2060\u00a012:30\u00a0PM"
    )
    assert nowrap("du 1er au 8 mai") == "du 1er au 8 mai"  # dates are left alone


def test_countdown_sentences() -> None:
    pantin = examples.pantin()
    open_now = pantin.status(paris("2025-05-05T09:00"), service="urbanisme")
    assert sentence_changes(open_now) == []
    before = pantin.status(paris("2025-05-05T08:10:20"), service="urbanisme")
    changes = sentence_changes(before)
    assert [(t.strftime("%H:%M:%S"), text) for t, text in changes[:2]] == [
        ("08:11:00", "Ouvre dans 19 minutes"),
        ("08:12:00", "Ouvre dans 18 minutes"),
    ]
    assert changes[-1] == (paris("2025-05-05T08:29"), "Ouvre dans 1 minute")
    assert sentence_changes(before, until=paris("2025-05-05T08:12")) == changes[:1]


def test_ticks_carry_each_services_countdown() -> None:
    data = payload(examples.pantin(), at=paris("2025-05-05T08:10:20"))
    assert data["valid_until"] == "2025-05-05T08:11:00+02:00"
    first = data["ticks"][0]
    assert first["sentence"] == "Ouvre dans 19 minutes"
    assert first["services"] == ["Ouvre dans 19 minutes"] * 3


# -- valid_until: the first instant at which anything shown changes --------------------------


def shown(data: dict[str, Any]) -> Any:
    """What a visitor reads in the widget."""
    return (
        data["state"],
        data["sentence"],
        [(d["title"], d["text"], d["today"]) for d in data["days"]],
        [(s["state"], s["sentence"]) for s in data["services"]],
    )


PLACES = [examples.pantin(), examples.load_example("pharmacy"), BAR_PLACE]
START = dt.datetime(2025, 1, 1, tzinfo=PARIS).timestamp()


@given(
    st.sampled_from(PLACES),
    st.floats(0, 365 * 86400),
    st.sampled_from([None, "etat-civil", "urbanisme"]),
    st.floats(0, 1, exclude_max=True),
)
def test_nothing_shown_changes_before_valid_until_and_something_does_at_it(
    place: Any, offset: float, service: str | None, fraction: float
) -> None:
    if service not in place.services:
        service = None
    at = dt.datetime.fromtimestamp(START + offset, PARIS)
    data = payload(place, at=at, service=service)
    until = dt.datetime.fromisoformat(data["valid_until"])
    assert until > at
    between = min(at + (until - at) * fraction, until - dt.timedelta(microseconds=1))
    assert shown(payload(place, at=between, service=service)) == shown(data)
    assert shown(payload(place, at=until, service=service)) != shown(data)
    for tick in data["ticks"]:  # the ticks say what the sentences will be
        later = payload(place, at=dt.datetime.fromisoformat(tick["at"]), service=service)
        assert later["sentence"] == tick["sentence"]
        assert [s["sentence"] for s in later["services"]] == tick["services"]
