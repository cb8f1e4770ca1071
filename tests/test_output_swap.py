"""The output folder exchange (callguide.output_swap): whole previous or whole new, and what killed builds leave is cleared."""
from __future__ import annotations

import os

from callguide import output_swap


def write(folder, files):
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_commit_puts_the_new_site_in_place_and_removes_the_old(tmp_path):
    site = tmp_path / "site"
    write(site, {"index.html": "old", "en/index.html": "old en", "gone.html": "only in the old site"})
    tmp = output_swap.begin(site)
    assert tmp.parent == site.parent and tmp.name.startswith(".site.building-") and not any(tmp.iterdir())
    write(tmp, {"index.html": "new", "en/index.html": "new en"})
    output_swap.commit(tmp, site)
    assert tree(site) == {"index.html": "new", "en/index.html": "new en"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_commit_without_a_previous_site(tmp_path):
    site = tmp_path / "out" / "site"
    tmp = output_swap.begin(site)
    write(tmp, {"index.html": "new"})
    output_swap.commit(tmp, site)
    assert tree(site) == {"index.html": "new"}


def test_abandon_leaves_the_output_exactly_as_it_was(tmp_path):
    site = tmp_path / "site"
    write(site, {"index.html": "old"})
    tmp = output_swap.begin(site)
    write(tmp, {"index.html": "half"})
    output_swap.abandon(tmp)
    assert tree(site) == {"index.html": "old"} and not tmp.exists()


def test_folders_of_killed_builds_are_removed_but_not_those_of_running_ones(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    dead = output_swap.building_dir(site, 2**22 + 12345)  # above Linux's default pid_max: no such process
    alive = output_swap.building_dir(site, os.getppid())
    for folder in (dead, alive):
        write(folder, {"index.html": "partial"})
    output_swap.remove_stale(site)
    assert not dead.exists() and alive.exists()
