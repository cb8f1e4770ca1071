"""Make root-absolute language links relative, so the site works at any base path.

Also drops the ``link rel=alternate`` tags from page heads: Material's JavaScript fetches
``sitemap.xml`` next to each of them, which 404s for every inner page; the language
switcher keeps the page anyway, and hreflang pairs are in sitemap.xml.

static-i18n writes the language alternates of the home pages as ``/`` and ``/en/``
(from ``site_url``); served under ``/guide/`` those point outside the site, and
Material's language switch then fetches ``/sitemap.xml`` from the wrong place.
"""
from __future__ import annotations

import posixpath
import re

_ALTERNATE = re.compile(r'(<a\s+href=")(/[^"]*)("[^>]*\bhreflang=)')
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def relative_alternates(html: str, page_path: str, base_path: str = "/") -> str:
    """Rewrite ``href="/…"`` of hreflang links relative to the page at ``page_path`` (e.g. ``en/budget/``).

    ``base_path`` is the path of ``site_url`` (``/aspire/`` for https://host/aspire/): links start with it.
    """
    here = "/" + page_path.lstrip("/")
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"

    def fix(m: re.Match) -> str:
        target = "/" + m.group(2)[len(prefix):] if m.group(2).startswith(prefix) else m.group(2)
        rel = posixpath.relpath(target, base)
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return f"{m.group(1)}{'./' if rel == './' or rel == '.' else rel}{m.group(3)}"

    return _ALTERNATE.sub(fix, _HEAD_ALTERNATE.sub("", html))
