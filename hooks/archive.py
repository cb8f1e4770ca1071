"""Archived years (see callguide.archive) and the "what changed" page.

- Each ``archive/<year>/`` snapshot is built as its own guide at /archive/<year>/ by a
  subprocess that imports the snapshot's callguide, started in the first ``on_config``
  so it runs while this site builds, joined and copied in the very last
  ``on_post_build`` (after static-i18n's nested English build). Outputs are cached
  by a hash of all their inputs: a later build only copies. No archive, no cost.
- With an archive, each language gets a generated page ``changes/`` (newest archive
  against the current data), in the navigation after the home page, linked from it.
- In an archive's own build (``CALLGUIDE_ARCHIVE``) this hook does nothing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from build_state import PRIORITY, STATE
from i18n_adapter import is_home, is_outer_pass, language, list_in_sitemap, localise_generated, set_alternates
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from callguide.archive import Archived, archived, build_command, build_env, cache_key, copy_output, seal
from callguide.changes import compare, home_link, page_markdown
from callguide.errors import JA_PREFIX
from callguide.faults import pause
from callguide.lifetime import tied_command
from callguide.precompress import precompress
from callguide.status import archived_year

CHANGES = "changes.md"


@event_priority(PRIORITY["archive_start"])
def on_config(config):
    if archived_year():
        pause("archive-build")  # test-only (callguide.faults): a kill while an archived year builds
        return config
    root = STATE.project
    if is_outer_pass(config):
        if STATE.facts.previous_error:
            raise PluginError(
                "the previous call's archived data no longer validates under the current code, so the changes page cannot be made:\n"
                f"{JA_PREFIX}前年度の公募のアーカイブ（data/archive/）が今のプログラムの検査に通らないため、変更点のページを作れません。"
                "アーカイブは書き換えず、プログラムの担当者に連絡してください。\n"
                f"{STATE.facts.previous_error}"
            )
        years = archived(root)
        if STATE.facts.previous:
            STATE.changes_page.update(old=STATE.facts.previous[0], years=[y.year for y in years])
        for item in years:
            _start(item, root, config.site_url, STATE.cache / "archive")
    if STATE.changes_page and CHANGES not in config.nav:
        config.nav.insert(1, CHANGES)
    return config


@event_priority(PRIORITY["changes_page"])
def on_files(files, config):
    """Add this language's changes page (after static-i18n has sorted the files by language).

    static-i18n only knows pages found in docs/: the page is given its alternates (so the language
    switch goes to the other language's changes page) and a place in the list static-i18n writes
    the sitemap from.
    """
    page = STATE.changes_page
    if not page:
        return files
    lang = language(config)
    changes = compare(page["old"], STATE.facts)
    up = "../" if lang == STATE.default_language else "../../"
    file = _changes_file(config, lang, page_markdown(changes, page["old"], STATE.facts, lang, page["years"], up))
    set_alternates(file, {other: file if other == lang else _changes_file(config, other, "") for other in STATE.languages})
    files.append(file)
    list_in_sitemap(config, lang, file)
    return files


def _changes_file(config, lang: str, content: str) -> File:
    """The changes page of ``lang`` at changes/ under that language's root."""
    file = File.generated(config, f"{lang}/{CHANGES}", content=content)
    file.dest_uri = "changes/index.html" if lang == STATE.default_language else f"{lang}/changes/index.html"
    file.url = file.dest_uri.removesuffix("index.html")
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
    localise_generated(file, lang, CHANGES)
    return file


def on_page_markdown(markdown, page, config, files):
    """The home page links the changes page when there is one."""
    if not STATE.changes_page or not is_home(page, config):
        return markdown
    heading = re.search(r"^# .*$", markdown, re.MULTILINE)
    at = heading.end() if heading else 0
    return f"{markdown[:at]}\n\n{home_link(STATE.changes_page['old'], language(config))}\n\n{markdown[at:].lstrip(chr(10))}"


@event_priority(PRIORITY["archive_copy"])
def on_post_build(config):
    """After static-i18n's English build (its -100 runs the whole of it): wait for the archives, copy them in.

    The first call at this priority is already after both languages were written (static-i18n's
    language is not reliable here: it still says English in the outer Japanese build).
    """
    runs = STATE.archive_runs
    if archived_year() or not runs:
        return
    site = STATE.site
    problems = []
    for item, out, proc in runs.values():
        if proc is not None:
            stdout, stderr = proc.communicate()
            built = _building(out)
            if proc.returncode != 0:
                shutil.rmtree(built, ignore_errors=True)
                problems.append(f"archive/{item.year} ({item.data.name}):\n{(stdout + stderr).strip()}")
                continue
            precompress(built, STATE.cache / "gzip")  # once, in the cache: every .gz comes with the archive
            seal(built)
            built.rename(out)
        copy_output(out, site / "archive" / str(item.year))
        STATE.precompressed.append(site / "archive" / str(item.year))
    runs.clear()
    if problems:
        raise PluginError("an archived year did not build:\n" + "\n".join(problems))


def _start(item: Archived, root: Path, site_url: str | None, cache: Path) -> None:
    """Start building one archived year unless its output is cached (in ``cache``)."""
    env = build_env(item, site_url, cache / "pdf")
    out = cache / f"{item.year}-{cache_key(item, env)}"
    if out.is_dir():
        STATE.archive_runs[item.year] = (item, out, None)
        return
    for stale in cache.glob(f"{item.year}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = _building(out)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    # Tied to this build (callguide.lifetime): a killed build does not leave the archived year's build running.
    proc = subprocess.Popen(tied_command(build_command(item, tmp)), env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    STATE.archive_runs[item.year] = (item, out, proc)


def _building(out: Path) -> Path:
    """Where an archived year is built before it becomes the cache entry ``out``."""
    return out.with_name(out.name + ".tmp")
