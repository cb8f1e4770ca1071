"""On an empty PDF cache, start the PDF worker and its WeasyPrint import before the data is checked.

Runs ahead of hooks/call_data.py (priority 110): a fresh clone's first build then imports
WeasyPrint on the second core while this one checks the data and builds the pages. With any
PDF in the cache, it does nothing. The worker is stopped if the build fails.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from callguide.pdf import RENDERER
from callguide.site import STATE, cache_root, current_language


@event_priority(110)
def on_config(config):
    if current_language(config) == STATE.default_language:
        RENDERER.prepare(cache_root(config) / "checklist-pdf")
    return config


def on_build_error(error):
    RENDERER.close()
