"""Sources for every fact (issue 18 part 2): call.yaml's ``sources`` and its blocks' ``source:`` lines.

On the frozen 2025 call (tests/fixtures/call-2025): every fact has a source (a document, the guide's
own, its working parts, or computed), inheritance and overrides, the located errors of a wrong source
line, ``call.data_as_of`` as the oldest checked date, make check's list of facts without a source,
call.json's ``fact_sources`` (validated), and the pure section that ends each page. One build-marked
test reads the built fixture site: every page with facts ends with its sources, in its language.
"""
from __future__ import annotations

import json
import re
from datetime import date

import jsonschema
import pytest
from conftest import FIXTURE_DATA, edit_once, pages

from callguide import call_json, page_sources, provenance
from callguide.__main__ import main
from callguide.errors import DataError
from callguide.pipeline import load

BRIEFING_ELIGIBILITY = "  eligibility:\n    source: {id: briefing, place: {ja: 「応募資格」, en: \"slide 'Eligibility', row 'Who may apply'\"}}"


@pytest.fixture(scope="module")
def facts():
    return load(FIXTURE_DATA, "data/call.yaml")


def problems_after(tmp_path, old: str, new: str) -> list:
    data = tmp_path / "call.yaml"
    data.write_text(FIXTURE_DATA.read_text(encoding="utf-8"), encoding="utf-8")
    edit_once(data, old, new)
    with pytest.raises(DataError) as exc:
        load(data, "data/call.yaml")
    return exc.value.problems


def test_every_fact_of_2025_has_a_source(facts):
    kinds = {p: provenance.source_of(facts, p) for p in provenance.fact_paths(facts)}
    assert provenance.unsourced(facts) == []
    assert {s.kind for s in kinds.values()} <= {provenance.DOCUMENT, provenance.OWN, provenance.GUIDE_PART, provenance.COMPUTED}
    assert all(s.document in facts.call.sources for s in kinds.values() if s.kind == provenance.DOCUMENT)
    # Every document a fact comes from has the date it was checked.
    assert all(facts.call.sources[s.document].checked for s in kinds.values() if s.kind == provenance.DOCUMENT)


def test_a_fact_takes_its_nearest_blocks_source(facts):
    japan = provenance.source_of(facts, "joint_call.eligibility.japan")
    assert (japan.kind, japan.document, japan.place) == (provenance.DOCUMENT, "briefing", {"ja": "「応募資格」", "en": "slide 'Eligibility', row 'Who may apply'"})
    assert provenance.source_of(facts, "schedule.interviews.side_when.uk").document == "ukri_call"
    assert provenance.source_of(facts, "schedule.interviews.when").document == "briefing"
    assert provenance.source_of(facts, "guide_notes.uk_assessment").kind == provenance.OWN  # own wins over its block
    assert provenance.source_of(facts, "budget.japan.total_cap").kind == provenance.COMPUTED
    checked_on = provenance.source_of(facts, "call.data_as_of")
    assert checked_on.kind == provenance.COMPUTED and set(checked_on.inputs) == {"sources.briefing.checked", "sources.ukri_call.checked"}


def test_the_guides_own_settings_are_never_credited_to_a_document(facts):
    """The call's id, calendar product name and draft/fictional flags sit in `call:` (whose source is the
    briefing, for the name and fiscal year) but no document states them: a staff review read them as
    the briefing's."""
    for path in ("call.id", "call.calendar_product", "call.draft", "call.fictional"):
        if path in facts:
            assert provenance.source_of(facts, path).kind == provenance.GUIDE_PART, path
    assert provenance.source_of(facts, "call.fiscal_year").document == "briefing"


def test_the_information_checked_date_is_the_oldest_sources_date(tmp_path):
    data = tmp_path / "call.yaml"
    data.write_text(FIXTURE_DATA.read_text(encoding="utf-8"), encoding="utf-8")
    text = data.read_text(encoding="utf-8")
    ukri = text.index("  ukri_call:\n")
    data.write_text(text[:ukri] + text[ukri:].replace("checked: 2025-02-13", "checked: 2025-03-01", 1), encoding="utf-8")
    facts = load(data, "data/call.yaml")
    assert facts.call.sources["ukri_call"].checked == date(2025, 3, 1)
    assert facts.call.call.data_as_of == facts.get("call.data_as_of") == date(2025, 2, 13)


def test_an_unknown_source_is_a_located_error_in_both_languages(tmp_path):
    text = FIXTURE_DATA.read_text(encoding="utf-8")
    line = text[: text.index(BRIEFING_ELIGIBILITY)].count("\n") + 2
    [p] = problems_after(tmp_path, BRIEFING_ELIGIBILITY, "  eligibility:\n    source: {id: briefng, place: {ja: 「応募資格」, en: Eligibility}}")
    assert (p.line, p.path) == (line, "joint_call.eligibility.source")
    assert p.message.startswith("unknown source 'briefng'; did you mean 'briefing'?") and "ukri_call" in p.message
    assert p.message_ja.startswith("「briefng」という出典は sources にありません。「briefing」の書き間違いではありませんか。")


def test_a_place_in_one_language_only_is_refused(tmp_path):
    [p] = problems_after(tmp_path, BRIEFING_ELIGIBILITY, "  eligibility:\n    source: {id: briefing, place: {ja: 「応募資格」}}")
    assert p.path == "joint_call.eligibility.source" and "both languages" in p.message and "日本語と英語の両方" in p.message_ja


def test_the_old_information_checked_date_says_where_it_went(tmp_path):
    problems = problems_after(tmp_path, "call:\n  source: briefing\n", "call:\n  source: briefing\n  data_as_of: 2025-02-13\n")
    assert [p.path for p in problems] == ["call.data_as_of"]
    assert "checked: YYYY-MM-DD" in problems[0].message and "sources" in problems[0].message_ja


def test_a_source_named_by_blocks_needs_its_checked_date(tmp_path):
    text = FIXTURE_DATA.read_text(encoding="utf-8")
    start = text.index("  ukri_call:\n")
    data = tmp_path / "call.yaml"
    data.write_text(text[:start] + text[start:].replace("    checked: 2025-02-13\n", "", 1), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(data, "data/call.yaml")
    assert [p.path for p in exc.value.problems] == ["sources.ukri_call"]


def test_make_check_lists_facts_without_a_source_and_passes(frozen_project, capsys):
    data = frozen_project / "data" / "call.yaml"
    text = data.read_text(encoding="utf-8")
    security = re.search(r"(?m)^research_security:\n  source: .*\n", text)[0]
    edit_once(data, security, "research_security:\n")
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert "facts whose block names no source" in err and "出典（source:）が書かれていない事実" in err
    listed = re.findall(r"(?m)^data/call.yaml:\d+:\d+: (research_security\.[\w.]+): no source named", err)
    assert "research_security.policy.date" in listed and all(p.startswith("research_security.") for p in listed)
    assert "no source named" not in out


def test_call_json_carries_the_sources_and_each_facts_source_and_validates(facts):
    data = json.loads(call_json.text(facts))
    assert int(data["format_version"]) >= 7
    assert set(data["sources"]) == {"briefing", "ukri_call", "guidelines"}
    assert data["sources"]["ukri_call"]["url"].startswith("https://www.ukri.org/")  # the marker resolved
    assert "url" not in data["sources"]["guidelines"] and "checked" not in data["sources"]["guidelines"]
    assert data["call"]["data_as_of"] == "2025-02-13"
    sources = data["fact_sources"]
    assert set(sources) == set(provenance.fact_paths(facts))
    assert sources["schedule.interviews.side_when.uk"] == {"document": "ukri_call"}
    assert sources["joint_call.eligibility.japan"]["place"]["ja"] == "「応募資格」"
    assert sources["budget.japan.total_cap"]["computed_from"]
    assert sources["guide_notes.uk_assessment"] == {"kind": "own"}
    assert all(s["document"] in data["sources"] for s in sources.values() if "document" in s)
    jsonschema.validate(data, json.loads(call_json.schema_text()))


def test_the_pages_section_lists_only_the_documents_of_its_facts(facts):
    briefing_only = '<p><data data-fact="budget.japan.direct_cap" value="285000000">x</data></p>'
    html = page_sources.section(briefing_only, facts, "en")
    assert html.startswith('<section class="page-sources"') and "Sources of this page" in html
    assert "JST&#39;s briefing" in html or "JST's briefing" in html
    assert "ukri.org" not in html and "own notes" not in html
    assert 'data-fact="sources.briefing.checked" datetime="2025-02-13"' in html
    both = briefing_only + '<time data-fact="schedule.interviews.side_when.uk" datetime="2025-10">x</time><span data-own="guide_notes.uk_assessment">y</span>'
    ja = page_sources.section(both, facts, "ja")
    assert "このページの出典" in ja and 'href="https://www.ukri.org/' in ja and "本ガイドの補足" in ja
    assert page_sources.section("<p>no facts</p>", facts, "ja") == ""


def test_the_review_page_names_each_facts_document_place_and_date(frozen_project):
    from callguide import review

    assert main(["review"]) == 0
    html = (frozen_project / review.OUTPUT).read_text(encoding="utf-8")
    row = html.split('joint_call.eligibility.japan', 1)[1].split("</tr>", 1)[0]
    assert "JSTの公募説明資料" in row and "「応募資格」" in row and "2025-02-13" in row and "checked 2025-02-13" in row


def _page_markdown(key: str, lang: str):
    """The fixture's Markdown of the built page ``key`` (None for a page made by the build alone)."""
    from conftest import FIXTURE_2025

    md = FIXTURE_2025 / "docs" / lang / f"{key.removesuffix('index.html').rstrip('/') or 'index'}.md"
    return md.read_text(encoding="utf-8") if md.is_file() else None


def _shown_by_page(key: str, lang: str, facts) -> set[str]:
    """The facts and data texts the page's markers render, as the build notes them (render.shown_by);
    the front matter (the meta description) left out, as the build leaves it out."""
    from callguide.pages import replace
    from callguide.render import Context

    markdown = _page_markdown(key, lang)
    if markdown is None:
        return set()
    ctx = Context(facts, lang, set())
    replace(re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S), ctx)
    return ctx.shown


SECTION = re.compile(r'<section class="page-sources"[^>]*><h2 id="page-sources">([^<]+)</h2><ul>(.*?)</ul></section>', re.S)
FACT = re.compile(r'\sdata-fact="([^"]+)"')


@pytest.mark.build
def test_every_page_with_facts_ends_with_its_sources_in_its_language(fixture_site, facts):
    heading = {lang: page_sources.LABELS[lang]["heading"] for lang in ("ja", "en")}
    checked = 0
    for key, by_lang in pages(fixture_site).items():
        for lang, path in by_lang.items():
            html = path.read_text(encoding="utf-8")
            article = html.split("<article", 1)[1].split("</article>", 1)[0] if "<article" in html else html
            found = list(SECTION.finditer(article))
            shown = [p for p in FACT.findall(SECTION.sub("", article))]
            expected, own = page_sources.found(SECTION.sub("", article), facts, _shown_by_page(key, lang, facts))
            if not expected and not own:
                assert not found, (key, lang)
                continue
            assert len(found) == 1, (key, lang)
            section = found[0]
            assert section.group(1) == heading[lang], (key, lang)
            # It ends the page's content: only closing tags and the theme's feedback/footer parts follow.
            assert not FACT.search(article[section.end():]), (key, lang)
            listed = re.findall(r'data-fact="sources\.(\w+)\.checked"', section.group(2))
            assert listed == expected and listed, (key, lang, listed, shown)
            titles = [facts.call.sources[i].title[lang] for i in listed]
            assert all(t.split("（")[0].split(":")[0] in section.group(2).replace("&#39;", "'") for t in titles), (key, lang)
            checked += 1
    assert checked >= 20


def _named_texts(markdown: str, facts) -> list[str]:
    """The data texts a page's Markdown names by marker, shown as plain text with no data-fact element
    of their own: ``{{ path }}`` of a text, and each item of ``{{ path | list }}`` / ``| ol``."""
    from callguide.render import MARKER
    from callguide.types import Text

    named = []
    for m in MARKER.finditer(markdown):
        value = facts.get(m["path"]) if m["path"] in facts else None
        if isinstance(value, Text) and m["variant"] is None:
            named.append(m["path"])
        elif isinstance(value, list) and m["variant"] in ("list", "ol"):
            named += [f"{m['path']}.{i}" for i, item in enumerate(value) if isinstance(item, Text)]
    return named


@pytest.mark.build
def test_each_page_lists_the_documents_of_the_texts_it_shows(fixture_site, facts):
    """A data text shown as plain words (no data-fact element of its own) counts for the page's sources
    like a value: the evaluation page shows partners.uk.assessment, from UKRI's call page, so its sources
    name that page, in both languages; and on every page, every text a marker names has its document listed."""
    assert provenance.source_of(facts, "partners.uk.assessment").document == "ukri_call"
    checked = 0
    for key, by_lang in pages(fixture_site).items():
        for lang, path in by_lang.items():
            markdown = _page_markdown(key, lang)
            if markdown is None:
                continue
            section = SECTION.search(path.read_text(encoding="utf-8"))
            listed = set(re.findall(r'data-fact="sources\.(\w+)\.checked"', section.group(2))) if section else set()
            for text in _named_texts(markdown, facts):
                source = provenance.source_of(facts, text)
                if source.kind == provenance.DOCUMENT:
                    assert source.document in listed, (key, lang, text, source.document, listed)
                    checked += 1
    assert checked >= 20
    for lang in ("ja", "en"):
        html = pages(fixture_site)["evaluation/index.html"][lang].read_text(encoding="utf-8")
        assert 'data-fact="sources.ukri_call.checked"' in SECTION.search(html).group(2), lang


def test_a_text_shown_as_words_counts_for_the_pages_sources(facts):
    """A data text is words with no data-fact element of its own: rendering notes it (render.shown_by),
    and the page's section counts what was noted, through texts and blocks alike."""
    from callguide.render import Context, render_marker, shown_by

    ctx = Context(facts, "en", set())
    html = str(render_marker("partners.uk.assessment", None, ctx))
    assert 'data-fact="partners.uk.assessment"' not in html
    assert {"partners.uk.assessment", "schedule.interviews.notice"} <= ctx.shown
    assert page_sources.found(html, facts) == (["briefing"], False)  # the elements alone: the notice's document
    assert page_sources.found(html, facts, ctx.shown) == (["briefing", "ukri_call"], False)
    assert "ukri.org" in page_sources.section(html, facts, "en", ctx.shown)
    block = shown_by("evaluation.criteria", "criteria", Context(facts, "ja"))
    assert {"evaluation.criteria.5.points.1", "evaluation.criteria.0.advice"} <= block and "evaluation.criteria" not in block
    assert render_marker("partners.uk.assessment", None, Context(facts, "en")) == html  # noting changes no rendering
