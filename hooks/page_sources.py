"""End each page with the sources of the facts it shows (callguide.page_sources), in its language.

Runs on the page's HTML once the blocks are back in it (fact_markers, build_state.PRIORITY
"blocks_back"), so every fact element the page renders is seen, with the facts and data texts
fact_markers noted while rendering the page's markers (``page.callguide_shown``: texts have no element
of their own); before toc.py in mkdocs.yml, so the section's heading is seen with the others.
"""
from __future__ import annotations

from build_state import STATE
from i18n_adapter import language

from callguide.page_sources import section


def on_page_content(html, page, config, files):
    return html + section(html, STATE.facts, language(config), getattr(page, "callguide_shown", ()))
