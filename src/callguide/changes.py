"""What changed between two calls, fact by fact: for ``make diff`` and the "what changed" page.

The current call is loaded with the current model; the older one is read as its call.json
(``previous.Previous``: an archived year never has to pass today's model), its paths moved to
today's where call.json's format moved them (``paths.py``). Every fact (``Facts.by_path``, the
paths of call.json) is compared by its value in call.json, and a text by its Japanese and its
English as typed (markers and all). A fact only moved (same value, new path) is "moved":
``make diff`` lists it with the bookkeeping, the page leaves it out. Each change is rendered with
the same renderers as the pages: the new value as a fact element (``data-fact``), the old one,
read back into today's type of that fact, as the same element without it (it is not a fact of
the current call); an old value today's type no longer reads is shown as it is in call.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape as escape_text
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from . import call_json
from .call_json import META
from .facts import Facts
from .languages import CODES, language
from .previous import Previous
from .render import Context, MarkerError, as_plain, plain_text, render_value
from .types import Text

# The top-level blocks of call.yaml, with the page that shows each (for the changes page); every
# block has one (tests/test_tables.py).
SECTIONS: dict[str, tuple[dict[str, str], str]] = {
    "call": ({"ja": "公募の概要", "en": "The call"}, "index.md"),
    "sources": ({"ja": "出典の資料", "en": "Sources"}, "contact.md"),
    "names": ({"ja": "国・地域名と通貨名の表記", "en": "Names of countries and currencies"}, "index.md"),
    "documents": ({"ja": "公式の資料", "en": "Official documents"}, "apply.md"),
    "programme": ({"ja": "ASPIREについて", "en": "About ASPIRE"}, "aspire.md"),
    "joint_call": ({"ja": "本公募について", "en": "This joint call"}, "call.md"),
    "partners": ({"ja": "相手国側の資金配分機関", "en": "Partner funders"}, "call.md"),
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
# call.fictional marks a test fixture (callguide.fictional), never a real call: an archive whose call.json
# predates the flag (format 2) has none, which is no change for readers either.
NOT_ON_PAGE = {"call.id", "call.fiscal_year", "call.draft", "call.fictional"}
BOOKKEEPING = "記録用の項目（変更点のページには載りません） / bookkeeping (not shown on the changes page)"
NONE = {"ja": "（なし）", "en": "(none)"}
_YES_NO = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Change:
    path: str
    old: Any  # None when added; else its value in the older call.json
    new: Any  # None when removed
    was: str | None = None  # the older call's path, when the fact moved
    same: bool = False  # moved only: the same value at a new path

    @property
    def kind(self) -> str:
        if self.same:
            return "moved"
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

    return isinstance(value, (list, dict)) or (isinstance(value, BaseModel) and not is_leaf(value))


def older(old: Previous | Facts) -> Previous:
    """The older call as compared: a Facts (a call today's model reads) is read as its call.json."""
    return old if isinstance(old, Previous) else Previous.from_facts(old, "")


def compare(old: Previous | Facts, new: Facts) -> list[Change]:
    """Every fact added, removed, changed or moved, in the order of the new file (removed ones last)."""
    from .previous import MISSING, at

    old = older(old)
    tree = call_json.tree(new)
    b = _leaves(new)
    changes = []
    for p, v in b.items():
        before = old.get(p)
        if v is None:  # an optional fact not given now
            if before is not MISSING:
                changes.append(Change(p, before, None, _moved(old, p)))
            continue
        if before is MISSING:
            changes.append(Change(p, None, v))
            continue
        typed = old.typed_text(p) if isinstance(v, Text) else None
        now = at(tree, p)
        if typed is not None:  # as typed, markers and all; whether it is the guide's own, as call.json says
            same = typed == {lang: v[lang] for lang in CODES} and _own(before) == _own(now)
        else:  # a value that names a fact (a self-check rule's source) names it at its path of today
            same = before == now or (isinstance(before, str) and old.current_path(before) == now != before)
        was = _moved(old, p)
        if not same or was:
            changes.append(Change(p, before, v, was, same))
    changes += _removed(old, new)
    return changes


def _removed(old: Previous, new: Facts) -> list[Change]:
    """Each block or fact of the older call with no place in the new one, once (a block as a whole)."""
    out: list[Change] = []

    def walk(node: Any, path: str) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            if not path and key in META:
                continue
            here = f"{path}.{key}" if path else str(key)
            now = old.current_path(here)
            if now not in new.by_path and not _lives_on(child, here):
                out.append(Change(now, child, None, _moved(old, now)))
            elif now not in new.by_path or _is_group(new.by_path[now]):
                walk(child, here)  # a block that is still there, or whose parts moved elsewhere one by one

    def _lives_on(node: Any, path: str) -> bool:
        """Whether any part of an older block has a place today (budget.uk: its cap moved to partners.uk.budget)."""
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        return any(old.current_path(f"{path}.{key}") in new.by_path or _lives_on(child, f"{path}.{key}") for key, child in items)

    walk(old.doc, "")
    return out


def _moved(old: Previous, path: str) -> str | None:
    was = old.archived_path(path)
    return None if was == path else was


def _own(node: Any) -> bool:
    return isinstance(node, dict) and bool(node.get("own"))




# --- rendering -------------------------------------------------------------------------


def render_old(value: Any, path: str, new: Facts, lang: str) -> Markup:
    """The older value of a fact (as its call.json holds it) as HTML: read back into today's type of
    the fact where it still reads, rendered like the pages; a text as its plain reading; else as it is."""
    if value is None:
        return render(None, path, new, lang, as_fact=False)
    sample = new.by_path.get(path)
    if isinstance(value, dict) and isinstance(value.get(lang), str) and (sample is None or isinstance(sample, Text)):
        return Markup(escape_text(value[lang], quote=False))  # as the pages write text (quotes as they are)
    try:
        if isinstance(sample, BaseModel):
            value = _typed_again(type(sample), value)
        elif isinstance(sample, date) and isinstance(value, str):
            value = date.fromisoformat(value)
        elif sample is not None and not isinstance(sample, bool) and type(value) is not type(sample):
            value = type(sample)(value)  # a number or string type of its own (such as a fiscal year)
    except (ValueError, TypeError):
        return Markup(f"<code>{escape(json.dumps(value, ensure_ascii=False))}</code>")
    if isinstance(value, (dict, list)):
        return Markup(f"<code>{escape(json.dumps(value, ensure_ascii=False))}</code>")
    return render(value, path, new, lang, as_fact=False)


_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d")


def _typed_again(kind: type[BaseModel], value: Any) -> BaseModel:
    """A fact's call.json value as today's type: as it is, or with its times as call.yaml writes them
    (call.json writes a time with its offset, call.yaml as local time beside its zone)."""
    try:
        return kind.model_validate(value)
    except ValueError:
        return kind.model_validate(_as_typed(value))


def _as_typed(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _as_typed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_typed(v) for v in node]
    if isinstance(node, str) and _ISO_TIME.fullmatch(node):
        return datetime.fromisoformat(node).strftime("%Y-%m-%d %H:%M")
    return node


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


def label(facts: Facts | Previous, path: str, lang: str) -> str:
    """A reader's name for a fact: the title or name of the nearest block that has one, else ''."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        for key in ("title", "name"):
            candidate = ".".join(parts[:end] + [key])
            if isinstance(facts, Previous):  # a removed fact: the older call.json's plain text
                value = facts.get(candidate)
                if candidate != path and isinstance(value, dict) and isinstance(value.get(lang), str):
                    return value[lang]
                continue
            value = facts.by_path.get(candidate)
            if isinstance(value, Text) and candidate != path:
                return plain_text(value[lang], Context(facts, lang))
    return ""


def as_text(change: Change, old: Previous, new: Facts, lang: str) -> tuple[str, str]:
    """Old and new value of a change as plain text in one language (for the terminal)."""
    return (
        _plain(render_old(change.old, change.path, new, lang)),
        _plain(render(change.new, change.path, new, lang, as_fact=False)),
    )


def _plain(html: Markup) -> str:
    """One line of text: list items joined by "; " (render.as_plain drops the tags)."""
    text = as_plain(re.sub(r"<li[^>]*>", "; ", str(html)))
    return re.sub(r"\s+", " ", text).strip(" ;")


def on_page(change: Change) -> bool:
    """Whether the "what changed" page lists a change (not the call's own bookkeeping, not a fact only moved)."""
    return change.path not in NOT_ON_PAGE and change.kind != "moved"


def report(changes: list[Change], old: Previous | Facts, new: Facts, old_name: str, new_name: str) -> str:
    """The terminal report of ``make diff``: each path with its old and new value in both languages.

    The facts the "what changed" page lists come first and are the ones counted; the bookkeeping
    (``NOT_ON_PAGE``, and facts only moved to a new path) follows under its own heading.
    """
    old = older(old)
    shown = [c for c in changes if on_page(c)]
    kept = [c for c in changes if not on_page(c)]
    if not shown:
        out = [f"{old_name} → {new_name}: 変更なし / no facts changed", ""]
    else:
        out = [f"{old_name} → {new_name}: {len(shown)} 件の変更 / {len(shown)} fact(s) changed", ""]
    out += _entries(shown, old, new)
    if kept:
        out += [BOOKKEEPING, ""] + _entries(kept, old, new)
    return "\n".join(out).rstrip("\n") + "\n"


def _entries(changes: list[Change], old: Previous, new: Facts) -> list[str]:
    """Each change as its path and kind, then old → new in each language, and a blank line."""
    out: list[str] = []
    width = max(len(lang) for lang in CODES) + 1
    for c in changes:
        what = {"added": "追加 / added", "removed": "削除 / removed", "changed": "変更 / changed", "moved": "移動 / moved"}[c.kind]
        if c.was:
            what += f" from {c.was}" if c.kind == "moved" else f"; moved from {c.was}"
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


def page_markdown(changes: list[Change], old: Previous | Facts, new: Facts, lang: str, years: list[int], up: str) -> str:
    """The page, in one language: a table per section of what changed, and links to the archived guides.

    ``up`` leads from the page to the site root (``../`` for /changes/, ``../../`` for /en/changes/).
    """
    from .blocks import render_template
    from .format import fiscal_year

    old = older(old)
    t = PAGE[lang]
    old_year = fiscal_year(old.year, lang)
    sections: dict[str, dict] = {}
    for c in changes:
        if not on_page(c):
            continue
        name, page = SECTIONS.get(c.section, ({"ja": c.section, "en": c.section}, "index.md"))
        group = sections.setdefault(name[lang], {"id": c.section.replace("_", "-"), "title": name[lang], "page": page, "rows": []})
        source = new if c.new is not None else old
        group["rows"].append(
            {
                "path": c.path,
                "label": label(source, c.path, lang),
                "old": render_old(c.old, c.path, new, lang),
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


def home_link(old: Previous | Facts, lang: str) -> str:
    """The line the home page gets when an archive exists."""
    from .format import fiscal_year

    text = PAGE[lang]["link"].format(old=fiscal_year(older(old).year, lang))
    return f'<p class="cg-changes-link"><a href="changes/">{escape(text)}</a></p>'
