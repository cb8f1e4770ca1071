"""Two items of one list with the same id: refused at the second one's line, naming the id.

Ids are what a page's HTML ids, a verdict's rules, a browser's saved ticks and the planner's labels
go by: with two items under one id, the page silently keeps one of them (the self-check's verdict
takes the last rule of that id) or repeats an HTML id. Edits of the frozen 2025 call.
"""
from test_data_errors import problems_after  # the fixture with one edit, and the problems it makes


def at(text: str, needle: str, nth: int = 1, offset: int = 0) -> str:
    """data/call.yaml:LINE:COL of the nth occurrence of needle (plus offset columns)."""
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1 + offset
    return f"data/call.yaml:{line}:{col}"


RULE = "      - id: travellers\n        title:\n          ja: 相手国へ渡航する研究者\n"
RULES = "selfcheck.eligibility.rules"


def test_a_second_rule_with_an_id_already_used_is_refused_at_its_line(tmp_path):
    """Fault 84b: a rule inserted above another of the same id changed the published verdict."""
    inserted = (
        "      - id: travellers\n        title:\n          ja: 重複ルール\n          en: A second rule\n"
        "        source: joint_call.travellers\n        outcome: not_eligible\n"
    )
    errs, text = problems_after(tmp_path, RULE, inserted + RULE)
    assert errs == [
        f"{at(text, '- id: travellers', 2, 6)}: {RULES}.4.id: id 'travellers' is already used by {RULES}.3"
    ]


def test_a_rule_renamed_to_an_id_already_used_is_reported_with_the_question_left_without_it(tmp_path):
    """Fault 84: renaming rule consortium to travellers leaves the option naming consortium and two rules
    travellers; both are said, each at its own line."""
    errs, text = problems_after(tmp_path, "      - id: consortium\n        title:\n", "      - id: travellers\n        title:\n")
    assert f"{at(text, '- id: travellers', 2, 6)}: {RULES}.3.id: id 'travellers' is already used by {RULES}.2" in errs
    assert (
        f"{at(text, 'rules: [consortium]', 1, 8)}: selfcheck.eligibility.questions.2.options.1.rules.0: "
        "question 'consortium', option 'deny': no rule 'consortium' in selfcheck.eligibility.rules"
    ) in errs
    assert len(errs) == 2, errs


def test_a_question_with_an_id_already_used_is_refused_at_its_line(tmp_path):
    errs, text = problems_after(tmp_path, "      - id: uk_institution\n        text:\n", "      - id: japan_institution\n        text:\n")
    questions = "selfcheck.eligibility.questions"
    assert errs == [
        f"{at(text, '- id: japan_institution', 3, 6)}: {questions}.1.id: id 'japan_institution' is already used by {questions}.0"
    ]


def test_an_option_with_an_id_already_used_is_refused_at_its_line(tmp_path):
    errs, text = problems_after(tmp_path, "          - id: differs\n", "          - id: affirm\n")
    options = "selfcheck.eligibility.questions.4.options"
    assert errs == [f"{at(text, '- id: affirm', 6, 6)}: {options}.1.id: id 'affirm' is already used by {options}.0"]


def test_a_planner_category_with_an_id_already_used_is_refused_at_its_line(tmp_path):
    """Fault 109: two categories under one id published two inputs of one HTML id, a label bound to the wrong one."""
    errs, text = problems_after(tmp_path, "      - id: travel\n        name:\n", "      - id: equipment\n        name:\n")
    categories = "selfcheck.planner.categories"
    assert errs == [f"{at(text, '- id: equipment', 2, 6)}: {categories}.1.id: id 'equipment' is already used by {categories}.0"]
