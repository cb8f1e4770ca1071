"""The review page (``make review``): every fact of the call on one page, for staff and translators.

Before a call is published someone reads all of it against its sources. The page lists every fact
of call.json (each value the pages render as one element: ``Facts.by_path`` without its blocks) with
its path, its line in the data file, its rendering in Japanese and in English side by side (the
renderers the pages use, sanitised again here), its canonical value, its source as far as known
(provenance.py), whether it changed since the call it is compared with (changes.py: the newest
archived year, or FROM) with old → new, whether its translation drifted (drift.py's findings, kept
on the check's result), and whether it is this guide's own. Drift and changes come first; in a draft
every fact still equal to the compared call's is marked. Page sections (docs/) with drift follow in
a table of their own. The page is one file, its CSS and script inline, nothing fetched.

Fact paths are never named here: everything is walked from the check's result, so the page follows
the model when blocks move. Wording is in ``LABELS`` (every language, same keys); the page shows
each label in every language.
"""
from __future__ import annotations

import json
import math
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nh3
from markupsafe import Markup, escape
from pydantic import BaseModel

from . import changes
from .blocks import render_template
from .cache import atomic_write
from .drift import DOCS, DRIFT, NEW, TOGETHER, UNLOCKED, Finding
from .facts import Facts, is_leaf
from .format import LANGS, fiscal_year
from .languages import DEFAULT, language
from .loader import Loaded
from .pipeline import Checked
from .previous import MISSING, Previous, at
from .provenance import COMPUTED, DOCUMENT, GUIDE_PART, OWN, Source, source_of
from .render import Context, as_plain, plain_text, text_html
from .types import Text

# Where make review writes the page: outside the site, ignored by git.
OUTPUT = Path("review") / "review.html"

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "title": "公募の確認用一覧：{name}",
        "intro": "この公募の事実をすべて、日本語と英語の表示を並べて一覧にしたものです。公開前に、資料と照らして確かめてください。翻訳のずれと変更のある事実が先に並びます。",
        "compared": "比較元：{old}",
        "no_comparison": "比較する過去の公募がありません（FROM= で年度か git の参照を指定できます）。",
        "draft": "下書きです：比較元と同じままの事実（日付・金額・規則・文章）に「前回と同じ」の印を付けています。",
        "counts": "事実 {facts} 件：翻訳のずれ {drift} 件、要確認の翻訳 {review} 件、変更 {changed} 件、本ガイドの補足 {own} 件、前回と同じ {same} 件",
        "filter": "絞り込み（パス・文章・印の語で）",
        "shown": "{shown} / {total} 行を表示",
        "facts": "事実",
        "fact": "事実（パスと行）",
        "value": "正規の値と出典",
        "canonical": "正規の値：",
        "source": "出典：",
        "text": "文章",
        "before": "前回（{old}）：",
        "none": "（なし）",
        "sections": "ページの節（翻訳の確認）",
        "section": "節",
        "where": "場所",
        "texts": "確認済みの文章と現在の文章",
        "confirm": "確かめたら：{command}",
        "unlocked": "翻訳の確認記録がありません：",
        "generated": "make review で作成。公開するサイトには含まれません。",
    },
    "en": {
        "title": "Review of the call: {name}",
        "intro": "Every fact of this call, its Japanese and English renderings side by side. Check them against the sources before publishing. Facts whose translation drifted or that changed come first.",
        "compared": "Compared with: {old}",
        "no_comparison": "No earlier call to compare with (FROM= names an archived year or a git ref).",
        "draft": "A draft: every fact still the same as in the call it is compared with (dates, amounts, rules, texts) is marked “same as before”.",
        "counts": "{facts} facts: {drift} with translation drift, {review} translations to review, {changed} changed, {own} of the guide's own, {same} same as before",
        "filter": "Filter (words of a path, a text or a mark)",
        "shown": "{shown} of {total} rows shown",
        "facts": "Facts",
        "fact": "Fact (path and line)",
        "value": "Canonical value and source",
        "canonical": "Canonical value: ",
        "source": "Source: ",
        "text": "a text",
        "before": "Before ({old}): ",
        "none": "(none)",
        "sections": "Page sections (translation review)",
        "section": "Section",
        "where": "Where",
        "texts": "The texts, confirmed and now",
        "confirm": "Once checked: {command}",
        "unlocked": "No confirmed translations: ",
        "generated": "Made by make review. Not part of the published site.",
    },
}

# The marks of a fact or a section; ``{language}`` is the language changed alone, ``{old}`` the compared call.
MARKS: dict[str, dict[str, str]] = {
    "ja": {
        DRIFT: "翻訳のずれ（{language}だけ変更）",
        TOGETHER: "要確認（日英とも変更）",
        NEW: "要確認（未確認の新しい文章）",
        "changed": "変更（{old}から）",
        "added": "追加（{old}になし）",
        "removed": "削除（{old}にあり）",
        "moved": "移動（{was}から）",
        OWN: "本ガイドの補足",
        "same": "前回と同じ（{old}）",
    },
    "en": {
        DRIFT: "translation drift ({language} changed alone)",
        TOGETHER: "to review (both languages changed)",
        NEW: "to review (new text, not yet confirmed)",
        "changed": "changed since {old}",
        "added": "added since {old}",
        "removed": "removed since {old}",
        "moved": "moved from {was}",
        OWN: "the guide's own",
        "same": "same as before ({old})",
    },
}

# Each language's name in each language (the language a drift changed alone).
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "ja": {"ja": "日本語", "en": "英語"},
    "en": {"ja": "Japanese", "en": "English"},
}

SOURCES: dict[str, dict[str, str]] = {
    "ja": {
        OWN: "本ガイドの補足（資料にない、本ガイドの読み方や助言）",
        GUIDE_PART: "本ガイド独自の部分（id、見出し、質問など）",
        DOCUMENT: "{title}{place}（{checked}確認）",
        "unchecked": "未確認",
        COMPUTED: "計算値：{inputs} から",
        "stated": "表示は資料の記載額（{stated}、計算値と照合）",
        "unrecorded": "未記録",
    },
    "en": {
        OWN: "this guide's own (its reading or advice, in no document)",
        GUIDE_PART: "the guide's own working part (ids, headings, questions)",
        DOCUMENT: "{title}{place} (checked {checked})",
        "unchecked": "not checked",
        COMPUTED: "computed from {inputs}",
        "stated": "shown as the documents' figure ({stated}, checked against it)",
        "unrecorded": "not recorded yet",
    },
}

# Between a document's title and the place in it.
PLACE_SEP = {"ja": "、", "en": ", "}

# The order of the page: drift, then translations to review, then changes, then the rest.
_GROUP = {DRIFT: 0, TOGETHER: 1, NEW: 1, "changed": 2, "added": 2, "removed": 2, "moved": 3}


@dataclass(frozen=True)
class Comparison:
    """The call compared with: as its call.json (previous.py), the file it was read from, and its
    name in each language (an archived year, or the git ref given)."""

    old: Previous
    shown: str
    names: dict[str, str]

    @classmethod
    def of_year(cls, old: Previous) -> Comparison:
        return cls(old, old.shown, {lang: fiscal_year(old.year, lang) for lang in LANGS})

    @classmethod
    def of_ref(cls, old: Previous, shown: str, ref: str) -> Comparison:
        return cls(old, shown, {lang: ref for lang in LANGS})


@dataclass
class Row:
    """One fact (or a fact of the compared call no longer there) and everything the page says of it."""

    path: str
    line: int | None
    html: dict[str, Markup]
    canonical: str | None
    source: Source | None
    change: changes.Change | None = None
    old: dict[str, Markup] | None = None
    same: bool = False
    findings: list[Finding] = field(default_factory=list)

    @property
    def marks(self) -> list[tuple[str, dict[str, Any]]]:
        """The row's marks, each as (kind, values of its placeholders)."""
        out: list[tuple[str, dict[str, Any]]] = []
        for f in self.findings:
            out.append((f.kind, {"language": f.lang}))
        if self.change is not None:
            out.append((self.change.kind, {"was": self.change.was}))
        if self.source is not None and self.source.kind == OWN:
            out.append((OWN, {}))
        if self.same:
            out.append(("same", {}))
        return out

    @property
    def group(self) -> int:
        return min([_GROUP.get(kind, 4) for kind, _ in self.marks], default=4)


# --- the rows ----------------------------------------------------------------------------------


def rows(checked: Checked, loaded: Loaded, comparison: Comparison | None) -> list[Row]:
    """Every fact of the call, and every fact of the compared call no longer in it, in the page's order."""
    facts = checked.facts
    tree = _tree(checked)
    found: dict[str, Row] = {}
    for path, value in facts.by_path.items():
        if value is None or not _one_value(value):
            continue
        found[path] = Row(path, _line(loaded, path), _both(lambda lang, v=value, p=path: _rendering(v, p, facts, lang)),
                          _canonical(value, at(tree, path)), source_of(facts, path))
    draft = bool(facts.call.call.draft)
    if comparison is not None:
        changed = {c.path: c for c in changes.compare(comparison.old, facts)}
        for path, row in found.items():
            if path in changed:
                _changed(row, changed.pop(path), comparison, facts)
            else:
                row.same = draft and comparison.old.get(path) is not MISSING
        for c in changed.values():  # no longer in the call
            row = Row(c.path, None, _both(lambda lang: _none(lang)), None, None)
            _changed(row, c, comparison, facts)
            found[c.path] = row
    for f in checked.translation_findings:
        if f.text is not None and f.text.part != DOCS:
            owner = _owner(found, f.text.path)
            if owner is not None:
                owner.findings.append(f)
    return sorted(found.values(), key=lambda r: (r.group, r.line if r.line is not None else math.inf, r.path))


def _one_value(value: Any) -> bool:
    """A fact that is one value (call.json's leaf or a leaf's parent), not a block or list of facts."""
    return not isinstance(value, (list, dict)) and (is_leaf(value) or not isinstance(value, BaseModel))


def _tree(checked: Checked) -> Any:
    """call.json as a tree (the check made its text once)."""
    return json.loads(checked.call_json())


def _changed(row: Row, change: changes.Change, comparison: Comparison, facts: Facts) -> None:
    row.change = change
    if change.kind != "moved":
        row.old = _both(lambda lang: _clean(changes.render_old(change.old, change.path, facts, lang)))


def _owner(found: dict[str, Row], path: str) -> Row | None:
    """The row of a data text: its own, or the fact holding it (a document's name, a milestone's note)."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        row = found.get(".".join(parts[:end]))
        if row is not None:
            return row
    return None


def _line(loaded: Loaded, path: str) -> int:
    """The line of a fact in the data file; a computed value's is that of the figure it replaces, or of its block."""
    from .derived import DERIVED

    typed = next((d.replaces for d in DERIVED if d.path == path and d.replaces), path)
    return loaded.where(tuple(int(p) if p.isdigit() else p for p in typed.split(".")))[0]


def _both(make) -> dict[str, Markup]:
    return {lang: make(lang) for lang in LANGS}


def _rendering(value: Any, path: str, facts: Facts, lang: str) -> Markup:
    """A fact as the pages render it in ``lang`` (a text with its guide's-own label), sanitised."""
    if isinstance(value, Text):
        return _clean(text_html(value, path, Context(facts, lang)))
    return _clean(changes.render(value, path, facts, lang, as_fact=True))


def _none(lang: str) -> Markup:
    return Markup(f'<span class="rv-none">{escape(LABELS[lang]["none"])}</span>')


def _canonical(value: Any, node: Any) -> str | None:
    """A fact's canonical value as call.json holds it (compact JSON); None for a text (its renderings are its value)."""
    if isinstance(value, Text) or node is MISSING:
        return None
    return json.dumps(node, ensure_ascii=False, separators=(", ", ": "))


# What a rendered fact may keep: the elements and attributes the renderers write.
_TAGS = {"a", "abbr", "br", "code", "data", "div", "em", "li", "ol", "p", "span", "strong", "time", "ul"}
_ATTRIBUTES = {"*": {"class", "lang"}, "a": {"href", "title"}, "abbr": {"title"}, "time": {"datetime"}, "data": {"value"}}


def _clean(html: Markup | str) -> Markup:
    """Rendered HTML through nh3 once more: the page shows texts staff typed, so only the renderers' elements pass."""
    return Markup(nh3.clean(str(html), tags=_TAGS, attributes=_ATTRIBUTES, generic_attribute_prefixes={"data-"},
                            url_schemes={"https", "mailto"}, link_rel=None))


# --- the page ------------------------------------------------------------------------------------


def both(table: dict[str, dict[str, str]], key: str, **values: Any) -> Markup:
    """A label in every language, each in its own element with its language; a value given as a
    dict by language is taken in that language."""
    parts = []
    for lang in LANGS:
        filled = {k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()}
        parts.append(f'<span lang="{lang}">{escape(table[lang][key].format(**filled))}</span>')
    return Markup('<span class="rv-sep"> / </span>'.join(parts))


def _plain_both(table: dict[str, dict[str, str]], key: str, **values: Any) -> str:
    return as_plain(both(table, key, **values))


def _mark(kind: str, values: dict[str, Any], comparison: Comparison | None) -> Markup:
    names = comparison.names if comparison is not None else {lang: "" for lang in LANGS}
    changed = values.get("language")
    name = {lang: LANGUAGE_NAMES[lang][changed] if changed else "" for lang in LANGS}
    return both(MARKS, kind, language=name, old=names, was=values.get("was") or "")


def _source(source: Source | None, facts: Facts) -> Markup:
    if source is None:
        return Markup("")
    if source.kind == DOCUMENT and source.document is not None:
        doc = facts.call.sources[source.document]
        place = {lang: f"{PLACE_SEP[lang]}{source.place[lang]}" if source.place else "" for lang in LANGS}
        checked = {lang: doc.checked.isoformat() if doc.checked else SOURCES[lang]["unchecked"] for lang in LANGS}
        return both(SOURCES, DOCUMENT, title={lang: doc.title[lang] for lang in LANGS}, place=place, checked=checked)
    if source.kind == COMPUTED:
        html = both(SOURCES, COMPUTED, inputs=", ".join(source.inputs))
        return html + Markup("<br>") + both(SOURCES, "stated", stated=source.stated) if source.stated else html
    return both(SOURCES, source.kind)


def page(checked: Checked, loaded: Loaded, comparison: Comparison | None, comparison_error: str | None = None) -> str:
    """The review page's HTML: one self-contained document."""
    facts = checked.facts
    found = rows(checked, loaded, comparison)
    names = {lang: plain_text(facts.call.call.name[lang], Context(facts, lang)) for lang in LANGS}
    current = [r for r in found if r.line is not None]
    kinds = [kind for r in found for kind, _ in r.marks]
    counts = {
        "facts": len(current),
        "drift": sum(1 for r in found if any(f.kind == DRIFT for f in r.findings)),
        "review": sum(1 for r in found if any(f.kind in (TOGETHER, NEW) for f in r.findings)),
        "changed": sum(1 for r in found if r.change is not None and r.change.kind != "moved"),
        "own": kinds.count(OWN),
        "same": kinds.count("same"),
    }
    table_rows = []
    for r in found:
        marks = [(kind, _mark(kind, values, comparison)) for kind, values in r.marks]
        drift = [f for f in r.findings if f.kind in (DRIFT, TOGETHER, NEW)]
        words = [r.path] + [as_plain(h) for h in r.html.values()] + [as_plain(m) for _, m in marks]
        table_rows.append({
            "path": r.path,
            "where": f"{loaded.file}:{r.line}" if r.line is not None else None,
            "marks": marks,
            "html": r.html,
            "old": r.old,
            "canonical": r.canonical,
            "source": _source(r.source, checked.facts),
            "findings": [{"detail": textwrap.dedent(f.problem.detail), "command": f"make confirm ONLY={f.text.path}"} for f in drift if f.text],
            "search": " ".join(words).lower(),
            "group": r.group,
        })
    section_rows = []
    for f in checked.translation_findings:
        if f.text is not None and f.text.part == DOCS:
            mark = _mark(f.kind, {"language": f.lang}, comparison)
            section_rows.append({
                "path": f.text.path,
                "where": [str(f.text.at(lang)) for lang in LANGS],
                "mark": mark,
                "detail": textwrap.dedent(f.problem.detail),
                "command": f"make confirm ONLY={f.text.path}",
                "search": f"{f.text.path} {as_plain(mark)}".lower(),
            })
    unlocked = [f.problem for f in checked.translation_findings if f.kind == UNLOCKED]
    compared = comparison.names if comparison is not None else None
    return render_template(
        "review.html",
        lang=DEFAULT.code,
        title=_plain_both(LABELS, "title", name=names),
        heading=both(LABELS, "title", name=names),
        label=lambda key, **values: both(LABELS, key, **values),
        label_in=lambda lang, key, **values: LABELS[lang][key].format(**{k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()}),
        plain=lambda key, **values: _plain_both(LABELS, key, **values),
        langs=[(lang, language(lang).own_name) for lang in LANGS],
        compared=compared,
        compared_file=comparison.shown if comparison is not None else None,
        comparison_error=comparison_error,
        draft=bool(facts.call.call.draft) and comparison is not None,
        counts=counts,
        rows=table_rows,
        sections=section_rows,
        unlocked=unlocked,
        total=len(table_rows) + len(section_rows),
    ) + "\n"


def write(root: Path, html: str) -> Path:
    """Write the page at its fixed place under ``root`` (made if missing); return its path."""
    out = root / OUTPUT
    atomic_write(out, html.encode("utf-8"))  # a temporary file of its own: two runs at once never mix
    return out
