"""Every page has a meta description in its own language, and every heading a stable, explicit id."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import pages as built_pages
from test_guide_pairs import headings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
META = re.compile(r'<meta\s+name="description"\s+content="(?P<content>[^"]*)"')
HEADING_TAG = re.compile(r"<h(?P<level>[1-6])(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)>", re.DOTALL)


def all_sources() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


@pytest.mark.build
def test_every_built_page_has_a_description_in_its_language(site):
    problems = []
    for key, langs in sorted(built_pages(site).items()):
        descriptions = {}
        for lang, path in langs.items():
            m = META.search(path.read_text(encoding="utf-8"))
            if not m or not m["content"].strip():
                problems.append(f"{lang}/{key}: no meta description")
                continue
            text = unescape(m["content"])
            descriptions[lang] = text
            if lang == "ja" and not JAPANESE.search(text):
                problems.append(f"ja/{key}: the description is not in Japanese: {text!r}")
            if lang == "en" and JAPANESE.search(text):
                problems.append(f"en/{key}: the description has Japanese in it: {text!r}")
        if len(descriptions) == 2 and descriptions["ja"] == descriptions["en"]:
            problems.append(f"{key}: ja and en share one description")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", all_sources(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_heading_has_an_explicit_id(page):
    missing = [
        f"{page.relative_to(ROOT)}:{h.line}: '{h.text}' has no {{#id}}" for h in headings(page.read_text(encoding="utf-8")) if not h.id
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.build
def test_built_headings_keep_their_source_ids(site):
    """An id is the one written in the source, not one made from a fact's text (which would change with the data)."""
    problems = []
    for key, langs in sorted(built_pages(site).items()):
        for lang, path in langs.items():
            html = path.read_text(encoding="utf-8")
            article = html[html.find("<article") : html.find("</article>")]
            for m in HEADING_TAG.finditer(article):
                ident = re.search(r'\bid="([^"]+)"', m["attrs"])
                if not ident:
                    problems.append(f"{lang}/{key}: <h{m['level']}> without an id: {re.sub('<[^>]+>', '', m['inner'])[:60]}")
                elif re.fullmatch(r"_\d+", ident.group(1)) or re.search(r"\d{4}", ident.group(1)):
                    problems.append(f"{lang}/{key}: heading id {ident.group(1)!r} looks generated, not written")
    assert not problems, "\n".join(problems)
