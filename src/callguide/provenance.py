"""Where a fact comes from, as far as the data says today: the review page's source column.

Issue 18 part 2 will have call.yaml name the documents each block of facts comes from; until then
what is known is whether a fact is this guide's own (``own: true``, every guide note) or computed
from other facts (derived.py), and which facts those are. ``source_of`` is the one question the
review page asks, so that documents can be answered here later without touching the page.

The facts a derived value is computed from are found by computing it once from a call that records
what is read (``_Reading``), not typed again beside the formula: when the formula or the model's
paths change, the answer follows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .derived import Derived, derived
from .facts import Facts, is_leaf
from .types import Text

# The kinds of source known today; part 2 adds documents.
OWN, COMPUTED, UNRECORDED = "own", "computed", "unrecorded"


@dataclass(frozen=True)
class Source:
    """A fact's source: its kind and, for a computed value, the paths of the facts it is computed from
    and of the rounded figure the sources state for it, typed beside them (derived.py's ``replaces``)."""

    kind: str
    inputs: tuple[str, ...] = ()
    stated: str | None = None


def source_of(facts: Facts, path: str) -> Source:
    """The source of the fact at ``path`` as far as known: the guide's own, computed, or not recorded yet."""
    made = next((d for d in derived(facts.call) if d.path == path), None)
    if made is not None:
        return Source(COMPUTED, computed_from(facts, made), made.replaces)
    if _own(facts.by_path.get(path)):
        return Source(OWN)
    return Source(UNRECORDED)


def _own(value: Any) -> bool:
    """A text of the guide's own, or a fact holding one (a milestone's own note)."""
    if isinstance(value, Text):
        return bool(value.own)
    if isinstance(value, BaseModel):
        return any(_own(getattr(value, name)) for name in type(value).model_fields)
    return False


def computed_from(facts: Facts, derived: Derived) -> tuple[str, ...]:
    """The paths of the facts ``derived`` reads, in the order it reads them (blocks read only as a
    whole, such as a block whose fields are counted, by the block's path), without the stated figure
    it replaces (``Source.stated``)."""
    read: list[str] = []
    derived.make(_reading(facts.call, "", read))
    kept = [
        p for p in dict.fromkeys(read)
        if p != derived.replaces and p in facts and not any(other.startswith(p + ".") for other in read)
    ]  # (an optional field read but not written, such as a basis without an allowance, is not an input)
    return tuple(kept)


def _reading(value: Any, path: str, read: list[str]) -> Any:
    """``value`` as the formula sees it: a block of facts as a ``_Reading`` that notes each path read."""
    if path:
        read.append(path)
    if isinstance(value, BaseModel) and not is_leaf(value):
        # A class per model, carrying its fields, so that type(block).model_fields still answers.
        kind = type(f"Reading{type(value).__name__}", (_Reading,), {"model_fields": type(value).model_fields})
        return kind(value, path, read)
    if isinstance(value, list):
        return [_reading(item, f"{path}.{i}", read) for i, item in enumerate(value)]
    if isinstance(value, dict):  # blocks keyed by ids the staff choose (partners)
        return _ReadingDict({key: item for key, item in value.items()}, path, read)
    return value


class _ReadingDict(dict):
    """A block keyed by ids (partners) that notes the path of every entry read from it."""

    def __init__(self, items: dict, path: str, read: list[str]):
        super().__init__(items)
        self._path, self._read = path, read

    def __getitem__(self, key: str) -> Any:
        return _reading(super().__getitem__(key), f"{self._path}.{key}", self._read)


class _Reading:
    """A block of facts that notes the path of every field read from it."""

    model_fields: dict = {}

    def __init__(self, value: BaseModel, path: str, read: list[str]):
        self._value, self._path, self._read = value, path, read

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._value, name)
        if name not in type(self._value).model_fields:
            return found
        return _reading(found, f"{self._path}.{name}" if self._path else name, self._read)
