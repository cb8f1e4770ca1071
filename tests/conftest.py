"""Shared test fixtures: a real build of the site, a static server, real Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
DATA = ROOT / "data" / "call.yaml"

# A day after the 2025 call closed, so builds are reproducible: the call shows as closed.
CLOSED_EPOCH = int(datetime(2026, 11, 25, tzinfo=UTC).timestamp())


@dataclass
class Build:
    result: subprocess.CompletedProcess
    site: Path

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr


def build_site(out: Path, call_file: Path | str | None = None, epoch: int | None = CLOSED_EPOCH, strict: bool = True) -> Build:
    """Run a real `mkdocs build` into ``out`` (as a subprocess, as staff and CI run it)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CALL_FILE", None)
    env["CALLGUIDE_CACHE_DIR"] = str(out.parent / "cache")  # the PDF cache stays in the test's own folder
    if call_file is not None:
        env["CALL_FILE"] = str(call_file)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    cmd = [str(MKDOCS), "build", "-d", str(out)] + (["--strict"] if strict else [])
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return Build(result, out)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once from data/call.yaml with the date pinned after the call closed."""
    build = build_site(tmp_path_factory.mktemp("built") / "site")
    assert build.result.returncode == 0, build.output
    return build.site


def pages(site: Path) -> dict[str, dict[str, Path]]:
    """Built HTML pages by path under each language root: {'budget/index.html': {'ja': …, 'en': …}}."""
    out: dict[str, dict[str, Path]] = {}
    for p in site.rglob("*.html"):
        rel = p.relative_to(site).as_posix()
        key, lang = (rel[3:], "en") if rel.startswith("en/") else (rel, "ja")
        if rel.startswith(("assets/", "search/")) or key == "404.html":
            continue
        out.setdefault(key, {})[lang] = p
    return out


def html_paths(site: Path) -> list[str]:
    """Every built HTML page as a URL path under the site's root: both languages, the 404 pages and
    any archived year ('' is the home, 'en/budget/', '404.html'); the theme's assets and search excluded."""
    out = []
    for p in site.rglob("*.html"):
        rel = p.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "search/")):
            out.append(rel.removesuffix("index.html"))
    return sorted(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    base_url: str  # ends with /, includes the base path


@pytest.fixture(scope="session")
def served(site, tmp_path_factory) -> Served:
    """The built site on a local static server under a base path (/guide/), as on any host."""
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site, root / "guide")
    handler = functools.partial(_QuietHandler, directory=str(root))
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{port}/guide/")
    server.shutdown()


@pytest.fixture(scope="session")
def served_at_root(site) -> Served:
    """The built site served at the host's root, where the 404 pages' root-relative links resolve
    (under /guide/ their styles would not load), for checks that need every page styled."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # a port the system picks free
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make deps` (Debian package 'chromium')")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page_factory(browser, served):
    """Open pages in a fresh context; collects console errors and requests to other hosts."""
    contexts = []

    def open_page(path: str = "", width: int = 1280, height: int = 900, javascript: bool = True):
        ctx = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        contexts.append(ctx)
        page = ctx.new_page()
        page.console_errors = []
        page.foreign_requests = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and page.console_errors.append(f"HTTP {r.status} {r.url}"))
        page.on("request", lambda r: not r.url.startswith(served.base_url.split("/guide/")[0]) and not r.url.startswith("data:") and page.foreign_requests.append(r.url))
        page.goto(served.base_url + path)
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


PUBLIC_PATH = "/guide/"


class _StaticHostHandler(_QuietHandler):
    """Like a static host: a missing address gets status 404 and the site's root 404.html."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / PUBLIC_PATH.strip("/") / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> tuple[Path, str]:
    """The site built with SITE_URL set to the address it is served at (a sub-path, /guide/), as when published.

    Returns (built folder, base URL). Missing addresses get the root 404.html, as on a static host.
    """
    tmp = tmp_path_factory.mktemp("public")
    port = free_port()
    base = f"http://127.0.0.1:{port}{PUBLIC_PATH}"
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_URL", base)
    try:
        build = build_site(tmp / "site")
    finally:
        mp.undo()
    assert build.result.returncode == 0, build.output
    shutil.copytree(build.site, tmp / "www" / PUBLIC_PATH.strip("/"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_StaticHostHandler, directory=str(tmp / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield build.site, base
    server.shutdown()
