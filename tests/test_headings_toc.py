"""Headings that blocks render in HTML appear in the page's table of contents, under their section."""
import re

import pytest

from callguide.headings import missing_from_toc

PAGE = """<h1 id="evaluation">How</h1><h2 id="criteria">Criteria<a class="headerlink" href="#criteria">¶</a></h2>
<section><h3 id="criterion-i"><span>i</span> Quality &amp; plan</h3></section>
<h2 id="interviews">Interviews</h2><h3 id="known">Known</h3><h4 id="deeper">Deeper</h4>"""


def test_block_headings_are_placed_under_the_heading_before_them():
    missing = missing_from_toc(PAGE, {"evaluation", "criteria", "interviews", "known"})
    assert [(parent, h.level, h.id, h.title) for parent, h in missing] == [
        ("criteria", 3, "criterion-i", "i Quality & plan"),
        ("known", 4, "deeper", "Deeper"),
    ]


def test_block_headings_before_any_markdown_section_go_under_the_title():
    """A page whose sections are all HTML (the generated changes page): its h2s join the h1's
    children. Material shows only the h1's children; at the top level they were not shown, and
    with no child the theme wrote the contents toggle's checkbox without its label (HTMLCS F68)."""
    html = '<h1 id="top">What changed</h1>\n<div><p>Intro</p><h2 id="budget">Budget</h2><h2 id="archives">Archives</h2></div>'
    missing = missing_from_toc(html, {"top"})
    assert [(parent, h.id) for parent, h in missing] == [("top", "budget"), ("top", "archives")]


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_criterion_is_in_the_table_of_contents(site, prefix):
    html = (site / prefix / "evaluation" / "index.html").read_text(encoding="utf-8")
    toc = html[html.index('data-md-component="toc"'):]
    ids = re.findall(r'<h3 id="(criterion-[ivx]+)"', html)
    assert len(ids) == 6
    for ident in ids:
        assert f'href="#{ident}"' in toc
