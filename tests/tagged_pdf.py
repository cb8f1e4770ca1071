"""What a tagged PDF gives assistive technology: its structure tree, with the text each element holds.

Read with pikepdf alone, independently of WeasyPrint: every page's content stream is parsed,
each shown string is decoded with its font's ToUnicode map and assigned to the marked-content
sequence it is drawn in (by MCID), to an ``/Artifact`` sequence, or to no sequence at all
(untagged content, which PDF/UA forbids). The structure tree is then walked from
``/StructTreeRoot`` as a screen reader does: ``/ActualText`` replaces an element's content,
``/Lang`` is inherited from the nearest element (or the catalog) that sets it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

SHOW = {"Tj", "TJ", "'", '"'}


@dataclass
class Marked:
    """The text drawn on one page: by MCID, in artifacts (with their properties), and outside any sequence."""

    by_mcid: dict[int, str] = field(default_factory=dict)
    artifacts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    untagged: list[str] = field(default_factory=list)


@dataclass
class Node:
    """A structure element: its type, its own and effective language, its ActualText, its children."""

    tag: str
    lang: str  # effective: the element's own /Lang or the inherited one
    own_lang: str | None
    actual_text: str | None
    kids: list[Node | Content]

    @property
    def text(self) -> str:
        if self.actual_text is not None:
            return self.actual_text
        return "".join(k.text for k in self.kids)

    def walk(self) -> Iterator[Node | Content]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()
            else:
                yield kid


@dataclass
class Content:
    """A marked-content sequence referenced from the structure tree."""

    page: int
    mcid: int
    text: str
    lang: str


def _unhex(h: bytes) -> bytes:
    return bytes.fromhex(h.decode("ascii"))


def to_unicode(font: pikepdf.Dictionary) -> tuple[int, dict[bytes, str]]:
    """The code length and the code-to-text map of a font's ToUnicode CMap (bfchar and bfrange)."""
    cmap = font.ToUnicode.read_bytes()
    space = re.search(rb"begincodespacerange\s*<([0-9a-fA-F]+)>", cmap)
    width = len(space[1]) // 2 if space else 1
    table: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            table[_unhex(src)] = _unhex(dst).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])", block):
            start, end = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                targets = [_unhex(t).decode("utf-16-be") for t in re.findall(rb"<([0-9a-fA-F]*)>", dst)]
            else:
                first = _unhex(dst[1:-1]).decode("utf-16-be")
                targets = [first[:-1] + chr(ord(first[-1]) + i) for i in range(end - start + 1)]
            for i, text in zip(range(start, end + 1), targets):
                table[i.to_bytes(len(lo) // 2, "big")] = text
    return width, table


def _decode(raw: bytes, font: tuple[int, dict[bytes, str]]) -> str:
    width, table = font
    return "".join(table.get(raw[i : i + width], "\ufffd") for i in range(0, len(raw), width))


def marked_content(pdf: pikepdf.Pdf) -> list[Marked]:
    """Per page, the text of each marked-content sequence, of the artifacts and of untagged content."""
    out = []
    for page in pdf.pages:
        fonts = {name: to_unicode(f) for name, f in page.Resources.get("/Font", {}).items()}
        marked, stack, font = Marked(), [], None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                props = operands[1] if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) else {}
                stack.append((str(operands[0]), props))
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font = fonts[str(operands[0])]
            elif op == "Do":
                raise NotImplementedError("content in an XObject: this reader does not follow it")
            elif op in SHOW:
                strings = operands[0] if op == "TJ" else operands[-1:]
                text = "".join(_decode(bytes(s), font) for s in strings if isinstance(s, pikepdf.String))
                artifact = [props for tag, props in stack if tag == "/Artifact"]
                mcids = [int(props["/MCID"]) for _, props in stack if "/MCID" in props]
                if artifact:
                    marked.artifacts.append(({str(k): str(v) for k, v in artifact[-1].items()}, text))
                elif mcids:
                    marked.by_mcid[mcids[-1]] = marked.by_mcid.get(mcids[-1], "") + text
                else:
                    marked.untagged.append(text)
        out.append(marked)
    return out


def structure(pdf: pikepdf.Pdf) -> Node:
    """The structure tree from /StructTreeRoot, with each referenced marked-content sequence's text."""
    marks = marked_content(pdf)
    page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    root_lang = str(pdf.Root.get("/Lang", ""))

    def kids_of(obj) -> list:
        k = obj.get("/K")
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    def node(obj, page: int | None, lang: str) -> Node | Content | None:
        if isinstance(obj, int):
            return Content(page, obj, marks[page].by_mcid.get(obj, ""), lang)
        if obj.get("/Type") == "/OBJR":
            return None
        if "/Pg" in obj:
            page = page_index[obj.Pg.objgen]
        if obj.get("/Type") == "/MCR":
            return Content(page, int(obj.MCID), marks[page].by_mcid.get(int(obj.MCID), ""), lang)
        own = str(obj.Lang) if "/Lang" in obj else None
        lang = own or lang
        kids = [n for k in kids_of(obj) if (n := node(k, page, lang)) is not None]
        actual = str(obj.ActualText) if "/ActualText" in obj else None
        return Node(str(obj.get("/S", "/StructTreeRoot")), lang, own, actual, kids)

    return node(pdf.Root.StructTreeRoot, None, root_lang)


def read(path: Path) -> tuple[Node, list[Marked], pikepdf.Pdf]:
    pdf = pikepdf.open(path)
    return structure(pdf), marked_content(pdf), pdf
