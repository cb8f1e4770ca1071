"""Pages and static files gzipped by a process of their own while the build goes on (callguide.early_gzip)."""
from __future__ import annotations

import gzip

import pytest

from callguide.early_gzip import EarlyGzip, gzip_bytes
from callguide.precompress import precompress


@pytest.mark.subprocess
def test_each_page_and_file_gets_the_gz_the_final_pass_would_make_and_keeps(tmp_path):
    page = tmp_path / "en" / "budget" / "index.html"
    style = tmp_path / "assets" / "site.css"
    style.parent.mkdir(parents=True)
    style.write_text("body { color: black; }\n" * 200, encoding="utf-8")
    html = "<p>予算 – budget</p>\n" * 300 + "\udcff"  # as MkDocs writes it: xmlcharrefreplace
    early = EarlyGzip()
    early.page(str(page), html)
    early.file(str(style))
    early.file(str(tmp_path / "gone.js"))  # not there: skipped
    early.finish()
    page.write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
    assert gzip.decompress((tmp_path / "en" / "budget" / "index.html.gz").read_bytes()) == page.read_bytes()
    assert (tmp_path / "assets" / "site.css.gz").read_bytes() == gzip_bytes(style.read_bytes())
    assert not (tmp_path / "gone.js.gz").exists()
    assert precompress(tmp_path).written == 0, "the final pass keeps every .gz made early"


@pytest.mark.subprocess
def test_a_page_changed_after_it_was_sent_gets_its_gz_at_the_end(tmp_path):
    page = tmp_path / "index.html"
    early = EarlyGzip()
    early.page(str(page), "<p>as sent</p>")
    early.finish()
    page.write_text("<p>changed by a later hook</p>", encoding="utf-8")
    assert precompress(tmp_path).written == 1
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == page.read_bytes()


@pytest.mark.subprocess
def test_a_stopped_process_ends_at_once(tmp_path):
    early = EarlyGzip()
    early.stop()
    assert early.proc.returncode is not None
    early.page(str(tmp_path / "index.html"), "<p>late</p>")  # a page after the stop is dropped, not an error
