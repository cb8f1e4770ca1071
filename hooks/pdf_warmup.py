"""On an empty PDF cache, start the PDF worker and its WeasyPrint import before the data is checked.

Runs ahead of hooks/call_data.py (``PRIORITY["pdf_warmup"]``): a fresh clone's first build then imports
WeasyPrint on the second core while this one checks the data and builds the pages. With any
PDF in the cache, it does nothing. The worker is stopped if the build fails.
"""
from __future__ import annotations

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass
from mkdocs.plugins import event_priority

from callguide.pdf import PDF_CACHE


@event_priority(PRIORITY["pdf_warmup"])
def on_config(config):
    if is_outer_pass(config):
        STATE.pdf.prepare(STATE.cache / PDF_CACHE)
    return config


def on_build_error(error):
    STATE.pdf.close()
