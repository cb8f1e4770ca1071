"""Any number of deadlines, each in its own zone, in Japan time and in every partner's (issue 17 part 2).

The 2025 call with a third deadline (tests/variants.py ``three_deadlines``: the UK side's registration
of intent, 11:00 in New York, a day before the UK deadline and two before e-Rad's). Renderer-level, no
site build: the status box, the timeline, the calendars (icalendar and vobject; ical.js in the
subprocess tier), the checklist PDF's text and call.json each show every deadline at its own time and
zone and converted to every other zone of the call. The expected words for the New York deadline are
written out once (EDT, and 00:00 JST the day after, worded as that rule says); the rest are format.py's, as the pages use them.
"""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from ical_readers import icaljs_reading, vobject_reading, zoneinfo_reading
from icalendar import Calendar
from variants import three_deadlines

from callguide import call_json
from callguide import format as fmt
from callguide.calendar import make_calendar, uid
from callguide.pipeline import load
from callguide.render import Context, as_plain, render_marker
from callguide.sides import zones
from callguide.status import call_status

LANGS = ("ja", "en")
NEW_YORK = {
    "ja": ("2025年5月7日（水）11:00（アメリカ東部夏時間）", "日本標準時：2025年5月8日（木）0:00＝7日（水）24:00", "英国夏時間：2025年5月7日（水）16:00"),
    "en": ("Wednesday 7 May 2025, 11:00 EDT", "00:00 JST on Thursday 8 May 2025, the start of that day", "16:00 BST on Wednesday 7 May 2025"),
}


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    return load(three_deadlines(tmp_path_factory.mktemp("three")), "call.yaml")


def shown(facts, lang: str) -> dict[str, list[str]]:
    """Each deadline's words as every output must carry them: its own time and zone, then each other zone's."""
    out = {}
    for name, m in facts.deadlines():
        when, zone = fmt.moment_text(m.when.instant, lang)
        others = [fmt.converted_text(m.when.instant, z.key, lang) for _, z in zones(facts.call) if z.key != m.when.zone]
        out[name] = [when, zone, *others]
    return out


def _plain(markup: str) -> str:
    return " ".join(as_plain(markup).split())


def test_the_variant_has_three_deadlines_on_three_days_in_three_zones(facts):
    deadlines = facts.deadlines()
    assert [n for n, _ in deadlines] == ["uk_intent", "uk_deadline", "erad_deadline"]
    assert len({m.when.zone for _, m in deadlines}) == 3
    assert len({m.when.at.date() for _, m in deadlines}) == 3


@pytest.mark.parametrize("lang", LANGS)
def test_the_new_york_deadline_reads_in_its_zone_in_japan_time_and_uk_time(facts, lang):
    text = _plain(render_marker("schedule.uk_intent", None, Context(facts, lang)))
    for words in NEW_YORK[lang]:
        assert words in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", ["call_status", "timeline"])
def test_status_box_and_timeline_show_every_deadline_in_every_zone(facts, lang, form):
    text = _plain(render_marker("schedule", form, Context(facts, lang)))
    for name, words in shown(facts, lang).items():
        for w in words:
            assert w in text, (name, w)


def test_the_status_box_counts_down_to_each_deadline_in_turn(facts):
    instants = [m.when.instant for _, m in facts.deadlines()]
    before_all = datetime(2025, 5, 1, tzinfo=ZoneInfo("UTC"))
    assert call_status(facts, before_all).next_deadline == "schedule.uk_intent"
    assert call_status(facts, instants[0]).next_deadline == "schedule.uk_deadline"
    assert call_status(facts, instants[1]).next_deadline == "schedule.erad_deadline"
    assert call_status(facts, instants[2]).phase == "open" and call_status(facts, instants[2].replace(minute=1)).phase == "closed"


@pytest.mark.parametrize("lang", LANGS)
def test_calendars_carry_every_deadline_at_its_instant_in_its_zone(facts, lang):
    ics = make_calendar(facts, lang)
    events = {str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}
    right = zoneinfo_reading(ics)
    assert vobject_reading(ics) == right
    words = shown(facts, lang)
    for name, m in facts.deadlines():
        event = events[uid(facts, name)]
        assert event["DTSTART"].params["TZID"] == m.when.zone
        assert right[uid(facts, name)][0] == m.when.instant
        description = " ".join(str(event["DESCRIPTION"]).split())
        for w in words[name]:
            assert w in description, (name, w)


@pytest.mark.subprocess
def test_icaljs_reads_every_deadline_at_its_instant(facts):
    ics = make_calendar(facts, "en")
    assert {u: r[0] for u, r in icaljs_reading(ics).items()} == {u: r[0] for u, r in zoneinfo_reading(ics).items()}


@pytest.mark.subprocess  # the font is found with fc-list
def test_the_checklist_pdf_shows_every_deadline_in_every_zone(facts):
    """English only: the Japanese PDF takes ~20 s more (its fonts) and shows the same list of deadlines
    through the same template; the Japanese words of every deadline are checked above."""
    from pypdf import PdfReader

    from callguide.pdf import japanese_font, print_html
    from callguide.pdf_worker import render_pdf

    lang = "en"
    pdf = render_pdf(print_html(facts, lang, japanese_font()), facts.call.call.data_as_of)
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    for name, words in shown(facts, lang).items():
        for w in words:
            assert "".join(w.split()) in text, (name, w)


def test_call_json_gives_every_deadline_with_its_offset_and_zone(facts):
    tree = call_json.tree(facts)
    for name, m in facts.deadlines():
        assert tree["schedule"][name]["when"] == {"at": m.when.instant.isoformat(), "zone": m.when.zone}
    assert tree["schedule"]["uk_intent"]["when"] == {"at": "2025-05-07T11:00:00-04:00", "zone": "America/New_York"}


@pytest.mark.browser
@pytest.mark.parametrize("at, title", [("2025-05-06T12:00:00Z", "UK registration of intent"), ("2025-05-07T15:30:00Z", "UK deadline"), ("2025-05-08T15:30:00Z", "e-Rad deadline")])
def test_timeline_js_counts_down_to_each_deadline_in_turn(browser, facts, at, title):
    """timeline.js on the timeline block alone (no site): the countdown names the next of the three."""
    from importlib.resources import files

    block = render_marker("schedule", "timeline", Context(facts, "en"))
    script = files("callguide").joinpath("assets", "timeline.js").read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.clock.set_fixed_time(datetime.fromisoformat(at))
        page.set_content(f'<!doctype html><html lang="en"><body>{block}<script>{script}</script></body></html>')
        countdown = page.locator(".cg-countdown")
        assert countdown.is_visible()
        assert title in countdown.inner_text()
    finally:
        page.close()
