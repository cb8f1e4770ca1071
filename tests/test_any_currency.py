"""Any ISO 4217 currency, CLDR territory and IANA zone by code (issue 17, parts 1 and 6).

The euro/Berlin variant of the 2025 call (tests/variants.py) loads and its pages render amounts in
euros in both languages: CLDR's name in Japanese (ユーロ), the ISO code in English (the formatter's
convention: EUR 1.5 million), and the planner labels and names euros. Unknown codes are located,
bilingual errors.
"""
from __future__ import annotations

import pytest
from bilingual import headlines
from conftest import FIXTURE_2025
from variants import EUR_BERLIN_EDITS, edited, eur_berlin

from callguide import format as fmt
from callguide import selfcheck as logic
from callguide.errors import DataError
from callguide.pages import replace
from callguide.pipeline import load
from callguide.render import Context


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    return load(eur_berlin(tmp_path_factory.mktemp("eur")), "call.yaml")


def page(facts, lang: str, name: str) -> str:
    return replace((FIXTURE_2025 / "docs" / lang / name).read_text(encoding="utf-8"), Context(facts, lang))


def test_euro_names_come_from_cldr():
    assert fmt.money(1_500_000, "EUR", "ja") == "150万ユーロ"
    assert fmt.money(1_500_000, "EUR", "en") == "EUR 1.5 million"
    assert fmt.exchange("EUR", "JPY", 190, "ja", {"JPY": "円"}) == "1ユーロ＝190円"


@pytest.mark.parametrize("lang, expected", [("ja", "150万ユーロ"), ("en", "EUR 1.5 million")])
def test_the_budget_page_gives_the_partner_cap_in_euros(facts, lang, expected):
    text = page(facts, lang, "budget.md")
    assert f'data-currency="EUR">{expected}</data>' in text
    assert 'data-currency="GBP"' not in text
    assert "ポンド" not in text.split("data-fact=")[1] if lang == "ja" else True


def test_the_berlin_deadline_is_in_central_european_time(facts):
    text = page(facts, "en", "schedule.md")
    assert "CEST" in text and "BST" not in text


@pytest.mark.parametrize("lang, name", [("ja", "ユーロ"), ("en", "EUR")])
def test_the_planner_labels_and_names_euros(facts, lang, name):
    text = page(facts, lang, "planner.md")
    settings = logic.planner_settings(facts)
    assert settings["currency_names"][lang]["EUR"] == name
    assert "GBP" not in settings["currency_names"][lang]
    label = {"ja": "FEC（full economic cost、ユーロ）", "en": "Full economic cost (FEC, EUR)"}[lang]
    assert f'<label for="uk-basis">{label}</label>' in text


def problems(tmp_path, old: str, new: str) -> tuple[list[str], str]:
    text = edited(((old, new),))
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    return headlines(exc.value.problems), text  # headlines checks each has its Japanese line


def at(text: str, needle: str) -> str:
    pos = text.index(needle)
    return f"data/call.yaml:{text.count(chr(10), 0, pos) + 1}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


def test_unknown_currency_code(tmp_path):
    errs, text = problems(tmp_path, "    currency: GBP\n", "    currency: EUX\n")
    assert errs == [f"{at(text, 'EUX')}: partners.uk.currency: unknown currency code 'EUX' (an ISO 4217 code such as JPY, GBP or EUR); did you mean EUR?"]


def test_lower_case_currency_code_is_named(tmp_path):
    errs, text = problems(tmp_path, "    currency: GBP\n", "    currency: eur\n")
    assert errs == [f"{at(text, 'eur')}: partners.uk.currency: unknown currency code 'eur' (an ISO 4217 code such as JPY, GBP or EUR); did you mean EUR?"]


def test_unknown_currency_in_the_names_block(tmp_path):
    errs, text = problems(tmp_path, "    GBP: {ja: ポンド}\n", "    GPB: {ja: ポンド}\n")
    assert errs == [f"{at(text, 'GPB')}: names.currencies.GPB: unknown currency code 'GPB' (an ISO 4217 code such as JPY, GBP or EUR); did you mean GBP?"]


def test_unknown_territory_in_the_names_block(tmp_path):
    errs, text = problems(tmp_path, "    GB: {ja: 英国}\n", "    UK: {ja: 英国}\n")
    assert errs == [f"{at(text, 'UK: {ja')}: names.territories.UK: 'UK' is not a two-letter country or region code (ISO 3166, such as GB or NO)"]


def test_unknown_zone(tmp_path):
    errs, text = problems(tmp_path, "    zone: Europe/London\n", "    zone: Europe/Berlinn\n")
    assert errs == [f"{at(text, 'Europe/Berlinn')}: partners.uk.zone: unknown time zone 'Europe/Berlinn' (use an IANA name such as Asia/Tokyo); did you mean Europe/Berlin?"]


def test_the_variant_edits_still_apply():
    assert all(old for old, _ in EUR_BERLIN_EDITS) and edited(EUR_BERLIN_EDITS)


@pytest.mark.parametrize("code, ja, en", [("DE", "ドイツ", "Germany"), ("NO", "ノルウェー", "Norway"), ("US", "米国", "United States")])
def test_any_territory_is_named_by_cldr_unless_the_call_names_it(facts, code, ja, en):
    assert (facts.call.names.territory(code, "ja"), facts.call.names.territory(code, "en")) == (ja, en)


def test_the_eu_is_a_territory_with_the_calls_own_japanese_name(facts):
    assert (facts.call.names.territory("EU", "ja"), facts.call.names.territory("EU", "en")) == ("EU", "European Union")
