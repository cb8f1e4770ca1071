"""The section that ends each page: "Sources of this page" / 「このページの出典」.

It is found from the page as rendered, never listed by hand: the ``data-fact`` elements the page
shows (each a fact of call.json), the ``data-own`` ones (the guide's own statements), and the facts
and data texts its markers rendered (``render.shown_by``: a text, such as a criterion's points or a
partner's assessment, is words with no element of its own, shown directly or through a block). Each fact's
source is ``provenance.source_of``; a computed value counts the documents of the facts it is computed
from. The section lists those documents in the order of ``sources`` (title, link when public, the
date checked, as fact elements themselves), and "this guide's own notes" when the page shows any.
A page that shows no fact gets nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from .facts import Facts
from .provenance import COMPUTED, DOCUMENT, GUIDE_PART, OWN, source_of
from .render import Context, render_marker, text_html

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "heading": "このページの出典",
        "checked": "（{date}確認）",
        "unchecked": "（未確認）",
        "own": "本ガイドの補足（資料にない、本ガイドの読み方や助言。「本ガイドの補足：」と示しています）",
    },
    "en": {
        "heading": "Sources of this page",
        "checked": " (checked {date})",
        "unchecked": " (not checked yet)",
        "own": "This guide's own notes (its reading or advice, in no document; marked \"Guide's note:\")",
    },
}
HEADING_ID = "page-sources"
_FACT = re.compile(r'\sdata-fact="([^"]+)"')
_OWN = re.compile(r'\sdata-own="([^"]+)"')


def found(html: str, facts: Facts, shown: Iterable[str] = ()) -> tuple[list[str], bool]:
    """The ids of the documents the page's facts come from (in the order of ``sources``), and whether
    the page shows any of the guide's own statements or parts: its fact elements, and ``shown``, the
    paths its markers rendered (``render.shown_by``)."""
    documents: set[str] = set()
    own = bool(_OWN.search(html))
    for path in dict.fromkeys([*_FACT.findall(html), *sorted(shown)]):
        kinds = _kinds(facts, path, documents, set())
        own = own or bool(kinds & {OWN, GUIDE_PART})
    return [i for i in facts.call.sources if i in documents], own


def _kinds(facts: Facts, path: str, documents: set[str], seen: set[str]) -> set[str]:
    """The kinds of source behind the fact at ``path`` (a computed value: behind each of its inputs),
    adding each document to ``documents``. The sources block's own facts (a checked date) count for none."""
    if path in seen or path == "sources" or path.startswith("sources.") or path not in facts:
        return set()
    seen.add(path)
    source = source_of(facts, path)
    if source.kind == COMPUTED:
        kinds: set[str] = set()
        for p in (*source.inputs, *([source.stated] if source.stated else [])):
            kinds |= _kinds(facts, p, documents, seen)
        return kinds
    if source.kind == DOCUMENT and source.document is not None:
        documents.add(source.document)
    return {source.kind}


def section(html: str, facts: Facts, lang: str, shown: Iterable[str] = ()) -> str:
    """The page's sources section in ``lang`` (empty for a page that shows no fact and no own statement);
    ``shown``: the paths its markers rendered (``render.shown_by``)."""
    ids, own = found(html, facts, shown)
    if not ids and not own:
        return ""
    ctx = Context(facts, lang)
    t = LABELS[lang]
    items = []
    for ident in ids:
        doc = facts.call.sources[ident]
        title = text_html(doc.title, f"sources.{ident}.title", ctx)
        if doc.url:
            title = Markup(f'<a href="{escape(doc.url)}" data-fact="sources.{ident}.url">{title}</a>')
        if doc.checked is not None:
            date = render_marker(f"sources.{ident}.checked", None, ctx)
            checked = Markup(str(escape(t["checked"])).replace("{date}", str(date)))
        else:
            checked = escape(t["unchecked"])
        items.append(f"<li>{title}{checked}</li>")
    if own:
        items.append(f"<li>{escape(t['own'])}</li>")
    return (
        f'<section class="page-sources" aria-labelledby="{HEADING_ID}" data-search-exclude>'
        f'<h2 id="{HEADING_ID}">{escape(t["heading"])}</h2><ul>{"".join(items)}</ul></section>'
    )
