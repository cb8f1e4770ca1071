"""The checklist in call.yaml: typed, every item in both languages, ids unique with located errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, DATA_SHOWN, FIXTURE_DATA

from callguide.errors import DataError
from callguide.model_checklist import PHASES
from callguide.pipeline import load
from callguide.render import MARKER, Context, render_text
from callguide.types import Text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def facts():
    return load(DATA, DATA_SHOWN)


def test_each_role_has_items_in_every_phase(facts):
    for role, checklist in facts.call.checklist.roles():
        phases = [phase for phase, _ in checklist.by_phase()]
        assert phases == list(PHASES), role


def test_items_name_the_deadlines_and_limits_by_fact(facts):
    """The seed's practical limits reach the checklist as facts, not typed text."""
    texts = " ".join(item.text.ja + item.text.en for _, _, item in facts.call.checklist.items())
    for path in ("schedule.prior_notice", "schedule.erad_deadline", "schedule.uk_deadline", "apply.upload_size", "apply.erad_registration"):
        assert "{{ " + path + " }}" in texts, path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_item_renders_with_fact_elements(facts, lang):
    ctx = Context(facts, lang)
    for role, i, item in facts.call.checklist.items():
        html = render_text(item.text[lang], ctx, inline=True)
        assert "{{" not in html, (role, i)
        for m in MARKER.finditer(item.text[lang]):
            if not isinstance(facts.get(m["path"]), Text):
                assert f'data-fact="{m["path"]}' in html, (role, i, m["path"])


def test_duplicate_id_is_reported_at_its_line(tmp_path):
    text = FIXTURE_DATA.read_text(encoding="utf-8")
    assert "      - id: uk_team\n" in text
    bad = tmp_path / "call.yaml"
    bad.write_text(text.replace("      - id: uk_team\n", "      - id: jp_team\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(bad, "call.yaml")
    problems = caught.value.problems
    assert len(problems) == 1
    p = problems[0]
    line = text.splitlines().index("      - id: uk_team") + 1
    assert (p.file, p.line) == ("call.yaml", line)
    assert p.path.startswith("checklist.uk_lead.items.") and p.path.endswith(".id")
    assert "'jp_team' is already used by checklist.japan_pi.items." in p.message


def test_unknown_phase_is_a_located_error(tmp_path):
    text = FIXTURE_DATA.read_text(encoding="utf-8")
    bad = tmp_path / "call.yaml"
    bad.write_text(text.replace("      - id: uk_team\n        phase: before\n", "      - id: uk_team\n        phase: later\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(bad, "call.yaml")
    (p,) = caught.value.problems
    assert p.path.endswith(".phase") and "'later' is not allowed here" in p.message
