"""The applicants' checklist in call.yaml: items per role and phase, each with a stable id.

Ids never change once published: browsers keep a reader's ticks under
``<call id>.<item id>``, so a reworded item keeps its ticks and a new item
starts unticked. Ids are checked to be unique across the whole checklist.

Roles sit beside ``phases`` under ids the staff choose (``japan_pi``, ``uk_lead`` in 2025), as many as
the call has, each naming its side by id (``rules.py`` checks the call has it).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict

from .sides import parse as parse_side
from .types import Ident, Strict, Text

Phase = Literal["before", "documents", "submitting", "after"]
PHASES: tuple[Phase, ...] = ("before", "documents", "submitting", "after")

# The side a role is on: a side's id (``sides.parse``; rules.py checks the call has it).
RoleSide = Annotated[str, BeforeValidator(parse_side)]


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


class RoleChecklist(Strict):
    """What one lead must do: the role's name, the side it is on (a side's id) and its items."""

    name: Text
    side: RoleSide
    items: list[Item]

    def by_phase(self) -> list[tuple[Phase, list[Item]]]:
        """The items grouped by phase, phases in their fixed order, empty phases left out."""
        groups = [(phase, [i for i in self.items if i.phase == phase]) for phase in PHASES]
        return [(phase, items) for phase, items in groups if items]


class Checklist(Strict):
    """The phases' headings, then each role's list under the role's id (any other key is a role)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[Ident, RoleChecklist]
    phases: Phases

    def roles(self) -> list[tuple[str, RoleChecklist]]:
        """Every role with its id, in the order written."""
        return list((self.model_extra or {}).items())

    def items(self) -> Iterator[tuple[str, int, Item]]:
        """Every item with its role and its index in that role's list."""
        for role, checklist in self.roles():
            for i, item in enumerate(checklist.items):
                yield role, i, item


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
