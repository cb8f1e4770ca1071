"""The VTIMEZONE generator: zoneinfo's clock changes, one observance each, read alike by four readers."""
from __future__ import annotations

import bisect
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from ical_readers import disagreements
from icalendar import Calendar, Event

from callguide.vtimezone import changes, vtimezone, vtimezones

# Zones whose clocks are unusual: half-hour or 45-minute offsets and steps, negative daylight saving
# (Dublin), saving suspended for Ramadan (Casablanca), a two-hour step (Troll), saving abolished (Tehran).
ODD = [
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "America/Santiago",
    "Africa/Casablanca",
    "Asia/Tehran",
    "America/St_Johns",
    "Pacific/Chatham",
    "Antarctica/Troll",
    "Asia/Kolkata",
    "Australia/Sydney",
]


def _observances(tz) -> list[tuple[str, datetime, timedelta, timedelta, str]]:
    return [(sub.name, sub.decoded("DTSTART"), sub.decoded("TZOFFSETFROM"), sub.decoded("TZOFFSETTO"), str(sub["TZNAME"])) for sub in tz.subcomponents]


def test_london_2025_is_three_single_onsets_in_the_local_time_before_each_change():
    tz = vtimezone("Europe/London", 2025, 2025)
    assert str(tz["TZID"]) == "Europe/London"
    h = timedelta(hours=1)
    assert _observances(tz) == [
        ("STANDARD", datetime(2024, 10, 27, 2, 0), h, timedelta(0), "GMT"),
        ("DAYLIGHT", datetime(2025, 3, 30, 1, 0), timedelta(0), h, "BST"),
        ("STANDARD", datetime(2025, 10, 26, 2, 0), h, timedelta(0), "GMT"),
    ]
    text = tz.to_ical().decode()
    assert "RDATE" not in text and "RRULE" not in text and text.count("DTSTART") == 3


def test_a_zone_without_changes_since_1951_starts_with_its_last_change():
    assert _observances(vtimezone("Asia/Tokyo", 2025, 2026)) == [
        ("STANDARD", datetime(1951, 9, 9, 1, 0), timedelta(hours=10), timedelta(hours=9), "JST"),
    ]


def test_a_zone_that_never_changed_has_one_observance():
    assert _observances(vtimezone("Etc/UTC", 2025, 2025)) == [("STANDARD", datetime(2025, 1, 1), timedelta(0), timedelta(0), "UTC")]


@pytest.mark.parametrize("key", ODD)
def test_every_hour_of_the_span_has_zoneinfos_offset(key):
    """Read the observances the plain RFC 5545 way (the latest onset, DTSTART - TZOFFSETFROM, at or
    before the instant gives TZOFFSETTO) and compare with zoneinfo every hour of two years."""
    onsets = sorted((start - frm, to) for _, start, frm, to, _ in _observances(vtimezone(key, 2025, 2026)))
    keys = [onset.replace(tzinfo=UTC) for onset, _ in onsets]
    zone = ZoneInfo(key)
    t, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
    while t < end:
        i = bisect.bisect_right(keys, t) - 1
        assert i >= 0, f"{t} is before the first onset"
        assert onsets[i][1] == t.astimezone(zone).utcoffset(), t
        t += timedelta(hours=1)


@pytest.mark.subprocess
@pytest.mark.parametrize("key", ODD)
def test_four_readers_agree_next_to_every_change(key):
    """Events three hours either side of each clock change of 2025, and in January and July."""
    zone = ZoneInfo(key)
    year = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    near = [c + d for c in changes(zone, *year) for d in (timedelta(hours=-3), timedelta(hours=3))]
    instants = [t.astimezone(zone) for t in [datetime(2025, 1, 15, 12, tzinfo=UTC), datetime(2025, 7, 15, 12, tzinfo=UTC), *near]]
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    for i, instant in enumerate(instants):
        event = Event()
        event.add("uid", f"{key}-{i}")
        event.add("dtstamp", datetime(2025, 1, 1, tzinfo=UTC))
        event.add("dtstart", instant)
        cal.add_component(event)
    cal.subcomponents = [*vtimezones(instants), *cal.subcomponents]
    assert disagreements(cal.to_ical()) == []


def test_the_span_is_the_years_of_the_instants_and_the_lead_before():
    london, tokyo = ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo")
    zones = vtimezones([datetime(2026, 1, 3, 16, tzinfo=london), datetime(2026, 5, 9, 14, tzinfo=tokyo)], lead=timedelta(days=7))
    assert [str(tz["TZID"]) for tz in zones] == ["Asia/Tokyo", "Europe/London"]
    starts = [start for _, start, *_ in _observances(zones[1])]
    assert starts[0] == datetime(2024, 10, 27, 2) and starts[-1] == datetime(2026, 10, 25, 2) and len(starts) == 5


def test_instants_must_be_in_an_iana_zone():
    with pytest.raises(ValueError, match="IANA"):
        vtimezones([datetime(2025, 1, 1, tzinfo=UTC)])
