"""Every problem staff see is said twice: the located English line, then an indented Japanese line.

Used by the tests of every bad-input case (loader, data, pages, builds), so a problem
without Japanese fails the test that makes it.
"""
from __future__ import annotations

import re

from callguide.errors import JA_PREFIX, Problem
from callguide.pipeline import _UNKNOWN_JA

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LOCATED = re.compile(r"^\S+:\d+:\d+: ")


def is_japanese_explanation(line: str) -> bool:
    return line.startswith(JA_PREFIX) and bool(JAPANESE.search(line)) and _UNKNOWN_JA not in line


def headlines(problems: list[Problem]) -> list[str]:
    """The first lines of the problems, after checking each has its own Japanese explanation."""
    out = []
    for p in problems:
        first, *rest = str(p).split("\n")
        assert first == p.headline and len(rest) == 1, str(p)
        assert is_japanese_explanation(rest[0]), f"no Japanese explanation for: {first!r} ({rest[0]!r})"
        out.append(first)
    return out


def assert_every_problem_explained(output: str) -> int:
    """In a command's output, every ``file:line:col:`` line is followed by an indented Japanese line."""
    lines = output.splitlines()
    located = [i for i, line in enumerate(lines) if LOCATED.match(line)]
    for i in located:
        follow = lines[i + 1] if i + 1 < len(lines) else ""
        assert is_japanese_explanation(follow), f"no Japanese line after {lines[i]!r}: {follow!r}"
    return len(located)
