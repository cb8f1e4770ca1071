"""VTIMEZONE blocks for calendar.ics, written from zoneinfo's clock changes.

Why not icalendar's ``add_missing_timezones()``: icalendar 7.3 writes 1970–2037 with each
observance's onsets as one comma-separated RDATE, of which Mozilla's ical.js (Thunderbird's
engine) and vobject read only the first (London then reads +01:00 all year), and it writes a
spring-forward onset at the wall time after the change, which a reader that follows RFC 5545
(dateutil's ``tz.tzical``, icalendar's own VTIMEZONE reader) places an hour late.

Here each zone covers only the years the calendar needs: the clock change in effect on 1 January
of the first year, then every change until the end of the last year. The first is the real change,
however old (Tokyo's is 1951): a made-up onset on 1 January with TZOFFSETFROM equal to TZOFFSETTO
gives a DAYLIGHT observance (Sydney's January) no daylight-saving part, and dateutil, icalendar and
vobject then convert UTC to local time an hour wrong after the next change. Each
change is its own STANDARD or DAYLIGHT observance with one DTSTART and no RDATE or RRULE, so no
reader has a list or a rule to get wrong. DTSTART is the wall time just before the change: RFC
5545 combines it with TZOFFSETFROM, "the offset that is in use prior to this time zone
observance", to get the UTC onset (3.8.3.3, and the New York example of 3.6.5). The transitions
come from zoneinfo (the zone's offset, daylight part and name, searched hour by hour and then to
the second), as every other date of the site does. tests/test_calendar_readers.py checks that
icalendar, vobject, dateutil and ical.js read every event as zoneinfo does.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_STEP = timedelta(hours=1)  # the tz database has no two clock changes within an hour of each other
_BACK = timedelta(days=7)  # see last_change
_EARLIEST = datetime(1800, 1, 1, tzinfo=UTC)  # before the tz database's first clock change
_SECOND = timedelta(seconds=1)


class _Rule(NamedTuple):
    """What a zone's clock shows: its offset from UTC, its daylight saving part, its abbreviation."""

    offset: timedelta
    dst: timedelta
    name: str


def _rule(zone: ZoneInfo, instant: datetime) -> _Rule:
    local = instant.astimezone(zone)
    return _Rule(local.utcoffset() or timedelta(0), local.dst() or timedelta(0), local.tzname() or "")


def _onset(zone: ZoneInfo, low: datetime, high: datetime, into: bool = False) -> datetime:
    """The instant, to the second, of a clock change after ``low`` and by ``high``: the first change
    away from ``low``'s rule, or (``into``) a change into ``high``'s rule."""
    rule = _rule(zone, high if into else low)
    while high - low > _SECOND:
        mid = low + timedelta(seconds=(high - low).total_seconds() // 2)
        if (_rule(zone, mid) == rule) != into:
            low = mid
        else:
            high = mid
    return high


def changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The UTC instants at which the zone's clock changes, after ``start`` and before ``end``."""
    found = []
    t = start
    while t < end:
        nxt = min(t + _STEP, end)
        if _rule(zone, nxt) != _rule(zone, t):
            onset = _onset(zone, t, nxt)
            if onset < end:
                found.append(onset)
        t = nxt
    return found


def last_change(zone: ZoneInfo, before: datetime) -> datetime | None:
    """The UTC instant of a clock change into the rule in effect at ``before``, with no change of
    rule between them that lasted a week (None if the zone never changed).

    Searching back week by week (Tokyo's last change was in 1951) could step over a change and its
    reversal within a week; the onset found is then an earlier one into the same rule, which gives
    every time from ``before`` on the same offset.
    """
    rule = _rule(zone, before)
    t = before
    while t > _EARLIEST:
        earlier = t - _BACK
        if _rule(zone, earlier) != rule:
            return _onset(zone, earlier, t, into=True)
        t = earlier
    return None


def _observance(before: _Rule, after: _Rule, onset: datetime) -> TimezoneStandard | TimezoneDaylight:
    sub = TimezoneDaylight() if after.dst > timedelta(0) else TimezoneStandard()
    sub.add("dtstart", (onset + before.offset).replace(tzinfo=None))
    sub.add("tzoffsetfrom", before.offset)
    sub.add("tzoffsetto", after.offset)
    sub.add("tzname", after.name)
    return sub


def vtimezone(key: str, first_year: int, last_year: int) -> Timezone:
    """The zone's VTIMEZONE for the local years first_year to last_year: the change in effect on
    1 January of first_year, then every change until 1 January after last_year."""
    zone = ZoneInfo(key)
    start = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    tz = Timezone()
    tz.add("tzid", key)
    for before, after, onset in _changes(key, start, end):
        tz.add_component(_observance(before, after, onset))
    return tz


@functools.cache
def _changes(key: str, start: datetime, end: datetime) -> tuple[tuple[_Rule, _Rule, datetime], ...]:
    """(rule before, rule after, UTC onset) of the change in effect at ``start`` and of every one until ``end``."""
    zone = ZoneInfo(key)
    latest = last_change(zone, start)
    if latest is None:  # a zone that never changed: its one rule, from the start
        return ((_rule(zone, start), _rule(zone, start), start),)
    return tuple((_rule(zone, t - _SECOND), _rule(zone, t), t) for t in [latest, *changes(zone, start, end)])


def vtimezones(instants: Iterable[datetime], lead: timedelta = timedelta(0)) -> list[Timezone]:
    """A VTIMEZONE for each zone of these instants (aware, in a ZoneInfo), sorted by TZID.

    Each covers the whole years from ``lead`` before its earliest instant (so that reminders
    that far ahead fall inside it) to its latest.
    """
    years: dict[str, list[int]] = {}
    for instant in instants:
        if not isinstance(instant.tzinfo, ZoneInfo):
            raise ValueError(f"{instant!r} is not in an IANA zone")
        years.setdefault(instant.tzinfo.key, []).extend(((instant - lead).year, instant.year))
    return [vtimezone(key, min(ys), max(ys)) for key, ys in sorted(years.items())]
