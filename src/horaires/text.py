"""Human text in French (default) and English: times, dates, days, the week, the status.

Conventions (CLDR for names and lists, each language's typography for times):

- French: lower-case day and month names, ``8 h 30`` (minutes always written: ``9 h 00``),
  ``1er mai``, ranges ``8 h 30 – 12 h 30``, lists ``lundi, mardi et jeudi``, a space before
  the colon (``Lundi : ...``);
- English: ``8:30 AM``, ``Thursday, May 1, 2025``, lists with a serial comma
  (``Monday, Tuesday, and Thursday``).

Only French and English are supported; any other language code falls back to French.

>>> format_hm(dt.time(8, 30)), format_hm(dt.time(17, 0), "en")
('8 h 30', '5:00 PM')
>>> format_date(dt.date(2025, 5, 1)), format_date(dt.date(2025, 5, 1), "en")
('jeudi 1er mai 2025', 'Thursday, May 1, 2025')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from ._resolve import View, dates, day_plans, weekday_plans
from ._values import Day, Status

if TYPE_CHECKING:
    from ._model import AdmissionRule, EstablishmentData, HolidayHours, Season, Slot

__all__ = [
    "Lang",
    "describe_admission",
    "describe_day",
    "describe_days",
    "describe_holidays",
    "describe_interval",
    "describe_slots",
    "describe_status",
    "describe_upcoming",
    "describe_week",
    "format_date",
    "format_days",
    "format_duration",
    "format_hm",
    "format_when",
    "join",
    "nowrap",
    "sentence_changes",
    "weekday_name",
]

Lang = Literal["fr", "en"]
"""The languages of the text: French (default) and English."""

_WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Every word the French and English texts use, in one place (no English leaks into French).
_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "and": "et",
        "at": "à",
        "tonight": "cette nuit",
        "closed": "fermé",
        "every_day": "tous les jours",
        "midnight": "minuit",
        "all_day": "24 h/24",
        "only": "uniquement",
        "unknown": "horaires incertains",
        "open": "Ouvert",
        "closed_title": "Fermé",
        "open_not_admitting": "Ouvert, mais l'accueil est terminé",
        "uncertain": "Horaires incertains",
        "last_admission": "dernier accueil",
        "closes": "ferme",
        "opens": "ouvre",
        "reopens": "rouvre",
        "opens_in": "ouvre dans {duration}",
        "no_opening": "pas de réouverture prévue",
        "each_closing": "Dernier accueil {duration} avant chaque fermeture{breaks}.",
        "breaks": ", pauses comprises",
        "closing": "Dernier accueil {duration} avant la fermeture.",
        "end_of_day": "Dernier accueil {duration} avant la fermeture de fin de journée.",
        "holidays_closed": "Fermé les jours fériés.",
        "holidays_usual": "Ouvert les jours fériés, aux horaires habituels.",
        "holidays_hours": "Jours fériés : {hours}.",
        "upcoming": "À venir :",
        "colon": " : ",
        "season": "{label}, {span} :",
        "from_to": "du {start} au {end}",
        "range": "du {start} au {end}",
        "only_for": "{hours}, {who} uniquement",
        "for_who": "{who} : {hours}",
        "parts": " ; ",
    },
    "en": {
        "and": "and",
        "at": "at",
        "tonight": "tonight",
        "closed": "closed",
        "every_day": "every day",
        "midnight": "midnight",
        "all_day": "24 hours",
        "only": "only",
        "unknown": "hours uncertain",
        "open": "Open",
        "closed_title": "Closed",
        "open_not_admitting": "Open, but no longer admitting",
        "uncertain": "Hours uncertain",
        "last_admission": "last admission",
        "closes": "closes",
        "opens": "opens",
        "reopens": "reopens",
        "opens_in": "opens in {duration}",
        "no_opening": "no opening scheduled",
        "each_closing": "Last admission {duration} before each closing{breaks}.",
        "breaks": ", breaks included",
        "closing": "Last admission {duration} before closing.",
        "end_of_day": "Last admission {duration} before the end of the day.",
        "holidays_closed": "Closed on public holidays.",
        "holidays_usual": "Open on public holidays, at the usual hours.",
        "holidays_hours": "Public holidays: {hours}.",
        "upcoming": "Coming up:",
        "colon": ": ",
        "season": "{label}, {span}:",
        "from_to": "{start} to {end}",
        "range": "{start} – {end}",
        "only_for": "{hours}, {who} only",
        "for_who": "{who}: {hours}",
        "parts": "; ",
    },
}

# The units that stay on one line with their number (``12 h 00``, ``30 min``, ``8:30 AM``).
_UNITS = {"fr": ("h", "min"), "en": ("AM", "PM", "hr", "min")}

SOON = dt.timedelta(hours=1)
"""A closed place opening within this delay is said to open "in 20 min"."""

NIGHT_END = dt.time(6, 0)
"""A closing on the next day up to this time is said to be "tonight" (``cette nuit``)."""


def _lang(lang: str) -> Lang:
    return "en" if lang.split("_")[0].split("-")[0].lower() == "en" else "fr"


def _w(lang: Lang, key: str) -> str:
    return _WORDS[lang][key]


def capitalize(text: str) -> str:
    """The text with its first letter in upper case (``lundi`` -> ``Lundi``)."""
    return text[:1].upper() + text[1:]


def _decapitalize(name: str) -> str:
    """A name inside a sentence: ``Pôle état civil`` -> ``pôle état civil`` (not ``CCAS``)."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() and len(first) > 1 else name[:1].lower() + name[1:]


def join(items: Sequence[str], lang: str = "fr") -> str:
    """A list as a sentence part (CLDR list patterns).

    >>> join(["lundi", "mardi", "jeudi"]), join(["Monday", "Tuesday", "Thursday"], "en")
    ('lundi, mardi et jeudi', 'Monday, Tuesday, and Thursday')
    """
    code = _lang(lang)
    if len(items) <= 2:
        return f" {_w(code, 'and')} ".join(items)
    last = ", and " if code == "en" else " et "
    return ", ".join(items[:-1]) + last + items[-1]


def weekday_name(weekday: int, lang: str = "fr") -> str:
    """The name of a weekday (0 = Monday): ``lundi``, ``Monday``."""
    return _WEEKDAYS[_lang(lang)][weekday]


def format_hm(value: dt.time | dt.datetime, lang: str = "fr") -> str:
    """A time of day as people write it: ``8 h 30`` in French, ``8:30 AM`` in English."""
    if _lang(lang) == "fr":
        return f"{value.hour} h {value.minute:02d}"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def _minutes(minutes: int, lang: Lang) -> str:
    """A wall time of a slot (minutes after midnight, possibly past 24:00)."""
    if minutes % 1440 == 0 and minutes > 0:
        return _w(lang, "midnight")
    minutes %= 1440
    return format_hm(dt.time(minutes // 60, minutes % 60), lang)


def format_duration(value: dt.timedelta, lang: str = "fr") -> str:
    """A short duration: ``30 min``, ``1 h``, ``1 h 30`` (English ``1 hr 30 min``).

    >>> format_duration(dt.timedelta(minutes=90)), format_duration(dt.timedelta(hours=1), "en")
    ('1 h 30', '1 hr')
    """
    code = _lang(lang)
    total = int(value.total_seconds() // 60)
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    unit = "h" if code == "fr" else "hr"
    if not minutes:
        return f"{hours} {unit}"
    return f"{hours} h {minutes:02d}" if code == "fr" else f"{hours} hr {minutes} min"


def format_date(value: dt.date, lang: str = "fr", *, year: bool = True) -> str:
    """A date with its weekday: ``jeudi 1er mai 2025``, ``Thursday, May 1, 2025``."""
    code = _lang(lang)
    weekday = _WEEKDAYS[code][value.weekday()]
    month = _MONTHS[code][value.month - 1]
    if code == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{weekday} {day} {month}" + (f" {value.year}" if year else "")
    return f"{weekday}, {month} {value.day}" + (f", {value.year}" if year else "")


def format_when(
    value: dt.datetime, now: dt.datetime, lang: str = "fr", *, closing: bool = False
) -> str:
    """``à 17 h 30`` today, ``lundi à 8 h 30`` within a week, else the date.

    With ``closing`` (a closing or a last admission), local midnight ends the day before
    (``à minuit``) and a time in the small hours of the next day is "tonight".

    >>> now = dt.datetime(2025, 5, 2, 18, 0)
    >>> format_when(dt.datetime(2025, 5, 5, 8, 30), now)
    'lundi à 8 h 30'
    >>> format_when(dt.datetime(2025, 5, 3, 9, 0), now, "en")
    'Saturday at 9:00 AM'
    >>> format_when(dt.datetime(2025, 5, 14, 9, 0), now)
    'le mercredi 14 mai à 9 h 00'
    >>> format_when(dt.datetime(2025, 5, 3, 0, 0), now, closing=True)
    'à minuit'
    >>> format_when(dt.datetime(2025, 5, 3, 1, 0), now, closing=True)
    'cette nuit à 1 h 00'
    >>> format_when(dt.datetime(2025, 5, 4, 0, 0), now, "en", closing=True)
    'Saturday at midnight'
    """
    code = _lang(lang)
    date, time = value.date(), format_hm(value, code)
    if closing and value.time() == dt.time() and value.date() > now.date():
        date, time = date - dt.timedelta(days=1), _w(code, "midnight")
    days = (date - now.date()).days
    at = f"{_w(code, 'at')} {time}"
    if days == 0:
        return at
    if closing and days == 1 and value.time() <= NIGHT_END and value.date() == date:
        return f"{_w(code, 'tonight')} {at}"
    if 0 < days < 7:
        return f"{_WEEKDAYS[code][date.weekday()]} {at}"
    text = format_date(date, code, year=date.year != now.year)
    return f"le {text} {at}" if code == "fr" else f"on {text} {at}"


def nowrap(text: str, lang: str = "fr") -> str:
    """The text with non-breaking spaces inside its times and durations, so that a line
    never breaks in ``12 h 00`` or ``8:30 AM`` (for HTML and widgets).

    >>> nowrap("Ouvert · ferme à 12 h 30 · rouvre dans 1 h 30") == (
    ...     "Ouvert · ferme à 12\u00a0h\u00a030 · rouvre dans 1\u00a0h\u00a030")
    True
    >>> nowrap("Opens in 20 min · 8:30 AM – noon", "en").count("\u00a0")
    2
    """
    code = _lang(lang)
    units = "|".join(_UNITS[code])
    text = re.sub(
        rf"(\d) ({units})(?![^\W\d_])( (?=\d))?",
        lambda m: f"{m[1]}\u00a0{m[2]}" + ("\u00a0" if m[3] else ""),
        text,
    )
    # a range of times is one piece too: 8 h 30 – 12 h 30, 8:30 AM – midnight (a line may
    # break after a dash even before a no-break space: a word joiner forbids it)
    midnight = _w(code, "midnight")
    return re.sub(rf"(?<=\d|M) – (?=\d|{midnight})", "\u00a0–\u2060\u00a0", text)


def describe_slots(slots: Iterable[Slot], lang: str = "fr") -> str:
    """The slots of a day: ``8 h 30 – 12 h 30 et 13 h 30 – 17 h 30``, or ``fermé``.

    >>> from horaires import Slot
    >>> describe_slots([Slot.parse("08:30-12:30"), Slot.parse("13:30-17:30")], "en")
    '8:30 AM – 12:30 PM and 1:30 PM – 5:30 PM'
    >>> describe_slots([Slot.parse("20:00-24:00")])
    '20 h 00 – minuit'
    """
    code = _lang(lang)
    parts: list[str] = []
    for slot in slots:
        if slot.opens == 0 and slot.closes == 1440:
            text = _w(code, "all_day")
        else:
            text = f"{_minutes(slot.opens, code)} – {_minutes(slot.closes, code)}"
        if slot.last_admission is not None and slot.last_admission != slot.closes:
            time = _minutes(slot.last_admission, code)
            text += f" ({_w(code, 'last_admission')} {_w(code, 'at')} {time})"
        parts.append(text)
    return join(parts, code) if parts else _w(code, "closed")


def describe_interval(start: dt.datetime, end: dt.datetime | None, lang: str = "fr") -> str:
    """An interval of instants: ``8 h 30 – 12 h 30``; ``à partir de 8 h 30`` when it does
    not end (within the search horizon).

    >>> describe_interval(dt.datetime(2025, 5, 5, 20), dt.datetime(2025, 5, 6), "en")
    '8:00 PM – midnight'
    """
    code = _lang(lang)
    opens = format_hm(start, code)
    if end is None:
        return f"à partir de {opens}" if code == "fr" else f"from {opens}"
    midnight = end.time() == dt.time() and end.date() > start.date()
    closes = _w(code, "midnight") if midnight else format_hm(end, code)
    return f"{opens} – {closes}"


def describe_day(day: Day, lang: str = "fr") -> str:
    """A day's hours with the reason they differ: ``fermé (Fête du Travail)``.

    >>> from horaires import examples
    >>> describe_day(examples.pantin().day(dt.date(2025, 5, 1), lang="en"), "en")
    'closed (Labor Day)'
    """
    code = _lang(lang)
    text = _w(code, "unknown") if day.unknown and not day.slots else describe_slots(day.slots, code)
    return f"{text} ({day.label})" if day.label else text


def describe_days(
    establishment: EstablishmentData,
    start: dt.date,
    days: int,
    *,
    service: str | None = None,
    lang: str = "fr",
) -> list[str]:
    """The hours of ``days`` dates from ``start``, one text per date (a night is listed on
    the day it begins). For the whole establishment, the hours of the services that differ
    from the general hours are named: on Pantin's Saturday, only one desk opens.

    >>> from horaires import examples
    >>> describe_days(examples.pantin(), dt.date(2025, 5, 2), 2)
    ['8 h 30 – 12 h 30 et 13 h 30 – 17 h 30', '9 h 00 – 12 h 30, pôle état civil, élections et funéraire uniquement']
    >>> describe_days(examples.pantin(), dt.date(2025, 5, 1), 1, lang="en")
    ['closed (Labor Day)']
    """
    code = _lang(lang)
    if service is not None or not establishment.services:
        return [
            describe_day(plan, code)
            for plan in day_plans(establishment, start, days, service, code)
        ]
    general = day_plans(establishment, start, days, None, code, whole=False)
    parts = {
        key: day_plans(establishment, start, days, key, code) for key in establishment.services
    }
    return [
        _whole_day(
            establishment, general[i], [(key, plans[i]) for key, plans in parts.items()], code
        )
        for i in range(len(general))
    ]


def _whole_day(
    establishment: EstablishmentData, general: Day, parts: Sequence[tuple[str, Day]], lang: Lang
) -> str:
    """The text of one date for a whole establishment: the general hours, then the services
    whose hours differ; with no general hours, each group of services that opens, "only"."""
    own = describe_day(general, lang)
    texts = [(key, describe_day(day, lang), day) for key, day in parts]
    if general.slots or general.unknown:
        groups = _by_text([(key, text) for key, text, _ in texts if text != own])
        lines = [own] + [
            _w(lang, "for_who").format(who=_who(establishment, keys, lang), hours=text)
            for text, keys in groups
        ]
        return _w(lang, "parts").join(lines)
    opening = [(key, text) for key, text, day in texts if day.slots or day.unknown]
    if not opening:
        return own
    groups = _by_text(opening)
    if len(groups) == 1 and len(opening) == len(parts):
        return groups[0][0]
    return _w(lang, "parts").join(
        _w(lang, "only_for").format(hours=text, who=_who(establishment, keys, lang))
        for text, keys in groups
    )


def _by_text(items: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for key, text in items:
        groups.setdefault(text, []).append(key)
    return list(groups.items())


def _who(establishment: EstablishmentData, keys: Sequence[str], lang: Lang) -> str:
    return join([_decapitalize(_service_name(establishment, key)) for key in keys], lang)


# -- the week --------------------------------------------------------------------------------


def format_days(weekdays: Sequence[int], lang: str = "fr") -> str:
    """A set of weekdays: ``lundi, mardi et jeudi``, ``du mardi au dimanche``, ``tous les jours``.

    >>> format_days([1, 2, 3, 4, 5, 6]), format_days([0, 1, 2, 4], "en")
    ('du mardi au dimanche', 'Monday, Tuesday, Wednesday, and Friday')
    """
    code = _lang(lang)
    days = sorted(set(weekdays))
    names = [_WEEKDAYS[code][d] for d in days]
    if len(days) == 7:
        return _w(code, "every_day")
    if len(days) >= 3 and days[-1] - days[0] == len(days) - 1:
        return _w(code, "from_to").format(start=names[0], end=names[-1])
    return join(names, code)


def _line(days: str, who: str | None, only: bool, hours: str, lang: Lang) -> str:
    head = capitalize(days)
    if who:
        head += f", {who}" + (f" {_w(lang, 'only')}" if only else "")
    return head + _w(lang, "colon") + hours


def _group(plans: Sequence[object]) -> list[tuple[list[int], int]]:
    """Weekdays grouped by equal plans: ``[(weekdays, index of first), ...]`` in week order."""
    groups: dict[object, list[int]] = {}
    for weekday, plan in enumerate(plans):
        groups.setdefault(plan, []).append(weekday)
    return [(days, days[0]) for days in groups.values()]


def _week_lines(establishment: EstablishmentData, service: str | None, lang: Lang) -> list[str]:
    if service is not None:
        week = View(establishment, service).usual_week()
        return [
            _line(format_days(days, lang), None, False, describe_slots(week[first], lang), lang)
            for days, first in _group(week)
        ]
    plans = weekday_plans(establishment)
    lines: list[str] = []
    for days, first in _group(plans):
        general, differ = plans[first]
        when = format_days(days, lang)
        if general or not differ:
            lines.append(_line(when, None, False, describe_slots(general, lang), lang))
        by_slots: dict[tuple[Slot, ...], list[str]] = {}
        for key, slots in differ:
            by_slots.setdefault(slots, []).append(_service_name(establishment, key))
        for slots, names in by_slots.items():
            who = join([_decapitalize(n) for n in names], lang)
            lines.append(_line(when, who, not general, describe_slots(slots, lang), lang))
    return lines


def _service_name(establishment: EstablishmentData, key: str) -> str:
    return establishment.service(key).name or key


def describe_admission(
    rule: AdmissionRule | None, lang: str = "fr", *, breaks: bool = True
) -> str | None:
    """The last-admission rule in words (None when there is none).

    ``breaks`` says whether some day has a break, so that "each closing" includes it.

    >>> from horaires import examples
    >>> describe_admission(examples.pantin().admission)
    'Dernier accueil 30 min avant chaque fermeture, pauses comprises.'
    >>> describe_admission(examples.load_example("townhall").admission, "en")
    'Last admission 15 min before the end of the day.'
    """
    code = _lang(lang)
    if rule is None or not rule.before_closing:
        return None
    duration = format_duration(rule.before_closing, code)
    if rule.applies_to == "end_of_day":
        return _w(code, "end_of_day").format(duration=duration)
    if not breaks:
        return _w(code, "closing").format(duration=duration)
    return _w(code, "each_closing").format(duration=duration, breaks=_w(code, "breaks"))


def describe_holidays(hours: HolidayHours, lang: str = "fr") -> str:
    """The public-holiday policy: ``Fermé les jours fériés.``"""
    code = _lang(lang)
    if hours == "closed":
        return _w(code, "holidays_closed")
    if hours == "usual":
        return _w(code, "holidays_usual")
    text = _w(code, "unknown") if isinstance(hours, str) else describe_slots(hours, code)
    return _w(code, "holidays_hours").format(hours=text)


def _has_breaks(establishment: EstablishmentData, service: str | None) -> bool:
    owners = [service] if service is not None else [None, *establishment.services]
    return any(len(slots) > 1 for key in owners for slots in View(establishment, key).usual_week())


def _rules_lines(establishment: EstablishmentData, service: str | None, lang: Lang) -> list[str]:
    """The admission and holiday rules, with the services whose rules differ."""
    lines: list[str] = []
    main = View(establishment, service)
    text = describe_admission(main.admission_rule, lang, breaks=_has_breaks(establishment, service))
    if text:
        lines.append(text)
    others = [View(establishment, key) for key in establishment.services] if service is None else []
    for view in others:
        if view.admission_rule != main.admission_rule:
            assert view.service is not None
            rule = describe_admission(
                view.admission_rule, lang, breaks=_has_breaks(establishment, view.service)
            )
            if rule:
                name = _service_name(establishment, view.service)
                lines.append(f"{name}{_w(lang, 'colon')}{_decapitalize(rule)}")
    if main.calendar is not None:
        lines.append(describe_holidays(main.holiday_hours, lang))
        for view in others:
            if view.holiday_hours != main.holiday_hours:
                assert view.service is not None
                rule = describe_holidays(view.holiday_hours, lang)
                name = _service_name(establishment, view.service)
                lines.append(f"{name}{_w(lang, 'colon')}{_decapitalize(rule)}")
    return lines


def _season_span(season: Season, lang: Lang) -> str:
    if isinstance(season.start, dt.date) and isinstance(season.end, dt.date):
        same = season.start.year == season.end.year
        start = _day_month(season.start, lang, year=not same)
        end = _day_month(season.end, lang, year=True)
    else:
        start, end = (
            _day_month(dt.date(2000, int(bound[:2]), int(bound[3:])), lang)
            for bound in (str(season.start), str(season.end))
        )
    return _w(lang, "from_to").format(start=start, end=end)


def _day_month(value: dt.date, lang: Lang, *, year: bool = False) -> str:
    month = _MONTHS[lang][value.month - 1]
    if lang == "fr":
        text = f"{'1er' if value.day == 1 else value.day} {month}"
        return text + (f" {value.year}" if year else "")
    return f"{month} {value.day}" + (f", {value.year}" if year else "")


def _season_lines(establishment: EstablishmentData, service: str | None, lang: Lang) -> list[str]:
    seasons = View(establishment, service).seasons
    lines: list[str] = []
    for season in seasons:
        label = season.label or ("Horaires saisonniers" if lang == "fr" else "Seasonal hours")
        lines.append(
            capitalize(_w(lang, "season").format(label=label, span=_season_span(season, lang)))
        )
        named = [(w, season.hours.day(w)) for w in range(7) if season.hours.day(w) is not None]
        groups: dict[tuple[Slot, ...], list[int]] = {}
        for weekday, slots in named:
            groups.setdefault(slots or (), []).append(weekday)
        for slots, days in groups.items():
            lines.append(
                "  "
                + _line(format_days(days, lang), None, False, describe_slots(slots, lang), lang)
            )
    return lines


def describe_upcoming(
    establishment: EstablishmentData,
    start: dt.date,
    days: int = 60,
    *,
    service: str | None = None,
    lang: str = "fr",
) -> list[str]:
    """Dated exceptions and public holidays from ``start`` on, one line per run of dates.

    A holiday that changes nothing (the place is closed that day anyway) is left out.

    >>> from horaires import examples
    >>> describe_upcoming(examples.pantin(), dt.date(2025, 4, 28), 14)
    ['jeudi 1er mai 2025 : fermé (Fête du Travail)', 'jeudi 8 mai 2025 : fermé (Fête de la Victoire)']
    """
    code = _lang(lang)
    parts: list[str | None] = [service] if service is not None else [None, *establishment.services]
    weeks = {key: View(establishment, key).usual_week() for key in parts}
    entries: dict[str | None, list[tuple[dt.date, str]]] = {}
    plans = {key: day_plans(establishment, start, days, key, code, whole=False) for key in parts}
    for i, day in enumerate(dates(start, days)):
        texts: dict[str | None, str] = {}
        for key in parts:
            plan = plans[key][i]
            usual = weeks[key][day.weekday()]
            if plan.rule == "exception" or (
                plan.rule == "holiday" and (plan.slots != usual or plan.unknown)
            ):
                texts[key] = describe_day(plan, code)
        if len(texts) == len(parts) and len(set(texts.values())) == 1:
            entries.setdefault(None if service is None else service, []).append(
                (day, next(iter(texts.values())))
            )
            continue
        for key, text in texts.items():
            entries.setdefault(key, []).append((day, text))
    lines: list[tuple[dt.date, int, str]] = []
    for key, found in entries.items():
        who = (
            None
            if key is None or key == service
            else _decapitalize(_service_name(establishment, key))
        )
        for first, line in _runs(found, who, code):
            lines.append((first, parts.index(key), line))
    return [line for _, _, line in sorted(lines)]


def _runs(
    entries: Sequence[tuple[dt.date, str]], who: str | None, lang: Lang
) -> list[tuple[dt.date, str]]:
    """Consecutive dates with the same text as one line: ``du ... au ... : fermé (...)``."""
    lines: list[tuple[dt.date, str]] = []
    i = 0
    while i < len(entries):
        j = i
        while (
            j + 1 < len(entries)
            and entries[j + 1][1] == entries[i][1]
            and (entries[j + 1][0] - entries[j][0]).days == 1
        ):
            j += 1
        first, last = entries[i][0], entries[j][0]
        if first == last:
            when = format_date(first, lang)
        else:
            when = _w(lang, "range").format(
                start=format_date(first, lang, year=first.year != last.year),
                end=format_date(last, lang),
            )
        if who:
            when += f", {who}"
        lines.append((first, f"{when}{_w(lang, 'colon')}{entries[i][1]}"))
        i = j + 1
    return lines


def describe_week(
    establishment: EstablishmentData,
    *,
    service: str | None = None,
    start: dt.date | None = None,
    days: int = 60,
    lang: str = "fr",
    title: bool = True,
) -> str:
    """The week as text: grouped days, services that differ, rules, what is coming up.

    ``start`` is the first date of the "coming up" part (default: today in the
    establishment's time zone) and ``days`` its length (0 leaves it out).

    >>> from horaires import examples
    >>> print(describe_week(examples.pantin(), start=dt.date(2025, 4, 28), days=10))
    Centre administratif de Pantin
    Lundi, mardi, mercredi et vendredi : 8 h 30 – 12 h 30 et 13 h 30 – 17 h 30
    Jeudi : 13 h 30 – 17 h 30
    Samedi, pôle état civil, élections et funéraire uniquement : 9 h 00 – 12 h 30
    Dimanche : fermé
    Dernier accueil 30 min avant chaque fermeture, pauses comprises.
    Fermé les jours fériés.
    <BLANKLINE>
    À venir :
    - jeudi 1er mai 2025 : fermé (Fête du Travail)
    """
    code = _lang(lang)
    lines: list[str] = []
    if title:
        name = establishment.name
        if service is not None:
            name += f" — {_service_name(establishment, service)}"
        lines.append(name)
    lines += _week_lines(establishment, service, code)
    lines += _season_lines(establishment, service, code)
    lines += _rules_lines(establishment, service, code)
    if days > 0:
        if start is None:
            start = dt.datetime.now(establishment.zone).date()
        upcoming = describe_upcoming(establishment, start, days, service=service, lang=code)
        if upcoming:
            lines += ["", _w(code, "upcoming"), *(f"- {line}" for line in upcoming)]
    return "\n".join(lines)


# -- the status --------------------------------------------------------------------------------


def describe_status(status: Status, lang: str = "fr") -> str:
    """One line for people: ``Ouvert · dernier accueil à 17 h 00 · ferme à 17 h 30``.

    >>> from horaires import examples
    >>> from zoneinfo import ZoneInfo
    >>> at = dt.datetime(2025, 5, 2, 17, 10, tzinfo=ZoneInfo("Europe/Paris"))
    >>> describe_status(examples.pantin().status(at, service="urbanisme"))
    "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre lundi à 8 h 30"
    >>> describe_status(examples.pantin().status(at.replace(hour=8), service="urbanisme"))
    'Ouvre dans 20 min'
    """
    code = _lang(lang)
    now = status.at
    parts: list[str] = []
    soon = (
        status.next_opening is not None
        and not status.open
        and not status.unknown
        and status.next_opening - now <= SOON
    )
    if status.unknown:
        uncertain = _w(code, "uncertain")
        parts.append(f"{uncertain} ({status.reason})" if status.reason else uncertain)
    elif status.open and status.accepting:
        parts.append(_w(code, "open"))
        if status.last_admission_at and (
            status.closes_at is None or status.last_admission_at < status.closes_at
        ):
            when = format_when(status.last_admission_at, now, code, closing=True)
            parts.append(f"{_w(code, 'last_admission')} {when}")
    elif status.open:
        parts.append(_w(code, "open_not_admitting"))
    elif not soon or status.reason:
        closed = _w(code, "closed_title")
        parts.append(f"{closed} ({status.reason})" if status.reason else closed)
    if status.open and status.closes_at:
        closes = format_when(status.closes_at, now, code, closing=True)
        parts.append(f"{_w(code, 'closes')} {closes}")
    if status.next_opening and not (status.open and status.accepting):
        if soon:
            assert status.next_opening is not None
            seconds = (status.next_opening - now).total_seconds()
            minutes = max(1, -int(-seconds // 60))
            parts.append(
                _w(code, "opens_in").format(
                    duration=format_duration(dt.timedelta(minutes=minutes), code)
                )
            )
        else:
            verb = _w(code, "reopens" if status.open else "opens")
            parts.append(f"{verb} {format_when(status.next_opening, now, code)}")
    elif not status.open and not status.unknown and status.next_opening is None:
        parts.append(_w(code, "no_opening"))
    return capitalize(" · ".join(parts))


def sentence_changes(
    status: Status, lang: str = "fr", *, until: dt.datetime | None = None
) -> list[tuple[dt.datetime, str]]:
    """The instants after ``status.at`` where :func:`describe_status` of the same status
    says something else (a countdown changes every minute), with the new sentence.

    Only instants before ``until`` and before ``status.next_change`` are listed: after
    either, the status itself must be asked again.

    >>> from horaires import examples
    >>> from zoneinfo import ZoneInfo
    >>> at = dt.datetime(2025, 5, 5, 7, 28, 30, tzinfo=ZoneInfo("Europe/Paris"))
    >>> status = examples.pantin().status(at, service="urbanisme")
    >>> describe_status(status)
    'Fermé · ouvre à 8 h 30'
    >>> [(t.strftime("%H:%M"), text) for t, text in sentence_changes(status)[:3]]
    [('07:30', 'Ouvre dans 1 h'), ('07:31', 'Ouvre dans 59 min'), ('07:32', 'Ouvre dans 58 min')]
    """
    code = _lang(lang)
    opening = status.next_opening
    if opening is None or status.open or status.unknown:
        return []
    ends = [t for t in (until, status.next_change) if t is not None]
    end = min(ends) if ends else opening
    utc = dt.UTC
    at, opening_utc = status.at.astimezone(utc), opening.astimezone(utc)
    first = max(at, opening_utc - SOON)
    # the countdown shows whole minutes rounded up: it changes at opening - k minutes
    minutes = int((opening_utc - first).total_seconds() // 60)
    instants = [opening_utc - SOON] if opening_utc - SOON > at else []
    instants += [opening_utc - dt.timedelta(minutes=k) for k in range(minutes, 0, -1)]
    changes: list[tuple[dt.datetime, str]] = []
    before = describe_status(status, code)
    for instant in instants:
        local = instant.astimezone(status.at.tzinfo)
        if instant <= at or local >= end:
            continue
        text = describe_status(dataclasses.replace(status, at=local), code)
        if text != before:
            changes.append((local, text))
            before = text
    return changes
