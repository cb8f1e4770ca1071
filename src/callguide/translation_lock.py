"""The translations lock: the Japanese and English of every text as last confirmed to say the same.

``data/translations.lock.yaml`` holds, by part (the data file as named from the project's root, and
``docs`` for the page sections) and by path (a fact path such as ``call.name``, or
``page.md#heading-id``), both texts as they were when staff confirmed them (``make confirm``), so a
git diff of it shows what was confirmed and a drift message can show the confirmed texts. Texts of
several lines are written as YAML blocks, so a change reads line by line. Keyed by paths, it follows
a change of fact paths through an old → new mapping (``migrate``). drift.py compares texts with it.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import DataError, Problem

if TYPE_CHECKING:
    from .drift import Bilingual

LOCK = Path("data") / "translations.lock.yaml"
DOCS = "docs"  # the part for the sections of docs/<lang>/*.md; every other part is a data file's
FORMAT = "1"

Pair = tuple[str, str]  # (ja, en)


@dataclass
class Lock:
    """The texts last confirmed as saying the same: {part: {path: (ja, en)}}, in file order."""

    parts: dict[str, dict[str, Pair]]


_HEADER = """\
# The Japanese and English of every text, as last confirmed to say the same (make confirm writes
# this file; see STAFF.en.md, "Translation drift"). make check compares the texts with it.
# 日英の文章を、同じ内容だと最後に確認したときの形で記録したファイルです（make confirm が書きます。
# STAFF.md の「翻訳のずれ」を参照）。make check はこれと今の文章を比べます。手で編集しないでください。
"""


class _Dumper(yaml.SafeDumper):
    """Block style for texts of several lines, so a change reads as a change of lines in a git diff."""


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _str)


def lock_text(lock: Lock) -> str:
    tree: dict[str, Any] = {"format": FORMAT}
    for part, texts in lock.parts.items():
        tree[part] = {path: {"ja": ja, "en": en} for path, (ja, en) in texts.items()}
    body = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False)
    return _HEADER + body


def parse_lock(text: str, shown: str) -> Lock:
    """The lock's text read back (every scalar a string), or a located problem."""
    unreadable = (
        "the translations lock cannot be read{}; if a merge left conflict marks (<<<<<<<) in it, keep one side "
        "or delete the file, then run make confirm after checking the texts",
        "翻訳の確認記録が読めません{}。マージで <<<<<<< などの印が残っている場合は片方を残すかファイルを消し、"
        "文章を確かめてから make confirm を実行してください。",
    )
    try:
        tree = _tree(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError([Problem(shown, line, col, "", unreadable[0].format(""), unreadable[1].format(""))]) from None
    parts: dict[str, dict[str, Pair]] = {}
    try:
        for part, texts in (tree or {}).items():
            if part == "format":
                continue
            parts[part] = {path: (t["ja"], t["en"]) for path, t in (texts or {}).items()}
    except (AttributeError, KeyError, TypeError) as exc:
        raise DataError([Problem(shown, 1, 1, "", unreadable[0].format(f" ({exc})"), unreadable[1].format(f"（{exc}）"))]) from None
    return Lock(parts)


def _tree(text: str) -> Any:
    """The YAML tree of the lock, every scalar a string, from libyaml's events: a tenth of the time of
    ``yaml.load`` (whose tag resolution is most of it), which ``make check`` would pay at every run."""
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = None

    def add(value: Any) -> None:
        nonlocal root
        if not stack:
            root = value
        elif isinstance(stack[-1], list):
            stack[-1].append(value)
        elif keys[-1] is None:
            keys[-1] = value
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = None

    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.ScalarEvent):
            add(event.value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            add(value)
            stack.append(value)
            keys.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            keys.pop()
        elif isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not used in the lock")
    return root


def read_lock(root: Path) -> Lock | None:
    path = root / LOCK
    if not path.is_file():
        return None
    return parse_lock(path.read_text(encoding="utf-8"), LOCK.as_posix())


def write_lock(root: Path, lock: Lock) -> None:
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_text(lock_text(lock), encoding="utf-8")
    partial.replace(path)


def confirm(lock: Lock | None, current: list[Bilingual], only: Iterable[str] = ()) -> tuple[Lock, list[tuple[str, Any]]]:
    """The lock with the current texts recorded: all of them (and, in the parts checked now, texts no
    longer there dropped), or those whose path is one of ``only`` or lies under one (``budget`` → the
    data's ``budget.…``; ``apply.md`` → that page's sections). A part not checked now (another data
    file's, with CALL_FILE) is kept as it is. Returns the new lock and what changed in it:
    ("new" | "updated", text) and ("removed", (part, path)). Raises KeyError naming a path of ``only``
    that matches no text."""
    only = list(only)
    unknown = [p for p in only if not any(_under(t, p) for t in current)]
    if unknown:
        raise KeyError(", ".join(unknown))
    old = lock.parts if lock else {}
    parts: dict[str, dict[str, Pair]] = {}
    changes: list[tuple[str, Any]] = []
    for t in current:
        was = old.get(t.part, {}).get(t.path)
        texts = parts.setdefault(t.part, {})
        if not only or any(_under(t, p) for p in only):
            texts[t.path] = t.pair
            if was != t.pair:
                changes.append(("updated" if was else "new", t))
        elif was is not None:
            texts[t.path] = was
    for part, texts in old.items():
        if part not in parts:
            parts[part] = dict(texts)
            continue
        for path, pair in texts.items():
            if path in parts[part]:
                continue
            if only:
                parts[part][path] = pair  # kept: only the texts named are confirmed
            else:
                changes.append(("removed", (part, path)))
    return Lock(parts), changes


def _under(text: Bilingual, prefix: str) -> bool:
    """Whether a text is the one named, or one under it: a data path's blocks are cut at dots,
    a page's sections at its '#'."""
    return text.path == prefix or text.path.startswith(prefix + ("#" if text.part == DOCS else "."))


def migrate(lock: Lock, paths: dict[str, str], sections: dict[str, str] | None = None) -> Lock:
    """The lock with fact paths renamed by an old path → new path mapping (facts moved), and page
    sections by ``sections`` (``budget.md#uk`` → ``budget.md#partner``, a heading id renamed or a page moved).

    A fact path is renamed by its longest mapped prefix (``budget.uk`` → ``partners.uk.budget`` renames
    ``budget.uk.cap.note`` too); the texts are kept, so a moved text stays confirmed.
    """

    def renamed(path: str) -> str:
        cut = path
        while cut:
            if cut in paths:
                return paths[cut] + path[len(cut) :]
            cut = cut.rpartition(".")[0]
        return path

    return Lock({
        part: {((sections or {}).get(p, p) if part == DOCS else renamed(p)): pair for p, pair in texts.items()}
        for part, texts in lock.parts.items()
    })
