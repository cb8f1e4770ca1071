"""Replace fact markers in each page with fact elements in the language being built."""
from __future__ import annotations

from callguide.pages import replace
from callguide.render import Context
from callguide.site import STATE, current_language


def on_page_markdown(markdown, page, config, files):
    return replace(markdown, Context(STATE.facts, current_language(config)))
