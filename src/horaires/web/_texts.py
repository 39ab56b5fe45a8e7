"""Every visitor-facing sentence of the web layer, from the gettext catalogs.

The page, the API's error messages and the component (``widget.js`` receives the
``component`` part of this table when it is served) read their words here; the hours and
the status sentences come from :mod:`horaires.text` through :mod:`horaires.widget`. The
sentences themselves are in the catalogs of every language (``locale/<lang>/.../horaires.po``).
"""

from __future__ import annotations

from .._errors import HorairesError
from .._i18n import gettext
from .._languages import LANGUAGES, base, language

__all__ = ["COMPONENT", "LANGS", "MESSAGES", "TEXTS", "Lang", "negotiate", "say"]

Lang = str
"""A language code as :func:`horaires._languages.language` writes it (``fr``, ``en_GB``)."""

LANGS: tuple[str, ...] = LANGUAGES

MESSAGES: dict[str, str] = {
    # errors of the API and the page (a stable code each, see docs/widget.md)
    "unknown_place": "Unknown place: {place}.",
    "unknown_service": "Unknown service: {service}. Services of this place: {known}.",
    "bad_at": "Unreadable instant: {value}. Expected an ISO 8601 date and time such as "
    "2025-05-05T10:00+02:00.",
    "at_out_of_range": "Instant outside the served window ({first} – {last}): {value}.",
    "bad_from": "Unreadable date: {value}. Expected an ISO 8601 date such as 2025-05-05.",
    "from_out_of_range": "Date outside the served window ({first} – {last}): {value}.",
    "bad_lang": "Unsupported language: {value}. Languages: {known}.",
    "unknown_parameter": "Unknown parameter: {value}. Parameters: {known}.",
    "repeated_parameter": "Parameter given more than once: {value}.",
    "not_found": "Page not found.",
    "method_not_allowed": "Method not allowed.",
    "busy": "Server busy, try again in a moment.",
    "too_slow": "These hours take too long to compute; try again later.",
    "internal": "Internal server error.",
    # the page
    "places_title": "Opening hours",
    "places_intro": "Places:",
    "all_services": "All services",
    "service": "Service",
    "show": "Show",
    "days": "The coming days",
    "services_now": "Services right now",
    "today": "today",
    "known_services": "Services of this place:",
    "back": "All places",
    "at": "Hours at {when}",
    # the component
    "stale": "could not update",
    "loading": "Loading…",
    "network": "Opening hours are unavailable right now.",
}
"""The message id (English) of each key of the table."""

TEXTS: dict[str, dict[str, str]] = {
    lang: {key: gettext(lang, message) for key, message in MESSAGES.items()} for lang in LANGS
}
"""The table: ``TEXTS[language][key]``, each sentence in each language of :data:`LANGS`."""

COMPONENT = (
    "days",
    "services_now",
    "known_services",
    "stale",
    "loading",
    "network",
)
"""The keys of the table that ``widget.js`` receives when it is served."""


def say(lang: Lang, key: str, **values: str) -> str:
    """A sentence of the table with its values filled in.

    >>> say("en", "unknown_place", place="'paris'"), say("de_AT", "not_found")
    ("Unknown place: 'paris'.", 'Seite nicht gefunden.')
    """
    return TEXTS[base(lang)][key].format(**values)


def negotiate(value: str | None) -> Lang | None:
    """The language of a ``lang`` value or an ``Accept-Language`` header (``fr``, ``en-GB``,
    ``en-US,en;q=0.9``): the first supported one, with its region when CLDR knows it;
    None when it names none of :data:`LANGS`.

    >>> negotiate("en-GB"), negotiate("xx, de;q=0.5"), negotiate("ja"), negotiate("de-ZZ")
    ('en_GB', 'de', None, 'de')
    """
    if not value:
        return None
    for part in value.split(","):
        code = part.split(";", 1)[0].strip()
        head = code.replace("_", "-").split("-", 1)[0].lower()
        if head not in LANGS:
            continue
        try:
            return language(code[:5])
        except HorairesError:
            return head
    return None
