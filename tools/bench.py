"""Benchmark (`make bench`): our build against plain Material, hook steps, page weight, Lighthouse.

Timing lives here, never in the tests. Every figure is a median of several runs.

- full: ``mkdocs build`` of the site with the PDF cache present (what repeated builds and
  `make serve` see), and plain: the same ``docs/`` built with a copy of mkdocs.yml whose
  ``hooks:`` (and ``watch:``) are removed, written to a temporary folder with ``docs_dir``
  made absolute. Without hooks the ``{{ markers }}`` stay as text (the same Markdown) and
  the files under assets/callguide/ that the assets hook writes are missing, and the
  markers in links make MkDocs warn, so the plain copy is built with ``strict: false``.
  The two are run alternately (full, plain, full, plain, …) so that load from other
  processes on the machine falls on both alike; the ratio full/plain is the yardstick.
  hyperfine, when installed, is not used for this pair: it runs all of one command's runs
  before the other's, which on a shared machine skews the ratio; this script's timer
  alternates instead.
- cold: the full build with an empty PDF cache (both PDFs rendered by WeasyPrint), the other
  caches present: what the budget holds. Then, as information, the full build with every cache
  empty (a fresh clone's first build: the data checked, every marker rendered, every file gzipped,
  and any archived year built once).
- rebuild: what `make serve` does after call.yaml is saved: one process loads the config
  and builds again, with the hook modules already imported. Each edit appends a comment
  line to a copy of call.yaml (CALL_FILE), which changes no fact, so the PDF must come
  from the cache: the script reports whether any rebuild rendered one.
- steps: the hooks append their step durations to CALLGUIDE_TIMINGS (see
  callguide.timings); medians per step and language over the full builds (the PDF step
  also over the cold builds), and the import of the modules the hooks use.
- weight: the home page in each language with every stylesheet and script it loads,
  each gzipped (level 9), excluding the search worker and index (loaded only when the
  search is opened, reported apart); and our own CSS and JavaScript as a reader downloads
  it (callguide.asset_weight): for every built page of both languages, the files under
  assets/callguide/ it links, each gzipped, summed; the largest such set (its page named)
  is what the budget holds, the home pages' are shown beside it, and every file of
  assets/callguide/ summed is printed as information (no page loads them all).
- lighthouse: scores of the home page in each language, served gzipped from a local
  server, when node_modules has lighthouse (npm devDependency) and Chromium is installed.

With ``--after-new-call`` all of this is measured on a temporary copy of the project on which
``make new-call`` has run: the site then has an archived year (built once into the cache, then
linked into the site) and the "what changed" pages, as it will a year from now.

Larger sites (issue 15, part 5: the cost must hold as the work grows), each on a temporary copy:

- ``--pages N``: every page of both languages N times (``budget.md`` and its copies
  ``budget-2.md`` … ``budget-N.md``, added to the navigation after the originals), so the
  site has N times the page pairs and a navigation N times as long; the plain build gets the
  same copies.
- ``--archived-years N``: ``make new-call`` run N times, each year made valid for the next
  (its ``draft: true`` removed and every date of call.yaml moved on by one year, as staff do),
  so the site has N archived years and the "what changed" page.
- ``--sizes``: only the warm full/plain pair (and CPU time), at today's size, at ``--pages 3``
  and at ``--archived-years 5``, one after the other, printed side by side; the larger sizes
  are where the per-page and per-year costs show.

CPU time (user + system of the build process and its children, e.g. an archived year's build)
is reported beside the wall time: on a shared machine it moves less with the load.

The figures are printed and written as JSON to .cache/bench/latest.json (``--json PATH``
for another file); docs-dev/bench-results.json holds the set quoted in the README.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from callguide.asset_weight import gz, own_weight
from callguide.pdf import PDF_CACHE

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MKDOCS = str(BIN / "mkdocs")
BUDGET = {"ratio": 1.3, "cold_extra_s": 1.0, "page_gzip_kb": 75, "own_gzip_kb": 10}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "5")), help="runs of each warm build (default 5)")
    parser.add_argument("--cold-runs", type=int, default=3, help="builds with an empty PDF cache (default 3)")
    parser.add_argument("--json", type=Path, default=ROOT / ".cache" / "bench" / "latest.json", help="where to write the figures")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument(
        "--after-new-call", action="store_true", help="measure a copy of the project after `make new-call` (one archived year and its changes page)"
    )
    parser.add_argument("--pages", type=int, default=1, metavar="N", help="measure a copy with every page N times (N × the page pairs)")
    parser.add_argument("--archived-years", type=int, default=0, metavar="N", help="measure a copy on which make new-call ran N times (N archived years)")
    parser.add_argument("--sizes", action="store_true", help="only the warm full/plain pair, at today's size, --pages 3 and --archived-years 5")
    args = parser.parse_args()
    if args.sizes:
        sizes(args)
        return

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = describe(args)
        if args.after_new_call or args.archived_years or args.pages > 1:
            grown_copy(tmp / "project", pages=args.pages, years=max(args.archived_years, int(args.after_new_call)))
        plain_cfg = write_plain_config(tmp)
        cache = tmp / "cache"
        site, plain_site = tmp / "site", tmp / "plain"
        timings = tmp / "timings.jsonl"
        full = [MKDOCS, "build", "-q", "-d", str(site)]
        plain = [MKDOCS, "build", "-q", "-f", str(plain_cfg), "-d", str(plain_site)]
        env = {"CALLGUIDE_CACHE_DIR": str(cache)}

        fill(full, env)  # fills the PDF cache (and builds any archived year) and warms the file system cache
        run(plain, {})
        times, cpu = alternate({"full": (full, {**env, "CALLGUIDE_TIMINGS": str(timings)}), "plain": (plain, {})}, args.runs)
        warm_steps = read_steps(timings)
        timings.unlink(missing_ok=True)
        cold_times, empty_times = [], []
        for _ in range(args.cold_runs):
            shutil.rmtree(cache / PDF_CACHE, ignore_errors=True)  # what the budget names: both PDFs rendered again
            cold_times.append(run(full, {**env, "CALLGUIDE_TIMINGS": str(timings)}))
        cold_steps = read_steps(timings)
        timings.unlink(missing_ok=True)
        for _ in range(args.cold_runs):
            shutil.rmtree(cache, ignore_errors=True)  # a fresh clone's first build: every cache made again
            empty_times.append(run(full, {**env, "CALLGUIDE_TIMINGS": str(timings)}))
        empty_steps = read_steps(timings)
        rebuild = serve_rebuilds(tmp, env, args.runs)
        imports = statistics.median(run([sys.executable, "-c", IMPORTS], {}) for _ in range(args.runs))
        weight = page_weight(site)
        lighthouse = None if args.no_lighthouse else lighthouse_scores(site, tmp)

    full_s, plain_s = statistics.median(times["full"]), statistics.median(times["plain"])
    cold_s = statistics.median(cold_times)
    result = {
        "taken": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "project": project,
        "archived_years": max(args.archived_years, int(args.after_new_call)),
        "runs": args.runs,
        "seconds": {
            "full_warm": round(full_s, 3),
            "plain_material": round(plain_s, 3),
            "ratio_full_to_plain": round(full_s / plain_s, 2),
            "full_warm_cpu": round(statistics.median(cpu["full"]), 3),
            "plain_material_cpu": round(statistics.median(cpu["plain"]), 3),
            "ratio_full_to_plain_cpu": round(statistics.median(cpu["full"]) / statistics.median(cpu["plain"]), 2),
            "full_cold": round(cold_s, 3),
            "cold_minus_warm": round(cold_s - full_s, 3),
            "full_every_cache_empty": round(statistics.median(empty_times), 3),
            "every_cache_empty_minus_warm": round(statistics.median(empty_times) - full_s, 3),
            "serve_rebuild": rebuild["median"],
            "hook_imports": round(imports, 3),
        },
        "runs_seconds": {k: [round(t, 3) for t in v] for k, v in times.items()} | {"full_cold": [round(t, 3) for t in cold_times], "full_every_cache_empty": [round(t, 3) for t in empty_times]},
        "serve_rebuild_rendered_pdf": rebuild["rendered_pdf"],
        "steps_warm": warm_steps,
        "steps_cold": {k: v for k, v in cold_steps.items() if k.startswith("pdf")},
        "steps_every_cache_empty": {k: v for k, v in empty_steps.items() if not k.startswith("markers")},
        "gzip_bytes": weight,
        "lighthouse": lighthouse,
        "budget": BUDGET,
    }
    report(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.json}")


# --- builds ------------------------------------------------------------------------------


_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "node_modules", "__pycache__", "*.pyc")


def describe(args) -> str:
    parts = []
    if args.pages > 1:
        parts.append(f"every page {args.pages} times")
    years = max(args.archived_years, int(args.after_new_call))
    if years:
        parts.append("after make new-call (one archived year)" if years == 1 else f"after make new-call {years} times ({years} archived years)")
    return "a copy " + " and ".join(parts) if parts else "this project"


def grown_copy(dest: Path, pages: int = 1, years: int = 0) -> None:
    """Measure ``dest`` from now on: a copy of the project with every page ``pages`` times and ``years``
    archived years (see the module docstring). The copy builds with ``--strict`` like the project."""
    global ROOT
    shutil.copytree(ROOT, dest, ignore=_NOT_COPIED)
    os.environ["PYTHONPATH"] = str(dest / "src")
    # As make does before a build (its `bytecode` step): the copy's own modules compiled once.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "--invalidation-mode", "timestamp", "src", "hooks"], cwd=dest, check=True, capture_output=True)
    if pages > 1:
        multiply_pages(dest, pages)
    for i in range(years):
        if i:
            next_year_valid(dest / "data" / "call.yaml")
        done = subprocess.run([sys.executable, "-m", "callguide", "new-call"], cwd=dest, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"make new-call failed in the copy:\n{done.stdout}{done.stderr}")
    ROOT = dest


def multiply_pages(root: Path, n: int) -> None:
    """Copies 2 … n of every page of both languages beside it, and in the navigation after the originals.

    A copy is the page itself under another name: its Markdown links (``budget.md#…``) and the blocks'
    root-relative links resolve as from the original, as the copy sits in the same folder.
    """
    docs = root / "docs"
    for lang_dir in (d for d in docs.iterdir() if d.is_dir()):
        for page in sorted(lang_dir.glob("*.md")):
            if re.fullmatch(r".+-\d+", page.stem):
                continue
            for i in range(2, n + 1):
                shutil.copy2(page, page.with_name(f"{page.stem}-{i}.md"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = re.search(r"^nav:\n((?:  - .*\n)+)", text, re.MULTILINE)
    assert nav, "mkdocs.yml has no nav: list"
    entries = re.findall(r"^  - (\S+)\.md$", nav[1], re.MULTILINE)
    copies = "".join(f"  - {stem}-{i}.md\n" for i in range(2, n + 1) for stem in entries)
    config.write_text(text[: nav.end()] + copies + text[nav.end() :], encoding="utf-8")


_DATE = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})(?=[-\s,}\"]|$)", re.MULTILINE)


def next_year_valid(data: Path) -> None:
    """The draft new-call left, made the next real call as staff would: every date a year later (a call
    shares no date with the one before it) and ``draft: true`` removed, so new-call may archive it."""
    text = data.read_text(encoding="utf-8")
    text = re.sub(r"^[ \t]*# Set by `make new-call`.*\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*draft: true[ \t]*(#.*)?\n", "", text, flags=re.MULTILINE)
    text = _DATE.sub(lambda m: f"{int(m[1]) + 1}-{m[2]}", text)
    data.write_text(text, encoding="utf-8")


def write_plain_config(tmp: Path) -> Path:
    """mkdocs.yml without hooks: and watch: (see the module docstring), docs_dir absolute, not strict."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^(hooks|watch):\n(?:[ \t]+.*\n|\n)*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^docs_dir:.*$", f"docs_dir: {ROOT / 'docs'}", text, flags=re.MULTILINE)
    text = re.sub(r"^strict:.*$", "strict: false", text, flags=re.MULTILINE)
    assert not re.search(r"^\s*- hooks/", text, flags=re.MULTILINE), "the plain copy still names hooks"
    path = tmp / "mkdocs-plain.yml"
    path.write_text(text, encoding="utf-8")
    return path


LAST_CPU = {"s": 0.0}


def run(cmd: list[str], extra_env: dict[str, str]) -> float:
    """Wall seconds of one command; its CPU seconds (user + system, children included) go to LAST_CPU."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra_env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU["s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout}{done.stderr}")
    return elapsed


def fill(cmd: list[str], extra_env: dict[str, str]) -> None:
    """The first build, which fills the caches; once more if it fails. Archived years built at the same
    time have been seen to race on their shared PDF cache (a separate issue): the second build finds
    the years that did build in the cache. Any later failure stops the bench."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra_env)
    if subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True).returncode:
        print("note: the first build failed; building again", file=sys.stderr)
    run(cmd, extra_env)


def alternate(commands: dict[str, tuple[list[str], dict]], runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU seconds of each command, run in turn (a, b, a, b, …) so that load falls on both alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            times[name].append(run(cmd, env))
            cpu[name].append(LAST_CPU["s"])
    return times, cpu


SIZES = {"today": {}, "3 × the pages": {"pages": 3}, "5 archived years": {"years": 5}}


def sizes(args) -> None:
    """The warm full/plain pair at each size of SIZES (wall and CPU medians), printed side by side."""
    global ROOT
    home = ROOT
    rows = {}
    for name, grow in SIZES.items():
        ROOT = home
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            tmp = Path(tmp)
            if grow:
                grown_copy(tmp / "project", **grow)
            plain_cfg = write_plain_config(tmp)
            cache = tmp / "cache"
            full = [MKDOCS, "build", "-q", "-d", str(tmp / "site")]
            plain = [MKDOCS, "build", "-q", "-f", str(plain_cfg), "-d", str(tmp / "plain")]
            env = {"CALLGUIDE_CACHE_DIR": str(cache)}
            fill(full, env)  # fills every cache (and builds the archived years once)
            run(plain, {})
            times, cpu = alternate({"full": (full, env), "plain": (plain, {})}, args.runs)
            pairs = sum(1 for _ in (ROOT / "docs" / "en").glob("*.md")) + (1 if grow.get("years") else 0)
            rows[name] = {
                "page_pairs": pairs,
                "full_warm": round(statistics.median(times["full"]), 3),
                "plain_material": round(statistics.median(times["plain"]), 3),
                "ratio": round(statistics.median(times["full"]) / statistics.median(times["plain"]), 2),
                "full_warm_cpu": round(statistics.median(cpu["full"]), 3),
                "plain_material_cpu": round(statistics.median(cpu["plain"]), 3),
                "ratio_cpu": round(statistics.median(cpu["full"]) / statistics.median(cpu["plain"]), 2),
                "runs_seconds": {k: [round(t, 3) for t in v] for k, v in times.items()},
                "runs_cpu_seconds": {k: [round(t, 3) for t in v] for k, v in cpu.items()},
            }
    ROOT = home
    result = {"taken": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(), "runs": args.runs, "sizes": rows, "budget": {"ratio": BUDGET["ratio"]}}
    print(f"machine: {result['machine']}; medians of {args.runs} runs, full and plain alternating\n")
    print(f"{'size':18} {'pairs':>5} {'plain s':>8} {'full s':>8} {'ratio':>6}  {'plain CPU':>9} {'full CPU':>9} {'ratio':>6}  budget")
    for name, r in rows.items():
        ok = "ok  " if r["ratio"] <= BUDGET["ratio"] else "OVER"
        print(f"{name:18} {r['page_pairs']:5d} {r['plain_material']:8.2f} {r['full_warm']:8.2f} {r['ratio']:6.2f}  "
              f"{r['plain_material_cpu']:9.2f} {r['full_warm_cpu']:9.2f} {r['ratio_cpu']:6.2f}  {ok} (≤ {BUDGET['ratio']})")
    out = args.json.with_name("sizes.json") if args.json.name == "latest.json" else args.json
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")


def read_steps(path: Path) -> dict[str, dict]:
    """Median seconds per step and language, summed within each build (page steps run per page)."""
    if not path.exists():
        return {}
    per_build: dict[str, list[float]] = {}
    current: dict[str, float] = {}
    rendered: dict[str, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = f"{row['step']} ({row['lang']})"
        if row["step"] == "load and check" and current:  # a new build starts with loading the data
            for k, v in current.items():
                per_build.setdefault(k, []).append(v)
            current = {}
        current[key] = current.get(key, 0.0) + row["seconds"]
        if "rendered" in row:
            rendered[key] = rendered.get(key, False) or row["rendered"]
    for k, v in current.items():
        per_build.setdefault(k, []).append(v)
    return {k: {"median_s": round(statistics.median(v), 4), **({"rendered": rendered[k]} if k in rendered else {})} for k, v in per_build.items()}


IMPORTS = "import callguide.pipeline, callguide.pages, callguide.render, callguide.calendar, callguide.pdf, callguide.links, callguide.theme_fixes, callguide.headings"

REBUILD = """
import json, os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, data, site, runs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
def once():
    config = load_config(str(root / "mkdocs.yml"), site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
once()  # the first build of `make serve`
times = []
for i in range(runs):
    with data.open("a", encoding="utf-8") as f:
        f.write(f"# bench edit {i}\\n")
    start = time.perf_counter()
    once()
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def serve_rebuilds(tmp: Path, env: dict[str, str], runs: int) -> dict:
    """Rebuilds in one process after edits that change no fact, as `make serve` makes them."""
    data = tmp / "call.yaml"
    shutil.copy(ROOT / "data" / "call.yaml", data)
    timings = tmp / "rebuild.jsonl"
    timings.unlink(missing_ok=True)
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALL_FILE=str(data), CALLGUIDE_TIMINGS=str(timings), **env)
    done = subprocess.run(
        [sys.executable, "-c", REBUILD, str(ROOT), str(data), str(tmp / "serve-site"), str(runs)],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"serve rebuilds failed:\n{done.stdout}{done.stderr}")
    times = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [json.loads(line) for line in timings.read_text(encoding="utf-8").splitlines()]
    pdf_rows = [r for r in rows if r["step"] == "pdf"][2:]  # after the first build
    return {"median": round(statistics.median(times), 3), "rendered_pdf": any(r.get("rendered") for r in pdf_rows)}


# --- page weight -------------------------------------------------------------------------

_ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def page_weight(site: Path) -> dict:
    """gzip sizes of each home page with what it loads, and of our own CSS and JavaScript per page."""
    out: dict = {}
    for lang, page in (("ja", site / "index.html"), ("en", site / "en" / "index.html")):
        html = page.read_text(encoding="utf-8")
        parts = {"html": gz(page.read_bytes())}
        for ref in _ASSET.findall(html):
            ref = ref.split("?")[0].split("#")[0]
            if ref.startswith(("http:", "https:", "//")):
                parts[ref] = "external"
                continue
            target = (page.parent / ref).resolve()
            parts[target.relative_to(site.resolve()).as_posix()] = gz(target.read_bytes())
        out[lang] = {"total": sum(v for v in parts.values() if isinstance(v, int)), "parts": parts}
    search = site / "search"
    if (search / "worker.js").exists():  # loaded when the search is opened, not with the page
        out["search_on_demand"] = {
            lang: gz((search / "worker.js").read_bytes()) + gz((search / f"{lang}.json").read_bytes()) + gz((search / "search_index.json").read_bytes())
            for lang in ("ja", "en")
        }
    out["own_css_js"] = own_weight(site)
    return out


# --- Lighthouse --------------------------------------------------------------------------


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped on the fly when the client accepts it (http.server alone never compresses)."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(body)


def lighthouse_scores(site: Path, tmp: Path) -> dict | None:
    chrome = shutil.which("chromium")
    if not LIGHTHOUSE.exists() or not chrome:
        print("lighthouse: skipped (needs `npm ci` for node_modules/.bin/lighthouse and Debian's chromium)")
        return None

    def handler(*a, **kw):
        return _GzipHandler(*a, directory=str(site), **kw)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    scores: dict = {}
    try:
        for lang, path in (("ja", "/"), ("en", "/en/")):
            report_file = tmp / f"lh-{lang}.json"
            cmd = [
                str(LIGHTHOUSE),
                f"http://127.0.0.1:{port}{path}",
                "--quiet",
                "--output=json",
                f"--output-path={report_file}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run",
            ]
            done = subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True, timeout=300)
            if done.returncode or not report_file.exists():
                scores[lang] = {"error": (done.stderr or done.stdout)[-500:]}
                continue
            data = json.loads(report_file.read_text(encoding="utf-8"))
            entry: dict = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES if data["categories"][c]["score"] is not None}
            failing = {}
            for c in CATEGORIES:
                for ref in data["categories"][c]["auditRefs"]:
                    audit = data["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        failing.setdefault(c, []).append(ref["id"])
            entry["failing_audits"] = failing
            scores[lang] = entry
    finally:
        server.shutdown()
    return scores


# --- output ------------------------------------------------------------------------------


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, load {load:.1f} at start"


def report(r: dict) -> None:
    s, b = r["seconds"], r["budget"]
    mark = lambda ok: "ok  " if ok else "OVER"  # noqa: E731
    print(f"machine: {r['machine']}; medians of {r['runs']} runs; {r['project']}\n")
    print(f"{'build':44} {'seconds':>8}  budget")
    print(f"{'plain Material (same docs/, no hooks)':44} {s['plain_material']:8.2f}")
    print(f"{'full, PDF cache present':44} {s['full_warm']:8.2f}  {mark(s['ratio_full_to_plain'] <= b['ratio'])} ratio {s['ratio_full_to_plain']:.2f} (≤ {b['ratio']})")
    print(f"{'  CPU seconds, plain / full':44} {s['plain_material_cpu']:8.2f} / {s['full_warm_cpu']:.2f}  ratio {s['ratio_full_to_plain_cpu']:.2f}")
    print(f"{'full, empty PDF cache (both PDFs rendered)':44} {s['full_cold']:8.2f}  {mark(s['cold_minus_warm'] <= b['cold_extra_s'])} +{s['cold_minus_warm']:.2f} s (≤ {b['cold_extra_s']})")
    if "full_every_cache_empty" in s:  # a fresh clone's first build: the data checked, every marker rendered, every file gzipped
        years = " and the archived years built once" if r["archived_years"] else ""
        print(f"{'full, every cache empty':44} {s['full_every_cache_empty']:8.2f}  info +{s['every_cache_empty_minus_warm']:.2f} s (everything made again{years})")
    print(f"{'serve rebuild after a call.yaml edit':44} {s['serve_rebuild']:8.2f}  {mark(not r['serve_rebuild_rendered_pdf'])} PDF {'re-rendered' if r['serve_rebuild_rendered_pdf'] else 'from cache'}")
    print(f"{'import of the modules the hooks use':44} {s['hook_imports']:8.2f}")
    print("\nhook steps (median per build)")
    cold_rows = {f"{k}, cold": v for k, v in r["steps_cold"].items()} | {f"{k}, every cache empty": v for k, v in r.get("steps_every_cache_empty", {}).items()}
    for name, row in {**r["steps_warm"], **cold_rows}.items():
        print(f"  {name:42} {row['median_s']:8.3f}" + (f"  rendered={row['rendered']}" if "rendered" in row else ""))
    w = r["gzip_bytes"]
    print("\ngzip (level 9), home page HTML + CSS + JS it loads (search worker and index excluded: loaded on demand)")
    for lang in ("ja", "en"):
        print(f"  {lang}: {w[lang]['total'] / 1024:6.1f} KB  {mark(w[lang]['total'] <= b['page_gzip_kb'] * 1024)} (≤ {b['page_gzip_kb']} KB)")
    own = w["own_css_js"]
    big = own["largest_page"]
    pages = ", ".join([big["page"], *big["same_set"]])
    print(f"  our own CSS + JS a page loads, largest set: {big['total'] / 1024:.1f} KB  {mark(big['total'] <= b['own_gzip_kb'] * 1024)} (≤ {b['own_gzip_kb']} KB)"
          f"; {pages} ({own['pages']} pages measured)")
    print("  our own CSS + JS, home pages: " + ", ".join(f"{lang} {row['total'] / 1024:.1f} KB" for lang, row in own["home"].items()))
    print(f"  our own CSS + JS, every file of assets/callguide/ summed: {own['every_file']['total'] / 1024:.1f} KB  info (no page loads them all)")
    if "search_on_demand" in w:
        print("  search, on demand (worker + the language's index): " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in w["search_on_demand"].items()))
    if r["lighthouse"]:
        print("\nLighthouse (served gzipped from 127.0.0.1)")
        for lang, entry in r["lighthouse"].items():
            if "error" in entry:
                print(f"  {lang}: error: {entry['error']}")
                continue
            print(f"  {lang}: " + ", ".join(f"{c} {entry.get(c)}" for c in CATEGORIES) + (f"; below 1: {entry['failing_audits']}" if entry["failing_audits"] else ""))


if __name__ == "__main__":
    main()
