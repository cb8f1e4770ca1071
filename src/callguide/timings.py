"""Step durations for ``make bench`` (tools/bench.py), off unless asked for.

With ``CALLGUIDE_TIMINGS=path`` set, each timed step appends one JSON line
``{"step", "lang", "seconds", …}`` to that file (the step may add fields to the dict it
is given, e.g. whether the PDF was rendered); without it, ``step`` costs one
environment look-up. Tests never read these: timing lives in the benchmark only.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def step(name: str, lang: str) -> Iterator[dict]:
    path = os.environ.get("CALLGUIDE_TIMINGS")
    extra: dict = {}
    if not path:
        yield extra
        return
    start = time.perf_counter()
    try:
        yield extra
    finally:
        line = json.dumps({"step": name, "lang": lang, "seconds": round(time.perf_counter() - start, 6), **extra})
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
