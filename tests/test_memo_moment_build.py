"""A warm build on a later day says what a cold build says, however deep the clock is read.

The reproduction of the render memo's bug (issue 15, part 1): a block that reads the clock
(``{{ schedule | call_status }}``) named inside the notes of two milestones. The check
renders both notes; the second note's inner block was a memo hit, so no clock read was seen and
the note was kept as timeless. A build while the call is open filled the cache; a warm build
after it closed then said "open" on the evaluation page and in the search index, where a cold
build says "closed".
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_site, call_moments, fixture_project

from callguide.pipeline import load

STATUS = {"ja": "状況：{{ schedule | call_status }}", "en": " Status {{ schedule | call_status }}"}
NOTES = ("prior_notice", "interviews")


def _with_status_in_notes(project: Path) -> None:
    """Append the status block to the notes of each milestone in NOTES (as text, layout kept); in both
    languages, as a staff edit would be (an English-only edit is translation drift in a published call)."""
    data = project / "data" / "call.yaml"
    text = data.read_text(encoding="utf-8")
    for name in NOTES:
        block = re.search(rf"^  {name}:\n(?:    .*\n|      .*\n)*?    note:\n      ja: (.*)\n      en: (.*)$", text, re.MULTILINE)
        assert block, f"no note under schedule.{name} in the fixture"
        for group, lang in ((2, "en"), (1, "ja")):  # the later one first: the earlier one's offsets still hold
            line = block.group(group)
            new = f"{line[:-1]}{STATUS[lang]}\"" if line.startswith('"') else f"{line}{STATUS[lang]}"
            text = text[: block.start(group)] + new + text[block.end(group) :]
    data.write_text(text, encoding="utf-8")


@pytest.mark.build
def test_a_warm_build_after_the_call_closed_equals_a_cold_one(tmp_path):
    project = fixture_project(tmp_path)
    _with_status_in_notes(project)
    moments = call_moments(load(project / "data" / "call.yaml", "data/call.yaml"))
    opened, closed = (int(moments[k].timestamp()) for k in ("open", "closed"))
    warm = tmp_path / "warm"
    first = build_site(warm / "first", epoch=opened, project=project)  # fills warm/cache while the call is open
    assert first.result.returncode == 0, first.output
    later = build_site(warm / "later", epoch=closed, project=project)  # the same cache, after the call closed
    assert later.result.returncode == 0, later.output
    cold = build_site(tmp_path / "cold" / "site", epoch=closed, project=project)
    assert cold.result.returncode == 0, cold.output
    page = Path("en/evaluation/index.html")
    assert "Status" in (cold.site / page).read_text(encoding="utf-8"), "the edit does not reach the page"
    for name in (page, Path("search/en.json")):
        assert (later.site / name).read_text(encoding="utf-8") == (cold.site / name).read_text(encoding="utf-8"), f"{name}: the warm build differs"
