"""The output folder: old site or new site, never half (see callguide.output_swap).

The first ``on_config`` (before any other hook reads ``site_dir``) points the build at a new
folder beside the output; the very last ``on_post_build`` of the outer build (after
static-i18n's English build, the archived years, the sitemap and the .gz files) puts it in
the output's place, unless a warning is about to fail ``--strict``; a failure removes it.
``mkdocs build``, ``make build``, ``make serve`` and ``gh-deploy`` all go through it;
``--dirty`` builds write in place, as asked.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from callguide import output_swap
from callguide.faults import pause
from callguide.site import STATE, current_language

_BUILD: dict[str, object] = {}  # "dirty": the command's --dirty; "site": the output; "tmp": where this build writes


def on_startup(command, dirty):
    _BUILD["dirty"] = dirty


@event_priority(200)
def on_config(config):
    i18n = config.plugins.get("i18n")
    if _BUILD.get("dirty") or getattr(i18n, "building", False) or current_language(config) != STATE.default_language:
        return config
    site = Path(config.site_dir)
    _BUILD["site"] = site
    _BUILD["tmp"] = output_swap.begin(site)
    config.site_dir = str(_BUILD["tmp"])
    return config


def on_files(files, config):
    if current_language(config) == STATE.default_language:
        pause("after-clean")  # test-only (callguide.faults): a kill after MkDocs emptied the folder it builds into
    return files


@event_priority(-5000)
def on_post_build(config):
    """Everything is made: the new site takes the output's place (the outer build only)."""
    if getattr(config.plugins.get("i18n"), "building", False) or "tmp" not in _BUILD:
        return
    if config.strict and _warned():
        return  # MkDocs is about to stop the build (--strict): on_build_error removes the new folder
    output_swap.commit(_BUILD.pop("tmp"), _BUILD["site"])
    config.site_dir = str(_BUILD["site"])  # gh-deploy publishes from here next


def on_build_error(error):
    tmp = _BUILD.pop("tmp", None)
    if tmp is not None:
        output_swap.abandon(tmp)


def _warned() -> bool:
    """A warning was logged in this build: what makes MkDocs' --strict stop it right after on_post_build."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
