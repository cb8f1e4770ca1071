"""Issue "Correct in every word": who reports to JST, what the traveller rule says and how strongly,
country names and typography, and the two sources' interview dates."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA

from callguide import selfcheck as logic
from callguide.facts import Facts
from callguide.pipeline import load
from callguide.render import Context, as_plain, render_marker

DATA = FIXTURE_DATA  # the frozen 2025 call: these tests assert its audited wording
LANGS = {"ja": "", "en": "en/"}


@pytest.fixture(scope="module")
def site(fixture_site) -> Path:
    """The frozen 2025 call's build: the values asserted here are its own."""
    return fixture_site


@pytest.fixture(scope="module")
def facts() -> Facts:
    return load(DATA, "data/call.yaml")


def _page(site: Path, lang: str, name: str) -> str:
    path = site / LANGS[lang] / (f"{name}/index.html" if name else "index.html")
    return path.read_text(encoding="utf-8")


def _text(html: str) -> str:
    """A page's visible words, tags dropped and white space collapsed (templates are left out)."""
    html = re.sub(r"<template\b.*?</template>|<script\b.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def _rendered(facts: Facts, path: str, lang: str) -> str:
    return re.sub(r"\s+", " ", as_plain(str(render_marker(path, None, Context(facts, lang)))))


# --- 5. who reports an existing ASPIRE project ----------------------------------------------


def test_every_role_in_a_funded_aspire_project_is_routed_to_the_prior_report(facts):
    """Anyone taking part in a funded ASPIRE project, in any role, reports to JST: every 'yes' to
    question 7 (rule b's included) leads to the prior report, and a role other than PI / Co-PI is offered."""
    q = next(q for q in facts.call.selfcheck.eligibility.questions if q.id == "current_award")
    yes = [o for o in q.options if o.id != "none"]
    assert all("prior_report" in o.rules for o in yes), [o.id for o in yes]
    assert any(o.rules == ["prior_report"] for o in yes), "no option for a research participant or other role"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_reading_of_who_reports_is_labelled_and_shared(site, lang):
    """The checklist and the self-check state the same reading, labelled as the guide's own."""
    for name in ("checklist", "eligibility", "duplicates"):
        assert 'data-own="guide_notes.prior_report_scope"' in _page(site, lang, name), name


# --- 6 and Part 3. the traveller rule, said once, no stronger than the source -----------------


def test_a_missing_uk_traveller_is_not_a_bar(facts):
    prog = logic.program(facts)
    assert prog["rules"]["travellers"] != "not_eligible"
    q = next(q for q in facts.call.selfcheck.eligibility.questions if q.id == "travellers")
    for o in q.options:
        assert all(prog["rules"][r] != "not_eligible" for r in o.rules), o.id


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_traveller_rule_is_one_text_shown_on_every_page_that_mentions_it(site, facts, lang):
    rule = _rendered(facts, "joint_call.travellers", lang)
    for name in ("", "call", "eligibility", "checklist"):
        assert rule in _text(_page(site, lang, name)), name or "home"
    # The rule says plainly that no length of stay is given for the UK team's travellers.
    assert 'data-own="guide_notes.uk_traveller_stay"' in _page(site, lang, "call")


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_no_page_makes_a_missing_uk_traveller_ineligible(site, lang):
    html = _page(site, lang, "eligibility")
    row = re.search(r'id="dt-travellers".*?</tbody>', html, re.S).group(0)
    assert "cg-outcome--not_eligible" not in row


# --- 9. names and typography ----------------------------------------------------------------


@pytest.mark.build
def test_country_and_currency_names_follow_the_calls_documents(facts, site):
    names = facts.call.names
    assert names.territories["US"].ja == "米国" and names.territories["GB"].ja == "英国"
    assert names.currencies["GBP"].ja == "ポンド"
    aspire = _text(_page(site, "ja", "aspire"))
    for word in ("米国", "英国", "EU"):
        assert word in aspire
    for word in ("アメリカ合衆国", "イギリス", "欧州連合"):
        assert word not in aspire
    # English keeps CLDR's names where the data gives no override.
    assert "United States" in _text(_page(site, "en", "aspire"))


@pytest.mark.build
def test_japanese_typography(site):
    apply = _text(_page(site, "ja", "apply"))
    assert "（e-Rad）（e-Rad）" not in apply
    assert "）（" not in apply.split("2つの申請システム")[1].split("提出の手順")[0]
    assert ") (" not in _text(_page(site, "en", "apply")).split("Two submission systems")[1].split("The steps")[0]
    planner = _text(_page(site, "ja", "planner"))
    assert not re.search(r"\d月 の", planner)
    schedule = _page(site, "ja", "schedule")
    assert "。 <" not in schedule and "。 （" not in _text(schedule)
    assert ".ics ファイル" not in schedule


# --- 10. the interview dates the two sources give ---------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_interview_dates_are_shown_from_data(site, lang):
    for name in ("schedule", "checklist"):
        html = _page(site, lang, name)
        assert 'data-fact="schedule.interviews.side_when.uk"' in html, name
