"""Rules that span several fields of call.yaml, each reported at the field to change."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, RootModel

from .derived import derived
from .facts import Facts
from .model_checklist import check_ids as _checklist_ids
from .rules_partners import check as _partners
from .sides import ALL, side_ids
from .types import Deadline, when_span

# JST rounds published caps (3.7億円 for 3億7,050万円): a stated figure may differ this much.
STATED_TOLERANCE = 0.02


def check(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """Yield (dotted path, message, Japanese message) for every broken cross-field rule."""
    yield from _stated_figures(facts)
    yield from _milestone_order(facts)
    yield from _unique_ids(facts)
    yield from _option_rules(facts)
    yield from _checklist_ids(facts.call)
    yield from _year_in_id(facts)
    yield from _handoffs(facts)
    yield from _partners(facts)
    yield from _sides(facts)
    yield from _schedule_shape(facts)


def _handoffs(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """A hand-off between the teams names the schedule milestone it must come before."""
    known = {name for name, _ in facts.call.schedule.milestones()}
    for hid, h in facts.call.apply.handoffs.items():
        if h.before not in known:
            yield (
                f"apply.handoffs.{hid}.before",
                f"no milestone '{h.before}' in schedule (known: {', '.join(sorted(known))})",
                f"schedule に「{h.before}」という日程はありません。次のどれかを書いてください: {', '.join(sorted(known))}",
            )


def _named_sides(facts: Facts) -> Iterator[tuple[str, str, bool]]:
    """Every side id the data names, with its path and whether ``all`` may stand there."""
    call = facts.call
    for name, m in call.schedule.milestones():
        yield f"schedule.{name}.side", m.side, True
        for i, side in enumerate(m.shown_in or []):
            yield f"schedule.{name}.shown_in.{i}", side, False
        for side in m.side_when or {}:
            yield f"schedule.{name}.side_when.{side}", side, False
    for i, step in enumerate(call.apply.steps):
        yield f"apply.steps.{i}.who", step.who, True
    for i, part in enumerate(call.contents):
        yield f"contents.{i}.where", part.where, True
    for role, checklist in call.checklist.roles():
        yield f"checklist.{role}.side", checklist.side, False


def _sides(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """A milestone, step, proposal part or checklist role names a side the call has (``sides.side_ids``),
    or (but a role) all of them."""
    ids = side_ids(facts.call)
    for path, side, all_ok in _named_sides(facts):
        known = [*ids, ALL] if all_ok else ids
        if side not in known:
            yield (
                path,
                f"'{side}' is not a side of this call; write one of: {', '.join(known)}",
                f"「{side}」はこの公募の側（日本側・相手側）の id ではありません。次のどれかを書いてください: {', '.join(known)}",
            )


def _schedule_shape(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """The schedule has a deadline (the call closes with its last), one opening at most, and
    ``shown_in`` only on deadlines."""
    items = facts.call.schedule.milestones()
    if not any(isinstance(m.when, Deadline) for _, m in items):
        yield (
            "schedule",
            "the schedule has no deadline: give at least one milestone a time and zone, such as when: {at: \"2025-05-09 14:00\", zone: Asia/Tokyo}",
            "schedule に締切がありません。少なくとも1つの日程を when: {at: \"2025-05-09 14:00\", zone: Asia/Tokyo} のように時刻とタイムゾーンで書いてください。",
        )
    opening = [name for name, m in items if m.opens]
    for name in opening[1:]:
        yield (
            f"schedule.{name}.opens",
            f"only one milestone opens the call, and {opening[0]} already does; delete this opens: true",
            f"公募の開始は1つだけで、すでに {opening[0]} に opens: true があります。こちらの opens: true を消してください。",
        )
    for name, m in items:
        if m.shown_in is not None and not isinstance(m.when, Deadline):
            yield (
                f"schedule.{name}.shown_in",
                "shown_in is for deadlines only (a when with a time and a zone); delete it here",
                "shown_in は締切（時刻とタイムゾーンのある when）にだけ書けます。ここからは消してください。",
            )


def _year_in_id(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """A call id that names a year names the call's own fiscal year (``make new-call`` moves both)."""
    info = facts.call.call
    years = re.findall(r"(?<![0-9])20[0-9]{2}(?![0-9])", info.id)
    if years and any(int(y) != info.fiscal_year for y in years):
        yield (
            "call.id",
            f"the id names {years[0]} but call.fiscal_year is {int(info.fiscal_year)}; make them agree",
            f"id の年（{years[0]}）と call.fiscal_year（{int(info.fiscal_year)}）が食い違っています。同じ年にしてください。",
        )


def _stated_figures(facts: Facts) -> Iterator[tuple[str, str, str]]:
    for d in derived(facts.call):
        value = facts.get(d.path)
        stated = getattr(value, "stated", None)
        if stated is None or not d.replaces:
            continue
        if abs(stated - value.amount) > STATED_TOLERANCE * value.amount:
            yield (
                d.replaces,
                f"the published figure {stated} differs from the computed {value.amount} by more than "
                f"{STATED_TOLERANCE:.0%}; check the figure or the values it is computed from",
                f"公表額 {stated} が、ほかの値から計算した {value.amount} と {STATED_TOLERANCE:.0%} を超えて違います。"
                "公表額か、計算のもとになる値（直接経費や間接経費率など）を確かめてください。",
            )


def _milestone_order(facts: Facts) -> Iterator[tuple[str, str, str]]:
    milestones = facts.call.schedule.milestones()
    for (prev_name, prev), (name, cur) in itertools.pairwise(milestones):
        prev_start, _ = when_span(prev.when)
        _, cur_last = when_span(cur.when)
        # A vague time (a month, "late September") may start anywhere in its span.
        if cur_last < prev_start:
            yield (
                f"schedule.{name}.when",
                f"this milestone starts before the one above it ({prev_name}); keep milestones in time order",
                f"この日程が、ひとつ上の {prev_name} より前になっています。日付を確かめ、日程は時間の順に並べてください。",
            )


# Lists whose ids have a check of their own, wider than one list: a checklist item's id is unique across
# every role's list (browsers keep ticks by it), model_checklist.check_ids.
_OWN_ID_CHECK = frozenset({"checklist"})


def _id_lists(node: Any, path: str) -> Iterator[tuple[str, list]]:
    """Every list of the model whose items have an ``id``, with its dotted path.

    Found by walking the model rather than named one by one, so a list a block gains later is checked
    without anyone remembering to add it here (the planner's categories and the self-check's rules were
    once forgotten: two items under one id published a verdict from the wrong rule, and labels bound to
    the wrong input)."""
    if path in _OWN_ID_CHECK:
        return
    if isinstance(node, RootModel):
        yield from _id_lists(node.root, path)
    elif isinstance(node, BaseModel):
        fields = {name: getattr(node, name) for name in type(node).model_fields}
        for name, value in {**fields, **(node.model_extra or {})}.items():
            yield from _id_lists(value, f"{path}.{name}" if path else name)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _id_lists(value, f"{path}.{key}")
    elif isinstance(node, list):
        if node and all(isinstance(item, BaseModel) and "id" in type(item).model_fields for item in node):
            yield path, node
        for i, item in enumerate(node):
            yield from _id_lists(item, f"{path}.{i}")


def _unique_ids(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """No two items of one list share an id: pages, verdicts, saved ticks and HTML ids go by it, and a
    second item under an id would silently replace or shadow the first. Reported at the second item."""
    for path, items in _id_lists(facts.call, ""):
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                yield (
                    f"{path}.{i}.id",
                    f"id '{item.id}' is already used by {path}.{seen[item.id]}",
                    f"id「{item.id}」はすでに {path}.{seen[item.id]}（0から数えます）で使われています。別の id にしてください。",
                )
            seen.setdefault(item.id, i)


def _option_rules(facts: Facts) -> Iterator[tuple[str, str, str]]:
    """Each option of the self-check leads to rules it has, reported at the rule named.

    A cross-field rule here rather than a model validator: a validator stops the check at the first
    problem of the block, so a rule renamed to an id already used was reported only as the option left
    without it, never as the duplicate."""
    check = facts.call.selfcheck.eligibility
    known = {r.id for r in check.rules}
    for qi, q in enumerate(check.questions):
        for oi, option in enumerate(q.options):
            for ri, rule in enumerate(option.rules):
                if rule not in known:
                    yield (
                        f"selfcheck.eligibility.questions.{qi}.options.{oi}.rules.{ri}",
                        f"question '{q.id}', option '{option.id}': no rule '{rule}' in selfcheck.eligibility.rules",
                        f"質問「{q.id}」の選択肢「{option.id}」が指すルール「{rule}」が selfcheck.eligibility.rules にありません。id の綴りを確かめてください。",
                    )
