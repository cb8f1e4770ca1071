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


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_criterion_is_in_the_table_of_contents(site, prefix):
    html = (site / prefix / "evaluation" / "index.html").read_text(encoding="utf-8")
    toc = html[html.index('data-md-component="toc"'):]
    ids = re.findall(r'<h3 id="(criterion-[ivx]+)"', html)
    assert len(ids) == 6
    for ident in ids:
        assert f'href="#{ident}"' in toc
