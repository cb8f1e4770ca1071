"""Stress the shared cache (issue 16, part 2 and the archived years), outside the test suite.

1. ``--pairs`` concurrent pairs of builds of different data files (``CALL_FILE``) on one cache, on
   a copy with one archived year: each output is compared byte for byte with the solo build of
   its data file. Pairs alternate between an empty shared cache and the one the pair before left.
2. ``--cold`` builds from an empty cache of a copy with ``--years`` archived years: each must
   succeed at the first attempt with every year in the site, and equal the first one.

Copies are made as staff make them (tests/archived_copy.py: ``python -m callguide new-call``).
Run: ``.venv/bin/python tools/stress_share.py`` (about 15 minutes on two cores).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from archived_copy import env_for, make_copy, next_year  # noqa: E402

EPOCH = "1760000000"  # a pinned day (2025-10-09), so that every build renders the same status


def start(repo: Path, cache: Path, site: Path, call_file: str | None = None) -> subprocess.Popen:
    env = env_for(repo, cache)
    env["SOURCE_DATE_EPOCH"] = EPOCH
    if call_file:
        env["CALL_FILE"] = call_file
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    return subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait(*procs: subprocess.Popen) -> list[tuple[int, str]]:
    return [(p.returncode, out) for p, out in ((p, p.communicate()[0]) for p in procs)]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def compare(site: Path, alone: dict[str, bytes]) -> str:
    """'' when ``site`` holds exactly the files of ``alone``, else what differs."""
    got = tree(site)
    missing, extra = sorted(alone.keys() - got.keys()), sorted(got.keys() - alone.keys())
    differ = sorted(k for k in alone.keys() & got.keys() if got[k] != alone[k])
    parts = [f"{name}: {', '.join(items[:5])}" for name, items in (("missing", missing), ("extra", extra), ("differ", differ)) if items]
    return "; ".join(parts)


def first_line(output: str) -> str:
    lines = [line for line in output.splitlines() if "ERROR" in line or "Error" in line or "Traceback" in line]
    return (lines or output.strip().splitlines()[-1:] or ["(no output)"])[0][:200]


def pairs(tmp: Path, runs: int) -> int:
    repo = make_copy(tmp / "pairs" / "repo", years=1)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "other.yaml").write_text(next_year((repo / "data" / "call.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    files = {"draft": None, "other": "drafts/other.yaml"}
    alone = {}
    for name, call_file in files.items():
        (code, out), = wait(start(repo, tmp / "pairs" / f"cache-{name}", tmp / "pairs" / f"alone-{name}", call_file))
        if code:
            sys.exit(f"the solo build of {name} failed:\n{out}")
        alone[name] = tree(tmp / "pairs" / f"alone-{name}")
    print(f"pairs: solo builds done ({len(alone['draft'])} and {len(alone['other'])} files)", flush=True)
    shared = tmp / "pairs" / "cache-shared"
    good = 0
    for n in range(runs):
        cold = n % 2 == 0
        if cold:
            shutil.rmtree(shared, ignore_errors=True)
        sites = {name: tmp / "pairs" / f"run-{n}-{name}" for name in files}
        began = time.perf_counter()
        results = wait(*(start(repo, shared, sites[name], call_file) for name, call_file in files.items()))
        took = time.perf_counter() - began
        verdicts = []
        for (name, site), (code, out) in zip(sites.items(), results, strict=True):
            verdicts.append(f"{name}: exit {code}, {first_line(out)}" if code else f"{name}: " + (compare(site, alone[name]) or "= solo"))
        ok = all(v.endswith("= solo") for v in verdicts)
        good += ok
        print(f"pair {n + 1:2d} ({'empty' if cold else 'shared'} cache) {took:5.1f} s  {'OK  ' if ok else 'FAIL'}  " + " | ".join(verdicts), flush=True)
        for site in sites.values():
            shutil.rmtree(site, ignore_errors=True)
    print(f"pairs: {good} of {runs} pairs each equal to their solo builds", flush=True)
    return good


def cold(tmp: Path, runs: int, years: int) -> int:
    repo = make_copy(tmp / "cold" / "repo", years=years)
    expected = [str(2025 + n) for n in range(years)]
    first: dict[str, bytes] | None = None
    good = 0
    for n in range(runs):
        cache, site = tmp / "cold" / f"cache-{n}", tmp / "cold" / f"site-{n}"
        began = time.perf_counter()
        (code, out), = wait(start(repo, cache, site))
        took = time.perf_counter() - began
        if code:
            verdict = f"exit {code}, {first_line(out)}"
        else:
            missing = [y for y in expected if not (site / "archive" / y / "en" / "index.html").is_file()]
            verdict = f"years missing: {missing}" if missing else ""
            if not verdict:
                if first is None:
                    first = tree(site)
                verdict = compare(site, first)
        good += not verdict
        print(f"cold {n + 1:2d} ({years} archived years) {took:5.1f} s  {'OK  ' if not verdict else 'FAIL'}  {verdict or 'every year built' + (', = run 1' if n else '')}", flush=True)
        shutil.rmtree(cache, ignore_errors=True)
        if n:
            shutil.rmtree(site, ignore_errors=True)
    print(f"cold: {good} of {runs} builds from an empty cache succeeded at the first attempt", flush=True)
    return good


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=10, help="concurrent pairs of builds of different data files (default 10)")
    parser.add_argument("--cold", type=int, default=10, help="builds from an empty cache of a copy with archived years (default 10)")
    parser.add_argument("--years", type=int, default=5, help="archived years of that copy (default 5)")
    args = parser.parse_args()
    print(f"archive jobs at once: {os.environ.get('CALLGUIDE_ARCHIVE_JOBS') or 'default'}; cores: {os.cpu_count()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="stress-share-") as tmp:
        good_pairs = pairs(Path(tmp), args.pairs) if args.pairs else 0
        good_cold = cold(Path(tmp), args.cold, args.years) if args.cold else 0
    sys.exit(0 if good_pairs == args.pairs and good_cold == args.cold else 1)


if __name__ == "__main__":
    main()
