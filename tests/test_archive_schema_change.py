"""Past years stay readable across schema changes (issue 17 part 7).

The 2025 fixture is archived with ``new_call``; then the model changes as a later schema would:
``duplicates.max_applications`` is renamed ``duplicates.application_limit`` and a required
``duplicates.limit_basis`` is added (a test-only variant of the model, patched into the loader, with the path mapping that comes
with it). The archived 2025 YAML no longer passes this model, yet the "what changed" page, ``make diff``
and the dates-carried-over check still compare against 2025 (its call.json), and report the renamed
fact as moved (its value and the texts that name it unchanged), not as removed and added.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import fixture_project
from pydantic import create_model

from callguide import call_json, pipeline
from callguide.__main__ import main
from callguide.model import Call, Duplicates
from callguide.new_call import new_call
from callguide.types import Strict, Text

YEAR = 2025
MOVED = {"duplicates.max_applications": "duplicates.application_limit"}
BASIS = "  limit_basis:\n    ja: 応募件数の制限は公募要領による。\n    en: The limit is the call document's.\n"


def _variant_call() -> type:
    """The model with duplicates.max_applications renamed application_limit and a required duplicates.limit_basis."""
    fields = {}
    for name, field in Duplicates.model_fields.items():
        fields["application_limit" if name == "max_applications" else name] = (field.annotation, field)
    fields["limit_basis"] = (Text, ...)
    duplicates = create_model("Duplicates", __base__=Strict, **fields)
    return create_model("Call", __base__=Call, duplicates=(duplicates, ...))


@pytest.fixture
def changed(tmp_path, monkeypatch):
    """The fixture project with 2025 archived, then data, pages and model moved to the changed schema."""
    project = fixture_project(tmp_path)
    monkeypatch.delenv("CALL_FILE", raising=False)
    monkeypatch.chdir(project)
    new_call(project, allow_uncommitted=True)
    data = project / "data" / "call.yaml"
    text = data.read_text(encoding="utf-8")
    old = "  max_applications: {value: 1, unit: application, bound: at_most}\n"
    assert text.count(old) == 1
    text = text.replace(old, old.replace("max_applications", "application_limit") + BASIS)
    text = text.replace("duplicates.max_applications", "duplicates.application_limit")
    data.write_text(text, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("duplicates.max_applications", "duplicates.application_limit"), encoding="utf-8")
    monkeypatch.setattr(pipeline, "Call", _variant_call())
    archived_version = call_json.FORMAT_VERSION
    monkeypatch.setattr(call_json, "FORMAT_VERSION", str(int(archived_version) + 1))
    from callguide import paths

    monkeypatch.setattr(paths, "MOVES", {archived_version: MOVED})
    return project



def test_the_changes_page_reports_a_moved_fact_as_moved(changed):
    from callguide.changes import compare, page_markdown

    checked = pipeline.load_and_check_pages(changed, changed / "docs")
    facts = checked.facts
    assert checked.previous_error is None
    old, year = checked.previous
    assert year == YEAR
    changes = compare(old, facts)
    paths = {c.path: c.kind for c in changes if c.path not in ("call.id", "call.fiscal_year", "call.draft")}
    assert paths == {"duplicates.application_limit": "moved", "duplicates.limit_basis": "added"}, paths
    for lang in ("ja", "en"):
        page = page_markdown(changes, old, facts, lang, [YEAR], "../")
        assert "<code>duplicates.limit_basis</code>" in page and "max_applications" not in page
        assert "<code>duplicates.application_limit</code>" not in page  # the same value at a new path: nothing for readers



def test_make_diff_reports_a_moved_fact_as_moved(changed, capsys):
    assert main(["diff", str(YEAR)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("1 件の変更 / 1 fact(s) changed"), out
    assert "duplicates.limit_basis  [追加 / added]" in out
    assert "duplicates.application_limit  [移動 / moved from duplicates.max_applications]" in out
    assert not re.search(r"^duplicates\.max_applications  ", out, re.M)



def test_the_carried_over_check_still_compares(changed):
    checked = pipeline.load_and_check_pages(changed, changed / "docs")
    listed = {p.path for p in checked.reminders}
    assert any(re.fullmatch(r"sources\.\w+\.checked", p) for p in listed) and any(re.fullmatch(r"schedule\.\w+\.when", p) for p in listed)



def test_new_call_writes_the_years_call_json_beside_its_data(tmp_path, monkeypatch):
    project = fixture_project(tmp_path)
    monkeypatch.delenv("CALL_FILE", raising=False)
    facts = pipeline.load(project / "data" / "call.yaml", "data/call.yaml")
    new_call(project, allow_uncommitted=True)
    written = Path(project / "data" / "archive" / f"{YEAR}.json")
    assert written.is_file(), "no data/archive/2025.json"
    assert written.read_text(encoding="utf-8") == call_json.text(facts)


def test_an_archive_without_its_call_json_is_read_through_todays_model_while_it_can(tmp_path, monkeypatch):
    """An archive made before new-call wrote call.json: compared as today's model reads its YAML."""
    project = fixture_project(tmp_path)
    monkeypatch.delenv("CALL_FILE", raising=False)
    new_call(project, allow_uncommitted=True)
    (project / "data" / "archive" / f"{YEAR}.json").unlink()
    checked = pipeline.load_and_check_pages(project, project / "docs")
    assert checked.previous_error is None and checked.previous[0].shown == f"data/archive/{YEAR}.yaml"
    assert any(p.path.startswith("sources.") and p.path.endswith(".checked") for p in checked.reminders)


def test_without_its_call_json_a_year_todays_model_refuses_names_the_command(changed, capsys):
    (changed / "data" / "archive" / f"{YEAR}.json").unlink()
    checked = pipeline.load_and_check_pages(changed, changed / "docs")
    assert checked.previous is None
    assert f"make archive-json YEAR={YEAR}" in checked.previous_error and "今のプログラムの検査に通りません" in checked.previous_error
    assert main(["check"]) == 1  # the build would stop on it: make check says so first
    assert f"make archive-json YEAR={YEAR}" in capsys.readouterr().err
    assert main(["diff", str(YEAR)]) == 1
    err = capsys.readouterr().err
    assert f"make archive-json YEAR={YEAR}" in err and "Traceback" not in err


@pytest.mark.subprocess
def test_archive_json_writes_it_with_the_years_own_code(changed, capsys):
    written = changed / "data" / "archive" / f"{YEAR}.json"
    made_by_new_call = written.read_text(encoding="utf-8")
    written.unlink()
    assert main(["archive-json", str(YEAR)]) == 0, capsys.readouterr().err
    assert written.read_text(encoding="utf-8") == made_by_new_call
    assert main(["archive-json", str(YEAR)]) == 1  # never overwritten
    assert "already exists" in capsys.readouterr().err
    test_make_diff_reports_a_moved_fact_as_moved(changed, capsys)


def test_a_path_moves_everything_under_it_one_format_version_after_another(monkeypatch):
    from callguide import paths

    monkeypatch.setattr(paths, "MOVES", {"1": {"budget.uk": "partners.uk.budget"}, "2": {"partners.uk": "partners.0"}})
    assert paths.to_current("budget.uk.cap.value", "1", "3") == "partners.0.budget.cap.value"
    assert paths.to_current("budget.ukx", "1", "3") == "budget.ukx"  # a path, not a prefix of letters
    assert paths.to_current("budget.uk.cap", "2", "3") == "budget.uk.cap"  # already past that move
    assert paths.to_archived("partners.0.budget.cap", "1", "3") == "budget.uk.cap"
    assert paths.to_current("budget.uk", "3", "3") == "budget.uk"
