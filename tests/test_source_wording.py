"""Correct in every word: what the pages and the data say matches JST's briefing, and what goes
beyond it (the guide's reading or advice) is labelled as the guide's own."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from conftest import FIXTURE_2025, FIXTURE_DATA, ROOT

from callguide.blocks.selfcheck import UI
from callguide.facts import Facts
from callguide.pdf import LABELS as PDF_LABELS
from callguide.pipeline import load
from callguide.render import Context, as_plain, render_marker

# The frozen 2025 call and its pages, as audited against the sources (tests/fixtures/call-2025).
DATA = FIXTURE_DATA
DOCS = FIXTURE_2025 / "docs"
LANGS = ("ja", "en")


@pytest.fixture(scope="module")
def facts() -> Facts:
    return load(DATA, "data/call.yaml")


def doc(lang: str, name: str) -> str:
    return (DOCS / lang / f"{name}.md").read_text(encoding="utf-8")


def shown(facts: Facts, path: str, lang: str, variant: str | None = None) -> str:
    return as_plain(render_marker(path, variant, Context(facts, lang)))


def section(text: str, anchor: str) -> str:
    """A page's section from its heading ``{#anchor}`` to the next heading of any level."""
    return re.split(r"\n#+ ", text.split("{#" + anchor + "}", 1)[1], maxsplit=1)[0]


# --- 1. research security: no invented reassurance ---------------------------------------


def test_security_page_says_only_that_jst_may_ask():
    assert "多くの提案" not in doc("ja", "security")
    assert "Most proposals" not in doc("en", "security")


# --- 2. the ~70 % rule is a requirement (予算の用途制限), not a guideline --------------------


def test_the_network_share_is_called_a_requirement(facts):
    for name in ("budget", "call", "proposal"):
        assert "目安" not in doc("ja", name), name
        assert "guideline" not in doc("en", name).lower(), name
    assert "## 予算の用途制限 {#network-share}" in doc("ja", "budget")
    assert "## Spending requirement" in doc("en", "budget")
    for lang in LANGS:
        words = " ".join(UI[lang].values())
        assert "目安" not in words and "guideline" not in words.lower()
        advice = shown(facts, "evaluation.criteria.5.advice", lang)
        assert "目安" not in advice and "guideline" not in advice.lower()
    assert "用途制限" in UI["ja"]["guideline"] and "requirement" in UI["en"]["guideline"]
    # The planner's 60 %/80 % band stays, as the guide's own.
    assert facts.get("selfcheck.planner.band.note").own


# --- 3. the UK cap: the briefing quoted, the £1.875M reading labelled ----------------------


class _Owned(HTMLParser):
    """For each element carrying a data-fact in ``paths``: is it inside a guide-own element?"""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}

    def __init__(self, paths: set[str]):
        super().__init__()
        self.paths, self.stack, self.found = paths, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        own = "guide-own" in (a.get("class") or "").split()
        if a.get("data-fact") in self.paths:
            self.found.append((a["data-fact"], own or any(self.stack)))
        if tag not in self.VOID:
            self.stack.append(own)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


def owned(html: str, paths: set[str]) -> list[tuple[str, bool]]:
    parser = _Owned(paths)
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("lang", LANGS)
def test_the_caps_table_quotes_the_briefing_for_the_uk(facts, lang):
    html = unescape(str(render_marker("budget", "caps", Context(facts, lang))))
    assert "EPSRCの規則" not in html and "EPSRC's rules" not in html
    assert "partners.uk.budget.max_basis" not in html  # the reading is in a labelled note, not in the table
    assert 'data-fact="partners.uk.budget.cap"' in html and 'data-fact="partners.uk.budget.basis.share"' in html


@pytest.mark.build
def test_the_uk_fec_reading_is_shown_only_as_the_guides_own(fixture_site):
    site = fixture_site
    seen = 0
    for page in site.rglob("*.html"):
        for path, own in owned(page.read_text(encoding="utf-8"), {"partners.uk.budget.max_basis"}):
            seen += 1
            assert own, f"{page.relative_to(site)}: {path} is shown without the guide's label"
    assert seen


# --- 4. the cap with indirect costs -----------------------------------------------------------


def test_the_rounded_cap_reading_is_the_guides_own(facts):
    for lang in LANGS:
        japan = section(doc(lang, "budget"), "japan")
        assert "{{ guide_notes." in japan
        assert not re.search(r"丸め|rounded|基準に|Plan your budget", japan.split("{{ guide_notes.")[0])
    note = re.search(r"\{\{ (guide_notes\.\w+) \}\}", section(doc("ja", "budget"), "japan")).group(1)
    assert facts.get(note).own
    assert "budget.japan.total_cap" in facts.get(note).ja


# --- 7. unsourced details ---------------------------------------------------------------------


def test_the_programme_name_has_no_invented_expansion(facts):
    assert "Adopting" not in facts.call.programme.name.en
    assert "(" not in facts.call.programme.name.en


def test_practical_tips_on_the_apply_page_are_the_guides_notes(facts):
    tips = {
        "ja": ("解像度", "時間がかかることがあります。", "事務担当者", "段取り"),
        "en": ("resolution", "may need time", "research office", "beforehand"),
    }
    for lang in LANGS:
        text = doc(lang, "apply")
        practical = section(text, "practical") + "".join(section(text, a) for a in ("pdf-merge", "file-size", "compliance", "erad-registration"))
        for tip in tips[lang]:
            assert tip not in practical, (lang, tip)
        notes = re.findall(r"\{\{ (guide_notes\.\w+) \}\}", text)
        assert len(notes) >= 4
        joined = " ".join(facts.get(n)[lang] for n in notes)
        for tip in tips[lang]:
            assert tip in joined, (lang, tip)


def test_the_uk_side_is_one_joint_proposal_not_a_simultaneous_application():
    assert "同時に" not in doc("ja", "aspire")
    assert "at the same time" not in doc("en", "aspire")
    assert "締切" in section(doc("ja", "aspire"), "difference")
    assert "deadline" in section(doc("en", "aspire"), "difference")


def test_data_as_of_is_the_date_the_information_was_checked():
    assert "情報確認日" in PDF_LABELS["ja"]["as_of"] and "時点" not in PDF_LABELS["ja"]["as_of"]
    assert "checked" in PDF_LABELS["en"]["as_of"] and "as of" not in PDF_LABELS["en"]["as_of"]
    about = {lang: section(doc(lang, "contact"), "about") for lang in LANGS}
    assert "情報確認日" in about["ja"] and "時点" not in about["ja"]
    assert "checked" in about["en"] and "as of" not in about["en"]
    for name in ("STAFF.md", "STAFF.en.md"):
        staff = (ROOT / name).read_text(encoding="utf-8")
        assert "情報の基準日" not in staff and "the date of the information" not in staff, name


def test_the_prior_notice_names_no_address():
    for lang in LANGS:
        assert "contacts.jst.email" not in section(doc(lang, "apply"), "prior-notice"), lang


# --- 8. translations ----------------------------------------------------------------------------


def test_translations_follow_the_briefing(facts):
    assert "whether" not in facts.call.research_security.publication.en
    assert "form" in facts.call.research_security.publication.en
    assert "scale" in facts.call.programme.purpose.en
    assert "Japanese researchers" in facts.call.programme.goals[0].en
    point = facts.call.contents[4].points[0]
    assert "国際頭脳循環に資する" in point.ja and "研究活動" in point.ja
    assert "brain circulation" in point.en and "research activities" in point.en
    assert "申請予定" in section(doc("ja", "budget"), "other-funding")
    assert "plan to apply" in section(doc("en", "budget"), "other-funding")


def test_the_fiscal_year_that_decides_which_calls_count_reads_fy(facts):
    year = int(facts.call.call.fiscal_year)
    for path in ("duplicates.rules.0.text", "selfcheck.eligibility.questions.5.text"):
        text = facts.get(path)
        assert "{{ call.fiscal_year | fy }}" in text.en, path
        assert f"FY{year}" in shown(facts, path, "en"), path
        assert f"{year}年度" in shown(facts, path, "ja"), path
        assert not re.search(r"(?<![\d{])20\d\d(?!\d)", text.en), path  # never a typed year


# --- "Applicants find every answer", part 5: the planner's advice keeps the budget -----------


def test_the_below_band_advice_says_to_move_money_within_the_total(facts):
    for lang in LANGS:
        assert "あと" not in UI[lang]["network_below_band"] and "more for" not in UI[lang]["network_below_band"]
    note = facts.get("guide_notes.planner_below_band")
    assert note.own
    assert "研究推進のみ" in note.ja and "移" in note.ja and "{amount}" in note.ja
    assert "research-only" in note.en and "move" in note.en and "{amount}" in note.en
