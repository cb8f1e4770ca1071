"""Reminders for a call with another partner, or one more: what `make check` cannot call wrong but staff
easily leave behind (issue 17; found by a staff member turning the 2025 call into another partner's).

- A deadline on one side written in another zone than that side's: after the partner's zone changed,
  its deadline still says Europe/London. It is a valid deadline (shown in its own zone, Japan time and
  every partner's), so this is a reminder, not an error: some calls do close in another zone.
- A partner whose lead's checklist or budget planner no page shows: the pages name each partner's
  sections by marker (STAFF.md section 9), and a partner added in the data alone has none.

Each is ``(path, english, japanese)``, located by the caller like any problem, and never stops a build.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import JA_PREFIX
from .facts import Facts
from .loader import page_text
from .sides import HOME, home_zone
from .types import Deadline


def reminders(facts: Facts, docs: Path) -> list[tuple[str, str, str]]:
    call = facts.call
    found: list[tuple[str, str, str]] = []
    zones = {HOME: str(home_zone(call)), **{pid: p.zone for pid, p in call.partners.items()}}
    for name, milestone in call.schedule.milestones():
        zone = zones.get(milestone.side)
        if isinstance(milestone.when, Deadline) and zone is not None and milestone.when.zone != zone:
            found.append((
                f"schedule.{name}.when.zone",
                f"this deadline is on the side '{milestone.side}', whose zone is {zone}, but it is written in {milestone.when.zone}: "
                f"if the side's zone changed, write the deadline in the new zone (as it stands, it is also shown in {milestone.when.zone} time)",
                f"この締切は「{milestone.side}」側のものですが、その側のタイムゾーン {zone} ではなく {milestone.when.zone} で書かれています。"
                f"相手側のタイムゾーンを変えたのなら、締切も新しいタイムゾーンで書いてください（このままでは {milestone.when.zone} の時刻も表示されます）。",
            ))
    pages = "\n".join(filter(None, (page_text(p) for p in sorted(docs.rglob("*.md")))))  # an unreadable page is the check's problem
    for key, role in call.checklist.roles():
        if role.side in call.partners and not _named(pages, f"checklist.{key}"):
            found.append((
                f"checklist.{key}",
                f"no page shows this role's checklist: add a section with {{{{ checklist.{key} | checklist }}}} to docs/ja/checklist.md and docs/en/checklist.md (staff guide, section 9)",
                f"この役割のチェックリストを表示するページがありません。docs/ja/checklist.md と docs/en/checklist.md に {{{{ checklist.{key} | checklist }}}} の節を加えてください（スタッフガイド9章）。",
            ))
    for pid in call.partners:
        if not _named(pages, f"partners.{pid}.budget"):
            found.append((
                f"partners.{pid}.budget",
                f"no page shows this partner's budget planner: add a section with {{{{ partners.{pid}.budget | planner }}}} to docs/ja/planner.md and docs/en/planner.md (staff guide, section 9)",
                f"この相手側の予算プランナーを表示するページがありません。docs/ja/planner.md と docs/en/planner.md に {{{{ partners.{pid}.budget | planner }}}} の節を加えてください（スタッフガイド9章）。",
            ))
    return found


def _named(pages: str, path: str) -> bool:
    """Whether a marker names ``path`` or a fact under it in any page."""
    return re.search(r"\{\{\s*" + re.escape(path) + r"(?![\w])", pages) is not None


def heading(count: int) -> str:
    """The line above the reminders (never an error)."""
    return (
        f"{count} reminder(s) about the call's sides (not errors; look at the pages):\n"
        f"{JA_PREFIX}相手側についての確認が {count} 件あります（エラーではありません。ページで確かめてください）。"
    )
