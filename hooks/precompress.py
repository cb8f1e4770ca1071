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

Each page's .gz is made earlier, by a process of its own (callguide.early_gzip): the last
``on_post_page`` of both languages sends it the page's final HTML, and the pass at the end keeps
each .gz that matches its file. Only in a build into a folder of its own (output_swap.py).
"""
from __future__ import annotations

import logging
import time

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass
from mkdocs.plugins import event_priority

from callguide.early_gzip import EarlyGzip
from callguide.precompress import precompress

log = logging.getLogger("mkdocs.hooks.precompress")


def on_config(config):
    """Start the pages' gzip process (after output_swap has pointed the build at a folder of its own),
    unless a PDF is being rendered (checklist.py's on_config ran before): the worker has the second core then."""
    if is_outer_pass(config) and not STATE.serving and STATE.output is not None and not STATE.pdf.rendering:
        STATE.early_gzip = EarlyGzip()
    return config


@event_priority(PRIORITY["gzip_page"])
def on_post_page(output, page, config):
    """The page as MkDocs is about to write it (every other hook has run): its .gz, in the other process.
    (The static files are left to the pass at the end: the large ones, the theme's, come from the gzip cache
    there, which costs less than gzipping them again in the other process at every build.)"""
    if STATE.early_gzip is not None and output.strip():
        STATE.early_gzip.page(page.file.abs_dest_path, output)
    return output


@event_priority(PRIORITY["precompress"])
def on_post_build(config):
    if STATE.serving or not is_outer_pass(config):
        return  # serving, or inside static-i18n's build of another language: the outer build does it once
    if STATE.early_gzip is not None:
        STATE.early_gzip.finish()  # every page sent has its .gz: the pass below keeps them
        STATE.early_gzip = None
    start = time.perf_counter()
    done = precompress(STATE.site, STATE.cache / "gzip", skip=tuple(STATE.precompressed), private=STATE.output is not None)
    log.debug("precompressed %d files (%d rewritten) in %.3f s", done.files, done.written, time.perf_counter() - start)


@event_priority(PRIORITY["gzip_stop"])
def on_build_error(error):
    """A failed build ends the process before output_swap removes the folder it writes into."""
    if STATE.early_gzip is not None:
        STATE.early_gzip.stop()
        STATE.early_gzip = None
