"""The timeline's browser-side dates read exactly as the build writes them (format.py)."""
from zoneinfo import ZoneInfo

import pytest
from conftest import DATA, DATA_SHOWN, call_moments

from callguide import format as fmt
from callguide.pipeline import load
from callguide.sides import home_zone

pytestmark = [pytest.mark.browser, pytest.mark.build]

READER_ZONE = "America/New_York"


@pytest.mark.parametrize("lang, path", [("ja", "schedule/"), ("en", "en/schedule/")])
def test_refreshed_day_and_reader_time_match_the_build_format(browser, served, lang, path):
    facts = load(DATA, DATA_SHOWN)
    now = call_moments(facts)["open"]  # the call is open; a day the build did not see
    ctx = browser.new_context(timezone_id=READER_ZONE)
    try:
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.clock.set_fixed_time(now)
        page.goto(served.base_url + path)
        assert fmt.day(now.astimezone(home_zone(facts.call)).date(), lang) in page.locator(".cg-status").inner_text()
        last = facts.deadlines()[-1][1].when.instant.astimezone(ZoneInfo(READER_ZONE))  # the last written: any deadline would do
        expected = fmt.moment_text(last, lang)[0]
        local = page.locator(".cg-local").all_inner_texts()
        assert any(expected in text for text in local), (expected, local)
        assert errors == []
    finally:
        ctx.close()
