"""The notice on every page of an archived or draft call (see callguide.banner)."""
from __future__ import annotations

from callguide.banner import banner, insert
from callguide.render import Context
from callguide.site import STATE, current_language
from callguide.status import archived_year


def on_post_page(output, page, config):
    lang = current_language(config)
    path = page.url if lang == STATE.default_language or page.url.startswith(f"{lang}/") else f"{lang}/{page.url}"
    archived = archived_year()
    carried = STATE.check.carried if STATE.check else None
    return insert(output, banner(Context(STATE.facts, lang), path, archived, carried), noindex=bool(archived))
