"""Checklist and schedule pages: links to files at the language root, calendar.ics and checklist.pdf.

Thin: finds the language and the output folder and calls the pure writers
(``callguide.calendar``, ``callguide.pdf``). The PDF is re-rendered only when its
inputs changed (content hash; cache in .cache/ at the repository root, or in
CALLGUIDE_CACHE_DIR when set). A missing Japanese font stops the build in
``on_config``, before the output folder is cleaned, like any data error.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from callguide.assets_out import write_if_changed
from callguide.calendar import make_calendar
from callguide.links import resolve
from callguide.pdf import FontMissing, japanese_font, write_checklist_pdf
from callguide.site import STATE, current_language, output_dir
from callguide.timings import step

log = logging.getLogger("mkdocs.hooks.checklist")


@event_priority(90)
def on_config(config):
    if current_language(config) == STATE.default_language:
        try:
            with step("font check", STATE.default_language):
                japanese_font()
        except FontMissing as exc:
            raise PluginError(exc.bilingual()) from None
    return config


def on_page_content(html, page, config, files):
    lang = current_language(config)
    return resolve(html, page.url, "" if lang == STATE.default_language else f"{lang}/")


def on_post_build(config):
    lang = current_language(config)
    out = output_dir(config)
    with step("ics", lang):
        write_if_changed(out / "calendar.ics", make_calendar(STATE.facts, lang))
    root = Path(config.config_file_path).resolve().parent
    cache = Path(os.environ.get("CALLGUIDE_CACHE_DIR") or root / ".cache") / "checklist-pdf"
    try:
        with step("pdf", lang) as timing:
            rendered = timing["rendered"] = write_checklist_pdf(STATE.facts, lang, out / "checklist.pdf", cache)
        if rendered:
            log.debug("checklist.pdf (%s) rendered", lang)
    except FontMissing as exc:
        raise PluginError(exc.bilingual()) from None
