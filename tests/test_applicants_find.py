"""Issue "Applicants find every answer": the hand-offs between the teams, the self-check's verdict
where the reader is with the next steps, the official documents linked once their addresses are
known, full stops kept with their deadline, and "today" in the reader's own date."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, ROOT, build_site, fixture_project, warm_cache

from callguide.pipeline import load

DATA = FIXTURE_DATA  # the frozen 2025 call: value tests here read it, and its build (fixture_site)
LANGS = {"ja": "", "en": "en/"}
DOCUMENTS = ("jst_call_page", "guidelines", "guidelines_annex", "application_form")


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def _page(site: Path, lang: str, name: str) -> str:
    path = site / LANGS[lang] / (f"{name}/index.html" if name else "index.html")
    return path.read_text(encoding="utf-8")


# --- Part 4. what passes between the teams, and by when ----------------------------------------


HANDOFFS = {"form_to_uk": "uk_deadline", "proposal_to_japan": "erad_deadline"}


def test_the_handoffs_are_the_guides_advice_named_by_deadline(facts):
    handoffs = facts.call.apply.handoffs
    for hid, deadline in HANDOFFS.items():
        h = handoffs[hid]
        assert h.before == deadline
        assert h.text.own
        for lang in ("ja", "en"):
            assert "{{ schedule." + deadline + " }}" in h.text[lang]


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_handoffs_show_on_the_apply_page_checklists_and_timeline(fixture_site, lang):
    site = fixture_site
    apply = _page(site, lang, "apply")
    checklist = _page(site, lang, "checklist")
    schedule = _page(site, lang, "schedule")
    for hid, deadline in HANDOFFS.items():
        own = f'data-own="apply.handoffs.{hid}.text"'
        assert own in apply, hid
        row = re.search(rf'<li[^>]*id="milestone-{deadline}".*?</li>', schedule, re.S).group(0)
        assert own in row, (hid, deadline)
    for item in ("jp_handoff_form", "jp_handoff_copy", "uk_handoff_form", "uk_handoff_copy"):
        found = re.search(rf'data-item="{item}".*?</li>', checklist, re.S) or re.search(rf'id="[^"]*{item}".*?</li>', checklist, re.S)
        assert found, item
        assert 'data-own="apply.handoffs.' in found.group(0), item


# --- Part 5. the self-check's verdict where the reader is, and what to do next ----------------


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_a_clean_verdict_is_seen_and_lists_the_next_steps_with_their_dates(page_factory, facts, lang):
    page = page_factory(LANGS[lang] + "eligibility/", width=390, height=700)
    for q in facts.call.selfcheck.eligibility.questions:
        option = next(o.id for o in q.options if not o.rules)
        page.locator(f"#q-{q.id}-{option}").check()
    region = page.locator(".cg-result")
    assert region.get_attribute("data-verdict") == "eligible"
    for path in ("schedule.prior_notice", "schedule.erad_deadline", "schedule.uk_deadline", "apply.erad_registration"):
        assert region.locator(f'[data-fact^="{path}"]').count() == 1, path
    page.wait_for_timeout(400)  # a smooth scroll
    seen = region.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert seen, "the verdict is below the fold"
    assert page.console_errors == []


# --- Part 6. the official documents -----------------------------------------------------------


@pytest.mark.subprocess
def test_document_slots_without_an_address_are_reminders_in_make_check(facts, tmp_path):
    docs = facts.call.documents
    for key in DOCUMENTS:
        assert getattr(docs, key).url is None, key
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("CALL_FILE", None)
    project = fixture_project(tmp_path)
    done = subprocess.run([sys.executable, "-m", "callguide", "check"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for key in DOCUMENTS:
        assert f"documents.{key}.url" in done.stdout, key


def _filled(tmp: Path) -> Path:
    text = DATA.read_text(encoding="utf-8")
    head, _, rest = text.partition("\ndocuments:\n")
    block, sep, tail = rest.partition("\n# ----")
    for key in DOCUMENTS:
        block = re.sub(rf"(\n  {key}:\n(?:    .*\n)*?    url:)[^\n]*", rf"\1 https://example.jp/{key}", "\n" + block, count=1)[1:]
    out = tmp / "filled.yaml"
    out.write_text(head + "\ndocuments:\n" + block + sep + tail, encoding="utf-8")
    return out


@pytest.mark.build
def test_every_sentence_that_sends_readers_to_the_documents_links_them_once_filled(tmp_path, tmp_path_factory):
    build = build_site(tmp_path / "site", call_file=_filled(tmp_path), project=fixture_project(tmp_path), cache=warm_cache(tmp_path_factory))
    assert build.result.returncode == 0, build.output
    for lang in LANGS:
        expect = {
            "": ["guidelines"],  # the language notice
            "apply": ["guidelines_annex", "jst_call_page", "application_form"],
            "checklist": ["guidelines", "guidelines_annex", "jst_call_page"],
            "schedule": ["jst_call_page"],
            "contact": ["guidelines", "guidelines_annex"],
        }
        for name, keys in expect.items():
            html = _page(build.site, lang, name)
            for key in keys:
                assert f'href="https://example.jp/{key}"' in html, (lang, name, key)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_document_slot_shows_the_name_without_a_link(fixture_site, lang):
    site = fixture_site
    html = _page(site, lang, "apply")
    assert 'data-fact="documents.guidelines_annex"' in html
    assert "https://example.jp" not in html


# --- Part 7. punctuation after a deadline, and "today" in the reader's own date ----------------


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_no_full_stop_alone_after_a_deadline(page_factory, lang):
    """The other zone's time is a line of its own: punctuation after the deadline ends that line (at phone width)."""
    for name in ("checklist/", "apply/", ""):
        page = page_factory(LANGS[lang] + name, width=360, height=800)
        alone = page.evaluate("""() => {
            const out = [];
            document.querySelectorAll(".fact-when").forEach(el => {
                const next = el.nextSibling, alt = el.querySelector(".fact-alt");
                if (!alt || !next || next.nodeType !== 3 || !/^[.,;:。、]/.test(next.textContent)) return;
                const range = document.createRange();
                range.setStart(next, 0); range.setEnd(next, 1);
                const mark = range.getBoundingClientRect(), rects = alt.getClientRects(), last = rects[rects.length - 1];
                if (Math.abs(mark.top - last.top) > 4) out.push(el.textContent);
            });
            return out;
        }""")
        assert alone == [], (lang, name, alone)


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_today_is_the_readers_own_date_with_japans_beside_it(browser, served, lang):
    when = datetime(2025, 12, 1, 22, 19, tzinfo=UTC)  # London, 1 December; Japan, 2 December
    ctx = browser.new_context(viewport={"width": 390, "height": 900}, timezone_id="Europe/London")
    try:
        page = ctx.new_page()
        page.clock.install(time=when)
        page.goto(served.base_url + LANGS[lang] + "schedule/")
        marker = page.locator(".cg-today")
        assert marker.locator("time").get_attribute("datetime") == "2025-12-01"
        text = marker.inner_text()
        assert ("2025年12月1日" if lang == "ja" else "1 December 2025") in text
        assert ("12月2日" if lang == "ja" else "2 December") in text  # Japan's date beside it
    finally:
        ctx.close()


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_uk_sides_assessment_says_only_what_the_sources_say(fixture_site, lang):
    site = fixture_site
    """UKRI's page: JST interviews the Japanese PIs in ranking-list order; nothing more is said of the
    UK side's assessment, which the guide says as its own note."""
    html = _page(site, lang, "evaluation")
    assert 'id="uk-assessment"' in html
    assert 'data-own="guide_notes.uk_assessment"' in html
    section = html.split('id="uk-assessment"')[1]
    assert 'data-fact="schedule.interviews.notice"' in section
