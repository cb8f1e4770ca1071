"""`make new-call` starts from committed work.

new-call archives data/call.yaml byte for byte and rewrites it for the next year. Run on an edit
not yet committed, it archives that edit as last year's record and leaves no commit to go back
to: so in a git checkout it refuses while data/call.yaml or docs/ has changes git has not
recorded, names each file, says in both languages what to do, and changes nothing. An explicit
``--allow-uncommitted`` (``make new-call ALLOW_UNCOMMITTED=1``) archives them anyway.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fixture_project

pytestmark = pytest.mark.subprocess

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]


def committed_project(tmp_path: Path) -> Path:
    project = fixture_project(tmp_path)
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the call"], cwd=project, check=True)
    return project


def new_call(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("CALL_FILE", None)
    return subprocess.run([sys.executable, "-m", "callguide", "new-call", *args], cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_an_uncommitted_edit_of_call_yaml_or_a_page_is_refused_and_nothing_changes(tmp_path):
    project = committed_project(tmp_path)
    data = project / "data/call.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace('"2025-05-09 14:00"', '"2025-05-16 12:00"', 1), encoding="utf-8")
    for lang, line in (("ja", "一文を足しました。"), ("en", "A sentence added.")):  # both languages: no translation drift
        page = project / f"docs/{lang}/index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    before = data.read_bytes()
    out = new_call(project)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert any(line.startswith("data/call.yaml: ") for line in lines), out.stderr
    assert any(line.startswith("docs/en/index.md: ") for line in lines), out.stderr
    assert any(line.startswith("docs/ja/index.md: ") for line in lines), out.stderr
    assert "not committed" in out.stderr and "コミット" in out.stderr
    assert "ALLOW_UNCOMMITTED=1" in out.stderr
    assert data.read_bytes() == before
    assert not (project / "data/archive").exists() and not (project / "archive").exists()


def test_the_override_archives_uncommitted_work(tmp_path):
    project = committed_project(tmp_path)
    data = project / "data/call.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace('"2025-05-09 14:00"', '"2025-05-16 12:00"', 1), encoding="utf-8")
    out = new_call(project, "--allow-uncommitted")
    assert out.returncode == 0, out.stderr
    assert '"2025-05-16 12:00"' in (project / "data/archive/2025.yaml").read_text(encoding="utf-8")


def test_committed_work_and_files_outside_the_call_do_not_stop_it(tmp_path):
    project = committed_project(tmp_path)
    (project / "notes.txt").write_text("not the call\n", encoding="utf-8")
    out = new_call(project)
    assert out.returncode == 0, out.stderr
    assert (project / "data/archive/2025.yaml").is_file()
