"""A mistake in the partners' data is a located, bilingual error, never a traceback (issue 17 part 6).

Each test makes one edit of the frozen 2025 call: an unknown territory, currency or zone code, a
partner missing a text in one language, two partners under one id, a planner entry naming a partner
the call does not have (a milestone, step, proposal part or checklist role naming one:
test_side_ids.py, against the sides sides.side_ids reads from partners). ``load`` raises DataError
(``make check`` and the build then write nothing) with one message per mistake, at its line.
"""
from __future__ import annotations

import re

import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA

from callguide.errors import DataError
from callguide.pipeline import load

BASE = FIXTURE_DATA.read_text(encoding="utf-8")


def problems(tmp_path, *edits: tuple[str, str]) -> tuple[list[str], str]:
    text = BASE
    for old, new in edits:
        assert old in text, f"the test's anchor is no longer in the fixture: {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    return headlines(exc.value.problems), text  # each has its Japanese line


def at(text: str, needle: str, offset: int = 0) -> str:
    pos = text.index(needle)
    line = text.count("\n", 0, pos) + 1
    return f"data/call.yaml:{line}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1 + offset}"


def test_unknown_territory_code(tmp_path):
    errs, text = problems(tmp_path, ("    territory: GB\n", "    territory: UK\n"))
    assert errs == [f"{at(text, 'territory: UK', 11)}: partners.uk.territory: 'UK' is not a two-letter country or region code (ISO 3166, such as GB or NO)"]


def test_unknown_currency_code_is_one_error_at_the_currency(tmp_path):
    errs, text = problems(tmp_path, ("    currency: GBP\n", "    currency: GPB\n"))
    assert errs == [f"{at(text, 'GPB')}: partners.uk.currency: unknown currency code 'GPB' (an ISO 4217 code such as JPY, GBP or EUR); did you mean GBP?"]


def test_unknown_zone_code(tmp_path):
    errs, text = problems(tmp_path, ("    zone: Europe/London\n", "    zone: Europe/Londn\n"))
    assert errs == [f"{at(text, 'Europe/Londn')}: partners.uk.zone: unknown time zone 'Europe/Londn' (use an IANA name such as Asia/Tokyo); did you mean Europe/London?"]


def test_a_partner_text_missing_in_one_language(tmp_path):
    errs, text = problems(tmp_path, ("      short: {ja: EPSRC, en: EPSRC}\n", "      short: {ja: EPSRC}\n"))
    assert errs == [f"{at(text, '{ja: EPSRC}')}: partners.uk.funder.short.en: the English text (en) is missing"]


def test_two_partners_under_one_id(tmp_path):
    second = "partners:\n  uk:\n    territory: DE\n"
    errs, text = problems(tmp_path, ("partners:\n", second))
    assert len(errs) == 1 and "duplicate key 'uk'" in errs[0] and errs[0].startswith("data/call.yaml:")


def test_a_call_without_a_partner(tmp_path):
    start = BASE.index("partners:\n  uk:\n")
    end = BASE.index("\n# ----", start)
    errs, text = problems(tmp_path, (BASE[start:end], "partners: {}"))
    # (the texts that name partners.uk's facts are reported too, each at its marker)
    assert f"{at(text, 'partners: {}', 10)}: partners: a joint call has at least one partner funder: write its block under partners (the 2025 call's is uk)" in errs


def test_planner_notes_for_a_partner_the_call_does_not_have(tmp_path):
    errs, text = problems(tmp_path, ("      uk: {check: planner_uk_check", "      de: {check: planner_uk_check"))
    assert errs == [f"{at(text, 'de: {check', 4)}: selfcheck.planner.partners.de: no partner 'de' in partners (uk)"]


def test_planner_notes_naming_no_guide_note(tmp_path):
    errs, text = problems(tmp_path, ("{check: planner_uk_check,", "{check: planner_uk_chek,"))
    assert errs == [f"{at(text, 'planner_uk_chek')}: selfcheck.planner.partners.uk.check: no note 'planner_uk_chek' in guide_notes"]


def test_a_cap_written_in_another_currency_than_the_partners(tmp_path):
    errs, text = problems(tmp_path, ("      cap: 1500000\n", "      cap: {amount: 1500000, currency: EUR}\n"))
    assert errs == [f"{at(text, 'currency: EUR', 10)}: partners.uk.budget.cap.currency: the partner's amounts are in its currency, GBP: write the amount alone (cap: 1500000) or change partners.uk.currency"]


def test_a_yen_figure_without_a_cap(tmp_path):
    errs, text = problems(tmp_path, ("      cap: 1500000\n", ""))
    # (the texts that name the cap are reported too, each at its marker)
    assert f"{at(text, 'stated_cap_jpy: ', 16)}: partners.uk.budget.stated_cap_jpy: JST's yen figure is for a cap: write the cap (cap:) or delete this line" in errs


def test_an_exchange_rate_of_another_currency(tmp_path):
    errs, text = problems(tmp_path, ("    exchange_rate: 190\n", "    exchange_rate: {base: EUR, quote: JPY, value: 190}\n"))
    assert errs == [f"{at(text, '{base: EUR')}: partners.uk.exchange_rate: the exchange rate is the yen value of one GBP: write the number alone (exchange_rate: 190)"]


def test_a_cap_block_without_its_currency_is_in_the_partners(tmp_path):
    path = tmp_path / "call.yaml"
    path.write_text(BASE.replace("      cap: 1500000\n", "      cap: {amount: 1500000}\n", 1), encoding="utf-8")
    cap = load(path, "call.yaml").get("partners.uk.budget.cap")
    assert (cap.amount, cap.currency) == (1_500_000, "GBP")


def test_a_partner_id_that_is_a_word_of_its_own(tmp_path):
    errs, text = problems(tmp_path, ("partners:\n  uk:\n", "partners:\n  both:\n"))
    expected = f"{at(text, 'territory: GB')}: partners.both: 'both' names a side of its own (japan, all, both) or the JST form (jst_form): give the partner another id, such as its country's code in lower case"
    assert expected in errs  # (the texts that name partners.uk's facts are reported too)


# --- an optional partner fact deleted while a page still names it -------------------------------------


def page_problems(tmp_path, old: str) -> list:
    """The problems ``make check`` finds in the fixture's pages once ``old`` (an optional fact) is deleted from its data."""
    from conftest import FIXTURE_2025

    from callguide.pages import check_pages
    from callguide.render import Context

    assert old in BASE, f"the test's anchor is no longer in the fixture: {old!r}"
    path = tmp_path / "call.yaml"
    path.write_text(BASE.replace(old, "", 1), encoding="utf-8")
    facts = load(path, "data/call.yaml")  # the data alone is a valid call: the field is optional
    docs = FIXTURE_2025 / "docs"
    return check_pages(docs, lambda lang: Context(facts, lang), ("ja", "en"), lambda page: str(page.relative_to(docs.parent)))


def _no_value(problems: list, path: str) -> list[tuple[str, str]]:
    assert problems, "the deleted fact's markers were not reported"
    for p in problems:
        assert p.message == (
            f"'{path}' has no value in the data file: give it one in call.yaml, or remove this marker (in both languages: the page's or text's Japanese and English)"
        ), p.headline
        assert p.message_ja.startswith(f"「{path}」は call.yaml に値がありません。")
    return sorted({(p.file, p.line) for p in problems})


def test_a_deleted_parent_body_still_named_by_a_page_says_it_has_no_value(tmp_path):
    problems = page_problems(tmp_path, "      parent:\n        ja: 英国研究・イノベーション機構（UKRI）傘下の分野別研究会議の一つ\n"
                                       "        en: one of the research councils of UK Research and Innovation (UKRI)\n")
    assert _no_value(problems, "partners.uk.funder.parent") == [("docs/en/call.md", 9), ("docs/ja/call.md", 9)]


def test_a_deleted_theme_still_named_by_a_page_says_it_has_no_value_whatever_its_form(tmp_path):
    text = BASE[BASE.index("    theme:\n") : BASE.index("    # From UKRI's call page; neither source")]
    problems = page_problems(tmp_path, text)
    assert _no_value(problems, "partners.uk.theme") == [("docs/en/call.md", 27), ("docs/ja/call.md", 27), ("docs/ja/call.md", 29)]


def test_a_marker_naming_the_old_partner_id_suggests_the_calls_partners():
    """After the partner's id is renamed (uk → de), a page's ``partners.uk…`` marker suggests the same fact of
    each partner the call has, not ``partners`` (which spelling alone finds nearer than ``partners.de``)."""
    from conftest import FIXTURES

    from callguide.errors import MarkerError
    from callguide.render import Context, render_marker

    facts = load(FIXTURES / "call-two-partners" / "call.yaml", "data/call.yaml")
    for path, variant, hint in (
        ("partners.uk", "name", "did you mean 'partners.de' or 'partners.ca'?"),
        ("partners.uk.portal.url", None, "did you mean 'partners.de.portal.url' or 'partners.ca.portal.url'?"),
    ):
        with pytest.raises(MarkerError) as exc:
            render_marker(path, variant, Context(facts, "en"))
        assert str(exc.value) == f"unknown fact '{path}'; {hint}"
        assert "partners.de" in exc.value.ja


def test_a_source_address_naming_a_renamed_partner_says_which_fact_it_could_be(tmp_path):
    """The UK call page's address under sources is the marker {{ partners.uk.portal.url }}: after the partner's
    id is renamed, the message said only "is not the address of a page" (a new-user trial); now it names the fact."""
    text = BASE.replace("partners:\n  uk:\n", "partners:\n  de:\n", 1)
    text = re.sub(r"(?m)^(\s*(?:- )?(?:side|who|where): )uk$", r"\1de", text)
    text = text.replace("side_when: {uk:", "side_when: {de:").replace("      uk: {check:", "      de: {check:")
    text = text.replace("partners.uk.", "partners.de.").replace("side_when.uk", "side_when.de")
    text = text.replace('url: "{{ partners.de.portal.url }}"', 'url: "{{ partners.uk.portal.url }}"')  # the one line left behind
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    said = headlines(exc.value.problems)
    assert any("sources.ukri_call.url: unknown fact 'partners.uk.portal.url'; did you mean 'partners.de.portal.url'?" in s for s in said), said
