"""A new applicant in a real browser: from the home page, the deadlines, the caps and the contact are one click away at most.

Run against the built site on a local server (conftest's ``served``), in
Debian's Chromium, at phone and desktop widths, in both languages.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

GUIDE_PAGES = ["", "aspire/", "call/", "budget/", "duplicates/", "apply/", "proposal/", "evaluation/", "security/", "contact/"]
LANG_ROOT = {"ja": "", "en": "en/"}
WIDTHS = [390, 1280]

# What a new applicant looks for first, as fact paths.
DEADLINES = ["schedule.uk_deadline.when", "schedule.erad_deadline.when"]
CAPS = ["budget.japan.direct_cap", "partners.uk.budget.cap"]
CONTACT = "contacts.jst.email"


def _visible(page, path: str) -> bool:
    """Shown somewhere on the page (the status box also holds the other phases' wording, hidden)."""
    return page.locator(f'article [data-fact="{path}"]:visible').count() > 0


def _errors(page) -> list[str]:
    """Console errors and failed requests, after a reload."""
    page.console_errors.clear()
    page.reload()
    page.settle()
    return list(page.console_errors)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_home_shows_deadlines_caps_and_contact(page_factory, lang, width):
    page = page_factory(LANG_ROOT[lang], width=width)
    missing = [p for p in DEADLINES + CAPS + [CONTACT] if not _visible(page, p)]
    assert not missing, f"{lang} home at {width}px: not visible: {missing}"
    assert page.locator("article [data-status]").first.is_visible()
    assert page.locator(f'article a[href^="mailto:"][data-fact="{CONTACT}"]').count() >= 1
    errors = _errors(page)
    assert not errors, errors
    assert not page.foreign_requests, page.foreign_requests


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(
    "target, facts",
    [("budget/", CAPS), ("contact/", [CONTACT]), ("apply/", DEADLINES)],
)
def test_detail_is_one_click_from_home(page_factory, lang, target, facts):
    page = page_factory(LANG_ROOT[lang], width=390)
    link = page.locator(f'article a[href="{target}"]').first
    assert link.count() == 1, f"{lang} home has no link to {target}"
    link.click()
    page.wait_for_url(f"**/{LANG_ROOT[lang]}{target}")
    missing = [p for p in facts if not _visible(page, p)]
    assert not missing, f"{lang} {target}: not visible after one click: {missing}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_home_links_to_the_timeline_checklist_and_self_checks(page_factory, lang):
    page = page_factory(LANG_ROOT[lang])
    for target in ("schedule/", "checklist/", "eligibility/", "planner/"):
        assert page.locator(f'article a[href="{target}"]').count() >= 1, f"{lang} home has no link to {target}"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", GUIDE_PAGES)
def test_guide_page_fits_a_phone(page_factory, lang, path):
    """No sideways scrolling at 390px: not the page, not a table, not a deadline."""
    page = page_factory(LANG_ROOT[lang] + path, width=390, height=844)
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, f"{lang}/{path}: page is {page_width}px wide at 390px"
    wide = page.evaluate(
        """() => [...document.querySelectorAll('article table, article .cg-steps, article .cg-rules, article .fact-when, article .cg-teams')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || e.scrollWidth > e.clientWidth + 1)
              .map(e => e.tagName + '.' + e.className)"""
    )
    assert not wide, f"{lang}/{path}: wider than the phone: {wide}"
    errors = _errors(page)
    assert not errors, errors
    assert not page.foreign_requests, page.foreign_requests


# Accessibility of every page, both languages, phone and desktop: tests/test_site_browser.py (axe).

