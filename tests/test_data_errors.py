"""Each kind of mistake staff can make in call.yaml gets one located, plain-words message.

The data file is the real one with one edit; the expected line is found in the edited text,
so these tests keep working as the data changes.
"""
from pathlib import Path

import pytest
from bilingual import headlines
from conftest import DATA, DATA_SHOWN, FIXTURE_DATA

from callguide.errors import DataError
from callguide.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
BASE = FIXTURE_DATA.read_text(encoding="utf-8")  # the frozen 2025 call: the edits below name its values


def problems_after(tmp_path, old: str, new: str) -> tuple[list[str], str]:
    return problems_after_edits(tmp_path, (old, new))


def problems_after_edits(tmp_path, *edits: tuple[str, str]) -> tuple[list[str], str]:
    """The problems of the fixture with each (old, new) edit made in turn, and the edited text."""
    text = BASE
    for old, new in edits:
        assert old in text, f"the test's anchor text is no longer in call.yaml: {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    return headlines(exc.value.problems), text


def at(text: str, needle: str, offset: int = 0) -> str:
    """data/call.yaml:LINE:COL of the first occurrence of needle (plus offset columns)."""
    pos = text.index(needle)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1 + offset
    return f"data/call.yaml:{line}:{col}"


def test_the_real_file_loads():
    facts = load(DATA, DATA_SHOWN)
    assert facts.call.call.id


def test_unknown_key_names_the_keys_expected(tmp_path):
    errs, text = problems_after(tmp_path, "  indirect_rate: 0.3\n", "  indirect_rate: 0.3\n  indirect_rat: 0.3\n")
    assert errs == [
        f"{at(text, 'indirect_rat:')}: budget.indirect_rat: unknown key 'indirect_rat'; expected one of: "
        "indirect_rate, japan, period, awards, network_share, other_funding"
    ]


def test_missing_english_text(tmp_path):
    errs, text = problems_after(tmp_path, "    en: ASPIRE {{ call.fiscal_year }} Japan–UK Joint Call for Quantum Technologies\n", "")
    assert errs == [f"{at(text, 'ja: ASPIRE {{ call.fiscal_year }}')}: call.name.en: the English text (en) is missing"]


def test_empty_japanese_text(tmp_path):
    errs, text = problems_after(tmp_path, "    ja: ASPIRE {{ call.fiscal_year }} 日英量子共同公募", "    ja: ''")
    assert errs == [f"{at(text, chr(39) * 2)}: call.name.ja: the Japanese text (ja) is empty"]


def test_amount_with_separators(tmp_path):
    errs, text = problems_after(tmp_path, "{amount: 285000000, currency: JPY}", "{amount: '285,000,000', currency: JPY}")
    assert errs == [f"{at(text, chr(39) + '285,000,000')}: budget.japan.direct_cap.amount: write the number as digits only, without separators: 285000000"]


def test_rate_as_percentage(tmp_path):
    errs, text = problems_after(tmp_path, "indirect_rate: 0.3", "indirect_rate: 30%")
    assert errs == [f"{at(text, '30%')}: budget.indirect_rate.value: write a rate as a decimal, not a percentage: 30% is 0.3"]


def test_unknown_currency(tmp_path):
    errs, text = problems_after(tmp_path, "{amount: 285000000, currency: JPY}", "{amount: 285000000, currency: YEN}")
    assert errs == [f"{at(text, 'YEN')}: budget.japan.direct_cap.currency: unknown currency code 'YEN' (an ISO 4217 code such as JPY, GBP or EUR); did you mean JPY?"]


def test_misspelt_time_zone_gets_a_suggestion(tmp_path):
    errs, text = problems_after(tmp_path, "zone: Asia/Tokyo}", "zone: Asia/Tokio}")
    assert errs == [
        f"{at(text, 'Asia/Tokio')}: schedule.erad_deadline.when.zone: unknown time zone 'Asia/Tokio' "
        "(use an IANA name such as Asia/Tokyo); did you mean Asia/Tokyo?"
    ]


def test_deadline_in_a_daylight_saving_gap(tmp_path):
    errs, text = problems_after(tmp_path, '"2025-05-08 16:00"', '"2025-03-30 01:30"')
    assert errs == [f"{at(text, chr(34) + '2025-03-30')}: schedule.uk_deadline.when.at: 2025-03-30 01:30 does not exist in Europe/London (clocks go forward); choose another time"]


def test_deadline_in_a_repeated_hour(tmp_path):
    errs, text = problems_after(tmp_path, '"2025-05-08 16:00"', '"2025-10-26 01:30"')
    assert errs == [f"{at(text, chr(34) + '2025-10-26')}: schedule.uk_deadline.when.at: 2025-10-26 01:30 happens twice in Europe/London (clocks go back); choose another time"]


def test_deadline_without_quotes_or_with_seconds(tmp_path):
    errs, text = problems_after(tmp_path, '"2025-05-08 16:00"', '"8 May 2025 4pm"')
    assert errs == [
        f"{at(text, chr(34) + '8 May')}: schedule.uk_deadline.when.at: write a local date and time as 'YYYY-MM-DD HH:MM' in quotes, "
        "such as \"2030-10-31 17:00\" (got '8 May 2025 4pm'); the zone goes in 'zone'"
    ]


def test_impossible_date(tmp_path):
    errs, text = problems_after(tmp_path, "when: 2025-02-13", "when: 2025-02-30")
    assert errs == [f"{at(text, '2025-02-30')}: schedule.joint_call_opens.when: 2025-02-30 is not a day of the calendar"]


def test_yes_is_not_a_boolean(tmp_path):
    errs, text = problems_after(tmp_path, "    tentative: true\n", "    tentative: yes\n")
    assert errs == [f"{at(text, 'tentative: yes', 11)}: schedule.results.tentative: write true or false (got 'yes')"]


def test_milestones_out_of_order(tmp_path):
    errs, text = problems_after(tmp_path, "    when: 2025-04-24", "    when: 2025-06-24")
    where = at(text, 'when: {at: "2025-05-08', 6)
    assert errs == [f"{where}: schedule.uk_deadline.when: this milestone starts before the one above it (prior_notice); keep milestones in time order"]


def test_stated_figure_far_from_the_computed_one(tmp_path):
    errs, text = problems_after(tmp_path, "stated_total_cap: 370000000", "stated_total_cap: 400000000")
    assert errs == [
        f"{at(text, '400000000')}: budget.japan.stated_total_cap: the published figure 400000000 differs from the computed "
        "370500000 by more than 2%; check the figure or the values it is computed from"
    ]


def test_a_changed_rate_moves_the_derived_cap(tmp_path):
    # 0.35 makes the computed cap 384,750,000, more than 2 % from JST's 370,000,000.
    errs, _ = problems_after(tmp_path, "indirect_rate: 0.3", "indirect_rate: 0.35")
    assert any("budget.japan.stated_total_cap" in e and "384750000" in e for e in errs)


def test_unknown_marker_in_a_data_text(tmp_path):
    errs, text = problems_after(tmp_path, "{{ apply.upload_size }}を目途", "{{ apply.upload_sise }}を目途")
    line = at(text, "{{ apply.upload_sise }}").split(":")[1]
    assert len(errs) == 1
    assert errs[0].startswith(f"data/call.yaml:{line}:")
    assert errs[0].endswith(": apply.steps.3.text.ja: unknown fact 'apply.upload_sise'; did you mean 'apply.upload_size'?")


def test_mailto_in_an_address(tmp_path):
    errs, text = problems_after(tmp_path, "email: aspire-uk@jst.go.jp", "email: mailto::aspire-uk@jst.go.jp")
    assert errs == [f"{at(text, 'email: mailto::', 7)}: contacts.jst.email: write the address alone, without 'mailto:' (got 'mailto::aspire-uk@jst.go.jp')"]


def test_insecure_link(tmp_path):
    errs, text = problems_after(tmp_path, "url: https://www.e-rad.go.jp/", "url: http://www.e-rad.go.jp/")
    assert errs == [f"{at(text, 'http://www.e-rad')}: apply.portals.japan.url: a link must start with https:// (got 'http://www.e-rad.go.jp/')"]


PORTAL = "url: https://www.ukri.org/opportunity/japan-uk-joint-call-for-quantum-technologies-for-innovation/"


@pytest.mark.parametrize(("written", "typed", "message"), [
    ('"https://www.ukri.org/\\"><script>alert(1)</script>"', 'https://www.ukri.org/"><script>alert(1)</script>',
     "the character '\"' (U+0022) cannot be part of a web address; copy the address from the browser's address bar"),
    ('"https://www.ukri.org/opportunity/?a=1&b=2<x>"', "https://www.ukri.org/opportunity/?a=1&b=2<x>",
     "the character '<' (U+003C) cannot be part of a web address; copy the address from the browser's address bar"),
    ('"https://www.ukri.org/a\\\\b"', "https://www.ukri.org/a\\b",
     "the character '\\' (U+005C) cannot be part of a web address; copy the address from the browser's address bar"),
    ('"https://www.ukri.org/a\\x07b"', "https://www.ukri.org/a[U+0007]b",
     "the character U+0007 cannot be part of a web address; copy the address from the browser's address bar"),
    ('"https://www.ukri.org/100%/"', "https://www.ukri.org/100%/",
     "'%' in a web address starts a code of two hexadecimal digits, such as %20; copy the address from the browser's address bar"),
])
def test_characters_that_cannot_be_in_a_link(tmp_path, written, typed, message):
    """A quote or < would end the href attribute the address is written into: refused at its place,
    with the character named (the address shown as typed, a character that does not print as its code)."""
    errs, text = problems_after(tmp_path, PORTAL, f"url: {written}")
    assert errs == [f"{at(text, written)}: partners.uk.portal.url: '{typed}' is not a web address: {message}"]


def test_credentials_in_a_link(tmp_path):
    errs, text = problems_after(tmp_path, PORTAL, "url: https://staff:secret@www.ukri.org/opportunity/")
    assert errs == [
        f"{at(text, 'https://staff:')}: partners.uk.portal.url: a web address on a public page cannot carry a user name or password "
        "(the part before '@'); delete it"
    ]


def test_unknown_country_code(tmp_path):
    errs, text = problems_after(tmp_path, "CA, AU, KR]", "CA, AU, KR, XX]")
    assert errs[0].endswith("programme.target_countries.21: 'XX' is not a two-letter country or region code (ISO 3166, such as GB or NO)")


def test_month_range_backwards(tmp_path):
    errs, text = problems_after(tmp_path, "end: 2031-03}", "end: 2021-03}")
    assert errs == [f"{at(text, '2021-03')}: budget.period.japan.months.end: the range ends (2021-03) before it starts (2026-01)"]


def test_text_where_a_list_is_expected(tmp_path):
    errs, text = problems_after(tmp_path, "  target_countries: [US,", "  target_countries: US\n  x: [US,")
    assert f"{at(text, 'target_countries: US', len('target_countries: '))}: programme.target_countries: expected a list here (lines starting with '- ')" in errs


def test_many_mistakes_are_reported_together(tmp_path):
    text = BASE.replace("indirect_rate: 0.3", "indirect_rate: 30%", 1).replace("zone: Asia/Tokyo}", "zone: Asia/Tokio}", 1)
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    assert [p.path for p in exc.value.problems] == ["budget.indirect_rate.value", "schedule.erad_deadline.when.zone"]
