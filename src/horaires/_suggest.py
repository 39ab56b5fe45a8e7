"""Did you mean: the closest known word to a misspelt one, for error messages.

>>> did_you_mean("admision", ["admission", "exceptions", "hours"])
" (did you mean 'admission'?)"
>>> did_you_mean("lundi", WEEKDAY_KEYS, WEEKDAY_NAMES)
" (did you mean 'mon'?)"
>>> did_you_mean("colour", ["hours", "name"])
''
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

__all__ = ["CUTOFF", "WEEKDAY_KEYS", "WEEKDAY_NAMES", "candidates", "closest", "did_you_mean"]

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The weekday keys of weekly hours."""

_NAMES = (
    ("monday", "lundi", "lun", "mo", "lu", "montag", "lunes", "lunedì", "lunedi", "maandag"),
    ("tuesday", "mardi", "mar", "tu", "tues", "dienstag", "martes", "martedì", "dinsdag"),
    ("wednesday", "mercredi", "mer", "we", "wedn", "me", "mittwoch", "miércoles", "woensdag"),
    ("thursday", "jeudi", "jeu", "th", "thur", "thurs", "je", "donnerstag", "jueves", "donderdag"),
    ("friday", "vendredi", "ven", "fr", "ve", "freitag", "viernes", "venerdì", "vrijdag"),
    ("saturday", "samedi", "sam", "sa", "samstag", "sábado", "sabado", "sabato", "zaterdag"),
    ("sunday", "dimanche", "dim", "su", "sonntag", "domingo", "domenica", "zondag"),
)
WEEKDAY_NAMES: Mapping[str, str] = {
    name: key for key, names in zip(WEEKDAY_KEYS, _NAMES, strict=True) for name in names
}
"""Weekday names and abbreviations in English, French and a few neighbours, to their key
(``lundi`` and ``monday`` to ``mon``): for "did you mean", never read as keys."""


def closest(
    word: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str | None:
    """The known word ``word`` most likely stands for: an alias (``lundi`` -> ``mon``), the
    same word in another case, or the closest spelling; None when nothing is close.

    >>> closest("Europe/Pariss", ["Europe/Paris", "Europe/Prague"])
    'Europe/Paris'
    >>> closest("SAT", ["mon", "sat"]), closest("Lundi.", ["mon"], WEEKDAY_NAMES)
    ('sat', 'mon')
    """
    found = candidates(word, choices, aliases)
    return found[0] if found else None


def candidates(
    word: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> list[str]:
    """The one known word ``word`` most likely stands for, or the two equally close ones
    (``mun``: ``mon`` or ``sun``), or none.

    >>> candidates("mun", WEEKDAY_KEYS)
    ['mon', 'sun']
    """
    if not isinstance(word, str) or not word or len(word) > 100:
        return []
    known = list(dict.fromkeys(choices))
    folded = word.strip().strip(".").casefold()
    if aliases and folded in aliases:
        return [aliases[folded]]
    by_case = {choice.casefold(): choice for choice in known}
    if folded in by_case:
        return [by_case[folded]]
    matcher = difflib.SequenceMatcher(b=folded)
    scored: list[tuple[float, str]] = []
    for key, choice in by_case.items():
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
            ratio = matcher.ratio()
            if ratio >= CUTOFF:
                scored.append((ratio, choice))
    scored.sort(key=lambda pair: -pair[0])
    return [choice for ratio, choice in scored[:2] if ratio == scored[0][0]]


CUTOFF = 0.6
"""How alike (difflib's ratio) a word and a known one must be to suggest it."""


def did_you_mean(
    word: object, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str:
    """`` (did you mean 'x'?)`` for the closest known word (or the two closest), or an
    empty string."""
    found = candidates(word, choices, aliases) if isinstance(word, str) else []
    if not found or found == [word]:
        return ""
    return f" (did you mean {' or '.join(repr(f) for f in found)}?)"
