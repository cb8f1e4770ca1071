"""Forms that name a partner in a page's own words: in headings, link texts, anchors and meta descriptions.

The prose of docs/ names a partner only through facts (issue 17 part 3). A partner's texts are facts
already (``{{ partners.uk.short }}``: 英 / UK); these forms add the names labels use, so that prose,
headings and labels agree and a call with another partner (or two) reads right from its data alone.
English names a country in three ways (the UK / Germany in a sentence, UK / German before a noun,
UK / Germany joined with Japan): each is the partner's data (``name``, ``adjective``, ``short``), so no
page or code knows a country.

- ``{{ partners.uk | name }}``: the partner in running text, article included (英国 / the UK, Germany:
  ``guide.partner_name``), so a page types no "the" before it: "researchers in {{ partners.uk | name }}";
- ``{{ partners.uk | name_start }}``: the same, capitalised to start a sentence (The UK, Germany);
- ``{{ partners.uk | adjective }}``: the partner before a noun (英国 / UK, German: ``guide.partner_adjective``):
  "the {{ partners.uk | adjective }} project lead";
- ``{{ partners.uk | side }}``: its side (英国側 / UK side, German side: ``guide.side_label``);
- ``{{ partners.uk | id }}``: its id, for a heading's anchor (``## … {#{{ partners.uk | id }}}``);
- ``{{ partners | joint }}``: the call's sides together (日英 / Japan–UK; 日独加 / Japan–Germany–Canada).

Each renders as bare, escaped text (no element), like a data text: it can sit in a heading (and so in
the table of contents and the page title), an attribute list or the front matter's description.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..errors import MarkerError
from ..model_partners import Partner
from .guide import partner_adjective, partner_name, side_label

if TYPE_CHECKING:
    from ..render import Context

# Interface labels: how the home side and the partners' short forms join (日英, Japan–UK; one more
# partner's short form is added to those before it by ``joint_next``). Facts never go here.
LABELS: dict[str, dict[str, str]] = {
    "ja": {"joint": "日{shorts}", "joint_next": "{shorts}{short}"},
    "en": {"joint": "Japan–{shorts}", "joint_next": "{shorts}–{short}"},
}


def _partner_id(path: str) -> str:
    head, _, pid = path.rpartition(".")
    if head != "partners":
        raise MarkerError(f"'{path}' is not a partner (write partners.<id>)", f"「{path}」は相手側の機関ではありません。partners.<id> の形で書いてください。")
    return pid


def name_form(value: Partner, path: str, ctx: Context) -> Markup:
    return escape(partner_name(_partner_id(path), ctx))


def name_start_form(value: Partner, path: str, ctx: Context) -> Markup:
    name = partner_name(_partner_id(path), ctx)
    return escape(name[:1].upper() + name[1:])


def adjective_form(value: Partner, path: str, ctx: Context) -> Markup:
    return escape(partner_adjective(_partner_id(path), ctx))


def side_form(value: Partner, path: str, ctx: Context) -> Markup:
    return escape(side_label(_partner_id(path), ctx))


def id_form(value: Partner, path: str, ctx: Context) -> Markup:
    return escape(_partner_id(path))


def joint_form(value: dict, path: str, ctx: Context) -> Markup:
    if path != "partners":
        raise MarkerError(f"'| joint' shows the call's partners: write {{{{ partners | joint }}}}, not '{path}'", f"「| joint」は相手側の一覧に使います。{{{{ partners | joint }}}} と書いてください（「{path}」には使えません）。")
    t = LABELS[ctx.lang]
    first, *more = (p.short[ctx.lang] for p in ctx.facts.call.partners.values())
    shorts = first
    for short in more:
        shorts = t["joint_next"].format(shorts=shorts, short=short)
    return escape(t["joint"].format(shorts=shorts))


FORMS = {
    "name": (Partner, name_form),
    "name_start": (Partner, name_start_form),
    "adjective": (Partner, adjective_form),
    "side": (Partner, side_form),
    "id": (Partner, id_form),
    "joint": (dict, joint_form),
}
