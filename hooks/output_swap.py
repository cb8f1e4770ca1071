"""The output folder: old site or new site, never half (see callguide.output_swap)."""
from __future__ import annotations

from callguide.faults import pause
from callguide.site import STATE, current_language


def on_files(files, config):
    if current_language(config) == STATE.default_language:
        pause("after-clean")  # test-only (callguide.faults): a kill after MkDocs emptied the folder it builds into
    return files
