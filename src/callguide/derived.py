"""Values computed from others: each is derived once, here, and never typed.

Where JST publishes a rounded figure (3.7億円 for 3億7,050万円), the data keeps
that figure as ``stated`` beside the computed amount; ``rules.py`` checks that
the two agree within a tolerance.

Each value is made with ``model_construct`` from values the model has validated already: validating
them again would only make pydantic build the validators of Money, Count and DerivedMoney, which a
build from the cache otherwise never needs (some 50 ms of its time).
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
    # Present only where the values it is made from are (a partner without a cap has no cap in yen).
    optional: bool = False


def _with_indirect(direct: Money, call: Call, stated: int) -> DerivedMoney:
    rate = call.budget.indirect_rate.value
    return DerivedMoney.model_construct(amount=int(direct.amount * (1 + rate)), currency=direct.currency, stated=stated)


def _in_yen(call: Call, pid: str) -> DerivedMoney | None:
    """A partner's cap in yen at the call's rate, with JST's published figure (the computed one when JST gives none)."""
    partner = call.partners[pid]
    cap, fx = partner.budget.cap, partner.exchange_rate
    if cap is None:
        return None
    amount = int(cap.amount * fx.value)
    stated = partner.budget.stated_cap_jpy
    return DerivedMoney.model_construct(amount=amount, currency=fx.quote, stated=amount if stated is None else stated)


def _max_basis(call: Call, pid: str) -> Money | None:
    """The largest cost basis the cap allows: cap / share (and / (1 + allowance) where the funder adds one)."""
    budget = call.partners[pid].budget
    if budget.cap is None or budget.basis is None:
        return None
    paid = budget.basis.share.value * (1 + (budget.basis.allowance.value if budget.basis.allowance else 0))
    return Money.model_construct(amount=int(budget.cap.amount / paid), currency=budget.cap.currency)


def _min_institutions(call: Call) -> Count:
    per_country = call.joint_call.consortium.min_institutions_per_country
    countries = 1 + len(call.partners)  # one funder per country: JST and each partner's
    return Count.model_construct(value=per_country.value * countries, unit=per_country.unit, bound=per_country.bound)


DERIVED: list[Derived] = [
    Derived(
        "budget.japan.total_cap",
        "budget.japan.stated_total_cap",
        lambda c: _with_indirect(c.budget.japan.direct_cap, c, c.budget.japan.stated_total_cap),
        DerivedMoney,
    ),
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

# Derived for each partner: ``*`` is the partner's id (``partners.uk.budget.cap_jpy``).
PER_PARTNER: list[tuple[str, str | None, Callable[[Call, str], Any], type]] = [
    ("partners.*.budget.cap_jpy", "partners.*.budget.stated_cap_jpy", _in_yen, DerivedMoney),
    ("partners.*.budget.max_basis", None, _max_basis, Money),
]
# Every derived value as call.json's schema describes it (a partner's at ``partners.*``).
SCHEMA_DERIVED: list[Derived] = DERIVED + [Derived(p, r, lambda c: None, k, optional=True) for p, r, _, k in PER_PARTNER]


def derived(call: Call) -> list[Derived]:
    """The call's derived values: the fixed ones, then each partner's that it has the values for."""
    out = list(DERIVED)
    for pid in call.partners:
        for path, replaces, make, kind in PER_PARTNER:
            value = make(call, pid)
            if value is None:
                continue
            bound = path.replace("*", pid), replaces and replaces.replace("*", pid)
            out.append(Derived(*bound, lambda c, make=make, pid=pid: make(c, pid), kind, optional=True))
    return out
