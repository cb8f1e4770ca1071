"""What our own CSS and JavaScript weigh as a reader downloads them: per built page, not per folder.

The budget "our own CSS+JS ≤ 10 KB gzipped" is about what one page costs its reader. Each page
loads only the files of the blocks it holds (``page_assets``), so summing every file in
``assets/callguide/`` counts files no page loads together. Here each built page (both languages,
archived years too) is read for the stylesheets and scripts under ``assets/callguide/`` it links,
each file gzipped on its own (a browser fetches and decompresses them one by one), and summed.
Used by ``tools/bench.py`` (the figures) and the tests (no page loads a file the site lacks).
"""
from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

OWN = "assets/callguide/"
# <link rel="stylesheet" href="…"> and <script src="…">, as MkDocs and Material write them.
_ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def gz(data: bytes) -> int:
    """The gzip size at level 9 (what a static host or CDN sends at best), mtime 0."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_name(page: Path, site: Path) -> str:
    """A page's path from the site root as a reader sees it: ``en/planner/`` for ``en/planner/index.html``."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html") or "/"


def loaded_refs(html: str) -> list[str]:
    """The local stylesheets and scripts a page links, without query or fragment, in page order."""
    refs = (ref.split("?")[0].split("#")[0] for ref in _ASSET.findall(html))
    return [ref for ref in refs if ref and not ref.startswith(("http:", "https:", "//", "data:"))]


def own_files(page: Path, site: Path) -> list[str]:
    """Our own files the page loads, as paths from the site root (``en/assets/callguide/site.css``).

    A root-relative link (the 404 pages') is read from the site root: right for a site built without
    a sub-path in ``SITE_URL``, as the bench and the tests build it.
    """
    here = page.parent.relative_to(site).as_posix()
    out = []
    for ref in loaded_refs(page.read_text(encoding="utf-8")):
        path = ref.lstrip("/") if ref.startswith("/") else posixpath.normpath(posixpath.join(here, ref))
        if f"/{OWN}" in f"/{path}":
            out.append(path)
    return out


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site."""
    return sorted(site.rglob("*.html"))


def own_weight(site: Path) -> dict:
    """The gzip bytes of our own CSS+JS per page: the largest set (the page named), the home pages',
    and, as information, every file in the root's ``assets/callguide/`` summed (no page loads them all)."""
    sizes: dict[str, int] = {}

    def size(path: str) -> int:
        if path not in sizes:
            sizes[path] = gz((site / path).read_bytes())
        return sizes[path]

    per_page = {}
    for page in built_pages(site):
        files = own_files(page, site)
        per_page[page_name(page, site)] = {"total": sum(size(f) for f in files), "files": {posixpath.basename(f): size(f) for f in files}}
    largest = max(per_page, key=lambda name: per_page[name]["total"])
    tied = [name for name, row in sorted(per_page.items()) if row["total"] == per_page[largest]["total"] and name != largest]
    folder = site / "assets" / "callguide"
    every = sorted(p for p in folder.iterdir() if p.suffix in (".css", ".js")) if folder.is_dir() else []
    return {
        "largest_page": {"page": largest, "same_set": tied, **per_page[largest]},
        "home": {lang: per_page[name] for lang, name in (("ja", "/"), ("en", "en/")) if name in per_page},
        "pages": len(per_page),
        "every_file": {"total": sum(gz(p.read_bytes()) for p in every), "files": {p.name: gz(p.read_bytes()) for p in every}},
        "per_page": {name: row["total"] for name, row in sorted(per_page.items())},
    }
