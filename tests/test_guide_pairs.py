"""Each ja/en page pair says the same thing: same headings (count, order, ids), same facts, same internal links.

Headings and links are read from the Markdown sources (so a failure names the
line); facts from the built pages (so the values are those a reader sees).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from conftest import pages as built_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# An id is written in the source: typed ({#budget}) or a partner's id from the data ({#{{ partners.uk | id }}}).
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>(?:[\w-]|\{\{[^}\n]*\}\})+)[^}]*\})?\s*#*\s*$")
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\((?P<target>[^)\s]+)[^)]*\)")
FACT = re.compile(r"<([a-zA-Z][\w-]*)\b([^>]*\bdata-fact\s*=[^>]*)>")
ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    line: int


def source_lines(text: str):
    """(line number, line) outside fenced code and front matter."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        start = end + 1
    fence = None
    for i in range(start, len(lines)):
        line = lines[i]
        m = FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield i + 1, line


def headings(text: str) -> list[Heading]:
    out = []
    for n, line in source_lines(text):
        m = HEADING.match(line)
        if m and line.startswith("#"):
            out.append(Heading(len(m["level"]), m["text"], m["id"], n))
    return out


def internal_links(text: str) -> list[tuple[str, int, str | None]]:
    """(target, line, heading above) of every link that stays inside the site; markers and external URLs excluded."""
    out = []
    current = None
    for n, line in source_lines(text):
        h = HEADING.match(line)
        if h and line.startswith("#"):
            current = h["id"] or h["text"]
        for m in LINK.finditer(line):
            target = m["target"]
            if target.startswith(("{{", "http:", "https:", "mailto:", "//")):
                continue
            out.append((target, n, current))
    return out


def source_pairs() -> list[str]:
    names = {p.relative_to(DOCS / "ja").as_posix() for p in (DOCS / "ja").rglob("*.md")}
    names |= {p.relative_to(DOCS / "en").as_posix() for p in (DOCS / "en").rglob("*.md")}
    return sorted(names)


@pytest.mark.parametrize("name", source_pairs())
def test_page_exists_in_both_languages(name):
    missing = [lang for lang in ("ja", "en") if not (DOCS / lang / name).exists()]
    assert not missing, f"{name}: no {' or '.join(missing)} version"


def compare_headings(name: str, ja: str, en: str) -> list[str]:
    hj, he = headings(ja), headings(en)
    problems = []
    if len(hj) != len(he):
        problems.append(f"{name}: ja has {len(hj)} headings, en has {len(he)}")
    for i, (a, b) in enumerate(zip(hj, he), 1):
        if (a.level, a.id) != (b.level, b.id):
            problems.append(
                f"{name}: heading №{i} differs: ja line {a.line} '{'#' * a.level} {a.text} {{#{a.id}}}' "
                f"vs en line {b.line} '{'#' * b.level} {b.text} {{#{b.id}}}'"
            )
    if len(hj) != len(he):
        extra = hj[len(he) :] or he[len(hj) :]
        lang = "ja" if len(hj) > len(he) else "en"
        problems += [f"{name}: extra heading in {lang} at line {h.line}: '{h.text}' {{#{h.id}}}" for h in extra]
    return problems


def compare_links(name: str, ja: str, en: str) -> list[str]:
    lj, le = internal_links(ja), internal_links(en)
    problems = []
    for i in range(max(len(lj), len(le))):
        a = lj[i] if i < len(lj) else None
        b = le[i] if i < len(le) else None
        if a is None or b is None or a[0] != b[0]:
            where = f"under heading '{(a or b)[2]}'"
            problems.append(
                f"{name}: internal link №{i + 1} {where} differs: ja {a[0] + ' (line ' + str(a[1]) + ')' if a else 'none'} "
                f"vs en {b[0] + ' (line ' + str(b[1]) + ')' if b else 'none'}"
            )
            break  # later links are shifted; the first difference is the one to fix
    return problems


@pytest.mark.parametrize("name", source_pairs())
def test_pair_has_the_same_headings(name):
    ja, en = ((DOCS / lang / name).read_text(encoding="utf-8") for lang in ("ja", "en"))
    problems = compare_headings(name, ja, en)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", source_pairs())
def test_pair_has_the_same_internal_links(name):
    ja, en = ((DOCS / lang / name).read_text(encoding="utf-8") for lang in ("ja", "en"))
    problems = compare_links(name, ja, en)
    assert not problems, "\n".join(problems)


def test_comparisons_name_the_pair_and_the_heading():
    ja = "# 予算 {#budget}\n\n## 上限 {#caps}\n\n[計画](planner.md)\n"
    en = "# Budget {#budget}\n\n## Caps {#limits}\n\n[Plan](schedule.md)\n"
    heads = compare_headings("budget.md", ja, en)
    assert heads and "budget.md: heading №2 differs" in heads[0] and "上限" in heads[0] and "Caps" in heads[0]
    links = compare_links("budget.md", ja, en)
    assert links and "budget.md" in links[0] and "caps" in links[0] and "planner.md" in links[0] and "schedule.md" in links[0]


def facts_in(html: str) -> Counter:
    found: Counter = Counter()
    article = html[html.find("<article") : html.find("</article>")]
    for _, attrs in FACT.findall(article):
        a = dict(ATTR.findall(attrs))
        value = a.get("datetime") or a.get("value") or a.get("href", "").removeprefix("mailto:")
        found[(a["data-fact"], unescape(value))] += 1
    return found


@pytest.mark.build
def test_pairs_carry_the_same_facts(site):
    problems = []
    for key, langs in sorted(built_pages(site).items()):
        assert set(langs) == {"ja", "en"}, f"{key}: built only in {', '.join(langs)}"
        fj, fe = (facts_in(langs[lang].read_text(encoding="utf-8")) for lang in ("ja", "en"))
        for fact in sorted(set(fj) | set(fe)):
            if fj[fact] != fe[fact]:
                problems.append(f"{key}: fact {fact[0]} = {fact[1]!r} appears {fj[fact]}× in ja and {fe[fact]}× in en")
    assert not problems, "\n".join(problems)
