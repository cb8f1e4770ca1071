"""A copy of the project with archived years, as staff make it over several years of calls.

Used by the tests of shared caches (tests/test_shared_cache.py) and by the stress script
(tools/stress_share.py). The copy starts from the frozen 2025 call and its pages (with this
repository's code); each year then runs ``python -m callguide new-call`` as ``make new-call``
does, and moves every date of the new draft on by one year and removes ``draft: true``, so that
each year is a valid, published call that the next ``new-call`` may archive.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_2025 = ROOT / "tests" / "fixtures" / "call-2025"
SKIP = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "node_modules", ".pytest_cache")
# A date or a month as call.yaml writes them (2025-05-09, 2025-05), not inside an id or a word.
_DATE = re.compile(r"(?<![\w-])(\d{4})(-\d{2}(?:-\d{2})?)(?![\w-])")
_DRAFT = re.compile(r"^\s*(# Set by `make new-call`.*\n\s*)?draft: true\n", re.MULTILINE)


def env_for(repo: Path, cache: Path) -> dict[str, str]:
    """The environment of a command run in ``repo`` (its own code, ``cache`` as the cache)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo / "src"), CALLGUIDE_CACHE_DIR=str(cache))
    for key in ("CALL_FILE", "SITE_URL", "CALLGUIDE_ARCHIVE"):
        env.pop(key, None)
    return env


def next_year(text: str) -> str:
    """The draft new-call left, made the next year's published call: every date a year later, no draft mark."""
    text = _DATE.sub(lambda m: f"{int(m.group(1)) + 1}{m.group(2)}", text)
    return _DRAFT.sub("", text)


def make_copy(dest: Path, years: int, cache: Path | None = None) -> Path:
    """A project at ``dest`` with ``years`` archived years (2025, 2026, …); returns ``dest``.

    After the last new-call, ``data/call.yaml`` is the draft new-call leaves (as staff find it).
    """
    shutil.copytree(ROOT, dest, ignore=SKIP)
    shutil.copy2(FIXTURE_2025 / "call.yaml", dest / "data" / "call.yaml")
    shutil.copy2(FIXTURE_2025 / "translations.lock.yaml", dest / "data" / "translations.lock.yaml")  # confirmed for its pages
    shutil.rmtree(dest / "docs")
    shutil.copytree(FIXTURE_2025 / "docs", dest / "docs")
    for stale in (dest / "data" / "archive", dest / "archive"):
        shutil.rmtree(stale, ignore_errors=True)
    env = env_for(dest, cache or dest / ".cache")
    data = dest / "data" / "call.yaml"
    for n in range(years):
        if n:
            data.write_text(next_year(data.read_text(encoding="utf-8")), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "callguide", "new-call"], cwd=dest, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"new-call {n + 1} of {years} failed in {dest}:\n{done.stdout}{done.stderr}")
    return dest
