"""Turns checklist HTML into a PDF file in another process, while the pages build.

WeasyPrint takes about a second per PDF and its import another half; in a worker
process (started fresh, importing only WeasyPrint) that runs on the second core while
MkDocs builds both languages, so an empty cache costs little more than a full one.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path


def render_pdf(html: str, created: date) -> bytes:
    """HTML to PDF bytes: tagged for accessibility, title and language in the metadata, fixed dates."""
    import weasyprint  # lazily: importing costs ~0.6 s, and most builds do not need it

    document = weasyprint.HTML(string=html, base_url=".").render()
    stamp = f"{created.isoformat()}T00:00:00Z"
    document.metadata.created = stamp
    document.metadata.modified = stamp
    return document.write_pdf(pdf_tags=True, pdf_identifier=b"callguide-checklist")


def import_weasyprint() -> None:
    """Run first in a fresh worker, while the main process is still checking the data."""
    import weasyprint  # noqa: F401


def render_to_file(html: str, created: date, target: str) -> str:
    """Render and write ``target`` atomically (a reader never sees half a PDF); return its path."""
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(render_pdf(html, created))
    partial.replace(path)
    return target
