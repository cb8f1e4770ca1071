"""HTML_CodeSniffer at WCAG 2 AA on every page in Chromium: a second accessibility reader beside axe.

axe reports some failures only as "needs review" (a header cell with ``scope="colgroup"`` and no
column group); HTML_CodeSniffer (npm ``html_codesniffer``, pa11y's default runner) has its own
table model and reports them as errors. It is injected into each page after the page's scripts
have run; its errors (type 1) must be none, apart from the false positives in FALSE_POSITIVES.
Every built page of both languages is read, the 404 pages and archived years included, on the
shared page walk (conftest.page_walk: the 404 pages at the host's root, so that they are styled).
"""
from __future__ import annotations

import pytest
from conftest import ROOT, walk_probe, walk_problems

HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"

# (code suffix, CSS selector of the element it is reported on): why it is not a failure there.
# H32.2 "no submit button" is one way to meet 3.2.2 (a change of setting does not change context);
# these forms have nothing to submit and change no context: they show their result as you go.
FALSE_POSITIVES = {
    ("H32.2", "form.md-search__form"): "Material's search lists results as you type; Enter opens the best one",
    ("H32.2", "form.cg-selfcheck-form"): "radio buttons only: each answer updates the result below the questions",
    ("H32.2", "form.cg-planner"): "each keystroke recalculates the sums; Enter submits nothing (selfcheck.js prevents it)",
}

RUN = """(allowed) => new Promise((resolve) => HTMLCS.process('WCAG2AA', document, () => resolve(
  HTMLCS.getMessages().filter((m) => m.type === HTMLCS.ERROR).map((m) => {
    const el = m.element && m.element.nodeType === 1 ? m.element : null;
    const ok = allowed.some(([code, selector]) => m.code.endsWith('.' + code) && el && el.matches(selector));
    const what = el ? el.outerHTML.replace(/\\s+/g, ' ').slice(0, 140) : String(m.element && m.element.nodeName);
    return ok ? null : `${m.code}: ${m.msg.slice(0, 160)} | ${what}`;
  }).filter(Boolean))))"""


def loaded_page_errors(page) -> list[str]:
    page.add_script_tag(path=str(HTMLCS))
    return page.evaluate(RUN, [list(k) for k in FALSE_POSITIVES])


def htmlcs_errors(page, url: str) -> list[str]:
    page.goto(url)
    return loaded_page_errors(page)


@walk_probe("htmlcs")
def htmlcs_problems(visit) -> list[str]:
    return loaded_page_errors(visit.page)


@pytest.mark.browser
@pytest.mark.build
def test_every_page_passes_html_codesniffer_wcag2aa(page_walk):
    problems = walk_problems(page_walk(1280)["htmlcs"])
    assert problems == [], f"{len(problems)} error(s):\n" + "\n".join(problems[:60])


@pytest.mark.browser
def test_html_codesniffer_does_find_errors(browser):
    """A table with two levels of headers and no headers attributes, and an unlabelled field, are found;
    a live form on the allow-list is not (the allow-list is by element, not by code alone)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("http://probe.test/", lambda route: route.fulfill(content_type="text/html", body=(
            '<!doctype html><html lang="en"><title>t</title><main>'
            '<table><thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead><tbody><tr><th colspan="2" scope="colgroup">Q</th></tr>'
            '<tr><td>1</td><td>2</td></tr></tbody><tbody><tr><th colspan="2" scope="colgroup">R</th></tr><tr><td>3</td><td>4</td></tr></tbody></table>'
            '<form class="cg-planner"><label>Sum <input name="a"></label></form><form><input name="b"></form></main>')))
        errors = htmlcs_errors(page, "http://probe.test/")
    finally:
        context.close()
    assert any(".H43.HeadersRequired:" in e for e in errors) and any(".F68:" in e for e in errors), errors
    assert [e.split(" | ")[1] for e in errors if ".H32.2:" in e] == ['<form><input name="b"></form>'], errors
