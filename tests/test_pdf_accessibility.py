"""checklist.pdf toward PDF/UA-1: what a screen reader gets from the structure tree, read back with pikepdf.

Each language's built PDF: marked and in its language, identified as PDF/UA-1 in XMP with its
title, page numbers and running header as pagination artifacts (no untagged content), text in
the other language tagged with its /Lang, and the tagged text of every block equal to the text
of the HTML it was printed from (so a soft line break keeps its space: "call guidelines", not
"callguidelines").
"""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest
from conftest import DATA
from tagged_pdf import Content, Node, read

from callguide.lang_parts import mark_language_parts
from callguide.pdf import LABELS, japanese_font, print_html
from callguide.pipeline import load
from callguide.render import plain

LANGS = {"ja": "", "en": "en/"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
BLOCKS = {"h1", "h2", "h3", "p", "dt", "dd", "li"}
BLOCK_TAGS = {"/H1", "/H2", "/H3", "/P", "/LBody"}


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def squash(text: str) -> str:
    return " ".join(text.split())


class _Blocks(HTMLParser):
    """The text of each block the print template writes (headings, paragraphs, list items), in order."""

    def __init__(self):
        super().__init__()
        self.open: list[list[str]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.open.append([])

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.found.append(squash("".join(self.open.pop())))

    def handle_data(self, data):
        if self.open:
            self.open[-1].append(data)


class _LangSpans(HTMLParser):
    """The text of each ``<span lang=…>`` with its language."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.found: list[tuple[str, str]] = []
        self.buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            lang = dict(attrs).get("lang")
            self.stack.append(lang)
            if lang:
                self.buf = []

    def handle_endtag(self, tag):
        if tag == "span" and self.stack.pop():
            self.found.append((self.lastlang, "".join(self.buf)))

    def handle_data(self, data):
        langs = [s for s in self.stack if s]
        if langs:
            self.lastlang = langs[-1]
            self.buf.append(data)


def html_blocks(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    return parser.found


def other_language_parts(html: str, lang: str) -> list[tuple[str, str]]:
    parser = _LangSpans()
    parser.feed(mark_language_parts(html, lang))
    return parser.found


@pytest.fixture(scope="module", params=list(LANGS))
def built(request, site):
    lang = request.param
    root, marks, pdf = read(site / LANGS[lang] / "checklist.pdf")
    return lang, root, marks, pdf


@pytest.mark.build
def test_marked_and_in_its_language(built):
    lang, _, _, pdf = built
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == lang
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.build
def test_xmp_names_the_title_and_pdf_ua_1(built, facts):
    lang, _, _, pdf = built
    title = f"{plain(facts, 'call.name', lang)} – {LABELS[lang]['subtitle']}"
    assert str(pdf.docinfo["/Title"]) == title
    meta = pdf.open_metadata()
    assert meta["dc:title"] == title
    assert meta["pdfuaid:part"] == "1"


@pytest.mark.build
def test_page_numbers_and_running_header_are_pagination_artifacts(built, facts):
    lang, root, marks, pdf = built
    pages = len(pdf.pages)  # as many as the call's checklist needs (a staff edit may add a page)
    for page, mark in enumerate(marks):
        assert mark.untagged == [], f"page {page + 1}: text outside any marked-content sequence"
        pagination = [text for props, text in mark.artifacts if props.get("/Type") == "/Pagination"]
        assert f"{page + 1} / {pages}" in pagination
        if page:
            assert plain(facts, "call.name", lang) in pagination
    referenced = {(c.page, c.mcid) for c in root.walk() if isinstance(c, Content)}
    drawn = {(page, mcid) for page, mark in enumerate(marks) for mcid in mark.by_mcid}
    assert drawn <= referenced, "every marked-content sequence with text belongs to a structure element"
    assert f"1 / {pages}" not in root.text


@pytest.mark.build
@pytest.mark.parametrize("lang", list(LANGS))
def test_the_2025_checklists_second_page_has_the_running_header(fixture_site, lang):
    """The frozen 2025 call's checklist has two pages: the second is where the running header is seen
    (the live call's may have one page or three after a staff edit; the test above takes any number)."""
    from callguide.pipeline import load as load_facts

    _, marks, pdf = read(fixture_site / LANGS[lang] / "checklist.pdf")
    facts = load_facts(fixture_site.parent / "project" / "data" / "call.yaml", "data/call.yaml")
    assert len(pdf.pages) == 2
    pagination = [text for props, text in marks[1].artifacts if props.get("/Type") == "/Pagination"]
    assert "2 / 2" in pagination and plain(facts, "call.name", lang) in pagination


@pytest.mark.build
def test_other_language_parts_carry_their_lang(built, facts):
    lang, root, _, _ = built
    parts = other_language_parts(print_html(facts, lang, japanese_font()), lang)
    assert parts, "the checklist has text in the other language"
    nodes = [n for n in root.walk() if isinstance(n, Node)]
    for part_lang, text in parts:
        assert any(squash(n.text) == squash(text) and n.lang == part_lang for n in nodes), (part_lang, text)
    if lang == "en":
        assert ("ja", "日本語") in parts
        for c in root.walk():
            if isinstance(c, Content) and JAPANESE.search(c.text):
                assert c.lang == "ja", c.text


@pytest.mark.build
def test_tagged_text_of_each_block_equals_the_html(built, facts):
    lang, root, _, _ = built
    expected = html_blocks(print_html(facts, lang, japanese_font()))
    tagged = [squash(n.text) for n in root.walk() if isinstance(n, Node) and n.tag in BLOCK_TAGS]
    assert tagged == expected
    if lang == "en":
        assert "JST's call guidelines." in " ".join(tagged)


@pytest.mark.build
def test_reader_decodes_what_pdftotext_reads(built):
    """The test's own reader agrees with poppler on every piece of text (so its findings are the PDF's, not its own)."""
    _, _, marks, pdf = built
    text = "".join(subprocess.run(["pdftotext", str(pdf.filename), "-"], capture_output=True, text=True, check=True).stdout.split())
    pieces = [t for m in marks for t in [*m.by_mcid.values(), *(t for _, t in m.artifacts), *m.untagged]]
    assert len(pieces) > 50
    for piece in pieces:
        assert "\ufffd" not in piece
        assert "".join(piece.split()) in text, piece


# A paragraph whose soft line breaks fall, at one width or another, inside a text, at the edge of an
# inline element (where WeasyPrint drops the space in another place), inside a link and next to a
# text of spaces only between two elements; and a part in Japanese.
PARAGRAPH = (
    'Check the <b>limits</b> on <data value="1">duplicate applications</data> (<i>at most</i> 1) as PI. '
    'If you <a href="mailto:x@y.z">write to x@y.z</a> already take <span lang="ja">日本語</span> part, '
    "tell <em>JST</em> in advance: <span>x</span> <span>y</span> z."
)
WIDTHS = (90, 130, 177, 195, 240, 294, 330, 384)


@pytest.mark.subprocess
def test_tagged_text_keeps_every_space_at_any_width():
    import io
    from datetime import date

    import pikepdf
    from tagged_pdf import structure

    from callguide.pdf_worker import render_pdf

    expected = squash(re.sub(r"<[^>]+>", "", PARAGRAPH))
    for width in WIDTHS:
        html = (
            f'<html lang="en"><head><title>t</title><style>p {{ width: {width}px; font-family: "{japanese_font().family}"; }}</style>'
            f"</head><body><p>{PARAGRAPH}</p></body></html>"
        )
        root = structure(pikepdf.open(io.BytesIO(render_pdf(html, date(2025, 1, 1)))))
        assert [squash(n.text) for n in root.walk() if isinstance(n, Node) and n.tag == "/P"] == [expected], width
        japanese = [c for c in root.walk() if isinstance(c, Content) and JAPANESE.search(c.text)]
        assert "".join(c.text for c in japanese) == "日本語" and {c.lang for c in japanese} == {"ja"}, width


@pytest.mark.subprocess
def test_weasyprint_is_left_as_it_was_and_only_version_70_is_completed(facts, monkeypatch):
    """The wrapped WeasyPrint functions are restored after each rendering, and another version is refused."""
    import weasyprint
    from weasyprint.layout import inline
    from weasyprint.pdf import tags

    from callguide import pdf_tags
    from callguide.pdf_worker import render_pdf

    before = (inline.get_next_linebox, tags._build_box_tree)
    render_pdf(print_html(facts, "en", japanese_font()), facts.call.call.data_as_of)
    assert (inline.get_next_linebox, tags._build_box_tree) == before
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(RuntimeError, match="checked against WeasyPrint 70"), pdf_tags.tagging():
        pass
    assert (inline.get_next_linebox, tags._build_box_tree) == before
