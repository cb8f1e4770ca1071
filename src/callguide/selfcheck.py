"""The self-checks' logic, once: what answers mean, and what a budget plan breaks.

Pure functions of the call's data. The pages embed the same data (``program``,
``planner_settings``) as JSON and ``assets/selfcheck.js`` follows these
functions step by step, so the browser and the tests agree; the browser tests
compare the two on the same inputs.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from .errors import Explained
from .facts import Facts
from .languages import CODES
from .model_selfcheck import DUPLICATE_RULES, EligibilityCheck, Outcome
from .types import DerivedMoney, Money

Verdict = Literal["eligible", "eligible_with_consequence", "not_eligible", "ask_jst", "not_as_asked", "incomplete"]

# Worst first: the verdict is the worst outcome found. A duty to tell JST ranks with a consequence;
# an instruction the plan does not follow (not_as_asked) is shown at once, like a question for JST.
SEVERITY: dict[str, int] = {"not_eligible": 4, "ask_jst": 3, "not_as_asked": 2, "eligible_with_consequence": 1, "tell_jst": 1}
VERDICT_AT: dict[int, Verdict] = {4: "not_eligible", 3: "ask_jst", 2: "not_as_asked"}


class ProgramError(Explained):
    """A selfcheck rule that names no fact, or a rule a–d whose id does not match its source."""


# --- eligibility ------------------------------------------------------------------------


def rule_source(facts: Facts, rule_id: str) -> tuple[str, Any]:
    """The path and value of the fact a rule names (a duplicates rule gives its text)."""
    rule = facts.call.selfcheck.eligibility.rule(rule_id)
    if rule.source not in facts:
        raise ProgramError(
            f"selfcheck rule '{rule.id}': its source '{rule.source}' is not a fact",
            f"自己チェックのルール「{rule.id}」の source「{rule.source}」という事実はありません。綴りを確かめてください。",
        )
    value = facts.get(rule.source)
    if rule.source.startswith(DUPLICATE_RULES):
        if getattr(value, "id", None) != rule.id:
            other = getattr(value, "id", "?")
            raise ProgramError(
                f"selfcheck rule '{rule.id}': its source '{rule.source}' is rule '{other}'",
                f"自己チェックのルール「{rule.id}」の source「{rule.source}」はルール「{other}」を指しています。id と source を合わせてください。",
            )
        return f"{rule.source}.text", value.text
    return rule.source, value


def rule_outcome(facts: Facts, rule_id: str) -> Outcome:
    """A rule's outcome: its own, or for rules a–d the one the duplicates block gives."""
    rule = facts.call.selfcheck.eligibility.rule(rule_id)
    if rule.outcome is not None:
        return rule.outcome
    rule_source(facts, rule_id)
    return facts.get(rule.source).outcome


def program(facts: Facts) -> dict[str, Any]:
    """The eligibility check as plain data: questions, the rules each option leads to, each rule's outcome.

    This is what the page embeds as JSON and what ``evaluate`` reads.
    """
    check: EligibilityCheck = facts.call.selfcheck.eligibility
    return {
        "questions": [{"id": q.id, "options": {o.id: list(o.rules) for o in q.options}} for q in check.questions],
        "rules": {r.id: rule_outcome(facts, r.id) for r in check.rules},
    }


@dataclass(frozen=True)
class Finding:
    question: str
    option: str
    rule: str
    outcome: Outcome


@dataclass(frozen=True)
class Result:
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    missing: tuple[str, ...] = ()


def evaluate(prog: Mapping[str, Any], answers: Mapping[str, str]) -> Result:
    """The verdict for some answers (question id → option id); unanswered questions are listed.

    A bar (not eligible), a question for JST or an instruction not followed is shown as soon as it is found;
    "eligible" needs every question answered.
    """
    findings: list[Finding] = []
    missing: list[str] = []
    for q in prog["questions"]:
        chosen = answers.get(q["id"])
        if chosen not in q["options"]:
            missing.append(q["id"])
            continue
        for rule in q["options"][chosen]:
            findings.append(Finding(q["id"], chosen, rule, prog["rules"][rule]))
    worst = max((SEVERITY[f.outcome] for f in findings), default=0)
    if worst in VERDICT_AT:
        verdict: Verdict = VERDICT_AT[worst]
    elif missing:
        verdict = "incomplete"
    elif worst == 1:
        verdict = "eligible_with_consequence"
    else:
        verdict = "eligible"
    return Result(verdict, tuple(findings), tuple(missing))


# --- budget planner ---------------------------------------------------------------------


def ratio(value: Decimal) -> tuple[int, int]:
    """A decimal as an exact fraction, so the browser computes with whole numbers as Python does."""
    num, den = Decimal(value).as_integer_ratio()
    return num, den


# What the planner shows as an informational note, not a warning: a share above the guide's own
# band, and a total with indirect costs above JST's published cap (3.7億円) but within the direct
# cap plus indirect costs (3億7,050万円), where JST is to say which applies.
NOTES = frozenset({"network_above_band", "total_above_published"})


def planner_settings(facts: Facts) -> dict[str, Any]:
    """Every rate, cap and threshold the planner uses, from the call's data."""
    b = facts.call.budget
    band = facts.call.selfcheck.planner.band
    return {
        "indirect_rate": ratio(b.indirect_rate.value),
        "direct_cap": b.japan.direct_cap.amount,
        "total_cap": facts.get("budget.japan.total_cap").amount,
        "stated_total_cap": facts.get("budget.japan.total_cap").stated,
        "share": ratio(b.network_share.share.value),
        "low": ratio(band.low.value),
        "high": ratio(band.high.value),
        "home_currency": b.japan.direct_cap.currency,
        # Each partner's cap rule, by its id (partner_settings).
        "partners": {pid: partner_settings(facts, pid) for pid in facts.call.partners},
        "categories": [c.id for c in facts.call.selfcheck.planner.categories],
        "notes": sorted(NOTES),
        # Currency names as the pages write them, by language (call.yaml ``names.currencies``).
        "currency_names": {lang: {c: facts.call.names.currency(c, lang) for c in call_currencies(facts)} for lang in CODES},
    }


def partner_settings(facts: Facts, pid: str) -> dict[str, Any]:
    """A partner's cap rule for the planner: its cap (None when it states none), the share of the cost
    basis the funder pays (with its allowance; 1 without a basis), the largest basis the cap allows,
    the exchange rate to yen, its currency, and the path of the fact that states the cap."""
    partner = facts.call.partners[pid]
    budget, basis = partner.budget, partner.budget.basis
    paid = Decimal(1) if basis is None else basis.share.value * (1 + (basis.allowance.value if basis.allowance else 0))
    max_basis = f"partners.{pid}.budget.max_basis"
    return {
        "cap": budget.cap.amount if budget.cap else None,
        "paid": ratio(paid),
        "max_basis": facts.get(max_basis).amount if max_basis in facts else None,
        "exchange_rate": ratio(partner.exchange_rate.value),
        "currency": partner.currency,
        "rule": f"partners.{pid}.budget.cap",
    }


def call_currencies(facts: Facts) -> list[str]:
    """The currencies the call's amounts are in: the yen, then each partner's (in their order), then any
    other amount's in the order of call.yaml. Any ISO 4217 code: their names are CLDR's or the call's own."""
    found = [facts.call.budget.japan.direct_cap.currency, *(p.currency for p in facts.call.partners.values())]

    def walk(value: Any) -> None:
        if isinstance(value, (Money, DerivedMoney)):
            found.append(value.currency)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(facts.call)
    return list(dict.fromkeys(found))


def _times(amount: int, frac: tuple[int, int]) -> int:
    """amount × fraction, rounded down to a whole yen or pound."""
    return amount * frac[0] // frac[1]


def _at_least(amount: int, frac: tuple[int, int]) -> int:
    """The smallest whole amount that is at least amount × fraction."""
    return -(-amount * frac[0] // frac[1])


@dataclass(frozen=True)
class Warning:
    """A broken rule: which one (the fact path that states it) and by how much (yen, pounds)."""

    code: str
    rule: str
    amount: int


@dataclass
class JapanPlan:
    direct: int
    network: int
    indirect: int
    total: int
    warnings: list[Warning] = field(default_factory=list)


def plan_japan(settings: Mapping[str, Any], network: Mapping[str, int], other: Mapping[str, int]) -> JapanPlan:
    """Totals, indirect costs and warnings for the Japanese side's direct costs by category.

    Below the band, the amount is what to move from research-only costs to network building and
    early-career development so that the share reaches JST's requirement: the direct costs, and so
    the caps, stay as they are (adding it instead would raise them).
    """
    net = sum(max(0, network.get(c, 0)) for c in settings["categories"])
    direct = net + sum(max(0, other.get(c, 0)) for c in settings["categories"])
    indirect = _times(direct, settings["indirect_rate"])
    plan = JapanPlan(direct, net, indirect, direct + indirect)
    if direct > settings["direct_cap"]:
        plan.warnings.append(Warning("over_direct_cap", "budget.japan.direct_cap", direct - settings["direct_cap"]))
    if plan.total > settings["total_cap"]:
        plan.warnings.append(Warning("over_total_cap", "budget.japan.total_cap", plan.total - settings["total_cap"]))
    elif plan.total > settings["stated_total_cap"]:
        plan.warnings.append(Warning("total_above_published", "budget.japan.total_cap", plan.total - settings["stated_total_cap"]))
    if direct > 0:
        low_amount = _at_least(direct, settings["low"])
        if net < low_amount:
            plan.warnings.append(Warning("network_below_band", "budget.network_share", _at_least(direct, settings["share"]) - net))
        elif net > _times(direct, settings["high"]):
            plan.warnings.append(Warning("network_above_band", "budget.network_share", net - _times(direct, settings["share"])))
    return plan


@dataclass
class PartnerPlan:
    basis: int
    paid: int
    basis_jpy: int
    paid_jpy: int
    warnings: list[Warning] = field(default_factory=list)


def plan_partner(partner: Mapping[str, Any], basis: int) -> PartnerPlan:
    """What the partner's funder pays of the cost basis (the UK: EPSRC's share of the full economic cost)
    against its cap; yen only for comparison. ``partner`` is ``planner_settings(…)["partners"][id]``."""
    basis = max(0, basis)
    paid = _times(basis, partner["paid"])
    plan = PartnerPlan(basis, paid, _times(basis, partner["exchange_rate"]), _times(paid, partner["exchange_rate"]))
    if partner["cap"] is not None and paid > partner["cap"]:
        plan.warnings.append(Warning("over_partner_cap", partner["rule"], paid - partner["cap"]))
    return plan
