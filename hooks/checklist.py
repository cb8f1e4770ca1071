"""Checklist and schedule pages: links to files at the language root, calendar.ics and checklist.pdf.

Thin: finds the language and the output folder and calls the pure writers
(``callguide.calendar``, ``callguide.pdf``). The PDF is re-rendered only when its
inputs changed (content hash; cache in .cache/ at the repository root, or in
CALLGUIDE_CACHE_DIR when set). A missing Japanese font stops the build in
``on_config``, before the output folder is cleaned, like any data error.
"""
from __future__ import annotations

import logging

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass, language, output_dir
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from callguide.assets_out import write_if_changed
from callguide.calendar import cached_calendar
from callguide.errors import JA_PREFIX, Explained
from callguide.links import resolve
from callguide.pdf import PDF_CACHE, checklist_job, japanese_font
from callguide.timings import step

log = logging.getLogger("mkdocs.hooks.checklist")


@event_priority(PRIORITY["pdf_start"])
def on_config(config):
    """Before anything is built: check the font, then start rendering any PDF the cache lacks in a worker."""
    if is_outer_pass(config):
        try:
            with step("font check", STATE.default_language):
                japanese_font()
            with step("pdf start", STATE.default_language):
                STATE.pdf.start([checklist_job(STATE.facts, lang, STATE.cache / PDF_CACHE, STATE.data) for lang in STATE.languages])
        except Explained as exc:  # no Japanese font (FontMissing), or CALLGUIDE_PDF_TIMEOUT not a number of seconds
            raise PluginError(exc.bilingual()) from None
    return config


def on_page_content(html, page, config, files):
    lang = language(config)
    return resolve(html, page.url, "" if lang == STATE.default_language else f"{lang}/")


def on_post_build(config):
    """calendar.ics and checklist.pdf at the language's root. A PDF not yet rendered when its language's
    build ends waits (in ``STATE.waiting_pdfs``) for the last language's build to end, so that its
    rendering in the worker overlaps that build instead of holding up this one."""
    lang = language(config)
    out = output_dir(config)
    with step("ics", lang):
        write_if_changed(out / "calendar.ics", cached_calendar(STATE.facts, lang, STATE.data, STATE.cache / "calendar"))
    waiting = STATE.waiting_pdfs
    waiting[lang] = out / "checklist.pdf"
    if lang != STATE.languages[-1] and not STATE.pdf.ready(lang):
        return  # written when the last language's build ends
    for name, target in list(waiting.items()):
        with step("pdf", name) as timing:
            try:
                rendered = timing["rendered"] = STATE.pdf.finish(name, target)
            except Explained as exc:  # the engine stuck past its limit (PdfTimeout): stopped, said in both languages
                raise PluginError(f"checklist.pdf ({name}) could not be made: {exc.bilingual()}") from None
            except Exception as exc:  # raised in the worker: say which file, without a traceback
                raise PluginError(f"checklist.pdf ({name}) could not be made: {exc}\n{JA_PREFIX}チェックリストの PDF（{name}）を作れませんでした：{exc}") from None
        del waiting[name]
        if rendered:
            log.debug("checklist.pdf (%s) rendered", name)
