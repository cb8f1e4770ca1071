"""Gate 6: what search engines and link previews read.

With a public address (SITE_URL): absolute hreflang alternates (ja, en, x-default → Japanese),
og:url, sitemaps at both language roots listing both languages, and in Chromium no request that
fails. Without one: no hreflang at all (relative ones are invalid), the rest the same.
Every page: "page – site name" title, a meta description, Open Graph tags.
"""
from __future__ import annotations

import re
from functools import cache
from html import unescape

import pytest
from conftest import DATA, DATA_SHOWN, PUBLIC_PATH, ROOT, page_address, pages, settled_page

from callguide.pipeline import load
from callguide.render import plain
from callguide.seo import add_head_tags

LOCALE = {"ja": "ja_JP", "en": "en_GB"}


@cache
def site_name(key: str, lang: str) -> str:
    """The site's name on a page: the call's name in that language, from the live data, or for an
    archived year's page (archive/<year>/…) from that year's archived data."""
    year = re.match(r"archive/(\d{4})/", key)
    facts = load(ROOT / "data" / "archive" / f"{year[1]}.yaml", f"data/archive/{year[1]}.yaml") if year else load(DATA, DATA_SHOWN)
    return plain(facts, "call.name", lang)


@pytest.fixture(scope="module")
def public(public_site):
    """The site built with SITE_URL = the address it is then served at (under /guide/)."""
    return public_site


def head(path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[: html.find("</head>")]


def metas(h: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in re.finditer(r'<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"', h):
        out.setdefault(m[1], []).append(unescape(m[2]))
    return out


def every_page(site):
    for key, langs in sorted(pages(site).items()):
        for lang, path in sorted(langs.items()):
            yield key.removesuffix("index.html"), lang, path


@pytest.mark.build
def test_hreflang_alternates_are_absolute_with_x_default(public):
    site, base = public
    problems = []
    for key, lang, path in every_page(site):
        found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head(path))
        want = [("ja", base + page_address(key, "ja")), ("en", base + page_address(key, "en")), ("x-default", base + page_address(key, "ja"))]
        if found != want:
            problems.append(f"{lang}/{key}: hreflang alternates {found}, expected {want}")
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_no_hreflang_without_a_public_address(site):
    problems = [f"{lang}/{key}: {m}" for key, lang, path in every_page(site) for m in re.findall(r"<link[^>]*hreflang[^>]*>", head(path))]
    assert not problems, "relative hreflang is invalid; without SITE_URL there must be none:\n" + "\n".join(problems)


@pytest.mark.build
@pytest.mark.parametrize("which", ["public", "site"])
def test_title_description_and_open_graph(request, which):
    built = request.getfixturevalue(which)
    site, base = built if which == "public" else (built, None)
    problems = []
    for key, lang, path in every_page(site):
        h, where = head(path), f"{lang}/{key or '(home)'}"
        title = unescape(re.search(r"<title>(.*?)</title>", h, re.S)[1])
        name = site_name(key, lang)
        if not re.fullmatch(rf".+ – {re.escape(name)}", title):
            problems.append(f"{where}: <title> {title!r} is not 'page – {name}'")
        m = metas(h)
        want = {"description": None, "og:title": None, "og:description": None, "og:type": ["website"],
                "og:site_name": [name], "og:locale": [LOCALE[lang]], "og:locale:alternate": [LOCALE["en" if lang == "ja" else "ja"]]}
        if base:
            want["og:url"] = [base + page_address(key, lang)]
        for name, value in want.items():
            got = m.get(name)
            if not got or not got[0].strip() or len(got) != 1:
                problems.append(f"{where}: <meta {name}> missing, empty or repeated: {got}")
            elif value is not None and got != value:
                problems.append(f"{where}: <meta {name}> is {got}, expected {value}")
        if m.get("og:description") != m.get("description"):
            problems.append(f"{where}: og:description differs from the meta description")
        if not base and "og:url" in m:
            problems.append(f"{where}: og:url without a public address")
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_sitemaps_list_both_languages(public):
    """Both language roots have a sitemap listing every page of both languages; an archived year is
    a guide of its own, with its own sitemaps at its roots (archive/<year>/ and archive/<year>/en/)."""
    site, base = public
    problems = []
    for key, lang, _ in every_page(site):
        year = re.match(r"archive/\d{4}/", key)
        root = site / year[0] if year else site
        url = base + page_address(key, lang)
        for folder in (root, root / "en"):
            sitemap = folder / "sitemap.xml"
            if not sitemap.exists() or url not in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")):
                problems.append(f"{sitemap.relative_to(site)}: {url} missing")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.build
def test_pages_make_no_failing_request_with_a_public_address(browser, public):
    site, base = public
    origin = base.removesuffix(PUBLIC_PATH)
    problems = []
    ctx = browser.new_context()
    try:
        page = settled_page(ctx)  # one tab for every page: each load starts a new document
        bad: list[str] = []
        page.on("response", lambda r: r.status >= 400 and bad.append(f"HTTP {r.status} {r.url}"))
        page.on("request", lambda r: not r.url.startswith((origin, "data:")) and bad.append(f"request to another host {r.url}"))
        page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
        for key, lang, _ in every_page(site):
            url = base + page_address(key, lang)
            page.goto(url)
            page.settle()
            alternates = page.locator('head link[rel="alternate"][hreflang]').count()
            if alternates != 3:
                bad.append(f"{alternates} hreflang links in the rendered head, expected 3")
            problems += [f"{lang}/{key or '(home)'}: {b}" for b in bad]
            bad.clear()
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.build
def test_language_switch_with_a_public_address_keeps_the_page(browser, public):
    _, base = public
    page = browser.new_page()
    try:
        page.goto(base + "budget/")
        page.locator(".md-header__option .md-select").first.hover()
        page.locator('.md-select__link[hreflang="en"]').click()
        page.wait_for_load_state()
        assert page.url == base + "en/budget/"
    finally:
        page.close()


def test_head_tags_escape_their_values():
    html = "<head><title>A &amp; B - S</title></head>"
    out = add_head_tags(html, lang="en", key="x/", title='A & "B"', description="<d>", site_name="S", site_url="https://h/p")
    assert "<title>A &amp; B – S</title>" in out
    assert 'content="A &amp; &#34;B&#34;"' in out and 'content="&lt;d&gt;"' in out
    assert '<link rel="alternate" hreflang="x-default" href="https://h/p/x/">' in out
