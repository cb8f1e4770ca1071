"""Replace fact markers in each page with fact elements in the language being built."""
from __future__ import annotations

from build_state import STATE
from i18n_adapter import language

from callguide.pages import replace
from callguide.render import Context
from callguide.timings import step


def on_page_markdown(markdown, page, config, files):
    lang = language(config)
    with step("markers", lang):
        return replace(markdown, Context(STATE.facts, lang))
