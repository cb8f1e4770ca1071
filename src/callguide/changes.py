"""What changed between two calls, fact by fact: for ``make diff`` and the "what changed" page.

Both calls are loaded with the current model; every fact (``Facts.by_path``, the
paths of call.json) is compared by its canonical value, and a text by its Japanese
and its English. Each change is rendered with the same renderers as the pages: the
new value as a fact element (``data-fact``), the old one as the same element
without it (it is not a fact of the current call).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from .facts import Facts
from .languages import CODES, language
from .render import Context, MarkerError, as_plain, plain_text, render_value
from .types import Text

# The top-level blocks of call.yaml, with the page that shows each (for the changes page); every
# block has one (tests/test_tables.py).
SECTIONS: dict[str, tuple[dict[str, str], str]] = {
    "call": ({"ja": "公募の概要", "en": "The call"}, "index.md"),
    "names": ({"ja": "国・地域名と通貨名の表記", "en": "Names of countries and currencies"}, "index.md"),
    "documents": ({"ja": "公式の資料", "en": "Official documents"}, "apply.md"),
    "programme": ({"ja": "ASPIREについて", "en": "About ASPIRE"}, "aspire.md"),
    "joint_call": ({"ja": "本公募について", "en": "This joint call"}, "call.md"),
    "budget": ({"ja": "予算・研究期間", "en": "Budget and period"}, "budget.md"),
    "duplicates": ({"ja": "重複応募の制限", "en": "Duplicate applications"}, "duplicates.md"),
    "selfcheck": ({"ja": "応募資格チェック", "en": "Eligibility check"}, "eligibility.md"),
    "apply": ({"ja": "応募方法", "en": "How to apply"}, "apply.md"),
    "contents": ({"ja": "提案書の内容", "en": "The proposal"}, "proposal.md"),
    "contents_rules": ({"ja": "提案書の内容", "en": "The proposal"}, "proposal.md"),
    "evaluation": ({"ja": "審査", "en": "Evaluation"}, "evaluation.md"),
    "research_security": ({"ja": "研究セキュリティ", "en": "Research security"}, "security.md"),
    "schedule": ({"ja": "スケジュール", "en": "Schedule"}, "schedule.md"),
    "checklist": ({"ja": "チェックリスト", "en": "Checklist"}, "checklist.md"),
    "contacts": ({"ja": "問い合わせ先", "en": "Contact"}, "contact.md"),
    "guide_notes": ({"ja": "本ガイドの補足", "en": "Guide's notes"}, "index.md"),
}
# Which call this is (its year, its id, whether it is a draft): the page's own subject, not a change to list.
# Bookkeeping: `make diff` lists these under their own heading, and the page says it leaves them out, so that
# the two agree on what counts as a change (a diff after new-call lists them; the page says nothing changed).
NOT_ON_PAGE = {"call.id", "call.fiscal_year", "call.draft"}
BOOKKEEPING = "記録用の項目（変更点のページには載りません） / bookkeeping (not shown on the changes page)"
NONE = {"ja": "（なし）", "en": "(none)"}
_YES_NO = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Change:
    path: str
    old: Any  # None when added
    new: Any  # None when removed

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def section(self) -> str:
        return self.path.split(".")[0]


def canonical(value: Any) -> Any:
    """A fact's value as call.json holds it (texts as their two languages)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _leaves(facts: Facts) -> dict[str, Any]:
    """Facts that are one value (not a block or a list of other facts)."""
    return {p: v for p, v in facts.by_path.items() if not _is_group(v)}


def _is_group(value: Any) -> bool:
    from .facts import is_leaf

    return isinstance(value, list) or (isinstance(value, BaseModel) and not is_leaf(value))


def compare(old: Facts, new: Facts) -> list[Change]:
    """Every fact added, removed or changed, in the order of the new file (removed ones last)."""
    a, b = _leaves(old), _leaves(new)
    changes = [Change(p, a.get(p), v) for p, v in b.items() if p not in a or canonical(a[p]) != canonical(v)]
    changes += [Change(p, v, None) for p, v in a.items() if p not in b]
    return changes


# --- rendering -------------------------------------------------------------------------


def render(value: Any, path: str, facts: Facts, lang: str, as_fact: bool) -> Markup:
    """One side of a change as HTML, rendered like the pages render it."""
    if value is None:
        return Markup(f'<span class="cg-changes__none">{escape(NONE[lang])}</span>')
    ctx = Context(facts, lang)
    try:
        if isinstance(value, Text):
            from .render import render_text

            html = render_text(value[lang], ctx, inline=True)
        elif isinstance(value, bool):
            html = escape(_YES_NO[lang][0 if value else 1])
        else:
            html = render_value(value, path, ctx)
    except MarkerError:
        html = Markup(f"<code>{escape(canonical(value))}</code>")
    if not as_fact:
        html = Markup(re.sub(r'\sdata-fact="[^"]*"', "", str(html)))
    return html


def label(facts: Facts, path: str, lang: str) -> str:
    """A reader's name for a fact: the title or name of the nearest block that has one, else ''."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        for key in ("title", "name"):
            candidate = ".".join(parts[:end] + [key])
            value = facts.by_path.get(candidate)
            if isinstance(value, Text) and candidate != path:
                return plain_text(value[lang], Context(facts, lang))
    return ""


def as_text(change: Change, old: Facts, new: Facts, lang: str) -> tuple[str, str]:
    """Old and new value of a change as plain text in one language (for the terminal)."""
    return (
        _plain(render(change.old, change.path, old, lang, as_fact=False)),
        _plain(render(change.new, change.path, new, lang, as_fact=False)),
    )


def _plain(html: Markup) -> str:
    """One line of text: list items joined by "; " (render.as_plain drops the tags)."""
    text = as_plain(re.sub(r"<li[^>]*>", "; ", str(html)))
    return re.sub(r"\s+", " ", text).strip(" ;")


def report(changes: list[Change], old: Facts, new: Facts, old_name: str, new_name: str) -> str:
    """The terminal report of ``make diff``: each path with its old and new value in both languages.

    The facts the "what changed" page lists come first and are the ones counted; the bookkeeping
    (``NOT_ON_PAGE``) follows under its own heading.
    """
    shown = [c for c in changes if c.path not in NOT_ON_PAGE]
    kept = [c for c in changes if c.path in NOT_ON_PAGE]
    if not shown:
        out = [f"{old_name} → {new_name}: 変更なし / no facts changed", ""]
    else:
        out = [f"{old_name} → {new_name}: {len(shown)} 件の変更 / {len(shown)} fact(s) changed", ""]
    out += _entries(shown, old, new)
    if kept:
        out += [BOOKKEEPING, ""] + _entries(kept, old, new)
    return "\n".join(out).rstrip("\n") + "\n"


def _entries(changes: list[Change], old: Facts, new: Facts) -> list[str]:
    """Each change as its path and kind, then old → new in each language, and a blank line."""
    out: list[str] = []
    width = max(len(lang) for lang in CODES) + 1
    for c in changes:
        what = {"added": "追加 / added", "removed": "削除 / removed", "changed": "変更 / changed"}[c.kind]
        out.append(f"{c.path}  [{what}]")
        for lang in CODES:
            before, after = as_text(c, old, new, lang)
            out.append(f"  {lang + ':':<{width}} {before}")
            out.append(f"  {'':<{width}} → {after}")
        out.append("")
    return out


# --- the "what changed" page -------------------------------------------------------------

PAGE = {
    "ja": {
        "title": "前回の公募からの変更点",
        "intro": "{old}の公募と比べて、この案内の事実（日付・金額・規則・文章）で変わったものの一覧です。新しい値はこの案内の他のページと同じものです。",
        "none": "{old}の公募から変わった事実はありません。",
        "bookkeeping": "公募の年度・id・下書きかどうかは公募ごとに変わるため、この一覧には載せていません。",
        "item": "項目",
        "before": "前回（{old}）",
        "after": "今回",
        "archives": "過去の公募の案内（参考）",
        "link": "前回（{old}）の公募からの変更点",
        "year": "{year}の公募",
    },
    "en": {
        "title": "What changed since the previous call",
        "intro": "The facts of this guide (dates, amounts, rules and texts) that differ from the {old} call. The new values are the ones used everywhere in this guide.",
        "none": "No fact has changed since the {old} call.",
        "bookkeeping": "The call's year, its id and whether it is a draft change with every call, so they are not listed here.",
        "item": "Item",
        "before": "Before ({old})",
        "after": "Now",
        "archives": "Guides to earlier calls (for reference)",
        "link": "What changed since the {old} call",
        "year": "The {year} call",
    },
}


def page_markdown(changes: list[Change], old: Facts, new: Facts, lang: str, years: list[int], up: str) -> str:
    """The page, in one language: a table per section of what changed, and links to the archived guides.

    ``up`` leads from the page to the site root (``../`` for /changes/, ``../../`` for /en/changes/).
    """
    from .blocks import render_template
    from .format import fiscal_year

    t = PAGE[lang]
    old_year = fiscal_year(int(old.call.call.fiscal_year), lang)
    sections: dict[str, dict] = {}
    for c in changes:
        if c.path in NOT_ON_PAGE:
            continue
        name, page = SECTIONS[c.section]
        group = sections.setdefault(name[lang], {"id": c.section.replace("_", "-"), "title": name[lang], "page": page, "rows": []})
        source = new if c.new is not None else old
        group["rows"].append(
            {
                "path": c.path,
                "label": label(source, c.path, lang),
                "old": render(c.old, c.path, old, lang, as_fact=False),
                "new": render(c.new, c.path, new, lang, as_fact=True),
            }
        )
    archives = [
        {"href": f"{up}archive/{y}/" + language(lang).prefix, "text": t["year"].format(year=fiscal_year(y, lang))}
        for y in sorted(years, reverse=True)
    ]
    body = render_template(
        "changes.html",
        t=t,
        intro=t["intro" if sections else "none"].format(old=old_year),
        before=t["before"].format(old=old_year),
        sections=list(sections.values()),
        archives=archives,
    )
    return f"# {t['title']} {{#top}}\n\n{body}\n"


def home_link(old: Facts, lang: str) -> str:
    """The line the home page gets when an archive exists."""
    from .format import fiscal_year

    text = PAGE[lang]["link"].format(old=fiscal_year(int(old.call.call.fiscal_year), lang))
    return f'<p class="cg-changes-link"><a href="changes/">{escape(text)}</a></p>'
