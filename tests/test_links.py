"""Language links are relative, so the site works at any base path."""
from callguide.links import relative_alternates

HOME = '<link rel="alternate" href="/" hreflang="ja">\n<a href="/" hreflang="ja" class="md-select__link"><a href="/en/" hreflang="en" class="md-select__link">'


def test_home_page_links_become_relative():
    out = relative_alternates(HOME, "")
    assert 'href="./" hreflang="ja"' in out and 'href="en/" hreflang="en"' in out
    assert '<link rel="alternate"' not in out  # Material would fetch sitemap.xml next to each


def test_english_home_with_a_base_path_in_site_url():
    html = HOME.replace('"/', '"/aspire/')
    out = relative_alternates(html, "en/", "/aspire/")
    assert 'href="../" hreflang="ja"' in out and 'href="./" hreflang="en"' in out


def test_relative_links_are_left_alone():
    html = '<a href="../../budget/" hreflang="ja" class="md-select__link">'
    assert relative_alternates(html, "en/budget/") == html


def test_no_sitemap_without_a_public_address(site):
    assert not list(site.rglob("sitemap.xml*"))  # MkDocs would write "None" for every address


def test_sitemaps_with_a_public_address(tmp_path, monkeypatch):
    from conftest import build_site

    monkeypatch.setenv("SITE_URL", "https://guide.example.org/aspire/")
    build = build_site(tmp_path / "site")
    assert build.result.returncode == 0, build.output
    for folder in (build.site, build.site / "en"):
        xml = (folder / "sitemap.xml").read_text(encoding="utf-8")
        assert "None" not in xml
        assert "<loc>https://guide.example.org/aspire/en/budget/</loc>" in xml
        assert 'hreflang="en" href="https://guide.example.org/aspire/en/budget/"' in xml


def test_one_404_page_for_both_languages(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<span lang="ja">ページが見つかりません</span> / <span lang="en">Page not found</span>' in html
    assert '<a href="/">ホームへ</a>' in html and '<a href="/en/">Go to the home page</a>' in html
