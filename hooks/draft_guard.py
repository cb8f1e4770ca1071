"""A draft call is not built for publishing without an explicit choice (see callguide.drafts).

Runs right after hooks/call_data.py has loaded the data (``PRIORITY["draft_guard"]``), before
anything is rendered or written: ``SITE_URL`` set (outside ``mkdocs serve``) or ``mkdocs gh-deploy``
on a draft stops the build with a message in both languages, unless CALLGUIDE_DRAFT_PREVIEW=1.
"""
from __future__ import annotations

import os

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from callguide import drafts
from callguide.pipeline import data_file
from callguide.status import archived_year


@event_priority(PRIORITY["draft_guard"])
def on_config(config):
    if not is_outer_pass(config) or archived_year() or not STATE.facts.call.call.draft:
        return config
    why = drafts.publishing(STATE.command, config.site_url)
    if why and os.environ.get(drafts.PREVIEW_VARIABLE) != "1":
        raise PluginError(drafts.refusal(data_file(STATE.project)[1], why))
    return config
