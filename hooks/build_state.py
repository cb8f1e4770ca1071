"""What the hooks share during one build, and the order they run in.

One object, ``STATE``, holds everything a hook leaves for another (or for its own later event):
the checked facts, the archived years being built, the PDFs being rendered, the default
language's 404 page, … It is reset by hooks/build_start.py at the start of each top-level build
(``mkdocs build``, and each rebuild of ``mkdocs serve``), and never between the languages of one
build: static-i18n builds every other language from inside the default language's
``on_post_build`` (see i18n_adapter), and those builds use what the first one checked.

``PRIORITY`` is the one table of the hooks' event priorities (MkDocs runs a higher priority first,
and hooks of equal priority in mkdocs.yml's order; unnamed events run at 0). Every
``@event_priority`` in hooks/ names an entry of it (tests/test_i18n_adapter.py checks).
"""
from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field, fields
from pathlib import Path

import i18n_adapter

from callguide.archive import Archived
from callguide.archive_place import Placement
from callguide.early_gzip import EarlyGzip
from callguide.facts import Facts
from callguide.languages import DEFAULT
from callguide.pdf import PdfRenderer
from callguide.pipeline import Checked
from callguide.site import cache_root

PRIORITY = {
    # on_config, top-level build only, before every other hook:
    "begin": 120,          # build_start: reset STATE
    "output_begin": 115,   # output_swap: build into a new folder beside the output (STATE.site), not into it
    "pdf_warmup": 110,     # pdf_warmup: on an empty PDF cache, start WeasyPrint's import in the worker
    "load_data": 100,      # call_data: read and check call.yaml and every page (stops a bad build here)
    "draft_guard": 95,     # draft_guard: a draft is not built for publishing without CALLGUIDE_DRAFT_PREVIEW=1
    "pdf_start": 90,       # checklist: check the Japanese font, start rendering the PDFs the cache lacks
    "archive_start": 80,   # archive: queue each archived year's build (a subprocess, a few at once)
    # on_page_content, each page, before any other hook reads the page's HTML:
    "blocks_back": 100,    # fact_markers: put back the blocks Markdown was given as stand-ins (callguide.pages.replace)
    # 50: static-i18n's on_page_markdown, on_page_context, on_template_context
    # on_post_template of 404.html, before theme_fixes makes each language's 404 from it:
    "trim_404": 10,        # assets: the 404 page links only the tool files it uses, as every page does
    # 0: every other hook event (fact markers, links, head tags, language of parts, …)
    # -100: static-i18n's on_config, on_files, on_nav, on_post_page, and its on_post_build,
    #       which runs the whole build of every other language (i18n_adapter.POST_BUILD_PRIORITY)
    "changes_page": -150,  # archive.on_files: add the "what changed" page after static-i18n sorted the files
    "sitemap_copy": -200,  # sitemap.on_post_build: after static-i18n wrote the shared sitemap
    "search_index": -200,  # search.on_post_build: after static-i18n wrote both languages' index
    "archive_copy": -250,  # archive.on_post_build: after both languages: join the archived builds, link them in
    "precompress": -1000,  # precompress.on_post_build: last, once, after every file is written
    "output_commit": -5000,  # output_swap.on_post_build: the whole new site takes the output's place
    # on_post_page, each page of both languages, after every other hook (static-i18n's at -100):
    "gzip_page": -1000,    # precompress: the page's final HTML to the gzip process (callguide.early_gzip)
    # on_build_error (output_swap's, at 0, removes the new folder):
    "gzip_stop": 10,       # precompress: end the gzip process first, so nothing writes into the folder as it goes
}


@dataclass
class BuildState:
    """Everything shared between hooks during one top-level build (all its languages)."""

    # --- set by ``begin`` from the configuration: plain values -----------------------------
    default_language: str = DEFAULT.code
    languages: tuple[str, ...] = ()  # every language built, the default first
    project: Path = Path()  # the folder of mkdocs.yml
    site: Path = Path()  # the site's root folder: where this build writes (a new folder beside ``output``)
    output: Path | None = None  # output_swap.py: the output folder the new site replaces once whole (None: in place)
    cache: Path = Path()  # where builds keep what they can reuse (callguide.site.cache_root)
    # --- call_data.py: the checked facts, reused by every hook and by the other languages ----
    facts: Facts | None = None
    check: Checked | None = None  # all the check returned: the facts above, previous call, reminders, call.json's text
    data: bytes = b""  # the data file's bytes, read once (the calendar and PDF caches key on them)
    # --- checklist.py / pdf_warmup.py: the PDF worker, and PDFs left for the last language ----
    pdf: PdfRenderer = field(default_factory=PdfRenderer)
    waiting_pdfs: dict[str, Path] = field(default_factory=dict)  # language → where its PDF goes
    # --- archive.py ------------------------------------------------------------------------
    archive_placement: Placement | None = None  # the archived years found in the cache, being put beside the site
    archive_runs: dict[int, tuple[Archived, Future]] = field(default_factory=dict)  # year → its cache entry being built (the cache lacked it)
    changes_page: dict = field(default_factory=dict)  # "old": the previous call's facts, "years": archived years
    # Folders whose files came with their own .gz (archived years): precompress.py leaves them alone.
    precompressed: list[Path] = field(default_factory=list)
    early_gzip: EarlyGzip | None = None  # precompress.py: the process gzipping each page as it is built
    # --- theme_fixes.py: the default language's 404 page, put back at the root after the last build
    root_404: str | None = None
    # --- search.py: page location in the index ('en/budget/') → id of its <h1> ---------------
    h1_ids: dict[str, str] = field(default_factory=dict)
    # --- for the whole process, not reset: ``mkdocs serve`` (set by build_start.on_startup) --
    serving: bool = field(default=False, metadata={"process": True})
    command: str = field(default="", metadata={"process": True})  # MkDocs' command: build, serve, gh-deploy
    dirty: bool = field(default=False, metadata={"process": True})  # --dirty: the build writes in place
    serve_failure: bytes | None = field(default=None, metadata={"process": True})  # serve_errors.py: the page while the last build failed

    def reset(self) -> None:
        """Back to a new build's state (the process-wide fields stay); the old PDF worker is stopped."""
        self.pdf.close()
        fresh = BuildState()
        for f in fields(self):
            if not f.metadata.get("process"):
                setattr(self, f.name, getattr(fresh, f.name))


STATE = BuildState()


def begin(config) -> None:
    """Start a top-level build: a fresh state with the configuration's plain values."""
    STATE.reset()
    STATE.default_language = i18n_adapter.default_language(config)
    STATE.languages = i18n_adapter.languages(config)
    STATE.project = i18n_adapter.project_dir(config)
    STATE.site = i18n_adapter.site_dir(config)
    STATE.cache = cache_root(STATE.project)
