"""The start of every top-level build: a fresh build state (see build_state), whatever the last build left.

Runs before every other hook (``PRIORITY["begin"]``), in ``mkdocs build`` and in each rebuild of
``mkdocs serve``; not in static-i18n's nested builds of the other languages, which use the state of
the build they run in.
"""
from __future__ import annotations

from build_state import PRIORITY, STATE, begin
from i18n_adapter import is_outer_pass
from mkdocs.plugins import event_priority

from callguide.heap import freeze_what_lives


def on_startup(command, dirty):
    STATE.serving = command == "serve"
    STATE.command = command
    STATE.dirty = dirty


@event_priority(PRIORITY["begin"])
def on_config(config):
    if is_outer_pass(config):
        freeze_what_lives()  # every hook is imported by now: see callguide.heap
        begin(config)
    return config
