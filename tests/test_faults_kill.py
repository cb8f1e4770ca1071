"""A build killed at any moment, or stuck in the PDF engine, leaves the previous site exactly as it was
and no process of its own behind.

Each build runs as staff run it (``mkdocs build`` in a project folder) with a token in its
environment; every process it starts (the PDF worker, multiprocessing's helpers, an archived
year's build) inherits the token, so what is left afterwards is found in /proc. The moment of
the kill is chosen by ``CALLGUIDE_TEST_PAUSE`` (see callguide.faults), never by a race.
"""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import MKDOCS, fixture_project

# How long a build may take to reach a pause point or to end (a bound against hanging forever, not a timing check).
BOUND = 300


def old_site(out: Path) -> dict[str, str]:
    """A previous site in ``out`` (a few files in two languages); returns its tree's digest."""
    for rel, text in {"index.html": "the last good site", "en/index.html": "the last good site (en)",
                      "checklist.pdf": "%PDF- old", "archive/2025/index.html": "old archive"}.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    return tree(out)


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def processes_with(token: str) -> list[int]:
    """Every live process whose environment holds ``token`` (the build and all it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
                state = next((line for line in (entry / "status").read_text().splitlines() if line.startswith("State:")), "")
            except OSError:
                continue
            if token.encode() in environ and "zombie" not in state:
                found.append(int(entry.name))
    return found


def wait_until_gone(token: str, bound: float = 30) -> list[int]:
    end = time.monotonic() + bound
    while (left := processes_with(token)) and time.monotonic() < end:
        time.sleep(0.2)
    return left


def describe(pids: list[int]) -> str:
    out = []
    for pid in pids:
        try:
            cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            out.append(f"{pid}: {cmdline[:200]}")
        except OSError:
            pass
    return "\n".join(out)


def kill_leftovers(token: str) -> None:
    for pid in processes_with(token):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def start_build(project: Path, out: Path, tmp: Path, token: str, **extra: str) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(tmp / "cache"), CALLGUIDE_TEST_TOKEN=token, **extra)
    env.pop("CALL_FILE", None)
    env.pop("SITE_URL", None)
    return subprocess.Popen([str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def archived_project(tmp: Path) -> Path:
    """The fixture call with its year archived by `make new-call` (an archived year to build)."""
    project = fixture_project(tmp)
    env = dict(os.environ)
    env.pop("CALL_FILE", None)
    run = subprocess.run([sys.executable, "-m", "callguide", "new-call"], cwd=project, env=env, capture_output=True, text=True, timeout=BOUND)
    assert run.returncode == 0, run.stdout + run.stderr
    return project


@pytest.mark.build
@pytest.mark.subprocess
@pytest.mark.parametrize(("point", "sig"), [
    ("after-clean", signal.SIGKILL),
    ("pdf-render", signal.SIGKILL),
    ("pdf-render", signal.SIGTERM),
    ("archive-build", signal.SIGKILL),
])
def test_a_killed_build_leaves_the_old_site_and_no_process(tmp_path, point, sig):
    project = archived_project(tmp_path) if point == "archive-build" else fixture_project(tmp_path)
    out = tmp_path / "site"
    before = old_site(out)
    token = uuid.uuid4().hex
    marker = tmp_path / "paused"
    build = start_build(project, out, tmp_path, token, CALLGUIDE_TEST_PAUSE=point, CALLGUIDE_TEST_PAUSE_FILE=str(marker))
    try:
        end = time.monotonic() + BOUND
        while not marker.exists():
            assert build.poll() is None, f"the build ended before reaching {point}:\n{build.stdout.read()}"
            assert time.monotonic() < end, f"the build never reached {point}"
            time.sleep(0.1)
        build.send_signal(sig)
        build.wait(timeout=BOUND)
        left = wait_until_gone(token)
        assert not left, f"processes of the killed build still running:\n{describe(left)}"
        assert tree(out) == before, "the previous site changed"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        kill_leftovers(token)


HANGING_ENGINE = "import time\nwhile True:\n    time.sleep(3600)\n"


@pytest.mark.build
@pytest.mark.subprocess
def test_a_hanging_pdf_engine_stops_the_build_with_a_clear_message(tmp_path):
    """A stand-in WeasyPrint that never returns, and a short limit: the build stops, says why in both languages."""
    engine = tmp_path / "engine" / "weasyprint"
    engine.mkdir(parents=True)
    (engine / "__init__.py").write_text(HANGING_ENGINE, encoding="utf-8")
    path = os.pathsep.join([str(engine.parent), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    project = fixture_project(tmp_path)
    out = tmp_path / "site"
    before = old_site(out)
    token = uuid.uuid4().hex
    build = start_build(project, out, tmp_path, token, PYTHONPATH=path, CALLGUIDE_PDF_TIMEOUT="3")
    try:
        try:
            said, _ = build.communicate(timeout=BOUND)
        except subprocess.TimeoutExpired:
            pytest.fail("the build hung with the PDF engine")
        assert build.returncode != 0
        assert "CALLGUIDE_PDF_TIMEOUT" in said and "3 s" in said, said
        assert "日本語: " in said and "秒" in said, said
        assert "Traceback" not in said, said
        left = wait_until_gone(token)
        assert not left, f"processes of the stopped build still running:\n{describe(left)}"
        assert tree(out) == before, "the previous site changed"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        kill_leftovers(token)


@pytest.mark.build
def test_a_build_that_fails_strict_at_the_end_leaves_the_old_site(tmp_path):
    """MkDocs stops a --strict build for a warning only after every page and file is written: the output keeps the previous site."""
    project = fixture_project(tmp_path)
    page = project / "docs" / "en" / "budget.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[a page that does not exist](no-such-page.md)\n", encoding="utf-8")
    out = tmp_path / "site"
    before = old_site(out)
    token = uuid.uuid4().hex
    build = start_build(project, out, tmp_path, token)
    said, _ = build.communicate(timeout=BOUND)
    assert build.returncode != 0, said
    assert "no-such-page.md" in said, said
    assert tree(out) == before, "the rejected site replaced the previous one"
    assert not wait_until_gone(token)
