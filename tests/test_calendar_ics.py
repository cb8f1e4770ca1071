"""calendar.ics per language: parses, deadlines at the instants of call.json, zones, reminders, stable bytes."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from conftest import DATA, ROOT
from icalendar import Calendar

from callguide import fictional
from callguide.calendar import make_calendar
from callguide.drafts import calendar_name
from callguide.pipeline import load
from callguide.render import plain
from callguide.types import ApproxDate, Deadline, MonthRange, when_span

LANGS = {"ja": "", "en": "en/"}


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def _calendar(site, lang) -> Calendar:
    return Calendar.from_ical((site / LANGS[lang] / "calendar.ics").read_bytes())


def _events(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _marked(facts, text: str, lang: str) -> str:
    """A calendar name or summary as a call shows it: a fictional call's carries the mark (callguide.fictional)."""
    return fictional.marked(text, lang) if facts.call.call.fictional else text


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_deadlines_are_the_instants_of_call_json(site, facts, lang):
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    events = _events(_calendar(site, lang))
    deadlines = facts.deadlines()
    assert deadlines
    for name, milestone in deadlines:
        event = events[f"{facts.call.call.id}-{name.replace('_', '-')}"]
        start = event.decoded("DTSTART")
        expected = datetime.fromisoformat(data["schedule"][name]["when"]["at"])
        assert start == expected
        assert str(start.tzinfo) == data["schedule"][name]["when"]["zone"]
        assert event["DTSTART"].params["TZID"] == milestone.when.zone
        assert str(event["SUMMARY"]) == _marked(facts, milestone.title[lang], lang)
        triggers = sorted(a.decoded("TRIGGER") for a in event.walk("VALARM"))
        assert triggers == [-timedelta(days=7), -timedelta(days=1)]


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_every_milestone_is_an_event_and_vague_ones_are_tentative_spans(site, facts, lang):
    cal = _calendar(site, lang)
    events = _events(cal)
    milestones = facts.call.schedule.milestones()
    assert len(events) == len(milestones)
    for name, m in milestones:
        event = events[f"{facts.call.call.id}-{name.replace('_', '-')}"]
        if isinstance(m.when, Deadline):
            continue
        start, end = when_span(m.when)
        assert event.decoded("DTSTART") == start and isinstance(event.decoded("DTSTART"), date)
        assert event.decoded("DTEND") == end + timedelta(days=1)
        vague = isinstance(m.when, (ApproxDate, MonthRange)) or m.tentative
        assert str(event["STATUS"]) == ("TENTATIVE" if vague else "CONFIRMED"), name
        assert str(event["SUMMARY"]).startswith(_marked(facts, m.title[lang], lang))


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_zones_are_defined_and_stamp_is_fixed(site, facts, lang):
    cal = _calendar(site, lang)
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {m.when.zone for _, m in facts.deadlines()}
    stamps = {e.decoded("DTSTAMP") for e in cal.walk("VEVENT")}
    assert {s.date() for s in stamps} == {facts.call.call.data_as_of}
    name = plain(facts, "call.name", lang)
    shown = calendar_name(name, lang) if facts.call.call.draft else name  # a draft says so (callguide.drafts)
    assert str(cal["X-WR-CALNAME"]) == _marked(facts, shown, lang)


@pytest.mark.build
def test_languages_differ_only_in_words(site):
    ja, en = _events(_calendar(site, "ja")), _events(_calendar(site, "en"))
    assert ja.keys() == en.keys()
    for uid in ja:
        assert ja[uid].decoded("DTSTART") == en[uid].decoded("DTSTART")
        assert str(ja[uid]["SUMMARY"]) != str(en[uid]["SUMMARY"])


@pytest.mark.build
def test_rebuild_gives_the_same_bytes(site, facts, tmp_path):
    """The built file equals a fresh rendering, and a second rendering: nothing depends on the clock."""
    for lang, prefix in LANGS.items():
        built = (site / prefix / "calendar.ics").read_bytes()
        assert make_calendar(facts, lang) == built
        assert make_calendar(load(DATA, "data/call.yaml"), lang) == built


@pytest.mark.build
def test_second_build_is_byte_identical(site, tmp_path):
    from conftest import build_site

    other = build_site(tmp_path / "again", epoch=None)
    assert other.result.returncode == 0, other.output
    for prefix in LANGS.values():
        assert (other.site / prefix / "calendar.ics").read_bytes() == (site / prefix / "calendar.ics").read_bytes()
        assert (other.site / prefix / "checklist.pdf").read_bytes() == (site / prefix / "checklist.pdf").read_bytes()
    assert ROOT.exists()


def test_the_calendar_is_made_again_only_when_the_data_changes(tmp_path, monkeypatch):
    from callguide import calendar

    facts = load(DATA, "data/call.yaml")
    data = DATA.read_bytes()
    first = calendar.cached_calendar(facts, "en", data, tmp_path)
    assert first == make_calendar(facts, "en")
    assert len(list(tmp_path.glob("calendar-en-*.ics"))) == 1

    def refuse(*args):
        raise AssertionError("made again although nothing changed")

    monkeypatch.setattr(calendar, "make_calendar", refuse)
    assert calendar.cached_calendar(facts, "en", data, tmp_path) == first
    with pytest.raises(AssertionError, match="made again"):
        calendar.cached_calendar(facts, "en", data + b"\n# an edit\n", tmp_path)
