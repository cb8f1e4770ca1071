"""A new applicant in a real browser: from the home page, the deadlines, the caps and the contact are one click away at most.

Run against the built site on a local server (conftest's ``served``), in
Debian's Chromium, at phone and desktop widths, in both languages.
"""

from __future__ import annotations

import pytest
from conftest import walk_probe, walk_problems

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


# What is wider than a phone: the page itself, or a table, steps, rules, a deadline or a team list
# (each of which would make the reader scroll sideways to read it).
WIDE = """() => {
  const width = document.documentElement.scrollWidth, problems = [];
  if (width > innerWidth) problems.push(`the page is ${width}px wide at ${innerWidth}px`);
  for (const e of document.querySelectorAll('article table, article .cg-steps, article .cg-rules, article .fact-when, article .cg-teams'))
    if (e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || e.scrollWidth > e.clientWidth + 1)
      problems.push(`wider than the phone: ${e.tagName}.${e.className}`);
  return problems;
}"""


@walk_probe("fits", widths=(390,))
def phone_width_problems(visit) -> list[str]:
    return visit.page.evaluate(WIDE)


@pytest.mark.parametrize("width", [390])  # the walk's width: its tests share one walk on one worker
def test_every_page_fits_a_phone(page_walk, width):
    """No sideways scrolling at 390 px on any page of either language (the page walk, conftest.page_walk);
    the walk's requests probe checks the same loads for console errors and requests to other hosts."""
    problems = walk_problems(page_walk(width)["fits"])
    assert problems == [], "\n".join(problems)


def test_the_width_probe_finds_a_wide_table(browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.set_content('<html><body><article><table style="width:600px"><tr><td>x</td></tr></table><p>ok</p></article></body></html>')
        found = page.evaluate(WIDE)
    finally:
        page.close()
    assert any(f.startswith("the page is") for f in found) and any("TABLE" in f for f in found), found


# Accessibility of every page, both languages, phone and desktop: tests/test_site_browser.py (axe).

