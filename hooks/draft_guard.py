"""A draft call is not built for publishing without an explicit choice (see callguide.drafts).

Runs right after hooks/call_data.py has loaded the data (priority 95), before anything is
rendered or written: ``SITE_URL`` set (outside ``mkdocs serve``) or ``mkdocs gh-deploy`` on a
draft stops the build with a message in both languages, unless CALLGUIDE_DRAFT_PREVIEW=1.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from callguide import drafts
from callguide.pipeline import data_file
from callguide.site import STATE, current_language
from callguide.status import archived_year

_COMMAND: dict[str, str] = {}


def on_startup(command, dirty):
    _COMMAND["name"] = command


@event_priority(95)
def on_config(config):
    if current_language(config) != STATE.default_language or archived_year() or not STATE.facts.call.call.draft:
        return config
    why = drafts.publishing(_COMMAND.get("name"), config.site_url)
    if why and os.environ.get(drafts.PREVIEW_VARIABLE) != "1":
        _, shown = data_file(Path(config.config_file_path).resolve().parent)
        raise PluginError(drafts.refusal(shown, why))
    return config
