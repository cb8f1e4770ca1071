"""The ``source:`` lines of call.yaml: which document each block of facts comes from.

Staff write ``source: briefing`` (a document listed under ``sources``), or with the place in it,
``source: {id: briefing, place: {ja: 「応募要件」, en: "slide 'Eligibility'"}}``, on any block; a fact
takes the source of its nearest block that names one (a sub-block may name another). ``source: guide``
marks a block that is this guide's own working part (ids, labels, questions), not a statement of a
document. The lines are taken out of the raw tree before the model reads it, so every block accepts
them without each model class knowing; a block whose model has a ``source`` field of its own (a
self-check rule names the fact that states it) keeps it.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .loader import Loaded, Path_, dotted

# The id of the guide itself: a block of its own working parts, not from any document.
GUIDE = "guide"
LANGS = ("ja", "en")


@dataclass(frozen=True)
class SourceRef:
    """A block's source as written: the document's id, the place in it (by language, or None),
    and where the line is (for messages)."""

    id: str
    place: dict[str, str] | None
    block: str
    line: int
    col: int


def take(loaded: Loaded, keeps_source: Callable[[Path_], bool]) -> tuple[dict[str, SourceRef], list[Problem]]:
    """Remove every ``source:`` line from ``loaded.data`` (except where ``keeps_source(path)``: the model
    has a field of that name) and return them by the dotted path of their block, with the problems found
    (a malformed line, an id no source has)."""
    raw_sources = loaded.data.get("sources") if isinstance(loaded.data, dict) else None
    known = sorted(raw_sources) if isinstance(raw_sources, dict) else []
    refs: dict[str, SourceRef] = {}
    problems: list[Problem] = []

    def walk(node: Any, path: Path_) -> None:
        if isinstance(node, dict):
            if "source" in node and not keeps_source(path):
                ref = _parse(node.pop("source"), path, loaded, known, problems)
                if ref is not None:
                    refs[dotted(path)] = ref
            for key, value in node.items():
                walk(value, path + (key,))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, path + (i,))

    walk(loaded.data, ())
    return refs, problems


def _parse(value: Any, path: Path_, loaded: Loaded, known: list[str], problems: list[Problem]) -> SourceRef | None:
    at = path + ("source",)
    line, col = loaded.where(at)
    here = dotted(at)

    def problem(message: str, ja: str) -> None:
        problems.append(Problem(loaded.file, line, col, here, message, ja))

    place = None
    if isinstance(value, dict):
        extra = sorted(set(value) - {"id", "place"})
        if extra:
            problem(f"unknown key '{extra[0]}' in a source; write id: and, if useful, place:",
                    f"出典に「{extra[0]}」というキーは書けません。id: と、必要なら place: を書いてください。")
            return None
        place = value.get("place")
        value = value.get("id")
        if not isinstance(place, dict) or any(not isinstance(place.get(lang), str) or not place[lang].strip() for lang in LANGS) or set(place) - set(LANGS):
            problem("a source's place is given in both languages: place: {ja: 「応募要件」, en: \"slide 'Eligibility'\"}",
                    "出典の箇所（place:）は日本語と英語の両方で書いてください。例：place: {ja: 「応募要件」, en: \"slide 'Eligibility'\"}")
            return None
        place = {lang: place[lang].strip() for lang in LANGS}
    if not isinstance(value, str) or not value.strip():
        problem("a source is the id of a document listed under sources (such as briefing), or guide for the guide's own parts",
                "出典（source:）には、sources に書いた資料の id（briefing など）か、本ガイド独自の部分なら guide を書いてください。")
        return None
    ident = value.strip()
    if ident != GUIDE and ident not in known:
        close = difflib.get_close_matches(ident, known + [GUIDE], n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        hint_ja = f"「{close[0]}」の書き間違いではありませんか。" if close else ""
        listed = ", ".join(known + [GUIDE])
        problem(f"unknown source '{ident}'{hint} (the sources are: {listed})",
                f"「{ident}」という出典は sources にありません。{hint_ja}書ける id: {listed}")
        return None
    return SourceRef(ident, place, dotted(path), line, col)


def nearest(refs: dict[str, SourceRef], path: str) -> SourceRef | None:
    """The source of the fact at ``path``: its own block's, or its nearest enclosing block's."""
    parts = path.split(".")
    for end in range(len(parts), -1, -1):
        found = refs.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None
