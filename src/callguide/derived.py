"""Values computed from others: each is derived once, here, and never typed.

Where JST publishes a rounded figure (3.7億円 for 3億7,050万円), the data keeps
that figure as ``stated`` beside the computed amount; ``rules.py`` checks that
the two agree within a tolerance.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Call
from .types import Count, DerivedMoney, Money


@dataclass(frozen=True)
class Derived:
    """A derived fact: where it goes in call.json, which typed field it replaces, how it is made, and its
    type (``kind``, which call.json's schema describes at ``path``)."""

    path: str
    replaces: str | None
    make: Callable[[Call], Any]
    kind: type


def _with_indirect(direct: Money, call: Call, stated: int) -> DerivedMoney:
    rate = call.budget.indirect_rate.value
    return DerivedMoney(amount=int(direct.amount * (1 + rate)), currency=direct.currency, stated=stated)


def _in_yen(call: Call) -> DerivedMoney:
    fx = call.budget.exchange_rate
    cap = call.budget.uk.cap
    return DerivedMoney(amount=int(cap.amount * fx.value), currency=fx.quote, stated=call.budget.uk.stated_cap_jpy)


def _max_fec(call: Call) -> Money:
    uk = call.budget.uk
    return Money(amount=int(uk.cap.amount / uk.fec_share.value), currency=uk.cap.currency)


def _min_institutions(call: Call) -> Count:
    per_country = call.joint_call.consortium.min_institutions_per_country
    countries = len(type(call.joint_call.partners).model_fields)  # one funder per country: JST and EPSRC
    return Count(value=per_country.value * countries, unit=per_country.unit, bound=per_country.bound)


DERIVED: list[Derived] = [
    Derived(
        "budget.japan.total_cap",
        "budget.japan.stated_total_cap",
        lambda c: _with_indirect(c.budget.japan.direct_cap, c, c.budget.japan.stated_total_cap),
        DerivedMoney,
    ),
    Derived("budget.uk.cap_jpy", "budget.uk.stated_cap_jpy", _in_yen, DerivedMoney),
    Derived("budget.uk.max_fec", None, _max_fec, Money),
    Derived(
        "programme.single_call.top.total_cap",
        "programme.single_call.top.stated_total_cap",
        lambda c: _with_indirect(c.programme.single_call.top.direct_cap, c, c.programme.single_call.top.stated_total_cap),
        DerivedMoney,
    ),
    Derived(
        "programme.single_call.next_generation.total_cap",
        "programme.single_call.next_generation.stated_total_cap",
        lambda c: _with_indirect(
            c.programme.single_call.next_generation.direct_cap, c, c.programme.single_call.next_generation.stated_total_cap
        ),
        DerivedMoney,
    ),
    Derived("joint_call.consortium.min_institutions", None, _min_institutions, Count),
]
