"""Archived years (see callguide.archive) and the "what changed" page.

- Each ``archive/<year>/`` snapshot is built as its own guide at /archive/<year>/ by a
  subprocess that imports the snapshot's callguide, queued in the first ``on_config``
  so it runs while this site builds, joined and copied in the very last
  ``on_post_build`` (after static-i18n's nested English build). Outputs are cached
  by a hash of all their inputs: a later build only copies them, and the copying (with the
  key and the check of the entry) runs from ``on_config`` in a process of its own beside the
  pages (callguide.archive_place), into a folder beside the site, from which the last
  ``on_post_build`` renames each year in. No archive, no cost.
- Several archived years, several builds on one cache (``make serve`` beside ``make build``):
  at most ``CALLGUIDE_ARCHIVE_JOBS`` years build at once (default: half the cores, at least
  one; all at once, five years with their PDF workers overloaded the machine); each year
  has a cache of its own for its build (``work-<year>/``: a snapshot's frozen code prunes its
  cache as if it were alone) and is built by one process at a time (a lock per year: a
  second build waits and then takes the first one's output); a build's temporary folder
  carries its process id. Outputs of other addresses (``SITE_URL``, ``make serve``'s own)
  are kept beside each other (see callguide.cache_share for what is pruned, and when).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from build_state import PRIORITY, STATE
from i18n_adapter import is_home, is_outer_pass, language, list_in_sitemap, localise_generated, set_alternates
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from callguide import output_swap
from callguide.archive import Archived, archived, build_command, build_env, cache_key, copy_output, library_versions, seal, verified
from callguide.archive_place import Placement, staging_dir
from callguide.cache import writable
from callguide.cache_share import locked, prune, use
from callguide.changes import home_link, page_markdown
from callguide.errors import JA_PREFIX
from callguide.faults import pause
from callguide.lifetime import tied_command
from callguide.precompress import precompress
from callguide.status import archived_year

CHANGES = "changes.md"
# Outputs kept per year besides those used in the last hour: the two ways of working
# (make serve's address, make build's) and one more.
KEEP_PER_YEAR = 3


@event_priority(PRIORITY["archive_start"])
def on_config(config):
    if archived_year():
        pause("archive-build")  # test-only (callguide.faults): a kill while an archived year builds
        return config
    root = STATE.project
    if is_outer_pass(config):
        if STATE.check.previous_error:
            raise PluginError(
                "the previous call's archived data no longer validates under the current code, so the changes page cannot be made:\n"
                f"{JA_PREFIX}前年度の公募のアーカイブ（data/archive/）が今のプログラムの検査に通らないため、変更点のページを作れません。"
                "アーカイブは書き換えず、プログラムの担当者に連絡してください。\n"
                f"{STATE.check.previous_error}"
            )
        years = archived(root)
        if STATE.check.previous:
            STATE.changes_page.update(old=STATE.check.previous[0], years=[y.year for y in years])
        if years:
            _start(years, root, config.site_url)
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
    changes = STATE.check.changes()  # compared with page["old"], the previous call, once: pipeline.Checked
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


def _start(years: list[Archived], root: Path, site_url: str | None) -> None:
    """Each archived year's output: placed from the cache by callguide.archive_place (a process of its own,
    beside the pages), or, when the cache lacks it, built by a pool's thread (a few years at once)."""
    pool = ThreadPoolExecutor(max_workers=archive_jobs(), thread_name_prefix="archive")
    by_year = {item.year: item for item in years}
    runs = STATE.archive_runs

    def build(year: int) -> None:
        runs[year] = (by_year[year], pool.submit(_produce, by_year[year], root, site_url, STATE.cache))

    cache = STATE.cache / "archive"
    if not writable(cache):  # a read-only or full cache: every year built in a folder of this build's own
        for item in years:
            build(item.year)
        pool.shutdown(wait=False)  # its threads end once the queued years are built
        return
    output = STATE.output or STATE.site
    output_swap.remove_stale(output)  # folders of killed builds (with --dirty, or serving, begin() does not run)
    request = {
        "root": str(root), "cache": str(cache), "staging": str(staging_dir(output)), "site_url": site_url,
        # The site this build replaces (None with --dirty) gives its unchanged copies as hard links.
        "previous": str(STATE.output / "archive") if STATE.output is not None else None,
        "years": sorted(by_year),
        "libraries": library_versions(),  # looked up here, where importlib.metadata is loaded already
    }
    STATE.archive_placement = Placement(request, build, then=lambda: pool.shutdown(wait=False))  # its threads end once the years it lacks are built


@event_priority(PRIORITY["archive_copy"])
def on_post_build(config):
    """After static-i18n's English build (its -100 runs the whole of it): wait for the archives, put them in.

    The first call at this priority is already after both languages were written (static-i18n's
    language is not reliable here: it still says English in the outer Japanese build).
    """
    placement = STATE.archive_placement
    if archived_year() or (placement is None and not STATE.archive_runs):
        return
    placed = placement.wait() if placement is not None else {}
    STATE.archive_placement = None
    site = STATE.site
    (site / "archive").mkdir(exist_ok=True)
    try:
        for year in sorted(placed):
            dest = site / "archive" / str(year)
            shutil.rmtree(dest, ignore_errors=True)
            try:
                os.replace(placement.staging / str(year), dest)  # beside the site's folder: one rename, as a rule
            except OSError:  # another file system (--dirty into a mount point), or a folder not emptied: copied
                copy_output(placement.staging / str(year), dest)  # what the placing process checked, not the cache again
            STATE.precompressed.append(dest)
    finally:
        if placement is not None:
            shutil.rmtree(placement.staging, ignore_errors=True)
    runs = STATE.archive_runs
    problems = []
    queued = list(runs.values())
    runs.clear()
    for item, future in queued:
        dest = site / "archive" / str(item.year)
        previous = STATE.output / "archive" / str(item.year) if STATE.output is not None else None
        try:
            out = future.result()
            try:
                copy_output(out, dest, previous)
            except FileNotFoundError:  # pruned since (unused for an hour, while this build was stopped): once more
                copy_output(_produce(item, STATE.project, config.site_url, STATE.cache), dest, previous)
        except ArchiveFailed as exc:
            problems.append(str(exc))
            continue
        STATE.precompressed.append(dest)
        if out.parent != STATE.cache / "archive":  # built outside a cache that cannot be written: this build's only
            shutil.rmtree(out.parent, ignore_errors=True)
    if problems:
        raise PluginError("an archived year did not build:\n" + "\n".join(problems))


def on_build_error(error):
    """A failed build does not wait for archived years still queued (one being built finishes into the cache),
    nor for the years being placed (callguide.archive_place)."""
    if STATE.archive_placement is not None:
        STATE.archive_placement.stop()
        STATE.archive_placement = None
    for _, future in STATE.archive_runs.values():
        future.cancel()


class ArchiveFailed(Exception):
    """An archived year's own build failed; the message holds its output."""


def archive_jobs() -> int:
    """How many archived years build at once: ``CALLGUIDE_ARCHIVE_JOBS``, else half the cores (at least one)."""
    try:
        return max(1, int(os.environ["CALLGUIDE_ARCHIVE_JOBS"]))
    except (KeyError, ValueError):
        return max(1, (os.cpu_count() or 2) // 2)


def _produce(item: Archived, root: Path, site_url: str | None, root_cache: Path) -> Path:
    """The cache entry of one archived year for this address: found, or built now (in a pool's thread).

    Its build has a cache of its own (``work-<year>``) and runs in one process at a time (the
    year's lock), in a temporary folder named after this process, which becomes the entry by
    one rename once precompressed and sealed.
    """
    cache = root_cache / "archive"
    if not writable(cache):  # a read-only or full cache: built in a folder of this build's own, removed once copied
        cache = Path(tempfile.mkdtemp(prefix="callguide-archive-"))
    env = build_env(item, site_url, cache / f"work-{item.year}")
    out = cache / f"{item.year}-{cache_key(item, env)}"
    if use(out) and verified(out):  # every file as sealed: a damaged entry is removed and built again
        return out
    cache.mkdir(parents=True, exist_ok=True)
    with locked(cache / f"{item.year}.lock", exclusive=True):
        if use(out) and verified(out):  # another build made it while this one waited
            return out
        (cache / "tmp").mkdir(exist_ok=True)  # the year's build's TMPDIR (archive.build_env)
        for stale in cache.glob(f"{item.year}-*.tmp"):  # left by a stopped build: none is running (the lock)
            shutil.rmtree(stale, ignore_errors=True)
        tmp = cache / f"{out.name}.{os.getpid()}.tmp"
        # Tied to this build (callguide.lifetime): a killed build does not leave the archived year's build running.
        done = subprocess.run(tied_command(build_command(item, tmp)), env=env, cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ArchiveFailed(f"archive/{item.year} ({item.data.name}):\n{(done.stdout + done.stderr).strip()}")
        precompress(tmp, root_cache / "gzip")  # once, in the cache: every .gz comes with the archive
        seal(tmp, out)
        tmp.rename(out)
        prune(cache, f"{item.year}-{'?' * len(out.name.split('-', 1)[1])}", keep=out, keep_newest=KEEP_PER_YEAR)
        prune(cache, "pdf")  # the archived years' shared cache of earlier versions
    return out
