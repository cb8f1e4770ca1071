"""The budget planner in Chromium: each warning in both languages, amounts as format.py writes them."""
from __future__ import annotations

import html
import json
import re
from math import ceil

import pytest
from conftest import DATA, DATA_SHOWN  # the live call, or the file CALL_FILE names, as the shared site is built from

from callguide import format as fmt
from callguide import selfcheck as logic
from callguide.blocks.selfcheck import UI
from callguide.pipeline import load

LANGS = {"ja": "planner/", "en": "en/planner/"}
MATERIAL: tuple[str, ...] = ()  # Material's own findings are fixed site-wide and checked here too


@pytest.fixture(scope="module")
def facts():
    return load(DATA, DATA_SHOWN)


@pytest.fixture(scope="module")
def settings(facts):
    return logic.planner_settings(facts)


def console_errors(page) -> list[str]:
    """Console errors and failed requests of the page, after it settled."""
    page.settle()
    return list(page.console_errors)


def japan_cases(facts, settings) -> dict[str, tuple[int, int]]:
    """(network, other) direct costs that hit each Japanese-side outcome, computed from the data."""
    cap = settings["direct_cap"]
    share = facts.call.budget.network_share.share.value
    band = facts.call.selfcheck.planner.band
    # The largest direct costs whose total stays within JST's published cap with indirect costs.
    within = int(settings["stated_total_cap"] / (1 + facts.call.budget.indirect_rate.value))
    at_share = ceil(within * share)
    over = cap + 10_000_000
    direct = 100_000_000
    below = ceil(direct * band.low.value) - 1
    above = int(direct * band.high.value) + 1
    return {
        "within": (at_share, within - at_share),
        "over_caps": (ceil(over * share), over - ceil(over * share)),
        "below_band": (below, direct - below),
        "above_band": (above, direct - above),
    }


def fill_japan(page, settings, network: int, other: int) -> None:
    cats = settings["categories"]
    page.fill(f"#jp-{cats[1]}-network", str(network))
    page.fill(f"#jp-{cats[0]}-other", str(other))


def shown_warnings(form) -> list[tuple[str, int | None]]:
    items = form.locator(".cg-warning")
    return [(items.nth(i).get_attribute("data-warning"), items.nth(i).get_attribute("data-amount")) for i in range(items.count())]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", ["within", "over_caps", "below_band", "above_band"])
def test_japanese_side_sums_and_warnings(page_factory, facts, settings, lang, case):
    network, other = japan_cases(facts, settings)[case]
    page = page_factory(LANGS[lang])
    form = page.locator('form[data-planner="japan"]')
    assert not form.locator(".cg-sums").is_visible()
    fill_japan(page, settings, network, other)
    cats = settings["categories"]
    plan = logic.plan_japan(settings, {cats[1]: network}, {cats[0]: other})
    for name in ("direct", "network", "indirect", "total"):
        assert form.locator(f'[data-out="{name}"]').inner_text() == fmt.money(getattr(plan, name), "JPY", lang, settings["currency_names"][lang])
    expected = [(w.code, str(w.amount)) for w in plan.warnings] or [("none", None)]
    assert shown_warnings(form) == expected
    assert {"within": set(), "over_caps": {"over_direct_cap", "over_total_cap"}, "below_band": {"network_below_band"}, "above_band": {"network_above_band"}}[case] == {
        w.code for w in plan.warnings
    }
    text = form.locator(".cg-warnings").inner_text()
    for w in plan.warnings:
        assert fmt.money(w.amount, "JPY", lang, settings["currency_names"][lang]) in text
        assert UI[lang][f"rule_{w.code}"] in text
    if case == "over_caps":
        assert fmt.money(settings["direct_cap"], "JPY", lang, settings["currency_names"][lang]) in text
        assert fmt.money(settings["total_cap"], "JPY", lang, settings["currency_names"][lang]) in text
    if case == "below_band":
        assert fmt.percent(facts.call.selfcheck.planner.band.low.value, lang) in text
    if case == "within":
        assert UI[lang]["within"] in text
    assert console_errors(page) == []
    assert page.foreign_requests == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("over", [False, True])
def test_each_partner_side_share_against_the_cap(page_factory, facts, settings, lang, over):
    names, home = settings["currency_names"][lang], settings["home_currency"]
    page = page_factory(LANGS[lang])
    for pid, p in settings["partners"].items():
        if p["cap"] is None:
            continue
        basis = p["max_basis"] + (100_000 if over else 0)
        form = page.locator(f'form[data-planner="{pid}"]')
        page.fill(f"#{pid}-basis", str(basis))
        plan = logic.plan_partner(p, basis)
        assert form.locator('[data-out="paid"]').inner_text() == fmt.money(plan.paid, p["currency"], lang, names)
        assert form.locator('[data-out="paid_jpy"]').inner_text() == fmt.money(plan.paid_jpy, home, lang, names)
        assert form.locator('[data-out="basis_jpy"]').inner_text() == fmt.money(plan.basis_jpy, home, lang, names)
        assert shown_warnings(form) == ([(w.code, str(w.amount)) for w in plan.warnings] or [("none", None)])
        if over:
            text = form.locator(".cg-warnings").inner_text()
            assert fmt.money(plan.paid - p["cap"], p["currency"], lang, names) in text
            assert fmt.money(p["cap"], p["currency"], lang, names) in text
            assert fmt.money(p["max_basis"], p["currency"], lang, names) in text
    assert console_errors(page) == []


SAMPLES = [0, 1, 999, 10_000, 12_345, 100_000_000, 285_000_000, 370_500_000, 123_456_789, 1_500_000, 1_875_000, 1_234_567,
           2_000_000_000, 999_999_999, 999_500_000, 10**12, 12_345_678_901_234]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_javascript_writes_amounts_as_format_py_does(page_factory, lang):
    page = page_factory(LANGS[lang])
    for currency in ("JPY", "GBP"):
        from_js = page.evaluate("([xs, c]) => { const s = JSON.parse(document.querySelector('form[data-planner] .cg-settings').textContent);"
                                " return xs.map(x => window.callguideSelfcheck.money(x, c, s.format)); }", [SAMPLES, currency])
        names = logic.planner_settings(load(DATA, DATA_SHOWN))["currency_names"][lang]
        assert from_js == [fmt.money(x, currency, lang, names) for x in SAMPLES]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_javascript_plans_agree_with_python(page_factory, settings, lang):
    page = page_factory(LANGS[lang])
    s = json.loads(page.locator('form[data-planner="japan"] .cg-settings').text_content())
    cats = settings["categories"]
    inputs = [({c: n * 7_919_113 % 97_000_000 for c in cats}, {c: n * 3_331_333 % 61_000_000 for c in cats}) for n in range(1, 40)]
    from_js = page.evaluate("([s, xs]) => xs.map(([n, o]) => window.callguideSelfcheck.planJapan(s, n, o))", [s, inputs])
    for (network, other), js in zip(inputs, from_js):
        plan = logic.plan_japan(settings, network, other)
        assert (js["direct"], js["indirect"], js["total"]) == (plan.direct, plan.indirect, plan.total)
        assert [(w["code"], w["rule"], w["amount"]) for w in js["warnings"]] == [(w.code, w.rule, w.amount) for w in plan.warnings]
    for p in s["partners"].values():
        top = p["max_basis"] or 1_000_000
        bases = [0, 1, top - 1, top, top + 1, top + 2, 9_999_999]
        from_js = page.evaluate("([p, xs]) => xs.map(x => window.callguideSelfcheck.planPartner(p, x))", [p, bases])
        for basis, js in zip(bases, from_js):
            plan = logic.plan_partner(p, basis)
            assert (js["paid"], js["basis_jpy"], js["paid_jpy"]) == (plan.paid, plan.basis_jpy, plan.paid_jpy)
            assert [(w["code"], w["rule"], w["amount"]) for w in js["warnings"]] == [(w.code, w.rule, w.amount) for w in plan.warnings]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_entry_updates_the_sums(page_factory, settings, lang):
    page = page_factory(LANGS[lang])
    first = f"jp-{settings['categories'][0]}-network"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first:
            break
    else:
        pytest.fail(f"Tab never reached #{first}")
    page.keyboard.type("5000000")
    page.keyboard.press("Tab")
    page.keyboard.type("5000000")
    direct = page.locator('form[data-planner="japan"] [data-out="direct"]')
    assert direct.inner_text() == fmt.money(10_000_000, "JPY", lang, settings["currency_names"][lang])
    assert console_errors(page) == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_rules_show_and_the_sums_stay_hidden(page_factory, facts, lang):
    page = page_factory(LANGS[lang], javascript=False)
    assert page.locator(".cg-noscript").first.is_visible()
    assert not page.locator(".cg-sums").first.is_visible()
    for path in ("budget.japan.direct_cap", "budget.japan.total_cap", "budget.indirect_rate", "partners.uk.budget.cap", "partners.uk.budget.max_basis"):
        assert page.locator(f'.cg-planner-rules [data-fact="{path}"]').is_visible(), path


def _facts_in(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for attrs in re.findall(r"<[a-z]+ ([^>]*data-fact=[^>]*)>", text):
        a = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        out.setdefault(a["data-fact"], set()).add(a.get("value") or a.get("datetime") or "")
    return out


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_every_rate_cap_and_threshold_is_a_fact_in_the_html_and_in_the_embedded_json(site, facts, settings, lang):
    text = (site / LANGS[lang] / "index.html").read_text(encoding="utf-8")
    found = _facts_in(text)
    b = facts.call.budget
    expected = {
        "budget.indirect_rate": str(b.indirect_rate.value),
        "budget.japan.direct_cap": str(b.japan.direct_cap.amount),
        "budget.japan.total_cap": str(settings["total_cap"]),
        "budget.network_share.share": str(b.network_share.share.value),
        "selfcheck.planner.band.low": str(facts.call.selfcheck.planner.band.low.value),
        "selfcheck.planner.band.high": str(facts.call.selfcheck.planner.band.high.value),
    }
    for pid, partner in facts.call.partners.items():  # each partner's cap rule, where it states one
        expected[f"partners.{pid}.exchange_rate"] = str(partner.exchange_rate.value)
        if partner.budget.cap is not None:
            expected[f"partners.{pid}.budget.cap"] = str(partner.budget.cap.amount)
        if partner.budget.basis is not None:
            expected[f"partners.{pid}.budget.basis.share"] = str(partner.budget.basis.share.value)
        if settings["partners"][pid]["max_basis"] is not None:
            expected[f"partners.{pid}.budget.max_basis"] = str(settings["partners"][pid]["max_basis"])
    for path, value in expected.items():
        assert value in found.get(path, set()), path
    blobs = re.findall(r'<script type="application/json" class="cg-settings">(.*?)</script>', text, re.DOTALL)
    assert len(blobs) == 1 + len(facts.call.partners)
    for blob in blobs:
        embedded = json.loads(html.unescape(blob))
        assert embedded["lang"] == lang and embedded["format"] == fmt.script_format(lang)
        assert {k: v for k, v in embedded.items() if k not in ("lang", "ui", "format")} == json.loads(json.dumps(settings))
    assert "fetch(" not in (site / "assets" / "callguide" / "selfcheck.js").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_changed_share_and_band_reach_the_built_page(tmp_path, tmp_path_factory):
    from conftest import FIXTURE_DATA, build_site, fixture_project, warm_cache

    text = FIXTURE_DATA.read_text(encoding="utf-8")
    changed = tmp_path / "call.yaml"
    changed.write_text(text.replace("        share: 0.8\n", "        share: 0.75\n").replace("      low: 0.6\n", "      low: 0.5\n"), encoding="utf-8")
    build = build_site(tmp_path / "site", changed, strict=False, project=fixture_project(tmp_path), cache=warm_cache(tmp_path_factory))
    assert build.result.returncode == 0, build.output
    page = (build.site / "planner" / "index.html").read_text(encoding="utf-8")
    blob = re.search(r'<script type="application/json" class="cg-settings">(.*?)</script>', page, re.DOTALL).group(1)
    embedded = json.loads(html.unescape(blob))
    assert embedded["partners"]["uk"]["paid"] == [3, 4]
    assert embedded["partners"]["uk"]["max_basis"] == 2_000_000
    assert embedded["low"] == [1, 2]
    assert 'data-fact="partners.uk.budget.basis.share" value="0.75"' in page
    assert 'data-fact="selfcheck.planner.band.low" value="0.5"' in page


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_of_ours(page_factory, settings, lang):
    from axe_playwright_python.sync_playwright import Axe

    page = page_factory(LANGS[lang])
    fill_japan(page, settings, 1_000_000, 9_000_000)
    for pid in settings["partners"]:
        page.fill(f"#{pid}-basis", "3000000")
    violations = Axe().run(page).response["violations"]
    ours = [(v["id"], [n["target"] for n in v["nodes"] if not str(n["target"][0]).startswith(MATERIAL)]) for v in violations]
    assert [v for v in ours if v[1]] == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_a_total_between_the_published_and_the_computed_cap_shows_a_labelled_note(page_factory, facts, settings, lang):
    cap = settings["direct_cap"]
    network = ceil(cap * facts.call.budget.network_share.share.value)
    stated = facts.get("budget.japan.total_cap").stated
    if stated >= settings["total_cap"]:
        pytest.skip("this call publishes the computed cap itself: no total lies between the two")
    page = page_factory(LANGS[lang])
    form = page.locator('form[data-planner="japan"]')
    fill_japan(page, settings, network, cap - network)
    assert shown_warnings(form) == [("total_above_published", str(settings["total_cap"] - stated))]
    item = form.locator('.cg-warning[data-warning="total_above_published"]')
    assert "cg-warning--note" in item.get_attribute("class")
    assert item.locator(".guide-own__label").count() == 1
    text = item.inner_text()
    names = settings["currency_names"][lang]
    assert fmt.money(stated, "JPY", lang, names) in text and fmt.money(settings["total_cap"] - stated, "JPY", lang, names) in text
    assert "{" not in text
    assert console_errors(page) == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_below_band_advice_moves_money_and_is_labelled(page_factory, facts, settings, lang):
    cap = settings["direct_cap"]
    page = page_factory(LANGS[lang])
    form = page.locator('form[data-planner="japan"]')
    network = int(cap * facts.call.selfcheck.planner.band.low.value) - 1_000_000  # below the warning band
    fill_japan(page, settings, network, cap - network)
    move = ceil(cap * facts.call.budget.network_share.share.value) - network  # what reaches the requirement, within the total
    item = form.locator('.cg-warning[data-warning="network_below_band"]')
    assert item.get_attribute("data-amount") == str(move)
    assert item.locator(".guide-own__label").count() == 1
    text = item.inner_text()
    assert fmt.money(move, "JPY", lang, settings["currency_names"][lang]) in text and "{" not in text
    assert console_errors(page) == []
