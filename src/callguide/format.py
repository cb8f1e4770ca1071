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

from .types import ApproxDate, Count, Duration, MonthRange, Size

LOCALES = {"ja": "ja", "en": "en_GB"}
LANGS = tuple(LOCALES)


def locale(lang: str) -> str:
    return LOCALES[lang]


# --- dates and times ------------------------------------------------------------------


def day(d: date, lang: str, weekday: bool = True) -> str:
    """2025年5月9日（金） / Friday 9 May 2025."""
    if lang == "ja":
        return format_date(d, "y年M月d日（E）" if weekday else "y年M月d日", locale="ja")
    return format_date(d, "EEEE d MMMM y" if weekday else "d MMMM y", locale="en_GB")


def month(value: str, lang: str) -> str:
    """2026年1月 / January 2026."""
    y, m = map(int, value.split("-"))
    return format_date(date(y, m, 1), "y年M月" if lang == "ja" else "MMMM y", locale=locale(lang))


_PART = {"ja": {"early": "上旬", "mid": "中旬", "late": "下旬"}, "en": {"early": "early", "mid": "mid-", "late": "late"}}


def approx_date(value: ApproxDate, lang: str) -> str:
    """2025年9月下旬 / late September 2025."""
    part = _PART[lang][value.part]
    if lang == "ja":
        return month(value.month, lang) + part
    return f"{part}{month(value.month, lang)}" if part.endswith("-") else f"{part} {month(value.month, lang)}"


def month_range(value: MonthRange, lang: str) -> str:
    """2025年5月～9月 / May – September 2025 (CLDR interval formats)."""
    start, end = value.span()
    return format_interval(start, end, "yMMMM", locale=locale(lang))


def zone_name(moment: datetime, lang: str) -> str:
    """日本標準時 / 英国夏時間 in Japanese; the daylight-aware abbreviation (JST, BST) in English."""
    if lang == "ja":
        return get_timezone_name(moment, "long", locale="ja")
    return moment.tzname() or get_timezone_name(moment, "short", locale="en_GB")


def zone_long_name(moment: datetime, lang: str) -> str:
    return get_timezone_name(moment, "long", locale=locale(lang))


def clock(moment: datetime, lang: str) -> str:
    return format_datetime(moment, "H:mm" if lang == "ja" else "HH:mm", locale=locale(lang))


def moment_text(moment: datetime, lang: str) -> tuple[str, str]:
    """The day-and-time text and the zone label of a moment, in its own zone."""
    joiner = "" if lang == "ja" else ", "  # 2025年5月9日（金）14:00 / Friday 9 May 2025, 14:00
    return f"{day(moment.date(), lang)}{joiner}{clock(moment, lang)}", zone_name(moment, lang)


def converted_text(moment: datetime, zone: str, lang: str) -> str:
    """A deadline in another zone, written so that 00:00 is not read as the end of that day."""
    there = moment.astimezone(ZoneInfo(zone))
    label = zone_name(there, lang)
    at_midnight = (there.hour, there.minute) == (0, 0)
    if lang == "ja":
        text = f"{label}：{day(there.date(), 'ja')}{clock(there, 'ja')}"
        if at_midnight:
            before = there.date().fromordinal(there.date().toordinal() - 1)
            text += f"＝{format_date(before, 'd日（E）', locale='ja')}24:00"
        return text
    text = f"{clock(there, 'en')} {label} on {day(there.date(), 'en')}"
    if at_midnight:
        text += ", the start of that day"
    return text


def fiscal_year(year: int, lang: str) -> str:
    """2025年度 / 2025 (JST's English names its 年度 by the year alone: "the 2025 call")."""
    return f"{year}年度" if lang == "ja" else str(year)


def fiscal_year_short(year: int, lang: str) -> str:
    """2025年度 / FY2025: where the fiscal year decides what counts (duplicates rule a), the English
    names it as such, so that "2025" is not read as the calendar year."""
    return f"{year}年度" if lang == "ja" else f"FY{year}"


def calendar_year(year: int, lang: str) -> str:
    """2025年 / 2025."""
    return f"{year}年" if lang == "ja" else str(year)


# --- numbers --------------------------------------------------------------------------

def currency_name(currency: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """The currency's name as the call writes it (``names``, from call.yaml's ``names.currencies``);
    without one, CLDR's in Japanese (日本円) and the ISO code in English."""
    if names and names.get(currency):
        return names[currency]
    return get_currency_name(currency, locale="ja") if lang == "ja" else currency


def money(amount: int, currency: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """2億8,500万円 / JPY 285 million; exact to the unit, never rounded."""
    name = currency_name(currency, lang, names)
    if lang == "ja":
        return _oku_man(amount) + name
    compact = format_compact_decimal(amount, format_type="long", locale="en_GB", fraction_digits=3) if amount >= 10**6 else None
    if compact and _compact_is_exact(amount, compact):
        return f"{name} {compact}"
    return f"{name} {format_decimal(amount, locale='en_GB')}"


def _compact_is_exact(amount: int, compact: str) -> bool:
    number, _, word = compact.partition(" ")
    scale = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}.get(word)
    return scale is not None and Decimal(number.replace(",", "")) * scale == amount


def _oku_man(amount: int) -> str:
    """Group an amount by 億 (10^8) and 万 (10^4), digits grouped by CLDR: 2億8,500万."""
    oku, rest = divmod(amount, 10**8)
    man, ones = divmod(rest, 10**4)
    parts = []
    for value, unit in ((oku, "億"), (man, "万"), (ones, "")):
        if value:
            parts.append(format_decimal(value, locale="ja") + unit)
    return "".join(parts) or "0"


def percent(value: Decimal, lang: str, approx: bool = False) -> str:
    """30% / about 70% / 70%程度."""
    text = format_percent(value, locale=locale(lang))
    if approx:
        return f"{text}程度" if lang == "ja" else f"about {text}"
    return text


def number(value: Decimal | int, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


_JA_COUNTER = {"project": "件", "application": "件", "institution": "機関", "person": "名"}
_EN_NOUN = {
    "project": ("project", "projects"),
    "application": ("application", "applications"),
    "institution": ("institution", "institutions"),
    "person": ("person", "people"),
}
_JA_BOUND = {"at_least": "以上", "at_most": "以内"}
_EN_BOUND = {"at_least": "at least ", "at_most": "at most "}


def count(value: Count, lang: str) -> str:
    """3件程度 / about 3 projects; 1機関以上 / at least 1 institution."""
    n = number(value.value, lang)
    if lang == "ja":
        return f"{n}{_JA_COUNTER[value.unit]}{'程度' if value.approx else ''}{_JA_BOUND.get(value.bound or '', '')}"
    singular, plural = _EN_NOUN[value.unit]
    noun = singular if value.value == 1 else plural
    return f"{_EN_BOUND.get(value.bound or '', '')}{'about ' if value.approx else ''}{n} {noun}"


_JA_DURATION = {"year": "年", "month": "か月", "week": "週間", "day": "日"}


def duration(value: Duration, lang: str) -> str:
    """5年間 / 1年程度 / 2週間以上; 5 years / about 1 year / at least 2 weeks."""
    if lang == "ja":
        unit = _JA_DURATION[value.unit]
        if value.unit == "year" and not value.approx:
            unit += "間"
        return f"{number(value.value, 'ja')}{unit}{'程度' if value.approx else ''}{_JA_BOUND.get(value.bound or '', '')}"
    text = format_unit(value.value, f"duration-{value.unit}", "long", locale="en_GB")
    return f"{_EN_BOUND.get(value.bound or '', '')}{'about ' if value.approx else ''}{text}"


def duration_range(low: int, high: int, unit: str, lang: str) -> str:
    """2～3年 / 2–3 years."""
    if lang == "ja":
        return f"{number(low, 'ja')}～{number(high, 'ja')}{_JA_DURATION[unit]}"
    return f"{number(low, 'en')}–{format_unit(high, f'duration-{unit}', 'long', locale='en_GB')}"


def size(value: Size, lang: str) -> str:
    """8 MB以内 / at most 8 MB."""
    text = format_unit(value.value, f"digital-{ {'KB': 'kilobyte', 'MB': 'megabyte', 'GB': 'gigabyte'}[value.unit]}", "short", locale=locale(lang))
    if lang == "ja":
        return f"{text}{'程度' if value.approx else ''}{_JA_BOUND.get(value.bound or '', '')}"
    return f"{_EN_BOUND.get(value.bound or '', '')}{'about ' if value.approx else ''}{text}"


def exchange(base: str, quote: str, value: Decimal, lang: str, names: Mapping[str, str] | None = None) -> str:
    """1ポンド＝190円 / GBP 1 = JPY 190."""
    b, q = currency_name(base, lang, names), currency_name(quote, lang, names)
    if lang == "ja":
        return f"1{b}＝{number(value, 'ja')}{q}"
    return f"{b} 1 = {q} {number(value, 'en')}"
