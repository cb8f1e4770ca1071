"""Strict YAML reading: every scalar stays the string the person typed.

PyYAML's YAML 1.1 rules turn ``NO`` into False, ``1:30`` into 90 and ``0755``
into 493, and silently keep the last of two duplicate keys. We compose the
node tree ourselves and return plain strings, lists and dicts, together with
the line and column of every value, so the typed model decides what a value
means and every error can point at its place in the file.

Before any parsing, the text is held to limits far above a real call (see ``MAX_BYTES``,
``MAX_LINE``, ``MAX_DEPTH``), so a pasted blob or a runaway bracket gets a located message
instead of a long wait or a RecursionError from the composer, which nests one call per level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from .errors import DataError, Problem

Path_ = tuple[str | int, ...]

_DEFAULT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Loaded:
    """The raw tree and where each part of it was written."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of a path, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key that introduces a path (for unknown keys)."""
        return self.key_positions.get(tuple(path)) or self.where(path)


# Limits, each far above a real call (the 2025 call.yaml: 73 KB, longest line 467 characters,
# 8 levels) and each refused at the place it is passed:
# - 1,000,000 bytes of UTF-8: 13 times the real file; the slowest reading of a file this size
#   (the pure-Python parser) takes about a second, so a check stays quick whatever is pasted in.
# - 10,000 characters a line: 20 times the longest line; a call's text is a paragraph, not a book.
# - 64 levels of lists and blocks inside one another (the file's own block is the first): 8 times
#   the real depth, and far inside Python's recursion limit (the composer takes five frames a level).
MAX_BYTES = 1_000_000
MAX_LINE = 10_000
MAX_DEPTH = 64
_DEEP = (
    f"more than {MAX_DEPTH} lists and blocks inside one another; check that every [ and {{ is closed, and the indentation",
    f"一覧やまとまり（[ ]、{{ }}、字下げ）の入れ子が {MAX_DEPTH} 段を超えています。[ と {{ がそれぞれ ] と }} で閉じられているか、字下げが正しいかを確かめてください。",
)


class _Composer(yaml.SafeLoader):
    """A loader that refuses anchors and aliases (exponential expansion) and nesting beyond ``MAX_DEPTH``."""

    _depth = 0

    def compose_sequence_node(self, anchor):  # type: ignore[override]
        return self._nested(super().compose_sequence_node, anchor)

    def compose_mapping_node(self, anchor):  # type: ignore[override]
        return self._nested(super().compose_mapping_node, anchor)

    def _nested(self, compose, anchor):
        if self._depth >= MAX_DEPTH:
            raise _Located(self.peek_event().start_mark, *_DEEP)
        self._depth += 1
        try:
            return compose(anchor)
        finally:
            self._depth -= 1

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Located(event.start_mark, "aliases (*name) are not allowed; write the value out", "別名（*名前）は使えません。値をそのまま書いてください。")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Located(
                event.start_mark,
                f"anchors (&{anchor}) are not allowed; write each value out",
                f"アンカー（&{anchor}）は使えません。値をそれぞれの場所に書き出してください。",
            )
        return super().compose_node(parent, index)


class _Located(Exception):
    def __init__(self, mark, message: str, ja: str):
        self.mark = mark
        self.message = message
        self.ja = ja


def dotted(path: Path_) -> str:
    """A path as staff read it: ``budget.japan.direct_cap`` or ``apply.steps.0``."""
    return ".".join(str(p) for p in path)


def decode(raw: bytes, file: str) -> str:
    """A file's text from its bytes (UTF-8, with or without a byte-order mark), or DataError with the place of
    the first byte that is not UTF-8: call.yaml and every page (read_page) are read through it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        hint = hint_ja = ""
        try:
            raw.decode("shift_jis")
            hint, hint_ja = " (it looks like Shift_JIS)", "（Shift_JIS のようです）"
        except UnicodeDecodeError:
            pass
        raise DataError(
            [Problem(file, line, col, "", f"the file is not UTF-8{hint}; save it as UTF-8", f"ファイルの文字コードが UTF-8 ではありません{hint_ja}。UTF-8 で保存し直してください。")]
        ) from None
    return text


_MARKERS = re.compile(r"\{\{[^{}\n]*\}\}")  # fact markers in texts are no flow collections
# Tabs and byte-order marks, looked for in the text as it is: one inside a fact marker is still one.
_UNUSUAL_CHARACTERS = re.compile(r"[\t\ufeff]")
# "? " keys, "?" on a line with a bracket before it or after it, empty flow entries, looked for with the
# markers replaced. The two "same line" alternatives are anchored at the line start (the first bracket before
# the last "?", the first "?" before the last bracket), so a long line is scanned once, not once per bracket.
_UNUSUAL = re.compile(
    r"(?:^|[\s\[{,])\?(?:\s|$)|^[^\n\[{]*[\[{][^\n]*\?|^[^\n?]*\?[^\n]*[\]}]|[\[{,]\s*[,\]}]", re.MULTILINE
)


def _compose_fast(text: str) -> Node | None:
    """The node tree from libyaml (about ten times quicker), or None to take the pure-Python path.

    libyaml's composer cannot be told to refuse anchors, so its events are scanned for
    them first; any anchor, alias or error goes to ``_Composer``, whose messages are the
    ones staff see. The two disagree on a few rare constructs (tabs and byte-order marks
    libyaml accepts, ``?`` in a flow collection, the column of a complex ``? key`` or of an empty flow entry), so a
    text that has any of them takes the pure-Python path too; otherwise both give the
    same nodes (test_loader_fuzz compares them).
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None or _UNUSUAL_CHARACTERS.search(text) or _UNUSUAL.search(_MARKERS.sub("x", text)):
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=fast):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:  # _Composer says where (libyaml's composer would recurse as deep)
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=fast)
    except yaml.YAMLError:
        return None


def load_text(text: str, file: str, fast: bool = True) -> Loaded:
    """Parse YAML text strictly into strings, lists and dicts with positions."""
    loaded = Loaded(file=file, data=None)
    problems: list[Problem] = []
    _check_limits(text, file)
    try:
        node = (_compose_fast(text) if fast else None) or yaml.compose(text, Loader=_Composer)
    except _Located as exc:
        raise DataError([Problem(file, exc.mark.line + 1, exc.mark.column + 1, "", exc.message, exc.ja)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "not valid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        ja = "YAML の書き方が崩れています。この行と直前の行の字下げ（半角スペースの数）、引用符、括弧の対応を確かめてください。"
        if "mapping values are not allowed" in message:
            message += " (a text that contains ': ' must be put in double quotes)"
            ja = "「: 」（コロンと空白）を含む文章は、文章全体を二重引用符 \"…\" で囲んでください。"
        elif "'\\t'" in message:
            message += " (indent with spaces, not tabs)"
            ja = "字下げにタブが使われています。タブを消して半角スペースで字下げしてください。"
        raise DataError([Problem(file, line, col, "", f"not valid YAML: {message}", ja)]) from None
    except yaml.YAMLError as exc:  # ReaderError: control characters and the like
        pos = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        reason = getattr(exc, "reason", None) or "unreadable character"
        char = getattr(exc, "character", None)
        code = ord(char) if isinstance(char, str) else char
        if code is not None:
            raise DataError([control_character(file, line, col, code)]) from None
        raise DataError([Problem(file, line, col, "", str(reason), "読み取れない文字があります。この位置の文字を消してください。")]) from None
    if node is None:
        raise DataError([Problem(file, 1, 1, "", "the file is empty", "ファイルが空です。中身のあるファイルを指定してください。")])
    loaded.data = _build(node, (), loaded, problems)
    if problems:
        raise DataError(problems)
    return loaded


def control_character(file: str, line: int, col: int, code: int) -> Problem:
    """A character YAML does not allow in a file (a NUL, another control character): call.yaml and the pages say it alike."""
    return Problem(
        file, line, col, "",
        f"character U+{code:04X} is not allowed; delete it (control characters cannot be used)",
        f"目に見えない制御文字（U+{code:04X}）が入っています。この位置の文字を消してください。",
    )


# What YAML counts as a line break (PyYAML's marks count lines the same way).
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _check_limits(text: str, file: str) -> None:
    """Refuse, at the place it is passed, a file larger than MAX_BYTES or a line longer than MAX_LINE."""
    if len(text) > MAX_BYTES // 4:  # a character is 4 bytes at most: a shorter text is within the limit
        raw = text.encode("utf-8", "surrogatepass")
        if len(raw) > MAX_BYTES:
            lines = _BREAKS.split(raw[:MAX_BYTES].decode("utf-8", "ignore"))
            raise DataError([Problem(
                file, len(lines), len(lines[-1]) + 1, "",
                f"the file is {len(raw):,} bytes, larger than the {MAX_BYTES:,} allowed, and passes the limit here; "
                "a call's data is far smaller: look for something pasted in by mistake",
                f"ファイルが {len(raw):,} バイトあり、上限の {MAX_BYTES:,} バイトをこの位置で超えています。"
                "公募のデータはずっと小さいので、誤って貼り付けたものがないか確かめてください。",
            )])
    if len(text) <= MAX_LINE:
        return
    for number, line in enumerate(_BREAKS.split(text), start=1):
        if len(line) > MAX_LINE:
            raise DataError([Problem(
                file, number, MAX_LINE + 1, "",
                f"a line of {len(line):,} characters, longer than the {MAX_LINE:,} allowed; no text of a call is this long: look for something pasted in by mistake",
                f"この行は {len(line):,} 文字あり、上限の {MAX_LINE:,} 文字を超えています。公募の文章でこれほど長いものはないので、誤って貼り付けたものがないか確かめてください。",
            )])


def read_bytes(path: str | Path, name: str) -> bytes:
    """A data file's bytes, or a located problem when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DataError(
            [Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror}", f"ファイルを読めません（{exc.strerror}）。ファイル名と場所を確かめてください。")]
        ) from None


def read_page(path: Path, shown: str) -> str:
    """A page's text as MkDocs reads it (UTF-8, a byte-order mark dropped, Windows' and old Macs' line ends read
    as \\n, as Python's text files do), or DataError with the located
    problem, as call.yaml gets it: a file that cannot be read, bytes that are not UTF-8 (a page saved as
    Shift_JIS; decode), or a character YAML refuses in call.yaml (a NUL, another control character),
    which MkDocs would publish as it is."""
    text = decode(read_bytes(path, shown), shown)
    bad = Reader.NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise DataError([control_character(shown, line, bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1, ord(bad.group()))])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def page_text(path: Path) -> str | None:
    """A page's text, or None for a page ``read_page`` refuses: for what reads the pages beside their check
    (translation drift, the partners' reminders), which leave such a page to the check's problem."""
    try:
        return read_page(path, str(path))
    except DataError:
        return None


def load_file(path: str | Path, shown_as: str | None = None) -> Loaded:
    """Read a data file; ``shown_as`` is the name used in messages."""
    name = shown_as or str(path)
    return load_bytes(read_bytes(path, name), name)


def load_bytes(raw: bytes, name: str) -> Loaded:
    """A data file's bytes, already read (a build reads call.yaml once), named ``name`` in messages."""
    return load_text(decode(raw, name), name)


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check_tag(node: Node, path: Path_, loaded: Loaded, problems: list[Problem]) -> None:
    if node.tag not in _DEFAULT_TAGS:
        line, col = _pos(node)
        problems.append(
            Problem(loaded.file, line, col, dotted(path), f"tags such as {node.tag} are not allowed", "「!」で始まるタグは使えません。タグを消して値だけを書いてください。")
        )


def _build(node: Node, path: Path_, loaded: Loaded, problems: list[Problem]) -> Any:
    loaded.positions[path] = _pos(node)
    _check_tag(node, path, loaded, problems)
    if isinstance(node, ScalarNode):
        if not node.style and node.value in ("", "~", "null", "Null", "NULL"):  # plain: None (PyYAML) or "" (libyaml)
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), loaded, problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _pos(key_node)
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(loaded.file, line, col, dotted(path), "a key must be plain text", "キー（「:」の左側）は普通の文字で書いてください。"))
                continue
            key = key_node.value
            if node.flow_style and key.isdigit() and len(key) == 3 and value_node.tag.endswith(":null"):
                if not any(p.path == dotted(path) and "commas" in p.message for p in problems):
                    problems.append(
                        Problem(
                            loaded.file, line, col, dotted(path),
                            "write numbers without commas (2500000, not 2,500,000)",
                            "数字にカンマを入れないでください（2,500,000 ではなく 2500000）。",
                        )
                    )
                continue
            if key == "<<" and not key_node.style:
                problems.append(
                    Problem(loaded.file, line, col, dotted(path), "merge keys (<<) are not allowed; write the keys out", "「<<」（マージキー）は使えません。キーを一つずつ書き出してください。")
                )
                continue
            if key in result:
                first = loaded.key_positions[path + (key,)][0]
                problems.append(
                    Problem(
                        loaded.file, line, col, dotted(path + (key,)),
                        f"duplicate key '{key}' (first written on line {first})",
                        f"キー「{key}」が2回書かれています（1回目は {first} 行目）。どちらか一方を消してください。",
                    )
                )
                continue
            loaded.key_positions[path + (key,)] = (line, col)
            result[key] = _build(value_node, path + (key,), loaded, problems)
        return result
    raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover
