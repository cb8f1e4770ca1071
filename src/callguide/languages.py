"""The languages of the guide: the one table every other module asks about a language.

Each language is a ``Language`` with its code, its CLDR locales and the properties in which the
two languages' writing differs (Japanese sets words and sentences without spaces, writes its own
date patterns, full-width brackets, …). Code elsewhere asks for a property by name
(``language(lang).word_gap``) instead of comparing a language code, so a property is decided
once, here, and a third language would be one more row. ``language`` raises for a code that is
not in the table: no language falls back to another silently.

mkdocs.yml's static-i18n block lists the same languages and the same default
(tests/test_tables.py checks the two agree). Nothing here imports from the rest of the package.
"""
from __future__ import annotations

from dataclasses import dataclass


class UnknownLanguage(KeyError):
    """A language code that is not in the table (a text, a label table or a page asked for it)."""

    def __init__(self, code: object):
        super().__init__(f"unknown language {code!r}: the guide's languages are {', '.join(CODES)}")


@dataclass(frozen=True)
class Language:
    code: str
    # The CLDR locale for dates, numbers and names (en_GB: JST's English follows British usage), and
    # the Open Graph locale of its pages (og:locale takes language_TERRITORY).
    locale: str
    og_locale: str
    # The language's name in itself (the header's link to it), in English (call.json's schema) and
    # in Japanese (the Japanese line of an error message).
    own_name: str
    english_name: str
    japanese_name: str
    # What separates two sentences or two words set next to each other: Japanese needs no space.
    word_gap: str
    # Brackets around an aside (a deadline in the other zone): full-width in Japanese, with a
    # space before them in English.
    open_bracket: str
    close_bracket: str
    # CLDR patterns: a day with its weekday, a day without it, a month, a time of day, and what
    # joins a day to a time (2025年5月9日（金）14:00 / Friday 9 May 2025, 14:00).
    day_pattern: str
    plain_day_pattern: str
    month_pattern: str
    clock_pattern: str
    day_clock_joiner: str
    # A zone is named by CLDR's long name (日本標準時) or by its daylight-aware abbreviation (BST),
    # which pages then explain in an <abbr> with the long name.
    zone_abbreviated: bool
    # A currency is named by CLDR's name (日本円) or by its ISO code (JPY), when call.yaml gives no
    # name of its own.
    currency_by_code: bool
    # Amounts are grouped by 億 and 万 (2億8,500万円), or written with CLDR's compact long form
    # (JPY 285 million) when that is exact.
    oku_man: bool
    # How many characters of a page's text a search result shows around the first hit (the search
    # worker's snippet): a Japanese character says about as much as two English ones.
    search_snippet: int
    default: bool = False

    @property
    def bcp47(self) -> str:
        """The locale as the browser's Intl and HTML's lang name it (en-GB for CLDR's en_GB)."""
        return self.locale.replace("_", "-")

    @property
    def prefix(self) -> str:
        """The folder of its pages under the site's root: '' for the default language, 'en/' for others."""
        return "" if self.default else f"{self.code}/"


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="ja",
        locale="ja",
        og_locale="ja_JP",
        own_name="日本語",
        english_name="Japanese",
        japanese_name="日本語",
        word_gap="",
        open_bracket="（",
        close_bracket="）",
        day_pattern="y年M月d日（E）",
        plain_day_pattern="y年M月d日",
        month_pattern="y年M月",
        clock_pattern="H:mm",
        day_clock_joiner="",
        zone_abbreviated=False,
        currency_by_code=False,
        oku_man=True,
        search_snippet=120,
        default=True,
    ),
    Language(
        code="en",
        locale="en_GB",
        og_locale="en_GB",
        own_name="English",
        english_name="English",
        japanese_name="英語",
        word_gap=" ",
        open_bracket=" (",
        close_bracket=")",
        day_pattern="EEEE d MMMM y",
        plain_day_pattern="d MMMM y",
        month_pattern="MMMM y",
        clock_pattern="HH:mm",
        day_clock_joiner=", ",
        zone_abbreviated=True,
        currency_by_code=True,
        oku_man=False,
        search_snippet=220,
    ),
)

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
DEFAULT: Language = next(lang for lang in LANGUAGES if lang.default)
# The languages built below the default one's root (en/).
OTHERS: tuple[str, ...] = tuple(code for code in CODES if code != DEFAULT.code)


def language(code: str) -> Language:
    """The language of this code; ``UnknownLanguage`` for any other."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise UnknownLanguage(code) from None


def other(code: str) -> Language:
    """The other language of the pair (the guide is bilingual: the language a page sets off in spans)."""
    language(code)
    return next(lang for lang in LANGUAGES if lang.code != code)
