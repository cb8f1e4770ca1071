"""Load and check call.yaml and every page before MkDocs writes anything.

static-i18n builds Japanese first and only then English, into the same
output folder. So the whole check (data, and markers in the pages of both
languages) runs in the first ``on_config``, before MkDocs cleans the output:
a bad edit stops the build with located errors and leaves the last good site.
"""
from __future__ import annotations

import logging

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass, language
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from callguide.drift import heading as drift_heading
from callguide.errors import JA_PREFIX, DataError, links_heading, reminders_heading, unsourced_heading
from callguide.partner_reminders import heading as side_heading
from callguide.pipeline import data_file, load_and_check_cached, read_data
from callguide.render import plain
from callguide.timings import step

log = logging.getLogger("mkdocs.hooks.call_data")


@event_priority(PRIORITY["load_data"])
def on_config(config):
    lang = language(config)
    root = STATE.project
    outer = is_outer_pass(config)
    if outer or STATE.facts is None:
        try:
            with step("load and check", lang):
                STATE.data = read_data(root)
                STATE.check = load_and_check_cached(root, root / "docs", STATE.cache / "checked", STATE.data)
                STATE.facts = STATE.check.facts
        except DataError as exc:
            STATE.facts = STATE.check = None
            count = len(exc.problems)
            raise PluginError(
                f"{count} problem(s) in the data or the pages; nothing was built:\n"
                f"{JA_PREFIX}データかページに問題が {count} 件あります。直すまでサイトは作られません（前のサイトはそのままです）。\n{exc}"
            ) from None
    if outer and STATE.check.reminders:
        log.info("%s\n%s", reminders_heading(len(STATE.check.reminders)), "\n".join(str(p) for p in STATE.check.reminders))
    if outer and STATE.check.translation_reminders:
        log.info("%s\n%s", drift_heading(len(STATE.check.translation_reminders)), "\n".join(str(p) for p in STATE.check.translation_reminders))
    if outer and STATE.check.missing_links:
        log.info("%s\n%s", links_heading(len(STATE.check.missing_links)), "\n".join(str(p) for p in STATE.check.missing_links))
    if outer and STATE.check.unsourced:  # INFO, never a WARNING: a staff edit adding a block is not blocked
        log.info("%s\n%s", unsourced_heading(len(STATE.check.unsourced)), "\n".join(str(p) for p in STATE.check.unsourced))
    if outer and STATE.check.side_reminders:  # INFO, never a WARNING (partner_reminders.py)
        log.info("%s\n%s", side_heading(len(STATE.check.side_reminders)), "\n".join(str(p) for p in STATE.check.side_reminders))
    data, _ = data_file(root)
    if str(data) not in config.watch and not str(data).startswith(str(root / "data")):
        config.watch.append(str(data))  # `make serve` with CALL_FILE outside data/ rebuilds on its edits too
    # MkDocs' templates do not autoescape: the names go in as escaped Markup (a str, so `| e` leaves it alone).
    config.site_name = escape(plain(STATE.facts, "call.name", lang))
    config.site_description = escape(plain(STATE.facts, "call.theme_title", lang))
    return config
