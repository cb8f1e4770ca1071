"""What hooks/material_search.py relies on in the pinned Material, and that remembered sections equal parsed ones."""
from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest
from material.plugins.search import plugin as search_plugin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))


def test_the_indexer_makes_its_parser_by_the_module_name_and_feeds_a_page_once():
    source = inspect.getsource(search_plugin.SearchIndex.add_entry_from_context)
    assert "parser = Parser()" in source and "parser.feed(page.content)" in source and "parser.close()" in source, source
    assert source.count("feed(") == 1


def sections(parser) -> list:
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text) for s in parser.data]


def test_remembered_sections_are_the_parsed_ones(tmp_path, monkeypatch):
    import material_search
    from build_state import STATE

    monkeypatch.setattr(STATE, "cache", tmp_path)
    monkeypatch.setattr(search_plugin, "Parser", search_plugin.Parser)  # put back after the test
    html = (
        '<h1 id="budget">予算<a class="headerlink" href="#budget">¶</a></h1><p>Up to <data value="285000000">¥285,000,000</data>.</p>'
        '<h2 id="uk">UK side</h2><ul><li>FEC <span lang="en">full economic cost</span></li></ul><pre><code>a  b</code></pre>'
    )
    plain = search_plugin.Parser()
    plain.feed(html)
    plain.close()
    material_search.remember_sections()
    first = search_plugin.Parser()
    first.feed(html)
    first.close()
    assert list((tmp_path / material_search.FOLDER).glob("*.sections")), "the sections were kept"
    def refuse(self, end):
        raise AssertionError("the page was parsed again")

    with monkeypatch.context() as patch:
        patch.setattr(material_search.MemoParser, "goahead", refuse)
        again = search_plugin.Parser()
        again.feed(html)
        again.close()
    assert sections(first) == sections(again) == sections(plain)
    with monkeypatch.context() as patch:  # another Python (its html.parser): the page is parsed again
        patch.setattr(material_search.sys, "version", "another Python")
        patch.setattr(material_search.MemoParser, "goahead", refuse)
        with pytest.raises(AssertionError, match="parsed again"):
            material_search.MemoParser().feed(html)
    for entry in (tmp_path / material_search.FOLDER).glob("*.sections"):
        entry.write_bytes(entry.read_bytes()[:-5])  # damaged: parsed again, same sections
    damaged = search_plugin.Parser()
    damaged.feed(html)
    damaged.close()
    assert sections(damaged) == sections(plain)


def test_loaded_again_it_still_wraps_materials_own_parser(monkeypatch):
    """Run twice in one process (a module loaded again), the memo must not wrap itself."""
    import importlib

    import material_search

    monkeypatch.setattr(search_plugin, "Parser", search_plugin.Parser)
    material_search.remember_sections()
    again = importlib.reload(material_search)
    again.remember_sections()
    assert search_plugin.Parser.__mro__[1] is again.MemoParser.material_parser
    assert "MemoParser" not in again.MemoParser.material_parser.__name__
