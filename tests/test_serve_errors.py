"""`make serve` with a broken file: the browser shows every problem, and the site again once it is fixed.

MkDocs' development server holds every request while a build fails ("The server will appear
stuck"). Here the page open in Chromium must turn, by itself, into a page that lists each
problem with its file:line:col, path and both languages, and turn back into the site when the
file is saved fixed; the folder the server serves from is not written meanwhile.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MKDOCS, fixture_project, free_port, warm_cache

from callguide.errors import DataError
from callguide.pipeline import load_and_check_pages

BOUND = 120  # seconds a step may take at most (a bound against hanging, not a timing check)
SHOWN_WITHIN_MS = 30_000


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def break_files(project: Path) -> dict[Path, str]:
    """A data problem and a page problem; returns the files' good texts."""
    data, page = project / "data" / "call.yaml", project / "docs" / "en" / "budget.md"
    good = {data: data.read_text(encoding="utf-8"), page: page.read_text(encoding="utf-8")}
    data.write_text(good[data].replace("  indirect_rate: 0.3\n", "  indirect_rate: 30%\n", 1), encoding="utf-8")
    page.write_text(good[page] + "\n{{ budget.no_such_fact }}\n", encoding="utf-8")
    return good


def seed_cache(tmp_path_factory, cache: Path) -> None:
    """``cache`` as a copy of the run's warm cache, into which ``fixture_site`` built the same call (its
    theme, search words, PDFs): as staff start ``make serve`` with the .cache of their last build. What
    these tests are about comes after the first build; a cold one only cost seconds of CPU each time.
    The warm cache may be written meanwhile by builds in other workers: a file that vanishes while
    copied (a temporary file renamed) is left out, and a missing entry is only a miss."""
    source = warm_cache(tmp_path_factory)
    for folder, _, names in os.walk(source):
        target = cache / Path(folder).relative_to(source)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                shutil.copy2(Path(folder) / name, target / name)
            except FileNotFoundError:
                pass


def expected_problems(project: Path):
    try:
        load_and_check_pages(project, project / "docs", (project / "data" / "call.yaml", "data/call.yaml"))
    except DataError as exc:
        return exc.problems
    raise AssertionError("the broken files check clean")


class Server:
    def __init__(self, project: Path, tmp: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.served_from = tmp / "served"
        self.served_from.mkdir()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(tmp / "cache"), TMPDIR=str(self.served_from))
        env.pop("CALL_FILE", None)
        env.pop("SITE_URL", None)
        self.log = (tmp / "serve.log").open("w")
        # Ctrl+C as a terminal sends it: a suite started in the background of a shell without job control
        # inherits SIGINT ignored, and the serve then waited out stop()'s 30 s before being killed.
        self.proc = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{self.port}"], cwd=project, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def wait_answering(self) -> None:
        end = time.monotonic() + BOUND
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"mkdocs serve stopped:\n{self.output()}"
            try:
                with urllib.request.urlopen(self.url, timeout=BOUND) as response:
                    response.read()
                    return
            except urllib.error.HTTPError:
                return  # it answers (with an error page)
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"mkdocs serve did not answer:\n{self.output()}")

    def site_dir(self) -> Path:
        found = [p for p in self.served_from.iterdir() if p.name.startswith("mkdocs_")]
        assert len(found) == 1, found
        return found[0]

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def assert_lists_every_problem(page, problems) -> None:
    shown = page.locator("#callguide-build-errors").inner_text()
    for p in problems:
        assert f"{p.file}:{p.line}:{p.col}" in shown, (p, shown)
        assert p.path in shown and p.message in shown and p.message_ja in shown, (p, shown)


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.subprocess
def test_serve_shows_every_problem_and_the_site_again_once_fixed(tmp_path, tmp_path_factory, browser, fixture_site):
    project = fixture_project(tmp_path)
    seed_cache(tmp_path_factory, tmp_path / "cache")
    server = Server(project, tmp_path)
    context = browser.new_context()
    try:
        server.wait_answering()
        page = context.new_page()
        page.goto(server.url, timeout=BOUND * 1000)
        assert page.locator("[data-fact]").count() > 0
        before = tree(server.site_dir())
        good = break_files(project)
        problems = expected_problems(project)
        # The open page turns into the list of problems by itself (livereload), without a request that hangs.
        page.wait_for_selector("#callguide-build-errors", timeout=SHOWN_WITHIN_MS)
        assert_lists_every_problem(page, problems)
        assert tree(server.site_dir()) == before, "the failed build wrote into the served folder"
        # Any other address shows the same list, at once.
        other = context.new_page()
        other.goto(server.url + "en/budget/", timeout=SHOWN_WITHIN_MS)
        assert_lists_every_problem(other, problems)
        # Fixed: the page turns back into the site by itself.
        for path, text in good.items():
            path.write_text(text, encoding="utf-8")
        page.wait_for_selector("[data-fact]", timeout=SHOWN_WITHIN_MS)
        assert page.locator("#callguide-build-errors").count() == 0
    finally:
        context.close()
        server.stop()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.subprocess
def test_serve_started_on_a_broken_file_shows_the_problems(tmp_path, tmp_path_factory, browser, fixture_site):
    project = fixture_project(tmp_path)
    seed_cache(tmp_path_factory, tmp_path / "cache")
    good = break_files(project)
    problems = expected_problems(project)
    server = Server(project, tmp_path)
    context = browser.new_context()
    try:
        server.wait_answering()
        page = context.new_page()
        page.goto(server.url, timeout=BOUND * 1000)
        assert_lists_every_problem(page, problems)
        for path, text in good.items():
            path.write_text(text, encoding="utf-8")
        page.wait_for_selector("[data-fact]", timeout=SHOWN_WITHIN_MS)
    finally:
        context.close()
        server.stop()
