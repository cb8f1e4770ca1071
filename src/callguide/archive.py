"""Archived calls: ``make new-call`` and the frozen guides at /archive/<year>/.

A year is archived as three things, all written by ``new_call`` and never changed after:

- ``data/archive/<year>.yaml``: that year's call.yaml, byte for byte;
- ``data/archive/<year>.json``: that year's call.json (the same document as its site's), which the
  "what changed" page, ``make diff`` and the dates-carried-over check compare with today's call
  (previous.py), so that the year never has to pass a later model;
- ``archive/<year>/``: a snapshot of everything that renders it (docs/, mkdocs.yml,
  hooks/, src/callguide with its templates and assets), so neither later page edits
  nor model or code changes can break the old guide. Only the pinned pip packages
  are shared. Its ``data/translations.lock.yaml`` is the year's confirmed translations
  (drift.py), kept as a record; the live lock goes on unchanged with call.yaml.

``build_command`` is how hooks/archive.py builds a snapshot in a subprocess: its own
mkdocs.yml, its own callguide on PYTHONPATH, its own data file, ``CALLGUIDE_ARCHIVE``
set (banner, closed status, no archives of its own). The output is cached by a hash
of everything it is made from.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .cache import Store, content_hash

log = logging.getLogger("mkdocs.callguide.cache")

DATA = Path("data") / "call.yaml"
ARCHIVE_DATA = Path("data") / "archive"
SNAPSHOTS = Path("archive")
SNAPSHOT_PARTS = ("mkdocs.yml", "docs", "hooks", "src/callguide")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store")
ENV_KEYS = ("SITE_URL", "SOURCE_DATE_EPOCH")


@dataclass(frozen=True)
class Archived:
    year: int
    data: Path  # data/archive/<year>.yaml
    snapshot: Path  # archive/<year>/

    @property
    def config(self) -> Path:
        return self.snapshot / "mkdocs.yml"


def archived(root: Path) -> list[Archived]:
    """Every archived year with both its data and its snapshot, oldest first."""
    found = []
    for data in sorted((root / ARCHIVE_DATA).glob("*.yaml")):
        if re.fullmatch(r"\d{4}", data.stem):
            year = int(data.stem)
            snapshot = root / SNAPSHOTS / data.stem
            if (snapshot / "mkdocs.yml").is_file():
                found.append(Archived(year, data, snapshot))
    return sorted(found, key=lambda a: a.year)


# --- make new-call (callguide.new_call) ------------------------------------------------------


def write_snapshot(root: Path, dest: Path) -> None:
    """Copy everything that renders the guide into ``dest`` (no caches, no compiled files)."""
    for part in SNAPSHOT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=_IGNORED)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    # mkdocs.yml watches data/ (for `make serve`); the year's data itself is data/archive/<year>.yaml.
    (dest / "data").mkdir(exist_ok=True)
    (dest / "data" / "README.txt").write_text(
        f"この年度のデータは data/archive/{dest.name}.yaml です。/ This year's data is data/archive/{dest.name}.yaml.\n",
        encoding="utf-8",
    )


# --- building an archived year (hooks/archive.py) ----------------------------------------


def build_env(item: Archived, site_url: str | None, cache: Path, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of an archived year's build: its own code, its own data, its own address.

    ``cache`` keeps its PDF cache out of the snapshot (which must not change).
    """
    env = dict(os.environ if environ is None else environ)
    env["CALLGUIDE_CACHE_DIR"] = str(cache)
    # The snapshot's own code may keep caches in the temporary folder (older code did): under the root too.
    env["TMPDIR"] = str(cache.parent / "tmp")
    env["PYTHONPATH"] = str(item.snapshot / "src")
    env["CALL_FILE"] = str(item.data)
    env["CALLGUIDE_ARCHIVE"] = str(item.year)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url.rstrip("/") + f"/archive/{item.year}/"
    return env


def build_command(item: Archived, out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(item.config), "-d", str(out)]


def cache_key(item: Archived, env: dict[str, str], libraries: Sequence[str] | None = None) -> str:
    """A hash of everything an archived year's output is made from; ``libraries``: library_versions(),
    when the caller has it (the placing process is told it by the build, and need not look it up)."""
    parts: list[bytes | str] = [item.data.read_bytes()]
    for path in sorted(p for p in item.snapshot.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        parts += [path.relative_to(item.snapshot).as_posix(), path.read_bytes()]
    parts += [f"{key}={env.get(key, '')}" for key in ENV_KEYS] + [sys.version]
    parts += library_versions() if libraries is None else tuple(libraries)
    return content_hash(*parts)[:24]


@functools.cache
def library_versions() -> tuple[str, ...]:
    """The versions of the libraries that build an archived year, looked up once per process (each
    lookup reads package metadata: some 0.5 ms, eight per year and build)."""
    from importlib import metadata  # here, not at the top: the placing process is told these and never imports it

    found = []
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "babel", "pydantic", "weasyprint", "markdown", "nh3"):
        try:
            found.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return tuple(found)


class Damaged(Exception):
    """A file of a cached archive output is not what was sealed in it (``copy_output`` with ``sealed``)."""


def copy_output(built: Path, dest: Path, previous: Path | None = None, sealed: dict[str, str] | None = None) -> None:
    """Put a built archive (in the cache) into the site, replacing what was there.

    Copied, not hard-linked to the cache: a file of the site that is edited in place (by hand, by a
    deploy tool) must not change the cache entry every later build publishes. Each copy takes its
    cache file's modification time, so that the next build, given the site it replaces as
    ``previous`` (the same year's folder there), can hard-link that site's copy instead of copying
    again when its size and modification time are still the cache file's (as make and rsync judge a
    file unchanged): five archived years are some 1,000 files and 25 MB, which copying read and wrote
    at every build. The two sites share such a file only until the previous one is removed; the
    cache entry is never linked.

    ``sealed`` (the entry's files and their hashes, from ``sealed_files``): each file copied from the
    cache is checked against it as it is read, and ``Damaged`` raised on a difference, so an entry
    is verified where it is read, and a warm build that links every file reads none of it.
    """
    if dest.exists():
        shutil.rmtree(dest)
    root, into = os.fspath(built), os.fspath(dest)  # strings, not Path: ~1,000 files a build at five years
    placed = set()
    for folder, _dirs, names in os.walk(root, onerror=_raise):
        rel = os.path.relpath(folder, root)
        target_dir = os.path.normpath(os.path.join(into, rel))
        os.makedirs(target_dir, exist_ok=True)
        for name in names:
            source, target = os.path.join(folder, name), os.path.join(target_dir, name)
            entry_name = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")  # as the manifest names it
            placed.add(entry_name)
            st = os.stat(source)
            if previous is not None:
                old = os.path.join(previous, rel, name)
                if _same_copy(old, st):
                    os.link(old, target)
                    continue
            if sealed is None:
                shutil.copyfile(source, target)
            else:
                with open(source, "rb") as f:
                    data = f.read()
                if content_hash(data) != sealed.get(entry_name):
                    raise Damaged(source)
                with open(target, "wb") as f:
                    f.write(data)
            os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    if sealed is not None and placed != sealed.keys():  # a folder gone while it was walked (another build removed the entry)
        raise Damaged(root)


def _raise(error: OSError) -> None:
    """os.walk's errors raised, not skipped: a folder of an entry that cannot be listed is not copied as empty."""
    raise error


def _same_copy(candidate: str, cached: os.stat_result) -> bool:
    """``candidate`` is an unchanged copy of the cache file ``cached``: same size and modification time, not the file itself."""
    try:
        st = os.stat(candidate)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == cached.st_size and st.st_mtime_ns == cached.st_mtime_ns and st.st_ino != cached.st_ino


def seal(built: Path, out: Path | None = None) -> None:
    """Make a finished archive output in the cache read-only (a cache entry is never written after it
    is made), and record the hash of each of its files, checked when the entry ``out`` (the name ``built`` is
    renamed to; ``built`` itself by default) is reused: by ``verified``, or by ``sealed_files`` and ``copy_output``."""
    out = out or built
    hashes = {}
    for p in sorted(built.rglob("*")):
        if p.is_file():
            p.chmod(0o444)
            hashes[p.relative_to(built).as_posix()] = content_hash(p.read_bytes())
    Store(out.parent).write(_manifest(out), json.dumps(hashes, sort_keys=True).encode("utf-8"))


def sealed_files(out: Path) -> dict[str, str] | None:
    """The files sealed in the cached archive output ``out`` and their hashes, when exactly those files
    are there (their bytes are for the reader to check: ``verified``, or ``copy_output`` as it copies);
    otherwise None, and the entry is removed (``damaged``)."""
    if not out.is_dir():
        return None
    manifest = Store(out.parent).read(_manifest(out))
    try:
        hashes = json.loads(manifest) if manifest is not None else None
        if isinstance(hashes, dict) and hashes.keys() == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}:
            return hashes
    except (OSError, ValueError):
        pass
    damaged(out)
    return None


def verified(out: Path) -> bool:
    """True when the cached archive output ``out`` holds exactly the files sealed in it, unchanged;
    a damaged or incomplete entry is removed (said at INFO level) and built again."""
    hashes = sealed_files(out)
    if hashes is None:
        return False
    try:
        if all(content_hash((out / name).read_bytes()) == h for name, h in hashes.items()):
            return True
    except OSError:
        pass
    damaged(out)
    return False


def damaged(out: Path) -> None:
    """Said at INFO level, and the entry removed: the year is built again."""
    if out.is_dir():
        log.info("cache entry %s damaged; built again", out)
    discard(out)


def discard(out: Path) -> None:
    """Remove a cached archive output and its manifest (read-only files in a writable folder)."""
    shutil.rmtree(out, ignore_errors=True)
    (out.parent / _manifest(out)).unlink(missing_ok=True)


def _manifest(out: Path) -> str:
    """The name of ``out``'s manifest, beside it (hidden: not an entry of its own)."""
    return f".{out.name}.manifest"


__all__ = ["Archived", "archived", "write_snapshot"]
