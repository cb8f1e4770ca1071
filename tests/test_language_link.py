"""The other language one tap away: every page's header shows a labelled link to the same page in the
other language ("English" on Japanese pages, "日本語" on English ones, each with its ``lang`` and
``hreflang``), visible on a phone (390 px) and on a desktop (1280 px), not only the theme's 文A menu.
No automatic redirect: the link is all there is.

Every built page of both languages (archived years included) is read on the shared page walk
(conftest.page_walk) at both widths; following the link is tried on two pages.
"""
from __future__ import annotations

import re

import pytest
from conftest import page_address, settled_page, walk_probe, walk_problems

LABEL = {"ja": ("en", "English"), "en": ("ja", "日本語")}


def page_key(path: str) -> tuple[str, str]:
    """The page key and language of a URL path of the walk (the inverse of conftest.page_address)."""
    year, english, rest = re.fullmatch(r"(archive/\d{4}/)?(en/)?(.*)", path).groups()
    return (year or "") + rest, "en" if english else "ja"


@walk_probe("language_link", widths=(390, 1280))
def language_link_problems(visit) -> list[str]:
    """On the loaded page, at the walk's width: one labelled link to the other language in the header,
    visible, whole and at least 24 px high, leading to the same page in the other language."""
    if visit.path.endswith("404.html"):
        return []
    page, width = visit.page, visit.page.viewport_size["width"]
    key, lang = page_key(visit.path)
    other, label = LABEL[lang]
    link = page.locator(f'header a[hreflang="{other}"][lang="{other}"]:not(.md-select__link)')
    if link.count() != 1:
        return [f"{link.count()} labelled links to {other} in the header"]
    problems = []
    if link.inner_text().strip() != label:
        problems.append(f"the link says {link.inner_text()!r}, not {label!r}")
    if not link.is_visible():
        problems.append(f"the link to {other} is not visible at {width} px")
    box = link.bounding_box()
    if box and (box["x"] < 0 or box["x"] + box["width"] > width or box["height"] < 24):
        problems.append(f"the link to {other} is cut or too small at {width} px: {box}")
    base = page.url[: len(page.url) - len(visit.path)] if visit.path else page.url
    want = base + page_address(key, other)
    if link.evaluate("a => a.href") != want:
        problems.append(f"the link leads to {link.evaluate('a => a.href')}, not {want}")
    return problems


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_links_the_other_language_by_name(page_walk, width):
    problems = walk_problems(page_walk(width)["language_link"])
    assert problems == [], f"{len(problems)} problem(s) at {width} px:\n" + "\n".join(problems[:60])


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("key, lang", [("", "ja"), ("budget/", "en")])
def test_following_the_link_reaches_the_same_page_in_the_other_language(page_factory, served, key, lang):
    """Followed with a tap, the link loads the same page in the other language, with its lang."""
    other, _ = LABEL[lang]
    page = page_factory(page_address(key, lang))
    with page.expect_navigation():
        page.locator(f'header a[hreflang="{other}"][lang="{other}"]:not(.md-select__link)').click()
    assert page.url == served.base_url + page_address(key, other)
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.browser
@pytest.mark.build
def test_no_automatic_redirect(page_factory):
    """An English-speaking browser still gets the Japanese home page at the root (the Japanese version prevails)."""
    page = page_factory("")
    ctx = page.context.browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    try:
        other = settled_page(ctx)
        other.goto(page.url)
        other.settle()
        assert other.url == page.url
        assert other.locator("html").get_attribute("lang") == "ja"
    finally:
        ctx.close()
