"""Milestones, steps and proposal parts name their side by id (issue 17 parts 2 and 6).

A side the call does not have is a located, bilingual error (rules.py), never a traceback. The words of
files written before sides were ids still read: a side ``both`` is ``all``, a part's ``where:
uk_form`` is ``uk``. A deadline is shown in every side's zone unless its ``shown_in`` says fewer.
"""
from __future__ import annotations

import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA

from callguide.errors import DataError
from callguide.pipeline import load
from callguide.render import Context, as_plain, render_marker

BASE = FIXTURE_DATA.read_text(encoding="utf-8")


def edited(tmp_path, *edits: tuple[str, str]):
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def problems(tmp_path, *edits: tuple[str, str]) -> tuple[list[str], str]:
    path, text = edited(tmp_path, *edits)
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    return headlines(exc.value.problems), text


def at(text: str, needle: str, offset: int = 0) -> str:
    pos = text.index(needle) + offset
    return f"data/call.yaml:{text.count(chr(10), 0, pos) + 1}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


UK_SIDE = "    when: {at: \"2025-05-08 16:00\", zone: Europe/London}\n    side: uk\n"


def test_a_milestone_naming_a_side_the_call_lacks(tmp_path):
    errs, text = problems(tmp_path, (UK_SIDE, UK_SIDE.replace("side: uk", "side: de")))
    assert errs == [f"{at(text, 'side: de', 6)}: schedule.uk_deadline.side: 'de' is not a side of this call; write one of: japan, uk, all"]


def test_a_step_naming_a_side_the_call_lacks(tmp_path):
    errs, text = problems(tmp_path, ("    - who: uk\n", "    - who: dfg\n"))
    assert errs == [f"{at(text, 'dfg')}: apply.steps.1.who: 'dfg' is not a side of this call; write one of: japan, uk, all"]


def test_a_proposal_part_naming_a_side_the_call_lacks(tmp_path):
    errs, text = problems(tmp_path, ("    where: japan\n", "    where: de\n"))
    assert len(errs) == 1 and errs[0].startswith(f"{at(text, 'where: de', 7)}: contents.") and "'de' is not a side of this call" in errs[0]


def test_a_side_when_naming_a_side_the_call_lacks(tmp_path):
    errs, _ = problems(tmp_path, ("side_when: {uk: 2025-10,", "side_when: {de: 2025-10,"))
    # (the texts that name side_when.uk are reported too, each at its marker)
    assert [e for e in errs if "side_when.de" in e][0].endswith("schedule.interviews.side_when.de: 'de' is not a side of this call; write one of: japan, uk")


def test_older_words_still_read(tmp_path):
    path, _ = edited(tmp_path, ("    side: all\n", "    side: both\n"), ("    - who: all\n", "    - who: both\n"), ("    where: uk\n", "    where: uk_form\n"), ("    where: japan\n", "    where: jst_form\n"))
    call = load(path, "call.yaml").call
    assert call.schedule["joint_call_opens"].side == "all"
    assert call.apply.steps[0].who == "all"
    assert [p.where for p in call.contents] == ["uk", "uk", "all", "all", "japan"]


def test_shown_in_narrows_the_zones_a_deadline_is_shown_in(tmp_path):
    erad = "    when: {at: \"2025-05-09 14:00\", zone: Asia/Tokyo}\n"
    path, _ = edited(tmp_path, (erad, erad + "    shown_in: [japan]\n"))
    facts = load(path, "call.yaml")
    assert as_plain(render_marker("schedule.erad_deadline", None, Context(facts, "en"))) == "Friday 9 May 2025, 14:00 JST"
    assert "BST" in as_plain(render_marker("schedule.uk_deadline", None, Context(facts, "en")))


def test_shown_in_is_for_deadlines_only(tmp_path):
    errs, text = problems(tmp_path, ("    when: 2025-04-24\n", "    when: 2025-04-24\n    shown_in: [uk]\n"))
    assert errs == [f"{at(text, '[uk]')}: schedule.prior_notice.shown_in: shown_in is for deadlines only (a when with a time and a zone); delete it here"]


def test_the_call_opens_once(tmp_path):
    errs, _ = problems(tmp_path, ("    when: 2025-02-13\n", "    when: 2025-02-13\n    opens: true\n"), ("    when: 2025-03-03\n", "    when: 2025-03-03\n    opens: true\n"))
    assert len(errs) == 1 and "schedule.single_call_opens.opens: only one milestone opens the call, and joint_call_opens already does" in errs[0]


def test_the_call_opens_with_the_milestone_marked_opens(tmp_path):
    path, _ = edited(tmp_path, ("    when: 2025-03-03\n", "    when: 2025-03-03\n    opens: true\n"))
    assert load(path, "call.yaml").call.schedule.opening()[0] == "single_call_opens"


def test_an_unknown_key_in_a_milestone_lists_a_milestones_keys(tmp_path):
    errs, text = problems(tmp_path, ("    side: japan\n    other_call: true\n", "    side: japan\n    other_call: true\n    colour: red\n"))
    assert errs == [
        f"{at(text, 'colour')}: schedule.single_call_opens.colour: unknown key 'colour'; "
        "expected one of: title, when, side, tentative, other_call, note, sources_differ, notice, side_when, opens, shown_in"
    ]


def test_a_checklist_role_is_on_one_side_the_call_has(tmp_path):
    errs, text = problems(tmp_path, ("    side: uk\n    items:\n", "    side: all\n    items:\n"))
    where = at(text, "side: all\n    items", 6)
    assert errs == [f"{where}: checklist.uk_lead.side: 'all' is not a side of this call; write one of: japan, uk"]


def test_checklist_roles_are_any_ids_in_the_order_written(tmp_path):
    path, _ = edited(tmp_path, ("  uk_lead:\n", "  partner_lead:\n"))
    assert [role for role, _ in load(path, "call.yaml").call.checklist.roles()] == ["japan_pi", "partner_lead"]


def test_an_unknown_key_in_a_checklist_role_lists_a_roles_keys(tmp_path):
    errs, text = problems(tmp_path, ("    side: uk\n    items:\n", "    side: uk\n    colour: red\n    items:\n"))
    assert errs == [f"{at(text, 'colour')}: checklist.uk_lead.colour: unknown key 'colour'; expected one of: name, side, items"]
