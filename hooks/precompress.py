"""Precompressed gzip beside every text file of the built site (see callguide.precompress).

Runs once, at the very end: static-i18n builds English from inside its own
``on_post_build`` (priority -100), and the hooks that copy or write files after it
(the sitemap copy at -200) must come first, so this runs at -1000 and only in the
outer build. Anything that writes into the site later than -1000 gets no .gz.
Skipped under ``mkdocs serve``, where nothing is published. The gzip of large unchanged
files (the theme's) comes from a cache beside the PDF's (.cache/, or CALLGUIDE_CACHE_DIR).
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.plugins import event_priority

from callguide.precompress import precompress
from callguide.site import STATE, cache_root

log = logging.getLogger("mkdocs.hooks.precompress")
_SERVING = {"on": False}


def on_startup(command, dirty):
    _SERVING["on"] = command == "serve"


@event_priority(-1000)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if _SERVING["on"] or getattr(i18n, "building", False):
        return  # serving, or inside static-i18n's build of another language: the outer build does it once
    root = Path(config.site_dir)  # still the site root here, after static-i18n's other languages
    start = time.perf_counter()
    done = precompress(root, cache_root(config) / "gzip", skip=tuple(STATE.precompressed))
    log.debug("precompressed %d files (%d rewritten) in %.3f s", done.files, done.written, time.perf_counter() - start)
