"""The build makes both languages and call.json, with the call's deadlines as written in its data."""
import json

import pytest

from callguide.pipeline import load

pytestmark = pytest.mark.build


def test_build_writes_both_languages_and_call_json(site, facts):
    assert (site / "index.html").exists()
    assert (site / "en" / "index.html").exists()
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    for name, milestone in facts.deadlines():
        assert data["schedule"][name]["when"]["at"] == milestone.when.instant.isoformat()


def test_the_2025_call_json_holds_its_deadline(fixture_site):
    """A value of the frozen 2025 call (tests/fixtures/call-2025), as published."""
    data = json.loads((fixture_site / "call.json").read_text(encoding="utf-8"))
    assert data["schedule"]["erad_deadline"]["when"]["at"] == "2025-05-09T14:00:00+09:00"
    assert data["budget"]["japan"]["total_cap"]["stated"] == 370_000_000  # JST's published rounded figure


@pytest.fixture(scope="module")
def facts():
    from conftest import DATA, DATA_SHOWN

    return load(DATA, DATA_SHOWN)


def test_a_build_reports_no_link_as_broken_that_works(site):
    """Links to anchors that blocks make (a proposal part's #part-budget-plan) were reported by MkDocs as
    'does not contain an anchor' on every build: at INFO, but staff took them for broken links."""
    from conftest import site_log

    assert "does not contain an anchor" not in site_log(site)
