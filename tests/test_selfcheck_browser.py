"""The eligibility self-check in Chromium: every answer path in both languages, keyboard, no-JS, axe."""
from __future__ import annotations

import itertools
import json

import pytest
from conftest import DATA, DATA_SHOWN  # the live call, or the file CALL_FILE names, as the shared site is built from

from callguide import selfcheck as logic
from callguide.blocks.selfcheck import UI
from callguide.pipeline import load

pytestmark = [pytest.mark.browser, pytest.mark.build]

LANGS = {"ja": "eligibility/", "en": "en/eligibility/"}
MATERIAL: tuple[str, ...] = ()  # Material's own findings are fixed site-wide and checked here too


@pytest.fixture(scope="module")
def facts():
    return load(DATA, DATA_SHOWN)


def console_errors(page) -> list[str]:
    """Console errors and failed requests of the page, after it settled."""
    page.settle()
    return list(page.console_errors)


def answer(page, answers: dict[str, str]) -> None:
    page.click(".cg-reset")
    for q, o in answers.items():
        page.check(f"#q-{q}-{o}")


# The result region as a reader sees it, read in one call: its verdict, its text, how many findings.
_RESULT = """const r = document.querySelector('.cg-result');
  return {verdict: r.getAttribute('data-verdict'), text: r.innerText, findings: r.querySelectorAll('.cg-finding').length};"""
READ_RESULT = "() => { " + _RESULT + " }"
# An option clicked as the browser clicks it (the radio's activation: checked, then input and change
# events), and the result read, in one call. Playwright's check() waited for each smooth scroll to the
# result to end (~0.3 s an option); real key presses and clicks are tested below and in the other tests.
CLICK_AND_READ = "(id) => { document.getElementById(id).click(); " + _RESULT + " }"


def good_answers(facts) -> dict[str, str]:
    return {q.id: next(o.id for o in q.options if not o.rules) for q in facts.call.selfcheck.eligibility.questions}


@pytest.mark.parametrize("lang", LANGS)
def test_every_answer_path_names_its_rule(page_factory, facts, lang):
    """Each option of each question, the others answered as an eligible applicant would: the option is
    ticked and the good answer ticked back afterwards (the result follows the answers as they stand, not
    the order they were given in: one path is answered again from a reset form and must read the same)."""
    page = page_factory(LANGS[lang])
    prog = logic.program(facts)
    good = good_answers(facts)
    answer(page, good)
    shown = page.evaluate(READ_RESULT)
    assert shown["verdict"] == "eligible"
    assert shown["text"].strip().startswith(UI[lang]["eligible"])  # then what to do next
    seen, last_refusal = set(), None
    for q in facts.call.selfcheck.eligibility.questions:
        for o in q.options:
            shown = page.evaluate(CLICK_AND_READ, f"q-{q.id}-{o.id}")
            answers = dict(good, **{q.id: o.id})
            expected = logic.evaluate(prog, answers)
            seen.add(expected.verdict)
            assert shown["verdict"] == expected.verdict, (q.id, o.id)
            text = shown["text"]
            assert UI[lang][expected.verdict] in text
            for f in expected.findings:
                rule = facts.call.selfcheck.eligibility.rule(f.rule)
                assert rule.title[lang] in text, (q.id, o.id, f.rule)
                assert UI[lang][f"outcome_{f.outcome}"] in text
            if expected.verdict == "ask_jst":
                assert facts.call.contacts.jst.email in text
            assert shown["findings"] == len({f.rule for f in expected.findings})
            if expected.verdict == "not_eligible":
                last_refusal = (answers, shown)
        page.evaluate(CLICK_AND_READ, f"q-{q.id}-{good[q.id]}")
    assert seen == {"eligible", "eligible_with_consequence", "not_eligible", "ask_jst", "not_as_asked"}
    answers, shown = last_refusal
    answer(page, answers)
    assert page.evaluate(READ_RESULT) == shown
    assert console_errors(page) == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("lang", LANGS)
def test_unanswered_questions_are_counted_and_a_bar_shows_at_once(page_factory, facts, lang):
    page = page_factory(LANGS[lang])
    region = page.locator(".cg-result")
    assert region.inner_text() == ""
    page.check("#q-japan_institution-affirm")
    n = len(facts.call.selfcheck.eligibility.questions) - 1
    assert region.get_attribute("data-verdict") == "incomplete"
    assert UI[lang]["remaining"].format(n=n) in region.inner_text()
    page.check("#q-current_award-joint_lead")
    assert region.get_attribute("data-verdict") == "not_eligible"
    assert facts.call.selfcheck.eligibility.rule("b").title[lang] in region.inner_text()
    page.click(".cg-reset")
    page.wait_for_function("document.querySelector('.cg-result').textContent === ''")
    assert console_errors(page) == []


def test_the_javascript_agrees_with_python_on_every_combination(page_factory, facts):
    page = page_factory(LANGS["en"])
    prog = json.loads(page.locator(".cg-program").text_content())
    assert prog == json.loads(json.dumps(logic.program(facts)))
    qs = prog["questions"]
    combos = [{q["id"]: o for q, o in zip(qs, c)} for c in itertools.product(*[list(q["options"]) for q in qs])]
    combos += [{}, {qs[0]["id"]: next(iter(qs[0]["options"]))}, {qs[-1]["id"]: list(qs[-1]["options"])[-1]}]
    from_js = page.evaluate(
        "([p, all]) => all.map(a => { const r = window.callguideSelfcheck.evaluate(p, a);"
        " return [r.verdict, r.findings.map(f => f.rule), r.missing]; })",
        [prog, combos],
    )
    for answers, (verdict, rules, missing) in zip(combos, from_js):
        expected = logic.evaluate(prog, answers)
        assert (verdict, rules, missing) == (expected.verdict, [f.rule for f in expected.findings], list(expected.missing)), answers


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_tab_space_and_arrows_answer_the_questions(page_factory, facts, lang):
    page = page_factory(LANGS[lang])
    first, second = facts.call.selfcheck.eligibility.questions[:2]
    target = f"q-{first.id}-{first.options[0].id}"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == target:
            break
    else:
        pytest.fail(f"Tab never reached #{target}")
    page.keyboard.press("Space")
    assert page.is_checked(f"#{target}")
    page.keyboard.press("ArrowDown")
    assert page.is_checked(f"#q-{first.id}-{first.options[1].id}")
    assert page.locator(".cg-result").get_attribute("data-verdict") == "not_eligible"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"q-{second.id}-{second.options[0].id}"
    page.keyboard.press("Space")
    assert page.is_checked(f"#q-{second.id}-{second.options[0].id}")
    assert console_errors(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_decision_table_shows_every_answer_and_rule(page_factory, facts, lang):
    page = page_factory(LANGS[lang], javascript=False)
    assert not page.locator(".cg-selfcheck-form").is_visible()
    assert page.locator(".cg-selfcheck noscript, .cg-noscript").first.is_visible()
    table = page.locator(".cg-decision-tables")
    assert table.is_visible()
    questions = facts.call.selfcheck.eligibility.questions
    assert table.locator("table.cg-decision-table > caption").count() == len(questions)  # one table per question, named
    assert table.locator("tbody tr").count() == sum(len(q.options) for q in questions)
    text = table.inner_text()
    for rule in facts.call.selfcheck.eligibility.rules:
        assert rule.title[lang] in text
    for d in facts.call.duplicates.rules:
        assert d.text[lang].split("{{")[0][:20] in text
    assert facts.call.contacts.jst.email in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_page_hides_the_form_and_keeps_the_table(page_factory, lang):
    page = page_factory(LANGS[lang])
    page.emulate_media(media="print")
    assert not page.locator(".cg-selfcheck-form").is_visible()
    assert page.locator(".cg-decision-tables").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_of_ours(page_factory, lang):
    from axe_playwright_python.sync_playwright import Axe

    page = page_factory(LANGS[lang])
    page.check("#q-outgoing_researcher-differs")
    page.check("#q-current_award-single_pi")
    # The verdict scrolls into view (smoothly): read the page once it has come to rest, not while
    # Material's back-to-top button is still fading in.
    page.wait_for_function("() => new Promise(r => { let y = -1; const t = setInterval(() => { if (scrollY === y) { clearInterval(t); r(true); } y = scrollY; }, 200); })")
    page.wait_for_timeout(600)
    violations = Axe().run(page).response["violations"]
    ours = [
        (v["id"], [n["target"] for n in v["nodes"] if not str(n["target"][0]).startswith(MATERIAL)])
        for v in violations
    ]
    assert [v for v in ours if v[1]] == []
