"""The checklist blocks: a role's task list, the progress bar and reset, the download links.

``{{ checklist.japan_pi | checklist }}`` renders one role's items grouped by phase,
as real checkboxes. Ticks are kept in the browser by checklist.js under
``<call id>.<item id>``; without JavaScript the list is a plain list that prints.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..links import root_href
from ..model_checklist import Checklist, RoleChecklist
from . import render_template

if TYPE_CHECKING:
    from ..render import Context

LABELS = {
    "ja": {
        "progress": "{total}項目中{done}項目完了",
        "reset": "チェックをすべて外す",
        "saved": "チェックはこのブラウザに保存され、日本語版と英語版で共有されます。",
        "pdf": "印刷用チェックリスト（PDF）",
        "ics": "日程をカレンダーに追加（.ics）",
        "downloads": "ダウンロード",
    },
    "en": {
        "progress": "{done} of {total} done",
        "reset": "Clear all ticks",
        "saved": "Ticks are kept in this browser and shared by the Japanese and English pages.",
        "pdf": "Printable checklist (PDF)",
        "ics": "Add the dates to your calendar (.ics)",
        "downloads": "Downloads",
    },
}


def _phase_title(checklist: Checklist, phase: str, lang: str) -> str:
    return getattr(checklist.phases, phase)[lang]


def role_items(role: RoleChecklist, path: str, ctx: Context) -> list[dict]:
    """A role's items grouped by phase, texts rendered as fact HTML (shared with the PDF)."""
    checklist = ctx.facts.call.checklist
    groups = []
    for phase, items in role.by_phase():
        rows = []
        for item in items:
            index = role.items.index(item)
            rows.append({"id": item.id, "path": f"{path}.items.{index}", "html": ctx.text(item.text, f"{path}.items.{index}.text")})
        groups.append({"phase": phase, "title": _phase_title(checklist, phase, ctx.lang), "items": rows})
    return groups


def _role(value: RoleChecklist, path: str, ctx: Context) -> Markup:
    role = path.rsplit(".", 1)[-1]
    return render_template(
        "checklist.html",
        call_id=ctx.facts.call.call.id,
        role=role,
        groups=role_items(value, path, ctx),
        lang=ctx.lang,
    )


def _progress(value: Checklist, path: str, ctx: Context) -> Markup:
    total = sum(1 for _ in value.items())
    return render_template("checklist_progress.html", call_id=ctx.facts.call.call.id, total=total, t=LABELS[ctx.lang])


def _downloads(value: Checklist, path: str, ctx: Context) -> Markup:
    return render_template("checklist_downloads.html", pdf=root_href("checklist.pdf"), ics=root_href("calendar.ics"), t=LABELS[ctx.lang])


FORMS = {
    "checklist": (RoleChecklist, _role),
    "checklist_progress": (Checklist, _progress),
    "checklist_downloads": (Checklist, _downloads),
}
