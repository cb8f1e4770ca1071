"""The home page says honestly where the call stands at the build date: upcoming, open or closed.

The date is pinned with SOURCE_DATE_EPOCH, chosen from the call's own schedule
(a day before it opens, between its deadlines' opening and closing, a day
after the last deadline), so a changed schedule moves the test with it.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DATA, DATA_SHOWN, call_moments

from callguide.blocks.guide import LABELS
from callguide.pipeline import load
from callguide.status import call_status

ROOT = Path(__file__).resolve().parent.parent


def _moments():
    return call_moments(load(DATA, DATA_SHOWN))


@pytest.mark.build
@pytest.mark.parametrize("phase", ["upcoming", "open", "closed"])
def test_home_shows_the_phase_of_the_build_date(phase_sites, phase):
    moment = _moments()[phase]
    site = phase_sites[phase]
    for lang, home in (("ja", site / "index.html"), ("en", site / "en" / "index.html")):
        html = unescape(home.read_text(encoding="utf-8"))
        statuses = re.findall(r'data-status="([a-z]+)"', html)
        assert statuses == [phase], f"{lang} home built at {moment.isoformat()}: status {statuses}, expected {phase}"
        label = LABELS[lang][f"status_{phase}"]
        # Every phase's wording is in the page (assets/status.js shows the one that holds when read);
        # the one shown as built is the build date's, and it alone is not hidden.
        shown = re.findall(r'<div class="cg-callstatus__phase" data-phase="([a-z]+)" data-search-exclude>(.*?)</div>', html, re.S)
        assert [p for p, _ in shown] == [phase], f"{lang} home built at {moment.isoformat()}: shown {[p for p, _ in shown]}"
        body = shown[0][1]
        badge = re.search(r'class="cg-callstatus__badge"><span>([^<]*)</span>', body).group(1)
        assert badge == label
        if phase == "open":
            nxt = re.findall(r'<span class="cg-callstatus__next" data-until="[^"]+">(.*?)</span></span></span>', body, re.S)
            assert len(nxt) == 1 and LABELS[lang]["status_next"].format(when="").strip() in nxt[0] and 'data-fact="schedule.' in nxt[0], f"{lang}: an open call names its next deadline"
        if phase == "closed":
            assert LABELS[lang]["status_closed_next"] in body
    # Search finds no phase's wording, not even the build's: the index is written once, and a result
    # that says "open" long after the call closed misleads (test_search: no words that change with the day).
    for lang, location in (("ja", ""), ("en", "en/")):
        index = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))  # hooks/search.py
        text = " ".join(section[2] for section in next(p[2] for p in index if p[0] == location)).replace("\u200b", "")
        said = {p for p in ("upcoming", "open", "closed") if LABELS[lang][f"status_{p}_text"].split("{")[0] in text}
        assert said == set(), (lang, said)


def _reading_moments():
    """Moments to read the page built after the call closed: (moment, phase, next deadline or None).

    The day before the call opens, two days before its earliest deadline and a minute after it, a minute
    after it closes; what each should show is callguide.status's reading of that moment (the deadlines
    are in the order staff wrote them, which need not be the order in time)."""
    facts = load(DATA, DATA_SHOWN)
    s = call_status(facts, datetime.now(UTC))
    earliest = min(m.when.instant for _, m in facts.deadlines())
    out = []
    for moment in (s.opens - timedelta(days=1), earliest - timedelta(days=2), earliest + timedelta(minutes=1), s.closes + timedelta(minutes=1)):
        then = call_status(facts, moment)
        out.append((moment, then.phase, f"{then.next_deadline}.when" if then.next_deadline else None))
    return out


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_browser_shows_the_status_as_of_reading(browser, served, lang):
    """The site was built after the call closed; read on other days, the home page says what holds then."""
    moments = _reading_moments()
    assert [phase for _, phase, _ in moments][::3] == ["upcoming", "closed"], moments  # before it opens, after it closes
    for moment, phase, nxt in moments:
        ctx = browser.new_context(timezone_id="Asia/Tokyo")
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.clock.install(time=moment)
        page.goto(served.base_url + ("en/" if lang == "en" else ""))
        box = page.locator(".cg-callstatus")
        assert box.get_attribute("data-status") == phase, moment
        visible = box.locator(".cg-callstatus__phase:visible")
        assert visible.count() == 1 and visible.locator(".cg-callstatus__badge").inner_text() == LABELS[lang][f"status_{phase}"], moment
        shown = [el.get_attribute("data-fact") for el in box.locator(".cg-callstatus__next:visible [data-fact]").all()]
        assert shown == ([nxt] if nxt else []), (moment, shown)
        assert errors == []
        # Each state the script can show is checked by axe as well: the build shows only one of them.
        violations = Axe().run(page).response["violations"]
        assert violations == [], (moment, [(v["id"], v["nodes"][0]["target"]) for v in violations])
        ctx.close()


@pytest.mark.browser
@pytest.mark.build
def test_without_javascript_the_home_page_says_the_build_dates_status(browser, served):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(served.base_url)
    visible = page.locator(".cg-callstatus__phase:visible")
    assert visible.count() == 1 and visible.get_attribute("data-phase") == "closed"
    ctx.close()
