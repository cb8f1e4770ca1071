"""The guide's blocks, rendered without MkDocs: everything in call.yaml reaches the page, in both languages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA

from callguide.blocks.guide import LABELS, where_label
from callguide.pipeline import load
from callguide.render import OWN_LABEL, Context, render_marker

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ja", "en")


@pytest.fixture(scope="module")
def facts():
    return load(ROOT / "data" / "call.yaml", "data/call.yaml")


@pytest.fixture(scope="module")
def facts_2025():
    return load(FIXTURE_DATA, "call.yaml")  # the frozen 2025 call: its partner's words


def facts_of(html: str) -> list[str]:
    return re.findall(r'data-fact="([^"]+)"', html)


@pytest.mark.parametrize("lang", LANGS)
def test_criteria_show_every_point_and_set_our_advice_apart(facts, lang):
    html = unescape(str(render_marker("evaluation.criteria", "criteria", Context(facts, lang))))
    criteria = facts.call.evaluation.criteria
    for c in criteria:
        section = html.split(f'<section class="cg-criterion" aria-labelledby="criterion-{c.id}">')[1].split("</section>")[0]
        points = re.findall(r"<li>(.*?)</li>", section.split("<aside")[0], re.DOTALL)
        assert len(points) == len(c.points), f"{lang}: criterion {c.id} shows {len(points)} of {len(c.points)} points"
        for point in c.points:
            if "{{" not in point[lang]:
                assert point[lang] in section, f"{lang}: criterion {c.id} lacks: {point[lang]}"
        advice = section.split('<aside class="cg-advice">')[1]
        assert f'data-own="evaluation.criteria.{criteria.index(c)}.advice"' in advice and OWN_LABEL[lang].strip() in advice
        assert c.advice[lang].split("{{")[0][:20] in advice
    assert html.count('<aside class="cg-advice">') == len(criteria)


@pytest.mark.parametrize("lang", LANGS)
def test_steps_are_numbered_in_order_with_whose_job_each_is(facts_2025, lang):
    facts = facts_2025
    html = unescape(str(render_marker("apply.steps", "steps", Context(facts, lang))))
    steps = facts.call.apply.steps
    whos = re.findall(r'<li class="cg-step cg-step--(\w+)" data-side="(\w+)">', html)
    assert whos == [(s.who if s.who in ("japan", "all") else "partner", s.who) for s in steps]
    labels = {"ja": {"japan": "日本側", "uk": "英国側", "all": "日英両方"}, "en": {"japan": "Japanese side", "uk": "UK side", "all": "Both sides"}}[lang]
    for s in steps:  # the 2025 call's partner, named from its data (territory, short form)
        assert f">{labels[s.who]}</span>" in html
    assert "apply.upload_size" in facts_of(html) and "apply.erad_registration" in facts_of(html)


@pytest.mark.parametrize("lang", LANGS)
def test_duplicate_rules_keep_their_letters_and_outcomes(facts, lang):
    html = unescape(str(render_marker("duplicates.rules", "duplicate_rules", Context(facts, lang))))
    rules = facts.call.duplicates.rules
    assert re.findall(r'id="rule-(\w)"', html) == [r.id for r in rules]
    for r in rules:
        assert f"cg-rule--{r.outcome}" in html and LABELS[lang][r.outcome] in html
    assert "duplicates.max_applications" in facts_of(html)


@pytest.mark.parametrize("lang", LANGS)
def test_frames_show_caps_with_and_without_indirect_costs_and_length(facts, lang):
    html = str(render_marker("programme.single_call", "frames", Context(facts, lang)))
    for frame in ("top", "next_generation"):
        p = f"programme.single_call.{frame}"
        for fact in (f"{p}.direct_cap", f"{p}.total_cap.stated", f"{p}.total_cap", f"{p}.duration"):
            assert fact in facts_of(html), f"{lang}: {fact} missing from the frames table"


@pytest.mark.parametrize("lang", LANGS)
def test_caps_quote_jsts_rounded_figure_and_the_exact_one(facts, lang):
    html = str(render_marker("budget", "caps", Context(facts, lang)))
    total = facts.get("budget.japan.total_cap")
    assert f'data-fact="budget.japan.total_cap.stated" value="{total.stated}"' in html
    assert f'data-fact="budget.japan.total_cap" value="{total.amount}"' in html
    for fact in ("budget.japan.direct_cap", "partners.uk.budget.cap", "partners.uk.budget.basis.share", "partners.uk.exchange_rate", "budget.awards"):
        assert fact in facts_of(html)


@pytest.mark.parametrize("lang", LANGS)
def test_proposal_parts_say_where_and_in_which_language(facts, lang):
    html = unescape(str(render_marker("contents", "proposal_parts", Context(facts, lang))))
    for part in facts.call.contents:
        section = html.split(f'id="part-{part.id.replace("_", "-")}"')[1].split("</section>")[0]
        assert where_label(part.where, Context(facts, lang)) in section
        assert LABELS[lang][f"language_{part.language}"] in section
        assert section.count("<li>") == len(part.points)


@pytest.mark.parametrize("lang", LANGS)
def test_team_roles_list_both_teams(facts_2025, lang):
    facts = facts_2025
    html = unescape(str(render_marker("joint_call.teams", "team_roles", Context(facts, lang))))
    teams = facts.call.joint_call.teams
    assert html.count("<li>") == len(teams.japan) + len(facts.call.partners["uk"].team)
    assert LABELS[lang]["team_japan"] in html and {"ja": "英国側研究チーム", "en": "UK team"}[lang] in html


@pytest.mark.parametrize("lang", LANGS)
def test_partner_words_of_the_2025_call_read_as_before(facts_2025, lang):
    """The labels drawn from the partner's data read as the 2025 pages did when they were typed."""
    ctx = Context(facts_2025, lang)
    where = {"ja": ("UKRI Funding Service（英国側の申請内容）", "UKRI Funding ServiceとJST申請様式の両方"),
             "en": ("UKRI Funding Service (the UK application)", "Both the UKRI Funding Service and the JST form")}[lang]
    assert (where_label("uk", ctx), where_label("all", ctx)) == where
