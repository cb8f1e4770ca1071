"""Gate 3: no broken internal link or anchor on any page (language switcher and cross-language
links included), relative language links so the site works at any base path, a 404 page per language.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import settled_page

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


@pytest.mark.build
def test_no_sitemap_without_a_public_address(site):
    assert not list(site.rglob("sitemap.xml*"))  # MkDocs would write "None" for every address


@pytest.mark.build
def test_sitemaps_with_a_public_address(public_site):
    site, base = public_site
    for folder in (site, site / "en"):
        xml = (folder / "sitemap.xml").read_text(encoding="utf-8")
        assert "None" not in xml
        assert f"<loc>{base}en/budget/</loc>" in xml
        assert f'hreflang="en" href="{base}en/budget/"' in xml


class _Refs(HTMLParser):
    """The ids of a page and its references: (line, tag, attribute, value)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if a.get(name):
                self.ids.add(a[name])
        for name in ("href", "src"):
            if a.get(name) is not None and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.refs.append((self.getpos()[0], tag, name, a[name]))


def _parse(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def broken_links(site: Path, base_url: str) -> list[str]:
    """Every internal reference in every built HTML file that names no file, or an id that is not there.

    ``base_url`` is where the site is served (``http://host/guide/``): root-relative and absolute
    links must stay under it.
    """
    base = urlsplit(base_url)
    parsed: dict[Path, _Refs] = {}

    def get(path: Path) -> _Refs:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        here = base.path + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
        for line, tag, attr, value in get(page).refs:
            where = f"{rel}:{line}: <{tag} {attr}={value!r}>"
            url = urlsplit(value)
            if url.scheme in ("mailto", "tel", "data") or (url.scheme and url.netloc != base.netloc):
                continue  # not ours (other hosts are the privacy gate's business)
            if url.scheme and url.scheme not in ("http", "https"):
                problems.append(f"{where}: unexpected scheme")
                continue
            path = unquote(url.path) if url.path else here
            target = path if path.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) + ("/" if path.endswith("/") else "")
            if target.rstrip("/") + "/" == base.path:
                target = base.path
            if not target.startswith(base.path):
                problems.append(f"{where}: leaves the site's base path {base.path} ({target})")
                continue
            file = site / target[len(base.path):]
            if target.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{where}: no such file {file.relative_to(site)}")
                continue
            if url.fragment and file.suffix == ".html" and unquote(url.fragment) not in get(file).ids:
                problems.append(f"{where}: no id {url.fragment!r} in {file.relative_to(site)}")
    return problems


@pytest.mark.build
def test_no_broken_internal_links_or_anchors(site):
    """The site without a public address works at any base path; its 404 pages link from the host root."""
    problems = broken_links(site, "http://127.0.0.1/")
    assert not problems, "\n".join(problems[:50])


@pytest.mark.build
def test_no_broken_links_when_published_under_a_sub_path(public_site):
    site, base = public_site
    problems = broken_links(site, base)
    assert not problems, "\n".join(problems[:50])


def test_the_link_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text('<a href="en/">ok</a><a href="en/#top">ok</a><a href="en/#nope">bad id</a>'
                                         '<a href="gone/">bad file</a><a href="/other/">outside</a>', encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text('<h1 id="top">x</h1><a href="../">ok</a>', encoding="utf-8")
    problems = broken_links(tmp_path, "http://h/guide/")
    assert len(problems) == 3, problems
    assert "no id 'nope'" in problems[0] and "no such file gone/index.html" in problems[1] and "leaves the site" in problems[2]


# --- 404 pages ----------------------------------------------------------------------------


@pytest.mark.build
def test_a_404_page_per_language(site):
    ja, en = (site / "404.html").read_text(encoding="utf-8"), (site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in ja and "<h1>ページが見つかりません</h1>" in ja
    assert '<p lang="en">Page not found.' in ja and '<a href="/en/">Go to the home page</a>' in ja  # any missing address gets the root page
    assert '<html lang="en"' in en and "<h1>Page not found</h1>" in en and "ページ" not in en.split("<article")[1].split("</article>")[0]
    assert '<a href="/budget/"' in ja and '<a href="/en/budget/"' in en  # full navigation, root-relative
    for html in (ja, en):
        assert '<a href="/" hreflang="ja" lang="ja" class="md-select__link">' in html and '<a href="/en/" hreflang="en" lang="en" class="md-select__link">' in html
        assert '<meta name="robots" content="noindex">' in html


def test_404_language_links_keep_one_start_tag():
    """The 404 page's language links are repointed at the homes without a stray '>' after them (read "> English")."""
    from callguide.theme_fixes import not_found_page

    theme = '<title>T</title><h1>404 - Not found</h1><a href="../budget/" hreflang="en" class="md-select__link">\n  English\n</a>'
    assert '<a href="/en/" hreflang="en" class="md-select__link">\n  English\n</a>' in not_found_page(theme, "ja")


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("missing, lang, home", [("no/such/page/", "ja", ""), ("en/no/such/deep/page/", "ja", ""), ("en/404.html", "en", "en/")])
def test_404_pages_work_from_any_depth_under_a_sub_path(browser, public_site, missing, lang, home):
    """Served like a static host does (root 404.html for any missing address): styled, no failing request, links home."""
    _, base = public_site
    page = settled_page(browser)
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.url != base + missing and failed.append(f"HTTP {r.status} {r.url}"))
    try:
        page.goto(base + missing)
        page.settle()
        assert failed == [], f"{missing}: {failed}"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator(".md-header").is_visible() and page.locator("link[rel=stylesheet]").count() > 2
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # the theme's CSS loaded
        page.locator("article a").first.click()
        page.wait_for_load_state()
        assert page.url == base + home
    finally:
        page.close()
