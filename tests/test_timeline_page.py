"""The schedule page: every milestone in order, both zones, status and "today" at build time, refreshed in Chromium."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import CLOSED_EPOCH, DATA, FIXTURE_DATA, call_moments

from callguide import format as fmt
from callguide.pipeline import load
from callguide.status import call_status
from callguide.timeline import entries, today_position
from callguide.types import ApproxDate, Deadline, Duration, MonthRange

LANGS = {"ja": "", "en": "en/"}


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def _moments(facts):
    """The pinned moments derived from the data (conftest.call_moments), built once for the suite."""
    return call_moments(facts)


def _html(site, lang):
    return (site / LANGS[lang] / "schedule" / "index.html").read_text(encoding="utf-8")


def _li_ids(html):
    """The ids of the timeline's items in order, with 'TODAY' for the marker."""
    block = html[html.index('<ol class="cg-timeline__list"') : html.index("</ol>", html.index('<ol class="cg-timeline__list"'))]
    return ["TODAY" if m.group(1) else m.group(2) for m in re.finditer(r'<li class="(cg-today)"|<li class="cg-milestone[^"]*" id="milestone-([a-z_]+)"', block)]


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_every_milestone_in_order_with_both_zones(site, facts, lang):
    html = _html(site, lang)
    ids = [i for i in _li_ids(html) if i != "TODAY"]
    assert ids == [name for name, _ in facts.call.schedule.milestones()]
    for name, m in facts.call.schedule.milestones():
        item = html[html.index(f'id="milestone-{name}"') :].split("</li>", 1)[0]
        assert f'data-fact="schedule.{name}.when"' in item
        assert m.title[lang] in re.sub(r"<[^>]+>", "", item)  # English names on Japanese pages carry a lang span
        if isinstance(m.when, Deadline):
            assert f'datetime="{m.when.instant.isoformat()}"' in item
            assert 'class="fact-alt"' in item  # the other zone
            assert "cg-tag--deadline" in item
        assert ("cg-tag--approx" in item) == isinstance(m.when, (ApproxDate, MonthRange))
        assert ("cg-tag--tentative" in item) == m.tentative


@pytest.mark.build
def test_uk_deadline_shows_summer_time_offsets(fixture_site):
    """May in London is BST (+01:00): the 2025 UK deadline reads as midnight in Tokyo (the frozen 2025 call)."""
    facts = load(FIXTURE_DATA, "call.yaml")
    m = facts.call.schedule["uk_deadline"]
    assert m.when.instant.utcoffset() == timedelta(hours=1)
    ja, en = _html(fixture_site, "ja"), _html(fixture_site, "en")
    assert "英国夏時間" in ja and "BST" in en
    tokyo = m.when.instant.astimezone(ZoneInfo(facts.call.call.zones.japan))
    assert f"{tokyo.hour}:{tokyo.minute:02d}" in ja


@pytest.mark.build
@pytest.mark.parametrize("phase", ["upcoming", "open", "closed"])
@pytest.mark.parametrize("lang", LANGS)
def test_status_and_today_marker_at_build_time(phase_sites, facts, phase, lang):
    builds = phase_sites
    html = _html(builds[phase], lang)
    moment = _moments(facts)[phase]
    assert call_status(facts, moment).phase == phase
    assert f'<p class="cg-status" data-phase="{phase}" data-search-exclude>' in html
    ids = _li_ids(html)
    expected = [name for name, _ in facts.call.schedule.milestones()]
    expected.insert(today_position(entries(facts, moment)), "TODAY")
    assert ids == expected
    countdown = re.search(r'<p class="cg-countdown" data-search-exclude( hidden)?>(.*?)</p>', html)
    if phase == "open":
        assert countdown.group(1) is None
        nxt = facts.get(call_status(facts, moment).next_deadline)
        assert nxt.title[lang] in re.sub(r"<[^>]+>", "", countdown.group(2))  # English names in Japanese text carry a lang span
        days = (nxt.when.instant - moment).days
        assert fmt.duration(Duration(value=days, unit="day"), lang) in countdown.group(2)
    else:
        assert countdown.group(1) == " hidden"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_calendar_links_on_the_schedule(site, facts, lang):
    html = _html(site, lang)
    assert 'href="../calendar.ics"' in html
    assert html.count("https://calendar.google.com/calendar/render?") == len(facts.deadlines())


def _open(browser, served, path, when, zone="Asia/Tokyo", width=390):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, timezone_id=zone)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.clock.install(time=when)
    page.goto(served.base_url + path)
    return ctx, page


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_browser_refreshes_status_today_and_countdown(browser, served, facts, lang):
    """The page was built after the call closed; a reader on an open day sees it open."""
    moment = _moments(facts)["open"]
    ctx, page = _open(browser, served, LANGS[lang] + "schedule/", moment)
    try:
        assert page.locator(".cg-status").get_attribute("data-phase") == "open"
        ids = page.eval_on_selector_all(".cg-timeline__list > li", "els => els.map(e => e.classList.contains('cg-today') ? 'TODAY' : e.id.replace('milestone-', ''))")
        expected = [name for name, _ in facts.call.schedule.milestones()]
        expected.insert(today_position(entries(facts, moment)), "TODAY")
        assert ids == expected
        countdown = page.locator(".cg-countdown")
        assert countdown.is_visible()
        nxt = facts.get(call_status(facts, moment).next_deadline)
        assert nxt.title[lang] in countdown.inner_text()
        days = (nxt.when.instant - moment).days
        assert fmt.duration(Duration(value=days, unit="day"), lang) in countdown.inner_text()
        assert page.locator(".cg-local").count() == 0  # reader in Japan: no third zone
        assert page.errors == []
        violations = Axe().run(page).response["violations"]  # the open state, as the script draws it
        assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_browser_puts_today_above_the_deadlines_still_to_come(browser, served, facts, lang):
    """Two days before the UK deadline the document review period (May–September) has begun; the
    browser's marker still goes before the first deadline to come, where the build puts it."""
    moment = facts.call.schedule["uk_deadline"].when.instant - timedelta(days=2, hours=4)
    ctx, page = _open(browser, served, LANGS[lang] + "schedule/", moment)
    try:
        ids = page.eval_on_selector_all(".cg-timeline__list > li", "els => els.map(e => e.classList.contains('cg-today') ? 'TODAY' : e.id.replace('milestone-', ''))")
        items = entries(facts, moment)
        expected = [e.id for e in items]
        expected.insert(today_position(items), "TODAY")
        assert ids == expected
        assert ids.index("TODAY") < ids.index("uk_deadline")
        assert page.errors == []
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.build
def test_browser_shows_deadlines_in_the_readers_zone(browser, served, facts):
    moment = _moments(facts)["open"]
    ctx, page = _open(browser, served, "en/schedule/", moment, zone="America/New_York")
    try:
        local = page.locator(".cg-local")
        assert local.count() == len(facts.deadlines())
        erad = facts.call.schedule["erad_deadline"].when.instant.astimezone(ZoneInfo("America/New_York"))
        text = page.locator("#milestone-erad_deadline .cg-local").inner_text()
        assert "America/New_York" in text and f"{erad.hour:02d}:{erad.minute:02d}" in text
        assert page.locator(".cg-status").get_attribute("data-phase") == "open"
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.build
def test_browser_before_opening_says_upcoming(browser, served, facts):
    ctx, page = _open(browser, served, "schedule/", _moments(facts)["upcoming"])
    try:
        assert page.locator(".cg-status").get_attribute("data-phase") == "upcoming"
        assert page.locator(".cg-timeline__list > li").first.get_attribute("class") == "cg-today"
        assert not page.locator(".cg-countdown").is_visible()
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_browser_keeps_the_build_wording_on_the_build_day(browser, served, site, lang):
    """Read on the day it was built, the page keeps its own (format.py) date texts."""
    html = _html(site, lang)
    built = re.search(r'<span class="cg-status__asof">(.*?)</span>', html).group(1)
    ctx, page = _open(browser, served, LANGS[lang] + "schedule/", datetime.fromtimestamp(CLOSED_EPOCH + 3600, tz=UTC))
    try:
        assert page.locator(".cg-status__asof").inner_text() == built
        assert page.locator(".cg-status").get_attribute("data-phase") == "closed"
        assert page.locator(".cg-timeline__list > li").last.get_attribute("class") == "cg-today"
    finally:
        ctx.close()
