"""Links to files at a language's root (checklist.pdf, calendar.ics) from any page.

A block does not know the page it lands on, so it writes ``ROOT`` before the file
name; the page hook swaps it for the relative way up to the language root.
Relative links keep working when the site is served under any base path.
"""
from __future__ import annotations

import posixpath

ROOT = "cg-root:"


def root_href(name: str) -> str:
    return ROOT + name


def resolve(html: str, page_url: str, lang_prefix: str) -> str:
    """Replace ``ROOT`` with the path from ``page_url`` (e.g. ``en/checklist/``) up to ``lang_prefix`` (``en/`` or ``''``)."""
    if ROOT not in html:
        return html
    here = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    up = posixpath.relpath(lang_prefix.rstrip("/") or ".", here or ".")
    prefix = "" if up == "." else up + "/"
    return html.replace(ROOT, prefix)
