"""The timeline block (``{{ schedule | timeline }}``) and the add-to-calendar links.

Status and the "today" marker are computed at build time (``SOURCE_DATE_EPOCH``)
and refreshed in the browser by timeline.js, which also adds the time left to
the next deadline and each deadline in the reader's own time zone.
"""
from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from markupsafe import Markup

from .. import format as fmt
from ..languages import language
from ..links import root_href
from ..model import Schedule
from ..sides import home_zone
from ..status import call_status
from ..timeline import entries, today_in, today_position
from ..types import Duration
from . import render_template

if TYPE_CHECKING:
    from ..render import Context

LABELS = {
    "ja": {
        "upcoming": "公募開始前です。受付開始は{date}です。",
        "open": "公募中です。",
        "closed": "この公募の受付は終了しました。",
        "as_of": "（{date}時点）",
        "today": "今日：",
        "today_in_japan_built": "（日本時間）",
        "in_japan": "（日本では{date}）",
        "left": "{title}まで、あと{time}",
        "less_than_day": "1日未満",
        "local": "あなたの時間帯（{zone}）：{time}",
        "deadline": "締切",
        "approx": "おおよその時期",
        "tentative": "予定",
        "past": "経過",
        "current": "進行中",
        "timeline": "公募スケジュール",
        "ics": "すべての日程をカレンダーに追加（.icsファイル）",
        "google": "Googleカレンダーに追加：{title}",
        "calendar": "カレンダーに追加",
    },
    "en": {
        "upcoming": "The call has not opened yet. It opens on {date}.",
        "open": "The call is open.",
        "closed": "This call is closed to applications.",
        "as_of": "(as of {date})",
        "today": "Today: ",
        "today_in_japan_built": " (Japan time)",
        "in_japan": " (in Japan: {date})",
        "left": "{time} left until the {title}",
        "less_than_day": "less than a day",
        "local": "In your time zone ({zone}): {time}",
        "deadline": "Deadline",
        "approx": "Approximate",
        "tentative": "Provisional",
        "past": "Passed",
        "current": "Now",
        "timeline": "Call timeline",
        "ics": "Add every date to your calendar (.ics file)",
        "google": "Add to Google Calendar: {title}",
        "calendar": "Add to calendar",
    },
}


def _timeline(value: Schedule, path: str, ctx: Context) -> Markup:
    facts, lang, t = ctx.facts, ctx.lang, LABELS[ctx.lang]
    now = ctx.now
    status = call_status(facts, now)
    items = entries(facts, now)
    rows = []
    for e in items:
        m = e.milestone
        rows.append(
            {
                "id": e.id,
                "entry": e,
                "title": m.title[lang],
                "when": ctx.value(m, f"{path}.{e.id}"),
                "note": ctx.text(m.note, f"{path}.{e.id}.note") if m.note else None,
                "sources_differ": ctx.text(m.sources_differ, f"{path}.{e.id}.sources_differ") if m.sources_differ else None,
                # What must pass between the teams before this milestone (the guide's advice, labelled).
                "handoffs": [ctx.text(h.text, f"apply.handoffs.{hid}.text") for hid, h in facts.call.apply.handoffs.items() if h.before == e.id],
                "start": e.start.isoformat(),
                "end": e.end.isoformat(),
                "instant": e.instant.isoformat() if e.instant else "",
            }
        )
    today = today_in(facts, now)
    left = None
    if status.next_deadline:
        nxt = facts.get(status.next_deadline)
        remaining = nxt.when.instant - now
        days = remaining.days
        time = fmt.duration(Duration(value=days, unit="day"), lang) if days >= 1 else t["less_than_day"]
        left = t["left"].format(title=nxt.title[lang], time=time)
    status_text = {
        "upcoming": t["upcoming"].format(date=fmt.day(status.opens.date(), lang)),
        "open": t["open"],
        "closed": t["closed"],
    }[status.phase]
    return render_template(
        "timeline.html",
        rows=rows,
        t=t,
        lang=lang,
        locale=fmt.locale(lang).replace("_", "-"),
        phase=status.phase,
        status_text=status_text,
        gap=language(lang).word_gap,  # between the status and the day it holds on: Japanese sets no space
        as_of=t["as_of"].format(date=fmt.day(today, lang)),
        today_iso=today.isoformat(),
        today_text=fmt.day(today, lang),
        today_at=today_position(items),
        left=left,
        opens=status.opens.isoformat(),
        closes=status.closes.isoformat(),
        zone=home_zone(facts.call).key,
        zones=" ".join(ctx.zones),
        js_text={k: t[k] for k in ("upcoming", "open", "closed", "as_of", "left", "less_than_day", "local", "today", "past", "current", "in_japan")},
        opens_text=fmt.day(status.opens.date(), lang),
        js_format=fmt.script_format(lang),  # timeline.js writes dates and times from it, as format.py does
    )


def google_link(title: str, start_utc: str, details: str) -> str:
    """A Google Calendar "add event" address for one deadline (a link the reader may follow, not a request)."""
    query = urlencode({"action": "TEMPLATE", "text": title, "dates": f"{start_utc}/{start_utc}", "details": details})
    return f"https://calendar.google.com/calendar/render?{query}"


def _calendar_links(value: Schedule, path: str, ctx: Context) -> Markup:

    t = LABELS[ctx.lang]
    call_name = ctx.plain("call.name")
    links = []
    for _, m in ctx.facts.deadlines():
        utc = m.when.instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        title = m.title[ctx.lang]
        links.append({"href": google_link(f"{title} – {call_name}", utc, call_name), "text": t["google"].format(title=title)})
    return render_template("calendar_links.html", ics=root_href("calendar.ics"), links=links, t=t)


FORMS = {"timeline": (Schedule, _timeline), "calendar_links": (Schedule, _calendar_links)}
