"""The schedule as a timeline: each milestone's span and where it stands on a given day.

Pure: no MkDocs, no formatting. The build's day comes from ``status.build_time``
(``SOURCE_DATE_EPOCH`` when set); days are counted in Japan time, the call's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from .facts import Facts
from .model import Milestone
from .sides import home_zone
from .types import ApproxDate, Deadline, MonthRange, when_span

State = Literal["past", "current", "future"]


@dataclass(frozen=True)
class Entry:
    """One milestone on the timeline."""

    id: str
    milestone: Milestone
    start: date
    end: date
    state: State

    @property
    def is_deadline(self) -> bool:
        return isinstance(self.milestone.when, Deadline)

    @property
    def is_approx(self) -> bool:
        """True when JST gives only a part of a month or a range of months."""
        return isinstance(self.milestone.when, (ApproxDate, MonthRange))

    @property
    def instant(self) -> datetime | None:
        return self.milestone.when.instant if self.is_deadline else None


def today_in(facts: Facts, now: datetime) -> date:
    """The calendar day in Japan at ``now``."""
    return now.astimezone(home_zone(facts.call)).date()


def entries(facts: Facts, now: datetime) -> list[Entry]:
    """Every milestone in order, with its span and its state at ``now``."""
    today = today_in(facts, now)
    out = []
    for name, m in facts.call.schedule.milestones():
        start, end = when_span(m.when)
        if isinstance(m.when, Deadline):
            state: State = "past" if m.when.instant < now else ("current" if start == today else "future")
        else:
            state = "past" if end < today else ("current" if start <= today else "future")
        out.append(Entry(name, m, start, end, state))
    return out


def today_position(items: list[Entry]) -> int:
    """Index before which the "today" marker goes: before the first milestone still to come.

    Nothing above the marker is still to come, so a reader never sees a deadline ahead of them
    drawn as if it were behind them; a period already begun (document review, "Now") may sit below.
    """
    for i, e in enumerate(items):
        if e.state == "future":
            return i
    return len(items)
