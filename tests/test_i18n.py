"""Languages: complete catalogs, CLDR formats per locale, one error for an unsupported
language everywhere, bounded caches, and any configuration in any language."""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
import re
import string
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from horaires import LANGUAGES, Establishment, UnsupportedLanguage, examples
from horaires._i18n import CATALOGS, _locale, _messages, compiled, gettext
from horaires._languages import language
from horaires._resolve import usual_week
from horaires.jsonld import to_jsonld
from horaires.strategies import establishments
from horaires.text import (
    _minutes,
    describe_status,
    describe_week,
    first_weekday,
    format_date,
    format_datetime,
    format_days,
    format_duration,
    format_hm,
    join,
    weekday_name,
)
from horaires.widget import payload

SRC = Path(__file__).resolve().parents[1] / "src" / "horaires"
PARIS = ZoneInfo("Europe/Paris")


def _catalog(lang: str) -> dict[str, str]:
    with (CATALOGS / lang / "LC_MESSAGES" / "horaires.po").open("rb") as file:
        catalog = read_po(file)
    assert not any(message.fuzzy for message in catalog if message.id), f"{lang}: fuzzy entry"
    return {str(m.id): str(m.string) for m in catalog if m.id}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _used() -> set[str]:
    """The message ids the code asks for: literal strings given to gettext or ``_w``."""
    pattern = re.compile(r"""(?:gettext|_w)\(\s*\w+,\s*("(?:[^"\\]|\\.)*")""")
    found = set()
    for path in SRC.rglob("*.py"):
        for literal in pattern.findall(path.read_text(encoding="utf-8")):
            found.add(eval(literal))
    found.update(re.findall(r'"([^"]+)"', _labels_source()))
    return found


def _labels_source() -> str:
    text = (SRC / "_resolve.py").read_text(encoding="utf-8")
    return text[text.index("_LABELS = {") : text.index("}", text.index("_LABELS = {"))]


# -- the catalogs ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_is_that_of_the_po_file(lang: str) -> None:
    """``horaires.mo`` is what Babel compiles from ``horaires.po`` (after editing a .po file:
    ``python -m horaires._i18n``), and it is what :func:`gettext` reads."""
    stale = f"{lang}: horaires.mo is stale: run python -m horaires._i18n"
    assert _messages(lang) == _catalog(lang), stale
    fresh = gettext_module.GNUTranslations(io.BytesIO(compiled(lang)))
    assert _messages(lang) == {k: v for k, v in fresh._catalog.items() if k}, stale


def test_every_language_has_a_catalog_and_no_other() -> None:
    assert sorted(path.name for path in CATALOGS.iterdir()) == sorted(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete(lang: str) -> None:
    messages = _catalog(lang)
    reference = _catalog("en")
    assert sorted(set(reference) - set(messages)) == [], "missing messages"
    assert sorted(set(messages) - set(reference)) == [], "messages English lacks"
    assert [m for m, text in messages.items() if not text.strip()] == [], "untranslated"
    for message, text in messages.items():
        assert _placeholders(text) == _placeholders(message), (lang, message, text)


def test_the_code_asks_only_for_messages_the_catalogs_have() -> None:
    used = _used() - {"closed", "hours", "unknown", "season"}  # _LABELS' keys
    assert len(used) > 30
    assert sorted(used - set(_catalog("en"))) == []


def test_catalogs_are_translations_not_copies() -> None:
    english = _catalog("en")
    for lang in LANGUAGES:
        if lang == "en":
            continue
        same = [m for m, text in _catalog(lang).items() if text == english[m] and _words(m)]
        # a few words are the same in some languages ("Open" in Dutch, "Service" in French)
        assert len(same) <= 4, (lang, same)


def _words(message: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3}", re.sub(r"\{\w+\}", "", message)))


# -- CLDR formats ---------------------------------------------------------------------------


def test_time_style_per_locale() -> None:
    time = dt.time(17, 30)
    assert [format_hm(time, lang) for lang in ("fr", "de", "en", "en-US", "en-GB", "nl")] == [
        "17 h 30",
        "17:30",
        "5:30 PM",
        "5:30 PM",
        "17:30",
        "17:30",
    ]


def test_first_day_of_the_week_per_locale() -> None:
    assert [first_weekday(lang) for lang in ("fr", "de", "en", "en-GB", "pt", "fr-CA")] == [
        0,
        0,
        6,
        0,
        6,
        6,
    ]
    assert format_days([0, 2, 6], "en") == "Sunday, Monday, and Wednesday"
    assert format_days([0, 2, 6], "en-GB") == "Monday, Wednesday and Sunday"


def test_names_dates_lists_durations_from_cldr() -> None:
    day = dt.date(2025, 5, 1)
    assert [weekday_name(0, lang) for lang in LANGUAGES] == [
        "lundi",
        "Monday",
        "Montag",
        "lunes",
        "lunedì",
        "maandag",
        "segunda-feira",
        "dilluns",
    ]
    assert format_date(day, "de") == "Donnerstag, 1. Mai 2025"
    assert format_date(day, "ca") == "dijous, 1 de maig del 2025"
    assert format_date(day, "fr", year=False) == "jeudi 1er mai"
    assert join(["a", "b", "c"], "es") == "a, b y c"
    assert join(["a", "b", "c"], "en-GB") == "a, b and c"
    assert format_duration(dt.timedelta(minutes=90), "de") == "1 Std., 30 Min."
    assert format_datetime(dt.datetime(2025, 5, 5, 12, 10)) == "lundi 5 mai 2025, 12 h 10"


def test_holiday_names_in_the_requested_language() -> None:
    pantin = examples.pantin()
    may_day = dt.datetime(2025, 5, 1, 10, tzinfo=PARIS)
    assert pantin.status(may_day, lang="fr").reason == "Fête du Travail"
    assert pantin.status(may_day, lang="en").reason == "Labor Day"
    assert describe_status(pantin.status(may_day, lang="en"), "en").startswith("Closed (Labor Day)")


# -- one error for an unsupported language --------------------------------------------------


@pytest.mark.parametrize("code", ["xx", "de-ZZ", "klingon", "", "fr-"])
def test_unsupported_language_is_one_error_everywhere(code: str) -> None:
    pantin = examples.pantin()
    at = dt.datetime(2025, 5, 5, 10, tzinfo=PARIS)
    calls = [
        lambda: pantin.status(at, lang=code),
        lambda: describe_week(pantin, lang=code),
        lambda: describe_status(pantin.status(at), code),
        lambda: payload(pantin, at=at, lang=code),
        lambda: to_jsonld(pantin, lang=code),
        lambda: format_hm(at, code),
    ]
    for call in calls:
        with pytest.raises(UnsupportedLanguage, match="unsupported language"):
            call()


@pytest.mark.parametrize("code", ["en-GB", "en_gb", "EN-gb", "pt-BR", "fr"])
def test_tags_are_normalised(code: str) -> None:
    assert language(code) in {"en_GB", "pt_BR", "fr"}
    assert describe_week(examples.pantin(), lang=code, days=0)


def test_caches_stay_small_whatever_is_asked() -> None:
    """2,000 made-up codes are refused before any cache sees them."""
    pantin = examples.pantin()
    for i in range(2000):
        with pytest.raises(UnsupportedLanguage):
            describe_status(pantin.status(dt.datetime(2025, 5, 5, tzinfo=PARIS)), f"x{i}")
    for code in ("fr-BE", "fr-CA", "de-AT", "en-GB", "en-US", "pt-PT"):
        gettext(code, "Open")
        format_hm(dt.time(8), code)
    assert _messages.cache_info().currsize <= len(LANGUAGES)
    assert _locale.cache_info().currsize <= _locale.cache_info().maxsize == 64


def test_the_config_language_is_the_default() -> None:
    shop = Establishment.model_validate(
        {
            "name": "Corner shop",
            "language": "en",
            "timezone": "Europe/London",
            "hours": {"mon": ["09:00-17:30"]},
            "holidays": {"country": "GB"},
        }
    )
    at = dt.datetime(2025, 5, 5, 10, tzinfo=ZoneInfo("Europe/London"))
    data = payload(shop, at=at)
    assert data["lang"] == "en" and data["sentence"].startswith("Closed (May Day)")
    assert describe_week(shop, days=0).splitlines()[1] == "Monday: 9:00 AM – 5:30 PM"


# -- any configuration, any language ----------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=establishments(max_exceptions=1), lang=st.sampled_from([*LANGUAGES, "en-GB"]))
def test_any_config_renders_in_any_language(place: Establishment, lang: str) -> None:
    text = describe_week(place, start=dt.date(2025, 1, 1), days=30, lang=lang)
    at = dt.datetime(2025, 3, 5, 12, tzinfo=place.zone)
    assert describe_status(place.status(at, lang=lang), lang)
    for key in [None, *place.services]:
        for day in usual_week(place, key):
            for slot in day:
                if slot.opens == 0 and slot.closes == 1440:
                    assert gettext(lang, "24 hours") in text
                    continue
                assert _minutes(slot.opens, language(lang)) in text, (slot, text)
                assert _minutes(slot.closes, language(lang)) in text, (slot, text)


def test_babel_is_imported_only_to_write_text() -> None:
    """Queries never pay for Babel; the first text does."""
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt; from zoneinfo import ZoneInfo; from horaires import examples\n"
        "p = examples.pantin(); at = dt.datetime(2025, 5, 5, 10, tzinfo=ZoneInfo('Europe/Paris'))\n"
        "p.is_open(at); p.status(at); p.next_change(at)\n"
        # a rule without a label takes its default one from the compiled catalog
        "from horaires import load\n"
        "x = load({'name': 'x', 'exceptions': [{'date': '2025-05-05', 'hours': 'closed'}]})\n"
        "assert x.status(at).reason == 'Fermeture exceptionnelle'\n"
        "print('babel' in sys.modules)\n"
        "from horaires.text import describe_status; describe_status(p.status(at))\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
