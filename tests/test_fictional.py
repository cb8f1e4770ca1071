"""A fictional call (``call.fictional: true``, a test fixture) is never taken for a real JST call.

Every output says it (a banner on every page in both languages, a mark on every page of the checklist
PDF, in the calendar's name and every event, ``call.fictional`` in call.json), its pages ask search
engines to leave them out (noindex, no sitemap), and a build into the project's own site/ (what
``make build`` publishes) stops with a located message in both languages, writing nothing; a build
into another folder (``--site-dir``, as the tests build) goes ahead. See callguide.fictional.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import FIXTURE_DATA, MKDOCS, build_site, fixture_project, pages, warm_cache
from icalendar import Calendar
from pypdf import PdfReader
from variants import fictional

from callguide import calendar
from callguide import fictional as fict
from callguide.banner import banner, insert, noindex
from callguide.languages import CODES, language
from callguide.pdf import Font, print_html
from callguide.pipeline import load
from callguide.render import Context

WORD = {"ja": "架空", "en": "FICTIONAL"}  # in the mark of the PDF and the calendar
BANNER = {"ja": "架空の公募", "en": "Fictional call"}
NOINDEX = '<meta name="robots" content="noindex">'


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    return load(fictional(tmp_path_factory.mktemp("fictional")), "call.yaml")


def test_the_variant_is_fictional_and_the_fixture_is_not(facts):
    assert facts.call.call.fictional is True
    assert load(FIXTURE_DATA, "call.yaml").call.call.fictional is False


def test_every_page_has_the_banner_and_noindex(facts):
    for lang in CODES:
        notice = str(banner(Context(facts, lang), "budget/", None))
        assert BANNER[lang] in notice and "callguide-banner__fictional" in notice
        html = insert("<html><head><title>t</title></head><body><header></header><main></main></body></html>", banner(Context(facts, lang), "", None),
                      noindex=noindex(facts, None))
        assert NOINDEX in html.split("</head>")[0] and BANNER[lang] in html.split("<main>")[0]
    real = load(FIXTURE_DATA, "call.yaml")
    assert noindex(facts, None) and noindex(real, "2024") and not noindex(real, None)


def test_the_calendar_marks_its_name_and_every_event(facts):
    for lang in CODES:
        cal = Calendar.from_ical(calendar.make_calendar(facts, lang))
        assert str(cal["X-WR-CALNAME"]).startswith(fict.MARK[lang])
        events = cal.walk("VEVENT")
        assert events
        for event in events:
            assert str(event["SUMMARY"]).startswith(fict.MARK[lang]), str(event["UID"])
            assert str(event["DESCRIPTION"]).splitlines()[0] == fict.note(lang)


def test_the_pdf_marks_every_page_and_says_it_at_the_top(facts):
    for lang in CODES:
        html = print_html(facts, lang, Font("Noto Sans CJK JP", ()))
        assert f'@top-left {{ content: "{fict.PAGE_MARK[lang]}"' in html
        assert fict.note(lang) in html.split("<h1>")[0]


def test_call_json_says_fictional(facts):
    from callguide.call_json import tree

    assert tree(facts)["call"]["fictional"] is True


def test_the_flag_is_bookkeeping_on_the_what_changed_page():
    """An archived call.json from before the flag (format 2) has no call.fictional: `make diff` lists it with
    the bookkeeping, the "what changed" page does not list it as a new fact."""
    from callguide.changes import Change, on_page

    assert not on_page(Change("call.fictional", None, False))
    assert not on_page(Change("call.fictional", False, True))


def test_the_refusal_is_located_and_bilingual(tmp_path):
    message = fict.refusal("data/call.yaml", 27, 3, str(tmp_path / "site"))
    first, second = message.splitlines()
    assert re.match(r"data/call\.yaml:27:3: call\.fictional: ", first) and "nothing was built" in first
    assert second.startswith("    日本語: ") and "架空" in second
    assert fict.into_project_site(tmp_path / "site", tmp_path) and fict.into_project_site(tmp_path / "x" / ".." / "site", tmp_path)
    assert not fict.into_project_site(tmp_path / "out", tmp_path)


def test_the_labels_say_the_same_in_both_languages():
    for table in (fict.MARK, fict.PAGE_MARK, fict.NOTE):
        assert set(table) == set(CODES) and all(table.values())
    for lang in CODES:
        assert fict.marked("x", lang) == f"{fict.MARK[lang]}{language(lang).word_gap}x"


@pytest.mark.build
def test_a_fictional_build_says_so_everywhere(tmp_path, tmp_path_factory):
    project = fixture_project(tmp_path)
    shutil.copy2(fictional(tmp_path), project / "data" / "call.yaml")
    build = build_site(tmp_path / "out", project=project, cache=warm_cache(tmp_path_factory))
    assert build.result.returncode == 0, build.output
    site = build.site
    found = pages(site)
    assert len(found) >= 10
    for key, by_lang in found.items():
        for lang, path in by_lang.items():
            html = path.read_text(encoding="utf-8")
            assert NOINDEX in html.split("</head>")[0], f"{lang} {key}"
            assert BANNER[lang] in html, f"{lang} {key}"
    for lang in CODES:  # the 404 pages, served for any missing address, too
        html = (site / language(lang).prefix / "404.html").read_text(encoding="utf-8")
        assert NOINDEX in html and BANNER[lang] in html, lang
    for path in site.rglob("*.html"):
        if "assets" not in path.parts:
            assert NOINDEX in path.read_text(encoding="utf-8"), path
    assert not list(site.rglob("sitemap.xml*"))
    for lang in CODES:
        prefix = language(lang).prefix
        reader = PdfReader(str(site / prefix / "checklist.pdf"))
        for number, page in enumerate(reader.pages, 1):
            assert WORD[lang] in page.extract_text(), f"{lang} checklist.pdf page {number}"
        cal = Calendar.from_ical((site / prefix / "calendar.ics").read_bytes())
        assert all(str(e["SUMMARY"]).startswith(fict.MARK[lang]) for e in cal.walk("VEVENT"))
    assert json.loads((site / "call.json").read_text(encoding="utf-8"))["call"]["fictional"] is True


@pytest.mark.build
def test_a_fictional_call_is_not_built_into_site(tmp_path):
    """`make build` (mkdocs build --site-dir site) stops before writing anything; the site there stays."""
    project = fixture_project(tmp_path)
    shutil.copy2(fictional(tmp_path), project / "data" / "call.yaml")
    out = project / "site"
    out.mkdir()
    (out / "index.html").write_text("the published site", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(tmp_path / "cache"), CALLGUIDE_DRAFT_PREVIEW="1")
    env.pop("CALL_FILE", None)
    refused = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", "site"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    said = refused.stdout + refused.stderr
    line = next(n for n, text in enumerate((project / "data" / "call.yaml").read_text(encoding="utf-8").splitlines(), 1) if "fictional: true" in text)
    assert refused.returncode != 0, said
    assert re.search(rf"data/call\.yaml:{line}:\d+: call\.fictional: ", said), said
    assert "日本語: " in said and "架空" in said and "Traceback" not in said, said
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the published site"
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.building")]
