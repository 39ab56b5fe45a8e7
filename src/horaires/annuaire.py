"""The French public directory (Annuaire de l'administration, service-public.fr): its
``plage_ouverture`` opening ranges, read and written.

A range names a first and last day (capitalised French names) and up to two slots, times as
``HH:MM:SS``, unused slots as empty strings, and a free ``commentaire``::

    {"nom_jour_debut": "Lundi", "nom_jour_fin": "Mercredi",
     "valeur_heure_debut_1": "08:30:00", "valeur_heure_fin_1": "12:30:00",
     "valeur_heure_debut_2": "13:30:00", "valeur_heure_fin_2": "17:30:00", "commentaire": ""}

The format has weekly hours only: exporting leaves out exceptions, holidays and seasons, and
importing gives an establishment with the French public holidays (closed). ``import(export(x))``
keeps the weekly hours of ``x`` (of the whole establishment, or of the exported service).

>>> from horaires import examples
>>> ranges = to_plages(examples.pantin())
>>> [(r["nom_jour_debut"], r["nom_jour_fin"], r["valeur_heure_debut_1"]) for r in ranges]
[('Lundi', 'Mercredi', '08:30:00'), ('Jeudi', 'Jeudi', '13:30:00'), ('Vendredi', 'Vendredi', '08:30:00'), ('Samedi', 'Samedi', '09:00:00')]
>>> ranges[-1]["commentaire"]
'Uniquement : pôle état civil, élections et funéraire'
>>> from_plages(ranges, name="Pantin").hours.sat[0].span
'09:00-12:30'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import NoneType
from typing import Any

from ._errors import ConfigError, HorairesError, Issue, check_types, excerpt
from ._establishment import Establishment
from ._model import WEEKDAYS, Slot
from ._resolve import usual_week, weekday_plans
from ._source import parse_text, read_file

__all__ = [
    "DAY_NAMES",
    "FIELDS",
    "from_annuaire",
    "from_plages",
    "load_annuaire",
    "to_annuaire",
    "to_plages",
]

DAY_NAMES = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche")
"""Day names as the directory writes them, Monday first."""

FIELDS = (
    "nom_jour_debut",
    "nom_jour_fin",
    "valeur_heure_debut_1",
    "valeur_heure_fin_1",
    "valeur_heure_debut_2",
    "valeur_heure_fin_2",
    "commentaire",
)
"""The keys of a ``plage_ouverture`` range, in the directory's order."""

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _hms(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def _comment(establishment: Establishment, weekday: int, service: str | None) -> str:
    """Which services a day's hours are for, when they are not the establishment's own."""
    if service is not None:
        return ""
    from .text import _decapitalize, describe_slots, join

    general, differ = weekday_plans(establishment)[weekday]
    if not differ:
        return ""
    names = {key: _decapitalize(establishment.service(key).name or key) for key, _ in differ}
    if not general:
        return "Uniquement : " + join([names[key] for key, _ in differ])
    return " ; ".join(f"{names[key]} : {describe_slots(slots)}" for key, slots in differ)


def to_plages(establishment: Establishment, service: str | None = None) -> list[dict[str, str]]:
    """The weekly hours as ``plage_ouverture`` ranges (consecutive equal days grouped).

    Without ``service``, the hours are those of the whole establishment (open when any
    service is), with a ``commentaire`` naming the services on days that differ.
    """
    check_types(establishment=(establishment, Establishment), service=(service, (str, NoneType)))
    week = usual_week(establishment, service)
    days = [
        (tuple((s.opens, s.closes) for s in week[d]), _comment(establishment, d, service))
        for d in range(7)
    ]
    ranges: list[dict[str, str]] = []
    weekday = 0
    while weekday < 7:
        last = weekday
        while last + 1 < 7 and days[last + 1] == days[weekday]:
            last += 1
        slots, comment = days[weekday]
        for i in range(0, len(slots), 2):
            pair = slots[i : i + 2]
            times = [
                t
                for o, c in pair
                for t in (_hms(o), "24:00:00" if (o, c) == (0, 1440) else _hms(c))
            ]
            times += [""] * (4 - 2 * len(pair))
            ranges.append(
                dict(
                    zip(FIELDS, [DAY_NAMES[weekday], DAY_NAMES[last], *times, comment], strict=True)
                )
            )
        weekday = last + 1
    return ranges


def to_annuaire(establishment: Establishment, service: str | None = None) -> dict[str, Any]:
    """A directory record: ``{"nom": ..., "plage_ouverture": [...]}``."""
    check_types(establishment=(establishment, Establishment), service=(service, (str, NoneType)))
    name = establishment.name
    if service is not None:
        name += f" — {establishment.service(service).name or service}"
    return {"nom": name, "plage_ouverture": to_plages(establishment, service)}


def _day(value: Any, path: str) -> int:
    if not isinstance(value, str):
        raise ConfigError.at(path, f"{excerpt(value)} is not a day name such as 'Lundi'")
    plain = unicodedata.normalize("NFKD", value.strip()).encode("ascii", "ignore").decode().lower()
    names = [name.lower() for name in DAY_NAMES]
    if plain not in names:
        raise ConfigError.at(
            path, f"{excerpt(value)} is not a day name: expected one of {', '.join(DAY_NAMES)}"
        )
    return names.index(plain)


def _time(value: Any, path: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = _TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ConfigError.at(
            path, f"{excerpt(value)} is not a time: expected HH:MM:SS, e.g. 08:30:00"
        )
    return f"{int(match[1]):02d}:{match[2]}"


def from_plages(
    plages: Sequence[Mapping[str, Any]],
    *,
    name: str,
    timezone: str = "Europe/Paris",
    country: str | None = "FR",
    subdivision: str | None = None,
) -> Establishment:
    """An establishment from ``plage_ouverture`` ranges; :class:`ConfigError` names the field.

    The French public holidays apply (closed) unless ``country`` is None; Alsace-Moselle
    town halls pass ``subdivision="57"`` (or ``"67"``, ``"68"``).
    """
    check_types(
        plages=(plages, (list, tuple)),
        name=(name, str),
        timezone=(timezone, str),
        country=(country, (str, NoneType)),
        subdivision=(subdivision, (str, NoneType)),
    )
    week: list[list[Slot]] = [[] for _ in range(7)]
    issues: list[Issue] = []
    for i, plage in enumerate(plages):
        path = f"plage_ouverture[{i}]"
        try:
            if not isinstance(plage, Mapping):
                raise ConfigError.at(path, "a range is a table of nom_jour_debut, ... fields")
            first = _day(plage.get("nom_jour_debut"), f"{path}.nom_jour_debut")
            end = plage.get("nom_jour_fin") or plage.get("nom_jour_debut")
            last = _day(end, f"{path}.nom_jour_fin")
            slots = []
            for n in (1, 2):
                opens = _time(
                    plage.get(f"valeur_heure_debut_{n}"), f"{path}.valeur_heure_debut_{n}"
                )
                closes = _time(plage.get(f"valeur_heure_fin_{n}"), f"{path}.valeur_heure_fin_{n}")
                if (opens is None) != (closes is None):
                    raise ConfigError.at(
                        f"{path}.valeur_heure_{'fin' if closes is None else 'debut'}_{n}",
                        "is empty while the other end of the slot is set",
                    )
                if opens is not None and closes is not None:
                    try:
                        slots.append(Slot.parse(f"{opens}-{closes}"))
                    except ConfigError as error:
                        raise ConfigError.at(f"{path}.valeur_heure_fin_{n}", str(error)) from None
            weekday = first
            while True:
                week[weekday].extend(slots)
                if weekday == last:
                    break
                weekday = (weekday + 1) % 7
        except ConfigError as error:
            issues.extend(error.issues)
    if issues:
        raise ConfigError(issues)
    data: dict[str, Any] = {
        "name": name,
        "timezone": timezone,
        "hours": {
            WEEKDAYS[d]: [s.model_dump() for s in sorted(slots, key=lambda s: s.opens)]
            for d, slots in enumerate(week)
            if slots
        },
    }
    if country is not None:
        data["holidays"] = {
            "country": country,
            **({"subdivision": subdivision} if subdivision else {}),
        }
    from ._config import load

    return load(data)


def from_annuaire(
    data: Any,
    *,
    name: str | None = None,
    timezone: str = "Europe/Paris",
    country: str | None = "FR",
    subdivision: str | None = None,
) -> Establishment:
    """An establishment from directory data: a record (``nom``, ``plage_ouverture`` as a list
    or as JSON text), an API answer with one record in ``results``, or a list of ranges."""
    if isinstance(data, Mapping) and "results" in data:
        results = data["results"]
        if not isinstance(results, list) or len(results) != 1:
            count = len(results) if isinstance(results, list) else 0
            raise HorairesError(f"the answer holds {count} records: pass the one to import")
        data = results[0]
    if isinstance(data, Mapping):
        plages = data.get("plage_ouverture")
        if isinstance(plages, str):
            try:
                plages = parse_text(plages, "json") if plages.strip() else []
            except ConfigError as error:
                raise ConfigError.at("plage_ouverture", str(error)) from None
        if plages is None:
            raise ConfigError.at("plage_ouverture", "is required")
        name = name or data.get("nom")
    else:
        plages = data
    if not isinstance(plages, list):
        raise ConfigError.at("plage_ouverture", "expected a list of opening ranges")
    return from_plages(
        plages, name=name or "Sans nom", timezone=timezone, country=country, subdivision=subdivision
    )


def load_annuaire(path: str | Path, **options: Any) -> Establishment:
    """An establishment from a JSON file of directory data (see :func:`from_annuaire`)."""
    return from_annuaire(parse_text(read_file(path), "json"), **options)
