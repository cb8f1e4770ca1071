"""Gate 5: text from call.yaml never reaches a page as live markup.

Each payload goes into a copy of call.yaml through CALL_FILE, the site is built, and every
page of both languages is loaded in Chromium: no script may run (``window.__pwned`` stays
unset, no dialog opens), no element may carry an ``on…`` attribute, no link a ``javascript:``
address. The fields cover each kind of text that renders: a short text (the call's name, in
<title>, the header, the PDF and the calendar), Markdown body texts, a checklist item, a
self-check question, a milestone title; a link field refuses anything but https.
"""
from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import FIXTURE_DATA as DATA
from conftest import build_site, fixture_project, pages, warm_cache

# One line, for short texts (a title or a name): raw HTML, an event handler, a javascript: link,
# and a quote that would break out of an attribute (title, meta description, og:title).
LINE = ('X <script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2;alert(2)">'
        ' [go](javascript:window.__pwned=3) "><svg onload="window.__pwned=4"> \' onmouseover=\'window.__pwned=5\' Y')
# Several lines, for Markdown bodies: attr_list on a paragraph and on a link as well.
BODY = (LINE + '\n{: onclick="window.__pwned=6" }\n\n'
        '[link](https://example.org/){: onclick="window.__pwned=7" onmouseover="window.__pwned=7" }'
        ' <a href="javascript:window.__pwned=8">a</a> <a href=" JaVaScRiPt:window.__pwned=9">b</a>\n')

# (the English original, the kind of payload): each gets the payload in both languages.
FIELDS = {
    "call.name": ("ASPIRE {{ call.fiscal_year }} Japan–UK Joint Call for Quantum Technologies", LINE),
    "apply.steps.0.text": ("The researchers in Japan and in the UK write the joint research proposal together", BODY),
    "checklist.japan_pi.items.1.text": ("Check that you belong to, and do your research at, a research institution in Japan.", BODY),
    "selfcheck.eligibility.questions.0.text": ("Does the Japanese principal investigator belong to a research institution in Japan", BODY),
    "schedule.joint_call_opens.title": ("Joint call opens", LINE),
}

PROBE = """() => {
  const bad = [];
  if (window.__pwned !== undefined) bad.push(`script ran: window.__pwned = ${window.__pwned}`);
  for (const el of document.querySelectorAll('*')) {
    const tag = () => el.outerHTML.slice(0, 160);  // serialised only for a problem (each element's whole subtree)
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`event-handler attribute ${a.name} on ${tag()}`);
      if (/^\\s*javascript:/i.test(a.value)) bad.push(`javascript: address in ${a.name} on ${tag()}`);
    }
    if (el.tagName === 'SCRIPT' && el.textContent.includes('__pwned')) bad.push(`live script element ${tag()}`);
  }
  return bad;
}"""


def poisoned_call(tmp_path) -> tuple:
    """A copy of call.yaml with the payloads in every field of FIELDS, in both languages."""
    text = DATA.read_text(encoding="utf-8")
    lines = text.splitlines()
    for path, (original, payload) in FIELDS.items():
        at = [i for i, line in enumerate(lines) if line.strip().startswith("en: ") and original in line]
        assert len(at) == 1, f"{path}: the English original {original!r} is not found exactly once in call.yaml"
        i = at[0]
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        assert lines[i - 1].strip().startswith("ja: "), f"{path}: no Japanese text above the English one"
        lines[i - 1] = f"{indent}ja: {json.dumps('日本語 ' + payload, ensure_ascii=False)}"
        lines[i] = f"{indent}en: {json.dumps(payload, ensure_ascii=False)}"
    out = tmp_path / "call.yaml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injection")
    build = build_site(tmp / "site", call_file=poisoned_call(tmp), project=fixture_project(tmp), cache=warm_cache(tmp_path_factory))
    assert build.result.returncode == 0, build.output
    return build.site


@pytest.fixture(scope="module")
def poisoned_server(poisoned_site):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler, free_port

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(poisoned_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


@pytest.mark.build
def test_the_payloads_reach_the_pages(poisoned_site):
    """The payloads are really in the build (as text), so the gate below is not vacuous."""
    for path in ("index.html", "en/index.html", "apply/index.html", "en/apply/index.html", "en/checklist/index.html", "en/eligibility/index.html", "en/schedule/index.html"):
        html = (poisoned_site / path).read_text(encoding="utf-8")
        assert "onerror" in html or "onmouseover" in html, f"{path}: no payload text in the page"


@pytest.mark.browser
@pytest.mark.build
def test_no_payload_runs_in_chromium(browser, poisoned_site, poisoned_server):
    problems = []
    ctx = browser.new_context()
    try:
        # One tab for every address, as a reader clicks through: each navigation is a new document (a fresh
        # window, so a __pwned set by one page is not seen on the next), without a new tab's start-up each time.
        page = ctx.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for key in sorted(pages(poisoned_site)) + ["404.html"]:
            for prefix in ("", "en/"):
                if key == "404.html" and not (poisoned_site / prefix / key).exists():
                    continue
                url = prefix + key.removesuffix("index.html")
                page.goto(poisoned_server + url)
                page.wait_for_load_state("load")
                page.mouse.move(0, 0)  # from the corner, as in a new tab: the pointer enters what lies under it
                page.mouse.move(200, 200)
                found = page.evaluate(PROBE) + [f"dialog opened: {m!r}" for m in dialogs]
                dialogs.clear()
                problems += [f"{url or '/'}: {p}" for p in found]
    finally:
        ctx.close()
    assert not problems, "\n".join(problems[:40])


@pytest.mark.browser
def test_the_probe_does_catch_live_markup(browser, tmp_path):
    """The probe reports a script that ran, an on… attribute and a javascript: link."""
    page = browser.new_page()
    page.set_content('<p onclick="x()">a</p><a href=" javascript:x()">b</a><script>window.__pwned=1</script>')
    found = page.evaluate(PROBE)
    page.close()
    assert any("script ran" in f for f in found) and any("onclick" in f for f in found) and any("javascript:" in f for f in found)


@pytest.mark.build
def test_pdf_and_calendar_hold_the_text_inert(poisoned_site):
    for lang, folder in (("ja", poisoned_site), ("en", poisoned_site / "en")):
        pdf = (folder / "checklist.pdf").read_bytes()
        assert b"/JavaScript" not in pdf and b"/JS " not in pdf and b"javascript:" not in pdf.lower(), f"{lang}/checklist.pdf: a script or javascript: link"
        text = subprocess.run(["pdftotext", "-layout", str(folder / "checklist.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        assert "Check that you belong" not in text and "X " in text, f"{lang}/checklist.pdf: the payload item is missing"
        ics = (folder / "calendar.ics").read_text(encoding="utf-8")
        from icalendar import Calendar

        cal = Calendar.from_ical(ics)
        names = [str(c.get("summary")) for c in cal.walk("VEVENT")]
        assert any("<script>" in n for n in names), f"{lang}/calendar.ics: the milestone title is not kept as plain text: {names}"


@pytest.mark.build
def test_a_javascript_link_in_a_url_field_stops_the_build(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    original = "url: https://www.e-rad.go.jp/"
    assert text.count(original) == 1
    bad = tmp_path / "call.yaml"
    bad.write_text(text.replace(original, "url: javascript:window.__pwned=1//https://x"), encoding="utf-8")
    build = build_site(tmp_path / "site", call_file=bad, project=fixture_project(tmp_path))
    assert build.result.returncode != 0
    assert re.search(r"call\.yaml:\d+:\d+: apply\.portals\.japan\.url: a link must start with https://", build.output), build.output
    assert not (tmp_path / "site" / "index.html").exists()
