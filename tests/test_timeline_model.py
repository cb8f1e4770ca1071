"""Where each milestone stands on a given day (pure: no build)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import DATA, call_moments

from callguide.pipeline import load
from callguide.timeline import entries, today_position


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def test_a_day_inside_a_month_range_makes_it_current(facts):
    start, end = facts.call.schedule["document_review"].when.span()
    moment = datetime.combine(start + (end - start) / 2, datetime.min.time(), tzinfo=UTC)
    items = {e.id: e for e in entries(facts, moment)}
    assert items["document_review"].state == "current"
    assert items["erad_deadline"].state == "past"
    assert items["interviews"].state == "future"
    order = [e.id for e in entries(facts, moment)]
    assert order[today_position(entries(facts, moment)) - 1] == "document_review"


def test_deadline_is_current_on_its_day_until_its_minute(facts):
    deadline = facts.call.schedule["erad_deadline"].when.instant
    before = {e.id: e.state for e in entries(facts, deadline - timedelta(minutes=1))}
    after = {e.id: e.state for e in entries(facts, deadline + timedelta(minutes=1))}
    assert before["erad_deadline"] == "current" and after["erad_deadline"] == "past"


def test_approximate_and_tentative_flags(facts):
    before = call_moments(facts)["upcoming"] - timedelta(days=400)  # before every milestone
    items = {e.id: e for e in entries(facts, before)}
    assert items["interviews"].is_approx and not items["interviews"].milestone.tentative
    assert items["results"].is_approx and items["results"].milestone.tentative
    assert items["erad_deadline"].is_deadline and not items["erad_deadline"].is_approx
    assert not items["prior_notice"].is_approx
    assert all(e.state == "future" for e in items.values())


def test_nothing_still_to_come_is_drawn_above_today(facts):
    """At every day of the call's year, the milestones above the "today" marker have begun or passed
    and those below have not all passed: e.g. two days before the UK deadline, while the document
    review period (May–September) has begun, the marker stands above both deadlines."""
    first = min(e.start for e in entries(facts, datetime.now(UTC)))
    seen_split = False
    for day in range(0, 400, 3):
        moment = datetime.combine(first + timedelta(days=day), datetime.min.time(), tzinfo=UTC) + timedelta(hours=3)
        items = entries(facts, moment)
        at = today_position(items)
        assert all(e.state != "future" for e in items[:at]), (moment, [(e.id, e.state) for e in items])
        assert at == len(items) or items[at].state == "future", (moment, at)
        seen_split |= any(e.state == "current" for e in items[at:])
    assert seen_split  # a period already begun does sit below the marker on some days
