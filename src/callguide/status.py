"""Where the call stands on a given day: upcoming, open or closed.

The day comes from ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
convention), so tests and rebuilds can pin it; otherwise from the clock.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from .facts import Facts

Phase = Literal["upcoming", "open", "closed"]


def build_time(environ: dict[str, str] | None = None) -> datetime:
    """The moment the build stands at: SOURCE_DATE_EPOCH if set, else now (UTC, aware)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


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
    """Upcoming before the joint call opens (00:00 Japan time), open until its last deadline, then closed."""
    schedule = facts.call.schedule
    tokyo = ZoneInfo(facts.call.call.zones.japan)
    opens = datetime.combine(schedule.joint_call_opens.when, time(0, 0), tzinfo=tokyo)
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
