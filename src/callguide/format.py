"""How each kind of fact reads in Japanese and in English.

Dates, times, zones, percentages, units and digit grouping come from Babel
(CLDR) and zoneinfo. Two things CLDR lacks are written here, deliberately and
only here: amounts grouped by 億 and 万 in Japanese, and Japanese duration
and counter words (5年間, 1年程度, 2週間以上, 3件程度). Names of currencies
and countries are CLDR's unless call.yaml's ``names`` block gives the call's own.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_interval, get_timezone_name
from babel.numbers import format_compact_decimal, format_decimal, format_percent, get_currency_name
from babel.units import format_unit

from .languages import CODES, language
from .types import ApproxDate, Count, Duration, MonthRange, Size

LANGS = CODES


def locale(lang: str) -> str:
    return language(lang).locale


# --- dates and times ------------------------------------------------------------------


def day(d: date, lang: str, weekday: bool = True) -> str:
    """2025年5月9日（金） / Friday 9 May 2025."""
    lg = language(lang)
    return format_date(d, lg.day_pattern if weekday else lg.plain_day_pattern, locale=lg.locale)


def month(value: str, lang: str) -> str:
    """2026年1月 / January 2026."""
    y, m = map(int, value.split("-"))
    lg = language(lang)
    return format_date(date(y, m, 1), lg.month_pattern, locale=lg.locale)


_PART = {
    "ja": {"early": "{month}上旬", "mid": "{month}中旬", "late": "{month}下旬"},
    "en": {"early": "early {month}", "mid": "mid-{month}", "late": "late {month}"},
}


def approx_date(value: ApproxDate, lang: str) -> str:
    """2025年9月下旬 / late September 2025."""
    return _PART[language(lang).code][value.part].format(month=month(value.month, lang))


def month_range(value: MonthRange, lang: str) -> str:
    """2025年5月～9月 / May – September 2025 (CLDR interval formats)."""
    start, end = value.span()
    return format_interval(start, end, "yMMMM", locale=locale(lang))


def zone_name(moment: datetime, lang: str) -> str:
    """日本標準時 / 英国夏時間 in Japanese; the daylight-aware abbreviation (JST, BST) in English."""
    lg = language(lang)
    if not lg.zone_abbreviated:
        return get_timezone_name(moment, "long", locale=lg.locale)
    return moment.tzname() or get_timezone_name(moment, "short", locale=lg.locale)


def zone_long_name(moment: datetime, lang: str) -> str:
    return get_timezone_name(moment, "long", locale=locale(lang))


def clock(moment: datetime, lang: str) -> str:
    lg = language(lang)
    return format_datetime(moment, lg.clock_pattern, locale=lg.locale)


def moment_text(moment: datetime, lang: str) -> tuple[str, str]:
    """The day-and-time text and the zone label of a moment, in its own zone."""
    joiner = language(lang).day_clock_joiner  # 2025年5月9日（金）14:00 / Friday 9 May 2025, 14:00
    return f"{day(moment.date(), lang)}{joiner}{clock(moment, lang)}", zone_name(moment, lang)


# A deadline in another zone, and what follows it when it falls at 00:00 there: Japanese names the
# day before at 24:00 ({before}, the day of the month and weekday of the day before), English says so.
_CONVERTED = {
    "ja": {"text": "{zone}：{day}{clock}", "midnight": "＝{before}24:00", "before": "d日（E）"},
    "en": {"text": "{clock} {zone} on {day}", "midnight": ", the start of that day", "before": "d"},
}


def converted_text(moment: datetime, zone: str, lang: str) -> str:
    """A deadline in another zone, written so that 00:00 is not read as the end of that day."""
    there = moment.astimezone(ZoneInfo(zone))
    t = _CONVERTED[language(lang).code]
    text = t["text"].format(zone=zone_name(there, lang), day=day(there.date(), lang), clock=clock(there, lang))
    if (there.hour, there.minute) == (0, 0):
        before = there.date().fromordinal(there.date().toordinal() - 1)
        text += t["midnight"].format(before=format_date(before, t["before"], locale=locale(lang)))
    return text


# 2025年度 / 2025 (JST's English names its 年度 by the year alone: "the 2025 call"); the short form
# where the fiscal year decides what counts (duplicates rule a) names it as such in English, so that
# "2025" is not read as the calendar year; a calendar year.
_YEAR = {
    "ja": {"fiscal": "{year}年度", "fiscal_short": "{year}年度", "calendar": "{year}年"},
    "en": {"fiscal": "{year}", "fiscal_short": "FY{year}", "calendar": "{year}"},
}


def fiscal_year(year: int, lang: str) -> str:
    """2025年度 / 2025."""
    return _YEAR[language(lang).code]["fiscal"].format(year=year)


def fiscal_year_short(year: int, lang: str) -> str:
    """2025年度 / FY2025."""
    return _YEAR[language(lang).code]["fiscal_short"].format(year=year)


def calendar_year(year: int, lang: str) -> str:
    """2025年 / 2025."""
    return _YEAR[language(lang).code]["calendar"].format(year=year)


# --- numbers --------------------------------------------------------------------------

def currency_name(currency: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """The currency's name as the call writes it (``names``, from call.yaml's ``names.currencies``);
    without one, CLDR's in Japanese (日本円) and the ISO code in English."""
    if names and names.get(currency):
        return names[currency]
    lg = language(lang)
    return currency if lg.currency_by_code else get_currency_name(currency, locale=lg.locale)


def money(amount: int, currency: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """2億8,500万円 / JPY 285 million; exact to the unit, never rounded."""
    name = currency_name(currency, lang, names)
    lg = language(lang)
    if lg.oku_man:
        return _oku_man(amount, lg.locale) + name
    compact = format_compact_decimal(amount, format_type="long", locale=lg.locale, fraction_digits=3) if amount >= COMPACT_FROM else None
    if compact and _compact_is_exact(amount, compact):
        return f"{name} {compact}"
    return f"{name} {format_decimal(amount, locale=lg.locale)}"


def _compact_is_exact(amount: int, compact: str) -> bool:
    number, _, word = compact.partition(" ")
    scale = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}.get(word)
    return scale is not None and Decimal(number.replace(",", "")) * scale == amount


# The groups of an amount written by 億 and 万, largest first; and the amount from which one written
# without them is given in CLDR's compact long form when that is exact (JPY 285 million).
OKU_MAN = ((10**8, "億"), (10**4, "万"))
COMPACT_FROM = 10**6


def _oku_man(amount: int, locale: str) -> str:
    """Group an amount by 億 (10^8) and 万 (10^4), digits grouped by CLDR: 2億8,500万."""
    parts = []
    for size, unit in OKU_MAN:
        value, amount = divmod(amount, size)
        if value:
            parts.append(format_decimal(value, locale=locale) + unit)
    if amount:
        parts.append(format_decimal(amount, locale=locale))
    return "".join(parts) or "0"


def script_format(lang: str) -> dict[str, object]:
    """What the browser's scripts (timeline.js, selfcheck.js) need to write dates, times and amounts
    in ``lang`` exactly as this module does, from the languages table: the locale their ``Intl`` calls
    use, the CLDR patterns they fill with ``Intl``'s parts, the gap between words, and the groups of
    億/万 (none for a language that writes CLDR's compact form). The pages carry it as JSON, so no
    script compares a language code."""
    lg = language(lang)
    return {
        "locale": lg.bcp47,
        "word_gap": lg.word_gap,
        "day_pattern": lg.day_pattern,
        "clock_pattern": lg.clock_pattern,
        "day_clock_joiner": lg.day_clock_joiner,
        "groups": [[size, unit] for size, unit in OKU_MAN] if lg.oku_man else [],
        "compact_from": COMPACT_FROM,
    }


# How a quantity reads with "about" and "at least / at most" (3件程度, 1機関以上; about 3 projects, at least 1 institution).
_QUALIFIED = {"ja": "{amount}{approx}{bound}", "en": "{bound}{approx}{amount}"}
_APPROX = {"ja": "程度", "en": "about "}
_BOUND = {"ja": {"at_least": "以上", "at_most": "以内"}, "en": {"at_least": "at least ", "at_most": "at most "}}


def _qualified(amount: str, lang: str, approx: bool = False, bound: str | None = None) -> str:
    code = language(lang).code
    return _QUALIFIED[code].format(amount=amount, approx=_APPROX[code] if approx else "", bound=_BOUND[code].get(bound or "", ""))


def percent(value: Decimal, lang: str, approx: bool = False) -> str:
    """30% / about 70% / 70%程度."""
    return _qualified(format_percent(value, locale=locale(lang)), lang, approx)


def number(value: Decimal | int, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


# Counted things, one and more than one: Japanese counter words, English nouns.
_COUNTED = {
    "ja": {"project": ("{n}件", "{n}件"), "application": ("{n}件", "{n}件"), "institution": ("{n}機関", "{n}機関"), "person": ("{n}名", "{n}名")},
    "en": {
        "project": ("{n} project", "{n} projects"),
        "application": ("{n} application", "{n} applications"),
        "institution": ("{n} institution", "{n} institutions"),
        "person": ("{n} person", "{n} people"),
    },
}


def count(value: Count, lang: str) -> str:
    """3件程度 / about 3 projects; 1機関以上 / at least 1 institution."""
    one, more = _COUNTED[language(lang).code][value.unit]
    amount = (one if value.value == 1 else more).format(n=number(value.value, lang))
    return _qualified(amount, lang, value.approx, value.bound)


# Lengths of time in words CLDR lacks: Japanese counters (5年間 for an exact number of years, 1年程度,
# 2週間以上). None: CLDR's long unit (5 years).
_DURATION = {
    "ja": {"year": "{n}年", "year_exact": "{n}年間", "month": "{n}か月", "week": "{n}週間", "day": "{n}日"},
    "en": {"year": None, "year_exact": None, "month": None, "week": None, "day": None},
}


def _length(value: int, unit: str, lang: str, exact: bool = False) -> str:
    words = _DURATION[language(lang).code]
    pattern = (exact and words.get(f"{unit}_exact")) or words[unit]
    if pattern is None:
        return format_unit(value, f"duration-{unit}", "long", locale=locale(lang))
    return pattern.format(n=number(value, lang))


def duration(value: Duration, lang: str) -> str:
    """5年間 / 1年程度 / 2週間以上; 5 years / about 1 year / at least 2 weeks."""
    return _qualified(_length(value.value, value.unit, lang, exact=not value.approx), lang, value.approx, value.bound)


_RANGE = {"ja": "{low}～{high}", "en": "{low}–{high}"}


def duration_range(low: int, high: int, unit: str, lang: str) -> str:
    """2～3年 / 2–3 years."""
    return _RANGE[language(lang).code].format(low=number(low, lang), high=_length(high, unit, lang))


def size(value: Size, lang: str) -> str:
    """8 MB以内 / at most 8 MB."""
    text = format_unit(value.value, f"digital-{ {'KB': 'kilobyte', 'MB': 'megabyte', 'GB': 'gigabyte'}[value.unit]}", "short", locale=locale(lang))
    return _qualified(text, lang, value.approx, value.bound)


_EXCHANGE = {"ja": "1{base}＝{value}{quote}", "en": "{base} 1 = {quote} {value}"}


def exchange(base: str, quote: str, value: Decimal, lang: str, names: Mapping[str, str] | None = None) -> str:
    """1ポンド＝190円 / GBP 1 = JPY 190."""
    b, q = currency_name(base, lang, names), currency_name(quote, lang, names)
    return _EXCHANGE[language(lang).code].format(base=b, quote=q, value=number(value, lang))
