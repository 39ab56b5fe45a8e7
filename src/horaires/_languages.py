"""The languages horaires speaks, and the one way a language code is read everywhere.

A code is a language of :data:`LANGUAGES`, optionally with a region (``en-GB``, ``pt_BR``):
it is written back as ``en_GB``. Any other code is an :class:`UnsupportedLanguage` error,
the same for configurations, queries, renderings and the command line.

>>> language("fr"), language("en-GB"), language("PT_br")
('fr', 'en_GB', 'pt_BR')
>>> language("xx")
Traceback (most recent call last):
...
horaires._languages.UnsupportedLanguage: unsupported language 'xx': expected one of fr, en, de, es, it, nl, pt, ca (with a region if you like: en-GB)

A region must be one CLDR knows for that language (``fr-BE``, ``pt-BR``, not ``fr-ZZ``), so
the codes a cache may see are a few hundred at most, whatever a visitor sends.
"""

from __future__ import annotations

import functools
import re

from ._errors import ArgumentError, HorairesError

__all__ = ["LANGUAGES", "UnsupportedLanguage", "base", "language"]

LANGUAGES = ("fr", "en", "de", "es", "it", "nl", "pt", "ca")
"""The languages of the texts, the labels and the messages shown to visitors."""

_NORMAL = frozenset(LANGUAGES)

_CODE = re.compile(r"([A-Za-z]{2})(?:[-_]([A-Za-z]{2}))?")


class UnsupportedLanguage(HorairesError):
    """A language code that is not one of :data:`LANGUAGES`."""


def language(code: object) -> str:
    """The normal form of a supported language code (``fr``, ``en_GB``)."""
    if isinstance(code, str) and code in _NORMAL:  # the common case: already normal
        return code
    if not isinstance(code, str):
        raise ArgumentError(f"{code!r} is not a language code: expected a string such as 'fr'")
    match = _CODE.fullmatch(code.strip())
    if match is None or match[1].lower() not in LANGUAGES:
        shown = code if len(code) <= 20 else code[:20] + "…"
        raise UnsupportedLanguage(
            f"unsupported language {shown!r}: expected one of {', '.join(LANGUAGES)} "
            "(with a region if you like: en-GB)"
        )
    head = match[1].lower()
    if not match[2]:
        return head
    code = f"{head}_{match[2].upper()}"
    if code not in _regional():
        raise UnsupportedLanguage(
            f"unsupported language {code.replace('_', '-')!r}: CLDR has no such region "
            f"for {head!r} (write {head!r}, or a region such as {_example(head)})"
        )
    return code


@functools.cache
def _regional() -> frozenset[str]:
    """The ``language_REGION`` locales CLDR has for :data:`LANGUAGES` (read once, lazily)."""
    from babel.localedata import locale_identifiers

    return frozenset(
        code
        for code in locale_identifiers()
        if code.count("_") == 1 and code.split("_")[0] in LANGUAGES and len(code) == 5
    )


def _example(head: str) -> str:
    return next(code for code in sorted(_regional()) if code.startswith(head)).replace("_", "-")


def base(code: str) -> str:
    """The language of a normal code, without its region (``en_GB`` -> ``en``)."""
    return code.split("_", 1)[0]
