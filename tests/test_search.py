"""Search in real Chromium on the built site served under /guide/: words, not characters, in the reader's language.

Which pages "contain" a query is computed here from the built pages' main text (the article,
without what the index leaves out: scripts, permalinks, ``data-search-exclude``), so the
expectations hold when the data or the prose change. A compound typed as one word must return
exactly the pages that contain it; a search started on a page returns pages of that page's
language only; a result opens at its section with the query highlighted whole.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import page_address, pages

# Elements whose end separates text (they are laid out as blocks, rows or cells).
_BLOCKS = {"p", "li", "ul", "ol", "dl", "dt", "dd", "div", "section", "table", "tr", "td", "th", "thead", "tbody",
           "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "blockquote", "pre", "figure", "figcaption",
           "br", "hr", "form", "fieldset", "legend", "label", "aside", "header", "footer", "nav", "article", "time"}
_SKIP = {"script", "style", "template"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}


class _MainText(HTMLParser):
    """Text blocks of the page's <article>, without scripts, permalinks and data-search-exclude parts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.depth = 0  # inside <article>
        self.skip: list[str] = []  # open elements being skipped

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self.depth += 1
            return
        if not self.depth or tag in _VOID:
            if tag in _BLOCKS:
                self._flush()
            return
        if self.skip:
            self.skip.append(tag)
            return
        if tag in _SKIP or "data-search-exclude" in a or "headerlink" in (a.get("class") or ""):
            self.skip.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if not self.depth or tag in _VOID:
            return
        if self.skip:
            self.skip.pop()
            return
        if tag == "article":
            self._flush()
            self.depth -= 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@cache
def main_text(path: Path) -> tuple[str, ...]:
    parser = _MainText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return tuple(norm(b) for b in parser.blocks)


def containing(site: Path, lang: str, term: str) -> set[str]:
    """Paths (as served, 'security/' or 'en/security/') of the pages of ``lang`` whose main text contains ``term``.

    An archived year (archive/<year>/) is a guide of its own with its own search: not this site's results."""
    out = set()
    for key, langs in pages(site).items():
        if lang in langs and not key.startswith("archive/") and any(norm(term) in block for block in main_text(langs[lang])):
            out.add(page_address(key, lang))
    return out


# --- the browser side ------------------------------------------------------------------------------


WAIT = 30000  # ms: the longest wait for the search's worker, on a busy machine

# The result list has stopped changing (results come from a worker, one answer per keystroke).
STABLE = """() => new Promise(done => { const a = document.querySelector('.md-search-result__list').innerHTML;
    setTimeout(() => done(a === document.querySelector('.md-search-result__list').innerHTML), 300); })"""


def search(page, query: str) -> list[dict]:
    """Type ``query`` into the header's search and return the result groups: link, links, missing terms, text."""
    if not page.locator("input.md-search__input").is_visible():
        page.locator("label.md-search__icon, .md-search__input").first.click()
    meta = "document.querySelector('.md-search-result__meta').textContent"
    if page.input_value("input.md-search__input"):
        page.fill("input.md-search__input", "")
        page.press("input.md-search__input", "End")
        page.wait_for_function(f"() => /入力|Type/.test({meta})", timeout=WAIT)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on key events
    page.wait_for_function(f"() => /\\S/.test({meta}) && !/入力|Type/.test({meta})", timeout=WAIT)
    page.wait_for_function(STABLE, timeout=WAIT)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(li => ({
            href: li.querySelector('a').href,
            missing: [...li.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent),
            text: li.innerText,
        }))""",
    )


def page_path(href: str, base_url: str) -> str:
    """'security/' from 'http://…/guide/security/?h=…#security'."""
    return urlsplit(href).path.removeprefix(urlsplit(base_url).path)


# Queries typed as one word; each must return exactly the pages that contain it, the named page first.
COMPOUNDS = [
    ("研究セキュリティ", "security/"),
    ("若手研究者", None),
    ("間接経費", "budget/"),
    ("重複応募", "duplicates/"),
    ("セキュリティ", "security/"),  # katakana
    ("コンソーシアム", None),  # katakana
    ("すべて", None),  # hiragana
    ("けんきゅう", None),  # kana that no page contains: no result
]

# Searches started on a page of one language (path), with the page that must come first where it is known.
IN_LANGUAGE = [
    ("en/", "research security", "en/security/"),
    ("en/", "indirect costs", "en/budget/"),
    ("en/", "outgoing", None),
    ("en/", "deadline", None),
    ("en/", "UKRI", None),  # a name both languages use
    ("", "UKRI", None),
    ("", "e-Rad", None),
    ("", "研究 セキュリティ", "security/"),
]


@pytest.mark.build
def test_the_query_set_is_meaningful(site):
    """The required compounds are on some page (else the tests below prove nothing), and not on every one."""
    total = len([k for k, v in pages(site).items() if "ja" in v and not k.startswith("archive/")])
    for query in ("研究セキュリティ", "若手研究者", "間接経費", "重複応募"):
        n = len(containing(site, "ja", query))
        assert 0 < n < total, f"{query}: on {n} of {total} pages"
    assert containing(site, "ja", "けんきゅう") == set()


@pytest.mark.browser
@pytest.mark.build
def test_a_japanese_word_returns_the_pages_that_contain_it(page_factory, site, served):
    page = page_factory("")
    problems = []
    for query, first in COMPOUNDS:
        expected = containing(site, "ja", query)
        found = [page_path(g["href"], served.base_url) for g in search(page, query)]
        if set(found) != expected or len(found) != len(set(found)):
            problems.append(f"{query}: found {found}, pages that contain it: {sorted(expected)}")
        elif first is not None and found[:1] != [first]:
            problems.append(f"{query}: {first} must come first: {found}")
    assert problems == [], "\n".join(problems)
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.build
def test_results_are_in_the_language_of_the_page(page_factory, site, served):
    problems = []
    opened: dict[str, object] = {}  # one page per language: search() clears the field between queries
    for path, query, first in IN_LANGUAGE:
        lang = "en" if path.startswith("en/") else "ja"
        page = opened.get(path) or opened.setdefault(path, page_factory(path))
        found = [page_path(g["href"], served.base_url) for g in search(page, query)]
        having_all = set.intersection(*(containing(site, lang, w) for w in query.split()))
        other = [f for f in found if f.startswith("en/") != (lang == "en")]
        if not found:
            problems.append(f"{query} on a {lang} page: nothing found")
        elif other:
            problems.append(f"{query} on a {lang} page: results in the other language: {other}")
        elif set(found[: len(having_all)]) != having_all:
            problems.append(f"{query}: the pages with every word {sorted(having_all)} must come first: {found}")
        elif first is not None and found[0] != first:
            problems.append(f"{query}: {first} must come first: {found}")
        assert page.console_errors == []
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
@pytest.mark.build
def test_no_result_is_labelled_missing_a_term_it_contains(page_factory, site, served):
    problems = []
    opened: dict[str, object] = {}
    for path, query in [("", "研究 セキュリティ"), ("", "若手研究者 ネットワーク"), ("en/", "indirect costs"), ("en/", "outgoing researchers")]:
        lang = "en" if path.startswith("en/") else "ja"
        page = opened.get(path) or opened.setdefault(path, page_factory(path))
        for g in search(page, query):
            where = page_path(g["href"], served.base_url)
            for term in g["missing"]:
                if where in containing(site, lang, term):
                    problems.append(f"{query}: {where} labelled as missing {term!r}, which it contains")
    assert problems == [], "\n".join(problems)


def open_first_result(page, query: str) -> dict:
    """Search, click the first result's title; the fragment landed at, the text of that section and the highlights."""
    groups = search(page, query)
    assert groups, f"{query}: nothing found"
    href = groups[0]["href"]
    with page.expect_navigation():
        page.locator(".md-search-result__item a").first.click()
    page.wait_for_function("() => document.querySelector('mark[data-md-highlight]')", timeout=WAIT)
    fragment = unquote(urlsplit(page.url).fragment)
    found = {"href": href, "fragment": fragment, "url": page.url}
    if fragment:
        found |= page.evaluate(
            """id => {
                const heading = document.getElementById(id);
                if (!heading) return {error: 'no element with id ' + id};
                const level = /^H[1-6]$/.test(heading.tagName) ? +heading.tagName[1] : 6;
                const marks = [...document.querySelectorAll('article mark[data-md-highlight]')].map(m => m.textContent);
                // the text from this heading to the next heading of the same or a higher level
                let text = heading.textContent, node = heading.nextElementSibling;
                while (node && !(/^H[1-6]$/.test(node.tagName) && +node.tagName[1] <= level)) { text += ' ' + node.textContent; node = node.nextElementSibling; }
                return {text, marks};
            }""",
            fragment,
        )
    return found


@pytest.mark.browser
@pytest.mark.build
def test_a_result_opens_at_its_section_with_the_term_highlighted_whole(page_factory):
    problems = []
    for path, query in [("", "研究セキュリティ"), ("", "若手研究者"), ("en/", "indirect costs")]:
        page = page_factory(path)
        got = open_first_result(page, query)
        if parse_qs(urlsplit(got["href"]).query).get("h") != [query]:
            problems.append(f"{query}: highlight parameter of {got['href']}")
        if not got["fragment"] or "error" in got:
            problems.append(f"{query}: landed at {got['url']}, not at a section {got.get('error', '')}")
            continue
        for word in query.split():
            if word.casefold() not in got["text"].casefold():
                problems.append(f"{query}: section #{got['fragment']} does not contain {word!r}")
            # Material's highlighter joins marks separated by a space: 'indirect costs' is one mark
            if not any(word.casefold() in m.casefold().split() for m in got["marks"]):
                problems.append(f"{query}: {word!r} is not highlighted whole: {got['marks'][:10]}")
        assert page.console_errors == []
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
@pytest.mark.build
def test_snippets_keep_labels_apart(page_factory):
    """A result's text keeps a space between separate elements ('e-Rad deadline Deadline', not 'deadlineDeadline')."""
    page = page_factory("en/")
    texts = " ".join(g["text"] for g in search(page, "deadline"))
    assert not re.search(r"[a-z](?:Deadline|Approximate|Provisional)\b", texts), texts[:2000]


@pytest.mark.browser
@pytest.mark.build
def test_search_is_usable_with_the_keyboard(page_factory, served):
    """'/' opens the search, typing finds, the arrow key moves to the first result, Enter opens it at its section."""
    page = page_factory("")
    page.settle()  # Material's keyboard handling is set up
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')", timeout=WAIT)
    page.keyboard.type("重複応募")  # text typed as an IME commits it: an input event, no key
    page.keyboard.press("End")  # Material searches on key events
    page.wait_for_function("() => document.querySelector('.md-search-result__item')", timeout=WAIT)
    page.wait_for_function(STABLE, timeout=WAIT)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('article mark[data-md-highlight]')", timeout=WAIT)
    assert "/duplicates/" in page.url and "#" in page.url


@pytest.mark.browser
@pytest.mark.build
def test_search_results_pass_axe(page_factory):
    """The search dialog with results open, in both languages, has no axe violation."""
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    for path, query in [("", "研究セキュリティ"), ("en/", "indirect costs")]:
        page = page_factory(path)
        assert search(page, query)
        result = Axe().run(page)
        problems += [f"{path or 'ja'} {query}: {v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in result.response["violations"]]
    assert problems == [], "\n".join(problems)


@pytest.mark.build
def test_the_index_holds_no_words_that_change_with_the_day(fixture_site):
    """The index is written once, when the site is built; the call's status, today's marker and each
    milestone's state are rewritten by the page in the reader's browser. Indexed, they go stale: a
    result read in December that says 'the call is open' because the site was built in May misleads."""
    from callguide.blocks.guide import LABELS as STATUS
    from callguide.blocks.timeline import LABELS as TIMELINE
    from callguide.search import CUT

    for lang in ("ja", "en"):
        text = (fixture_site / "search" / f"{lang}.json").read_text(encoding="utf-8").replace(CUT, "")
        said = [STATUS[lang]["status_closed"], STATUS[lang]["status_closed_next"], TIMELINE[lang]["closed"],
                TIMELINE[lang]["today"].strip(), f" {TIMELINE[lang]['past']} "]
        assert [words for words in said if words in text] == [], lang
