"""The archived years found in the cache are placed beside the site by a process of their own (callguide.archive_place)."""
from __future__ import annotations

import os
import threading

import pytest

from callguide.archive import archived, build_env, cache_key, seal
from callguide.archive_place import Placement, place, staging_dir


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def project_with_years(tmp_path, years=(2024, 2025)):
    """A project with archived years (their data and a one-file snapshot each): what ``archived`` finds."""
    root = tmp_path / "project"
    for year in years:
        (root / "data" / "archive").mkdir(parents=True, exist_ok=True)
        (root / "data" / "archive" / f"{year}.yaml").write_text(f"call: {year}\n", encoding="utf-8")
        (root / "archive" / str(year)).mkdir(parents=True)
        (root / "archive" / str(year) / "mkdocs.yml").write_text(f"site_name: {year}\n", encoding="utf-8")
    return root


def cached_output(root, cache, year, site_url=None):
    """The cache entry a build of ``year`` would have made: under its key, sealed."""
    item = next(a for a in archived(root) if a.year == year)
    out = cache / f"{year}-{cache_key(item, build_env(item, site_url, cache / f'work-{year}'))}"
    (out / "en").mkdir(parents=True)
    (out / "index.html").write_bytes(f"<p>{year}</p>".encode() * 50)
    (out / "en" / "index.html").write_bytes(f"<p>{year} en</p>".encode() * 50)
    seal(out)
    return out


def request(root, cache, staging, years, previous=None):
    return {"root": str(root), "cache": str(cache), "staging": str(staging), "site_url": None,
            "previous": str(previous) if previous else None, "years": list(years)}


def test_a_cached_year_is_placed_and_a_missing_one_said_first(tmp_path):
    root, cache, staging = project_with_years(tmp_path), tmp_path / "cache" / "archive", tmp_path / "staging"
    out = cached_output(root, cache, 2025)
    said = []
    place(request(root, cache, staging, [2024, 2025]), said.append)
    assert said == [{"year": 2024, "missing": True}, {"year": 2025, "out": str(out)}]
    assert tree(staging / "2025") == tree(out)
    assert (staging / "2025" / "index.html").stat().st_ino != (out / "index.html").stat().st_ino, "a copy, never the cache's file"


def test_a_damaged_entry_is_missing_and_removed(tmp_path):
    root, cache, staging = project_with_years(tmp_path, (2025,)), tmp_path / "cache" / "archive", tmp_path / "staging"
    out = cached_output(root, cache, 2025)
    page = out / "en" / "index.html"
    page.chmod(0o644)
    page.write_bytes(b"<p>cut")
    said = []
    place(request(root, cache, staging, [2025]), said.append)
    assert said == [{"year": 2025, "missing": True}]
    assert not out.exists() and not (staging / "2025").exists()


def test_an_unchanged_copy_in_the_previous_site_is_linked(tmp_path):
    root, cache = project_with_years(tmp_path, (2025,)), tmp_path / "cache" / "archive"
    out = cached_output(root, cache, 2025)
    place(request(root, cache, tmp_path / "first", [2025]), lambda said: None)
    place(request(root, cache, tmp_path / "second", [2025], previous=tmp_path / "first"), lambda said: None)
    first, second = tmp_path / "first" / "2025" / "index.html", tmp_path / "second" / "2025" / "index.html"
    assert second.stat().st_ino == first.stat().st_ino != (out / "index.html").stat().st_ino


def test_a_file_damaged_in_the_cache_is_found_when_it_is_copied_even_beside_a_previous_site(tmp_path):
    """Only the files copied from the cache are read (the others are the previous site's unchanged copies):
    a damaged one among them makes the year missing, the entry removed and nothing left in the staging folder."""
    root, cache = project_with_years(tmp_path, (2025,)), tmp_path / "cache" / "archive"
    out = cached_output(root, cache, 2025)
    place(request(root, cache, tmp_path / "first", [2025]), lambda said: None)
    page = out / "en" / "index.html"
    page.chmod(0o644)
    page.write_bytes(b"<p>cut")  # a new time: the previous site's copy is no longer the cache file's copy
    said = []
    place(request(root, cache, tmp_path / "second", [2025], previous=tmp_path / "first"), said.append)
    assert said == [{"year": 2025, "missing": True}]
    assert not out.exists() and not (tmp_path / "second" / "2025").exists()


def test_a_previous_sites_unchanged_copy_is_linked_without_reading_the_cache_file(tmp_path, monkeypatch):
    root, cache = project_with_years(tmp_path, (2025,)), tmp_path / "cache" / "archive"
    out = cached_output(root, cache, 2025)
    place(request(root, cache, tmp_path / "first", [2025]), lambda said: None)
    entry = os.fspath(out)
    real_open = open

    def no_entry_reads(file, *args, **kwargs):
        assert not os.fspath(file).startswith(entry), f"read from the cache entry: {file}"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", no_entry_reads)
    monkeypatch.setattr("io.open", no_entry_reads)  # pathlib's read_bytes opens through io.open
    said = []
    place(request(root, cache, tmp_path / "second", [2025], previous=tmp_path / "first"), said.append)
    monkeypatch.undo()
    assert said == [{"year": 2025, "out": str(out)}]
    assert tree(tmp_path / "second" / "2025") == tree(out)


def test_the_key_is_the_same_with_the_library_versions_the_build_sends(tmp_path):
    """The build sends library_versions() through JSON (a list); the key must be the one the build itself makes."""
    import json

    from callguide.archive import library_versions

    root = project_with_years(tmp_path, (2025,))
    item = archived(root)[0]
    env = build_env(item, None, tmp_path / "work")
    assert cache_key(item, env, json.loads(json.dumps(library_versions()))) == cache_key(item, env)


def test_an_entry_emptied_while_it_is_copied_is_missing_not_placed_half(tmp_path, monkeypatch):
    """Another build may remove a damaged entry while this one copies it: a folder gone from under the walk
    makes the year missing (the build makes it), never a year placed with pages missing."""
    import callguide.archive as archive_module

    root, cache, staging = project_with_years(tmp_path, (2025,)), tmp_path / "cache" / "archive", tmp_path / "staging"
    out = cached_output(root, cache, 2025)
    real_walk = os.walk

    def walk_then_remove(top, *args, **kwargs):
        for i, step in enumerate(real_walk(top, *args, **kwargs)):
            yield step
            if i == 0:  # the top folder listed: its subfolder "en" goes, as another build's discard would remove it
                for p in (out / "en").iterdir():
                    p.chmod(0o644)
                    p.unlink()
                (out / "en").rmdir()

    monkeypatch.setattr(archive_module.os, "walk", walk_then_remove)
    said = []
    place(request(root, cache, staging, [2025]), said.append)
    assert said == [{"year": 2025, "missing": True}]
    assert not (staging / "2025").exists()


@pytest.mark.subprocess
def test_the_process_answers_for_every_year_and_the_build_makes_the_missing_ones(tmp_path):
    root, cache = project_with_years(tmp_path), tmp_path / "cache" / "archive"
    out = cached_output(root, cache, 2024)
    staging = staging_dir(tmp_path / "site")
    missing, done = [], threading.Event()
    placement = Placement(request(root, cache, staging, [2024, 2025]), missing.append, then=done.set)
    assert placement.wait() == {2024: out}
    assert missing == [2025] and done.is_set()
    assert tree(staging / "2024") == tree(out)
    assert staging.name == f".site.archive-{os.getpid()}"


@pytest.mark.subprocess
def test_a_stopped_placement_builds_nothing_and_leaves_nothing(tmp_path):
    root, cache = project_with_years(tmp_path), tmp_path / "cache" / "archive"
    cached_output(root, cache, 2024)
    staging = staging_dir(tmp_path / "site")
    missing, done = [], threading.Event()
    placement = Placement(request(root, cache, staging, [2024, 2025]), missing.append, then=done.set)
    placement.stop()
    assert not staging.exists() and not done.is_set()
    assert set(missing) <= {2025}, "only a year said missing before the stop may have been asked for"
