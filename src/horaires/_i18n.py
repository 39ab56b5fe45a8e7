"""Message catalogs and CLDR locales: where every language-dependent word comes from.

The sentences live in one gettext catalog per language,
``locale/<lang>/LC_MESSAGES/horaires.po`` (English message ids), compiled beside it to
``horaires.mo`` and read with the standard library's :mod:`gettext` the first time a text in
that language is asked for (a label needs no Babel). Names, formats and lists come from
the CLDR data of the same Babel :func:`locale`.

Both are cached per normal language code (:func:`horaires._languages.language`), which is
checked first: made-up codes never reach a cache, and the caches stay small.

>>> gettext("fr", "closes {when}", when="à 17 h 30")
'ferme à 17 h 30'
>>> gettext("en_GB", "Closed")
'Closed'
>>> locale("en_GB").first_week_day, locale("en").first_week_day
(0, 6)
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import HorairesError
from ._languages import LANGUAGES, base, language

if TYPE_CHECKING:
    from babel import Locale
    from babel.messages.catalog import Catalog

__all__ = ["CATALOGS", "catalog", "compiled", "gettext", "locale", "messages"]

CATALOGS = Path(__file__).parent / "locale"
"""The folder of the catalogs: ``<lang>/LC_MESSAGES/horaires.po``."""


def messages(lang: str) -> dict[str, str]:
    """``{message id: translation}`` of a language's catalog (``fr``, ``de``...)."""
    return _messages(base(language(lang)))


@functools.cache
def _messages(head: str) -> dict[str, str]:
    if head not in LANGUAGES:
        raise HorairesError(f"no catalog for {head!r}")
    # the compiled catalog, read by the standard library: no Babel import for a label
    with (CATALOGS / head / "LC_MESSAGES" / "horaires.mo").open("rb") as file:
        read = _gettext.GNUTranslations(file)
    found: dict[str, str] = read._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in found.items() if key and isinstance(key, str)}


def catalog(head: str) -> Catalog:
    """The Babel catalog of a language of :data:`LANGUAGES`, as read from its ``.po`` file
    (the source of the compiled ``.mo`` file that :func:`messages` reads).

    >>> catalog("fr")["Closed"].string
    'Fermé'
    """
    if head not in LANGUAGES:
        raise HorairesError(f"no catalog for {head!r}")
    from babel.messages.pofile import read_po

    with (CATALOGS / head / "LC_MESSAGES" / "horaires.po").open("rb") as file:
        return read_po(file, domain="horaires")


def compiled(head: str) -> bytes:
    """The ``.mo`` file of a language's ``.po`` catalog, as Babel compiles it: what
    ``locale/<lang>/LC_MESSAGES/horaires.mo`` must hold (a test checks it; rewrite it with
    ``python -m horaires._i18n``)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog(head))
    return out.getvalue()


def gettext(lang: str, message: str, /, **values: str) -> str:
    """A message of the catalog of ``lang``, with its placeholders filled in.

    An id missing from a catalog is a defect the catalog tests catch; it raises here
    rather than show English in another language.
    """
    try:
        text = messages(lang)[message]
    except KeyError:
        raise HorairesError(f"message {message!r} is missing from the {lang!r} catalog") from None
    return text.format(**values) if values else text


@functools.lru_cache(maxsize=64)
def _locale(code: str) -> Locale:
    from babel import Locale
    from babel.core import get_global

    # "en" alone is CLDR's American English: give it its region, so that its first day of
    # the week is the American one, as its 12-hour clock is
    if "_" not in code:
        likely = str(get_global("likely_subtags").get(code, code))
        parts = likely.split("_")
        code = f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else code
    return Locale.parse(code)


def locale(lang: str) -> Locale:
    """The Babel locale of a language code (``fr``, ``en-GB``), with its likely region."""
    return _locale(language(lang))


if __name__ == "__main__":  # rewrite the compiled catalogs after editing a .po file
    for head in LANGUAGES:
        (CATALOGS / head / "LC_MESSAGES" / "horaires.mo").write_bytes(compiled(head))
