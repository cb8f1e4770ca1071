"""Kill builds at random moments and check that the output is still the previous site and no process is left.

Outside the test suite (it takes minutes): `PYTHONPATH=src .venv/bin/python tools/stress_kills.py [--runs 10]`.
Builds this project (its data and pages) into a temporary folder. A first build makes the
previous site. Each run then starts `mkdocs build` with another SITE_URL (so that every page of
the new site differs from the previous one), on a warm or an emptied cache (so that the PDF
worker runs), and kills it with SIGKILL or SIGTERM after a random delay of up to 1.3 times the time a
cold build takes (so now and then during the exchange, or after the build has finished). Then the output must be exactly the previous site (or, when the build finished
before the kill, a whole new site, which becomes the previous one), and no process that the
build started (found by a token in their environment) may still run after 10 s.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
WHOLE = ("index.html", "en/index.html", "call.json", "checklist.pdf", "en/checklist.pdf", "calendar.ics", "en/calendar.ics", "index.html.gz", "sitemap.xml")


def tree(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def processes_with(token: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if token.encode() in (entry / "environ").read_bytes() and "zombie" not in (entry / "status").read_text():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def whole_new(out: Path, files: dict[str, str], url: str) -> bool:
    """Every file a whole site has, and every page made for ``url`` (its canonical link): no page of another build."""
    if not all(name in files for name in WHOLE):
        return False
    pages = [out / name for name in files if name.endswith("index.html") and not name.startswith("archive/")]
    return all(f'href="{url}' in page.read_text(encoding="utf-8") for page in pages)


def build(out: Path, cache: Path, url: str, token: str) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(cache), SITE_URL=url,
               CALLGUIDE_DRAFT_PREVIEW="1", CALLGUIDE_STRESS_TOKEN=token)
    return subprocess.Popen([str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="stress-kills-"))
    out, cache = work / "site", work / "cache"
    print(f"seed {seed}; building the previous site into {out}")
    start = time.monotonic()
    first = build(out, cache, "https://example.org/previous/", uuid.uuid4().hex)
    if first.wait() != 0:
        print("the first build failed")
        return 2
    took = time.monotonic() - start
    previous = tree(out)
    print(f"previous site: {len(previous)} files, built in {took:.1f} s (cold cache)")
    failures = 0
    for run in range(1, args.runs + 1):
        cold = rng.random() < 0.5
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        sig = rng.choice([signal.SIGKILL, signal.SIGTERM])
        delay = rng.uniform(0.2, 1.3 * took)  # now and then past the end: the exchange itself, or a finished build
        token = uuid.uuid4().hex
        proc = build(out, cache, f"https://example.org/run-{run}/", token)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(sig)
        proc.wait()
        end = time.monotonic() + 10
        while (left := processes_with(token)) and time.monotonic() < end:
            time.sleep(0.2)
        now = tree(out)
        if now == previous:
            ok, verdict = True, "output = previous site"
        elif whole_new(out, now, f"https://example.org/run-{run}/"):
            ok, verdict = True, "finished before the kill: the whole new site" if finished else "killed after the exchange: the whole new site"
            previous = now
        else:
            ok, verdict = False, f"output CHANGED and not a whole new site ({len(set(now.items()) ^ set(previous.items()))} files differ)"
        if left:
            ok = False
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".site.")]
        failures += not ok
        print(f"run {run:2d}: {signal.Signals(sig).name:7s} after {delay:4.1f} s, {'cold' if cold else 'warm'} cache: "
              f"{verdict}; processes left after 10 s: {len(left)}; working folders beside the output: {len(leftovers)}"
              f"{'' if ok else '  <-- FAIL'}")
    print(f"{args.runs - failures} of {args.runs} runs kept the previous (or a whole new) site with no process left")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
