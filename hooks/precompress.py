"""Precompressed gzip beside every text file of the built site (see callguide.precompress).

Runs once, at the very end: static-i18n builds English from inside its own
``on_post_build`` (priority -100), and the hooks that copy or write files after it
(the sitemap copy at -200) must come first, so this runs at -1000 and only in the
outer build. Anything that writes into the site later than -1000 gets no .gz.
Skipped under ``mkdocs serve``, where nothing is published. The gzip of large unchanged
files (the theme's) comes from a cache beside the PDF's (.cache/, or CALLGUIDE_CACHE_DIR).
A build into its own new folder (output_swap.py) writes each new .gz straight into it.

(A pass started earlier, in a thread while the other language built, was tried and removed: it read
files that later hooks and the other language's build were still writing, and so looked up and filled
gzip cache entries for contents no build publishes, differently from one run to the next.)
"""
from __future__ import annotations

import logging
import time

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass
from mkdocs.plugins import event_priority

from callguide.precompress import precompress

log = logging.getLogger("mkdocs.hooks.precompress")


@event_priority(PRIORITY["precompress"])
def on_post_build(config):
    if STATE.serving or not is_outer_pass(config):
        return  # serving, or inside static-i18n's build of another language: the outer build does it once
    start = time.perf_counter()
    done = precompress(STATE.site, STATE.cache / "gzip", skip=tuple(STATE.precompressed), private=STATE.output is not None)
    log.debug("precompressed %d files (%d rewritten) in %.3f s", done.files, done.written, time.perf_counter() - start)
