"""The site in real Chromium: search in both languages, the language switch, nothing fetched elsewhere, axe."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import walk_probe, walk_problems


def search(page, query: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on key events
    page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)"
                           " || document.querySelector('.md-search-result__item')", timeout=10000)
    return page.locator(".md-search-result__item").all_inner_texts()


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize(
    "path, query",
    [
        ("en/", "deadline"),  # English whole word: needs the search pipeline without stemming mismatch
        ("en/", "eligibility"),
        ("", "研究セキュリティ"),  # kanji + katakana compound typed as one word
        ("", "若手研究者"),
        ("", "締切"),
    ],
)
def test_search_finds_whole_words(page_factory, path, query):
    page = page_factory(path)
    results = search(page, query)
    assert results, f"no result for {query!r}"
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.build
def test_language_switch_keeps_the_page(page_factory, served):
    page = page_factory("budget/")
    page.locator(".md-header__option .md-select").first.hover()
    link = page.locator('.md-select__link[hreflang="en"]')
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/budget/")
    assert page.locator("html").get_attribute("lang") == "en"


@walk_probe("requests", widths=(390, 1280))
def requests_problems(visit) -> list[str]:
    """What a page fetched from another host, and the errors it logged (console, page errors, HTTP >= 400)."""
    return [f"request to another host: {u}" for u in visit.foreign_requests] + [f"error: {e}" for e in visit.console_errors]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("width", [390, 1280])
def test_no_request_leaves_the_site(page_walk, width):
    problems = walk_problems(page_walk(width)["requests"])
    assert problems == [], "\n".join(problems)


@pytest.mark.build
def test_built_html_loads_nothing_from_other_hosts(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//', html):
            if m.group(1) == "link" and re.search(r'rel="(canonical|alternate)"', html[m.start(): html.find(">", m.start())]):
                continue
            pytest.fail(f"{path.relative_to(site)} loads from another host: {html[m.start(): m.start() + 120]}")


AXE = Axe()


@walk_probe("axe", widths=(390, 1280))
def axe_problems(visit) -> list[str]:
    """Every axe rule (WCAG 2.2 A/AA and best practices): one line per violation."""
    result = AXE.run(visit.page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})" for v in result.response["violations"]]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_passes_axe(page_walk, width):
    problems = walk_problems(page_walk(width)["axe"])
    assert problems == [], f"at {width} px:\n" + "\n".join(problems)
