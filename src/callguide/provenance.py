"""Where a fact comes from: the review page's source column, each page's sources, call.json.

A fact is computed from other facts (derived.py, and ``call.data_as_of``, the oldest of the sources'
``checked`` dates), or this guide's own (``own: true``, every guide note), or from the document its
nearest block names (``source: briefing``, source_refs.py), or from the guide itself (``source: guide``:
its ids, labels and questions; the ``sources`` block). ``source_of`` is the one question every reader
of provenance asks; ``unsourced`` lists the facts whose block names nothing (make check's reminder).

The facts a derived value is computed from are found by computing it once from a call that records
what is read (``_Reading``), not typed again beside the formula: when the formula or the model's
paths change, the answer follows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .derived import Derived, derived
from .facts import Facts, is_leaf, unknown_fact
from .source_refs import GUIDE, nearest
from .types import Text

# The kinds of source: a document of the call, the guide's own statement, the guide's own working
# parts (source: guide), a computed value, or nothing named yet.
DOCUMENT, OWN, GUIDE_PART, COMPUTED, UNRECORDED = "document", "own", "guide", "computed", "unrecorded"
# Computed from the sources block rather than by derived.py: the pages' 「情報確認日」.
CHECKED_ON = "call.data_as_of"
# Values that set up the guide itself, which no document of the call states (the call's id in URLs and
# calendar UIDs, the calendar's product name, whether it is a draft or invented): the guide's own working
# parts whatever source their block names (a `source:` line names a block, and these sit in `call:`
# beside the fiscal year and the call's name, which the briefing does state).
WORKING_PARTS = frozenset({"call.id", "call.calendar_product", "call.draft", "call.fictional"})


@dataclass(frozen=True)
class Source:
    """A fact's source: its kind; for a document, its id and the place in it (by language, or None);
    for a computed value, the paths of the facts it is computed from and of the rounded figure the
    sources state for it, typed beside them (derived.py's ``replaces``)."""

    kind: str
    inputs: tuple[str, ...] = ()
    stated: str | None = None
    document: str | None = None
    place: dict[str, str] | None = None

    def as_json(self) -> dict[str, Any]:
        """The source as call.json's ``fact_sources`` writes it."""
        if self.kind == DOCUMENT:
            return {"document": self.document, **({"place": self.place} if self.place else {})}
        if self.kind == COMPUTED:
            return {"computed_from": list(self.inputs), **({"stated": self.stated} if self.stated else {})}
        return {"kind": self.kind}


def source_of(facts: Facts, path: str) -> Source:
    """The source of the fact at ``path``: computed, the guide's own, a document, the guide's own parts, or not recorded.

    Kept per loaded facts (call.json asks for every fact, each page for the facts it shows)."""
    memo = facts.__dict__.setdefault("_sources_memo", {})
    found = memo.get(path)
    if found is None:
        found = memo[path] = _source_of(facts, path)
    return found


def _computed(facts: Facts) -> dict[str, Source]:
    """The sources of the call's derived values by path, made once per loaded facts (not once per fact
    asked about; plain data, so the facts still go into the check's pickle)."""
    made = facts.__dict__.get("_computed_sources")
    if made is None:
        made = facts.__dict__["_computed_sources"] = {d.path: Source(COMPUTED, computed_from(facts, d), d.replaces) for d in reversed(derived(facts.call))}
    return made


def _source_of(facts: Facts, path: str) -> Source:
    computed = _computed(facts).get(path)
    if computed is not None:
        return computed
    if path == CHECKED_ON:
        return Source(COMPUTED, tuple(f"sources.{i}.checked" for i, s in facts.call.sources.items() if s.checked is not None))
    if _own(facts.by_path.get(path)):
        return Source(OWN)
    if path == "sources" or path.startswith("sources.") or path in WORKING_PARTS:
        return Source(GUIDE_PART)
    ref = nearest(facts.source_refs, path)
    if ref is None:
        return Source(UNRECORDED)
    if ref.id == GUIDE:
        return Source(GUIDE_PART)
    return Source(DOCUMENT, document=ref.id, place=ref.place)


def fact_paths(facts: Facts) -> list[str]:
    """The paths of call.json's facts that are one value (a leaf or a leaf's parent), not blocks or lists."""
    return [p for p, v in facts.by_path.items() if v is not None and _one_value(v)]


def _one_value(value: Any) -> bool:
    return not isinstance(value, (list, dict)) and (is_leaf(value) or not isinstance(value, BaseModel))


def unsourced(facts: Facts) -> list[str]:
    """The facts whose block names no source and that are neither computed nor the guide's own."""
    return [p for p in fact_paths(facts) if source_of(facts, p).kind == UNRECORDED]


def unsourced_problem(path: str) -> tuple[str, str, str]:
    return (
        path,
        "no source named: add `source: <id>` (a document under sources, or guide) to this block or the block around it",
        "出典が書かれていません。このまとまりか、それを含むまとまりに `source: <id>`（sources の資料の id、本ガイド独自の部分なら guide）を書いてください。",
    )


def check(facts: Facts) -> list[tuple[str, str, str]]:
    """Problems of the sources block itself: a source that blocks name needs its checked date; the pages
    need at least one date (call.data_as_of); an address named by marker must be a fact holding one."""
    problems = []
    named = {r.id for r in facts.source_refs.values()}
    if GUIDE in facts.call.sources:
        problems.append((f"sources.{GUIDE}", f"'{GUIDE}' names the guide's own parts in source: lines; give this document another id",
                         f"「{GUIDE}」は source: で本ガイド独自の部分を表す語です。この資料には別の id を付けてください。"))
    for ident, doc in facts.call.sources.items():
        if ident in named and doc.checked is None:
            problems.append((f"sources.{ident}", "blocks name this source, so write the date its facts were checked against it: checked: YYYY-MM-DD",
                             "この資料を出典とするまとまりがあります。資料と照合した日を checked: 年-月-日 で書いてください。"))
        if doc.url is not None and doc.url.startswith("{{"):  # left by the model: it names no address
            target = doc.url.strip("{} ")
            if target not in facts:  # a partner's id renamed, a typo: say which fact it could be, as a marker does
                problems.append((f"sources.{ident}.url", *unknown_fact(facts, target)))
                continue
            problems.append((f"sources.{ident}.url", f"'{target}' is not the address of a page (a url: of call.yaml)",
                             f"「{target}」はページのアドレス（call.yaml の url:）ではありません。"))
    if facts.call.call.data_as_of is None:
        problems.append(("sources", "no source has a checked date: write checked: YYYY-MM-DD under each document read (the pages show the oldest)",
                         "確認日（checked:）のある資料がありません。照合した資料ごとに checked: 年-月-日 を書いてください（ページには最も古い日付を表示します）。"))
    return problems


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
