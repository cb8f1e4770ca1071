"""Language links and the head's hreflang, title and Open Graph tags (see callguide.links, callguide.seo)."""
from __future__ import annotations

from urllib.parse import urlsplit

from build_state import STATE
from i18n_adapter import language, page_path

from callguide.links import add_language_link, relative_alternates
from callguide.seo import add_head_tags


def on_post_page(output, page, config):
    lang = language(config)
    path = page_path(page, config)
    base_path = urlsplit(config.site_url).path if config.site_url else "/"
    output = add_language_link(relative_alternates(output, path, base_path), lang)
    key = path.removeprefix(f"{lang}/") if lang != STATE.default_language else path
    title = config.site_name if page.is_homepage else page.title
    description = (page.meta or {}).get("description") or config.site_description
    return add_head_tags(output, lang=lang, key=key, title=title,
                         description=description, site_name=config.site_name, site_url=config.site_url)
