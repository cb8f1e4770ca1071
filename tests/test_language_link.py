"""The other language one tap away: every page's header shows a labelled link to the same page in the
other language ("English" on Japanese pages, "日本語" on English ones, each with its ``lang`` and
``hreflang``), visible on a phone (390 px) and on a desktop (1280 px), not only the theme's 文A menu.
No automatic redirect: the link is all there is.
"""
from __future__ import annotations

import pytest
from conftest import page_address, pages

LABEL = {"ja": ("en", "English"), "en": ("ja", "日本語")}


def every_page(site):
    for key, langs in sorted(pages(site).items()):
        for lang in sorted(langs):
            yield key.removesuffix("index.html"), lang


@pytest.mark.browser
@pytest.mark.build
def test_every_page_links_the_other_language_by_name(browser, site, served):
    problems, errors = [], []
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"HTTP {r.status} {r.url}"))
    for key, lang in every_page(site):
        other, label = LABEL[lang]
        path = page_address(key, lang)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(served.base_url + path)
        link = page.locator(f'header a[hreflang="{other}"][lang="{other}"]:not(.md-select__link)')
        if link.count() != 1:
            problems.append(f"{path}: {link.count()} labelled links to {other} in the header")
            continue
        if link.inner_text().strip() != label:
            problems.append(f"{path}: the link says {link.inner_text()!r}, not {label!r}")
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844})
            if not link.is_visible():
                problems.append(f"{path}: the link to {other} is not visible at {width} px")
            box = link.bounding_box()
            if box and (box["x"] < 0 or box["x"] + box["width"] > width or box["height"] < 24):
                problems.append(f"{path}: the link to {other} is cut or too small at {width} px: {box}")
        with page.expect_navigation():
            link.click()
        want = served.base_url + page_address(key, other)
        if page.url != want:
            problems.append(f"{path}: the link leads to {page.url}, not {want}")
        if page.locator("html").get_attribute("lang") != other:
            problems.append(f"{path}: the page reached is not in {other}")
    ctx.close()
    assert problems + errors == [], "\n".join(problems + errors)


@pytest.mark.browser
@pytest.mark.build
def test_no_automatic_redirect(page_factory):
    """An English-speaking browser still gets the Japanese home page at the root (the Japanese version prevails)."""
    page = page_factory("")
    ctx = page.context.browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    try:
        other = ctx.new_page()
        other.goto(page.url)
        other.wait_for_load_state("networkidle")
        assert other.url == page.url
        assert other.locator("html").get_attribute("lang") == "ja"
    finally:
        ctx.close()
