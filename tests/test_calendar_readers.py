"""Every timed event of calendar.ics is the same instant in icalendar, vobject, dateutil and ical.js.

The calendar carries its own VTIMEZONE blocks and most clients use those, not their own zone
data. The test calendars put deadlines in winter and in summer, and on either side of each
2025 clock change, in zones with and without daylight saving, north and south of the equator,
and across a year end. Each reader must read the instant zoneinfo gives, and show that instant
in the event's zone as the time written (a clock change put at the wrong moment shows there).
Each calendar is made by ``make_calendar`` from the 2025 call with its milestones' dates
replaced, through the Python API: the data file allows only the two zones of the call.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import DATA
from ical_readers import READERS, disagreements, zoneinfo_reading

from callguide.calendar import make_calendar
from callguide.facts import Facts
from callguide.pipeline import load
from callguide.types import Deadline

# Wall-clock deadlines by zone with daylight saving: a winter and a summer day, then the last minute
# before and the first after each 2025 clock change (times in the skipped or repeated hour cannot be
# deadlines). Tokyo, without daylight saving, is in the mixed calendar.
WALLS = {
    "Europe/London": ["2025-01-15 16:00", "2025-07-15 16:00", "2025-03-30 00:59", "2025-03-30 02:00", "2025-10-26 00:59", "2025-10-26 02:00"],
    "Europe/Berlin": ["2025-01-15 16:00", "2025-07-15 16:00", "2025-03-30 01:59", "2025-03-30 03:00", "2025-10-26 01:59", "2025-10-26 03:00"],
    "America/New_York": ["2025-01-15 16:00", "2025-07-15 16:00", "2025-03-09 01:59", "2025-03-09 03:00", "2025-11-02 00:59", "2025-11-02 02:00"],
    "Australia/Sydney": ["2025-07-15 16:00", "2025-01-15 16:00", "2025-04-06 01:59", "2025-04-06 03:00", "2025-10-05 01:59", "2025-10-05 03:00"],
}
# One calendar with several zones over a year end: winter in the north, summer in the south.
MIXED = [
    ("Europe/London", "2025-12-18 16:00"),
    ("Asia/Tokyo", "2026-01-09 14:00"),
    ("Asia/Tokyo", "2026-07-10 14:00"),
    ("Europe/Berlin", "2026-02-02 12:00"),
    ("America/New_York", "2025-12-01 17:00"),
    ("Australia/Sydney", "2026-01-20 17:00"),
    ("Europe/London", "2026-06-01 16:00"),
]
CASES = {zone.split("/")[1]: [(zone, wall) for wall in walls] for zone, walls in WALLS.items()} | {"mixed": MIXED}


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def with_deadlines(facts: Facts, deadlines: list[tuple[str, str]]) -> Facts:
    """The call with its first milestones' dates replaced by these deadlines (zone, "YYYY-MM-DD HH:MM")."""
    schedule = facts.call.schedule
    names = [name for name, _ in schedule.milestones()]
    assert len(deadlines) <= len(names)
    update = {
        name: schedule[name].model_copy(update={"when": Deadline(zone=zone, at=wall)})
        for name, (zone, wall) in zip(names, deadlines)
    }
    return Facts(facts.call.model_copy(update={"schedule": schedule.model_copy(update={"root": {**schedule.root, **update}})}))


@pytest.mark.subprocess
@pytest.mark.parametrize("case", CASES)
def test_readers_agree_on_every_timed_event(facts, case):
    ics = make_calendar(with_deadlines(facts, CASES[case]), "en")
    written = {datetime.strptime(wall, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone)) for zone, wall in CASES[case]}
    assert {instant for instant, _ in zoneinfo_reading(ics).values()} == written
    assert disagreements(ics) == []


@pytest.mark.build
@pytest.mark.parametrize("lang, prefix", [("ja", ""), ("en", "en/")])
def test_readers_agree_on_the_built_calendar(site, lang, prefix):
    ics = (site / prefix / "calendar.ics").read_bytes()
    assert zoneinfo_reading(ics), "no timed event"
    assert disagreements(ics) == []


def test_the_readers_are_the_four_named():
    assert list(READERS) == ["icalendar", "vobject", "dateutil", "ical.js"]
