"""Material's search indexer, made to remember what it read: the one place the project changes Material.

Material's search plugin reads every built page with its own HTML parser (``Parser``, Python's
html.parser underneath) to cut it into sections for the index. Our pages hold the rendered blocks
(tables, dates, amounts as elements) where plain Material has bare markers, so that parse is the
largest cost a page of ours adds over plain Material: some 2 ms a page, most of the warm build's
extra time at three times the pages. The sections depend only on the page's HTML and Material's
version, so they are kept in the cache (``search-sections/``, one entry per page's HTML, hash-checked
when read like every entry: callguide.cache.Store) and a page whose HTML is unchanged is not parsed.

``remember_sections`` puts ``MemoParser`` in the place of ``material.plugins.search.plugin.Parser``,
which ``SearchIndex.add_entry_from_context`` makes for each page and feeds the page's HTML once;
tests/test_material_search.py fails when the pinned Material stops working that way.
"""
from __future__ import annotations

import sys
from pathlib import Path

from build_state import STATE
from material.plugins.search import plugin as search_plugin

from callguide.cache import Store, key

_OWN_CODE = Path(__file__).read_bytes()
FOLDER = "search-sections"
PATTERN = "*.sections"
KEPT = 300  # the pages of both languages, a few versions each (as the gzip cache keeps)


def _store() -> Store:
    return Store(STATE.cache / FOLDER)


# Material's own parser, also when this module is run again in one process (a MemoParser already in its place).
_MATERIAL_PARSER = getattr(search_plugin.Parser, "material_parser", search_plugin.Parser)


class MemoParser(_MATERIAL_PARSER):
    """Material's parser, but the sections of HTML it has cut before come from the cache."""

    material_parser = _MATERIAL_PARSER

    def feed(self, data: str) -> None:
        # The HTML (a lone surrogate kept as it is), the parser's code: Material's version, Python's html.parser
        # (the interpreter's version) and this module.
        self._entry = f"{key(data.encode('utf-8', 'surrogatepass'), sys.version, _OWN_CODE, libraries=('mkdocs-material',))}.sections"
        sections = _store().load(self._entry)
        if sections is not None:
            self.data = sections
            self._entry = None  # nothing to keep at close
            return
        super().feed(data)

    def close(self) -> None:
        entry = getattr(self, "_entry", None)
        if entry is None:
            return
        super().close()
        _store().dump(entry, self.data)


def remember_sections() -> None:
    """From now on Material's indexer parses only pages it has not seen (idempotent)."""
    search_plugin.Parser = MemoParser


def prune() -> None:
    """Keep the most recently used sections (a page changed often leaves older versions behind)."""
    Store(STATE.cache / FOLDER, keep=KEPT, patterns=(PATTERN,)).prune()
