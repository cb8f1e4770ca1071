"""Blocks put aside from Markdown (``pages.replace`` with ``slots``) give the same HTML as blocks Markdown passes through.

hooks/fact_markers.py hands Markdown a short stand-in for each block alone on its line and puts
the block back in the HTML (a speed measure: Markdown parses raw HTML tag by tag). That is only
right while Markdown would have left the block's HTML untouched; these tests convert every page
of both languages, of the live data and of the frozen 2025 call, both ways with the site's own
Markdown extensions, and require the same HTML.
"""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from conftest import FIXTURE_2025, ROOT

from callguide.pages import fill_slots, replace, slot
from callguide.pipeline import load
from callguide.render import Context


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python tags read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _extensions() -> tuple[list[str], dict]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


def _convert(text: str) -> str:
    names, configs = _extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


CASES = [(ROOT / "data" / "call.yaml", ROOT / "docs"), (FIXTURE_2025 / "call.yaml", FIXTURE_2025 / "docs")]


@pytest.mark.parametrize("data, docs", CASES, ids=["live", "call-2025"])
def test_every_page_converts_to_the_same_html_with_its_blocks_put_aside(data: Path, docs: Path):
    facts = load(data, data.name)
    put_aside = 0
    for lang in ("ja", "en"):
        for page in sorted((docs / lang).rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            ctx = Context(facts, lang)
            slots: list[str] = []
            with_slots = fill_slots(_convert(replace(text, ctx, slots)), slots)
            assert with_slots == _convert(replace(text, ctx)), page
            put_aside += len(slots)
    assert put_aside, "no block was put aside: the test no longer tests anything"


def test_a_block_inside_markdown_in_html_is_not_put_aside():
    text = '<div class="x" markdown="1">\n\n{{ programme.fields | list }}\n\n</div>\n'
    slots: list[str] = []
    replace(text, Context(load(ROOT / "data" / "call.yaml", "call.yaml"), "en"), slots)
    assert slots == []


def test_a_lost_stand_in_is_an_error_not_a_missing_block():
    with pytest.raises(RuntimeError, match="lost its place"):
        fill_slots("<p>nothing here</p>", ["<div>block</div>"])
    assert fill_slots(f"<p>a</p>\n{slot(0)}", ["<div>b</div>"]) == "<p>a</p>\n<div>b</div>"
