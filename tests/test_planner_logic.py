"""The budget planner's sums and warnings, with every rate and cap taken from call.yaml."""
from __future__ import annotations

from decimal import Decimal
from math import ceil, floor

import pytest
from conftest import FIXTURE_DATA

from callguide import selfcheck as logic
from callguide.facts import Facts
from callguide.pipeline import load


@pytest.fixture(scope="module")
def facts() -> Facts:
    return load(FIXTURE_DATA, "call.yaml")  # the frozen 2025 call: these tests name its caps and its gap between them


@pytest.fixture(scope="module")
def settings(facts):
    return logic.planner_settings(facts)


def split(settings, network: int, other: int) -> tuple[dict, dict]:
    """Put the whole network part on the first category and the rest on the last."""
    cats = settings["categories"]
    return {cats[0]: network}, {cats[-1]: other}


def test_settings_are_the_call_data(facts, settings):
    b = facts.call.budget
    assert Decimal(settings["indirect_rate"][0]) / settings["indirect_rate"][1] == b.indirect_rate.value
    assert settings["direct_cap"] == b.japan.direct_cap.amount
    assert settings["total_cap"] == int(b.japan.direct_cap.amount * (1 + b.indirect_rate.value))
    assert Decimal(settings["share"][0]) / settings["share"][1] == b.network_share.share.value
    uk, p = facts.call.partners["uk"], settings["partners"]["uk"]
    assert p["cap"] == uk.budget.cap.amount and p["currency"] == uk.currency == "GBP"
    assert p["max_basis"] == int(uk.budget.cap.amount / uk.budget.basis.share.value)
    assert settings["home_currency"] == b.japan.direct_cap.currency
    assert settings["categories"] == [c.id for c in facts.call.selfcheck.planner.categories]


def test_exactly_at_the_caps_and_the_requirement_gives_no_warning_only_the_published_cap_note(facts, settings):
    cap = settings["direct_cap"]
    network = ceil(cap * facts.call.budget.network_share.share.value)
    plan = logic.plan_japan(settings, *split(settings, network, cap - network))
    assert plan.direct == cap
    assert plan.indirect == floor(cap * facts.call.budget.indirect_rate.value)
    assert plan.total == settings["total_cap"]
    # JST publishes 3.7億円, below the computed 3億7,050万円: a note to ask JST, not a warning.
    assert [w.code for w in plan.warnings] == ["total_above_published"]
    assert all(w.code in logic.NOTES for w in plan.warnings)


def test_one_yen_over_the_direct_cap(facts, settings):
    cap = settings["direct_cap"]
    network = ceil((cap + 1) * facts.call.budget.network_share.share.value)
    plan = logic.plan_japan(settings, *split(settings, network, cap + 1 - network))
    codes = {w.code: w for w in plan.warnings}
    assert codes["over_direct_cap"] == logic.Warning("over_direct_cap", "budget.japan.direct_cap", 1)
    assert "network_below_band" not in codes


def test_over_the_total_cap_by_the_indirect_share_of_the_excess(facts, settings):
    excess = 10_000_000
    direct = settings["direct_cap"] + excess
    network = ceil(direct * facts.call.budget.network_share.share.value)
    plan = logic.plan_japan(settings, *split(settings, network, direct - network))
    over = {w.code: w.amount for w in plan.warnings}["over_total_cap"]
    assert over == plan.total - settings["total_cap"]
    assert over == excess + floor(direct * facts.call.budget.indirect_rate.value) - (settings["total_cap"] - settings["direct_cap"])


def test_the_network_share_warns_below_the_band_and_says_how_much_reaches_the_guideline(facts, settings):
    direct = 100_000_000
    low = facts.call.selfcheck.planner.band.low.value
    at_low = ceil(direct * low)
    assert logic.plan_japan(settings, *split(settings, at_low, direct - at_low)).warnings == []
    plan = logic.plan_japan(settings, *split(settings, at_low - 1, direct - at_low + 1))
    [w] = plan.warnings
    assert (w.code, w.rule) == ("network_below_band", "budget.network_share")
    assert w.amount == ceil(direct * facts.call.budget.network_share.share.value) - (at_low - 1)


def test_above_the_band_is_a_note_with_the_amount_above_the_guideline(facts, settings):
    direct = 100_000_000
    high = facts.call.selfcheck.planner.band.high.value
    at_high = floor(direct * high)
    assert logic.plan_japan(settings, *split(settings, at_high, direct - at_high)).warnings == []
    [w] = logic.plan_japan(settings, *split(settings, at_high + 1, direct - at_high - 1)).warnings
    assert w.code == "network_above_band"
    assert w.amount == at_high + 1 - floor(direct * facts.call.budget.network_share.share.value)


def test_nothing_entered_or_negative_amounts_give_no_warnings(settings):
    assert logic.plan_japan(settings, {}, {}).warnings == []
    assert logic.plan_japan(settings, {settings["categories"][0]: -5}, {}).direct == 0


def test_uk_side_epsrc_pays_its_share_of_fec_against_the_cap(facts, settings):
    uk, p = facts.call.partners["uk"], settings["partners"]["uk"]
    plan = logic.plan_partner(p, p["max_basis"])
    assert plan.paid == uk.budget.cap.amount and plan.warnings == []
    assert plan.basis_jpy == p["max_basis"] * int(uk.exchange_rate.value)
    fec = ceil((uk.budget.cap.amount + 1) / uk.budget.basis.share.value)
    [w] = logic.plan_partner(p, fec).warnings
    assert (w.code, w.rule) == ("over_partner_cap", "partners.uk.budget.cap")
    assert w.amount == floor(fec * uk.budget.basis.share.value) - uk.budget.cap.amount


def test_a_partner_without_a_cap_gets_no_warning_and_one_without_a_basis_pays_it_all(facts):
    uk = facts.call.partners["uk"]
    no_cap = uk.model_copy(update={"budget": uk.budget.model_copy(update={"cap": None, "stated_cap_jpy": None})})
    settings = logic.planner_settings(Facts(facts.call.model_copy(update={"partners": {"uk": no_cap}})))
    assert settings["partners"]["uk"]["cap"] is None and settings["partners"]["uk"]["max_basis"] is None
    assert logic.plan_partner(settings["partners"]["uk"], 10**9).warnings == []
    no_basis = uk.model_copy(update={"budget": uk.budget.model_copy(update={"basis": None})})
    settings = logic.planner_settings(Facts(facts.call.model_copy(update={"partners": {"uk": no_basis}})))
    plan = logic.plan_partner(settings["partners"]["uk"], uk.budget.cap.amount + 1)
    assert plan.paid == uk.budget.cap.amount + 1 and plan.warnings[0].amount == 1


def _varied(facts: Facts, **budget) -> dict:
    b = facts.call.budget
    return logic.planner_settings(Facts(facts.call.model_copy(update={"budget": b.model_copy(update=budget)})))


def test_a_changed_rate_or_cap_changes_the_results(facts, settings):
    b = facts.call.budget
    rate = b.indirect_rate.model_copy(update={"value": Decimal("0.4")})
    varied = _varied(facts, indirect_rate=rate)
    assert logic.plan_japan(varied, {}, {varied["categories"][0]: 1000}).indirect == 400
    assert logic.plan_japan(settings, {}, {settings["categories"][0]: 1000}).indirect == floor(1000 * b.indirect_rate.value)

    lower_cap = b.japan.model_copy(update={"direct_cap": b.japan.direct_cap.model_copy(update={"amount": 100_000_000})})
    varied = _varied(facts, japan=lower_cap)
    plan = logic.plan_japan(varied, {varied["categories"][0]: 70_000_000}, {varied["categories"][1]: 40_000_000})
    assert {w.code: w.amount for w in plan.warnings}["over_direct_cap"] == 10_000_000

    uk = facts.call.partners["uk"]
    basis = uk.budget.basis.model_copy(update={"share": uk.budget.basis.share.model_copy(update={"value": Decimal("0.5")})})
    half = uk.model_copy(update={"budget": uk.budget.model_copy(update={"basis": basis})})
    varied = logic.planner_settings(Facts(facts.call.model_copy(update={"partners": {"uk": half}})))
    assert logic.plan_partner(varied["partners"]["uk"], 3_000_000).warnings == []
    p = settings["partners"]["uk"]
    assert logic.plan_partner(p, 3_000_000).warnings[0].amount == floor(3_000_000 * uk.budget.basis.share.value) - uk.budget.cap.amount


def test_a_changed_band_changes_the_warning(facts, settings):
    planner = facts.call.selfcheck.planner
    low = planner.band.low.model_copy(update={"value": Decimal("0.4")})
    sc = facts.call.selfcheck.model_copy(update={"planner": planner.model_copy(update={"band": planner.band.model_copy(update={"low": low})})})
    varied = logic.planner_settings(Facts(facts.call.model_copy(update={"selfcheck": sc})))
    args = split(settings, 50_000_000, 50_000_000)
    assert [w.code for w in logic.plan_japan(settings, *args).warnings] == ["network_below_band"]
    assert logic.plan_japan(varied, *args).warnings == []


# The planner's informational notes (not warnings): above the guide's band, and a total between JST's
# published cap with indirect costs and the computed one.
NOTE_CODES = {"network_above_band", "total_above_published"}


def test_following_the_below_band_advice_meets_the_requirement_within_the_cap(facts, settings):
    """The example of the issue (2億8,500万円 of direct costs, 1億5,000万円 on networks) and a sweep:
    moving the amount advised from research-only costs leaves no warning and no cap overrun."""
    cap = settings["direct_cap"]
    cases = [(150_000_000, cap - 150_000_000)] + [(n, d - n) for d in range(10_000_000, cap + 1, 13_700_001) for n in range(0, d, 9_100_003)]
    checked = 0
    for network, other in cases:
        plan = logic.plan_japan(settings, *split(settings, network, other))
        below = [w for w in plan.warnings if w.code == "network_below_band"]
        if not below:
            continue
        move = below[0].amount
        assert 0 < move <= other
        after = logic.plan_japan(settings, *split(settings, network + move, other - move))
        assert after.direct == plan.direct <= cap
        assert after.total <= settings["total_cap"]
        assert [w for w in after.warnings if w.code not in NOTE_CODES] == [], (network, other, after.warnings)
        checked += 1
    assert checked > 10
    [w] = [w for w in logic.plan_japan(settings, *split(settings, 150_000_000, cap - 150_000_000)).warnings if w.code == "network_below_band"]
    assert w.amount == 49_500_000


def test_a_total_between_the_published_and_the_computed_cap_is_a_note(facts, settings):
    stated = facts.get("budget.japan.total_cap").stated
    assert settings["stated_total_cap"] == stated < settings["total_cap"]
    cap = settings["direct_cap"]
    network = ceil(cap * facts.call.budget.network_share.share.value)
    plan = logic.plan_japan(settings, *split(settings, network, cap - network))
    assert plan.total == settings["total_cap"]
    assert plan.warnings == [logic.Warning("total_above_published", "budget.japan.total_cap", plan.total - stated)]
    assert "total_above_published" in logic.NOTES and "over_total_cap" not in logic.NOTES
    # Up to the published figure: nothing; above the computed one: the over-cap warning, not the note.
    direct = int(stated / (1 + facts.call.budget.indirect_rate.value))
    network = ceil(direct * facts.call.budget.network_share.share.value)
    assert logic.plan_japan(settings, *split(settings, network, direct - network)).warnings == []
    over = logic.plan_japan(settings, *split(settings, network, cap + 1 - network))
    assert "over_total_cap" in {w.code for w in over.warnings} and "total_above_published" not in {w.code for w in over.warnings}
