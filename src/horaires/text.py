"""Human text in French (default) and English: times, dates and the status sentence.

>>> format_hm(dt.time(8, 30), "fr"), format_hm(dt.time(17, 0), "en")
('8 h 30', '5:00 pm')
"""

from __future__ import annotations

import datetime as dt

from ._values import Status

__all__ = ["describe_status", "format_hm", "format_when"]

_WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _lang(lang: str) -> str:
    return "en" if lang.split("_")[0] == "en" else "fr"


def format_hm(value: dt.time | dt.datetime, lang: str = "fr") -> str:
    """A time of day as people write it: ``8 h 30`` in French, ``8:30 am`` in English."""
    if _lang(lang) == "fr":
        return f"{value.hour} h {value.minute:02d}"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'am' if value.hour < 12 else 'pm'}"


def format_when(value: dt.datetime, now: dt.datetime, lang: str = "fr") -> str:
    """``à 17 h 30`` today, ``demain à 8 h 30``, ``lundi à 8 h 30``, or a later date.

    >>> now = dt.datetime(2025, 5, 2, 18, 0)
    >>> format_when(dt.datetime(2025, 5, 5, 8, 30), now)
    'lundi à 8 h 30'
    >>> format_when(dt.datetime(2025, 5, 3, 9, 0), now, "en")
    'tomorrow at 9:00 am'
    """
    lang = _lang(lang)
    days = (value.date() - now.date()).days
    hm = format_hm(value, lang)
    if days == 0:
        return f"à {hm}" if lang == "fr" else f"at {hm}"
    if days == 1:
        return f"demain à {hm}" if lang == "fr" else f"tomorrow at {hm}"
    if 1 < days < 7:
        name = _WEEKDAYS[lang][value.weekday()]
        return f"{name} à {hm}" if lang == "fr" else f"{name} at {hm}"
    if lang == "fr":
        return f"le {value.day}/{value.month:02d}/{value.year} à {hm}"
    return f"on {value:%Y-%m-%d} at {hm}"


def describe_status(status: Status, lang: str = "fr") -> str:
    """One line for people: ``Ouvert · dernier accueil à 17 h 00 · ferme à 17 h 30``.

    >>> from horaires import examples
    >>> from zoneinfo import ZoneInfo
    >>> at = dt.datetime(2025, 5, 5, 17, 10, tzinfo=ZoneInfo("Europe/Paris"))
    >>> describe_status(examples.pantin().status(at))
    "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre demain à 8 h 30"
    """
    lang = _lang(lang)
    fr = lang == "fr"
    now = status.at
    parts: list[str] = []
    if status.unknown:
        parts.append("Horaires incertains" if fr else "Hours uncertain")
    elif status.open and status.accepting:
        parts.append("Ouvert" if fr else "Open")
        if (
            status.last_admission_at
            and status.closes_at
            and status.last_admission_at < status.closes_at
        ):
            when = format_when(status.last_admission_at, now, lang)
            parts.append(f"dernier accueil {when}" if fr else f"last admission {when}")
    elif status.open:
        parts.append(
            "Ouvert, mais l'accueil est terminé" if fr else "Open, but no longer admitting"
        )
    else:
        closed = "Fermé" if fr else "Closed"
        parts.append(f"{closed} ({status.reason})" if status.reason else closed)
    if status.open and status.closes_at:
        when = format_when(status.closes_at, now, lang)
        parts.append(f"ferme {when}" if fr else f"closes {when}")
    if status.next_opening and not (status.open and status.accepting):
        when = format_when(status.next_opening, now, lang)
        if status.open:
            parts.append(f"rouvre {when}" if fr else f"reopens {when}")
        else:
            parts.append(f"ouvre {when}" if fr else f"opens {when}")
    elif not status.open and not status.unknown and status.next_opening is None:
        parts.append("pas de réouverture prévue" if fr else "no opening scheduled")
    return " · ".join(parts)
