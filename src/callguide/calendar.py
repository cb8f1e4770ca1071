"""The call's dates as an iCalendar file (RFC 5545), one per language.

Deadlines keep their own IANA zone (``DTSTART;TZID=Europe/London``) with the
VTIMEZONE blocks that define it (``vtimezone``: for the years of the deadlines, in a
form every reader tested reads alike), and two reminders (7 days and 1 day before).
Dates given as a date are all-day events; approximate ones ("late September",
"May – September") are all-day spans marked TENTATIVE. UIDs come from the call id
and the milestone id, and DTSTAMP from the date of the data, so a rebuild gives
the same bytes and a re-import updates events instead of duplicating them.
"""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from . import drafts, fictional
from . import format as fmt
from .cache import Store, key
from .facts import Facts
from .render import TENTATIVE, Context, as_plain, plain, render_value, text_html
from .types import ApproxDate, Deadline, Duration, MonthRange, when_span

REMINDERS = (timedelta(days=7), timedelta(days=1))
# PRODID (RFC 5545 3.7.3): this program, and the guide's name from the data (call.calendar_product).
PRODID = "-//callguide//{product}//EN"

_REMINDER_TEXT = {"ja": "{title}まで、あと{days}", "en": "{days} until: {title}"}
_APPROX = {"ja": "おおよその時期：{when}", "en": "Approximate date: {when}"}


def dtstamp(facts: Facts) -> datetime:
    """A fixed DTSTAMP: midnight UTC on the date the information was last checked (call.data_as_of)."""
    return datetime.combine(facts.call.call.data_as_of, time(0, 0), tzinfo=UTC)


def uid(facts: Facts, milestone: str) -> str:
    return f"{facts.call.call.id}-{milestone.replace('_', '-')}"


def cached_calendar(facts: Facts, lang: str, data: bytes, cache_dir: Path) -> bytes:
    """make_calendar's bytes, from cache_dir when this data was already made into a calendar by this code.

    The calendar depends on nothing but the data file and the code, so most builds (and every
    `make serve` rebuild that leaves the schedule alone) skip icalendar altogether.
    """
    store = Store(cache_dir, keep=4, patterns=("calendar-*.ics",))  # two data files' calendars in each language
    name = f"calendar-{lang}-{key(data, lang, libraries=('icalendar',))}.ics"
    body = store.read(name)
    if body is None:
        body = make_calendar(facts, lang)
        store.write(name, body)
    return body


def make_calendar(facts: Facts, lang: str) -> bytes:
    """The whole calendar for one language, as the bytes to write to calendar.ics."""
    from icalendar import Alarm, Calendar, Event  # only when a calendar is really made (see cached_calendar)

    from .vtimezone import vtimezones  # imports icalendar too (~0.1 s): not in a build that finds its calendar cached

    ctx = Context(facts, lang)
    cal = Calendar()
    cal.add("prodid", PRODID.format(product=facts.call.call.calendar_product))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    draft = bool(facts.call.call.draft)
    invented = bool(facts.call.call.fictional)  # callguide.fictional: the mark in the name and every summary
    call_name = plain(facts, "call.name", lang)
    shown_name = drafts.calendar_name(call_name, lang) if draft else call_name
    cal.add("x-wr-calname", fictional.marked(shown_name, lang) if invented else shown_name)
    stamp = dtstamp(facts)
    instants = []
    for name, m in facts.call.schedule.milestones():
        event = Event()
        summary = m.title[lang] + (TENTATIVE[lang] if m.tentative else "")
        event.add("uid", uid(facts, name))
        event.add("dtstamp", stamp)
        event.add("summary", fictional.marked(summary, lang) if invented else summary)
        lines = ([fictional.note(lang)] if invented else []) + ([drafts.note(lang)] if draft else []) + [call_name]
        when = m.when
        if isinstance(when, Deadline):
            event.add("dtstart", when.instant)
            instants.append(when.instant)
            lines.append(as_plain(render_value(when, f"schedule.{name}.when", ctx)))
            for before in REMINDERS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", _REMINDER_TEXT[lang].format(title=m.title[lang], days=fmt.duration(Duration(value=before.days, unit="day"), lang)))
                alarm.add("trigger", -before)
                event.add_component(alarm)
        else:
            start, end = when_span(when)
            event.add("dtstart", start)
            event.add("dtend", end + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            if isinstance(when, (ApproxDate, MonthRange)):
                lines.append(_APPROX[lang].format(when=as_plain(render_value(when, f"schedule.{name}.when", ctx))))
        if isinstance(when, (ApproxDate, MonthRange)) or m.tentative:
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        if m.note:
            lines.append(as_plain(text_html(m.note, f"schedule.{name}.note", ctx)))
        for hid, h in ctx.facts.call.apply.handoffs.items():
            if h.before == name:
                lines.append(as_plain(text_html(h.text, f"apply.handoffs.{hid}.text", ctx)))
        if m.sources_differ:
            lines.append(as_plain(text_html(m.sources_differ, f"schedule.{name}.sources_differ", ctx)))
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    cal.subcomponents = [*vtimezones(instants, lead=max(REMINDERS)), *cal.subcomponents]
    return cal.to_ical()
