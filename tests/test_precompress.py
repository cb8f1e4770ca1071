"""Every text file of the built site has a deterministic gzip twin; compressed formats have none."""
import gzip

import pytest

from callguide.precompress import SUFFIXES, gzip_bytes, precompress


@pytest.mark.build
def test_every_text_file_has_a_gzip_twin_with_the_same_bytes(site):
    texts = [p for p in site.rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    assert len(texts) > 50
    assert any(p.parts[-2:] == ("en", "index.html") for p in texts)  # the English build is covered too
    for path in texts:
        twin = path.with_name(path.name + ".gz")
        assert twin.is_file(), f"no {twin.name} beside {path}"
        assert gzip.decompress(twin.read_bytes()) == path.read_bytes(), path


@pytest.mark.build
def test_no_gzip_beside_pdf_png_or_gzip(site):
    for pattern in ("*.pdf.gz", "*.png.gz", "*.gz.gz", "*.map.gz"):
        assert not list(site.rglob(pattern)), pattern
    assert list(site.rglob("checklist.pdf"))


@pytest.mark.build
def test_gzip_bytes_carry_no_time_or_name(site):
    twin = site / "index.html.gz"
    head = twin.read_bytes()[:10]
    assert head[:3] == b"\x1f\x8b\x08" and head[3] == 0  # deflate, no flags: no file name
    assert head[4:8] == b"\0\0\0\0"  # mtime 0
    assert gzip_bytes((site / "index.html").read_bytes()) == twin.read_bytes()  # the next build writes the same bytes


def test_a_second_run_rewrites_nothing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<p>" + "x" * 5000, encoding="utf-8")
    (site / "b.pdf").write_bytes(b"%PDF")
    first = precompress(site)
    again = precompress(site)
    assert (first.files, first.written) == (1, 1)
    assert (again.files, again.written) == (1, 0)
    assert not (site / "b.pdf.gz").exists()


def test_large_files_come_from_the_cache_with_the_same_bytes(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    data = ("body { color: #123; }\n" * 5000).encode()
    (site / "theme.css").write_bytes(data)
    precompress(site, cache)
    assert len(list(cache.glob("*.gz"))) == 1  # one entry (beside the folder's lock file, callguide.cache_share)
    (site / "theme.css.gz").unlink()
    precompress(site, cache)
    assert (site / "theme.css.gz").read_bytes() == gzip_bytes(data)


def test_a_gzip_already_right_is_kept_and_a_stale_one_replaced(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    page, twin = site / "a.html", site / "a.html.gz"
    page.write_bytes(b"<p>" + b"first " * 900)
    own = gzip.compress(page.read_bytes(), compresslevel=9, mtime=0)  # e.g. made by an archived year's build
    twin.write_bytes(own)
    assert precompress(site).written == 0 and twin.read_bytes() == own
    page.write_bytes(b"<p>" + b"other " * 900)  # the same length, other bytes: the CRC tells them apart
    assert precompress(site).written == 1
    assert gzip.decompress(twin.read_bytes()) == page.read_bytes()
    twin.write_bytes(b"\x1f\x8b")  # cut short
    assert precompress(site).written == 1 and gzip.decompress(twin.read_bytes()) == page.read_bytes()
