"""Dates still carried over from the previous call, after ``make new-call``.

new-call keeps last year's schedule in call.yaml for staff to update. A call never shares a
date with the call before it (each date names its year), so a milestone whose time equals the
archived call's, or a date the information was checked (``call.data_as_of``) equal to its, is one not
yet updated: while the call is a draft it is listed as a reminder
by ``make check``; once ``draft: true`` is removed it is an error, and nothing is built.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from .facts import Facts
from .previous import MISSING, Previous
from .types import ApproxDate, Deadline, MonthRange


def shown(when: object) -> str:
    """A milestone's time as call.yaml writes it."""
    if isinstance(when, Deadline):
        return f"{when.at:%Y-%m-%d %H:%M} {when.zone}"
    if isinstance(when, ApproxDate):
        return f"{when.month} {when.part}"
    if isinstance(when, MonthRange):
        return f"{when.start} – {when.end}"
    if isinstance(when, date):
        return when.isoformat()
    return str(when)


def as_json(value: object) -> object:
    """A value as call.json holds it, to compare with the previous call's call.json."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, date):
        return value.isoformat()
    return value


def carried_over(facts: Facts, previous: Previous, year: int) -> Iterator[tuple[str, str, str]]:
    """(path, message, Japanese message) for every milestone whose time is still the previous call's,
    and for each source's checked date (``sources.<id>.checked``, whose oldest is ``call.data_as_of``) still the previous call's.

    The previous call is its call.json (previous.py), read at today's paths: it need not pass today's model."""
    candidates = [(f"schedule.{name}.when", milestone.when, None) for name, milestone in facts.call.schedule.milestones()]
    # Each source's checked date, against that source's in the previous call or, in a call.json made
    # before dates were kept per source (format 3), against its one date, call.data_as_of.
    candidates += [(f"sources.{i}.checked", s.checked, "call.data_as_of") for i, s in facts.call.sources.items() if s.checked is not None]
    found = [(path, when) for path, when, older in candidates if _same(previous, path, older, as_json(when))]
    draft = bool(facts.call.call.draft)
    for path, when in found:
        value = shown(when)
        if draft:
            yield (
                path,
                f"still the date of the {year} call ({value}); update it before removing draft: true",
                f"{year}年度の公募と同じ日時（{value}）のままです。draft: true の行を消す前に、今年度の日時に直してください。",
            )
        else:
            yield (
                path,
                f"still the date of the {year} call ({value}); give this call's own date (keep draft: true until it is known)",
                f"{year}年度の公募と同じ日時（{value}）のままです。今年度の公募の日時に直してください（決まるまでは draft: true を付けておきます）。",
            )


def _same(previous: Previous, path: str, older: str | None, value: object) -> bool:
    """Whether the previous call has ``value`` at ``path`` (or, where it has no such path, at ``older``)."""
    before = previous.get(path)
    if before is MISSING and older is not None:
        before = previous.get(older)
    return before is not MISSING and before == value
