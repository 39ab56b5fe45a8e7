"""Words that tolerant reading understands: names of weekdays and months in several
languages, and words that stand for a piece of syntax (``daily``, ``bis``, ``geschlossen``).

Each word (looked up in lower case, NFC) gives its meaning in each language that has it;
a word with several meanings (``di``: Tuesday in German and Dutch, Sunday in French) is
resolved by the languages of the other words of the value, then by the country's.

>>> meanings("Montag")
{'de': 'Mo'}
>>> sorted(meanings("di").items())
[('de', 'Tu'), ('fr', 'Su'), ('nl', 'Tu')]
"""

from __future__ import annotations

import unicodedata

__all__ = ["COUNTRY_LANGUAGES", "LANGUAGES", "SYNTAX_LANGUAGES", "SYNTAX_WORDS", "meanings"]

_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    # language: the names of Monday to Sunday, each a space-separated list of spellings
    "en": (
        "monday mon",
        "tuesday tue tues",
        "wednesday wed",
        "thursday thu thur thurs",
        "friday fri",
        "saturday sat",
        "sunday sun",
    ),
    "de": (
        "montag montags",
        "dienstag dienstags di",
        "mittwoch mittwochs mi",
        "donnerstag donnerstags do",
        "freitag freitags",
        "samstag samstags sonnabend sonnabends",
        "sonntag sonntags so",
    ),
    "fr": (
        "lundi lun lu",
        "mardi ma",
        "mercredi me",
        "jeudi jeu je",
        "vendredi ven ve",
        "samedi sam",
        "dimanche dim di",
    ),
    "es": (
        "lunes lu",
        "martes ma",
        "miércoles miercoles mié mie mi",
        "jueves jue ju",
        "viernes vie vi",
        "sábado sabado sáb",
        "domingo dom do",
    ),
    "it": (
        "lunedì lunedi lu",
        "martedì martedi ma",
        "mercoledì mercoledi me",
        "giovedì giovedi gio gi",
        "venerdì venerdi ven ve",
        "sabato sab",
        "domenica dom do",
    ),
    "pt": (
        "segunda seg",
        "terça terca ter",
        "quarta qua",
        "quinta qui",
        "sexta sex",
        "sábado sabado sáb sab",
        "domingo dom",
    ),
    "nl": (
        "maandag ma",
        "dinsdag di",
        "woensdag wo",
        "donderdag do",
        "vrijdag vr",
        "zaterdag za",
        "zondag zo",
    ),
    "pl": (
        "poniedziałek poniedzialek pon pn",
        "wtorek wt",
        "środa sroda śr sr",
        "czwartek czw",
        "piątek piatek pt",
        "sobota sob sb",
        "niedziela niedz nd",
    ),
    "lt": (
        "pirmadienis pr",
        "antradienis",
        "trečiadienis treciadienis",
        "ketvirtadienis",
        "penktadienis pn",
        "šeštadienis sestadienis",
        "sekmadienis",
    ),
    "ru": (
        "понедельник пн",
        "вторник вт",
        "среда ср",
        "четверг чт",
        "пятница пт",
        "суббота сб",
        "воскресенье вс",
    ),
    "ka": ("ორშაბათი", "სამშაბათი", "ოთხშაბათი", "ხუთშაბათი", "პარასკევი", "შაბათი", "კვირა"),
    "th": (
        "วันจันทร์ จันทร์",
        "วันอังคาร อังคาร",
        "วันพุธ พุธ",
        "วันพฤหัสบดี พฤหัสบดี พฤหัส",
        "วันศุกร์ ศุกร์",
        "วันเสาร์ เสาร์",
        "วันอาทิตย์ อาทิตย์",
    ),
    "ja": (
        "月曜日 月曜",
        "火曜日 火曜",
        "水曜日 水曜",
        "木曜日 木曜",
        "金曜日 金曜",
        "土曜日 土曜",
        "日曜日 日曜",
    ),
    "ar": (
        "الاثنين الإثنين",
        "الثلاثاء",
        "الأربعاء الاربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد الاحد",
    ),
}

_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september sept",
        "october",
        "november",
        "december",
    ),
    "de": (
        "januar jänner jän",
        "februar feber",
        "märz maerz mär mrz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober okt",
        "november",
        "dezember dez",
    ),
    "fr": (
        "janvier janv",
        "février fevrier févr fevr fév",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre decembre déc",
    ),
    "es": (
        "enero ene",
        "febrero",
        "marzo",
        "abril abr",
        "mayo",
        "junio",
        "julio",
        "agosto ago",
        "septiembre setiembre",
        "octubre",
        "noviembre",
        "diciembre dic",
    ),
    "it": (
        "gennaio gen",
        "febbraio",
        "marzo",
        "aprile",
        "maggio mag",
        "giugno giu",
        "luglio lug",
        "agosto",
        "settembre set",
        "ottobre ott",
        "novembre",
        "dicembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro fev",
        "março marco",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro out",
        "novembro",
        "dezembro dez",
    ),
    "nl": (
        "januari",
        "februari",
        "maart mrt",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober okt",
        "november",
        "december",
    ),
    "pl": (
        "styczeń styczen",
        "luty",
        "marzec",
        "kwiecień kwiecien",
        "maj",
        "czerwiec",
        "lipiec",
        "sierpień sierpien",
        "wrzesień wrzesien",
        "październik pazdziernik",
        "",  # listopad: November in Polish and Czech, October in Croatian
        "grudzień grudzien",
    ),
    "ru": (
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ),
}

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "lt", "ru", "ka", "th", "ja", "ar")
"""The languages known, in the order that breaks a tie."""

COUNTRY_LANGUAGES: dict[str, tuple[str, ...]] = {
    "FR": ("fr",),
    "BE": ("fr", "nl", "de"),
    "CH": ("de", "fr", "it"),
    "LU": ("fr", "de"),
    "MC": ("fr",),
    "CA": ("en", "fr"),
    "DE": ("de",),
    "AT": ("de",),
    "LI": ("de",),
    "ES": ("es",),
    "MX": ("es",),
    "AR": ("es",),
    "IT": ("it",),
    "SM": ("it",),
    "PT": ("pt",),
    "BR": ("pt",),
    "NL": ("nl",),
    "PL": ("pl",),
    "LT": ("lt",),
    "RU": ("ru",),
    "GE": ("ka",),
    "TH": ("th",),
    "JP": ("ja",),
    "GB": ("en",),
    "US": ("en",),
    "IE": ("en",),
}
"""The languages of a country (ISO 3166-1 code), most used first."""

_SYNTAX: dict[str, dict[str, str]] = {
    # what a word stands for: the words, by language ("" for several)
    ",": {"en": "and", "de": "und", "fr": "et"},
    "-": {
        "en": "to till til until through thru",
        "de": "bis",
        "fr": "au",
        "es": "hasta",
        "pt": "até ate às ás",
        "nl": "tot",
        "ru": "до",
        "": "à á a as al",
    },
    "off": {
        "de": "geschlossen geschl zu",
        "fr": "fermé ferme",
        "es": "cerrado",
        "it": "chiuso",
        "nl": "gesloten",
        "pl": "zamknięte zamkniete",
        "ru": "закрыто",
    },
    "": {"de": "geöffnet geoeffnet uhr", "": "h hrs"},
    "00:00": {"en": "midnight", "de": "mitternacht", "fr": "minuit", "es": "medianoche"},
    "12:00": {"en": "noon", "de": "mittag", "fr": "midi", "it": "mezzogiorno"},
    "Mo-Su": {"en": "daily everyday", "de": "täglich taglich tgl", "fr": "quotidien"},
    "Sa,Su": {"en": "weekend weekends", "de": "wochenende wochenenden"},
    "24/7": {"en": "always nonstop anytime"},
    "PH": {"de": "feiertag feiertags feiertage feiertagen"},
}
SYNTAX_WORDS = {
    word: text
    for text, languages in _SYNTAX.items()
    for words in languages.values()
    for word in words.split()
}
SYNTAX_LANGUAGES = {
    word: language
    for languages in _SYNTAX.values()
    for language, words in languages.items()
    if language
    for word in words.split()
}
"""The language of a word of :data:`SYNTAX_WORDS`, when it has one."""
"""Words (lower case) that stand for syntax: ``,``, ``-``, ``off``, nothing (the word is
left out), a time, ``Mo-Su``, ``Sa,Su``, ``24/7`` or ``PH``."""


def _table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for names, meaning in ((_WEEKDAY_NAMES, _DAYS), (_MONTH_NAMES, _MONTHS)):
        for language, spellings in names.items():
            for abbreviation, words in zip(meaning, spellings, strict=True):
                for word in words.split():
                    table.setdefault(word, {})[language] = abbreviation
    return table


_TABLE = _table()


def meanings(word: str) -> dict[str, str]:
    """The abbreviation (``Mo``, ``Jan``) ``word`` means in each language that has it."""
    return _TABLE.get(unicodedata.normalize("NFC", word).casefold(), {})
