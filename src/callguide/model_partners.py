"""The partner funders of a joint call: one block per partner, under an id the staff choose.

ASPIRE's joint calls are made with a funder of one of its target countries or regions; the 2025
call's partner was the UK's EPSRC (id ``uk``). Everything that differs by partner is its data here:
country or region (a CLDR territory code), funder, zone, currency and the call's exchange rate to
yen, portal, contact, eligibility, team roles, theme, support period and its cap rule (its lead's
checklist role names the partner by id: ``checklist.<role>.side``). Pages, labels and the planner name
a partner only through these facts, so a call with another partner, or with two, is written by data
alone.

The home side (JST, e-Rad, the yen, Japan's zone) keeps its facts where the 2025 data had them
(``joint_call.funder``, ``apply.portals.japan``, ``budget.japan``, ``call.zones.japan``).

Amounts are written in the partner's currency without repeating it: ``cap: 1500000`` and
``exchange_rate: 190`` are read as ``{amount: 1500000, currency: GBP}`` and ``GBP 1 = JPY 190``
(the quote is the Japanese side's currency), so the currency is typed once, in ``currency``.
"""
from __future__ import annotations

from typing import Any

from pydantic import model_validator

from .types import (
    Amount,
    Country,
    Currency,
    Duration,
    Email,
    ExchangeRate,
    Money,
    Month,
    RateField,
    Strict,
    Text,
    Text_,
    Url,
    Zone,
    _currencies,
)

# The currency a partner's exchange rate is quoted in: JST funds in yen. rules_partners.py checks that it is
# the currency of the Japanese side's caps (budget.japan.direct_cap), the home side's as the data says.
HOME_CURRENCY = "JPY"


class Words(Strict):
    """How the pages name the partner in one role, in one language or both (a language left out takes the
    default the field describes)."""

    ja: Text_ | None = None
    en: Text_ | None = None


class Role(Strict):
    role: Text
    note: Text | None = None


class Contact(Strict):
    name: Text
    # How a heading names the contact in a few words (UKRI／EPSRC).
    short: Text | None = None
    email: Email | None = None
    url: Url | None = None


class Funder(Strict):
    """The partner's funding agency: its full name, the short name pages use, and the body it belongs to."""

    name: Text
    short: Text
    parent: Text | None = None


class Portal(Strict):
    """Where the partner's lead submits: the system's name (``short`` as it reads inside a phrase), the
    address where the application starts (and that page's name for link texts: ``call_page``), and what
    an organisation must do before it can use it."""

    name: Text
    short: Text
    url: Url
    # The page at ``url`` as link texts name it (UKRIの公募ページ / UKRI call page).
    call_page: Text | None = None
    registration: Text | None = None


class CostBasis(Strict):
    """The cost basis the funder pays a share of, named as the call's documents name it (its name and short
    form) with the share; a funder that pays all direct costs has share 1, and an allowance on top where it
    adds one."""

    name: Text
    short: Text
    share: RateField
    allowance: RateField | None = None


class PartnerBudget(Strict):
    """The partner's cap rule: an amount in its currency (none when the funder states no cap), optionally
    the share of a named cost basis it pays, and the yen figure JST publishes for the cap."""

    cap: Money | None = None
    basis: CostBasis | None = None
    # JST's rounded yen figure for the cap (「約2.85億円」); the exact one is computed (partners.<id>.budget.cap_jpy).
    stated_cap_jpy: Amount | None = None


class PartnerPeriod(Strict):
    duration: Duration
    start: Month


class Partner(Strict):
    """One partner funder of the call and every fact that is its own."""

    territory: Country
    # The compound form CLDR lacks, as the call's sides are joined: 英 as in 日英, "UK" as in "Japan–UK"
    # (独 / Germany: 日独, Japan–Germany; pages: ``{{ partners | joint }}``).
    short: Text
    # The partner as running text names it, article included where the language needs one: "the UK",
    # "the Netherlands" (pages: ``{{ partners.<id> | name }}``). Default: the country or region's name as
    # ``names.territories`` or CLDR gives it (英国, Germany).
    name: Words | None = None
    # The partner as it reads before a noun: "UK" in "UK side", "UK team", "UK project lead"; "German" in
    # "German side" (pages: ``{{ partners.<id> | adjective }}``; labels: sides, teams, the planner).
    # Default: the name without a leading "the " (Germany side; 英国側).
    adjective: Words | None = None
    funder: Funder
    zone: Zone
    currency: Currency
    exchange_rate: ExchangeRate
    portal: Portal
    contact: Contact
    eligibility: Text
    team: list[Role]
    theme: Text | None = None
    # What the sources say of how the partner assesses proposals.
    assessment: Text | None = None
    period: PartnerPeriod
    budget: PartnerBudget = PartnerBudget.model_construct()  # not PartnerBudget(): no validator built at import

    @model_validator(mode="before")
    @classmethod
    def _in_own_currency(cls, data: Any) -> Any:
        """``cap: 1500000`` and ``exchange_rate: 190`` in the partner's ``currency``.

        An unknown currency is reported once, at ``currency``: the amounts are then read in the yen only
        so that they raise no second error for the same mistake (the call does not validate either way)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        currency = data.get("currency")
        own = currency if isinstance(currency, str) and currency.strip() in _currencies() else HOME_CURRENCY
        own = own.strip()
        budget = data.get("budget")
        if isinstance(budget, dict) and isinstance(budget.get("cap"), (str, int)):
            data["budget"] = {**budget, "cap": {"amount": budget["cap"], "currency": own}}
        elif isinstance(budget, dict) and isinstance(budget.get("cap"), dict) and "currency" not in budget["cap"]:
            data["budget"] = {**budget, "cap": {**budget["cap"], "currency": own}}
        if isinstance(data.get("exchange_rate"), (str, int, float)):
            data["exchange_rate"] = {"base": own, "quote": HOME_CURRENCY, "value": data["exchange_rate"]}
        return data
