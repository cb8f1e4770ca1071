"""The sides of a joint call: the home side (Japan) and its partner funders, each with its time zone.

Milestones, steps, checklist roles and proposal parts name the side they concern by id; deadlines are
shown in the zone of every side. Code learns which sides and zones a call has from here alone: the home
side, Japan, and the partner funders listed under ``partners`` (issue 17, part 1).
``ALL`` names every side at once (older files wrote ``both``, which still reads: ``types.Side``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .types import _ident

if TYPE_CHECKING:
    from .model import Call

HOME = "japan"
# A milestone, step or part that concerns every side of the call.
ALL = "all"


def side_ids(call: Call) -> list[str]:
    """The ids of the call's sides: the home side first, then the partners in the order written (``partners``)."""
    return [HOME, *call.partners]


def zones(call: Call) -> list[tuple[str, ZoneInfo]]:
    """Each side's id with its time zone, in the order of ``side_ids``: Japan's (``call.zones.japan``), then
    each partner's (``partners.<id>.zone``)."""
    return [(HOME, ZoneInfo(call.call.zones.japan)), *((pid, ZoneInfo(p.zone)) for pid, p in call.partners.items())]


def partner_ids(call: Call) -> list[str]:
    """The partners' ids (every side but the home side), in order."""
    return side_ids(call)[1:]


def home_zone(call: Call) -> ZoneInfo:
    """Japan's zone: the call's own, in which its days are counted."""
    return zones(call)[0][1]


def parse(value: Any) -> str:
    """A side's id as written, or ``all``; ``both``, as files before sides were ids wrote it, reads as ``all``.

    Which ids the call has is its own (``side_ids``): ``rules.py`` checks each one named."""
    text = _ident(value)
    return ALL if text == "both" else text
