"""The 2025 call's canonical values survive the move of the partner's facts (issue 17 part 4).

``tests/fixtures/call-2025/call.format2.json`` is the 2025 fixture's call.json as main wrote it before
milestones and the partner became data (format 2, made at 0b2b634). Every value in it, texts included, must be found
unchanged in today's call.json of the same call at the path ``path_map.yaml`` moves it to; and every
fact today's call.json holds that the old one did not is a new fact of the partner block, not a value
that lost its way.
"""
from __future__ import annotations

import json

import pytest
from conftest import FIXTURE_2025, FIXTURE_DATA

from callguide import call_json, paths
from callguide.pipeline import load

OLD = FIXTURE_2025 / "call.format2.json"
# Facts the partner block adds (the short forms, names and codes that were typed in prose or code before).
NEW_FACTS = {
    "partners.uk.territory",
    "partners.uk.short",
    "partners.uk.funder.short",
    "partners.uk.currency",
    "partners.uk.portal.short",
    "partners.uk.budget.basis.name",
    "partners.uk.budget.basis.short",
    "selfcheck.planner.partners",
    "call.calendar_product",  # (issue 17 part 2: the calendars' product name, each checklist role's side)
    "checklist.japan_pi.side",
    "checklist.uk_lead.side",
    "call.fictional",  # (format 5: the flag of an invented call, callguide.fictional; false for 2025)
    "sources",  # (issue 18 part 2, format 7: the documents the facts come from, and each fact's source)
    "fact_sources",
    "partners.uk.name",  # (format 8: the partner as a sentence names it, "the UK", and before a noun, "UK")
    "partners.uk.adjective",
}


def leaves(tree, path: str = ""):
    """Every scalar of a JSON tree with its dotted path (a text's ja and en are scalars under it)."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from leaves(value, f"{path}.{i}")
    else:
        yield path, tree


def _names_a_fact(path: str) -> bool:
    """A value that is itself a fact's path (a self-check rule's source): it moves with the map too."""
    parts = path.split(".")
    return path.startswith("selfcheck.eligibility.rules.") and ("source" in parts or "more" in parts)


@pytest.fixture(scope="module")
def old():
    return json.loads(OLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def new():
    return json.loads(call_json.text(load(FIXTURE_DATA, "call.yaml")))


def test_the_archived_file_is_format_2_and_today_is_later(old):
    assert old["format_version"] == "2"
    assert int(call_json.FORMAT_VERSION) > 3  # (the comparison with today, moves and all: test_milestones_2025)


def test_every_2025_value_is_at_its_mapped_path_unchanged(old, new):
    now = dict(leaves(new))
    moved, missing, changed = 0, [], []
    for path, value in leaves(old):
        if path in call_json.META:
            continue
        current = paths.to_current(path, old["format_version"], call_json.FORMAT_VERSION)
        moved += current != path
        if current not in now:
            missing.append(f"{path} → {current}")
        elif now[current] != paths.value_to_current(current, value, old["format_version"], call_json.FORMAT_VERSION) and not (
            _names_a_fact(path) and now[current] == paths.to_current(value, old["format_version"], call_json.FORMAT_VERSION)
        ):
            changed.append(f"{path} → {current}: {value!r} ≠ {now[current]!r}")
    assert missing == [] and changed == []
    assert moved > 50  # the UK side's facts did move


def test_every_fact_today_was_there_in_2025_or_is_a_new_partner_fact(old, new):
    back = {paths.to_archived(path, old["format_version"], call_json.FORMAT_VERSION) for path, _ in leaves(new)}
    before = {path for path, _ in leaves(old)}
    unexplained = sorted(
        path for path, _ in leaves(new)
        if paths.to_archived(path, old["format_version"], call_json.FORMAT_VERSION) not in before
        and not any(path == n or path.startswith(n + ".") for n in NEW_FACTS)
    )
    assert unexplained == []
    assert back


def test_every_moved_path_of_the_map_existed_in_format_3(old):
    """The partner's moves (format 3 → 4) start from paths format 2 had and format 3 kept."""
    before = {paths.to_current(path, "2", "3") for path, _ in leaves(old)}
    for source in paths.MOVES["3"]:
        assert any(p == source or p.startswith(source + ".") for p in before), source

