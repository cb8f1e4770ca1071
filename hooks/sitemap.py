"""Give each language root a sitemap.xml.

Material's JavaScript fetches ``sitemap.xml`` next to each language's root (from the
``link rel=alternate`` tags) to switch language in place; static-i18n writes only the
one at the site root, so the English fetch would 404. The English root gets a copy.
"""
from __future__ import annotations

from callguide.assets_out import write_if_changed
from callguide.site import STATE, current_language, output_dir


def on_post_build(config):
    if current_language(config) == STATE.default_language:
        return
    here = output_dir(config)
    root = here.parent
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        source = root / name
        if source.exists():
            write_if_changed(here / name, source.read_bytes())
