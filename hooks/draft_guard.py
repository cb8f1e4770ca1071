"""A draft call is not built for publishing without an explicit choice (see callguide.drafts), and a
fictional call is never built into the project's own site/ (see callguide.fictional).

Runs right after hooks/call_data.py has loaded the data (``PRIORITY["draft_guard"]``), before
anything is rendered or written: ``SITE_URL`` set (outside ``mkdocs serve``) or ``mkdocs gh-deploy``
on a draft stops the build with a message in both languages, unless CALLGUIDE_DRAFT_PREVIEW=1; a
fictional call whose output is site/ (``make build``, ``mkdocs build``, ``gh-deploy``) stops with a
located message in both languages, whatever the variables say.
"""
from __future__ import annotations

import os

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from callguide import drafts, fictional
from callguide.loader import load_bytes
from callguide.pipeline import data_file
from callguide.status import archived_year


@event_priority(PRIORITY["draft_guard"])
def on_config(config):
    if not is_outer_pass(config) or archived_year():
        return config
    call = STATE.facts.call.call
    if call.fictional:
        output = STATE.output or STATE.site  # the folder the site replaces (output_swap), or the one written in place
        if fictional.into_project_site(output, STATE.project):
            shown = data_file(STATE.project)[1]
            line, col = load_bytes(STATE.data, shown).where_key(("call", "fictional"))
            raise PluginError(fictional.refusal(shown, line, col, str(output)))
    if not call.draft:
        return config
    why = drafts.publishing(STATE.command, config.site_url)
    if why and os.environ.get(drafts.PREVIEW_VARIABLE) != "1":
        raise PluginError(drafts.refusal(data_file(STATE.project)[1], why))
    return config
