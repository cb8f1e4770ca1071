"""What four independent iCalendar readers make of a calendar's timed events.

A VTIMEZONE is only as good as the clients that read it: icalendar (its own VTIMEZONE
reader, not its zoneinfo shortcut), vobject, dateutil's strict ``tz.tzical`` and Mozilla's
ical.js (Thunderbird's engine, run with node) each turn ``DTSTART;TZID=…`` into an instant
using only the VTIMEZONE blocks in the file. Each reader gives, per event, the UTC instant it
reads; the three Python readers also give that instant's wall-clock time in the event's zone
(UTC to local, where a clock change put at the wrong moment shows even when every event's own
time reads right). ``zoneinfo`` gives what both must be: the instant, and the time as written.

ical.js is not asked for UTC to local: its ``convertToZone`` looks up the target zone's offset
at the UTC clock reading taken as a local time, so it is an hour off for some hours next to
each clock change whatever the VTIMEZONE (measured with RFC 5545's own RRULE-based New York
zone: 2025-11-02 04:59Z shown as 23:59 the day before, not 00:59 EDT).
"""
from __future__ import annotations

import io
import json
import subprocess
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

ICALJS = Path(__file__).resolve().parent / "icaljs_instants.mjs"

Reading = dict[str, tuple[datetime, datetime | None]]  # UID -> (UTC instant, wall time of that instant in the event's zone)


def timed(ics: bytes) -> dict[str, tuple[datetime, str]]:
    """{UID: (wall-clock DTSTART, TZID)} for every event with a time and a TZID, as written."""
    from icalendar import Calendar

    out = {}
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        prop = event["DTSTART"]
        if "TZID" in prop.params:
            out[str(event["UID"])] = (prop.dt.replace(tzinfo=None), str(prop.params["TZID"]))
    return out


def _through(zones: dict[str, tzinfo], ics: bytes) -> Reading:
    out = {}
    for uid, (wall, tzid) in timed(ics).items():
        instant = wall.replace(tzinfo=zones[tzid]).astimezone(UTC)
        out[uid] = (instant, instant.astimezone(zones[tzid]).replace(tzinfo=None))
    return out


def zoneinfo_reading(ics: bytes) -> Reading:
    """The right answer: the IANA zone named by TZID, from the system's zoneinfo."""
    return _through({tzid: ZoneInfo(tzid) for _, tzid in timed(ics).values()}, ics)


def icalendar_reading(ics: bytes) -> Reading:
    """icalendar's own reading of the file's VTIMEZONEs (``to_tz(lookup_tzid=False)``)."""
    from icalendar import Calendar

    return _through({str(vtz["TZID"]): vtz.to_tz(lookup_tzid=False) for vtz in Calendar.from_ical(ics).walk("VTIMEZONE")}, ics)


def vobject_reading(ics: bytes) -> Reading:
    """vobject's reading: each VTIMEZONE as vobject turns it into a tzinfo (``gettzinfo``).

    vobject keeps the first VTIMEZONE it ever saw for a TZID in a process-wide registry, so the
    zones are taken from this file explicitly rather than through that registry.
    """
    import vobject

    cal = vobject.readOne(ics.decode("utf-8"))
    return _through({vtz.tzid.value: vtz.gettzinfo() for vtz in cal.contents.get("vtimezone", [])}, ics)


def dateutil_reading(ics: bytes) -> Reading:
    """dateutil's strict RFC 5545 reader, ``tz.tzical``."""
    from dateutil import tz

    zones = tz.tzical(io.StringIO(ics.decode("utf-8")))
    return _through({tzid: zones.get(tzid) for tzid in zones.keys()}, ics)


def icaljs_reading(ics: bytes) -> Reading:
    """Mozilla ical.js 2.x (npm, in node_modules) through node."""
    result = subprocess.run(["node", str(ICALJS)], input=ics, capture_output=True, check=True, timeout=60)
    return {uid: (datetime.fromtimestamp(seconds, UTC), None) for uid, seconds in json.loads(result.stdout).items()}


READERS = {
    "icalendar": icalendar_reading,
    "vobject": vobject_reading,
    "dateutil": dateutil_reading,
    "ical.js": icaljs_reading,
}


def disagreements(ics: bytes) -> list[str]:
    """Every (reader, event) that differs from zoneinfo, as readable lines; [] when all agree."""
    truth, written = zoneinfo_reading(ics), timed(ics)
    wrong = []
    for name, read in READERS.items():
        got = read(ics)
        if got.keys() != truth.keys():
            wrong.append(f"{name}: events {sorted(got)} != {sorted(truth)}")
        for uid in truth.keys() & got.keys():
            (instant, back), (expected, _) = got[uid], truth[uid]
            wall, tzid = written[uid]
            if instant != expected:
                wrong.append(f"{name}: {uid}: {wall:%Y-%m-%d %H:%M} {tzid} read as {instant:%Y-%m-%d %H:%M}Z, not {expected:%Y-%m-%d %H:%M}Z")
            elif back is not None and back != wall:
                wrong.append(f"{name}: {uid}: {instant:%Y-%m-%d %H:%M}Z shown in {tzid} as {back:%Y-%m-%d %H:%M}, not {wall:%Y-%m-%d %H:%M}")
    return wrong
