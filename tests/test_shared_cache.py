"""Builds that share one cache, and archived years built from an empty cache.

- Two builds of different data files (``CALL_FILE``) at once on one cache each produce exactly
  what they produce alone (staff run ``CALL_FILE=drafts/2026.yaml make serve`` beside ``make build``).
- A copy with two archived years builds from an empty cache at the first attempt (a fresh clone,
  CI, the first ``make serve``).
- Switching the site's address (``make serve`` and ``make build``, ``SITE_URL``) does not build
  the archived years again each time.

Copies are made as staff make them: ``python -m callguide new-call`` (tests/archived_copy.py).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from archived_copy import env_for, make_copy, next_year
from conftest import CLOSED_EPOCH

pytestmark = pytest.mark.build
SITE_URL = "https://example.org/aspire/"


def start(repo: Path, cache: Path, site: Path, call_file: str | None = None, site_url: str | None = None) -> subprocess.Popen:
    env = env_for(repo, cache)
    env["SOURCE_DATE_EPOCH"] = str(CLOSED_EPOCH)
    if call_file:
        env["CALL_FILE"] = call_file
    if site_url:
        env["SITE_URL"] = site_url
        env["CALLGUIDE_DRAFT_PREVIEW"] = "1"  # the copy's current call is the draft new-call left
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    return subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(*procs: subprocess.Popen) -> list[str]:
    """Wait for every build; return their outputs, failing on the first that did not build."""
    outputs = [p.communicate(timeout=900)[0] for p in procs]
    for proc, output in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, output
    return outputs


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def same_tree(built: Path, alone: Path) -> None:
    got, want = tree(built), tree(alone)
    assert got.keys() == want.keys(), sorted(got.keys() ^ want.keys())[:20]
    differ = [name for name in want if got[name] != want[name]]
    assert not differ, differ[:20]


@pytest.fixture(scope="module")
def one_year(tmp_path_factory) -> Path:
    """A copy with one archived year, and a second data file (next year's call) beside its draft."""
    repo = make_copy(tmp_path_factory.mktemp("one-year") / "repo", years=1)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "other.yaml").write_text(next_year((repo / "data" / "call.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return repo


def test_two_builds_of_different_data_on_one_cache_each_make_what_they_make_alone(one_year, tmp_path):
    alone = {name: tmp_path / f"alone-{name}" for name in ("draft", "other")}
    # Alone: one after the other, on a cache of their own (the second reuses the archived year the first made;
    # a build's output never depends on what its cache holds: test_memo_moment_build, test_cache_faults).
    finish(start(one_year, tmp_path / "cache-alone", alone["draft"]))
    finish(start(one_year, tmp_path / "cache-alone", alone["other"], call_file="drafts/other.yaml"))
    for n in range(2):  # from an empty shared cache, then from the one both filled
        shared = {name: tmp_path / f"shared-{n}-{name}" for name in alone}
        finish(
            start(one_year, tmp_path / "cache-shared", shared["draft"]),
            start(one_year, tmp_path / "cache-shared", shared["other"], call_file="drafts/other.yaml"),
        )
        for name in alone:
            same_tree(shared[name], alone[name])


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> tuple[Path, Path]:
    """A copy with two archived years, and where its first build from an empty cache went (a ``cache``, a ``site-0``)."""
    tmp = tmp_path_factory.mktemp("two-years")
    repo = make_copy(tmp / "repo", years=2)
    return repo, tmp


def _has_both_years(site: Path) -> None:
    for year in ("2025", "2026"):
        for page in ("index.html", "en/index.html", "checklist.pdf", "en/checklist.pdf", "calendar.ics"):
            assert (site / "archive" / year / page).is_file(), f"archive/{year}/{page}"


def test_two_archived_years_build_from_an_empty_cache_at_the_first_attempt(two_years, tmp_path):
    repo, tmp = two_years
    for cache, site in ((tmp / "cache", tmp / "site-0"), (tmp_path / "cache", tmp_path / "site")):  # two fresh starts
        finish(start(repo, cache, site))
        _has_both_years(site)


def made(cache: Path) -> set[tuple[str, int, int]]:
    """Every archived year's page as it lies in the cache: a year built again writes it anew (a new file, a new time)."""
    return {(p.relative_to(cache).as_posix(), p.stat().st_ino, p.stat().st_mtime_ns) for p in cache.rglob("index.html")}


def test_switching_the_site_address_does_not_build_the_archived_years_again(two_years):
    repo, tmp = two_years
    sites = [tmp / f"site-{n}" for n in range(4)]
    addresses = [None, SITE_URL, None, SITE_URL]  # make serve's way, make build's, and back
    kept = {}
    for n, (site, address) in enumerate(zip(sites, addresses, strict=True)):
        if not site.exists():  # site-0: the first build from an empty cache (above), or made here
            finish(start(repo, tmp / "cache", site, site_url=address))
        kept[n] = made(tmp / "cache")
    assert kept[1] and kept[1] <= kept[3], "an archived year's output in the cache was made again (or removed)"
    canonical = f'<link rel="canonical" href="{SITE_URL}archive/2026/'
    assert canonical in (sites[3] / "archive" / "2026" / "index.html").read_text(encoding="utf-8")
    assert canonical not in (sites[2] / "archive" / "2026" / "index.html").read_text(encoding="utf-8")
