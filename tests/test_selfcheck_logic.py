"""The eligibility rules, evaluated with the rule data from call.yaml (and variations of it)."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from callguide import selfcheck as logic
from callguide.errors import DataError
from callguide.facts import Facts
from callguide.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "call.yaml"


@pytest.fixture(scope="module")
def facts() -> Facts:
    return load(DATA, "data/call.yaml")


def good_answers(facts: Facts) -> dict[str, str]:
    """For each question, the first option that leads to no rule."""
    return {q.id: next(o.id for o in q.options if not o.rules) for q in facts.call.selfcheck.eligibility.questions}


def expected_verdict(outcomes: list[str]) -> str:
    worst = max((logic.SEVERITY[o] for o in outcomes), default=0)
    return {4: "not_eligible", 3: "ask_jst", 2: "not_as_asked", 1: "eligible_with_consequence", 0: "eligible"}[worst]


def option_paths(facts: Facts):
    for q in facts.call.selfcheck.eligibility.questions:
        for o in q.options:
            yield q.id, o.id, list(o.rules)


def test_every_rule_names_a_fact_and_rules_a_to_d_match_their_source(facts):
    for rule in facts.call.selfcheck.eligibility.rules:
        path, _ = logic.rule_source(facts, rule.id)
        assert path in facts
        for more in rule.more:
            assert more in facts
    letters = {r.id for r in facts.call.duplicates.rules}
    assert letters <= {r.id for r in facts.call.selfcheck.eligibility.rules}


def test_rules_a_to_d_take_their_outcome_from_the_duplicates_block(facts):
    prog = logic.program(facts)
    for rule in facts.call.duplicates.rules:
        assert prog["rules"][rule.id] == rule.outcome


def test_all_clear_answers_are_eligible(facts):
    result = logic.evaluate(logic.program(facts), good_answers(facts))
    assert result == logic.Result("eligible")


@pytest.mark.parametrize("index", range(18))
def test_each_answer_path_gives_the_outcome_of_its_rules(facts, index):
    paths = list(option_paths(facts))
    if index >= len(paths):
        pytest.skip("fewer options in the data")
    question, option, rules = paths[index]
    prog = logic.program(facts)
    answers = dict(good_answers(facts), **{question: option})
    result = logic.evaluate(prog, answers)
    assert result.verdict == expected_verdict([prog["rules"][r] for r in rules])
    assert [f.rule for f in result.findings] == rules
    assert all(f.question == question for f in result.findings)


def test_the_paths_cover_every_kind_of_answer(facts):
    prog = logic.program(facts)
    verdicts = {logic.evaluate(prog, dict(good_answers(facts), **{q: o})).verdict for q, o, _ in option_paths(facts)}
    assert verdicts == {"eligible", "eligible_with_consequence", "not_eligible", "ask_jst", "not_as_asked"}
    assert len(list(option_paths(facts))) <= 18


def test_outgoing_researcher_outside_the_in_principle_rule_means_ask_jst_not_ineligible(facts):
    prog = logic.program(facts)
    result = logic.evaluate(prog, dict(good_answers(facts), outgoing_researcher="differs"))
    assert result.verdict == "ask_jst"
    assert [f.rule for f in result.findings] == ["outgoing_in_principle"]


def test_single_call_awards_bring_their_consequence_and_the_duty_to_tell_jst(facts):
    prog = logic.program(facts)
    for option, rule in (("single_pi", "c"), ("single_co_pi", "d")):
        result = logic.evaluate(prog, dict(good_answers(facts), current_award=option))
        assert result.verdict == "eligible_with_consequence"
        assert [f.rule for f in result.findings] == [rule, "prior_report"]


def test_a_bar_shows_before_every_question_is_answered(facts):
    prog = logic.program(facts)
    result = logic.evaluate(prog, {"current_award": "joint_lead"})
    assert result.verdict == "not_eligible"
    assert len(result.missing) == len(prog["questions"]) - 1
    assert logic.evaluate(prog, {"japan_institution": "affirm"}).verdict == "incomplete"
    assert logic.evaluate(prog, {"japan_institution": "no such option"}).missing[0] == "japan_institution"


def test_worst_outcome_wins_over_every_combination(facts):
    prog = logic.program(facts)
    qs = prog["questions"]
    for combo in itertools.product(*[list(q["options"]) for q in qs]):
        answers = {q["id"]: o for q, o in zip(qs, combo)}
        rules = [r for q, o in zip(qs, combo) for r in q["options"][o]]
        assert logic.evaluate(prog, answers).verdict == expected_verdict([prog["rules"][r] for r in rules])


def _with_duplicate_outcome(facts: Facts, letter: str, outcome: str) -> Facts:
    dup = facts.call.duplicates
    rules = [r.model_copy(update={"outcome": outcome}) if r.id == letter else r for r in dup.rules]
    return Facts(facts.call.model_copy(update={"duplicates": dup.model_copy(update={"rules": rules})}))


def test_a_changed_duplicate_rule_changes_the_answer(facts):
    changed = _with_duplicate_outcome(facts, "c", "not_eligible")
    result = logic.evaluate(logic.program(changed), dict(good_answers(changed), current_award="single_pi"))
    assert result.verdict == "not_eligible"
    assert result.findings[0].rule == "c"


def test_a_changed_selfcheck_rule_changes_the_answer(facts):
    check = facts.call.selfcheck.eligibility
    rules = [r.model_copy(update={"outcome": "not_eligible"}) if r.id == "outgoing_in_principle" else r for r in check.rules]
    sc = facts.call.selfcheck.model_copy(update={"eligibility": check.model_copy(update={"rules": rules})})
    changed = Facts(facts.call.model_copy(update={"selfcheck": sc}))
    result = logic.evaluate(logic.program(changed), dict(good_answers(changed), outgoing_researcher="differs"))
    assert result.verdict == "not_eligible"


def test_a_rule_pointing_at_the_wrong_duplicate_rule_is_refused(facts):
    check = facts.call.selfcheck.eligibility
    rules = [r.model_copy(update={"source": "duplicates.rules.3"}) if r.id == "c" else r for r in check.rules]
    sc = facts.call.selfcheck.model_copy(update={"eligibility": check.model_copy(update={"rules": rules})})
    changed = Facts(facts.call.model_copy(update={"selfcheck": sc}))
    with pytest.raises(logic.ProgramError, match="selfcheck rule 'c': its source 'duplicates.rules.3' is rule 'd'"):
        logic.program(changed)


# --- the data file: located errors for the selfcheck block --------------------------------


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    from conftest import FIXTURE_DATA

    text = FIXTURE_DATA.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    out = tmp_path / "call.yaml"
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def _problems(path: Path) -> str:
    with pytest.raises(DataError) as exc:
        load(path, "call.yaml")
    return str(exc.value)


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_an_outcome_typed_for_rule_c_is_an_error_at_its_line(tmp_path):
    path = _edited(tmp_path, "        source: duplicates.rules.2\n", "        source: duplicates.rules.2\n        outcome: not_eligible\n")
    message = _problems(path)
    line = _line_of(path, "source: duplicates.rules.2") + 1
    assert f"call.yaml:{line}:" in message
    assert "rules a–d take their outcome from the duplicates block" in message


def test_an_unknown_rule_in_an_option_is_an_error(tmp_path):
    path = _edited(tmp_path, "            rules: [a]\n", "            rules: [z]\n")
    assert "no rule 'z' in selfcheck.eligibility.rules" in _problems(path)


def test_a_band_upside_down_is_an_error(tmp_path):
    path = _edited(tmp_path, "      high: 0.8\n", "      high: 0.5\n")
    message = _problems(path)
    assert f"call.yaml:{_line_of(path, 'high: 0.5')}:" in message
    assert "must be above the lower edge" in message


def test_a_rule_naming_no_fact_stops_the_build_at_the_page_marker(tmp_path, monkeypatch):
    from callguide.pipeline import load_and_check_pages

    path = _edited(tmp_path, "        source: joint_call.eligibility.japan\n", "        source: joint_call.eligibility.nowhere\n")
    monkeypatch.setenv("CALL_FILE", str(path))
    with pytest.raises(DataError) as exc:
        load_and_check_pages(ROOT, ROOT / "docs")
    message = str(exc.value)
    for lang in ("ja", "en"):
        line = _line_of(ROOT / "docs" / lang / "eligibility.md", "| eligibility_form }}")
        assert f"docs/{lang}/eligibility.md:{line}:" in message
    assert "selfcheck rule 'japan_institution': its source 'joint_call.eligibility.nowhere' is not a fact" in message
