"""Turns checklist HTML into a PDF file in another process, while the pages build.

WeasyPrint takes about a second per PDF and its import another half; in a worker
process (started fresh, importing only WeasyPrint) that runs on the second core while
MkDocs builds both languages, so an empty cache costs little more than a full one.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path


def render_pdf(html: str, created: date) -> bytes:
    """HTML to PDF bytes toward PDF/UA-1, with fixed dates and a fixed identifier (the same bytes for the same HTML).

    WeasyPrint's ``pdf/ua-1`` variant tags the PDF and writes the XMP metadata (``dc:title``,
    ``pdfuaid:part`` 1); ``pdf_tags.tagging`` adds what its tags leave out (pagination artifacts,
    the ``/Lang`` of other-language parts, the space at soft line breaks).
    """
    import weasyprint  # lazily: importing costs ~0.6 s, and most builds do not need it

    from .pdf_tags import tagging

    with tagging():
        document = weasyprint.HTML(string=html, base_url=".").render()
        stamp = f"{created.isoformat()}T00:00:00Z"
        document.metadata.created = stamp
        document.metadata.modified = stamp
        return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"callguide-checklist")


def import_weasyprint() -> None:
    """Run first in a fresh worker, while the main process is still checking the data."""
    import weasyprint  # noqa: F401


def render_to_file(html: str, created: date, target: str) -> bytes:
    """Render, keep as the cache entry ``target`` (verified, written atomically; a cache that cannot be
    written is skipped) and return the PDF's bytes, which the build writes whatever the cache holds."""
    from .cache import Store

    path = Path(target)
    pdf = render_pdf(html, created)
    Store(path.parent).write(path.name, pdf)
    return pdf
