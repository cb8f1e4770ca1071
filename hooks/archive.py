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
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from callguide.archive import Archived, archived, build_command, build_env, cache_key, copy_output, discard, seal, verified
from callguide.cache import writable
from callguide.changes import compare, home_link, page_markdown
from callguide.errors import JA_PREFIX
from callguide.format import LANGS
from callguide.precompress import precompress
from callguide.site import STATE, cache_root, current_language
from callguide.status import archived_year

CHANGES = "changes.md"
_RUNS: dict[int, tuple[Archived, Path, subprocess.Popen | None]] = {}
_PAGE: dict = {}
_SITE: dict[str, Path] = {}


@event_priority(80)
def on_config(config):
    if archived_year():
        return config
    root = Path(config.config_file_path).resolve().parent
    if current_language(config) == STATE.default_language:
        _RUNS.clear()
        _PAGE.clear()
        STATE.precompressed.clear()
        _SITE["dir"] = Path(config.site_dir)
        if STATE.check.previous_error:
            raise PluginError(
                "the previous call's archived data no longer validates under the current code, so the changes page cannot be made:\n"
                f"{JA_PREFIX}前年度の公募のアーカイブ（data/archive/）が今のプログラムの検査に通らないため、変更点のページを作れません。"
                "アーカイブは書き換えず、プログラムの担当者に連絡してください。\n"
                f"{STATE.check.previous_error}"
            )
        years = archived(root)
        if STATE.check.previous:
            _PAGE.update(old=STATE.check.previous[0], years=[y.year for y in years])
        for item in years:
            _start(item, root, config.site_url, cache_root(config) / "archive")
    if _PAGE and CHANGES not in config.nav:
        config.nav.insert(1, CHANGES)
    return config


@event_priority(-150)
def on_files(files, config):
    """Add this language's changes page (after static-i18n has sorted the files by language).

    static-i18n only knows pages found in docs/: the page is given its alternates (so the language
    switch goes to the other language's changes page) and a place in the list static-i18n writes
    the sitemap from.
    """
    if not _PAGE:
        return files
    lang = current_language(config)
    changes = compare(_PAGE["old"], STATE.facts)
    up = "../" if lang == STATE.default_language else "../../"
    file = _changes_file(config, lang, page_markdown(changes, _PAGE["old"], STATE.facts, lang, _PAGE["years"], up))
    file.alternates = {other: file if other == lang else _changes_file(config, other, "") for other in LANGS}
    files.append(file)
    i18n = config.plugins.get("i18n")
    listed = getattr(i18n, "i18n_files_per_language", {}).get(lang)
    if isinstance(listed, list) and file not in listed:
        listed.append(file)
    return files


def _changes_file(config, lang: str, content: str) -> File:
    """The changes page of ``lang`` at changes/ under that language's root."""
    file = File.generated(config, f"{lang}/{CHANGES}", content=content)
    file.dest_uri = "changes/index.html" if lang == STATE.default_language else f"{lang}/changes/index.html"
    file.url = file.dest_uri.removesuffix("index.html")
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = CHANGES
    return file


def on_page_markdown(markdown, page, config, files):
    """The home page links the changes page when there is one."""
    lang = current_language(config)
    if not _PAGE or page.file.src_uri != f"{lang}/index.md":
        return markdown
    heading = re.search(r"^# .*$", markdown, re.MULTILINE)
    at = heading.end() if heading else 0
    return f"{markdown[:at]}\n\n{home_link(_PAGE['old'], lang)}\n\n{markdown[at:].lstrip(chr(10))}"


@event_priority(-250)
def on_post_build(config):
    """After static-i18n's English build (its -100 runs the whole of it): wait for the archives, copy them in.

    The first call at this priority is already after both languages were written (static-i18n's
    language is not reliable here: it still says English in the outer Japanese build).
    """
    if archived_year() or not _RUNS:
        return
    site = _SITE["dir"]
    problems = []
    for item, out, proc in _RUNS.values():
        if proc is not None:
            stdout, stderr = proc.communicate()
            built = _building(out)
            if proc.returncode != 0:
                shutil.rmtree(built, ignore_errors=True)
                problems.append(f"archive/{item.year} ({item.data.name}):\n{(stdout + stderr).strip()}")
                continue
            precompress(built, cache_root(config) / "gzip")  # once, in the cache: every .gz comes with the archive
            seal(built, out)
            built.rename(out)
        copy_output(out, site / "archive" / str(item.year))
        STATE.precompressed.append(site / "archive" / str(item.year))
        if out.parent != cache_root(config) / "archive":  # built outside a cache that cannot be written: this build's only
            shutil.rmtree(out.parent, ignore_errors=True)
    _RUNS.clear()
    if problems:
        raise PluginError("an archived year did not build:\n" + "\n".join(problems))


def _start(item: Archived, root: Path, site_url: str | None, cache: Path) -> None:
    """Start building one archived year unless its output is cached (in ``cache``; in a folder of this
    build's own when the cache cannot be written, removed once the year is copied into the site)."""
    if not writable(cache):
        cache = Path(tempfile.mkdtemp(prefix="callguide-archive-"))
    env = build_env(item, site_url, cache / "pdf")
    out = cache / f"{item.year}-{cache_key(item, env)}"
    if verified(out):
        _RUNS[item.year] = (item, out, None)
        return
    for stale in cache.glob(f"{item.year}-*"):
        discard(stale)
    tmp = _building(out)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    (cache / "tmp").mkdir(exist_ok=True)
    proc = subprocess.Popen(build_command(item, tmp), env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _RUNS[item.year] = (item, out, proc)


def _building(out: Path) -> Path:
    """Where an archived year is built before it becomes the cache entry ``out``."""
    return out.with_name(out.name + ".tmp")
