"""Paths of facts across call.json format versions: an archived year's paths as today's.

An archived year is compared with today's call by its call.json (data/archive/<year>.json), whose
``format_version`` says which paths it uses. ``path_map.yaml`` says, for each version followed by a
change of paths, where each moved path went; a path moves everything under it. A fact moved is then
compared at its new path (reported as changed or not at all), never as one removed and one added.
"""
from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import yaml

MAP_FILE = Path(__file__).with_name("path_map.yaml")
# format_version → {old path: new path} (path_map.yaml; tests put a changed schema's moves here).
MOVES: dict[str, dict[str, str]] = {str(k): dict(v or {}) for k, v in (yaml.safe_load(MAP_FILE.read_text(encoding="utf-8")) or {}).items()}


def _steps(version: str, current: str) -> list[dict[str, str]]:
    """The moves from ``version`` up to ``current``, in order (none when either is not a number)."""
    try:
        start, end = int(version), int(current)
    except ValueError:
        return []
    return [MOVES.get(str(v), {}) for v in range(start, end)]


def _apply(path: str, moves: dict[str, str]) -> str:
    """``path`` after one step of moves: the longest moved prefix replaced."""
    best = max((old for old in moves if path == old or path.startswith(old + ".")), key=len, default=None)
    return path if best is None else moves[best] + path[len(best):]


def to_current(path: str, version: str, current: str) -> str:
    """An archived path (of call.json ``version``) as today's (``current``)."""
    for moves in _steps(version, current):
        path = _apply(path, moves)
    return path


def to_archived(path: str, version: str, current: str) -> str:
    """Today's path as the archived call.json (``version``) wrote it."""
    for moves in reversed(_steps(version, current)):
        path = _apply(path, {new: old for old, new in moves.items()})
    return path


# format_version → {path pattern (``*`` one part): {old value: new value}} for going from that version to
# the next: values whose spelling changed without their meaning (format 3 names sides by id, and
# ``all`` where format 2 wrote ``both``; a proposal part's ``where`` is the side whose form it is).
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "2": {
        "schedule.*.side": {"both": "all"},
        "apply.steps.*.who": {"both": "all"},
        "contents.*.where": {"uk_form": "uk", "jst_form": "japan", "both_forms": "all"},
    },
}


def value_to_current(path: str, value: Any, version: str, current: str) -> Any:
    """An archived value (of call.json ``version``) at today's ``path``, spelled as today's format spells it."""
    try:
        start, end = int(version), int(current)
    except ValueError:
        return value
    for v in range(start, end):
        for pattern, renames in VALUES.get(str(v), {}).items():
            if isinstance(value, str) and value in renames and _matches(path, pattern):
                value = renames[value]
    return value


def _matches(path: str, pattern: str) -> bool:
    parts, wanted = path.split("."), pattern.split(".")
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted, strict=True))
