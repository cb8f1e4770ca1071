"""A link from a page to a page that does not exist is found by make check, at its place, in both languages.

MkDocs finds such a link only when it builds, as a WARNING with no place and no Japanese ("Doc file
'ja/schedule.md' contains a link 'nothere.md', but the target is not found"), which stops a strict
build: staff who ran make check were told all was well (a fault injector's case). Anchors (#…) are
left to the build: many are made by the blocks, not written in the pages.
"""
from __future__ import annotations

import pytest
from test_page_reading import checked

from callguide.errors import DataError
from callguide.pipeline import load_and_check_pages

LINK_PROBLEM = ("link to '{target}': there is no such page in docs/{lang}/; "
                "write the name of a page of the same folder, such as apply.md")


def add_line(root, name: str, line: str) -> str:
    """Append ``line`` to the page ``name``; returns where the link's target starts (line:col)."""
    page = root / name
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    page.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    number = len(lines) - 1
    return f"{number}:{lines[number - 1].index('](') + 3}"


def test_a_link_to_a_missing_page_is_a_located_problem_in_each_language(frozen_project):
    ja = add_line(frozen_project, "docs/ja/schedule.md", "[ない](nothere.md)も見てください。")
    en = add_line(frozen_project, "docs/en/schedule.md", "See [the missing page](nothere.md#top).")
    assert checked(frozen_project) == [
        f"docs/en/schedule.md:{en}: nothere.md#top: " + LINK_PROBLEM.format(target="nothere.md", lang="en"),
        f"docs/ja/schedule.md:{ja}: nothere.md: " + LINK_PROBLEM.format(target="nothere.md", lang="ja"),
    ]


def test_links_to_pages_that_exist_anchors_markers_and_code_are_no_problem(frozen_project):
    """(An address typed into a page is a fact typed by hand, the next test's problem: addresses come
    through markers.)"""
    for lang in ("ja", "en"):
        add_line(frozen_project, f"docs/{lang}/schedule.md",
                 "[a](apply.md) [b](budget.md#japan) [c](#add-to-calendar) [d]({{ partners.uk.portal.url }}) `[f](nothere.md)`")
    assert checked(frozen_project) == "no problem"


def test_a_fact_typed_into_a_page_is_a_located_problem(frozen_project):
    """Every date, amount, count, address and URL comes through a marker, so every page, calendar and PDF says
    the same. make check is where staff look while they edit; the tests' scan (test_guide_typed_facts) came
    only with make test (a fault injector's case D3: typed into both languages, check and build passed)."""
    ja_line, en_line = "[締切](apply.md)は2025年5月9日です。", "[The cap](budget.md) is 285,000,000 yen."
    ja = add_line(frozen_project, "docs/ja/schedule.md", ja_line).split(":")[0]
    en = add_line(frozen_project, "docs/en/schedule.md", en_line).split(":")[0]
    problems = checked(frozen_project)
    assert f"docs/en/schedule.md:{en}:{en_line.index('285') + 1}: 285,000,000: '285,000,000' looks like a grouped number typed by hand" in "\n".join(problems), problems
    assert f"docs/ja/schedule.md:{ja}:{ja_line.index('2025') + 1}: 2025年: '2025年' looks like a year in Japanese typed by hand" in "\n".join(problems), problems
    assert f"docs/ja/schedule.md:{ja}:{ja_line.index('5月') + 1}: 5月9日: '5月9日' looks like a date in Japanese typed by hand" in "\n".join(problems), problems


def test_a_heading_id_in_one_language_only_is_a_located_problem(frozen_project):
    """A page's sections are paired with their translations by the heading's {#id}. Changed in one language
    (a fault injector's case D10), check said only 'translation drift' at line 1, and following its advice,
    make confirm, recorded the English section as empty: the two were unpaired for good."""
    page = frozen_project / "docs" / "en" / "schedule.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{#add-to-calendar}", "{#add-to-cal}", 1), encoding="utf-8")
    ja_text = (frozen_project / "docs" / "ja" / "schedule.md").read_text(encoding="utf-8")
    en_at = text[: text.index("{#add-to-calendar}")]
    ja_at = ja_text[: ja_text.index("{#add-to-calendar}")]
    with pytest.raises(DataError) as exc:  # translation drift is reported too, with its diff: headlines only
        load_and_check_pages(frozen_project, frozen_project / "docs")
    problems = "\n".join(p.headline for p in exc.value.problems)
    assert (f"docs/en/schedule.md:{en_at.count(chr(10)) + 1}:{len(en_at.rpartition(chr(10))[2]) + 1}: {{#add-to-cal}}: "
            "heading id '#add-to-cal' is not in docs/ja/schedule.md") in problems, problems
    assert (f"docs/ja/schedule.md:{ja_at.count(chr(10)) + 1}:{len(ja_at.rpartition(chr(10))[2]) + 1}: {{#add-to-calendar}}: "
            "heading id '#add-to-calendar' is not in docs/en/schedule.md") in problems, problems


def headlines_of(root) -> str:
    """Every problem's first line (translation drift is reported too, with its diff)."""
    try:
        load_and_check_pages(root, root / "docs")
    except DataError as exc:
        return "\n".join(p.headline for p in exc.problems)
    return ""


def test_a_page_with_windows_line_endings_is_checked_as_any_other(frozen_project):
    """Saved with Windows line endings (CRLF), a page's fenced block never closed for the check, and a broken
    marker after it was published as typed (a maintainer's read; MkDocs reads CRLF as plain line ends)."""
    for lang in ("ja", "en"):
        page = frozen_project / "docs" / lang / "apply.md"
        text = page.read_text(encoding="utf-8") + "\n```text\nan example\n```\n\n{{ schedule.erad_deadlin }}\n"
        page.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    said = headlines_of(frozen_project)
    assert "docs/en/apply.md" in said and "unknown fact 'schedule.erad_deadlin'" in said, said


def test_a_front_matter_closed_with_dots_keeps_its_headings(frozen_project):
    page = frozen_project / "docs" / "en" / "apply.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\n...\n", 1), encoding="utf-8")
    assert "heading id" not in headlines_of(frozen_project)


def test_odd_links_are_located_problems_or_none(frozen_project):
    long = "a" * 300
    ja = add_line(frozen_project, "docs/ja/schedule.md", f"[長い]({long}.md)と[英語版](../en/schedule.md)")
    add_line(frozen_project, "docs/en/schedule.md", f"[long]({long}.md) and [Japanese](../ja/schedule.md)")
    said = headlines_of(frozen_project)
    assert f"docs/ja/schedule.md:{ja}: {long}.md: link to '{long}.md': there is no such page" in said, said
    assert "../en/schedule.md" not in said and "../ja/schedule.md" not in said, said


def test_a_heading_id_used_twice_in_a_page_is_said_as_such(frozen_project):
    page = frozen_project / "docs" / "ja" / "apply.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n#### 補足 {#pdf-merge}\n"
    page.write_text(text, encoding="utf-8")
    ja = text.count("\n")
    said = headlines_of(frozen_project)
    assert f"docs/ja/apply.md:{ja}:9: {{#pdf-merge}}: heading id '#pdf-merge' is used twice in this page" in said, said
    assert "is not in docs/en/apply.md" not in said, said
