"""What search engines and link previews read in a page's head: title, hreflang, Open Graph.

Pure string work on the HTML the theme wrote; the hook passes the page's language, its path
under the language root (``budget/``, ``''`` for home) and the public address.

- ``<title>``: "page – site name" (the theme writes a hyphen), the site name alone on the home page.
- hreflang alternates (ja, en, x-default → Japanese) as absolute addresses, only when the public
  address (``site_url``) is known: relative hreflang is invalid, so without it there are none (the
  theme's relative ones are dropped in callguide.links). Material's JavaScript fetches
  ``sitemap.xml`` next to every ``link[rel=alternate]`` (404 for inner pages, and its own language
  switch then jumps to the wrong page); assets/hreflang.js hides the links from it.
- Open Graph: og:title, og:description, og:type, og:locale (+ alternate), og:site_name, and og:url
  when the public address is known.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from .languages import CODES, DEFAULT, LANGUAGES, language


def page_address(site_url: str, lang: str, key: str) -> str:
    """The absolute address of the page ``key`` (``budget/``) in ``lang``."""
    base = site_url.rstrip("/") + "/"
    return base + language(lang).prefix + key


def head_tags(*, lang: str, key: str, title: str, description: str, site_name: str, site_url: str | None) -> Markup:
    """The tags added to the head; every value is escaped (``str`` in, Markup kept as is)."""
    tags = []
    if site_url:
        for hreflang in CODES:
            tags.append(f'<link rel="alternate" hreflang="{hreflang}" href="{escape(page_address(site_url, hreflang, key))}">')
        tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(page_address(site_url, DEFAULT.code, key))}">')
    og = {"og:type": "website", "og:site_name": site_name, "og:title": title, "og:description": description, "og:locale": language(lang).og_locale}
    if site_url:
        og["og:url"] = page_address(site_url, lang, key)
    tags += [f'<meta property="{name}" content="{escape(value)}">' for name, value in og.items()]
    tags += [f'<meta property="og:locale:alternate" content="{other.og_locale}">' for other in LANGUAGES if other.code != lang]
    return Markup("\n".join(tags))


_TITLE = re.compile(r"<title>(?P<inner>.*?)</title>", re.S)


def add_head_tags(html: str, *, lang: str, key: str, title: str, description: str, site_name: str, site_url: str | None) -> str:
    """Retitle the page "page – site name" and add :func:`head_tags` after the title."""
    name = str(escape(site_name))

    def retitle(m: re.Match) -> str:
        inner = m["inner"]
        if inner.endswith(f" - {name}"):
            inner = inner[: -len(name) - 3] + f" – {name}"
        tags = head_tags(lang=lang, key=key, title=title, description=description, site_name=site_name, site_url=site_url)
        return f"<title>{inner}</title>\n{tags}"

    return _TITLE.sub(retitle, html, count=1)
