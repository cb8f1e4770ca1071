"""Links that work at any base path.

Language links: make root-absolute language links relative.

Also drops the theme's ``link rel=alternate`` tags from page heads (relative on inner pages,
which is invalid hreflang); callguide.seo writes absolute ones when the public address is known.

static-i18n writes the language alternates of the home pages as ``/`` and ``/en/``
(from ``site_url``); served under ``/guide/`` those point outside the site, and
Material's language switch then fetches ``/sitemap.xml`` from the wrong place.
"""
from __future__ import annotations

import posixpath
import re

from .languages import BY_CODE

_ALTERNATE = re.compile(r'(<a\s+href=")(/[^"]*)("[^>]*\bhreflang=)')
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def _drop_head_alternates(html: str) -> str:
    """The page without the theme's ``<link rel="alternate">`` tags, each with the white space before it.

    The same as substituting ``\\s*<link …>``, but a pattern that starts with white space is tried at
    every white space of the page (half a millisecond a page); one that starts with ``<link`` is
    found by a fast search for its literal start.
    """
    out, at = [], 0
    for m in _HEAD_ALTERNATE.finditer(html):
        out.append(html[at : m.start()].rstrip())
        at = m.end()
    if not out:
        return html
    out.append(html[at:])
    return "".join(out)


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

    return _ALTERNATE.sub(fix, _drop_head_alternates(html))


# --- links to files at a language's root ------------------------------------------------
# Links to files at a language's root (checklist.pdf, calendar.ics) from any page.
# 
# A block does not know the page it lands on, so it writes ``ROOT`` before the file
# name; the page hook swaps it for the relative way up to the language root.
# Relative links keep working when the site is served under any base path.

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


# --- the other language, by name, in the header ---------------------------------------------------

_SELECT = '<div class="md-header__option">\n  <div class="md-select">'
_SELECT_LINK = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)"[^>]*class="md-select__link"')


def add_language_link(html: str, lang: str) -> str:
    """Put a link to this page in the other language, named in that language, in the header before the theme's 文A menu.

    The menu's icon says nothing to a reader who cannot read the page; "English" (or "日本語") does.
    The link goes where the menu's entry for that language goes (the same page, relative).
    """
    at = html.find(_SELECT)
    if at < 0:
        return html
    links = []
    for m in _SELECT_LINK.finditer(html, at):
        if m[2] != lang and m[2] in BY_CODE:
            links.append(f'<a href="{m[1]}" hreflang="{m[2]}" lang="{m[2]}" class="md-header__button cg-lang-link">{BY_CODE[m[2]].own_name}</a>\n    ')
    return html[:at] + "".join(links) + html[at:]
