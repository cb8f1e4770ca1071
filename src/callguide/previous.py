"""An archived year as today's comparisons read it: its own call.json, its paths moved to today's.

The "what changed" page, ``make diff`` and the dates-carried-over check compare today's call with an
archived one. An archived year never has to pass today's model: ``make new-call`` writes the year's
call.json beside its data (``data/archive/<year>.json``, the same document as that year's site's
call.json), and the comparisons read that, moving its paths to today's through ``paths.py`` when
call.json's format changed since. Texts are compared as typed (markers and all, read from the
archived YAML without the model, markers moved too), so a changed date does not make every text
that names it a change; where the YAML does not hold a text at that place, its plain call.json
reading is compared instead.

An archive made before this (no .json beside the .yaml) is read through today's model while that
still reads it; when it no longer does, the error says how to write its call.json with the
year's own code (``make archive-json YEAR=<year>``).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import call_json, paths
from .format import LANGS

if TYPE_CHECKING:
    from .facts import Facts

MISSING: Any = object()
_MARKER_PATH = re.compile(r"(\{\{\s*)([A-Za-z_][\w.]*)")


class Unreadable(Exception):
    """An archived year that cannot be compared; the message says why and what to run, in both languages."""


@dataclass
class Previous:
    """An archived (or older) call: its call.json document and, for its texts as typed, its YAML data."""

    year: int
    shown: str  # the file named in messages
    doc: dict[str, Any]
    typed: Any = None  # the YAML data as read, no model (texts with their markers), or None
    typed_file: tuple[Path, str] | None = None  # where to read ``typed`` from when first needed

    @classmethod
    def from_facts(cls, facts: Facts, shown: str) -> Previous:
        """A call today's model reads (an archive without its call.json, a git ref): its call.json made now,
        its texts as typed from the model (the same places as in its YAML)."""
        typed = facts.call.model_dump(mode="json", exclude_none=True)
        return cls(int(facts.call.call.fiscal_year), shown, call_json.tree(facts), typed)

    @property
    def version(self) -> str:
        return str(self.doc.get("format_version", "1"))

    def archived_path(self, path: str) -> str:
        return paths.to_archived(path, self.version, call_json.FORMAT_VERSION)

    def current_path(self, path: str) -> str:
        return paths.to_current(path, self.version, call_json.FORMAT_VERSION)

    def get(self, path: str) -> Any:
        """The value at today's ``path`` in the archived call.json (spelled as today's format spells it), or MISSING."""
        value = at(self.doc, self.archived_path(path))
        return value if value is MISSING else paths.value_to_current(path, value, self.version, call_json.FORMAT_VERSION)

    def typed_text(self, path: str) -> dict[str, str] | None:
        """The text at today's ``path`` as typed in the archived data, each language (markers moved to today's paths), or None."""
        if self.typed is None and self.typed_file is not None:
            self.typed, self.typed_file = _typed(*self.typed_file), None
        raw = at(self.typed, self.archived_path(path)) if self.typed is not None else MISSING
        if not (isinstance(raw, dict) and all(isinstance(raw.get(lang), str) for lang in LANGS)):
            return None
        return {lang: _MARKER_PATH.sub(lambda m: m.group(1) + self.current_path(m.group(2)), raw[lang]) for lang in LANGS}


def at(tree: Any, path: str) -> Any:
    """The node of a JSON-like tree at a dotted path (list items by index), or MISSING."""
    node = tree
    for part in path.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return MISSING
    return node


def json_file(data: Path) -> Path:
    """An archived year's call.json beside its data: data/archive/<year>.json."""
    return data.with_suffix(".json")


def read(root: Path, data: Path, year: int, load: Callable[[Path, str], Facts]) -> Previous:
    """The archived year whose data is ``data``: its call.json, or one made from its YAML by today's model
    (``load``: pipeline.load, passed in so that this module stays below the pipeline).

    Raises Unreadable when neither is possible (no call.json, and today's model refuses the YAML).
    """
    from .errors import DataError

    shown = _relative(data, root)
    written = json_file(data)
    if written.is_file():
        try:
            return Previous(year, _relative(written, root), json.loads(written.read_text(encoding="utf-8")), typed_file=(data, shown))
        except (OSError, ValueError) as exc:
            raise Unreadable(_cannot_read(_relative(written, root), year, str(exc))) from None
    try:
        facts = load(data, shown)
    except DataError as exc:
        raise Unreadable(
            f"{_relative(written, root)} がなく、{shown} は今のプログラムの検査に通りません。"
            f"その年度のプログラムで call.json を書き出すには make archive-json YEAR={year} を実行し、できたファイルをコミットしてください。\n"
            f"{_relative(written, root)} is missing and {shown} no longer passes today's model: run make archive-json YEAR={year} "
            f"to write it with that year's own code (archive/{year}/), then commit it.\n{exc}"
        ) from None
    previous = Previous.from_facts(facts, shown)
    previous.year = year
    return previous


def _typed(data: Path, shown: str) -> Any:
    """The archived YAML as data (no model), or None when it cannot be read."""
    from .errors import DataError
    from .loader import load_file

    try:
        return load_file(data, shown).data
    except (DataError, OSError):
        return None


def _cannot_read(shown: str, year: int, why: str) -> str:
    return (
        f"{shown} を読めません（{why}）。make archive-json YEAR={year} で書き直してください。\n"
        f"{shown} cannot be read ({why}); write it again with make archive-json YEAR={year}."
    )


def _relative(p: Path, root: Path) -> str:
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(p)


# --- make archive-json YEAR=… -------------------------------------------------------------


def write_with_own_code(root: Path, year: int, data: Path, snapshot: Path) -> Path:
    """Write data/archive/<year>.json (beside ``data``) with that year's own code (``snapshot``/src), which
    always reads that year's data: for an archive made before new-call wrote call.json. Raises Unreadable."""
    out = json_file(data)
    if not data.is_file() or not (snapshot / "src" / "callguide").is_dir():
        raise Unreadable(
            f"{year}年度はアーカイブされていません（{_relative(data, root)} と archive/{year}/src/ が必要です）。\n"
            f"{year} is not archived here (it needs {_relative(data, root)} and archive/{year}/src/)."
        )
    if out.exists():
        raise Unreadable(f"{_relative(out, root)} はすでにあります。/ {_relative(out, root)} already exists.")
    script = (  # the call.json text as that year's code writes it (older code kept it on Facts)
        "import sys\nfrom pathlib import Path\nfrom callguide.pipeline import load\n"
        "facts = load(Path(sys.argv[1]), sys.argv[2])\n"
        "try:\n    from callguide.call_json import text\nexcept ImportError:\n    text = type(facts).json_text\n"
        "sys.stdout.write(text(facts))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CALL_FILE", "CALLGUIDE_ARCHIVE")}
    env["PYTHONPATH"] = str(snapshot / "src")
    done = subprocess.run([sys.executable, "-c", script, str(data), _relative(data, root)], cwd=root, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not done.stdout.strip():
        raise Unreadable(
            f"{year}年度のプログラムで call.json を作れませんでした。\nThat year's code could not make its call.json:\n{done.stderr.strip()}"
        )
    out.write_text(done.stdout, encoding="utf-8")
    return out
