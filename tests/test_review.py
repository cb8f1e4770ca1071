"""The review page (``make review``): every fact of call.json with its path, line, both renderings,
canonical value and source; drift and changes first, old → new; valid, accessible, printable on A4.

On copies of the frozen 2025 call (tests/fixtures/call-2025), without git: the page is written by the
command itself (``python -m callguide review``, in this process); one browser test reads it in Chromium.
"""
from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import edit_once

from callguide import review
from callguide.__main__ import main
from callguide.call_json import META
from callguide.loader import load_file
from callguide.new_call import new_call
from callguide.pipeline import load_and_check_pages
from callguide.provenance import COMPUTED

JA_AIM = "    - ja: 世界のトップ科学者層とのネットワーク構築\n"
ERAD_AT = 'when: {at: "2025-05-09 14:00", zone: Asia/Tokyo}'


@pytest.fixture
def project(frozen_project):
    return frozen_project


edit = edit_once


def written(root, *args: str) -> str:
    assert main(["review", *args]) == 0
    return (root / review.OUTPUT).read_text(encoding="utf-8")


def row_paths(html: str) -> list[str]:
    """The facts' paths in the order the page lists them."""
    return re.findall(r'<tr class="rv-row[^"]*"[^>]*>\s*<th scope="row"><code>([^<]+)</code>', html)


def row_of(html: str, path: str) -> str:
    start = html.index(f'<th scope="row"><code>{path}</code>')
    return html[start : html.index("</tr>", start)]


def leaves(node, path: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            if not (path == "" and key in META):
                yield from leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, f"{path}.{i}")
    else:
        yield path


def test_every_leaf_of_call_json_is_listed_with_its_path_line_and_both_renderings(project):
    html = written(project)
    checked = load_and_check_pages(project, project / "docs")
    loaded = load_file(project / "data" / "call.yaml", "data/call.yaml")
    rows = {r.path: r for r in review.rows(checked, loaded, None)}
    lines = (project / "data" / "call.yaml").read_text(encoding="utf-8").split("\n")
    for leaf in leaves(json.loads(checked.call_json())):
        parts = leaf.split(".")
        owner = next((".".join(parts[:n]) for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in rows), None)
        assert owner is not None, f"{leaf} is on no row"
        r = rows[owner]
        assert f'<th scope="row"><code>{owner}</code><code class="rv-line">data/call.yaml:{r.line}</code>' in html
        for lang in ("ja", "en"):
            assert str(r.html[lang]).strip() and f'<td lang="{lang}">{r.html[lang]}</td>' in row_of(html, owner), (owner, lang)
        key = parts[-1]
        typed = tuple(int(p) if p.isdigit() else p for p in owner.split("."))
        if owner == leaf and typed in loaded.key_positions and not key.isdigit():
            assert f"{key}:" in lines[r.line - 1], (leaf, r.line, lines[r.line - 1])
    # A computed value names the facts it is computed from.
    computed = [r for r in rows.values() if r.source.kind == COMPUTED]
    assert computed and all(r.source.inputs and set(r.source.inputs) <= set(checked.facts.by_path) for r in computed)
    assert all(", ".join(r.source.inputs) in row_of(html, r.path) for r in computed)
    # Every statement of the guide's own is listed as such.
    own = [p for p, _ in checked.facts.own_texts()]
    assert own and all("rv-mark--own" in row_of(html, p) for p in own)
    assert "この公募の事実をすべて" in html and "Every fact of this call" in html
    assert not (project / "site").exists()


def test_a_one_sided_edit_is_drift_and_listed_first(project, capsys):
    edit(project / "data" / "call.yaml", JA_AIM, JA_AIM.replace("との", "との国際"))
    html = written(project)
    assert "the site is not built until they are resolved" in capsys.readouterr().err
    assert row_paths(html)[0] == "programme.aims.0"
    first = row_of(html, "programme.aims.0")
    assert "rv-mark--drift" in first and "翻訳のずれ（日本語だけ変更）" in first and "translation drift (Japanese changed alone)" in first
    assert "世界のトップ科学者層との国際ネットワーク構築" in first and "make confirm ONLY=programme.aims.0" in first
    assert sum("rv-mark--drift" in row_of(html, p) for p in row_paths(html)) == 1


def test_a_value_changed_since_the_archived_year_shows_old_and_new_and_a_draft_marks_the_rest(project):
    new_call(project)
    data = project / "data" / "call.yaml"
    edit(data, ERAD_AT, ERAD_AT.replace("14:00", "17:00"))
    html = written(project)
    assert "data/archive/2025.json" in html
    paths = row_paths(html)
    changed = [p for p in paths if "rv-mark--changed" in row_of(html, p)]
    # The deadline, and the call's year, id and draft flag (bookkeeping), all before every unchanged fact.
    assert set(changed) == {"schedule.erad_deadline.when", "call.fiscal_year", "call.id", "call.draft"}
    assert paths[: len(changed)] == changed
    deadline = row_of(html, "schedule.erad_deadline.when")
    for before, now in (("2025年5月9日（金）14:00", "2025年5月9日（金）17:00"), ("Friday 9 May 2025, 14:00", "Friday 9 May 2025, 17:00")):
        assert before in deadline and now in deadline and deadline.index(before) < deadline.index(now)
    # In a draft every fact still the 2025 call's is marked: amounts and rules as well as dates.
    for path in ("budget.japan.direct_cap", "schedule.uk_deadline.when", "programme.aims.0", "budget.indirect_rate"):
        assert "rv-mark--same" in row_of(html, path), path
    assert "rv-mark--same" not in deadline
    # FROM names the same year: the same comparison.
    assert written(project, "2025") == html


# Marks each table row that is styled exactly as an earlier row of its table (the same classes, style and
# language attributes on it and on every element in it, the same parity, neither first nor last), and
# returns how many rows are left: colour contrast depends on styles, not on the words, so these rows add
# nothing to it (10 s of axe's 14 on the page of the 2025 call, ~600 rows and ~30 kinds of row).
SAME_STYLE_ROWS = """() => {
  let kinds = 0;
  for (const table of document.querySelectorAll('table')) {
    const seen = new Set();
    const rows = table.querySelectorAll(':scope > thead > tr, :scope > tbody > tr, :scope > tr');
    rows.forEach((tr, i) => {
      const parts = [tr.className, tr.getAttribute('style'), i % 2, i === 0, i === rows.length - 1];
      for (const el of tr.querySelectorAll('*')) parts.push([el.tagName, el.className, el.getAttribute('style'), el.getAttribute('lang')].join(' '));
      const key = [...new Set(parts.map(String))].sort().join('|');
      if (seen.has(key)) tr.setAttribute('data-same-style', ''); else { seen.add(key); kinds += 1; }
    });
  }
  return kinds;
}"""

# The printable width of A4 with the page's 12 mm margins, in CSS pixels.
A4_PX = int((210 - 2 * 12) / 25.4 * 96)


@pytest.mark.browser
@pytest.mark.subprocess
def test_the_page_is_valid_accessible_self_contained_and_prints_on_a4(project, browser, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from test_html_valid import vnu

    new_call(project)
    edit(project / "data" / "call.yaml", ERAD_AT, ERAD_AT.replace("14:00", "17:00"))
    edit(project / "data" / "call.yaml", JA_AIM, JA_AIM.replace("との", "との国際"))
    written(project)
    page_file = project / review.OUTPUT
    run = subprocess.run(vnu("--errors-only", "--format", "gnu", str(page_file)), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: not r.url.startswith(("file:", "data:")) and requests.append(r.url))
        page.goto(page_file.as_uri())
        # Every axe rule on the whole page but colour contrast, which costs three quarters of the time on
        # its 12,000 elements; contrast then on every row that is styled differently (SAME_STYLE_ROWS).
        violations = Axe().run(page, options={"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}).response["violations"]
        assert page.evaluate(SAME_STYLE_ROWS) > 10
        violations += Axe().run(page, context={"exclude": [["[data-same-style]"]]},
                                options={"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast"]}}).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations] == []
        # The filter, by keyboard: the first thing focused, typing narrows the rows and says how many.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "rv-filter"
        page.keyboard.type("programme.aims.0")
        assert page.locator("tr[data-search]:visible").count() == 1
        assert "1 of" in page.text_content("#rv-count")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        # Printed on A4: nothing wider than the paper, and a PDF that Chromium makes.
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_PX, "height": 1000})
        wide = page.evaluate("""() => [document.documentElement, ...document.querySelectorAll('table, pre, code')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.outerHTML.slice(0, 100))""")
        assert wide == []
        assert page.pdf(format="A4")[:5] == b"%PDF-"
        assert requests == []
    finally:
        context.close()
