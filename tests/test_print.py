"""Gate 7: guide pages print cleanly: no navigation chrome, external link addresses shown,
tables neither cut at the right edge nor split across pages, headings kept with what follows.

Chromium with print media (emulate_media) for the layout checks, and page.pdf() read back
with pdftotext for what really reaches the paper.
"""
from __future__ import annotations

import re
import subprocess

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Long pages with tables, and the pages with external links.
PAGES = ["budget/", "security/", "apply/", "contact/", "evaluation/"]
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top", ".md-skip", ".md-select", ".headerlink"]
A4_MARGIN_MM = 15
PRINTABLE_PX = int((210 - 2 * A4_MARGIN_MM) / 25.4 * 96)  # CSS pixels across the printable width of A4

STYLES = """(selectors) => {
  const bad = [];
  for (const sel of selectors) for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (getComputedStyle(el).display !== 'none' && r.width > 0 && r.height > 0) bad.push(`${sel} is printed: ${el.outerHTML.slice(0, 100)}`);
  }
  const page = document.documentElement.clientWidth;
  for (const t of document.querySelectorAll('article table')) {
    const r = t.getBoundingClientRect();
    if (r.right > page + 1 || t.scrollWidth > t.clientWidth + 1) bad.push(`table wider than the paper (${Math.round(r.right)}px of ${page}px): ${t.outerHTML.slice(0, 100)}`);
  }
  for (const tr of document.querySelectorAll('article tr'))
    if (getComputedStyle(tr).breakInside !== 'avoid') bad.push(`table row may split across pages: ${tr.outerHTML.slice(0, 80)}`);
  for (const h of document.querySelectorAll('article h2, article h3'))
    if (getComputedStyle(h).breakAfter !== 'avoid') bad.push(`heading may end a page: ${h.outerHTML.slice(0, 80)}`);
  return bad;
}"""


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_print_layout(page_factory, served):
    """Each page of PAGES in both languages, printed at the paper's width: every problem of every page at once."""
    page = page_factory("", width=PRINTABLE_PX)
    page.emulate_media(media="print")
    problems = []
    for lang in ("ja", "en"):
        for path in PAGES:
            url = ("en/" if lang == "en" else "") + path
            page.goto(served.base_url + url)
            problems += [f"{url}: {p}" for p in page.evaluate(STYLES, CHROME)]
    assert not problems, f"print, {PRINTABLE_PX}px:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", ["budget/", "security/", "apply/"])
def test_printed_pdf_has_content_and_addresses_but_no_chrome(page_factory, tmp_path, path, lang):
    url = ("en/" if lang == "en" else "") + path
    page = page_factory(url)
    chrome = page.evaluate("""() => [...document.querySelectorAll('.md-header, .md-sidebar--primary, .md-footer, .md-tabs')]
                                    .flatMap(e => e.innerText.split('\\n')).map(s => s.trim()).filter(s => s.length > 1)""")
    article = squash(page.locator("article").inner_text())
    external = page.evaluate("() => [...document.querySelectorAll('article a[href^=\"http\"]')].map(a => a.href)")
    pdf = tmp_path / "page.pdf"
    page.emulate_media(media="print")
    margin = f"{A4_MARGIN_MM}mm"
    page.pdf(path=str(pdf), format="A4", margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    title = squash(page.locator("article h1").inner_text())
    assert title in text, f"{url}: the page's heading is not printed"
    leaked = sorted({line for line in chrome if squash(line) not in article and squash(line) in text})
    assert not leaked, f"{url}: navigation text printed: {leaked}"
    # In its reading order, pdftotext joins a word broken at a line's hyphen ("for-" + "innovation" reads
    # "forinnovation"); an address printed whole but wrapped at one of its hyphens is read as printed with -raw.
    raw = squash(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    missing = [href for href in external if squash(href) not in raw]
    assert not missing, f"{url}: external link addresses not printed: {missing}"
    if path == "apply/":
        assert external, f"{url}: expected external links to check"
