"""Caches under faults (issue 16, parts 1 and 4): whatever happens to the cache, the site is the one a
build without any cache makes, and the build goes on.

- every entry of every kind damaged (cut in half, cut inside its header, emptied, random bytes);
- every cache write failing as on a full disk (ENOSPC, through the test-only seam
  ``CALLGUIDE_CACHE_FAULT`` of callguide.cache), or as in a read-only folder;
- every cache under the one root (``CALLGUIDE_CACHE_DIR``), none in the system's temporary folder;
- each kind pruned: stale entries do not pile up.

The builds are of the frozen 2025 call (``fixture_project``), after it closed, with ``--strict``
(a WARNING fails it: a damaged entry is said at INFO level).
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_2025, MKDOCS, call_moments, fixture_project

from callguide.pipeline import load


def _build(project: Path, out: Path, cache: Path, epoch: int, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``out`` with its caches under ``cache``; TMPDIR is a
    folder of its own (``out``'s sibling ``tmp``), so that anything written to the temporary folder shows."""
    tmp = out.parent / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(cache), SOURCE_DATE_EPOCH=str(epoch), TMPDIR=str(tmp), **env)
    environ.pop("CALL_FILE", None)
    return subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=project, env=environ, capture_output=True, text=True, timeout=300)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same_site(site: Path, expected: dict[str, bytes]) -> list[str]:
    got = _files(site)
    return sorted(name for name in set(got) | set(expected) if got.get(name) != expected.get(name))


def _entries(cache: Path) -> list[Path]:
    """The cache's files, its lock files aside (callguide.cache_share: they hold nothing)."""
    return [p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".lock")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A cold build of the fixture (its site and its full cache), and the project and moment to rebuild it."""
    tmp = tmp_path_factory.mktemp("cache-faults")
    project = fixture_project(tmp)
    epoch = int(call_moments(load(project / "data" / "call.yaml", "data/call.yaml"))["closed"].timestamp())
    result = _build(project, tmp / "ref" / "site", tmp / "ref" / "cache", epoch)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, epoch, _files(tmp / "ref" / "site"), tmp / "ref" / "cache"


def _damage(path: Path, how: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "header":  # cut just inside the first bytes (Jinja's bytecode: inside its magic and checksum)
        data = data[:12]
    elif how == "empty":
        data = b""
    else:
        data = rng.randbytes(max(len(data), 64))
    path.chmod(0o644)
    path.write_bytes(data)


@pytest.mark.build
@pytest.mark.parametrize("how", ["truncated", "header", "empty", "random"])
def test_damaged_entries_never_reach_the_site_nor_stop_the_build(reference, tmp_path, how):
    project, epoch, expected, cold_cache = reference
    cache = tmp_path / "cache"
    shutil.copytree(cold_cache, cache)
    rng = random.Random(how)
    damaged = _entries(cache)
    kinds = {p.relative_to(cache).parts[0] for p in damaged}
    assert {"checked", "checklist-pdf", "gzip", "calendar", "search", "jinja-theme"} <= kinds, kinds
    for entry in damaged:
        _damage(entry, how, rng)
    result = _build(project, tmp_path / "site", cache, epoch)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "WARNING" not in output, output
    assert not (differ := _same_site(tmp_path / "site", expected)), f"damaged cache entries reached the site: {differ[:10]}"
    again = _build(project, tmp_path / "again", cache, epoch)  # the entries were made again: a clean warm build
    assert again.returncode == 0 and not _same_site(tmp_path / "again", expected)
    assert "cache entry" not in again.stdout + again.stderr, again.stdout + again.stderr


def _say_cannot_write(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.search(r"INFO .*cannot be written", line)]


@pytest.mark.build
def test_a_full_disk_is_a_miss_and_the_build_goes_on(reference, tmp_path):
    project, epoch, expected, _ = reference
    cache = tmp_path / "cache"
    result = _build(project, tmp_path / "site", cache, epoch, CALLGUIDE_CACHE_FAULT="ENOSPC")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "WARNING" not in output, output
    assert not _same_site(tmp_path / "site", expected)
    assert _say_cannot_write(output), f"no INFO line says the cache cannot be written:\n{output}"
    assert not _entries(cache), f"entries written although every write failed: {_entries(cache)[:5]}"


@pytest.mark.build
def test_a_read_only_cache_builds_without_caching(reference, tmp_path):
    project, epoch, expected, _ = reference
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    # root writes into a read-only folder anyway: then the seam fails the writes as a read-only file system does
    env = {"CALLGUIDE_CACHE_FAULT": "EROFS"} if os.geteuid() == 0 else {}
    try:
        result = _build(project, tmp_path / "site", cache, epoch, **env)
    finally:
        cache.chmod(0o755)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "WARNING" not in output, output
    assert not _same_site(tmp_path / "site", expected)
    assert len(_say_cannot_write(output)) == 1, f"not one INFO line saying the cache cannot be written:\n{output}"
    assert not _entries(cache)


@pytest.mark.build
def test_every_cache_is_under_the_one_root_and_each_kind_is_pruned(reference, tmp_path):
    project, epoch, expected, cold_cache = reference
    cache = tmp_path / "cache"
    shutil.copytree(cold_cache, cache)
    rng = random.Random(0)
    old = time.time() - 3 * 86400
    planted: dict[str, int] = {}
    for folder in sorted({p.parent for p in _entries(cache)}):
        real = [p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock")]
        for i in range(600):  # stale entries named as this kind names its entries
            model = real[i % len(real)]
            name = re.sub(r"[0-9a-f]{16,}", lambda m: rng.randbytes(len(m[0]))[: len(m[0]) // 2].hex().ljust(len(m[0]), "0"), model.name, count=1)
            if name == model.name:
                name = f"{model.stem}-{rng.getrandbits(64):016x}{model.suffix}"
            stale = folder / name
            stale.write_bytes(b"stale")
            os.utime(stale, (old, old))
        real[0].unlink()  # one entry of each kind missing: this build writes that kind
        planted[folder.relative_to(cache).as_posix()] = len(real) + 600
    result = _build(project, tmp_path / "site", cache, epoch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not _same_site(tmp_path / "site", expected)
    assert (cache / "jinja-blocks").is_dir(), "the blocks' compiled templates are not under CALLGUIDE_CACHE_DIR"
    tmp = tmp_path / "tmp"
    assert not list(tmp.iterdir()), f"written into the temporary folder, not under CALLGUIDE_CACHE_DIR: {list(tmp.iterdir())}"
    grown = {kind: len([p for p in (cache / kind).iterdir() if not p.name.endswith(".lock")]) for kind in planted}
    assert all(grown[kind] < planted[kind] - 300 for kind in planted), f"stale entries left (files per kind, before → after): {planted} → {grown}"


@pytest.mark.build
def test_a_damaged_archived_year_is_built_again(tmp_path):
    """An archived year's build is a cache entry too (hard-linked into every site): a file of it damaged,
    emptied or removed in the cache is found, and the year is built again."""
    project = fixture_project(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(project / "src"))
    env.pop("CALL_FILE", None)
    made = subprocess.run([sys.executable, "-m", "callguide", "new-call"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    epoch = int(call_moments(load(FIXTURE_2025 / "call.yaml", "call.yaml"))["closed"].timestamp())
    cache = tmp_path / "cache"
    first = _build(project, tmp_path / "first", cache, epoch)
    assert first.returncode == 0, first.stdout + first.stderr
    expected = _files(tmp_path / "first")
    (built,) = [p for p in (cache / "archive").iterdir() if p.is_dir() and p.name.startswith("2025-")]
    home, gz, page = built / "index.html", built / "en" / "index.html.gz", built / "en" / "budget" / "index.html"
    for path in (home, gz, page):
        path.chmod(0o644)
    home.write_bytes(home.read_bytes()[:100])
    gz.write_bytes(b"")
    page.unlink()
    result = _build(project, tmp_path / "second", cache, epoch)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "WARNING" not in output, output
    assert not (differ := _same_site(tmp_path / "second", expected)), f"a damaged archived year reached the site: {differ[:10]}"
    # A cache that cannot be written: the year is built for this build only, and the site is the same.
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o555)
    try:
        third = _build(project, tmp_path / "third", readonly, epoch, **({"CALLGUIDE_CACHE_FAULT": "EROFS"} if os.geteuid() == 0 else {}))
    finally:
        readonly.chmod(0o755)
    assert third.returncode == 0, third.stdout + third.stderr
    assert not _same_site(tmp_path / "third", expected)
    assert not _entries(readonly)
