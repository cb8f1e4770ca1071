"""Benchmark: median wall time of `make check`'s validation and of a full `mkdocs build`.

Timing lives here, not in the tests. Run with `make bench`.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(os.environ.get("RUNS", "5"))
    with tempfile.TemporaryDirectory() as out:
        build = timed([str(BIN / "mkdocs"), "build", "-d", out], runs)
        rebuild = timed([str(BIN / "mkdocs"), "build", "--dirty", "-d", out], runs)
    check = timed([sys.executable, "-m", "callguide", "check"], runs)
    print(f"check (data + pages of both languages): {check:.2f} s median of {runs}")
    print(f"full build (both languages, call.json, assets, PDFs, calendars): {build:.2f} s median of {runs}")
    print(f"rebuild into the same folder: {rebuild:.2f} s median of {runs}")


if __name__ == "__main__":
    main()
