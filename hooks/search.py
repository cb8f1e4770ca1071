"""Search in the reader's language, by words (see callguide.search and callguide/worker/search.js).

Material's search plugin still collects the sections and draws the search box and results; at
the very end of the build (after static-i18n has written the index of both languages) this hook
turns that index into ``search/ja.json`` and ``search/en.json`` (Japanese cut into words by
SudachiPy) and puts its own worker beside them. Each page's ``__config`` names that worker with
the page's language (and what the worker needs to know of it: callguide.search.worker_query), so a
search started on an English page searches English pages only.
Material's ``search_index.json`` keeps only its ``config``: the bundle still fetches it, and its
highlighter reads the separator from it (whitespace and hyphens, so a compound in ``?h=`` is
marked whole).
"""
from __future__ import annotations

import hashlib
import json
import re
from importlib.resources import files

import material_search
from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass, language, page_path
from mkdocs.plugins import event_priority

from callguide import timings
from callguide.assets_out import write_if_changed
from callguide.search import Segmenter, build_indexes, cache_file, worker_query, write_indexes

WORKER = files("callguide").joinpath("worker", "search.js").read_bytes()
WORKER_VERSION = hashlib.sha1(WORKER).hexdigest()[:8]
SEPARATOR = r"[\s\-]+"
_WORKER_REF = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(")')
_H1 = re.compile(r'<h1 id="([^"]+)"')
_CELL_END = re.compile(r"(</t[hd]>)(?=<t[hd][\s>])")


def on_config(config):
    """Material's indexer skips the pages whose HTML it has read before (material_search.py)."""
    material_search.remember_sections()
    return config


def on_page_content(html, page, config, files):
    """A newline after each line break and between adjacent table cells, so that Material's indexer, which
    drops tags, does not run their texts together ("FEC)about", "FrameCap"). Neither newline is rendered
    (one starts a line, the other stands between cells), so the page looks the same."""
    return _CELL_END.sub(r"\1\n", html.replace("<br>", "<br>\n").replace("<br />", "<br />\n"))


def on_post_page(output, page, config):
    lang = language(config)
    m = _H1.search(output)
    if m:
        STATE.h1_ids[page_path(page, config)] = m[1]  # page location in the index ('en/budget/') → id of its <h1>
    return _WORKER_REF.sub(lambda m: f"{m[1]}{m[2]}search/worker.js?{worker_query(lang)}&v={WORKER_VERSION}{m[3]}", output, count=1)


@event_priority(PRIORITY["search_index"])
def on_post_build(config):
    if not is_outer_pass(config):
        return  # inside static-i18n's build of another language: the outer build writes both at the end
    material_search.prune()
    folder = STATE.site / "search"
    index_file = folder / "search_index.json"
    if not index_file.exists():
        return
    data = json.loads(index_file.read_text(encoding="utf-8"))
    if not data.get("docs"):
        return
    with timings.step("search index", "all"):
        segment = Segmenter(cache_file(STATE.cache))
        others = tuple(lang for lang in STATE.languages if lang != STATE.default_language)
        indexes = build_indexes(data["docs"], STATE.h1_ids, segment, default=STATE.default_language, others=others)
        segment.save()
        write_indexes(indexes, folder, write_if_changed)
        write_if_changed(folder / "worker.js", WORKER)
        config_only = {"config": {**data.get("config", {}), "separator": SEPARATOR}, "docs": []}
        write_if_changed(index_file, json.dumps(config_only, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
