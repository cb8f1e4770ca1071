"""A call with two partner funders, one of them with no cap and no cost basis (issue 17 part 1).

The 2025 fixture with a second partner, ``de`` (a DFG-like funder paying in euros, in Europe/Berlin,
no cap stated), added after ``uk``: it loads, call.json holds both partners and validates against the
schema, and every block that has a column, a team, a side or a planner per partner shows both, each
named from its own data (country by CLDR, currency by CLDR, funder's short name), in both languages.
"""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from conftest import FIXTURE_DATA

from callguide import call_json
from callguide import selfcheck as logic
from callguide.pipeline import load
from callguide.render import Context, render_marker

LANGS = ("ja", "en")
DE = """  de:
    territory: DE
    short: {ja: 独, en: Germany}
    adjective: {en: German}
    funder:
      name: {ja: ドイツ研究振興協会（DFG）, en: German Research Foundation (DFG)}
      short: {ja: DFG, en: DFG}
    zone: Europe/Berlin
    currency: EUR
    exchange_rate: 160
    portal:
      name: {ja: elan（DFGの電子申請システム）, en: elan}
      short: {ja: elan, en: elan}
      url: https://elan.dfg.de/
    contact:
      name: {ja: DFG（ドイツ側の問い合わせ先）, en: DFG (the German side's contact)}
    eligibility: {ja: ドイツの研究機関に所属していること, en: Researchers at a research institution in Germany}
    team:
      - role: {ja: 研究代表者, en: Principal investigator}
    period:
      duration: {value: 3, unit: year}
      start: 2026-04
"""


def _two_partners() -> str:
    text = FIXTURE_DATA.read_text(encoding="utf-8")
    anchor = "\n# ---------------------------------------------------------------------------------------\n# Money:"
    assert anchor in text
    text = text.replace(anchor, "\n" + DE.rstrip("\n") + anchor, 1)
    text = text.replace("    - who: japan\n", "    - who: de\n", 1)  # one step is the German side's
    text = text.replace("    where: uk\n", "    where: de\n", 1)  # one proposal part goes in the German form
    return text


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    path = tmp_path_factory.mktemp("two") / "call.yaml"
    path.write_text(_two_partners(), encoding="utf-8")
    return load(path, "call.yaml")


def test_both_partners_in_order_in_call_json_which_validates(facts):
    from test_call_json import validation_errors

    data = json.loads(call_json.text(facts))
    assert list(data["partners"]) == ["uk", "de"]
    de = data["partners"]["de"]
    assert de["exchange_rate"] == {"base": "EUR", "quote": "JPY", "value": 160.0}
    assert "cap" not in de["budget"] and "cap_jpy" not in de["budget"] and "max_basis" not in de["budget"]
    assert data["joint_call"]["consortium"]["min_institutions"]["value"] == 3  # one institution from each of three countries
    assert validation_errors(data, call_json.schema()) == []


@pytest.mark.parametrize("lang", LANGS)
def test_caps_have_a_column_per_partner(facts, lang):
    html = unescape(str(render_marker("budget", "caps", Context(facts, lang))))
    heads = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert heads[1:] == {"ja": ["日本側", "英国側", "ドイツ側"], "en": ["Japanese side", "UK side", "German side"]}[lang]
    assert {"ja": "ドイツ研究振興協会（DFG）", "en": "German Research Foundation (DFG)"}[lang] in html
    assert 'data-fact="partners.de.period.duration"' in html
    assert {"ja": "上限の記載なし", "en": "No cap stated"}[lang] in html
    assert 'colspan="3"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_teams_steps_and_parts_name_each_partner(facts, lang):
    ctx = Context(facts, lang)
    teams = unescape(str(render_marker("joint_call.teams", "team_roles", ctx)))
    assert {"ja": "ドイツ側研究チーム", "en": "German team"}[lang] in teams
    steps = unescape(str(render_marker("apply.steps", "steps", ctx)))
    assert 'data-side="de"' in steps and {"ja": "ドイツ側", "en": "German side"}[lang] in steps
    assert {"ja": "日英独すべて", "en": "All sides"}[lang] in steps  # "all" with two partners
    parts = unescape(str(render_marker("contents", "proposal_parts", ctx)))
    assert {"ja": "elan（ドイツ側の申請内容）", "en": "elan (the German application)"}[lang] in parts
    assert {"ja": "UKRI Funding ServiceとelanとJST申請様式の両方", "en": "Both the UKRI Funding Service and the elan and the JST form"}[lang] in parts


@pytest.mark.parametrize("lang", LANGS)
def test_a_planner_per_partner_in_its_currency(facts, lang):
    ctx = Context(facts, lang)
    html = unescape(str(render_marker("partners.de.budget", "planner", ctx)))
    assert 'data-planner="de"' in html and 'id="de-basis"' in html
    assert {"ja": ">DFGへの申請額（ユーロ）<", "en": ">Amount requested from DFG (EUR)<"}[lang] in html  # no cost basis to name
    assert {"ja": ">DFGの支援額<", "en": ">Paid by DFG<"}[lang] in html
    assert 'data-fact="partners.de.budget.cap"' not in html  # no cap stated: no cap line
    p = logic.planner_settings(facts)["partners"]["de"]
    assert (p["cap"], p["paid"], p["currency"]) == (None, (1, 1), "EUR")
    assert logic.plan_partner(p, 1000).basis_jpy == 160_000


def test_deadlines_convert_to_every_partners_zone(facts):
    ctx = Context(facts, "en")
    assert ctx.zones == ["Asia/Tokyo", "Europe/London", "Europe/Berlin"]
    html = str(render_marker("schedule.erad_deadline", None, ctx))
    assert html.count('class="fact-alt"') == 2  # London and Berlin time beside Japan time
