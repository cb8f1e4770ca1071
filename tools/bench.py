"""Benchmark: median wall time of `make check`'s validation and of a full `mkdocs build`.

Timing lives here, not in the tests. Run with `make bench`.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int, before=lambda: None) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(os.environ.get("RUNS", "5"))
    cache = ROOT / ".cache" / "checklist-pdf"
    with tempfile.TemporaryDirectory() as out:
        cmd = [str(BIN / "mkdocs"), "build", "-d", out]
        cold = timed(cmd, 1, before=lambda: shutil.rmtree(cache, ignore_errors=True))
        warm = timed(cmd, runs)
    check = timed([sys.executable, "-m", "callguide", "check"], runs)
    print(f"check (data + pages of both languages): {check:.2f} s median of {runs}")
    print(f"build with the PDFs re-rendered (cold cache): {cold:.2f} s")
    print(f"build with unchanged PDFs (warm cache): {warm:.2f} s median of {runs}")


if __name__ == "__main__":
    main()
