"""Every built HTML file, read by htmlhint as it is written: a second reader beside the Nu checker.

The Nu checker validates the parsed document against the HTML standard, so it accepts what the
parser repairs silently: a stray ``>`` in text (the 404 pages' language menu read "> English")
is valid HTML. htmlhint reads the markup itself and finds such leftovers of a template or a regex.
It runs once, as one node process over the whole built site (both languages, the 404 pages and
any archived year).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

HTMLHINT = ROOT / "node_modules" / "htmlhint" / "bin" / "htmlhint"

# The rules that find real defects in generated pages; every other rule htmlhint 1.9.2 has is
# listed below with why it is left off.
RULES = {
    "spec-char-escape": True,  # a raw < or > in text: a tag cut short by a template or a regex
    "tag-pair": True,  # an element opened and never closed (or closed twice)
    "tagname-specialchars": True,  # a malformed tag name
    "attr-no-duplication": True,  # the same attribute twice: the browser keeps the first, silently
    "attr-value-double-quotes": True,  # every value quoted, one way: an unquoted value ends at its first space
    "attr-unsafe-chars": True,  # control or invisible characters in an attribute value (a pasted URL)
    "id-unique": True,  # a duplicate id breaks anchors, labels and aria references
    "src-not-empty": True,  # src="" requests the page itself again
    "alt-require": True,  # an image without a text alternative
    "frame-title-require": True,  # an unnamed iframe
    "doctype-first": True,  # anything before the doctype puts the page in quirks mode
    "doctype-html5": True,
    "html-lang-require": True,  # the page's language, for speech and fonts
    "title-require": True,
    "meta-charset-require": True,  # without it Japanese text can be read in the wrong encoding
    "meta-viewport-require": True,  # without it phones draw the desktop layout
    "meta-description-require": True,  # what search engines show; every page has one (test_seo)
    "h1-require": True,
    "main-require": True,  # the main landmark the skip link and screen readers go to
    "tag-no-obsolete": True,  # <center>, <font> and the like
    "tagname-lowercase": True,  # an upper-case tag in output comes from raw HTML typed into a page
    "id-class-ad-disabled": True,  # ad blockers hide elements whose id or class reads "ad": readers lose them
}
EXCLUDED = {
    # Not defects in HTML (they are XHTML habits or a house style):
    "tag-self-close": "HTML void elements need no '/>'; the theme writes <meta>, <link>, <input>",
    "empty-tag-not-self-closed": "'<br />' is valid HTML; style only",
    "attr-lowercase": "HTML attribute names are case-insensitive; SVG's viewBox is camel case by design",
    "attr-sorted": "attribute order means nothing to a browser",
    "attr-whitespace": "spacing around attributes is style; the parser normalises it",
    "attr-no-unnecessary-whitespace": "spacing around '=' is style; the parser normalises it",
    "attr-value-single-quotes": "the opposite of attr-value-double-quotes, which is on",
    "attr-value-no-duplication": "a class listed twice is harmless",
    "space-tab-mixed-disabled": "indentation is style",
    "id-class-value": "a naming convention (it needs one configured), not a defect",
    # Wrong for HTML as the standard defines it:
    "attr-value-not-empty": "boolean attributes (hidden, required, download) have no value by definition",
    "tags-check": "its default demands a title on every <a>, which the standard does not, and repeats link text",
    # Policies this site does not follow, by design of the theme:
    "head-script-disabled": "Material puts small scripts in <head> (colour scheme, base URL) before first paint",
    "script-disabled": "the theme and the tools (self-check, planner, checklist) are scripts",
    "inline-script-disabled": "the theme writes inline scripts; no content security policy forbids them here",
    "inline-style-disabled": "a policy for content security policies the site does not set",
    "style-disabled": "a policy for content security policies the site does not set",
    "href-abs-or-rel": "links to JST, UKRI and e-Rad are absolute by nature; internal links are checked by test_links",
    # Checked better elsewhere:
    "input-requires-label": "ignores aria-label (Material's search field has one); axe and HTML_CodeSniffer check accessible names",
    "form-method-require": "our forms and Material's search never submit (they work as you type); H32.2 in test_htmlcs_browser",
    "button-type-require": "a button's type matters only inside a form; the forms' behaviour is tested in the browser",
    "link-rel-canonical-require": "canonical links exist only when SITE_URL is set (test_seo checks them when publishing)",
}


def htmlhint(target: Path, tmp_path: Path) -> list[str]:
    """htmlhint with RULES over a folder (recursively) or a file, as `path:line:col: message (rule)`."""
    node = shutil.which("node")
    if not node or not HTMLHINT.exists():
        pytest.fail("htmlhint needs node and node_modules/htmlhint: run `make test` (it installs both)")
    config = tmp_path / "htmlhintrc.json"
    config.write_text(json.dumps(RULES), encoding="utf-8")
    run = subprocess.run([node, str(HTMLHINT), "--config", str(config), "--format", "json", "--nocolor", str(target)],
                         capture_output=True, text=True, timeout=300, check=False)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"htmlhint did not report (exit {run.returncode}): {run.stdout[:400]} {run.stderr[:400]}")
    root = target if target.is_dir() else target.parent
    return [f"{Path(f['file']).relative_to(root)}:{m['line']}:{m['col']}: {m['message']} ({m['rule']['id']}) {m['evidence'].strip()[:120]}"
            for f in report for m in f["messages"]]


@pytest.mark.subprocess
def test_every_rule_is_chosen_or_excluded_with_a_reason():
    run = subprocess.run([shutil.which("node") or "node", "-e", "console.log(JSON.stringify(Object.keys(require('htmlhint').HTMLHint.rules)))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    known = set(json.loads(run.stdout))
    assert set(RULES) | set(EXCLUDED) == known and not set(RULES) & set(EXCLUDED)


@pytest.mark.build
def test_every_built_page_passes_htmlhint(site, tmp_path):
    problems = htmlhint(site, tmp_path)
    assert problems == [], f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


@pytest.mark.subprocess
def test_htmlhint_does_find_errors(tmp_path):
    """A stray '>' and a duplicate id in a subfolder are found, so a silent run cannot pass the test above."""
    pages = tmp_path / "site"
    (pages / "en").mkdir(parents=True)
    good = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' \
           '<meta name="description" content="d"><title>t</title></head><body><main><h1>{}</h1></main></body></html>'
    (pages / "index.html").write_text(good.format("fine"), encoding="utf-8")
    (pages / "en" / "404.html").write_text(good.format('<a href="/" class="x">> English</a><p id="a"></p><p id="a"></p>'), encoding="utf-8")
    found = htmlhint(pages, tmp_path)
    assert {p.split(":")[0] for p in found} == {"en/404.html"}, found
    assert any("(spec-char-escape)" in p for p in found) and any("(id-unique)" in p for p in found), found
