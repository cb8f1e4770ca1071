"""The two fictional partner calls of tests/fixtures pass every gate (issue 17 part 5).

``call-australia``: one partner that is not the UK (AUD, Australia/Sydney, whose daylight-saving time runs
October to April, a funder that pays all direct costs plus an allowance). ``call-two-partners``: two partner
funders (EUR in Europe/Berlin paying a share of eligible costs, CAD in America/Vancouver with no cap), with
deadlines on different days in different zones. Both are ``fictional: true``.

Each is built once per run (conftest.partner_site, shared by the workers) and goes through the property
tier the valid-edits test uses (test_valid_edits.PROPERTIES: parity, coverage, call.json and its schema,
calendars, PDF text, own-text labels), the check, the typed-facts scan of its pages, three calendar readers,
and a search for a partner the call does not have (the UK's words) in every output. The two-partner call's
status box, timeline, calendars and checklist PDF show both partner deadlines in their own zones and in
Japan time; its pages that differ by partner pass axe and the Nu checker once, in both languages.
"""
from __future__ import annotations

import functools
import http.server
import io
import re
import subprocess
import threading
from html import unescape
from pathlib import Path

import pytest
from conftest import FIXTURES, PARTNER_FIXTURES, ROOT, _QuietHandler, settled_page
from ical_readers import icalendar_reading, icaljs_reading, vobject_reading, zoneinfo_reading
from test_guide_typed_facts import fact_forms, scan_facts, scan_generic
from test_three_deadlines import shown
from test_valid_edits import PROPERTIES, _call

from callguide.pipeline import load, load_and_check_pages

LANGS = ("ja", "en")
ROOTS = {"ja": "", "en": "en/"}
# A partner neither fixture has: the 2025 call's (its country, funder, parent body, portal and currency).
OTHER_PARTNER = ("UK", "英国", "日英", "EPSRC", "UKRI", "Funding Service", "GBP", "ポンド")
_OTHER = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w) for w in OTHER_PARTNER))
# ASPIRE's own list of its target countries (``| countries`` on the ASPIRE page) names the UK by right (it is one
# of them), in the name the call's documents use (``names.territories.GB``: 英国): programme data, left out of the search.
COUNTRIES = re.compile(r'<ul class="countries">.*?</ul>', re.S)
TARGET_NAME = re.compile(r"(?m)^    GB: \{ja: 英国\}\n")
# The pages that differ by partner: caps (budget), planner, timeline (schedule), checklist, home.
PARTNER_PAGES = ("", "budget/", "planner/", "schedule/", "checklist/")


def data_of(site: Path) -> Path:
    return site.parent / "project" / "data" / "call.yaml"


def facts_of(site: Path):
    return load(data_of(site), "call.yaml")


def mentions(text: str) -> list[str]:
    return sorted(set(_OTHER.findall(text)))


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the data and pages, without a build ------------------------------------------------------


@pytest.mark.parametrize("name", PARTNER_FIXTURES)
def test_the_fixture_is_fictional_and_passes_the_check(name, tmp_path):
    from conftest import fixture_project

    project = fixture_project(tmp_path, name)
    checked = load_and_check_pages(project, project / "docs", data=(project / "data" / "call.yaml", "data/call.yaml"))
    assert checked.facts.call.call.fictional is True
    assert "GB" not in {p.territory for p in checked.facts.call.partners.values()}


@pytest.mark.parametrize("name", PARTNER_FIXTURES)
def test_no_fact_is_typed_into_the_fixtures_pages(name):
    forms = fact_forms(load(FIXTURES / name / "call.yaml", "call.yaml"))
    problems = []
    for page in sorted((FIXTURES / name / "docs").rglob("*.md")):
        text, rel = page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix()
        problems += scan_facts(text, forms, rel) + scan_generic(text, rel)
    assert not problems, "\n".join(map(str, problems))


def test_the_fixtures_are_what_they_are_for():
    one = load(FIXTURES / "call-australia" / "call.yaml", "call.yaml").call
    [(pid, au)] = one.partners.items()
    assert (au.territory, au.currency, au.zone) == ("AU", "AUD", "Australia/Sydney")
    assert au.budget.basis.share.value == 1 and au.budget.basis.allowance is not None
    two = load(FIXTURES / "call-two-partners" / "call.yaml", "call.yaml")
    assert [(p.currency, p.zone) for p in two.call.partners.values()] == [("EUR", "Europe/Berlin"), ("CAD", "America/Vancouver")]
    partner_deadlines = [m for _, m in two.deadlines() if m.side in two.call.partners]
    assert len({m.side for m in partner_deadlines}) == 2
    assert len({m.when.zone for m in partner_deadlines}) == 2 and len({m.when.at.date() for m in partner_deadlines}) == 2


# --- the built fixtures -----------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("prop", PROPERTIES, ids=lambda t: t.__name__)
def test_every_property_holds(partner_site, prop):
    _call(prop, partner_site, facts_of(partner_site), data_of(partner_site))


@pytest.mark.build
def test_three_readers_read_the_calendars_alike(partner_site):
    for lang in LANGS:
        ics = (partner_site / ROOTS[lang] / "calendar.ics").read_bytes()
        right = zoneinfo_reading(ics)
        assert right and icalendar_reading(ics) == right and vobject_reading(ics) == right


@pytest.mark.build
@pytest.mark.subprocess
@pytest.mark.parametrize("partner_site", ["call-two-partners"], indirect=True)
def test_icaljs_reads_the_two_partner_calendar_alike(partner_site):
    ics = (partner_site / "en" / "calendar.ics").read_bytes()
    assert {u: r[0] for u, r in icaljs_reading(ics).items()} == {u: r[0] for u, r in zoneinfo_reading(ics).items()}


def _pdf_text(site: Path, lang: str) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO((site / ROOTS[lang] / "checklist.pdf").read_bytes())).pages)


def _without_target_names(tree: dict) -> dict:
    """call.json without the names of ASPIRE's target countries (``names.territories``), which the programme's list shows."""
    names = tree.get("names", {}).get("territories", {})
    for code in tree["programme"]["target_countries"]:
        names.pop(code, None)
    return tree


@pytest.mark.build
def test_no_pdf_calendar_or_call_json_names_a_partner_the_call_does_not_have(partner_site):
    import json

    found = {"call.json": mentions(json.dumps(_without_target_names(json.loads((partner_site / "call.json").read_text(encoding="utf-8"))), ensure_ascii=False))}
    for lang in LANGS:
        found[f"{ROOTS[lang]}calendar.ics"] = mentions((partner_site / ROOTS[lang] / "calendar.ics").read_text(encoding="utf-8"))
        found[f"{ROOTS[lang]}checklist.pdf"] = mentions(_pdf_text(partner_site, lang))
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.build
def test_no_page_names_a_partner_the_call_does_not_have(partner_site):
    found = {}
    for page in sorted(partner_site.rglob("*.html")):
        words = mentions(_text(COUNTRIES.sub("", page.read_text(encoding="utf-8"))))
        if words:
            found[page.relative_to(partner_site).as_posix()] = words
    assert found == {}


# --- two partners: every output shows both partner deadlines in their zones and in Japan time -----


def _block(html: str, start: str) -> str:
    """The element that opens with ``start``, to its matching close (div or ol/ul by the tag)."""
    i = html.index(start)
    tag = re.match(r"<(\w+)", start).group(1)
    depth, pos = 0, i
    for m in re.finditer(rf"<(/?){tag}\b", html[i:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            pos = i + m.end()
            break
    return html[i:html.index(">", pos) + 1]


def _words(site: Path, lang: str) -> dict[str, list[str]]:
    return shown(facts_of(site), lang)


def _assert_every_deadline(text: str, words: dict[str, list[str]], where: str) -> None:
    flat = "".join(text.split())
    missing = [(name, w) for name, ws in words.items() for w in ws if "".join(w.split()) not in flat]
    assert not missing, f"{where}: {missing}"


@pytest.mark.build
@pytest.mark.parametrize("partner_site", ["call-two-partners"], indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_status_box_and_timeline_show_both_partner_deadlines(partner_site, lang):
    words = _words(partner_site, lang)
    assert len([n for n in words if n != "erad_deadline"]) == 2
    home = (partner_site / ROOTS[lang] / "index.html").read_text(encoding="utf-8")
    _assert_every_deadline(_text(_block(home, '<div class="cg-callstatus')), words, "status box")
    schedule = (partner_site / ROOTS[lang] / "schedule" / "index.html").read_text(encoding="utf-8")
    timeline = re.search(r'<(\w+) class="cg-timeline[" ]', schedule)
    assert timeline, "no timeline on the schedule page"
    _assert_every_deadline(_text(_block(schedule, schedule[timeline.start():schedule.index(">", timeline.start()) + 1])), words, "timeline")


@pytest.mark.build
@pytest.mark.parametrize("partner_site", ["call-two-partners"], indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_calendars_and_pdf_show_both_partner_deadlines(partner_site, lang):
    from icalendar import Calendar

    from callguide.calendar import uid

    facts = facts_of(partner_site)
    words = _words(partner_site, lang)
    events = {str(e["UID"]): e for e in Calendar.from_ical((partner_site / ROOTS[lang] / "calendar.ics").read_bytes()).walk("VEVENT")}
    for name, m in facts.deadlines():
        event = events[uid(facts, name)]
        assert event["DTSTART"].params["TZID"] == m.when.zone
        _assert_every_deadline(str(event["DESCRIPTION"]), {name: words[name]}, f"calendar event {name}")
    _assert_every_deadline(_pdf_text(partner_site, lang), words, "checklist PDF")


# --- two partners: axe and the Nu checker on the pages that differ by partner ---------------------


@pytest.mark.build
@pytest.mark.subprocess
@pytest.mark.parametrize("partner_site", ["call-two-partners"], indirect=True)
def test_pages_that_differ_by_partner_are_valid_html(partner_site):
    from test_html_valid import vnu

    files = [str(partner_site / ROOTS[lang] / page / "index.html") for lang in LANGS for page in PARTNER_PAGES]
    run = subprocess.run(vnu("--errors-only", "--format", "gnu", *files), capture_output=True, text=True, timeout=300, check=False)
    errors = [line.replace(f"{partner_site}/", "") for line in run.stderr.splitlines() + run.stdout.splitlines() if line.strip()]
    assert run.returncode == 0 and errors == [], "\n".join(errors[:40])


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("partner_site", ["call-two-partners"], indirect=True)
def test_pages_that_differ_by_partner_pass_axe(partner_site, browser):
    from axe_playwright_python.sync_playwright import Axe

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(partner_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems = []
    try:
        page = settled_page(context)  # one tab, navigated: each address is a new document, without a tab's start-up each
        axe = Axe()
        for lang in LANGS:
            for page_path in PARTNER_PAGES:
                page.goto(base + ROOTS[lang] + page_path)
                page.settle()
                for v in axe.run(page).response["violations"]:
                    problems.append(f"/{ROOTS[lang]}{page_path}: {v['id']}: {v['help']} ({v['nodes'][0]['target']})")
    finally:
        context.close()
        server.shutdown()
    assert problems == [], "\n".join(problems)


def test_call_json_of_the_fixtures_names_no_other_partner_in_its_data():
    """call.json's values come from the data: the fixtures' data itself names no other partner (comments aside)."""
    for name in PARTNER_FIXTURES:
        data = TARGET_NAME.sub("", (FIXTURES / name / "call.yaml").read_text(encoding="utf-8"), count=1)
        text = "\n".join(line for line in data.splitlines() if not line.lstrip().startswith("#"))
        assert mentions(text) == [], name
