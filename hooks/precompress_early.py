"""The early pass of the .gz files: started when the default language is built (see hooks/precompress.py).

static-i18n builds every other language from inside the default language's ``on_post_build``
(priority -100); this runs just before it, in the top-level build only, and leaves a thread
compressing the default language's files (``STATE.precompress_early``) while the others build.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass
from mkdocs.plugins import event_priority

from callguide.precompress import precompress


@event_priority(PRIORITY["precompress_early"])
def on_post_build(config):
    if STATE.serving or not is_outer_pass(config) or STATE.precompress_early is not None:
        return
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="precompress-early")
    private = STATE.output is not None  # a folder of this build's own (output_swap.py)
    STATE.precompress_early = pool.submit(precompress, STATE.site, STATE.cache / "gzip", workers=1, skip=tuple(STATE.precompressed), private=private)
    pool.shutdown(wait=False)
