"""An address is written into an href attribute escaped, wherever it is written.

The model refuses an address with a character that cannot be in a URL (test_data_errors), but
the pages must not rely on that alone: a value that slipped past it (a model change, a fact made
in code) still cannot end the attribute and start markup. Each way an address reaches a page is
rendered here with such a value put in by hand, bypassing validation, and the HTML is parsed back.
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import FIXTURE_DATA

from callguide.facts import Facts
from callguide.pages import replace
from callguide.pipeline import load
from callguide.render import Context, render_marker

BAD = 'https://www.ukri.org/"><script>alert(1)</script><x y=\'&amp;'


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser reads them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


@pytest.fixture(scope="module")
def call():
    return load(FIXTURE_DATA, "data/call.yaml").call


@pytest.fixture
def facts(call):
    """The frozen call's facts with nothing rendered yet (renderings are kept per Facts, and loading
    renders the markers of the data's texts): a value put in by hand is the one rendered."""
    return Facts(call)


def test_a_page_link_to_an_address_fact(facts, monkeypatch):
    monkeypatch.setitem(facts.by_path, "partners.uk.portal.url", BAD)
    html = replace("See [the call page]({{ partners.uk.portal.url }}).", Context(facts, "en"))
    assert parsed(html) == [("a", {"href": BAD, "data-fact": "partners.uk.portal.url"})]


def test_an_address_fact_and_a_document(facts, monkeypatch):
    """``{{ partners.uk.portal.url }}`` alone, and a document named by marker, link through ``render.element``."""
    monkeypatch.setitem(facts.by_path, "partners.uk.portal.url", BAD)
    document = facts.get("documents.guidelines")
    monkeypatch.setitem(facts.by_path, "documents.guidelines", document.model_copy(update={"url": BAD}))
    for path in ("partners.uk.portal.url", "documents.guidelines"):
        tags = parsed(str(render_marker(path, None, Context(facts, "en"))))
        assert [tag for tag, _ in tags] == ["a"], tags
        assert tags[0][1]["href"] == BAD
