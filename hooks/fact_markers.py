"""Replace fact markers in each page with fact elements in the language being built.

A block alone on its line (a form, a table, the timeline) goes through Markdown as a short
stand-in and is put back in the HTML Markdown made (see ``callguide.pages.replace``): the same
page, without Markdown parsing the block's HTML tag by tag. It is put back before any other
hook sees the page's HTML (build_state.PRIORITY["blocks_back"]).
"""
from __future__ import annotations

import re

from build_state import PRIORITY, STATE
from i18n_adapter import language
from mkdocs.plugins import event_priority

from callguide.pages import fill_slots, plain_markers, replace
from callguide.render import Context
from callguide.timings import step


def on_page_markdown(markdown, page, config, files):
    lang = language(config)
    with step("markers", lang):
        page.callguide_slots = []
        # Notes every fact and data text the page shows, for its sources (hooks/page_sources.py).
        ctx = Context(STATE.facts, lang, set())
        if isinstance((page.meta or {}).get("description"), str):  # the front matter's markers (checked with the page)
            page.meta["description"] = plain_markers(page.meta["description"], ctx)
            ctx.shown.clear()  # the meta description is not shown on the page
        page.callguide_shown = ctx.shown
        return replace(markdown, ctx, page.callguide_slots)


@event_priority(PRIORITY["blocks_back"])
def on_page_content(html, page, config, files):
    slots = getattr(page, "callguide_slots", [])
    html = fill_slots(html, slots)
    if slots and page.present_anchor_ids is not None:
        # MkDocs checks links to anchors against the ids it saw in the Markdown's HTML; the blocks' own
        # (a proposal part's #part-budget-plan) come back only here, and without them each link to one
        # was reported as missing its anchor (at INFO: staff read it as a broken link).
        page.present_anchor_ids |= set(_ID.findall(html))
    return html


_ID = re.compile(r'\sid="([^"]+)"')
