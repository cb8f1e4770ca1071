"""What WeasyPrint 70's PDF tags leave out for PDF/UA-1, added while it renders the checklist.

WeasyPrint 70 tags the document (structure tree, MCIDs, /Lang on the catalog) but, read from
its source (weasyprint/pdf/tags.py, layout/inline.py, draw/text.py):
- the page-margin boxes (page numbers, running header) are drawn as ``/Span`` marked content
  whose structure elements are linked nowhere (a comment there says an artifact in the tree is
  only allowed in PDF 2.0): the text is neither in the tree nor an ``/Artifact``;
- no structure element gets a ``/Lang``: a ``lang`` attribute below ``<html>`` is ignored;
- the space at a soft line break is in neither line (``split_text_box``, ``remove_last_whitespace``
  and ``skip_first_whitespace`` each drop it in some case), so the tagged text reads
  "callguidelines"; and a text box of spaces only (between two inline elements) is tagged
  but nothing is drawn for it.

None of this can be repaired from the finished PDF alone: which text was in ``lang="ja"`` and
where a space was dropped are known only to the layout. So, only while ``tagging()`` is active,
two WeasyPrint functions are wrapped: ``get_next_linebox`` marks the last text box of a line
that ends at a space, and ``_build_box_tree``, once WeasyPrint has built a page's structure,
completes it: the margin boxes' sequences become ``/Artifact <</Type /Pagination>>`` (their
structure elements and MCIDs are never made), the elements of text in another language than the
document get its ``/Lang``, and an element whose drawn text lacks a space gets an
``/ActualText`` with it. The drawing itself is untouched, and all of it is deterministic.

Checked against WeasyPrint 70 only (its private functions may change): ``tagging()`` refuses
any other version, so an upgrade fails loudly here instead of making a PDF that is tagged wrong;
tests/test_pdf_accessibility.py reads the result back with pikepdf.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as pdf_tags

CHECKED_VERSION = "70."
LOST_SPACE = "callguide_lost_space"  # set on a TextBox whose trailing space the line break removed
PAGINATION = {"top": "/Header", "bottom": "/Footer"}


@contextmanager
def tagging() -> Iterator[None]:
    """Render and write PDFs inside this block to get the completed tags (see the module's docstring)."""
    if not weasyprint.__version__.startswith(CHECKED_VERSION):
        raise RuntimeError(
            f"callguide.pdf_tags is checked against WeasyPrint {CHECKED_VERSION}x, not {weasyprint.__version__}: "
            "read weasyprint/pdf/tags.py and layout/inline.py again and update it"
        )
    wrapped = {(inline, "get_next_linebox"): _noting_lost_space, (pdf_tags, "_build_box_tree"): _completing_pages}
    originals = {(module, name): getattr(module, name) for module, name in wrapped}
    for (module, name), wrap in wrapped.items():
        setattr(module, name, wrap(originals[module, name]))
    try:
        yield
    finally:
        for (module, name), original in originals.items():
            setattr(module, name, original)


def _noting_lost_space(next_line):
    """Mark the last text box of a line that ends at a space: the line drops it and the next one skips it.

    ``get_next_linebox`` makes one line of a block from ``skip_stack`` to ``resume_at`` in the
    block's whole inline content (``linebox``), so the characters on either side of the break
    are known: WeasyPrint removes a space there in several places (``split_text_box``,
    ``remove_last_whitespace``, ``skip_first_whitespace``), and none of them is in the line.
    """

    def get_next_linebox(context, linebox, *args):
        line, resume_at = next_line(context, linebox, *args)
        if line is not None and resume_at is not None:
            source, end = _source(linebox), _offset(linebox, resume_at)
            if " " in source[max(end - 1, 0) : end + 1]:
                box = line
                while isinstance(box, (boxes.LineBox, boxes.InlineBox)) and box.children:
                    box = box.children[-1]
                if isinstance(box, boxes.TextBox) and not box.text.endswith(" "):
                    setattr(box, LOST_SPACE, True)
        return line, resume_at

    return get_next_linebox


def _source(box) -> str:
    """The text of a line's inline content, one placeholder character for anything else."""
    if isinstance(box, boxes.TextBox):
        return box.text
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return "".join(_source(child) for child in box.children)
    return "\ufffc"


def _offset(box, skip_stack) -> int:
    """Where a skip stack (``{child index: child's stack}``, UTF-8 bytes in a text box) points in ``_source(box)``."""
    if skip_stack is None:
        return 0
    ((index, below),) = skip_stack.items()
    if isinstance(box, boxes.TextBox):
        return len(box.text.encode()[:index].decode("utf-8", "ignore"))
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        before = sum(len(_source(child)) for child in box.children[:index])
        return before + (_offset(box.children[index], below) if index < len(box.children) else 0)
    return 0


def _completing_pages(build):
    """Build each page's structure as WeasyPrint does, then complete it; margin boxes become artifacts.

    WeasyPrint calls ``_build_box_tree`` on the page box, then recursively on every box through
    its module global, so the wrapper sees both: a margin box is never built (its MCIDs are
    taken from ``tags`` so that WeasyPrint's check that none is left holds), and the page's
    MCIDs are read from ``tags`` before WeasyPrint pops them.
    """

    def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        if isinstance(box, boxes.MarginBox):
            _margin_artifacts(box, pdf, page_number, tags)
            return
        if not isinstance(box, boxes.PageBox):
            yield from build(box, parent, pdf, page_number, nums, annotations, tags)
            return
        mcids = {b: t["mcid"] for b, t in tags.items()}  # WeasyPrint pops them while it builds
        elements = list(build(box, parent, pdf, page_number, nums, annotations, tags))
        for mcid in range(max(nums, default=-1)):
            nums.setdefault(mcid, b"null")  # a margin box's MCID no element holds, before others
        doc_lang = pdf.catalog["Lang"].string if "Lang" in pdf.catalog else ""
        _complete_text(box, pdf, nums, mcids, doc_lang)
        yield from elements

    return _build_box_tree


def _obj(pdf: pydyf.PDF, reference: bytes):
    return pdf.objects[int(reference.split()[0])]


def _descendants(box) -> Iterator:
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _margin_artifacts(box, pdf: pydyf.PDF, page_number: int, tags: dict) -> None:
    """Turn the margin box's marked content into a pagination artifact, with no structure element."""
    mcids = {tags.pop(b)["mcid"] for b in _descendants(box) if b in tags}
    if not mcids:
        return
    properties = pydyf.Dictionary({"Type": "/Pagination"})
    if subtype := PAGINATION.get(box.at_keyword.removeprefix("@").split("-")[0]):
        properties["Subtype"] = subtype
    stream = _obj(pdf, _obj(pdf, pdf.page_references[page_number])["Contents"]).stream
    found = set()
    for i, item in enumerate(stream):
        if isinstance(item, pydyf.Dictionary) and item.get("MCID") in mcids and stream[i + 1 : i + 2] == [b"BDC"]:
            found.add(item["MCID"])
            stream[i - 1], stream[i] = "/Artifact", properties
    if found != mcids:
        raise RuntimeError(f"page {page_number + 1}: the margin box's marked content {sorted(mcids - found)} was not found")


def _complete_text(page, pdf: pydyf.PDF, nums: dict, mcids: dict, doc_lang: str) -> None:
    """Give each element of the page's text its /Lang when it differs from the document's, and its
    /ActualText when the drawn text lacks a space."""
    by_element: dict[bytes, list] = {}
    owners: dict[bytes, object] = {}
    for box, lang, owner in _text_boxes(page, doc_lang, None):
        mcid = mcids.get(box)
        if mcid is None or nums.get(mcid, b"null") == b"null":
            continue
        by_element.setdefault(nums[mcid], []).append((mcid, box, lang))
        owners[nums[mcid]] = owner
    for reference, texts in by_element.items():
        element = _obj(pdf, reference)
        langs = {lang for _, _, lang in texts}
        if len(langs) == 1 and (lang := langs.pop()).lower() != doc_lang.lower():
            element["Lang"] = pydyf.String(lang)
        owner = owners[reference]
        own = owner.element.get("lang") if owner is not None and owner.element is not None else None
        if own and list(element["K"]) == [texts[0][0]]:  # one text box's element: its parent is the owner's
            _obj(pdf, element["P"])["Lang"] = pydyf.String(own)
        if any(_said(box) != _drawn(box) for _, box, _ in texts):
            actual = _actual_text(pdf, element, {mcid: box for mcid, box, _ in texts})
            if actual is not None:
                element["ActualText"] = pydyf.String(actual)


def _said(box) -> str:
    """The box's text as it reads, with the space its line break dropped."""
    return box.text + " " * getattr(box, LOST_SPACE, False)


def _drawn(box) -> str:
    """The text WeasyPrint draws for the box: none for spaces only."""
    return box.text if box.text.strip(" ") else ""


def _actual_text(pdf: pydyf.PDF, element, boxes_by_mcid: dict) -> str | None:
    """The element's text as it reads, when the element holds only text boxes (and link annotations)."""
    parts = []
    for kid in element["K"]:
        if isinstance(kid, int) and kid in boxes_by_mcid:
            parts.append(_said(boxes_by_mcid[kid]))
        elif not (isinstance(kid, bytes) and _obj(pdf, kid).get("Type") == "/OBJR"):
            return None
    return "".join(parts)


def _text_boxes(box, lang: str, owner) -> Iterator[tuple]:
    """Each text box of the page with its language and its owner (the box whose structure element holds it)."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.TextBox):
        yield box, lang, owner
        return
    if box.element is not None and (own := box.element.get("lang")):
        lang = own
    if not isinstance(box, boxes.LineBox) and not isinstance(box, boxes.PageBox):
        owner = box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, lang, owner)
