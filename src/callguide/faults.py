"""Test-only pause points: a build stops for good at a named moment, so a test can kill it there.

A build is killed at a moment chosen by the test, not by a race: with
``CALLGUIDE_TEST_PAUSE=<point>`` the process that reaches that point writes its pid
to ``CALLGUIDE_TEST_PAUSE_FILE`` and sleeps until it is killed. Unset (always,
outside the tests), ``pause`` returns at once. The points:

- ``after-clean``: the Japanese pages' build, after MkDocs has emptied the folder it builds into;
- ``pdf-render``: the PDF worker, about to render a checklist;
- ``archive-build``: an archived year's own build (a subprocess of the site's build).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("after-clean", "pdf-render", "archive-build")


def pause(point: str) -> None:
    """Sleep here until killed when ``CALLGUIDE_TEST_PAUSE`` names ``point``; otherwise do nothing."""
    if os.environ.get("CALLGUIDE_TEST_PAUSE") != point:
        return
    marker = os.environ.get("CALLGUIDE_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(f"{os.getpid()}\n", encoding="utf-8")
    while True:
        time.sleep(3600)
