"""The 2025 call through the schedule-as-data change (issue 17 parts 2 and 4): nothing a reader or a
calendar subscriber holds changes.

``fixtures/call-2025/call.format2.json`` is the fixture's call.json as format 2 wrote it (main at
0b2b634, before milestones were data); ``calendar-uids.txt`` the UIDs of its calendars then. Today's
call.json, read through ``path_map.yaml``, holds every one of its values; the calendars keep every UID,
so a subscriber's calendar updates its events instead of doubling them.
"""
from __future__ import annotations

import json

import pytest
from conftest import FIXTURE_2025, FIXTURE_DATA
from icalendar import Calendar

from callguide import changes
from callguide.calendar import make_calendar
from callguide.pipeline import load
from callguide.previous import Previous

FORMAT_2 = FIXTURE_2025 / "call.format2.json"
# What the changes add to call.json (new facts, not changed ones): the calendars' product name, the side of
# each checklist role; the partner block's facts that were typed in prose or code before (issue 17 part 1); the flag of a
# fictional call (format 5, callguide.fictional; false for 2025, bookkeeping on the changes page).
ADDED = {
    "call.calendar_product", "checklist.japan_pi.side", "checklist.uk_lead.side", "call.fictional",
    "partners.uk.territory", "partners.uk.short", "partners.uk.funder.short", "partners.uk.currency",
    "partners.uk.portal.short", "partners.uk.budget.basis.name", "partners.uk.budget.basis.short",
    "selfcheck.planner.partners.uk.check", "selfcheck.planner.partners.uk.over_cap",
    # the documents the facts come from (format 7)
    *(f"sources.{source}.{key}" for source, key in (("briefing", "title"), ("briefing", "checked"), ("ukri_call", "title"),
                                                   ("ukri_call", "url"), ("ukri_call", "checked"), ("guidelines", "title"))),
    # how English names the partner in a sentence and before a noun (format 8: the UK, UK)
    "partners.uk.name.en", "partners.uk.adjective.en",
}


@pytest.fixture(scope="module")
def facts():
    return load(FIXTURE_DATA, "tests/fixtures/call-2025/call.yaml")


def test_the_format_2_call_json_is_the_archived_kind():
    assert json.loads(FORMAT_2.read_text(encoding="utf-8"))["format_version"] == "2"


def test_every_2025_value_is_unchanged_through_the_path_mapping(facts):
    old = Previous(2025, "call.format2.json", json.loads(FORMAT_2.read_text(encoding="utf-8")))
    found = changes.compare(old, facts)
    moved = {c.path: c.was for c in found if c.kind == "moved"}
    assert {p: w for p, w in moved.items() if p.startswith("schedule.")} == {"schedule.interviews.side_when.uk": "schedule.interviews.ukri_when"}
    assert {w.split(".")[0] for p, w in moved.items() if not p.startswith("schedule.")} <= {"call", "joint_call", "budget", "apply", "contacts", "evaluation"}
    assert moved["partners.uk.budget.cap"] == "budget.uk.cap" and moved["joint_call.funder.name"] == "joint_call.partners.japan.name"
    assert {c.path for c in found if c.kind == "added"} == ADDED
    assert [(c.path, c.old, c.new) for c in found if c.kind in ("changed", "removed")] == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_calendar_uids_are_the_2025_ones(facts, lang):
    uids = FIXTURE_2025.joinpath("calendar-uids.txt").read_text(encoding="utf-8").split()
    cal = Calendar.from_ical(make_calendar(facts, lang))
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == uids


def test_calendar_prodid_comes_from_the_data(facts):
    cal = Calendar.from_ical(make_calendar(facts, "en"))
    assert str(cal["PRODID"]) == "-//callguide//ASPIRE Japan-UK call guide//EN"
