"""The staff guide's error tables are real: each example, applied to call.yaml or a page, gives the message shown.

STAFF.md (Japanese) and STAFF.en.md (English) list, in section 4, what was written and the
message `make check` prints for it (without file:line:col). A row's first code span is the
edit: ``key: value`` replaces the first value of that key in call.yaml; ``{{ … }}`` is added
to a page, as are the lines of PAGE_TEXT; a few edits that are not one value (a key twice, a deleted line) are
spelt out below.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA

from callguide.errors import DataError, Problem
from callguide.format import LANGS
from callguide.pages import check_pages
from callguide.pipeline import load
from callguide.render import Context

ROOT = Path(__file__).resolve().parent.parent
BASE = FIXTURE_DATA.read_text(encoding="utf-8")  # the frozen 2025 call: the guide's examples name its values
GUIDES = {"ja": ROOT / "STAFF.md", "en": ROOT / "STAFF.en.md"}
CELL = re.compile(r"(?<!\\)\|")
CODE = re.compile(r"`([^`]+)`")

# Edits that are not "replace one value", by the code span the guide shows for them.
SPECIAL = {
    "indirect_rat: 0.3": lambda text: text.replace("  indirect_rate: 0.3\n", "  indirect_rate: 0.3\n  indirect_rat: 0.3\n", 1),
    "awards: {value: 3, unit: project, approx: true}": lambda text: text.replace(
        "  awards: {value: 3, unit: project, approx: true}\n", "  awards: {value: 3, unit: project, approx: true}\n" * 2, 1
    ),
    "en:": lambda text: re.sub(r"(?m)^(call:\n(?:.*\n)*?  name:\n    ja: .*\n)    en: .*\n", r"\1", text, count=1),
}


# Edits that are text added to a page (beside those that start with {{).
PAGE_TEXT = {"締切は2025年5月9日です。", "[the schedule](schedul.md)"}


def rows(lang: str) -> list[tuple[str, str, str | None]]:
    """(edit, English message, Japanese explanation or None) for every row of the error tables."""
    text = GUIDES[lang].read_text(encoding="utf-8")
    section = text[text.index("\n## 4.") : text.index("\n## 5.")]
    found = []
    for line in section.splitlines():
        cells = [c.strip() for c in CELL.split(line)]
        if len(cells) != 5 or not CODE.search(cells[1]) or not cells[2].startswith("`"):
            continue
        edit = CODE.search(cells[1]).group(1)
        message = CODE.search(cells[2]).group(1).replace("\\|", "|")
        ja = cells[2].split("<br>日本語: ", 1)[1].replace("\\|", "|") if "<br>日本語: " in cells[2] else None
        found.append((edit, message, ja))
    return found


def problems_for(edit: str, tmp_path: Path) -> list[Problem]:
    """The problems `make check` reports after making the edit to a copy of the data and pages."""
    data = tmp_path / "call.yaml"
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    if edit.startswith("{{") or edit in PAGE_TEXT:
        page = docs / "ja" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{edit}\n", encoding="utf-8")
        text = BASE
    elif edit.startswith("docs/"):
        (tmp_path / edit).unlink()
        text = BASE
    elif edit in SPECIAL:
        text = SPECIAL[edit](BASE)
    else:
        key = edit.split(":", 1)[0]
        m = re.search(rf"(?m)^(?P<lead>[^#\n]*?)(?<![\w.]){re.escape(key)}: [^,}}\n]*", BASE)
        assert m, f"no '{key}:' in call.yaml for the guide's example {edit!r}"
        text = BASE[: m.start() + len(m["lead"])] + edit + BASE[m.end() :]
    assert text != BASE or edit.startswith(("{{", "docs/")) or edit in PAGE_TEXT, f"the guide's example {edit!r} changed nothing"
    data.write_text(text, encoding="utf-8")
    try:
        facts = load(data, "data/call.yaml")
    except DataError as exc:
        return exc.problems
    return check_pages(docs, lambda lang: Context(facts, lang), LANGS, lambda p: p.relative_to(tmp_path).as_posix())


def any_line(text: str) -> str:
    """A line number inside a message ("first written on line 292") moves with every edit of call.yaml:
    the guide's number is an illustration, so any number matches."""
    return re.sub(r"(?<=line )\d+|\d+(?= 行目)", "N", text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_example_in_the_guide_is_what_the_checker_says(lang, tmp_path):
    examples = rows(lang)
    assert len(examples) >= 15
    for i, (edit, message, ja) in enumerate(examples):
        problems = problems_for(edit, tmp_path / str(i))
        said = {any_line(h.split(": ", 1)[1]): p for h, p in zip(headlines(problems), problems, strict=True)}
        message = any_line(message)
        assert message in said, f"{GUIDES[lang].name}: {edit!r} gives {list(said)}, not {message!r}"
        if ja is not None:
            assert any_line(said[message].message_ja) == any_line(ja), (
                f"{GUIDES[lang].name}: {edit!r}: the checker says {said[message].message_ja!r}"
            )


def test_both_guides_show_the_same_examples():
    assert [r[:2] for r in rows("ja")] == [r[:2] for r in rows("en")]
    assert all(ja for _, _, ja in rows("ja")), "the Japanese guide shows each example's Japanese explanation"


def test_both_guides_have_the_same_sections_and_commands():
    def outline(text: str) -> tuple[list[str], list[str]]:
        numbers = re.findall(r"(?m)^##+ (\d+\.)", text)
        code = " ".join(re.findall(r"(?s)```.*?```|`[^`\n]+`", text))
        commands = sorted(set(re.findall(r"make [a-z-]+|mkdocs [a-z-]+|git [a-z-]+|CALL_FILE=\S+|SITE_URL=\S+|\b[A-Z_]+=[^\s`]*", code)))
        return numbers, commands

    ja, en = (outline(path.read_text(encoding="utf-8")) for path in GUIDES.values())
    assert ja == en
