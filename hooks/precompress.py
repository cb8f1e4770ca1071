"""Precompressed gzip beside every text file of the built site (see callguide.precompress).

Two passes, in the top-level build only (skipped under ``mkdocs serve``, where nothing is published):

- the early pass (hooks/precompress_early.py, ``PRIORITY["precompress_early"]``): when the default language is built, before
  static-i18n builds the other languages from inside its ``on_post_build``, a thread starts
  compressing what is written so far. zlib and file writes release the GIL, so this work runs on
  the second core while the other language builds.
- the last pass (``PRIORITY["precompress"]``, -1000, after the sitemap copy, the search index and
  the archived years): waits for the thread, then goes over every file again. A .gz the thread made
  of a file that has changed since (the sitemap, the 404 page put back at the root) no longer
  matches it (callguide.precompress._packs) and is made again; the others are kept. Anything written
  into the site later than -1000 gets no .gz.

The gzip of large unchanged files (the theme's) comes from a cache beside the PDF's (.cache/, or
CALLGUIDE_CACHE_DIR). A build that fails waits for the thread before its folder is removed
(output_swap.py), so nothing is written into a folder being removed.
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
    early = STATE.precompress_early
    if early is not None:
        try:
            early.result()
        except Exception as exc:  # e.g. a file it read was being replaced: this pass makes every .gz anyway
            log.debug("early precompress pass: %s", exc)
    done = precompress(STATE.site, STATE.cache / "gzip", skip=tuple(STATE.precompressed), private=STATE.output is not None)
    log.debug("precompressed %d files (%d rewritten) in %.3f s", done.files, done.written, time.perf_counter() - start)
