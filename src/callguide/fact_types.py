"""The kinds of fact, in one table: what each is, how it is written, its canonical form, examples.

A kind of fact was known in five places (types.py, the leaf types of facts.py, render.py's renderers,
format.py and the tests' tables), and forgetting one weakened the others silently: a kind missing
from the typed-facts test's list was simply not looked for in the pages. Each row here says:

- ``leaf``: one fact (its path has no parts below it), or a block rendered whole whose parts are
  facts too (a milestone, a document);
- ``canonical``: the element that carries it on a page and what its ``datetime``/``value`` holds;
- ``written``: the pieces of it a writer might type alone (format.py's words, with and without
  weekday or note), which tests/test_guide_typed_facts.py looks for in docs/; ``typed``: the value
  as typed in call.yaml. ``None`` for a kind that is not a figure (texts, links, blocks);
- ``examples``: golden renderings in every language with the canonical value.

render.py's renderer of each kind (``render.RENDERERS``) and facts.py's leaves come from this table,
and tests/test_tables.py checks that every value of the model is of a kind listed here, that every
kind has a renderer and that each example renders as written.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import format as fmt
from .model import Document, DurationRange, Milestone
from .types import (
    ApproxDate,
    Count,
    Deadline,
    DerivedMoney,
    Duration,
    ExchangeRate,
    FiscalYear,
    Money,
    MonthRange,
    Rate,
    Size,
    Text,
)

Written = Callable[[Any, str, Mapping[str, str]], set[str]]


@dataclass(frozen=True)
class Example:
    """A value, its element's text in each language (with the 2025 call's currency names and zones), and the
    canonical value in its ``datetime`` or ``value`` (None for a kind that carries none)."""

    value: Any
    ja: str
    en: str
    canonical: str | None


@dataclass(frozen=True)
class FactType:
    kind: type
    leaf: bool
    canonical: str
    written: Written | None
    typed: Callable[[Any], set[str]] | None
    # Made when first asked for (the tests): building them validates a value of each kind, which makes
    # pydantic build that kind's validator, some 0.1 s that a build from the cache never needs.
    make_examples: Callable[[], tuple[Example, ...]]

    @functools.cached_property
    def examples(self) -> tuple[Example, ...]:
        return self.make_examples()


def _deadline(at: str, zone: str) -> Deadline:
    return Deadline.model_validate({"at": at, "zone": zone})


def _amounts(value: Money | DerivedMoney) -> set[str]:
    amounts = {value.amount} | ({value.stated} if isinstance(value, DerivedMoney) else set())
    return {str(a) for a in amounts} | {f"{a:,}" for a in amounts}


def _month_text(value: str) -> bool:
    return len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit()


FACT_TYPES: tuple[FactType, ...] = (
    FactType(
        Deadline, True, "<time datetime>: the instant, ISO 8601 with its zone's offset",
        lambda v, lang, names: {fmt.moment_text(v.instant, lang)[0], fmt.day(v.instant.date(), lang), fmt.day(v.instant.date(), lang, weekday=False)},
        lambda v: {v.at.strftime("%Y-%m-%d %H:%M"), v.at.date().isoformat()},
        lambda: (Example(_deadline("2025-05-09 14:00", "Asia/Tokyo"), "2025年5月9日（金）14:00（日本標準時）（英国夏時間：2025年5月9日（金）6:00）",
                 "Friday 9 May 2025, 14:00 JST (06:00 BST on Friday 9 May 2025)", "2025-05-09T14:00:00+09:00"),),
    ),
    FactType(
        DerivedMoney, True, "<data value>: the amount the call states (at .stated; | exact: the computed amount), whole units; data-currency its ISO 4217 code",
        lambda v, lang, names: {fmt.money(v.amount, v.currency, lang, names), fmt.money(v.stated, v.currency, lang, names)},
        _amounts,
        lambda: (Example(DerivedMoney(amount=370_500_000, currency="JPY", stated=370_000_000), "3億7,000万円", "JPY 370 million", "370000000"),),
    ),
    FactType(
        Money, True, "<data value>: the amount in whole units; data-currency its ISO 4217 code",
        lambda v, lang, names: {fmt.money(v.amount, v.currency, lang, names)},
        _amounts,
        lambda: (
            Example(Money(amount=285_000_000, currency="JPY"), "2億8,500万円", "JPY 285 million", "285000000"),
            Example(Money(amount=1_875_000, currency="GBP"), "187万5,000ポンド", "GBP 1.875 million", "1875000"),
        ),
    ),
    FactType(
        ApproxDate, True, "<time datetime>: the month (YYYY-MM); data-part early, mid or late",
        lambda v, lang, names: {fmt.approx_date(v, lang)},
        lambda v: {v.month},
        lambda: (Example(ApproxDate(month="2025-09", part="late"), "2025年9月下旬", "late September 2025", "2025-09"),),
    ),
    FactType(
        MonthRange, True, "<data value>: the months as an ISO 8601 interval (YYYY-MM/YYYY-MM)",
        lambda v, lang, names: {fmt.month_range(v, lang), fmt.month(v.start, lang), fmt.month(v.end, lang)},
        lambda v: {v.start, v.end},
        lambda: (Example(MonthRange(start="2025-05", end="2025-09"), "2025年5月～9月", "May\u2009–\u2009September 2025", "2025-05/2025-09"),),
    ),
    FactType(
        Duration, True, "<data value>: an ISO 8601 period (P5Y)",
        lambda v, lang, names: {fmt.duration(v, lang)},
        lambda v: {str(v.value)},
        lambda: (
            Example(Duration.model_validate({"value": 5, "unit": "year"}), "5年間", "5 years", "P5Y"),
            Example(Duration.model_validate({"value": 2, "unit": "week", "bound": "at_least"}), "2週間以上", "at least 2 weeks", "P2W"),
        ),
    ),
    FactType(
        DurationRange, True, "<data value>: its two ends as ISO 8601 periods (P2Y/P3Y)",
        lambda v, lang, names: {fmt.duration_range(v.min, v.max, v.unit, lang)},
        lambda v: set(),
        lambda: (Example(DurationRange(min=2, max=3, unit="year"), "2～3年", "2–3 years", "P2Y/P3Y"),),
    ),
    FactType(
        Size, True, "<data value>: the size in bytes",
        lambda v, lang, names: {fmt.size(v, lang)},
        lambda v: {str(v.value)},
        lambda: (Example(Size.model_validate({"value": 8, "unit": "MB", "bound": "at_most"}), "8 MB以内", "at most 8 MB", "8000000"),),
    ),
    FactType(
        Count, True, "<data value>: the number",
        lambda v, lang, names: {fmt.count(v, lang)},
        lambda v: {str(v.value)},
        lambda: (Example(Count.model_validate({"value": 3, "unit": "project", "approx": "true"}), "3件程度", "about 3 projects", "3"),),
    ),
    FactType(
        Rate, True, "<data value>: the fraction (0.3 for 30%)",
        lambda v, lang, names: {fmt.percent(v.value, lang), fmt.percent(v.value, lang, v.approx)},
        lambda v: {format(v.value, "f")},
        lambda: (Example(Rate.model_validate({"value": "0.7", "approx": "true"}), "70%程度", "about 70%", "0.7"),),
    ),
    FactType(
        ExchangeRate, True, "<data value>: units of the quote currency for one of the base",
        lambda v, lang, names: {fmt.exchange(v.base, v.quote, v.value, lang, names)},
        lambda v: {format(v.value, "f")},
        lambda: (Example(ExchangeRate.model_validate({"base": "GBP", "quote": "JPY", "value": "190"}), "1ポンド＝190円", "GBP 1 = JPY 190", "190"),),
    ),
    FactType(
        FiscalYear, True, "<data value>: the year (| year: the calendar year, | fy: FY2025)",
        lambda v, lang, names: set(),  # a bare year is too common to look for in prose
        lambda v: set(),
        lambda: (Example(FiscalYear(2025), "2025年度", "2025", "2025"),),
    ),
    FactType(Milestone, False, "its date's element (.when), with the provisional mark", None, None, lambda: ()),
    FactType(Document, False, "<a href> to its address, or a <span> until it has one", None, None, lambda: ()),
    FactType(Text, True, "none: a text is shown in the page's language (with the guide's-own label)", None, None, lambda: ()),
    FactType(
        date, True, "<time datetime>: the day, ISO 8601",
        lambda v, lang, names: {fmt.day(v, lang), fmt.day(v, lang, weekday=False)},
        lambda v: {v.isoformat()},
        lambda: (Example(date(2025, 2, 13), "2025年2月13日（木）", "Thursday 13 February 2025", "2025-02-13"),),
    ),
    FactType(
        str, True, "<a href> for an https address or an email (mailto:), <time datetime> for a month (YYYY-MM); an identifier is not shown",
        lambda v, lang, names: {fmt.month(v, lang)} if _month_text(v) else set(),
        lambda v: {v},
        lambda: (Example("2026-01", "2026年1月", "January 2026", "2026-01"),),
    ),
)

BY_KIND: dict[type, FactType] = {t.kind: t for t in FACT_TYPES}
# Values that render as one fact (facts.py walks into every other block of the model).
LEAF_KINDS: tuple[type, ...] = tuple(t.kind for t in FACT_TYPES if t.leaf)


def fact_type(value: Any) -> FactType | None:
    """The row of a value (the first whose kind it is an instance of, in the table's order), or None for a block."""
    for row in FACT_TYPES:
        if isinstance(value, row.kind):
            return row
    return None

