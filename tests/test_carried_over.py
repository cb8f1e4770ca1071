"""After `make new-call`, a date still the previous call's is a reminder in a draft and an error once published.

The project is set up as new-call leaves it: last year's data archived, call.yaml moved on a
year and marked ``draft: true`` with its schedule unchanged.
"""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURE_2025, ROOT
from conftest import FIXTURE_DATA as DATA

from callguide import pipeline
from callguide.__main__ import main
from callguide.loader import load_text
from callguide.new_call import next_year_text

YEAR = 2025


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "data" / "archive").mkdir(parents=True)
    shutil.copy(DATA, tmp_path / "data" / "archive" / f"{YEAR}.yaml")
    (tmp_path / "archive" / str(YEAR)).mkdir(parents=True)
    (tmp_path / "archive" / str(YEAR) / "mkdocs.yml").write_text("# the frozen snapshot's config\n", encoding="utf-8")
    shutil.copytree(FIXTURE_2025 / "docs", tmp_path / "docs")
    text = next_year_text(DATA.read_text(encoding="utf-8"), YEAR)
    (tmp_path / "data" / "call.yaml").write_text(text, encoding="utf-8")
    monkeypatch.delenv("CALL_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def milestones() -> list[str]:
    facts = pipeline.load(DATA, "data/call.yaml")
    return [name for name, _ in facts.call.schedule.milestones()]


def dates() -> list[str]:
    """The paths new-call leaves at last year's dates: every milestone's time and each source's checked date."""
    facts = pipeline.load(DATA, "data/call.yaml")
    return [f"schedule.{name}.when" for name in milestones()] + [f"sources.{i}.checked" for i, s in facts.call.sources.items() if s.checked]


def when_line(text: str, name: str) -> int:
    """The line of ``when:`` under the milestone ``name`` in call.yaml's text (1-based)."""
    start = text.index(f"\n  {name}:\n")
    return text[: text.index("when:", start)].count("\n") + 1


def edit(project, old: str, new: str) -> str:
    data = project / "data" / "call.yaml"
    text = data.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    data.write_text(text, encoding="utf-8")
    return text


def test_a_draft_lists_each_date_still_last_years_and_passes(project, capsys):
    text = (project / "data" / "call.yaml").read_text(encoding="utf-8")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    names = milestones()
    assert f"{len(dates())} reminder(s)" in out and f"前年度の公募と同じ日時が {len(dates())} 件" in out
    loaded = load_text(text, "data/call.yaml")
    for path in (p for p in dates() if p.startswith("sources.")):
        line = loaded.where(tuple(path.split(".")))[0]
        assert re.search(rf"^data/call.yaml:{line}:\d+: {re.escape(path)}: still the date of the {YEAR} call \(\d{{4}}-\d\d-\d\d\)", out, re.M), (path, out)
    for name in names:
        line = when_line(text, name)
        assert re.search(rf"^data/call.yaml:{line}:\d+: schedule\.{name}\.when: still the date of the {YEAR} call \(.+\); update it before removing draft: true$", out, re.M), (name, out)
    assert "    日本語: 2025年度の公募と同じ日時（2025-05-09 14:00 Asia/Tokyo）のままです。draft: true の行を消す前に" in out
    assert out.rstrip().endswith("pages of both languages checked)")


def test_a_date_once_updated_is_no_longer_listed(project, capsys):
    edit(project, 'when: {at: "2025-05-09 14:00", zone: Asia/Tokyo}', 'when: {at: "2025-05-09 17:00", zone: Asia/Tokyo}')
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "schedule.erad_deadline.when" not in out
    assert f"{len(dates()) - 1} reminder(s)" in out


def test_once_draft_is_removed_they_are_errors_and_nothing_is_built(project, capsys):
    edit(project, 'when: {at: "2025-05-09 14:00", zone: Asia/Tokyo}', 'when: {at: "2025-05-09 17:00", zone: Asia/Tokyo}')
    edit(project, "  draft: true\n", "")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    found = re.findall(r"^data/call.yaml:\d+:\d+: ([\w.]+): still the date of the 2025 call \(.+\); give this call's own date \(keep draft: true until it is known\)$", err, re.M)
    assert sorted(found) == sorted(p for p in dates() if p != "schedule.erad_deadline.when")
    assert f"{len(found)} problem(s)" in err


def test_without_an_archive_nothing_is_said(project, capsys):
    shutil.rmtree(project / "data" / "archive")
    assert main(["check"]) == 0
    # No date reminder (the official documents' empty addresses are another, unrelated reminder).
    assert "dates still those of the previous call" not in capsys.readouterr().out


def test_the_check_cache_follows_the_archive(project):
    """The check's result is cached by its inputs: the archived data is one of them."""
    cache = project / "cache"
    raw = (project / "data" / "call.yaml").read_bytes()
    first = pipeline.load_and_check_cached(project, project / "docs", cache, raw)
    assert len(first.reminders) == len(dates())
    assert len(pipeline.load_and_check_cached(project, project / "docs", cache, raw).reminders) == len(dates())
    (project / "archive" / str(YEAR) / "mkdocs.yml").unlink()  # without its snapshot a year is not archived
    assert pipeline.load_and_check_cached(project, project / "docs", cache, raw).reminders == []
    (project / "archive" / str(YEAR) / "mkdocs.yml").write_text("# back\n", encoding="utf-8")
    assert len(pipeline.load_and_check_cached(project, project / "docs", cache, raw).reminders) == len(dates())
    shutil.rmtree(project / "data" / "archive")
    assert pipeline.load_and_check_cached(project, project / "docs", cache, raw).reminders == []


def test_the_staff_guides_quote_what_the_check_says(project, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    said = [re.sub(r"^data/call.yaml:\d+:\d+: ", "", line.strip()) for line in out.splitlines()]
    for guide in (ROOT / "STAFF.md", ROOT / "STAFF.en.md"):
        section = guide.read_text(encoding="utf-8").split("\n## 6.", 1)[1].split("\n## 7.", 1)[0]
        quoted = re.findall(r"`data/call.yaml:\d+:\d+: ([^`]+)`", section) + re.findall(r"`(日本語: [^`]+)`", section)
        assert quoted, guide.name
        for text in quoted:
            assert text in said, f"{guide.name} quotes {text!r}, which make check does not say"


def test_an_archive_the_current_code_cannot_read_is_reported_not_compared(project):
    archive = project / "data" / "archive" / f"{YEAR}.yaml"
    archive.write_text(archive.read_text(encoding="utf-8").replace("  indirect_rate: 0.3\n", "  indirect_rate: 30%\n", 1), encoding="utf-8")
    checked = pipeline.load_and_check_pages(project, project / "docs")
    assert checked.previous is None and checked.reminders == []
    assert re.search(rf"^data/archive/{YEAR}.yaml:\d+:\d+: budget.indirect_rate.value: ", checked.previous_error, re.M), checked.previous_error


def test_the_previous_call_is_kept_with_the_facts(project):
    checked = pipeline.load_and_check_pages(project, project / "docs")
    previous, year = checked.previous
    # The previous call as its call.json (callguide.previous), read without today's model.
    assert year == YEAR and previous.year == YEAR and previous.get("call.fiscal_year") == YEAR and checked.facts.call.call.fiscal_year == YEAR + 1


def test_the_draft_banner_counts_the_dates_left_in_both_languages(project):
    from callguide.banner import banner
    from callguide.render import Context

    checked = pipeline.load_and_check_pages(project, project / "docs")
    facts = checked.facts
    n = len(dates())
    assert f"{n} dates are still those of the {YEAR} call" in banner(Context(facts, "en"), "", None, checked.carried)
    assert f"{n}件の日付が、まだ{YEAR}年度の公募と同じです" in banner(Context(facts, "ja"), "", None, checked.carried)
    checked.reminders = checked.reminders[:1]
    assert f"1 date is still that of the {YEAR} call (<code lang=\"en\">make check</code> lists it)" in banner(Context(facts, "en"), "", None, checked.carried)
    checked.reminders = []
    assert "still" not in banner(Context(facts, "en"), "", None, checked.carried)
