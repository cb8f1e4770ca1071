"""Pruning a shared cache: one build never removes what another build may still be using.

Two builds may share one cache (``CALL_FILE=drafts/2026.yaml make serve`` beside ``make build``).
A build that writes its own entry must leave another data file's fresh entry in place (the other
build may be about to read it), and still remove entries nobody has used for a long time, so the
cache does not grow without bound.
"""
from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from conftest import FIXTURE_DATA

from callguide.calendar import cached_calendar
from callguide.pdf import PdfJob, forget_older
from callguide.pipeline import load

LONG_AGO = time.time() - 3 * 24 * 3600


def _pdf(folder: Path, name: str, age: float | None = None) -> PdfJob:
    path = folder / f"checklist-ja-{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 " + name.encode())
    if age is not None:
        os.utime(path, (age, age))
    return PdfJob("ja", "", date(2025, 2, 13), path)


def test_a_new_pdf_leaves_another_builds_fresh_pdf(tmp_path):
    other = _pdf(tmp_path, "a" * 32)  # made a moment ago by a build of another data file
    mine = _pdf(tmp_path, "b" * 32)
    forget_older(mine)
    assert other.cached.exists() and mine.cached.exists()


def test_pdfs_nobody_used_for_long_are_removed(tmp_path):
    stale = [_pdf(tmp_path, f"{n:032x}", age=LONG_AGO + n) for n in range(8)]
    mine = _pdf(tmp_path, "b" * 32)
    forget_older(mine)
    assert mine.cached.exists()
    assert not any(job.cached.exists() for job in stale)


def test_a_new_calendar_leaves_another_builds_fresh_calendar(tmp_path):
    facts = load(FIXTURE_DATA, "call.yaml")
    cached_calendar(facts, "ja", b"data file A", tmp_path)
    first = set(tmp_path.glob("calendar-ja-*.ics"))
    cached_calendar(facts, "ja", b"data file B", tmp_path)
    assert first and first < set(tmp_path.glob("calendar-ja-*.ics"))
