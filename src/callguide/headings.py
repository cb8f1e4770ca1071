"""Headings that blocks write as HTML, so they can join the page's table of contents.

Markdown's toc extension sees only Markdown headings; a block (criteria, proposal
parts, checklist phases) writes ``<h3 id=…>`` in HTML. This finds those headings in
the rendered page, in order, with their level, id and plain text.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str


def headings(page_html: str) -> list[Heading]:
    """Every heading with an id, in document order (permalink signs removed from the text)."""
    found = []
    for level, ident, inner in _HEADING.findall(page_html):
        inner = re.sub(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', "", inner, flags=re.S)
        text = " ".join(html.unescape(_TAG.sub("", inner)).split())
        found.append(Heading(int(level), ident, text))
    return found


def missing_from_toc(page_html: str, known_ids: set[str]) -> list[tuple[str | None, Heading]]:
    """Headings not in the table of contents, each with the id of the TOC heading it falls under.

    The page's h1 is a parent like any other: Material shows only its children, so a block heading
    before any Markdown h2 must go under it, not beside it (where it was not shown, and a page with
    no other section got a contents toggle without its label)."""
    parent: str | None = None
    parent_level = 0
    out = []
    for h in headings(page_html):
        if h.id in known_ids:
            parent, parent_level = h.id, h.level
        elif h.level > max(parent_level, 1):
            out.append((parent, h))
    return out
