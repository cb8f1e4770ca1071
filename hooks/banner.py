"""The notice on every page of an archived, draft or fictional call (see callguide.banner); the pages of an
archived or fictional call are not indexed."""
from __future__ import annotations

from build_state import STATE
from i18n_adapter import language, page_path

from callguide.banner import banner, insert, noindex
from callguide.render import Context
from callguide.status import archived_year


def on_post_page(output, page, config):
    lang = language(config)
    path = page_path(page, config)
    archived = archived_year()
    carried = STATE.check.carried if STATE.check else None
    return insert(output, banner(Context(STATE.facts, lang), path, archived, carried), noindex=noindex(STATE.facts, archived))
