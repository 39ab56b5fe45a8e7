"""Every visitor-facing sentence of the web layer, in one table per language.

The page, the API's error messages and the component (``widget.js`` receives the
``component`` part of this table when it is served) read their words here; the hours and
the status sentences come from :mod:`horaires.text` through :mod:`horaires.widget`.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["COMPONENT", "LANGS", "TEXTS", "Lang", "negotiate", "say"]

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")

TEXTS: dict[Lang, dict[str, str]] = {
    "fr": {
        # errors of the API and the page (a stable code each, see docs/widget.md)
        "unknown_place": "Lieu inconnu : {place}.",
        "unknown_service": "Service inconnu : {service}. Services de ce lieu : {known}.",
        "bad_at": "Instant illisible : {value}. Attendu : une date et une heure ISO 8601, "
        "par exemple 2025-05-05T10:00+02:00.",
        "at_out_of_range": "Instant hors de la fenêtre servie ({first} – {last}) : {value}.",
        "bad_from": "Date illisible : {value}. Attendu : une date ISO 8601, par exemple "
        "2025-05-05.",
        "from_out_of_range": "Date hors de la fenêtre servie ({first} – {last}) : {value}.",
        "bad_lang": "Langue non prise en charge : {value}. Langues : {known}.",
        "unknown_parameter": "Paramètre inconnu : {value}. Paramètres : {known}.",
        "repeated_parameter": "Paramètre donné plusieurs fois : {value}.",
        "not_found": "Page introuvable.",
        "method_not_allowed": "Méthode non autorisée.",
        "busy": "Serveur occupé, réessayez dans un instant.",
        "too_slow": "Ces horaires sont trop longs à calculer ; réessayez plus tard.",
        "internal": "Erreur interne du serveur.",
        # the page
        "places_title": "Horaires",
        "places_intro": "Lieux :",
        "all_services": "Tous les services",
        "service": "Service",
        "show": "Afficher",
        "days": "Les prochains jours",
        "services_now": "Services en ce moment",
        "today": "aujourd'hui",
        "known_services": "Services de ce lieu :",
        "back": "Tous les lieux",
        "at": "Horaires au {when}",
        # the component
        "stale": "mise à jour impossible",
        "loading": "Chargement…",
        "network": "Horaires indisponibles pour le moment.",
    },
    "en": {
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
        "stale": "could not update",
        "loading": "Loading…",
        "network": "Opening hours are unavailable right now.",
    },
}

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

    >>> say("en", "unknown_place", place="'paris'")
    "Unknown place: 'paris'."
    """
    return TEXTS[lang][key].format(**values)


def negotiate(value: str | None) -> Lang | None:
    """The language of a ``lang`` value or an ``Accept-Language`` header (``fr``, ``en-GB``,
    ``en-US,en;q=0.9``), None when it names neither French nor English.

    >>> negotiate("en-GB"), negotiate("de, en;q=0.5"), negotiate("de")
    ('en', 'en', None)
    """
    if not value:
        return None
    for part in value.split(","):
        code = part.split(";", 1)[0].strip().replace("_", "-").split("-", 1)[0].lower()
        if code in LANGS:
            return code
    return None
