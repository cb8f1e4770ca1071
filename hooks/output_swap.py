"""The output folder: old site or new site, never half (see callguide.output_swap).

The top-level build's ``on_config`` (``PRIORITY["output_begin"]``, right after build_start, before any
hook reads ``STATE.site``) points the build at a new folder beside the output; the very last
``on_post_build`` (``PRIORITY["output_commit"]``: after static-i18n's nested builds, the archived
years, the sitemap and the .gz files) puts it in the output's place, unless a warning is about to
fail ``--strict``; a failure removes it. ``mkdocs build``, ``make build``, ``make serve`` and
``gh-deploy`` all go through it; ``--dirty`` builds write in place, as asked.
"""
from __future__ import annotations

import logging

from build_state import PRIORITY, STATE
from i18n_adapter import is_outer_pass, language
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from callguide import output_swap
from callguide.faults import pause


@event_priority(PRIORITY["output_begin"])
def on_config(config):
    if STATE.dirty or not is_outer_pass(config):
        return config
    STATE.output = STATE.site
    STATE.site = output_swap.begin(STATE.output)
    config.site_dir = str(STATE.site)
    return config


def on_files(files, config):
    if is_outer_pass(config) and language(config) == STATE.default_language:
        pause("after-clean")  # test-only (callguide.faults): a kill after MkDocs emptied the folder it builds into
    return files


@event_priority(PRIORITY["output_commit"])
def on_post_build(config):
    """Everything is made: the new site takes the output's place (the top-level build only)."""
    if not is_outer_pass(config) or STATE.output is None:
        return
    if config.strict and _warned():
        return  # MkDocs is about to stop the build (--strict): on_build_error removes the new folder
    output_swap.commit(STATE.site, STATE.output)
    STATE.site, STATE.output = STATE.output, None
    config.site_dir = str(STATE.site)  # gh-deploy publishes from here next


def on_build_error(error):
    if STATE.output is not None:
        output_swap.abandon(STATE.site)
        STATE.site, STATE.output = STATE.output, None


def _warned() -> bool:
    """A warning was logged in this build: what makes MkDocs' --strict stop it right after on_post_build."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
