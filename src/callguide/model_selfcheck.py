"""The typed model of the ``selfcheck`` block: eligibility questions and budget-planner settings.

The block holds no rule of its own: each rule names the fact that states it
(``source``), and rules a–d take their outcome from the ``duplicates`` block.
Which paths exist is checked where the facts are known (``selfcheck.program``).
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from .types import Ident, RateField, Strict, Text, fail

# What breaking a rule means, from worst to mildest. ``not_as_asked`` is an instruction of the call
# that states no bar (「…含めてください」); ``tell_jst`` is a duty, not a bar.
Outcome = Literal["not_eligible", "ask_jst", "not_as_asked", "eligible_with_consequence", "tell_jst"]
DUPLICATE_RULES = "duplicates.rules."


def _fact_path(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+", text):
        raise fail(
            "path",
            "write the dotted path of a fact, such as duplicates.rules.2 (got '{got}')",
            "事実の場所を duplicates.rules.2 のように「.」でつないで書いてください（「{got}」と書かれています）。",
            got=text,
        )
    return text


FactPath = Annotated[str, BeforeValidator(_fact_path)]


class CheckRule(Strict):
    """A rule an answer can lead to, named by the fact that states it."""

    id: Ident
    title: Text
    source: FactPath
    outcome: Outcome | None = Field(default=None, validate_default=True)
    # Further facts shown with the rule (e.g. the list of who counts as an outgoing researcher).
    more: list[FactPath] = Field(default_factory=list)

    @field_validator("outcome")
    @classmethod
    def _outcome_from_source(cls, outcome: Outcome | None, info) -> Outcome | None:
        source = info.data.get("source") or ""
        if source.startswith(DUPLICATE_RULES) and outcome is not None:
            raise fail("outcome", "rules a–d take their outcome from the duplicates block; remove this line", "ルール a～d の結果は duplicates の欄から決まります。この行を消してください。")
        if not source.startswith(DUPLICATE_RULES) and outcome is None:
            raise fail(
                "outcome",
                "say what breaking this rule means: not_eligible, ask_jst, not_as_asked, eligible_with_consequence or tell_jst",
                "このルールに当てはまるとどうなるかを outcome に書いてください: not_eligible（応募できない）、ask_jst（JSTに相談）、"
                "not_as_asked（公募の求める形と異なるが、応募できないとは書かれていない）、"
                "eligible_with_consequence（応募できるが影響あり）、tell_jst（JSTに知らせる）のどれかです。",
            )
        return outcome


class Option(Strict):
    id: Ident
    label: Text
    rules: list[Ident] = Field(default_factory=list)


class Question(Strict):
    id: Ident
    text: Text
    options: list[Option]

    @field_validator("options")
    @classmethod
    def _two_at_least(cls, options: list[Option]) -> list[Option]:
        """Two options at least; that their ids differ is rules._unique_ids' check, at the second one."""
        if len(options) < 2:
            raise fail("options", "a question needs at least two options", "質問には選択肢が2つ以上必要です。")
        return options


class EligibilityCheck(Strict):
    intro: Text
    rules: list[CheckRule]
    questions: list[Question]
    # What to do next, shown with a verdict that one can apply (dates by marker).
    next_steps: list[Text] = Field(default_factory=list)
    # Unique ids (rules._unique_ids) and options naming rules the check has (rules._option_rules) are
    # checked across fields, so that every such problem is reported, each at its own line.

    def rule(self, rule_id: str) -> CheckRule:
        return next(r for r in self.rules if r.id == rule_id)


class Band(Strict):
    """The guide's own warning band around JST's spending requirement of about 70 % (JST states no band)."""

    low: RateField
    high: RateField
    note: Text

    @field_validator("high")
    @classmethod
    def _above_low(cls, high, info):
        low = info.data.get("low")
        if low is not None and high.value <= low.value:
            raise fail(
                "band",
                "the upper edge ({high}) must be above the lower edge ({low})",
                "上限（{high}）は下限（{low}）より大きくしてください。",
                high=str(high.value),
                low=str(low.value),
            )
        return high


class Category(Strict):
    id: Ident
    name: Text
    hint: Text


class PartnerNotes(Strict):
    """The guide notes a partner's planner shows (ids under guide_notes): what it checks, and what it
    says when the share the funder pays is over the cap. Both are this guide's reading of the cap rule."""

    check: Ident
    over_cap: Ident


class Planner(Strict):
    intro: Text
    band: Band
    categories: list[Category]
    # By partner id: the guide notes of that partner's planner (rules.py checks both ids exist).
    partners: dict[Ident, PartnerNotes] = {}


class SelfCheck(Strict):
    eligibility: EligibilityCheck
    planner: Planner
