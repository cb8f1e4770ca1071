"""Header cells name the cells they head in a way the table's structure supports.

``scope="colgroup"`` means "the rest of this column group": in a table without ``<colgroup>``
there is none, so the header heads nothing a screen reader can find (axe only asks for a review;
HTML_CodeSniffer reports an error). Every built page is read, both languages, 404 pages and
archived years included.
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import html_paths


class _Tables(HTMLParser):
    """Finds ``th scope="colgroup"`` cells whose first column is in no column group of their table.

    A column group spans its ``<col>`` children, or its own ``span`` without them (``</colgroup>``
    may be left out). Columns are counted by colspan within the row (no table here uses rowspan
    over such a header).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []  # open tables, innermost last
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.stack.append({"groups": [], "cols": 0, "open": None, "col": 0, "headers": []})
            return
        if not self.stack:
            return
        t = self.stack[-1]
        if tag == "col" and t["open"]:
            t["open"]["cols"] += _int(a.get("span"))
            return
        self._close_group(t)
        if tag == "colgroup":
            t["open"] = {"span": _int(a.get("span")), "cols": 0}
        elif tag == "tr":
            t["col"] = 0
        elif tag in ("th", "td"):
            if tag == "th" and a.get("scope") == "colgroup":
                t["headers"].append((t["col"], self.getpos()[0], a.get("id") or ""))
            t["col"] += _int(a.get("colspan"))

    def handle_endtag(self, tag):
        if not self.stack:
            return
        if tag == "colgroup":
            self._close_group(self.stack[-1])
        elif tag == "table":
            t = self.stack.pop()
            for col, line, ident in t["headers"]:
                if not any(first <= col < first + span for first, span in t["groups"]):
                    self.problems.append(f'line {line}: th{"#" + ident if ident else ""} scope="colgroup" in a table without that column group')

    @staticmethod
    def _close_group(t: dict) -> None:
        group, t["open"] = t["open"], None
        if group:
            span = group["cols"] or group["span"]
            t["groups"].append((t["cols"], span))
            t["cols"] += span


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def colgroup_problems(html: str) -> list[str]:
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.build
def test_no_colgroup_header_without_its_column_group(site):
    problems = []
    for path in html_paths(site):
        file = site / (path + "index.html" if path.endswith("/") or path == "" else path)
        problems += [f"{path or '/'}: {p}" for p in colgroup_problems(file.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems)


def test_the_reader_finds_a_colgroup_header_without_its_group():
    bad = '<table><tr><th colspan="2" scope="colgroup" id="q">Q</th></tr><tr><td>a</td><td>b</td></tr></table>'
    grouped = '<table><colgroup><col><col></colgroup><tr><th colspan="2" scope="colgroup">Q</th></tr></table>'
    spanned = '<table><colgroup span="2"></colgroup><tr><td>x</td><th scope="colgroup">Q</th></tr></table>'
    outside = '<table><colgroup span="1"></colgroup><tr><td>x</td><th scope="colgroup">Q</th></tr></table>'
    nested = f'<table><tr><td>{bad}</td><th scope="col">C</th></tr></table>'
    assert colgroup_problems(bad) == ['line 1: th#q scope="colgroup" in a table without that column group']
    assert colgroup_problems(grouped) == [] and colgroup_problems(spanned) == []
    assert len(colgroup_problems(outside)) == 1 and len(colgroup_problems(nested)) == 1
