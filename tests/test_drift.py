"""Translation drift: a text changed in one language only is found, located and shown with both sides.

The pure comparison (``drift.drift``) on made-up texts first: edits to one side, to both, to
neither, and one-sided after both-sided. Then ``make check`` and ``make confirm`` on a copy of the
frozen 2025 call and its pages (a data text and a page section; a draft and a published call),
without git (a tarball: only the lock counts) and, marked ``subprocess``, in a git repository.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import FIXTURE_2025, ROOT, edit_once, fixture_project
from valid_edits import EDITS, edited

from callguide import drift
from callguide.__main__ import main
from callguide.drift import DOCS, Bilingual, Where
from callguide.new_call import new_call
from callguide.translation_lock import LOCK, Lock, confirm, lock_text, migrate, parse_lock, read_lock

PART = "data/call.yaml"


def text(path: str, ja: str, en: str, part: str = PART) -> Bilingual:
    return Bilingual(part, path, ja, en, Where(part, 10, 5), Where(part, 11, 5))


def lock(**texts: tuple[str, str]) -> Lock:
    return Lock({PART: {path.replace("_", "."): pair for path, pair in texts.items()}})


def found(current, locked, head=None, draft=False):
    problems, reminders = drift.drift(current, locked, head, draft)
    return [(p.path, p.message.split(":")[0]) for p in problems], [(p.path, p.message.split(":")[0]) for p in reminders]


# --- the comparison ---------------------------------------------------------------------------


def test_neither_side_changed_is_silent():
    assert found([text("a.b", "あ", "A")], lock(a_b=("あ", "A")), {(PART, "a.b"): ("あ", "A")}) == ([], [])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_side_changed_is_a_problem_in_a_published_call_at_that_side(lang):
    now = text("a.b", "い", "A") if lang == "ja" else text("a.b", "あ", "B")
    problems, reminders = drift.drift([now], lock(a_b=("あ", "A")), None, draft=False)
    assert reminders == [] and len(problems) == 1
    p = problems[0]
    assert (p.file, p.line, p.col, p.path) == (PART, 10 if lang == "ja" else 11, 5, "a.b")
    name, other = ("Japanese", "English") if lang == "ja" else ("English", "Japanese")
    assert p.message.startswith(f"translation drift: the {name} was changed and the {other} was not (since its translation was last confirmed)")
    assert "make confirm ONLY=a.b" in p.message and "翻訳のずれ" in p.message_ja
    # Both sides, confirmed and now, under the Japanese line.
    lines = str(p).split("\n")
    assert lines[1].startswith("    日本語: ")
    if lang == "ja":
        assert lines[2:] == [
            "    ja data/call.yaml:10:5 (confirmed / 確認済み): あ",
            "    ja data/call.yaml:10:5 (now / 現在): い",
            "    ja changed / 変更箇所: 「あ」 → 「い」",
            "    en data/call.yaml:11:5 (unchanged / 変更なし): A",
        ]
    else:
        assert "    en data/call.yaml:11:5 (confirmed / 確認済み): A" in lines and "    en data/call.yaml:11:5 (now / 現在): B" in lines


def test_one_side_changed_is_a_reminder_in_a_draft():
    problems, reminders = drift.drift([text("a.b", "い", "A")], lock(a_b=("あ", "A")), None, draft=True)
    assert problems == [] and len(reminders) == 1
    assert reminders[0].message.endswith("a reminder in a draft, an error once draft: true is removed")


def test_both_sides_changed_is_a_reminder_to_review():
    assert found([text("a.b", "い", "B")], lock(a_b=("あ", "A"))) == ([], [("a.b", "changed together in both languages since its last confirmation, please review")])


def test_one_side_after_both_sides_is_caught_by_the_last_commit():
    """Both sides changed and committed without confirming, then one side again: drift since the last commit."""
    current = [text("a.b", "う", "B")]
    head = {(PART, "a.b"): ("い", "B")}
    problems, reminders = drift.drift(current, lock(a_b=("あ", "A")), head, draft=False)
    assert len(problems) == 1 and reminders == []
    assert "(since the last commit)" in problems[0].message and "（最後のコミット以降）" in problems[0].message_ja
    detail = problems[0].detail
    for shown in ("(confirmed / 確認済み): あ", "(last commit / 最後のコミット): い", "(now / 現在): う", "en data/call.yaml:11:5 (confirmed / 確認済み): A"):
        assert shown in detail, detail
    # Without git (a tarball) only the lock counts: changed together.
    assert found(current, lock(a_b=("あ", "A")), None)[0] == []


def test_a_one_sided_edit_once_confirmed_is_fine_whatever_the_last_commit():
    assert found([text("a.b", "い", "A")], lock(a_b=("い", "A")), {(PART, "a.b"): ("あ", "A")}) == ([], [])


def test_a_moved_text_stays_confirmed_and_a_new_one_is_a_reminder():
    """An item inserted at the top of a list moves the others: each is still its confirmed pair."""
    current = [text("l.0", "新", "New"), text("l.1", "あ", "A"), text("l.2", "い", "B")]
    assert found(current, lock(l_0=("あ", "A"), l_1=("い", "B"))) == ([], [("l.0", "changed together in both languages since its last confirmation, please review")])
    assert found([text("x", "新", "New")], lock(l_0=("あ", "A"))) == ([], [("x", "new text, not yet confirmed")])


def test_without_a_lock_one_reminder_and_the_last_commit_still_counts():
    problems, reminders = drift.drift([text("a.b", "い", "A"), text("c", "う", "C")], None, {(PART, "a.b"): ("あ", "A")}, draft=False)
    assert [p.path for p in problems] == ["a.b"] and "(since the last commit)" in problems[0].message
    assert [(r.file, r.path) for r in reminders] == [("data/translations.lock.yaml", PART)]


def test_sections_are_cut_at_headings_with_ids_outside_code():
    page = "---\ndescription: d\n---\n\n# Title {#top}\n\nIntro.  \n\n```md\n## not a heading {#x}\n```\n\n## Part {#part}\n\ntext\n### no id\nmore\n\n"
    assert drift.sections(page) == [
        ("", 1, "---\ndescription: d\n---"),
        ("top", 5, "# Title {#top}\n\nIntro.\n\n```md\n## not a heading {#x}\n```"),
        ("part", 13, "## Part {#part}\n\ntext\n### no id\nmore"),
    ]


def test_page_sections_pair_by_heading_id():
    pages = {"a.md": {"ja": ("docs/ja/a.md", "# あ {#a}\n\n本文\n\n## 追加 {#extra}\n"), "en": ("docs/en/a.md", "# A {#a}\n\nBody\n")}}
    got = {t.path: (t.ja, t.en, t.at_ja.line, t.at_en.line) for t in drift.page_texts(pages)}
    assert got == {"a.md": ("", "", 1, 1), "a.md#a": ("# あ {#a}\n\n本文", "# A {#a}\n\nBody", 1, 1), "a.md#extra": ("## 追加 {#extra}", "", 5, 1)}


def test_the_lock_reads_back_as_written_and_migrates_by_a_path_mapping():
    live = read_lock(ROOT)
    assert parse_lock(lock_text(live), "x") == live
    assert (ROOT / LOCK).read_text(encoding="utf-8") == lock_text(live)  # as make confirm writes it
    moved = migrate(live, {"budget.network_share": "partners.uk.network_share", "budget": "nowhere"}, {"budget.md#uk": "budget.md#partner-uk"})
    data = moved.parts[PART]
    assert not any(p.startswith("budget.network_share.") for p in data) and any(p.startswith("partners.uk.network_share.") for p in data)
    assert moved.parts[DOCS]["budget.md#partner-uk"] == live.parts[DOCS]["budget.md#uk"]
    assert "budget.md#caps" in moved.parts[DOCS]  # fact paths do not rename page sections
    assert sum(map(len, moved.parts.values())) == sum(map(len, live.parts.values()))



def test_confirm_records_the_texts_named_and_keeps_a_part_not_checked_now():
    current = [text("budget.a", "い", "B"), text("call.name", "名", "Name"), text("budget.md#caps", "上限", "Caps", DOCS)]
    old = Lock({PART: {"budget.a": ("あ", "A"), "gone": ("x", "X")}, DOCS: {"budget.md#caps": ("前", "Before")}, "drafts/2026.yaml": {"a": ("あ", "A")}})
    new, changes = confirm(old, current, ["budget"])  # the data's budget.…, not the page budget.md
    assert new.parts[PART] == {"budget.a": ("い", "B"), "gone": ("x", "X")} and new.parts[DOCS] == old.parts[DOCS]
    assert [(kind, t.path) for kind, t in changes] == [("updated", "budget.a")]
    new, changes = confirm(old, current)
    assert new.parts == {PART: {"budget.a": ("い", "B"), "call.name": ("名", "Name")}, DOCS: {"budget.md#caps": ("上限", "Caps")}, "drafts/2026.yaml": {"a": ("あ", "A")}}
    assert [c[0] for c in changes] == ["updated", "new", "updated", "removed"]
    with pytest.raises(KeyError, match="nowhere"):
        confirm(old, current, ["nowhere"])


def test_the_live_call_and_pages_have_no_blocking_drift():
    """No text of the repository changed on one side only without its confirmation. Texts changed in
    both languages and not yet confirmed are reminders, not problems: a valid staff edit (tests/valid_edits.py
    rewords texts in both languages) must not turn this test red before its review."""
    from callguide.loader import load_file

    loaded = load_file(ROOT / "data" / "call.yaml", PART)
    current = drift.project_texts(ROOT, ROOT / "docs", loaded, PART)
    draft = str(loaded.data.get("draft", "false")).lower() == "true"  # raw scalars are strings
    problems, _reminders = drift.drift(current, read_lock(ROOT), None, draft=draft)
    assert problems == []


# --- make check and make confirm on a project ----------------------------------------------


@pytest.fixture
def project(frozen_project):
    return frozen_project


edit = edit_once


JA_AIM = "    - ja: 世界のトップ科学者層とのネットワーク構築\n"
EN_AIM = "      en: Building networks with the world's top scientists\n"


def line_of(path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_a_data_text_changed_in_japanese_only_stops_a_published_call(project, capsys):
    data = project / "data" / "call.yaml"
    edit(data, JA_AIM, JA_AIM.replace("との", "との国際"))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    ja, en = line_of(data, "    - ja: 世界のトップ科学者層との国際"), line_of(data, EN_AIM)
    assert re.search(rf"^data/call.yaml:{ja}:7: programme\.aims\.0: translation drift: the Japanese was changed and the English was not", err, re.M), err
    assert f"    en data/call.yaml:{en}:7 (unchanged / 変更なし): Building networks with the world's top scientists" in err
    assert "(confirmed / 確認済み): 世界のトップ科学者層とのネットワーク構築" in err
    assert "(now / 現在): 世界のトップ科学者層との国際ネットワーク構築" in err
    assert "1 problem(s); nothing was built." in err


def test_a_draft_lists_it_and_passes(project, capsys):
    data = project / "data" / "call.yaml"
    edit(data, "  fiscal_year: 2025\n", "  fiscal_year: 2025\n  draft: true\n")
    edit(data, JA_AIM, JA_AIM.replace("との", "との国際"))
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "1 reminder(s): translations to review" in out
    assert re.search(r"^data/call.yaml:\d+:7: programme\.aims\.0: translation drift: .*a reminder in a draft, an error once draft: true is removed$", out, re.M)


def test_a_page_section_changed_in_english_only_is_located_in_the_english_page(project, capsys):
    page = project / "docs" / "en" / "schedule.md"
    edit(page, "## Add to your calendar {#add-to-calendar}\n", "## Add to your calendar {#add-to-calendar}\n\nOne more sentence.\n")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^docs/en/schedule.md:11:1: schedule\.md#add-to-calendar: translation drift: the English was changed and the Japanese was not", err, re.M), err
    assert "    ja docs/ja/schedule.md:11:1 (unchanged / 変更なし):\n      | ## カレンダーに追加 {#add-to-calendar}" in err
    assert "      +One more sentence." in err


def test_both_sides_changed_never_blocks(project, capsys):
    data = project / "data" / "call.yaml"
    edit(data, JA_AIM, JA_AIM.replace("との", "との国際"))
    edit(data, EN_AIM, EN_AIM.replace("Building", "Building international"))
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^data/call.yaml:\d+:7: programme\.aims\.0: changed together in both languages since its last confirmation, please review", out, re.M)


def test_confirm_records_a_text_and_the_check_no_longer_names_it(project, capsys):
    data = project / "data" / "call.yaml"
    edit(data, JA_AIM, JA_AIM.replace("との", "との国際"))
    page = project / "docs" / "ja" / "schedule.md"
    edit(page, "## カレンダーに追加 {#add-to-calendar}\n", "## カレンダーに追加する {#add-to-calendar}\n")
    assert main(["confirm", "programme.aims.0"]) == 0
    out = capsys.readouterr().out
    assert "Recorded 1 text(s) in data/translations.lock.yaml" in out and "1 件の文章" in out
    assert re.search(r"updated / 更新\s+programme\.aims\.0\s+\(data/call.yaml:\d+:7, data/call.yaml:\d+:7\)", out)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "programme.aims.0" not in err and "schedule.md#add-to-calendar" in err
    assert main(["confirm", "nowhere.text"]) == 1
    assert "nowhere.text: no such text" in capsys.readouterr().err
    assert main(["confirm"]) == 0  # every listed text, after review
    assert "schedule.md#add-to-calendar" in capsys.readouterr().out
    assert main(["check"]) == 0
    assert "translations to review" not in capsys.readouterr().out
    assert main(["confirm"]) == 0
    assert "Nothing to record" in capsys.readouterr().out


def test_a_project_without_a_lock_is_reminded_once_and_confirm_creates_it(project, capsys):
    (project / LOCK).unlink()
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "2 reminder(s): translations to review" in out and "no translation of data/call.yaml confirmed yet" in out
    assert main(["confirm"]) == 0
    assert (project / LOCK).read_bytes() == (FIXTURE_2025 / "translations.lock.yaml").read_bytes()


def test_new_call_keeps_the_years_lock_and_the_live_one_still_holds(project, capsys):
    year, _ = new_call(project)
    assert (project / "archive" / str(year) / LOCK).read_bytes() == (project / LOCK).read_bytes()
    assert main(["check"]) == 0
    assert "translations to review" not in capsys.readouterr().out



def test_the_staff_guides_show_what_the_check_says(project, capsys):
    """STAFF.md and STAFF.en.md quote make check's drift message for this very edit of the 2025 call."""
    edit(project / "data" / "call.yaml", JA_AIM, JA_AIM.replace("との", "との国際"))
    assert main(["check"]) == 1
    said = capsys.readouterr().err
    for guide, heading in (("STAFF.md", "### 翻訳のずれ"), ("STAFF.en.md", "### Translation drift")):
        section = (ROOT / guide).read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
        quoted = section.split("```text\n", 1)[1].split("```", 1)[0]
        assert quoted.strip() and quoted in said, guide
        assert "make confirm ONLY=" in section and "data/translations.lock.yaml" in section



@pytest.mark.parametrize("name", list(EDITS))
def test_no_valid_edit_is_drift(project, name):
    """The valid edits (tests/valid_edits.py) change texts in both languages or none: never drift in a published call."""
    from callguide.loader import load_file

    data = edited(project / "data" / "call.yaml", name, project / "data" / "call.yaml")
    problems, _ = drift.check_project(project, project / "docs", load_file(data, PART), data, None, draft=False)
    assert problems == []


# --- with git ---------------------------------------------------------------------------------


def git(root, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.subprocess
def test_in_git_a_one_sided_edit_after_a_both_sided_one_is_caught(project, capsys):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "2025")
    data = project / "data" / "call.yaml"
    edit(data, JA_AIM, JA_AIM.replace("との", "との国際"))
    edit(data, EN_AIM, EN_AIM.replace("Building", "Building international"))
    assert main(["check"]) == 0  # both sides: a reminder
    git(project, "commit", "-qam", "both languages, not confirmed")
    edit(data, "との国際ネットワーク", "との国際的なネットワーク")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^data/call.yaml:\d+:7: programme\.aims\.0: translation drift: the Japanese was changed and the English was not \(since the last commit\)", err, re.M), err
    assert "(last commit / 最後のコミット): 世界のトップ科学者層との国際ネットワーク構築" in err
    # The lock alone (git's history unreadable: a tarball of the same files) sees both sides changed.
    shutil.rmtree(project / ".git")
    assert main(["check"]) == 0


# --- the build ----------------------------------------------------------------------------------


@pytest.mark.build
def test_a_published_call_with_drift_is_not_built_and_says_why_in_both_languages(tmp_path):
    """The build's error path is the bilingual problem list (never a MkDocs WARNING); the last site stays."""
    from bilingual import assert_every_problem_explained
    from conftest import build_site

    project = fixture_project(tmp_path)
    edit(project / "data" / "call.yaml", JA_AIM, JA_AIM.replace("との", "との国際"))
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the last good site", encoding="utf-8")
    build = build_site(out, project=project)
    assert build.result.returncode != 0
    assert re.search(r"data/call.yaml:\d+:7: programme\.aims\.0: translation drift: the Japanese was changed", build.output), build.output
    assert "(unchanged / 変更なし): Building networks with the world's top scientists" in build.output
    assert assert_every_problem_explained(build.output) == 1
    assert "Traceback" not in build.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
