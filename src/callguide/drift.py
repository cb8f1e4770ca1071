"""Translation drift: a text whose Japanese or English changed without the other.

The build proves that every fact renders alike in both languages; it cannot prove that the
texts around them say the same. So the repository keeps, in ``data/translations.lock.yaml``,
the Japanese and the English of every bilingual text of call.yaml and of every section of
every page pair in docs/ (a section is what follows a heading, paired by the heading's id)
as they were last *confirmed* as saying the same (``make confirm``). A text changed on one
side only since then, or since the last commit (so that a one-sided edit is caught whatever
happened before it), is drift: a reminder in a draft, a problem in a published call. A text
changed on both sides, or new, is a reminder to review ("changed together"), never a problem:
a correct edit changes both languages.

Everything here but ``check_project`` and ``head_files`` is pure: ``drift`` takes the current
texts, the lock (translation_lock.py) and the texts at HEAD, and returns problems and reminders
in the project's ``Problem`` type.
"""
from __future__ import annotations

import difflib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import languages
from .errors import DataError, Problem
from .format import LANGS
from .languages import language
from .loader import Loaded, dotted, load_bytes, page_text
from .translation_lock import DOCS, LOCK, Lock, Pair, read_lock

# The language names the messages use; a text's two sides are the pair (ja, en) the lock keeps.
NAMES = {"ja": ("Japanese", "日本語"), "en": ("English", "英語")}

Key = tuple[str, str]  # (part, path)


@dataclass(frozen=True)
class Where:
    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Bilingual:
    """One text as it is now: its part and path, both languages and where each is written."""

    part: str
    path: str
    ja: str
    en: str
    at_ja: Where
    at_en: Where

    @property
    def key(self) -> Key:
        return (self.part, self.path)

    @property
    def pair(self) -> Pair:
        return (self.ja, self.en)

    def text(self, lang: str) -> str:
        return getattr(self, language(lang).code)

    def at(self, lang: str) -> Where:
        return getattr(self, f"at_{language(lang).code}")


# --- the texts ------------------------------------------------------------------------------


def data_texts(loaded: Loaded, part: str) -> list[Bilingual]:
    """Every block of the data with a ``ja`` and an ``en`` text, in file order, with where each is written."""
    found: list[Bilingual] = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("ja"), str) and isinstance(value.get("en"), str):
                ja, en = (Where(loaded.file, *loaded.where_key(path + (lang,))) for lang in LANGS)
                found.append(Bilingual(part, dotted(path), value["ja"], value["en"], ja, en))
            for key, item in value.items():
                if key != "source":  # a block's source line (source_refs.py): its place is a citation, not a text
                    walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(loaded.data, ())
    return found


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^#{1,6}\s+.*?\{\s*#(?P<id>(?:[\w-]|\{\{[^}\n]*\}\})+)[^}]*\}\s*#*\s*$")
# A heading id made by a marker (``{#{{ partners.uk | id }}}``, ``{#eligibility-{{ partners.uk | id }}}``) keys its
# section by the id it renders for that path's last part (uk), as a typed ``{#uk}`` did: the lock keeps its keys.
_ID_MARKER = re.compile(r"\{\{\s*[\w.]*?(?P<last>\w+)\s*\|\s*id\s*\}\}")


def sections(text: str) -> list[tuple[str, int, str]]:
    """A page cut at every heading with an id: (id, line of the heading, text), the part before the
    first heading (front matter, introduction) under the id "". Lines keep their words; trailing
    spaces and blank lines at either end are dropped, so re-spacing alone is no change."""
    out: list[tuple[str, int, list[str]]] = [("", 1, [])]
    fence = None
    lines = text.split("\n")
    front = lines[0].strip() == "---" if lines else False
    for n, line in enumerate(lines, 1):
        if front:
            if n > 1 and line.strip() in ("---", "..."):  # YAML ends a document either way, and MkDocs reads both
                front = False
        elif fence:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        elif m := _FENCE.match(line):
            fence = m.group(1)
        elif h := _HEADING.match(line):
            ident = _ID_MARKER.sub(r"\g<last>", h["id"])
            seen = sum(1 for known, _, _ in out if known == ident or known.startswith(ident + "@"))
            out.append((ident if not seen else f"{ident}@{seen + 1}", n, []))
        out[-1][2].append(line.rstrip())
    return [(ident, line, "\n".join(body).strip("\n")) for ident, line, body in out]


def page_texts(pages: dict[str, dict[str, tuple[str, str]]]) -> list[Bilingual]:
    """Every section of every page pair: ``pages`` is {page: {lang: (file as shown, its text)}}.
    A section found in one language only has an empty other side. A page missing in one language
    is left out: the page check reports it once, where listing each of its sections as drift would
    bury that one problem under many."""
    found = []
    for rel in sorted(pages):
        by_lang = {lang: pages[rel].get(lang) for lang in LANGS}
        if not all(by_lang.values()):
            continue
        cut = {lang: ({i: (line, t) for i, line, t in sections(v[1])} if v else {}) for lang, v in by_lang.items()}
        order = list(cut["ja"]) + [i for i in cut["en"] if i not in cut["ja"]]
        for ident in order:
            texts, wheres = {}, {}
            for lang in LANGS:
                line, body = cut[lang].get(ident, (1, ""))
                texts[lang] = body
                shown = by_lang[lang][0] if by_lang[lang] else f"{DOCS}/{lang}/{rel}"
                wheres[lang] = Where(shown, line, 1)
            path = f"{rel}#{ident}" if ident else rel
            found.append(Bilingual(DOCS, path, texts["ja"], texts["en"], wheres["ja"], wheres["en"]))
    return found


# --- drift ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Base:
    """A version a text is compared with: its last confirmation or the last commit."""

    name: str
    ja_name: str
    pair: Pair


# The kinds of finding: one language changed alone (a problem in a published call), both changed, a
# text not yet confirmed, and a part of the project with no confirmation at all.
DRIFT, TOGETHER, NEW, UNLOCKED = "drift", "together", "new", "unlocked"


@dataclass(frozen=True)
class Finding:
    """One text to review, by kind (``DRIFT``, ``TOGETHER``, ``NEW``, ``UNLOCKED``), with its message
    (``problem``), the text itself (None for a part never confirmed) and, for drift, the language
    changed alone: what the review page shows beside each fact (review.py)."""

    kind: str
    problem: Problem
    text: Bilingual | None = None
    lang: str | None = None


def drift(current: list[Bilingual], lock: Lock | None, head: dict[Key, Pair] | None, draft: bool) -> tuple[list[Problem], list[Problem]]:
    """Problems (one-sided changes in a published call) and reminders (one-sided changes in a draft,
    texts changed on both sides, new texts) for the current texts against the lock and HEAD."""
    return split(findings(current, lock, head, draft), draft)


def split(found: list[Finding], draft: bool) -> tuple[list[Problem], list[Problem]]:
    """Findings as (problems, reminders): drift stops a published call; everything else reminds."""
    problems = [f.problem for f in found if f.kind == DRIFT and not draft]
    return problems, [f.problem for f in found if f.kind != DRIFT or draft]


def findings(current: list[Bilingual], lock: Lock | None, head: dict[Key, Pair] | None, draft: bool) -> list[Finding]:
    """Every text to review against the lock and HEAD, in the order of ``current``.

    A text exactly as confirmed (at its path, or anywhere in its part: a list item moved) is fine,
    whatever happened since the last commit: confirming a one-sided edit is how staff say it is right.
    """
    found: list[Finding] = []
    locked = lock.parts if lock else {}
    confirmed_pairs = {part: set(texts.values()) for part, texts in locked.items()}
    for part in dict.fromkeys(t.part for t in current):
        if part not in locked:
            found.append(Finding(UNLOCKED, _no_lock(part)))
    for t in current:
        if t.part in locked and t.pair in confirmed_pairs[t.part]:
            continue
        bases = []
        if (was := locked.get(t.part, {}).get(t.path)) is not None:
            bases.append(_Base("confirmed", "確認済み", was))
        if head is not None and (then := head.get(t.key)) is not None and then not in (t.pair, was):
            bases.append(_Base("last commit", "最後のコミット", then))
        one_sided = [(b, lang) for b in bases for lang in LANGS if _only(b.pair, t.pair) == lang]
        if one_sided:
            base, lang = one_sided[0]
            found.append(Finding(DRIFT, _one_sided(t, lang, base, bases, draft), t, lang))
        elif bases:
            found.append(Finding(TOGETHER, _together(t, bases), t))
        elif t.part in locked:
            found.append(Finding(NEW, _new(t), t))
    return found


def _only(before: Pair, now: Pair) -> str | None:
    """The language changed alone between two versions, or None (neither or both changed)."""
    ja, en = before[0] != now[0], before[1] != now[1]
    return "ja" if ja and not en else "en" if en and not ja else None


def _command(t: Bilingual) -> str:
    return f"make confirm ONLY={t.path}"


def _one_sided(t: Bilingual, lang: str, base: _Base, bases: list[_Base], draft: bool) -> Problem:
    other = languages.other(lang).code
    name, name_ja = NAMES[lang]
    oname, oname_ja = NAMES[other]
    since = "its translation was last confirmed" if base.name == "confirmed" else "the last commit"
    since_ja = "前回の確認" if base.name == "confirmed" else "最後のコミット"
    message = (
        f"translation drift: the {name} was changed and the {oname} was not (since {since}); "
        f"make the {oname} say the same, then run {_command(t)} (run it as it is if the {oname} already says the same)"
    )
    ja = (
        f"翻訳のずれ：{name_ja}だけが変更され、{oname_ja}はそのままです（{since_ja}以降）。"
        f"{oname_ja}も同じ内容に直してから {_command(t)} を実行してください（{oname_ja}がそのままで正しい場合も、このコマンドで確認済みにします）。"
    )
    if draft:
        message += "; a reminder in a draft, an error once draft: true is removed"
        ja += "下書きの間は確認のための一覧で、draft: true を消すとエラーになります。"
    at = t.at(lang)
    return Problem(at.file, at.line, at.col, t.path, message, ja, _detail(t, bases))


def _together(t: Bilingual, bases: list[_Base]) -> Problem:
    since = " and ".join(sorted({"its last confirmation" if b.name == "confirmed" else "the last commit" for b in bases if b.pair != t.pair}))
    at = t.at("ja")
    return Problem(
        at.file, at.line, at.col, t.path,
        f"changed together in both languages since {since}, please review: check that they say the same, then run {_command(t)}",
        f"日英の両方が変更されています。同じ内容になっているか確かめてから {_command(t)} を実行してください（ビルドは止まりません）。",
        _detail(t, bases),
    )


def _new(t: Bilingual) -> Problem:
    at = t.at("ja")
    return Problem(
        at.file, at.line, at.col, t.path,
        f"new text, not yet confirmed: check that both languages say the same, then run {_command(t)}",
        f"新しい文章で、まだ確認されていません。日英が同じ内容か確かめてから {_command(t)} を実行してください（ビルドは止まりません）。",
        _detail(t, []),
    )


def _no_lock(part: str) -> Problem:
    what = "the pages in docs/" if part == DOCS else part
    return Problem(
        LOCK.as_posix(), 1, 1, part,
        f"no translation of {what} confirmed yet: check that the Japanese and English say the same, then run make confirm "
        "(until then only one-sided changes since the last commit are found)",
        f"{'docs/ のページ' if part == DOCS else part}の翻訳はまだ確認されていません。日英が同じ内容か確かめてから make confirm を実行してください"
        "（それまでは、最後のコミット以降に片方だけ変えた文章だけを見つけます）。",
    )


_INDENT = "    "


def _detail(t: Bilingual, bases: list[_Base]) -> str:
    """Both sides, each with where it is written: its confirmed (and last committed) text and its text now."""
    out = []
    for i, lang in enumerate(LANGS):
        now = t.text(lang)
        label = f"{lang} {t.at(lang)}"
        before = [(b, b.pair[i]) for b in bases if b.pair[i] != now]
        if not before:
            out += _block(f"{label} ({'unchanged / 変更なし' if bases else 'now / 現在'}):", now)
        elif "\n" in now or any("\n" in old for _, old in before):
            for b, old in before:
                out.append(f"{_INDENT}{label} ({b.name} → now / {b.ja_name} → 現在):")
                diff = difflib.unified_diff(old.split("\n"), now.split("\n"), lineterm="", n=1)
                out += [f"{_INDENT}  {line}".rstrip() for line in list(diff)[2:]]
        else:
            for b, old in before:
                out += _block(f"{label} ({b.name} / {b.ja_name}):", old)
            out += _block(f"{label} (now / 現在):", now)
            out.append(f"{_INDENT}{lang} changed / 変更箇所: {_changed(before[0][1], now)}")
    return "\n".join(out)


def _changed(old: str, new: str) -> str:
    """The part of a one-line text that changed, without what the two share at either end: a word
    changed in a long sentence is found at a glance."""
    start = len(os.path.commonprefix([old, new]))
    end = len(os.path.commonprefix([old[start:][::-1], new[start:][::-1]]))
    before, after = max(start - _CONTEXT, 0), min(end, _CONTEXT)

    def part(text: str) -> str:
        cut = text[before : len(text) - end + after]
        return ("…" if before else "") + cut + ("…" if end > after else "")

    return f"「{part(old)}」 → 「{part(new)}」"


_CONTEXT = 3  # characters shown either side of a change


def _block(label: str, text: str) -> list[str]:
    if "\n" not in text:
        return [f"{_INDENT}{label} {text or '(none / なし)'}"]
    return [f"{_INDENT}{label}"] + [f"{_INDENT}  | {line}".rstrip() for line in text.split("\n")]


# --- reading the project ----------------------------------------------------------------------


def project_texts(root: Path, docs: Path, loaded: Loaded, part: str | None) -> list[Bilingual]:
    """The data's texts (when the data file is the project's own, ``part``) and every page section."""
    found = data_texts(loaded, part) if part else []
    return found + page_texts(_pages(root, docs, page_text))  # an unreadable page is the check's problem


def _pages(root: Path, docs: Path, read) -> dict[str, dict[str, tuple[str, str]]]:
    pages: dict[str, dict[str, tuple[str, str]]] = {}
    for lang in LANGS:
        for page in sorted((docs / lang).rglob("*.md")):
            text = read(page)
            if text is not None:
                pages.setdefault(page.relative_to(docs / lang).as_posix(), {})[lang] = (_shown(page, root), text)
    return pages


def _shown(p: Path, root: Path) -> str:
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(p)


def data_part(root: Path, data: Path) -> str | None:
    """The lock's part for a data file: its path from the project's root; None for a file outside it."""
    try:
        return data.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def head_files(root: Path, files: list[Path]) -> dict[Path, bytes] | None:
    """The files as they are in the last commit (absent there: left out), read by one ``git cat-file``;
    None without git, outside a repository whose top is ``root`` (a tarball), or without a commit."""
    if not (root / ".git").exists():
        return None
    rels = [_shown(f, root) for f in files]
    request = "".join(f"HEAD:{r}\n" for r in rels).encode()
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    out, pos, found = done.stdout, 0, {}
    for f in files:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[f] = out[pos : pos + size]
            pos += size + 1
    return found or None


def head_texts(root: Path, docs: Path, data: Path, raw: bytes, current: list[Bilingual], part: str | None) -> dict[Key, Pair] | None:
    """Every text as it was in the last commit, or None when there is no commit to compare with.
    Only a file that differs from its committed version is read again (call.yaml unchanged: its texts now)."""
    files = ([data] if part else []) + [p for lang in LANGS for p in sorted((docs / lang).rglob("*.md"))]
    then = head_files(root, files)
    if then is None:
        return None
    texts: list[Bilingual] = []
    if part and data in then:
        if then[data] == raw:
            texts += [t for t in current if t.part == part]
        else:
            try:
                texts += data_texts(load_bytes(then[data], part), part)
            except DataError:
                pass  # the committed file does not load: only the lock counts for the data
    texts += page_texts(_pages(root, docs, lambda p: then[p].decode("utf-8", "replace") if p in then else None))
    return {t.key: t.pair for t in texts}


def check_project(root: Path, docs: Path, loaded: Loaded, data: Path, raw: bytes | None, draft: bool) -> tuple[list[Problem], list[Problem]]:
    """Drift in the project as (problems, reminders): ``project_findings`` split as a check reports them."""
    return split(project_findings(root, docs, loaded, data, raw, draft), draft)


def project_findings(root: Path, docs: Path, loaded: Loaded, data: Path, raw: bytes | None, draft: bool) -> list[Finding]:
    """Drift in the project: the data's texts and every page section, against the lock and the last commit.

    A data file from outside the project (``CALL_FILE`` naming a copy elsewhere, as the tests' edited
    copies) has no confirmed texts and no last commit: its pages are compared with the lock alone, and
    git is not run. Nothing in an archived year's own build (it is frozen)."""
    if os.environ.get("CALLGUIDE_ARCHIVE"):
        return []
    part = data_part(root, data)
    current = project_texts(root, docs, loaded, part)
    lock = read_lock(root)
    head = head_texts(root, docs, data, raw if raw is not None else data.read_bytes(), current, part) if part else None
    return findings(current, lock, head, draft)


def heading(count: int) -> str:
    """The line above the translation reminders (they never stop a build)."""
    return (
        f"{count} reminder(s): translations to review (Japanese and English changed since they were confirmed, or new); "
        "once reviewed, make confirm records them:\n"
        f"    日本語: 確認が必要な翻訳が {count} 件あります（確認後に日英が変わったもの、新しいもの）。確かめたら make confirm で記録します。"
    )
