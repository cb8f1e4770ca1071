"""The applicants' checklist in call.yaml: items per role and phase, each with a stable id.

Ids never change once published: browsers keep a reader's ticks under
``<call id>.<item id>``, so a reworded item keeps its ticks and a new item
starts unticked. Ids are checked to be unique across the whole checklist.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from .types import Ident, Strict, Text

Phase = Literal["before", "documents", "submitting", "after"]
PHASES: tuple[Phase, ...] = ("before", "documents", "submitting", "after")


class Phases(Strict):
    """The headings of the four phases, in the order they are shown."""

    before: Text
    documents: Text
    submitting: Text
    after: Text


class Item(Strict):
    id: Ident
    phase: Phase
    text: Text


class _ByPhase:
    """Grouping by phase, shared by the roles' checklists (each has ``items``)."""

    def by_phase(self) -> list[tuple[Phase, list[Item]]]:
        """The items grouped by phase, phases in their fixed order, empty phases left out."""
        items: list[Item] = self.items  # type: ignore[attr-defined]
        groups = [(phase, [i for i in items if i.phase == phase]) for phase in PHASES]
        return [(phase, items) for phase, items in groups if items]


class LeadItems(_ByPhase, Strict):
    """What a partner's lead must do: its items (the role's name is ``partners.<id>.lead``)."""

    items: list[Item]


class RoleChecklist(_ByPhase, Strict):
    """What the Japanese PI must do: the role's name and its items."""

    name: Text
    items: list[Item]


class Checklist(Strict):
    phases: Phases
    japan_pi: RoleChecklist
    # Each partner's lead, by the partner's id (rules.py checks each names a partner of the call).
    leads: dict[Ident, LeadItems] = {}

    def roles(self) -> list[tuple[str, LeadItems | RoleChecklist]]:
        """Every role's items by the path under ``checklist``: the Japanese PI, then each partner's lead."""
        return [("japan_pi", self.japan_pi), *((f"leads.{pid}", lead) for pid, lead in self.leads.items())]

    def items(self) -> Iterator[tuple[str, int, Item]]:
        """Every item with its role and its index in that role's list."""
        for role, checklist in self.roles():
            for i, item in enumerate(checklist.items):
                yield role, i, item


def role_name(call, key: str) -> Text:
    """The name of a role of ``Checklist.roles``: the Japanese PI's own, a partner's lead's from its block."""
    if key == "japan_pi":
        return call.checklist.japan_pi.name
    return call.partners[key.removeprefix("leads.")].lead


def check_ids(call) -> Iterator[tuple[str, str, str]]:
    """Yield (path, message, Japanese message) for each checklist id used before, anywhere in the checklist."""
    seen: dict[str, str] = {}
    for role, i, item in call.checklist.items():
        path = f"checklist.{role}.items.{i}.id"
        if item.id in seen:
            yield (
                path,
                f"id '{item.id}' is already used by {seen[item.id]}; each checklist item needs its own id",
                f"id「{item.id}」はすでに {seen[item.id]} で使われています。チェックリストの項目には、それぞれ別の id を付けてください。",
            )
        else:
            seen[item.id] = f"checklist.{role}.items.{i}"
