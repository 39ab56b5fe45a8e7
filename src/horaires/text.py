"""Human text in eight languages: times, dates, days, the week, the status.

The sentences come from the gettext catalogs of :mod:`horaires._i18n` (one ``.po`` file per
language); day and month names, date and time formats, lists and relative times come from
CLDR through Babel, so each language reads as its speakers write it:

- French: ``8 h 30`` (minutes always written), ``jeudi 1er mai 2025``, ``lundi, mardi et
  jeudi``, a space before the colon (``Lundi : ...``);
- English: ``8:30 AM`` (``08:30`` in ``en-GB``), ``Thursday, May 1, 2025``, a serial comma;
- German ``08:30``, ``Donnerstag, 1. Mai 2025``; and Spanish, Italian, Dutch, Portuguese,
  Catalan, each with its own CLDR formats.

``lang`` is one of :data:`horaires.LANGUAGES`, optionally with a region (``en-GB``,
``pt-BR``); any other code raises :class:`horaires.UnsupportedLanguage`. Functions that take
an establishment default to its configured ``language``.

>>> format_hm(dt.time(8, 30)), format_hm(dt.time(17, 0), "en"), format_hm(dt.time(17, 0), "de")
('8 h 30', '5:00 PM', '17:00')
>>> format_date(dt.date(2025, 5, 1)), format_date(dt.date(2025, 5, 1), "en")
('jeudi 1er mai 2025', 'Thursday, May 1, 2025')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ._errors import ArgumentError, check_types
from ._i18n import gettext, locale
from ._languages import base, language
from ._resolve import View, dates, day_plans, default_label, weekday_plans
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
    "first_weekday",
    "format_date",
    "format_datetime",
    "format_days",
    "format_duration",
    "format_hm",
    "format_relative",
    "format_when",
    "join",
    "nowrap",
    "sentence_changes",
    "weekday_name",
]

Lang = str
"""A language code: ``fr``, ``en``, ``de``, ``es``, ``it``, ``nl``, ``pt``, ``ca``, with a
region if you like (``en-GB``)."""

SOON = dt.timedelta(hours=1)
"""A closed place opening within this delay is said to open "in 20 minutes"."""

NIGHT_END = dt.time(6, 0)
"""A closing on the next day up to this time is said to be "tonight" (``cette nuit``)."""

_LOWER_NOUNS = frozenset({"fr", "en", "es", "it", "nl", "pt", "ca"})
"""Languages whose common nouns are lower case inside a sentence (not German)."""


def _w(lang: str, message: str, **values: str) -> str:
    return gettext(lang, message, **values)


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _plain(text: str) -> str:
    """CLDR text with plain spaces (CLDR has no-break ones in ``5:30 PM``, ``30 min``):
    :func:`nowrap` adds them where a line must not break, for HTML."""
    return text.translate(_SPACES)


def capitalize(text: str) -> str:
    """The text with its first letter in upper case (``lundi`` -> ``Lundi``)."""
    check_types(text=(text, str))
    return text[:1].upper() + text[1:]


def _decapitalize(name: str, lang: str = "fr") -> str:
    """A name inside a sentence: ``Pôle état civil`` -> ``pôle état civil``; a proper name
    (``Agence Nationale des Titres``, ``CCAS``) and any German name stay as they are.

    >>> _decapitalize("Pôle état civil"), _decapitalize("Agence Nationale des Titres")
    ('pôle état civil', 'Agence Nationale des Titres')
    """
    first, _, rest = name.partition(" ")
    if base(lang) not in _LOWER_NOUNS or (first.isupper() and len(first) > 1):
        return name
    if any(word[:1].isupper() for word in rest.split()):
        return name
    return name[:1].lower() + name[1:]


def _with_reason(word: str, reason: str | None) -> str:
    """``word (reason)``, or the reason alone when it already starts with the word:
    ``Fermé le premier samedi du mois``, never ``Fermé (Fermé le premier samedi du mois)``.

    >>> _with_reason("fermé", "Fermé le 1er samedi"), _with_reason("Fermé", "Noël")
    ('fermé le 1er samedi', 'Fermé (Noël)')
    """
    if not reason:
        return word
    folded, head = reason.casefold(), word.casefold()
    if folded == head:
        return word
    if folded.startswith(head) and not reason[len(word) : len(word) + 1].isalnum():
        return word + reason[len(word) :]
    return f"{word} ({reason})"


def join(items: Sequence[str], lang: str = "fr") -> str:
    """A list as a sentence part (CLDR list patterns).

    >>> join(["lundi", "mardi", "jeudi"]), join(["Monday", "Tuesday", "Thursday"], "en")
    ('lundi, mardi et jeudi', 'Monday, Tuesday, and Thursday')
    >>> join(["Montag", "Dienstag"], "de")
    'Montag und Dienstag'
    """
    check_types(items=(items, (list, tuple)))
    return _join(tuple(items), language(lang)) if items else ""


@functools.lru_cache(maxsize=1024)
def _join(items: tuple[str, ...], code: str) -> str:
    from babel.lists import format_list

    return _plain(format_list(list(items), locale=locale(code)))


@functools.lru_cache(maxsize=64)
def _weekdays(code: str) -> tuple[str, ...]:
    names = locale(code).days["format"]["wide"]
    return tuple(str(names[i]) for i in range(7))


def weekday_name(weekday: int, lang: str = "fr") -> str:
    """The name of a weekday (0 = Monday): ``lundi``, ``Monday``, ``Montag``."""
    check_types(weekday=(weekday, int))
    if not 0 <= weekday <= 6:
        raise ArgumentError(f"weekday={weekday!r} is not a weekday (0 = Monday to 6)")
    return _weekdays(language(lang))[weekday]


def first_weekday(lang: str = "fr") -> int:
    """The first day of the week where the language is spoken (0 = Monday, 6 = Sunday).

    >>> first_weekday("fr"), first_weekday("en"), first_weekday("en-GB")
    (0, 6, 0)
    """
    return int(locale(lang).first_week_day)


@functools.lru_cache(maxsize=64)
def _time_pattern(code: str) -> str:
    if base(code) == "fr":
        return "H 'h' mm"  # the French typography: 17 h 30
    return str(locale(code).time_formats["short"].pattern)


def format_hm(value: dt.time | dt.datetime, lang: str = "fr") -> str:
    """A time of day as people write it: ``8 h 30`` in French, ``8:30 AM`` in US English,
    ``08:30`` in British English and in German (the CLDR short time of the language)."""
    check_types(value=(value, (dt.time, dt.datetime)))
    return _hm(value.hour, value.minute, language(lang))


@functools.lru_cache(maxsize=4096)
def _hm(hour: int, minute: int, code: str) -> str:
    from babel.dates import format_time

    time = dt.time(hour, minute)
    return _plain(format_time(time, _time_pattern(code), locale=locale(code)))


def _minutes(minutes: int, lang: str) -> str:
    """A wall time of a slot (minutes after midnight, possibly past 24:00)."""
    if minutes % 1440 == 0 and minutes > 0:
        return _w(lang, "midnight")
    minutes %= 1440
    return format_hm(dt.time(minutes // 60, minutes % 60), lang)


def format_duration(value: dt.timedelta, lang: str = "fr") -> str:
    """A short duration in CLDR units: ``30 min``, ``1 h``, ``1 h 30 min`` (``1 hr`` in English).

    >>> format_duration(dt.timedelta(minutes=90)), format_duration(dt.timedelta(hours=1), "en")
    ('1 h 30 min', '1 hr')
    """
    check_types(value=(value, dt.timedelta))
    from babel.lists import format_list
    from babel.units import format_unit

    where = locale(lang)
    hours, minutes = divmod(int(value.total_seconds() // 60), 60)
    parts = [
        format_unit(amount, unit, length="short", locale=where)
        for amount, unit in ((hours, "duration-hour"), (minutes, "duration-minute"))
        if amount or (unit == "duration-minute" and not hours)
    ]
    return _plain(format_list(parts, style="unit-narrow", locale=where))


def format_relative(value: dt.timedelta, lang: str = "fr") -> str:
    """A delay from now, as CLDR says it: ``dans 20 minutes``, ``in 1 hour``.

    >>> format_relative(dt.timedelta(minutes=20)), format_relative(dt.timedelta(hours=1), "de")
    ('dans 20 minutes', 'in 1 Stunde')
    """
    check_types(value=(value, dt.timedelta))
    return _relative(value, language(lang))


@functools.lru_cache(maxsize=1024)
def _relative(value: dt.timedelta, code: str) -> str:
    from babel.dates import format_timedelta

    return _plain(
        format_timedelta(
            value, granularity="minute", threshold=1, add_direction=True, locale=locale(code)
        )
    )


@functools.lru_cache(maxsize=256)
def _date_pattern(code: str, year: bool, weekday: bool, first: bool) -> str:
    """The CLDR pattern of a date: the full date (weekday, day, month, year), or its
    ``MMMMd`` skeleton without a weekday; ``first`` writes the French ``1er``."""
    where = locale(code)
    if weekday:
        pattern = str(where.date_formats["full"].pattern)
        if not year:  # the full date without its year (CLDR puts the year last)
            pattern = re.sub(r"[\s,.]*(?:'[^']*'\s*)?y+\s*$", "", pattern)
    else:
        pattern = str(where.datetime_skeletons["yMMMMd" if year else "MMMMd"].pattern)
    if first:
        pattern = re.sub(r"(?<![d'])d(?![d'])", "d'er'", pattern)
    return pattern


def _format_date(value: dt.date, lang: str, *, year: bool, weekday: bool) -> str:
    return _date(value, language(lang), year, weekday)


@functools.lru_cache(maxsize=4096)
def _date(value: dt.date, code: str, year: bool, weekday: bool) -> str:
    from babel.dates import format_date as babel_date

    first = base(code) == "fr" and value.day == 1
    pattern = _date_pattern(code, year, weekday, first)
    return _plain(babel_date(value, pattern, locale=locale(code)))


def format_date(value: dt.date, lang: str = "fr", *, year: bool = True) -> str:
    """A date with its weekday: ``jeudi 1er mai 2025``, ``Thursday, May 1, 2025``.

    >>> format_date(dt.date(2025, 5, 1), "de"), format_date(dt.date(2025, 5, 1), "es", year=False)
    ('Donnerstag, 1. Mai 2025', 'jueves, 1 de mayo')
    """
    check_types(value=(value, dt.date))
    return _format_date(value, lang, year=year, weekday=True)


def format_datetime(value: dt.datetime, lang: str = "fr") -> str:
    """A date and time as people write them: ``lundi 5 mai 2025, 12 h 10``.

    >>> format_datetime(dt.datetime(2025, 5, 5, 12, 10), "en")
    'Monday, May 5, 2025, 12:10 PM'
    """
    check_types(value=(value, dt.datetime))
    glue = str(locale(lang).datetime_formats["medium"])
    return glue.replace("{1}", format_date(value.date(), lang)).replace(
        "{0}", format_hm(value, lang)
    )


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
    check_types(value=(value, dt.datetime), now=(now, dt.datetime), closing=(closing, bool))
    code = language(lang)
    date, time = value.date(), format_hm(value, code)
    if closing and value.time() == dt.time() and value.date() > now.date():
        date, time = date - dt.timedelta(days=1), _w(code, "midnight")
    days = (date - now.date()).days
    if days == 0:
        return _w(code, "at {time}", time=time)
    if closing and days == 1 and value.time() <= NIGHT_END and value.date() == date:
        return _w(code, "tonight at {time}", time=time)
    if 0 < days < 7:
        return _w(
            code, "{weekday} at {time}", weekday=weekday_name(date.weekday(), code), time=time
        )
    text = format_date(date, code, year=date.year != now.year)
    return _w(code, "on {date} at {time}", date=text, time=time)


_UNITS = (
    r"h|hr|hrs|hours?|heures?|Std\.|Stunden?|horas?|hores?|or[ae]|uur|"
    r"min\.?|mins|minutes?|minut[eio]s?|Min\.|Minuten?|minuten|AM|PM"
)
"""The units of times and durations in the eight languages (CLDR's short and long forms)."""


def nowrap(text: str, lang: str = "fr") -> str:
    """The text with non-breaking spaces inside its times and durations, so that a line
    never breaks in ``12 h 00`` or ``8:30 AM`` (for HTML and widgets).

    >>> nowrap("Ouvert · ferme à 12 h 30 · rouvre dans 1 h 30") == (
    ...     "Ouvert · ferme à 12\u00a0h\u00a030 · rouvre dans 1\u00a0h\u00a030")
    True
    >>> nowrap("Opens in 20 min · 8:30 AM – noon", "en").count("\u00a0")
    4
    """
    check_types(text=(text, str))
    language(lang)
    # a number and its unit (h, min, minutes, AM, Std., uur...), and the minutes after 12 h
    text = re.sub(
        rf"(\d) ({_UNITS})(?![^\W\d])( (?=\d))?",
        lambda m: f"{m[1]}\u00a0{m[2]}" + ("\u00a0" if m[3] else ""),
        text,
    )
    # a range of times is one piece too: 8 h 30 – 12 h 30, 8:30 AM – midnight (a line may
    # break after a dash even before a no-break space: a word joiner forbids it)
    return re.sub(r"(?<=[\w.]) – (?=\w)", "\u00a0–\u2060\u00a0", text)


def describe_slots(slots: Iterable[Slot], lang: str = "fr") -> str:
    """The slots of a day: ``8 h 30 – 12 h 30 et 13 h 30 – 17 h 30``, or ``fermé``.

    >>> from horaires import Slot
    >>> describe_slots([Slot.parse("08:30-12:30"), Slot.parse("13:30-17:30")], "en")
    '8:30 AM – 12:30 PM and 1:30 PM – 5:30 PM'
    >>> describe_slots([Slot.parse("20:00-24:00")])
    '20 h 00 – minuit'
    """
    check_types(slots=(slots, (list, tuple)))
    code = language(lang)
    parts: list[str] = []
    for slot in slots:
        if slot.opens == 0 and slot.closes == 1440:
            text = _w(code, "24 hours")
        else:
            text = f"{_minutes(slot.opens, code)} – {_minutes(slot.closes, code)}"
        if slot.last_admission is not None and slot.last_admission != slot.closes:
            when = _w(code, "at {time}", time=_minutes(slot.last_admission, code))
            text += f" ({_w(code, 'last admission {when}', when=when)})"
        parts.append(text)
    return join(parts, code) if parts else _w(code, "closed")


def describe_interval(start: dt.datetime, end: dt.datetime | None, lang: str = "fr") -> str:
    """An interval of instants: ``8 h 30 – 12 h 30``; ``à partir de 8 h 30`` when it does
    not end (within the search horizon).

    >>> describe_interval(dt.datetime(2025, 5, 5, 20), dt.datetime(2025, 5, 6), "en")
    '8:00 PM – midnight'
    """
    check_types(start=(start, dt.datetime), end=(end, (dt.datetime, type(None))))
    code = language(lang)
    opens = format_hm(start, code)
    if end is None:
        return _w(code, "from {time}", time=opens)
    midnight = end.time() == dt.time() and end.date() > start.date()
    closes = _w(code, "midnight") if midnight else format_hm(end, code)
    return f"{opens} – {closes}"


def describe_day(day: Day, lang: str = "fr") -> str:
    """A day's hours with the reason they differ: ``fermé (Fête du Travail)``; a label that
    says it already is not repeated (``fermé le premier samedi du mois``).

    >>> from horaires import examples
    >>> describe_day(examples.pantin().day(dt.date(2025, 5, 1), lang="en"), "en")
    'closed (Labor Day)'
    """
    check_types(day=(day, Day))
    code = language(lang)
    if day.unknown and all(s.opens == 0 and s.closes == 1440 for s in day.slots):
        # nothing known of the day (not "24 hours"): uncertain, said once
        return _with_reason(_w(code, "hours uncertain"), day.label)
    return _with_reason(describe_slots(day.slots, code), day.label)


def describe_days(
    establishment: EstablishmentData,
    start: dt.date,
    days: int,
    *,
    service: str | None = None,
    lang: str | None = None,
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
    _check_establishment(establishment)
    check_types(start=(start, dt.date), days=(days, int), service=(service, (str, type(None))))
    code = _language(establishment, lang)
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


def _language(establishment: EstablishmentData, lang: str | None) -> str:
    """The language asked for, else the establishment's."""
    return establishment.language if lang is None else language(lang)


def _parts(texts: Iterable[str], lang: str) -> str:
    return functools.reduce(
        lambda first, second: _w(lang, "{first}; {second}", first=first, second=second), texts
    )


def _whole_day(
    establishment: EstablishmentData, general: Day, parts: Sequence[tuple[str, Day]], lang: str
) -> str:
    """The text of one date for a whole establishment: the general hours, then the services
    whose hours differ; with no general hours, each group of services that opens, "only"."""
    own = describe_day(general, lang)
    texts = [(key, describe_day(day, lang), day) for key, day in parts]
    if general.slots or general.unknown:
        groups = _by_text([(key, text) for key, text, _ in texts if text != own])
        return _parts(
            [own]
            + [
                _w(lang, "{who}: {hours}", who=_who(establishment, keys, lang), hours=text)
                for text, keys in groups
            ],
            lang,
        )
    opening = [(key, text) for key, text, day in texts if day.slots or day.unknown]
    if not opening:
        return own
    groups = _by_text(opening)
    if len(groups) == 1 and len(opening) == len(parts):
        return groups[0][0]
    return _parts(
        (
            _w(lang, "{hours}, {who} only", hours=text, who=_who(establishment, keys, lang))
            for text, keys in groups
        ),
        lang,
    )


def _by_text(items: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for key, text in items:
        groups.setdefault(text, []).append(key)
    return list(groups.items())


def _who(establishment: EstablishmentData, keys: Sequence[str], lang: str) -> str:
    return join([_decapitalize(_service_name(establishment, key), lang) for key in keys], lang)


# -- the week --------------------------------------------------------------------------------


def _week_order(weekday: int, lang: str) -> int:
    """The place of a weekday in the week of the language (0 for its first day)."""
    return (weekday - first_weekday(lang)) % 7


def format_days(weekdays: Sequence[int], lang: str = "fr") -> str:
    """A set of weekdays in the order of the language's week: ``lundi, mardi et jeudi``,
    ``du mardi au dimanche`` (a run of three days or more, across the end of the week
    too), ``tous les jours``.

    >>> format_days([1, 2, 3, 4, 5, 6]), format_days([0, 1, 2, 4], "en")
    ('du mardi au dimanche', 'Monday, Tuesday, Wednesday, and Friday')
    >>> format_days([0, 6]), format_days([1, 3, 6], "en"), format_days([1, 3, 6], "en-GB")
    ('dimanche et lundi', 'Sunday, Tuesday, and Thursday', 'Tuesday, Thursday and Sunday')
    >>> format_days([4, 5, 6, 0])
    'du vendredi au lundi'
    """
    check_types(weekdays=(weekdays, (list, tuple, set, frozenset, range)))
    code = language(lang)
    days = set(weekdays)
    if len(days) == 7:
        return _w(code, "every day")
    starts = [d for d in days if (d - 1) % 7 not in days]
    if len(starts) == 1:  # one run, possibly across the week's end: from its first day
        ordered = [(starts[0] + i) % 7 for i in range(len(days))]
        if len(days) >= 3:
            start, end = weekday_name(ordered[0], code), weekday_name(ordered[-1], code)
            return _w(code, "{start} to {end}", start=start, end=end)
    else:
        ordered = sorted(days, key=lambda d: _week_order(d, code))
    return join([weekday_name(d, code) for d in ordered], code)


def _line(days: str, who: str | None, only: bool, hours: str, lang: str) -> str:
    if not who:
        return capitalize(_w(lang, "{days}: {hours}", days=days, hours=hours))
    message = "{days}, {who} only: {hours}" if only else "{days}, {who}: {hours}"
    return capitalize(_w(lang, message, days=days, who=who, hours=hours))


def _group(plans: Sequence[object], lang: str) -> list[tuple[list[int], int]]:
    """Weekdays grouped by equal plans, ``[(weekdays, index of first), ...]`` in the order of
    the language's week; the groups of days closed for all come last (``Dimanche : fermé``
    ends the week, it does not start it)."""
    groups: dict[object, list[int]] = {}
    for weekday in sorted(range(7), key=lambda d: _week_order(d, lang)):
        groups.setdefault(plans[weekday], []).append(weekday)
    ordered = [(days, days[0]) for days in groups.values()]
    return sorted(ordered, key=lambda group: _closed(plans[group[1]]))


def _closed(plan: object) -> bool:
    """Whether a weekday plan (its slots, or general slots and the services that differ)
    opens nothing."""
    if isinstance(plan, tuple) and len(plan) == 2 and isinstance(plan[1], tuple):
        general, differ = plan
        return not general and not differ
    return not plan


def _own_hours(establishment: EstablishmentData) -> list[str]:
    """The services that do not inherit the general hours: their week is their own, said
    once in a block of its own, not as a difference on each day."""
    return [key for key, own in establishment.services.items() if not own.inherit_hours]


def _week_lines(establishment: EstablishmentData, service: str | None, lang: str) -> list[str]:
    if service is not None:
        week = View(establishment, service).usual_week()
        return [
            _line(format_days(days, lang), None, False, describe_slots(week[first], lang), lang)
            for days, first in _group(week, lang)
        ]
    apart = _own_hours(establishment)
    plans = [
        (general, tuple((key, slots) for key, slots in differ if key not in apart))
        for general, differ in weekday_plans(establishment)
    ]
    lines: list[str] = []
    for days, first in _group(plans, lang):
        general, differ = plans[first]
        when = format_days(days, lang)
        if general or not differ:
            lines.append(_line(when, None, False, describe_slots(general, lang), lang))
        by_slots: dict[tuple[Slot, ...], list[str]] = {}
        for key, slots in differ:
            by_slots.setdefault(slots, []).append(_service_name(establishment, key))
        for slots, names in by_slots.items():
            who = join([_decapitalize(n, lang) for n in names], lang)
            lines.append(_line(when, who, not general, describe_slots(slots, lang), lang))
    for key in apart:
        week = View(establishment, key).usual_week()
        lines.append(_w(lang, "{who}:", who=_service_name(establishment, key)))
        lines += [
            "  " + _line(format_days(days, lang), None, False, describe_slots(week[d], lang), lang)
            for days, d in _group(week, lang)
            if week[d] or not any(week)  # the other days are closed: said once, by omission
        ]
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
    code = language(lang)
    if rule is None or not rule.before_closing:
        return None
    duration = format_duration(rule.before_closing, code)
    if rule.applies_to == "end_of_day":
        message = "Last admission {duration} before the end of the day."
    elif not breaks:
        message = "Last admission {duration} before closing."
    else:
        message = "Last admission {duration} before each closing, breaks included."
    return _w(code, message, duration=duration)


def describe_holidays(hours: HolidayHours, lang: str = "fr") -> str:
    """The public-holiday policy: ``Fermé les jours fériés.``"""
    code = language(lang)
    if hours == "closed":
        return _w(code, "Closed on public holidays.")
    if hours == "usual":
        return _w(code, "Open on public holidays, at the usual hours.")
    text = _w(code, "hours uncertain") if isinstance(hours, str) else describe_slots(hours, code)
    return _w(code, "Public holidays: {hours}.", hours=text)


def _has_breaks(establishment: EstablishmentData, service: str | None) -> bool:
    owners = [service] if service is not None else [None, *establishment.services]
    return any(len(slots) > 1 for key in owners for slots in View(establishment, key).usual_week())


def _rules_lines(establishment: EstablishmentData, service: str | None, lang: str) -> list[str]:
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
                lines.append(_w(lang, "{who}: {hours}", who=name, hours=_decapitalize(rule, lang)))
    if main.calendar is not None:
        lines.append(describe_holidays(main.holiday_hours, lang))
        for view in others:
            if view.holiday_hours != main.holiday_hours:
                assert view.service is not None
                rule = describe_holidays(view.holiday_hours, lang)
                name = _service_name(establishment, view.service)
                lines.append(_w(lang, "{who}: {hours}", who=name, hours=_decapitalize(rule, lang)))
    return lines


def _season_span(season: Season, lang: str) -> str:
    if isinstance(season.start, dt.date) and isinstance(season.end, dt.date):
        same = season.start.year == season.end.year
        start = _format_date(season.start, lang, year=not same, weekday=False)
        end = _format_date(season.end, lang, year=True, weekday=False)
    else:
        start, end = (
            _format_date(
                dt.date(2000, int(bound[:2]), int(bound[3:])), lang, year=False, weekday=False
            )
            for bound in (str(season.start), str(season.end))
        )
    return _w(lang, "from {start} to {end}", start=start, end=end)


def _season_lines(establishment: EstablishmentData, service: str | None, lang: str) -> list[str]:
    seasons = View(establishment, service).seasons
    lines: list[str] = []
    for season in seasons:
        label = season.label or default_label("season", lang)
        span = _season_span(season, lang)
        lines.append(capitalize(_w(lang, "{label}, {span}:", label=label, span=span)))
        named = [(w, season.hours.day(w)) for w in range(7) if season.hours.day(w) is not None]
        groups: dict[tuple[Slot, ...], list[int]] = {}
        for weekday, slots in sorted(named, key=lambda item: _week_order(item[0], lang)):
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
    lang: str | None = None,
) -> list[str]:
    """Dated exceptions and public holidays from ``start`` on, one line per run of dates.

    A holiday that changes nothing (the place is closed that day anyway) is left out.

    >>> from horaires import examples
    >>> describe_upcoming(examples.pantin(), dt.date(2025, 4, 28), 14)
    ['jeudi 1er mai 2025 : fermé (Fête du Travail)', 'jeudi 8 mai 2025 : fermé (Fête de la Victoire)']
    """
    _check_establishment(establishment)
    check_types(start=(start, dt.date), days=(days, int), service=(service, (str, type(None))))
    code = _language(establishment, lang)
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
        # the same for every part (a part closed that day anyway says nothing): one line
        quiet = all(
            key in texts or not (plans[key][i].slots or plans[key][i].unknown) for key in parts
        )
        whole = service is not None or None in texts  # else a service closed alone is named
        if texts and whole and quiet and len(set(texts.values())) == 1:
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
            else _decapitalize(_service_name(establishment, key), code)
        )
        for first, line in _runs(found, who, code):
            lines.append((first, parts.index(key), line))
    return [line for _, _, line in sorted(lines)]


def _runs(
    entries: Sequence[tuple[dt.date, str]], who: str | None, lang: str
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
            when = _w(
                lang,
                "{start} – {end}",
                start=format_date(first, lang, year=first.year != last.year),
                end=format_date(last, lang),
            )
        if who:
            when += f", {who}"
        lines.append((first, _w(lang, "{who}: {hours}", who=when, hours=entries[i][1])))
        i = j + 1
    return lines


def describe_week(
    establishment: EstablishmentData,
    *,
    service: str | None = None,
    start: dt.date | None = None,
    days: int = 60,
    lang: str | None = None,
    title: bool = True,
) -> str:
    """The week as text: grouped days, services that differ, rules, what is coming up.

    ``start`` is the first date of the "coming up" part (default: today in the
    establishment's time zone) and ``days`` its length (0 leaves it out); ``lang``
    defaults to the establishment's language.

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
    _check_establishment(establishment)
    code = _language(establishment, lang)
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
            lines += ["", _w(code, "Coming up:"), *(f"- {line}" for line in upcoming)]
    return "\n".join(lines)


# -- the status --------------------------------------------------------------------------------


def describe_status(status: Status, lang: str = "fr") -> str:
    """One line for people: ``Ouvert · dernier accueil à 17 h 00 · ferme à 17 h 30``.

    A reason that says "closed" already is not repeated (``Fermé le premier samedi du
    mois``, not ``Fermé (Fermé le premier samedi du mois)``).

    >>> from horaires import examples
    >>> from zoneinfo import ZoneInfo
    >>> at = dt.datetime(2025, 5, 2, 17, 10, tzinfo=ZoneInfo("Europe/Paris"))
    >>> describe_status(examples.pantin().status(at, service="urbanisme"))
    "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre lundi à 8 h 30"
    >>> describe_status(examples.pantin().status(at.replace(hour=8), service="urbanisme"))
    'Ouvre dans 20 minutes'
    """
    check_types(status=(status, Status))
    return _sentence(status, language(lang), status.at)


def _sentence(status: Status, code: str, now: dt.datetime) -> str:
    """:func:`describe_status` of ``status`` as seen at ``now`` (a countdown moves with it)."""
    parts: list[str] = []
    soon = (
        status.next_opening is not None
        and not status.open
        and not status.unknown
        and status.next_opening - now <= SOON
    )
    if status.unknown:
        parts.append(_with_reason(_w(code, "Hours uncertain"), status.reason))
    elif status.open and status.accepting:
        parts.append(_w(code, "Open"))
        if status.last_admission_at and (
            status.closes_at is None or status.last_admission_at < status.closes_at
        ):
            when = format_when(status.last_admission_at, now, code, closing=True)
            parts.append(_w(code, "last admission {when}", when=when))
    elif status.open:
        parts.append(_w(code, "Open, but no longer admitting"))
    elif not soon or status.reason:
        parts.append(_with_reason(_w(code, "Closed"), status.reason))
    if status.open and status.closes_at:
        closes = format_when(status.closes_at, now, code, closing=True)
        parts.append(_w(code, "closes {when}", when=closes))
    if status.next_opening and not (status.open and status.accepting):
        if soon:
            assert status.next_opening is not None
            seconds = (status.next_opening - now).total_seconds()
            minutes = max(1, -int(-seconds // 60))
            relative = format_relative(dt.timedelta(minutes=minutes), code)
            parts.append(_w(code, "opens {when}", when=relative))
        else:
            message = "reopens {when}" if status.open else "opens {when}"
            parts.append(_w(code, message, when=format_when(status.next_opening, now, code)))
    elif not status.open and not status.unknown and status.next_opening is None:
        parts.append(_w(code, "no opening scheduled"))
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
    [('07:30', 'Ouvre dans 1 heure'), ('07:31', 'Ouvre dans 59 minutes'), ('07:32', 'Ouvre dans 58 minutes')]
    """
    check_types(status=(status, Status), until=(until, (dt.datetime, type(None))))
    code = language(lang)
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
    before = _sentence(status, code, status.at)
    for instant in instants:
        local = instant.astimezone(status.at.tzinfo)
        if instant <= at or local >= end:
            continue
        text = _sentence(status, code, local)
        if text != before:
            changes.append((local, text))
            before = text
    return changes


def _check_establishment(establishment: object) -> None:
    """An :class:`ArgumentError` unless ``establishment`` is one (docs/limits.md#arguments)."""
    from ._model import EstablishmentData

    check_types(establishment=(establishment, EstablishmentData))
