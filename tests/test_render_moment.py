"""A rendering that read the clock is reused only at an equal moment; every other one at any moment.

Renderings are memoised per Facts, and the check's memo is kept with the checked data
(``pipeline.load_and_check_cached``), so a page built on another day, or a second after a
deadline, must still say exactly what a fresh rendering says at that instant. The instants
come from the call's own schedule: a second either side of every deadline, of the Japan
midnights that begin and end each milestone and of the UTC midnight before each deadline.
"""
from __future__ import annotations

import pickle
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from callguide.pages import replace
from callguide.pipeline import load
from callguide.render import Context
from callguide.sides import home_zone
from callguide.status import moment
from callguide.types import Deadline, when_span

ROOT = Path(__file__).resolve().parent.parent
PAGES = {lang: {p.relative_to(ROOT / "docs" / lang).as_posix(): p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / lang).rglob("*.md"))} for lang in ("ja", "en")}


@pytest.fixture(scope="module")
def facts():
    return load(ROOT / "data" / "call.yaml", "data/call.yaml")


def instants(facts) -> list[datetime]:
    tokyo = home_zone(facts.call)
    pivots = []
    for _, m in facts.call.schedule.milestones():
        start, end = when_span(m.when)
        pivots += [datetime.combine(start, time(0), tzinfo=tokyo), datetime.combine(end + timedelta(days=1), time(0), tzinfo=tokyo)]
        if isinstance(m.when, Deadline):
            pivots += [m.when.instant, datetime.combine(m.when.instant.astimezone(UTC).date(), time(0), tzinfo=UTC)]
    out = {p.astimezone(UTC) + timedelta(seconds=d) for p in pivots for d in (-1, 0, 1)}
    return sorted(out)


def fresh(facts):
    """The same facts with nothing rendered yet (the memo goes with the object, not its pickle)."""
    return pickle.loads(pickle.dumps(facts))


def render_all(facts) -> dict[tuple[str, str], str]:
    return {(lang, name): replace(text, Context(facts, lang)) for lang, texts in PAGES.items() for name, text in texts.items()}


def test_equal_moments_render_alike_and_the_memo_never_outlives_its_moment(facts, monkeypatch):
    shared = fresh(facts)  # one memo through every instant, in an order that jumps back and forth
    points = instants(facts)
    order = points[::2] + points[1::2][::-1]
    by_moment: dict[tuple, list[tuple[datetime, dict]]] = defaultdict(list)
    for at in order:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(at.timestamp())))
        expected = render_all(fresh(facts))
        assert render_all(shared) == expected, f"a rendering kept from another moment was reused at {at.isoformat()}"
        by_moment[moment(facts, at)].append((at, expected))
    for key, renders in by_moment.items():
        first_at, first = renders[0]
        for at, pages in renders[1:]:
            differ = [page for page in first if first[page] != pages[page]]
            assert not differ, f"{first_at.isoformat()} and {at.isoformat()} share the moment {key} but render {differ} differently"
    # The instants do reach every phase and renderings that differ, so the checks above can fail.
    assert {key[0] for key in by_moment} == {"upcoming", "open", "closed"}
    assert len({tuple(sorted(r[0][1].items())) for r in by_moment.values()}) == len(by_moment) > 10
