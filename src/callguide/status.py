"""Where the call stands on a given day: upcoming, open or closed.

The day comes from ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
convention), so tests and rebuilds can pin it; otherwise from the clock.
An archived call (``CALLGUIDE_ARCHIVE``, set by the archive build) is closed
whatever the day: its pages are kept for reference only.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal

from .cache import clock_read
from .facts import Facts
from .sides import home_zone
from .types import when_span

Phase = Literal["upcoming", "open", "closed"]


def build_time(environ: dict[str, str] | None = None) -> datetime:
    """The moment the build stands at: SOURCE_DATE_EPOCH if set, else now (UTC, aware)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


def archived_year(environ: dict[str, str] | None = None) -> str | None:
    """The year of the archived call being built (``CALLGUIDE_ARCHIVE``), or None for the current call."""
    env = os.environ if environ is None else environ
    return env.get("CALLGUIDE_ARCHIVE") or None


def reference_time(facts: Facts, environ: dict[str, str] | None = None) -> datetime:
    """The moment pages describe: the build time; for an archived call, just after it closed.

    An archive ignores the clock (its pages are the same whenever rebuilt, so they can be cached);
    only a ``SOURCE_DATE_EPOCH`` later than the close moves it on.
    """
    clock_read()  # whatever is being rendered now depends on the moment (cache.memoised)
    env = os.environ if environ is None else environ
    if not archived_year(env):
        return build_time(env)
    closed = max(m.when.instant for _, m in facts.deadlines()) + timedelta(minutes=1)
    return max(build_time(env), closed) if env.get("SOURCE_DATE_EPOCH") else closed


@dataclass(frozen=True)
class Status:
    phase: Phase
    now: datetime
    opens: datetime
    closes: datetime
    next_deadline: str | None  # path of the next deadline milestone while open

    @property
    def is_open(self) -> bool:
        return self.phase == "open"


def call_status(facts: Facts, now: datetime) -> Status:
    """Upcoming before the call opens (00:00 Japan time on the first day of its opening milestone,
    ``Schedule.opening``), open until its last deadline, then closed."""
    _, opening = facts.call.schedule.opening()
    opens = datetime.combine(when_span(opening.when)[0], time(0, 0), tzinfo=home_zone(facts.call))
    deadlines = [(name, m.when.instant) for name, m in facts.deadlines()]
    closes = max(moment for _, moment in deadlines)
    upcoming = [(moment, name) for name, moment in deadlines if moment > now]
    if now < opens:
        phase: Phase = "upcoming"
    elif now <= closes:
        phase = "open"
    else:
        phase = "closed"
    nxt = f"schedule.{min(upcoming)[1]}" if upcoming and phase == "open" else None
    return Status(phase=phase, now=now, opens=opens, closes=closes, next_deadline=nxt)


def moment(facts: Facts, now: datetime) -> tuple:
    """Everything a page reads from the clock at ``now``, as one hashable value.

    Two moments with equal values render every page alike (tests/test_render_moment.py
    checks this around every milestone), so a rendering that read the clock is reused
    while this value holds, e.g. by a later build the same day.
    """
    from .timeline import entries, today_in

    status = call_status(facts, now)
    left = (facts.get(status.next_deadline).when.instant - now).days if status.next_deadline else None
    return (status.phase, status.next_deadline, left, today_in(facts, now), tuple(e.state for e in entries(facts, now)))
