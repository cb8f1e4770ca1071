"""How each fact type reads in each language: golden strings, as JST and UKRI readers expect them."""
from datetime import date
from decimal import Decimal

import pytest

from callguide import format as fmt
from callguide.types import ApproxDate, Count, Deadline, Duration, MonthRange, Size


def deadline(at: str, zone: str) -> Deadline:
    return Deadline.model_validate({"at": at, "zone": zone})


@pytest.mark.parametrize(
    "amount, currency, ja, en",
    [
        (285_000_000, "JPY", "2億8,500万円", "JPY 285 million"),
        (370_000_000, "JPY", "3億7,000万円", "JPY 370 million"),
        (370_500_000, "JPY", "3億7,050万円", "JPY 370.5 million"),
        (500_000_000, "JPY", "5億円", "JPY 500 million"),
        (90_000_000, "JPY", "9,000万円", "JPY 90 million"),
        (69_000_000, "JPY", "6,900万円", "JPY 69 million"),
        (1_500_000, "GBP", "150万ポンド", "GBP 1.5 million"),
        (1_875_000, "GBP", "187万5,000ポンド", "GBP 1.875 million"),
        (123_456_789, "JPY", "1億2,345万6,789円", "JPY 123,456,789"),
        (5_000, "JPY", "5,000円", "JPY 5,000"),
    ],
)
def test_money(amount, currency, ja, en):
    assert fmt.money(amount, currency, "ja", CALL_NAMES) == ja
    assert fmt.money(amount, currency, "en", {}) == en


# The names the 2025 call's documents use (call.yaml names.currencies); without them, CLDR's.
CALL_NAMES = {"JPY": "円", "GBP": "ポンド"}


def test_currency_names_default_to_cldr():
    assert fmt.money(5_000, "JPY", "ja") == "5,000日本円"
    assert fmt.money(5_000, "GBP", "en") == "GBP 5,000"
    assert fmt.money(5_000, "GBP", "en", {"GBP": "£"}) == "£ 5,000"


def test_deadline_in_its_own_zone():
    erad = deadline("2025-05-09 14:00", "Asia/Tokyo").instant
    uk = deadline("2025-05-08 16:00", "Europe/London").instant
    assert fmt.moment_text(erad, "ja") == ("2025年5月9日（金）14:00", "日本標準時")
    assert fmt.moment_text(erad, "en") == ("Friday 9 May 2025, 14:00", "JST")
    assert fmt.moment_text(uk, "ja") == ("2025年5月8日（木）16:00", "英国夏時間")
    assert fmt.moment_text(uk, "en") == ("Thursday 8 May 2025, 16:00", "BST")


def test_converted_midnight_is_not_read_as_the_end_of_the_day():
    uk = deadline("2025-05-08 16:00", "Europe/London").instant
    assert fmt.converted_text(uk, "Asia/Tokyo", "ja") == "日本標準時：2025年5月9日（金）0:00＝8日（木）24:00"
    assert fmt.converted_text(uk, "Asia/Tokyo", "en") == "00:00 JST on Friday 9 May 2025, the start of that day"


def test_converted_time_follows_daylight_saving():
    erad = deadline("2025-05-09 14:00", "Asia/Tokyo").instant  # BST, UTC+1
    assert fmt.converted_text(erad, "Europe/London", "en") == "06:00 BST on Friday 9 May 2025"
    winter = deadline("2025-01-09 14:00", "Asia/Tokyo").instant  # GMT, UTC+0
    assert fmt.converted_text(winter, "Europe/London", "en") == "05:00 GMT on Thursday 9 January 2025"
    assert fmt.converted_text(winter, "Europe/London", "ja") == "グリニッジ標準時：2025年1月9日（木）5:00"


def test_dates_months_and_parts_of_months():
    assert fmt.day(date(2025, 2, 13), "ja") == "2025年2月13日（木）"
    assert fmt.day(date(2025, 2, 13), "en") == "Thursday 13 February 2025"
    assert fmt.month("2026-01", "ja") == "2026年1月"
    assert fmt.month("2026-01", "en") == "January 2026"
    assert fmt.approx_date(ApproxDate(month="2025-09", part="late"), "ja") == "2025年9月下旬"
    assert fmt.approx_date(ApproxDate(month="2025-09", part="late"), "en") == "late September 2025"
    assert fmt.approx_date(ApproxDate(month="2025-11", part="early"), "ja") == "2025年11月上旬"
    assert fmt.approx_date(ApproxDate(month="2025-11", part="mid"), "en") == "mid-November 2025"


def test_month_ranges():
    review = MonthRange(start="2025-05", end="2025-09")
    period = MonthRange(start="2026-01", end="2031-03")
    assert fmt.month_range(review, "ja") == "2025年5月～9月"
    assert fmt.month_range(review, "en") == "May\u2009–\u2009September 2025"
    assert fmt.month_range(period, "ja") == "2026年1月～2031年3月"
    assert fmt.month_range(period, "en") == "January 2026\u2009–\u2009March 2031"


@pytest.mark.parametrize(
    "data, ja, en",
    [
        ({"value": 5, "unit": "year"}, "5年間", "5 years"),
        ({"value": 1, "unit": "year", "approx": "true"}, "1年程度", "about 1 year"),
        ({"value": 15, "unit": "year", "approx": "true"}, "15年程度", "about 15 years"),
        ({"value": 2, "unit": "week", "bound": "at_least"}, "2週間以上", "at least 2 weeks"),
        ({"value": 2, "unit": "week"}, "2週間", "2 weeks"),
    ],
)
def test_durations(data, ja, en):
    d = Duration.model_validate(data)
    assert (fmt.duration(d, "ja"), fmt.duration(d, "en")) == (ja, en)


@pytest.mark.parametrize(
    "data, ja, en",
    [
        ({"value": 3, "unit": "project", "approx": "true"}, "3件程度", "about 3 projects"),
        ({"value": 1, "unit": "institution", "bound": "at_least"}, "1機関以上", "at least 1 institution"),
        ({"value": 1, "unit": "application", "bound": "at_most"}, "1件以内", "at most 1 application"),
    ],
)
def test_counts(data, ja, en):
    c = Count.model_validate(data)
    assert (fmt.count(c, "ja"), fmt.count(c, "en")) == (ja, en)


def test_sizes_rates_and_exchange():
    size = Size.model_validate({"value": 8, "unit": "MB", "bound": "at_most"})
    assert (fmt.size(size, "ja"), fmt.size(size, "en")) == ("8 MB以内", "at most 8 MB")
    assert size.bytes == 8_000_000
    assert (fmt.percent(Decimal("0.3"), "ja"), fmt.percent(Decimal("0.3"), "en")) == ("30%", "30%")
    assert (fmt.percent(Decimal("0.7"), "ja", True), fmt.percent(Decimal("0.7"), "en", True)) == ("70%程度", "about 70%")
    assert fmt.exchange("GBP", "JPY", Decimal(190), "ja", CALL_NAMES) == "1ポンド＝190円"
    assert fmt.exchange("GBP", "JPY", Decimal(190), "en") == "GBP 1 = JPY 190"
    assert fmt.duration_range(2, 3, "year", "ja") == "2～3年"
    assert fmt.duration_range(2, 3, "year", "en") == "2–3 years"
