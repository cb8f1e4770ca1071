"""Every fact of the call under its dotted path, and the call.json made from them (call_json.py).

Paths are the same everywhere: in markers (``{{ budget.japan.direct_cap }}``),
in ``data-fact`` attributes and in ``site/call.json``. List items are ``.0``,
``.1``. Derived values sit at their own paths and replace the typed
``stated_*`` fields they absorb.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, RootModel

from .derived import derived
from .fact_types import LEAF_KINDS
from .model import Call
from .types import Deadline, Text


def is_leaf(value: Any) -> bool:
    """True for a value that renders as one fact (not a block of other facts): fact_types.FACT_TYPES."""
    return isinstance(value, LEAF_KINDS)


class Facts:
    """The call's facts by path, with named questions instead of dictionary digging.

    ``source_refs``: the ``source:`` lines of the data file by their block's path (source_refs.py; the
    pipeline sets them: a Facts made from a model alone has none)."""

    source_refs: dict = {}

    def __init__(self, call: Call):
        self.call = call
        self.by_path: dict[str, Any] = {}
        self._walk(call, "")
        for d in derived(call):
            if d.replaces:
                self.by_path = {p: v for p, v in self.by_path.items() if p != d.replaces and not p.startswith(d.replaces + ".")}
            self.by_path[d.path] = d.make(call)

    def _walk(self, value: Any, path: str) -> None:
        if path:
            self.by_path[path] = value
        if isinstance(value, RootModel):  # a block keyed by ids the staff choose (schedule): its items
            self._walk_items(value.root, path)
        elif isinstance(value, BaseModel) and not is_leaf(value):
            for name in type(value).model_fields:
                self._walk(getattr(value, name), f"{path}.{name}" if path else name)
            self._walk_items(value.model_extra or {}, path)  # blocks beside named keys under ids the staff choose (checklist roles)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._walk(item, f"{path}.{i}")
        elif isinstance(value, dict):  # blocks keyed by ids the staff choose (guide_notes)
            self._walk_items(value, path)

    def _walk_items(self, value: dict[str, Any], path: str) -> None:
        for key, item in value.items():
            self._walk(item, f"{path}.{key}")

    def get(self, path: str) -> Any:
        return self.by_path[path]

    def __contains__(self, path: str) -> bool:
        return path in self.by_path

    def texts(self) -> Iterator[tuple[str, Text]]:
        """Every bilingual text with its path, for marker checks."""
        for path, value in self.by_path.items():
            if isinstance(value, Text):
                yield path, value

    def own_texts(self) -> Iterator[tuple[str, Text]]:
        """Every statement of this guide's own (``own: true``, and every guide note), with its path:
        what a reviewer checks against the sources."""
        for path, text in self.texts():
            if text.own:
                yield path, text

    def deadlines(self) -> list[tuple[str, Any]]:
        """The joint call's deadlines (milestones whose time is a Deadline), in order."""
        return [(name, m) for name, m in self.call.schedule.milestones() if isinstance(m.when, Deadline)]


def unknown_fact(facts: Facts, path: str) -> tuple[str, str]:
    """What to say of a path that names no fact, in English and Japanese, with the facts it could be: the
    same fact of the call's partners when it names a partner the call does not have (``partners.uk.portal.url``
    once ``uk`` was renamed ``de``; spelling alone would suggest ``partners``), else the nearest spelling.
    Markers in pages and texts, and the sources' addresses, say it alike."""
    head, _, rest = path.partition(".")
    pid, _, tail = rest.partition(".")
    close: list[str] = []
    if head == "partners" and pid and pid not in facts.call.partners:
        close = [p for p in (".".join(filter(None, ("partners", other, tail))) for other in facts.call.partners) if p in facts]
    close = close or difflib.get_close_matches(path, list(facts.by_path), n=1, cutoff=0.75)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    hint_ja = f"{'または'.join(f'「{c}」' for c in close)}の書き間違いではありませんか。" if close else "call.yaml のキーを「.」でつないだ名前を書いてください。"
    return f"unknown fact '{path}'{hint}", f"「{path}」という事実は call.yaml にありません。{hint_ja}"
