"""The checklist in Chromium: ticks kept across languages, progress, reset, no-JS list, accessibility."""
from __future__ import annotations

import pytest
from conftest import DATA

from callguide.pipeline import load

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Stock Material's own axe findings (search dialog name, footer contrast) are fixed site-wide
# (material-a11y.js, site.css) and checked here like everything else.


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def _progress(page) -> str:
    return page.locator(".cg-progress__text").inner_text()


def _own_errors(page) -> list[str]:
    """Console errors and failed requests after a reload."""
    page.console_errors.clear()
    page.reload()
    page.settle()
    return list(page.console_errors)


def test_tick_survives_language_switch_and_reset_clears(page_factory, facts):
    total = sum(1 for _ in facts.call.checklist.items())
    first = facts.call.checklist.japan_pi.items[0].id
    last = facts.call.checklist.roles()[-1][1].items[-1].id
    ja = page_factory("checklist/", width=390)
    assert _progress(ja) == f"{total}項目中0項目完了"
    ja.locator(f"#cg-item-{first}").check()
    ja.locator(f"label[for=cg-item-{last}]").click()
    assert _progress(ja) == f"{total}項目中2項目完了"
    assert ja.locator(".cg-progress__text").get_attribute("aria-live") == "polite"

    ja.goto(ja.url.replace("/guide/checklist/", "/guide/en/checklist/"))
    assert ja.locator(f"#cg-item-{first}").is_checked()
    assert ja.locator(f"#cg-item-{last}").is_checked()
    assert _progress(ja) == f"2 of {total} done"
    stored = ja.evaluate("Object.keys(localStorage).filter(k => k.startsWith('callguide.checklist.')).sort()")
    call_id = facts.call.call.id
    assert stored == sorted([f"callguide.checklist.{call_id}.{first}", f"callguide.checklist.{call_id}.{last}"])

    ja.locator(".cg-progress__reset").click()
    assert _progress(ja) == f"0 of {total} done"
    assert ja.locator("input.cg-checklist__box:checked").count() == 0
    ja.reload()
    assert ja.locator("input.cg-checklist__box:checked").count() == 0
    assert _own_errors(ja) == []
    assert ja.foreign_requests == []


@pytest.mark.parametrize("path", ["checklist/", "en/checklist/"])
def test_without_javascript_a_plain_list(page_factory, facts, path):
    page = page_factory(path, javascript=False)
    total = sum(1 for _ in facts.call.checklist.items())
    assert page.locator("input.cg-checklist__box").count() == total
    assert not page.locator(".cg-progress").is_visible()
    assert page.locator(".cg-downloads a[href$='checklist.pdf']").is_visible()


@pytest.mark.parametrize("path", ["checklist/", "en/checklist/"])
def test_download_links_reach_files_of_the_same_language(page_factory, served, path):
    page = page_factory(path)
    for name in ("checklist.pdf", "calendar.ics"):
        href = page.locator(f".cg-downloads a[href$='{name}']").evaluate("a => a.href")
        prefix = "en/" if path.startswith("en/") else ""
        assert href == served.base_url + prefix + name
        assert page.request.get(href).status == 200


# axe on the checklist and the schedule as loaded, at both widths: the page walk (tests/test_site_browser.py).


def test_print_view_hides_controls_and_keeps_items(page_factory, facts):
    page = page_factory("en/checklist/")
    page.emulate_media(media="print")
    assert not page.locator(".cg-progress").is_visible()
    assert not page.locator(".cg-downloads").is_visible()
    assert page.locator("input.cg-checklist__box").first.is_visible()
