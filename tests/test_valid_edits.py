"""Valid staff edits keep the suite green: each edit of a copy of the live call.yaml (tests/valid_edits.py)
passes the check, builds, and passes the cheap tests that hold for every valid call.

The property tests are the suite's own functions, called here on the edited build with its facts,
so a property test that quietly asserts a value of today's call.yaml fails here first.
"""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import test_calendar_ics
import test_call_json
import test_fact_parity
import test_guide_own
import test_guide_pairs
import test_pdf_checklist
import test_smoke_build
from conftest import DATA, ROOT, build_site, call_moments, warm_cache
from valid_edits import EDITS, edited

from callguide.pipeline import load, load_and_check_pages

pytestmark = pytest.mark.build

# The cheap property tests (no browser): parity, coverage, call.json and its schema, calendars, PDF text.
PROPERTIES = [
    test_smoke_build.test_build_writes_both_languages_and_call_json,
    test_fact_parity.test_every_page_exists_in_both_languages,
    test_fact_parity.test_each_page_pair_carries_the_same_facts,
    test_fact_parity.test_every_rendered_fact_names_a_path_in_call_json,
    test_fact_parity.test_every_number_and_date_in_call_json_is_rendered_in_both_languages,
    test_fact_parity.test_call_json_holds_derived_values_and_no_typed_duplicates,
    test_guide_pairs.test_pairs_carry_the_same_facts,
    test_call_json.test_published_call_json_validates_against_the_schema_it_names,
    test_call_json.test_published_schema_is_the_one_the_code_makes,
    test_calendar_ics.test_deadlines_are_the_instants_of_call_json,
    test_calendar_ics.test_every_milestone_is_an_event_and_vague_ones_are_tentative_spans,
    test_calendar_ics.test_zones_are_defined_and_stamp_is_fixed,
    test_calendar_ics.test_languages_differ_only_in_words,
    test_pdf_checklist.test_pdf_shows_the_deadlines_and_contact_of_the_html_checklist,
    test_pdf_checklist.test_pdf_is_a4_with_title_and_language,
    test_pdf_checklist.test_japanese_pdf_text_is_extractable,
    test_guide_own.test_every_own_text_shown_on_the_site_is_labelled,
]


def _call(test, site: Path, facts, data: Path) -> None:
    names = inspect.signature(test).parameters
    for lang in ("ja", "en") if "lang" in names else (None,):
        given = {"site": site, "facts": facts, "lang": lang, "data": data}
        test(**{n: given[n] for n in names})


@pytest.mark.parametrize("name", list(EDITS))
def test_a_valid_edit_keeps_every_property(name, tmp_path, tmp_path_factory):
    data = edited(DATA, name, tmp_path / "call.yaml")
    facts = load_and_check_pages(ROOT, ROOT / "docs", data=(data, "call.yaml")).facts
    moment = call_moments(facts)["closed"]
    build = build_site(tmp_path / "site", call_file=data, epoch=int(moment.timestamp()), cache=warm_cache(tmp_path_factory))
    assert build.result.returncode == 0, build.output
    loaded = load(data, "call.yaml")  # once, as the property tests' module-scoped ``facts`` fixtures load it
    for test in PROPERTIES:
        _call(test, build.site, loaded, data)
