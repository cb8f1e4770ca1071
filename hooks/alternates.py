"""Relative language links on every page (see callguide.links)."""
from __future__ import annotations

from urllib.parse import urlsplit

from callguide.links import relative_alternates
from callguide.site import STATE, current_language


def on_post_page(output, page, config):
    lang = current_language(config)
    path = page.url if lang == STATE.default_language or page.url.startswith(f"{lang}/") else f"{lang}/{page.url}"
    base_path = urlsplit(config.site_url).path if config.site_url else "/"
    return relative_alternates(output, path, base_path)
