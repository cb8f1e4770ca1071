"""An archived year's built output (in the cache) is copied into the site: nothing done to the site reaches the cache."""
from __future__ import annotations

from callguide.archive import copy_output, seal
from callguide.assets_out import write_if_changed
from callguide.precompress import precompress


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def built_archive(tmp_path):
    built = tmp_path / "cache" / "2025-key"
    (built / "en" / "budget").mkdir(parents=True)
    (built / "index.html").write_bytes(b"<p>home</p>" * 100)
    (built / "en" / "budget" / "index.html").write_bytes(b"<p>budget</p>" * 100)
    precompress(built)
    seal(built)
    return built


def test_the_site_gets_exactly_the_archive_as_copies(tmp_path):
    built, dest = built_archive(tmp_path), tmp_path / "site" / "archive" / "2025"
    dest.mkdir(parents=True)
    (dest / "stray.html").write_bytes(b"from an older build")
    copy_output(built, dest)
    assert tree(dest) == tree(built) and "index.html.gz" in tree(dest)
    assert (dest / "index.html").stat().st_ino != (built / "index.html").stat().st_ino
    assert (built / "index.html").stat().st_mode & 0o222 == 0  # the cache's files are read-only
    assert (dest / "index.html").stat().st_mode & 0o200  # the site's copies are ordinary files


def test_writing_into_the_site_never_changes_the_cache(tmp_path):
    built, dest = built_archive(tmp_path), tmp_path / "site" / "archive" / "2025"
    before = tree(built)
    copy_output(built, dest)
    assert write_if_changed(dest / "index.html", b"<p>changed in the site</p>")
    assert precompress(dest).written == 1  # the new page's .gz, also put in place rather than written through
    assert tree(built) == before
    assert (dest / "index.html").read_bytes() == b"<p>changed in the site</p>"


def test_the_site_precompress_leaves_an_archive_alone(tmp_path):
    built, site = built_archive(tmp_path), tmp_path / "site"
    (site / "archive" / "2025").mkdir(parents=True)
    copy_output(built, site / "archive" / "2025")
    (site / "index.html").write_bytes(b"<p>current</p>")
    done = precompress(site, skip=(site / "archive" / "2025",))
    assert (done.files, done.written) == (1, 1)


def test_an_edit_in_place_of_the_sites_archive_never_changes_the_cache(tmp_path):
    """A file of the published archive edited in place (an editor, a deploy tool, a chmod first) leaves the cache entry alone."""
    built, dest = built_archive(tmp_path), tmp_path / "site" / "archive" / "2025"
    before = tree(built)
    copy_output(built, dest)
    page = dest / "index.html"
    page.chmod(0o644)
    with page.open("r+b") as f:
        f.write(b"<p>edited in place</p>")
    assert tree(built) == before


def test_the_next_build_links_the_replaced_sites_unchanged_copies(tmp_path):
    """Given the site it replaces, a build hard-links that site's unchanged copies (size and time of the cache file) instead of copying."""
    built = built_archive(tmp_path)
    old, new = tmp_path / "old" / "archive" / "2025", tmp_path / "new" / "archive" / "2025"
    copy_output(built, old)
    copy_output(built, new, previous=old)
    assert tree(new) == tree(built)
    assert (new / "index.html").stat().st_ino == (old / "index.html").stat().st_ino
    assert (new / "index.html").stat().st_ino != (built / "index.html").stat().st_ino


def test_a_copy_edited_in_place_is_not_carried_into_the_next_build(tmp_path):
    built = built_archive(tmp_path)
    old, new = tmp_path / "old" / "archive" / "2025", tmp_path / "new" / "archive" / "2025"
    copy_output(built, old)
    (old / "index.html").write_bytes(b"<p>edited in the published site</p>")
    (old / "en" / "budget" / "index.html").unlink()
    copy_output(built, new, previous=old)
    assert tree(new) == tree(built)
    assert (new / "index.html").stat().st_ino != (old / "index.html").stat().st_ino


def test_without_a_replaced_site_or_with_the_cache_itself_everything_is_copied(tmp_path):
    built = built_archive(tmp_path)
    dest = tmp_path / "site" / "archive" / "2025"
    copy_output(built, dest, previous=built)
    assert tree(dest) == tree(built)
    assert all((dest / n).stat().st_ino != (built / n).stat().st_ino for n in tree(built))
    assert (dest / "index.html").stat().st_mode & 0o200
