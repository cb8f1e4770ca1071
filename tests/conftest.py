"""Shared test fixtures: a real build of the site, a static server, real Chromium."""
from __future__ import annotations

import fcntl
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
# The live data file: data/call.yaml, or the file CALL_FILE names (relative to the current folder), so
# that `CALL_FILE=drafts/2026.yaml make test` runs the suite's live-property tests on a draft. Tests
# on it assert only what holds for every valid call; tests of particular values use tests/fixtures/.
DATA = Path(os.environ["CALL_FILE"]).resolve() if os.environ.get("CALL_FILE") else ROOT / "data" / "call.yaml"
DATA_SHOWN = os.environ.get("CALL_FILE") or "data/call.yaml"
# Frozen copies of the 2025 call (data and pages) for tests that assert its values.
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_2025 = FIXTURES / "call-2025"
FIXTURE_DATA = FIXTURE_2025 / "call.yaml"


def call_moments(facts) -> dict[str, datetime]:
    """Moments in the life of a call, derived from its own schedule (never typed): a day before it
    opens, halfway between its opening and its first deadline, halfway between its first and last
    deadline (when they differ), and a day after its last milestone has ended (every entry done)."""
    from callguide.status import call_status
    from callguide.types import when_span

    s = call_status(facts, datetime.now(UTC))
    first = min(m.when.instant for _, m in facts.deadlines())
    last_day = max(when_span(m.when)[1] for _, m in facts.call.schedule.milestones())
    moments = {
        "upcoming": s.opens - timedelta(days=1),
        "open": s.opens + (first - s.opens) / 2,
        "closed": max(datetime.combine(last_day, datetime.min.time(), tzinfo=UTC), s.closes) + timedelta(days=1),
    }
    if s.closes > first:
        moments["between"] = first + (s.closes - first) / 2
    return {k: v.replace(microsecond=0) for k, v in moments.items()}


def _live_facts():
    from callguide.pipeline import load

    return load(DATA, DATA_SHOWN)


# After the call: the moment the shared build describes, so it is reproducible.
CLOSED_EPOCH = int(call_moments(_live_facts())["closed"].timestamp())


@dataclass
class Build:
    result: subprocess.CompletedProcess
    site: Path

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr


def build_site(out: Path, call_file: Path | str | None = None, epoch: int | None = CLOSED_EPOCH, strict: bool = True, project: Path = ROOT,
               cache: Path | None = None) -> Build:
    """Run a real `mkdocs build` into ``out`` (as a subprocess, as staff and CI run it): of the live
    call (DATA), of ``call_file``, or of another ``project`` folder (a fixture's, see fixture_project).
    Its cache is new (beside ``out``: every step runs) unless ``cache`` names one (see warm_cache)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CALL_FILE", None)
    env["CALLGUIDE_CACHE_DIR"] = str(cache or out.parent / "cache")
    if call_file is not None:
        env["CALL_FILE"] = str(call_file)
    elif project == ROOT and DATA != ROOT / "data" / "call.yaml":
        env["CALL_FILE"] = str(DATA)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    cmd = [str(MKDOCS), "build", "-d", str(out)] + (["--strict"] if strict else [])
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(result, out)


def fixture_project(tmp: Path, name: str = "call-2025") -> Path:
    """A project folder for a fixture call: its frozen data, pages and confirmed translations, with this repository's
    configuration, hooks and code (linked, not copied), and no archived years."""
    source = FIXTURES / name
    project = tmp / "project"
    (project / "data").mkdir(parents=True)
    shutil.copy2(source / "call.yaml", project / "data" / "call.yaml")
    shutil.copy2(source / "translations.lock.yaml", project / "data" / "translations.lock.yaml")
    shutil.copytree(source / "docs", project / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for shared in ("hooks", "src"):
        (project / shared).symlink_to(ROOT / shared, target_is_directory=True)
    return project


@pytest.fixture
def frozen_project(tmp_path, monkeypatch) -> Path:
    """The frozen 2025 call with its pages and lock as the working folder, as a tarball unpacks it (no git),
    with no CALL_FILE or archive override from the environment."""
    root = fixture_project(tmp_path)
    monkeypatch.delenv("CALL_FILE", raising=False)
    monkeypatch.delenv("CALLGUIDE_ARCHIVE", raising=False)
    monkeypatch.chdir(root)
    return root


def edit_once(path: Path, old: str, new: str) -> None:
    """Replace ``old``, which the file must hold exactly once, by ``new``: an edit as staff make it."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# Under pytest-xdist (`pytest -n 2`, as `make test` runs) each worker is its own session: a site that
# several workers need is built once, by whichever asks first, into a folder of the run that all
# workers share; the others wait on its lock and read it. Without xdist that folder is the session's.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def shared_dir(tmp_path_factory) -> Path:
    """A folder of this run that every worker sees (the parent of the workers' own temp folders)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if WORKER else base


def warm_cache(tmp_path_factory) -> Path:
    """A build cache kept through the run and shared by the workers, so that builds of the same call reuse
    what does not change between them (theme, search words, archived years). Builds may share a cache at
    the same time (callguide.cache_share; tests/test_shared_cache.py proves their outputs unchanged)."""
    return shared_dir(tmp_path_factory) / "warm-cache"


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` once per run (it builds ``folder/site``); every later call, in any worker, reuses it."""
    folder = shared_dir(tmp_path_factory) / "shared" / name
    folder.parent.mkdir(exist_ok=True)
    with open(folder.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / "done").touch()
    return folder / "site"


def _built(build: Build) -> Path:
    assert build.result.returncode == 0, build.output
    return build.site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The frozen 2025 call (tests/fixtures/call-2025) built after it closed: for tests that assert
    particular values, which a staff edit of the live data or pages must not turn red."""
    from callguide.pipeline import load

    def make(tmp: Path) -> None:
        project = fixture_project(tmp)
        moment = call_moments(load(project / "data" / "call.yaml", "data/call.yaml"))["closed"]
        _built(build_site(tmp / "site", epoch=int(moment.timestamp()), project=project, cache=warm_cache(tmp_path_factory)))

    return shared_build(tmp_path_factory, "fixture-2025", make)


# The fictional partner calls (issue 17 part 5): one partner that is not the UK, and two partners.
PARTNER_FIXTURES = ("call-australia", "call-two-partners")


@pytest.fixture(scope="session", params=PARTNER_FIXTURES)
def partner_site(request, tmp_path_factory) -> Path:
    """A fictional partner call of tests/fixtures built after it closed, once per run for all workers (as
    fixture_site); its project folder (fixture_project) is the site's sibling ``project``."""
    from callguide.pipeline import load

    def make(tmp: Path) -> None:
        project = fixture_project(tmp, request.param)
        moment = call_moments(load(project / "data" / "call.yaml", "data/call.yaml"))["closed"]
        _built(build_site(tmp / "site", epoch=int(moment.timestamp()), project=project, cache=warm_cache(tmp_path_factory)))

    return shared_build(tmp_path_factory, f"fixture-{request.param}", make)


@pytest.fixture(scope="session")
def phase_sites(tmp_path_factory, site) -> dict[str, Path]:
    """The live call built at each moment of ``call_moments`` (after closing: the shared ``site``),
    shared by the status and timeline tests."""
    out = {"closed": site}
    for phase, moment in call_moments(_live_facts()).items():
        if phase != "closed":
            out[phase] = shared_build(tmp_path_factory, f"phase-{phase}", lambda tmp, moment=moment: _built(
                build_site(tmp / "site", epoch=int(moment.timestamp()), cache=warm_cache(tmp_path_factory))))
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once from data/call.yaml with the date pinned after the call closed."""
    def make(tmp: Path) -> None:
        build = build_site(tmp / "site", cache=warm_cache(tmp_path_factory))
        (tmp / "build.log").write_text(build.output, encoding="utf-8")  # what staff see (site_log)
        _built(build)

    return shared_build(tmp_path_factory, "built", make)


def site_log(site: Path) -> str:
    """The messages of the shared ``site`` build, as staff see them in their terminal."""
    return (site.parent / "build.log").read_text(encoding="utf-8")


def pages(site: Path) -> dict[str, dict[str, Path]]:
    """Built HTML pages by path under each language root: {'budget/index.html': {'ja': …, 'en': …}}."""
    out: dict[str, dict[str, Path]] = {}
    for p in site.rglob("*.html"):
        rel = p.relative_to(site).as_posix()
        year, english, key = re.fullmatch(r"(archive/\d{4}/)?(en/)?(.*)", rel).groups()
        if key.startswith(("assets/", "search/")) or key == "404.html":
            continue
        out.setdefault((year or "") + key, {})["en" if english else "ja"] = p
    return out


def page_address(key: str, lang: str) -> str:
    """A page's URL path under the site's root in a language, from its key in ``pages`` ('budget/index.html'
    or 'budget/'): English under en/, and an archived year's English under its own folder
    (archive/<year>/en/budget/, not en/archive/<year>/budget/)."""
    year, page = re.fullmatch(r"(archive/\d{4}/)?(.*)", key.removesuffix("index.html")).groups()
    return (year or "") + ("en/" if lang == "en" else "") + page


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


def _served_at_root(site: Path):
    """``site`` on a local static server at the host's root, on a port the system picks free, until the generator is closed."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()


@pytest.fixture(scope="session")
def served_at_root(site) -> Served:
    """The built site served at the host's root, where the 404 pages' root-relative links resolve
    (under /guide/ their styles would not load), for checks that need every page styled."""
    yield from _served_at_root(site)


@pytest.fixture(scope="session")
def fixture_served(fixture_site) -> Served:
    """The frozen 2025 call's site (fixture_site) on a local static server: for browser tests that assert its values."""
    yield from _served_at_root(fixture_site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def handle(self):
        """A browser that moves on to the next page drops the requests it no longer needs: not an error."""
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


def chromium_path() -> str:
    """Debian's Chromium as the tests drive it: its headless shell (package chromium-headless-shell, the
    same Blink and V8 of the same release, which Playwright itself runs for headless tests), else the
    full browser. On these 2-core machines the full browser in headless mode took 3.8 times the CPU per
    page opened in a new context (1.8 against 0.47 core-seconds, load and half a second after it) and kept
    a fifth of a core busy while idle; the browser tests were the larger part of make test's CPU."""
    path = shutil.which("chromium-headless-shell") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make deps` (Debian packages 'chromium-headless-shell', 'chromium')")
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


class Traffic:
    """The requests in flight on one page, watched from before its first load, so that ``settle`` can
    wait for the page to be done fetching. Playwright's "networkidle" waits a fixed 500 ms after the last
    request of every load (half a second per page, half a minute per page walk); this waits until no
    request is in flight and QUIET_S have passed since the last one started or ended. What a page fetches
    after its load event (Material's search worker, its index and its language file) follows in chains
    of a few tens of milliseconds, well inside QUIET_S."""

    QUIET_S = 0.15

    def __init__(self, page):
        self.page = page
        self.open = 0
        self.last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, _request) -> None:
        self.open += 1
        self.last = time.monotonic()

    def _ended(self, _request) -> None:
        self.open = max(0, self.open - 1)
        self.last = time.monotonic()

    def goto(self, url: str) -> None:
        """Load ``url`` in the page and wait until it has settled."""
        self.open = 0  # a request of the previous document that never reports its end is not this page's
        self.page.goto(url)
        self.settle()

    def settle(self, bound_s: float = 30.0) -> None:
        """Wait for the load event, then until nothing is in flight and nothing started or ended for QUIET_S."""
        self.page.wait_for_load_state("load")
        end = time.monotonic() + bound_s
        while self.open or time.monotonic() - self.last < self.QUIET_S:
            if time.monotonic() > end:
                raise AssertionError(f"{self.page.url}: {self.open} request(s) still in flight after {bound_s:.0f} s")
            self.page.wait_for_timeout(25)  # lets Playwright deliver the page's events


def settled_page(context):
    """A new page of ``context`` with its traffic watched: ``page.settle()`` replaces networkidle."""
    page = context.new_page()
    page.settle = Traffic(page).settle
    return page


@pytest.fixture
def page_factory(browser, served):
    """Open pages in a fresh context; collects console errors and requests to other hosts. Each page's
    traffic is watched from its first load: ``page.settle()`` waits until it is done fetching."""
    contexts = []

    def open_page(path: str = "", width: int = 1280, height: int = 900, javascript: bool = True):
        ctx = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        contexts.append(ctx)
        page = settled_page(ctx)
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


# --- one walk through every page -------------------------------------------------------
# The gates that read every page in Chromium (axe, HTML_CodeSniffer, the keyboard order, the language of
# parts, requests that leave the site) share one page load per page and width: each registers a probe
# with ``walk_probe``, the walk runs them all on the loaded page, in PROBE_ORDER (the keyboard walk,
# which moves focus and turns transitions off, last), and each gate's test asserts on its probe's results.
WALK_WIDTHS = (390, 1280)
PROBE_ORDER = ("requests", "lang", "fits", "language_link", "htmlcs", "axe", "keyboard")
_PROBES: dict[str, tuple[object, tuple[int, ...]]] = {}


@dataclass
class Visit:
    """A page of the walk, loaded: the Playwright page, its CDP session, its path under the site's root,
    and what it fetched from other hosts and the errors it logged (console, page errors, HTTP >= 400)."""

    page: object
    cdp: object
    path: str
    foreign_requests: list[str]
    console_errors: list[str]
    origin: str = ""  # of the server the page is loaded from: requests elsewhere leave the site


def walk_probe(name: str, widths: tuple[int, ...] = (1280,)):
    """Register ``probe(visit) -> list of problems`` to run on every page of the walk at ``widths``."""
    assert name in PROBE_ORDER, name

    def register(probe):
        _PROBES[name] = (probe, widths)
        return probe

    return register


def _is_404(path: str) -> bool:
    return path.endswith("404.html")


@pytest.fixture(scope="session")
def page_walk(browser, site, served, served_at_root):
    """``page_walk(width)``: {probe name: {page path: [problems]}} for every built page (html_paths), each
    loaded once at that width: under the /guide/ base path, the 404 pages at the host's root (where
    their root-relative links resolve). Walked on first use per width."""
    done: dict[int, dict[str, dict[str, list[str]]]] = {}

    def walk(width: int) -> dict[str, dict[str, list[str]]]:
        if width in done:
            return done[width]
        probes = [(name, _PROBES[name][0]) for name in PROBE_ORDER if name in _PROBES and width in _PROBES[name][1]]
        results: dict[str, dict[str, list[str]]] = {name: {} for name, _ in probes}
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            # One tab for the whole walk: a new tab per page doubled the time of each load. Every probe
            # reads the document it is given, and each navigation starts a new one.
            page = context.new_page()
            traffic = Traffic(page)
            cdp = context.new_cdp_session(page)
            visit = Visit(page, cdp, "", [], [])
            page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
            page.on("pageerror", lambda e: visit.console_errors.append(str(e)))
            page.on("response", lambda r: r.status >= 400 and visit.console_errors.append(f"HTTP {r.status} {r.url}"))
            page.on("request", lambda r: not r.url.startswith((visit.origin, "data:")) and visit.foreign_requests.append(r.url))
            for path in html_paths(site):
                base = (served_at_root if _is_404(path) else served).base_url
                visit.path, visit.foreign_requests, visit.console_errors = path, [], []
                visit.origin = "/".join(base.split("/", 3)[:3]) + "/"
                traffic.goto(base + path)
                for name, probe in probes:
                    results[name][path] = probe(visit)
        finally:
            context.close()
        done[width] = results
        return results

    return walk


def walk_problems(results: dict[str, list[str]]) -> list[str]:
    """One line per problem, each led by its page's path."""
    return [f"/{path}: {p}" for path, found in sorted(results.items()) for p in found]


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
    mp.setenv("CALLGUIDE_DRAFT_PREVIEW", "1")  # the live call may be a draft (after make new-call): a preview on purpose
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


# --- tiers ----------------------------------------------------------------------------
# What a test needs beyond Python, as markers: `make test-fast` runs the tests that need none of them
# (the edit-test loop), `make test` runs all. A test that uses a tier's fixture without its marker is
# refused at collection, and an unmarked test that starts another program fails at that moment, so
# later work cannot slow the fast tier silently.
TIERS = {
    "build": "makes a full mkdocs build (fixtures site, fixture_site, served, public_site, phase_sites, or build_site)",
    "browser": "drives Chromium (fixtures browser, page_factory)",
    "subprocess": "runs another program (node, java, make, a command line)",
}
TIER_OF_FIXTURE = {
    "site": "build",
    "fixture_site": "build",
    "partner_site": "build",
    "served": "build",
    "public_site": "build",
    "phase_sites": "build",
    "served_at_root": "build",
    "fixture_served": "build",
    "browser": "browser",
    "page_factory": "browser",
    "page_walk": "browser",
}


def pytest_configure(config):
    for name, what in TIERS.items():
        config.addinivalue_line("markers", f"{name}: the test {what}")


# Fixtures that serve on a port chosen when they are made and written into the build (public_site's
# SITE_URL): a worker cannot reuse another's, so their tests run on one worker (`--dist loadgroup`).
# The page walk is made per width on first use: all its tests of one width run on one worker too, and so do
# the slow tests of a module that share a module-scoped fixture of that module (tests/test_suite_groups.py).
ONE_WORKER = ("public_site",)


def _builds_in_its_module(item) -> bool:
    """Whether a slow-tier test uses a module-scoped fixture of its own module (a copy of the project, a
    build of a variant): each worker would make it again, so the module's tests stay on one worker."""
    if not any(item.get_closest_marker(tier) for tier in ("build", "subprocess")):
        return False
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    module = getattr(item, "module", None)
    return any(d[-1].scope == "module" and getattr(d[-1].func, "__module__", None) == getattr(module, "__name__", "")
               for d in defs.values() if d)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    missing = []
    for item in items:
        shared = [name for name in ONE_WORKER if name in item.fixturenames]
        if shared:  # one group per test: xdist would make a new group of two names
            item.add_marker(pytest.mark.xdist_group(shared[0]))
        elif "page_walk" in item.fixturenames:
            width = getattr(item, "callspec", None) and item.callspec.params.get("width")
            item.add_marker(pytest.mark.xdist_group(f"walk-{width or 1280}"))
        elif _builds_in_its_module(item):
            item.add_marker(pytest.mark.xdist_group(f"module-{item.module.__name__}"))
        marks = {m.name for m in item.iter_markers()}
        needed = {TIER_OF_FIXTURE[f] for f in item.fixturenames if f in TIER_OF_FIXTURE} - marks
        if needed:
            missing.append(f"{item.nodeid}: add @pytest.mark.{' and @pytest.mark.'.join(sorted(needed))}")
    if missing:
        raise pytest.UsageError("tests use a slow tier's fixture without its marker:\n" + "\n".join(missing))


_RUNNING: list = []  # the test being set up, run or torn down


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _RUNNING[:] = [item]
    try:
        return (yield)
    finally:
        _RUNNING.clear()


_execute_child = subprocess.Popen._execute_child


def _guarded_execute_child(self, *args, **kwargs):
    """An unmarked test (the fast tier) may not start another program, in its body or its fixtures."""
    item = _RUNNING[0] if _RUNNING else None
    if item is not None and not any(item.get_closest_marker(name) for name in TIERS):
        raise AssertionError(f"{item.nodeid} starts another program: mark it @pytest.mark.subprocess (or build/browser)")
    return _execute_child(self, *args, **kwargs)


subprocess.Popen._execute_child = _guarded_execute_child
